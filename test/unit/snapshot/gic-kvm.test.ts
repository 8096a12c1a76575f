// arm_gic streams in the shape QEMU writes on a KVM host (../shared/spec/gic-vmstate.md §1.1:
// no line levels, a level-triggered interrupt's pending bit is KVM's ISPENDR, the latch OR the
// line, SPI bits spread to every CPU, running_priority/current_pending/nsapr left at reset), and
// our own streams: with the devices re-asserting their lines in their post-load hooks, a
// level-triggered SPI pending because its line was high and one latched by GICD_ISPENDR with the
// line low come back as they were, an edge-triggered one is not latched a second time by the
// re-assert, and after the load line changes are events again.
import { describe, expect, it } from "vitest";
import type { ArmGicView } from "../../../machines/gic/gicv2-vmstate.js";
import type { Machine } from "../../../machines/machine.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { u8, vmsd } from "../../../machines/snapshot/vmstate.js";
import { cloneState } from "../../../machines/snapshot/section.js";
import { GICC, GICD, gicMmio, idleMachine, load, streamBytes } from "../gic/snapshot-helpers.js";

const BY_LINE = 40, LATCHED = 41, EDGE = 42, PPI = 20;

/** A device with four output lines (SPIs 40..42, CPU 1's PPI 20) that re-asserts them after a load. */
function lineDevice(m: Machine) {
  const st = { levels: new Uint8Array(4) };
  const drive = () => {
    [BY_LINE, LATCHED, EDGE].forEach((id, i) => m.gic!.setSpi(id, st.levels[i] !== 0));
    m.gic!.setPpi(1, PPI, st.levels[3] !== 0);
  };
  m.snapshot.add({
    idstr: "test-lines", decl: vmsd("test-lines", 1, [u8("levels", 4)]), armletOnly: true,
    state: () => st, staging: () => cloneState(st), load: (x) => st.levels.set(x.levels), postLoad: drive,
  });
  return { set(i: number, v: boolean) { st.levels[i] = v ? 1 : 0; drive(); } };
}

/** The arm_gic state as QEMU's kvm_arm_gic_get would have read it from KVM. */
function kvmShaped(v: ArmGicView): ArmGicView {
  const k = structuredClone(v);
  for (let irq = 16; irq < k.level.length; irq++) {
    const line = k.edge_trigger[irq] ? 0 : k.level[irq];
    if (irq >= 32) k.pending[irq] = k.pending[irq] || line ? 0xff : 0;
    else k.pending[irq] |= line;
  }
  k.level.fill(0);
  k.model.fill(0);
  k.running_priority.fill(0x100);
  k.current_pending.fill(1023);
  k.nsapr.fill(0);
  return k;
}

function setUp(m: Machine) {
  const dev = lineDevice(m);
  const g = gicMmio(m.gic!);
  g.dw(GICD.CTLR, 1);
  for (const cpu of [0, 1]) { g.cw(GICC.CTLR, 1, cpu); g.cw(GICC.PMR, 0xf0, cpu); }
  g.dw(GICD.ISENABLER, 1 << PPI, 1);
  g.dw(GICD.ISENABLER + 4, 0b111 << (BY_LINE - 32));
  g.dw(GICD.IPRIORITYR + 40, 0x808080);
  g.dw(GICD.ITARGETSR + 40, 0x010101);
  g.dw(GICD.ICFGR + 8, 2 << (2 * (EDGE - 32))); // EDGE edge-triggered
  return { dev, g };
}

const spiPending = (m: Machine) => (gicMmio(m.gic!).dr(GICD.ISPENDR + 4) >>> (BY_LINE - 32)) & 0b111;
const ppiPending = (m: Machine) => (gicMmio(m.gic!).dr(GICD.ISPENDR, 1) >>> PPI) & 1;

describe("arm_gic: latches and lines across a load, devices re-asserting", () => {
  for (const shape of ["armlet's own", "KVM-shaped"] as const) {
    it(`${shape} stream: each interrupt comes back as it was, and behaves as on the original`, () => {
      const a = idleMachine("virt", 2);
      const { dev: da } = setUp(a);
      da.set(0, true); // BY_LINE: line high, latch clear
      gicMmio(a.gic!).dw(GICD.ISPENDR + 4, 1 << (LATCHED - 32)); // LATCHED: latch, line low
      da.set(2, true); // EDGE: the rising edge latches; the line stays high
      da.set(3, true); // CPU 1's PPI: line high
      expect([spiPending(a), ppiPending(a)]).toEqual([0b111, 1]);

      const content = snapshotContent(a);
      if (shape === "KVM-shaped") {
        const sec = content.sections.find((s) => s.idstr === "arm_gic")!;
        const k = kvmShaped(sec.state as ArmGicView);
        expect([k.pending[BY_LINE], k.level[BY_LINE], k.pending[PPI]]).toEqual([0xff, 0, 2]); // the line folded in
        sec.state = k;
      }
      const b = idleMachine("virt", 2);
      const { dev: db } = setUp(b);
      load(b, streamBytes(content));
      const s = b.gic!.s;
      expect([s.level[BY_LINE], s.level[EDGE], s.level[LATCHED], s.level[PPI]]).toEqual([0xff, 0xff, 0, 2]); // re-asserted
      expect([spiPending(b), ppiPending(b)]).toEqual([0b111, 1]);
      expect(b.cpus.irqLines(0) & 1).toBe(1);
      expect(b.cpus.irqLines(1) & 1).toBe(1);

      for (const m of [a, b]) {
        const g = gicMmio(m.gic!);
        const dev = m === a ? da : db;
        dev.set(0, false); // BY_LINE's device lowers its line: it stops pending
        expect(spiPending(m), m === a ? "original" : "loaded").toBe(0b110);
        expect(g.cr(GICC.IAR)).toBe(LATCHED); // the latch survives the low line; taking it clears it
        g.cw(GICC.EOIR, LATCHED);
        expect(g.cr(GICC.IAR)).toBe(EDGE); // one edge, one interrupt: the re-assert latched nothing
        g.cw(GICC.EOIR, EDGE);
        expect(spiPending(m)).toBe(0);
        expect(g.cr(GICC.IAR)).toBe(1023);
        dev.set(3, false);
        expect(ppiPending(m)).toBe(0);
        dev.set(2, false); dev.set(2, true); // a new edge after the load is an event
        expect(spiPending(m)).toBe(0b100);
      }
    });
  }

  it("a KVM latch whose line the device leaves low is the guest's latch: it stays through later line changes", () => {
    const a = idleMachine("virt", 2);
    const { dev: da } = setUp(a);
    gicMmio(a.gic!).dw(GICD.ISPENDR + 4, 1 << (BY_LINE - 32)); // latched by the guest, line low
    const content = snapshotContent(a);
    const sec = content.sections.find((s) => s.idstr === "arm_gic")!;
    sec.state = kvmShaped(sec.state as ArmGicView);
    const b = idleMachine("virt", 2);
    const { dev: db } = setUp(b);
    load(b, streamBytes(content));
    expect(spiPending(b)).toBe(0b001);
    for (const dev of [da, db]) { dev.set(0, true); dev.set(0, false); } // the guest runs; the line pulses
    expect(spiPending(b)).toBe(0b001);
    expect(spiPending(a)).toBe(0b001);
  });
});
