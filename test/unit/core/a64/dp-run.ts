// Shared by the dp-*.test.ts files: run one A64 instruction and read the result.
import { expect } from "vitest";
import { runA64, RAM_BASE } from "../../../helpers/core-harness.js";

export const base = BigInt(RAM_BASE);
export const NOP = 0xd503201f;

/** Run one instruction at RAM_BASE with X registers (31 = SP) and NZCV (4 bits) preset. */
export function run(word: number, x: Record<number, bigint> = {}, nzcv?: number) {
  return runA64([word], { x, nzcv }).a64;
}

/** The word is UNDEFINED: the exception goes to VBAR_EL1 (0) + 0x200, nothing else changes. */
export function expectUndef(word: number): void {
  const s = run(word, { 0: 0x1111n, 31: 0x2220n }, 0b0101);
  expect(s.pc, `0x${word.toString(16)} should be UNDEFINED`).toBe(0x200n);
  expect(s.x[0]).toBe(0x1111n);
  expect(s.sp).toBe(0x2220n);
  expect(s.nzcv).toBe(0b0101);
}
