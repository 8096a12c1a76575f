// Long-descriptor (LPAE) translation (ARM ARM B3.6). Expected PAR/DFSR/IFSR values come from the
// same tables run under qemu-system-arm 7.2 -M virt -cpu cortex-a15.
import { describe, it, expect, beforeEach } from "vitest";
import { mmuHarness, type MmuHarness, RAM_BASE, MODE_ABT, MODE_USR, LDR_R1_R0, STR_R2_R0 } from "./mmu-harness.js";

const T1 = 0x40110000, T2 = 0x40111000, T3 = 0x40112000, T3B = 0x40113000, T1B = 0x40114000;
const AF = 1n << 10n;
const b = (n: number) => BigInt(n);

function setup(): MmuHarness {
  const h = mmuHarness();
  const e = (base: number, i: number, d: bigint) => h.poke64(base + 8 * i, d);
  e(T1, 0, b(T2 | 3));
  e(T1, 1, 0x40000000n | AF | (1n << 2n) | (3n << 8n) | 1n);
  e(T1, 3, 0x40000000n | 1n);
  e(T2, 0x80, b(T3 | 3));
  e(T2, 0x81, 0x40200000n | 1n);
  e(T2, 0x82, 0x40400000n | AF | (1n << 6n) | (1n << 54n) | 1n);
  e(T2, 0x83, b(T3B | 3) | (1n << 61n));
  e(T2, 0x84, b(T3B | 3) | (1n << 62n));
  e(T2, 0x85, 0x1240600000n | AF | (2n << 8n) | (1n << 2n) | 1n);
  e(T2, 0x86, b(T3B | 3) | (1n << 59n) | (1n << 60n));
  e(T2, 0x87, 0x40000000n | AF | (1n << 53n) | 1n);
  e(T3, 0, 0x40201000n | AF | (3n << 6n) | 3n);
  e(T3, 1, 0x40202000n | 3n);
  e(T3, 3, 0x40203000n | AF | 1n);
  e(T3B, 0, 0x40201000n | AF | (1n << 6n) | 3n);
  e(T1B, 0, 0x40000000n | AF | 1n);
  e(T2, 0x70, 0x40000000n | AF | (1n << 53n) | 1n);
  h.wr("PRRR", 0x0000ff44);
  h.wr("NMRR", 0x11223344);
  h.wr64("TTBR0", b(T1) | (5n << 48n));
  h.wr("TTBCR", 0x80000000);
  h.wr("VBAR", 0x40000100);
  h.wr("SCTLR", 0x00c50079);
  return h;
}

