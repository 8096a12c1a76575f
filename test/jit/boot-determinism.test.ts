// Deterministic Linux boots (--icount) print byte-identical consoles with --jit on and --jit off:
// translated code retires the same instructions and takes interrupts at the same boundaries as
// the interpreter. Both boards, --smp 1 and 2, each pair run side by side through the CLI.
import { it, expect } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { workloadProblems } from "../boot/lab/guests.js";
import { runArmletCli, poweredOff, type ArmletBootSpec } from "../boot/lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "../boot/lab/settings.js";

const CONFIGS = [["vexpress-a15", 1], ["vexpress-a15", 2], ["virt", 1], ["virt", 2]] as const;

describeWithGuestLab("JIT on and off: deterministic boots, byte-identical consoles", (g) => {
  for (const [machine, smp] of CONFIGS) {
    it(`${machine} --smp ${smp}`, async () => {
      const spec: ArmletBootSpec = {
        machine, smp, kernel: g.zImage, dtb: machine === "vexpress-a15" ? g.dtb : undefined, initrd: g.initrd,
        timeoutSec: ARMLET_BOOT_TIMEOUT, nsPerInsn: DETERMINISTIC_NS_PER_INSN,
      };
      const [on, off] = await Promise.all([
        runArmletCli({ ...spec, cliArgs: ["--jit", "on"] }),
        runArmletCli({ ...spec, cliArgs: ["--jit", "off"] }),
      ]);
      expect(poweredOff(off), `--jit off: ${off.reason} ${off.message}`).toBe(true);
      expect(workloadProblems(off.console, g.expect, smp)).toEqual([]);
      expect(poweredOff(on), `--jit on: ${on.reason} ${on.message}`).toBe(true);
      if (on.console !== off.console) {
        let i = 0;
        while (on.console[i] === off.console[i]) i++;
        const line = (s: string) => s.slice(s.lastIndexOf("\n", i) + 1, s.indexOf("\n", i) >>> 0);
        throw new Error(`consoles differ at byte ${i}:\n  --jit on:  ${line(on.console)}\n  --jit off: ${line(off.console)}`);
      }
    }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
  }
});
