// arm_gicv3 through save and load of its section (virt,gic-version=3 with two Cortex-A57s;
// whole-machine snapshots wait for AArch64 CPU state),
// driven as a guest would: a busy GIC comes back equal register by register and byte for byte;
// the seed-004 semantics: the saved pending bitmap is the latch and the line travels in `level`
// (a level-triggered SPI pending only because its line is high stops being pending when the line
// drops after the load; a latched one stays), and a GICD_STATUSR / GICR_STATUSR value loaded from
// a stream is set as it is, while a guest write clears the bits written as 1; the CPUs' IRQ/FIQ
// inputs are driven from the loaded state.
import { describe, expect, it } from "vitest";
import { gicdRegs, gicrRdRegs, gicrSgiRegs } from "../../../../machines/gic/gicv3/registers.js";
import type { Machine } from "../../../../machines/machine.js";
import { ARM_GICV3_CPU_DECL, ARM_GICV3_DECL } from "../../../../machines/gic/gicv3/vmstate.js";
import { ByteReader, ByteWriter } from "../../../../machines/snapshot/bytes.js";
import { decodeVmsd, encodeVmsd } from "../../../../machines/snapshot/codec.js";
import { ICC, RD_SGI, gicv3SectionBytes, idleGicV3Machine, sectionRoundTrip } from "./helpers.js";

const SMP = 2;

function io(m: Machine) {
  const gic = m.gicv3!;
  return {
    gic,
    dr: (off: number) => gic.distributor.read(off, 4, 0) >>> 0,
    dw: (off: number, v: number) => gic.distributor.write(off, 4, v >>> 0, 0),
    rr: (cpu: number, off: number) => gic.redistributors.read(cpu * 0x20000 + off, 4, 0) >>> 0,
    rw: (cpu: number, off: number, v: number) => gic.redistributors.write(cpu * 0x20000 + off, 4, v >>> 0, 0),
    icc: (cpu: number, reg: number) => gic.sysreg(cpu, reg, false, 0, 0),
    iccw: (cpu: number, reg: number, v: number, hi = 0) => { gic.sysreg(cpu, reg, true, v >>> 0, hi); },
  };
}

/** Every readable register as the guest sees it (IAR left out: it acknowledges). */
function registerDump(m: Machine): Record<string, number> {
  const g = io(m);
  const out: Record<string, number> = {};
  for (const r of gicdRegs(288, true)) {
    if (r.access === "wo") continue;
    for (let i = 0; i < (r.count ?? 1); i++) {
      const off = r.offset + (r.width === 64 ? 8 : 4) * i;
      out[`${r.name}[${i}]`] = g.dr(off);
      if (r.width === 64) out[`${r.name}[${i}].hi`] = g.dr(off + 4);
    }
  }
  for (let cpu = 0; cpu < SMP; cpu++) {
    for (const r of gicrRdRegs(cpu, SMP, true)) out[`cpu${cpu} ${r.name}`] = g.rr(cpu, r.offset);
    for (const r of gicrSgiRegs()) for (let i = 0; i < (r.count ?? 1); i++) out[`cpu${cpu} ${r.name}[${i}]`] = g.rr(cpu, RD_SGI + r.offset + 4 * i);
    for (const name of Object.keys(ICC)) {
      if (/IAR|EOIR|DIR|SGI/.test(name)) continue;
      out[`cpu${cpu} ${name}`] = g.icc(cpu, ICC[name]);
    }
  }
  return out;
}

function makeBusy(m: Machine): void {
  const g = io(m);
  g.dw(0, 3);
  g.dw(0x84, 0xf0f0f0f0); g.dw(0x88, 0x0f0f0f0f);
  g.dw(0x104, 0xffff00ff); g.dw(0x108, 0x12345678);
  g.dw(0xc08, 0xaaaa0000);
  for (let i = 32; i < 96; i++) g.gic.distributor.write(0x400 + i, 1, (i * 37) & 0xff, 0);
  g.dw(0x6000 + 8 * 50, 1);
  g.dw(0x6000 + 8 * 51, 0x80000000);
  g.dw(0x204, 1 << 3); // SPI 35 latched
  m.gicv3!.setSpi(36, true); // a level SPI pending by its line
  for (let c = 0; c < SMP; c++) {
    g.rw(c, RD_SGI + 0x80, 0xfffffff0 | c);
    g.rw(c, RD_SGI + 0x100, 0xffff0fff);
    g.rw(c, RD_SGI + 0x400, 0x40302010 + c);
    g.rw(c, RD_SGI + 0xc04, 0x20000000);
    g.rw(c, 0x70, 0x40000000 | 13); g.rw(c, 0x74, 0x1);
    g.rw(c, 0x78, 0x40100000 + c * 0x10000);
    g.iccw(c, ICC.ICC_PMR_EL1, 0xe0);
    g.iccw(c, ICC.ICC_BPR1_EL1, 4);
    g.iccw(c, ICC.ICC_CTLR_EL1, c === 0 ? 2 : 1);
    g.iccw(c, ICC.ICC_IGRPEN0_EL1, 1);
    g.iccw(c, ICC.ICC_IGRPEN1_EL1, 1);
  }
  g.iccw(0, ICC.ICC_SGI1R_EL1, (5 << 24) | 0b11);
  expect(g.icc(0, ICC.ICC_IAR1_EL1)).toBe(5); // CPU 0 has an active SGI, CPU 1 a pending one
  g.iccw(1, ICC.ICC_SGI0R_EL1, (0 << 24) | 0b10);
  m.gicv3!.setPpi(1, 27, true);
}

