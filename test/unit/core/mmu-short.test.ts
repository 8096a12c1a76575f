// Short-descriptor translation (ARM ARM B3.5). Expected PAR/DFSR/IFSR values come from the same
// tables run under qemu-system-arm 7.2 -M virt -cpu cortex-a15 (a bare-metal probe using ATS1Cxx
// and real aborts; see the report of this change for the probe's source).
import { describe, it, expect, beforeEach } from "vitest";
import { mmuHarness, type MmuHarness, RAM_BASE, MODE_USR, MODE_ABT, LDR_R1_R0, STR_R2_R0 } from "./mmu-harness.js";

const L1 = 0x40100000, L1B = 0x40104000, L2 = 0x40108000;
const sect = (pa: number, ap: number, dom: number, xn = 0) =>
  ((pa & 0xfff00000) | ((ap & 3) << 10) | ((ap >> 2) << 15) | (dom << 5) | (xn << 4) | 2) >>> 0;

function setup(): MmuHarness {
  const h = mmuHarness();
  const l1 = (i: number, d: number) => h.poke32(L1 + 4 * i, d >>> 0);
  const l2 = (i: number, d: number) => h.poke32(L2 + 4 * i, d >>> 0);
  for (let i = 0x400; i < 0x408; i++) l1(i, sect(i << 20, 3, 0));
  l1(0x100, sect(0x40200000, 1, 3));
  l1(0x101, sect(0x40200000, 3, 2));
  l1(0x103, L2 | (3 << 5) | 1);
  l2(0, 0x40201000 | (2 << 4) | 2);
  l2(2, 0x40202000 | (2 << 4) | 2);
  l2(3, 0x40203000 | (3 << 4) | 3);
  for (let i = 0x10; i < 0x20; i++) l2(i, 0x40210000 | (3 << 4) | 1);
  l1(0x104, L2 | (2 << 5) | 1);
  l1(0x105, sect(0x40200000, 0, 1));
  l1(0x106, sect(0x40200000, 3, 4));
  l1(0x107, sect(0x40200000, 5, 3));
  l1(0x108, sect(0x40200000, 7, 3));
  l1(0x109, sect(0x40200000, 4, 3));
  l1(0x10a, sect(0x40200000, 0, 3));
  l1(0x10b, sect(0x40200000, 2, 3));
  l1(0x10c, sect(0x40000000, 3, 0) | 1);
  l1(0x10d, 0x80000000 | 1);
  l1(0x10e, sect(0x40200000, 2, 0));
  l1(0x10f, sect(0x40200000, 7, 0));
  l1(0x110, sect(0x40000000, 3, 0, 1));
  for (let i = 0x200; i < 0x210; i++) l1(i, 0x40000000 | (1 << 18) | (2 << 20) | (1 << 5) | (3 << 10) | 2);
  for (let i = 0x210; i < 0x220; i++) l1(i, 0x40000000 | (1 << 18) | (3 << 10) | 2);
  h.wr("TTBR0_32", L1);
  h.wr("DACR", 0x1 | (3 << 2) | (0 << 4) | (1 << 6) | (2 << 8));
  h.wr("VBAR", 0x40000100);
  h.wr("SCTLR", 0x00c50079);
  return h;
}

