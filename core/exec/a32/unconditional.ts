// A32 unconditional instructions (cond = 1111).
import {
  rreg, wreg, regRaw, getSPSR, currentMode, isPrivileged, setThumb, setNextPC, excTaken,
} from "../../cpu";
import { read32, write32, F_ALIGN } from "../../mmu/memory";
import { STATE, S_CPSR_REST, S_BANK_USR, S_BANK_FIQ, S_BANK_IRQ, S_BANK_SVC, S_BANK_ABT, S_BANK_UND,
  MODE_USR, MODE_FIQ, MODE_IRQ, MODE_SVC, MODE_ABT, MODE_UND, MODE_SYS } from "../../state/layout";
import { cpsrWriteByInstr } from "./system";
import { exceptionReturn } from "../../exceptions/a32-return";
import { clearExclusiveMonitor } from "./exclusive";

// ---- branch and system instructions (branch/system helper) ----

/** BLX (immediate) from ARM: LR = next instruction, switch to Thumb, target = PC + imm24:H:0. */
export function BLX_imm(insn: u32): bool {
  const pc = rreg(15);
  wreg(14, pc - 4);
  const off = <u32>((<i32>(insn << 8)) >> 6) | ((insn >>> 23) & 2);
  setThumb(true);
  setNextPC(pc + off);
  return true;
}

/** Start offset from Rn and the writeback adjustment for DA, IA, DB, IB (P U bits), as QEMU. */
@inline function preOffset(pu: u32): u32 { return pu == 0 ? <u32>-4 : pu == 1 ? 0 : pu == 2 ? <u32>-8 : 4; }
@inline function postOffset(pu: u32): u32 { return pu == 0 ? <u32>-8 : pu == 1 ? 4 : pu == 2 ? <u32>-4 : 0; }

/** RFE body (shared with T32): n = Rn, pu = P:U (DA 0, IA 1, DB 2, IB 3), w = writeback. */
export function rfeOp(n: u32, pu: u32, w: bool): bool {
  if (!isPrivileged()) return false;
  const addr = rreg(n) + preOffset(pu);
  const pc = read32(addr, F_ALIGN);
  if (excTaken) return true;
  const psr = read32(addr + 4, F_ALIGN);
  if (excTaken) return true;
  if (w) wreg(n, addr + 4 + postOffset(pu)); // in the old mode's bank
  exceptionReturn(pc, psr);
  return true;
}

/** RFE: load PC and CPSR from memory and return (UNDEFINED in User mode, as QEMU). */
export function RFE(insn: u32): bool { return rfeOp((insn >>> 16) & 0xf, (insn >>> 23) & 3, (insn & (1 << 21)) != 0); }

/** Address of the r13 slot of `mode` (the live r13 when mode is current). */
function r13Slot(mode: u32): u32 {
  const cur = currentMode();
  if (mode == cur || ((mode == MODE_USR || mode == MODE_SYS) && (cur == MODE_USR || cur == MODE_SYS))) return STATE + 13 * 4;
  switch (mode) {
    case MODE_FIQ: return STATE + S_BANK_FIQ + 5 * 4;
    case MODE_IRQ: return STATE + S_BANK_IRQ;
    case MODE_SVC: return STATE + S_BANK_SVC;
    case MODE_ABT: return STATE + S_BANK_ABT;
    case MODE_UND: return STATE + S_BANK_UND;
    default: return STATE + S_BANK_USR + 5 * 4; // User/System
  }
}

/**
 * SRS: store LR and SPSR of the current mode to the stack of `mode`. QEMU UNDEFs the
 * UNPREDICTABLE cases: User or System mode, a mode this CPU lacks (Monitor, Hyp, reserved).
 */
export function SRS(insn: u32): bool { return srsOp(insn & 0x1f, (insn >>> 23) & 3, (insn & (1 << 21)) != 0); }

/** SRS body (shared with T32): mode = target mode, pu and w as for RFE. */
export function srsOp(mode: u32, pu: u32, w: bool): bool {
  const cur = currentMode();
  if (cur == MODE_USR || cur == MODE_SYS) return false;
  if (mode != MODE_USR && mode != MODE_FIQ && mode != MODE_IRQ && mode != MODE_SVC &&
      mode != MODE_ABT && mode != MODE_UND && mode != MODE_SYS) return false;
  const slot = r13Slot(mode);
  const addr = load<u32>(slot) + preOffset(pu);
  write32(addr, regRaw(14), F_ALIGN);
  if (excTaken) return true;
  write32(addr + 4, getSPSR(), F_ALIGN);
  if (excTaken) return true;
  if (w) store<u32>(slot, addr + 4 + postOffset(pu));
  return true;
}

/** CPS: change A/I/F and/or the mode; a NOP in User mode (QEMU). */
export function CPS(insn: u32): bool {
  // A I F sit at bits 8:6 as in the CPSR
  return cpsOp((insn >>> 18) & 3, (insn & (1 << 17)) != 0, insn & 0x1c0, insn & 0x1f);
}

/** CPS body (shared with T32): imod, M, the A I F bits in CPSR positions (8:6), the mode. */
export function cpsOp(imod: u32, m: bool, aif: u32, mode: u32): bool {
  if (!isPrivileged()) return true;
  let mask: u32 = 0, val: u32 = 0;
  if (imod & 2) {
    mask = aif;
    if (imod & 1) val = mask;
  }
  if (m) { mask |= 0x1f; val |= mode; }
  if (mask != 0) cpsrWriteByInstr(val, mask);
  return true;
}

/** SETEND: CPSR.E = E (allowed in User mode). */
export function SETEND(insn: u32): bool {
  const rest = load<u32>(STATE + S_CPSR_REST);
  store<u32>(STATE + S_CPSR_REST, (insn & (1 << 9)) ? rest | 0x200 : rest & ~0x200);
  return true;
}

export function CLREX(insn: u32): bool { clearExclusiveMonitor(); return true; }

/** Barriers: one CPU executing in order, memory is always coherent: nothing to do. */
export function DSB(insn: u32): bool { return true; }
export function DMB(insn: u32): bool { return true; }
export function ISB(insn: u32): bool { return true; }


// ---- preload hints (load/store helper) ----
// PLD, PLDW, PLI: hints with no architectural effect; QEMU treats them as NOPs (no access, no fault).
export function PLD_imm(insn: u32): bool { return true; }
export function PLDW_imm(insn: u32): bool { return true; }
export function PLI_imm(insn: u32): bool { return true; }
export function PLD_reg(insn: u32): bool { return true; }
export function PLDW_reg(insn: u32): bool { return true; }
export function PLI_reg(insn: u32): bool { return true; }
/** Unallocated memory hints (1111 0100 x001, 1111 0110 x001 ... bit 4 = 0): NOPs as in QEMU 7.2. */
export function MEMHINT_imm(insn: u32): bool { return true; }
export function MEMHINT_reg(insn: u32): bool { return true; }
