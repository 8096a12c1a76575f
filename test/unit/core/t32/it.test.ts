// IT blocks (ARM ARM A2.5.2, A8.8.55): ITSTATE in the CPSR as the block runs, exceptions
// taken inside a block (the SPSR holds the ITSTATE of the faulting instruction; for SVC, and
// for interrupts, that of the next one) and exception returns back into the block (MOVS pc, lr;
// SUBS pc, lr, #8; RFE), entry with SCTLR.TE = 1. Condition/flag behaviour inside blocks of
// every mask is compared with QEMU in t16-qemu.test.ts; this file covers the state machine.
import { describe, it, expect } from "vitest";
import { makeHarness, poke16, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { S_SPSR_UND, S_SPSR_SVC, S_SPSR_ABT, S_SPSR_IRQ, S_IRQ_LINES } from "../../../../core/state/layout.js";

const VBAR_KEY = 0xf6000, SCTLR_KEY = 0xf0800, SCTLR_RESET = 0x00c50078;
const VECTORS = RAM_BASE + 0x8000;
const BUF = RAM_BASE + 0x4000;
const dv = (h: Harness) => new DataView(h.core.memory.buffer);
const st = (h: Harness, off: number) => dv(h).getUint32(h.core.stateBase() + off, true) >>> 0;
const setSt = (h: Harness, off: number, v: number) => dv(h).setUint32(h.core.stateBase() + off, v >>> 0, true);
const cpsr = (h: Harness) => h.core.getCpsr() >>> 0;
/** ITSTATE from a PSR value. */
const itOf = (psr: number) => (((psr >>> 8) & 0xfc) | ((psr >>> 25) & 3)) >>> 0;

// itete eq ; svceq #1 / (udf) ; movne r3,#1 ; moveq r4,#2 ; movne r5,#3 ; movs r6,#4
const ITETE_EQ = 0xbf0b;
const BLOCK_TAIL = [0x2301, 0x2402, 0x2503, 0x2604];

function setup(hw: number[], psr: number, regs: Record<number, number> = {}): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  poke16(h, RAM_BASE, ...hw);
  h.core.setCpsr(psr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}
const Z_SVC_T = 0x400001d3 | 0x20;

describe("ITSTATE", () => {
  it("IT sets ITSTATE = firstcond:mask and each instruction advances it, to 0 after the last", () => {
    const h = setup([ITETE_EQ, 0xbf00, 0xbf00, 0xbf00, 0xbf00, 0xbf00], Z_SVC_T);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) { h.core.run(1); seen.push(itOf(cpsr(h))); }
    expect(seen).toEqual([0x0b, 0x16, 0x0c, 0x18, 0x00, 0x00]);
  });
  it("the slots run or are skipped by their own condition (Z set: t e t e)", () => {
    const h = setup([ITETE_EQ, 0x2201, ...BLOCK_TAIL], Z_SVC_T); // moveq r2,#1 first
    h.core.run(6);
    expect(h.regs().slice(2, 7)).toEqual([1, 0, 2, 0, 4]);
    const n = setup([ITETE_EQ, 0x2201, ...BLOCK_TAIL], 0x1d3 | 0x20); // Z clear: e slots run
    n.core.run(6);
    expect(n.regs().slice(2, 7)).toEqual([0, 1, 0, 3, 4]);
  });
  it("an IT inside a block starts a new block (QEMU)", () => {
    const h = setup([0xbf04, 0xbf1c, 0x2301, 0x2402], Z_SVC_T); // itt eq ; itt ne (runs: eq) ; movne r3 ; movne r4
    h.core.run(4);
    expect(h.regs().slice(3, 5)).toEqual([0, 0]);
    expect(itOf(cpsr(h))).toBe(0);
  });
  it("stray IT bits with ITSTATE[3:0] = 0 are no block: cleared, the instruction runs", () => {
    const h = setup([0x2301], Z_SVC_T | (0x10 << 8)); // IT = 0x40 (cond bits only)
    h.core.run(1);
    expect(h.regs()[3]).toBe(1);
    expect(itOf(cpsr(h))).toBe(0);
  });
  it("BX out of a block as its last instruction leaves ITSTATE clear in ARM state", () => {
    const h = setup([0xbf1c, 0x2101, 0x4700], 0x1d3 | 0x20, { 0: RAM_BASE + 0x100 }); // itt ne ; movne r1,#1 ; bxne r0
    h.poke32(RAM_BASE + 0x100, 0xe3a02007); // mov r2, #7
    h.core.run(4);
    expect(h.regs()[1]).toBe(1);
    expect(h.regs()[2]).toBe(7);
    expect(cpsr(h) & (0x20 | 0x0600fc00)).toBe(0);
  });
});

