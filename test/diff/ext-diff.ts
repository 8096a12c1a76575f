// One Thumb/VFP/NEON differential boot: generate cases, build the image (with FP state), run
// it under QEMU (and armlet) and compare. Used by t32-random.test.ts, vfp-neon-random.test.ts
// and the command line (ext-cli.ts).
import { XGenerator, type XGenOptions } from "./ext-generator.js";
import { buildImage, type Image, type TestCase } from "./program.js";
import { Rng } from "./rng.js";
import { runArmlet, runQemu, type JitMode, type RunOutput } from "./run.js";
import { compareRuns, type Comparison } from "./report.js";

export interface XBootPlan extends XGenOptions { seed: number; cases: number }
export interface XBoot { plan: XBootPlan; gen: XGenerator; cases: TestCase[]; image: Image }

export function makeXBoot(plan: XBootPlan): XBoot {
  const rng = new Rng(plan.seed);
  const gen = new XGenerator(rng, plan);
  const cases = Array.from({ length: plan.cases }, () => gen.testCase());
  const image = buildImage(cases, rng.u32(), 0, true);
  return { plan, gen, cases, image };
}

/** Test instructions in a boot (set-up, fillers and the final SVC not counted). */
export function xInsnCount(b: XBoot): number {
  return b.cases.reduce((n, c) => n + c.insns.filter((i) => i.set !== "").length, 0);
}

export interface XBootResult { qemu: RunOutput; armlet?: RunOutput; cmp?: Comparison }

export async function runXBoot(b: XBoot, opts: { armlet: boolean; timeoutSec?: number; jit?: JitMode }): Promise<XBootResult> {
  const t = opts.timeoutSec ?? 90;
  const [qemu, armlet] = await Promise.all([
    runQemu(b.image.elf, t),
    opts.armlet ? runArmlet(b.image.elf, t, opts.jit) : Promise.resolve(undefined),
  ]);
  if (!armlet) return { qemu };
  const cmp = compareRuns(b.cases, b.image, qemu, armlet, (i) => `seed 0x${b.plan.seed.toString(16)} [${b.plan.kinds.join(",")}] case ${i}`);
  return { qemu, armlet, cmp };
}
