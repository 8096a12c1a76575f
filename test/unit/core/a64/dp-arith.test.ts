// A64 logical (shifted register), add/sub (shifted and extended register) and add/sub with
// carry: shifts and extensions at the right width, register 31 (SP only in the extended
// forms), NZCV, and the UNDEFINED encodings.
import { describe, it, expect } from "vitest";
import { run, expectUndef } from "./dp-run.js";

const ALL = 0xffffffffffffffffn;

describe("A64 logical (shifted register)", () => {
  it("AND: LSL shifts bits out; the 32-bit ROR rotates within the word", () => {
    expect(run(0x8a021020, { 1: ALL, 2: 0x0f0000000000000fn }).x[0]).toBe(0xf0000000000000f0n); // and x0, x1, x2, lsl #4
    expect(run(0x0ac21020, { 1: ALL, 2: 0xffffffff0000001fn }).x[0]).toBe(0xf0000001n); // and w0, w1, w2, ror #4
  });
  it("BIC: AND NOT of the shifted operand (ASR #63)", () => {
    expect(run(0x8aa2fc20, { 1: 0x1234n, 2: 0x8000000000000000n }).x[0]).toBe(0n); // bic x0, x1, x2, asr #63
    expect(run(0x8aa2fc20, { 1: 0x1234n, 2: 0x7fffffffffffffffn }).x[0]).toBe(0x1234n);
  });
  it("ORR: MOV alias reads XZR (not SP) for register 31; LSR", () => {
    expect(run(0xaa0103e0, { 1: 0x55n, 31: 0xff00n }).x[0]).toBe(0x55n); // mov x0, x1
    expect(run(0xaa420420, { 1: 1n, 2: 0x8000000000000000n }).x[0]).toBe(0x4000000000000001n); // orr x0, x1, x2, lsr #1
  });
  it("ORN: the 32-bit inverted operand does not leak into the top half", () => {
    expect(run(0x2a220020, { 1: 0n, 2: 0xffffffff0000ffffn }).x[0]).toBe(0xffff0000n); // orn w0, w1, w2
  });
  it("EOR: 64-bit ROR #32", () => {
    expect(run(0xcac28020, { 1: 0n, 2: 0x1122334455667788n }).x[0]).toBe(0x5566778811223344n); // eor x0, x1, x2, ror #32
  });
  it("EON: 32-bit LSL #31 then NOT", () => {
    expect(run(0x4a227c20, { 1: 0n, 2: 1n }).x[0]).toBe(0x7fffffffn); // eon w0, w1, w2, lsl #31
  });
  it("ANDS: N and Z of the 32-bit result, C and V cleared; TST writes nothing", () => {
    let s = run(0x6a020020, { 1: 0xffffffff80000000n, 2: 0xf80000001n }, 0b0011); // ands w0, w1, w2
    expect([s.x[0], s.nzcv]).toEqual([0x80000000n, 0b1000]);
    s = run(0x6a020020, { 1: 0x100000000n, 2: 0x100000000n }, 0b0011);
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0100]);
    s = run(0xea02003f, { 1: 1n << 63n, 2: 1n << 63n, 31: 0x10n }); // tst x1, x2
    expect([s.sp, s.nzcv]).toEqual([0x10n, 0b1000]);
  });
  it("BICS: flags of the AND NOT", () => {
    const s = run(0xea220020, { 1: 0xffn, 2: 0xffn }, 0b0011); // bics x0, x1, x2
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0100]);
  });
  it("UNDEFINED: 32-bit shift amounts of 32 or more", () => {
    expectUndef(0x0a028020); // and w0, w1, w2, lsl #32
    expectUndef(0x2ae28020); // orn w0, w1, w2, ror #32
  });
});

describe("A64 add/subtract (shifted register)", () => {
  it("ADD: LSL drops high bits; 32-bit ASR #31 is a word shift", () => {
    expect(run(0x8b020c20, { 1: 1n, 2: 0x2000000000000001n }).x[0]).toBe(9n); // add x0, x1, x2, lsl #3
    expect(run(0x0b827c20, { 1: 5n, 2: 0x80000000n }).x[0]).toBe(4n); // add w0, w1, w2, asr #31
  });
  it("ADDS: signed overflow and carry; CMN writes XZR, not SP", () => {
    let s = run(0xab020020, { 1: 0x7fffffffffffffffn, 2: 1n }); // adds x0, x1, x2
    expect([s.x[0], s.nzcv]).toEqual([0x8000000000000000n, 0b1001]);
    s = run(0xab020020, { 1: 1n << 63n, 2: 1n << 63n });
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0111]);
    s = run(0x2b02003f, { 1: 0xffffffffn, 2: 1n, 31: 0x20n }); // cmn w1, w2
    expect([s.sp, s.nzcv]).toEqual([0x20n, 0b0110]);
  });
  it("SUB: NEG reads XZR for Rn 31", () => {
    expect(run(0xcb0103e0, { 1: 1n, 31: 0x100n }).x[0]).toBe(ALL); // neg x0, x1
  });
  it("SUBS: CMP with a shifted operand; borrow clears C", () => {
    expect(run(0x6b42043f, { 1: 0x40000000n, 2: 0x80000000n }).nzcv).toBe(0b0110); // cmp w1, w2, lsr #1
    const s = run(0xeb821020, { 1: 0n, 2: 0x8000000000000000n }, 0b1111); // subs x0, x1, x2, asr #4
    expect([s.x[0], s.nzcv]).toEqual([0x0800000000000000n, 0b0000]);
  });
  it("UNDEFINED: shift type ROR, and 32-bit shifts of 32 or more", () => {
    expectUndef(0x8bc20c20); // add x0, x1, x2, ror #3
    expectUndef(0xebc21020); // subs x0, x1, x2, ror #4
    expectUndef(0x0b028020); // add w0, w1, w2, lsl #32
    expectUndef(0x4b028020); // sub w0, w1, w2, lsl #32
  });
});

