// A64 single-register loads and stores of general-purpose registers: unscaled immediate,
// post-/pre-indexed, unprivileged, register offset, unsigned immediate; faults and UNDEFs.
import { describe, it, expect } from "vitest";
import {
  run, mem64, mem32, esr, expectUndef, expectDataAbort, expectRowsCovered,
  BASE, D, DB, UNASSIGNED, RAM_END, FSC_ALIGN, FSC_EXTERNAL,
} from "./ldst-harness.js";
import {
  a64LoadStoreUnscaled, a64LoadStorePost, a64LoadStoreUnpriv, a64LoadStorePre, a64LoadStoreReg, a64LoadStoreUimm,
} from "../../../../core/decode/patterns/a64-load-store.js";
import { TLB64_BASE } from "../../../../core/state/layout.js";

/** Little-endian value of n bytes of the data pattern (byte i of D is 0x80 + i) from D + off. */
function le(off: number, n: number): bigint {
  let r = 0n;
  for (let i = n - 1; i >= 0; i--) r = (r << 8n) | BigInt((0x80 + off + i) & 0xff);
  return r;
}
const sx = (v: bigint, bits: number) => BigInt.asUintN(64, BigInt.asIntN(bits, v));
const X0 = 0x123456789abcdef0n;
const M1 = 0xffffffffffffffffn;
const byteAt = (h: ReturnType<typeof run>, a: bigint) => h.ram[Number(a) - Number(BASE)];

