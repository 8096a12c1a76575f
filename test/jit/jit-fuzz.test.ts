// The JIT against the interpreter on random programs (test/jit/fuzz-program.ts): every block is
// translated before it first runs, both cores run the same number of instructions, and their
// whole CPU state block and RAM must be equal. A failure prints the seed; rerun one with
// ARMLET_JIT_FUZZ_SEED=N.
import { describe, expect, it } from "vitest";
import { Rng } from "../diff/rng.js";
import { fuzzProgram, vectorWords, VECTORS, PROGRAM, WINDOW, WINDOW_BYTES } from "./fuzz-program.js";
import { makePair, load, compareRun } from "./jit-pair.js";

const LONG = process.env.ARMLET_LONG === "1";
const PROGRAMS = LONG ? 30_000 : 3_000;
const ONE = process.env.ARMLET_JIT_FUZZ_SEED;

describe("JIT fuzz: random loops, JIT against the interpreter", () => {
  it(`${ONE ? "seed " + ONE : PROGRAMS + " programs"}: no divergence`, async () => {
    const pair = makePair();
    const vectors = vectorWords();
    let blocks = 0;
    const failures: string[] = [];
    const seeds = ONE ? [Number(ONE)] : Array.from({ length: PROGRAMS }, (_, i) => 0x717_0000 + i);
    for (const [k, seed] of seeds.entries()) {
      const rng = new Rng(seed);
      const prog = fuzzProgram(rng);
      const window = Array.from({ length: WINDOW_BYTES / 4 }, () => rng.u32());
      load(pair, new Map([[VECTORS, vectors], [PROGRAM, prog.words], [WINDOW, window]]), PROGRAM);
      pair.jit.mmio.length = 0; pair.interp.mmio.length = 0;
      const entries0 = pair.engine.stats.regionEntries;
      const diff = compareRun(pair, 80 + prog.words.length * (prog.loops + 1));
      blocks += pair.engine.stats.regionEntries - entries0;
      if (diff) failures.push(`seed 0x${seed.toString(16)}: ${diff}`);
      if (failures.length >= 5) break;
      if (k % 200 === 199) await new Promise((r) => setImmediate(r)); // keep vitest's worker RPC alive
    }
    console.log(`JIT fuzz: ${seeds.length} programs, ${blocks} translated blocks entered, ${pair.engine.stats.regionsCompiled} regions compiled`);
    expect(failures).toEqual([]);
    if (!ONE) expect(blocks).toBeGreaterThanOrEqual(LONG ? 1_000_000 : 100_000);
  }, 600_000);
});
