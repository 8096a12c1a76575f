// A32 branches and exception-generating instructions (ARM ARM A8.8.18 B, A8.8.25 BL/BLX,
// A8.8.27 BX, A8.8.28 BXJ, A8.8.24 BKPT, A8.8.228 SVC, B9.3.4 HVC, B9.3.14 SMC, A8.8.247 UDF).
import { rreg, wreg, branchWritePC, bxWritePC, isPrivileged, isThumb } from "../../cpu";
import { takeSVC, takeBkpt } from "../../exceptions/a32-entry";
import { semihostingEnabled, semihostingCall, semihostingTrapIgnored } from "../semihosting";
import { lpaeEnabled } from "../../mmu/walk-lpae";
import { sysregRead, sysregWrite, sysregUndef } from "../../generated/sysregs";
import { psciConduitCall, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC } from "../psci";

@inline function branchOffset(insn: u32): u32 { return <u32>((<i32>(insn << 8)) >> 6); }

export function B(insn: u32): bool {
  branchWritePC(rreg(15) + branchOffset(insn));
  return true;
}

export function BL_imm(insn: u32): bool {
  const pc = rreg(15);
  wreg(14, pc - 4);
  branchWritePC(pc + branchOffset(insn));
  return true;
}

export function BX(insn: u32): bool {
  bxWritePC(rreg(insn & 0xf));
  return true;
}

/** No Jazelle: BXJ behaves as BX (the trivial implementation, as QEMU). */
export function BXJ(insn: u32): bool {
  bxWritePC(rreg(insn & 0xf));
  return true;
}

export function BLX_reg(insn: u32): bool {
  const target = rreg(insn & 0xf); // read before LR is written (Rm may be r14)
  wreg(14, rreg(15) - 4);
  bxWritePC(target);
  return true;
}

/** SVC; SVC #0x123456 is the A32 semihosting trap when semihosting is on (privileged modes only, as QEMU). */
export function SVC(insn: u32): bool {
  if ((insn & 0xffffff) == 0x123456 && isPrivileged()) {
    if (semihostingEnabled) { semihostingCall(); return true; }
    semihostingTrapIgnored(insn);
  }
  takeSVC(insn & 0xffff);
  return true;
}

/** DBGDSCRext (cp14 0, c0, c2, 2): QEMU records the method of entry (MOE) of a BKPT there. */
const KEY_DBGDSCR_EXT: u32 = (14 << 16) | (0 << 11) | (2 << 7) | (0 << 3) | 2;

/** BKPT: a prefetch abort with the debug-event fault status (QEMU: no halting debug). */
export function BKPT(insn: u32): bool {
  const dscr = <u32>sysregRead(KEY_DBGDSCR_EXT, false);
  if (!sysregUndef) sysregWrite(KEY_DBGDSCR_EXT, false, <u64>((dscr & ~0x3c) | (3 << 2))); // MOE = BKPT
  const imm16 = isThumb() ? insn & 0xff : ((insn >>> 4) & 0xfff0) | (insn & 0xf);
  takeBkpt(lpaeEnabled() ? (1 << 9) | 0x22 : 0x02, imm16);
  return true;
}

/** HLT #0xF000 is the A32 semihosting trap (QEMU accepts it on v7); otherwise UNDEFINED (no halting debug). */
export function HLT(insn: u32): bool {
  const imm = ((insn >>> 4) & 0xfff0) | (insn & 0xf);
  if (imm == 0xf000 && isPrivileged()) {
    if (semihostingEnabled) { semihostingCall(); return true; }
    semihostingTrapIgnored(insn);
  }
  return false;
}

/** No EL2 on this CPU: HVC is UNDEFINED, unless it is the board's PSCI conduit (QEMU virt). */
export function HVC(insn: u32): bool { return psciConduitCall(PSCI_CONDUIT_HVC); }

/** No EL3 on this CPU: SMC is UNDEFINED, unless it is the board's PSCI conduit. */
export function SMC(insn: u32): bool { return psciConduitCall(PSCI_CONDUIT_SMC); }

export function UDF(insn: u32): bool { return false; }