const U = { // unscaled immediate
  STURB: 0x381ff020, // sturb w0, [x1, #-1]
  STURH: 0x781fe020, // sturh w0, [x1, #-2]
  STUR_W: 0xb8003020, // stur w0, [x1, #3]
  STUR_X: 0xf8100020, // stur x0, [x1, #-256]
  LDURB: 0x38401022, // ldurb w2, [x1, #1]
  LDURH: 0x78401022, // ldurh w2, [x1, #1]
  LDUR_W: 0xb85fc022, // ldur w2, [x1, #-4]
  LDUR_X: 0xf84ff022, // ldur x2, [x1, #255]
  LDURSB_X: 0x38800023, // ldursb x3, [x1]
  LDURSH_X: 0x78802023, // ldursh x3, [x1, #2]
  LDURSW: 0xb8800023, // ldursw x3, [x1]
  PRFUM: 0xf8801020, // prfum pldl1keep, [x1, #1]
  LDURSB_W: 0x38c00023, // ldursb w3, [x1]
  LDURSH_W: 0x78c00023, // ldursh w3, [x1]
  LDUR_X3: 0xf8403020, // ldur x0, [x1, #3]
};
const P = { // post-index
  STRB: 0x38001420, // strb w0, [x1], #1
  STRH: 0x781fe420, // strh w0, [x1], #-2
  STR_W: 0xb8004420, // str w0, [x1], #4
  STR_X_SP: 0xf81f07e0, // str x0, [sp], #-16
  LDRB: 0x38401422, // ldrb w2, [x1], #1
  LDR_X: 0xf8408422, // ldr x2, [x1], #8
  LDR_X_RN: 0xf8408421, // ldr x1, [x1], #8 (Rt == Rn)
  LDRSB_X: 0x389ff423, // ldrsb x3, [x1], #-1
  LDRSW: 0xb8804423, // ldrsw x3, [x1], #4
  LDRSH_W: 0x78c02423, // ldrsh w3, [x1], #2
};
const T = { // unprivileged
  STTRB: 0x38001820, // sttrb w0, [x1, #1]
  STTR_X: 0xf81f8820, // sttr x0, [x1, #-8]
  LDTRH: 0x78402822, // ldtrh w2, [x1, #2]
  LDTR_X: 0xf8400822, // ldtr x2, [x1]
  LDTRSB_X: 0x38800823, // ldtrsb x3, [x1]
  LDTRSW: 0xb8804823, // ldtrsw x3, [x1, #4]
  LDTRSH_W: 0x78c00823, // ldtrsh w3, [x1]
};
const R = { // pre-index
  STRB: 0x38001c20, // strb w0, [x1, #1]!
  STR_X_SP: 0xf81f0fe0, // str x0, [sp, #-16]!
  STR_X_RN: 0xf8008c21, // str x1, [x1, #8]! (Rt == Rn)
  LDRH: 0x785fec22, // ldrh w2, [x1, #-2]!
  LDR_X_RN: 0xf8408c21, // ldr x1, [x1, #8]! (Rt == Rn)
  LDRSH_X: 0x78802c23, // ldrsh x3, [x1, #2]!
  LDRSW: 0xb89fcc23, // ldrsw x3, [x1, #-4]!
  LDRSB_W: 0x38c01c23, // ldrsb w3, [x1, #1]!
};
const G = { // register offset
  STRB: 0x38226820, // strb w0, [x1, x2]
  STRH_UXTW: 0x78225820, // strh w0, [x1, w2, uxtw #1]
  STR_W_SXTW: 0xb822c820, // str w0, [x1, w2, sxtw]
  STR_X_SP: 0xf8227be0, // str x0, [sp, x2, lsl #3]
  LDRB: 0x38627823, // ldrb w3, [x1, x2, lsl #0]
  LDRH_SXTW: 0x7862d823, // ldrh w3, [x1, w2, sxtw #1]
  LDR_W_SXTX: 0xb862f823, // ldr w3, [x1, x2, sxtx #2]
  LDR_X_UXTW: 0xf8625823, // ldr x3, [x1, w2, uxtw #3]
  LDR_X_SXTX0: 0xf862e823, // ldr x3, [x1, x2, sxtx]
  LDR_X_XZR: 0xf87f6823, // ldr x3, [x1, xzr]
  LDRSB_X: 0x38a26823, // ldrsb x3, [x1, x2]
  LDRSH_X: 0x78a27823, // ldrsh x3, [x1, x2, lsl #1]
  LDRSW: 0xb8a2d823, // ldrsw x3, [x1, w2, sxtw #2]
  PRFM: 0xf8a26820, // prfm pldl1keep, [x1, x2]
  LDRSB_W: 0x38e24823, // ldrsb w3, [x1, w2, uxtw]
  LDRSH_W: 0x78e26823, // ldrsh w3, [x1, x2]
};
const M = { // unsigned immediate
  STRB: 0x393ffc20, // strb w0, [x1, #4095]
  STRH: 0x79000420, // strh w0, [x1, #2]
  STR_W: 0xb9000420, // str w0, [x1, #4]
  STR_X_SP: 0xf90007e0, // str x0, [sp, #8]
  STR_XZR: 0xf900003f, // str xzr, [x1]
  LDRB: 0x39400423, // ldrb w3, [x1, #1]
  LDRH: 0x797ffc23, // ldrh w3, [x1, #8190]
  LDR_W: 0xb9400423, // ldr w3, [x1, #4]
  LDR_X: 0xf97ffc23, // ldr x3, [x1, #32760]
  LDR_XZR: 0xf940003f, // ldr xzr, [x1]
  LDRSB_X: 0x39800423, // ldrsb x3, [x1, #1]
  LDRSH_X: 0x79800423, // ldrsh x3, [x1, #2]
  LDRSW: 0xb9800423, // ldrsw x3, [x1, #4]
  PRFM: 0xf9800420, // prfm pldl1keep, [x1, #8]
  LDRSB_W: 0x39c00423, // ldrsb w3, [x1, #1]
  LDRSH_W: 0x79c00423, // ldrsh w3, [x1, #2]
};

