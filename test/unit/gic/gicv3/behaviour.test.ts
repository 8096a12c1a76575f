// GICv3 behaviour with several CPUs (roms/a64/gicv3.elf covers one CPU against QEMU): SGIs by
// affinity, target list and IRM; the group an SGI register may raise; SPI routing by IROUTER
// (IRM stored, not used, as in QEMU 7.2); level and edge lines; group 0 as FIQ; preemption
// and EOImode; LPIs from the tables in RAM and the ITS's entry points (processLpi, moveLpi,
// moveAllLpis).
import { describe, expect, it } from "vitest";
import { ICC, RD_SGI, makeGic, testRam } from "./helpers.js";

const sgi = (intid: number, targets: number, opts: { aff1?: number; irm?: boolean } = {}) =>
  ({ lo: ((intid << 24) | ((opts.aff1 ?? 0) << 16) | targets) >>> 0, hi: opts.irm ? 1 << 8 : 0 });

/** Both groups on in the distributor and every CPU interface; SGIs/PPIs group 1 and enabled. */
function ready(numCpus: number, opts: Parameters<typeof makeGic>[1] = {}) {
  const g = makeGic(numCpus, opts);
  g.dw(0, 3);
  for (let c = 0; c < numCpus; c++) {
    g.rw(c, RD_SGI + 0x80, 0xffffffff);
    g.rw(c, RD_SGI + 0x100, 0xffffffff);
    g.iccw(c, ICC.ICC_PMR_EL1, 0xff);
    g.iccw(c, ICC.ICC_IGRPEN0_EL1, 1);
    g.iccw(c, ICC.ICC_IGRPEN1_EL1, 1);
  }
  return g;
}

describe("GICv3 SGIs", () => {
  it("go to the CPUs of the target list at the given Aff1, or to all others with IRM", () => {
    const g = ready(20); // CPUs 16..19 have Aff1 = 1 (QEMU virt's GICv3 clusters of 16)
    const s = sgi(3, 0b1010);
    g.iccw(0, ICC.ICC_SGI1R_EL1, s.lo, s.hi);
    expect(g.lines.map((l, c) => (l ? c : -1)).filter((c) => c >= 0)).toEqual([1, 3]);
    const t = sgi(4, 0b0101, { aff1: 1 });
    g.iccw(0, ICC.ICC_SGI1R_EL1, t.lo, t.hi);
    expect(g.icc(16, ICC.ICC_HPPIR1_EL1)).toBe(4);
    expect(g.icc(18, ICC.ICC_HPPIR1_EL1)).toBe(4);
    expect(g.icc(17, ICC.ICC_HPPIR1_EL1)).toBe(1023);
    expect(g.icc(0, ICC.ICC_HPPIR1_EL1)).toBe(1023);
    const all = sgi(5, 0, { irm: true });
    g.iccw(2, ICC.ICC_SGI1R_EL1, all.lo, all.hi);
    for (let c = 0; c < 20; c++) expect((g.rr(c, RD_SGI + 0x200) >>> 5) & 1, `CPU ${c}`).toBe(c === 2 ? 0 : 1);
  });

  it("SGI1R raises group 1 SGIs only, SGI0R and ASGI1R group 0 ones only (DS = 1); group 0 is FIQ", () => {
    const g = ready(2);
    g.rw(1, RD_SGI + 0x80, ~(1 << 2)); // SGI 2 of CPU 1 in group 0
    const to1 = (n: number) => sgi(n, 0b10);
    g.iccw(0, ICC.ICC_SGI0R_EL1, to1(1).lo);
    g.iccw(0, ICC.ICC_SGI1R_EL1, to1(2).lo);
    expect(g.rr(1, RD_SGI + 0x200)).toBe(0);
    g.iccw(0, ICC.ICC_ASGI1R_EL1, to1(2).lo);
    expect(g.lines[1]).toBe(2);
    expect(g.icc(1, ICC.ICC_HPPIR0_EL1)).toBe(2);
    expect(g.icc(1, ICC.ICC_IAR1_EL1)).toBe(1023);
    expect(g.icc(1, ICC.ICC_IAR0_EL1)).toBe(2);
    expect(g.lines[1]).toBe(0);
    g.iccw(0, ICC.ICC_SGI1R_EL1, to1(1).lo);
    expect(g.lines[1]).toBe(0); // priority 0 is active: nothing preempts it
    g.iccw(1, ICC.ICC_EOIR0_EL1, 2);
    expect(g.lines[1]).toBe(1);
  });
});

