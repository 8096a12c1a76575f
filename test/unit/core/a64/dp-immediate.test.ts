// A64 data processing (immediate): ADR/ADRP, add/sub, logical (DecodeBitMasks), move wide,
// bitfield moves and EXTR, with the register-31, width and UNDEFINED cases QEMU has.
import { describe, it, expect } from "vitest";
import { runA64 } from "../../../helpers/core-harness.js";
import { base, NOP, run, expectUndef } from "./dp-run.js";

describe("A64 PC-relative addressing", () => {
  it("ADR: PC + imm21 (either sign); Rd 31 is XZR", () => {
    expect(run(0x10000083).x[3]).toBe(base + 0x10n); // adr x3, .+0x10
    expect(run(0x10ffffe3).x[3]).toBe(base - 4n); // adr x3, .-4
    const h = runA64([NOP, NOP, 0x10000083], {}, 3); // not page-aligned: no masking
    expect(h.a64.x[3]).toBe(base + 0x18n);
    expect(run(0x1000005f, { 31: 0x5000n }).sp).toBe(0x5000n); // adr xzr, .+8
  });
  it("ADRP: the PC's 4 KiB page + imm21 pages; Rd 31 is XZR", () => {
    // at base + 8: adrp x4, +0x3000 / adrp x4, -0x1000
    expect(runA64([NOP, NOP, 0xf0000004], {}, 3).a64.x[4]).toBe(base + 0x3000n);
    expect(runA64([NOP, NOP, 0xf0ffffe4], {}, 3).a64.x[4]).toBe(base - 0x1000n);
    expect(run(0xf000001f, { 31: 0x5000n }).sp).toBe(0x5000n); // adrp xzr
  });
});

describe("A64 add/subtract (immediate)", () => {
  it("ADD: Rn and Rd 31 are SP, LSL #12, 32-bit wraps and zero-extends, flags untouched", () => {
    expect(run(0x91448fe0, { 31: 0x1000n }).x[0]).toBe(0x124000n); // add x0, sp, #0x123, lsl #12
    expect(run(0x9100103f, { 1: 0x100n }).sp).toBe(0x104n); // add sp, x1, #4
    const s = run(0x11000420, { 0: 7n, 1: 0xffffffffffffffffn }, 0b1010); // add w0, w1, #1
    expect(s.x[0]).toBe(0n);
    expect(s.nzcv).toBe(0b1010);
    expect(run(0x1100103f, { 1: 0xfffffffffffffffen }).sp).toBe(2n); // add wsp, w1, #4
  });
  it("ADDS: NZCV at the width; Rd 31 is XZR, Rn 31 is SP (CMN)", () => {
    let s = run(0x31000420, { 1: 0x7fffffffn }); // adds w0, w1, #1
    expect([s.x[0], s.nzcv]).toEqual([0x80000000n, 0b1001]);
    s = run(0x31000420, { 1: 0x1ffffffffn }); // the upper half is not an operand
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0110]);
    s = run(0xb1000420, { 1: 0xffffffffffffffffn }); // adds x0, x1, #1
    expect([s.x[0], s.nzcv]).toEqual([0n, 0b0110]);
    s = run(0xb10007ff, { 31: 0xffffffffffffffffn }); // cmn sp, #1
    expect([s.sp, s.nzcv]).toEqual([0xffffffffffffffffn, 0b0110]);
  });
  it("SUB: SP operands, 32-bit result zero-extended", () => {
    expect(run(0xd10043ff, { 31: 0x1000n }).sp).toBe(0xff0n); // sub sp, sp, #16
    expect(run(0x51000820, { 1: 0x100000001n }).x[0]).toBe(0xffffffffn); // sub w0, w1, #2
  });
  it("SUBS: C is NOT borrow, V on signed overflow; CMP Rn 31 is SP", () => {
    expect(run(0x7100003f, { 1: 0x100000000n }).nzcv).toBe(0b0110); // cmp w1, #0: W1 is 0
    const s = run(0xf1000420, { 1: 0x8000000000000000n }); // subs x0, x1, #1
    expect([s.x[0], s.nzcv]).toEqual([0x7fffffffffffffffn, 0b0011]);
    const c = run(0xf10007ff, { 31: 0n }, 0b0110); // cmp sp, #1
    expect([c.sp, c.nzcv]).toEqual([0n, 0b1000]);
  });
});

