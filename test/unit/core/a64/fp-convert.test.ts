// A64 FCVT between precisions, FP <-> integer and FP <-> fixed-point conversions.
import { describe, it, expect } from "vitest";
import { runFp, f32, f64, JUNK, FZ, DN, AHP, RP, RM, RZ, IOC, OFC, IXC, IDC, undefined64 } from "./fp-harness.js";

/** FP -> integer: V1 holds the operand; returns [X0, FPSR flags]. X0 starts as junk. */
function toInt(word: number, a: bigint, fpcr = 0): [bigint, number] {
  const r = runFp([word], { v: { 1: a }, x: { 0: JUNK }, fpcr });
  return [r.x[0], r.fpsr];
}
/** Integer or FP source in X1 / V1 -> FP: returns [V0 low 64 bits, FPSR flags], checking the top half is zero. */
function toFp(word: number, src: { x?: bigint; v?: bigint }, fpcr = 0): [bigint, number] {
  const r = runFp([word], { x: { 1: src.x ?? 0n }, v: src.v === undefined ? {} : { 1: src.v }, fpcr });
  expect(r.q(0)[1]).toBe(0n);
  return [r.d(0), r.fpsr];
}
const W = (n: number) => BigInt.asUintN(32, BigInt(n)); // a W result, zero-extended into X
const X = (n: bigint) => BigInt.asUintN(64, n);

describe("A64 FCVT (precision)", () => {
  it("single to double: exact; a signalling NaN is quieted (IOC); FZ flushes a denormal input (IDC)", () => {
    expect(toFp(0x1e22c020, { v: f32(1.5) })).toEqual([f64(1.5), 0]); // fcvt d0, s1
    expect(toFp(0x1e22c020, { v: 0xff800001n })).toEqual([0xfff8000020000000n, IOC]);
    expect(toFp(0x1e22c020, { v: 0xff800001n }, DN)).toEqual([0x7ff8000000000000n, IOC]);
    expect(toFp(0x1e22c020, { v: 1n })).toEqual([0x36a0000000000000n, 0]);
    expect(toFp(0x1e22c020, { v: 0x80000001n }, FZ)).toEqual([0x8000000000000000n, IDC]);
  });

  it("double to single: rounding per FPCR, overflow", () => {
    const d = 0x3ff0000000000001n; // 1 + 2^-52
    expect(toFp(0x1e624020, { v: d })).toEqual([f32(1), IXC]); // fcvt s0, d1
    expect(toFp(0x1e624020, { v: d }, RP)).toEqual([0x3f800001n, IXC]);
    expect(toFp(0x1e624020, { v: f64(1e300) })).toEqual([0x7f800000n, OFC | IXC]);
    expect(toFp(0x1e624020, { v: f64(1e300) }, RZ)).toEqual([0x7f7fffffn, OFC | IXC]);
  });

  it("to half: IEEE or alternative half precision; half results are never flushed", () => {
    expect(toFp(0x1e23c020, { v: f32(1) })).toEqual([0x3c00n, 0]); // fcvt h0, s1
    expect(toFp(0x1e23c020, { v: f32(65520) })).toEqual([0x7c00n, OFC | IXC]);
    expect(toFp(0x1e23c020, { v: f32(65520) }, AHP)).toEqual([0x7c00n, IXC]); // 65536 is normal in AHP
    expect(toFp(0x1e23c020, { v: 0x7f800000n }, AHP)).toEqual([0x7fffn, IOC]);
    expect(toFp(0x1e23c020, { v: 0x7fc00000n }, AHP)).toEqual([0n, IOC]);
    expect(toFp(0x1e23c020, { v: 0x33800000n }, FZ)).toEqual([1n, 0]); // 2^-24: a half denormal, kept
    expect(toFp(0x1e63c020, { v: f64(-2) })).toEqual([0xc000n, 0]); // fcvt h0, d1
    expect(toFp(0x1e63c020, { v: 0x7ff4000000000000n })).toEqual([0x7f00n, IOC]);
  });

  it("from half: Inf (IEEE) or 65536 (AHP); half denormals not flushed; NaN quieted", () => {
    expect(toFp(0x1ee24020, { v: 0x7c00n })).toEqual([0x7f800000n, 0]); // fcvt s0, h1
    expect(toFp(0x1ee24020, { v: 0x7c00n }, AHP)).toEqual([f32(65536), 0]);
    expect(toFp(0x1ee24020, { v: 0x0001n }, FZ)).toEqual([0x33800000n, 0]);
    expect(toFp(0x1ee24020, { v: 0x7d01n })).toEqual([0x7fe02000n, IOC]);
    expect(toFp(0x1ee2c020, { v: 0xbc00n })).toEqual([f64(-1), 0]); // fcvt d0, h1
    expect(toFp(0x1ee2c020, { v: 0xffff_0000_0000_3555n })).toEqual([0x3fd5540000000000n, 0]); // only H1's 16 bits
  });

  it("FCVT to the same type, or with ftype/opc 10, is UNDEFINED", () => {
    for (const w of [
      0x1e224020, // fcvt s0, s1
      0x1e62c020, // fcvt d0, d1
      0x1ee3c020, // fcvt h0, h1
      0x1ea2c020, // ftype 10
      0x1e234020, // opc 10
    ]) {
      expect(undefined64(runFp([w])), w.toString(16)).toBe(true);
    }
  });
});

