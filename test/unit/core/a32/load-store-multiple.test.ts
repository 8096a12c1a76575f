// A32 LDM/STM (all addressing modes, PUSH/POP, PC in the list, user-bank and exception-return
// forms). UNDEFINED cases and the partial-completion behaviour were checked against
// qemu-system-arm 7.2 -M virt -cpu cortex-a15 (bare-metal probe, faults at the end of RAM).
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";
import { S_BANK_USR, S_SPSR_SVC } from "../../../../core/state/layout.js";

const D = RAM_BASE + 0x1000;
const SVC = 0x1d3, UND = 0x1b, ABT = 0x17, USR = 0x10, SYS = 0x1f, FIQ = 0x11;
const DFSR = dispatchKey(cp15(5, 0, 0, 0));
const DFAR = dispatchKey(cp15(6, 0, 0, 0));

function setup(words: number[], regs: Record<number, number> = {}, cpsr?: number): Harness {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  for (let i = 0; i < 64; i++) h.poke32(D + 4 * i, 0xd0000000 + 4 * i);
  if (cpsr !== undefined) h.core.setCpsr(cpsr);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}
function run(words: number[], regs: Record<number, number> = {}, cpsr?: number, steps = words.length): Harness {
  const h = setup(words, regs, cpsr);
  h.core.run(steps);
  return h;
}
const m = (k: number) => (0xd0000000 + k) >>> 0; // word stored at D + k
const mode = (h: Harness) => h.core.getCpsr() & 0x1f;
const undef = (h: Harness) => mode(h) === UND && h.regs()[15] === 4;
const dabort = (h: Harness) => mode(h) === ABT && h.regs()[15] === 0x10;
const state = (h: Harness) => new DataView(h.core.memory.buffer, h.core.stateBase());

