// FPConvert between f16/f32/f64 (IEEE and alternative half precision), FPToFixed and FixedToFP.
import { FP_IOC, FP_IXC, RM_RN, RM_RP, RM_RM, RM_RZ, fpCtl } from "./fpst";
import {
  CLS_ZERO, CLS_NORMAL, CLS_INF, CLS_QNAN, CLS_SNAN, uSign, uExp, uSig, uCls, unpack, fz, dn, raise, rmode,
  roundPack, RP_NOFLUSH, RP_AHP, defaultNaN, infinity, zero, normLeft, nSig,
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

/** FPToFixed: x * 2^fracBits to a 32- or 16-bit integer (16: sign/zero-extended to 32 bits).
 *  NaN -> 0 and IOC (as QEMU); out of range saturates with IOC only; IXC when inexact. */
export function toFixed(x: u64, m: i32, eb: i32, fracBits: i32, signed: bool, roundZero: bool, size: i32): u32 {
  const max: u64 = signed ? (size == 16 ? 0x7fff : 0x7fffffff) : (size == 16 ? 0xffff : 0xffffffff);
  unpack(x, m, eb, fz());
  const s = uSign;
  if (uCls >= CLS_QNAN) { raise(FP_IOC); return 0; }
  if (uCls == CLS_ZERO) return 0;
  if (uCls == CLS_INF) return saturate(s, signed, max);
  const e = uExp + fracBits;
  if (e > 62) return saturate(s, signed, max);
  const g = uSig;
  const sh = 62 - e;
  let ip: u64, frac: u64, half: u64;
  if (sh == 0) { ip = g; frac = 0; half = 1; }
  else if (sh < 64) {
    ip = g >> <u64>sh;
    frac = g & ((<u64>1 << <u64>sh) - 1);
    half = <u64>1 << <u64>(sh - 1);
  } else { ip = 0; frac = 1; half = 2; } // below one half, nonzero
  const rm = roundZero ? RM_RZ : rmode();
  if (frac != 0) {
    let inc = false;
    if (rm == RM_RN) inc = frac > half || (frac == half && (ip & 1) != 0);
    else if (rm == RM_RP) inc = s == 0;
    else if (rm == RM_RM) inc = s != 0;
    if (inc) ip++;
  }
  if (signed) {
    if (s != 0 ? ip > max + 1 : ip > max) return saturate(s, signed, max);
  } else {
    if ((s != 0 && ip != 0) || ip > max) return saturate(s, signed, max);
  }
  if (frac != 0) raise(FP_IXC);
  const r = <u32>ip;
  return s != 0 ? <u32>(-<i32>r) : r;
}

function saturate(s: u32, signed: bool, max: u64): u32 {
  raise(FP_IOC);
  if (!signed) return s != 0 ? 0 : <u32>max;
  return s != 0 ? <u32>(-<i32>(<u32>max) - 1) : <u32>max;
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
  const neg = signed && <i32>v < 0;
  const mag: u64 = neg ? <u64>(-<i64><i32>v) : <u64>v;
  if (mag == 0) return 0;
  const e = normLeft(mag, 62) - fracBits;
  return roundPack(neg ? 1 : 0, e, nSig, m, eb, 0);
}
