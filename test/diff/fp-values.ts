// Operand pools for the VFP/NEON differential cases: the hard cases of ARM floating point
// (NaNs of both kinds with payloads, infinities, denormals, signed zeros, the edges of every
// conversion's range, rounding ties) and random FPSCR settings.
import type { Rng } from "./rng.js";

/** Single-precision bit patterns. */
export const F32_HARD: number[] = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000,             // ±0, ±inf
  0x7fc00000, 0xffc00000, 0x7fc12345, 0xffe00001, 0x7fffffff, // quiet NaNs (payloads)
  0x7f800001, 0xff800001, 0x7fa00000, 0x7f812345, 0xffbfffff, // signalling NaNs
  0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000, // denormals
  0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,             // min normal, max
  0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x40600000,
  0x3effffff, 0x3f7fffff, 0x3f800001, 0x3fffffff, 0x40000000, 0x40400000, 0x3eaaaaab,
  0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0xbf7fffff, // int32 / uint32 edges
  0x46fffe00, 0x47000000, 0xc7000000, 0x477fff00, 0x47800000, // int16 / uint16 edges (fixed point)
  0x477fe000, 0x477fefff, 0x477ff000, 0x47800000, 0x38800000, 0x387fc000, 0x33800000, 0x33000000, 0x33000001, // half range
  0x34000000, 0x1e3ce508, 0x5e800000, 0x7e800000, 0x00c00000, 0x01000000, // estimate / step edges
];

/** Double-precision bit patterns as [high, low]. */
export const F64_HARD: [number, number][] = [
  [0, 0], [0x80000000, 0], [0x7ff00000, 0], [0xfff00000, 0],
  [0x7ff80000, 0], [0xfff80000, 0], [0x7ff80000, 1], [0x7ffc0000, 0x12345678], [0xfff81234, 0x80000000],
  [0x7ff00000, 1], [0xfff00000, 0x80000000], [0x7ff40000, 0], [0x7ff01234, 0xe0000000], [0x7ff7ffff, 0xffffffff],
  [0, 1], [0x80000000, 1], [0x000fffff, 0xffffffff], [0x00080000, 0], [0x00100000, 0], [0x80100000, 0],
  [0x7fefffff, 0xffffffff], [0xffefffff, 0xffffffff],
  [0x3ff00000, 0], [0xbff00000, 0], [0x3fe00000, 0], [0x3ff80000, 0], [0x40040000, 0], [0xc0040000, 0],
  [0x3ff00000, 1], [0x3fefffff, 0xffffffff], [0x3fd55555, 0x55555555],
  [0x41dfffff, 0xffc00000], [0x41dfffff, 0xffe00000], [0x41e00000, 0], [0xc1e00000, 0], [0xc1e00000, 0x00100000],
  [0x41efffff, 0xffe00000], [0x41efffff, 0xfff00000], [0x41f00000, 0], [0xbfefffff, 0xffffffff],
  [0x47efffff, 0xe0000000], [0x47efffff, 0xf0000000], [0x47f00000, 0], [0x36a00000, 0], [0x36900000, 0], [0x36980000, 0],
  [0x380fffff, 0xffffffff], [0x38100000, 0], [0x3ff00000, 0x10000000], [0x3ff00000, 0x30000000], [0x3ff00000, 0x08000000],
  [0x40effc00, 0], [0x40effe00, 0], [0x3f100000, 0], [0x3e700000, 0], [0x3e680000, 0],
];

const rand32 = (rng: Rng) => rng.u32();

/** One single-precision operand: mostly hard cases, some random floats and random bits. */
export function f32(rng: Rng): number {
  switch (rng.int(8)) {
    case 0: return rand32(rng);
    case 1: { // random sign/exponent near an edge, random mantissa
      const e = rng.pick([0, 1, 2, 0x7e, 0x7f, 0x80, 0x96, 0x9d, 0x9e, 0x9f, 0xfd, 0xfe, 0x67, 0x70, 0x71, 0x8e, 0x8f]);
      return ((rng.chance(0.5) ? 0x80000000 : 0) | (e << 23) | (rng.u32() & 0x7fffff)) >>> 0;
    }
    case 2: return (0x3f800000 + rng.int(0x1000000) - 0x800000) >>> 0; // around 1.0
    default: return rng.pick(F32_HARD);
  }
}

/** One double-precision operand as [low, high]. */
export function f64(rng: Rng): [number, number] {
  switch (rng.int(8)) {
    case 0: return [rand32(rng), rand32(rng)];
    case 1: {
      const e = rng.pick([0, 1, 0x380, 0x381, 0x36a, 0x3ff, 0x400, 0x41d, 0x41e, 0x41f, 0x47e, 0x47f, 0x7fe, 0x40e, 0x40f]);
      return [rand32(rng), ((rng.chance(0.5) ? 0x80000000 : 0) | (e << 20) | (rng.u32() & 0xfffff)) >>> 0];
    }
    default: { const [hi, lo] = rng.pick(F64_HARD); return [lo >>> 0, hi >>> 0]; }
  }
}

/** Integer lanes biased to saturation edges (for NEON integer and conversions). */
function intLanes(rng: Rng): [number, number] {
  const edge = () => rng.pick([0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x80808080, 0x7f7f7f7f, 0x00ff00ff, 0x01010101]);
  const w = () => (rng.chance(0.5) ? edge() : rng.regValue());
  return [w() >>> 0, w() >>> 0];
}

/** Initial D0..D31: each a double, two singles, integer lanes or random bits. */
export function dRegs(rng: Rng): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < 32; i++) {
    switch (rng.int(5)) {
      case 0: out.push(f64(rng)); break;
      case 1: case 2: out.push([f32(rng), f32(rng)]); break;
      case 3: out.push(intLanes(rng)); break;
      default: out.push([rng.u32(), rng.u32()]);
    }
  }
  // Some equal or negated operands (cancellation, x - x, comparisons of equals).
  for (let k = rng.int(4); k > 0; k--) {
    const a = rng.int(32), b = rng.int(32);
    const [lo, hi] = out[a];
    out[b] = rng.chance(0.5) ? [lo, hi] : [lo, (hi ^ 0x80000000) >>> 0];
  }
  return out;
}

/** A random FPSCR: NZCV, QC, AHP, DN, FZ, RMode and cumulative flags; now and then the
 *  (RAZ/WI on the A15) trap enables and Len/Stride bits too. */
export function fpscr(rng: Rng): number {
  let v = rng.u32() & 0xffc0009f;
  if (rng.chance(0.5)) v &= ~0x9f; // often start with clear cumulative flags
  if (rng.chance(0.05)) v |= rng.u32() & 0x00009f00;
  if (rng.chance(0.03)) v |= rng.u32() & 0x00370000;
  return v >>> 0;
}
