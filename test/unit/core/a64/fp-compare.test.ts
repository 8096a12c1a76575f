// A64 FCMP/FCMPE, FCCMP/FCCMPE and FCSEL: NZCV results, quiet vs signalling NaNs, FZ.
import { describe, it, expect } from "vitest";
import { runFp, f32, f64, JUNK, FZ, IOC, IDC, undefined64 } from "./fp-harness.js";

const EQ = 0b0110, LT = 0b1000, GT = 0b0010, UN = 0b0011;
const QNAN = 0x7fc00000n, SNAN = 0x7f800001n;

/** Compare V1 with V2 (S or D by the word); returns [NZCV, FPSR flags]. NZCV starts as 1111. */
function cmp(word: number, a: bigint, b: bigint, fpcr = 0, nzcv = 0b1111): [number, number] {
  const r = runFp([word], { v: { 1: a, 2: b }, fpcr, nzcv });
  return [r.nzcv, r.fpsr];
}

describe("A64 FCMP / FCMPE", () => {
  it("FCMP: less, equal, greater; unordered for NaNs, Invalid only for a signalling NaN", () => {
    expect(cmp(0x1e222020, f32(1), f32(2))).toEqual([LT, 0]); // fcmp s1, s2
    expect(cmp(0x1e222020, f32(2), f32(2))).toEqual([EQ, 0]);
    expect(cmp(0x1e222020, f32(3), f32(2))).toEqual([GT, 0]);
    expect(cmp(0x1e222020, 0x80000000n, 0n)).toEqual([EQ, 0]); // -0 == +0
    expect(cmp(0x1e222020, QNAN, f32(2))).toEqual([UN, 0]);
    expect(cmp(0x1e222020, f32(2), SNAN)).toEqual([UN, IOC]);
    expect(cmp(0x1e622020, f64(-1), 0xfff0000000000000n)).toEqual([GT, 0]); // fcmp d1, d2: -1 > -Inf
  });

  it("FCMPE raises Invalid for quiet NaNs too", () => {
    expect(cmp(0x1e222030, QNAN, f32(2))).toEqual([UN, IOC]); // fcmpe s1, s2
    expect(cmp(0x1e222030, f32(1), f32(2))).toEqual([LT, 0]);
  });

  it("compare with #0.0 ignores Rm; FZ makes a denormal equal to zero (IDC)", () => {
    expect(cmp(0x1e202028, 0x80000001n, f32(5))).toEqual([LT, 0]); // fcmp s1, #0.0
    expect(cmp(0x1e202028, 0x80000001n, f32(5), FZ)).toEqual([EQ, IDC]);
    expect(cmp(0x1e3f2028, 1n, 0n)).toEqual([GT, 0]); // Rm = 31 in the #0.0 form: still zero
    expect(cmp(0x1e602038, f64(-1), 0n)).toEqual([LT, 0]); // fcmpe d1, #0.0
    expect(cmp(0x1e602038, 0x7ff8000000000000n, 0n)).toEqual([UN, IOC]);
  });
});

describe("A64 FCCMP / FCCMPE", () => {
  it("FCCMP compares when the condition holds, else sets NZCV to the immediate without touching FPSR", () => {
    // fccmp s1, s2, #0x3, eq
    expect(cmp(0x1e220423, f32(1), f32(2), 0, 0b0100)).toEqual([LT, 0]);
    expect(cmp(0x1e220423, f32(1), f32(2), 0, 0b0000)).toEqual([0b0011, 0]);
    expect(cmp(0x1e220423, SNAN, f32(2), 0, 0b0000)).toEqual([0b0011, 0]); // not compared: no IOC
    expect(cmp(0x1e220423, SNAN, f32(2), 0, 0b0100)).toEqual([UN, IOC]);
    // fccmp d1, d2, #0xa, ne
    expect(cmp(0x1e62142a, f64(2), f64(2), 0, 0b0000)).toEqual([EQ, 0]);
    expect(cmp(0x1e62142a, f64(2), f64(2), 0, 0b0100)).toEqual([0b1010, 0]);
  });

  it("FCCMPE signals on quiet NaNs; AL and NV always compare", () => {
    expect(cmp(0x1e220433, QNAN, f32(2), 0, 0b0100)).toEqual([UN, IOC]); // fccmpe s1, s2, #0x3, eq
    expect(cmp(0x1e62e430, f64(3), f64(2), 0, 0b0000)).toEqual([GT, 0]); // fccmpe d1, d2, #0, al
    expect(cmp(0x1e62f430, f64(3), f64(2), 0, 0b0000)).toEqual([GT, 0]); // the same with cond = NV
  });
});

describe("A64 FCSEL", () => {
  it("picks Rn when the condition holds, else Rm, and zeroes the rest of Vd", () => {
    const a = (JUNK & ~0xffffffffn) | f32(1), b = (JUNK & ~0xffffffffn) | f32(2);
    let r = runFp([0x1e220c20], { v: { 1: a, 2: b }, nzcv: 0b0100 }); // fcsel s0, s1, s2, eq
    expect(r.q(0)).toEqual([f32(1), 0n]);
    r = runFp([0x1e220c20], { v: { 1: a, 2: b }, nzcv: 0b0000 });
    expect(r.q(0)).toEqual([f32(2), 0n]);
    // fcsel d0, d1, d2, lt: N != V; a NaN is moved untouched
    r = runFp([0x1e62bc20], { v: { 1: 0x7ff0000000000001n, 2: f64(2) }, nzcv: 0b1000 });
    expect(r.q(0)).toEqual([0x7ff0000000000001n, 0n]);
    expect(r.fpsr).toBe(0);
    r = runFp([0x1e62bc20], { v: { 1: 0x7ff0000000000001n, 2: f64(2) }, nzcv: 0b1001 });
    expect(r.q(0)).toEqual([f64(2), 0n]);
  });
});

describe("A64 compare UNDEF", () => {
  it("half precision (no FP16), ftype 10 and nonzero op/op2 fields are UNDEFINED", () => {
    for (const w of [
      0x1ee22020, // fcmp h1, h2
      0x1ea22020, // ftype 10
      0x1e222021, // op2 bits 2:0 != 0
      0x1e226020, // op (bits 15:14) != 0
      0x1ee20420, // fccmp h1, h2
      0x1ee20c20, // fcsel h0, h1, h2
      0x3e220c20, // S = 1
    ]) {
      const r = runFp([w], { nzcv: 0b0101 });
      expect(undefined64(r), w.toString(16)).toBe(true);
    }
  });
});
