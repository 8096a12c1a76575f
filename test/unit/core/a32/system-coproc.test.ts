// MRC/MCR/MRRC/MCRR to cp14/cp15 through the system-register table, checked against QEMU 7.2
// probes (qemu-system-arm -M virt -cpu cortex-a15): MIDR reads 0x414fc0f0; c11 and c1/c0/7
// are unknown (UNDEFINED) while c15 is QEMU's RAZ/WI C15_IMPDEF; TPIDRURO is readable but not
// writable from User mode; MIDR and DBGDSCRint are not readable from User mode; MRC with
// Rt = 15 copies bits 31:28 to N Z C V; other coprocessors and LDC/STC/CDP are UNDEFINED.
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";

const VBAR_KEY = 0xf6000, DBGDSCREXT_KEY = 0xe0102;
const VECTORS = RAM_BASE + 0x8000;

function run(words: number[], cpsr = 0x1d3, regs: Record<number, number> = {}): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  h.poke32(RAM_BASE, ...words);
  h.core.setCpsr(cpsr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(words.length);
  return h;
}
const tookUndef = (h: Harness) => h.regs()[15] === VECTORS + 4 && (h.core.getCpsr() & 0x1f) === 0x1b;

describe("MRC / MCR", () => {
  it("MRC p15 MIDR reads the Cortex-A15 r4p0 value", () => {
    const h = run([0xee100f10]);
    expect(h.regs()[0] >>> 0).toBe(0x414fc0f0);
  });
  it("MCR then MRC of VBAR round-trips (low 5 bits RES0)", () => {
    const h = run([0xee0c0f10, 0xee1c1f10], 0x1d3, { 0: 0x12345678 }); // mcr/mrc p15, 0, rX, c12, c0, 0
    expect(h.regs()[1] >>> 0).toBe(0x12345660);
  });
  it("an unknown cp15 register is UNDEFINED (LR = insn + 4, nothing written)", () => {
    for (const insn of [0xee1b0f10, 0xee110ff0, 0xee010ff0]) { // mrc c11,c0,0 ; mrc c1,c0,7 ; mcr c1,c0,7
      const h = run([insn], 0x1d3, { 0: 0x55 });
      expect(tookUndef(h)).toBe(true);
      expect(h.regs()[14]).toBe(RAM_BASE + 4);
      expect(h.regs()[0]).toBe(0x55);
    }
  });
  it("c15 is RAZ/WI (QEMU C15_IMPDEF)", () => {
    const h = run([0xeeff0fff], 0x1d3, { 0: 0x55 }); // mrc p15, 7, r0, c15, c15, 7
    expect(h.regs()[0]).toBe(0);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
  it("User mode: TPIDRURO readable, not writable; MIDR not readable", () => {
    const h = run([0xee1d0f70], 0x10, { 0: 0 }); // mrc p15, 0, r0, c13, c0, 3
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
    expect(tookUndef(run([0xee0d0f70], 0x10))).toBe(true); // mcr TPIDRURO
    expect(tookUndef(run([0xee100f10], 0x10))).toBe(true); // mrc MIDR
  });
  it("TPIDRURO written at PL1 is seen from User mode", () => {
    // mcr p15,0,r0,c13,c0,3 ; cps #0x10 ; mrc p15,0,r1,c13,c0,3
    const h = run([0xee0d0f70, 0xf1020010, 0xee1d1f70], 0x1d3, { 0: 0x1234 });
    expect(h.regs()[1]).toBe(0x1234);
  });
  it("MRC with Rt = 15 sets N Z C V from bits 31:28 (DBGDSCRint)", () => {
    const h = makeHarness();
    h.core.writeSysreg(DBGDSCREXT_KEY, 0xa0000000);
    h.poke32(RAM_BASE, 0xee10fe11); // mrc p14, 0, APSR_nzcv, c0, c1, 0
    h.core.setCpsr(0x580f01d3); // Z V Q GE set before
    h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0xa80f01d3); // N C from the register; Q, GE kept
  });
  it("DBGDSCRext writes are seen through DBGDSCRint; DBGDSCRint is not readable from User mode", () => {
    const h = run([0xee000e52, 0xee101e11], 0x1d3, { 0: 0xffffffff });
    expect(h.regs()[1] >>> 0).toBe(0xffffffff);
    expect(tookUndef(run([0xee10fe11], 0x10))).toBe(true);
  });
  it("other coprocessors and the unconditional MCR2 are UNDEFINED", () => {
    expect(tookUndef(run([0xee100710]))).toBe(true); // mrc p7
    expect(tookUndef(run([0xfe0d0f70]))).toBe(true); // mcr2 p15
  });
  it("LDC, STC and CDP are UNDEFINED for cp14/cp15", () => {
    expect(tookUndef(run([0xed905e00], 0x1d3, { 0: RAM_BASE }))).toBe(true); // ldc p14
    expect(tookUndef(run([0xed800f00], 0x1d3, { 0: RAM_BASE }))).toBe(true); // stc p15
    expect(tookUndef(run([0xee000e00]))).toBe(true); // cdp p14
  });
});

describe("MRRC / MCRR", () => {
  it("MCRR then MRRC of the 64-bit TTBR0", () => {
    // mcrr p15, 0, r0, r1, c2 ; mrrc p15, 0, r2, r3, c2
    const h = run([0xec410f02, 0xec532f02], 0x1d3, { 0: 0x4000, 1: 0x00ab0000 });
    expect(h.regs()[2]).toBe(0x4000);
    expect(h.regs()[3]).toBe(0x00ab0000);
  });
  it("the 32-bit TTBR0 view is the low word", () => {
    const h = run([0xec410f02, 0xee125f10], 0x1d3, { 0: 0x8000, 1: 0x12 }); // mrc p15, 0, r5, c2, c0, 0
    expect(h.regs()[5]).toBe(0x8000);
  });
  it("an unknown 64-bit register is UNDEFINED", () => {
    const h = run([0xec532f0f], 0x1d3); // mrrc p15, 0, r2, r3, c15
    expect(tookUndef(h)).toBe(true);
  });
});
