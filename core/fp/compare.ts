// FPCompare (VCMP/VCMPE), FPMax/FPMin (NaNs propagate) and FPMaxNum/FPMinNum (a quiet NaN
// loses to a number: A64 FMAXNM/FMINNM).
import { FP_IOC } from "./fpst";
import { CLS_ZERO, CLS_QNAN, CLS_SNAN, uSign, uCls, unpackFz, raise, pickNaN2, signBit } from "./core";

/** -1 less, 0 equal, 1 greater, 2 unordered. Operands flushed under FZ (IDC). */
export function compareRel(a: u64, b: u64, quietNaNsRaise: bool, m: i32, eb: i32): i32 {
  unpackFz(a, m, eb);
  const sA = uSign, cA = uCls;
  unpackFz(b, m, eb);
  const sB = uSign, cB = uCls;
  if (cA >= CLS_QNAN || cB >= CLS_QNAN) {
    if (quietNaNsRaise || cA == CLS_SNAN || cB == CLS_SNAN) raise(FP_IOC);
    return 2;
  }
  if (cA == CLS_ZERO && cB == CLS_ZERO) return 0;
  // Flushed operands compare as zero; otherwise sign-magnitude order of the bits.
  const sb = signBit(m, eb);
  const mA = cA == CLS_ZERO ? 0 : a & (sb - 1);
  const mB = cB == CLS_ZERO ? 0 : b & (sb - 1);
  const zA = mA == 0, zB = mB == 0;
  const nA = !zA && sA != 0, nB = !zB && sB != 0;
  if (nA != nB) return nA ? -1 : 1;
  if (mA == mB) return 0;
  const less = nA ? mA > mB : mA < mB;
  return less ? -1 : 1;
}

/** NZCV in bits 31..28: equal 0110, less 1000, greater 0010, unordered 0011. */
export function compareFlags(rel: i32): u32 {
  if (rel == 0) return 0x60000000;
  if (rel < 0) return 0x80000000;
  if (rel == 1) return 0x20000000;
  return 0x30000000;
}

/** FPMax (isMax) / FPMin: NaNs propagate as in arithmetic; max(+0,-0) = +0, min = -0. */
export function maxMin(a: u64, b: u64, isMax: bool, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  const sA = uSign, cA = uCls;
  unpackFz(b, m, eb);
  const sB = uSign, cB = uCls;
  if (cA >= CLS_QNAN || cB >= CLS_QNAN) return pickNaN2(a, cA, b, cB, m, eb);
  const sb = signBit(m, eb);
  // Flushed denormals take part as signed zeros.
  const xa = cA == CLS_ZERO ? (sA != 0 ? sb : 0) : a;
  const xb = cB == CLS_ZERO ? (sB != 0 ? sb : 0) : b;
  if (cA == CLS_ZERO && cB == CLS_ZERO) {
    return isMax ? (sA != 0 && sB != 0 ? sb : 0) : (sA != 0 || sB != 0 ? sb : 0);
  }
  const rel = compareRel(xa, xb, false, m, eb);
  if (isMax) return rel >= 0 ? xa : xb;
  return rel <= 0 ? xa : xb;
}

/** FPMaxNum (isMax) / FPMinNum: with one quiet NaN and one number, the number (flushed to a signed
 *  zero under FZ); otherwise as maxMin (a signalling NaN propagates, IOC). QEMU's minmax_isnum. */
export function maxMinNum(a: u64, b: u64, isMax: bool, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  const cA = uCls, sA = uSign;
  unpackFz(b, m, eb);
  const cB = uCls, sB = uSign;
  const aQ = cA == CLS_QNAN, bQ = cB == CLS_QNAN;
  if (aQ != bQ && cA != CLS_SNAN && cB != CLS_SNAN) {
    const sb = signBit(m, eb);
    if (aQ) return cB == CLS_ZERO ? (sB != 0 ? sb : 0) : b;
    return cA == CLS_ZERO ? (sA != 0 ? sb : 0) : a;
  }
  return maxMin(a, b, isMax, m, eb);
}
