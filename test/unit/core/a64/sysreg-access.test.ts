// Who may run MRS/MSR/SYS on the Cortex-A57 model, and how a refusal is taken (QEMU 7.2): an
// unknown register, or an access its bits forbid, is UNDEFINED (EC 0); a refusal by the
// register's access function traps to EL1 with EC 0x18 and the MSR/MRS syndrome.
import { describe, it, expect } from "vitest";
import { runEl0, runA64, msrW, mrsW, R, VBAR, EL0_CODE, esr, base } from "./sysreg-helpers.js";

const FROM_EL0 = VBAR + 0x400n; // synchronous exception from EL0 (AArch64)
/** ESR of a trapped MRS/MSR: EC 0x18, IL, ISS = op0 op2 op1 CRn Rt CRm direction. */
function trapEsr([op0, op1, crn, crm, op2]: readonly number[], rt: number, read: boolean): bigint {
  return BigInt(((0x18 << 26) | (1 << 25) | (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (read ? 1 : 0)) >>> 0);
}
const SCTLR_RESET = 0x00c50838n;

describe("EL0 access", () => {
  it("DAIF traps without SCTLR_EL1.UMA (syndrome of the MRS), reads with it", () => {
    const t = runEl0([0xd53b4223]); // mrs x3, daif
    expect(t.a64.pc).toBe(FROM_EL0);
    expect(esr(t)).toBe(trapEsr(R.DAIF, 3, true));
    const ok = runEl0([0xd53b4223], [[R.SCTLR_EL1, SCTLR_RESET | (1n << 9n)]]);
    expect(ok.a64.pc).toBe(EL0_CODE + 4n);
    expect(ok.a64.x[3]).toBe(0x3c0n);
  });

  it("CTR_EL0 needs UCT; DCZID_EL0 always reads, DZP set while DC ZVA would trap", () => {
    const t = runEl0([0xd53b0025]); // mrs x5, ctr_el0
    expect(esr(t)).toBe(trapEsr(R.CTR_EL0, 5, true));
    const ok = runEl0([0xd53b0025, 0xd53b00e6], [[R.SCTLR_EL1, SCTLR_RESET | (1n << 15n)]]); // + mrs x6, dczid_el0
    expect(ok.a64.x[5]).toBe(0x8444c004n);
    expect(ok.a64.x[6]).toBe(0x14n);
    const dze = runEl0([0xd53b00e6], [[R.SCTLR_EL1, SCTLR_RESET | (1n << 14n)]]);
    expect(dze.a64.x[6]).toBe(0x4n);
  });

  it("the virtual counter: trap unless CNTKCTL_EL1.EL0VCTEN", () => {
    const t = runEl0([0xd53be040]); // mrs x0, cntvct_el0
    expect(esr(t)).toBe(trapEsr(R.CNTVCT_EL0, 0, true));
    const ok = runEl0([0xd53be040], [[R.CNTKCTL_EL1, 2n]]);
    expect(ok.a64.pc).toBe(EL0_CODE + 4n);
  });

  it("PMCCNTR_EL0: reads with PMUSERENR.CR, writes need EN", () => {
    const read = runEl0([0xd53b9d01], [[R.PMUSERENR_EL0, 4n]]); // mrs x1, pmccntr_el0
    expect(read.a64.pc).toBe(EL0_CODE + 4n);
    const write = runEl0([msrW(R.PMCCNTR_EL0, 1)], [[R.PMUSERENR_EL0, 4n]]);
    expect(esr(write)).toBe(trapEsr(R.PMCCNTR_EL0, 1, false));
  });

  it("registers without EL0 rights are UNDEFINED, not trapped: TPIDRRO_EL0 writes, SCTLR_EL1, CurrentEL", () => {
    for (const w of [0xd51bd060 /* msr tpidrro_el0, x0 */, mrsW(R.SCTLR_EL1, 0), mrsW(R.CurrentEL, 0)]) {
      const u = runEl0([w]);
      expect(u.a64.pc, w.toString(16)).toBe(FROM_EL0);
      expect(esr(u), w.toString(16)).toBe(0x02000000n);
    }
    const ro = runEl0([0xd53bd061]); // mrs x1, tpidrro_el0
    expect(ro.a64.pc).toBe(EL0_CODE + 4n);
  });

  it("cache maintenance by VA at EL0 traps without SCTLR_EL1.UCI; set/way and IC IALLU are EL1 only", () => {
    const t = runEl0([0xd50b7e21], [], { 1: base + 0x8000n }); // dc civac, x1
    expect(esr(t)).toBe(trapEsr(R.DC_CIVAC, 1, false));
    const ok = runEl0([0xd50b7e21], [[R.SCTLR_EL1, SCTLR_RESET | (1n << 26n)]], { 1: base + 0x8000n });
    expect(ok.a64.pc).toBe(EL0_CODE + 4n);
    const u = runEl0([0xd508751f]); // ic iallu
    expect(esr(u)).toBe(0x02000000n);
  });
});

describe("EL1", () => {
  it("an unknown register (ICC_PMR_EL1 without a GICv3) and SYSL are UNDEFINED", () => {
    for (const w of [0xd5384600 /* mrs x0, icc_pmr_el1 */, 0xd5287500 /* sysl x0, #0, c7, c5, #0 */]) {
      const h = runA64([w]);
      expect(h.a64.pc, w.toString(16)).toBe(0x200n);
      expect(esr(h), w.toString(16)).toBe(0x02000000n);
    }
  });

  it("a trapped or UNDEFINED MRS leaves Xt alone", () => {
    const h = runA64([mrsW(R.FPCR, 7)], { x: { 7: 0x77n } });
    expect(h.a64.x[7]).toBe(0x77n);
  });
});
