// The human monitor's commands (QEMU's HMP) over VmControl: one table row per command with its
// QEMU name, aliases, argument and help line; output and error messages in QEMU's words.
import type { VmControl } from "./vm-control.js";

interface HmpCommand {
  /** Name and aliases as QEMU's help shows them ("cont|c"). */
  names: string;
  /** Argument shown in the help ("tag", "[subcommand]"); without one, more text on the line is an error. */
  params?: string;
  /** The argument must be there (QEMU's "NAME: string expected" otherwise). */
  required?: boolean;
  help: string;
  /** `arg`: the rest of the line, unquoted (QEMU's string argument). */
  run(ctl: VmControl, arg: string, out: (s: string) => void): void | Promise<void>;
}

interface InfoCommand { name: string; help: string; run(ctl: VmControl, out: (s: string) => void): void | Promise<void> }

const kb = (n: number) => Math.round(n / 1024);

const INFO: readonly InfoCommand[] = [
  {
    name: "status", help: "show the current VM status (running|paused)",
    // QEMU: "running", "paused", or "paused (STATE)" for the other stopped states.
    run: (ctl, out) => {
      const s = ctl.runState;
      out(`VM status: ${s === "running" || s === "paused" ? s : `paused (${s})`}\n`);
    },
  },
  {
    name: "cpus", help: "show infos for each CPU",
    run: async (ctl, out) => {
      for (const c of await ctl.cpus()) {
        const state = c.power === "off" ? " (powered off)" : c.power === "pending" ? " (starting)" : c.halted ? " (halted)" : "";
        out(`${c.cpu === 0 ? "*" : " "} CPU #${c.cpu}: pc=0x${c.pc.toString(16).padStart(8, "0")} mode=${c.mode}${state} thread_id=${process.pid}\n`);
      }
    },
  },
  {
    name: "migrate", help: "show migration status",
    run: (ctl, out) => {
      const m = ctl.queryMigrate();
      if (!m.status) return;
      out(`Migration status: ${m.status}${m["error-desc"] ? ` (${m["error-desc"]})` : ""}\n`);
      if (m["total-time"] !== undefined) out(`total time: ${m["total-time"]} ms\n`);
      if (m.downtime !== undefined) out(`downtime: ${m.downtime} ms\n`);
      if (m.ram) {
        out(`transferred ram: ${kb(m.ram.transferred)} kbytes\nremaining ram: ${kb(m.ram.remaining)} kbytes\ntotal ram: ${kb(m.ram.total)} kbytes\n`);
        out(`duplicate: ${m.ram.duplicate} pages\nnormal: ${m.ram.normal} pages\nnormal bytes: ${kb(m.ram["normal-bytes"])} kbytes\n`);
      }
    },
  },
];

/** A migration started from HMP waits for its end, as QEMU's `migrate` without -d does. */
async function migrate(ctl: VmControl, arg: string, out: (s: string) => void): Promise<void> {
  let detach = false;
  let rest = arg.trim();
  for (;;) {
    const m = /^(-[dbir])(?:\s+|$)(.*)$/.exec(rest);
    if (!m) break;
    if (m[1] === "-d") detach = true;
    else { out(`Error: migrate ${m[1]}: block migration and resume are not supported by armlet\n`); return; }
    rest = m[2];
  }
  const uri = unquote(rest);
  if (!uri) { out(usage("migrate", "string expected")); return; }
  ctl.migrate(uri);
  if (detach) return;
  for (;;) {
    const s = ctl.queryMigrate();
    if (s.status === "completed") return;
    if (s.status === "failed") { out(`Error: ${s["error-desc"]}\n`); return; }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const HMP_COMMANDS: readonly HmpCommand[] = [
  { names: "cont|c", help: "resume emulation", run: (ctl) => ctl.cont() },
  { names: "stop|s", help: "stop emulation", run: (ctl) => ctl.stop() },
  {
    names: "savevm", params: "file", help: "save the machine to a snapshot file (armlet: a file, not a disk tag)",
    run: async (ctl, arg, out) => { if (!arg) out("Error: savevm: a file name is needed\n"); else await ctl.savevm(arg); },
  },
  {
    names: "loadvm", params: "file", required: true, help: "restore the machine from a snapshot file",
    run: async (ctl, arg, out) => {
      const report = await ctl.loadvm(arg);
      for (const d of report.decisions) out(`${d}\n`);
    },
  },
  { names: "migrate", params: "[-d] uri", required: true, help: "migrate to URI (using -d to not wait for completion)", run: migrate },
  {
    names: "info", params: "[subcommand]", help: "show various information about the system state",
    run: async (ctl, arg, out) => {
      const name = arg.trim();
      const sub = INFO.find((i) => i.name === name);
      if (sub) return sub.run(ctl, out);
      if (name) { out(`unknown command: 'info ${name}'\n`); return; }
      for (const i of INFO) out(`info ${i.name}  -- ${i.help}\n`);
    },
  },
  { names: "system_reset", help: "reset the system", run: (ctl) => ctl.systemReset() },
  { names: "system_powerdown", help: "send system power down event", run: (ctl) => ctl.systemPowerdown() },
  { names: "quit|q", help: "quit the emulator", run: (ctl) => ctl.quit("host-qmp-quit") },
  {
    names: "help|?", params: "[cmd]", help: "show the help",
    run: (_ctl, arg, out) => {
      for (const c of HMP_COMMANDS) if (!arg || c.names.split("|").includes(arg)) out(`${c.names}${c.params ? ` ${c.params}` : " "} -- ${c.help}\n`);
    },
  },
];

/** QEMU's message for a bad argument, with its pointer to the help. */
const usage = (cmd: string, what: string, typed = cmd) => `${cmd}: ${what}\nTry "help ${typed}" for more information\n`;

/** QEMU's string argument: the rest of the line, or one "quoted" or 'quoted' string. */
function unquote(s: string): string {
  const t = s.trim();
  const q = t[0];
  if ((q === '"' || q === "'") && t.length >= 2 && t.endsWith(q)) return t.slice(1, -1).replace(/\\(.)/g, "$1");
  return t;
}

/** The monitor's text as QEMU sends it (monitor_puts): every "\n" becomes "\r\n", on a socket, on stdio and through QMP's human-monitor-command. */
export const monitorText = (s: string): string => s.replace(/\r?\n/g, "\r\n");

/** Run one command line; everything it prints goes to `out` (QEMU's messages, "Error: ..."). */
export async function runHmpLine(ctl: VmControl, line: string, out: (s: string) => void): Promise<void> {
  const t = line.trim();
  if (!t) return;
  const sp = t.search(/\s/);
  const name = sp < 0 ? t : t.slice(0, sp);
  const rest = sp < 0 ? "" : t.slice(sp + 1).trim();
  const cmd = HMP_COMMANDS.find((c) => c.names.split("|").includes(name));
  if (!cmd) { out(`unknown command: '${name}'\n`); return; }
  // QEMU's argument checks, in its words, with its pointer to the help.
  if (!cmd.params && rest) { out(usage(cmd.names, "extraneous characters at the end of line", name)); return; }
  if (cmd.required && !rest) { out(usage(cmd.names, "string expected", name)); return; }
  try {
    await cmd.run(ctl, cmd.names.startsWith("migrate") || cmd.names.startsWith("info") ? rest : unquote(rest), out);
  } catch (e) {
    out(`Error: ${(e as Error).message.replace(/\n/g, "\n  ")}\n`);
  }
}
