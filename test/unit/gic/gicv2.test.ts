// GICv2 model: register table (reset values, read-only/write-only, banking), SGIs between
// CPUs, level/edge inputs, priorities and preemption, EOI/DIR split, groups and FIQ, the
// security extensions' Secure/Non-secure views, targets, and the arm_gic section round trip.
import { describe, it, expect } from "vitest";
import { GicV2 } from "../../../machines/gic/gicv2.js";
import { gicdRegs, giccRegs, type GicRegDef } from "../../../machines/gic/gicv2/registers.js";
import { ByteReader, ByteWriter } from "../../../machines/snapshot/bytes.js";
import { decodeVmsd, encodeVmsd } from "../../../machines/snapshot/codec.js";
import { deviceSection } from "../../../machines/snapshot/section.js";

const D = { CTLR: 0x000, TYPER: 0x004, IGROUPR: 0x080, ISENABLER: 0x100, ICENABLER: 0x180, ISPENDR: 0x200,
  ICPENDR: 0x280, ISACTIVER: 0x300, IPRIORITYR: 0x400, ITARGETSR: 0x800, ICFGR: 0xc00, SGIR: 0xf00,
  CPENDSGIR: 0xf10, SPENDSGIR: 0xf20 };
const C = { CTLR: 0x00, PMR: 0x04, BPR: 0x08, IAR: 0x0c, EOIR: 0x10, RPR: 0x14, HPPIR: 0x18, ABPR: 0x1c,
  APR0: 0xd0, NSAPR0: 0xe0, DIR: 0x1000 };

function make(numCpus = 4, numIrqs = 160, securityExtensions = false, secure?: (cpu: number) => boolean) {
  const lines = new Map<number, { irq: boolean; fiq: boolean }>();
  const calls: number[] = [];
  const gic = new GicV2({
    numCpus, numIrqs, securityExtensions, isSecure: secure,
    outputs: (cpu, irq, fiq) => { lines.set(cpu, { irq, fiq }); calls.push(cpu); },
  });
  const d = {
    r: (off: number, cpu = 0, size = 4) => gic.distributor.read(off, size, cpu),
    w: (off: number, v: number, cpu = 0, size = 4) => gic.distributor.write(off, size, v, cpu),
  };
  const c = {
    r: (off: number, cpu = 0) => gic.cpuInterface.read(off, 4, cpu),
    w: (off: number, v: number, cpu = 0) => gic.cpuInterface.write(off, 4, v, cpu),
  };
  const irq = (cpu: number) => lines.get(cpu)?.irq ?? false;
  const fiq = (cpu: number) => lines.get(cpu)?.fiq ?? false;
  return { gic, d, c, irq, fiq, calls };
}

/** Turn on distributor and CPU interfaces (both groups), mask at 0xf0. */
function enableAll(g: ReturnType<typeof make>, cpus: number, ctlr = 1) {
  g.d.w(D.CTLR, ctlr);
  for (let cpu = 0; cpu < cpus; cpu++) { g.c.w(C.CTLR, ctlr, cpu); g.c.w(C.PMR, 0xf0, cpu); }
}

function instances(r: GicRegDef): number[] {
  return Array.from({ length: r.count ?? 1 }, (_, i) => r.offset + 4 * i);
}

