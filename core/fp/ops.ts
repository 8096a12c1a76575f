// ARM floating-point operations on raw bit patterns (FPAdd, FPMul... of the ARM pseudocode).
// They read fpCtl (rounding, FZ, DN) and OR exception bits into fpFlags (core/fp/fpst.ts).
// The work is done by format-generic routines (m fraction bits, eb exponent bits) in arith.ts,
// compare.ts, convert.ts and estimate.ts; this file is the stable API.
import { addSub, mul, div, sqrt, mulAdd } from "./arith";
import { compareRel, compareFlags, maxMin, maxMinNum } from "./compare";
import { convert, toFixed, toFixedRM, fromFixed, fromFixed64 } from "./convert";
import { roundInt } from "./round-int";
import {
  recipEstimate32, rsqrtEstimate32, recipStep32, rsqrtStep32, uRecipEstimate32, uRSqrtEstimate32,
} from "./estimate";

export function fpAdd32(a: u32, b: u32): u32 { return <u32>addSub(a, b, false, 23, 8); }
export function fpSub32(a: u32, b: u32): u32 { return <u32>addSub(a, b, true, 23, 8); }
export function fpMul32(a: u32, b: u32): u32 { return <u32>mul(a, b, 23, 8); }
export function fpDiv32(a: u32, b: u32): u32 { return <u32>div(a, b, 23, 8); }
export function fpSqrt32(a: u32): u32 { return <u32>sqrt(a, 23, 8); }
/** Fused addend + a*b, one rounding (VFMA). */
export function fpMulAdd32(addend: u32, a: u32, b: u32): u32 { return <u32>mulAdd(addend, a, b, 23, 8); }

export function fpAdd64(a: u64, b: u64): u64 { return addSub(a, b, false, 52, 11); }
export function fpSub64(a: u64, b: u64): u64 { return addSub(a, b, true, 52, 11); }
export function fpMul64(a: u64, b: u64): u64 { return mul(a, b, 52, 11); }
export function fpDiv64(a: u64, b: u64): u64 { return div(a, b, 52, 11); }
export function fpSqrt64(a: u64): u64 { return sqrt(a, 52, 11); }
export function fpMulAdd64(addend: u64, a: u64, b: u64): u64 { return mulAdd(addend, a, b, 52, 11); }

/** NZCV in bits 31..28: equal 0110, less 1000, greater 0010, unordered 0011.
 *  quietNaNsRaise: VCMPE (IOC for any NaN); VCMP raises IOC only for a signalling NaN. */
export function fpCompare32(a: u32, b: u32, quietNaNsRaise: bool): u32 {
  return compareFlags(compareRel(a, b, quietNaNsRaise, 23, 8));
}
export function fpCompare64(a: u64, b: u64, quietNaNsRaise: bool): u32 {
  return compareFlags(compareRel(a, b, quietNaNsRaise, 52, 11));
}
/** Ordered comparisons for NEON VCEQ/VCGE/VCGT .F32 (quiet: VCEQ; signalling: VCGE/VCGT). */
export function fpCompareEq32(a: u32, b: u32): bool { return compareRel(a, b, false, 23, 8) == 0; }
export function fpCompareGe32(a: u32, b: u32): bool { const r = compareRel(a, b, true, 23, 8); return r == 0 || r == 1; }
export function fpCompareGt32(a: u32, b: u32): bool { return compareRel(a, b, true, 23, 8) == 1; }

export function fpMax32(a: u32, b: u32): u32 { return <u32>maxMin(a, b, true, 23, 8); }
export function fpMin32(a: u32, b: u32): u32 { return <u32>maxMin(a, b, false, 23, 8); }
export function fpMax64(a: u64, b: u64): u64 { return maxMin(a, b, true, 52, 11); }
export function fpMin64(a: u64, b: u64): u64 { return maxMin(a, b, false, 52, 11); }
/** FPMaxNum/FPMinNum (A64 FMAXNM/FMINNM): a quiet NaN against a number gives the number. */
export function fpMaxNum32(a: u32, b: u32): u32 { return <u32>maxMinNum(a, b, true, 23, 8); }
export function fpMinNum32(a: u32, b: u32): u32 { return <u32>maxMinNum(a, b, false, 23, 8); }
export function fpMaxNum64(a: u64, b: u64): u64 { return maxMinNum(a, b, true, 52, 11); }
export function fpMinNum64(a: u64, b: u64): u64 { return maxMinNum(a, b, false, 52, 11); }

/** FPRoundInt with rounding mode rm (RM_* or RM_TIEAWAY); exact raises IXC when inexact (FRINTX). */
export function fpRoundInt32(a: u32, rm: u32, exact: bool): u32 { return <u32>roundInt(a, 23, 8, rm, exact); }
export function fpRoundInt64(a: u64, rm: u32, exact: bool): u64 { return roundInt(a, 52, 11, rm, exact); }

