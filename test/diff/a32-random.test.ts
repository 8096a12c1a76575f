// Differential test: seeded random A32 instruction sequences with random register and flag
// inputs, run bare-metal under qemu-system-arm -M virt -cpu cortex-a15 and under armlet; final
// registers, flags, exception state and the memory window must agree. CI runs 4 boots of
// 500 cases x 20 instructions: cases in User mode, in System mode (which adds privileged
// register reads), and with SCTLR.A set (alignment faults); every other boot runs armlet with the
// JIT translating each block before it first runs; ARMLET_LONG=1 runs 24 boots.
// Reproduce one seed by hand: npx tsx test/diff/cli.ts --seed N [--qemu-only] [--show 10]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lacks, lacksCommand } from "../helpers/requirements.js";
import { makeBoot, runBoot, testInsnCount } from "./diff.js";
import { Generator } from "./generator.js";
import { Rng } from "./rng.js";
import { haveQemu, loadRunGuest, runQemu, VECTOR_NAMES, type RunOutput } from "./run.js";
import { HARNESS_BIN } from "./program.js";
import { compareRuns } from "./report.js";

const LONG = process.env.ARMLET_LONG === "1";
type Mode = "usr" | "sys";
interface Plan { seed: number; mode: Mode; alignCheck: boolean }
const plan = (seed: number, k: number): Plan => ({ seed, mode: k % 3 === 2 ? "sys" : "usr", alignCheck: k % 4 === 3 });
const SEEDS: Plan[] = Array.from({ length: LONG ? 24 : 4 }, (_, k) => plan((LONG ? 0xa32_1000 : 0xa32_0001) + k, k));
const CASES = 500;
const INSNS = 20;
const SHOW = 6;

const qemu = haveQemu();
const runGuest = await loadRunGuest();

describe("A32 differential generator", () => {
  it("draws every row that is not in doNotTest", () => {
    const gen = new Generator(new Rng(0xc0ffee));
    for (let i = 0; i < 600; i++) gen.testCase();
    const missing = gen.testable.map((r) => r.row.name).filter((n) => !gen.counts.has(n));
    const classes = [...gen.classCounts].sort().map(([c, n]) => `${c}: ${n}`).join(", ");
    console.log(`generator: ${gen.testable.length} rows testable, ${gen.excluded.size} excluded; per class: ${classes}`);
    console.log("excluded:\n" + [...gen.excluded].map(([n, why]) => `  ${n}: ${why}`).join("\n"));
    expect(missing).toEqual([]);
    // A row refused only because the generator cannot build it is a generator bug.
    const broken = [...gen.excluded].filter(([, why]) => /re-decodes|conflicts/.test(why));
    expect(broken).toEqual([]);
    expect(gen.testable.length).toBeGreaterThan(100);
  });

  it("is deterministic for a seed", () => {
    const a = makeBoot({ seed: 42, cases: 20, insnsPerCase: INSNS });
    const b = makeBoot({ seed: 42, cases: 20, insnsPerCase: INSNS });
    expect(Buffer.from(a.image.elf).equals(Buffer.from(b.image.elf))).toBe(true);
  });
});