describe("short-descriptor walk through ATS1Cxx (PAR values from QEMU)", () => {
  let h: MmuHarness;
  beforeEach(() => { h = setup(); });
  const cases: [string, "CPR" | "CPW" | "CUR" | "CUW", number, number][] = [
    ["section, PL1 read", "CPR", 0x10012345, 0x40212200],
    ["section AP=001, PL0 read: permission L1", "CUR", 0x10012345, 0x1b],
    ["no-access domain: domain L1", "CPR", 0x10100000, 0x13],
    ["unmapped: translation L1", "CPR", 0x10200000, 0x0b],
    ["small page AP=010, PL0 read", "CUR", 0x10300123, 0x40201200],
    ["small page AP=010, PL0 write: permission L2", "CUW", 0x10300123, 0x1f],
    ["invalid L2 entry: translation L2", "CUR", 0x10301000, 0x0f],
    ["large page", "CPR", 0x10312345, 0x40212200],
    ["page table in a no-access domain: domain L2", "CPR", 0x10400000, 0x17],
    ["manager domain ignores AP", "CUW", 0x10500000, 0x40200200],
    ["reserved domain value 10: domain fault", "CPR", 0x10600000, 0x13],
    ["AP=101 PL1 write", "CPW", 0x10700000, 0x1b],
    ["AP=101 PL1 read", "CPR", 0x10700000, 0x40200200],
    ["AP=101 PL0 read", "CUR", 0x10700000, 0x1b],
    ["AP=111 PL0 read", "CUR", 0x10800000, 0x40200200],
    ["AP=111 PL1 write", "CPW", 0x10800000, 0x1b],
    ["AP=100 reserved", "CPR", 0x10900000, 0x1b],
    ["AP=000 no access", "CPR", 0x10a00000, 0x1b],
    ["AP=010 PL0 write", "CUW", 0x10b00000, 0x1b],
    ["AP=010 PL0 read", "CUR", 0x10b00000, 0x40200200],
    ["PXN section (type 11) read", "CPR", 0x10c00000, 0x40000200],
    ["supersection: PA[31:24] and SS", "CPR", 0x20345678, 0x40000202],
  ];
  for (const [name, op, va, par] of cases) {
    it(name, () => { expect(h.ats(op, va)).toBe(BigInt(par)); });
  }

  it("MMU off: flat, NS set", () => {
    h.wr("SCTLR", 0x00c50078);
    expect(h.ats("CPR", 0x12345678)).toBe(0x12345200n);
  });

  it("external abort on the L2 walk is taken as a Data Abort, PAR unchanged, no WnR", () => {
    h.ats("CPR", 0x10c00000);
    h.wr("ATS1CPW", 0x10d00000);
    expect(h.rd64("PAR")).toBe(0x40000200n);
    expect(h.rd("DFSR")).toBe(0x0e);
    expect(h.rd("DFAR")).toBe(0x10d00000);
    expect(h.mode()).toBe(MODE_ABT);
  });

  it("TTBCR.N splits between TTBR0 and TTBR1; a TTBR1 table outside RAM aborts at L1", () => {
    h.wr("TTBR1_32", L1);
    h.wr("TTBCR", 0x37);
    expect(h.rd("TTBCR")).toBe(7);
    h.wr("TTBCR", 1);
    h.wr("TTBR1_32", L1B);
    h.poke32(L1B + 4 * 0x900, sect(0x40300000, 3, 0));
    h.wr("TLBIALL", 0);
    expect(h.ats("CPR", 0x90012345)).toBe(0x40312200n);
    expect(h.ats("CPR", 0x10012345)).toBe(0x40212200n);
    expect(h.ats("CPR", 0x80000000)).toBe(0x0bn); // TTBR1 table has no entry 0x800
    h.wr("TTBR1_32", 0x80000000);
    h.wr("ATS1CPR", 0x90000000);
    expect(h.rd("DFSR")).toBe(0x0c);
  });

  it("SCTLR.AFE: AP[0] is the access flag, AP[2:1] the simplified permissions", () => {
    h.wr("SCTLR", 0x00c50079 | (1 << 29));
    expect(h.ats("CPR", 0x10e00000)).toBe(0x07n);
    expect(h.ats("CPR", 0x10302000)).toBe(0x0dn);
    expect(h.ats("CUW", 0x10000000)).toBe(0x1bn);
    expect(h.ats("CUW", 0x10500000)).toBe(0x40200200n);
    expect(h.ats("CPW", 0x10f00000)).toBe(0x1bn);
    expect(h.ats("CUR", 0x10f00000)).toBe(0x40200200n);
    expect(h.ats("CUR", 0x10b00000)).toBe(0x07n);
  });

  it("SCTLR.XP=0 still uses the v6/v7 format (AP[2] honoured)", () => {
    h.wr("SCTLR", 0x00c50079 & ~(1 << 23));
    expect(h.ats("CPW", 0x10f00000)).toBe(0x1bn);
    expect(h.ats("CPR", 0x10f00000)).toBe(0x40200200n);
  });
});

