// A64 FP data-processing (1, 2 and 3 source): results, NaN propagation, FZ/DN, rounding modes
// and the FPSR cumulative flags.
import { describe, it, expect } from "vitest";
import { runFp, f32, f64, JUNK, FZ, DN, RP, RM, RZ, IOC, DZC, OFC, UFC, IXC, IDC, undefined64 } from "./fp-harness.js";

const sj = (bits: bigint) => (JUNK & ~0xffffffffn) | bits;
/** Run one instruction on S or D operands V1, V2, V3; returns [Vd low bits, FPSR flags]. */
function op(word: number, ops: bigint[], fpcr = 0, fpsr = 0): [bigint, number] {
  const v: Record<number, bigint> = {};
  ops.forEach((x, i) => { v[i + 1] = x; });
  const r = runFp([word], { v, fpcr, fpsr });
  expect(r.q(0)[1]).toBe(0n); // scalar writes zero the top half
  return [r.d(0), r.fpsr];
}

const QNAN1 = 0x7fc00001n, SNAN2 = 0xff800002n, DEFAULT_NAN = 0x7fc00000n;
const D_QNAN1 = 0x7ff8000000000001n, D_SNAN = 0x7ff0000000000005n, D_DEFAULT_NAN = 0x7ff8000000000000n;

describe("A64 FP 1 source", () => {
  it("FABS / FNEG flip the sign bit only: NaNs keep their payload, no flags, no flushing", () => {
    expect(op(0x1e20c020, [sj(0xff800001n)], DN)).toEqual([0x7f800001n, 0]); // fabs s0, s1
    expect(op(0x1e60c020, [0x8000000000000001n], FZ)).toEqual([1n, 0]); // fabs d0, d1
    expect(op(0x1e214020, [sj(1n)], FZ)).toEqual([0x80000001n, 0]); // fneg s0, s1
    expect(op(0x1e614020, [0n])).toEqual([0x8000000000000000n, 0]); // fneg d0, d1
  });

  it("FSQRT: exact, inexact, -0, negative (Invalid), signalling NaN with and without DN", () => {
    expect(op(0x1e21c020, [f32(4)])).toEqual([f32(2), 0]); // fsqrt s0, s1
    expect(op(0x1e21c020, [f32(2)])).toEqual([0x3fb504f3n, IXC]);
    expect(op(0x1e21c020, [0x80000000n])).toEqual([0x80000000n, 0]);
    expect(op(0x1e21c020, [f32(-1)])).toEqual([DEFAULT_NAN, IOC]);
    expect(op(0x1e21c020, [0x7f800001n])).toEqual([0x7fc00001n, IOC]);
    expect(op(0x1e21c020, [0x7f800001n], DN)).toEqual([DEFAULT_NAN, IOC]);
    expect(op(0x1e61c020, [f64(2)])).toEqual([0x3ff6a09e667f3bcdn, IXC]); // fsqrt d0, d1
    expect(op(0x1e61c020, [0x0000000000000004n], FZ)).toEqual([0n, IDC]); // denormal flushed
    expect(op(0x1e61c020, [0x0000000000000004n])).toEqual([0x1e70000000000000n, 0]); // sqrt(2^-1072) = 2^-536
  });

  it("FRINTN/P/M/Z/A: their own rounding mode whatever FPCR says, no Inexact, zero keeps the sign", () => {
    const cases: [number, number, number][] = [
      // word, operand, result
      [0x1e244020, 2.5, 2], [0x1e244020, -2.5, -2], [0x1e244020, 3.5, 4], // frintn s0, s1
      [0x1e24c020, 1.1, 2], [0x1e24c020, -0.5, -0], // frintp s0, s1
      [0x1e254020, 0.5, 0], [0x1e254020, -0.5, -1], // frintm s0, s1
      [0x1e25c020, -1.7, -1], [0x1e25c020, 1.99, 1], // frintz s0, s1
      [0x1e264020, 2.5, 3], [0x1e264020, -2.5, -3], [0x1e264020, 2.4, 2], // frinta s0, s1
    ];
    for (const [w, a, r] of cases) {
      expect(op(w, [f32(a)], RZ), `${w.toString(16)} ${a}`).toEqual([f32(r), 0]);
      expect(op(w + 0x400000, [f64(a)], RP), `${w.toString(16)} d ${a}`).toEqual([f64(r), 0]); // the D form
    }
    // 2^52 + 1 is already integral; infinities pass through; a signalling NaN is quieted (IOC)
    expect(op(0x1e644020, [0x4330000000000001n])).toEqual([0x4330000000000001n, 0]); // frintn d0, d1
    expect(op(0x1e654020, [0xfff0000000000000n])).toEqual([0xfff0000000000000n, 0]); // frintm d0, d1
    expect(op(0x1e644020, [D_SNAN])).toEqual([0x7ff8000000000005n, IOC]);
  });

  it("FRINTP of a denormal: 1.0 with FZ off, +0 with IDC with FZ on", () => {
    expect(op(0x1e24c020, [1n])).toEqual([f32(1), 0]); // frintp s0, s1
    expect(op(0x1e24c020, [1n], FZ)).toEqual([0n, IDC]);
    expect(op(0x1e24c020, [0x80000001n], FZ)).toEqual([0x80000000n, IDC]);
  });

  it("FRINTX rounds per FPCR.RMode and raises Inexact; FRINTI rounds per FPCR without it", () => {
    expect(op(0x1e274020, [f32(2.5)])).toEqual([f32(2), IXC]); // frintx s0, s1
    expect(op(0x1e274020, [f32(2.5)], RP)).toEqual([f32(3), IXC]);
    expect(op(0x1e674020, [f64(-2.5)], RM)).toEqual([f64(-3), IXC]); // frintx d0, d1
    expect(op(0x1e674020, [f64(-2.5)], RZ)).toEqual([f64(-2), IXC]);
    expect(op(0x1e274020, [f32(2)])).toEqual([f32(2), 0]); // exact: no flag
    expect(op(0x1e27c020, [f32(2.5)], RP)).toEqual([f32(3), 0]); // frinti s0, s1
    expect(op(0x1e67c020, [f64(2.5)], RM)).toEqual([f64(2), 0]); // frinti d0, d1
    expect(op(0x1e67c020, [f64(-0.25)])).toEqual([0x8000000000000000n, 0]);
  });
});

