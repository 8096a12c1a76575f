// One lane of an AdvSIMD FP two-operand operation, single or double, as QEMU 7.2's A64 helpers
// compute it: FMULX/FRECPS/FRSQRTS squash denormal inputs and special-case Inf * 0; FRECPS and
// FRSQRTS are fused (unlike AArch32's VRECPS) and negate the first operand first, so its NaN
// comes out sign-flipped; FABD clears the sign of whatever the subtraction gave (NaNs too).
import { mulAdd, mul, addSub, div } from "../../fp/arith";
import { compareRel, maxMin, maxMinNum } from "../../fp/compare";
import { fz, raise } from "../../fp/core";
import { FP_IDC } from "../../fp/fpst";

export const L_ADD = 0, L_SUB = 1, L_MUL = 2, L_DIV = 3, L_MAX = 4, L_MIN = 5, L_MAXNM = 6, L_MINNM = 7,
  L_MLA = 8, L_MLS = 9, L_ABD = 10, L_MULX = 11, L_RECPS = 12, L_RSQRTS = 13,
  L_CMEQ = 14, L_CMGE = 15, L_CMGT = 16, L_ACGE = 17, L_ACGT = 18;

/** FZ input squashing as QEMU's float*_squash_input_denormal (IDC). */
function squash(x: u64, m: i32, eb: i32): u64 {
  const sb = <u64>1 << <u64>(m + eb);
  if (fz() && (x & ((sb - 1) ^ ((<u64>1 << <u64>m) - 1))) == 0 && (x & ((<u64>1 << <u64>m) - 1)) != 0) {
    raise(FP_IDC);
    return x & sb;
  }
  return x;
}

/** a op b (d: the accumulator of FMLA/FMLS) on a value of m fraction bits and eb exponent bits. */
export function laneOp(op: i32, a: u64, b: u64, d: u64, m: i32, eb: i32): u64 {
  const sb = <u64>1 << <u64>(m + eb);
  const all: u64 = sb | (sb - 1);
  const inf: u64 = ((<u64>1 << <u64>eb) - 1) << <u64>m;
  const one: u64 = (inf >> 1) & inf; // exponent = bias, fraction 0
  switch (op) {
    case L_ADD: return addSub(a, b, false, m, eb);
    case L_SUB: return addSub(a, b, true, m, eb);
    case L_MUL: return mul(a, b, m, eb);
    case L_DIV: return div(a, b, m, eb);
    case L_MAX: return maxMin(a, b, true, m, eb);
    case L_MIN: return maxMin(a, b, false, m, eb);
    case L_MAXNM: return maxMinNum(a, b, true, m, eb);
    case L_MINNM: return maxMinNum(a, b, false, m, eb);
    case L_MLA: return mulAdd(d, a, b, m, eb);
    case L_MLS: return mulAdd(d, a ^ sb, b, m, eb);
    case L_ABD: return addSub(a, b, true, m, eb) & (sb - 1);
    case L_CMEQ: return compareRel(a, b, false, m, eb) == 0 ? all : 0;
    case L_CMGE: { const r = compareRel(a, b, true, m, eb); return r == 0 || r == 1 ? all : 0; }
    case L_CMGT: return compareRel(a, b, true, m, eb) == 1 ? all : 0;
    case L_ACGE: { const r = compareRel(a & (sb - 1), b & (sb - 1), true, m, eb); return r == 0 || r == 1 ? all : 0; }
    case L_ACGT: return compareRel(a & (sb - 1), b & (sb - 1), true, m, eb) == 1 ? all : 0;
    default: break;
  }
  // FMULX, FRECPS, FRSQRTS: Inf * 0 (after squashing) is special.
  let x = squash(a, m, eb);
  const y = squash(b, m, eb);
  if (op != L_MULX) x ^= sb;
  const infZero = ((x & (sb - 1)) == inf && (y & (sb - 1)) == 0) || ((y & (sb - 1)) == inf && (x & (sb - 1)) == 0);
  const two: u64 = one + (<u64>1 << <u64>m);
  if (op == L_MULX) return infZero ? ((x ^ y) & sb) | two : mul(x, y, m, eb);
  if (op == L_RECPS) return infZero ? two : mulAdd(two, x, y, m, eb);
  // FRSQRTS: (3 - a*b) / 2 with one rounding; Inf * 0 gives 1.5.
  const three: u64 = two | (<u64>1 << <u64>(m - 1));
  return infZero ? one | (<u64>1 << <u64>(m - 1)) : mulAdd(three, x, y, m, eb, -1);
}
