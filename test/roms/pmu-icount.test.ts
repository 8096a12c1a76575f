// roms/bin/pmu.elf with "exact" under instruction-count time: QEMU 7.2 (-icount shift=N) and
// armlet (nsPerInsn = 2^N) must print the same console, INFO lines included (exact cycle and
// INST_RETIRED counts, PMCR.D, PL1/PL0 filtering across exception entry and return, where the
// overflow interrupt arrives). The values that follow from the program alone are checked too.
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";
import { runGuest } from "../../machines/run-guest.js";

const ELF = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "roms/bin/pmu.elf");
const SHIFTS = [0, 3, 7];

function runQemu(shift: number): Promise<{ status: number | null; console: string; stderr: string }> {
  const args = ["-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-nographic", "-semihosting",
    "-icount", `shift=${shift}`, "-kernel", ELF, "-append", "exact"];
  return new Promise((res, rej) => {
    const p = spawn(QEMU_SYSTEM_ARM, qemuArgv(args), { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [], err: Buffer[] = [];
    const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", (e) => { clearTimeout(timer); rej(e); });
    p.on("close", (status) => {
      clearTimeout(timer);
      res({ status, console: Buffer.concat(out).toString("latin1"), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** INFO lines as name -> value (numbers) or text. */
function infos(console: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of console.split("\n")) {
    const x = /^INFO (.*) = (0x[0-9a-f]{8})$/.exec(line) ?? /^INFO (.*?): (irqs .*)$/.exec(line);
    if (x) m.set(x[1], x[2]);
  }
  return m;
}
const num = (m: Map<string, string>, k: string) => {
  const v = m.get(k);
  if (v === undefined) throw new Error(`no INFO line "${k}"`);
  return parseInt(v, 16);
};

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("pmu.elf under -icount: armlet counts exactly as QEMU 7.2", () => {
  for (const shift of SHIFTS) {
    it(`shift ${shift}: same console, and counts that follow from the program`, async () => {
      const [q, a] = await Promise.all([
        runQemu(shift),
        runGuest({ machine: "virt", cpu: "cortex-a15", memory: "128M", kernel: ELF, semihosting: true,
          append: "exact", nsPerInsn: 2 ** shift, timeoutSec: 60 }),
      ]);
      expect(q.status, q.stderr).toBe(0);
      expect(q.console).toMatch(/^RESULT: PASS \(0 failed\)$/m);
      expect(a.console).toBe(q.console);
      expect({ reason: a.reason, exitCode: a.exitCode }).toEqual({ reason: "exit", exitCode: 0 });

      const i = infos(a.console);
      const ns = 2 ** shift;
      expect(num(i, "cycles, loop 10 (21 insns)")).toBe(21 * ns);
      expect(num(i, "cycles, loop 100 (201 insns)")).toBe(201 * ns);
      expect(num(i, "inst_retired, loop 100 (201 insns)")).toBe(201);
      expect(num(i, "cycles / 64 (PMCR.D), loop3 85 (256 insns)")).toBe(256 * ns / 64);
      expect(num(i, "cycles / 64 (PMCR.D), loop3 341 (1024 insns)")).toBe(1024 * ns / 64);
      expect(num(i, "cycles (PMCR.D with LC), loop3 85")).toBe(256 * ns);
      // Filtered apart, PL1 cycles and PL0 instructions are parts of the whole.
      expect(num(i, "run_user: cycles at PL1")).toBeLessThan(num(i, "run_user: cycles, all"));
      expect(num(i, "run_user: inst_retired at PL0")).toBeLessThan(num(i, "run_user: inst_retired, all"));
      // The cycle counter's interrupt comes in the spin, 1001 cycles after the write.
      expect(i.get("cycle counter from -1001")).toMatch(/^irqs 1, pmovsr 0x80000000, spin left \d+$/);
      // QEMU 7.2 checks an event counter one event before it wraps, so the overflow shows at
      // the next synchronisation (here: reading the counter).
      expect(i.get("inst_retired from -1001, during the spin")).toBe("irqs 0");
      expect(i.get("inst_retired from -1001, after reading it")).toBe("irqs 1, pmovsr 0x00000001, after the spin");
    }, 120_000);
  }
});