describe("A64 logical (immediate)", () => {
  it("AND: replicated masks, Rd 31 is SP, Rn 31 is XZR, 32-bit forms", () => {
    expect(run(0x92089c20, { 1: 0x123456789abcdef0n }).x[0]).toBe(0x120056009a00de00n); // and x0, x1, #0xff00ff00ff00ff00
    expect(run(0x927cec3f, { 1: 0x12345n }).sp).toBe(0x12340n); // and sp, x1, #~0xf
    expect(run(0x121c0c20, { 1: 0xffffffffffffffffn }).x[0]).toBe(0xf0n); // and w0, w1, #0xf0
    expect(run(0x924003e0, { 0: 9n, 31: 0xffffn }).x[0]).toBe(0n); // and x0, xzr, #1
    // and x0, x1, #0x5555555555555555 (N = 0, imms = 111100: 2-bit elements)
    expect(run(0x9200f020, { 1: 0xffffffffffffffffn }).x[0]).toBe(0x5555555555555555n);
  });
  it("ORR and EOR: 32-bit results zero the top half; flags untouched", () => {
    const s = run(0x320107e0, { 0: 0xffffffffffffffffn }, 0b1111); // orr w0, wzr, #0x80000001
    expect([s.x[0], s.nzcv]).toEqual([0x80000001n, 0b1111]);
    expect(run(0xb200f020, { 1: 0xaaaa0000aaaa0000n }).x[0]).toBe(0xffff5555ffff5555n); // orr x0, x1, #0x5555...
    expect(run(0xd2410020, { 1: 1n }).x[0]).toBe(0x8000000000000001n); // eor x0, x1, #1 << 63
    expect(run(0x52000020, { 1: 0xffffffffffffffffn }).x[0]).toBe(0xfffffffen); // eor w0, w1, #1
  });
  it("ANDS: N and Z from the result, C and V cleared; TST writes XZR, not SP", () => {
    const s = run(0x72010020, { 1: 0xffffffff80000000n }, 0b0011); // ands w0, w1, #0x80000000
    expect([s.x[0], s.nzcv]).toEqual([0x80000000n, 0b1000]);
    const t = run(0xf240003f, { 1: 2n, 31: 5n }, 0b1011); // tst x1, #1
    expect([t.sp, t.nzcv]).toEqual([5n, 0b0100]);
  });
  it("UNDEFINED: N = 1 with sf = 0, and the reserved imms patterns", () => {
    expectUndef(0x12400020); // and w0, w1 with N = 1
    expectUndef(0x9240fc20); // and x0, x1: N = 1, imms = 111111 (all-ones element)
    expectUndef(0x9200f820); // and x0, x1: N = 0, imms = 111110 (no element size)
    expectUndef(0xb200f420); // orr x0, x1: N = 0, imms = 111101 (2-bit element all ones)
    expectUndef(0xd240fc20); // eor
    expectUndef(0xf240fc20); // ands
  });
});

describe("A64 move wide", () => {
  it("MOVN: NOT(imm16 << hw*16), 32-bit forms zero the top half", () => {
    expect(run(0x92a24680).x[0]).toBe(0xffffffffedcbffffn); // movn x0, #0x1234, lsl #16
    expect(run(0x12800020, { 0: 0xffffffffffffffffn }).x[0]).toBe(0xfffffffen); // movn w0, #1
  });
  it("MOVZ: imm16 << hw*16; Rd 31 is XZR", () => {
    expect(run(0xd2f7dde0).x[0]).toBe(0xbeef000000000000n); // movz x0, #0xbeef, lsl #48
    expect(run(0x52a24680, { 0: 0xffffffffffffffffn }).x[0]).toBe(0x12340000n); // movz w0, #0x1234, lsl #16
    expect(run(0xd280003f, { 31: 0x8000n }).sp).toBe(0x8000n); // movz xzr, #1
  });
  it("MOVK: replaces one halfword; the 32-bit form zeroes the top half", () => {
    expect(run(0xf2d7dde0, { 0: 0xffffffffffffffffn }).x[0]).toBe(0xffffbeefffffffffn); // movk x0, #0xbeef, lsl #32
    expect(run(0x72824680, { 0: 0xffffffffffffffffn }).x[0]).toBe(0xffff1234n); // movk w0, #0x1234
  });
  it("UNDEFINED: hw >= 2 with sf = 0, and opc = 01", () => {
    expectUndef(0x52c00020); // movz w0, #1, lsl #32
    expectUndef(0x12e00020); // movn w0, #1, lsl #48
    expectUndef(0x72c00020); // movk w0, #1, lsl #32
    expectUndef(0x32800020); // opc = 01
  });
});

