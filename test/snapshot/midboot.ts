// A save in the middle of a deterministic boot, at a fixed instruction count, taken by the boot
// tests' own uninterrupted run (Machine.whenRetired does not change how that run proceeds); a new
// armlet process resumes the file, and its console must be exactly the rest of the
// uninterrupted run's console, byte for byte.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { expect } from "vitest";
import { ARMLET_CLI } from "../boot/lab/armlet.js";
import { workloadProblems, type GuestLab } from "../boot/lab/guests.js";
import { DETERMINISTIC_NS_PER_INSN } from "../boot/lab/settings.js";

/**
 * Instructions retired when the save is taken, per board. Debian's kernel prints nothing on
 * ttyAMA0 until the PL011 console registers, then its whole log at once: on virt the first byte
 * comes at about 2.09 G instructions and GUEST-READY at 3.37 G, so a save at 2.5 G splits the
 * console between the two processes; on vexpress-a15 the log comes out only at 4.35 G, just
 * before GUEST-READY (4.37 G), so its save (late in the boot, to keep the resumed run short)
 * comes before any console output and the resumed process prints the whole console.
 */
export const MID_BOOT_INSNS = { virt: 2_500_000_000, "vexpress-a15": 4_000_000_000 } as const;

export interface MidBootSave {
  file: string;
  /** Console bytes the uninterrupted run had printed when the save was taken (-1: not taken). */
  consoleAt: number;
  /** For runArmlet's spec: `onMachine` schedules the save, `echo` counts the console. */
  hooks: { onMachine(m: Machine): void; echo(text: string): void };
}

export function midBootSave(insns: number): MidBootSave {
  const file = join(mkdtempSync(join(tmpdir(), "armlet-midboot-")), "mid.snap");
  let printed = 0;
  const s: MidBootSave = {
    file, consoleAt: -1,
    hooks: {
      onMachine: (m) => { void m.whenRetired(insns, () => { saveSnapshot(m, file); s.consoleAt = printed; }); },
      echo: (text) => { printed += text.length; },
    },
  };
  return s;
}

/** `armlet run <machineArgs> --loadvm FILE` to the end; its console and exit code. */
export function resumeToEnd(machineArgs: string[], file: string, timeoutSec: number): Promise<{ out: string; err: string; code: number | null }> {
  const p = spawn(process.execPath, [ARMLET_CLI, "run", ...machineArgs, "--loadvm", file, "--no-reboot", "--timeout", String(timeoutSec)],
    { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
  p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
  return new Promise((r) => p.on("close", (code) => r({ out, err, code })));
}

/**
 * The mid-boot save was taken before GUEST-READY (after `minConsole` bytes of console at least);
 * resumed in a new process it finishes the workload and prints exactly the rest of the console.
 */
export async function expectMidBootResume(board: "virt" | "vexpress-a15", mid: MidBootSave, uninterrupted: string,
  lab: GuestLab, minConsole: number, timeoutSec: number): Promise<void> {
  expect(DETERMINISTIC_NS_PER_INSN, "the boot lab's deterministic mode is --icount shift=0").toBe(1);
  expect(mid.consoleAt, "the save was taken").toBeGreaterThanOrEqual(minConsole);
  expect(uninterrupted.slice(0, mid.consoleAt)).not.toContain("GUEST-READY");
  const r = await resumeToEnd(["-M", board, "--smp", "1", "-m", "256M", "--icount", "shift=0,sleep=off"], mid.file, timeoutSec);
  expect(r.code, r.err).toBe(0);
  expect(workloadProblems(r.out, lab.expect, 1)).toEqual([]);
  expect(r.out === uninterrupted.slice(mid.consoleAt), `resumed console differs from the uninterrupted run's rest:\n${r.out.slice(-1500)}`).toBe(true);
}
