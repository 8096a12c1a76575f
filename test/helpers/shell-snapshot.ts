// Boot once, test many: the shell guest booted to its prompt and saved, once per configuration
// and build, shared by every test (and vitest worker) that needs a shell. The file is keyed by
// the machine options, the guest images and the emulator's code, so a stale snapshot is never
// reused; a lock directory makes concurrent workers wait for the one that boots.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { GuestLab } from "../boot/lab/guests.js";
import { startSession } from "../snapshot/session.js";
import { ARMLET_CLI } from "../boot/lab/armlet.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface ShellConfig {
  machine: "virt" | "vexpress-a15";
  smp: number;
  /** virt only: the arm64 guest on a Cortex-A57 (default: the armmp guest on the board's A15). */
  cpu?: "cortex-a57";
  /** virt only: -M virt,gic-version=3 (with its ITS) instead of GICv2. */
  gic?: 2 | 3;
  /** Deterministic time (ns per instruction); the resume must use the same. */
  nsPerInsn: number;
  memory?: string;
}

const machineArg = (c: ShellConfig) => (c.gic === 3 ? `${c.machine},gic-version=3` : c.machine);

/** The guest images of `c`: the arm64 lab on the A57, else the armmp one. */
function shellGuest(lab: GuestLab, c: ShellConfig) {
  if (c.cpu !== "cortex-a57") return { kernel: lab.zImage, initrd: lab.shellInitrd };
  const dir = join(lab.dir, "arm64");
  return { kernel: join(dir, "Image.gz"), initrd: join(dir, "initramfs-shell.cpio.gz") };
}

/** The machine options of a shell boot (vexpress-a15 with Debian's DTB, virt with its own). */
export function shellOptions(lab: GuestLab, c: ShellConfig) {
  if (c.cpu === "cortex-a57") {
    return {
      machine: machineArg(c), cpu: c.cpu, smp: c.smp, memory: c.memory ?? "256M", nsPerInsn: c.nsPerInsn, icountSleep: false,
      ...shellGuest(lab, c), append: "console=ttyAMA0 nokaslr",
    };
  }
  return {
    machine: c.machine, smp: c.smp, memory: c.memory ?? "256M", nsPerInsn: c.nsPerInsn, icountSleep: false,
    kernel: lab.zImage, initrd: lab.shellInitrd, append: "console=ttyAMA0",
    ...(c.machine === "vexpress-a15" ? { dtb: lab.dtb } : {}),
  };
}

/** The same machine on armlet's command line, minus the boot images (a resume needs none). */
export function shellMachineArgs(c: ShellConfig): string[] {
  return ["-M", machineArg(c), ...(c.cpu ? ["--cpu", c.cpu] : []), "--smp", String(c.smp), "-m", c.memory ?? "256M", "--icount", `shift=${Math.round(Math.log2(c.nsPerInsn))}`];
}

function codeHash(): string {
  const h = createHash("sha256");
  h.update(readFileSync(join(repo, "build", "core.wasm")));
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) h.update(p).update(readFileSync(p));
    }
  };
  walk(join(repo, "machines"));
  return h.digest("hex");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Path of the prompt snapshot for `c`, booting and saving it first if this build has none. */
export async function shellSnapshot(lab: GuestLab, c: ShellConfig, timeoutSec = 600): Promise<{ file: string; bootSeconds: number }> {
  const h = createHash("sha256").update(JSON.stringify(shellOptions(lab, c))).update(codeHash());
  const guest = shellGuest(lab, c);
  for (const f of [guest.kernel, guest.initrd, lab.dtb]) h.update(readFileSync(f));
  const dir = join(repo, ".cache", "snapshots");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `shell-${[c.machine, c.cpu, c.gic === 3 ? "gicv3" : undefined].filter(Boolean).join("-")}-smp${c.smp}-${h.digest("hex").slice(0, 16)}.snap`);
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return { file, bootSeconds: 0 };
    try { mkdirSync(lock); break; } catch {
      // Another worker boots it; a lock older than the boot limit is from a dead process.
      try { if (Date.now() - statSync(lock).mtimeMs > timeoutSec * 1000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      await sleep(500);
    }
  }
  try {
    if (existsSync(file)) return { file, bootSeconds: 0 };
    const t0 = Date.now();
    const s = startSession(shellOptions(lab, c));
    try {
      await s.waitFor("guest# ", 0, timeoutSec);
      await s.save(file);
    } finally {
      await s.quit();
    }
    return { file, bootSeconds: (Date.now() - t0) / 1000 };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** `armlet run <machine> --loadvm FILE [extra]`, `echo $((6*7))-typed` at the prompt, then poweroff. */
export async function resumeAndAsk(c: ShellConfig, file: string, extra: string[] = []): Promise<{ out: string; err: string; code: number | null; seconds: number }> {
  const t0 = Date.now();
  const p = spawn(process.execPath, [ARMLET_CLI, "run", ...shellMachineArgs(c), "--loadvm", file, ...extra, "--timeout", "300"],
    { stdio: ["pipe", "pipe", "pipe"] });
  let out = "", err = "";
  p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
  p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
  const closed = new Promise<number | null>((r) => p.on("close", r));
  p.stdin.write("echo $((6*7))-typed\n");
  for (let t = 0; t < 1200 && !out.includes("42-typed"); t++) await sleep(100);
  const seconds = (Date.now() - t0) / 1000;
  p.stdin.write("poweroff -f\n");
  const code = await closed;
  return { out, err, code, seconds };
}