describe("LPAE walk through ATS1Cxx (64-bit PAR values from QEMU)", () => {
  let h: MmuHarness;
  beforeEach(() => { h = setup(); });
  const cases: [string, "CPR" | "CPW" | "CUR" | "CUW", number, bigint][] = [
    ["L3 page, PL1 read: attr from MAIR0, NS, LPAE bit", "CPR", 0x10000123, 0x4400000040201a00n],
    ["L3 page AP=11 read-only: permission L3", "CPW", 0x10000123, 0x81fn],
    ["L3 page with AF=0: access flag L3", "CPR", 0x10001000, 0x817n],
    ["invalid L3: translation L3", "CPR", 0x10002000, 0x80fn],
    ["reserved L3 encoding 01: translation L3", "CPR", 0x10003000, 0x80fn],
    ["L2 block with AF=0: access flag L2", "CPR", 0x10200000, 0x815n],
    ["L2 block AP=01 PL0 write", "CUW", 0x10412345, 0x4400000040412a00n],
    ["APTable[0]: PL0 read denied", "CUR", 0x10600000, 0x81fn],
    ["APTable[0]: PL1 write allowed", "CPW", 0x10600000, 0x4400000040201a00n],
    ["APTable[1]: PL1 write denied", "CPW", 0x10800000, 0x81fn],
    ["APTable[1]: PL0 read allowed", "CUR", 0x10800000, 0x4400000040201a00n],
    ["40-bit output address, MAIR attr index 1, SH=10", "CPR", 0x10a54321, 0xff00001240654b00n],
    ["invalid L1: translation L1", "CPR", 0x80000000, 0x80bn],
    ["L1 block with AF=0: access flag L1", "CPR", 0xc0000000, 0x813n],
    ["1 GiB L1 block, SH=11", "CPR", 0x40123456, 0xff00000040123b80n],
    ["invalid L2: translation L2", "CPR", 0x11000000, 0x80dn],
  ];
  for (const [name, op, va, par] of cases) {
    it(name, () => { expect(h.ats(op, va)).toBe(par); });
  }

  it("the 32-bit PAR view is the low word of the 64-bit PAR", () => {
    h.ats("CPR", 0x10a54321);
    expect(h.rd("PAR_32")).toBe(0x40654b00);
  });

  it("MMU off with EAE=1 gives the 64-bit format (Device attr 0)", () => {
    h.wr("SCTLR", 0x00c50078);
    expect(h.ats("CPR", 0x12345678)).toBe(0x12345a00n);
    expect(h.ats("CUW", 0x12345678)).toBe(0x12345a00n);
  });

  it("T0SZ/T1SZ split, EPD1, EPD0, start at level 2, the gap between ranges", () => {
    h.wr64("TTBR1", b(T1B));
    h.wr("TTBCR", 0x80010001);
    expect(h.ats("CPR", 0x80123456)).toBe(0x4400000040123a00n);
    expect(h.ats("CPR", 0xc0000000)).toBe(0x80bn);
    expect(h.ats("CPR", 0x10000000)).toBe(0x4400000040201a00n);
    h.wr("TTBCR", 0x80810001);
    expect(h.rd("TTBCR")).toBe(0x80810001);
    expect(h.ats("CPR", 0x80000000)).toBe(0x80bn);
    h.wr64("TTBR1", b(T1));
    h.wr("TTBCR", 0x80000082);
    expect(h.ats("CPR", 0x10000000)).toBe(0x80bn);
    expect(h.ats("CPR", 0x40123456)).toBe(0xff00000040123b80n);
    h.wr64("TTBR0", b(T2));
    h.wr("TTBCR", 0x80000002);
    expect(h.ats("CPR", 0x10200000)).toBe(0x815n);
    expect(h.ats("CPR", 0x10000000)).toBe(0x4400000040201a00n);
    expect(h.ats("CPR", 0x40000000)).toBe(0xff00000040000b80n);
    h.wr64("TTBR0", b(T1));
    h.wr("TTBCR", 0x80020001);
    expect(h.ats("CPR", 0x80000000)).toBe(0x80bn);
    expect(h.ats("CPR", 0xc0000000)).toBe(0x80fn);
  });

  it("TTBR base above 40 bits: address size fault at level 0", () => {
    h.wr64("TTBR1", 0x0000ff0040114000n);
    h.wr("TTBCR", 0x80000001);
    expect(h.ats("CPR", 0x80000000)).toBe(0x801n);
  });

  it("table outside RAM: ATS takes a Data Abort with the LPAE status, no WnR", () => {
    h.wr64("TTBR1", 0x80000000n);
    h.wr("TTBCR", 0x80000001);
    h.wr("ATS1CPW", 0x80000000);
    expect(h.rd("DFSR")).toBe(0x215);
    expect(h.mode()).toBe(MODE_ABT);
  });
});

