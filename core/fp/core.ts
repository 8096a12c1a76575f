// Unpacking, rounding and NaN selection shared by every FP operation.
// Formats are given by m (fraction bits) and eb (exponent bits): f16 10/5, f32 23/8, f64 52/11.
// An unpacked finite nonzero value is uSig * 2^(uExp - 62) with uSig's leading 1 on bit 62.
import { fpCtl, fpFlags, FP_IOC, FP_OFC, FP_UFC, FP_IXC, FP_IDC, FPSCR_FZ, FPSCR_DN, RM_RN, RM_RP, RM_RM, RM_TIEAWAY } from "./fpst";

export const CLS_ZERO = 0;
export const CLS_NORMAL = 1;
export const CLS_INF = 2;
export const CLS_QNAN = 3;
export const CLS_SNAN = 4;

export let uSign: u32 = 0;
export let uExp: i32 = 0;
export let uSig: u64 = 0;
export let uCls: i32 = 0;

// Options for roundPack.
export const RP_NOFLUSH = 1; // FZ does not flush the output (conversions to half precision)
export const RP_AHP = 2;     // alternative half precision: no Inf/NaN, saturates with IOC

// @ts-ignore: decorator
@inline export function raise(f: u32): void { fpFlags |= f; }
// @ts-ignore: decorator
@inline export function rmode(): u32 { return (fpCtl >> 22) & 3; }
// @ts-ignore: decorator
@inline export function fz(): bool { return (fpCtl & FPSCR_FZ) != 0; }
// @ts-ignore: decorator
@inline export function dn(): bool { return (fpCtl & FPSCR_DN) != 0; }

// @ts-ignore: decorator
@inline export function signBit(m: i32, eb: i32): u64 { return <u64>1 << <u64>(m + eb); }
// @ts-ignore: decorator
@inline export function expMax(eb: i32): i32 { return (1 << eb) - 1; }
// @ts-ignore: decorator
@inline export function bias(eb: i32): i32 { return (1 << (eb - 1)) - 1; }

export function defaultNaN(m: i32, eb: i32): u64 {
  return (<u64>expMax(eb) << <u64>m) | (<u64>1 << <u64>(m - 1));
}
export function infinity(sign: u32, m: i32, eb: i32): u64 {
  return (<u64>sign << <u64>(m + eb)) | (<u64>expMax(eb) << <u64>m);
}
export function zero(sign: u32, m: i32, eb: i32): u64 {
  return <u64>sign << <u64>(m + eb);
}

/** x >> n with the shifted-out bits ORed into bit 0. */
export function shrJam(x: u64, n: i32): u64 {
  if (n <= 0) return x;
  if (n >= 64) return x != 0 ? 1 : 0;
  return (x >> <u64>n) | ((x << <u64>(64 - n)) != 0 ? 1 : 0);
}

/** Splits x into the u* globals. flush: FZ input flushing (denormal -> zero, IDC). */
export function unpack(x: u64, m: i32, eb: i32, flush: bool): void {
  const em = expMax(eb);
  uSign = <u32>(x >> <u64>(m + eb)) & 1;
  const e = <i32>((x >> <u64>m) & <u64>em);
  const f = x & ((<u64>1 << <u64>m) - 1);
  uSig = 0;
  uExp = 0;
  if (e == em) {
    uCls = f == 0 ? CLS_INF : (((f >> <u64>(m - 1)) & 1) != 0 ? CLS_QNAN : CLS_SNAN);
    return;
  }
  if (e == 0) {
    if (f == 0) { uCls = CLS_ZERO; return; }
    if (flush) { raise(FP_IDC); uCls = CLS_ZERO; return; }
    const sh = <i32>clz<u64>(f) - 1;
    uSig = f << <u64>sh;
    uExp = 62 - sh + 1 - bias(eb) - m;
    uCls = CLS_NORMAL;
    return;
  }
  uCls = CLS_NORMAL;
  uSig = ((<u64>1 << <u64>m) | f) << <u64>(62 - m);
  uExp = e - bias(eb);
}

/** Unpack with FZ from fpCtl. */
// @ts-ignore: decorator
@inline export function unpackFz(x: u64, m: i32, eb: i32): void { unpack(x, m, eb, fz()); }

/** Round-up decision for the discarded bits (rb below half = 2^(k-1)) of a kept value whose lsb is lsb,
 *  in rounding mode rm (RM_* or RM_TIEAWAY). */
function roundIncRM(sign: u32, rb: u64, half: u64, lsb: u64, rm: u32): bool {
  if (rb == 0) return false;
  if (rm == RM_RN) return rb > half || (rb == half && lsb != 0);
  if (rm == RM_TIEAWAY) return rb >= half;
  if (rm == RM_RP) return sign == 0;
  if (rm == RM_RM) return sign != 0;
  return false;
}
// @ts-ignore: decorator
@inline function roundInc(sign: u32, rb: u64, half: u64, lsb: u64): bool { return roundIncRM(sign, rb, half, lsb, rmode()); }

