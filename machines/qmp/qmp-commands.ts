// The QMP commands armlet answers, as a table: each with its arguments (name, type, required)
// and a handler over VmControl. Argument checking gives QEMU's messages ("Parameter 'uri' is
// missing", "... is unexpected", "Invalid parameter type for 'uri', expected: string").
import type { VmControl } from "../monitor/vm-control.js";
import { ArmletError } from "../errors.js";
import { genericError } from "./qmp-errors.js";

type ArgType = "string" | "boolean" | "int" | "array";
interface QmpArg { name: string; type: ArgType; required?: boolean }

export interface QmpContext {
  ctl: VmControl;
  /** Run a human monitor command line and return what it printed (human-monitor-command). */
  hmp(line: string): Promise<string>;
}

export interface QmpCommand {
  name: string;
  args?: QmpArg[];
  run(ctx: QmpContext, args: Record<string, unknown>): unknown | Promise<unknown>;
}

export const QMP_VERSION = { qemu: { micro: 0, minor: 2, major: 7 }, package: "armlet 0.1.0" };

export const QMP_COMMANDS: readonly QmpCommand[] = [
  { name: "query-version", run: () => QMP_VERSION },
  { name: "query-commands", run: () => [...QMP_COMMANDS.map((c) => ({ name: c.name })), { name: "qmp_capabilities" }] },
  { name: "query-status", run: ({ ctl }) => ({ status: ctl.runState, singlestep: false, running: ctl.runState === "running" }) },
  {
    name: "query-cpus-fast",
    run: async ({ ctl }) => (await ctl.cpus()).map((c) => ({
      "cpu-index": c.cpu, "qom-path": `/machine/unattached/device[${c.cpu}]`, "thread-id": process.pid, target: "arm",
      props: { "core-id": c.cpu, "thread-id": 0, "socket-id": 0, "cluster-id": 0 },
    })),
  },
  { name: "stop", run: ({ ctl }) => { ctl.stop(); return {}; } },
  { name: "cont", run: ({ ctl }) => { ctl.cont(); return {}; } },
  { name: "system_reset", run: ({ ctl }) => { ctl.systemReset(); return {}; } },
  { name: "system_powerdown", run: ({ ctl }) => { ctl.systemPowerdown(); return {}; } },
  { name: "quit", run: ({ ctl }) => { ctl.quit("host-qmp-quit"); return {}; } },
  {
    name: "migrate",
    args: [{ name: "uri", type: "string", required: true }, { name: "blk", type: "boolean" }, { name: "inc", type: "boolean" },
      { name: "detach", type: "boolean" }, { name: "resume", type: "boolean" }],
    run: ({ ctl }, a) => {
      if (a.blk === true || a.inc === true) throw genericError("block migration is not supported: armlet references drives by path");
      if (a.resume === true) throw genericError("migrate resume is for postcopy, which armlet does not do");
      ctl.migrate(a.uri as string);
      return {};
    },
  },
  { name: "query-migrate", run: ({ ctl }) => ctl.queryMigrate() },
  {
    name: "human-monitor-command",
    args: [{ name: "command-line", type: "string", required: true }, { name: "cpu-index", type: "int" }],
    run: (ctx, a) => ctx.hmp(a["command-line"] as string),
  },
];

function typeOk(v: unknown, t: ArgType): boolean {
  switch (t) {
    case "string": return typeof v === "string";
    case "boolean": return typeof v === "boolean";
    case "int": return Number.isSafeInteger(v);
    case "array": return Array.isArray(v);
  }
}

/** Check `args` against the command's table row; throws QEMU's GenericError messages. */
export function checkArgs(c: QmpCommand, args: Record<string, unknown>): void {
  const decl = c.args ?? [];
  for (const k of Object.keys(args)) if (!decl.some((d) => d.name === k)) throw genericError(`Parameter '${k}' is unexpected`);
  for (const d of decl) {
    if (!(d.name in args)) { if (d.required) throw genericError(`Parameter '${d.name}' is missing`); continue; }
    if (!typeOk(args[d.name], d.type)) throw genericError(`Invalid parameter type for '${d.name}', expected: ${d.type === "int" ? "integer" : d.type}`);
  }
}

/** An armlet error as QMP reports it. */
export function asQmpError(e: unknown): Error {
  if (e instanceof ArmletError) return genericError(e.message);
  return e as Error;
}