describe("short-descriptor aborts from loads, stores and fetches (DFSR/IFSR from QEMU)", () => {
  let h: MmuHarness;
  beforeEach(() => { h = setup(); });
  const dabt = (word: number, va: number, mode = 0x13) => {
    h.exec(word, { 0: va, 1: 0x5a5a5a5a, 2: 0x1234 }, mode);
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.core.getReg(15) >>> 0).toBe(0x40000110);
    expect(h.rd("DFAR")).toBe(va >>> 0);
    return h.rd("DFSR");
  };
  it("translation L1 (domain 0)", () => { expect(dabt(LDR_R1_R0, 0x10200004)).toBe(0x005); });
  it("permission L1 on a store, with WnR and the domain", () => { expect(dabt(STR_R2_R0, 0x10700008)).toBe(0x83d); });
  it("translation L2 reports the page table's domain", () => { expect(dabt(LDR_R1_R0, 0x10301010)).toBe(0x037); });
  it("domain L1", () => { expect(dabt(LDR_R1_R0, 0x10100000)).toBe(0x029); });
  it("domain L2", () => { expect(dabt(LDR_R1_R0, 0x10400000)).toBe(0x02b); });
  it("external abort on the L2 walk", () => { expect(dabt(LDR_R1_R0, 0x10d00000)).toBe(0x00e); });
  it("AP=000", () => { expect(dabt(LDR_R1_R0, 0x10a00000)).toBe(0x03d); });
  it("access flag L1 and L2", () => {
    h.wr("SCTLR", 0x00c50079 | (1 << 29));
    expect(dabt(LDR_R1_R0, 0x10e00000)).toBe(0x003);
    expect(dabt(LDR_R1_R0, 0x10302000)).toBe(0x036);
  });
  it("the faulting load leaves its destination alone", () => {
    dabt(LDR_R1_R0, 0x10200000);
    expect(h.core.getReg(1) >>> 0).toBe(0x5a5a5a5a);
  });

  it("loads and stores go through sections, pages and supersections", () => {
    h.poke32(0x40212340, 0xcafef00d);
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    expect(h.core.getReg(1) >>> 0).toBe(0xcafef00d);
    h.exec(STR_R2_R0, { 0: 0x10300ff0, 2: 0x11223344 }); // small page, PL1 RW
    expect(h.peek32(0x40201ff0)).toBe(0x11223344);
    h.exec(LDR_R1_R0, { 0: 0x21000004 }); // supersection onto RAM_BASE
    expect(h.core.getReg(1) >>> 0).toBe(h.peek32(RAM_BASE + 4));
  });

  it("PL0 store to a user read-only page faults, PL1 store does not", () => {
    h.exec(STR_R2_R0, { 0: 0x10300000, 2: 7 }, MODE_USR);
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFSR")).toBe(0x83f);
    h.exec(STR_R2_R0, { 0: 0x10300000, 2: 7 });
    expect(h.peek32(0x40201000)).toBe(7);
  });

  it("a write to a PL1 read-only page faults even after a read filled the TLB", () => {
    h.exec(LDR_R1_R0, { 0: 0x10700010 });
    expect(h.mode()).not.toBe(MODE_ABT);
    expect(dabt(STR_R2_R0, 0x10700010)).toBe(0x83d);
  });

  const pabt = (va: number) => {
    h.core.setCpsr(0x1d3);
    h.core.setReg(15, va >>> 0);
    h.core.run(1);
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.core.getReg(15) >>> 0).toBe(0x4000010c);
    expect(h.rd("IFAR")).toBe(va >>> 0);
    return h.rd("IFSR");
  };
  it("XN section: permission L1", () => { expect(pabt(0x110100c8)).toBe(0x00d); });
  it("PXN section at PL1: permission L1", () => { expect(pabt(0x10c100c8)).toBe(0x00d); });
  it("XN small page: permission L2 with domain", () => { expect(pabt(0x10303000)).toBe(0x03f); });
  it("translation L1 on fetch", () => { expect(pabt(0x10200000)).toBe(0x005); });
  it("domain fault on fetch", () => { expect(pabt(0x10100000)).toBe(0x029); });
  it("PXN does not stop PL0 execution", () => {
    h.poke32(RAM_BASE + 0x200, 0xe3a05007); // mov r5, #7
    h.core.setCpsr(0x1d0);
    h.core.setReg(15, 0x10c00200);
    h.core.run(1);
    expect(h.core.getReg(5)).toBe(7);
    expect(h.mode()).toBe(MODE_USR);
  });
});

describe("TLB maintenance", () => {
  it("a changed entry becomes visible after TLBIMVA of an address in the section, not before", () => {
    const h = setup();
    h.poke32(0x40212340, 0x1111);
    h.poke32(0x40312340, 0x3333);
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    expect(h.core.getReg(1)).toBe(0x1111);
    h.poke32(L1 + 4 * 0x100, sect(0x40300000, 3, 0));
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    expect(h.core.getReg(1)).toBe(0x1111); // stale, as on hardware and QEMU
    h.wr("TLBIMVA", 0x10000000); // another page of the same 1 MiB section
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    expect(h.core.getReg(1)).toBe(0x3333);
  });

  it("TLBIMVA of a small page drops that page; TLBIALL, TLBIASID and DACR writes drop everything", () => {
    const h = setup();
    h.poke32(0x40201000, 0xaaaa);
    h.poke32(0x40202000, 0xbbbb);
    h.exec(LDR_R1_R0, { 0: 0x10300000 });
    expect(h.core.getReg(1)).toBe(0xaaaa);
    h.poke32(L2, 0x40202000 | (3 << 4) | 2);
    h.wr("TLBIMVAIS", 0x10300abc);
    h.exec(LDR_R1_R0, { 0: 0x10300000 });
    expect(h.core.getReg(1)).toBe(0xbbbb);
    for (const op of ["TLBIALL", "TLBIASID", "ITLBIALL", "DTLBIALL", "TLBIALLIS"]) {
      h.poke32(L2, 0x40201000 | (3 << 4) | 2);
      h.exec(LDR_R1_R0, { 0: 0x10300000 });
      h.poke32(L2, 0x40202000 | (3 << 4) | 2);
      h.wr(op, 0);
      h.exec(LDR_R1_R0, { 0: 0x10300000 });
      expect(h.core.getReg(1), op).toBe(0xbbbb);
    }
    h.poke32(L2, 0);
    h.wr("DACR", h.rd("DACR"));
    h.exec(LDR_R1_R0, { 0: 0x10300000 });
    expect(h.mode()).toBe(MODE_ABT);
  });

  it("a CONTEXTIDR (ASID) change flushes with short descriptors", () => {
    const h = setup();
    h.poke32(0x40212340, 0x1111);
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    h.poke32(L1 + 4 * 0x100, 0);
    h.wr("CONTEXTIDR", 0x105);
    h.exec(LDR_R1_R0, { 0: 0x10012340 });
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFSR")).toBe(0x005);
  });
});
