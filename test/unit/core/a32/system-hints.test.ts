// A32 hints (WFI, WFE, SEV, YIELD, NOP space), barriers and CLREX, and the run loop around
// them: WFI makes core.run() return STOP_WFI; an asserted interrupt line wakes the CPU and,
// when CPSR.I is clear, the IRQ is taken (LR = next instruction + 4, as the ARM ARM says).
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { S_HALTED, S_EVENT, S_IRQ_LINES, S_EXCL_VALID, S_SPSR_IRQ, STOP_WFI, STOP_BUDGET } from "../../../../core/state/layout.js";

const VBAR_KEY = 0xf6000;
const VECTORS = RAM_BASE + 0x8000;
const WFI = 0xe320f003, WFE = 0xe320f002, SEV = 0xe320f004, NOP = 0xe320f000, MOV_R0_1 = 0xe3a00001;

const st = (h: Harness, off: number) => new DataView(h.core.memory.buffer).getUint32(h.core.stateBase() + off, true);
const setSt = (h: Harness, off: number, v: number) => new DataView(h.core.memory.buffer).setUint32(h.core.stateBase() + off, v >>> 0, true);

function setup(words: number[], cpsr = 0x1d3): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  h.poke32(RAM_BASE, ...words);
  h.poke32(VECTORS + 0x18, 0xe3a02042); // IRQ vector: mov r2, #0x42
  h.core.setCpsr(cpsr);
  h.core.setReg(15, RAM_BASE);
  return h;
}

describe("WFI", () => {
  it("halts: run() returns STOP_WFI after retiring the WFI, and keeps returning it", () => {
    const h = setup([NOP, WFI, MOV_R0_1]);
    expect(h.core.run(100)).toBe(STOP_WFI);
    expect(h.regs()[15]).toBe(RAM_BASE + 8);
    expect(h.core.getIcount()).toBe(2);
    expect(st(h, S_HALTED)).toBe(1);
    expect(h.core.run(100)).toBe(STOP_WFI);
    expect(h.regs()[0]).toBe(0);
  });
  it("an IRQ line wakes it and the IRQ is taken when CPSR.I is clear", () => {
    const h = setup([WFI, MOV_R0_1], 0x60000153); // SVC, I clear, Z C set
    expect(h.core.run(100)).toBe(STOP_WFI);
    setSt(h, S_IRQ_LINES, 1);
    expect(h.core.run(1)).toBe(STOP_BUDGET);
    expect(st(h, S_HALTED)).toBe(0);
    expect(h.regs()[15]).toBe(VECTORS + 0x18);
    expect(h.core.getCpsr() >>> 0).toBe(0x600001d2); // IRQ mode, A and I set, flags kept
    expect(h.regs()[14]).toBe(RAM_BASE + 8); // next instruction + 4
    expect(st(h, S_SPSR_IRQ) >>> 0).toBe(0x60000153);
    expect(h.regs()[0]).toBe(0);
    h.core.run(1);
    expect(h.regs()[2]).toBe(0x42);
  });
  it("a masked IRQ line wakes it without taking the interrupt", () => {
    const h = setup([WFI, MOV_R0_1], 0x1d3);
    expect(h.core.run(100)).toBe(STOP_WFI);
    setSt(h, S_IRQ_LINES, 1);
    expect(h.core.run(1)).toBe(STOP_BUDGET);
    expect(h.regs()[0]).toBe(1);
    expect(h.core.getCpsr() & 0x1f).toBe(0x13);
  });
  it("does not halt when a line is already asserted (QEMU: cpu_has_work)", () => {
    const h = setup([WFI, MOV_R0_1], 0x1d3);
    setSt(h, S_IRQ_LINES, 1);
    expect(h.core.run(2)).toBe(STOP_BUDGET);
    expect(h.regs()[0]).toBe(1);
  });
  it("FIQ is taken before IRQ, with F masked too", () => {
    const h = setup([NOP], 0x113);
    setSt(h, S_IRQ_LINES, 3);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 0x1c);
    expect(h.core.getCpsr() & 0x1ff).toBe(0x1d1);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
  });
});

describe("WFE and SEV", () => {
  it("WFE without an event halts like WFI", () => {
    const h = setup([WFE, MOV_R0_1]);
    expect(h.core.run(10)).toBe(STOP_WFI);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
  it("WFE with the event register set consumes it and goes on", () => {
    const h = setup([WFE, MOV_R0_1]);
    setSt(h, S_EVENT, 1);
    expect(h.core.run(2)).toBe(STOP_BUDGET);
    expect(h.regs()[0]).toBe(1);
    expect(st(h, S_EVENT)).toBe(0);
  });
  it("SEV sets the event register and flags the other CPUs; SEV; WFE does not halt", () => {
    const h = setup([SEV, WFE, MOV_R0_1]);
    expect(h.core.takeSevPending()).toBe(0);
    expect(h.core.run(1)).toBe(STOP_BUDGET);
    expect(st(h, S_EVENT)).toBe(1);
    expect(h.core.takeSevPending()).toBe(1);
    expect(h.core.takeSevPending()).toBe(0);
    expect(h.core.run(2)).toBe(STOP_BUDGET);
    expect(h.regs()[0]).toBe(1);
  });
});

describe("NOP-like hints, barriers, CLREX", () => {
  it("NOP, YIELD, DBG, SEVL, ESB and unallocated hints do nothing (QEMU's NOP space)", () => {
    const words = [NOP, 0xe320f001, 0xe320f0f0, 0xe320f005, 0xe320f010, 0xe320f0a5, 0xe320ff00];
    const h = setup(words);
    expect(h.core.run(words.length)).toBe(STOP_BUDGET);
    expect(h.regs()[15]).toBe(RAM_BASE + 4 * words.length);
    expect(h.core.getCpsr() >>> 0).toBe(0x1d3);
  });
  it("DSB, DMB, ISB (any option) are NOPs", () => {
    const words = [0xf57ff04f, 0xf57ff05f, 0xf57ff06f, 0xf57ff04e, 0xf57ff05b];
    const h = setup(words);
    h.core.run(words.length);
    expect(h.regs()[15]).toBe(RAM_BASE + 4 * words.length);
  });
  it("SB (v8) is UNDEFINED on the A15", () => {
    const h = setup([0xf57ff070]);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 4);
  });
  it("CLREX clears the exclusive monitor", () => {
    const h = setup([0xf57ff01f]);
    setSt(h, S_EXCL_VALID, 1);
    h.core.run(1);
    expect(st(h, S_EXCL_VALID)).toBe(0);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
});