describe("A64 add/subtract (extended register)", () => {
  it("ADD: Rn and Rd 31 are SP; SXTW/UXTB/SXTH/UXTX/UXTW with shifts", () => {
    expect(run(0x8b21cbe0, { 1: ALL, 31: 0x1000n }).x[0]).toBe(0xffcn); // add x0, sp, w1, sxtw #2
    expect(run(0x8b22003f, { 1: 0x100n, 2: 0x1ffn }).sp).toBe(0x1ffn); // add sp, x1, w2, uxtb
    expect(run(0x0b22a020, { 1: 0n, 2: 0x8000n }).x[0]).toBe(0xffff8000n); // add w0, w1, w2, sxth
    expect(run(0x8b227020, { 1: 1n, 2: 0x1000000000000001n }).x[0]).toBe(0x11n); // add x0, x1, x2, uxtx #4
    expect(run(0x8b225020, { 1: 0n, 2: 0xffffffff00000001n }).x[0]).toBe(0x10n); // add x0, x1, w2, uxtw #4
    expect(run(0x0b22403f, { 1: 0xffffffffn, 2: 2n, 31: ALL }).sp).toBe(1n); // add wsp, w1, w2
  });
  it("ADDS: Rn 31 is SP, Rd 31 is XZR (CMN SP)", () => {
    const s = run(0xab2163e0, { 1: 1n, 31: ALL }); // adds x0, sp, x1
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0110]);
    const c = run(0xab2163ff, { 1: 2n, 31: 1n }, 0b1111); // cmn sp, x1
    expect([c.sp, c.nzcv]).toEqual([1n, 0b0000]);
  });
  it("SUB: SP - X, and a sign-extended byte shifted left", () => {
    expect(run(0xcb2163ff, { 1: 0x10n, 31: 0x1000n }).sp).toBe(0xff0n); // sub sp, sp, x1
    expect(run(0xcb228420, { 1: 0n, 2: 0x80n }).x[0]).toBe(0x100n); // sub x0, x1, w2, sxtb #1
  });
  it("SUBS: CMP SP; 32-bit UXTB", () => {
    const c = run(0xeb2163ff, { 1: 5n, 31: 5n }); // cmp sp, x1
    expect([c.sp, c.nzcv]).toEqual([5n, 0b0110]);
    const s = run(0x6b220020, { 1: 0x100n, 2: 0x301n }); // subs w0, w1, w2, uxtb
    expect([s.x[0], s.nzcv]).toEqual([0xffn, 0b0010]);
  });
  it("UNDEFINED: imm3 > 4 and opt != 00", () => {
    expectUndef(0x8b227420); // add x0, x1, x2, uxtx #5
    expectUndef(0xeb227c20); // subs x0, x1, x2, uxtx #7
    expectUndef(0x8b627020); // opt = 01
    expectUndef(0x8ba27020); // opt = 10
  });
});

describe("A64 add/subtract with carry", () => {
  it("ADC: adds C; flags untouched", () => {
    expect(run(0x9a020020, { 1: 1n, 2: 2n }, 0b0010).x[0]).toBe(4n); // adc x0, x1, x2
    const s = run(0x9a020020, { 1: 1n, 2: 2n }, 0b1101);
    expect([s.x[0], s.nzcv]).toEqual([3n, 0b1101]);
    expect(run(0x1a020020, { 1: 0xffffffffn, 2: 0n }, 0b0010).x[0]).toBe(0n); // adc w0, w1, w2
  });
  it("ADCS: carry in produces carry out and overflow at the width", () => {
    let s = run(0xba020020, { 1: ALL, 2: 0n }, 0b0010); // adcs x0, x1, x2
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0110]);
    s = run(0x3a020020, { 1: 0x7fffffffn, 2: 0n }, 0b0010); // adcs w0, w1, w2
    expect([s.x[0], s.nzcv]).toEqual([0x80000000n, 0b1001]);
  });
  it("SBC: Rn - Rm - NOT(C); NGC reads XZR", () => {
    expect(run(0xda020020, { 1: 10n, 2: 3n }, 0b0000).x[0]).toBe(6n); // sbc x0, x1, x2
    expect(run(0xda020020, { 1: 10n, 2: 3n }, 0b0010).x[0]).toBe(7n);
    expect(run(0xda0103e0, { 1: 0n, 31: 0x100n }, 0b0000).x[0]).toBe(ALL); // ngc x0, x1
  });
  it("SBCS: equal operands give Z and C with carry in, N without", () => {
    let s = run(0x7a020020, { 1: 5n, 2: 5n }, 0b0010); // sbcs w0, w1, w2
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0110]);
    s = run(0x7a020020, { 1: 5n, 2: 5n }, 0b0000);
    expect([s.x[0], s.nzcv]).toEqual([0xffffffffn, 0b1000]);
  });
  it("UNDEFINED: bits 15..10 not zero", () => {
    expectUndef(0x9a020420);
    expectUndef(0xfa02fc20);
  });
});
