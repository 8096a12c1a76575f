// A64 load/store pair: STNP/LDNP, STP/LDP (post, offset, pre), LDPSW and the FP/SIMD S/D/Q
// forms; QEMU 7.2's choices for the CONSTRAINED UNPREDICTABLE register overlaps and partial faults.
import { describe, it, expect } from "vitest";
import {
  run, v, mem64, mem32, esr, expectUndef, expectDataAbort, expectRowsCovered,
  BASE, DB, UNASSIGNED, RAM_END, FSC_ALIGN, FSC_EXTERNAL,
} from "./ldst-harness.js";
import { a64LoadStorePair } from "../../../../core/decode/patterns/a64-load-store.js";

function le(off: number, n: number): bigint {
  let r = 0n;
  for (let i = n - 1; i >= 0; i--) r = (r << 8n) | BigInt((0x80 + off + i) & 0xff);
  return r;
}
const sx32 = (v: bigint) => BigInt.asUintN(64, BigInt.asIntN(32, v));
const X0 = 0x1111111100000000n | 0xa0a0a0a0n, X1 = 0x2222222200000000n | 0xb1b1b1b1n;
const Q0: [bigint, bigint] = [0x1716151413121110n, 0x2726252423222120n];
const Q1: [bigint, bigint] = [0x3736353433323130n, 0x4746454443424140n];
const JUNK: [bigint, bigint] = [-1n, -1n];
const fpRegs = { 0: Q0, 1: Q1, 3: JUNK, 4: JUNK };

const G = {
  STNP_W: 0x283f8440, // stnp w0, w1, [x2, #-4]
  STNP_X_SP: 0xa80107e0, // stnp x0, x1, [sp, #16]
  LDNP_W: 0x28401043, // ldnp w3, w4, [x2]
  LDNP_X: 0xa8601043, // ldnp x3, x4, [x2, #-512]
  STP_W_POST: 0x28810440, // stp w0, w1, [x2], #8
  STP_X_POST_SP: 0xa8bf07e0, // stp x0, x1, [sp], #-16
  LDP_W_POST: 0x28ff1043, // ldp w3, w4, [x2], #-8
  LDP_X_POST: 0xa8c11043, // ldp x3, x4, [x2], #16
  STP_W_OFF: 0x291f8440, // stp w0, w1, [x2, #252]
  STP_X_OFF: 0xa93f8440, // stp x0, x1, [x2, #-8]
  STP_X: 0xa9000440, // stp x0, x1, [x2]
  LDP_W_OFF: 0x29409043, // ldp w3, w4, [x2, #4]
  LDP_X_OFF_SP: 0xa95f93e3, // ldp x3, x4, [sp, #504]
  LDP_X: 0xa9401043, // ldp x3, x4, [x2]
  LDP_SAME: 0xa9400c43, // ldp x3, x3, [x2]
  STP_W_PRE: 0x29bf0440, // stp w0, w1, [x2, #-8]!
  STP_X_PRE_SP: 0xa9bf07e0, // stp x0, x1, [sp, #-16]!
  STP_X_PRE_RN: 0xa9810442, // stp x2, x1, [x2, #16]! (Rt == Rn)
  LDP_W_PRE: 0x29c11043, // ldp w3, w4, [x2, #8]!
  LDP_X_PRE: 0xa9ff1043, // ldp x3, x4, [x2, #-16]!
  LDP_X_PRE_RN: 0xa9c11042, // ldp x2, x4, [x2, #16]! (Rt == Rn)
  LDPSW_POST: 0x68c11043, // ldpsw x3, x4, [x2], #8
  LDPSW_OFF: 0x697f1043, // ldpsw x3, x4, [x2, #-8]
  LDPSW_PRE: 0x69c11043, // ldpsw x3, x4, [x2, #8]!
};
const F = {
  STNP_S: 0x2c008440, // stnp s0, s1, [x2, #4]
  STNP_D: 0x6c000440, // stnp d0, d1, [x2]
  STNP_Q: 0xac3f0440, // stnp q0, q1, [x2, #-32]
  LDNP_S: 0x2c401043, // ldnp s3, s4, [x2]
  LDNP_Q: 0xac411043, // ldnp q3, q4, [x2, #32]
  STP_S_POST: 0x2c810440, // stp s0, s1, [x2], #8
  STP_Q_POST_SP: 0xac8107e0, // stp q0, q1, [sp], #32
  LDP_D_POST: 0x6cff1043, // ldp d3, d4, [x2], #-16
  LDP_Q_POST: 0xacc11043, // ldp q3, q4, [x2], #32
  STP_D_OFF: 0x6d008440, // stp d0, d1, [x2, #8]
  STP_Q_OFF: 0xad1f8440, // stp q0, q1, [x2, #1008]
  LDP_S_OFF: 0x2d7f9043, // ldp s3, s4, [x2, #-4]
  LDP_D_OFF_SP: 0x6d4113e3, // ldp d3, d4, [sp, #16]
  LDP_D: 0x6d401043, // ldp d3, d4, [x2]
  LDP_Q_SAME: 0xad400c43, // ldp q3, q3, [x2]
  STP_S_PRE: 0x2dbf0440, // stp s0, s1, [x2, #-8]!
  STP_Q_PRE_SP: 0xadbf07e0, // stp q0, q1, [sp, #-32]!
  LDP_D_PRE: 0x6dc11043, // ldp d3, d4, [x2, #16]!
  LDP_Q_PRE: 0xadff1043, // ldp q3, q4, [x2, #-32]!
};

