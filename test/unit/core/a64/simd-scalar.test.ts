// A64 AdvSIMD scalar two-register misc (SUQADD/USQADD, SQABS/SQNEG, CMxx #0, ABS/NEG, SQXTN,
// UQXTN, SQXTUN), vector SUQADD/USQADD, scalar ADDP and DUP (scalar): the rest of Vd zeroed,
// 64-bit saturation and FPSR.QC. Expected values are what qemu-aarch64 7.2 gave.
import { describe, it, expect } from "vitest";
import { simdRows, type SimdRow } from "./simd-harness.js";
import { runFp, undefined64 } from "./fp-harness.js";

const ROWS: SimdRow[] = [
  ["suqadd v0.16b, v1.16b", 0x4e203820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x7f7f7f7f7f7e8001n, 0x7f007e7fff7f7e7en], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["usqadd v0.8h, v1.8h", 0x6e603820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0xff7e0000807e8101n, 0x8000ffffffffffffn], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["suqadd v0.2d, v1.2d", 0x4ee03820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x7fffffffffffffffn, 0x7ffffffffffffffdn], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["usqadd v0.2d, v1.2d", 0x6ee03820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x0000000000000000n, 0xffffffffffffffffn], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["suqadd b0, b1", 0x5e203820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x0000000000000001n, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["usqadd d0, d1", 0x7ee03820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x0000000000000000n, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["suqadd d0, d1", 0x5ee03820, { v: { 0: [0x7f7f7f7f80808080n, 0xfffffffffffffffen], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x7fffffffffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["sqabs b0, b1", 0x5e207820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x000000000000007fn, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sqneg d0, d1", 0x7ee07820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x7fffffffffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["sqabs d0, d1", 0x5ee07820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x7fffffffffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["cmgt d0, d1, #0", 0x5ee08820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x0000000000000000n, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x0],
  ["cmle d0, d1, #0", 0x7ee09820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x0],
  ["cmlt d0, d1, #0", 0x5ee0a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x0],
  ["abs d0, d1", 0x5ee0b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x8000000000000000n, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x0],
  ["neg d0, d1", 0x7ee0b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x8000000000000000n, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x0],
  ["sqxtn b0, h1", 0x5e214820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x000000000000007fn, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["uqxtn s0, d1", 0x7ea14820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x8000000000000000n, 0x7fffffffffffffffn] } }, [0x00000000ffffffffn, 0x0000000000000000n], [0x8000000000000000n, 0x7fffffffffffffffn], 0x0000000000000000n, 0x8000000],
  ["sqxtun h0, s1", 0x7e612820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["addp d0, v1.2d", 0x5ef1b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x0000ffff00fd8001n, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["mov b0, v1.b[9]", 0x5e130420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x000000000000007fn, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["mov h0, v1.h[7]", 0x5e1e0420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x0000000000008001n, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["mov d0, v1.d[1]", 0x5e180420, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n] } }, [0x80017ffe00ff7f80n, 0x0000000000000000n], [0x7fff8000fffe0081n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["usqadd d0, d1 (negative, no saturation)", 0x7ee03820, { v: { 0: [0x10n, 0x0n], 1: [0xfffffffffffffff0n, 0x0n] } }, [0x0000000000000000n, 0x0000000000000000n], [0xfffffffffffffff0n, 0x0000000000000000n], 0x0000000000000000n, 0x0],
  ["suqadd d0, d1 (negative accumulator)", 0x5ee03820, { v: { 0: [0x8000000000000000n, 0x0n], 1: [0xffffffffffffffffn, 0x0n] } }, [0x7fffffffffffffffn, 0x0000000000000000n], [0xffffffffffffffffn, 0x0000000000000000n], 0x0000000000000000n, 0x0],
  ["cmeq d0, d1, #0", 0x5ee09820, { v: { 0: [0x5n, 0x5n], 1: [0x0n, 0x7n] } }, [0xffffffffffffffffn, 0x0000000000000000n], [0x0000000000000000n, 0x0000000000000007n], 0x0000000000000000n, 0x0],
  ["cmge d0, d1, #0", 0x7ee08820, { v: { 0: [0x5n, 0x5n], 1: [0x8000000000000000n, 0x7n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x8000000000000000n, 0x0000000000000007n], 0x0000000000000000n, 0x0],
];

describe("A64 AdvSIMD scalar misc, SUQADD/USQADD, ADDP, DUP scalar (QEMU values)", () => simdRows(ROWS));

describe("A64 AdvSIMD scalar misc UNDEF forms", () => {
  it("CMxx #0 / ABS below D, scalar XTN, CMLT with U = 1, ADDP on S, DUP with imm5 = 0, 1D SUQADD", () => {
    expect(undefined64(runFp([0x5ea08820]))).toBe(true); // cmgt s0, s1, #0
    expect(undefined64(runFp([0x5ea0b820]))).toBe(true); // abs s0, s1
    expect(undefined64(runFp([0x5e612820]))).toBe(true); // xtn as a scalar (U = 0)
    expect(undefined64(runFp([0x7ee0a820]))).toBe(true); // cmlt with U = 1
    expect(undefined64(runFp([0x5eb1b820]))).toBe(true); // addp s0, v1.2s
    expect(undefined64(runFp([0x5e000420]))).toBe(true); // dup with imm5 = 00000
    expect(undefined64(runFp([0x0ee03820]))).toBe(true); // suqadd v0.1d
  });
});
