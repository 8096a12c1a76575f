// A32 branches and exception-generating instructions. Expected values were checked against
// QEMU 7.2 (qemu-system-arm -M virt -cpu cortex-a15, bare-metal probes run with -semihosting):
// BX to an ARM address with bit 1 set takes a PC-alignment prefetch abort at the target
// (IFSR 0x1, IFAR = target, LR = target + 4); BKPT gives IFSR 0x2, IFAR 0, LR = BKPT + 4 and
// DBGDSCR.MOE = 0b0011; BXJ branches like BX.
import { describe, it, expect } from "vitest";
import { makeHarness, runA32, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { S_SPSR_SVC, S_SPSR_ABT, S_SPSR_UND } from "../../../../core/state/layout.js";

const SVC_MODE = 0x1d3;
const VBAR_KEY = 0xf6000, IFSR_KEY = 0xf2801, IFAR_KEY = 0xf3002, DBGDSCRINT_KEY = 0xe0080;
const VECTORS = RAM_BASE + 0x8000;

const state32 = (h: Harness, off: number) => new DataView(h.core.memory.buffer).getUint32(h.core.stateBase() + off, true);

/** Harness with VBAR pointing into RAM and `words` at RAM_BASE. */
function withVectors(words: number[], init: { regs?: Record<number, number>; cpsr?: number } = {}): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  h.poke32(RAM_BASE, ...words);
  h.core.setCpsr((init.cpsr ?? SVC_MODE) >>> 0);
  for (const [r, v] of Object.entries(init.regs ?? {})) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}

describe("A32 B, BL", () => {
  it("B forward and backward, BL sets LR to the next instruction", () => {
    // b .+8 ; (skipped) ; bl .+16 (at +8 -> +24) ; ... ; at +24: b .-24 (back to +0)
    const h = runA32([0xea000000, 0xe3a00001, 0xeb000002, 0, 0, 0, 0xeafffff8], {}, 3);
    expect(h.regs()[14]).toBe(RAM_BASE + 12);
    expect(h.regs()[15]).toBe(RAM_BASE);
    expect(h.regs()[0]).toBe(0);
  });
  it("a conditional branch that fails falls through", () => {
    // movs r0, #0 (Z set) ; bne .+8 ; mov r1, #1
    const h = runA32([0xe3b00000, 0x1a000000, 0xe3a01001]);
    expect(h.regs()[1]).toBe(1);
  });
});

describe("A32 BX, BLX (register), BXJ", () => {
  it("BX to an ARM address", () => {
    const h = runA32([0xe12fff11], { regs: { 1: RAM_BASE + 0x100 } });
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });
  it("BX to a Thumb address sets T and clears bit 0", () => {
    const h = runA32([0xe12fff11], { regs: { 1: RAM_BASE + 0x101 } });
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });
  it("BX to an ARM address with bit 1 set faults at the target (QEMU PC alignment check)", () => {
    const h = withVectors([0xe12fff11], { regs: { 1: RAM_BASE + 0x102 } });
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0x0c);
    expect(h.core.getCpsr() & 0x1f).toBe(0x17);
    expect(h.regs()[14]).toBe(RAM_BASE + 0x106);
    expect(h.core.readSysreg(IFSR_KEY)).toBe(0x1);
    expect(h.core.readSysreg(IFAR_KEY)).toBe(RAM_BASE + 0x102);
    expect(state32(h, S_SPSR_ABT)).toBe(SVC_MODE);
  });
  it("BLX r1 sets LR and interworks", () => {
    const h = runA32([0xe12fff31], { regs: { 1: RAM_BASE + 0x201 } });
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x200);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });
  it("BLX lr branches to the old LR", () => {
    const h = runA32([0xe12fff3e], { regs: { 14: RAM_BASE + 0x300 } }); // blx lr
    expect(h.regs()[15]).toBe(RAM_BASE + 0x300);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
  });
  it("BXJ behaves as BX (no Jazelle)", () => {
    const h = runA32([0xe12fff21], { regs: { 1: RAM_BASE + 0x41 } });
    expect(h.regs()[15]).toBe(RAM_BASE + 0x40);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });
});

