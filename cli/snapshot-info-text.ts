// `armlet snapshot info` for people: the machine, a table of sections, each vCPU (registers, the
// register list compactly: non-zero values in columns, zero ones as a list of names), the GIC,
// the disks and what was not saved. `--json` prints the SnapshotInfo object instead.
import type { SnapshotInfo, SectionKnown } from "../machines/snapshot/inspect.js";
import { cpsrSummary, hex32, type CpuInfo } from "../machines/snapshot/cpu/inspect.js";
import { attention, faint, heading } from "./format.js";

const WIDTH = 100;

const KNOWN_TEXT: Record<SectionKnown, string> = {
  ours: "ours",
  qemu: "QEMU's, mapped",
  unknown: "unknown: would be skipped",
};

function size(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KiB`;
  return `${n} bytes`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Words wrapped into lines of WIDTH starting with `indent`. */
function wrap(words: string[], indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length > indent.length && line.length + w.length + 1 > WIDTH) { lines.push(line.trimEnd()); line = indent; }
    line += `${w} `;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** `name value` cells in as many columns as fit. */
function columns(cells: [string, string][], indent: string, most = Infinity): string[] {
  if (!cells.length) return [];
  const nameW = Math.max(...cells.map(([n]) => n.length));
  const valueW = Math.max(...cells.map(([, v]) => v.length));
  const cellW = nameW + 1 + valueW + 3;
  const per = Math.max(1, Math.min(most, Math.floor((WIDTH - indent.length) / cellW)));
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += per) {
    lines.push(indent + cells.slice(i, i + per).map(([n, v]) => `${n.padEnd(nameW)} ${v.padEnd(valueW)}`).join("   ").trimEnd());
  }
  return lines;
}

function machineLines(info: SnapshotInfo): string[] {
  const m = info.machine;
  const board = m.board ? `armlet's ${m.board}` : attention("armlet has no machine of this type: it would refuse the snapshot");
  const out = [
    `${heading("snapshot")}  ${info.file}: QEMU 7.2 migration stream, ${info.size} bytes`,
    `${heading("machine")}   ${m.type} (${board}), ${plural(m.cpus, "CPU")}, target page size ${m.targetPageSize}`,
  ];
  for (const b of m.ram) {
    const skipped = b.armlet ? "" : attention(" (not in armlet's machine: would be skipped)");
    out.push(`          RAM ${b.name}: ${size(b.size)}, ${plural(b.dataPages, "page")} with data, ${b.zeroPages} zero${skipped}`);
  }
  const run: string[] = [];
  if (m.runState) run.push(`run state ${m.runState}`);
  if (m.guestTimeNs !== null) run.push(`guest time ${(m.guestTimeNs / 1e6).toFixed(3)} ms`);
  // armlet's own streams say how time ran (armlet-machine), which a resume must repeat; QEMU's do not.
  if (m.instructionsRetired !== null) {
    run.push(`${m.instructionsRetired} instructions`, m.icountShift === null ? "host time" : `--icount shift=${m.icountShift}`);
  }
  if (run.length) out.push(`          ${run.join(", ")}`);
  return out;
}

function sectionLines(info: SnapshotInfo): string[] {
  const rows = info.sections.map((s) => [s.idstr, String(s.instance), String(s.version), String(s.size), `0x${s.offset.toString(16)}`, s.armlet] as const);
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(["section", "inst", "ver", "bytes", "offset"][i].length, ...rows.map((r) => r[i].length)));
  const line = (c: readonly string[]) => `  ${c[0].padEnd(w[0])}  ${c[1].padStart(w[1])}  ${c[2].padStart(w[2])}  ${c[3].padStart(w[3])}  ${c[4].padEnd(w[4])}  ${c[5]}`;
  const unknown = info.sections.filter((s) => s.armlet === "unknown").length;
  return [
    `${heading("sections")}  ${info.sections.length}${unknown ? attention(`, ${unknown} armlet does not know (loading skips them; the guest sees those devices reset)`) : ""}`,
    faint(line(["section", "inst", "ver", "bytes", "offset", "armlet"])),
    ...rows.map((r) => {
      const text = KNOWN_TEXT[r[5]];
      return line([...r.slice(0, 5), r[5] === "unknown" ? attention(text) : text]);
    }),
  ];
}

function cpuLines(c: CpuInfo): string[] {
  const armlet = c.armletPower === null ? "no armlet-cpu section" : `armlet's state ${c.armletPower}`;
  const power = c.power === "on" ? "on" : attention(c.power);
  const out = [`${heading(`cpu ${c.index}`)}     ${power} (powered_off ${c.poweredOff ? 1 : 0}, ${armlet})${c.halted ? ", waiting for an interrupt" : ""}, ${c.mode} mode`];
  if (c.xregs) {
    out.push(...columns(Object.entries(c.xregs), "          ", 3));
    out.push(`          pstate ${hex32(c.cpsr)}: AArch64 ${c.mode}, ${cpsrSummary(c.cpsr, true)}`);
  } else {
    out.push(...columns(Object.entries(c.regs).map(([n, v]) => [n, hex32(v)]), "          ", 4));
    out.push(`          cpsr ${hex32(c.cpsr)}: ${c.mode}, ${cpsrSummary(c.cpsr)}`);
  }
  const nonZero = c.cpregs.filter((r) => !/^0x0+$/.test(r.value));
  const zero = c.cpregs.filter((r) => /^0x0+$/.test(r.value));
  out.push(`          ${plural(c.cpregs.length, "cp register")} (${zero.length} zero; --json lists every id and value):`);
  out.push(...columns(nonZero.map((r) => [r.name, r.value]), "            "));
  if (zero.length) out.push(...wrap(["zero:", ...zero.map((r, i) => (i < zero.length - 1 ? `${r.name},` : r.name))], "            "));
  return out;
}

function gicLines(info: SnapshotInfo): string[] {
  const g = info.gic;
  if (!g) return [`${heading("gic")}       no arm_gic section`];
  const list = (l: number[]) => (l.length ? l.join(" ") : "none");
  const ifaces = g.cpuInterfaces.map((c) => `${c.cpu} ${c.enabled ? "enabled" : "disabled"}`).join(", ");
  return [
    `${heading("gic")}       distributor ${g.enabled ? "enabled" : "disabled"} (GICD_CTLR ${hex32(g.ctlr)}); cpu interfaces: ${ifaces}`,
    `          ${plural(g.enabledIrqs, "interrupt")} enabled; pending (${g.pending.length}): ${list(g.pending)}; active (${g.active.length}): ${list(g.active)}`,
  ];
}

function diskLines(info: SnapshotInfo): string[] {
  if (!info.disks.length) return [`${heading("disks")}     none`];
  return info.disks.map((d, i) => {
    const how = [d.readonly ? "read-only" : "writable", d.snapshot ? `--snapshot overlay: ${plural(d.overlaySectors, "sector")} saved` : "no overlay"];
    return `${i ? "          " : `${heading("disks")}     `}${d.path || "(an image given by the program)"}: ${d.size} bytes, ${how.join(", ")} ${faint(`(${d.transport})`)}`;
  });
}

export function snapshotInfoText(info: SnapshotInfo): string {
  const blocks = [
    machineLines(info),
    sectionLines(info),
    ...info.cpus.map(cpuLines),
    gicLines(info),
    diskLines(info),
    [heading("not saved"), ...info.notSaved.map((s) => `  - ${s}`)],
  ];
  return `${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}