describe("GICv2 register table", () => {
  for (const [cpus, irqs, sec] of [[1, 160, true], [4, 160, true], [2, 288, false], [8, 1020 - 28, false]] as const) {
    it(`reset values, read-only and write-only registers (${cpus} CPUs, ${irqs} IDs, security ${sec})`, () => {
      const g = make(cpus, irqs, sec);
      const regs = [...gicdRegs(cpus, irqs, sec).map((r) => ({ r, dev: g.d })), ...giccRegs().map((r) => ({ r, dev: g.c }))];
      for (const { r, dev } of regs) {
        for (const off of instances(r)) {
          expect(dev.r(off) >>> 0, `${r.name} @${off.toString(16)}`).toBe(r.access === "wo" ? 0 : (r.reset ?? 0) >>> 0);
        }
      }
      for (const { r, dev } of regs) {
        if (r.access !== "ro") continue;
        for (const off of instances(r)) {
          const before = dev.r(off);
          dev.w(off, 0xffffffff);
          expect(dev.r(off), r.name).toBe(before);
        }
      }
      expect(g.d.r(0x004)).toBe((irqs / 32 - 1) | ((cpus - 1) << 5) | (sec ? 0x400 : 0));
    });
  }

  it("banked registers keep one copy per CPU", () => {
    const g = make(4);
    g.d.w(D.ISENABLER, 0x08000000, 1);
    g.d.w(D.IPRIORITYR + 27, 0xa0, 2, 1);
    g.c.w(C.PMR, 0x80, 3);
    expect(g.d.r(D.ISENABLER, 1)).toBe(0x0800ffff);
    expect(g.d.r(D.ISENABLER, 0)).toBe(0x0000ffff);
    expect(g.d.r(D.IPRIORITYR + 24, 2)).toBe(0xa0000000);
    expect(g.d.r(D.IPRIORITYR + 24, 1)).toBe(0);
    expect(g.c.r(C.PMR, 3)).toBe(0x80);
    expect(g.c.r(C.PMR, 0)).toBe(0);
    expect(g.d.r(D.ITARGETSR, 2)).toBe(0x04040404);
    // SPI state is shared
    g.d.w(D.ISENABLER + 4, 1, 3);
    expect(g.d.r(D.ISENABLER + 4, 0)).toBe(1);
  });
});

describe("GICv2 SGIs", () => {
  it("records the source CPU per target and acknowledges one source at a time", () => {
    const g = make(4);
    enableAll(g, 4);
    g.d.w(D.SGIR, (1 << 16) | 3, 1); // CPU1 -> CPU0, SGI 3
    g.d.w(D.SGIR, (1 << 16) | 3, 2); // CPU2 -> CPU0, SGI 3
    expect(g.irq(0)).toBe(true);
    expect(g.irq(1) || g.irq(2) || g.irq(3)).toBe(false);
    expect(g.d.r(D.SPENDSGIR, 0)).toBe(0x06 << 24);
    expect(g.c.r(C.IAR, 0)).toBe((1 << 10) | 3);
    expect(g.irq(0)).toBe(false); // SGI 3 now active on CPU0
    g.c.w(C.EOIR, (1 << 10) | 3, 0);
    expect(g.irq(0)).toBe(true);
    expect(g.c.r(C.IAR, 0)).toBe((2 << 10) | 3);
    expect(g.d.r(D.ISPENDR, 0) & 8).toBe(0);
    g.c.w(C.EOIR, 3, 0);
    expect(g.c.r(C.IAR, 0)).toBe(1023);
  });

  it("target filters: list, all but self, self", () => {
    const g = make(4);
    enableAll(g, 4);
    g.d.w(D.SGIR, (1 << 24) | 5, 2);
    expect([0, 1, 2, 3].map(g.irq)).toEqual([true, true, false, true]);
    for (const cpu of [0, 1, 3]) {
      expect(g.c.r(C.IAR, cpu)).toBe((2 << 10) | 5);
      g.c.w(C.EOIR, (2 << 10) | 5, cpu);
    }
    g.d.w(D.SGIR, (2 << 24) | 6, 3);
    expect([0, 1, 2, 3].map(g.irq)).toEqual([false, false, false, true]);
    expect(g.c.r(C.HPPIR, 3)).toBe(6); // HPPIR carries no source
    expect(g.c.r(C.IAR, 3)).toBe((3 << 10) | 6);
  });

  it("SPENDSGIR/CPENDSGIR set and clear per source; ISPENDR cannot touch SGIs", () => {
    const g = make(2);
    g.d.w(D.ISPENDR, 0xffff, 1);
    expect(g.d.r(D.ISPENDR, 1)).toBe(0);
    g.d.w(D.SPENDSGIR + 9, 0x03, 1, 1); // SGI 9 pending on CPU1 from CPUs 0 and 1
    expect(g.d.r(D.SPENDSGIR + 8, 1) >>> 8 & 0xff).toBe(0x03);
    expect(g.d.r(D.SPENDSGIR + 8, 0)).toBe(0);
    expect(g.d.r(D.ISPENDR, 1)).toBe(1 << 9);
    g.d.w(D.CPENDSGIR + 9, 0x01, 1, 1);
    expect(g.d.r(D.ISPENDR, 1)).toBe(1 << 9);
    g.d.w(D.CPENDSGIR + 9, 0x02, 1, 1);
    expect(g.d.r(D.ISPENDR, 1)).toBe(0);
  });
});

