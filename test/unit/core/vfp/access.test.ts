// FP access control (CPACR, FPEXC.EN, privilege, short-vector UNDEFs) and the special registers.
// Expected behaviour probed on qemu-system-arm -M virt -cpu cortex-a15 (QEMU 7.2) bare metal:
// FPEXC/CPACR reset to 0; CPACR writes keep 0xc0f00000; only cp10 matters; VMRS FPEXC/FPSID/MVFR
// work at PL1 with FPEXC.EN = 0 but not with CPACR off; VMSR FPEXC keeps EN only; FPINST/FPINST2
// and MVFR2 are UNDEFINED; FPSCR.Len != 0 UNDEFs VADD/VNEG/VMOV imm but not VCMP/VCVT/VLDR.
import { describe, it, expect } from "vitest";
import { runVfp, vfpHarness, FPEXC_EN, UNDEF_VECTOR, RAM_BASE } from "./vfp-helpers";

const VADD_S0_S1_S2 = 0xee300a81;
const VMRS_R0_FPEXC = 0xeef80a10, VMSR_FPEXC_R1 = 0xeee81a10;
const VMRS_R2_FPSID = 0xeef02a10, VMRS_R3_MVFR0 = 0xeef73a10, VMRS_R4_MVFR1 = 0xeef64a10;
const VMRS_R5_FPSCR = 0xeef15a10, VMSR_FPSCR_R6 = 0xeee16a10;
const USR = 0x10, SVC = 0x1d3, UND = 0x1b;

const undefTaken = (h: ReturnType<typeof runVfp>) =>
  (h.core.getReg(15) >>> 0) === UNDEF_VECTOR && (h.core.getCpsr() & 0x1f) === UND;
const s = { 1: 0x3f800000, 2: 0x40000000, 0: 0x12345678 };

describe("FPEXC.EN", () => {
  it("FPEXC.EN = 0 makes VADD UNDEFINED and leaves Sd alone", () => {
    const h = runVfp([VADD_S0_S1_S2], { fpexc: 0, s });
    expect(undefTaken(h)).toBe(true);
    expect(h.s(0)).toBe(0x12345678);
  });
  it("VADD runs with FPEXC.EN = 1", () => {
    const h = runVfp([VADD_S0_S1_S2], { s });
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 4);
    expect(h.s(0)).toBe(0x40400000);
  });
  it("VMRS FPEXC, FPSID, MVFR0/1 still work at PL1 with EN = 0 (A15 values)", () => {
    const h = runVfp([VMRS_R0_FPEXC, VMRS_R2_FPSID, VMRS_R3_MVFR0, VMRS_R4_MVFR1], { fpexc: 0, regs: { 0: 0xdead } });
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 16);
    const r = h.regs();
    expect([r[0], r[2], r[3], r[4]]).toEqual([0, 0x410430f0, 0x10110222, 0x11111111]);
  });
  it("VMSR FPEXC keeps only EN and enables the unit", () => {
    const h = runVfp([VMSR_FPEXC_R1, VADD_S0_S1_S2], { fpexc: 0, regs: { 1: 0xffffffff }, s });
    expect(h.fpexc()).toBe(FPEXC_EN);
    expect(h.s(0)).toBe(0x40400000);
  });
  it("VMRS/VMSR FPSCR need EN", () => {
    expect(undefTaken(runVfp([VMRS_R5_FPSCR], { fpexc: 0 }))).toBe(true);
    expect(undefTaken(runVfp([VMSR_FPSCR_R6], { fpexc: 0, regs: { 6: 0x03000000 } }))).toBe(true);
  });
  it("EN = 0 UNDEFs VMOV scalar, VLDR and VMOV core<->S too", () => {
    expect(undefTaken(runVfp([0xee100b10], { fpexc: 0 }))).toBe(true); // vmov.32 r0, d0[0]
    const h = runVfp([0xed910a02], { fpexc: 0, regs: { 1: RAM_BASE } }); // vldr s0, [r1, #8]
    expect(undefTaken(h)).toBe(true);
    expect(undefTaken(runVfp([0xee000a10], { fpexc: 0 }))).toBe(true); // vmov s0, r0
  });
  it("FPSCR and FPEXC read as zero after reset", () => {
    const h = vfpHarness({});
    h.core.cpuReset();
    expect(h.fpexc()).toBe(0);
    expect(h.fpscr()).toBe(0);
  });
});

describe("CPACR", () => {
  it("CPACR = 0 UNDEFs everything, VMRS FPEXC included", () => {
    expect(undefTaken(runVfp([VMRS_R0_FPEXC], { cpacr: 0 }))).toBe(true);
    expect(undefTaken(runVfp([VADD_S0_S1_S2], { cpacr: 0 }))).toBe(true);
  });
  it("only cp10 counts: cp11 alone UNDEFs, cp10 alone is enough", () => {
    expect(undefTaken(runVfp([VMRS_R5_FPSCR], { cpacr: 0x00c00000 }))).toBe(true);
    const h = runVfp([VMRS_R5_FPSCR], { cpacr: 0x00300000, fpscr: 0x03000000 });
    expect(h.core.getReg(5) >>> 0).toBe(0x03000000);
  });
  it("cp10 = 01 allows PL1 only", () => {
    expect(runVfp([VADD_S0_S1_S2], { cpacr: 0x00500000, s, cpsr: SVC }).s(0)).toBe(0x40400000);
    expect(undefTaken(runVfp([VADD_S0_S1_S2], { cpacr: 0x00500000, s, cpsr: USR }))).toBe(true);
  });
  it("cp10 = 10 (reserved) behaves as no access", () => {
    expect(undefTaken(runVfp([VADD_S0_S1_S2], { cpacr: 0x00a00000, s }))).toBe(true);
  });
});

