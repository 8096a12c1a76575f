// A64 branches, exception generation and entry to EL1 (ESR, ELR, SPSR, vectors), ERET.
import { describe, it, expect } from "vitest";
import { runA64, makeHarness, enterA64, setX, a64State, RAM_BASE } from "../../../helpers/core-harness.js";
import { S_ELR_EL1, S_SPSR_SVC, STATE } from "../../../../core/state/layout.js";

const NOP = 0xd503201f;
const base = BigInt(RAM_BASE);

function state64(h: ReturnType<typeof makeHarness>, off: number): bigint {
  return new DataView(h.core.memory.buffer).getBigUint64(STATE + off, true);
}
function state32(h: ReturnType<typeof makeHarness>, off: number): number {
  return new DataView(h.core.memory.buffer).getUint32(STATE + off, true);
}
/** ESR_EL1 lives in the DFSR slot; read it through the sysreg key of DFSR (cp15 c5,c0,0). */
const esr = (h: ReturnType<typeof makeHarness>) => h.core.readSysreg((15 << 16) | (5 << 11)) >>> 0;

describe("A64 branches", () => {
  it("B and BL: BL writes X30 = PC + 4", () => {
    // b +8; nop; bl +4
    const h = runA64([0x14000002, NOP, 0x94000001], {}, 2);
    expect(h.a64.pc).toBe(base + 0xcn);
    expect(h.a64.x[30]).toBe(base + 0xcn);
  });
  it("CBZ/CBNZ test 32 or 64 bits; TBZ/TBNZ test one bit (b5:b40)", () => {
    // cbz x0, +8 with x0 = 1<<32: not taken (64-bit test)
    expect(runA64([0xb4000040], { x: { 0: 1n << 32n } }).a64.pc).toBe(base + 4n);
    // cbz w0, +8 with x0 = 1<<32: taken (32-bit test)
    expect(runA64([0x34000040], { x: { 0: 1n << 32n } }).a64.pc).toBe(base + 8n);
    // tbnz x1, #33, +8
    expect(runA64([0xb7080041], { x: { 1: 1n << 33n } }).a64.pc).toBe(base + 8n);
    expect(runA64([0xb7080041], { x: { 1: 1n << 32n } }).a64.pc).toBe(base + 4n);
  });
  it("B.cond uses NZCV; BR/BLR/RET jump to a register, BLR X30 reads it before writing", () => {
    // b.eq +8 with Z set / clear
    expect(runA64([0x54000040], { nzcv: 0b0100 }).a64.pc).toBe(base + 8n);
    expect(runA64([0x54000040], { nzcv: 0b0000 }).a64.pc).toBe(base + 4n);
    // blr x30 (d63f03c0)
    const h = runA64([0xd63f03c0], { x: { 30: base + 0x100n } });
    expect(h.a64.pc).toBe(base + 0x100n);
    expect(h.a64.x[30]).toBe(base + 4n);
    // ret (x30)
    expect(runA64([0xd65f03c0], { x: { 30: base + 0x40n } }).a64.pc).toBe(base + 0x40n);
  });
});

describe("A64 exceptions to EL1", () => {
  it("SVC from EL1h: vector VBAR + 0x200, ESR EC 0x15 with imm16, ELR = next, SPSR = old PSTATE", () => {
    const h = runA64([0xd4000241], { nzcv: 0b1010 }); // svc #0x12
    expect(h.a64.pc).toBe(0x200n); // VBAR_EL1 resets to 0
    expect(esr(h)).toBe(((0x15 << 26) | (1 << 25) | 0x12) >>> 0);
    expect(state64(h, S_ELR_EL1)).toBe(base + 4n);
    expect(state32(h, S_SPSR_SVC)).toBe((0xa0000000 | 0x3c5) >>> 0);
    expect(h.a64.pstate & 0x3cf).toBe(0x3c5);
  });
  it("BRK returns to itself (ESR EC 0x3c); an UNDEFINED word gives EC 0", () => {
    const h = runA64([0xd4200060]); // brk #3
    expect(esr(h)).toBe(((0x3c << 26) | (1 << 25) | 3) >>> 0);
    expect(state64(h, S_ELR_EL1)).toBe(base);
    const u = runA64([0x00000000]);
    expect(esr(u)).toBe((1 << 25) >>> 0);
    expect(u.a64.pc).toBe(0x200n);
  });
  it("exceptions from EL0 use the lower-EL vector (0x400) and bank SP_EL1; ERET goes back", () => {
    const h = makeHarness();
    h.poke32(RAM_BASE, 0xd4000001, NOP); // svc #0
    enterA64(h);
    setX(h, 31, 0x1111n); // SP_EL1 (EL1h)
    // Drop to EL0t: SPSR_EL1 = 0 (EL0t), ELR = RAM_BASE, then ERET from a stub at RAM_BASE + 0x800.
    h.poke32(RAM_BASE + 0x800, 0xd69f03e0); // eret
    new DataView(h.core.memory.buffer).setBigUint64(STATE + S_ELR_EL1, base, true);
    new DataView(h.core.memory.buffer).setUint32(STATE + S_SPSR_SVC, 0, true);
    h.core.setPC64Parts(RAM_BASE + 0x800, 0);
    h.core.run(1);
    let s = a64State(h);
    expect(s.pc).toBe(base);
    expect(s.pstate & 0xf).toBe(0); // EL0t
    setX(h, 31, 0x2222n); // SP_EL0
    h.core.run(1); // svc
    s = a64State(h);
    expect(s.pc).toBe(0x400n);
    expect(s.sp).toBe(0x1111n);
    expect(s.pstate & 0xf).toBe(5);
  });
  it("HLT #0xF000 is a semihosting call at EL1 when enabled (W0 op, X1 param); UNDEF when off", () => {
    const h = makeHarness(1 << 20, (op, param) => op + param);
    h.poke32(RAM_BASE, 0xd45e0000);
    enterA64(h);
    h.core.enableSemihosting(1);
    setX(h, 0, 0x18); setX(h, 1, 0x100);
    h.core.run(1);
    const s = a64State(h);
    expect(s.x[0]).toBe(0x118n);
    expect(s.pc).toBe(base + 4n);
    const off = runA64([0xd45e0000]);
    expect(off.a64.pc).toBe(0x200n);
  });
  it("DAIFClr/DAIFSet change the masks; SPSel switches between SP_EL0 and SP_EL1", () => {
    const h = runA64([0xd50342ff]); // msr daifclr, #2 (clear I)
    expect(h.a64.pstate & 0x3c0).toBe(0x340);
    // msr spsel, #0 (d50040bf)
    const g = makeHarness();
    g.poke32(RAM_BASE, 0xd50040bf);
    enterA64(g);
    setX(g, 31, 0x5555n);
    g.core.run(1);
    const s = a64State(g);
    expect(s.pstate & 1).toBe(0);
    expect(s.sp).toBe(0n); // SP_EL0 was 0
  });
});