export function fpRecipEstimate32(a: u32): u32 { return recipEstimate32(a); }
export function fpRSqrtEstimate32(a: u32): u32 { return rsqrtEstimate32(a); }
/** VRECPS: 2 - a*b (ARMv7: not fused, as QEMU). */
export function fpRecipStep32(a: u32, b: u32): u32 { return recipStep32(a, b); }
/** VRSQRTS: (3 - a*b) / 2 (ARMv7: not fused, as QEMU). */
export function fpRSqrtStep32(a: u32, b: u32): u32 { return rsqrtStep32(a, b); }
/** VRECPE.U32 / VRSQRTE.U32. */
export function fpURecipEstimate32(a: u32): u32 { return uRecipEstimate32(a); }
export function fpURSqrtEstimate32(a: u32): u32 { return uRSqrtEstimate32(a); }

export function fp32To64(a: u32): u64 { return convert(a, 23, 8, 52, 11, false, false, true); }
export function fp64To32(a: u64): u32 { return <u32>convert(a, 52, 11, 23, 8, false, false, true); }
/** Half precision (low 16 bits) to single/double; ahp = alternative half precision (FPSCR.AHP).
 *  Half inputs are never flushed (QEMU squashes FZ for these conversions). */
export function fp16To32(h: u32, ahp: bool): u32 { return <u32>convert(h & 0xffff, 10, 5, 23, 8, ahp, false, false); }
export function fp16To64(h: u32, ahp: bool): u64 { return convert(h & 0xffff, 10, 5, 52, 11, ahp, false, false); }
/** Single/double to half precision (result in the low 16 bits); half outputs are never flushed. */
export function fp32To16(a: u32, ahp: bool): u32 { return <u32>convert(a, 23, 8, 10, 5, false, ahp, true); }
export function fp64To16(a: u64, ahp: bool): u32 { return <u32>convert(a, 52, 11, 10, 5, false, ahp, true); }

/** FPToFixed with fracBits = 0: saturating, IOC on NaN (result 0) or out of range, IXC when inexact. */
export function fp32ToInt32(a: u32, signed: bool, roundZero: bool): u32 { return toFixed(a, 23, 8, 0, signed, roundZero, 32); }
export function fp64ToInt32(a: u64, signed: bool, roundZero: bool): u32 { return toFixed(a, 52, 11, 0, signed, roundZero, 32); }
/** Integer to FP, rounded per fpCtl. */
export function intToFp32(v: u32, signed: bool): u32 { return <u32>fromFixed(v, 0, signed, 32, 23, 8, false); }
export function intToFp64(v: u32, signed: bool): u64 { return fromFixed(v, 0, signed, 32, 52, 11, false); }
/** Fixed point with fracBits fraction bits; size 16 or 32 (16: result sign/zero-extended to 32 bits,
 *  input taken from the low 16 bits). fixedToFp* always round to nearest (AArch32 VCVT fixed, as QEMU);
 *  the float-to-fixed direction takes roundZero (VFP VCVT fixed: true). */
export function fp32ToFixed(a: u32, fracBits: i32, signed: bool, roundZero: bool, size: i32 = 32): u32 {
  return toFixed(a, 23, 8, fracBits, signed, roundZero, size);
}
export function fp64ToFixed(a: u64, fracBits: i32, signed: bool, roundZero: bool, size: i32 = 32): u32 {
  return toFixed(a, 52, 11, fracBits, signed, roundZero, size);
}
export function fixedToFp32(v: u32, fracBits: i32, signed: bool, size: i32 = 32): u32 {
  return <u32>fromFixed(v, fracBits, signed, size, 23, 8, true);
}
export function fixedToFp64(v: u32, fracBits: i32, signed: bool, size: i32 = 32): u64 {
  return fromFixed(v, fracBits, signed, size, 52, 11, true);
}

/** FPToFixed with an explicit rounding mode (RM_* or RM_TIEAWAY) to a 32- or 64-bit integer (size),
 *  returned sign- or zero-extended to 64 bits (A64 FCVT*S/U, with fracBits = 0 for integers). */
export function fp32ToFixedRM(a: u32, fracBits: i32, signed: bool, rm: u32, size: i32): u64 {
  return toFixedRM(a, 23, 8, fracBits, signed, rm, size);
}
export function fp64ToFixedRM(a: u64, fracBits: i32, signed: bool, rm: u32, size: i32): u64 {
  return toFixedRM(a, 52, 11, fracBits, signed, rm, size);
}
/** A 64-bit integer (two's complement when signed) / 2^fracBits, rounded per fpCtl (A64 SCVTF/UCVTF). */
export function fixed64ToFp32(v: u64, fracBits: i32, signed: bool): u32 { return <u32>fromFixed64(v, fracBits, signed, 23, 8); }
export function fixed64ToFp64(v: u64, fracBits: i32, signed: bool): u64 { return fromFixed64(v, fracBits, signed, 52, 11); }