describe("special registers and privilege", () => {
  it("PL0 may read FPSCR but not FPEXC, FPSID or MVFR0/1", () => {
    expect(runVfp([VMRS_R5_FPSCR], { cpsr: USR, fpscr: 0x00c00000 }).core.getReg(5) >>> 0).toBe(0x00c00000);
    for (const w of [VMRS_R0_FPEXC, VMRS_R2_FPSID, VMRS_R3_MVFR0, VMRS_R4_MVFR1, VMSR_FPEXC_R1]) {
      expect(undefTaken(runVfp([w], { cpsr: USR })), w.toString(16)).toBe(true);
    }
  });
  it("FPINST, FPINST2, MVFR2 and unallocated numbers are UNDEFINED", () => {
    for (const w of [0xeef90a10, 0xeefa0a10, 0xeef50a10, 0xeef20a10, 0xeefc0a10, 0xeee90a10]) {
      expect(undefTaken(runVfp([w])), w.toString(16)).toBe(true);
    }
  });
  it("writes to FPSID/MVFR0 are ignored", () => {
    const h = runVfp([0xeee01a10, 0xeef02a10], { regs: { 1: 0 } }); // vmsr fpsid, r1; vmrs r2, fpsid
    expect(h.core.getReg(2) >>> 0).toBe(0x410430f0);
  });
  it("VMSR FPSCR masks the unimplemented bits (QEMU: 0xfff7009f)", () => {
    const h = runVfp([VMSR_FPSCR_R6, VMRS_R5_FPSCR], { regs: { 6: 0xffffffff } });
    expect(h.core.getReg(5) >>> 0).toBe(0xfff7009f);
    expect(h.fpscr()).toBe(0xfff7009f);
  });
  it("VMRS APSR_nzcv, FPSCR copies the FPSCR flags", () => {
    const h = runVfp([0xeef1fa10], { fpscr: 0x60000000, cpsr: SVC | 0x90000000 });
    expect(h.core.getCpsr() >>> 28).toBe(0x6);
  });
  it("VMOV r15, Sn (UNPREDICTABLE) sets NZCV as QEMU does", () => {
    const h = runVfp([0xee10fa10], { s: { 0: 0xa0000000 } });
    expect(h.core.getCpsr() >>> 28).toBe(0xa);
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 4);
  });
  it("a failed condition skips the instruction", () => {
    const h = runVfp([0x1e300a81], { s, cpsr: SVC | 0x40000000 }); // vaddne with Z set
    expect(h.s(0)).toBe(0x12345678);
  });
});

describe("FPSCR.Len/Stride (no short vectors on the A15)", () => {
  const LEN1 = 0x00010000, STRIDE = 0x00100000;
  it("UNDEFs VADD, VNEG, VMOV imm, VFMA", () => {
    expect(undefTaken(runVfp([VADD_S0_S1_S2], { fpscr: LEN1, s }))).toBe(true);
    expect(undefTaken(runVfp([0xeeb10b41], { fpscr: STRIDE }))).toBe(true); // vneg.f64 d0, d1
    expect(undefTaken(runVfp([0xeeb70a00], { fpscr: LEN1 }))).toBe(true); // vmov.f32 s0, #1.0
    expect(undefTaken(runVfp([0xeea00a81], { fpscr: LEN1 }))).toBe(true); // vfma.f32 s0, s1, s2
  });
  it("does not affect VCMP, VCVT and VLDR", () => {
    for (const w of [0xeeb40a60, 0xeeb70ae0]) {
      expect(runVfp([w], { fpscr: LEN1, s }).core.getReg(15) >>> 0).toBe(RAM_BASE + 4);
    }
    expect(runVfp([0xed910a02], { fpscr: LEN1, regs: { 1: RAM_BASE } }).core.getReg(15) >>> 0).toBe(RAM_BASE + 4);
  });
});

describe("encodings QEMU rejects", () => {
  it("VCMP #0 with Vm != 0, VDUP Q with odd Dn, VMOV.U32 scalar", () => {
    expect(undefTaken(runVfp([0xeeb50a41]))).toBe(true);
    expect(undefTaken(runVfp([0xeeaf3b90]))).toBe(true);
    expect(undefTaken(runVfp([0xee900b10]))).toBe(true);
    expect(undefTaken(runVfp([0xeee01bb0]))).toBe(true); // vdup with b and e both set
  });
  it("ARMv8-only VFP (VRINTR, VCVT f16<->f64, half-precision VADD) is UNDEFINED", () => {
    expect(undefTaken(runVfp([0xeeb60a40]))).toBe(true); // vrintr.f32 s0, s0
    expect(undefTaken(runVfp([0xeeb20b40]))).toBe(true); // vcvtb.f64.f16 d0, s0
    expect(undefTaken(runVfp([0xee300981]))).toBe(true); // vadd.f16 s0, s1, s2
  });
});