describe("GICv2 inputs, priorities and the interrupt life cycle", () => {
  it("level SPI: pending follows the line; latch cleared by acknowledge; targets choose the CPU", () => {
    const g = make(2);
    enableAll(g, 2);
    g.d.w(D.ISENABLER + 4, 1 << 8); // SPI 40
    g.d.w(D.ITARGETSR + 40, 2, 0, 1);
    g.gic.setSpi(40, true);
    expect([g.irq(0), g.irq(1)]).toEqual([false, true]);
    expect(g.c.r(C.IAR, 0)).toBe(1023);
    expect(g.c.r(C.IAR, 1)).toBe(40);
    expect(g.d.r(D.ISPENDR + 4) & (1 << 8)).not.toBe(0); // line still high
    g.gic.setSpi(40, false);
    expect(g.d.r(D.ISPENDR + 4) & (1 << 8)).toBe(0);
    g.c.w(C.EOIR, 40, 1);
    expect(g.irq(1)).toBe(false);
  });

  it("edge SPI latches a rising edge until acknowledged", () => {
    const g = make(1);
    enableAll(g, 1);
    g.d.w(D.ISENABLER + 4, 1 << 8);
    g.d.w(D.ICFGR + 8, 2 << 16); // ID 40 edge
    g.gic.setSpi(40, true);
    g.gic.setSpi(40, false);
    expect(g.irq(0)).toBe(true);
    expect(g.c.r(C.IAR)).toBe(40);
    expect(g.irq(0)).toBe(false);
    g.gic.setSpi(40, true); // a new edge while active: pending and active
    expect(g.d.r(D.ISPENDR + 4) & (1 << 8)).not.toBe(0);
    expect(g.d.r(D.ISACTIVER + 4) & (1 << 8)).not.toBe(0);
    g.c.w(C.EOIR, 40);
    expect(g.irq(0)).toBe(true);
  });

  it("PPIs are per CPU", () => {
    const g = make(2);
    enableAll(g, 2);
    g.d.w(D.ISENABLER, 1 << 30, 0);
    g.d.w(D.ISENABLER, 1 << 30, 1);
    g.gic.setPpi(1, 30, true);
    expect([g.irq(0), g.irq(1)]).toEqual([false, true]);
    expect(g.c.r(C.IAR, 1)).toBe(30);
    expect(g.d.r(D.ISACTIVER, 1)).toBe(1 << 30);
    expect(g.d.r(D.ISACTIVER, 0)).toBe(0);
    expect(() => g.gic.setPpi(0, 12, true)).toThrow();
    expect(() => g.gic.setSpi(160, true)).toThrow();
  });

  it("a higher priority preempts; equal group priority under the binary point does not", () => {
    const g = make(1);
    enableAll(g, 1);
    g.d.w(D.ISENABLER + 4, 7); // 32, 33, 34
    g.d.w(D.IPRIORITYR + 32, 0x00305080);
    g.gic.setSpi(32, true);
    expect(g.c.r(C.IAR)).toBe(32);
    expect(g.c.r(C.RPR)).toBe(0x80);
    g.gic.setSpi(33, true); // 0x50 < 0x80
    expect(g.irq(0)).toBe(true);
    expect(g.c.r(C.IAR)).toBe(33);
    expect(g.c.r(C.RPR)).toBe(0x50);
    // preemption level = priority >> 1: 0x40 -> APR2 bit 0, 0x28 -> APR1 bit 8
    expect([0xd0, 0xd4, 0xd8, 0xdc].map((o) => g.c.r(o))).toEqual([0, 1 << 8, 1, 0]);
    g.c.w(C.BPR, 4); // group priority bits [7:5]
    g.gic.setSpi(34, true); // 0x30 vs running 0x50: still preempts (full priority < running)
    expect(g.irq(0)).toBe(true);
    expect(g.c.r(C.IAR)).toBe(34);
    expect(g.c.r(C.RPR)).toBe(0x20); // 0x30 masked to its group priority
    g.c.w(C.EOIR, 34);
    g.c.w(C.EOIR, 33);
    g.c.w(C.EOIR, 32);
    expect(g.c.r(C.RPR)).toBe(0xff);
    expect([0xd0, 0xd4, 0xd8, 0xdc].map((o) => g.c.r(o))).toEqual([0, 0, 0, 0]);
  });

  it("priority mask and lowest ID on equal priority", () => {
    const g = make(1);
    enableAll(g, 1);
    g.d.w(D.ISENABLER + 4, 0x3);
    g.d.w(D.IPRIORITYR + 32, 0x4040);
    g.gic.setSpi(33, true);
    g.gic.setSpi(32, true);
    expect(g.c.r(C.HPPIR)).toBe(32);
    g.c.w(C.PMR, 0x40);
    expect(g.irq(0)).toBe(false);
    expect(g.c.r(C.HPPIR)).toBe(1023);
  });

  it("EOImode=1 splits priority drop (EOIR) from deactivation (DIR)", () => {
    const g = make(1);
    enableAll(g, 1, 1);
    g.c.w(C.CTLR, 0x201);
    g.d.w(D.ISENABLER + 4, 1);
    g.gic.setSpi(32, true);
    expect(g.c.r(C.IAR)).toBe(32);
    g.c.w(C.EOIR, 32);
    expect(g.c.r(C.RPR)).toBe(0xff);
    expect(g.d.r(D.ISACTIVER + 4)).toBe(1);
    expect(g.irq(0)).toBe(false); // active: not signalled again
    g.c.w(C.DIR, 32);
    expect(g.d.r(D.ISACTIVER + 4)).toBe(0);
    expect(g.irq(0)).toBe(true); // line still high
    g.c.w(C.CTLR, 1);
    g.c.r(C.IAR);
    g.c.w(C.DIR, 32); // ignored without EOImode
    expect(g.d.r(D.ISACTIVER + 4)).toBe(1);
  });

  it("spurious: 1023 with nothing pending, EOI of 1023 ignored", () => {
    const g = make(1);
    enableAll(g, 1);
    expect(g.c.r(C.IAR)).toBe(1023);
    g.c.w(C.EOIR, 1023);
    expect(g.c.r(C.RPR)).toBe(0xff);
  });

  it("reports output changes only, per CPU", () => {
    const g = make(2);
    enableAll(g, 2);
    g.calls.length = 0;
    g.d.w(D.ISENABLER + 4, 1);
    g.d.w(D.ITARGETSR + 32, 2, 0, 1);
    expect(g.calls).toEqual([]);
    g.gic.setSpi(32, true);
    expect(g.calls).toEqual([1]);
    g.gic.setSpi(32, true);
    expect(g.calls).toEqual([1]);
  });
});

