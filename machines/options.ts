// Parsing of option values shared by the CLI and the in-process runner.
import { usageError } from "./errors.js";
import type { BoardInfo } from "./boards/virt.js";

/** QEMU's -m forms: a plain number is MiB; suffixes K, M, G, T (case-insensitive, optional B / iB). */
export function parseMemorySize(text: string | number): number {
  if (typeof text === "number") return text * 2 ** 20;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) throw usageError(`invalid memory size '${text}' (use e.g. 256, 256M, 1G)`);
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const mult = unit === "k" ? 2 ** 10 : unit === "g" ? 2 ** 30 : unit === "t" ? 2 ** 40 : 2 ** 20;
  const bytes = Math.round(n * mult);
  if (bytes < 2 ** 20) throw usageError(`memory size '${text}' is below the 1 MiB minimum`);
  if (bytes % 4096 !== 0) throw usageError(`memory size '${text}' is not a multiple of 4 KiB`);
  return bytes;
}

/** RAM size and CPU count for a board (-m, --smp), checked against its limits. */
export function machineSize(board: BoardInfo, memory: string | number | undefined, smp: number | undefined, hasGic: boolean): { ramBytes: number; numCpus: number } {
  const ramBytes = memory === undefined ? board.defaultRamBytes : parseMemorySize(memory);
  if (ramBytes > board.maxRamBytes) {
    throw usageError(`memory size ${ramBytes / 2 ** 20} MiB exceeds the ${board.maxRamBytes / 2 ** 20} MiB ${board.maxRamWhy ?? `armlet supports for ${board.name}`}`);
  }
  const maxCpus = board.maxCpus ?? (hasGic ? 4 : 1);
  const numCpus = smp ?? 1;
  if (!Number.isInteger(numCpus) || numCpus < 1 || numCpus > maxCpus) {
    throw usageError(`invalid CPU count ${smp} for machine ${board.name} (1..${maxCpus})`);
  }
  return { ramBytes, numCpus };
}

/** --smp: a number of CPUs, 1 or more (the board's maximum is checked by machineSize). */
export function parseSmp(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const smp = Number(text);
  if (!Number.isInteger(smp) || smp < 1) throw usageError(`invalid --smp '${text}' (a number of CPUs, 1 or more)`);
  return smp;
}

export function parseSeconds(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`invalid timeout '${text}' (seconds, > 0)`);
  return n;
}

/** One --drive: QEMU's `file=IMG,format=raw[,readonly=on][,if=virtio]`. */
export interface DriveSpec { file: string; format: "raw"; readonly: boolean; if: "virtio" }

const ON = new Set(["on", "yes", "true"]), OFF = new Set(["off", "no", "false"]);

/** Parse a --drive value (bad syntax or an unsupported format/interface: usage error, exit 64). */
export function parseDrive(text: string): DriveSpec {
  const opts = new Map<string, string>();
  for (const part of text.split(",")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw usageError(`--drive '${text}': expected key=value, got '${part}'`);
    const k = part.slice(0, eq), v = part.slice(eq + 1);
    if (opts.has(k)) throw usageError(`--drive '${text}': '${k}' given twice`);
    opts.set(k, v);
  }
  const file = opts.get("file");
  if (!file) throw usageError(`--drive '${text}': file=IMG is required`);
  const format = opts.get("format") ?? "raw";
  if (format !== "raw") throw usageError(`--drive '${text}': format '${format}' is not supported (only raw)`);
  const iface = opts.get("if") ?? "virtio";
  if (iface !== "virtio") throw usageError(`--drive '${text}': interface '${iface}' is not supported (only virtio)`);
  const ro = (opts.get("readonly") ?? "off").toLowerCase();
  if (!ON.has(ro) && !OFF.has(ro)) throw usageError(`--drive '${text}': readonly must be on or off`);
  for (const k of opts.keys()) {
    if (!["file", "format", "if", "readonly"].includes(k)) throw usageError(`--drive '${text}': unknown option '${k}'`);
  }
  return { file, format: "raw", readonly: ON.has(ro), if: "virtio" };
}