describe("A32 BLX (immediate)", () => {
  it("switches to Thumb, target = PC + imm24:H:0", () => {
    const h = runA32([0xfa0003fe]); // blx .+0x1000
    expect(h.regs()[15]).toBe(RAM_BASE + 0x1000);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });
  it("the H bit adds 2", () => {
    const h = runA32([0xfb0003fe]); // blx .+0x1002
    expect(h.regs()[15]).toBe(RAM_BASE + 0x1002);
  });
});

describe("A32 SVC", () => {
  it("takes the SVC exception: mode, LR, SPSR, I set, vector", () => {
    const h = withVectors([0xef000011], { cpsr: 0x60000010 }); // svc #0x11 from User, Z C set
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 8);
    expect(h.core.getCpsr() >>> 0).toBe(0x60000093); // SVC entry masks I only
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(state32(h, S_SPSR_SVC)).toBe(0x60000010);
  });
  it("SVC #0x123456 is a semihosting call when enabled and privileged", () => {
    const h = withVectors([0xef123456], { regs: { 0: 0x18, 1: 0x20026 } });
    h.core.enableSemihosting(1);
    h.core.run(1);
    expect(h.semihostCalls).toEqual([{ op: 0x18, param: 0x20026 }]);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
  it("SVC #0x123456 from User mode is an ordinary SVC", () => {
    const h = withVectors([0xef123456], { cpsr: 0x10 });
    h.core.enableSemihosting(1);
    h.core.run(1);
    expect(h.semihostCalls).toEqual([]);
    expect(h.regs()[15]).toBe(VECTORS + 8);
  });
});

describe("A32 BKPT, HLT, HVC, SMC, UDF", () => {
  it("BKPT is a prefetch abort with the debug FSR; IFAR 0; DBGDSCR.MOE = BKPT", () => {
    const h = withVectors([0xe1a00000, 0xe1212374]); // nop ; bkpt #0x1234
    h.core.writeSysreg(IFAR_KEY, 0x12345678);
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0x0c);
    expect(h.regs()[14]).toBe(RAM_BASE + 8);
    expect(h.core.getCpsr() & 0x1ff).toBe(0x1d7);
    expect(h.core.readSysreg(IFSR_KEY)).toBe(0x2);
    expect(h.core.readSysreg(IFAR_KEY)).toBe(0);
    expect(h.core.readSysreg(DBGDSCRINT_KEY)).toBe(0xc);
  });
  it("HLT #0xF000 is the semihosting trap when enabled", () => {
    const h = withVectors([0xe10f0070], { regs: { 0: 3, 1: 0x100 } });
    h.core.enableSemihosting(1);
    h.core.run(1);
    expect(h.semihostCalls).toEqual([{ op: 3, param: 0x100 }]);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
  const undefs: [string, number, boolean][] = [
    ["HLT #0xF000 without semihosting", 0xe10f0070, false],
    ["HLT #0 with semihosting", 0xe1000070, true],
    ["HVC #0", 0xe1400070, false],
    ["SMC #0", 0xe1600070, false],
    ["UDF #0", 0xe7f000f0, false],
  ];
  for (const [name, insn, semi] of undefs) {
    it(`${name} is UNDEFINED`, () => {
      const h = withVectors([insn]);
      if (semi) h.core.enableSemihosting(1);
      h.core.run(1);
      expect(h.semihostCalls).toEqual([]);
      expect(h.regs()[15]).toBe(VECTORS + 4);
      expect(h.core.getCpsr() & 0x1f).toBe(0x1b);
      expect(h.regs()[14]).toBe(RAM_BASE + 4);
      expect(state32(h, S_SPSR_UND)).toBe(SVC_MODE);
    });
  }
});
