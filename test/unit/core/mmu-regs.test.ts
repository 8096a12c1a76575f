// MMU system registers: reset values and writable bits as qemu-system-arm 7.2 reports them for
// -M virt -cpu cortex-a15 (write all ones, read back), table invariants for the MMU rows.
import { describe, it, expect } from "vitest";
import { mmuHarness } from "./mmu-harness.js";
import { mmuRegisters } from "../../../core/sysregs/defs/mmu.js";
import { SYSREGS, checkSysregs } from "../../../core/sysregs/defs/index.js";

describe("MMU registers", () => {
  it("reset values", () => {
    const h = mmuHarness();
    expect(h.rd("SCTLR")).toBe(0x00c50078);
    for (const r of ["TTBR0_32", "TTBR1_32", "TTBCR", "DACR", "DFSR", "IFSR", "DFAR", "IFAR", "PAR_32", "PRRR", "NMRR", "VBAR", "CONTEXTIDR"]) {
      expect(h.rd(r), r).toBe(0);
    }
    expect(h.rd64("TTBR0")).toBe(0n);
    expect(h.rd64("PAR")).toBe(0n);
  });

  it("write masks (QEMU read-back values)", () => {
    const h = mmuHarness();
    h.wr("SCTLR", 0xbdffdffe);
    expect(h.rd("SCTLR")).toBe(0xbdffdffe); // every bit writable, RES1 bits not forced
    h.wr("SCTLR", 0);
    expect(h.rd("SCTLR")).toBe(0);
    h.wr("TTBCR", 0x7fffffff);
    expect(h.rd("TTBCR")).toBe(7);
    h.wr("TTBCR", 0xffffffff);
    expect(h.rd("TTBCR")).toBe(0xffc73f87);
    h.wr("TTBCR", 0);
    h.wr("DACR", 0xffffffff);
    expect(h.rd("DACR")).toBe(0xffffffff);
    h.wr("VBAR", 0xffffffff);
    expect(h.rd("VBAR")).toBe(0xffffffe0);
    for (const r of ["CONTEXTIDR", "DFSR", "IFSR", "PRRR"]) {
      h.wr(r, 0xffffffff);
      expect(h.rd(r), r).toBe(0xffffffff);
    }
    for (const r of ["ADFSR", "AIFSR", "AMAIR0", "AMAIR1"]) {
      h.wr(r, 0xffffffff);
      expect(h.undef(), r).toBe(false);
      expect(h.rd(r), r).toBe(0);
    }
  });

  it("PAR and TTBR: the 32-bit view is the low word and keeps the high word", () => {
    const h = mmuHarness();
    h.wr("PAR_32", 0xffffffff);
    expect(h.rd64("PAR")).toBe(0xffffffffn);
    h.wr64("PAR", 0x123456789abcdef0n);
    expect(h.rd("PAR_32")).toBe(0x9abcdef0);
    h.wr64("TTBR0", 0xffffffffffffffffn);
    h.wr("TTBR0_32", 0x40100000);
    expect(h.rd64("TTBR0")).toBe(0xffffffff40100000n);
    expect(h.rd("TTBR0_32")).toBe(0x40100000);
  });

  it("ATS12NSO* are UNDEFINED at PL1 without EL2/EL3; ATS and TLBI are write-only", () => {
    const h = mmuHarness();
    for (const r of ["ATS12NSOPR", "ATS12NSOPW", "ATS12NSOUR", "ATS12NSOUW"]) {
      h.wr(r, 0);
      expect(h.undef(), r).toBe(true);
    }
    for (const r of ["ATS1CPR", "TLBIALL", "TLBIMVAA"]) {
      h.rd(r);
      expect(h.undef(), r).toBe(true);
      h.wr(r, 0);
      expect(h.undef(), r).toBe(false);
    }
  });

  it("table invariants hold and every MMU row is PL1-only", () => {
    expect(checkSysregs(SYSREGS)).toEqual([]);
    for (const d of mmuRegisters) expect(d.access.pl0, d.name).toBe("-");
  });
});
