// A64 AdvSIMD two-register miscellaneous (integer) and across lanes: lane order, saturation and
// FPSR.QC, narrowing into the upper half (the "2" forms), Q = 0 zeroing, UNDEF forms.
// Expected values are what qemu-aarch64 7.2 (-cpu cortex-a57) gave.
import { describe, it, expect } from "vitest";
import { simdRows, type SimdRow } from "./simd-harness.js";
import { runFp, undefined64 } from "./fp-harness.js";

const ROWS: SimdRow[] = [
  ["rev64 v0.16b, v1.16b", 0x4e200820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0100feff0080ff7fn, 0x807fff00fe7f0180n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rev64 v0.4s, v1.4s", 0x4ea00820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xfffe00017fff8000n, 0x00ff7f8080017ffen], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rev32 v0.8h, v1.8h", 0x6e600820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x80007fff0001fffen, 0x7ffe80017f8000ffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rev16 v0.8b, v1.8b", 0x0e201820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xff7f0080feff0100n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["cnt v0.16b, v1.16b", 0x4e205820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0001040301080401n, 0x0100000000000000n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["cls v0.8h, v1.8h", 0x4e604820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x000e000300000001n, 0x0000000f000f000fn], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["clz v0.4s, v1.4s", 0x6ea04820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0000000f00000000n, 0x0000000000000020n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["clz v0.16b, v1.16b", 0x6e204820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0807040100000206n, 0x0008080808080808n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["mvn v0.8b, v1.8b", 0x2e205820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x80007fff0001fffen, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["rbit v0.16b, v1.16b", 0x6e605820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0080f00e01ff3c40n, 0x0100000000000000n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["abs v0.8h, v1.8h", 0x4e60b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x7fff800000020001n, 0x7fff7ffe00ff7f80n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["neg v0.2d, v1.2d", 0x6ee0b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x80007fff0001ffffn, 0x7ffe8001ff008080n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sqabs v0.16b, v1.16b", 0x4e207820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x7f017f0001020001n, 0x7f017f0200017f7fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqneg v0.4s, v1.4s", 0x6ea07820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x800080000001ffffn, 0x7ffe8002ff008080n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sqabs v0.2d, v1.2d", 0x4ee07820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x00010f7080ff3c02n, 0x7fffffffffffffffn], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x8000000],
  ["cmgt v0.8h, v1.8h, #0", 0x4e608820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xffff00000000ffffn, 0x0000ffffffffffffn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["cmge v0.16b, v1.16b, #0", 0x6e208820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xff0000ff0000ffffn, 0x00ffff00ff00ff00n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["cmeq v0.4s, v1.4s, #0", 0x4ea09820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["cmle v0.2d, v1.2d, #0", 0x6ee09820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0000000000000000n, 0xffffffffffffffffn], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["cmlt v0.8b, v1.8b, #0", 0x0e20a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00ffff00ffff0000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["xtn v0.8b, v1.8h", 0x0e212820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x01feff80ff00fe01n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["xtn2 v0.4s, v1.2d", 0x4ea12820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x0123456789abcdefn, 0x0000000080ff3c02n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x0],
  ["sqxtn v0.4h, v1.4s", 0x0e614820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x80007fff7fff8000n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["uqxtn2 v0.16b, v1.8h", 0x6e214820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456789abcdefn, 0xffffffffffffff01n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x8000000],
  ["sqxtun v0.2s, v1.2d", 0x2ea12820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x10f7080ff3c02n, 0x8000000000000000n] } }, [0x00000000ffffffffn, 0x0000000000000000n], [0x00010f7080ff3c02n, 0x8000000000000000n], 0x0000000000000000n, 0x8000000],
  ["saddlp v0.4s, v1.8h", 0x4e602820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xffffffffffffffffn, 0xffffffff0000807fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uaddlp v0.1d, v1.2s", 0x2ea02820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x000000017ffd8001n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sadalp v0.8h, v1.16b", 0x4e206820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x01a144e789a8cdf0n, 0xfe5dbb157653320fn], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uadalp v0.2d, v1.4s", 0x6ea06820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0123456909a94df0n, 0xfedcba98f755318en], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["shll v0.8h, v1.8b, #8", 0x2e213820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0xff00fe0000000100n, 0x7f00ff0080000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["shll2 v0.2d, v1.4s, #32", 0x6ea13820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00ff7f8000000000n, 0x80017ffe00000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["addv b0, v1.16b", 0x4e31b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00000000000000f8n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["addv h0, v1.4h", 0x0e71b820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x000000000000fffen, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["smaxv h0, v1.8h", 0x4e70a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000007fffn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uminv s0, v1.4s", 0x6eb1a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000ff7f80n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["saddlv s0, v1.8h", 0x4e703820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x000000000000807cn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["uaddlv h0, v1.16b", 0x6e303820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00000000000007f8n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["umaxv b0, v1.8b", 0x2e30a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x00000000000000ffn, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["sminv b0, v1.16b", 0x4e31a820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n] } }, [0x0000000000000080n, 0x0000000000000000n], [0x7fff8000fffe0001n, 0x80017ffe00ff7f80n], 0x0000000000000000n, 0x0],
  ["cmeq v0.8h, v1.8h, #0 (zero lanes)", 0x4e609820, { v: { 0: [0x123456789abcdefn, 0xfedcba9876543210n], 1: [0x800000010000n, 0xffff000000000001n] } }, [0xffff00000000ffffn, 0x0000ffffffff0000n], [0x0000800000010000n, 0xffff000000000001n], 0x0000000000000000n, 0x0],
];

describe("A64 AdvSIMD two-register misc and across lanes (QEMU values)", () => simdRows(ROWS));

describe("A64 AdvSIMD two-register misc and across lanes UNDEF forms", () => {
  it("REV with the element as wide as the container, CNT/NOT on halfwords, CLZ/XTN/SADDLP on D, 1D compares", () => {
    expect(undefined64(runFp([0x4ee00820]))).toBe(true); // rev64 .2d
    expect(undefined64(runFp([0x4e601820]))).toBe(true); // rev16 .8h
    expect(undefined64(runFp([0x6ea00820]))).toBe(true); // rev32 .4s
    expect(undefined64(runFp([0x4e605820]))).toBe(true); // cnt .8h
    expect(undefined64(runFp([0x6ea05820]))).toBe(true); // not/rbit with size 10
    expect(undefined64(runFp([0x6ee04820]))).toBe(true); // clz .2d
    expect(undefined64(runFp([0x0ee12820]))).toBe(true); // xtn from size 3
    expect(undefined64(runFp([0x4ee02820]))).toBe(true); // saddlp .2d source
    expect(undefined64(runFp([0x0ee08820]))).toBe(true); // cmgt .1d, #0
    expect(undefined64(runFp([0x6e60a820]))).toBe(true); // cmlt with U = 1
    expect(undefined64(runFp([0x0e213820]))).toBe(true); // shll with U = 0
  });
  it("across lanes: no D lanes, no 2S, ADDV with U = 1", () => {
    expect(undefined64(runFp([0x0eb1b820]))).toBe(true); // addv s0, v1.2s
    expect(undefined64(runFp([0x4ef1b820]))).toBe(true); // addv on .2d
    expect(undefined64(runFp([0x6e31b820]))).toBe(true); // addv with U = 1
  });
});
