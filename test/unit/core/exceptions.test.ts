// AArch32 exception entry and return (ARM ARM B1.8): vector (VBAR or high vectors), mode,
// SPSR, LR offset, CPSR A/I/F/T/E/IT/J/IL on entry, and the returns MOVS pc, lr /
// SUBS pc, lr, #4 / LDM ^ / RFE / ERET. QEMU 7.2 behaviours checked with bare-metal probes:
// masks on entry (UND, SVC: I; aborts and IRQ: A I; FIQ: A I F), flags kept, and CPSR.IL
// restored by an exception return making the next instruction UNDEFINED.
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../helpers/core-harness.js";
import {
  S_SPSR_UND, S_SPSR_SVC, S_SPSR_ABT, S_SPSR_IRQ, S_SPSR_FIQ, S_IRQ_LINES,
} from "../../../core/state/layout.js";

const VBAR_KEY = 0xf6000, SCTLR_KEY = 0xf0800, DFSR_KEY = 0xf2800, DFAR_KEY = 0xf3000;
const SCTLR_RESET = 0x00c50078;
const VECTORS = RAM_BASE + 0x8000;
const BUF = RAM_BASE + 0x4000;
const UDF = 0xe7f000f0, NOP = 0xe320f000, MOV_R0_2 = 0xe3a00002, MOV_R3_3 = 0xe3a03003;

const st = (h: Harness, off: number) => new DataView(h.core.memory.buffer).getUint32(h.core.stateBase() + off, true) >>> 0;
const setSt = (h: Harness, off: number, v: number) => new DataView(h.core.memory.buffer).setUint32(h.core.stateBase() + off, v >>> 0, true);
const cpsr = (h: Harness) => h.core.getCpsr() >>> 0;

function setup(words: number[], psr: number, regs: Record<number, number> = {}): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  h.poke32(RAM_BASE, ...words);
  h.core.setCpsr(psr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}

describe("exception entry", () => {
  it("Undefined: vector +4, UND mode, I set, A F kept, LR = insn + 4", () => {
    const h = setup([NOP, UDF], 0x90000010); // User, N V, A I F clear
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(cpsr(h)).toBe(0x9000009b);
    expect(h.regs()[14]).toBe(RAM_BASE + 8);
    expect(st(h, S_SPSR_UND)).toBe(0x90000010);
  });
  it("SVC: vector +8, LR = next instruction, I set", () => {
    const h = setup([0xef000000], 0x40000110);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 8);
    expect(cpsr(h)).toBe(0x40000193);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(st(h, S_SPSR_SVC)).toBe(0x40000110);
  });
  it("Prefetch abort (BKPT): vector +0xc, ABT mode, A and I set, LR = insn + 4", () => {
    const h = setup([0xe1200070], 0x10);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 0xc);
    expect(cpsr(h)).toBe(0x197);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(st(h, S_SPSR_ABT)).toBe(0x10);
  });
  it("Data abort: vector +0x10, LR = insn + 8, DFSR/DFAR", () => {
    const h = setup([NOP, 0xf8900a00], 0x13, { 0: BUF + 2 }); // rfeia r0 from an unaligned address
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0x10);
    expect(cpsr(h)).toBe(0x197);
    expect(h.regs()[14]).toBe(RAM_BASE + 12);
    expect(st(h, S_SPSR_ABT)).toBe(0x13);
    expect(h.core.readSysreg(DFSR_KEY)).toBe(0x1);
    expect(h.core.readSysreg(DFAR_KEY)).toBe(BUF + 2);
  });
  it("IRQ: vector +0x18, A and I set, LR = next instruction + 4", () => {
    const h = setup([NOP, NOP], 0x20000010);
    h.core.run(1);
    setSt(h, S_IRQ_LINES, 1);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 0x18);
    expect(cpsr(h)).toBe(0x20000192);
    expect(h.regs()[14]).toBe(RAM_BASE + 8);
    expect(st(h, S_SPSR_IRQ)).toBe(0x20000010);
  });
  it("IRQ is not taken while CPSR.I is set", () => {
    const h = setup([NOP, NOP], 0x90);
    setSt(h, S_IRQ_LINES, 1);
    h.core.run(2);
    expect(h.regs()[15]).toBe(RAM_BASE + 8);
  });
  it("FIQ: vector +0x1c, A I F set, r8..r12 banked", () => {
    const h = setup([NOP], 0x10, { 8: 0x88, 12: 0xcc });
    setSt(h, S_IRQ_LINES, 2);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 0x1c);
    expect(cpsr(h)).toBe(0x1d1);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(h.regs()[8]).toBe(0);
    expect(h.regs()[12]).toBe(0);
    expect(st(h, S_SPSR_FIQ)).toBe(0x10);
  });
  it("SCTLR.V selects the high vectors at 0xffff0000", () => {
    const h = setup([UDF], 0x1d3);
    h.core.writeSysreg(SCTLR_KEY, SCTLR_RESET | (1 << 13));
    h.core.run(1);
    expect(h.regs()[15] >>> 0).toBe(0xffff0004);
  });
  it("SCTLR.TE enters the handler in Thumb state, SCTLR.EE big-endian", () => {
    const h = setup([UDF], 0x1d3);
    h.core.writeSysreg(SCTLR_KEY, SCTLR_RESET | (1 << 30) | (1 << 25));
    h.core.run(1);
    expect(cpsr(h)).toBe(0x1db | 0x20 | 0x200);
  });
  it("entry clears E, J and IL and saves them in the SPSR", () => {
    const h = setup([0xf1010200, UDF], 0x1d3); // setend be ; udf
    h.core.run(2);
    expect(cpsr(h)).toBe(0x1db);
    expect(st(h, S_SPSR_UND)).toBe(0x3d3);
  });
});

