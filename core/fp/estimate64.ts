// FPRecipEstimate / FPRSqrtEstimate on double precision (A64 FRECPE/FRSQRTE .2D and Dd), and
// FPRecpX (FRECPX) on single and double, as QEMU 7.2's helpers: FZ squashes a denormal input
// (IDC) first; NaNs are quieted (IOC for signalling) or replaced by the default NaN under DN.
import { FP_IOC, FP_DZC, FP_OFC, FP_UFC, FP_IXC, FP_IDC, RM_RN, RM_RP, RM_RM } from "./fpst";
import { fz, dn, raise, rmode } from "./core";
import { recipEstimate, recipSqrtEstimate } from "./estimate";

const SIGN: u64 = 0x8000000000000000;
const INF: u64 = 0x7ff0000000000000;
const FRAC: u64 = 0x000fffffffffffff;

function squash64(a: u64): u64 {
  if (fz() && (a & INF) == 0 && (a & FRAC) != 0) { raise(FP_IDC); return a & SIGN; }
  return a;
}

/** NaN result for a NaN operand of m fraction bits (quiet bit m - 1). */
function nanOf(a: u64, m: i32, eb: i32): u64 {
  const quiet = <u64>1 << <u64>(m - 1);
  let r = a;
  if ((a & quiet) == 0) { raise(FP_IOC); r = a | quiet; }
  if (dn()) return ((((<u64>1 << <u64>eb) - 1) << <u64>m) | quiet);
  return r;
}

export function recipEstimate64(x: u64): u64 {
  const a = squash64(x);
  const sign = a & SIGN, mag = a & ~SIGN;
  if (mag > INF) return nanOf(a, 52, 11);
  if (mag == INF) return sign;
  if (mag == 0) { raise(FP_DZC); return sign | INF; }
  if (mag < (<u64>1 << 50)) { // |x| < 2^-1024: the reciprocal overflows
    raise(FP_OFC | FP_IXC);
    const rm = rmode();
    const toInf = rm == RM_RN || (rm == RM_RP && sign == 0) || (rm == RM_RM && sign != 0);
    return sign | (toInf ? INF : 0x7fefffffffffffff);
  }
  let exp = <i32>(mag >> 52);
  if (exp >= 2045 && fz()) { raise(FP_UFC); return sign; }
  let frac = mag & FRAC;
  if (exp == 0) {
    if (((frac >> 51) & 1) == 0) { exp = -1; frac <<= 2; } else frac <<= 1;
  }
  const est = recipEstimate(256 | <i32>((frac >> 44) & 0xff));
  let rexp = 2045 - exp;
  let rfrac = <u64>(est & 0xff) << 44;
  if (rexp == 0) rfrac = (rfrac >> 1) | (<u64>1 << 51);
  else if (rexp == -1) { rfrac = (rfrac >> 2) | (<u64>1 << 50); rexp = 0; }
  return sign | ((<u64>rexp & 0x7ff) << 52) | (rfrac & FRAC);
}

export function rsqrtEstimate64(x: u64): u64 {
  const a = squash64(x);
  const sign = a & SIGN, mag = a & ~SIGN;
  if (mag > INF) return nanOf(a, 52, 11);
  if (mag == 0) { raise(FP_DZC); return sign | INF; }
  if (sign != 0) { raise(FP_IOC); return 0x7ff8000000000000; }
  if (mag == INF) return 0;
  let exp = <i32>(mag >> 52);
  let frac = mag & FRAC;
  if (exp == 0) {
    while (((frac >> 51) & 1) == 0) { frac <<= 1; exp--; }
    frac = (frac & ((<u64>1 << 51) - 1)) << 1;
  }
  const scaled = (exp & 1) != 0 ? 128 | <i32>((frac >> 45) & 0x7f) : 256 | <i32>((frac >> 44) & 0xff);
  const est = recipSqrtEstimate(scaled);
  const rexp = (3068 - exp) / 2;
  return ((<u64>rexp & 0x7ff) << 52) | (<u64>(est & 0xff) << 44);
}

/** FRECPX: the exponent inverted (bitwise), fraction cleared; zero/denormal exponents give max - 1. */
export function recpX(x: u64, m: i32, eb: i32): u64 {
  const sb = <u64>1 << <u64>(m + eb);
  const emax = (<u64>1 << <u64>eb) - 1;
  const fracMask = (<u64>1 << <u64>m) - 1;
  const e0 = (x >> <u64>m) & emax;
  if (e0 == emax && (x & fracMask) != 0) return nanOf(x, m, eb);
  let a = x;
  if (fz() && e0 == 0 && (a & fracMask) != 0) { raise(FP_IDC); a &= sb; }
  const e = (a >> <u64>m) & emax;
  return (a & sb) | ((e == 0 ? emax - 1 : ~e & emax) << <u64>m);
}
