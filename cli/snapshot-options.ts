// `armlet run`'s options for snapshots and the ways to reach a running machine (issue 9): a
// table feeding commander, and the parsing of their values into a plan. QEMU's spellings where
// QEMU has the option (-incoming, -monitor, -qmp, -S); armlet's own for what QEMU lacks.
import { Option, type Command } from "commander";
import { usageError } from "../machines/errors.js";
import { parseMigrationUri, type MigrationTarget } from "../machines/monitor/migration-uri.js";
import { parseSocketSpec, type SocketSpec } from "../machines/qmp/socket-spec.js";

const collect = (v: string, acc: string[] = []) => [...acc, v];

export const SNAPSHOT_OPTIONS: readonly { flags: string; help: string; repeat?: boolean }[] = [
  { flags: "--savevm-on-output <regex=file>", repeat: true,
    help: "save the machine to FILE at the next step boundary once a console line matches REGEX (a complete line, or at a step boundary the line being printed, such as a prompt; repeatable, each saves once)" },
  { flags: "--savevm-then <exit|continue>", help: "after the last --savevm-on-output save: exit (code 0, the default: boot once in CI) or keep running" },
  { flags: "--loadvm <file>", help: "resume the machine saved in FILE (the command line must describe the same machine; --kernel, --initrd, --append may be left out)" },
  { flags: "--incoming <uri>", help: "QEMU's -incoming: resume from file:PATH or \"exec:COMMAND\" (the stream on the command's stdout, e.g. \"exec:cat FILE\")" },
  { flags: "--cpreg-policy <policy>", help: "loading: registers in the stream this CPU lacks are skipped and reported (default) or refused (strict)" },
  { flags: "--kvm-counter-hz <hz>", help: "loading a stream saved under KVM: the host's counter frequency its counter values are in" },
  { flags: "--monitor <dev>", help: "QEMU's human monitor: stdio (shares the console: Ctrl-A c switches), unix:PATH,server[,wait=off], tcp:HOST:PORT,server[,wait=off], or none" },
  { flags: "--qmp <dev>", help: "QMP (QEMU's JSON machine protocol) on unix:PATH,server[,wait=off] or tcp:HOST:PORT,server[,wait=off]" },
  { flags: "-S", help: "QEMU's -S: do not start the CPUs (cont in the monitor or QMP starts them)" },
];

export function addSnapshotOptions(cmd: Command): Command {
  for (const o of SNAPSHOT_OPTIONS) {
    const opt = new Option(o.flags, o.help);
    cmd.addOption(o.repeat ? opt.argParser(collect) : opt);
  }
  return cmd;
}

export interface SnapshotFlags {
  savevmOnOutput?: string[];
  savevmThen?: string;
  loadvm?: string;
  incoming?: string;
  cpregPolicy?: string;
  kvmCounterHz?: string;
  monitor?: string;
  qmp?: string;
  S?: boolean;
}

export interface SaveTrigger { regex: RegExp; source: string; file: string }

export interface SnapshotPlan {
  triggers: SaveTrigger[];
  /** After the last trigger saved: end the run or go on. */
  then: "exit" | "continue";
  /** Where the machine resumes from (none: a fresh boot). */
  resume?: { kind: "loadvm"; file: string } | { kind: "incoming"; uri: string; target: MigrationTarget };
  /** The CPU sections' names: "lenient" is the CLI's "default". */
  cpregPolicy?: "lenient" | "strict";
  kvmCounterHz?: number;
  monitor?: "stdio" | SocketSpec;
  qmp?: SocketSpec;
  startPaused: boolean;
}

/** REGEX=FILE, split at the last '=' (a pattern may contain '='; a file name rarely does). */
function parseTrigger(v: string): SaveTrigger {
  const eq = v.lastIndexOf("=");
  if (eq <= 0 || eq === v.length - 1) throw usageError(`--savevm-on-output '${v}': expected REGEX=FILE`);
  const source = v.slice(0, eq), file = v.slice(eq + 1);
  try {
    return { regex: new RegExp(source), source, file };
  } catch (e) {
    throw usageError(`--savevm-on-output '${v}': invalid regular expression: ${(e as Error).message}`);
  }
}

export function parseSnapshotFlags(f: SnapshotFlags): SnapshotPlan {
  const triggers = (f.savevmOnOutput ?? []).map(parseTrigger);
  const files = new Set<string>();
  for (const t of triggers) {
    if (files.has(t.file)) throw usageError(`--savevm-on-output: ${t.file} is named twice (each pattern saves to a file of its own)`);
    files.add(t.file);
  }
  const then = f.savevmThen ?? "exit";
  if (then !== "exit" && then !== "continue") throw usageError(`--savevm-then '${then}': expected exit or continue`);
  if (f.savevmThen !== undefined && triggers.length === 0) throw usageError("--savevm-then needs --savevm-on-output");
  if (f.loadvm !== undefined && f.incoming !== undefined) throw usageError("--loadvm and --incoming both resume a machine: give one");
  const resume = f.loadvm !== undefined ? { kind: "loadvm" as const, file: f.loadvm }
    : f.incoming !== undefined ? { kind: "incoming" as const, uri: f.incoming, target: parseMigrationUri(f.incoming, "incoming") } : undefined;
  const policy = f.cpregPolicy;
  if (policy !== undefined && !["default", "lenient", "strict"].includes(policy)) throw usageError(`--cpreg-policy '${policy}': expected default or strict`);
  let kvmCounterHz: number | undefined;
  if (f.kvmCounterHz !== undefined) {
    kvmCounterHz = /^\d+$/.test(f.kvmCounterHz) ? Number(f.kvmCounterHz) : NaN;
    if (!Number.isSafeInteger(kvmCounterHz) || kvmCounterHz <= 0) throw usageError(`--kvm-counter-hz '${f.kvmCounterHz}': expected a frequency in Hz, such as 24000000`);
  }
  let monitor: SnapshotPlan["monitor"];
  if (f.monitor !== undefined && f.monitor !== "none") monitor = f.monitor === "stdio" ? "stdio" : parseSocketSpec("--monitor", f.monitor);
  const qmp = f.qmp !== undefined ? parseSocketSpec("--qmp", f.qmp) : undefined;
  const startPaused = f.S === true;
  if (startPaused && !monitor && !qmp) throw usageError("-S stops the CPUs until `cont`: it needs --monitor or --qmp to send it");
  return { triggers, then, resume, cpregPolicy: policy === undefined ? undefined : policy === "strict" ? "strict" : "lenient", kvmCounterHz, monitor, qmp, startPaused };
}

/**
 * The plan's MachineOptions for the loader (the CPU sections read cpregPolicy and kvmCounterHz),
 * spread into the options so this file does not depend on where the CPU sections declare them.
 */
export function loaderOptions(plan: SnapshotPlan): { incoming: boolean; cpregPolicy?: "lenient" | "strict"; kvmCounterHz?: number } {
  return {
    incoming: plan.resume !== undefined,
    ...(plan.cpregPolicy ? { cpregPolicy: plan.cpregPolicy } : {}),
    ...(plan.kvmCounterHz ? { kvmCounterHz: plan.kvmCounterHz } : {}),
  };
}
