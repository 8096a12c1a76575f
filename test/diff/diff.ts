// One differential "boot": generate cases from a seed, build the image, run it under QEMU
// (and armlet), compare. Used by a32-random.test.ts and by the command line (cli.ts).
import { Generator, type GenOptions } from "./generator.js";
import { buildImage, SCTLR_A, type Image, type TestCase } from "./program.js";
import { Rng } from "./rng.js";
import { runArmlet, runQemu, type JitMode, type RunOutput } from "./run.js";
import { compareRuns, type Comparison } from "./report.js";

export interface BootPlan extends GenOptions {
  seed: number;
  cases: number;
  /** Run with SCTLR.A set (unaligned accesses fault). */
  alignCheck?: boolean;
}

export interface Boot {
  plan: BootPlan;
  gen: Generator;
  cases: TestCase[];
  image: Image;
}

export function makeBoot(plan: BootPlan): Boot {
  const rng = new Rng(plan.seed);
  const gen = new Generator(rng, plan);
  const cases = Array.from({ length: plan.cases }, () => gen.testCase());
  const image = buildImage(cases, rng.u32(), plan.alignCheck ? SCTLR_A : 0);
  return { plan, gen, cases, image };
}

/** Test instructions in a boot (set-up MOVW/MOVT and the final SVC not counted). */
export function testInsnCount(b: Boot): number {
  return b.cases.reduce((n, c) => n + c.insns.filter((i) => i.set !== "").length, 0);
}

export interface BootResult { qemu: RunOutput; armlet?: RunOutput; cmp?: Comparison }

export async function runBoot(b: Boot, opts: { armlet: boolean; timeoutSec?: number; jit?: JitMode }): Promise<BootResult> {
  const t = opts.timeoutSec ?? 60;
  const [qemu, armlet] = await Promise.all([
    runQemu(b.image.elf, t),
    opts.armlet ? runArmlet(b.image.elf, t, opts.jit) : Promise.resolve(undefined),
  ]);
  if (!armlet) return { qemu };
  const cmp = compareRuns(b.cases, b.image, qemu, armlet, (i) => `seed 0x${b.plan.seed.toString(16)} (${b.plan.mode ?? "usr"} mode${b.plan.alignCheck ? ", SCTLR.A" : ""}) case ${i}`);
  return { qemu, armlet, cmp };
}