describe("A64 STNP/LDNP and STP/LDP (general registers)", () => {
  it("STNP/LDNP: signed offset scaled by 4 or 8, no writeback", () => {
    let h = run([G.STNP_W], { x: { 0: X0, 1: X1, 2: DB + 4n } });
    expect(mem64(h, DB)).toBe(0xb1b1b1b1a0a0a0a0n);
    expect(h.a64.x[2]).toBe(DB + 4n);
    h = run([G.STNP_X_SP], { x: { 0: X0, 1: X1, 31: DB } });
    expect([mem64(h, DB + 16n), mem64(h, DB + 24n), h.a64.sp]).toEqual([X0, X1, DB]);
    h = run([G.LDNP_W], { x: { 2: DB, 3: -1n, 4: -1n } });
    expect([h.a64.x[3], h.a64.x[4]]).toEqual([le(0, 4), le(4, 4)]);
    h = run([G.LDNP_X], { x: { 2: DB + 0x200n } });
    expect([h.a64.x[3], h.a64.x[4]]).toEqual([le(0, 8), le(8, 8)]);
  });
  it("post-index: access at the base, then add the offset (SP as base)", () => {
    let h = run([G.STP_W_POST], { x: { 0: X0, 1: X1, 2: DB } });
    expect([mem64(h, DB), h.a64.x[2]]).toEqual([0xb1b1b1b1a0a0a0a0n, DB + 8n]);
    h = run([G.STP_X_POST_SP], { x: { 0: X0, 1: X1, 31: DB + 0x10n } });
    expect([mem64(h, DB + 0x10n), mem64(h, DB + 0x18n), h.a64.sp]).toEqual([X0, X1, DB]);
    h = run([G.LDP_W_POST], { x: { 2: DB + 8n } });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([le(8, 4), le(12, 4), DB]);
    h = run([G.LDP_X_POST], { x: { 2: DB } });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([le(0, 8), le(8, 8), DB + 16n]);
  });
  it("signed offset: imm7 scaled, positive and negative", () => {
    let h = run([G.STP_W_OFF], { x: { 0: X0, 1: X1, 2: DB } });
    expect([mem32(h, DB + 252n), mem32(h, DB + 256n)]).toEqual([0xa0a0a0a0, 0xb1b1b1b1]);
    h = run([G.STP_X_OFF], { x: { 0: X0, 1: X1, 2: DB + 8n } });
    expect([mem64(h, DB), mem64(h, DB + 8n), h.a64.x[2]]).toEqual([X0, X1, DB + 8n]);
    h = run([G.LDP_W_OFF], { x: { 2: DB } });
    expect([h.a64.x[3], h.a64.x[4]]).toEqual([le(4, 4), le(8, 4)]);
    h = run([G.LDP_X_OFF_SP], { x: { 31: DB - 504n + 8n } });
    expect([h.a64.x[3], h.a64.x[4]]).toEqual([le(8, 8), le(16, 8)]);
  });
  it("pre-index: access at base + offset and write that back", () => {
    let h = run([G.STP_W_PRE], { x: { 0: X0, 1: X1, 2: DB + 8n } });
    expect([mem64(h, DB), h.a64.x[2]]).toEqual([0xb1b1b1b1a0a0a0a0n, DB]);
    h = run([G.STP_X_PRE_SP], { x: { 0: X0, 1: X1, 31: DB + 16n } });
    expect([mem64(h, DB), mem64(h, DB + 8n), h.a64.sp]).toEqual([X0, X1, DB]);
    h = run([G.LDP_W_PRE], { x: { 2: DB } });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([le(8, 4), le(12, 4), DB + 8n]);
    h = run([G.LDP_X_PRE], { x: { 2: DB + 16n } });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([le(0, 8), le(8, 8), DB]);
  });
  it("QEMU's overlaps: LDP Rt == Rt2 keeps the first element; writeback beats a loaded Rn; STP stores Rn's old value", () => {
    expect(run([G.LDP_SAME], { x: { 2: DB } }).a64.x[3]).toBe(le(0, 8));
    let h = run([G.LDP_X_PRE_RN], { x: { 2: DB } });
    expect([h.a64.x[2], h.a64.x[4]]).toEqual([DB + 16n, le(24, 8)]);
    h = run([G.STP_X_PRE_RN], { x: { 1: X1, 2: DB } });
    expect([mem64(h, DB + 16n), mem64(h, DB + 24n), h.a64.x[2]]).toEqual([DB, X1, DB + 16n]);
  });
});

