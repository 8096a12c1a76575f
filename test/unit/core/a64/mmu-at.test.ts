// AT S1E0R/S1E0W/S1E1R/S1E1W (core/mmu/at64.ts): PAR_EL1 as QEMU 7.2 do_ats_write formats it,
// no TLB fill, no abort except an external abort on the walk.
import { describe, it, expect } from "vitest";
import { RAM_BASE } from "../../../helpers/core-harness.js";
import { a64State } from "../../../helpers/core-harness.js";
import { Mmu, AF, AP_EL1_RO, AP_RW, SH_OUTER, attrIndx, t0sz, t1sz, TG1_4K, ips, SCTLR_M } from "./mmu-setup.js";

const RAM = BigInt(RAM_BASE);

function setup(): { m: Mmu; root: number } {
  const m = new Mmu();
  const root = m.alloc();
  m.mair = 0x0000_0000_0000_4f00n; // attr1 = 0x4f
  m.tcr = t0sz(16) | t1sz(16) | TG1_4K | ips(5);
  m.ttbr0 = root;
  m.sctlr = SCTLR_M;
  return { m, root };
}

describe("AT to PAR_EL1", () => {
  it("success: PA[47:12], NS, bit 11, SH[8:7] and the MAIR attribute in [63:56]", () => {
    const { m, root } = setup();
    m.map(root, 0x7000n, RAM + 0x3000n, AF | attrIndx(1) | SH_OUTER, { leaf: 3, start: 0 });
    expect(m.par(0x7abcn)).toBe((0x4fn << 56n) | RAM + 0x3000n | (2n << 7n) | (1n << 9n) | (1n << 11n));
  });
  it("a fault: F = 1 and the status code in FST, S and PTW clear; the read/write and EL0/EL1 forms differ", () => {
    const { m, root } = setup();
    m.map(root, 0x7000n, RAM + 0x3000n, AF | AP_EL1_RO, { leaf: 3, start: 0 });
    expect(m.par(0x7000n)).toBe(RAM + 0x3a00n);
    expect(m.par(0x7000n, true)).toBe(0x800n | (0x0fn << 1n) | 1n);
    expect(m.par(0x7000n, false, true)).toBe(0x81fn);
    m.map(root, 0x7000n, RAM + 0x3000n, AF | AP_RW, { leaf: 3, start: 0 });
    expect(m.par(0x7000n, true, true)).toBe(RAM + 0x3a00n);
    expect(m.par(0x8000n)).toBe(0x80fn); // level 3 translation fault
  });
  it("the MMU off: the flat PA, Device-nGnRnE, non-shareable", () => {
    const m = new Mmu();
    expect(m.par(0x1234_5678n)).toBe(0x1234_5a00n);
    expect(m.par(1n << 44n)).toBe(0x801n);
  });
  it("the operation writes PAR_EL1 and fills no TLB entry", () => {
    const { m, root } = setup();
    m.map(root, 0x7000n, RAM + 0x3000n, AF, { leaf: 3, start: 0 });
    expect(m.at(0x7008n)).toBe(true);
    expect(m.get64("PAR")).toBe(RAM + 0x3a00n);
    for (let t = 0; t < 6; t++) expect(m.inTlb(0x7000n, t)).toBe(false);
    expect(m.at(0x9008n, true)).toBe(true);
    expect(m.get64("PAR")).toBe(0x80fn);
  });
  it("an external abort on the walk is a Data Abort (EC 0x25, CM, WnR, DFSC 0x14 + level), PAR kept (as QEMU)", () => {
    const { m } = setup();
    m.set64("PAR", 0x1234000n);
    m.ttbr0 = 0x1_0000_0000n; // nothing there
    expect(m.at(0x7008n)).toBe(false);
    expect(m.esr).toBe(0x96000154);
    expect(m.far).toBe(0x7008n);
    expect(m.get64("PAR")).toBe(0x1234000n);
    expect(a64State(m.h).pc).toBe(0x200n); // VBAR_EL1 (0) + current EL with SP_ELx
  });
});
