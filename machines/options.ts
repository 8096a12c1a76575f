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