describe("A64 LDPSW", () => {
  it("sign-extends both words, in post, offset and pre forms", () => {
    const mem = { [Number(DB)]: [0xff, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x80, 1, 2, 3, 4, 5, 6, 7, 0xf8] };
    let h = run([G.LDPSW_POST], { x: { 2: DB }, mem });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([0x7fffffffn, 0xffffffff80000000n, DB + 8n]);
    h = run([G.LDPSW_OFF], { x: { 2: DB + 16n }, mem });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([0x04030201n, sx32(0xf8070605n), DB + 16n]);
    h = run([G.LDPSW_PRE], { x: { 2: DB - 8n }, mem });
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([0x7fffffffn, 0xffffffff80000000n, DB]);
  });
});

describe("A64 STNP/LDNP and STP/LDP (FP/SIMD)", () => {
  it("S/D/Q no-allocate pairs: stores of the low bits, loads clearing the rest", () => {
    let h = run([F.STNP_S], { x: { 2: DB }, v: fpRegs });
    expect(mem64(h, DB + 4n)).toBe(0x3332313013121110n);
    h = run([F.STNP_D], { x: { 2: DB }, v: fpRegs });
    expect([mem64(h, DB), mem64(h, DB + 8n)]).toEqual([Q0[0], Q1[0]]);
    h = run([F.STNP_Q], { x: { 2: DB + 32n }, v: fpRegs });
    expect([mem64(h, DB), mem64(h, DB + 8n), mem64(h, DB + 16n), mem64(h, DB + 24n)]).toEqual([...Q0, ...Q1]);
    h = run([F.LDNP_S], { x: { 2: DB }, v: fpRegs });
    expect([v(h, 3), v(h, 4)]).toEqual([[le(0, 4), 0n], [le(4, 4), 0n]]);
    h = run([F.LDNP_Q], { x: { 2: DB - 32n }, v: fpRegs });
    expect([v(h, 3), v(h, 4)]).toEqual([[le(0, 8), le(8, 8)], [le(16, 8), le(24, 8)]]);
  });
  it("post-index forms", () => {
    let h = run([F.STP_S_POST], { x: { 2: DB }, v: fpRegs });
    expect([mem64(h, DB), h.a64.x[2]]).toEqual([0x3332313013121110n, DB + 8n]);
    h = run([F.STP_Q_POST_SP], { x: { 31: DB }, v: fpRegs });
    expect([mem64(h, DB + 8n), mem64(h, DB + 16n), h.a64.sp]).toEqual([Q0[1], Q1[0], DB + 32n]);
    h = run([F.LDP_D_POST], { x: { 2: DB }, v: fpRegs });
    expect([v(h, 3), v(h, 4), h.a64.x[2]]).toEqual([[le(0, 8), 0n], [le(8, 8), 0n], DB - 16n]);
    h = run([F.LDP_Q_POST], { x: { 2: DB }, v: fpRegs });
    expect([v(h, 4), h.a64.x[2]]).toEqual([[le(16, 8), le(24, 8)], DB + 32n]);
  });
  it("signed offset forms (Q scaled by 16)", () => {
    let h = run([F.STP_D_OFF], { x: { 2: DB }, v: fpRegs });
    expect([mem64(h, DB + 8n), mem64(h, DB + 16n)]).toEqual([Q0[0], Q1[0]]);
    h = run([F.STP_Q_OFF], { x: { 2: DB }, v: fpRegs });
    expect([mem64(h, DB + 1008n), mem64(h, DB + 1032n)]).toEqual([Q0[0], Q1[1]]);
    h = run([F.LDP_S_OFF], { x: { 2: DB + 4n }, v: fpRegs });
    expect([v(h, 3), v(h, 4)]).toEqual([[le(0, 4), 0n], [le(4, 4), 0n]]);
    h = run([F.LDP_D_OFF_SP], { x: { 31: DB }, v: fpRegs });
    expect([v(h, 3), v(h, 4)]).toEqual([[le(16, 8), 0n], [le(24, 8), 0n]]);
  });
  it("pre-index forms", () => {
    let h = run([F.STP_S_PRE], { x: { 2: DB + 8n }, v: fpRegs });
    expect([mem64(h, DB), h.a64.x[2]]).toEqual([0x3332313013121110n, DB]);
    h = run([F.STP_Q_PRE_SP], { x: { 31: DB + 32n }, v: fpRegs });
    expect([mem64(h, DB), mem64(h, DB + 24n), h.a64.sp]).toEqual([Q0[0], Q1[1], DB]);
    h = run([F.LDP_D_PRE], { x: { 2: DB }, v: fpRegs });
    expect([v(h, 3), v(h, 4), h.a64.x[2]]).toEqual([[le(16, 8), 0n], [le(24, 8), 0n], DB + 16n]);
    h = run([F.LDP_Q_PRE], { x: { 2: DB + 32n }, v: fpRegs });
    expect([v(h, 3), h.a64.x[2]]).toEqual([[le(0, 8), le(8, 8)], DB]);
  });
  it("LDP Qt == Qt2 keeps the second element (QEMU loads the registers one after the other)", () => {
    expect(v(run([F.LDP_Q_SAME], { x: { 2: DB }, v: fpRegs }), 3)).toEqual([le(16, 8), le(24, 8)]);
  });
  it("CPACR_EL1.FPEN = 0 traps (EC 0x07) with nothing transferred and no writeback", () => {
    const h = run([F.LDP_D_PRE], { x: { 2: DB }, v: fpRegs, fp: false });
    expect(esr(h) >>> 26).toBe(0x07);
    expect([v(h, 3), h.a64.x[2]]).toEqual([JUNK.map((x) => BigInt.asUintN(64, x)), DB]);
  });
});

