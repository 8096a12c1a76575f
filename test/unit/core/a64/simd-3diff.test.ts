// A64 AdvSIMD three different: widening, wide and narrowing forms, the "2" forms (upper halves),
// signed/unsigned extension, SQDMLAL/SQDMLSL/SQDMULL saturation and FPSR.QC, UNDEF forms.
// Expected values are what qemu-aarch64 7.2 (-cpu cortex-a57) gave.
import { describe, it, expect } from "vitest";
import { simdRows, type SimdRow } from "./simd-harness.js";
import { runFp, undefined64 } from "./fp-harness.js";

const ROWS: SimdRow[] = [
  ["saddl v0.8h, v1.8b, v2.8b", 0x0e220020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0xff7ffffe00000003n, 0x007f0000ff7fffffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uaddl2 v0.4s, v1.8h, v2.8h", 0x6e620020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0000807e00010101n, 0x000100000000ffffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["ssubl v0.2d, v1.2s, v2.2s", 0x0ea22020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x000000007ffdffffn, 0x000000007ffd8001n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["usubl2 v0.8h, v1.16b, v2.16b", 0x6e222020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0xff810080fffeffffn, 0x0001ff02ffff00fdn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["saddw v0.4s, v1.4s, v2.4h", 0x0e621020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x7fff0000fffe0003n, 0x80017fff00ff7f7fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uaddw2 v0.2d, v1.2d, v2.4s", 0x6ea21020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x7fff80017f7d8182n, 0x80017ffe80feff81n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["ssubw2 v0.8h, v1.8h, v2.16b", 0x4e223020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x7f807f81007d0080n, 0x7f827fff017f7f7fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["usubw v0.4s, v1.4s, v2.4h", 0x2e623020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x7fff0000fffdffffn, 0x80017ffd00fe7f81n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["addhn v0.8b, v1.8h, v2.8h", 0x0e224020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x00ff8001807f7f00n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["raddhn2 v0.8h, v1.4s, v2.4s", 0x6e624020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0123456789abcdefn, 0x0001807f80017ffen], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["subhn v0.2s, v1.2d, v2.2d", 0x0ea26020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0001fffc7ffd8001n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rsubhn2 v0.16b, v1.8h, v2.8h", 0x6e226020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0123456789abcdefn, 0x000082fe80808000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sabal v0.4s, v1.4h, v2.4h", 0x0e625020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0123c56589abcdf0n, 0xfedd3a967654b20fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uabal2 v0.8h, v1.16b, v2.16b", 0x6e225020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x01a245e789adcdf0n, 0xfeddbb967655330dn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sabdl v0.2d, v1.2s, v2.2s", 0x0ea27020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x000000007ffdffffn, 0x000000007ffd8001n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uabdl2 v0.4s, v1.8h, v2.8h", 0x6e627020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x00007e8000000201n, 0x0000000200000003n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["smlal v0.8h, v1.8b, v2.8b", 0x0e228020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x01a3456789abcdf1n, 0xfedcba9776d43210n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["umlal2 v0.2d, v1.4s, v2.4s", 0x6ea28020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x01a284e98a2a8d6fn, 0x3edd3a973656b20en], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["smlsl2 v0.4s, v1.8h, v2.8h", 0x4e62a020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x00a445e6c8ac0e6fn, 0x3edbba99b652b212n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["umlsl v0.8h, v1.8b, v2.8b", 0x2e22a020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x81a3456789abcdedn, 0xfedcb999f6d43210n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["smull v0.2d, v1.2s, v2.2s", 0x0ea2c020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x0000ffff7ffc0002n, 0x0000fffe80008000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["umull2 v0.8h, v1.16b, v2.16b", 0x6e22c020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 2: [0x1ffff80000002n, 0x7fff80017f7f8181n] } }, [0x00007e813fff4080n, 0x3f8000ff3f8000fen], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sqdmlal v0.4s, v1.4h, v2.4h", 0x0e629020, { v: { 0: [0x7fffffffffffffffn, 0x7ffffffe80000001n], 1: [0x8000000080000000n, 0x8000800080008000n], 2: [0x8000000080000000n, 0x8000800080008000n] } }, [0x7fffffffffffffffn, 0x7fffffff80000001n], [0x8000000080000000n, 0x8000800080008000n], 0x0000000000000000n, 0x8000000],
  ["sqdmlal2 v0.2d, v1.4s, v2.4s", 0x4ea29020, { v: { 0: [0x7fffffffffffffffn, 0x7ffffffe80000001n], 1: [0x8000000080000000n, 0x8000800080008000n], 2: [0x8000000080000000n, 0x8000800080008000n] } }, [0x7fffffffffffffffn, 0x7fffffffffffffffn], [0x8000000080000000n, 0x8000800080008000n], 0x0000000000000000n, 0x8000000],
  ["sqdmlsl v0.2d, v1.2s, v2.2s", 0x0ea2b020, { v: { 0: [0x7fffffffffffffffn, 0x7ffffffe80000001n], 1: [0x8000000080000000n, 0x8000800080008000n], 2: [0x8000000080000000n, 0x8000800080008000n] } }, [0x0000000000000000n, 0xfffffffe80000002n], [0x8000000080000000n, 0x8000800080008000n], 0x0000000000000000n, 0x8000000],
  ["sqdmull v0.4s, v1.4h, v2.4h", 0x0e62d020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000080000000n, 0x8000800080008000n], 2: [0x8000000080000000n, 0x8000800080008000n] } }, [0x7fffffff00000000n, 0x7fffffff00000000n], [0x8000000080000000n, 0x8000800080008000n], 0x0000000000000000n, 0x8000000],
  ["sqdmull2 v0.2d, v1.4s, v2.4s", 0x4ea2d020, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000080000000n, 0x8000800080008000n], 2: [0x8000000080000000n, 0x8000800080008000n] } }, [0x7fff000080000000n, 0x7fff000080000000n], [0x8000000080000000n, 0x8000800080008000n], 0x0000000000000000n, 0x0],
  ["sqdmull v0.4s, v1.4h, v2.4h (no saturation)", 0x0e62d020, { v: { 0: [0x0n, 0x0n], 1: [0x3fffe00020001n, 0x1n], 2: [0x5000400030002n, 0x1n] } }, [0x0000000c00000004n, 0x0000001efffffff0n], [0x0003fffe00020001n, 0x0000000000000001n], 0x0000000000000000n, 0x0],
  // scalar SQDMLAL, SQDMLSL, SQDMULL
  ["sqdmlal s0, h1, h2", 0x5e629020, { v: { 0: [0x7ffffff0n, 0x5n], 1: [0x1234n, 0x0n], 2: [0x100n, 0x0n] } }, [0x000000007fffffffn, 0x0000000000000000n], [0x0000000000001234n, 0x0000000000000000n], 0x0000000000000000n, 0x8000000],
  ["sqdmlal s0, h1, h2 (product saturates)", 0x5e629020, { v: { 0: [0x10n, 0x5n], 1: [0x8000n, 0x0n], 2: [0x8000n, 0x0n] } }, [0x000000007fffffffn, 0x0000000000000000n], [0x0000000000008000n, 0x0000000000000000n], 0x0000000000000000n, 0x8000000],
  ["sqdmlsl d0, s1, s2", 0x5ea2b020, { v: { 0: [0x8000000000000005n, 0x5n], 1: [0x7fffffffn, 0x0n], 2: [0x10n, 0x0n] } }, [0x8000000000000000n, 0x0000000000000000n], [0x000000007fffffffn, 0x0000000000000000n], 0x0000000000000000n, 0x8000000],
  ["sqdmull d0, s1, s2", 0x5ea2d020, { v: { 0: [0x1n, 0x5n], 1: [0x80000000n, 0x0n], 2: [0x80000000n, 0x0n] } }, [0x7fffffffffffffffn, 0x0000000000000000n], [0x0000000080000000n, 0x0000000000000000n], 0x0000000000000000n, 0x8000000],
  ["sqdmull s0, h1, h2", 0x5e62d020, { v: { 0: [0x1n, 0x5n], 1: [0xfffen, 0xffffn], 2: [0x7fffn, 0x0n] } }, [0x00000000fffe0004n, 0x0000000000000000n], [0x000000000000fffen, 0x000000000000ffffn], 0x0000000000000000n, 0x0],
];

describe("A64 AdvSIMD three different (QEMU values)", () => simdRows(ROWS));

describe("A64 AdvSIMD three different UNDEF forms", () => {
  it("size 3; SQDMLAL/SQDMULL on bytes or with U = 1; opcode 1111", () => {
    expect(undefined64(runFp([0x0ee20020]))).toBe(true); // saddl from .1d
    expect(undefined64(runFp([0x0e229020]))).toBe(true); // sqdmlal from bytes
    expect(undefined64(runFp([0x2e62d020]))).toBe(true); // sqdmull with U = 1
    expect(undefined64(runFp([0x0e62f020]))).toBe(true); // opcode 1111
    expect(undefined64(runFp([0x0ee24020]))).toBe(true); // addhn from size 3
    expect(undefined64(runFp([0x5e229020]))).toBe(true); // scalar sqdmlal from bytes
    expect(undefined64(runFp([0x7e629020]))).toBe(true); // scalar sqdmlal with U = 1
    expect(undefined64(runFp([0x5e62f020]))).toBe(true); // scalar opcode 1111
  });
});
