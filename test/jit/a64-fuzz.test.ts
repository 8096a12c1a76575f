// The JIT against the interpreter on random A64 programs (test/jit/a64-fuzz-program.ts), the
// A64 counterpart of jit-fuzz.test.ts: every block is translated before it first runs (eager
// mode), both Cortex-A57 cores run the same number of instructions in AArch64 (EL1h, EL1t or
// EL0t; with the MMU off, or on with the code at a high VA), and their
// whole CPU state block (X registers, SP, PC, PSTATE, system registers) and RAM must be equal.
// A failure prints the seed; rerun one with ARMLET_JIT_FUZZ_SEED=N.
import { describe, expect, it } from "vitest";
import { Rng } from "../diff/rng.js";
import { CPU_A57, enterA64, setX } from "../helpers/core-harness.js";
import { STATE, S_SYSREGS, S_CPSR_REST } from "../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../core/generated/sysreg-storage.js";
import { a64FuzzProgram, vectorWords, VECTORS, PROGRAM, WINDOW, WINDOW_BYTES, RAM, MAP_BASE, type A64Map } from "./a64-fuzz-program.js";
import type { Harness } from "../helpers/core-harness.js";
import { makePair, compareRun, type Pair } from "./jit-pair.js";

const LONG = process.env.ARMLET_LONG === "1";
const PROGRAMS = LONG ? 20_000 : 2_000;
const ONE = process.env.ARMLET_JIT_FUZZ_SEED;

/** Storage of an AArch64 EL1 register (VBAR_EL1, SCTLR_EL1 share their AArch32 names' slots). */
const sysreg = (name: string) => STATE + S_SYSREGS + SYSREG_STORAGE[name];

/** Translation tables (4 KiB granule, 48-bit VAs, 2 MiB blocks): RAM's first 2 MiB at its own
 *  address and at the map's base + its address, the UART's 2 MiB (device memory) at its own. */
function mapMemory(h: Harness, map: A64Map): void {
  const TABLES = RAM + 0x2_0000, [l0lo, l0hi, l1lo, l1mid, l2dev, l2ram] = [0, 1, 2, 3, 4, 5].map((i) => TABLES + 0x1000 * i);
  const put = (table: number, idx: number, v: bigint) => h.dv.setBigUint64(table - RAM + 8 * idx, v, true);
  const TABLE = 3n, BLOCK = 1n, AF = 1n << 10n, INNER = 3n << 8n;
  const idx = (va: bigint, level: number) => Number((va >> BigInt(39 - 9 * level)) & 0x1ffn);
  put(l2ram, 0, BigInt(RAM) | AF | INNER | BLOCK);                 // MAIR attr 0: normal
  put(l2dev, idx(0x0900_0000n, 2), 0x0900_0000n | AF | (1n << 2n) | BLOCK); // attr 1: device
  put(l1lo, 0, BigInt(l2dev) | TABLE);
  put(l1lo, 1, BigInt(l2ram) | TABLE);
  put(l1mid, 1, BigInt(l2ram) | TABLE);
  put(l0lo, 0, BigInt(l1lo) | TABLE);
  const base = MAP_BASE[map] + BigInt(RAM);
  put(map === "high" ? l0hi : l0lo, idx(base, 0), BigInt(l1mid) | TABLE);
  const dv = new DataView(h.core.memory.buffer);
  dv.setBigUint64(sysreg("TTBCR"), 16n | (16n << 16n) | (2n << 30n) | (2n << 32n), true); // T0SZ, T1SZ 16, TG1 4K, IPS 40 bits
  dv.setBigUint64(sysreg("TTBR0"), BigInt(l0lo), true);
  dv.setBigUint64(sysreg("TTBR1"), BigInt(l0hi), true);
  dv.setUint32(sysreg("PRRR"), 0xff, true);
  dv.setUint32(sysreg("NMRR"), 0, true);
  dv.setUint32(sysreg("SCTLR"), dv.getUint32(sysreg("SCTLR"), true) | 1, true);
}

