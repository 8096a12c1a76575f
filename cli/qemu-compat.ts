// QEMU options `armlet run` accepts where armlet already behaves as they ask, so QEMU command
// lines run unchanged (kvm-unit-tests passes `-nodefaults -display none -serial stdio -accel
// tcg`; qemu-single-dash.ts reads QEMU's one-dash spelling). Any other value is a usage error.
import { Option, type Command } from "commander";
import { usageError } from "../machines/errors.js";

interface CompatOption {
  /** commander flags. */
  flags: string;
  /** Key in the parsed options. */
  key: "nodefaults" | "display" | "serial" | "accel";
  /** The values accepted (absent: a flag). */
  values?: readonly string[];
  /** Why armlet already behaves as they ask. */
  why: string;
}

export const QEMU_COMPAT_OPTIONS: readonly CompatOption[] = [
  { flags: "--nodefaults", key: "nodefaults", why: "armlet adds no default NIC, monitor or display" },
  { flags: "--display <type>", key: "display", values: ["none"], why: "armlet has no display" },
  { flags: "--serial <dev>", key: "serial", values: ["stdio"], why: "the console UART is always on stdin/stdout" },
  { flags: "--accel <type>", key: "accel", values: ["tcg", "tcg,thread=single"], why: "armlet interprets the guest, one CPU after another" },
];

const quoted = (values: readonly string[]) => values.map((x) => `'${x}'`).join(" or ");

export type QemuCompatFlags = { nodefaults?: boolean; display?: string; serial?: string[]; accel?: string };

const collect = (v: string, acc: string[] = []) => [...acc, v];

/** Add the options to `armlet run`. */
export function addQemuCompatOptions(cmd: Command): Command {
  for (const o of QEMU_COMPAT_OPTIONS) {
    const help = o.values ? `QEMU's, only ${quoted(o.values)}: ${o.why}` : `QEMU's, accepted: ${o.why}`;
    const opt = new Option(o.flags, help);
    cmd.addOption(o.key === "serial" ? opt.argParser(collect) : opt);
  }
  return cmd;
}

/** Refuse the values armlet does not implement. */
export function checkQemuCompat(flags: QemuCompatFlags): void {
  const serial = flags.serial ?? [];
  if (serial.length > 1) throw usageError(`--serial given ${serial.length} times: armlet has one console, on stdio (--serial stdio)`);
  for (const o of QEMU_COMPAT_OPTIONS) {
    const v = o.key === "serial" ? serial[0] : flags[o.key];
    if (typeof v !== "string" || !o.values || o.values.includes(v)) continue;
    throw usageError(`${o.flags.split(" ")[0]} '${v}' is not supported (only ${quoted(o.values)}: ${o.why})`);
  }
}
