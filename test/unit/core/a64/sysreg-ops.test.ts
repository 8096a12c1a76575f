// SYS operations and translation-control writes on the Cortex-A57 model: DC ZVA zeroes its 64-byte
// block (or faults, as a write), TLBI and the writes that change translation flush the TLB (both
// the AArch32 and the 64-bit one), AT writes PAR_EL1, cache maintenance does nothing.
import { describe, it, expect } from "vitest";
import { TLB64_BASE } from "../../../../core/state/layout.js";
import { RAM_BASE, CPU_A57, makeHarness, enterA64, setX, a64State, type Harness } from "../../../helpers/core-harness.js";
import { runA64, runEl0, msrW, R, base, esr, sysreg, u64At, EL0_CODE, VBAR } from "./sysreg-helpers.js";

const DC_ZVA_X1 = 0xd50b7421; // dc zva, x1

/** The EL1 write-table entry of the 64-bit TLB for va's page: its tag (0xfff when invalid). */
const writeTag = (h: Harness, va: bigint) => u64At(h, TLB64_BASE + (((1 << 10) | (Number(va >> 12n) & 1023)) << 4));

describe("DC ZVA", () => {
  it("zeroes the 64-byte block holding Xt, and nothing else", () => {
    const h = makeHarness(undefined, undefined, CPU_A57);
    h.ram.fill(0xee, 0x3000, 0x5000);
    h.poke32(RAM_BASE, DC_ZVA_X1);
    enterA64(h);
    setX(h, 1, base + 0x4013n);
    h.core.run(1);
    expect(a64State(h).pc).toBe(base + 4n);
    const around = h.ram.subarray(0x4000 - 8, 0x4040 + 8);
    expect([...around.subarray(0, 8)].every((b) => b === 0xee)).toBe(true);
    expect([...around.subarray(8, 72)].every((b) => b === 0)).toBe(true);
    expect([...around.subarray(72)].every((b) => b === 0xee)).toBe(true);
  });

  it("an external abort is a Data Abort reported as a write (WnR), FAR the block's first byte written", () => {
    const va = BigInt(RAM_BASE + (2 << 20)) + 0x10n; // past the harness's 1 MiB of RAM: unassigned
    const h = runA64([DC_ZVA_X1], { x: { 1: va } });
    expect(h.a64.pc).toBe(0x200n);
    const e = esr(h);
    expect(e >> 26n).toBe(0x25n);        // Data Abort, same EL
    expect((e >> 6n) & 1n).toBe(1n);     // WnR
    expect(e & 0x3fn).toBe(0x10n);       // synchronous external abort
    expect(sysreg(h, R.FAR_EL1)).toBe(va & ~63n);
  });

  it("EL0 runs it with SCTLR_EL1.DZE, else it traps", () => {
    const t = runEl0([DC_ZVA_X1], [], { 1: base + 0x5000n });
    expect(t.a64.pc).toBe(VBAR + 0x400n);
    expect(esr(t) >> 26n).toBe(0x18n);
    const ok = runEl0([DC_ZVA_X1], [[R.SCTLR_EL1, 0x00c50838n | (1n << 14n)]], { 1: base + 0x5000n });
    expect(ok.a64.pc).toBe(EL0_CODE + 4n);
  });
});

describe("TLB maintenance and translation control", () => {
  /** DC ZVA fills the write entry of a page; `then` runs after it; the entry's tag says whether it survived. */
  function survives(then: number[], x: Record<number, bigint> = {}): boolean {
    const page = base + 0x6000n;
    const h = runA64([DC_ZVA_X1, ...then], { x: { 1: page, ...x } });
    expect(h.a64.pc, "no exception").toBe(base + BigInt(4 * (then.length + 1)));
    return writeTag(h, page) === page;
  }

  it("TLBI VMALLE1 and VAE1IS flush; IC IALLU and DC IVAC do not", () => {
    expect(survives([])).toBe(true);
    expect(survives([0xd508871f])).toBe(false);            // tlbi vmalle1
    expect(survives([0xd5088320], { 0: 0x1234n })).toBe(false); // tlbi vae1is, x0
    expect(survives([0xd508751f])).toBe(true);              // ic iallu
    expect(survives([0xd5087621])).toBe(true);              // dc ivac, x1
  });

  it("SCTLR_EL1 flushes when it changes; TTBR0_EL1 when its ASID does; TCR_EL1 always", () => {
    expect(survives([0xd5181002], { 2: 0x00c50838n })).toBe(true);              // msr sctlr_el1, x2 (same)
    expect(survives([0xd5181002], { 2: 0x00c50838n | (1n << 12n) })).toBe(false); // I bit set
    expect(survives([0xd5182003], { 3: 0x4000_0000n })).toBe(true);              // msr ttbr0_el1, x3, ASID 0
    expect(survives([0xd5182003], { 3: 1n << 48n })).toBe(false);                // ASID 1
    expect(survives([0xd5182043], { 3: 0n })).toBe(false);                       // msr tcr_el1, x3
  });

  it("SCTLR_EL1 keeps 64 bits but the MTE controls; TCR_EL1 every bit", () => {
    const h = runA64([0xd5181002, 0xd5182043], { x: { 2: 0xffff_ffff_ffff_fffen, 3: 0xffff_ffff_ffff_ffffn } });
    expect(sysreg(h, R.SCTLR_EL1)).toBe(0xffff_f01f_ffff_fffen);
    expect(sysreg(h, R.TCR_EL1)).toBe(0xffff_ffff_ffff_ffffn);
  });
});

describe("AT", () => {
  it("AT S1E1R and S1E0W put the MMU-off translation in PAR_EL1 (PA, NS, RES1 bit 11)", () => {
    // at s1e1r, x0; mrs x6, par_el1; at s1e0w, x1; mrs x7, par_el1
    const h = runA64([0xd5087800, 0xd5387406, msrW(R.AT_S1E0W, 1), 0xd5387407], { x: { 0: base + 0x1234n, 1: base + 0xf_f00fn } });
    expect(h.a64.x[6]).toBe(base + 0x1000n + 0xa00n);
    expect(h.a64.x[7]).toBe(base + 0xf_f000n + 0xa00n);
  });
});

describe("a fresh 64-bit TLB", () => {
  it("holds no entry for page 0: DC ZVA at VA 0x53 (unassigned) aborts instead of writing host memory", () => {
    const h = runA64([DC_ZVA_X1], { x: { 1: 0x53n } });
    expect(h.a64.pc).toBe(0x200n);
    expect(esr(h) >> 26n).toBe(0x25n);
    expect(sysreg(h, R.FAR_EL1)).toBe(0x40n);
  });
});
