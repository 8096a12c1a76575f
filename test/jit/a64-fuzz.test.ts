// The JIT against the interpreter on random A64 programs (test/jit/a64-fuzz-program.ts), the
// A64 counterpart of jit-fuzz.test.ts: every block is translated before it first runs (eager
// mode), both Cortex-A57 cores run the same number of instructions in AArch64 (EL1h, EL1t or
// EL0t), and their
// whole CPU state block (X registers, SP, PC, PSTATE, system registers) and RAM must be equal.
// A failure prints the seed; rerun one with ARMLET_JIT_FUZZ_SEED=N.
import { describe, expect, it } from "vitest";
import { Rng } from "../diff/rng.js";
import { CPU_A57, enterA64, setX } from "../helpers/core-harness.js";
import { STATE, S_SYSREGS, S_CPSR_REST } from "../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../core/generated/sysreg-storage.js";
import { a64FuzzProgram, vectorWords, VECTORS, PROGRAM, WINDOW, WINDOW_BYTES } from "./a64-fuzz-program.js";
import { makePair, compareRun, type Pair } from "./jit-pair.js";

const LONG = process.env.ARMLET_LONG === "1";
const PROGRAMS = LONG ? 20_000 : 2_000;
const ONE = process.env.ARMLET_JIT_FUZZ_SEED;

/** Storage of an AArch64 EL1 register (VBAR_EL1, SCTLR_EL1 share their AArch32 names' slots). */
const sysreg = (name: string) => STATE + S_SYSREGS + SYSREG_STORAGE[name];

function loadProgram(pair: Pair, rng: Rng): number {
  const prog = a64FuzzProgram(rng);
  const window = Array.from({ length: WINDOW_BYTES / 4 }, () => rng.u32());
  for (const h of [pair.jit, pair.interp]) {
    h.core.cpuReset();
    h.ram.fill(0);
    h.poke32(VECTORS, ...vectorWords());
    h.poke32(PROGRAM, ...prog.words);
    h.poke32(WINDOW, ...window);
    enterA64(h, PROGRAM);
    prog.x.forEach((v, n) => setX(h, n, v));
    h.core.setCpsr((((prog.nzcv << 28) | (h.core.getCpsr() & 0x0fffffff)) >>> 0));
    const dv = new DataView(h.core.memory.buffer);
    dv.setBigUint64(sysreg("VBAR"), BigInt(VECTORS), true);
    // EL0t or EL1t: the live SP (X31) becomes SP_EL0's; exceptions bank it and return to it
    dv.setUint32(STATE + S_CPSR_REST, (dv.getUint32(STATE + S_CPSR_REST, true) & ~0xf) | prog.mode, true);
    if (prog.alignCheck) dv.setUint32(sysreg("SCTLR"), dv.getUint32(sysreg("SCTLR"), true) | 2, true);
    h.core.flushTlb();
    h.mmio.length = 0;
  }
  pair.engine.flush();
  return prog.words.length;
}

describe("JIT fuzz, A64: random programs, JIT against the interpreter", () => {
  it(`${ONE ? "seed " + ONE : PROGRAMS + " programs"}: no divergence`, async () => {
    const pair = makePair(1 << 20, 64 * 2 ** 20, CPU_A57);
    const seeds = ONE ? [Number(ONE)] : Array.from({ length: PROGRAMS }, (_, i) => 0xa64_0000 + i);
    const failures: string[] = [];
    let entries = 0;
    for (const [k, seed] of seeds.entries()) {
      const rng = new Rng(seed);
      const length = loadProgram(pair, rng);
      const e0 = pair.engine.stats.regionEntries;
      const diff = compareRun(pair, 100 + 6 * length);
      entries += pair.engine.stats.regionEntries - e0;
      if (diff) failures.push(`seed 0x${seed.toString(16)}: ${diff}`);
      if (failures.length >= 5) break;
      if (k % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    const s = pair.engine.stats;
    const inline = s.translatedInsns - [...s.fallbackRows.values()].reduce((a, b) => a + b, 0);
    console.log(`A64 JIT fuzz: ${seeds.length} programs, ${entries} region entries, ${s.regionsCompiled} regions, ` +
      `${s.translatedInsns} instructions translated (${inline} inline), ${s.invalidatedPages} page invalidations`);
    expect(failures).toEqual([]);
    if (!ONE) {
      expect(entries).toBeGreaterThan(20 * seeds.length);
      expect(inline).toBeGreaterThan(s.translatedInsns / 2);
      expect(s.invalidatedPages).toBeGreaterThan(0);
    }
  }, 600_000);
});
