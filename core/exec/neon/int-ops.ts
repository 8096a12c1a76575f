// Element arithmetic shared by the Advanced SIMD integer handlers: sign extension, saturation
// (which sets FPSCR.QC, never clears it), shifts by a signed amount, polynomial multiply.
// Elements are passed as u64 holding the zero-extended element bits unless a name says "signed".
import { setQC } from "./common";

/** Element size in bits for a size field (0..3). */
@inline export function ebits(size: u32): u32 { return <u32>8 << size; }
/** All-ones mask of an element of `size`. */
@inline export function emask(size: u32): u64 { return size == 3 ? <u64>-1 : ((<u64>1 << (<u64>8 << size)) - 1); }
/** Sign-extend the low (8 << size) bits of v. */
@inline export function sx(v: u64, size: u32): i64 {
  const sh = <u64>(64 - (8 << size));
  return (<i64>(v << sh)) >> sh;
}
/** The element as an i64: sign- or zero-extended. */
@inline export function ext(v: u64, size: u32, signed: bool): i64 {
  return signed ? sx(v, size) : <i64>(v & emask(size));
}

/** Clamp v to the signed range of `size` (0..2; 3 = i64 already), setting QC when it clamps. */
export function satS(v: i64, size: u32): u64 {
  if (size >= 3) return <u64>v;
  const bits = <i64>(8 << size);
  const max: i64 = (<i64>1 << (bits - 1)) - 1;
  if (v > max) { setQC(); return <u64>max; }
  if (v < -max - 1) { setQC(); return <u64>(-max - 1); }
  return <u64>v;
}
/** Clamp a signed v to 0 .. 2^bits - 1 (size 0..2), setting QC when it clamps. */
export function satU(v: i64, size: u32): u64 {
  const max = emask(size);
  if (v < 0) { setQC(); return 0; }
  if (<u64>v > max) { setQC(); return max; }
  return <u64>v;
}

/** Saturating add/sub of two elements (any size). */
export function qadd(a: u64, b: u64, size: u32, signed: bool): u64 {
  if (size < 3) {
    const r = ext(a, size, signed) + ext(b, size, signed);
    return signed ? satS(r, size) : satU(r, size);
  }
  const r = a + b;
  if (signed) {
    // overflow when both operands have the same sign and the result's differs
    if (<i64>(~(a ^ b) & (a ^ r)) < 0) { setQC(); return <i64>a < 0 ? 0x8000000000000000 : 0x7fffffffffffffff; }
    return r;
  }
  if (r < a) { setQC(); return <u64>-1; }
  return r;
}
export function qsub(a: u64, b: u64, size: u32, signed: bool): u64 {
  if (size < 3) {
    const r = ext(a, size, signed) - ext(b, size, signed);
    return signed ? satS(r, size) : satU(r, size);
  }
  const r = a - b;
  if (signed) {
    if (<i64>((a ^ b) & (a ^ r)) < 0) { setQC(); return <i64>a < 0 ? 0x8000000000000000 : 0x7fffffffffffffff; }
    return r;
  }
  if (b > a) { setQC(); return 0; }
  return r;
}

/**
 * Shift an element by a signed amount (left if positive), the Arm ARM's (rounding,
 * saturating) shifts. `src` is the element sign-extended (signed) or zero-extended to 64 bits.
 * Right shifts return the exact result (wider than the element for narrowing callers); left
 * shifts return the low bits, or the saturated value (setting QC) when `sat` and it overflows.
 */
export function shiftElem(src: u64, shift: i32, size: u32, signed: bool, round: bool, sat: bool): u64 {
  const bits = <i32>(8 << size);
  if (shift < 0) {
    const n = -shift;
    if (signed) {
      const s = <i64>src;
      if (n >= bits) return round ? 0 : <u64>(s >> 63);
      if (!round) return <u64>(s >> n);
      const t = s >> (n - 1);
      return <u64>((t >> 1) + (t & 1));
    }
    if (n > bits) return 0;
    if (n == bits) return round ? src >> <u64>(bits - 1) : 0;
    if (!round) return src >> <u64>n;
    const t = src >> <u64>(n - 1);
    return (t >> 1) + (t & 1);
  }
  if (shift >= bits) {
    if (!sat || src == 0) return 0;
  } else {
    const val = src << <u64>shift;
    if (!sat) return val;
    let ok: bool;
    if (signed) ok = bits == 64 ? (<i64>val >> shift) == <i64>src : sx(val, size) == <i64>val;
    else ok = bits == 64 ? (val >> <u64>shift) == src : (val >> <u64>bits) == 0;
    if (ok) return val;
  }
  setQC();
  if (signed) return <i64>src < 0 ? <u64>(<i64>-1 << (bits - 1)) : (emask(size) >> 1);
  return emask(size);
}

/** VQSHLU: signed source, unsigned saturated result. */
export function shiftSatSU(src: u64, shift: i32, size: u32): u64 {
  if (<i64>src < 0) { setQC(); return 0; }
  return shiftElem(src, shift, size, false, false, true);
}

/** Polynomial (carry-less) multiply of two 8-bit values, 16-bit product. */
export function pmul8(a: u32, b: u32): u32 {
  let r: u32 = 0;
  for (let i: u32 = 0; i < 8; i++) if ((b >>> i) & 1) r ^= (a & 0xff) << i;
  return r;
}

/** |a - b| of two extended elements (exact). */
@inline export function absdiff(a: i64, b: i64): i64 { return a > b ? a - b : b - a; }

/** VQDMULH / VQRDMULH on signed elements of size 1 or 2: sat((2ab [+ round]) >> esize). */
export function qdmulh(a: i64, b: i64, size: u32, round: bool): u64 {
  const e = <i64>(8 << size);
  let p = a * b; // |p| <= 2^62: fits
  if (round) p += <i64>1 << (e - 2);
  return satS(p >> (e - 1), size);
}
/** VQDMULL: sat(2ab) at twice the element size (size 1 or 2), exact otherwise. */
export function qdmull(a: i64, b: i64, size: u32): u64 {
  const p = a * b;
  if (size == 2) {
    if (p == 0x4000000000000000) { setQC(); return 0x7fffffffffffffff; }
    return <u64>(p << 1);
  }
  return satS(p << 1, size + 1);
}
