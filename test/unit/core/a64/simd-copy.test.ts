// A64 AdvSIMD copy (DUP, INS, SMOV, UMOV) and modified immediate (MOVI, MVNI, ORR, BIC, FMOV).
// Expected values checked against qemu-aarch64 7.2.
import { describe, it, expect } from "vitest";
import { runFp, JUNK, PC_NEXT, undefined64 } from "./fp-harness.js";

// V1 = bytes 0x10..0x1f, V2 = bytes 0x80..0x8f (negative as signed bytes).
const V1: [bigint, bigint] = [0x1716151413121110n, 0x1f1e1d1c1b1a1918n];
const V2: [bigint, bigint] = [0x8786858483828180n, 0x8f8e8d8c8b8a8988n];

describe("A64 AdvSIMD copy", () => {
  it("DUP (element): lane 3 of bytes into 8B zeroes the top half; D[1] into 2D; Vd = Vn", () => {
    expect(runFp([0x0e070420], { v: { 1: V1 } }).q(0)).toEqual([0x1313131313131313n, 0n]); // dup v0.8b, v1.b[3]
    expect(runFp([0x4e180420], { v: { 1: V1 } }).q(0)).toEqual([V1[1], V1[1]]); // dup v0.2d, v1.d[1]
    expect(runFp([0x4e1f0421], { v: { 1: V1 } }).q(1)).toEqual([0x1f1f1f1f1f1f1f1fn, 0x1f1f1f1f1f1f1f1fn]); // dup v1.16b, v1.b[15]
  });

  it("DUP (element/general) UNDEFs for 1D (Q = 0, size 3) and imm5 = x0000", () => {
    expect(undefined64(runFp([0x0e180420], { v: { 1: V1 } }))).toBe(true); // dup v0.1d, v1.d[1]
    expect(undefined64(runFp([0x0e080c20]))).toBe(true); // dup v0.1d, x1
    expect(undefined64(runFp([0x4e000420]))).toBe(true); // imm5 = 00000
  });

  it("DUP (general): low bits of Xn in every lane", () => {
    expect(runFp([0x0e020c20], { x: { 1: 0x1234567899aabbccn } }).q(0)).toEqual([0xbbccbbccbbccbbccn, 0n]); // dup v0.4h, w1
    expect(runFp([0x4e080c20], { x: { 1: 0x1234567899aabbccn } }).q(0)).toEqual([0x1234567899aabbccn, 0x1234567899aabbccn]); // dup v0.2d, x1
  });

  it("INS (general, element) keep the other lanes, also the upper half", () => {
    let r = runFp([0x4e1c1c20], { v: { 0: [0n, 0n] }, x: { 1: 0xffffffffdeadbeefn } }); // mov v0.s[3], w1
    expect(r.q(0)).toEqual([0n, 0xdeadbeef00000000n]);
    r = runFp([0x6e162420], { v: { 1: V1 } }); // mov v0.h[5], v1.h[2]
    expect(r.q(0)).toEqual([JUNK, 0xa5a5a5a51514a5a5n]);
    expect(r.pc).toBe(PC_NEXT);
  });

  it("SMOV sign-extends, UMOV zero-extends; UNDEF forms", () => {
    expect(runFp([0x4e1f2c20], { v: { 1: V1 } }).x[0]).toBe(0x1fn); // smov x0, v1.b[15]
    expect(runFp([0x4e1f2c40], { v: { 2: V2 } }).x[0]).toBe(0xffffffffffffff8fn); // smov x0, v2.b[15]
    expect(runFp([0x0e062c40], { v: { 2: V2 }, x: { 0: -1n } }).x[0]).toBe(0xffff8382n); // smov w0, v2.h[1]
    expect(runFp([0x0e133c40], { v: { 2: V2 }, x: { 0: -1n } }).x[0]).toBe(0x89n); // umov w0, v2.b[9]
    expect(runFp([0x4e183c20], { v: { 1: V1 } }).x[0]).toBe(V1[1]); // mov x0, v1.d[1]
    expect(runFp([0x0e1c3c20], { v: { 1: V1 } }).x[0]).toBe(0x1f1e1d1cn); // mov w0, v1.s[3]
    expect(undefined64(runFp([0x0e0c2c20]))).toBe(true); // smov w0, v1.s[1]
    expect(undefined64(runFp([0x4e1c3c20]))).toBe(true); // umov x0, v1.s[3]
    expect(undefined64(runFp([0x0e183c20]))).toBe(true); // umov w0, v1.d[1]
  });

  it("traps when FP is disabled (CPACR_EL1.FPEN = 0)", () => {
    const r = runFp([0x0e070420], { fpen: 0 });
    expect(r.pc).toBe(0x200n);
    expect(r.esr >>> 26).toBe(0x07);
  });
});

describe("A64 AdvSIMD modified immediate", () => {
  it("MOVI/MVNI with shifts and MSL, 2S zeroes the upper half", () => {
    expect(runFp([0x0f052560]).q(0)).toEqual([0x0000ab000000ab00n, 0n]); // movi v0.2s, #0xab, lsl #8
    expect(runFp([0x6f00d640]).q(0)).toEqual([0xffed0000ffed0000n, 0xffed0000ffed0000n]); // mvni v0.4s, #0x12, msl #16
    expect(runFp([0x2f01a680]).q(0)).toEqual([0xcbffcbffcbffcbffn, 0n]); // mvni v0.4h, #0x34, lsl #8
    expect(runFp([0x4f02e740]).q(0)).toEqual([0x5a5a5a5a5a5a5a5an, 0x5a5a5a5a5a5a5a5an]); // movi v0.16b, #0x5a
  });

  it("MOVI 64-bit byte mask: Dd form zeroes the top, 2D fills both", () => {
    expect(runFp([0x2f05e4a0]).q(0)).toEqual([0xff00ff0000ff00ffn, 0n]); // movi d0, #0xff00ff0000ff00ff
    expect(runFp([0x6f05e4a0]).q(0)).toEqual([0xff00ff0000ff00ffn, 0xff00ff0000ff00ffn]); // movi v0.2d, ...
  });

  it("ORR/BIC immediate combine with Vd", () => {
    expect(runFp([0x4f05b560], { v: { 0: [0x0011002200330044n, 0x1n] } }).q(0))
      .toEqual([0xab11ab22ab33ab44n, 0xab00ab00ab00ab01n]); // orr v0.8h, #0xab, lsl #8
    expect(runFp([0x2f0797e0], { v: { 0: [0x123456789abcdef0n, 5n] } }).q(0))
      .toEqual([0x120056009a00de00n, 0n]); // bic v0.4h, #0xff
    expect(runFp([0x6f047400], { v: { 0: [-1n, 0x8000000180000002n] } }).q(0))
      .toEqual([0x7fffffff7fffffffn, 0x0000000100000002n]); // bic v0.4s, #0x80, lsl #24
  });

  it("FMOV (vector, immediate): single and double; the 1D double form UNDEFs", () => {
    expect(runFp([0x0f03f600]).q(0)).toEqual([0x3f8000003f800000n, 0n]); // fmov v0.2s, #1.0
    expect(runFp([0x6f06f400]).q(0)).toEqual([0xbfc0000000000000n, 0xbfc0000000000000n]); // fmov v0.2d, #-0.125
    expect(undefined64(runFp([0x2f06f400]))).toBe(true); // Q = 0, op = 1, cmode 1111
    expect(undefined64(runFp([0x0f03fe00]))).toBe(true); // o2 = 1 (FP16 FMOV, not on the A57)
  });
});
