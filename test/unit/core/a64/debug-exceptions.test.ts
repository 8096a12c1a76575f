// Self-hosted debug exceptions at EL1 (core/exceptions/a64-debug.ts), as kvm-unit-tests'
// arm/debug.c drives them under QEMU 7.2 (debug-bp, debug-wp, debug-sstep pass there): the OS lock
// cleared, MDSCR_EL1.KDE (+ MDE), PSTATE.D cleared; then a breakpoint, a watchpoint, a step.
import { describe, it, expect } from "vitest";
import { runA64 } from "../../../helpers/core-harness.js";
import { msrW, R, NOP, ERET, base, esr, sysreg } from "./sysreg-helpers.js";
import { S_ELR_EL1, STATE } from "../../../../core/state/layout.js";

type Enc = [number, number, number, number, number];
const OSLAR_EL1: Enc = [2, 0, 1, 0, 4];
const MDSCR_EL1: Enc = [2, 0, 0, 2, 2];
const DBGBVR0_EL1: Enc = [2, 0, 0, 0, 4];
const DBGBCR0_EL1: Enc = [2, 0, 0, 0, 5];
const DBGWVR0_EL1: Enc = [2, 0, 0, 0, 6];
const DBGWCR0_EL1: Enc = [2, 0, 0, 0, 7];
const DAIFCLR_D = 0xd50348ff; // msr daifclr, #8
const STRB_W5_X6 = 0x390000c5;
const LDRB_W5_X6 = 0x394000c5;
const KDE = 1 << 13, MDE = 1 << 15, SS = 1;
/** VBAR_EL1 of these programs; current-EL-with-SP_ELx synchronous exceptions land at +0x200. */
const VBAR = 0x800;
const syn = (ec: number, iss: number) => BigInt(((ec << 26) | (1 << 25) | iss) >>> 0);
const elr = (h: ReturnType<typeof runA64>) => new DataView(h.core.memory.buffer).getBigUint64(STATE + S_ELR_EL1, true);

/** Program: unlock the OS lock, VBAR = x1, reg0 = x2, reg1 = x3, MDSCR = x4, then `tail` from 0x18. */
function program(regs: [Enc, Enc], tail: number[], handler: number[] = []): number[] {
  const words = new Array<number>((VBAR + 0x200) / 4 + 8).fill(NOP);
  words.splice(0, 6, msrW(OSLAR_EL1, 31), msrW(R.VBAR_EL1, 1), msrW(regs[0], 2), msrW(regs[1], 3), msrW(MDSCR_EL1, 4), DAIFCLR_D);
  words.splice(6, tail.length, ...tail);
  words.splice((VBAR + 0x200) / 4, handler.length, ...handler);
  return words;
}

describe("A64 debug exceptions at EL1", () => {
  it("a breakpoint on an instruction: EC 0x31, IFSC 0x22, ELR = that instruction; none while PSTATE.D is set", () => {
    const bcr = 1 | (3 << 1) | (0xf << 5); // E, PMC EL1+EL0, BAS all four bytes
    const x = { 1: base + BigInt(VBAR), 2: base + 0x20n, 3: bcr, 4: KDE | MDE };
    const h = runA64(program([DBGBVR0_EL1, DBGBCR0_EL1], []), { x }, 9);
    expect(h.a64.pc).toBe(base + BigInt(VBAR + 0x200));
    expect(esr(h)).toBe(syn(0x31, 0x22));
    expect(elr(h)).toBe(base + 0x20n);
    // Without `msr daifclr, #8` the breakpoint does not fire (KDE with PSTATE.D masked).
    const masked = program([DBGBVR0_EL1, DBGBCR0_EL1], []);
    masked[5] = NOP;
    expect(runA64(masked, { x }, 9).a64.pc).toBe(base + 0x24n);
  });

  it("a store watchpoint: loads pass, the store takes EC 0x35 with WnR, FAR = the byte written", () => {
    const wcr = 1 | (3 << 1) | (2 << 3) | (0xff << 5); // E, PAC EL1+EL0, LSC store, BAS 8 bytes
    const x = { 1: base + BigInt(VBAR), 2: base + 0x100n, 3: wcr, 4: KDE | MDE, 6: base + 0x103n };
    const h = runA64(program([DBGWVR0_EL1, DBGWCR0_EL1], [LDRB_W5_X6, STRB_W5_X6]), { x }, 8);
    expect(h.a64.pc).toBe(base + BigInt(VBAR + 0x200));
    expect(esr(h)).toBe(syn(0x35, (1 << 6) | 0x22));
    expect(elr(h)).toBe(base + 0x1cn);
    expect(sysreg(h, R.FAR_EL1)).toBe(base + 0x103n);
  });

  it("software step: pending once PSTATE.D clears (ELR = next); ERET with SPSR.SS steps one instruction", () => {
    // Handler: SPSR_EL1 = x8 (EL1h, D clear, SS set), ERET.
    const x = { 1: base + BigInt(VBAR), 2: 0, 3: 0, 4: KDE | SS, 8: 0x1c5 | (1 << 21) };
    const words = program([DBGBVR0_EL1, DBGBCR0_EL1], [], [msrW(R.SPSR_EL1, 8), ERET]);
    let h = runA64(words, { x }, 7);
    expect(h.a64.pc).toBe(base + BigInt(VBAR + 0x200));
    expect(esr(h)).toBe(syn(0x33, 0x22));
    expect(elr(h)).toBe(base + 0x18n);
    // msr spsr, eret, the stepped nop at 0x18, then the step exception before 0x1c.
    h = runA64(words, { x }, 7 + 4);
    expect(h.a64.pc).toBe(base + BigInt(VBAR + 0x200));
    expect(elr(h)).toBe(base + 0x1cn);
  });
});
