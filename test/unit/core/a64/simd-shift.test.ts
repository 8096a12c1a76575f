// A64 AdvSIMD shift by immediate, vector and scalar: shifts by the full element width, rounding,
// accumulation, insertion, saturation and FPSR.QC, narrowing into the upper half, widening.
// Expected values are what qemu-aarch64 7.2 (-cpu cortex-a57) gave.
import { describe, it, expect } from "vitest";
import { simdRows, type SimdRow } from "./simd-harness.js";
import { runFp, undefined64 } from "./fp-harness.js";

const ROWS: SimdRow[] = [
  ["sshr v0.16b, v1.16b, #3", 0x4f0d0420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0ffff000ffff0000n, 0xf0000fff00ff0ff0n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["ushr v0.8h, v1.8h, #16", 0x6f100420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sshr v0.2d, v1.2d, #64", 0x4f400420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["ssra v0.4s, v1.4s, #31", 0x4f211420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456789abcdeen, 0xfedcba9776543210n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["usra v0.8b, v1.8b, #1", 0x2f0f1420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x40a28567082acdefn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["srshr v0.8h, v1.8h, #4", 0x4f1c2420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0800f80000000000n, 0xf8000800001007f8n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["urshr v0.2d, v1.2d, #64", 0x6f402420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x0000000000000001n, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["srsra v0.4s, v1.4s, #7", 0x4f393420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0223446789abc9efn, 0xfddcbd987656310fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["ursra v0.16b, v1.16b, #8", 0x6f083420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x012446678aaccdefn, 0xffdcba9976553211n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sri v0.8h, v1.8h, #5", 0x6f1b4420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x03ff44008fffc800n, 0xfc00bbff700733fcn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sri v0.16b, v1.16b, #8", 0x6f084420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456789abcdefn, 0xfedcba9876543210n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["shl v0.4s, v1.4s, #9", 0x4f295420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xff000000fc000200n, 0x02fffc00feff0000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sli v0.16b, v1.16b, #3", 0x6f0b5420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xf9fb0507f9f3050fn, 0x060cfaf006fcfa00n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sli v0.2d, v1.2d, #0", 0x6f405420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x8000000000000001n, 0x7ffffffffffffff1n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["sqshlu v0.8h, v1.8h, #3", 0x6f136420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xffff000000000008n, 0x0000ffff07f8ffffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqshl v0.16b, v1.16b, #1", 0x4f097420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x7ffe8000fefc0002n, 0x80027ffc00fe7f80n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["uqshl v0.4s, v1.4s, #17", 0x6f317420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xffffffffffffffffn, 0xffffffffffffffffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqshl v0.2d, v1.2d, #1", 0x4f417420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x8000000000000000n, 0x7fffffffffffffffn], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x8000000],
  ["shrn v0.8b, v1.8h, #4", 0x0f0c8420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00ff0ff8ff00ff00n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rshrn2 v0.4s, v1.2d, #32", 0x4f208c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x0123456789abcdefn, 0x8000000080000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["sqshrun v0.4h, v1.4s, #8", 0x2f188420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000ff7fffff0000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqrshrun2 v0.16b, v1.8h, #1", 0x6f0f8c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456789abcdefn, 0x00ff80ffff000001n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqshrn v0.8b, v1.8h, #2", 0x0f0e9420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x807f3f7f7f80ff00n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["uqshrn v0.4h, v1.4s, #4", 0x2f1c9420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqrshrn2 v0.8h, v1.4s, #16", 0x4f109c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456789abcdefn, 0x800100ff7ffffffen], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["uqrshrn v0.2s, v1.2d, #31", 0x2f219c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x8000000],
  ["sshll v0.8h, v1.8b, #3", 0x0f0ba420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xfff8fff000000008n, 0x03f8fff8fc000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uxtl2 v0.2d, v1.4s", 0x6f20a420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x00000000fffffff1n, 0x000000007fffffffn], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["sshll2 v0.4s, v1.8h, #15", 0x4f1fa420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x007f80003fc00000n, 0xc00080003fff0000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sshr d0, d1, #63", 0x5f410420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["ursra d0, d1, #1", 0x7f7f3420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x4123456789abcdf0n, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["shl d0, d1, #63", 0x5f7f5420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x8000000000000000n, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["sri d0, d1, #64", 0x7f404420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x0123456789abcdefn, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x0],
  ["sqshl b0, b1, #5", 0x5f0d7420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000020n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uqshl h0, h1, #9", 0x7f197420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000200n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sqshlu s0, s1, #1", 0x7f216420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqshrn b0, h1, #1", 0x5f0f9420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uqrshrn h0, s1, #3", 0x7f1d9c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x000000000000ffffn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqrshrun s0, d1, #20", 0x7f2c8c20, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000001n, 0x7ffffffffffffff1n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x8000000000000001n, 0x7ffffffffffffff1n], 0x0000000000000000n, 0x8000000],
];

describe("A64 AdvSIMD shift by immediate (QEMU values)", () => simdRows(ROWS));

describe("A64 AdvSIMD shift by immediate UNDEF forms", () => {
  it("1D vector shifts, SRI/SQSHLU with U = 0, narrowing or widening from D, scalar shifts below D", () => {
    expect(undefined64(runFp([0x0f410420]))).toBe(true); // sshr v0.1d, v1.1d, #63
    expect(undefined64(runFp([0x4f184420]))).toBe(true); // sri with U = 0
    expect(undefined64(runFp([0x4f0b6420]))).toBe(true); // sqshlu with U = 0
    expect(undefined64(runFp([0x0f418420]))).toBe(true); // shrn with immh = 1xxx
    expect(undefined64(runFp([0x0f41a420]))).toBe(true); // sshll with immh = 1xxx
    expect(undefined64(runFp([0x5f210420]))).toBe(true); // sshr s0, s1, #31
    expect(undefined64(runFp([0x5f098420]))).toBe(true); // scalar shrn (U = 0)
  });
  it("immh = 0000 is the modified immediate space (MOVI), not a shift", () => {
    const r = runFp([0x0f052560]); // movi v0.2s, #0xab, lsl #8
    expect(r.q(0)).toEqual([0x0000ab000000ab00n, 0n]);
  });
});
