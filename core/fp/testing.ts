// Test entry for the FP library (test/unit/core/fp): runs one operation on raw operands.
// Operation numbers are shared with test/unit/core/fp/gen/fpvec.c (the QEMU vector generator).
import { fpBegin, fpFlags } from "./fpst";
import * as F from "./ops";

let resHi: u32 = 0;

function lo(x: u64): u32 { resHi = <u32>(x >> 32); return <u32>x; }

/** Runs op with fpBegin(ctl); returns the low word of the result (high: fpTestHi, flags: fpTestFlags).
 *  Fixed-point ops take their parameters in b: bit 0 signed, bit 1 round to zero, bits 15..8 fracBits,
 *  bit 16 16-bit size. Conversions with a half side take AHP from ctl bit 26. */
export function fpTest(op: i32, aLo: u32, aHi: u32, bLo: u32, bHi: u32, cLo: u32, cHi: u32, ctl: u32): u32 {
  const a = (<u64>aHi << 32) | aLo, b = (<u64>bHi << 32) | bLo, c = (<u64>cHi << 32) | cLo;
  const ahp = (ctl & (1 << 26)) != 0;
  const sgn = (bLo & 1) != 0, rz = (bLo & 2) != 0, fb = <i32>((bLo >> 8) & 0xff), sz = (bLo & 0x10000) != 0 ? 16 : 32;
  fpBegin(ctl);
  resHi = 0;
  switch (op) {
    case 0: return F.fpAdd32(aLo, bLo);
    case 1: return F.fpSub32(aLo, bLo);
    case 2: return F.fpMul32(aLo, bLo);
    case 3: return F.fpDiv32(aLo, bLo);
    case 4: return F.fpSqrt32(aLo);
    case 5: return F.fpMulAdd32(aLo, bLo, cLo);
    case 6: return F.fpCompare32(aLo, bLo, false);
    case 7: return F.fpCompare32(aLo, bLo, true);
    case 8: return F.fpMax32(aLo, bLo);
    case 9: return F.fpMin32(aLo, bLo);
    case 10: return F.fpRecipEstimate32(aLo);
    case 11: return F.fpRSqrtEstimate32(aLo);
    case 12: return F.fpRecipStep32(aLo, bLo);
    case 13: return F.fpRSqrtStep32(aLo, bLo);
    case 14: return F.fpURecipEstimate32(aLo);
    case 15: return F.fpURSqrtEstimate32(aLo);
    case 16: return lo(F.fpAdd64(a, b));
    case 17: return lo(F.fpSub64(a, b));
    case 18: return lo(F.fpMul64(a, b));
    case 19: return lo(F.fpDiv64(a, b));
    case 20: return lo(F.fpSqrt64(a));
    case 21: return lo(F.fpMulAdd64(a, b, c));
    case 22: return F.fpCompare64(a, b, false);
    case 23: return F.fpCompare64(a, b, true);
    case 24: return lo(F.fp32To64(aLo));
    case 25: return F.fp64To32(a);
    case 26: return F.fp16To32(aLo, ahp);
    case 27: return F.fp32To16(aLo, ahp);
    case 28: return lo(F.fp16To64(aLo, ahp));
    case 29: return F.fp64To16(a, ahp);
    case 30: return F.fp32ToFixed(aLo, fb, sgn, rz, sz);
    case 31: return F.fp64ToFixed(a, fb, sgn, rz, sz);
    case 32: return F.fixedToFp32(aLo, fb, sgn, sz);
    case 33: return lo(F.fixedToFp64(aLo, fb, sgn, sz));
    case 34: return F.fpCompareEq32(aLo, bLo) ? 0xffffffff : 0;
    case 35: return F.fpCompareGe32(aLo, bLo) ? 0xffffffff : 0;
    case 36: return F.fpCompareGt32(aLo, bLo) ? 0xffffffff : 0;
    case 37: return F.fp32ToInt32(aLo, sgn, rz);
    case 38: return F.fp64ToInt32(a, sgn, rz);
    case 39: return F.intToFp32(aLo, sgn);
    case 40: return lo(F.intToFp64(aLo, sgn));
  }
  return 0;
}
export function fpTestHi(): u32 { return resHi; }
export function fpTestFlags(): u32 { return fpFlags; }
