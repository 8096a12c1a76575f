// What a snapshot holds, read without a machine (`armlet snapshot info`): the whole stream is
// parsed and validated as loading would (every footer, every section against the stream's JSON,
// and against armlet's declaration where armlet has one, from catalogue.ts), then summarised:
// the machine, every section and whether armlet knows it, each vCPU, the GIC, the disks, and
// what a snapshot never carries. The result is plain data: `--json` prints it as it is.
import { BOARD_DEFS } from "../boards/index.js";
import { GIC_MAXIRQ, GIC_NCPU, GIC_NR_SGIS } from "../gic/gic-state.js";
import { knownSection, type SectionOrigin } from "./catalogue.js";
import { cpuInfo, type CpuInfo } from "./cpu/inspect.js";
import { runStateOf } from "./machine-sections.js";
import { RAM_SECTION } from "./ram.js";
import { readStream, type ParsedSection } from "./stream.js";

export type SectionKnown = SectionOrigin | "unknown";

export interface SectionInfo {
  idstr: string;
  instance: number;
  version: number;
  /** Where the payload starts in the file, and its length (header and footer not counted). */
  offset: number;
  size: number;
  armlet: SectionKnown;
}

export interface RamBlockInfo {
  name: string;
  size: number;
  /** Pages sent with their contents, and pages sent as one fill byte. */
  dataPages: number;
  zeroPages: number;
  /** Whether the machine of this type has the block (false: loading skips it). */
  armlet: boolean;
}

export interface GicInfo {
  /** GICD_CTLR: the distributor forwards some group. */
  enabled: boolean;
  ctlr: number;
  cpuInterfaces: { cpu: number; ctlr: number; enabled: boolean }[];
  /** Interrupts enabled at the distributor. */
  enabledIrqs: number;
  /** Interrupt numbers pending (an SGI counts when any source CPU has it pending) or active. */
  pending: number[];
  active: number[];
}

export interface DiskInfo {
  /** The virtio-mmio transport the disk is on (QEMU's path). */
  transport: string;
  path: string;
  size: number;
  readonly: boolean;
  /** Taken under --snapshot: the overlay's written sectors are in the stream. */
  snapshot: boolean;
  overlaySectors: number;
}

/** The layout of SnapshotInfo: raised when a field changes meaning or goes away (additions keep it). */
export const SNAPSHOT_INFO_LAYOUT = 1;

export interface SnapshotInfo {
  layout: typeof SNAPSHOT_INFO_LAYOUT;
  file: string;
  size: number;
  machine: {
    type: string;
    /** armlet's board of that type, null when armlet has none (it would refuse the stream). */
    board: string | null;
    targetPageSize: number;
    cpus: number;
    ram: RamBlockInfo[];
    /** QEMU's run state when saved ("running", "paused"). */
    runState: string | null;
    /** Guest time (QEMU_CLOCK_VIRTUAL, ns) when saved. */
    guestTimeNs: number | null;
    /** --icount shift (2^shift ns per instruction) the run used, null for host time; armlet streams only. */
    icountShift: number | null;
    instructionsRetired: number | null;
  };
  sections: SectionInfo[];
  cpus: CpuInfo[];
  gic: GicInfo | null;
  disks: DiskInfo[];
  /** What a resumed run will not find as it was. */
  notSaved: string[];
}

/** Parse and validate `bytes` and describe them; throws StreamError/ArmletError as loading does. */
export function inspectSnapshot(file: string, bytes: Uint8Array): SnapshotInfo {
  const parsed = readStream(bytes, (idstr, _inst, _version, desc) => {
    const k = knownSection(idstr);
    return k?.decl ? { decl: k.decl, state: k.staging?.(desc) ?? {} } : undefined;
  });
  const def = Object.entries(BOARD_DEFS).find(([, d]) => d.migration?.machineType === parsed.machineType);
  const names = def?.[1].migration;
  const boardRam = new Set([names?.ramBlock, names?.flash0Block, ...(names?.otherRamBlocks ?? [])].filter(Boolean));
  const valuesOf = (s: ParsedSection) => s.state ?? s.values ?? {};
  const find = (idstr: string | RegExp, inst?: number) => parsed.sections.filter((s) =>
    (typeof idstr === "string" ? s.idstr === idstr : idstr.test(s.idstr)) && (inst === undefined || s.instanceId === inst));
  const one = (idstr: string, inst = 0) => { const s = find(idstr, inst)[0]; return s ? valuesOf(s) : undefined; };

  const sections: SectionInfo[] = [];
  if (parsed.ramSection) {
    sections.push({ idstr: RAM_SECTION.idstr, instance: RAM_SECTION.instanceId, version: parsed.ramSection.version,
      offset: parsed.ramSection.offset, size: parsed.ramSection.bytes, armlet: "qemu" });
  }
  for (const s of parsed.sections) {
    sections.push({ idstr: s.idstr, instance: s.instanceId, version: s.version, offset: s.offset, size: s.end - s.offset,
      armlet: knownSection(s.idstr)?.origin ?? "unknown" });
  }

  const ram: RamBlockInfo[] = parsed.ram.blocks.map((b) => {
    const pages = parsed.ram.pages.filter((p) => p.block === b.name);
    const data = pages.filter((p) => p.src >= 0).length;
    return { name: b.name, size: b.length, dataPages: data, zeroPages: pages.length - data, armlet: boardRam.has(b.name) };
  });

  const machine = one("armlet-machine");
  const pendingOn = new Set<number>((machine?.cpu_on ?? []).slice(0, Number(machine?.cpu_on_len ?? 0)).map((p: any) => Number(p.cpu)));
  const cpus = find("cpu").map((s) => {
    const i = s.instanceId;
    return cpuInfo(i, valuesOf(s), one("cpu_common", i), one("armlet-cpu", i), pendingOn.has(i));
  });

  const timer = one("timer");
  const global = one("globalstate");
  const nsPerInsn = machine ? Number(machine.ns_per_insn) : undefined;
  return {
    layout: SNAPSHOT_INFO_LAYOUT,
    file,
    size: bytes.length,
    machine: {
      type: parsed.machineType,
      board: def?.[0] ?? null,
      targetPageSize: 1 << parsed.pageBits,
      cpus: cpus.length,
      ram,
      runState: global ? runStateOf(global as { size: number; runstate: Uint8Array }) : null,
      guestTimeNs: timer ? Number(timer.cpu_clock_offset) : null,
      icountShift: nsPerInsn ? Math.log2(nsPerInsn) : null,
      instructionsRetired: machine ? Number(machine.retired) : null,
    },
    sections,
    cpus,
    gic: gicInfo(one("arm_gic"), cpus.length) ?? gicV3Info(one("arm_gicv3")),
    disks: find(/\/armlet-drive$/).map((s) => diskInfo(s.idstr, valuesOf(s))),
    notSaved: notSaved(find(/\/armlet-drive$/).map(valuesOf)),
  };
}