describe("LDM/STM addressing modes", () => {
  it("LDMIA, LDMIB!, LDMDA!, LDMDB", () => {
    let h = run([0xe891000d], { 1: D + 8 }); // ldm r1, {r0, r2, r3}
    expect([h.regs()[0], h.regs()[2], h.regs()[3], h.regs()[1]]).toEqual([m(8), m(12), m(16), D + 8]);
    h = run([0xe9b10005], { 1: D + 8 }); // ldmib r1!, {r0, r2}
    expect([h.regs()[0], h.regs()[2], h.regs()[1]]).toEqual([m(12), m(16), D + 16]);
    h = run([0xe8310005], { 1: D + 8 }); // ldmda r1!, {r0, r2}
    expect([h.regs()[0], h.regs()[2], h.regs()[1]]).toEqual([m(4), m(8), D]);
    h = run([0xe9110005], { 1: D + 8 }); // ldmdb r1, {r0, r2}
    expect([h.regs()[0], h.regs()[2], h.regs()[1]]).toEqual([m(0), m(4), D + 8]);
  });

  it("STMIA!, STMIB, STMDA!, STMDB!", () => {
    let h = run([0xe8a10015], { 0: 10, 1: D, 2: 12, 4: 14 }); // stmia r1!, {r0, r2, r4}
    expect([h.peek32(D), h.peek32(D + 4), h.peek32(D + 8), h.regs()[1]]).toEqual([10, 12, 14, D + 12]);
    h = run([0xe9810005], { 0: 10, 1: D, 2: 12 }); // stmib r1, {r0, r2}
    expect([h.peek32(D), h.peek32(D + 4), h.peek32(D + 8), h.regs()[1]]).toEqual([m(0), 10, 12, D]);
    h = run([0xe8210005], { 0: 10, 1: D + 8, 2: 12 }); // stmda r1!, {r0, r2}
    expect([h.peek32(D + 4), h.peek32(D + 8), h.regs()[1]]).toEqual([10, 12, D]);
    h = run([0xe9210005], { 0: 10, 1: D + 8, 2: 12 }); // stmdb r1!, {r0, r2}
    expect([h.peek32(D), h.peek32(D + 4), h.peek32(D + 8), h.regs()[1]]).toEqual([10, 12, m(8), D]);
  });

  it("PUSH and POP (multiple and single-register forms)", () => {
    // push {r0, r1, lr}; pop {r2, r3, r4}; push {r0} (str r0, [sp, #-4]!); pop {r5} (ldr r5, [sp], #4)
    const h = run([0xe92d4003, 0xe8bd001c, 0xe52d0004, 0xe49d5004], { 0: 1, 1: 2, 14: 3, 13: D + 0x100 });
    const r = h.regs();
    expect([r[2], r[3], r[4], r[5], r[13]]).toEqual([1, 2, 3, 1, D + 0x100]);
    expect([h.peek32(D + 0xf4), h.peek32(D + 0xf8), h.peek32(D + 0xfc)]).toEqual([1, 2, 1]);
  });

  it("STM of the base stores its original value, also with writeback and not lowest (QEMU)", () => {
    let h = run([0xe8a10007], { 0: 0xa0, 1: D, 2: 0xa2 }); // stmia r1!, {r0, r1, r2}
    expect([h.peek32(D + 4), h.regs()[1]]).toEqual([D, D + 12]);
    h = run([0xe9210007], { 0: 0xa0, 1: D + 16, 2: 0xa2 }); // stmdb r1!, {r0, r1, r2}
    expect([h.peek32(D + 4), h.peek32(D + 8), h.peek32(D + 12), h.regs()[1]]).toEqual([0xa0, D + 16, 0xa2, D + 4]);
  });

  it("LDM loading its base without writeback takes the loaded value", () => {
    const h = run([0xe8910007], { 1: D }); // ldm r1, {r0, r1, r2}
    expect([h.regs()[0], h.regs()[1], h.regs()[2]]).toEqual([m(0), m(4), m(8)]);
  });

  it("STM with the PC stores PC + 8", () => {
    const h = run([0xe8818001], { 0: 0x77, 1: D }); // stm r1, {r0, pc}
    expect([h.peek32(D), h.peek32(D + 4)]).toEqual([0x77, RAM_BASE + 8]);
  });

  it("UNDEFINED: empty list, Rn = PC, LDM with writeback and the base in the list", () => {
    expect(undef(run([0xe8920000], { 2: D }))).toBe(true); // ldm r2, {}
    expect(undef(run([0xe89f0003]))).toBe(true); // ldm pc, {r0, r1}
    expect(undef(run([0xe88f0003]))).toBe(true); // stm pc, {r0, r1}
    const h = run([0xe8b10003], { 0: 5, 1: D }); // ldm r1!, {r0, r1}
    expect(undef(h)).toBe(true);
    expect([h.regs()[0], h.regs()[1]]).toEqual([5, D]);
  });
});

describe("LDM with the PC", () => {
  it("interworks: an odd address switches to Thumb", () => {
    const h = setup([0xe8918001], { 1: D }); // ldm r1, {r0, pc}
    h.poke32(D + 4, RAM_BASE + 0x101);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
    expect(h.regs()[0]).toBe(m(0));
  });

  it("POP {pc} stays in ARM state for a word-aligned address", () => {
    const h = setup([0xe49df004], { 13: D }); // pop {pc}
    h.poke32(D, RAM_BASE + 0x40);
    h.core.run(1);
    expect([h.regs()[15], h.regs()[13], h.core.getCpsr() & 0x20]).toEqual([RAM_BASE + 0x40, D + 4, 0]);
  });
});

describe("alignment", () => {
  it("LDM/STM need word alignment whatever SCTLR.A says; nothing is written", () => {
    let h = run([0xe8b2000b], { 0: 1, 1: 2, 2: D + 2 }); // ldm r2!, {r0, r1, r3}
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x001); expect(h.core.readSysreg(DFAR)).toBe(D + 2);
    expect([h.regs()[0], h.regs()[1], h.regs()[2]]).toEqual([1, 2, D + 2]);
    h = run([0xe9210005], { 0: 10, 1: D + 10, 2: 12 }); // stmdb r1!, {r0, r2}
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x801);
    expect(h.regs()[1]).toBe(D + 10);
    expect([h.peek32(D), h.peek32(D + 4)]).toEqual([m(0), m(4)]);
  });
});