describe("GICv2 groups, FIQ and the security extensions", () => {
  it("Group 0 goes to FIQ when FIQEn, Group 1 to IRQ; AckCtl gates Group 1 acknowledge", () => {
    const g = make(1, 160, false);
    g.d.w(D.CTLR, 3);
    g.c.w(C.CTLR, 0x0b); // EnableGrp0 | EnableGrp1 | FIQEn
    g.c.w(C.PMR, 0xff);
    g.d.w(D.ISENABLER + 4, 3);
    g.d.w(D.IGROUPR + 4, 2); // 33 Group 1
    g.gic.setSpi(32, true);
    expect([g.irq(0), g.fiq(0)]).toEqual([false, true]);
    g.c.w(C.CTLR, 0x03); // FIQEn off: Group 0 signals IRQ
    expect([g.irq(0), g.fiq(0)]).toEqual([true, false]);
    g.c.w(C.CTLR, 0x0b);
    g.d.w(D.ICENABLER + 4, 1);
    expect([g.irq(0), g.fiq(0)]).toEqual([false, false]);
    g.gic.setSpi(33, true);
    expect([g.irq(0), g.fiq(0)]).toEqual([true, false]);
    g.c.w(C.CTLR, 0x09); // Group 1 disabled at the CPU interface
    expect([g.irq(0), g.fiq(0)]).toEqual([false, false]);
    g.c.w(C.CTLR, 0x0b);
    expect(g.c.r(C.HPPIR)).toBe(1022);
    expect(g.c.r(C.IAR)).toBe(1022);
    g.c.w(C.CTLR, 0x0f);
    expect(g.c.r(C.IAR)).toBe(33);
    expect(g.c.r(C.NSAPR0)).toBe(1);
  });

  it("Secure and Non-secure views of the distributor", () => {
    let secure = true;
    const g = make(2, 160, true, () => secure);
    g.d.w(D.IGROUPR + 4, 0x2); // 33 Group 1, 32 Group 0
    g.d.w(D.ISENABLER + 4, 0x3);
    g.d.w(D.IPRIORITYR + 32, 0x00a04000);
    g.d.w(D.CTLR, 3);
    expect(g.d.r(D.CTLR)).toBe(3);
    secure = false;
    expect(g.d.r(D.CTLR)).toBe(1); // NS view: EnableGrp1 only
    g.d.w(D.CTLR, 0);
    secure = true;
    expect(g.d.r(D.CTLR)).toBe(1);
    secure = false;
    expect(g.d.r(D.IGROUPR + 4)).toBe(0);
    g.d.w(D.IGROUPR + 4, 0xffffffff);
    expect(g.d.r(D.ISENABLER + 4)).toBe(0x2); // Group 0 hidden
    g.d.w(D.ICENABLER + 4, 0x3);
    expect(g.d.r(D.IPRIORITYR + 32)).toBe(0x00008000); // Group 0 reads 0; 0x40 shows as 0x80
    g.d.w(D.IPRIORITYR + 33, 0x20, 0, 1);
    secure = true;
    expect(g.d.r(D.IGROUPR + 4)).toBe(0x2);
    expect(g.d.r(D.ISENABLER + 4)).toBe(0x1);
    expect(g.d.r(D.IPRIORITYR + 32)).toBe(0x00a09000);
  });

  it("Secure and Non-secure views of the CPU interface", () => {
    let secure = true;
    const g = make(1, 160, true, () => secure);
    g.d.w(D.CTLR, 3);
    g.c.w(C.CTLR, 0x61f);
    expect(g.c.r(C.CTLR)).toBe(0x61f);
    secure = false;
    expect(g.c.r(C.CTLR)).toBe(0x201); // EnableGrp1 -> bit0, EOImodeNS -> bit9
    g.c.w(C.CTLR, 0);
    secure = true;
    expect(g.c.r(C.CTLR)).toBe(0x21d); // NS write cleared EnableGrp1 and EOImodeNS only
    g.c.w(C.PMR, 0x40);
    secure = false;
    expect(g.c.r(C.PMR)).toBe(0);
    g.c.w(C.PMR, 0xff); // ignored: mask in the Secure half
    secure = true;
    expect(g.c.r(C.PMR)).toBe(0x40);
    g.c.w(C.PMR, 0xc0);
    secure = false;
    expect(g.c.r(C.PMR)).toBe(0x80);
    g.c.w(C.PMR, 0xf0);
    secure = true;
    expect(g.c.r(C.PMR)).toBe(0xf8);
    g.c.w(C.ABPR, 3);
    secure = false;
    expect(g.c.r(C.BPR)).toBe(1); // CBPR set: NS BPR is the Secure BPR + 1
    secure = true;
    g.c.w(C.CTLR, 0x00f);
    secure = false;
    expect(g.c.r(C.BPR)).toBe(3); // CBPR clear: NS BPR is the ABPR copy
    expect(g.c.r(C.ABPR)).toBe(0);
  });

  it("a Non-secure acknowledge sees only Group 1; a Non-secure EOI of Group 0 is ignored", () => {
    let secure = true;
    const g = make(1, 160, true, () => secure);
    g.d.w(D.CTLR, 3);
    g.c.w(C.CTLR, 0x3);
    g.c.w(C.PMR, 0xff);
    g.d.w(D.ISENABLER + 4, 1);
    g.gic.setSpi(32, true); // Group 0
    secure = false;
    expect(g.c.r(C.HPPIR)).toBe(1023);
    expect(g.c.r(C.IAR)).toBe(1023);
    secure = true;
    expect(g.c.r(C.IAR)).toBe(32);
    secure = false;
    g.c.w(C.EOIR, 32);
    secure = true;
    expect(g.c.r(C.RPR)).toBe(0);
    g.c.w(C.EOIR, 32);
    expect(g.c.r(C.RPR)).toBe(0xff);
  });
});

