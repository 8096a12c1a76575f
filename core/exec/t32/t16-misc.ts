// 16-bit Thumb miscellaneous instructions (ARM ARM A6.2.5) and exception generation: SP
// adjustment, extends and byte reversal (the A32 media handlers), SETEND and CPS (the A32
// ones), hints, IT, BKPT, HLT, SVC, UDF.
import { isPrivileged } from "../../cpu";
import { takeSVC } from "../../exceptions/a32-entry";
import { dataProcessing, OP_ADD, OP_SUB } from "../a32/data-processing";
import { SXTH, SXTB, UXTH, UXTB, REV, REV16, REVSH } from "../a32/media";
import { CPS, SETEND } from "../a32/unconditional";
import { BKPT } from "../a32/branch";
import { NOP, YIELD, WFE, WFI, SEV } from "../a32/hints";
import { semihostingEnabled, semihostingCall, semihostingTrapIgnored } from "../semihosting";
import { startITBlock, itAdvanceBeforeException } from "./it-state";

// ---- SP adjustment: ADD/SUB SP, SP, #imm7 * 4 ----
export function T16_ADD_sp_imm(insn: u32): bool { return dataProcessing(OP_ADD, 13, 13, false, (insn & 0x7f) << 2); }
export function T16_SUB_sp_imm(insn: u32): bool { return dataProcessing(OP_SUB, 13, 13, false, (insn & 0x7f) << 2); }

// ---- extend and reverse: the A32 forms (Rd [15:12], Rm [3:0], rotation 0) ----
@inline function dm(base: u32, insn: u32): u32 { return base | ((insn & 7) << 12) | ((insn >>> 3) & 7); }
export function T16_SXTH(insn: u32): bool { return SXTH(dm(0xe6bf0070, insn)); }
export function T16_SXTB(insn: u32): bool { return SXTB(dm(0xe6af0070, insn)); }
export function T16_UXTH(insn: u32): bool { return UXTH(dm(0xe6ff0070, insn)); }
export function T16_UXTB(insn: u32): bool { return UXTB(dm(0xe6ef0070, insn)); }
export function T16_REV(insn: u32): bool { return REV(dm(0xe6bf0f30, insn)); }
export function T16_REV16(insn: u32): bool { return REV16(dm(0xe6bf0fb0, insn)); }
export function T16_REVSH(insn: u32): bool { return REVSH(dm(0xe6ff0fb0, insn)); }

// ---- processor state ----
/** SETEND: the A32 form has E in bit 9. */
export function T16_SETEND(insn: u32): bool { return SETEND(0xf1010000 | ((insn & 8) << 6)); }
/** CPSIE/CPSID A I F: the A32 form with imod = 1:disable and no mode change. */
export function T16_CPS(insn: u32): bool {
  return CPS(0xf1000000 | ((2 | ((insn >>> 4) & 1)) << 18) | ((insn & 7) << 6));
}

// ---- hints (WFE/SEV use the event register as in A32) ----
export function T16_NOP(insn: u32): bool { return NOP(insn); }
export function T16_YIELD(insn: u32): bool { return YIELD(insn); }
export function T16_WFE(insn: u32): bool { return WFE(insn); }
export function T16_WFI(insn: u32): bool { return WFI(insn); }
export function T16_SEV(insn: u32): bool { return SEV(insn); }

/** IT: ITSTATE = firstcond:mask; the Thumb step applies it from the next instruction on. */
export function T16_IT(insn: u32): bool {
  startITBlock(insn & 0xff);
  return true;
}

// ---- exception generating ----
/** BKPT: a prefetch abort (debug event), also inside an IT block whatever the condition. */
export function T16_BKPT(insn: u32): bool { return BKPT(insn); }

/** HLT #0x3c is the T32 semihosting trap (QEMU, also on v7; not from User mode); else UNDEFINED. */
export function T16_HLT(insn: u32): bool {
  if ((insn & 0x3f) == 0x3c && isPrivileged()) {
    if (semihostingEnabled) { semihostingCall(); return true; }
    semihostingTrapIgnored(insn);
  }
  return false;
}

/**
 * SVC; SVC #0xab is the Thumb semihosting trap (QEMU, privileged modes). The exception returns
 * to the next instruction, so the SPSR gets the advanced ITSTATE (QEMU, ARM ARM TakeSVCException).
 */
export function T16_SVC(insn: u32): bool {
  if ((insn & 0xff) == 0xab && isPrivileged()) {
    if (semihostingEnabled) { semihostingCall(); return true; }
    semihostingTrapIgnored(insn);
  }
  itAdvanceBeforeException();
  takeSVC(insn & 0xff);
  return true;
}

export function T16_UDF(insn: u32): bool { return false; }
