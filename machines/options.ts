// Parsing of option values shared by the CLI and the in-process runner.
import { usageError } from "./errors.js";

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
