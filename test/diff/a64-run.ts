// Runs an A64 differential-test image under qemu-system-aarch64 and under armlet, and parses
// the harness output (format in roms/src/diff-harness-a64.S).
import * as fs from "node:fs";
import * as path from "node:path";
import { QEMU_SYSTEM_AARCH64 } from "../helpers/qemu.js";
import { runArmletRaw, runQemuRaw, type JitMode } from "./run.js";

export interface A64Result {
  index: number;
  /** Vector table entry 0..15 (see VECTOR_GROUPS / VECTOR_KINDS). */
  vector: number;
  esr: number;
  /** ELR_EL1 minus the case's code address. */
  elrOff: bigint;
  far: bigint;
  spsr: number;
  x: bigint[];
  sp0: bigint;
  sp1: bigint;
  fpcr: number;
  fpsr: number;
  /** FP images: the V registers that changed, as 32-digit hex strings. */
  v?: Map<number, string>;
  /** Window byte offset -> word, for words that differ from the fill pattern. */
  mem: Map<number, number>;
}

export interface A64RunOutput {
  results: Map<number, A64Result>;
  announced: number;
  finished: boolean;
  /** The harness's own exception report (HARNESS-FAULT line), or its CORRUPT line: a case wrote
   *  outside the window. */
  fault?: string;
  raw: string;
  exitCode: number;
  reason: string;
}

const VECTOR_GROUPS = ["cur/SP0", "cur/SPx", "lower/A64", "lower/A32"];
const VECTOR_KINDS = ["sync", "IRQ", "FIQ", "SError"];
export const vectorName = (v: number) => `${VECTOR_KINDS[v & 3]} ${VECTOR_GROUPS[v >> 2] ?? "?"}`;

/** Exception classes (ESR_EL1.EC) by name, for reports. */
export const EC_NAMES: Record<number, string> = {
  0x00: "unknown/UNDEF", 0x01: "WFx", 0x07: "FP access", 0x0e: "illegal state", 0x15: "SVC", 0x18: "MSR/MRS/SYS trap",
  0x20: "inst abort lower", 0x21: "inst abort", 0x22: "PC alignment", 0x24: "data abort lower", 0x25: "data abort",
  0x26: "SP alignment", 0x2c: "FP exception", 0x3c: "BRK",
};
export const ecName = (esr: number) => EC_NAMES[esr >>> 26] ?? `EC 0x${(esr >>> 26).toString(16)}`;
/** Exceptions that set FAR_EL1 (elsewhere it is UNKNOWN and not compared). */
export const setsFar = (esr: number) => [0x20, 0x21, 0x22, 0x24, 0x25].includes(esr >>> 26);

export function parseA64Output(raw: string, exitCode = 0, reason = ""): A64RunOutput {
  const results = new Map<number, A64Result>();
  let announced = -1, finished = false, fault: string | undefined;
  for (const line of raw.split(/\r?\n/)) {
    const start = /DIFF-HARNESS-A64 ([0-9a-f]{8})/.exec(line);
    if (start) { announced = parseInt(start[1], 16); continue; }
    if (/^END [0-9a-f]{8}/.test(line)) { finished = true; continue; }
    if (line.startsWith("HARNESS-FAULT") || line.startsWith("CORRUPT")) { fault = line; continue; }
    if (!line.startsWith("@")) continue;
    const t = line.slice(1).trim().split(/\s+/);
    if (t.length < 41 || t.slice(0, 41).some((s) => !/^[0-9a-f]+$/.test(s))) continue; // truncated
    const h = (s: string) => parseInt(s, 16) >>> 0;
    const b = (s: string) => BigInt("0x" + s);
    const r: A64Result = {
      index: h(t[0]), vector: h(t[1]), esr: h(t[2]), elrOff: BigInt.asIntN(64, b(t[3])), far: b(t[4]), spsr: h(t[5]),
      x: t.slice(6, 37).map(b), sp0: b(t[37]), sp1: b(t[38]), fpcr: h(t[39]), fpsr: h(t[40]), mem: new Map(),
    };
    if (t[41] === "F") r.v = new Map();
    for (const tok of t.slice(41)) {
      const v = /^([0-9a-f]{2})=([0-9a-f]{32})$/.exec(tok);
      if (v) r.v?.set(h(v[1]), v[2]);
      const m = /^([0-9a-f]{8})=([0-9a-f]{8})$/.exec(tok);
      if (m) r.mem.set(h(m[1]), h(m[2]));
    }
    results.set(r.index, r);
  }
  return { results, announced, finished, fault, raw, exitCode, reason };
}

export const QEMU64 = QEMU_SYSTEM_AARCH64;

export function haveQemu64(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => fs.existsSync(path.join(d, QEMU64))) || fs.existsSync(QEMU64);
}

/** Boot the image under qemu-system-aarch64 -M virt -cpu cortex-a57 with semihosting. */
export async function runQemu64(elf: Uint8Array, timeoutSec = 60): Promise<A64RunOutput> {
  const r = await runQemuRaw(elf, { binary: QEMU64, cpu: "cortex-a57", timeoutSec });
  return parseA64Output(r.raw, r.exitCode, r.reason);
}

/** Boot the image under armlet's virt board with a Cortex-A57. */
export async function runArmlet64(elf: Uint8Array, timeoutSec = 60, jit: JitMode = "off"): Promise<A64RunOutput> {
  const r = await runArmletRaw(elf, { cpu: "cortex-a57", timeoutSec, jit });
  return parseA64Output(r.raw, r.exitCode, r.reason);
}