describe.skipIf(lacks("qemu-system-arm", qemu))("A32 differential harness under QEMU", () => {
  it.each(["usr", "sys"] as Mode[])("runs every case and its output parses (%s mode)", async (mode) => {
    const b = makeBoot({ seed: 0xa32_0001, cases: CASES, insnsPerCase: INSNS, mode });
    const r = await runQemu(b.image.elf);
    expect(r.reason).toBe("exit");
    expect(r.announced).toBe(CASES);
    expect(r.finished).toBe(true);
    expect(r.results.size).toBe(CASES);
    const ends = new Map<number, number>();
    for (const x of r.results.values()) ends.set(x.vector, (ends.get(x.vector) ?? 0) + 1);
    console.log(`QEMU: ${[...ends].map(([v, n]) => `${VECTOR_NAMES[v]} ${n}`).join(", ")}`);
    // Most cases run to their final SVC; the rest end in UNDEF (UDF, PL0-forbidden MRC...) or
    // an alignment fault, on purpose but rarely.
    expect(ends.get(2) ?? 0).toBeGreaterThan(CASES * 0.7);
    // Every case's result is a full line: 15 registers and a User-mode CPSR.
    for (const x of r.results.values()) expect(x.regs.length).toBe(15);
    const modeBits = mode === "sys" ? 0x1f : 0x10;
    expect([...r.results.values()].every((x) => (x.cpsr & 0x1f) === modeBits)).toBe(true);

    // The comparison is not blind: a changed register, flag or memory word is reported with
    // the case's encodings, inputs and both results.
    const twin = (f: (x: RunOutput) => void): RunOutput => {
      const copy: RunOutput = { ...r, results: new Map([...r.results].map(([i, x]) => [i, { ...x, regs: [...x.regs], mem: new Map(x.mem) }])) };
      f(copy);
      return copy;
    };
    const same = compareRuns(b.cases, b.image, r, twin(() => {}), (i) => `case ${i}`);
    expect(same.mismatches).toEqual([]);
    const k = [...r.results.values()].find((x) => x.vector === 2)!.index;
    for (const mutate of [
      (x: RunOutput) => { x.results.get(k)!.regs[3] ^= 1; },
      (x: RunOutput) => { x.results.get(k)!.cpsr ^= 0x20000000; },
      (x: RunOutput) => { x.results.get(k)!.mem.set(0x40, 0x1234); },
    ]) {
      const cmp = compareRuns(b.cases, b.image, r, twin(mutate), (i) => `case ${i}`);
      expect(cmp.mismatches.map((m) => m.index)).toEqual([k]);
      const text = cmp.mismatches[0].text;
      const ins = b.cases[k].insns.find((i) => i.set !== "")!;
      expect(text).toContain(ins.word.toString(16).padStart(8, "0"));
      expect(text).toContain(ins.row);
      expect(text).toMatch(/QEMU:[\s\S]*armlet:/);
    }
  }, 60_000);
});

describe.skipIf(lacksCommand("arm-none-eabi-gcc"))("A32 differential harness binary", () => {
  it("roms/bin/diff-harness.bin is built from roms/src/diff-harness.S", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-harness-"));
    try {
      const out = path.join(dir, "h.bin");
      const r = spawnSync("sh", [path.resolve(path.dirname(HARNESS_BIN), "../../test/diff/build-harness.sh"), out], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(HARNESS_BIN))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(lacks("qemu-system-arm", qemu))("A32 differential: armlet vs QEMU", () => {
  it(`agrees on ${SEEDS.length} x ${CASES} cases x ${INSNS} instructions`, async () => {
    let insns = 0, compared = 0;
    const failures: string[] = [];
    const perRow = new Map<string, number>();
    for (const [k, { seed, mode, alignCheck }] of SEEDS.entries()) {
      const b = makeBoot({ seed, cases: CASES, insnsPerCase: INSNS, mode, alignCheck });
      insns += testInsnCount(b);
      // Every other boot runs each case translated by the JIT (eager: before a block first runs).
      const r = await runBoot(b, { armlet: true, jit: k % 2 === 1 ? "eager" : "off" });
      const cmp = r.cmp!;
      compared += cmp.compared;
      failures.push(...cmp.problems.map((p) => `seed 0x${seed.toString(16)} (${mode}${alignCheck ? ", SCTLR.A" : ""}): ${p}`));
      for (const m of cmp.mismatches) {
        for (const row of m.rows) perRow.set(row, (perRow.get(row) ?? 0) + 1);
        failures.push(m.text);
      }
    }
    console.log(`differential: ${insns} instructions in ${compared} cases compared`);
    if (failures.length) {
      const rows = [...perRow].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}:${n}`).join(" ");
      console.log(failures.slice(0, SHOW).join("\n"));
      console.log(`${failures.length} mismatching cases (first ${SHOW} shown); rows in them: ${rows}`);
    }
    expect(insns).toBeGreaterThanOrEqual(10_000);
    expect(failures.length, "mismatches (see the log above)").toBe(0);
  }, LONG ? 1_200_000 : 120_000);
});
