// Shared by the GICv3 tests: a GicV3 on its own (outputs recorded), a virt machine with
// gic-version=3 that never runs, register access helpers and the arm_gicv3 section bytes.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { GicV3 } from "../../../../machines/gic/gicv3/index.js";
import { Machine } from "../../../../machines/machine.js";
import { ByteWriter } from "../../../../machines/snapshot/bytes.js";
import { decodeVmsd, encodeVmsd } from "../../../../machines/snapshot/codec.js";
import { ByteReader } from "../../../../machines/snapshot/bytes.js";
import type { LoadReport } from "../../../../machines/snapshot/section.js";
import { readStream } from "../../../../machines/snapshot/stream.js";
import { ICC } from "../../../../core/sysregs/defs/gicv3-cpuif.js";
import type { GuestRam } from "../../../../machines/devices/virtio/guest-ram.js";

export { ICC };

export const RD_SGI = 0x10000;

/** A GICv3 with `numCpus` CPUs and virt's 288 interrupts; `lines[cpu]` is bit 0 IRQ, bit 1 FIQ. */
export function makeGic(numCpus = 1, opts: { lpis?: boolean; ram?: GuestRam } = {}) {
  const lines = new Array<number>(numCpus).fill(0);
  const gic = new GicV3({
    numCpus, numIrqs: 288, lpis: opts.lpis ?? true, ram: opts.ram,
    outputs: (c, irq, fiq) => { lines[c] = (irq ? 1 : 0) | (fiq ? 2 : 0); },
  });
  return {
    gic, lines,
    dr: (off: number, size = 4) => gic.distributor.read(off, size, 0) >>> 0,
    dw: (off: number, v: number, size = 4) => gic.distributor.write(off, size, v >>> 0, 0),
    rr: (cpu: number, off: number, size = 4) => gic.redistributors.read(cpu * 0x20000 + off, size, 0) >>> 0,
    rw: (cpu: number, off: number, v: number, size = 4) => gic.redistributors.write(cpu * 0x20000 + off, size, v >>> 0, 0),
    icc: (cpu: number, reg: number) => gic.sysreg(cpu, reg, false, 0, 0),
    iccw: (cpu: number, reg: number, lo: number, hi = 0) => { gic.sysreg(cpu, reg, true, lo >>> 0, hi >>> 0); },
  };
}

/** Guest RAM of `size` bytes at `base` for the LPI tables. */
export function testRam(base: number, size: number): GuestRam & { bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  const ok = (pa: number, len: number) => pa >= base && pa + len <= base + size;
  return {
    bytes,
    read: (pa, len) => (ok(pa, len) ? bytes.slice(pa - base, pa - base + len) : null),
    write: (pa, b) => { if (!ok(pa, b.length)) return false; bytes.set(b, pa - base); return true; },
    valid: ok,
  };
}

const KERNEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../roms/bin/a64/gicv3.elf");

/** A virt machine with a GICv3 and Cortex-A57s that is built but never run (an ELF64 is required). */
export function idleGicV3Machine(smp: number): Machine {
  return new Machine({
    machine: "virt", machineProps: { "gic-version": "3" }, cpu: "cortex-a57", smp, memory: "128M",
    kernel: new Uint8Array(fs.readFileSync(KERNEL)), nsPerInsn: 1, maxInsns: 1000, icountSleep: false,
  });
}

export function gicv3SectionBytes(gic: GicV3): Uint8Array {
  const w = new ByteWriter();
  encodeVmsd(w, gic.vmstate.decl, gic.vmstate.state);
  return Uint8Array.from(w.view());
}

/** Decode only the arm_gicv3 section of a stream into `m`'s GICv3 (check, load, post-load). */
export function loadGicV3SectionOnly(m: Machine, bytes: Uint8Array): { report: LoadReport; payload: Uint8Array } {
  const sec = m.snapshot.find("arm_gicv3", 0)!;
  const staged = sec.staging();
  const parsed = readStream(bytes, (idstr, inst) => (idstr === "arm_gicv3" && inst === 0 ? { decl: sec.decl, state: staged } : undefined));
  const p = parsed.sections.find((s) => s.idstr === "arm_gicv3")!;
  const report: LoadReport = { decisions: [], notes: [] };
  sec.check?.(staged, report);
  sec.load(staged);
  sec.postLoad?.();
  return { report, payload: bytes.subarray(p.offset, p.end) };
}

/**
 * Move `from`'s arm_gicv3 section into `to` as a load does (decode into a staged copy, check,
 * assign, post-load): the GIC's part of save and load, without the CPUs (AArch64 CPU snapshots
 * come from another branch).
 */
export function sectionRoundTrip(from: Machine, to: Machine): LoadReport {
  const bytes = gicv3SectionBytes(from.gicv3!);
  const sec = to.snapshot.find("arm_gicv3", 0)!;
  const staged = sec.staging();
  const r = new ByteReader(bytes);
  decodeVmsd(r, sec.decl, staged, sec.decl.version);
  if (r.pos !== bytes.length) throw new Error(`arm_gicv3: ${bytes.length - r.pos} bytes left`);
  const report: LoadReport = { decisions: [], notes: [] };
  sec.check?.(staged, report);
  sec.load(staged);
  sec.postLoad?.();
  return report;
}
