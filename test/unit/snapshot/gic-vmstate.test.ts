// The GIC through whole-machine save and load (virt and vexpress-a15), driven through its MMIO
// windows as a guest would: a busy GIC comes back equal, register by register of its register
// tables; a level-triggered SPI pending because its line is high and one latched by GICD_ISPENDR
// with the line low come back as they were (the stream's pending bit is the latch, the line
// travels in `level`); derived state in the stream is never trusted; the CPUs' IRQ/FIQ inputs
// are driven from the loaded state; values a GIC cannot hold are masked and reported.
import { describe, expect, it } from "vitest";
import { gicdRegs, giccRegs } from "../../../machines/gic/gicv2/registers.js";
import type { ArmGicView } from "../../../machines/gic/gicv2-vmstate.js";
import type { Machine } from "../../../machines/machine.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import {
  GICC, GICD, gicMmio, gicSection, gicSectionBytes, idleMachine, load, saveBytes, streamBytes, type BoardName,
} from "../gic/snapshot-helpers.js";

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

/** Every readable register of the GIC's tables, as each CPU reads it (GICC_IAR left out: it acknowledges). */
function registerDump(m: Machine): Record<string, number> {
  const gic = m.gic!;
  const g = gicMmio(gic);
  const out: Record<string, number> = {};
  const tables = [
    { regs: gicdRegs(gic.s.numCpu, gic.s.numIrq, gic.s.securityExtn), read: g.dr },
    { regs: giccRegs().filter((r) => r.name !== "GICC_IAR"), read: g.cr },
  ];
  for (let cpu = 0; cpu < gic.s.numCpu; cpu++) {
    for (const t of tables) {
      for (const r of t.regs) {
        if (r.access === "wo") continue;
        for (let i = 0; i < (r.count ?? 1); i++) out[`cpu${cpu} ${r.name}[${i}]`] = t.read(r.offset + 4 * i, cpu);
      }
    }
  }
  return out;
}

function lines(m: Machine): number[] {
  return Array.from({ length: m.gic!.s.numCpu }, (_, c) => m.cpus.irqLines(c) & 3);
}

/** A guest's worth of GIC programming with random values, then interrupts in every state. */
function makeBusy(m: Machine, seed: number): void {
  const next = rng(seed);
  const gic = m.gic!;
  const { numCpu, numIrq } = gic.s;
  const g = gicMmio(gic);
  const cpuMask = (1 << numCpu) - 1;
  g.dw(GICD.CTLR, 3);
  for (let cpu = 0; cpu < numCpu; cpu++) {
    // both groups on; FIQEn, CBPR, EOImode at random, and AckCtl too except on CPU 0 (which must take one)
    g.cw(GICC.CTLR, (next() & 0x21f) | 3 | (cpu === 0 ? 4 : 0), cpu);
    g.cw(GICC.PMR, 0xc0 | (next() & 0x3f), cpu);
    g.cw(GICC.BPR, next() & 3, cpu);
    g.cw(GICC.ABPR, next() & 3, cpu);
    // banked SGI/PPI state of this CPU
    g.dw(GICD.IGROUPR, next(), cpu);
    g.dw(GICD.ISENABLER, next() & 0xffff0000, cpu);
    for (let w = 0; w < 8; w++) g.dw(GICD.IPRIORITYR + 4 * w, next() | 0x10101010, cpu); // 0 is left for the last SGI
    g.dw(GICD.ICFGR + 4, next(), cpu);
  }
  for (let w = 1; w < numIrq / 32; w++) {
    g.dw(GICD.IGROUPR + 4 * w, next());
    g.dw(GICD.ISENABLER + 4 * w, next());
  }
  for (let irq = 32; irq < numIrq; irq += 4) {
    g.dw(GICD.IPRIORITYR + irq, next() | 0x10101010);
    const t = next();
    let targets = 0;
    for (let k = 0; k < 4; k++) targets |= (((t >>> (8 * k)) & cpuMask) || 1) << (8 * k);
    g.dw(GICD.ITARGETSR + irq, targets);
  }
  for (let w = 2; w < numIrq / 16; w++) g.dw(GICD.ICFGR + 4 * w, next());
  // lines: some SPIs and PPIs high (level ones pend by level, edge ones latch). Only SPIs no
  // device drives (96 up on both boards): a device restates its own line after a load.
  for (let irq = 96; irq < numIrq; irq++) if (next() % 5 === 0) gic.setSpi(irq, true);
  for (let cpu = 0; cpu < numCpu; cpu++) for (let irq = 16; irq < 32; irq++) if (next() % 4 === 0) gic.setPpi(cpu, irq, true);
  // latched by the guest, and active
  for (let w = 1; w < numIrq / 32; w++) {
    g.dw(GICD.ISPENDR + 4 * w, next() & next());
    g.dw(GICD.ISACTIVER + 4 * w, next() & next() & next());
  }
  // SGIs from every CPU to several targets, two of them through GICD_SPENDSGIR
  for (let src = 0; src < numCpu; src++) {
    for (let k = 0; k < 3; k++) g.dw(GICD.SGIR, (((next() & cpuMask) || 1) << 16) | (next() & 15), src);
  }
  g.dw(GICD.SPENDSGIR + 4, 0x00030000 & (cpuMask << 16), 0);
  // each CPU takes up to two interrupts (active, APR bits set, running priority raised)
  for (let cpu = 0; cpu < numCpu; cpu++) for (let k = 0; k < 2; k++) g.cr(GICC.IAR, cpu);
  // and the last CPU has one more at the top priority waiting (its IRQ or FIQ input high)
  const last = numCpu - 1;
  g.dw(GICD.IPRIORITYR + 15, 0, last, 1);
  g.dw(GICD.SGIR, (2 << 24) | 15, last);
}

