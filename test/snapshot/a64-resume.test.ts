// AArch64 (Cortex-A57) snapshots resume bit for bit: a bare-metal AArch64 program (roms/bin/a64)
// runs in process in deterministic time and is saved half way through (Machine.whenRetired does
// not change how the run proceeds); a new armlet process resumes the file and must print exactly
// the rest of the uninterrupted run's console and exit with its code, with the JIT and without.
// The programs cover the state the `cpu` section carries: X/SP banks and exceptions (traps),
// exclusive monitors (exclusives), the generic timer (timer), V registers and FPSR (neon-crypto),
// translation tables and system registers (mmu), AArch32 at EL0 (aarch32-el0), and a long
// JIT-compiled loop (bench-crc).
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { ARMLET_CLI } from "../helpers/armlet-process.js";

const ROMS = join(__dirname, "..", "..", "roms", "bin", "a64");
const dir = mkdtempSync(join(tmpdir(), "armlet-a64-resume-"));
const PROGRAMS = ["traps", "exclusives", "timer", "neon-crypto", "mmu", "aarch32-el0"];
/** bench-crc (hundreds of millions of instructions, one line at its end) only with the JIT. */
const programs = (jit: boolean) => (jit ? [...PROGRAMS, "bench-crc"] : PROGRAMS);

async function runInProcess(elf: string, jit: boolean, saveAt?: { insns: number; file: string }) {
  let out = "";
  let consoleAt = -1;
  const m = new Machine({
    machine: "virt", cpu: "cortex-a57", kernel: elf, semihosting: true, nsPerInsn: 1, icountSleep: false, jit,
    onConsole: (b) => { out += Buffer.from(b).toString("latin1"); },
  });
  if (saveAt) void m.whenRetired(saveAt.insns, () => { saveSnapshot(m, saveAt.file); consoleAt = out.length; });
  const r = await m.run().finally(() => m.dispose());
  return { out, code: r.exitCode, insns: r.instructions, consoleAt };
}

describe.each([true, false])("an AArch64 program saved half way resumes in a new process (JIT %s)", (jit) => {
  it.each(programs(jit))("%s", async (name) => {
    const elf = join(ROMS, `${name}.elf`);
    const full = await runInProcess(elf, jit);
    expect(full.out.length).toBeGreaterThan(0);
    const file = join(dir, `${name}-${jit ? "jit" : "interp"}.snap`);
    const half = Math.floor(full.insns / 2);
    const saved = await runInProcess(elf, jit, { insns: half, file });
    expect(saved.out, "saving does not change the run").toBe(full.out);
    expect(saved.consoleAt, "the save was taken").toBeGreaterThanOrEqual(0);
    expect(saved.consoleAt, "the save comes before the end of the console").toBeLessThan(full.out.length);
    const r = spawnSync(process.execPath, [ARMLET_CLI, "run", "-M", "virt", "--cpu", "cortex-a57", "--semihosting",
      "--icount", "shift=0,sleep=off", "--jit", jit ? "on" : "off", "--loadvm", file], { encoding: "latin1", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout === full.out.slice(saved.consoleAt), `resumed console differs:\n${r.stdout.slice(-800)}\nexpected:\n${full.out.slice(saved.consoleAt).slice(-800)}`).toBe(true);
    expect(r.status).toBe(full.code);
  }, 240_000);
});