describe("GICv3 SPIs and PPIs", () => {
  it("an SPI goes to the CPU whose affinity its IROUTER names; IRM is stored and ignored", () => {
    const g = ready(4);
    g.dw(0x84, 1 << 8); g.dw(0x104, 1 << 8);
    g.dw(0x6000 + 8 * 40, 2);
    g.gic.setSpi(40, true);
    expect(g.lines).toEqual([0, 0, 1, 0]);
    g.dw(0x6000 + 8 * 40, 7); // no CPU with Aff0 7
    expect(g.lines).toEqual([0, 0, 0, 0]);
    g.dw(0x6000 + 8 * 40, 0x80000001);
    expect(g.lines).toEqual([0, 1, 0, 0]);
    g.gic.setSpi(40, false); // level-triggered: the line was the only reason
    expect(g.lines).toEqual([0, 0, 0, 0]);
    expect(g.dr(0x204)).toBe(0);
  });

  it("edge-triggered lines latch; level ones stay pending while high, even after acknowledge", () => {
    const g = ready(1);
    g.dw(0x84, 3 << 8); g.dw(0x104, 3 << 8);
    g.dw(0xc08, 2 << 16); // SPI 40 edge, 41 level
    g.gic.setSpi(40, true); g.gic.setSpi(40, false);
    g.gic.setSpi(41, true);
    expect(g.dr(0x204)).toBe(3 << 8);
    expect(g.icc(0, ICC.ICC_IAR1_EL1)).toBe(40);
    g.iccw(0, ICC.ICC_EOIR1_EL1, 40);
    expect(g.icc(0, ICC.ICC_IAR1_EL1)).toBe(41);
    expect(g.dr(0x204)).toBe(2 << 8); // 41's line still high
    expect(g.dr(0x304)).toBe(2 << 8);
    g.iccw(0, ICC.ICC_EOIR1_EL1, 41);
    expect(g.icc(0, ICC.ICC_HPPIR1_EL1)).toBe(41);
    g.gic.setSpi(41, false);
    expect(g.icc(0, ICC.ICC_HPPIR1_EL1)).toBe(1023);
  });

  it("PPIs are per CPU and can be made edge-triggered (GICR_ICFGR1)", () => {
    const g = ready(2);
    g.gic.setPpi(1, 27, true);
    expect(g.lines).toEqual([0, 1]);
    g.gic.setPpi(1, 27, false);
    expect(g.lines).toEqual([0, 0]);
    g.rw(0, RD_SGI + 0xc04, 2 << 22); // PPI 27 edge on CPU 0
    g.gic.setPpi(0, 27, true); g.gic.setPpi(0, 27, false);
    expect(g.lines).toEqual([1, 0]);
    expect(g.rr(0, RD_SGI + 0x280)).toBe(1 << 27);
  });
});

describe("GICv3 priorities", () => {
  it("preemption by group priority, running priority, EOImode 1 with DIR", () => {
    const g = ready(1);
    g.rw(0, RD_SGI + 0x400, 0x40a08000); // SGI 0: 00, 1: 80, 2: a0, 3: 40
    g.iccw(0, ICC.ICC_SGI1R_EL1, sgi(2, 1).lo);
    expect(g.icc(0, ICC.ICC_IAR1_EL1)).toBe(2);
    expect(g.icc(0, ICC.ICC_RPR_EL1)).toBe(0xa0);
    g.iccw(0, ICC.ICC_SGI1R_EL1, sgi(1, 1).lo);
    expect(g.lines[0]).toBe(1);
    g.iccw(0, ICC.ICC_BPR1_EL1, 7); // group priority is bit 7 only: 80 does not preempt a0
    expect(g.lines[0]).toBe(0);
    g.iccw(0, ICC.ICC_BPR1_EL1, 3);
    g.iccw(0, ICC.ICC_CTLR_EL1, 2); // EOImode 1
    expect(g.icc(0, ICC.ICC_IAR1_EL1)).toBe(1);
    g.iccw(0, ICC.ICC_EOIR1_EL1, 1);
    expect(g.icc(0, ICC.ICC_RPR_EL1)).toBe(0xa0);
    expect(g.rr(0, RD_SGI + 0x300)).toBe(0b110);
    g.iccw(0, ICC.ICC_DIR_EL1, 1);
    expect(g.rr(0, RD_SGI + 0x300)).toBe(0b100);
    g.iccw(0, ICC.ICC_EOIR1_EL1, 2);
    g.iccw(0, ICC.ICC_DIR_EL1, 2);
    expect([g.icc(0, ICC.ICC_RPR_EL1), g.rr(0, RD_SGI + 0x300)]).toEqual([0xff, 0]);
  });
});