describe("A64 FP 2 source", () => {
  it("FADD in each rounding mode: 1 + 2^-24 and -1 - 2^-24", () => {
    const one = f32(1), tiny = 0x33800000n;
    expect(op(0x1e222820, [one, tiny])).toEqual([one, IXC]); // fadd s0, s1, s2: tie to even
    expect(op(0x1e222820, [one, tiny], RP)).toEqual([0x3f800001n, IXC]);
    expect(op(0x1e222820, [one, tiny], RM)).toEqual([one, IXC]);
    expect(op(0x1e222820, [one, tiny], RZ)).toEqual([one, IXC]);
    expect(op(0x1e222820, [f32(-1), tiny | 0x80000000n], RM)).toEqual([0xbf800001n, IXC]);
    expect(op(0x1e622820, [f64(0.1), f64(0.2)])).toEqual([f64(0.1 + 0.2), IXC]); // fadd d0, d1, d2
  });

  it("FADD NaNs: the first signalling NaN wins (quieted, IOC), else the first quiet one; DN gives the default NaN", () => {
    expect(op(0x1e222820, [QNAN1, SNAN2])).toEqual([0xffc00002n, IOC]);
    expect(op(0x1e222820, [QNAN1, 0xffc00003n])).toEqual([QNAN1, 0]);
    expect(op(0x1e222820, [f32(1), 0xffc00003n])).toEqual([0xffc00003n, 0]);
    expect(op(0x1e222820, [QNAN1, SNAN2], DN)).toEqual([DEFAULT_NAN, IOC]);
    expect(op(0x1e622820, [D_QNAN1, D_SNAN])).toEqual([0x7ff8000000000005n, IOC]);
  });

  it("FADD with denormals: exact with FZ off, flushed inputs with IDC with FZ on; +0 + -0 by mode", () => {
    expect(op(0x1e222820, [1n, 2n])).toEqual([3n, 0]);
    expect(op(0x1e222820, [1n, f32(1)], FZ)).toEqual([f32(1), IDC]);
    expect(op(0x1e222820, [0n, 0x80000000n])).toEqual([0n, 0]);
    expect(op(0x1e222820, [0n, 0x80000000n], RM)).toEqual([0x80000000n, 0]);
  });

  it("FSUB: x - x is +0 (-0 rounding down); Inf - Inf is Invalid", () => {
    expect(op(0x1e223820, [f32(1.5), f32(1.5)])).toEqual([0n, 0]); // fsub s0, s1, s2
    expect(op(0x1e223820, [f32(1.5), f32(1.5)], RM)).toEqual([0x80000000n, 0]);
    expect(op(0x1e623820, [0x7ff0000000000000n, 0x7ff0000000000000n])).toEqual([D_DEFAULT_NAN, IOC]); // fsub d0, d1, d2
    expect(op(0x1e623820, [f64(1), f64(-2)])).toEqual([f64(3), 0]);
  });

  it("FMUL: overflow to Inf or the largest finite by mode, Inf * 0, underflow with FZ on and off", () => {
    const max = 0x7f7fffffn;
    expect(op(0x1e220820, [max, f32(2)])).toEqual([0x7f800000n, OFC | IXC]); // fmul s0, s1, s2
    expect(op(0x1e220820, [max, f32(2)], RZ)).toEqual([max, OFC | IXC]);
    expect(op(0x1e220820, [max, f32(-2)], RP)).toEqual([0xff7fffffn, OFC | IXC]);
    expect(op(0x1e220820, [0x7f800000n, 0n])).toEqual([DEFAULT_NAN, IOC]);
    // 2^-126 * 0.5 = 2^-127: an exact denormal (no flags), or flushed to +0 with UFC under FZ
    expect(op(0x1e220820, [0x00800000n, f32(0.5)])).toEqual([0x00400000n, 0]);
    expect(op(0x1e220820, [0x00800000n, f32(0.5)], FZ)).toEqual([0n, UFC]);
    // an inexact denormal result: UFC and IXC
    expect(op(0x1e220820, [0x00800001n, f32(0.5)])).toEqual([0x00400000n, UFC | IXC]);
    expect(op(0x1e620820, [f64(3), f64(-0.5)])).toEqual([f64(-1.5), 0]); // fmul d0, d1, d2
  });

  it("FDIV: division by zero (DZC), 0/0 (IOC), inexact quotients", () => {
    expect(op(0x1e221820, [f32(1), 0n])).toEqual([0x7f800000n, DZC]); // fdiv s0, s1, s2
    expect(op(0x1e221820, [f32(-1), 0n])).toEqual([0xff800000n, DZC]);
    expect(op(0x1e221820, [0n, 0n])).toEqual([DEFAULT_NAN, IOC]);
    expect(op(0x1e221820, [f32(1), f32(3)])).toEqual([0x3eaaaaabn, IXC]);
    expect(op(0x1e621820, [f64(1), f64(3)], RZ)).toEqual([0x3fd5555555555555n, IXC]); // fdiv d0, d1, d2
    expect(op(0x1e621820, [f64(1), 1n], FZ)).toEqual([0x7ff0000000000000n, DZC | IDC]); // flushed divisor
  });

  it("FMAX / FMIN: signed zeros ordered, NaNs propagate", () => {
    expect(op(0x1e224820, [0x80000000n, 0n])).toEqual([0n, 0]); // fmax s0, s1, s2
    expect(op(0x1e225820, [0n, 0x80000000n])).toEqual([0x80000000n, 0]); // fmin s0, s1, s2
    expect(op(0x1e224820, [QNAN1, f32(1)])).toEqual([QNAN1, 0]);
    expect(op(0x1e225820, [f32(1), SNAN2])).toEqual([0xffc00002n, IOC]);
    expect(op(0x1e624820, [f64(-1), f64(2)])).toEqual([f64(2), 0]); // fmax d0, d1, d2
    expect(op(0x1e625820, [f64(-1), f64(2)])).toEqual([f64(-1), 0]); // fmin d0, d1, d2
    // FZ: a denormal takes part as a signed zero
    expect(op(0x1e225820, [0x80000001n, 0n], FZ)).toEqual([0x80000000n, IDC]);
    expect(op(0x1e224820, [0x80000001n, 0n])).toEqual([0n, 0]);
  });

  it("FMAXNM / FMINNM: a quiet NaN loses to a number; a signalling NaN still propagates", () => {
    expect(op(0x1e226820, [QNAN1, f32(1)])).toEqual([f32(1), 0]); // fmaxnm s0, s1, s2
    expect(op(0x1e227820, [f32(-1), 0xffc00003n])).toEqual([f32(-1), 0]); // fminnm s0, s1, s2
    expect(op(0x1e226820, [SNAN2, f32(1)])).toEqual([0xffc00002n, IOC]);
    expect(op(0x1e226820, [QNAN1, 0xffc00003n])).toEqual([QNAN1, 0]);
    expect(op(0x1e226820, [QNAN1, 0xffc00003n], DN)).toEqual([DEFAULT_NAN, 0]);
    expect(op(0x1e227820, [0n, 0x80000000n])).toEqual([0x80000000n, 0]);
    expect(op(0x1e626820, [D_QNAN1, f64(-3)])).toEqual([f64(-3), 0]); // fmaxnm d0, d1, d2
    expect(op(0x1e627820, [f64(5), f64(-3)])).toEqual([f64(-3), 0]); // fminnm d0, d1, d2
    // FZ: the number a quiet NaN loses to is flushed first
    expect(op(0x1e226820, [QNAN1, 0x80000001n], FZ)).toEqual([0x80000000n, IDC]);
  });

  it("FNMUL negates the rounded product, NaNs included", () => {
    expect(op(0x1e228820, [f32(2), f32(3)])).toEqual([f32(-6), 0]); // fnmul s0, s1, s2
    expect(op(0x1e228820, [QNAN1, f32(1)])).toEqual([0xffc00001n, 0]);
    expect(op(0x1e628820, [0x7fefffffffffffffn, f64(2)], RZ)).toEqual([0xffefffffffffffffn, OFC | IXC]); // fnmul d0, d1, d2
  });
});