describe("A64 FP to integer", () => {
  it("FCVTNS: ties to even, saturation (IOC only), NaN -> 0 (IOC), W results zero-extended", () => {
    expect(toInt(0x1e200020, f32(2.5))).toEqual([2n, IXC]); // fcvtns w0, s1
    expect(toInt(0x1e200020, f32(-2.5))).toEqual([W(-2), IXC]);
    expect(toInt(0x1e200020, f32(3e9))).toEqual([0x7fffffffn, IOC]);
    expect(toInt(0x1e200020, f32(-3e9))).toEqual([0x80000000n, IOC]);
    expect(toInt(0x1e200020, 0x7fc00000n)).toEqual([0n, IOC]);
    expect(toInt(0x1e200020, 0x80000000n)).toEqual([0n, 0]);
    expect(toInt(0x9e600020, f64(-(2 ** 63)))).toEqual([0x8000000000000000n, 0]); // fcvtns x0, d1
    expect(toInt(0x9e600020, f64(2 ** 63))).toEqual([0x7fffffffffffffffn, IOC]);
    expect(toInt(0x9e600020, f64(-3.5))).toEqual([X(-4n), IXC]);
  });

  it("FCVTNU: negative values round first (-0.4 -> 0, IXC), below zero saturate to 0 (IOC)", () => {
    expect(toInt(0x1e210020, f32(-0.4))).toEqual([0n, IXC]); // fcvtnu w0, s1
    expect(toInt(0x1e210020, f32(-1))).toEqual([0n, IOC]);
    expect(toInt(0x1e210020, f32(4294967040))).toEqual([0xffffff00n, 0]);
    expect(toInt(0x9e610020, f64(2 ** 64))).toEqual([0xffffffffffffffffn, IOC]); // fcvtnu x0, d1
    expect(toInt(0x9e610020, f64(1.5))).toEqual([2n, IXC]);
  });

  it("FCVTPS/FCVTPU round toward +Inf, FCVTMS/FCVTMU toward -Inf, whatever FPCR.RMode", () => {
    expect(toInt(0x1e280020, f32(1.1), RM)).toEqual([2n, IXC]); // fcvtps w0, s1
    expect(toInt(0x9e680020, f64(-1.9), RM)).toEqual([X(-1n), IXC]); // fcvtps x0, d1
    expect(toInt(0x1e690020, f64(0.1))).toEqual([1n, IXC]); // fcvtpu w0, d1
    expect(toInt(0x9e290020, f32(2 ** 40))).toEqual([2n ** 40n, 0]); // fcvtpu x0, s1
    expect(toInt(0x1e300020, f32(-1.1), RP)).toEqual([W(-2), IXC]); // fcvtms w0, s1
    expect(toInt(0x9e700020, f64(1.9))).toEqual([1n, IXC]); // fcvtms x0, d1
    expect(toInt(0x1e310020, f32(1.9))).toEqual([1n, IXC]); // fcvtmu w0, s1
    expect(toInt(0x9e710020, f64(-0.1))).toEqual([0n, IOC]); // fcvtmu x0, d1: rounds to -1
  });

  it("FCVTZS/FCVTZU (integer) truncate; FCVTAS/FCVTAU round ties away", () => {
    expect(toInt(0x1e380020, f32(-1.9))).toEqual([W(-1), IXC]); // fcvtzs w0, s1
    expect(toInt(0x9e780020, f64(1e300))).toEqual([0x7fffffffffffffffn, IOC]); // fcvtzs x0, d1
    expect(toInt(0x1e790020, f64(4294967295.9))).toEqual([0xffffffffn, IXC]); // fcvtzu w0, d1
    expect(toInt(0x1e790020, f64(4294967296))).toEqual([0xffffffffn, IOC]);
    expect(toInt(0x9e390020, f32(-0.5))).toEqual([0n, IXC]); // fcvtzu x0, s1
    expect(toInt(0x1e240020, f32(2.5))).toEqual([3n, IXC]); // fcvtas w0, s1
    expect(toInt(0x1e240020, f32(-2.5))).toEqual([W(-3), IXC]);
    expect(toInt(0x9e640020, f64(2.4))).toEqual([2n, IXC]); // fcvtas x0, d1
    expect(toInt(0x1e250020, f32(0.5))).toEqual([1n, IXC]); // fcvtau w0, s1
    expect(toInt(0x1e250020, 1n, FZ)).toEqual([0n, IDC]); // flushed denormal: exact zero
    expect(toInt(0x9e650020, 0x7ff0000000000000n)).toEqual([0xffffffffffffffffn, IOC]); // fcvtau x0, d1: +Inf
  });

  it("XZR as the destination discards the result but keeps the flags", () => {
    const r = runFp([0x9e78003f], { v: { 1: 0x7ff0000000000001n } }); // fcvtzs xzr, d1
    expect(r.fpsr).toBe(IOC);
  });
});

