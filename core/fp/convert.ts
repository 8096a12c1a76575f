// FPConvert between f16/f32/f64 (IEEE and alternative half precision), FPToFixed and FixedToFP.
import { FP_IOC, FP_IXC, RM_RZ, fpCtl } from "./fpst";
import {
  CLS_ZERO, CLS_NORMAL, CLS_INF, CLS_QNAN, CLS_SNAN, uSign, uExp, uSig, uCls, unpack, fz, dn, raise, rmode,
  roundPack, RP_NOFLUSH, RP_AHP, defaultNaN, infinity, normLeft, nSig, roundIntPart, intInexact,
} from "./core";

/** Converts x (format mi/ei) to format mo/eo. ahpIn/ahpOut: the half side is alternative half precision.
 *  flushIn: FZ flushes denormal inputs (not for half inputs); half outputs are never flushed. */
export function convert(x: u64, mi: i32, ei: i32, mo: i32, eo: i32, ahpIn: bool, ahpOut: bool, flushIn: bool): u64 {
  unpack(x, mi, ei, flushIn && fz());
  let cls = uCls;
  const s = uSign;
  let e = uExp, g = uSig;
  if (ahpIn && cls >= CLS_INF) {
    // AHP has no Inf/NaN: the top exponent is an ordinary one.
    cls = CLS_NORMAL;
    g = ((<u64>1 << <u64>mi) | (x & ((<u64>1 << <u64>mi) - 1))) << <u64>(62 - mi);
    e = (1 << ei) - 1 - ((1 << (ei - 1)) - 1);
  }
  const sb = <u64>s << <u64>(mo + eo);
  if (cls >= CLS_QNAN) {
    if (ahpOut) { raise(FP_IOC); return sb; }
    if (cls == CLS_SNAN) raise(FP_IOC);
    if (dn()) return defaultNaN(mo, eo);
    let f = x & ((<u64>1 << <u64>mi) - 1);
    f = mo >= mi ? f << <u64>(mo - mi) : f >> <u64>(mi - mo);
    return sb | (<u64>((1 << eo) - 1) << <u64>mo) | f | (<u64>1 << <u64>(mo - 1));
  }
  if (cls == CLS_INF) {
    if (ahpOut) { raise(FP_IOC); return sb | ((<u64>1 << <u64>(mo + eo)) - 1); }
    return infinity(s, mo, eo);
  }
  if (cls == CLS_ZERO) return sb;
  const half = mo == 10;
  return roundPack(s, e, g, mo, eo, (half ? RP_NOFLUSH : 0) | (ahpOut ? RP_AHP : 0));
}

/** FPToFixed: x * 2^fracBits to a 32- or 16-bit integer (16: sign/zero-extended to 32 bits),
 *  rounding toward zero or per fpCtl. */
export function toFixed(x: u64, m: i32, eb: i32, fracBits: i32, signed: bool, roundZero: bool, size: i32): u32 {
  return <u32>toFixedRM(x, m, eb, fracBits, signed, roundZero ? RM_RZ : rmode(), size);
}

/** FPToFixed with rounding mode rm (RM_* or RM_TIEAWAY) to a 16-, 32- or 64-bit integer, returned
 *  sign- (signed) or zero-extended to 64 bits. NaN -> 0 and IOC (as QEMU); out of range saturates
 *  with IOC only; IXC when inexact. */
export function toFixedRM(x: u64, m: i32, eb: i32, fracBits: i32, signed: bool, rm: u32, size: i32): u64 {
  const max: u64 = signed ? (<u64>1 << <u64>(size - 1)) - 1 : (size == 64 ? <u64>-1 : (<u64>1 << <u64>size) - 1);
  unpack(x, m, eb, fz());
  const s = uSign;
  if (uCls >= CLS_QNAN) { raise(FP_IOC); return 0; }
  if (uCls == CLS_ZERO) return 0;
  if (uCls == CLS_INF) return saturate(s, signed, max);
  const e = uExp + fracBits;
  if (e > 63) return saturate(s, signed, max);
  const ip = roundIntPart(s, uSig, e, rm);
  if (signed) {
    if (s != 0 ? ip > max + 1 : ip > max) return saturate(s, signed, max);
  } else {
    if ((s != 0 && ip != 0) || ip > max) return saturate(s, signed, max);
  }
  if (intInexact) raise(FP_IXC);
  return s != 0 ? 0 - ip : ip;
}

function saturate(s: u32, signed: bool, max: u64): u64 {
  raise(FP_IOC);
  if (!signed) return s != 0 ? 0 : max;
  return s != 0 ? ~max : max;
}

/** FixedToFP: a 32-bit (or low 16-bit) integer / 2^fracBits, rounded per fpCtl, or to nearest when
 *  nearest (AArch32 VCVT fixed-to-float always rounds to nearest: QEMU's *_round_to_nearest helpers). */
export function fromFixed(v: u32, fracBits: i32, signed: bool, size: i32, m: i32, eb: i32, nearest: bool): u64 {
  if (nearest) {
    const saved = fpCtl;
    fpCtl = saved & ~(<u32>3 << 22);
    const r = fromFixed(v, fracBits, signed, size, m, eb, false);
    fpCtl = saved;
    return r;
  }
  if (size == 16) v = signed ? <u32><i32><i16>v : v & 0xffff;
  return fromFixed64(signed ? <u64><i64><i32>v : <u64>v, fracBits, signed, m, eb);
}

/** FixedToFP for a 64-bit integer (two's complement when signed) / 2^fracBits, rounded per fpCtl. */
export function fromFixed64(v: u64, fracBits: i32, signed: bool, m: i32, eb: i32): u64 {
  const neg = signed && <i64>v < 0;
  const mag: u64 = neg ? 0 - v : v; // 2^63 for the most negative value
  if (mag == 0) return 0;
  const e = normLeft(mag, 62) - fracBits;
  return roundPack(neg ? 1 : 0, e, nSig, m, eb, 0);
}
