// Character device backends (QEMU's -chardev): what a device frontend (a virtconsole port) writes
// to. `--chardev BACKEND,id=ID` in QEMU's syntax; the backends armlet has are a table.
import { usageError } from "../errors.js";
import { parseIdentifier, parseQemuOpts } from "../qemu-opts.js";
import { TestdevParser } from "./testdev.js";

export interface Chardev {
  readonly id: string;
  readonly backend: string;
  /** Bytes from the frontend (the guest's output). */
  write(bytes: Uint8Array): void;
}

export interface ChardevSpec { backend: string; id: string; text: string }

/** What backends may do to the machine. */
export interface ChardevHost {
  /** End the run with this exit status (testdev). */
  exit(status: number): void;
  /** The console (stdout). */
  consoleOut(bytes: Uint8Array): void;
  log(msg: string): void;
}

interface BackendDef {
  help: string;
  create(id: string, host: ChardevHost): (bytes: Uint8Array) => void;
}

export const CHARDEV_BACKENDS: Record<string, BackendDef> = {
  stdio: { help: "the console (output only: stdin stays with the serial port)", create: (_id, host) => (b) => host.consoleOut(b) },
  testdev: {
    help: "kvm-unit-tests' verdict: '<N>q' ends the run with exit status (N << 1) | 1",
    create: (id, host) => {
      const parser = new TestdevParser((status) => host.exit(status), (m) => host.log(`chardev ${id}: ${m}`));
      return (b) => parser.write(b);
    },
  },
  null: { help: "discards everything", create: () => () => {} },
};

/** Parse one --chardev value (errors: usage, exit 64). */
export function parseChardev(text: string): ChardevSpec {
  const o = parseQemuOpts("--chardev", text, "backend");
  const what = `--chardev '${text}'`;
  if (!o.head) throw usageError(`${what}: no backend given (${Object.keys(CHARDEV_BACKENDS).join(", ")})`);
  if (!Object.hasOwn(CHARDEV_BACKENDS, o.head)) {
    throw usageError(`${what}: '${o.head}' is not a chardev backend armlet has (${Object.keys(CHARDEV_BACKENDS).join(", ")})`);
  }
  for (const k of o.props.keys()) if (k !== "id") throw usageError(`${what}: invalid parameter '${k}' (${o.head} takes only id)`);
  const id = o.props.get("id");
  if (id === undefined) throw usageError(`${what}: no id specified`);
  return { backend: o.head, id: parseIdentifier(what, "id", id), text };
}

/** QEMU's `-chardev help` listing (kvm-unit-tests greps it for "testdev"). */
export function chardevHelp(): string {
  return `Available chardev backend types: \n${Object.keys(CHARDEV_BACKENDS).map((b) => `  ${b}`).join("\n")}\n`;
}

/** Create the backends; ids must be unique. */
export function createChardevs(specs: readonly ChardevSpec[], host: ChardevHost): Map<string, Chardev> {
  const out = new Map<string, Chardev>();
  for (const s of specs) {
    if (out.has(s.id)) throw usageError(`--chardev '${s.text}': duplicate ID '${s.id}' for chardev`);
    out.set(s.id, { id: s.id, backend: s.backend, write: CHARDEV_BACKENDS[s.backend].create(s.id, host) });
  }
  return out;
}
