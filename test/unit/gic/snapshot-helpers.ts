// Shared by the GIC snapshot tests: machines that never run (their GIC is driven through its
// MMIO windows, as a guest would), whole-machine save and load, and the arm_gic section of a
// stream decoded on its own.
import { Machine } from "../../../machines/machine.js";
import { ByteWriter } from "../../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../../machines/snapshot/codec.js";
import { loadSnapshot, type LoadResult } from "../../../machines/snapshot/loadvm.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import type { LoadReport, SnapshotSection } from "../../../machines/snapshot/section.js";
import { readStream, writeStream, type StreamContent } from "../../../machines/snapshot/stream.js";
import type { GicV2 } from "../../../machines/gic/gicv2.js";

export const GICD = {
  CTLR: 0x000, TYPER: 0x004, IGROUPR: 0x080, ISENABLER: 0x100, ICENABLER: 0x180, ISPENDR: 0x200,
  ICPENDR: 0x280, ISACTIVER: 0x300, ICACTIVER: 0x380, IPRIORITYR: 0x400, ITARGETSR: 0x800, ICFGR: 0xc00,
  SGIR: 0xf00, CPENDSGIR: 0xf10, SPENDSGIR: 0xf20,
} as const;
export const GICC = {
  CTLR: 0x00, PMR: 0x04, BPR: 0x08, IAR: 0x0c, EOIR: 0x10, RPR: 0x14, HPPIR: 0x18, ABPR: 0x1c,
  APR0: 0xd0, NSAPR0: 0xe0,
} as const;

export type BoardName = "virt" | "vexpress-a15";

/** A machine that is built but never run: `add r1, r1, #1; b .-4` as its kernel. */
export function idleMachine(board: BoardName, smp: number): Machine {
  const loop = Buffer.alloc(8);
  loop.writeUInt32LE(0xe2811001, 0);
  loop.writeUInt32LE(0xeafffffd, 4);
  return new Machine({ machine: board, smp, memory: "16M", kernel: new Uint8Array(loop), nsPerInsn: 1, maxInsns: 1000, icountSleep: false });
}

/** The GIC's registers as CPU `cpu` sees them (32-bit accesses; byte ones where asked). */
export function gicMmio(gic: GicV2) {
  return {
    dr: (off: number, cpu = 0, size = 4) => gic.distributor.read(off, size, cpu) >>> 0,
    dw: (off: number, v: number, cpu = 0, size = 4) => gic.distributor.write(off, size, v >>> 0, cpu),
    cr: (off: number, cpu = 0) => gic.cpuInterface.read(off, 4, cpu) >>> 0,
    cw: (off: number, v: number, cpu = 0) => gic.cpuInterface.write(off, 4, v >>> 0, cpu),
  };
}

export function streamBytes(c: StreamContent): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeStream(c, (b) => chunks.push(b));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Save `m` as a stream (every registered section). */
export function saveBytes(m: Machine): Uint8Array {
  return streamBytes(snapshotContent(m));
}

export function load(m: Machine, bytes: Uint8Array): LoadResult {
  return loadSnapshot(m, "test.snap", bytes);
}

/** The arm_gic payload as this GIC writes it now. */
export function gicSectionBytes(gic: GicV2): Uint8Array {
  const w = new ByteWriter();
  encodeVmsd(w, gic.vmstate.decl, gic.vmstate.state);
  return Uint8Array.from(w.view());
}

export function gicSection(m: Machine): SnapshotSection {
  return m.snapshot.find("arm_gic", 0)!;
}

/**
 * Decode only the arm_gic section of `bytes` (every other section is walked through the
 * stream's JSON) into `m`'s GIC: check, apply, post-load, as loadSnapshot does for each section.
 */
export function loadGicSectionOnly(m: Machine, bytes: Uint8Array): { report: LoadReport; payload: Uint8Array } {
  const sec = gicSection(m);
  const staged = sec.staging();
  const parsed = readStream(bytes, (idstr, inst) => (idstr === "arm_gic" && inst === 0 ? { decl: sec.decl, state: staged } : undefined));
  const p = parsed.sections.find((s) => s.idstr === "arm_gic")!;
  const report: LoadReport = { decisions: [], notes: [] };
  sec.check?.(staged, report);
  sec.load(staged);
  sec.postLoad?.();
  return { report, payload: bytes.subarray(p.offset, p.end) };
}