/** Set by roundIntPart: a nonzero fraction was discarded. */
export let intInexact: bool = false;

/** The integer part of sig * 2^(e - 62) (sig nonzero with its leading bit on 62, e <= 63),
 *  rounded in mode rm (RM_* or RM_TIEAWAY): FPToFixed's and FPRoundInt's rounding step. */
export function roundIntPart(sign: u32, sig: u64, e: i32, rm: u32): u64 {
  const sh = 62 - e;
  if (sh <= 0) { intInexact = false; return sig << <u64>(-sh); }
  let ip: u64, frac: u64, half: u64;
  if (sh < 64) {
    ip = sig >> <u64>sh;
    frac = sig & ((<u64>1 << <u64>sh) - 1);
    half = <u64>1 << <u64>(sh - 1);
  } else { ip = 0; frac = 1; half = 2; } // nonzero and below one half
  intInexact = frac != 0;
  if (roundIncRM(sign, frac, half, ip & 1, rm)) ip++;
  return ip;
}

/** FPRound: sig (nonzero, leading bit on 62, lower bits sticky) * 2^(exp - 62) to the format,
 *  with ARM's flush-to-zero (before rounding, UFC only), tininess before rounding, overflow. */
export function roundPack(sign: u32, exp: i32, sig: u64, m: i32, eb: i32, opts: i32): u64 {
  const sb = <u64>sign << <u64>(m + eb);
  const rbits = 62 - m;
  const rmask = (<u64>1 << <u64>rbits) - 1;
  const half = <u64>1 << <u64>(rbits - 1);
  let e = exp + bias(eb);
  const em = expMax(eb);
  if (e <= 0) {
    if (fz() && (opts & RP_NOFLUSH) == 0) { raise(FP_UFC); return sb; }
    sig = shrJam(sig, 1 - e);
    const rb = sig & rmask;
    let q = sig >> <u64>rbits;
    if (roundInc(sign, rb, half, q & 1)) q++;
    if (rb != 0) raise(FP_IXC | FP_UFC);
    return sb | q; // a carry into bit m makes the exponent field 1: the smallest normal
  }
  const rb = sig & rmask;
  let q = sig >> <u64>rbits;
  if (roundInc(sign, rb, half, q & 1)) {
    q++;
    if ((q >> <u64>(m + 1)) != 0) { q >>= 1; e++; }
  }
  if ((opts & RP_AHP) != 0) {
    if (e > em) { raise(FP_IOC); return sb | ((<u64>1 << <u64>(m + eb)) - 1); }
  } else if (e >= em) {
    raise(FP_OFC | FP_IXC);
    const rm = rmode();
    const toInf = rm == RM_RN || (rm == RM_RP && sign == 0) || (rm == RM_RM && sign != 0);
    return toInf ? (sb | (<u64>em << <u64>m)) : (sb | ((<u64>em << <u64>m) - 1));
  }
  if (rb != 0) raise(FP_IXC);
  return sb | ((<u64>(e - 1) << <u64>m) + q);
}

/** Normalizes a nonzero sig to bit 62 (left shift only), returning the new exponent. */
export let nSig: u64 = 0;
export function normLeft(sig: u64, exp: i32): i32 {
  const sh = <i32>clz<u64>(sig) - 1;
  if (sh >= 0) { nSig = sig << <u64>sh; return exp - sh; }
  nSig = shrJam(sig, 1);
  return exp + 1;
}

/** A NaN operand made quiet (or the default NaN under DN); IOC if it was signalling. */
export function quietNaN(x: u64, cls: i32, m: i32, eb: i32): u64 {
  if (cls == CLS_SNAN) raise(FP_IOC);
  if (dn()) return defaultNaN(m, eb);
  return x | (<u64>1 << <u64>(m - 1));
}

/** FPProcessNaNs for two operands (at least one is a NaN): first sNaN, then first qNaN. */
export function pickNaN2(a: u64, ca: i32, b: u64, cb: i32, m: i32, eb: i32): u64 {
  if (ca == CLS_SNAN || cb == CLS_SNAN) raise(FP_IOC);
  if (dn()) return defaultNaN(m, eb);
  let r: u64;
  if (ca == CLS_SNAN) r = a;
  else if (cb == CLS_SNAN) r = b;
  else if (ca == CLS_QNAN) r = a;
  else r = b;
  return r | (<u64>1 << <u64>(m - 1));
}

/** Invalid operation: IOC and the default NaN. */
export function invalidNaN(m: i32, eb: i32): u64 {
  raise(FP_IOC);
  return defaultNaN(m, eb);
}
