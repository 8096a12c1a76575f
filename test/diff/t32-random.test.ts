// Differential test of Thumb: seeded random T16/T32 sequences (IT blocks with 1-4 conditional
// instructions, short forward branches over a filler, some VFP in its T32 form) with random
// registers, flags and FP state, run bare-metal in Thumb state under qemu-system-arm -M virt
// -cpu cortex-a15 and under armlet; registers, CPSR (with ITSTATE when an exception ends a
// case inside an IT block), D0-D31, FPSCR and the memory window must agree.
// Reproduce a seed: npx tsx test/diff/ext-cli.ts --kinds thumb --seed N [--show 10] [--ends]
import { describe, expect, it } from "vitest";
import { lacks, lacksCommand } from "../helpers/requirements.js";
import { makeXBoot } from "./ext-diff.js";
import { XGenerator } from "./ext-generator.js";
import { Rng } from "./rng.js";
import { haveQemu, loadRunGuest } from "./run.js";
import { armletVsQemu, qemuSanity } from "./ext-test-util.js";

const LONG = process.env.ARMLET_LONG === "1";
const CASES = 600, INSNS = 10;
const SEEDS = Array.from({ length: LONG ? 12 : 2 }, (_, k) => (LONG ? 0x7320_1000 : 0x7320_0001) + k);
const qemu = haveQemu();
const runGuest = await loadRunGuest();

describe("Thumb differential generator", () => {
  it("draws every T16/T32 core row it can build, and IT blocks", () => {
    const gen = new XGenerator(new Rng(0xc0ffee), { kinds: ["thumb"] });
    const cases = Array.from({ length: 600 }, () => gen.testCase());
    const missing = gen.coreTestable.filter((n) => /^T(16|32)$/.test(gen.coreSet.get(n) ?? "") && !gen.counts.has(n) && !/UDF|HLT|BKPT/.test(n));
    console.log(`generator: ${gen.coreTestable.length} core rows drawable, ${gen.coreExcluded.size} not:\n` +
      [...gen.coreExcluded].map(([n, why]) => `  ${n}: ${why}`).join("\n"));
    console.log("per kind: " + [...gen.kindCounts].sort().map(([k, n]) => `${k} ${n}`).join(", "));
    expect(missing).toEqual([]);
    const broken = [...gen.coreExcluded].filter(([, why]) => /re-decodes|conflicts/.test(why));
    expect(broken).toEqual([]);
    // IT blocks: an IT with 1..4 conditional instructions after it.
    const its = cases.flatMap((c) => c.insns.filter((i) => i.size === 2 && (i.word & 0xff00) === 0xbf00 && (i.word & 0xf) !== 0));
    expect(its.length).toBeGreaterThan(300);
    expect(new Set(its.map((i) => i.word & 0xf)).size).toBeGreaterThanOrEqual(8);
    expect(cases.every((c) => (c.cpsr & 0x20) !== 0)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const a = makeXBoot({ seed: 42, cases: 20, insnsPerCase: INSNS, kinds: ["thumb"] });
    const b = makeXBoot({ seed: 42, cases: 20, insnsPerCase: INSNS, kinds: ["thumb"] });
    expect(Buffer.from(a.image.elf).equals(Buffer.from(b.image.elf))).toBe(true);
  });
});

describe.skipIf(lacks("qemu-system-arm", qemu))("Thumb differential harness under QEMU", () => {
  it("runs every case in Thumb state and its output parses", async () => {
    await qemuSanity(0x7320_0001, ["thumb"], CASES, INSNS);
  }, 60_000);
});

describe.skipIf(lacks("qemu-system-arm", qemu))("Thumb differential: armlet vs QEMU", () => {
  it(`agrees on ${SEEDS.length} x ${CASES} cases x ${INSNS} instructions`, async () => {
    const r = await armletVsQemu(SEEDS.map((seed) => ({ seed, kinds: ["thumb"] })), CASES, INSNS);
    expect(r.count).toBeGreaterThanOrEqual(12_000);
    expect(r.failures.length, "mismatches (see the log above)").toBe(0);
  }, LONG ? 1_200_000 : 120_000);
});