/** --icount, QEMU's syntax: `N` or `shift=N[,sleep=on|off][,align=off][,rr=record|replay,rrfile=FILE]`. */
export interface IcountSpec {
  /** 2^shift ns of guest time per instruction. */
  shift: number;
  /** Guest time follows host time while every CPU sleeps (default on, as QEMU). */
  sleep: boolean;
  rr?: { mode: "record" | "replay"; file: string };
}

export function parseIcount(text: string): IcountSpec {
  const bad = (why: string) => usageError(`--icount '${text}': ${why}`);
  const opts = new Map<string, string>();
  for (const [i, part] of text.split(",").entries()) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    // The first item may be the shift alone (QEMU's implied key).
    const [k, v] = eq < 0 ? (i === 0 ? ["shift", part] : [part, ""]) : [part.slice(0, eq), part.slice(eq + 1)];
    if (opts.has(k)) throw bad(`'${k}' given twice`);
    opts.set(k, v);
  }
  for (const k of opts.keys()) {
    if (!["shift", "sleep", "align", "rr", "rrfile"].includes(k)) throw bad(`unknown option '${k}' (shift, sleep, align, rr, rrfile)`);
  }
  const shiftText = opts.get("shift");
  if (shiftText === undefined) throw bad("shift=N is required");
  if (shiftText === "auto") throw bad("adaptive icount (shift=auto) is not supported: give shift=0..10");
  const shift = Number(shiftText);
  if (!/^\d+$/.test(shiftText) || shift > 10) throw bad(`invalid shift '${shiftText}' (0..10: 2^shift ns per instruction)`);
  const onOff = (k: string, dflt: boolean): boolean => {
    const v = opts.get(k);
    if (v === undefined) return dflt;
    if (ON.has(v)) return true;
    if (OFF.has(v)) return false;
    throw bad(`${k} must be on or off`);
  };
  const sleep = onOff("sleep", true);
  if (onOff("align", false)) throw bad("align=on is not supported");
  const rr = opts.get("rr"), file = opts.get("rrfile");
  if (rr === undefined && file !== undefined) throw bad("rrfile= needs rr=record or rr=replay");
  if (rr === undefined) return { shift, sleep };
  if (rr !== "record" && rr !== "replay") throw bad(`rr must be record or replay, not '${rr}'`);
  if (!file) throw bad(`rr=${rr} needs rrfile=FILE`);
  return { shift, sleep, rr: { mode: rr, file } };
}

/** --jit, --jit-threshold and --jit-cache, checked. */
export interface JitSpec { on?: boolean; threshold?: number; cacheBytes?: number }

/** Unset values stay undefined: the machine's defaults apply (on, env ARMLET_JIT=off turns it off). */
export function parseJit(on: string | undefined, threshold: string | undefined, cache: string | undefined): JitSpec {
  let enabled: boolean | undefined;
  if (on !== undefined) {
    if (ON.has(on)) enabled = true;
    else if (OFF.has(on)) enabled = false;
    else throw usageError(`invalid --jit '${on}' (on or off)`);
  }
  let n: number | undefined;
  if (threshold !== undefined) {
    n = Number(threshold);
    if (!Number.isInteger(n) || n < 1 || n > 1e9) throw usageError(`invalid --jit-threshold '${threshold}' (block starts before translating: an integer from 1)`);
  }
  let bytes: number | undefined;
  if (cache !== undefined) {
    const m = /^(\d+)([KMG]?)$/i.exec(cache);
    const unit = m ? ({ "": 2 ** 20, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 } as Record<string, number>)[m[2].toUpperCase()] : 0;
    bytes = m ? Number(m[1]) * unit : NaN;
    if (!(bytes >= 2 ** 20 && bytes <= 2 ** 31)) throw usageError(`invalid --jit-cache '${cache}' (code-cache size from 1M to 2G, e.g. 256M)`);
  }
  return { on: enabled, threshold: n, cacheBytes: bytes };
}
