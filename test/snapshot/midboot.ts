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
import { ARMLET_CLI } from "../boot/lab/armlet.js";

/** Instructions retired when the save is taken: about a third of the way to GUEST-READY. */
export const MID_BOOT_INSNS = 450_000_000;

export interface MidBootSave {
  file: string;
  /** Console bytes the uninterrupted run had printed when the save was taken (-1: not taken). */
  consoleAt: number;
  /** For runArmlet's spec: `onMachine` schedules the save, `echo` counts the console. */
  hooks: { onMachine(m: Machine): void; echo(text: string): void };
}

export function midBootSave(): MidBootSave {
  const file = join(mkdtempSync(join(tmpdir(), "armlet-midboot-")), "mid.snap");
  let printed = 0;
  const s: MidBootSave = {
    file, consoleAt: -1,
    hooks: {
      onMachine: (m) => { void m.whenRetired(MID_BOOT_INSNS, () => { saveSnapshot(m, file); s.consoleAt = printed; }); },
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