describe("user-bank and exception-return forms", () => {
  it("STM ^ stores the User r13/r14 from SVC, with writeback (allowed, as QEMU)", () => {
    const h = setup([0xe9612100], { 1: D + 8, 8: 0x88, 13: 0x5, 14: 0x6 }); // stmdb r1!, {r8, sp}^
    state(h).setUint32(S_BANK_USR + 5 * 4, 0x1300, true);
    h.core.run(1);
    expect([h.peek32(D), h.peek32(D + 4), h.regs()[1]]).toEqual([0x88, 0x1300, D]);
  });

  it("STM ^ from FIQ mode stores the User r8, not the FIQ one", () => {
    const h = setup([0xe9612100], { 1: D + 8 }, 0x1d1); // stmdb r1!, {r8, sp}^ in FIQ
    h.core.setReg(8, 0xf8);
    state(h).setUint32(S_BANK_USR, 0x0808, true);
    state(h).setUint32(S_BANK_USR + 5 * 4, 0x1300, true);
    h.core.run(1);
    expect([h.peek32(D), h.peek32(D + 4)]).toEqual([0x0808, 0x1300]);
    expect(h.regs()[8]).toBe(0xf8);
    expect(mode(h)).toBe(FIQ);
  });

  it("LDM ^ without the PC loads the User r13/r14, leaving the SVC ones", () => {
    const h = setup([0xe8d16000], { 1: D, 13: 0x5, 14: 0x6 }); // ldm r1, {sp, lr}^
    h.core.run(1);
    expect([h.regs()[13], h.regs()[14]]).toEqual([5, 6]);
    expect(state(h).getUint32(S_BANK_USR + 5 * 4, true)).toBe(m(0));
    expect(state(h).getUint32(S_BANK_USR + 6 * 4, true)).toBe(m(4));
    h.core.setCpsr(SYS); // the User bank becomes visible
    expect([h.regs()[13], h.regs()[14]]).toEqual([m(0), m(4)]);
  });

  it("LDM ^ without the PC and with writeback is UNDEFINED; User/Block forms UNDEF in User mode", () => {
    expect(undef(run([0xe8f20003], { 2: D }))).toBe(true); // ldm r2!, {r0, r1}^
    expect(undef(run([0xe8d16000], { 1: D }, USR))).toBe(true); // ldm r1, {sp, lr}^
    expect(undef(run([0xe8c16000], { 1: D }, USR))).toBe(true); // stm r1, {sp, lr}^
    expect(undef(run([0xe8d18001], { 1: D }, USR))).toBe(true); // ldm r1, {r0, pc}^
  });

  it("LDM ^ with the PC returns from an exception: CPSR <- SPSR, mode switch", () => {
    const h = setup([0xe8f18001], { 1: D }); // ldm r1!, {r0, pc}^ in SVC
    h.poke32(D + 4, RAM_BASE + 0x80);
    state(h).setUint32(S_SPSR_SVC, 0xf00001df, true); // SYS, NZCV
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0xf00001df);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x80);
    expect(h.regs()[0]).toBe(m(0));
    h.core.setCpsr(SVC);
    expect(h.regs()[1]).toBe(D + 8); // writeback went to the SVC-mode r1 (shared) before the switch
  });

  it("LDM ^ exception return to Thumb aligns the PC to 2; to ARM to 4", () => {
    let h = setup([0xe8d18001], { 1: D });
    h.poke32(D + 4, RAM_BASE + 0x83);
    state(h).setUint32(S_SPSR_SVC, 0x30, true); // User, Thumb
    h.core.run(1);
    expect(h.core.getCpsr()).toBe(0x30);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x82);
    h = setup([0xe8d18001], { 1: D });
    h.poke32(D + 4, RAM_BASE + 0x83);
    state(h).setUint32(S_SPSR_SVC, 0x10, true);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x80);
  });

  it("LDM ^ returning to an invalid mode keeps the current mode, takes the other bits (QEMU)", () => {
    const h = setup([0xe8d18001], { 1: D });
    h.poke32(D + 4, RAM_BASE + 0x82);
    state(h).setUint32(S_SPSR_SVC, 0x400001d5, true);
    h.core.run(1);
    expect(h.core.getCpsr()).toBe(0x400001d3);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x80);
  });

  it("LDM ^ with the PC and the base in the list (no writeback): base takes the loaded value", () => {
    const h = setup([0xe8d18003], { 1: D }); // ldm r1, {r0, r1, pc}^
    h.poke32(D + 8, RAM_BASE + 0x40);
    state(h).setUint32(S_SPSR_SVC, 0x1d3, true);
    h.core.run(1);
    expect([h.regs()[0], h.regs()[1], h.regs()[15]]).toEqual([m(0), m(4), RAM_BASE + 0x40]);
  });
});

