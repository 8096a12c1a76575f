// VTRN with Vd == Vm, found by the T32/NEON differential fuzzer (seed 0x66): QEMU moves 32-bit
// elements one at a time, so VTRN.32 d22, d22 swaps the two words; sizes 8 and 16 keep Vd's result.
import { describe, it, expect } from "vitest";
import { runVfp } from "../vfp/vfp-helpers";

describe("VTRN with the same register twice", () => {
  it("VTRN.32 d22, d22 swaps the halves (QEMU: 13d6cb58 61ebdf52 -> 61ebdf52 13d6cb58)", () => {
    const h = runVfp([0xf3fa60a6], { d: { 22: 0x13d6cb5861ebdf52n } });
    expect(h.regs()[15]).toBe(0x40000004);
    expect(h.d(22)).toBe(0x61ebdf5213d6cb58n);
  });
  it("VTRN.32 q0, q0 swaps each pair of words", () => {
    const h = runVfp([0xf3ba00c0], { d: { 0: 0x1111111122222222n, 1: 0x3333333344444444n } });
    expect(h.d(0)).toBe(0x2222222211111111n);
    expect(h.d(1)).toBe(0x4444444433333333n);
  });
  it("VTRN.16 d1, d1 keeps the Vd result: elements [x0 x0 x2 x2]", () => {
    const h = runVfp([0xf3b61081], { d: { 1: 0x4444333322221111n } });
    expect(h.d(1)).toBe(0x3333333311111111n);
  });
});