describe("A64 integer to FP", () => {
  it("SCVTF: W sources sign-extended, rounding per FPCR.RMode", () => {
    expect(toFp(0x1e220020, { x: 0xffffffff80000000n })).toEqual([0xcf000000n, 0]); // scvtf s0, w1
    expect(toFp(0x1e220020, { x: 0x1234567800000001n })).toEqual([f32(1), 0]); // upper half ignored
    expect(toFp(0x1e220020, { x: 16777217n })).toEqual([f32(16777216), IXC]);
    expect(toFp(0x1e220020, { x: 16777217n }, RP)).toEqual([0x4b800001n, IXC]);
    expect(toFp(0x9e620020, { x: 0x8000000000000000n })).toEqual([0xc3e0000000000000n, 0]); // scvtf d0, x1
    expect(toFp(0x9e620020, { x: 2n ** 53n + 1n }, RM)).toEqual([f64(2 ** 53), IXC]);
    expect(toFp(0x9e220020, { x: X(-1n) })).toEqual([f32(-1), 0]); // scvtf s0, x1
  });

  it("UCVTF: W sources zero-extended; 2^64 - 1 rounds to 2^64 or down by mode", () => {
    expect(toFp(0x1e230020, { x: 0xffffffffn })).toEqual([0x4f800000n, IXC]); // ucvtf s0, w1
    expect(toFp(0x9e630020, { x: X(-1n) })).toEqual([0x43f0000000000000n, IXC]); // ucvtf d0, x1
    expect(toFp(0x9e630020, { x: X(-1n) }, RZ)).toEqual([0x43efffffffffffffn, IXC]);
    expect(toFp(0x9e230020, { x: 0x8000000000000000n })).toEqual([0x5f000000n, 0]); // ucvtf s0, x1
  });
});

describe("A64 fixed point", () => {
  it("SCVTF/UCVTF (fixed point) divide by 2^fbits, fbits up to 64", () => {
    expect(toFp(0x1e02f020, { x: 0xfffffff8n })).toEqual([f32(-0.5), 0]); // scvtf s0, w1, #4
    expect(toFp(0x9e420020, { x: 0x8000000000000000n })).toEqual([f64(-0.5), 0]); // scvtf d0, x1, #64
    expect(toFp(0x1e438020, { x: 0x80000000n })).toEqual([f64(0.5), 0]); // ucvtf d0, w1, #32
    expect(toFp(0x9e03fc20, { x: 3n })).toEqual([f32(1.5), 0]); // ucvtf s0, x1, #1
  });

  it("FCVTZS/FCVTZU (fixed point) multiply by 2^fbits and truncate", () => {
    expect(toInt(0x1e18f020, f32(2.53))).toEqual([40n, IXC]); // fcvtzs w0, s1, #4
    expect(toInt(0x9e580020, f64(0.5))).toEqual([0x7fffffffffffffffn, IOC]); // fcvtzs x0, d1, #64
    expect(toInt(0x9e580020, f64(-0.5))).toEqual([0x8000000000000000n, 0]);
    expect(toInt(0x1e598020, f64(0.75))).toEqual([0xc0000000n, 0]); // fcvtzu w0, d1, #32
    expect(toInt(0x9e19e020, f32(-1))).toEqual([0n, IOC]); // fcvtzu x0, s1, #8
    expect(toInt(0x9e19e020, f32(1.005), RP)).toEqual([257n, IXC]); // toward zero whatever FPCR says
  });

  it("a W form with scale < 32 (more than 32 fraction bits) is UNDEFINED", () => {
    expect(undefined64(runFp([0x1e187c20]))).toBe(true); // fcvtzs w0, s1, scale 31
    expect(undefined64(runFp([0x1e020020]))).toBe(true); // scvtf s0, w1, scale 0
    expect(undefined64(runFp([0x9e020020], { x: { 1: 1n } }))).toBe(false); // X form: #64 is fine
  });
});

describe("A64 conversion UNDEF", () => {
  it("half precision integer conversions (FP16) and unallocated rmode/opcode pairs", () => {
    for (const w of [
      0x1ee20020, // scvtf h0, w1
      0x1ee00020, // fcvtns w0, h1
      0x1ec20020, // scvtf h0, w1, #64 (fixed, FP16)
      0x1e2a0020, // rmode 01 with opcode 010
      0x1e3c0020, // rmode 11 with opcode 100
      0x9e080020, // fixed point rmode 01
      0x1e000020 | 0x8000, // fixed point rmode 00 opcode 000 (FCVTNS has no fixed form)
      0x3e220020, // S = 1
    ]) {
      expect(undefined64(runFp([w])), w.toString(16)).toBe(true);
    }
  });
});
