// FPRoundInt: a value rounded to an integral value in its own format (A64 FRINT*).
import { FP_IXC } from "./fpst";
import { CLS_ZERO, CLS_INF, CLS_QNAN, uSign, uExp, uSig, uCls, unpackFz, raise, quietNaN, zero, roundPack, normLeft, nSig, roundIntPart, intInexact } from "./core";

/** x rounded with rm (RM_* or RM_TIEAWAY); exact: IXC when the value changes (FRINTX).
 *  NaNs as in arithmetic; FZ flushes denormal inputs (IDC); a zero result keeps x's sign. */
export function roundInt(x: u64, m: i32, eb: i32, rm: u32, exact: bool): u64 {
  unpackFz(x, m, eb);
  const s = uSign, cls = uCls;
  if (cls >= CLS_QNAN) return quietNaN(x, cls, m, eb);
  if (cls == CLS_INF) return x;
  if (cls == CLS_ZERO) return zero(s, m, eb);
  if (uExp >= m) return x; // no fraction bits
  const ip = roundIntPart(s, uSig, uExp, rm);
  if (exact && intInexact) raise(FP_IXC);
  if (ip == 0) return zero(s, m, eb);
  // ip is exactly representable: packing it raises nothing.
  return roundPack(s, normLeft(ip, 62), nSig, m, eb, 0);
}
