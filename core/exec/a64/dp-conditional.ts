// A64 conditional compare (CCMN/CCMP, register and 5-bit immediate) and conditional select
// (CSEL/CSINC/CSINV/CSNEG). Conditions 1110 and 1111 both mean "always".
import { setNzcv } from "../../cpu64";
import { field, condHolds } from "./common";
import { sf, rd, rn, rm, getReg, putReg } from "./dp-operands";
import { addWithCarry } from "./dp-flags";

/** If cond holds, flags of Rn + y (CCMN) or Rn - y (CCMP); otherwise NZCV = the nzcv field. */
@inline function condCompare(insn: u32, sub: bool, imm: bool): bool {
  const is64 = sf(insn);
  if (condHolds(field(insn, 12, 4))) {
    const y: u64 = imm ? <u64>field(insn, 16, 5) : getReg(rm(insn), is64);
    addWithCarry(is64, getReg(rn(insn), is64), sub ? ~y : y, sub ? 1 : 0, true);
  } else {
    setNzcv((insn & 15) << 28);
  }
  return true;
}

export function CCMN_reg(insn: u32): bool { return condCompare(insn, false, false); }
export function CCMN_imm(insn: u32): bool { return condCompare(insn, false, true); }
export function CCMP_reg(insn: u32): bool { return condCompare(insn, true, false); }
export function CCMP_imm(insn: u32): bool { return condCompare(insn, true, true); }

/** Rd = cond ? Rn : f(Rm), f = identity, +1, NOT, or negate. */
@inline function condSelect(insn: u32, invert: bool, increment: bool): bool {
  const is64 = sf(insn);
  let r: u64;
  if (condHolds(field(insn, 12, 4))) {
    r = getReg(rn(insn), is64);
  } else {
    r = getReg(rm(insn), is64);
    if (invert) r = ~r;
    if (increment) r += 1;
  }
  putReg(rd(insn), r, is64);
  return true;
}

export function CSEL(insn: u32): bool { return condSelect(insn, false, false); }
export function CSINC(insn: u32): bool { return condSelect(insn, false, true); }
export function CSINV(insn: u32): bool { return condSelect(insn, true, false); }
export function CSNEG(insn: u32): bool { return condSelect(insn, true, true); }
