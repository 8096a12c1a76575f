// PL0 access rules of the table: static (TPIDR*, barriers, debug IDs) and run-time gated
// (PMUSERENR.EN for the PMU, TEECR.XED for TEEHBR; the timer's CNTKCTL is in core/timer.test.ts).
import { describe, it, expect } from "vitest";
import { makeHarness } from "../../helpers/core-harness.js";
import { key, key64, rd, wr } from "./sysreg-helpers.js";

describe("PL0 access", () => {
  it("thread ID registers: URW read/write, URO read-only, PRW none", () => {
    const h = makeHarness();
    const c = h.core;
    expect(wr(c, key(15, 13, 0, 0, 2), 0x1234, true)).toBe(false);
    expect(rd(c, key(15, 13, 0, 0, 2), true).value).toBe(0x1234n);
    expect(wr(c, key(15, 13, 0, 0, 3), 0x55)).toBe(false);
    expect(rd(c, key(15, 13, 0, 0, 3), true).value).toBe(0x55n);
    expect(wr(c, key(15, 13, 0, 0, 3), 0x66, true)).toBe(true);
    expect(rd(c, key(15, 13, 0, 0, 3)).value).toBe(0x55n);
    expect(rd(c, key(15, 13, 0, 0, 4), true).undef).toBe(true);
    expect(wr(c, key(15, 13, 0, 0, 4), 1, true)).toBe(true);
  });

  it("CP15 barriers are PL0 operations, cache maintenance is PL1 only, neither is readable", () => {
    const h = makeHarness();
    for (const k of [key(15, 7, 0, 5, 4), key(15, 7, 0, 10, 4), key(15, 7, 0, 10, 5)]) {
      expect(wr(h.core, k, 0, true)).toBe(false);
      expect(rd(h.core, k).undef).toBe(true);
    }
    for (const k of [key(15, 7, 0, 5, 0), key(15, 7, 0, 14, 1), key(15, 7, 0, 0, 4), key(15, 7, 0, 13, 1)]) {
      expect(wr(h.core, k, 0)).toBe(false);
      expect(wr(h.core, k, 0, true)).toBe(true);
      expect(rd(h.core, k).undef).toBe(true);
    }
  });

  it("ID registers are PL1 only and UNDEFINED to write; DBGDIDR/DBGDRAR are PL0 readable", () => {
    const h = makeHarness();
    expect(rd(h.core, key(15, 0, 0, 0, 0), true).undef).toBe(true);
    expect(wr(h.core, key(15, 0, 0, 0, 0), 0)).toBe(true);
    expect(rd(h.core, key(15, 0, 0, 0, 0)).value).toBe(0x414fc0f0n);
    expect(rd(h.core, key(14, 0, 0, 0, 0), true).value).toBe(0x3515f021n);
    expect(rd(h.core, key(14, 1, 0, 0, 0), true).undef).toBe(false);
    expect(rd(h.core, key64(14, 0, 1), true).undef).toBe(false);
    expect(wr(h.core, key(14, 0, 0, 0, 0), 0)).toBe(true);
  });

  it("PMU registers need PMUSERENR.EN at PL0", () => {
    const h = makeHarness();
    const pmcr = key(15, 9, 0, 12, 0), pmuserenr = key(15, 9, 0, 14, 0), pmswinc = key(15, 9, 0, 12, 4);
    const pmintenset = key(15, 9, 0, 14, 1);
    expect(rd(h.core, pmcr, true).undef).toBe(true);
    expect(wr(h.core, pmswinc, 1, true)).toBe(true);
    expect(rd(h.core, pmuserenr, true).undef).toBe(false);
    expect(wr(h.core, pmuserenr, 1, true)).toBe(true); // PMUSERENR is read-only at PL0
    expect(wr(h.core, pmuserenr, 1)).toBe(false);
    expect(rd(h.core, pmcr, true).value).toBe(0x410f3000n);
    expect(wr(h.core, pmswinc, 1, true)).toBe(false);
    expect(rd(h.core, pmintenset, true).undef).toBe(true); // interrupt enables stay PL1
  });

  it("TEEHBR is PL0 accessible until TEECR.XED is set", () => {
    const h = makeHarness();
    const teehbr = key(14, 1, 6, 0, 0), teecr = key(14, 0, 6, 0, 0);
    expect(wr(h.core, teehbr, 0x40001000, true)).toBe(false);
    expect(rd(h.core, teehbr, true).value).toBe(0x40001000n);
    expect(rd(h.core, teecr, true).undef).toBe(true);
    wr(h.core, teecr, 1);
    expect(rd(h.core, teehbr, true).undef).toBe(true);
    expect(rd(h.core, teehbr).value).toBe(0x40001000n);
  });

  it("EL2-only HACTLR is not reachable at all", () => {
    const h = makeHarness();
    expect(rd(h.core, key(15, 1, 4, 0, 1)).undef).toBe(true);
    expect(wr(h.core, key(15, 1, 4, 0, 1), 0)).toBe(true);
  });
});

describe("debug register write quirks (QEMU dbgbcr_write / dbgwvr_write)", () => {
  it("DBGBCR copies BAS[0] to BAS[1] and BAS[2] to BAS[3]; DBGWVR clears bits 1:0", () => {
    const h = makeHarness();
    const bcr = (n: number) => key(14, 0, 0, n, 5);
    wr(h.core, bcr(0), 0x20); expect(rd(h.core, bcr(0)).value).toBe(0x60n);
    wr(h.core, bcr(5), 0x140); expect(rd(h.core, bcr(5)).value).toBe(0n);
    wr(h.core, bcr(3), 0x800000a1); expect(rd(h.core, bcr(3)).value).toBe(0x800001e1n);
    wr(h.core, key(14, 0, 0, 2, 6), 0x1003); expect(rd(h.core, key(14, 0, 0, 2, 6)).value).toBe(0x1000n);
  });
});