describe("A64 load/store register (unscaled immediate)", () => {
  it("STURB/STURH/STUR W/X store the low bytes at Xn + simm9, unaligned allowed", () => {
    let h = run([U.STURB], { x: { 0: X0, 1: DB + 0x10n } });
    expect([byteAt(h, DB + 0xen), byteAt(h, DB + 0xfn), byteAt(h, DB + 0x10n)]).toEqual([0x8e, 0xf0, 0x90]);
    h = run([U.STURH], { x: { 0: X0, 1: DB + 0x10n } });
    expect(mem32(h, DB + 0xcn)).toBe(0xdef08d8c);
    h = run([U.STUR_W], { x: { 0: X0, 1: DB + 0x10n } });
    expect(mem64(h, DB + 0x10n)).toBe(0x979abcdef0929190n);
    h = run([U.STUR_X], { x: { 0: X0, 1: DB + 0x110n } });
    expect(mem64(h, DB + 0x10n)).toBe(X0);
    expect(h.a64.x[1]).toBe(DB + 0x110n); // no writeback
  });
  it("LDURB/LDURH/LDUR zero-extend into Xt", () => {
    expect(run([U.LDURB], { x: { 1: DB + 0x10n, 2: M1 } }).a64.x[2]).toBe(0x91n);
    expect(run([U.LDURH], { x: { 1: DB + 0x10n, 2: M1 } }).a64.x[2]).toBe(le(0x11, 2));
    expect(run([U.LDUR_W], { x: { 1: DB + 0x10n, 2: M1 } }).a64.x[2]).toBe(le(0xc, 4));
    expect(run([U.LDUR_X], { x: { 1: DB } }).a64.x[2]).toBe(le(0xff, 8));
  });
  it("LDURSB/LDURSH to Xt sign-extend to 64 bits, LDURSW too", () => {
    expect(run([U.LDURSB_X], { x: { 1: DB } }).a64.x[3]).toBe(sx(0x80n, 8));
    expect(run([U.LDURSB_X], { x: { 1: DB + 0x81n } }).a64.x[3]).toBe(1n);
    expect(run([U.LDURSH_X], { x: { 1: DB } }).a64.x[3]).toBe(sx(le(2, 2), 16));
    expect(run([U.LDURSW], { x: { 1: DB } }).a64.x[3]).toBe(sx(le(0, 4), 32));
  });
  it("LDURSB/LDURSH to Wt sign-extend to 32 bits and zero the top half", () => {
    expect(run([U.LDURSB_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0xffffff80n);
    expect(run([U.LDURSH_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0xffff8180n);
  });
  it("PRFUM is a no-op, even at an unassigned address", () => {
    const h = run([U.PRFUM], { x: { 1: UNASSIGNED } });
    expect(h.a64.pc).toBe(BASE + 4n);
  });
});

describe("A64 load/store register (immediate post-indexed)", () => {
  it("stores at Xn, then Xn += simm9 (SP as base)", () => {
    let h = run([P.STRB], { x: { 0: X0, 1: DB + 0x10n } });
    expect(byteAt(h, DB + 0x10n)).toBe(0xf0);
    expect(h.a64.x[1]).toBe(DB + 0x11n);
    h = run([P.STRH], { x: { 0: X0, 1: DB + 0x10n } });
    expect(mem32(h, DB + 0x10n)).toBe(0x9392def0);
    expect(h.a64.x[1]).toBe(DB + 0xen);
    h = run([P.STR_W], { x: { 0: X0, 1: DB + 0x10n } });
    expect(mem64(h, DB + 0x10n)).toBe(0x979695949abcdef0n);
    expect(h.a64.x[1]).toBe(DB + 0x14n);
    h = run([P.STR_X_SP], { x: { 0: X0, 31: DB + 0x20n } });
    expect(mem64(h, DB + 0x20n)).toBe(X0);
    expect(h.a64.sp).toBe(DB + 0x10n);
  });
  it("loads from Xn with its extension, then writes back", () => {
    let h = run([P.LDRB], { x: { 1: DB + 0x10n, 2: M1 } });
    expect([h.a64.x[2], h.a64.x[1]]).toEqual([0x90n, DB + 0x11n]);
    h = run([P.LDR_X], { x: { 1: DB + 0x10n } });
    expect([h.a64.x[2], h.a64.x[1]]).toEqual([le(0x10, 8), DB + 0x18n]);
    h = run([P.LDRSB_X], { x: { 1: DB + 0x10n } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([sx(0x90n, 8), DB + 0xfn]);
    h = run([P.LDRSW], { x: { 1: DB + 0x10n } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([sx(le(0x10, 4), 32), DB + 0x14n]);
    h = run([P.LDRSH_W], { x: { 1: DB + 0x10n, 3: M1 } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([0xffff9190n, DB + 0x12n]);
  });
  it("LDR with Rt == Rn: the written-back address wins (QEMU)", () => {
    expect(run([P.LDR_X_RN], { x: { 1: DB + 0x10n } }).a64.x[1]).toBe(DB + 0x18n);
  });
});

describe("A64 load/store register (unprivileged)", () => {
  it("STTRB/STTR store at Xn + simm9 without writeback", () => {
    let h = run([T.STTRB], { x: { 0: X0, 1: DB + 0x10n } });
    expect(byteAt(h, DB + 0x11n)).toBe(0xf0);
    h = run([T.STTR_X], { x: { 0: X0, 1: DB + 0x18n } });
    expect(mem64(h, DB + 0x10n)).toBe(X0);
    expect(h.a64.x[1]).toBe(DB + 0x18n);
  });
  it("LDTRH/LDTR/LDTRSB/LDTRSW/LDTRSH load with the usual extensions", () => {
    expect(run([T.LDTRH], { x: { 1: DB, 2: M1 } }).a64.x[2]).toBe(le(2, 2));
    expect(run([T.LDTR_X], { x: { 1: DB } }).a64.x[2]).toBe(le(0, 8));
    expect(run([T.LDTRSB_X], { x: { 1: DB } }).a64.x[3]).toBe(sx(0x80n, 8));
    expect(run([T.LDTRSW], { x: { 1: DB } }).a64.x[3]).toBe(sx(le(4, 4), 32));
    expect(run([T.LDTRSH_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0xffff8180n);
  });
  it("at EL1 they are EL0 accesses: they fill the EL0 TLB table, LDR the EL1 one", () => {
    const entry = (table: number, va: bigint) => TLB64_BASE + (((table << 10) | (Number(va >> 12n) & 1023)) << 4);
    const tag = (h: ReturnType<typeof run>, table: number, va: bigint) =>
      new DataView(h.core.memory.buffer).getBigUint64(entry(table, va), true);
    const page = DB + 0x5000n;
    let h = run([T.LDTR_X], { x: { 1: page } });
    expect(tag(h, 3, page)).toBe(page); // EL0 read table
    expect(tag(h, 0, page)).not.toBe(page);
    h = run([M.LDR_W], { x: { 1: page } });
    expect(tag(h, 0, page)).toBe(page);
    expect(tag(h, 3, page)).not.toBe(page);
  });
});

describe("A64 load/store register (immediate pre-indexed)", () => {
  it("accesses Xn + simm9 and writes that address back (SP as base)", () => {
    let h = run([R.STRB], { x: { 0: X0, 1: DB + 0x10n } });
    expect(byteAt(h, DB + 0x11n)).toBe(0xf0);
    expect(h.a64.x[1]).toBe(DB + 0x11n);
    h = run([R.STR_X_SP], { x: { 0: X0, 31: DB + 0x20n } });
    expect(mem64(h, DB + 0x10n)).toBe(X0);
    expect(h.a64.sp).toBe(DB + 0x10n);
    h = run([R.LDRH], { x: { 1: DB + 0x10n, 2: M1 } });
    expect([h.a64.x[2], h.a64.x[1]]).toEqual([le(0xe, 2), DB + 0xen]);
    h = run([R.LDRSH_X], { x: { 1: DB + 0x10n } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([sx(le(0x12, 2), 16), DB + 0x12n]);
    h = run([R.LDRSW], { x: { 1: DB + 0x10n } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([sx(le(0xc, 4), 32), DB + 0xcn]);
    h = run([R.LDRSB_W], { x: { 1: DB + 0x10n, 3: M1 } });
    expect([h.a64.x[3], h.a64.x[1]]).toEqual([0xffffff91n, DB + 0x11n]);
  });
  it("Rt == Rn: a store stores the old base, a load leaves the written-back address (QEMU)", () => {
    const h = run([R.STR_X_RN], { x: { 1: DB + 0x10n } });
    expect(mem64(h, DB + 0x18n)).toBe(DB + 0x10n);
    expect(h.a64.x[1]).toBe(DB + 0x18n);
    expect(run([R.LDR_X_RN], { x: { 1: DB + 0x10n } }).a64.x[1]).toBe(DB + 0x18n);
  });
});

describe("A64 load/store register (register offset)", () => {
  it("stores at Xn + extend(Rm) << (S ? size : 0): LSL, UXTW, SXTW", () => {
    let h = run([G.STRB], { x: { 0: X0, 1: DB + 0x10n, 2: 5 } });
    expect(byteAt(h, DB + 0x15n)).toBe(0xf0);
    h = run([G.STRH_UXTW], { x: { 0: X0, 1: DB + 0x10n, 2: 0xffffffff00000003n } });
    expect(mem32(h, DB + 0x14n)).toBe(0xdef09594);
    h = run([G.STR_W_SXTW], { x: { 0: X0, 1: DB + 0x10n, 2: 0xfffffffcn } });
    expect(mem32(h, DB + 0xcn)).toBe(0x9abcdef0);
    h = run([G.STR_X_SP], { x: { 0: X0, 31: DB + 0x10n, 2: 2 } });
    expect(mem64(h, DB + 0x20n)).toBe(X0);
  });
  it("loads with every extend: LSL #0, SXTW #1, SXTX #2, UXTW #3, SXTX, and Rm = 31 is XZR", () => {
    expect(run([G.LDRB], { x: { 1: DB + 0x10n, 2: 1 } }).a64.x[3]).toBe(0x91n);
    expect(run([G.LDRH_SXTW], { x: { 1: DB + 0x10n, 2: 0xffffffffn } }).a64.x[3]).toBe(le(0xe, 2));
    expect(run([G.LDR_W_SXTX], { x: { 1: DB + 0x10n, 2: M1 } }).a64.x[3]).toBe(le(0xc, 4));
    expect(run([G.LDR_X_UXTW], { x: { 1: DB + 0x10n, 2: 0xffffffff00000001n } }).a64.x[3]).toBe(le(0x18, 8));
    expect(run([G.LDR_X_SXTX0], { x: { 1: DB + 0x10n, 2: -3n } }).a64.x[3]).toBe(le(0xd, 8));
    expect(run([G.LDR_X_XZR], { x: { 1: DB + 0x10n, 31: 0x100n } }).a64.x[3]).toBe(le(0x10, 8));
  });
  it("signed loads: LDRSB/LDRSH to X, LDRSW, LDRSB/LDRSH to W", () => {
    expect(run([G.LDRSB_X], { x: { 1: DB, 2: 1 } }).a64.x[3]).toBe(sx(0x81n, 8));
    expect(run([G.LDRSH_X], { x: { 1: DB, 2: 1 } }).a64.x[3]).toBe(sx(le(2, 2), 16));
    expect(run([G.LDRSW], { x: { 1: DB + 0x10n, 2: 0xffffffffn } }).a64.x[3]).toBe(sx(le(0xc, 4), 32));
    expect(run([G.LDRSB_W], { x: { 1: DB, 2: 0xffffffff00000082n, 3: M1 } }).a64.x[3]).toBe(0x2n);
    expect(run([G.LDRSH_W], { x: { 1: DB, 2: 0, 3: M1 } }).a64.x[3]).toBe(0xffff8180n);
  });
  it("PRFM (register) is a no-op", () => {
    expect(run([G.PRFM], { x: { 1: UNASSIGNED, 2: 0 } }).a64.pc).toBe(BASE + 4n);
  });
});

describe("A64 load/store register (unsigned immediate)", () => {
  it("stores at Xn + imm12 << size; STR XZR stores zero", () => {
    let h = run([M.STRB], { x: { 0: X0, 1: DB } });
    expect(byteAt(h, DB + 4095n)).toBe(0xf0);
    h = run([M.STRH], { x: { 0: X0, 1: DB } });
    expect(mem32(h, DB)).toBe(0xdef08180);
    h = run([M.STR_W], { x: { 0: X0, 1: DB } });
    expect(mem64(h, DB)).toBe(0x9abcdef083828180n);
    h = run([M.STR_X_SP], { x: { 0: X0, 31: DB } });
    expect(mem64(h, DB + 8n)).toBe(X0);
    h = run([M.STR_XZR], { x: { 1: DB, 31: 0x1234n } });
    expect(mem64(h, DB)).toBe(0n);
  });
  it("loads scaled offsets up to imm12 = 4095; LDR XZR writes neither X31 nor SP", () => {
    expect(run([M.LDRB], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0x81n);
    expect(run([M.LDRH], { x: { 1: DB }, mem: { [D + 8190]: [0x34, 0x12] } }).a64.x[3]).toBe(0x1234n);
    expect(run([M.LDR_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(le(4, 4));
    expect(run([M.LDR_X], { x: { 1: DB }, mem: { [D + 32760]: [1, 2, 3, 4, 5, 6, 7, 8] } }).a64.x[3]).toBe(0x0807060504030201n);
    const h = run([M.LDR_XZR], { x: { 1: DB, 31: 0x5550n } });
    expect(h.a64.sp).toBe(0x5550n);
    expect(h.a64.pc).toBe(BASE + 4n);
  });
  it("signed loads and PRFM (immediate)", () => {
    expect(run([M.LDRSB_X], { x: { 1: DB } }).a64.x[3]).toBe(sx(0x81n, 8));
    expect(run([M.LDRSH_X], { x: { 1: DB } }).a64.x[3]).toBe(sx(le(2, 2), 16));
    expect(run([M.LDRSW], { x: { 1: DB } }).a64.x[3]).toBe(sx(le(4, 4), 32));
    expect(run([M.LDRSB_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0xffffff81n);
    expect(run([M.LDRSH_W], { x: { 1: DB, 3: M1 } }).a64.x[3]).toBe(0xffff8382n);
    expect(run([M.PRFM], { x: { 1: UNASSIGNED } }).a64.pc).toBe(BASE + 4n);
  });
});

describe("A64 single-register faults", () => {
  it("a load from an unassigned address: EC 0x25, FAR, DFSC 0x10, no register written", () => {
    const h = run([M.LDR_X], { x: { 1: UNASSIGNED, 3: 7 } });
    expectDataAbort(h, UNASSIGNED + 32760n, FSC_EXTERNAL, false);
    expect(h.a64.x[3]).toBe(7n);
  });
  it("post/pre-index faults write neither Rt nor the base (load and store, WnR)", () => {
    let h = run([P.LDR_X], { x: { 1: UNASSIGNED, 2: 7 } });
    expectDataAbort(h, UNASSIGNED, FSC_EXTERNAL, false);
    expect([h.a64.x[1], h.a64.x[2]]).toEqual([UNASSIGNED, 7n]);
    h = run([R.LDR_X_RN], { x: { 1: UNASSIGNED } });
    expectDataAbort(h, UNASSIGNED + 8n, FSC_EXTERNAL, false);
    expect(h.a64.x[1]).toBe(UNASSIGNED);
    h = run([P.STR_X_SP], { x: { 0: X0, 31: UNASSIGNED } });
    expect(h.a64.pc).toBe(0x200n);
    expect(esr(h)).toBe(((0x25 << 26) | (1 << 25) | (1 << 6) | FSC_EXTERNAL) >>> 0);
    // the exception switched to SP_EL1 (EL1h already): the SP is the one we set
    expect(h.a64.sp).toBe(UNASSIGNED);
  });
  it("a misaligned load from an unassigned address reports FAR rounded down to the access size (QEMU splits it)", () => {
    const h = run([U.LDUR_X3], { x: { 1: UNASSIGNED, 0: 7 } }); // ldur x0, [x1, #3]
    expectDataAbort(h, UNASSIGNED, FSC_EXTERNAL, false);
    expect(h.a64.x[0]).toBe(7n);
  });
  it("an access crossing from RAM into unassigned space faults at the page boundary", () => {
    const h = run([M.LDR_W], { x: { 1: RAM_END - 6n, 3: 7 } });
    expectDataAbort(h, RAM_END, FSC_EXTERNAL, false);
    expect(h.a64.x[3]).toBe(7n);
  });
  it("SCTLR_EL1.A: misaligned accesses fault (DFSC 0x21, WnR for stores); without it they work, across pages too", () => {
    let h = run([M.STR_W], { x: { 0: X0, 1: DB + 1n }, align: true });
    expectDataAbort(h, DB + 5n, FSC_ALIGN, true);
    expect(mem32(h, DB + 4n)).toBe(Number(le(4, 4)));
    h = run([U.LDUR_X3], { x: { 1: DB, 0: 7 }, align: true });
    expectDataAbort(h, DB + 3n, FSC_ALIGN, false);
    expect(h.a64.x[0]).toBe(7n);
    h = run([P.LDRSW], { x: { 1: DB + 2n }, align: true });
    expectDataAbort(h, DB + 2n, FSC_ALIGN, false);
    expect(h.a64.x[1]).toBe(DB + 2n);
    h = run([U.LDUR_X3], { x: { 1: DB - 6n }, mem: { [D - 3]: [1, 2, 3, 4, 5, 6, 7, 8] } });
    expect(h.a64.x[0]).toBe(0x0807060504030201n);
    // a byte access is always aligned
    expect(run([M.LDRB], { x: { 1: DB + 0x10n }, align: true }).a64.x[3]).toBe(0x91n);
  });
  it("the SP alignment check (SCTLR_EL1.SA) is not implemented, as in QEMU 7.2", () => {
    // str x0, [sp], #-16 with SP = D + 8 and SCTLR_EL1.SA (bit 3) set
    const h = run([P.STR_X_SP], { x: { 0: X0, 31: DB + 8n }, sctlr: 8 });
    expect(mem64(h, DB + 8n)).toBe(X0);
    expect(h.a64.sp).toBe(DB - 8n);
  });
});

const UNDEF = {
  OPTION_0: 0xf8620823, // ldr x3, [x1, x2, <option 000>]: option<1> = 0
  PRFM_POST: 0xf8801420, // prfm with post-index
  PRFM_PRE: 0xf8801c20,
  PRFM_UNPRIV: 0xf8801820,
  LDRS_W_SIZE2: 0xb8c00023, // opc 11 with size 10
  LDRS_W_SIZE3: 0xf9c00023, // opc 11 with size 11 (unsigned offset)
  LDADD: 0xf8200041, // ldadd x0, x1, [x2] (v8.1)
  SWP: 0xb8208041, // swp w0, w1, [x2] (v8.1)
  LDCLRB_SP: 0x382013e1, // ldclrb w0, w1, [sp] (v8.1)
  LDAPR: 0xf8bfc020, // ldapr x0, [x1] (v8.3)
  LDRAA: 0xf8200420, // ldraa x0, [x1] (v8.3)
  STLUR: 0x99000020, // stlur w0, [x1] (v8.4)
  LDAPUR: 0xd9400020, // ldapur x0, [x1] (v8.4)
  STG: 0xd9200820, // stg x0, [x1] (MTE)
};

describe("A64 single-register UNDEFINED encodings", () => {
  it.each(Object.entries(UNDEF))("%s is UNDEFINED", (_, w) => {
    const h = run([w], { x: { 1: DB, 2: DB } });
    expectUndef(h);
    expect(mem64(h, DB)).toBe(le(0, 8));
  });
});

describe("A64 single-register rows", () => {
  it("each row has a test", () => {
    expectRowsCovered(a64LoadStoreUnscaled.filter((r) => !r.name.includes("fp")), Object.values(U));
    expectRowsCovered(a64LoadStorePost.filter((r) => !r.name.includes("fp")), Object.values(P));
    expectRowsCovered(a64LoadStoreUnpriv, Object.values(T));
    expectRowsCovered(a64LoadStorePre.filter((r) => !r.name.includes("fp")), Object.values(R));
    expectRowsCovered(a64LoadStoreReg.filter((r) => !r.name.includes("fp")), Object.values(G));
    expectRowsCovered(a64LoadStoreUimm.filter((r) => !r.name.includes("fp")), Object.values(M));
  });
});