describe("GICv3 LPIs", () => {
  const BASE = 0x4000_0000, PROP = BASE, PEND = BASE + 0x10000;
  function lpiGic(numCpus: number) {
    const ram = testRam(BASE, 0x10000 * (numCpus + 1));
    const g = ready(numCpus, { ram });
    for (let c = 0; c < numCpus; c++) {
      g.rw(c, 0x70, PROP | 13); // IDbits 13: INTIDs up to 16383
      g.rw(c, 0x78, PEND + 0x10000 * c);
      g.rw(c, 0x0, 1);
    }
    const pendBit = (c: number, id: number) => (ram.bytes[0x10000 * (c + 1) + (id >> 3)] >> (id & 7)) & 1;
    return { g, ram, pendBit };
  }

  it("processLpi sets the pending bit in RAM; the property table gives priority and enable", () => {
    const { g, ram, pendBit } = lpiGic(2);
    ram.bytes[8200 - 8192] = 0x60 | 1;
    ram.bytes[8201 - 8192] = 0x20; // disabled
    g.gic.processLpi(1, 8201, true);
    expect(g.lines).toEqual([0, 0]);
    g.gic.processLpi(1, 8200, true);
    expect(g.lines).toEqual([0, 1]);
    expect(pendBit(1, 8200)).toBe(1);
    expect(g.icc(1, ICC.ICC_IAR1_EL1)).toBe(8200);
    expect(pendBit(1, 8200)).toBe(0);
    expect(g.icc(1, ICC.ICC_RPR_EL1)).toBe(0x60);
    g.iccw(1, ICC.ICC_EOIR1_EL1, 8200);
    expect(g.icc(1, ICC.ICC_RPR_EL1)).toBe(0xff);
    g.gic.processLpi(1, 16384, true); // beyond IDbits: ignored
    expect(g.lines).toEqual([0, 0]);
  });

  it("moveLpi and moveAllLpis carry pending state between redistributors", () => {
    const { g, ram, pendBit } = lpiGic(3);
    for (const id of [8192, 8300, 9000]) ram.bytes[id - 8192] = 0xa0 | 1;
    g.gic.processLpi(0, 8300, true);
    g.gic.moveLpi(0, 2, 8300);
    expect([pendBit(0, 8300), pendBit(2, 8300)]).toEqual([0, 1]);
    expect(g.lines).toEqual([0, 0, 1]);
    g.gic.processLpi(1, 8192, true);
    g.gic.processLpi(1, 9000, true);
    g.gic.moveAllLpis(1, 2);
    expect([pendBit(1, 8192), pendBit(1, 9000), pendBit(2, 8192), pendBit(2, 9000)]).toEqual([0, 0, 1, 1]);
    expect(g.lines).toEqual([0, 0, 1]);
    expect(g.icc(2, ICC.ICC_HPPIR1_EL1)).toBe(8192);
    expect(g.gic.cpuForRdbase(2)).toBe(2);
    expect(g.gic.cpuForRdbase(3)).toBeUndefined();
    expect(g.gic.redistributorCount).toBe(3);
  });

  it("a property change takes effect on updateLpis (the ITS's INV), EnableLPIs 0 hides them", () => {
    const { g, ram } = lpiGic(1);
    g.gic.processLpi(0, 8195, true);
    expect(g.lines).toEqual([0]); // property byte 0: disabled
    ram.bytes[3] = 0x80 | 1;
    g.gic.updateLpis(0);
    expect(g.lines).toEqual([1]);
    g.rw(0, 0x0, 0);
    expect(g.lines).toEqual([0]);
    g.rw(0, 0x0, 1);
    expect(g.lines).toEqual([1]);
  });
});
