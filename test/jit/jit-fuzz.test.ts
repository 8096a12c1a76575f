// The JIT against the interpreter on random programs (test/jit/fuzz-program.ts): every block is
// translated before it first runs, both cores run the same number of instructions, and their
// whole CPU state block and RAM must be equal. A failure prints the seed; rerun one with
// ARMLET_JIT_FUZZ_SEED=N.
import { describe, expect, it } from "vitest";
import { Rng } from "../diff/rng.js";
import { fuzzProgram, vectorWords, VECTORS, PROGRAM, WINDOW, WINDOW_BYTES } from "./fuzz-program.js";
import { makePair, load, compareRun, type Pair } from "./jit-pair.js";

const LONG = process.env.ARMLET_LONG === "1";
const PROGRAMS = LONG ? 30_000 : 3_000;
const ONE = process.env.ARMLET_JIT_FUZZ_SEED;
const SMALL_CACHE = 12 * 1024;

/** Run `seeds` on the pair; failures (at most five) and the translated blocks entered. */
async function fuzz(pair: Pair, seeds: number[], check?: () => string[]): Promise<{ failures: string[]; blocks: number }> {
  const vectors = vectorWords();
  let blocks = 0;
  const failures: string[] = [];
  for (const [k, seed] of seeds.entries()) {
    const rng = new Rng(seed);
    const prog = fuzzProgram(rng);
    const window = Array.from({ length: WINDOW_BYTES / 4 }, () => rng.u32());
    load(pair, new Map([[VECTORS, vectors], [PROGRAM, prog.words], [WINDOW, window]]), PROGRAM);
    pair.jit.mmio.length = 0; pair.interp.mmio.length = 0;
    const entries0 = pair.engine.stats.regionEntries;
    const diff = compareRun(pair, 80 + prog.words.length * (prog.loops + 1));
    blocks += pair.engine.stats.regionEntries - entries0;
    const problems = check?.() ?? [];
    if (diff || problems.length) failures.push(`seed 0x${seed.toString(16)}: ${[diff, ...problems].filter(Boolean).join("; ")}`);
    if (failures.length >= 5) break;
    if (k % 200 === 199) await new Promise((r) => setImmediate(r)); // keep vitest's worker RPC alive
  }
  return { failures, blocks };
}

describe("JIT fuzz: random loops, JIT against the interpreter", () => {
  it(`${ONE ? "seed " + ONE : PROGRAMS + " programs"}: no divergence`, async () => {
    const pair = makePair();
    const seeds = ONE ? [Number(ONE)] : Array.from({ length: PROGRAMS }, (_, i) => 0x717_0000 + i);
    const { failures, blocks } = await fuzz(pair, seeds);
    console.log(`JIT fuzz: ${seeds.length} programs, ${blocks} translated blocks entered, ${pair.engine.stats.regionsCompiled} regions compiled`);
    expect(failures).toEqual([]);
    if (!ONE) expect(blocks).toBeGreaterThanOrEqual(LONG ? 1_000_000 : 100_000);
  }, 600_000);

  // A cache a few modules big overflows inside most programs: each full flush must free every
  // table slot once (a nested flush once freed them twice, so two regions shared a slot and a
  // Linux boot ran the wrong code), and code after it must still agree with the interpreter.
  it(`${SMALL_CACHE / 1024} KiB code cache: full flushes inside programs, no divergence, consistent bookkeeping`, async () => {
    const pair = makePair(undefined, SMALL_CACHE);
    const seeds = Array.from({ length: ONE ? 1 : 500 }, (_, i) => (ONE ? Number(ONE) : 0x5ca_0000 + i));
    const { failures, blocks } = await fuzz(pair, seeds, () => pair.engine.selfCheck());
    const { flushes, regionsCompiled } = pair.engine.stats;
    console.log(`JIT fuzz, small cache: ${seeds.length} programs, ${blocks} blocks entered, ${regionsCompiled} regions, ${flushes} flushes`);
    expect(failures).toEqual([]);
    if (!ONE) expect(flushes - seeds.length).toBeGreaterThan(seeds.length); // overflow flushes beyond load()'s one per program
  }, 600_000);
});
