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

/**
 * -smp as QEMU 7.2 resolves it for virt (hw/core/machine-smp.c): CPUs present at start, the
 * most CPUs the machine could have, and the topology the device tree's cpu-map describes.
 */
export interface SmpTopology {
  cpus: number;
  maxcpus: number;
  sockets: number;
  clusters: number;
  cores: number;
  threads: number;
}

/** RAM size and CPU count for a board (-m, --smp), checked against its limits. */
export function machineSize(
  board: BoardInfo, memory: string | number | undefined, smp: number | SmpTopology | undefined, hasGic: boolean,
): { ramBytes: number; numCpus: number; topology: SmpTopology } {
  const ramBytes = memory === undefined ? board.defaultRamBytes : parseMemorySize(memory);
  if (ramBytes > board.maxRamBytes) {
    throw usageError(`memory size ${ramBytes / 2 ** 20} MiB exceeds the ${board.maxRamBytes / 2 ** 20} MiB ${board.maxRamWhy ?? `armlet supports for ${board.name}`}`);
  }
  const maxCpus = board.maxCpus ?? (hasGic ? 4 : 1);
  const topology = typeof smp === "object" ? smp : flatTopology(smp ?? 1);
  const numCpus = topology.cpus;
  if (topology.clusters > 1 && !board.smpClusters) throw usageError(`-smp clusters=${topology.clusters}: clusters are not supported by ${board.name}'s CPU topology (as QEMU's)`);
  if (!Number.isInteger(numCpus) || numCpus < 1 || numCpus > maxCpus) {
    throw usageError(`invalid CPU count ${numCpus} for machine ${board.name} (1..${maxCpus}${board.maxCpusWhy ? `: ${board.maxCpusWhy}` : ""})`);
  }
  if (topology.maxcpus > maxCpus) {
    throw usageError(`-smp maxcpus=${topology.maxcpus} exceeds the ${maxCpus} CPUs machine ${board.name} supports${board.maxCpusWhy ? ` (${board.maxCpusWhy})` : ""}`);
  }
  return { ramBytes, numCpus, topology };
}

/** N CPUs, one socket, one cluster, a core each. */
export function flatTopology(n: number): SmpTopology {
  return { cpus: n, maxcpus: n, sockets: 1, clusters: 1, cores: n, threads: 1 };
}

const SMP_KEYS = ["cpus", "maxcpus", "sockets", "dies", "clusters", "cores", "threads"] as const;

/**
 * --smp, QEMU's syntax: `N` or `[cpus=]N[,maxcpus=M][,sockets=S][,clusters=C][,cores=K][,threads=T]`
 * (dies=1 only: virt has no dies). Missing values are computed as QEMU 7.2 does (cores are
 * preferred over sockets); the board's maximum is checked by machineSize.
 */
export function parseSmp(text: string | undefined): SmpTopology | undefined {
  if (text === undefined) return undefined;
  const bad = (why: string) => usageError(`invalid --smp '${text}': ${why}`);
  const given = new Map<string, number>();
  text.split(",").forEach((part, i) => {
    if (part === "" && i > 0) return;
    const eq = part.indexOf("=");
    const [k, v] = eq < 0 ? (i === 0 ? ["cpus", part] : [part, ""]) : [part.slice(0, eq), part.slice(eq + 1)];
    if (!(SMP_KEYS as readonly string[]).includes(k)) throw bad(`unknown parameter '${k}' (QEMU's: ${SMP_KEYS.join(", ")})`);
    if (given.has(k)) throw bad(`'${k}' given twice`);
    if (!/^\d+$/.test(v)) throw bad(`${k} expects a number, got '${v}'`);
    const n = Number(v);
    if (n < 1) throw bad(`${k} must be 1 or more`);
    given.set(k, n);
  });
  if ((given.get("dies") ?? 1) > 1) throw bad("dies are not supported by this machine's CPU topology (as QEMU's virt)");
  const clusters = given.get("clusters") ?? 1;
  let sockets = given.get("sockets") ?? 0, cores = given.get("cores") ?? 0, threads = given.get("threads") ?? 0;
  let cpus = given.get("cpus") ?? 0, maxcpus = given.get("maxcpus") ?? 0;
  if (cpus === 0 && maxcpus === 0) {
    sockets ||= 1; cores ||= 1; threads ||= 1;
  } else {
    maxcpus ||= cpus;
    if (cores === 0) {
      sockets ||= 1; threads ||= 1;
      cores = Math.floor(maxcpus / (sockets * clusters * threads));
    } else if (sockets === 0) {
      threads ||= 1;
      sockets = Math.floor(maxcpus / (clusters * cores * threads));
    }
    if (threads === 0) threads = Math.floor(maxcpus / (sockets * clusters * cores));
  }
  maxcpus ||= sockets * clusters * cores * threads;
  cpus ||= maxcpus;
  const shape = `sockets (${sockets}) * clusters (${clusters}) * cores (${cores}) * threads (${threads})`;
  if (sockets * clusters * cores * threads !== maxcpus) throw bad(`the product of the hierarchy must match maxcpus: ${shape} != maxcpus (${maxcpus})`);
  if (maxcpus < cpus) throw bad(`maxcpus must be equal to or greater than the CPU count: ${shape} == maxcpus (${maxcpus}) < cpus (${cpus})`);
  return { cpus, maxcpus, sockets, clusters, cores, threads };
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
