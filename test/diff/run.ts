// Runs a differential-test image under QEMU and under armlet and parses the harness output
// (format described in roms/src/diff-harness.S).
import { spawn } from "node:child_process";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface CaseResult {
  index: number;
  /** 1 undefined, 2 SVC (normal end), 3 prefetch abort, 4 data abort, 5 IRQ, 6 FIQ, 7 unused. */
  vector: number;
  /** Exception return address minus the case's code address. */
  pcOff: number;
  regs: number[];
  cpsr: number;
  fsr?: number;
  far?: number;
  /** Window byte offset -> word, for words that differ from the fill pattern. */
  mem: Map<number, number>;
  /** Images with FP state: FPSCR and D0..D31 (as 16-digit hex strings). */
  fpscr?: number;
  d?: string[];
}

export interface RunOutput {
  results: Map<number, CaseResult>;
  /** Case count announced by the harness, or -1. */
  announced: number;
  finished: boolean;
  raw: string;
  exitCode: number;
  reason: string;
}

export const VECTOR_NAMES: Record<number, string> = {
  1: "UNDEF", 2: "SVC(end)", 3: "PABT", 4: "DABT", 5: "IRQ", 6: "FIQ", 7: "unused-vector",
};

export function parseOutput(raw: string, exitCode = 0, reason = ""): RunOutput {
  const results = new Map<number, CaseResult>();
  let announced = -1;
  let finished = false;
  for (const line of raw.split(/\r?\n/)) {
    const start = /DIFF-HARNESS ([0-9a-f]{8})/.exec(line);
    if (start) { announced = parseInt(start[1], 16); continue; }
    if (/^END [0-9a-f]{8}/.test(line)) { finished = true; continue; }
    if (!line.startsWith("@")) continue;
    const t = line.slice(1).trim().split(/\s+/);
    if (t.length < 19) continue; // truncated line (the run died mid-case)
    const h = (s: string) => parseInt(s, 16) >>> 0;
    const index = h(t[0]);
    const vector = h(t[1]);
    const r: CaseResult = {
      index, vector, pcOff: h(t[2]) | 0,
      regs: t.slice(3, 18).map(h), cpsr: h(t[18]), mem: new Map(),
    };
    let k = 19;
    if (vector === 3 || vector === 4) { r.fsr = h(t[k]); r.far = h(t[k + 1]); k += 2; }
    if (t[k] === "F") {
      if (t.length < k + 34) continue; // truncated
      r.fpscr = h(t[k + 1]);
      r.d = t.slice(k + 2, k + 34);
      k += 34;
    }
    for (; k < t.length; k++) {
      const m = /^([0-9a-f]{8})=([0-9a-f]{8})$/.exec(t[k]);
      if (m) r.mem.set(h(m[1]), h(m[2]));
    }
    results.set(index, r);
  }
  return { results, announced, finished, raw, exitCode, reason };
}

export const QEMU = process.env.ARMLET_QEMU ?? QEMU_SYSTEM_ARM;

export function haveQemu(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => fs.existsSync(path.join(d, QEMU))) || fs.existsSync(QEMU);
}

function tmpElf(elf: Uint8Array, tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-diff-"));
  const file = path.join(dir, `${tag}.elf`);
  fs.writeFileSync(file, elf);
  return file;
}

/** What a boot printed and how it ended, before any parsing. */
export interface RawRun { raw: string; exitCode: number; reason: string }

/** Boot an ELF under a QEMU `-M virt` system emulator with semihosting (shared by the A32
 *  and A64 differential tests). */
export function runQemuRaw(elf: Uint8Array, o: { binary: string; cpu: string; timeoutSec: number }): Promise<RawRun> {
  const file = tmpElf(elf, "case");
  return new Promise((resolve, reject) => {
    const args = ["-M", "virt", "-cpu", o.cpu, "-m", "128M", "-nographic", "-monitor", "none",
      "-semihosting", "-kernel", file];
    const p = spawn(o.binary, qemuArgv(args), { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; p.kill("SIGKILL"); }, o.timeoutSec * 1000);
    p.on("error", (e) => { clearTimeout(timer); reject(e); });
    p.on("close", (code) => {
      clearTimeout(timer);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      const raw = Buffer.concat(out).toString("latin1");
      const reason = timedOut ? "timeout" : (code === 0 ? "exit" : `exit ${code}: ${Buffer.concat(err).toString().trim()}`);
      resolve({ raw, exitCode: code ?? -1, reason });
    });
  });
}

/** Boot the image under qemu-system-arm -M virt -cpu cortex-a15 with semihosting. */
export async function runQemu(elf: Uint8Array, timeoutSec = 60): Promise<RunOutput> {
  const r = await runQemuRaw(elf, { binary: QEMU, cpu: "cortex-a15", timeoutSec });
  return parseOutput(r.raw, r.exitCode, r.reason);
}

type RunGuest = (o: { machine: string; cpu: string; memory: string; kernel: string | Uint8Array; semihosting: boolean; timeoutSec: number; jit?: boolean; jitEager?: boolean }) =>
  Promise<{ exitCode: number; console: string; reason: string }>;

/** armlet's runner, if it is there yet (machines/run-guest.ts). */
export async function loadRunGuest(): Promise<RunGuest | undefined> {
  try {
    const spec = "../../machines/run-guest.js";
    const m = await import(/* @vite-ignore */ spec);
    return typeof m.runGuest === "function" ? m.runGuest as RunGuest : undefined;
  } catch {
    return undefined;
  }
}

/** How armlet runs the cases: interpreted, or translated by the JIT before each block first runs. */
export type JitMode = "off" | "eager";

/** Boot an ELF under armlet's virt board (shared by the A32 and A64 differential tests). */
export async function runArmletRaw(elf: Uint8Array, o: { cpu: string; timeoutSec: number; jit?: JitMode }): Promise<RawRun> {
  const runGuest = await loadRunGuest();
  if (!runGuest) throw new Error("machines/run-guest.ts (runGuest) is not available");
  const jit = o.jit ?? "off";
  const r = await runGuest({
    machine: "virt", cpu: o.cpu, memory: "128M", kernel: elf, semihosting: true, timeoutSec: o.timeoutSec,
    jit: jit !== "off", jitEager: jit === "eager",
  });
  // Eager mode must really run the cases translated, or this comparison proves nothing about the JIT.
  const entries = (r as { jit?: { regionEntries: number } }).jit?.regionEntries ?? 0;
  if (jit === "eager" && entries === 0) throw new Error("armlet --jit eager entered no translated region");
  const msg = (r as { message?: string }).message;
  return { raw: r.console, exitCode: r.exitCode, reason: msg && r.reason !== "exit" ? `${r.reason}: ${msg}` : r.reason };
}

/** Boot the image under armlet. */
export async function runArmlet(elf: Uint8Array, timeoutSec = 60, jit: JitMode = "off"): Promise<RunOutput> {
  const r = await runArmletRaw(elf, { cpu: "cortex-a15", timeoutSec, jit });
  return parseOutput(r.raw, r.exitCode, r.reason);
}