function loadProgram(pair: Pair, rng: Rng): { length: number; map: A64Map } {
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
    const off = MAP_BASE[prog.map];
    dv.setBigUint64(sysreg("VBAR"), BigInt(VECTORS) + off, true);
    if (prog.map !== "flat") {
      mapMemory(h, prog.map);
      const pc = BigInt(PROGRAM) + off;
      h.core.setPC64Parts(Number(pc & 0xffffffffn), Number(pc >> 32n));
    }
    // EL0t or EL1t: the live SP (X31) becomes SP_EL0's; exceptions bank it and return to it
    dv.setUint32(STATE + S_CPSR_REST, (dv.getUint32(STATE + S_CPSR_REST, true) & ~0xf) | prog.mode, true);
    if (prog.alignCheck) dv.setUint32(sysreg("SCTLR"), dv.getUint32(sysreg("SCTLR"), true) | 2, true);
    h.core.flushTlb();
    h.mmio.length = 0;
  }
  pair.engine.flush();
  return { length: prog.words.length, map: prog.map };
}

describe("JIT fuzz, A64: random programs, JIT against the interpreter", () => {
  it(`${ONE ? "seed " + ONE : PROGRAMS + " programs"}: no divergence`, async () => {
    const pair = makePair(1 << 20, 64 * 2 ** 20, CPU_A57);
    const seeds = ONE ? [Number(ONE)] : Array.from({ length: PROGRAMS }, (_, i) => 0xa64_0000 + i);
    const failures: string[] = [];
    let entries = 0, mapped = 0, mappedAtEnd = 0;
    for (const [k, seed] of seeds.entries()) {
      const rng = new Rng(seed);
      const { length, map } = loadProgram(pair, rng);
      const e0 = pair.engine.stats.regionEntries;
      const diff = compareRun(pair, 100 + 6 * length);
      if (map !== "flat") { // still running at the mapped VA (not stuck in a fault loop)
        mapped++;
        if (BigInt(pair.jit.core.getPC64Hi() >>> 0) << 32n === MAP_BASE[map]) mappedAtEnd++;
      }
      entries += pair.engine.stats.regionEntries - e0;
      if (diff) failures.push(`seed 0x${seed.toString(16)}: ${diff}`);
      if (failures.length >= 5) break;
      if (k % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    const s = pair.engine.stats;
    const inline = s.translatedInsns - [...s.fallbackRows.values()].reduce((a, b) => a + b, 0);
    console.log(`A64 JIT fuzz: ${seeds.length} programs, ${entries} region entries, ${s.regionsCompiled} regions, ` +
      `${s.translatedInsns} instructions translated (${inline} inline), ${s.invalidatedPages} page invalidations, ${mappedAtEnd} of ${mapped} MMU programs at their high VA at the end`);
    expect(failures).toEqual([]);
    if (!ONE) {
      expect(entries).toBeGreaterThan(20 * seeds.length);
      expect(inline).toBeGreaterThan(s.translatedInsns / 2);
      expect(s.invalidatedPages).toBeGreaterThan(0);
      expect(mappedAtEnd).toBeGreaterThan(mapped * 0.8);
    }
  }, 600_000);

  // A cache a few modules big overflows inside most programs: translations made after each full
  // flush must still agree, and the engine's bookkeeping must stay consistent.
  it("12 KiB code cache: full flushes inside programs, no divergence, consistent bookkeeping", async () => {
    const pair = makePair(1 << 20, 12 * 1024, CPU_A57);
    const failures: string[] = [];
    const seeds = Array.from({ length: ONE ? 1 : 300 }, (_, i) => (ONE ? Number(ONE) : 0xa64_5ca0 + i));
    for (const seed of seeds) {
      const { length } = loadProgram(pair, new Rng(seed));
      const diff = compareRun(pair, 100 + 6 * length);
      const problems = pair.engine.selfCheck();
      if (diff || problems.length) failures.push(`seed 0x${seed.toString(16)}: ${[diff, ...problems].filter(Boolean).join("; ")}`);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    if (!ONE) expect(pair.engine.stats.flushes - seeds.length).toBeGreaterThan(seeds.length);
  }, 600_000);
});