describe("A64 pair faults", () => {
  it("an unassigned first element: EC 0x25 at its address, no register or base written", () => {
    const h = run([G.LDP_X_POST], { x: { 2: UNASSIGNED, 3: 7, 4: 8 } });
    expectDataAbort(h, UNASSIGNED, FSC_EXTERNAL, false);
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([7n, 8n, UNASSIGNED]);
  });
  it("a fault on the second element of LDP: no register written (GPR)", () => {
    const h = run([G.LDP_X_PRE], { x: { 2: RAM_END + 8n, 3: 7, 4: 8 } });
    expectDataAbort(h, RAM_END, FSC_EXTERNAL, false);
    expect([h.a64.x[3], h.a64.x[4], h.a64.x[2]]).toEqual([7n, 8n, RAM_END + 8n]);
  });
  it("a fault on the second element of STP: the first is already stored (QEMU), no writeback", () => {
    const h = run([G.STP_X_PRE_SP], { x: { 0: X0, 1: X1, 31: RAM_END + 8n } });
    expectDataAbort(h, RAM_END, FSC_EXTERNAL, true);
    expect(mem64(h, RAM_END - 8n)).toBe(X0);
    expect(h.a64.sp).toBe(RAM_END + 8n);
  });
  it("a fault on the second element of an FP LDP: Vt already loaded (QEMU), Vt2 and the base unchanged", () => {
    const h = run([F.LDP_D_PRE], { x: { 2: RAM_END - 24n }, v: fpRegs });
    expectDataAbort(h, RAM_END, FSC_EXTERNAL, false);
    expect(v(h, 3)).toEqual([mem64(h, RAM_END - 8n), 0n]);
    expect(v(h, 4)).toEqual(JUNK.map((x) => BigInt.asUintN(64, x)));
    expect(h.a64.x[2]).toBe(RAM_END - 24n);
  });
  it("SCTLR_EL1.A checks each element's own alignment (8 for X, 4 for W, 16 for Q)", () => {
    let h = run([G.LDP_X], { x: { 2: DB + 4n, 3: 7 }, align: true });
    expectDataAbort(h, DB + 4n, FSC_ALIGN, false);
    expect(h.a64.x[3]).toBe(7n);
    expect(run([G.LDP_W_OFF], { x: { 2: DB }, align: true }).a64.x[3]).toBe(le(4, 4));
    h = run([G.STP_X], { x: { 0: X0, 2: DB + 4n }, align: true });
    expectDataAbort(h, DB + 4n, FSC_ALIGN, true);
    h = run([F.LDP_Q_SAME], { x: { 2: DB + 8n }, v: fpRegs, align: true });
    expectDataAbort(h, DB + 8n, FSC_ALIGN, false);
    expect(run([F.LDP_D], { x: { 2: DB + 8n }, v: fpRegs, align: true }).a64.pc).toBe(BASE + 4n);
    // without SCTLR_EL1.A, misaligned pairs are fine
    expect(run([G.LDP_X], { x: { 2: DB + 4n } }).a64.x[4]).toBe(le(12, 8));
  });
});

const UNDEF = {
  LDNPSW: 0x68401043, // ldnp with opc 01: there is no LDNPSW
  STGP: 0x69000440, // stgp x0, x1, [x2] (MTE)
  STGP_POST: 0x68810440,
  OPC11: 0xe9401043, // opc 11, general registers
  FP_OPC11: 0xed401043, // opc 11, FP/SIMD
};

describe("A64 pair UNDEFINED encodings", () => {
  it.each(Object.entries(UNDEF))("%s is UNDEFINED (FP/SIMD ones before the FP trap)", (_, w) => {
    const h = run([w], { x: { 2: DB, 3: 7 }, fp: false });
    expectUndef(h);
    expect(h.a64.x[3]).toBe(7n);
  });
  it("each row has a test", () => expectRowsCovered(a64LoadStorePair, [...Object.values(G), ...Object.values(F)]));
});
