// One A64 differential "boot": generate cases from a seed, build the image, run it under QEMU
// (and armlet), compare. Used by a64-random.test.ts and by the command line (a64-cli.ts).
import { A64Generator, type A64GenOptions } from "./a64-generator.js";
import { buildA64Image, type A64Case } from "./a64-program.js";
import type { Image } from "./program.js";
import { Rng } from "./rng.js";
import type { JitMode } from "./run.js";
import { runArmlet64, runQemu64, type A64RunOutput } from "./a64-run.js";
import { compareA64Runs } from "./a64-report.js";
import type { Comparison } from "./report.js";

export interface A64BootPlan extends A64GenOptions {
  seed: number;
  cases: number;
  /** The harness checks after every case that no case wrote outside the window. */
  check?: boolean;
}

export interface A64Boot {
  plan: A64BootPlan;
  gen: A64Generator;
  cases: A64Case[];
  image: Image;
}

/** SCTLR_EL1.A: alignment checking for every access. */
const SCTLR_A = 1 << 1;

export function makeA64Boot(plan: A64BootPlan): A64Boot {
  const rng = new Rng(plan.seed);
  const gen = new A64Generator(rng, plan);
  const cases = gen.testCases(plan.cases);
  const image = buildA64Image(cases, rng.u32(), { sctlrSet: plan.alignCheck ? SCTLR_A : 0, fp: plan.fp, check: plan.check });
  return { plan, gen, cases, image };
}

/** A boot's name in reports: seed and kind. */
export const bootLabel = (p: A64BootPlan) =>
  `seed 0x${p.seed.toString(16)} (${[p.fp ? "fp" : "int", p.alignCheck && "SCTLR.A", p.space && "space"].filter(Boolean).join(", ")})`;

export interface A64BootResult { qemu: A64RunOutput; armlet?: A64RunOutput; cmp?: Comparison }

export async function runA64Boot(b: A64Boot, opts: { armlet: boolean; timeoutSec?: number; jit?: JitMode }): Promise<A64BootResult> {
  const t = opts.timeoutSec ?? 60;
  const [qemu, armlet] = await Promise.all([
    runQemu64(b.image.elf, t),
    opts.armlet ? runArmlet64(b.image.elf, t, opts.jit) : Promise.resolve(undefined),
  ]);
  if (!armlet) return { qemu };
  const cmp = compareA64Runs(b.cases, b.image, qemu, armlet, (i) => `${bootLabel(b.plan)} case ${i}`);
  return { qemu, armlet, cmp };
}
