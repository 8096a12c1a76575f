// A64 FMOV (register, immediate, general), the zeroing of scalar writes, UNDEF and the FP trap.
import { describe, it, expect } from "vitest";
import { runFp, JUNK, FZ, DN, IOC, PC_NEXT, undefined64 } from "./fp-harness.js";

/** An S register value with junk above bit 31, to see which bits the instruction keeps. */
const sj = (bits: bigint) => (JUNK & ~0xffffffffn) | bits;

describe("A64 FMOV", () => {
  it("FMOV (register): raw bits, a signalling NaN untouched and no flags; the rest of Vd zeroed", () => {
    let r = runFp([0x1e204020], { v: { 1: sj(0x7f800001n) }, fpcr: DN }); // fmov s0, s1
    expect(r.q(0)).toEqual([0x7f800001n, 0n]);
    expect(r.fpsr).toBe(0);
    r = runFp([0x1e604020], { v: { 1: 0xfff0000000000001n }, fpcr: FZ }); // fmov d0, d1
    expect(r.q(0)).toEqual([0xfff0000000000001n, 0n]);
    expect(r.fpsr).toBe(0);
    r = runFp([0x1e604020], { v: { 1: 0x0000000000000001n }, fpcr: FZ }); // a denormal is not flushed
    expect(r.q(0)).toEqual([1n, 0n]);
    expect(r.pc).toBe(PC_NEXT);
  });

  it("FMOV (immediate): VFPExpandImm for single and double", () => {
    expect(runFp([0x1e2e1000]).q(0)).toEqual([0x3f800000n, 0n]); // fmov s0, #1.0
    expect(runFp([0x1e27f000]).q(0)).toEqual([0x41f80000n, 0n]); // fmov s0, #31.0
    expect(runFp([0x1e781000]).q(0)).toEqual([0xbfc0000000000000n, 0n]); // fmov d0, #-0.125
  });

  it("FMOV (general) W<->S: the S write zero-extends to 128 bits, the W write to 64", () => {
    let r = runFp([0x1e270020], { x: { 1: 0xffffffff12345678n } }); // fmov s0, w1
    expect(r.q(0)).toEqual([0x12345678n, 0n]);
    r = runFp([0x1e260020], { v: { 1: 0xdeadbeefcafef00dn }, x: { 0: -1n } }); // fmov w0, s1
    expect(r.x[0]).toBe(0xcafef00dn);
  });

  it("FMOV (general) X<->D, with XZR as a source", () => {
    let r = runFp([0x9e670020], { x: { 1: 0x0123456789abcdefn } }); // fmov d0, x1
    expect(r.q(0)).toEqual([0x0123456789abcdefn, 0n]);
    r = runFp([0x9e660020], { v: { 1: 0xfedcba9876543210n } }); // fmov x0, d1
    expect(r.x[0]).toBe(0xfedcba9876543210n);
    r = runFp([0x9e6703e0], { v: { 0: 5n } }); // fmov d0, xzr
    expect(r.q(0)).toEqual([0n, 0n]);
  });

  it("FMOV (general) X<->V.D[1]: the top half only, the low half kept", () => {
    let r = runFp([0x9eaf0020], { v: { 0: [0x1111n, 0x2222n] }, x: { 1: 0x0123456789abcdefn } }); // fmov v0.d[1], x1
    expect(r.q(0)).toEqual([0x1111n, 0x0123456789abcdefn]);
    r = runFp([0x9eae0020], { v: { 1: [0x1111n, 0x8877665544332211n] } }); // fmov x0, v1.d[1]
    expect(r.x[0]).toBe(0x8877665544332211n);
  });

  it("FMOV with half precision (no FP16) or a mismatched sf/ftype is UNDEFINED", () => {
    for (const w of [
      0x1ee60020, // fmov w0, h1 (FP16)
      0x9ee70020, // fmov h0, x1 (FP16)
      0x9e270020, // sf = 1, ftype = 00
      0x1e660020, // sf = 0, ftype = 01
      0x1eae0020, // sf = 0, ftype = 10
      0x1e2e1020, // fmov s0, #1.0 with imm5 != 0
      0x1eee1000, // fmov h0, #1.0 (FP16)
    ]) {
      const r = runFp([w], { v: { 0: 7n } });
      expect(undefined64(r), w.toString(16)).toBe(true);
      expect(r.q(0)[0]).toBe(7n);
    }
  });

  it("with CPACR_EL1.FPEN = 00 an FP instruction traps to EL1 (EC 0x07) and writes nothing", () => {
    const r = runFp([0x1e204020], { fpen: 0, v: { 0: 9n, 1: 1n } }); // fmov s0, s1
    expect(r.pc).toBe(0x200n);
    expect(r.esr >>> 0).toBe(0x1fe00000);
    expect(r.q(0)).toEqual([9n, JUNK]);
    // FPEN = 01 allows EL1 (the harness runs at EL1h)
    expect(runFp([0x1e204020], { fpen: 1, v: { 1: 1n } }).q(0)).toEqual([1n, 0n]);
  });

  it("an unallocated FP encoding UNDEFs before the FP access check", () => {
    const r = runFp([0x1e224020], { fpen: 0 }); // fcvt with ftype = destination type (s to s)
    expect(undefined64(r)).toBe(true);
    expect(r.fpsr & IOC).toBe(0);
  });
});
