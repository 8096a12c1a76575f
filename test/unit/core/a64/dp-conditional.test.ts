// A64 conditional compare and conditional select: condition true/false, AL and NV, widths,
// register 31 as XZR, and the UNDEFINED encodings.
import { describe, it, expect } from "vitest";
import { run, expectUndef } from "./dp-run.js";

const ALL = 0xffffffffffffffffn;

describe("A64 conditional compare", () => {
  it("CCMN (register): flags of Rn + Rm when the condition holds, else the nzcv field", () => {
    expect(run(0xba420025, { 1: 1n, 2: ALL }, 0b0100).nzcv).toBe(0b0110); // ccmn x1, x2, #5, eq
    expect(run(0xba420025, { 1: 1n, 2: ALL }, 0b0000).nzcv).toBe(0b0101);
  });
  it("CCMN (immediate): 32-bit overflow ignores the top half", () => {
    expect(run(0x3a431822, { 1: 0x17ffffffen }, 0b0000).nzcv).toBe(0b1001); // ccmn w1, #3, #2, ne
    expect(run(0x3a431822, { 1: 0x17ffffffen }, 0b0100).nzcv).toBe(0b0010);
  });
  it("CCMP (register): Rm 31 is XZR", () => {
    expect(run(0xfa42202f, { 1: 1n, 2: 2n }, 0b0010).nzcv).toBe(0b1000); // ccmp x1, x2, #15, hs
    expect(run(0xfa42202f, { 1: 1n, 2: 2n }, 0b0000).nzcv).toBe(0b1111);
    expect(run(0xfa5f0022, { 1: 0n, 31: 5n }, 0b0100).nzcv).toBe(0b0110); // ccmp x1, xzr, #2, eq
  });
  it("CCMP (immediate): LT from N != V; AL and NV always compare", () => {
    expect(run(0x7a5fb820, { 1: 0xffffffff0000001fn }, 0b1000).nzcv).toBe(0b0110); // ccmp w1, #31, #0, lt
    expect(run(0x7a5fb820, { 1: 0xffffffff0000001fn }, 0b1001).nzcv).toBe(0b0000);
    expect(run(0xfa41e820, { 1: 1n }, 0b1001).nzcv).toBe(0b0110); // ccmp x1, #1, #0, al
    expect(run(0xfa41f820, { 1: 0n }, 0b0110).nzcv).toBe(0b1000); // ccmp x1, #1, #0, nv
  });
  it("UNDEFINED: o2 (bit 10) or o3 (bit 4) set, or S clear", () => {
    expectUndef(0xfa42242f); // ccmp with o2 = 1
    expectUndef(0xfa42203f); // ccmp with o3 = 1
    expectUndef(0xfa42282f | 0x400); // immediate form with o2 = 1
    expectUndef(0xda42202f); // S = 0
  });
});

describe("A64 conditional select", () => {
  it("CSEL: Rn if the condition holds, else Rm; NV selects Rn", () => {
    expect(run(0x9a820020, { 1: 1n, 2: 2n }, 0b0100).x[0]).toBe(1n); // csel x0, x1, x2, eq
    expect(run(0x9a820020, { 1: 1n, 2: 2n }, 0b0000).x[0]).toBe(2n);
    expect(run(0x1a821020, { 1: 0xffffffff00000001n, 2: 2n }, 0b0000).x[0]).toBe(1n); // csel w0, w1, w2, ne
    expect(run(0x9a82f020, { 1: 1n, 2: 2n }, 0b0000).x[0]).toBe(1n); // csel x0, x1, x2, nv
  });
  it("CSINC: Rm + 1 wraps; CSET reads XZR, not SP", () => {
    expect(run(0x9a824420, { 1: 1n, 2: ALL }, 0b0000).x[0]).toBe(0n); // csinc x0, x1, x2, mi
    expect(run(0x9a824420, { 1: 1n, 2: ALL }, 0b1000).x[0]).toBe(1n);
    expect(run(0x1a9f17e0, { 0: 7n, 31: 0x40n }, 0b0100).x[0]).toBe(1n); // cset w0, eq
    expect(run(0x1a9f17e0, { 0: 7n, 31: 0x40n }, 0b0000).x[0]).toBe(0n);
  });
  it("CSINV: NOT Rm; CSETM", () => {
    expect(run(0xda826020, { 1: 1n, 2: 0xf0n }, 0b0000).x[0]).toBe(ALL ^ 0xf0n); // csinv x0, x1, x2, vs
    expect(run(0xda826020, { 1: 1n, 2: 0xf0n }, 0b0001).x[0]).toBe(1n);
    expect(run(0xda9f93e0, {}, 0b0010).x[0]).toBe(ALL); // csetm x0, hi
    expect(run(0xda9f93e0, {}, 0b0110).x[0]).toBe(0n);
  });
  it("CSNEG: -Rm at the width; CNEG", () => {
    expect(run(0x5a82a420, { 1: 1n, 2: 5n }, 0b1000).x[0]).toBe(0xfffffffbn); // csneg w0, w1, w2, ge
    expect(run(0x5a82a420, { 1: 1n, 2: 0x80000000n }, 0b0001).x[0]).toBe(0x80000000n);
    expect(run(0x5a82a420, { 1: 0xffffffff00000001n, 2: 5n }, 0b1001).x[0]).toBe(1n);
    expect(run(0xda81c420, { 1: 3n }, 0b0100).x[0]).toBe(ALL - 2n); // cneg x0, x1, le
  });
  it("UNDEFINED: S set, or op2 bit 1 (bit 11) set", () => {
    expectUndef(0xba820020); // csel with S = 1
    expectUndef(0x9a820820); // op2 = 10
    expectUndef(0xda820c20); // op2 = 11 with op = 1
  });
});
