// Deterministic Linux boots (--icount) with --jit on and --jit off in lock step: after every
// slice (≤100k instructions; 20k with two CPUs) the CPU state block, and every 2^28 instructions
// guest RAM, must be the same in both runs (--trace-slices digests), and so must the consoles:
// translated code retires the same instructions, leaves the same state and takes interrupts at
// the same boundaries as the interpreter. Both boards, --smp 1 and 2, each pair run side by side
// through the CLI. One boot also overflows a small code cache many times.
import { it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { workloadProblems } from "../boot/lab/guests.js";
import { runArmletCli, poweredOff, type ArmletBootSpec } from "../boot/lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "../boot/lab/settings.js";

// The last one runs with a 2 MiB code cache, so the JIT flushes it about sixteen times a boot.
const CONFIGS: [string, number, string[]][] = [
  ["vexpress-a15", 1, []], ["vexpress-a15", 2, []], ["virt", 1, []], ["virt", 2, []], ["virt", 1, ["--jit-cache", "2M"]],
];

describeWithGuestLab("JIT on and off in lock step: deterministic boots, same state after every slice, byte-identical consoles", (g) => {
  for (const [machine, smp, jitArgs] of CONFIGS) {
    it(`${machine} --smp ${smp}${jitArgs.length ? " " + jitArgs.join(" ") : ""}`, async () => {
      const spec: ArmletBootSpec = {
        machine, smp, kernel: g.zImage, dtb: machine === "vexpress-a15" ? g.dtb : undefined, initrd: g.initrd,
        timeoutSec: ARMLET_BOOT_TIMEOUT, nsPerInsn: DETERMINISTIC_NS_PER_INSN,
      };
      const dir = mkdtempSync(join(tmpdir(), "armlet-lockstep-"));
      const trace = (jit: string) => join(dir, `slices-${jit}.txt`);
      const [on, off] = await Promise.all([
        runArmletCli({ ...spec, cliArgs: ["--jit", "on", ...jitArgs, "--jit-stats", "--trace-slices", trace("on")] }),
        runArmletCli({ ...spec, cliArgs: ["--jit", "off", "--trace-slices", trace("off")] }),
      ]);
      const [a, b] = [readFileSync(trace("on"), "latin1").split("\n"), readFileSync(trace("off"), "latin1").split("\n")];
      rmSync(dir, { recursive: true, force: true });
      expect(poweredOff(off), `--jit off: ${off.reason} ${off.message}`).toBe(true);
      expect(workloadProblems(off.console, g.expect, smp)).toEqual([]);
      expect(poweredOff(on), `--jit on: ${on.reason} ${on.message}`).toBe(true);
      const k = a.findIndex((line, i) => line !== b[i]);
      if (k >= 0 || a.length !== b.length) {
        const at = k >= 0 ? k : Math.min(a.length, b.length);
        throw new Error(`lock step lost after slice line ${at} of ${b.length}:\n  --jit on:  ${a[at]}\n  --jit off: ${b[at]}`);
      }
      expect(b.length).toBeGreaterThan(1000); // the digests were written
      // the small cache did overflow (--jit-stats on stderr, whose tail is the message)
      if (jitArgs.length) expect(Number(/full flushes (\d+)/.exec(on.message)?.[1])).toBeGreaterThanOrEqual(5);
      if (on.console !== off.console) {
        let i = 0;
        while (on.console[i] === off.console[i]) i++;
        const line = (s: string) => s.slice(s.lastIndexOf("\n", i) + 1, s.indexOf("\n", i) >>> 0);
        throw new Error(`consoles differ at byte ${i}:\n  --jit on:  ${line(on.console)}\n  --jit off: ${line(off.console)}`);
      }
    }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
  }
});