describe("arm_gicv3 save and load", () => {
  it("a busy GIC comes back equal, register by register and byte for byte, its outputs driven", () => {
    const a = idleGicV3Machine(SMP);
    makeBusy(a);
    const before = registerDump(a);
    const b = idleGicV3Machine(SMP);
    const report = sectionRoundTrip(a, b);
    expect(report.decisions).toEqual([]);
    expect(registerDump(b)).toEqual(before);
    expect(Buffer.from(gicv3SectionBytes(b.gicv3!)).equals(Buffer.from(gicv3SectionBytes(a.gicv3!)))).toBe(true);
    for (let c = 0; c < SMP; c++) expect(b.cpus.irqLines(c) & 3, `CPU ${c}`).toBe(a.cpus.irqLines(c) & 3);
    expect(b.cpus.irqLines(1) & 3).not.toBe(0);
  });

  it("the saved pending bit is the latch, the line is in `level`: each comes back as it was", () => {
    const a = idleGicV3Machine(1);
    const g = io(a);
    g.dw(0, 3); g.dw(0x84, 0x3); g.dw(0x104, 0x3);
    a.gicv3!.setSpi(32, true); // level-triggered, pending by its line only
    g.dw(0x204, 0x2); // SPI 33 latched, line low
    expect(g.dr(0x204)).toBe(0x3);
    expect(a.gicv3!.s.pending[1]).toBe(0x2);
    expect(a.gicv3!.s.level[1]).toBe(0x1);
    const b = idleGicV3Machine(1);
    sectionRoundTrip(a, b);
    const h = io(b);
    expect(h.dr(0x204)).toBe(0x3);
    b.gicv3!.setSpi(32, true); // the device restates its line: no new latch
    b.gicv3!.setSpi(32, false);
    expect(h.dr(0x204)).toBe(0x2);
    b.gicv3!.setSpi(33, true); b.gicv3!.setSpi(33, false);
    expect(h.dr(0x204)).toBe(0x2);
  });

  it("a loaded STATUSR is set as saved; a guest write clears the bits written as 1", () => {
    const a = idleGicV3Machine(SMP);
    a.gicv3!.s.gicd_statusr[1] = 0x5; // as a KVM source's GICD_STATUSR (NS slot)
    a.gicv3!.s.cpu[1].gicr_statusr[1] = 0xf;
    const b = idleGicV3Machine(SMP);
    sectionRoundTrip(a, b);
    const h = io(b);
    expect(h.dr(0x10)).toBe(0x5);
    expect(h.rr(1, 0x10)).toBe(0xf);
    h.dw(0x10, 0x1);
    h.rw(1, 0x10, 0x6);
    expect(h.dr(0x10)).toBe(0x4);
    expect(h.rr(1, 0x10)).toBe(0x9);
    h.dw(0x10, 0); // writing 0 changes nothing
    expect(h.dr(0x10)).toBe(0x4);
  });
});

describe("arm_gicv3 streams without the subsections", () => {
  it("no gicd_no_migration_shift_bug: the bitmaps come 32 bits too high (old KVM source) and are shifted down; no sre_el1: SRE 0x7", () => {
    const a = idleGicV3Machine(1);
    const g = io(a);
    g.dw(0x84, 0x0000f00f); g.dw(0x104, 0x00ff0000); g.dw(0xc08, 0xaaaa0000);
    a.gicv3!.setSpi(40, true);
    const s = a.gicv3!.s;
    const want = { group: s.group.slice(), enabled: s.enabled.slice(), edge: s.edge_trigger.slice(), level: s.level.slice() };
    // what an old QEMU wrote: SPI 32 at bit 64 (level was never shifted)
    for (const k of ["group", "grpmod", "enabled", "pending", "active", "edge_trigger"] as const) s[k].copyWithin(1, 0, 31);
    const old = { ...ARM_GICV3_DECL, subsections: [],
      fields: ARM_GICV3_DECL.fields.map((f) => (f.name === "cpu" ? { ...f, struct: { ...ARM_GICV3_CPU_DECL, subsections: [] } } : f)) };
    const w = new ByteWriter();
    encodeVmsd(w, old, s);
    const bytes = Uint8Array.from(w.view());
    const b = idleGicV3Machine(1);
    const sec = b.snapshot.find("arm_gicv3", 0)!;
    const staged = sec.staging();
    decodeVmsd(new ByteReader(bytes), sec.decl, staged, 1);
    const report = { decisions: [] as string[], notes: [] as string[] };
    sec.check!(staged, report);
    sec.load(staged);
    sec.postLoad!();
    const t = b.gicv3!.s;
    expect([t.group, t.enabled, t.edge_trigger, t.level].map((x) => Array.from(x))).toEqual([want.group, want.enabled, want.edge, want.level].map((x) => Array.from(x)));
    expect(report.notes.join()).toMatch(/shifted down by 32 bits/);
    expect(t.cpu[0].icc_sre_el1).toBe(7);
    expect(Object.keys(t)).not.toContain("seen_shift_bug_fix");
    expect(io(b).icc(0, ICC.ICC_SRE_EL1)).toBe(7);
    expect(io(b).dr(0x204)).toBe(1 << 8); // SPI 40 pending by its line, from `level`
  });
});
