// A64 multiplies (ARM ARM C4.1.68 "Data-processing (3 source)"): MADD/MSUB at 32 or 64 bits,
// the widening SMADDL/SMSUBL/UMADDL/UMSUBL, and the high halves SMULH/UMULH (Ra ignored).
import { field } from "./common";
import { sf, rd, rn, rm, getReg, putReg } from "./dp-operands";

@inline function ra(insn: u32): u32 { return field(insn, 10, 5); }

/** Ra + Rn*Rm or Ra - Rn*Rm, wrapping at the width. */
@inline function mulAcc(insn: u32, sub: bool): bool {
  const is64 = sf(insn);
  const p = getReg(rn(insn), is64) * getReg(rm(insn), is64);
  const a = getReg(ra(insn), is64);
  putReg(rd(insn), sub ? a - p : a + p, is64);
  return true;
}

export function MADD(insn: u32): bool { return mulAcc(insn, false); }
export function MSUB(insn: u32): bool { return mulAcc(insn, true); }

/** Xa +/- Wn*Wm, the words sign- or zero-extended to 64 bits. */
@inline function mulAccLong(insn: u32, signed: bool, sub: bool): bool {
  const n = <u32>getReg(rn(insn), false), m = <u32>getReg(rm(insn), false);
  const p: u64 = signed ? <u64>(<i64><i32>n * <i64><i32>m) : <u64>n * <u64>m;
  const a = getReg(ra(insn), true);
  putReg(rd(insn), sub ? a - p : a + p, true);
  return true;
}

export function SMADDL(insn: u32): bool { return mulAccLong(insn, true, false); }
export function SMSUBL(insn: u32): bool { return mulAccLong(insn, true, true); }
export function UMADDL(insn: u32): bool { return mulAccLong(insn, false, false); }
export function UMSUBL(insn: u32): bool { return mulAccLong(insn, false, true); }

/** High 64 bits of the unsigned 128-bit product, from 32-bit partial products. */
function umulh(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >>> 32, bLo = b & 0xffffffff, bHi = b >>> 32;
  const lo = aLo * bLo, mid1 = aLo * bHi, mid2 = aHi * bLo;
  const carry = ((lo >>> 32) + (mid1 & 0xffffffff) + (mid2 & 0xffffffff)) >>> 32;
  return aHi * bHi + (mid1 >>> 32) + (mid2 >>> 32) + carry;
}

export function UMULH(insn: u32): bool {
  putReg(rd(insn), umulh(getReg(rn(insn), true), getReg(rm(insn), true)), true);
  return true;
}

/** Signed high half: the unsigned one corrected for each negative operand. */
export function SMULH(insn: u32): bool {
  const a = getReg(rn(insn), true), b = getReg(rm(insn), true);
  let r = umulh(a, b);
  if (<i64>a < 0) r -= b;
  if (<i64>b < 0) r -= a;
  putReg(rd(insn), r, true);
  return true;
}