describe("A64 FP 3 source (fused)", () => {
  // x = 1 + 2^-23: x*x = 1 + 2^-22 + 2^-46, so x*x - (1 + 2^-22) is 2^-46 only when fused.
  const X = 0x3f800001n, P = 0x3f800002n, NP = 0xbf800002n;
  it("FMADD: Ra + Rn*Rm with one rounding", () => {
    expect(op(0x1f020c20, [X, X, NP])).toEqual([0x28800000n, 0]); // fmadd s0, s1, s2, s3
    const dx = 0x3ff0000000000001n; // 1 + 2^-52
    expect(op(0x1f420c20, [dx, dx, 0xbff0000000000002n])).toEqual([0x3970000000000000n, 0]); // fmadd d0: 2^-104
  });
  it("FMSUB: Ra - Rn*Rm", () => {
    expect(op(0x1f028c20, [X, X, P])).toEqual([0xa8800000n, 0]); // fmsub s0, s1, s2, s3
    expect(op(0x1f428c20, [f64(2), f64(3), f64(1)])).toEqual([f64(-5), 0]); // fmsub d0
  });
  it("FNMADD: -Ra - Rn*Rm", () => {
    expect(op(0x1f220c20, [X, X, NP])).toEqual([0xa8800000n, 0]); // fnmadd s0, s1, s2, s3
    expect(op(0x1f620c20, [f64(2), f64(3), f64(1)])).toEqual([f64(-7), 0]); // fnmadd d0
  });
  it("FNMSUB: -Ra + Rn*Rm", () => {
    expect(op(0x1f228c20, [X, X, P])).toEqual([0x28800000n, 0]); // fnmsub s0, s1, s2, s3
    expect(op(0x1f628c20, [f64(2), f64(3), f64(1)])).toEqual([f64(5), 0]); // fnmsub d0
  });
  it("NaNs: the addend's NaN first, negated operands carry their flipped sign; Inf*0 + qNaN is the default NaN", () => {
    expect(op(0x1f220c20, [QNAN1, f32(1), 0x7fc00005n])).toEqual([0xffc00005n, 0]); // fnmadd: -Ra
    expect(op(0x1f028c20, [QNAN1, f32(1), f32(1)])).toEqual([0xffc00001n, 0]); // fmsub: -Rn
    expect(op(0x1f020c20, [f32(1), SNAN2, QNAN1])).toEqual([0xffc00002n, IOC]); // the sNaN beats the addend's qNaN
    expect(op(0x1f020c20, [0x7f800000n, 0n, QNAN1])).toEqual([DEFAULT_NAN, IOC]);
    expect(op(0x1f020c20, [0x7f800000n, f32(1), 0xff800000n])).toEqual([DEFAULT_NAN, IOC]); // Inf - Inf
  });
  it("flags accumulate into FPSR: earlier flags stay", () => {
    expect(op(0x1f020c20, [f32(1), f32(1), f32(1)], 0, DZC | UFC)).toEqual([f32(2), DZC | UFC]);
    expect(op(0x1f020c20, [1n, f32(1), f32(1)], FZ, DZC)).toEqual([f32(1), DZC | IDC]);
  });
});

describe("A64 FP arithmetic UNDEF", () => {
  it("half precision (ftype 11, no FP16) and ftype 10 are UNDEFINED, as are M/S = 1 and opcodes past FNMUL", () => {
    for (const w of [
      0x1ee22820, // fadd h0, h1, h2
      0x1ea22820, // ftype 10
      0x1ee1c020, // fsqrt h0, h1
      0x1fc20c20, // fmadd h0, h1, h2, h3
      0x3e222820, // S = 1
      0x9e222820, // M = 1
      0x1e229820, // 2-source opcode 1001
      0x1e26c020, // 1-source opcode 001101
      0x1e284020, // frint32z (ARMv8.5)
    ]) {
      expect(undefined64(runFp([w])), w.toString(16)).toBe(true);
    }
  });
});
