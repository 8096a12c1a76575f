// MRS/MSR of the AArch64 special-purpose registers on the Cortex-A57 model: NZCV, DAIF, SPSel,
// CurrentEL, SP_EL0, ELR_EL1, SPSR_EL1, FPCR/FPSR (views of FPSCR, behind CPACR_EL1.FPEN).
import { describe, it, expect } from "vitest";
import { STATE, S_FPSCR, S_SP_EL0, S_ELR_EL1, S_SPSR_SVC } from "../../../../core/state/layout.js";
import { runA64, msrW, mrsW, R, base, esr, pstate, u64At, sysreg } from "./sysreg-helpers.js";

describe("encoders", () => {
  it("match the assembler's words", () => {
    expect(msrW(R.NZCV, 0)).toBe(0xd51b4200);      // msr nzcv, x0
    expect(mrsW(R.NZCV, 1)).toBe(0xd53b4201);      // mrs x1, nzcv
    expect(mrsW(R.CurrentEL, 1)).toBe(0xd5384241); // mrs x1, currentel
    expect(msrW(R.SPSR_EL1, 2)).toBe(0xd5184002);  // msr spsr_el1, x2
    expect(msrW(R.DC_ZVA, 1)).toBe(0xd50b7421);    // dc zva, x1
    expect(msrW(R.TLBI_VMALLE1, 31)).toBe(0xd508871f); // tlbi vmalle1
    expect(msrW(R.AT_S1E0W, 0)).toBe(0xd5087860);  // at s1e0w, x0
    expect(mrsW([1, 0, 7, 5, 0], 0)).toBe(0xd5287500); // sysl x0, #0, c7, c5, #0
  });
});

describe("PSTATE views", () => {
  it("NZCV: MSR sets the flags (bits 31:28 only), MRS reads them back", () => {
    const h = runA64([0xd51b4200, 0xd53b4201], { x: { 0: 0xafffffffn } }); // msr nzcv, x0; mrs x1, nzcv
    expect(h.a64.nzcv).toBe(0xa);
    expect(h.a64.x[1]).toBe(0xa0000000n);
  });

  it("DAIF: reset masks all four; MSR DAIF writes bits 9:6 only", () => {
    // mrs x0, daif; msr daif, x1; mrs x2, daif
    const h = runA64([0xd53b4220, msrW(R.DAIF, 1), mrsW(R.DAIF, 2)], { x: { 1: 0xffff_fe7fn } });
    expect(h.a64.x[0]).toBe(0x3c0n);
    expect(h.a64.x[2]).toBe(0x240n); // D and F: bits 9 and 6 of 0x...fe7f
    expect(pstate(h) & 0x3c0).toBe(0x240);
  });

  it("SPSel and CurrentEL: EL1h reads 1 and 4; SPSel 0 switches to SP_EL0 and keeps SP_EL1 banked", () => {
    // mrs x0, spsel; mrs x1, currentel; msr spsel, xzr; mrs x3, spsel
    const h = runA64([0xd5384200, 0xd5384241, 0xd518421f, mrsW(R.SPSel, 3)], { x: { 31: 0x4000_8000n } });
    expect([h.a64.x[0], h.a64.x[1], h.a64.x[3]]).toEqual([1n, 4n, 0n]);
    expect(h.a64.sp).toBe(0n); // SP_EL0 at reset
    expect(pstate(h) & 0xd).toBe(0x4);
  });

  it("SP_EL0: MSR/MRS at EL1h reach the banked copy; UNDEFINED while it is the SP in use", () => {
    // msr sp_el0, x0; mrs x1, sp_el0
    const h = runA64([0xd5184100, 0xd5384101], { x: { 0: 0x1234_5678_9abc_def0n } });
    expect(h.a64.x[1]).toBe(0x1234_5678_9abc_def0n);
    expect(u64At(h, STATE + S_SP_EL0)).toBe(0x1234_5678_9abc_def0n);
    // msr spsel, xzr; mrs x1, sp_el0 -> UNDEFINED (EC 0) at EL1t: vector VBAR + 0
    const u = runA64([0xd518421f, 0xd5384101]);
    expect(u.a64.pc).toBe(0n);
    expect(esr(u)).toBe(0x02000000n);
  });

  it("ELR_EL1 (64 bits) and SPSR_EL1 (the 32-bit SPSR_svc slot)", () => {
    // msr elr_el1, x0; mrs x1, elr_el1; msr spsr_el1, x2; mrs x3, spsr_el1
    const h = runA64([0xd5184020, 0xd5384021, 0xd5184002, 0xd5384003], { x: { 0: 0xffff_0000_1234_5678n, 2: 0x1_8000_03c5n } });
    expect(h.a64.x[1]).toBe(0xffff_0000_1234_5678n);
    expect(u64At(h, STATE + S_ELR_EL1)).toBe(0xffff_0000_1234_5678n);
    expect(h.a64.x[3]).toBe(0x8000_03c5n);
    expect(new DataView(h.core.memory.buffer).getUint32(STATE + S_SPSR_SVC, true)).toBe(0x8000_03c5);
  });
});

describe("FPCR and FPSR", () => {
  it("trap to EL1 (EC 0x07) while CPACR_EL1.FPEN is 0, at EL1 too", () => {
    const h = runA64([0xd53b4400]); // mrs x0, fpcr
    expect(h.a64.pc).toBe(0x200n);
    expect(esr(h)).toBe(0x1fe00000n); // EC 0x07, IL, CV = 1, COND = 0xe
  });

  it("are the control and status halves of one FPSCR word, with QEMU 7.2's write masks", () => {
    // msr cpacr_el1, x4; msr fpcr, x0; mrs x1, fpcr; msr fpsr, x2; mrs x3, fpsr
    const h = runA64([0xd5181044, 0xd51b4400, 0xd53b4401, 0xd51b4422, 0xd53b4423],
      { x: { 4: 0x300000n, 0: ~0n, 2: ~0n } });
    expect(h.a64.x[1]).toBe(0x07f70000n); // AHP DN FZ RMode Stride Len
    expect(h.a64.x[3]).toBe(0xf800009fn); // NZCV QC IDC IXC UFC OFC DZC IOC
    expect(new DataView(h.core.memory.buffer).getUint32(STATE + S_FPSCR, true)).toBe(0xfff7009f);
    // writing one half leaves the other
    const g = runA64([0xd5181044, 0xd51b4400, 0xd51b4422, 0xd53b4401], { x: { 4: 0x300000n, 0: 0x00c00000n, 2: 0n } });
    expect(g.a64.x[1]).toBe(0x00c00000n);
    expect(sysreg(g, R.FPSR)).toBe(0n);
  });

  it("FPEN = 01 lets EL1 in", () => {
    const h = runA64([0xd5181044, 0xd53b4400], { x: { 4: 0x100000n, 0: 5n } });
    expect(h.a64.pc).toBe(base + 8n);
    expect(h.a64.x[0]).toBe(0n);
  });
});

describe("NOP registers", () => {
  it("MRS of MDCCINT_EL1 leaves Xt unchanged, as QEMU (ARM_CP_NOP); MSR is accepted", () => {
    const h = runA64([0xd5300212], { x: { 18: 2n } }); // mrs x18, mdccint_el1
    expect(h.a64.x[18]).toBe(2n);
    expect(h.a64.pc).toBe(base + 4n);
  });
});