describe("GICv2 state", () => {
  it("arm_gic round trip mid-interrupt restores state and recomputes the outputs", () => {
    const a = make(2);
    enableAll(a, 2);
    a.d.w(D.ISENABLER + 4, 3);
    a.d.w(D.ITARGETSR + 32, 0x0103);
    a.gic.setSpi(32, true);
    a.gic.setSpi(33, true);
    expect(a.c.r(C.IAR, 1)).toBe(32);
    a.d.w(D.SGIR, (1 << 16) | 2, 1);
    const w = new ByteWriter();
    const desc = encodeVmsd(w, a.gic.vmstate.decl, a.gic.vmstate.state);
    const b = make(2);
    const sec = deviceSection("arm_gic", 0, b.gic.vmstate);
    const staged = sec.staging();
    decodeVmsd(new ByteReader(w.view()), sec.decl, staged, 12, desc);
    const report = { decisions: [] as string[], notes: [] as string[] };
    sec.check?.(staged, report);
    expect(report.decisions).toEqual([]);
    expect(b.irq(0)).toBe(false); // nothing applied before load()
    sec.load(staged);
    sec.postLoad?.();
    expect(b.irq(0)).toBe(true);
    expect(b.c.r(C.RPR, 1)).toBe(0);
    expect(b.c.r(C.IAR, 0)).toBe((1 << 10) | 2);
    expect(b.c.r(C.IAR, 0)).toBe(1023); // SGI 2 active: 33 has the same priority, no preemption
  });

  it("reset returns to the reset values and lowers the outputs", () => {
    const g = make(1);
    enableAll(g, 1);
    g.d.w(D.SGIR, (2 << 24) | 1);
    expect(g.irq(0)).toBe(true);
    g.gic.reset();
    expect(g.irq(0)).toBe(false);
    expect(g.d.r(D.CTLR)).toBe(0);
    expect(g.d.r(D.ISPENDR)).toBe(0);
  });
});
