// FPRecipEstimate / FPRSqrtEstimate (VRECPE/VRSQRTE .F32), the unsigned estimates (.U32) and the
// Newton-Raphson steps VRECPS/VRSQRTS (ARMv7: a separate multiply then subtract, as QEMU).
import { FP_IOC, FP_DZC, FP_OFC, FP_UFC, FP_IXC, FP_IDC, RM_RN, RM_RP, RM_RM } from "./fpst";
import { fz, dn, raise, rmode } from "./core";
import { addSub, mul, div } from "./arith";

/** RecipEstimate: 9-bit input 256..511 (0.5 <= x < 1) to a 9-bit estimate 256..511. */
export function recipEstimate(input: i32): i32 {
  const a = input * 2 + 1;
  const b = (1 << 19) / a;
  return (b + 1) >> 1;
}

/** RecipSqrtEstimate: 9-bit input 128..511 (0.25 <= x < 1) to a 9-bit estimate 256..511. */
const RSQ_CACHE = memory.data(1024);
export function recipSqrtEstimate(input: i32): i32 {
  const slot = RSQ_CACHE + (<usize>input << 1);
  const c = <i32>load<u16>(slot);
  if (c != 0) return c;
  let a = input;
  if (a < 256) a = a * 2 + 1;
  else a = ((a >> 1) << 1) * 2 + 2;
  let b = 512;
  while (a * (b + 1) * (b + 1) < (1 << 28)) b++;
  const r = (b + 1) >> 1;
  store<u16>(slot, <u16>r);
  return r;
}

/** Flushes a denormal f32 input under FZ (IDC), as the estimate helpers do before anything else. */
function squash32(a: u32): u32 {
  if (fz() && (a & 0x7f800000) == 0 && (a & 0x7fffff) != 0) { raise(FP_IDC); return a & 0x80000000; }
  return a;
}

function nan32(a: u32): u32 {
  let r = a;
  if ((a & 0x400000) == 0) { raise(FP_IOC); r = a | 0x400000; }
  return dn() ? 0x7fc00000 : r;
}

export function recipEstimate32(x: u32): u32 {
  const a = squash32(x);
  const sign = a & 0x80000000;
  const mag = a & 0x7fffffff;
  if (mag > 0x7f800000) return nan32(a);
  if (mag == 0x7f800000) return sign;
  if (mag == 0) { raise(FP_DZC); return sign | 0x7f800000; }
  if (mag < (1 << 21)) { // |x| < 2^-128: the reciprocal overflows
    raise(FP_OFC | FP_IXC);
    const rm = rmode();
    const toInf = rm == RM_RN || (rm == RM_RP && sign == 0) || (rm == RM_RM && sign != 0);
    return sign | (toInf ? 0x7f800000 : 0x7f7fffff);
  }
  let exp = <i32>(mag >> 23);
  if (exp >= 253 && fz()) { raise(FP_UFC); return sign; }
  let frac = <u64>(mag & 0x7fffff) << 29; // binary point at bit 52
  if (exp == 0) {
    if (((frac >> 51) & 1) == 0) { exp = -1; frac <<= 2; } else frac <<= 1;
  }
  const est = recipEstimate(256 | <i32>((frac >> 44) & 0xff));
  let rexp = 253 - exp;
  let rfrac = <u64>(est & 0xff) << 44;
  if (rexp == 0) rfrac = (rfrac >> 1) | (<u64>1 << 51);
  else if (rexp == -1) { rfrac = (rfrac >> 2) | (<u64>1 << 50); rexp = 0; }
  return sign | ((<u32>rexp & 0xff) << 23) | (<u32>(rfrac >> 29) & 0x7fffff);
}

export function rsqrtEstimate32(x: u32): u32 {
  const a = squash32(x);
  const sign = a & 0x80000000;
  const mag = a & 0x7fffffff;
  if (mag > 0x7f800000) return nan32(a);
  if (mag == 0) { raise(FP_DZC); return sign | 0x7f800000; }
  if (sign != 0) { raise(FP_IOC); return 0x7fc00000; }
  if (mag == 0x7f800000) return 0;
  let exp = <i32>(mag >> 23);
  let frac = <u64>(mag & 0x7fffff) << 29;
  if (exp == 0) {
    while (((frac >> 51) & 1) == 0) { frac <<= 1; exp--; }
    frac = (frac & ((<u64>1 << 51) - 1)) << 1;
  }
  const scaled = (exp & 1) != 0 ? 128 | <i32>((frac >> 45) & 0x7f) : 256 | <i32>((frac >> 44) & 0xff);
  const est = recipSqrtEstimate(scaled);
  const rexp = (380 - exp) / 2;
  return ((<u32>rexp & 0xff) << 23) | ((<u32>est & 0xff) << 15);
}

/** VRECPE.U32: UnsignedRecipEstimate. */
export function uRecipEstimate32(a: u32): u32 {
  if ((a & 0x80000000) == 0) return 0xffffffff;
  return <u32>recipEstimate(<i32>(a >> 23)) << 23;
}

/** VRSQRTE.U32: UnsignedRSqrtEstimate. */
export function uRSqrtEstimate32(a: u32): u32 {
  if ((a & 0xc0000000) == 0) return 0xffffffff;
  return <u32>recipSqrtEstimate(<i32>(a >> 23)) << 23;
}

function infTimesZeroish(a: u32, b: u32): bool {
  const infA = (a & 0x7fffffff) == 0x7f800000, infB = (b & 0x7fffffff) == 0x7f800000;
  const zdA = (a & 0x7f800000) == 0, zdB = (b & 0x7f800000) == 0;
  if ((infA && zdB) || (infB && zdA)) {
    if ((a & 0x7fffffff) != 0 && (b & 0x7fffffff) != 0) raise(FP_IDC);
    return true;
  }
  return false;
}

/** VRECPS: 2.0 - a*b; Inf * 0 (or a denormal) gives 2.0. */
export function recipStep32(a: u32, b: u32): u32 {
  if (infTimesZeroish(a, b)) return 0x40000000;
  const p = <u32>mul(a, b, 23, 8);
  return <u32>addSub(0x40000000, p, true, 23, 8);
}

/** VRSQRTS: (3.0 - a*b) / 2.0; Inf * 0 (or a denormal) gives 1.5. */
export function rsqrtStep32(a: u32, b: u32): u32 {
  if (infTimesZeroish(a, b)) return 0x3fc00000;
  const p = <u32>mul(a, b, 23, 8);
  const d = <u32>addSub(0x40400000, p, true, 23, 8);
  return <u32>div(d, 0x40000000, 23, 8);
}
