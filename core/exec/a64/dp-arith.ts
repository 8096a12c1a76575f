// A64 logical (shifted register), add/sub (shifted and extended register) and add/sub with
// carry (ARM ARM C4.1.68). Register 31 is XZR except in the extended forms, where it is SP for
// Rn and for the destination of ADD/SUB (not ADDS/SUBS).
import { flagC } from "../../cpu";
import { field } from "./common";
import {
  sf, rd, rn, rm, getReg, getRegSP, putReg, putRegSP, shiftReg, extendReg, trunc, SHIFT_ROR,
  logicOp, LOG_AND, LOG_ORR, LOG_EOR, LOG_ANDS,
} from "./dp-operands";
import { addWithCarry, logicFlags } from "./dp-flags";

/** Logical (shifted register); `invert` (bit 21) complements the shifted operand. */
@inline function logicalShift(insn: u32, op: u32, invert: bool): bool {
  const is64 = sf(insn);
  const amount = field(insn, 10, 6);
  if (!is64 && amount >= 32) return false;
  let y = shiftReg(getReg(rm(insn), is64), field(insn, 22, 2), amount, is64);
  if (invert) y = ~y;
  const x = getReg(rn(insn), is64);
  const r = trunc(logicOp(op, x, y), is64);
  if (op == LOG_ANDS) logicFlags(r, is64);
  putReg(rd(insn), r, is64);
  return true;
}

export function AND_shift(insn: u32): bool { return logicalShift(insn, LOG_AND, false); }
export function BIC_shift(insn: u32): bool { return logicalShift(insn, LOG_AND, true); }
export function ORR_shift(insn: u32): bool { return logicalShift(insn, LOG_ORR, false); }
export function ORN_shift(insn: u32): bool { return logicalShift(insn, LOG_ORR, true); }
export function EOR_shift(insn: u32): bool { return logicalShift(insn, LOG_EOR, false); }
export function EON_shift(insn: u32): bool { return logicalShift(insn, LOG_EOR, true); }
export function ANDS_shift(insn: u32): bool { return logicalShift(insn, LOG_ANDS, false); }
export function BICS_shift(insn: u32): bool { return logicalShift(insn, LOG_ANDS, true); }

/** x + y or x - y (as x + ~y + 1) at the width. */
@inline function addSub(is64: bool, x: u64, y: u64, sub: bool, flags: bool): u64 {
  return addWithCarry(is64, x, sub ? ~y : y, sub ? 1 : 0, flags);
}

/** Add/sub (shifted register): ROR and 32-bit shifts of 32 or more are UNDEFINED. */
@inline function addSubShift(insn: u32, sub: bool, flags: bool): bool {
  const is64 = sf(insn);
  const type = field(insn, 22, 2), amount = field(insn, 10, 6);
  if (type == SHIFT_ROR || (!is64 && amount >= 32)) return false;
  const y = shiftReg(getReg(rm(insn), is64), type, amount, is64);
  putReg(rd(insn), addSub(is64, getReg(rn(insn), is64), y, sub, flags), is64);
  return true;
}

export function ADD_shift(insn: u32): bool { return addSubShift(insn, false, false); }
export function ADDS_shift(insn: u32): bool { return addSubShift(insn, false, true); }
export function SUB_shift(insn: u32): bool { return addSubShift(insn, true, false); }
export function SUBS_shift(insn: u32): bool { return addSubShift(insn, true, true); }

/** Add/sub (extended register): a left shift (imm3) above 4 is UNDEFINED. */
@inline function addSubExt(insn: u32, sub: bool, flags: bool): bool {
  const is64 = sf(insn);
  const shift = field(insn, 10, 3);
  if (shift > 4) return false;
  const y = extendReg(getReg(rm(insn), true), field(insn, 13, 3), shift);
  const r = addSub(is64, getRegSP(rn(insn), is64), y, sub, flags);
  if (flags) putReg(rd(insn), r, is64); else putRegSP(rd(insn), r, is64);
  return true;
}

export function ADD_ext(insn: u32): bool { return addSubExt(insn, false, false); }
export function ADDS_ext(insn: u32): bool { return addSubExt(insn, false, true); }
export function SUB_ext(insn: u32): bool { return addSubExt(insn, true, false); }
export function SUBS_ext(insn: u32): bool { return addSubExt(insn, true, true); }

/** ADC/SBC: Rn + Rm + C, Rn + ~Rm + C. */
@inline function addSubCarry(insn: u32, sub: bool, flags: bool): bool {
  const is64 = sf(insn);
  const y = getReg(rm(insn), is64);
  putReg(rd(insn), addWithCarry(is64, getReg(rn(insn), is64), sub ? ~y : y, flagC(), flags), is64);
  return true;
}

export function ADC(insn: u32): bool { return addSubCarry(insn, false, false); }
export function ADCS(insn: u32): bool { return addSubCarry(insn, false, true); }
export function SBC(insn: u32): bool { return addSubCarry(insn, true, false); }
export function SBCS(insn: u32): bool { return addSubCarry(insn, true, true); }
