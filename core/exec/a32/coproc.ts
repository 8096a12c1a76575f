// A32 coprocessor register transfers to cp14/cp15 (ARM ARM A8.8.98 MCR, A8.8.99 MCRR,
// A8.8.107 MRC, A8.8.108 MRRC) through the generated system-register dispatch. An unknown
// register, or one the current PL may not access, is UNDEFINED (sysregUndef); a NOP register
// (sysregNop) leaves the destination alone.
import { rreg, wreg, isPrivileged, setNextPC, getCPSR, setFlagsFromWord } from "../../cpu";
import { sysregRead, sysregWrite, sysregUndef, sysregNop, sysregTrap } from "../../generated/sysregs";
import { el1IsAArch64, coprocTrapFromAArch32 } from "../../exceptions/aarch32-el0";

/** A failed access: under an AArch64 EL1 an access check that traps (CNTKCTL, PMUSERENR...)
 *  is taken to EL1 with the coprocessor syndrome; otherwise it is UNDEFINED (false). */
function refused(insn: u32, isRead: bool, is64: bool): bool {
  if (!sysregTrap || !el1IsAArch64()) return false;
  coprocTrapFromAArch32(insn, isRead, is64);
  return true;
}

/** dispatchKey (core/sysregs/defs/types.ts) of an MCR/MRC: cp, crn, crm, opc1, opc2. */
@inline function key32(insn: u32): u32 {
  return (((insn >>> 8) & 0xf) << 16) | (((insn >>> 16) & 0xf) << 11) | ((insn & 0xf) << 7) |
    (((insn >>> 21) & 7) << 3) | ((insn >>> 5) & 7);
}

/** dispatchKey of an MCRR/MRRC: cp, is64, crm, opc1 (crn = opc2 = 0). */
@inline function key64(insn: u32): u32 {
  return (((insn >>> 8) & 0xf) << 16) | (1 << 15) | ((insn & 0xf) << 7) | (((insn >>> 4) & 0xf) << 3);
}

/** r15 as a destination (UNPREDICTABLE for MRRC): QEMU's store_reg, a branch without interworking. */
function writeDest(t: u32, v: u32): void {
  if (t == 15) setNextPC(v & ~3);
  else wreg(t, v);
}

export function MCR(insn: u32): bool {
  sysregWrite(key32(insn), !isPrivileged(), <u64>rreg((insn >>> 12) & 0xf));
  return !sysregUndef || refused(insn, false, false);
}

export function MRC(insn: u32): bool {
  const v = <u32>sysregRead(key32(insn), !isPrivileged());
  if (sysregUndef) return refused(insn, true, false);
  if (sysregNop) return true; // QEMU ARM_CP_NOP: the read leaves Rt alone
  const t = (insn >>> 12) & 0xf;
  // Rt = 15 (APSR_nzcv): bits 31:28 go to the N Z C V flags (DBGDSCRint).
  if (t == 15) setFlagsFromWord((getCPSR() & 0x0fffffff) | (v & 0xf0000000));
  else wreg(t, v);
  return true;
}

export function MCRR(insn: u32): bool {
  const lo = rreg((insn >>> 12) & 0xf), hi = rreg((insn >>> 16) & 0xf);
  sysregWrite(key64(insn), !isPrivileged(), (<u64>hi << 32) | <u64>lo);
  return !sysregUndef || refused(insn, false, true);
}

export function MRRC(insn: u32): bool {
  const v = sysregRead(key64(insn), !isPrivileged());
  if (sysregUndef) return refused(insn, true, true);
  if (sysregNop) return true;
  writeDest((insn >>> 12) & 0xf, <u32>v);
  writeDest((insn >>> 16) & 0xf, <u32>(v >>> 32));
  return true;
}
