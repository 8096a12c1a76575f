// -M virt --smp 4 in host time (no --icount) with the JIT: four CPUs share the host's time
// slices, so a CPU whose slices come too seldom shows up as soft lockups and RCU stalls in the
// guest's log. Debian's kernel must bring up all four and finish the workload without them.
import { it, expect } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { workloadProblems } from "../boot/lab/guests.js";
import { runArmlet, bootReport, poweredOff } from "../boot/lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";

const STALLS = /soft lockup|rcu_sched self-detected stall|rcu: INFO|RCU Stall|rcu_preempt detected stalls|hung_task|blocked for more than/i;

describeWithGuestLab("virt --smp 4 in host time with the JIT", (g) => {
  it("GUEST-DONE with nproc=4, no soft lockups or RCU stalls", async () => {
    const r = await runArmlet({ machine: "virt", smp: 4, kernel: g.zImage, initrd: g.initrd, timeoutSec: ARMLET_BOOT_TIMEOUT, nsPerInsn: 0 });
    const problems = workloadProblems(r.console, g.expect, 4);
    if (!/smp: Brought up 1 node, 4 CPUs/.test(r.console)) problems.push("Linux did not bring up 4 CPUs");
    const stall = r.console.split("\n").find((l) => STALLS.test(l));
    if (stall) problems.push(`stall message: ${stall.trim()}`);
    if (!poweredOff(r)) problems.push(`ended: ${r.reason}`);
    if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(r, "armlet -M virt --smp 4 (host time)")}`);
    expect(problems).toEqual([]);
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
});
