// The JIT against the interpreter on random Thumb programs (test/jit/thumb-fuzz-program.ts):
// every block is translated before it first runs, both cores run the same number of
// instructions, and their whole CPU state block and RAM must be equal. A failure prints the
// seed; rerun one with ARMLET_JIT_FUZZ_SEED=N. Also counts which Thumb rows were translated
// inline and which went to the fallback, so a row the generator stopped covering shows.
import { describe, expect, it } from "vitest";
import { Rng } from "../diff/rng.js";
import { thumbFuzzProgram, thumbVectorWords, armStubWords, VECTORS, PROGRAM, WINDOW, WINDOW_BYTES, ARM_STUB } from "./thumb-fuzz-program.js";
import { makePair, load, compareRun } from "./jit-pair.js";
import { thumbInlineRows } from "../../jit/emit-thumb.js";
import { T16_ROWS, T32_ROWS } from "../../jit/generated/decode-rows.js";

const LONG = process.env.ARMLET_LONG === "1";
const PROGRAMS = LONG ? 30_000 : 3_000;
const ONE = process.env.ARMLET_JIT_FUZZ_SEED;

describe("Thumb JIT fuzz: random Thumb loops, JIT against the interpreter", () => {
  it("every inline row names a decoder row", () => {
    const known = new Set([...T16_ROWS, ...T32_ROWS]);
    expect(thumbInlineRows().filter((r) => !known.has(r))).toEqual([]);
  });

  it(`${ONE ? "seed " + ONE : PROGRAMS + " programs"}: no divergence`, async () => {
    const pair = makePair();
    const vectors = thumbVectorWords();
    let blocks = 0;
    const failures: string[] = [];
    const seeds = ONE ? [Number(ONE)] : Array.from({ length: PROGRAMS }, (_, i) => 0x7417_0000 + i);
    for (const [k, seed] of seeds.entries()) {
      const rng = new Rng(seed);
      const prog = thumbFuzzProgram(rng);
      const window = Array.from({ length: WINDOW_BYTES / 4 }, () => rng.u32());
      load(pair, new Map([[VECTORS, vectors], [PROGRAM, prog.words], [ARM_STUB, armStubWords()], [WINDOW, window]]), PROGRAM);
      pair.jit.mmio.length = 0; pair.interp.mmio.length = 0;
      const entries0 = pair.engine.stats.regionEntries;
      const diff = compareRun(pair, 80 + 2 * prog.words.length * (prog.loops + 1));
      blocks += pair.engine.stats.regionEntries - entries0;
      if (diff) failures.push(`seed 0x${seed.toString(16)}: ${diff}`);
      if (failures.length >= 5) break;
      if (k % 200 === 199) await new Promise((r) => setImmediate(r)); // keep vitest's worker RPC alive
    }
    const fallbacks = [...pair.engine.stats.fallbackRows].filter(([name]) => name.startsWith("T")).sort((a, b) => b[1] - a[1]);
    console.log(`Thumb JIT fuzz: ${seeds.length} programs, ${blocks} translated blocks entered, ${pair.engine.stats.regionsCompiled} regions compiled`);
    console.log(`Thumb rows left to the fallback: ${fallbacks.map(([n, c]) => `${n} ${c}`).join(", ")}`);
    expect(failures).toEqual([]);
    if (!ONE) expect(blocks).toBeGreaterThanOrEqual(LONG ? 1_000_000 : 100_000);
  }, 900_000);
});
