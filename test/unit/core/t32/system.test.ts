// 32-bit Thumb miscellaneous control: MRS/MSR, CPS, SUBS PC, LR / ERET, SRS/RFE, hints,
// barriers, CLREX, and the UNDEFINED parts of the space (SMC, UDF, banked registers on virt,
// v8 and M-profile forms). The program is compared with qemu-system-arm 7.2
// (memory-control-qemu.ts); the UNDEFINED list was probed under the same QEMU, the User-mode
// cases under qemu-arm 7.2 -cpu cortex-a15 (SIGILL or not).
import { describe, it, expect } from "vitest";
import { makeHarness } from "../../../helpers/core-harness.js";
import { SYS, runProgram, execWord, DATA } from "./memory-control-qemu.js";
import { S_HALTED } from "../../../../core/state/layout.js";

const hex = (v: number) => "0x" + (v >>> 0).toString(16);

describe("T32 system instructions", () => {
  it("program: MSR/MRS APSR, CPS, SPSR, SUBS PC, LR, SRS, RFE, hints, barriers (QEMU)", () => {
    const h = runProgram(SYS);
    expect(h.regs().map(hex)).toEqual(SYS.regs.map(hex));
    expect(hex(h.core.getCpsr())).toBe(hex(SYS.psr));
  });

  // [word, UNDEFINED in SVC mode under QEMU 7.2 -M virt, name]
  const SVC_CASES: [number, boolean, string][] = [
    [0xf7f08000, true, "SMC #0"],
    [0xf7f0a000, true, "UDF.W"],
    [0xf3e08020, true, "MRS r0, r8_usr (banked: no EL2 on virt)"],
    [0xf3bf8f70, true, "SB (v8)"],
    [0xf3808801, true, "MSR (M profile form)"],
    [0xf3a08000, true, "hint with hw1[3:0] != 1111"],
    [0xf3bf8f21, true, "CLREX with hw2[3:0] != 1111"],
    [0xf3bf8f2f, false, "CLREX"],
    [0xf3bf8f40, false, "DSB #0"],
    [0xf3af8005, false, "SEVL (unallocated hint: NOP)"],
    [0xf3af80f0, false, "DBG #0"],
    [0xf3af8080, false, "CPS with imod = 00 (no effect)"],
    [0xf3af8100, false, "CPS to mode 0 (ignored)"],
    [0xf3ff8000, false, "MRS r0, SPSR"],
    [0xf3ef8000, false, "MRS r0, CPSR"],
    [0xf3de8f00, false, "ERET"],
  ];
  it.each(SVC_CASES.map(([i, u, n]) => [`${n} (${hex(i)}): ${u ? "UNDEFINED" : "runs"}`, i, u] as const))("%s", (_n, insn, undef) => {
    const h = makeHarness();
    h.core.setReg(14, 0x40000201);
    expect(execWord(h, insn, 0x600001f3)).toBe(undef);
  });

  // User mode (qemu-arm): [word, SIGILL, name]
  const USR_CASES: [number, boolean, string][] = [
    [0xf3de8f04, true, "SUBS PC, LR, #4"],
    [0xf3de8f00, true, "ERET"],
    [0xf3ff8000, true, "MRS r0, SPSR"],
    [0xe99dc000, true, "RFEIA sp"],
    [0xe80dc013, true, "SRSDB sp, #0x13"],
    [0xf3af8113, false, "CPS #0x13 (NOP in User mode)"],
    [0xf3af8600, false, "CPSID a (NOP in User mode)"],
  ];
  it.each(USR_CASES.map(([i, u, n]) => [`User mode: ${n} (${hex(i)}): ${u ? "UNDEFINED" : "runs"}`, i, u] as const))("%s", (_n, insn, undef) => {
    const h = makeHarness();
    h.core.setReg(13, DATA + 0x40);
    expect(execWord(h, insn, 0x600001f0)).toBe(undef);
    if (!undef) expect(h.core.getCpsr() >>> 0).toBe(0x600001f0);
  });

  it("MSR CPSR_fsxc from User mode writes only the flags and E", () => {
    const h = makeHarness();
    h.core.setReg(2, 0xf00003d3);
    expect(execWord(h, 0xf3828f00, 0x000001f0)).toBe(false); // msr cpsr_fsxc, r2
    expect(hex(h.core.getCpsr())).toBe(hex(0xf00003f0));
  });

  it("SUBS PC, LR, #imm returns to Thumb with SPSR's IT bits; to ARM clears bits 1:0", () => {
    // SPSR_svc = User, Thumb, IT = 0x08 (one EQ instruction left)
    let h = makeHarness();
    h.core.setReg(1, 0x00000830);
    execWord(h, 0xf3918f00, 0x600001f3, 0x40000100); // msr spsr_fsxc, r1
    h.core.setReg(14, 0x40000305);
    expect(execWord(h, 0xf3de8f04, 0x600001f3, 0x40000104)).toBe(false); // subs pc, lr, #4
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000300));
    expect(hex(h.core.getCpsr())).toBe(hex(0x00000830));
    h = makeHarness();
    h.core.setReg(1, 0x000001d3);
    execWord(h, 0xf3918f00, 0x600001f3, 0x40000100);
    h.core.setReg(14, 0x40000307);
    execWord(h, 0xf3de8f00, 0x600001f3, 0x40000104); // eret
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000304));
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });

  it("WFI halts (the run loop stops until an interrupt)", () => {
    const h = makeHarness();
    execWord(h, 0xf3af8003); // wfi.w
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000104));
    expect(new DataView(h.core.memory.buffer, h.core.stateBase()).getUint32(S_HALTED, true)).toBe(1);
  });
});