describe("LPAE aborts from loads, stores and fetches (DFSR/IFSR from QEMU)", () => {
  let h: MmuHarness;
  beforeEach(() => { h = setup(); });
  const dabt = (word: number, va: number, mode = 0x13) => {
    h.exec(word, { 0: va, 2: 1 }, mode);
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFAR")).toBe(va >>> 0);
    return h.rd("DFSR");
  };
  it("access flag L3", () => { expect(dabt(LDR_R1_R0, 0x10001000)).toBe(0x20b); });
  it("permission L3 on a store (WnR)", () => { expect(dabt(STR_R2_R0, 0x10000000)).toBe(0xa0f); });
  it("translation L1", () => { expect(dabt(LDR_R1_R0, 0x80000000)).toBe(0x205); });
  it("APTable read-only on a store", () => { expect(dabt(STR_R2_R0, 0x10800000)).toBe(0xa0f); });
  it("translation fault in the gap between TTBR0 and TTBR1", () => {
    h.wr("TTBCR", 0x80020001);
    expect(dabt(LDR_R1_R0, 0x80000000)).toBe(0x205);
  });
  it("alignment faults use the long format", () => {
    h.wr("SCTLR", 0x00c5007b);
    expect(dabt(LDR_R1_R0, 0x10000002)).toBe(0x221);
  });

  const pabt = (va: number) => {
    h.core.setCpsr(0x1d3);
    h.core.setReg(15, va >>> 0);
    h.core.run(1);
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("IFAR")).toBe(va >>> 0);
    return h.rd("IFSR");
  };
  it("XN block", () => { expect(pabt(0x10400000)).toBe(0x20e); });
  it("PXN block at PL1", () => { expect(pabt(0x0e000100)).toBe(0x20e); });
  it("XNTable/PXNTable", () => { expect(pabt(0x10c00000)).toBe(0x20f); });
  it("translation L3 on fetch", () => { expect(pabt(0x10002000)).toBe(0x207); });

  it("loads and stores reach 2 MiB blocks and pages; PL0 is held to AP", () => {
    h.poke64(T1 + 8, 0x40000000n | AF | (1n << 6n) | 1n); // code block readable (so executable) at PL0
    h.wr("TLBIALL", 0);
    h.poke32(0x40412344, 0xfeedbeef);
    h.exec(LDR_R1_R0, { 0: 0x10412344 }, MODE_USR);
    expect(h.core.getReg(1) >>> 0).toBe(0xfeedbeef);
    h.exec(STR_R2_R0, { 0: 0x10412348, 2: 0x77 }, MODE_USR);
    expect(h.peek32(0x40412348)).toBe(0x77);
    h.exec(LDR_R1_R0, { 0: 0x10600000 }, MODE_USR); // APTable[0]
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFSR")).toBe(0x20f);
  });

  it("a 64-bit TTBR write that changes the ASID flushes the TLB; the 32-bit view keeps the high word", () => {
    h.poke32(0x40201010, 0x1234);
    h.exec(LDR_R1_R0, { 0: 0x10000010 });
    expect(h.core.getReg(1)).toBe(0x1234);
    h.poke64(T3, 0n);
    h.wr("TTBR0_32", T1);
    expect(h.rd64("TTBR0")).toBe(b(T1) | (5n << 48n));
    h.exec(LDR_R1_R0, { 0: 0x10000010 });
    expect(h.core.getReg(1)).toBe(0x1234); // no flush yet
    h.wr64("TTBR0", b(T1) | (6n << 48n));
    h.exec(LDR_R1_R0, { 0: 0x10000010 });
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFSR")).toBe(0x207);
  });

  it("1 GiB block: TLBIMVA anywhere in the block drops its cached pages", () => {
    h.exec(STR_R2_R0, { 0: 0x40300000, 2: 1 }); // fills the PL1 write TLB for this page
    expect(h.peek32(0x40300000)).toBe(1);
    h.poke64(T1 + 8, 0x40000000n | AF | (1n << 2n) | (3n << 8n) | (1n << 7n) | 1n); // now read-only
    h.wr("TLBIMVA", 0x7ff00000);
    h.exec(STR_R2_R0, { 0: 0x40300000, 2: 5 });
    expect(h.mode()).toBe(MODE_ABT);
    expect(h.rd("DFSR")).toBe(0xa0d);
    expect(h.peek32(0x40300000)).toBe(1);
  });
});
