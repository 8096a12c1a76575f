// Every register of the GICv3's tables after reset (values read from QEMU 7.2's virt,
// gic-version=3: see registers.ts), the bits a write can change, and the CPU interface's
// system registers' reset values and write masks (as roms/a64/gicv3.elf also checks against QEMU).
import { describe, expect, it } from "vitest";
import { gicdRegs, gicrRdRegs, gicrSgiRegs } from "../../../../machines/gic/gicv3/registers.js";
import { ICC, RD_SGI, makeGic } from "./helpers.js";

describe("GICv3 register tables", () => {
  for (const lpis of [true, false]) {
    it(`distributor registers read their reset values (LPIs ${lpis})`, () => {
      const g = makeGic(2, { lpis });
      for (const r of gicdRegs(288, lpis)) {
        if (r.access === "wo") continue;
        const step = r.width === 64 ? 8 : 4;
        for (let i = 0; i < (r.count ?? 1); i++) expect(g.dr(r.offset + step * i), `${r.name}[${i}]`).toBe(r.reset ?? 0);
      }
      expect(g.dr(0x4) & 0x1f).toBe(7); // QEMU 7.2: (288 - 32) / 32 - 1
      expect((g.dr(0x4) >>> 17) & 1).toBe(lpis ? 1 : 0);
    });

    it(`redistributor registers read their reset values (LPIs ${lpis})`, () => {
      const g = makeGic(3, { lpis });
      for (let cpu = 0; cpu < 3; cpu++) {
        for (const r of gicrRdRegs(cpu, 3, lpis)) expect(g.rr(cpu, r.offset), `cpu${cpu} ${r.name}`).toBe(r.reset ?? 0);
        for (const r of gicrSgiRegs()) {
          for (let i = 0; i < (r.count ?? 1); i++) expect(g.rr(cpu, RD_SGI + r.offset + 4 * i), `cpu${cpu} ${r.name}`).toBe(r.reset ?? 0);
        }
        expect(g.rr(cpu, 0xc)).toBe(cpu); // GICR_TYPER[63:32]: Aff0 = CPU number
      }
    });
  }

  it("writes change only the writable bits", () => {
    const g = makeGic(1);
    g.dw(0x0, 0xffffffff);
    expect(g.dr(0x0)).toBe(0x53);
    g.dw(0x84, 0xffffffff);
    expect(g.dr(0x84)).toBe(0xffffffff);
    g.dw(0x80, 0xffffffff); // interrupts 0..31: RAZ/WI with affinity routing
    expect(g.dr(0x80)).toBe(0);
    g.dw(0xd04, 0xffffffff); // IGRPMODR: RAZ/WI with DS
    expect(g.dr(0xd04)).toBe(0);
    g.dw(0xe08, 0xffffffff);
    expect(g.dr(0xe08)).toBe(0);
    g.dw(0xc08, 0xffffffff);
    expect(g.dr(0xc08)).toBe(0xaaaaaaaa);
    g.dw(0x400 + 287, 0xff, 1);
    expect(g.dr(0x400 + 287, 1)).toBe(0xff);
    g.dw(0x6000 + 8 * 40, 0xffffffff);
    g.dw(0x6000 + 8 * 40 + 4, 0xffffffff);
    expect([g.dr(0x6000 + 8 * 40), g.dr(0x6004 + 8 * 40)]).toEqual([0xffffffff, 0xffffffff]); // stored as written
    g.dw(0x40, 40); // SETSPI_NSR: RAZ/WI (GICD_TYPER.MBIS = 0)
    expect(g.dr(0x204)).toBe(0);
    g.rw(0, 0x0, 0xffffffff);
    expect(g.rr(0, 0x0)).toBe(3);
    g.rw(0, 0x0, 0);
    expect(g.rr(0, 0x0)).toBe(2);
    g.rw(0, 0x14, 0xffffffff);
    expect(g.rr(0, 0x14)).toBe(6);
    g.rw(0, 0x14, 0);
    expect(g.rr(0, 0x14)).toBe(0);
    g.rw(0, 0x70, 0xffffffff); g.rw(0, 0x74, 0xffffffff);
    expect([g.rr(0, 0x70), g.rr(0, 0x74)]).toEqual([0xffffffff, 0xffffffff]);
    g.rw(0, RD_SGI + 0xc00, 0x55555555);
    expect(g.rr(0, RD_SGI + 0xc00)).toBe(0xaaaaaaaa);
    g.rw(0, RD_SGI + 0xc04, 0xffffffff);
    expect(g.rr(0, RD_SGI + 0xc04)).toBe(0xaaaaaaaa);
    g.rw(0, RD_SGI + 0xd00, 0xffffffff);
    expect(g.rr(0, RD_SGI + 0xd00)).toBe(0);
  });

  it("CPU interface registers: reset values and write masks (QEMU's A57: 5 priority bits)", () => {
    const g = makeGic(1);
    const reset: Record<string, number> = {
      ICC_PMR_EL1: 0, ICC_BPR0_EL1: 2, ICC_BPR1_EL1: 3, ICC_CTLR_EL1: 0x8c00, ICC_SRE_EL1: 7, ICC_RPR_EL1: 0xff,
      ICC_HPPIR0_EL1: 1023, ICC_HPPIR1_EL1: 1023, ICC_IGRPEN0_EL1: 0, ICC_IGRPEN1_EL1: 0, ICC_AP0R0_EL1: 0, ICC_AP1R0_EL1: 0,
    };
    for (const [name, v] of Object.entries(reset)) expect(g.icc(0, ICC[name]), name).toBe(v);
    g.iccw(0, ICC.ICC_PMR_EL1, 0xffff);
    expect(g.icc(0, ICC.ICC_PMR_EL1)).toBe(0xfff8);
    g.iccw(0, ICC.ICC_BPR0_EL1, 0);
    expect(g.icc(0, ICC.ICC_BPR0_EL1)).toBe(2);
    g.iccw(0, ICC.ICC_BPR1_EL1, 0);
    expect(g.icc(0, ICC.ICC_BPR1_EL1)).toBe(3);
    g.iccw(0, ICC.ICC_BPR1_EL1, 9); // >= the minimum: bits [2:0] kept
    expect(g.icc(0, ICC.ICC_BPR1_EL1)).toBe(1);
    g.iccw(0, ICC.ICC_CTLR_EL1, 0xffffffff);
    expect(g.icc(0, ICC.ICC_CTLR_EL1)).toBe(0x8c03);
    g.iccw(0, ICC.ICC_SRE_EL1, 0);
    expect(g.icc(0, ICC.ICC_SRE_EL1)).toBe(7);
    g.iccw(0, ICC.ICC_IGRPEN0_EL1, 0xff);
    g.iccw(0, ICC.ICC_IGRPEN1_EL1, 0xfe);
    expect([g.icc(0, ICC.ICC_IGRPEN0_EL1), g.icc(0, ICC.ICC_IGRPEN1_EL1)]).toEqual([1, 0]);
    g.iccw(0, ICC.ICC_AP1R0_EL1, 0xffffffff);
    expect(g.icc(0, ICC.ICC_AP1R0_EL1)).toBe(0xffffffff);
    expect(g.icc(0, ICC.ICC_RPR_EL1)).toBe(0); // level 0 active
  });
});
