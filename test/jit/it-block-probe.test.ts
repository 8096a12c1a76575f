// Translated code leaves Thumb IT blocks to the interpreter; the run loop must then look for a
// region again right after the block, or everything up to the next branch is interpreted too.
// A loop with an IT block in the middle: JIT and interpreter agree, and per iteration only the
// instruction in the block is interpreted (a region ends with the IT), not the six after it.
import { describe, expect, it } from "vitest";
import { makePair, load, compareRun } from "./jit-pair.js";
import { RAM_BASE } from "../helpers/core-harness.js";

const ITERATIONS = 200;
const PROGRAM = RAM_BASE + 0x1000;
const HALFWORDS = [
  0x2000, //       movs r0, #0
  0x21c8, //       movs r1, #200
  0x3001, // loop: adds r0, #1
  0x4288, //       cmp r0, r1
  0xbf18, //       it ne
  0x3201, //       addne r2, #1 (no flags inside the block)
  0x3301, //       adds r3, #1
  0x3401, //       adds r4, #1
  0x3501, //       adds r5, #1
  0x3601, //       adds r6, #1
  0x4288, //       cmp r0, r1
  0xd1f5, //       bne loop
  0xe7fe, //       b .
  0xbf00, //       nop (pads the last word)
];

describe("JIT: Thumb IT blocks", () => {
  it("translated code resumes right after an IT block", () => {
    const pair = makePair();
    const words = Array.from({ length: HALFWORDS.length / 2 }, (_, i) => (HALFWORDS[2 * i] | (HALFWORDS[2 * i + 1] << 16)) >>> 0);
    load(pair, new Map([[PROGRAM, words]]), PROGRAM);
    for (const h of [pair.jit, pair.interp]) h.core.setCpsr((h.core.getCpsr() | 0x20) >>> 0);
    const insns = 2 + ITERATIONS * 10;
    expect(compareRun(pair, insns)).toBeUndefined();
    expect(pair.interp.core.getReg(2)).toBe(ITERATIONS - 1); // the block ran, except in the last round
    const interpreted = pair.engine.stats.interpretedInsns;
    expect(interpreted).toBeGreaterThanOrEqual(ITERATIONS - 1); // the instruction in the block
    expect(interpreted).toBeLessThan(2 * ITERATIONS); // without the probe: 7 per iteration
  });
});