describe("exceptions inside an IT block", () => {
  it("SVC: the SPSR holds the next slot's ITSTATE; MOVS pc, lr resumes the block correctly", () => {
    const h = setup([ITETE_EQ, 0xdf01, ...BLOCK_TAIL], Z_SVC_T);
    h.poke32(VECTORS + 8, 0xe1b0f00e); // movs pc, lr
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 8);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(itOf(st(h, S_SPSR_SVC))).toBe(0x16);
    expect(itOf(cpsr(h))).toBe(0); // cleared on entry
    h.core.run(5);
    expect(h.regs().slice(3, 7)).toEqual([0, 2, 0, 4]);
    expect(itOf(cpsr(h))).toBe(0);
  });
  it("UNDEF: the SPSR holds the faulting slot's ITSTATE; MOVS pc, lr restores it unadvanced", () => {
    // The handler must advance ITSTATE itself (Linux does); returning as is runs the next slot
    // under the faulting slot's condition (eq), as QEMU does.
    const h = setup([ITETE_EQ, 0xde00, ...BLOCK_TAIL], Z_SVC_T);
    h.poke32(VECTORS + 4, 0xe1b0f00e);
    h.core.run(2);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(itOf(st(h, S_SPSR_UND))).toBe(0x0b);
    h.core.run(1);
    expect(itOf(cpsr(h))).toBe(0x0b);
    // the restored block still has four slots: movne r3 (as eq: runs), moveq r4 (as ne: skipped),
    // movne r5 (as eq: runs), movs r6 (as ne: skipped)
    h.core.run(4);
    expect(h.regs().slice(3, 7)).toEqual([1, 0, 3, 0]);
    expect(itOf(cpsr(h))).toBe(0);
  });
  it("UNDEF, then RFE with an advanced ITSTATE: the rest of the block runs by its own conditions", () => {
    const psr = (Z_SVC_T | (((0x16 & 0xfc) << 8) | ((0x16 & 3) << 25))) >>> 0;
    const h = setup([ITETE_EQ, 0xde00, ...BLOCK_TAIL], Z_SVC_T, { 0: BUF });
    h.poke32(BUF, RAM_BASE + 4, psr);
    h.poke32(VECTORS + 4, 0xf8900a00); // rfeia r0
    h.core.run(3);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
    expect(cpsr(h)).toBe(psr);
    h.core.run(4);
    expect(h.regs().slice(3, 7)).toEqual([0, 2, 0, 4]);
  });
  it("data abort: SUBS pc, lr, #8 re-executes the faulting slot with its ITSTATE", () => {
    // itete eq ; ldmeq r1!, {r2} (r1 unaligned: alignment fault) ; movne r3 ; moveq r4 ; movne r5 ; movs r6
    const h = setup([ITETE_EQ, 0xc904, ...BLOCK_TAIL], Z_SVC_T, { 1: BUF + 2 });
    h.poke32(BUF, 0x5555);
    h.poke32(VECTORS + 0x10, 0xe3c11003, 0xe25ef008); // bic r1, r1, #3 ; subs pc, lr, #8
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0x10);
    expect(h.regs()[14]).toBe(RAM_BASE + 2 + 8);
    expect(itOf(st(h, S_SPSR_ABT))).toBe(0x0b);
    h.core.run(2);
    expect(h.regs()[15]).toBe(RAM_BASE + 2);
    expect(itOf(cpsr(h))).toBe(0x0b);
    h.core.run(5);
    expect(h.regs().slice(1, 7)).toEqual([BUF + 4, 0x5555, 0, 2, 0, 4]);
  });
  it("IRQ between two slots: SPSR_irq holds the next slot's ITSTATE; SUBS pc, lr, #4 resumes", () => {
    const h = setup([ITETE_EQ, 0x2201, ...BLOCK_TAIL], 0x40000153 | 0x20); // I clear
    h.poke32(VECTORS + 0x18, 0xe25ef004);
    h.core.run(2); // it ; moveq r2
    setSt(h, S_IRQ_LINES, 1);
    h.core.run(1); // the IRQ
    setSt(h, S_IRQ_LINES, 0);
    expect(h.regs()[14]).toBe(RAM_BASE + 4 + 4);
    expect(itOf(st(h, S_SPSR_IRQ))).toBe(0x16);
    h.core.run(5);
    expect(h.regs().slice(2, 7)).toEqual([1, 0, 2, 0, 4]);
  });
  it("BKPT inside a block runs whatever the condition (QEMU)", () => {
    const h = setup([0xbf18, 0xbe01], Z_SVC_T); // it ne ; bkpt (condition fails)
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0xc);
    expect(itOf(st(h, S_SPSR_ABT))).toBe(0x18);
  });
  it("a failing slot is skipped even if it would be UNDEFINED", () => {
    const h = setup([0xbf18, 0xde00, 0x2304], Z_SVC_T); // it ne ; udf ; movs r3, #4
    h.core.run(3);
    expect(h.regs()[3]).toBe(4);
    expect(h.regs()[15]).toBe(RAM_BASE + 6);
  });
  it("SCTLR.TE = 1: the handler runs in Thumb with ITSTATE clear (16-bit MOVS sets flags)", () => {
    const h = setup([ITETE_EQ, 0xde00], Z_SVC_T);
    h.core.writeSysreg(SCTLR_KEY, SCTLR_RESET | (1 << 30));
    poke16(h, VECTORS + 4, 0x2700); // movs r7, #0 -> Z stays set, N clear
    poke16(h, VECTORS + 6, 0x3f01); // subs r7, #1 -> N set, Z clear: flags are written, so not in a block
    h.core.run(4);
    expect(cpsr(h) & (0x20 | 0x0600fc00)).toBe(0x20);
    expect(h.regs()[7]).toBe(0xffffffff);
    expect(cpsr(h) >>> 28).toBe(0b1000);
    expect(itOf(st(h, S_SPSR_UND))).toBe(0x0b);
  });
  it("SCTLR.TE = 1 and a T32 SUBS pc, lr, #0 back into the block (if T32 has it)", () => {
    const h = setup([ITETE_EQ, 0xdf01, ...BLOCK_TAIL], Z_SVC_T);
    if (h.core.decodeRowT32(0xf3de8f00) < 0) return; // written by the T32 helpers
    h.core.writeSysreg(SCTLR_KEY, SCTLR_RESET | (1 << 30));
    poke16(h, VECTORS + 8, 0xf3de, 0x8f00);
    h.core.run(7);
    expect(h.regs().slice(3, 7)).toEqual([0, 2, 0, 4]);
    expect(cpsr(h) & 0x20).toBe(0x20);
  });
});