describe("arm_gic through a whole-machine save and load", () => {
  for (const [board, smp] of [["virt", 4], ["vexpress-a15", 2], ["virt", 1]] as [BoardName, number][]) {
    it(`a busy GIC comes back equal on a fresh ${board} --smp ${smp} (registers, state, CPU inputs)`, () => {
      for (const seed of [1, 2, 3]) {
        const a = idleMachine(board, smp);
        makeBusy(a, seed * 7919 + smp);
        const s = a.gic!.s;
        // the state is busy: interrupts pending, active, SGIs from several sources, APRs in use
        expect(s.active.some((v) => v !== 0)).toBe(true);
        expect(s.apr.some((v) => v !== 0) || s.nsapr.some((v) => v !== 0)).toBe(true);
        if (smp > 1) expect(s.sgiPending.some((v) => (v & (v - 1)) !== 0)).toBe(true);
        const before = registerDump(a);
        const bytes = saveBytes(a);
        const b = idleMachine(board, smp);
        const { report } = load(b, bytes);
        expect(report.decisions).toEqual([]);
        expect(registerDump(b)).toEqual(before);
        expect(Buffer.from(gicSectionBytes(b.gic!)).equals(Buffer.from(gicSectionBytes(a.gic!)))).toBe(true);
        expect(lines(b)).toEqual(lines(a));
        expect(lines(b)[smp - 1]).not.toBe(0);
        // and the two behave alike from there: every CPU acknowledges the same interrupts
        for (let cpu = 0; cpu < smp; cpu++) {
          for (let k = 0; k < 3; k++) expect(gicMmio(b.gic!).cr(GICC.IAR, cpu)).toBe(gicMmio(a.gic!).cr(GICC.IAR, cpu));
        }
      }
    });
  }

  it("level-triggered SPIs: pending by line (latch clear) and latched by GICD_ISPENDR (line low) come back as they were", () => {
    const BY_LINE = 40, LATCHED = 41; // both level-triggered (the reset configuration)
    const a = idleMachine("virt", 2);
    const ga = gicMmio(a.gic!);
    ga.dw(GICD.CTLR, 1);
    ga.cw(GICC.CTLR, 1, 0);
    ga.cw(GICC.PMR, 0xf0, 0);
    ga.dw(GICD.ISENABLER + 4, (1 << (BY_LINE - 32)) | (1 << (LATCHED - 32)));
    ga.dw(GICD.IPRIORITYR + 40, 0x8080);
    ga.dw(GICD.ITARGETSR + 40, 0x0101);
    a.gic!.setSpi(BY_LINE, true); // the device's line is high
    ga.dw(GICD.ISPENDR + 4, 1 << (LATCHED - 32)); // the guest sets the latch; that line stays low
    const both = (1 << (BY_LINE - 32)) | (1 << (LATCHED - 32));
    expect(ga.dr(GICD.ISPENDR + 4) & both).toBe(both);

    const bytes = saveBytes(a);
    // in the stream: pending is the latch, never the line; the line travels in `level`
    const sec = snapshotContent(a).sections.find((x) => x.idstr === "arm_gic")!;
    const view = sec.state as ArmGicView;
    expect([view.pending[BY_LINE], view.level[BY_LINE]]).toEqual([0, 0xff]);
    expect([view.pending[LATCHED], view.level[LATCHED]]).toEqual([1, 0]);
    const payload = gicSectionBytes(a.gic!);
    const irqState = (irq: number) => Array.from(payload.subarray(36 + 7 * irq, 36 + 7 * irq + 7)); // after ctlr, cpu_ctlr[8]
    expect(irqState(BY_LINE)).toEqual([0xff, 0, 0, 0xff, 0, 0, 0]);
    expect(irqState(LATCHED)).toEqual([0xff, 1, 0, 0, 0, 0, 0]);
    expect(bytes.length).toBeGreaterThan(payload.length);

    for (const deviceFirst of [false, true]) {
      const b = idleMachine("virt", 2);
      load(b, bytes);
      const gb = gicMmio(b.gic!);
      expect(gb.dr(GICD.ISPENDR + 4) & both).toBe(both);
      expect(b.cpus.irqLines(0) & 1).toBe(1);
      // the device re-asserts its (high) line after load: it agrees with the stream, nothing changes
      if (deviceFirst) b.gic!.setSpi(BY_LINE, true);
      expect(b.gic!.s.pending[BY_LINE]).toBe(0);
      // the device lowers its line: that interrupt stops pending; the latched one stays
      b.gic!.setSpi(BY_LINE, false);
      expect(gb.dr(GICD.ISPENDR + 4) & both).toBe(1 << (LATCHED - 32));
      expect(gb.cr(GICC.HPPIR, 0)).toBe(LATCHED);
      expect(gb.cr(GICC.IAR, 0)).toBe(LATCHED); // acknowledging clears the latch
      gb.cw(GICC.EOIR, LATCHED, 0);
      expect(gb.dr(GICD.ISPENDR + 4) & both).toBe(0);
      expect(b.cpus.irqLines(0) & 3).toBe(0);
    }
  });

  it("derived state in the stream (current_pending, running_priority) is recomputed, not trusted", () => {
    const a = idleMachine("virt", 2);
    const g = gicMmio(a.gic!);
    g.dw(GICD.CTLR, 3);
    for (const cpu of [0, 1]) { g.cw(GICC.CTLR, 3, cpu); g.cw(GICC.PMR, 0xf0, cpu); }
    g.dw(GICD.ISENABLER + 4, 0b111);
    g.dw(GICD.IPRIORITYR + 32, 0x203040);
    g.dw(GICD.ITARGETSR + 32, 0x020101);
    g.dw(GICD.ISPENDR + 4, 0b111);
    expect(g.cr(GICC.IAR, 0)).toBe(33); // CPU 0: 33 active at 0x30, 32 (0x40) waits
    const content = snapshotContent(a);
    const sec = content.sections.find((x) => x.idstr === "arm_gic")!;
    const garbage = structuredClone(sec.state) as ArmGicView;
    garbage.current_pending.set([5, 1022, 0xffff, 1, 2, 3, 4, 0x8000]);
    garbage.running_priority.set([0, 0, 0x1ff, 7, 7, 7, 7, 7]);
    sec.state = garbage;
    const b = idleMachine("virt", 2);
    const { report } = load(b, streamBytes(content));
    expect(report.decisions).toEqual([]);
    const gb = gicMmio(b.gic!);
    expect(gb.cr(GICC.RPR, 0)).toBe(0x30); // from the APR bit of the active interrupt
    expect(gb.cr(GICC.RPR, 1)).toBe(0xff); // idle
    expect(gb.cr(GICC.HPPIR, 0)).toBe(32);
    expect(gb.cr(GICC.HPPIR, 1)).toBe(34);
    expect(b.gic!.s.currentPending[0]).toBe(32);
    expect(b.cpus.irqLines(0) & 1).toBe(0); // 32's priority 0x40 does not preempt 0x30
    expect(b.cpus.irqLines(1) & 1).toBe(1);
    gb.cw(GICC.EOIR, 33, 0);
    expect(gb.cr(GICC.IAR, 0)).toBe(32);
    expect(gb.cr(GICC.IAR, 1)).toBe(34);
  });

  it("after load each CPU's IRQ/FIQ input is driven from the loaded state (pending above PMR, group, FIQEn)", () => {
    const a = idleMachine("vexpress-a15", 2);
    const g = gicMmio(a.gic!);
    g.dw(GICD.CTLR, 3);
    g.cw(GICC.CTLR, 3 | (1 << 3), 0); // CPU 0: both groups, Group 0 as FIQ
    g.cw(GICC.CTLR, 3, 1);
    g.cw(GICC.PMR, 0x80, 0);
    g.cw(GICC.PMR, 0x80, 1);
    g.dw(GICD.IGROUPR + 4, 1 << 1); // SPI 33 Group 1, SPI 32 Group 0
    g.dw(GICD.ISENABLER + 4, 0b111);
    g.dw(GICD.IPRIORITYR + 32, 0xa01020); // 34 at 0xa0: below CPU 1's mask
    g.dw(GICD.ITARGETSR + 32, 0x020201);
    g.dw(GICD.ISPENDR + 4, 0b111);
    expect(lines(a)).toEqual([2, 1]); // CPU 0: FIQ (Group 0), CPU 1: IRQ (Group 1)
    const bytes = saveBytes(a);
    const b = idleMachine("vexpress-a15", 2);
    b.cpus.setIrqLines(0, true, false); // stale inputs must not survive the load
    b.cpus.setIrqLines(1, false, true);
    load(b, bytes);
    expect(lines(b)).toEqual([2, 1]);
    gicMmio(b.gic!).cw(GICC.PMR, 0x10, 1); // masked now: CPU 1's IRQ drops
    expect(lines(b)).toEqual([2, 0]);
  });

  it("values a GIC cannot hold are masked into range and reported, never a crash", () => {
    const a = idleMachine("virt", 2);
    gicMmio(a.gic!).dw(GICD.CTLR, 1);
    const content = snapshotContent(a);
    const sec = content.sections.find((x) => x.idstr === "arm_gic")!;
    const bad = structuredClone(sec.state) as ArmGicView;
    bad.ctlr = 0xff;
    bad.cpu_ctlr[0] = 0xffffffff;
    bad.priority_mask[1] = 0x1ff;
    bad.bpr[0] = 9;
    bad.abpr[1] = 0;
    bad.irq_target[40] = 0xfe; // CPUs 1..7; this GIC has 2
    bad.enabled[300] = 0xff; // beyond num-irq 288
    bad.pending[300] = 0xff;
    bad.edge_trigger[3] = 0; // an SGI made level-triggered
    bad.edge_trigger[50] = 7; // a bool that is neither 0 nor 1
    bad.sgi_pending[5 * 8 + 1] = 0x84; // SGI 5 to CPU 1 from CPUs 2 and 7
    bad.sgi_pending[6 * 8 + 5] = 1; // SGI 6 to CPU 5
    sec.state = bad;
    const b = idleMachine("virt", 2);
    const { report } = load(b, streamBytes(content));
    const said = report.decisions.join("\n");
    for (const word of ["GICD_CTLR 0xff", "GICC_CTLR of CPU 0", "GICC_PMR of CPU 1", "GICC_BPR of CPU 0 9", "GICC_ABPR of CPU 1 0",
      "targets of SPIs 40", "interrupts 300 dropped", "SGIs 3 ", "pending SGIs from or to CPUs beyond"]) {
      expect(said).toContain(word);
    }
    const s = b.gic!.s;
    expect([s.ctlr, s.cpuCtlr[0], s.priorityMask[1], s.bpr[0], s.abpr[1]]).toEqual([3, 0x21f, 0xff, 7, 1]);
    expect([s.irqTarget[40], s.enabled[300], s.pending[300], s.edgeTrigger[3], s.edgeTrigger[50]]).toEqual([2, 0, 0, 1, 1]);
    expect([s.sgiPending[5 * 8 + 1], s.sgiPending[6 * 8 + 5]]).toEqual([0, 0]);
    // the GIC works from there
    const g = gicMmio(b.gic!);
    g.dw(GICD.SGIR, (1 << 16) | 9, 0);
    g.cw(GICC.PMR, 0xf0, 0);
    expect(g.cr(GICC.IAR, 0)).toBe(9);
    // a clean stream reports nothing
    expect(load(idleMachine("virt", 2), saveBytes(a)).report.decisions).toEqual([]);
    expect(gicSection(b).decl.name).toBe("arm_gic");
  });
});