// A data abort part-way: needs a translation fault, so the MMU (short-descriptor sections).
// Skipped while the table walk is not implemented or the MMU registers are not defined.
describe("partial completion on a data abort", () => {
  function mmuHarness(words: number[], regs: Record<number, number>): Harness | undefined {
    const h = setup(words, regs);
    const tt = RAM_BASE + 0x4000;
    for (let i = 0; i < 4096; i++) h.poke32(tt + 4 * i, 0); // all faults...
    h.poke32(tt + 0x400 * 4, 0x40000c02); // ...but the 1 MiB section of RAM (AP=11)
    const wr = (e: ReturnType<typeof cp15>, v: number) => { h.core.writeSysreg(dispatchKey(e), v); return h.core.lastSysregUndef() === 0; };
    if (!wr(cp15(2, 0, 0, 0), tt) || !wr(cp15(2, 0, 0, 2), 0) || !wr(cp15(3, 0, 0, 0), 0xffffffff)) return undefined;
    wr(cp15(1, 0, 0, 0), h.core.readSysreg(dispatchKey(cp15(1, 0, 0, 0))) | 1);
    if (h.core.virtToHost(RAM_BASE + 0x100000) !== 0) return undefined; // no walk yet: all flat
    return h;
  }
  const END = RAM_BASE + 0x100000; // first unmapped address

  it("LDM: registers before the fault are loaded, the base is neither loaded nor written back", (ctx) => {
    let h = mmuHarness([0xe891000f], { 1: END - 8, 2: 2, 3: 3 }); // ldm r1, {r0, r1, r2, r3}
    if (!h) return ctx.skip();
    h.poke32(END - 8, 0x11, 0x22);
    h.core.run(1);
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFAR)).toBe(END);
    expect([h.regs()[0], h.regs()[1], h.regs()[2]]).toEqual([0x11, END - 8, 2]);
    h = mmuHarness([0xe8b40007], { 4: END - 8 })!; // ldm r4!, {r0, r1, r2}
    h.core.run(1);
    expect(dabort(h)).toBe(true);
    expect(h.regs()[4]).toBe(END - 8);
  });

  it("STM: words before the fault are stored, no writeback", (ctx) => {
    const h = mmuHarness([0xe8a10007], { 0: 0xa, 1: END - 8, 2: 0xc }); // stmia r1!, {r0, r1, r2}
    if (!h) return ctx.skip();
    h.core.run(1);
    expect(dabort(h)).toBe(true);
    expect(h.regs()[1]).toBe(END - 8);
    expect([h.peek32(END - 8), h.peek32(END - 4)]).toEqual([0xa, END - 8]);
  });

  it("LDRD: a fault on the second word leaves Rt loaded (QEMU 7.2 writes Rt first)", (ctx) => {
    const h = mmuHarness([0xe1c120d0], { 1: END - 4, 2: 2, 3: 3 }); // ldrd r2, r3, [r1]
    if (!h) return ctx.skip();
    h.poke32(END - 4, 0x44);
    h.core.run(1);
    expect(dabort(h)).toBe(true);
    expect([h.regs()[2], h.regs()[3]]).toEqual([0x44, 3]);
  });
});
