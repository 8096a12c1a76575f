// The rest of the -M virt --cpu cortex-a57 boot matrix (ARMLET_LONG=1, npm run test:long):
// GICv2 --smp 2 and 4, GICv3 (its on) --smp 1, 2 and 16, each checked as the CI cases in
// virt-a57.test.ts are (lab/virt-a57.ts: workload output, exit 0, device lines vs QEMU's).
import { describe, it } from "vitest";
import { describeWithGuestLab } from "./lab/describe-with-lab.js";
import { LONG } from "./lab/settings.js";
import { describeA57Boot, type A57Case } from "./lab/virt-a57.js";

const LONG_CASES: A57Case[] = [{ gic: 2, smp: 2 }, { gic: 2, smp: 4 }, { gic: 3, smp: 1 }, { gic: 3, smp: 2 }, { gic: 3, smp: 16 }];

if (LONG) describeWithGuestLab("virt --cpu cortex-a57 boot matrix (ARMLET_LONG=1)", (g) => { for (const c of LONG_CASES) describeA57Boot(g, c); });
else describe("virt --cpu cortex-a57 boot matrix", () => { it.skip("runs with ARMLET_LONG=1 (npm run test:long)", () => {}); });
