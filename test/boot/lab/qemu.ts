// The reference: qemu-system-arm -M vexpress-a15 on the same kernel, DTB and initramfs,
// with the console collected, the time to GUEST-READY noted and optional scripted input.
import { spawn, spawnSync } from "node:child_process";
import { QEMU_SYSTEM_ARM, QEMU_SYSTEM_AARCH64, QEMU_COMMON_ARGS } from "../../helpers/qemu.js";

export const QEMU = QEMU_SYSTEM_ARM;

export function qemuAvailable(bin = QEMU): boolean {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

export function qemuVersion(bin = QEMU): string {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? (/version (\S+)/.exec(r.stdout)?.[1] ?? "unknown") : "none";
}

/** A console dialogue: when `expect` has appeared (after the previous step's), send `send`. */
export interface InputStep { expect: string | RegExp; send: string }

export interface BootSpec {
  /** QEMU machine (default vexpress-a15); "virt" boots with -cpu cortex-a15 and its own DTB. */
  machine?: string;
  /** virt's CPU (default cortex-a15); cortex-a57 runs qemu-system-aarch64. */
  cpu?: string;
  kernel: string;
  /** Device tree file (vexpress needs one; virt generates its own when absent). */
  dtb?: string;
  /** Let a guest reboot reset the machine (default: -no-reboot, a reboot ends the run). */
  reboot?: boolean;
  /** Extra QEMU arguments (e.g. -drive ...). */
  qemuExtra?: string[];
  initrd: string;
  smp: number;
  memory?: string;
  append?: string;
  /** Wall-clock limit (s). */
  timeoutSec: number;
  input?: InputStep[];
}

export interface BootResult {
  console: string;
  /** "exit" when the emulator ended by itself (guest powered off). */
  reason: string;
  exitCode: number;
  message: string;
  seconds: number;
  /** Seconds from start until GUEST-READY appeared on the console (undefined: never). */
  readySeconds?: number;
}

/** The QEMU binary for a boot: qemu-system-aarch64 for an AArch64 CPU. */
export function qemuFor(spec: Pick<BootSpec, "cpu">): string {
  return spec.cpu === "cortex-a57" ? QEMU_SYSTEM_AARCH64 : QEMU;
}

export function qemuArgs(spec: BootSpec): string[] {
  const machine = spec.machine ?? "vexpress-a15";
  return [...QEMU_COMMON_ARGS, "-M", machine, ...(machine.split(",")[0] === "virt" ? ["-cpu", spec.cpu ?? "cortex-a15"] : []), "-smp", String(spec.smp), "-m", spec.memory ?? "256M",
    "-kernel", spec.kernel, ...(spec.dtb ? ["-dtb", spec.dtb] : []), "-initrd", spec.initrd,
    "-append", spec.append ?? "console=ttyAMA0", "-nographic", ...(spec.reboot ? [] : ["-no-reboot"]), ...(spec.qemuExtra ?? [])];
}

/** How far back (chars) a new console chunk is searched for a pattern split across chunks. */
const WINDOW = 256;

/** Tracks console text, GUEST-READY time and the input dialogue (shared with the armlet runner). */
export class ConsoleWatch {
  text = "";
  readySeconds?: number;
  private step = 0;
  private searchFrom = 0;
  constructor(private readonly t0: bigint, private readonly steps: InputStep[], private readonly send: (s: string) => void) {}

  feed(chunk: string): void {
    // Output may come a byte at a time: only look at the new text plus a short overlap.
    const from = Math.max(0, this.text.length - WINDOW);
    this.text += chunk;
    if (this.readySeconds === undefined && this.text.indexOf("GUEST-READY", from) >= 0) {
      this.readySeconds = Number(process.hrtime.bigint() - this.t0) / 1e9;
    }
    while (this.step < this.steps.length) {
      const { expect, send } = this.steps[this.step];
      const start = Math.max(this.searchFrom, from);
      const rest = this.text.slice(start);
      const m = typeof expect === "string"
        ? (rest.indexOf(expect) >= 0 ? { index: rest.indexOf(expect), len: expect.length } : undefined)
        : ((r) => (r ? { index: r.index, len: r[0].length } : undefined))(expect.exec(rest));
      if (!m) break;
      this.searchFrom = start + m.index + m.len;
      this.step++;
      this.send(send);
    }
  }

  get pendingStep(): InputStep | undefined { return this.steps[this.step]; }
}

export function runQemu(spec: BootSpec): Promise<BootResult> {
  return runProcess(qemuFor(spec), qemuArgs(spec), spec, { QEMU_AUDIO_DRV: "none" });
}

/** Run an emulator process with the console on stdio: collect it, answer the dialogue, time it. */
export function runProcess(cmd: string, args: string[], spec: BootSpec, env: Record<string, string> = {}): Promise<BootResult> {
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
    let stderr = "";
    let timedOut = false;
    const watch = new ConsoleWatch(t0, spec.input ?? [], (s) => child.stdin.write(s));
    child.stdout.setEncoding("latin1");
    child.stdout.on("data", (d: string) => watch.feed(d));
    child.stderr.setEncoding("latin1");
    child.stderr.on("data", (d: string) => { stderr += d; });
    child.stdin.on("error", () => {});
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, spec.timeoutSec * 1000);
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const errTail = stderr.split("\n").filter((l) => l && !/ALSA|alsa:|audio:/.test(l)).slice(-5).join("\n");
      resolveRun({
        console: watch.text,
        reason: timedOut ? "timeout" : signal ? "crash" : "exit",
        exitCode: code ?? -1,
        message: timedOut ? `timed out after ${spec.timeoutSec} s` : signal ? `killed by ${signal}` : errTail,
        seconds,
        readySeconds: watch.readySeconds,
      });
    });
  });
}
