// The CPU-model switch (setCpuModel before cpuReset): one table answers as the Cortex-A15 or as
// the Cortex-A57 — ID values, reset values, registers only one of them has — and the A57's
// AArch64 views share storage with the AArch32 rows where the architecture maps them.
import { describe, it, expect } from "vitest";
import { makeHarness, CPU_A15, CPU_A57 } from "../../helpers/core-harness.js";
import { key, key64 as aa32Key64, rd as mrc, wr as mcr } from "./sysreg-helpers.js";
import { a57, key64, mrs, msr, rd, OK, UNDEF } from "./a57-helpers.js";

describe("one table, two CPUs", () => {
  const a15 = makeHarness(undefined, undefined, CPU_A15).core;
  const a57core = makeHarness(undefined, undefined, CPU_A57).core;

  it("ID and reset values follow the model (MIDR, ID_PFR0, ID_ISAR5, SCTLR, PMCR, DBGDIDR)", () => {
    const both = (k: number) => [mrc(a15, k).value, mrc(a57core, k).value];
    expect(both(key(15, 0, 0, 0, 0))).toEqual([0x414fc0f0n, 0x411fd070n]);
    expect(both(key(15, 0, 0, 1, 0))).toEqual([0x1131n, 0x131n]);
    expect(both(key(15, 0, 0, 2, 5))).toEqual([0n, 0x11121n]);
    expect(both(key(15, 1, 0, 0, 0))).toEqual([0x00c50078n, 0x00c50838n]);
    expect(both(key(15, 9, 0, 12, 0))).toEqual([0x410f3000n, 0x41013000n]);
    expect(both(key(14, 0, 0, 0, 0))).toEqual([0x3515f021n, 0x3516d000n]);
  });

  it("rows of one model only: c0,c0,6 is MIDR on the A15 and REVIDR on the A57; c15 and ThumbEE", () => {
    expect(mrc(a15, key(15, 0, 0, 0, 6)).value).toBe(0x414fc0f0n);
    expect(mrc(a57core, key(15, 0, 0, 0, 6)).value).toBe(0n);
    // the A15's c15 wildcard and CBAR; the A57's CBAR at c15, 1, c3, 0 and CPUACTLR (MRRC)
    expect(mrc(a15, key(15, 15, 7, 15, 7)).undef).toBe(false);
    expect(mrc(a57core, key(15, 15, 7, 15, 7)).undef).toBe(true);
    expect(mrc(a15, key(15, 15, 4, 0, 0)).value).toBe(0x08000000n);
    expect(mrc(a57core, key(15, 15, 4, 0, 0)).undef).toBe(true);
    expect(mrc(a57core, key(15, 15, 1, 3, 0)).value).toBe(0x08000000n);
    expect(mrc(a15, key(15, 15, 1, 3, 0)).value).toBe(0n); // the wildcard
    expect(mrc(a57core, aa32Key64(15, 0, 15)).undef).toBe(false);
    expect(mrc(a15, aa32Key64(15, 0, 15)).undef).toBe(true);
    expect(mrc(a15, key(14, 0, 6, 0, 0)).undef).toBe(false);   // TEECR
    expect(mrc(a57core, key(14, 0, 6, 0, 0)).undef).toBe(true);
    // AArch64-only registers: not there on the A15
    expect(mrs(a15, key64(3, 0, 0, 4, 0)).status).toBe(UNDEF);
    expect(mrs(a57core, key64(3, 0, 0, 4, 0)).value).toBe(0x22n);
  });

  it("hooks answer per model: CCSIDR by CSSELR, L2CTLR with two CPUs, PMUSERENR's writable bits", () => {
    const ccsidr = (core: typeof a15) => [0, 1, 2].map((sel) => { mcr(core, key(15, 0, 2, 0, 0), sel); return mrc(core, key(15, 0, 1, 0, 0)).value; });
    expect(ccsidr(a15)).toEqual([0x701fe00an, 0x201fe00an, 0x711fe07an]);
    expect(ccsidr(a57core)).toEqual([0x701fe00an, 0x201fe012n, 0x70ffe07an]);
    for (const c of [a15, a57core]) c.setNumCpus(2);
    expect([mrc(a15, key(15, 9, 1, 0, 2)).value, mrc(a57core, key(15, 9, 1, 0, 2)).value]).toEqual([0x01800000n, 0x01000000n]);
    expect(rd(a57core, key64(3, 1, 11, 0, 2))).toBe(0x01000000n); // L2CTLR_EL1
    for (const c of [a15, a57core]) c.setNumCpus(1);
    for (const c of [a15, a57core]) mcr(c, key(15, 9, 0, 14, 0), 0xff);
    expect([mrc(a15, key(15, 9, 0, 14, 0)).value, mrc(a57core, key(15, 9, 0, 14, 0)).value]).toEqual([1n, 0xfn]);
  });
});

describe("AArch64 views share the AArch32 rows' storage", () => {
  it("SCTLR_EL1, ESR_EL1 (DFSR), TCR_EL1 (TTBCR), TPIDR_EL0 (TPIDRURW): the AArch32 view is the low word", () => {
    const h = a57();
    const pairs: [number, number, bigint][] = [
      [key64(3, 0, 1, 0, 0), key(15, 1, 0, 0, 0), 0x00c5_1838n],
      [key64(3, 0, 5, 2, 0), key(15, 5, 0, 0, 0), 0x1_9600_0045n],
      [key64(3, 0, 2, 0, 2), key(15, 2, 0, 0, 2), 0x5_8051_0010n],
      [key64(3, 3, 13, 0, 2), key(15, 13, 0, 0, 2), 0xdead_beef_0000_1234n],
    ];
    for (const [a64, a32, v] of pairs) {
      expect(msr(h.core, a64, v)).toBe(OK);
      expect(rd(h.core, a64), a64.toString(16)).toBe(v);
      expect(mrc(h.core, a32).value, a32.toString(16)).toBe(v & 0xffff_ffffn);
    }
  });

  it("FAR_EL1 is DFAR:IFAR and MAIR_EL1 is PRRR:NMRR (high half in the second row)", () => {
    const h = a57();
    msr(h.core, key64(3, 0, 6, 0, 0), 0x1111_2222_3333_4444n);
    expect([mrc(h.core, key(15, 6, 0, 0, 0)).value, mrc(h.core, key(15, 6, 0, 0, 2)).value]).toEqual([0x3333_4444n, 0x1111_2222n]);
    mcr(h.core, key(15, 10, 0, 2, 0), 0x0404_ff44);
    mcr(h.core, key(15, 10, 0, 2, 1), 0x0000_00bb);
    expect(rd(h.core, key64(3, 0, 10, 2, 0))).toBe(0x0000_00bb_0404_ff44n);
  });

  it("PMU: PMCNTENSET_EL0 and PMCNTENCLR_EL0 act on one register, PMCCNTR_EL0 is 64 bits", () => {
    const h = a57();
    msr(h.core, key64(3, 3, 9, 12, 1), 0xffff_ffffn);
    expect(rd(h.core, key64(3, 3, 9, 12, 1))).toBe(0x8000_003fn);
    msr(h.core, key64(3, 3, 9, 12, 2), 0x3n);
    expect(mrc(h.core, key(15, 9, 0, 12, 1)).value).toBe(0x8000_003cn);
    msr(h.core, key64(3, 3, 9, 12, 1), 0n);
    msr(h.core, key64(3, 3, 9, 13, 0), 0x1_0000_0005n);
    expect(rd(h.core, key64(3, 3, 9, 13, 0))).toBe(0x1_0000_0005n);
  });
});