describe("A64 bitfield moves and EXTR", () => {
  it("SBFM: sign-extends the field (SXTB, ASR, SBFIZ), 32-bit forms zero-extend", () => {
    expect(run(0x93401c20, { 1: 0x12345680n }).x[0]).toBe(0xffffffffffffff80n); // sxtb x0, w1
    expect(run(0x13047c20, { 1: 0xffffffff80000000n }).x[0]).toBe(0xf8000000n); // asr w0, w1, #4
    expect(run(0x93780c20, { 1: 0xfn }).x[0]).toBe(0xffffffffffffff00n); // sbfiz x0, x1, #8, #4
    expect(run(0x93780c20, { 1: 0x7n }).x[0]).toBe(0x700n);
    expect(run(0x937cfc20, { 1: 0x8000000000000000n }).x[0]).toBe(0xfffffffffffffff8n); // asr x0, x1, #60
  });
  it("BFM: inserts into Rd, keeping its other bits (BFI, BFXIL)", () => {
    expect(run(0xb3781c20, { 0: 0xffffffffffffffffn, 1: 0x12n }).x[0]).toBe(0xffffffffffff12ffn); // bfi x0, x1, #8, #8
    expect(run(0x33042c20, { 0: 0xffffffffffffffffn, 1: 0xabcdn }).x[0]).toBe(0xffffffbcn); // bfxil w0, w1, #4, #8
    expect(run(0x33040c20, { 0: 0x123456789abcdef0n, 1: 5n }).x[0]).toBe(0x5abcdef0n); // bfi w0, w1, #28, #4
    expect(run(0xb37c0c20, { 0: 0n, 1: 0xffn }).x[0]).toBe(0xf0n); // bfi x0, x1, #4, #4
  });
  it("UBFM: zero-extends the field (LSR, LSL, UBFX, UXTB); Rd 31 is XZR", () => {
    expect(run(0xd37cfc20, { 1: 0xf000000000000000n }).x[0]).toBe(0xfn); // lsr x0, x1, #60
    expect(run(0x53010020, { 1: 0xffffffff00000003n }).x[0]).toBe(0x80000000n); // lsl w0, w1, #31
    expect(run(0xd3442c20, { 1: 0xfedcba9876543210n }).x[0]).toBe(0x21n); // ubfx x0, x1, #4, #8
    expect(run(0x53001c20, { 1: 0xffffffffffffff80n }).x[0]).toBe(0x80n); // uxtb w0, w1
    expect(run(0xd3440c20, { 1: 0xffn }).x[0]).toBe(0xf000000000000000n); // lsl x0, x1, #60
    expect(run(0xd3401c3f, { 1: 0xffn, 31: 0x4000n }).sp).toBe(0x4000n); // ubfx xzr, x1, #0, #8
  });
  it("EXTR: bits of Rn:Rm from lsb (ROR when Rn = Rm)", () => {
    expect(run(0x93c22020, { 1: 0x1122334455667788n, 2: 0x99aabbccddeeff00n }).x[0]).toBe(0x8899aabbccddeeffn); // extr x0, x1, x2, #8
    expect(run(0x13811020, { 1: 0xffffffff12345678n }).x[0]).toBe(0x81234567n); // ror w0, w1, #4
    expect(run(0x93c20020, { 1: 1n, 2: 0xabcdn }).x[0]).toBe(0xabcdn); // extr x0, x1, x2, #0
    expect(run(0x13827c20, { 1: 0xffffffff00000001n, 2: 0xffffffff80000000n }).x[0]).toBe(3n); // extr w0, w1, w2, #31
  });
  it("UNDEFINED: N != sf, 32-bit immr/imms >= 32, opc = 11, EXTR with o0 or op21 set", () => {
    expectUndef(0x93001c20); // sbfm x0, x1 with N = 0
    expectUndef(0x13048020); // sbfm w0, w1, #4, #32
    expectUndef(0x13207c20); // sbfm w0, w1, #32, #31
    expectUndef(0x33442c20); // bfm w0 with N = 1
    expectUndef(0xd3042c20); // ubfm x0 with N = 0
    expectUndef(0x73001c20); // opc = 11
    expectUndef(0x93822020); // extr x0 with N = 0
    expectUndef(0x13818020); // extr w0, w1, w1, #32
    expectUndef(0x93e22020); // o0 = 1
    expectUndef(0xb3c22020); // op21 = 01
  });
  it("UNDEFINED: ADDG/SUBG (MTE) are not on the Cortex-A57", () => {
    expectUndef(0x91800420); // addg x0, x1, #0, #1
  });
});