/** The GIC summary from arm_gic decoded through armlet's view (one array per irq_state member). */
function gicInfo(g: any, numCpus: number): GicInfo | null {
  if (!g) return null;
  const { enabled, pending, active } = g as { enabled: ArrayLike<number>; pending: ArrayLike<number>; active: ArrayLike<number> };
  const sgi = g.sgi_pending as ArrayLike<number>;
  const pend: number[] = [], act: number[] = [];
  let en = 0;
  for (let irq = 0; irq < Math.min(GIC_MAXIRQ, enabled.length); irq++) {
    if (enabled[irq]) en++;
    let p = pending[irq] !== 0;
    for (let c = 0; !p && irq < GIC_NR_SGIS && c < GIC_NCPU; c++) p = sgi[irq * GIC_NCPU + c] !== 0;
    if (p) pend.push(irq);
    if (active[irq]) act.push(irq);
  }
  const ctlr = Number(g.ctlr) >>> 0;
  const cpuCtlr = g.cpu_ctlr as ArrayLike<number>;
  return {
    enabled: (ctlr & 3) !== 0, ctlr,
    cpuInterfaces: Array.from({ length: numCpus }, (_, cpu) => ({ cpu, ctlr: Number(cpuCtlr[cpu]) >>> 0, enabled: (Number(cpuCtlr[cpu]) & 3) !== 0 })),
    enabledIrqs: en, pending: pend, active: act,
  };
}

/** The same summary for a GICv3: SGIs and PPIs come from each CPU's redistributor (pending or
 *  active on any CPU), SPIs from the distributor; a CPU interface is on with either group enabled. */
function gicV3Info(g: any): GicInfo | null {
  if (!g) return null;
  const bit = (words: ArrayLike<number>, irq: number) => ((Number(words[irq >>> 5]) >>> (irq & 31)) & 1) !== 0;
  const cpus = (g.cpu ?? []) as any[];
  const pend: number[] = [], act: number[] = [];
  let en = 0;
  for (let irq = 0; irq < GIC_MAXIRQ; irq++) {
    const local = irq < 32;
    const any = (field: string, dist: ArrayLike<number>) => (local ? cpus.some((c) => ((Number(c[field]) >>> irq) & 1) !== 0) : bit(dist, irq));
    if (any("gicr_ienabler0", g.enabled)) en++;
    if (any("gicr_ipendr0", g.pending)) pend.push(irq);
    if (any("gicr_iactiver0", g.active)) act.push(irq);
  }
  const ctlr = Number(g.gicd_ctlr) >>> 0;
  return {
    enabled: (ctlr & 3) !== 0, ctlr,
    cpuInterfaces: cpus.map((c, cpu) => ({ cpu, ctlr: Number(c.icc_ctlr_el1[1]) >>> 0, enabled: Number(c.icc_igrpen[0]) !== 0 || Number(c.icc_igrpen[1]) !== 0 })),
    enabledIrqs: en, pending: pend, active: act,
  };
}

function diskInfo(idstr: string, d: any): DiskInfo {
  const path = Buffer.from((d.path as Uint8Array).subarray(0, Number(d.path_len))).toString("utf8");
  return {
    transport: idstr.slice(0, idstr.lastIndexOf("/")),
    path, size: Number(d.size), readonly: Boolean(d.readonly), snapshot: Boolean(d.snapshot), overlaySectors: Number(d.nr_sectors),
  };
}

/** What the stream does not carry: never the host files semihosting opened, nor a disk's bytes. */
function notSaved(drives: any[]): string[] {
  const out = ["host files opened through semihosting: never saved (a resumed guest finds them closed); the stream does not record which were open"];
  if (drives.some((d) => !d.snapshot)) out.push("disk contents: only each image's path and size are saved; the image itself must be unchanged to resume");
  return out;
}