describe("exception return", () => {
  it("MOVS pc, lr returns from SVC to User mode", () => {
    const h = setup([0xef000000, MOV_R0_2], 0x80000010);
    h.poke32(VECTORS + 8, 0xe1b0f00e); // movs pc, lr
    h.core.run(3);
    expect(cpsr(h)).toBe(0x80000010);
    expect(h.regs()[0]).toBe(2);
    expect(h.regs()[15]).toBe(RAM_BASE + 8);
  });
  it("SUBS pc, lr, #4 returns from IRQ to the interrupted instruction", () => {
    const h = setup([NOP, MOV_R0_2, MOV_R3_3], 0x60000013);
    h.poke32(VECTORS + 0x18, 0xe25ef004); // subs pc, lr, #4
    h.core.run(1);
    setSt(h, S_IRQ_LINES, 1);
    h.core.run(1); // IRQ taken before mov r0, #2
    setSt(h, S_IRQ_LINES, 0);
    h.core.run(3); // subs ; mov r0 ; mov r3
    expect(cpsr(h)).toBe(0x60000013);
    expect(h.regs()[0]).toBe(2);
    expect(h.regs()[3]).toBe(3);
  });
  it("LDM sp!, {pc}^ returns with CPSR = SPSR", () => {
    const h = setup([UDF, MOV_R0_2], 0x40000010);
    // UND handler: push {lr} ; ldm sp!, {pc}^  (r13_und starts at BUF + 0x100)
    h.poke32(VECTORS + 4, 0xe52de004, 0xe8fd8000);
    h.core.setCpsr(0x1db); h.core.setReg(13, BUF + 0x100); h.core.setCpsr(0x40000010);
    h.core.run(4);
    expect(cpsr(h)).toBe(0x40000010);
    expect(h.regs()[0]).toBe(2);
  });
  it("IRQ handler with SRS/CPS/RFE returns to the interrupted code", () => {
    const h = setup([NOP, MOV_R0_2, MOV_R3_3], 0x20000013, { 13: BUF + 0x100 });
    // IRQ: sub lr, lr, #4 ; srsdb sp!, #0x13 ; cps #0x13 ; mov r5, #5 ; rfeia sp!
    h.poke32(VECTORS + 0x18, 0xe24ee004, 0xf96d0513, 0xf1020013, 0xe3a05005, 0xf8bd0a00);
    h.core.run(1);
    setSt(h, S_IRQ_LINES, 1);
    h.core.run(1);
    setSt(h, S_IRQ_LINES, 0);
    h.core.run(5);
    expect(h.regs()[5]).toBe(5);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
    expect(cpsr(h)).toBe(0x20000013);
    expect(h.regs()[13]).toBe(BUF + 0x100);
    h.core.run(2);
    expect(h.regs()[0]).toBe(2);
    expect(h.regs()[3]).toBe(3);
  });
  it("an SPSR with IL set makes the next instruction UNDEFINED (QEMU: illegal state)", () => {
    const h = setup([0xe160006e], 0x1d3, { 14: RAM_BASE + 0x40 }); // eret
    setSt(h, S_SPSR_SVC, 0x001001d3);
    h.poke32(RAM_BASE + 0x40, MOV_R0_2);
    h.core.run(2);
    expect(h.regs()[0]).toBe(0);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(h.regs()[14]).toBe(RAM_BASE + 0x44);
    expect(st(h, S_SPSR_UND)).toBe(0x001001d3);
    expect(cpsr(h)).toBe(0x1db); // IL cleared on entry
  });
});
