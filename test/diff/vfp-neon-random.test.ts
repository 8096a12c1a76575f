// Differential test of VFP and NEON: seeded random VFP/NEON instructions in their A32 and T32
// encodings, operands from the hard-case pool (signalling and quiet NaNs with payloads,
// infinities, denormals, ±0, conversion range edges, saturation edges) in D0-D31, with random
// FPSCR (every rounding mode, FZ, DN, AHP, QC and the cumulative flags), run bare-metal under
// qemu-system-arm -M virt -cpu cortex-a15 and under armlet; D0-D31, FPSCR, core registers,
// flags and the memory window must agree.
// Reproduce a seed: npx tsx test/diff/ext-cli.ts --kinds a32fp,t32fp --insns 6 --seed N
import { describe, expect, it } from "vitest";
import { lacks, lacksCommand } from "../helpers/requirements.js";
import { XGenerator } from "./ext-generator.js";
import { Rng } from "./rng.js";
import { haveQemu, loadRunGuest } from "./run.js";
import { armletVsQemu, qemuSanity } from "./ext-test-util.js";

const LONG = process.env.ARMLET_LONG === "1";
const CASES = 600, INSNS = 6;
const SEEDS = Array.from({ length: LONG ? 12 : 2 }, (_, k) => (LONG ? 0xf9e0_1000 : 0xf9e0_0001) + k);
const qemu = haveQemu();
const runGuest = await loadRunGuest();

describe("VFP/NEON differential generator", () => {
  it("draws every VFP/NEON core row it can build, in both instruction sets", () => {
    const gen = new XGenerator(new Rng(0xc0ffee), { kinds: ["a32fp", "t32fp"], insnsPerCase: INSNS });
    const cases = Array.from({ length: 1000 }, () => gen.testCase());
    const missing = gen.coreTestable.filter((n) => !gen.counts.has(n));
    console.log(`generator: ${gen.coreTestable.length} core rows drawable, ${gen.coreExcluded.size} not:\n` +
      [...gen.coreExcluded].map(([n, why]) => `  ${n}: ${why}`).join("\n"));
    expect(missing).toEqual([]);
    expect([...gen.coreExcluded].filter(([, why]) => /re-decodes|conflicts/.test(why))).toEqual([]);
    const thumb = cases.filter((c) => c.cpsr & 0x20).length;
    expect(thumb).toBeGreaterThan(300);
    expect(thumb).toBeLessThan(700);
    // FP state covers every rounding mode, FZ and DN, and NaN/denormal operands.
    const rm = new Set(cases.map((c) => (c.fpscr! >>> 22) & 3));
    expect(rm.size).toBe(4);
    expect(cases.some((c) => c.fpscr! & (1 << 24)) && cases.some((c) => c.fpscr! & (1 << 25))).toBe(true);
    const words = cases.flatMap((c) => c.d!.flat());
    expect(words.some((w) => (w & 0x7fc00000) === 0x7f800000 && (w & 0x3fffff) !== 0)).toBe(true); // sNaN
    expect(words.some((w) => (w & 0x7f800000) === 0 && (w & 0x7fffff) !== 0)).toBe(true);           // denormal
  });
});

describe.skipIf(lacks("qemu-system-arm", qemu))("VFP/NEON differential harness under QEMU", () => {
  it("runs every case and its output (D0-D31, FPSCR) parses", async () => {
    await qemuSanity(0xf9e0_0001, ["a32fp", "t32fp"], CASES, INSNS);
  }, 60_000);
});

describe.skipIf(lacks("qemu-system-arm", qemu))("VFP/NEON differential: armlet vs QEMU", () => {
  it(`agrees on ${SEEDS.length} x ${CASES} cases x ${INSNS} instructions`, async () => {
    const r = await armletVsQemu(SEEDS.map((seed) => ({ seed, kinds: ["a32fp", "t32fp"] })), CASES, INSNS);
    expect(r.count).toBeGreaterThanOrEqual(7_000);
    expect(r.failures.length, "mismatches (see the log above)").toBe(0);
  }, LONG ? 1_200_000 : 120_000);
});
