// A64 load/store exclusive (QEMU 7.2's monitor: address and value, compare-and-swap on the
// store), load-acquire/store-release, and the v8.1 forms that UNDEF on the Cortex-A57.
import { describe, it, expect } from "vitest";
import {
  run, mem64, monitor, expectUndef, expectDataAbort, expectRowsCovered,
  BASE, D, DB, UNASSIGNED, FSC_ALIGN, FSC_EXTERNAL,
} from "./ldst-harness.js";
import { a64Exclusive } from "../../../../core/decode/patterns/a64-load-store.js";
import { makeHarness, enterA64, setX, a64State, RAM_BASE } from "../../../helpers/core-harness.js";
import { S_ELR_EL1, S_SPSR_SVC } from "../../../../core/state/layout.js";

function le(off: number, n: number): bigint {
  let r = 0n;
  for (let i = n - 1; i >= 0; i--) r = (r << 8n) | BigInt((0x80 + off + i) & 0xff);
  return r;
}
const X1 = 0x0123456789abcdefn;
const NEW = 0xfedcba9876543210n;

const E = {
  LDXR_X: 0xc85f7c40, // ldxr x0, [x2]
  LDXR_W: 0x885f7c40, // ldxr w0, [x2]
  LDXRH: 0x485f7c40, // ldxrh w0, [x2]
  LDXRB: 0x085f7c40, // ldxrb w0, [x2]
  STXR_X: 0xc8037c41, // stxr w3, x1, [x2]
  STXR_W: 0x88037c41, // stxr w3, w1, [x2]
  STXRH: 0x48037c41, // stxrh w3, w1, [x2]
  STXRB: 0x08037c41, // stxrb w3, w1, [x2]
  LDAXR_X_SP: 0xc85fffe0, // ldaxr x0, [sp]
  STLXR_X_SP: 0xc803ffe1, // stlxr w3, x1, [sp]
  LDAXRB: 0x085ffc40, // ldaxrb w0, [x2]
  STLXRH: 0x4803fc41, // stlxrh w3, w1, [x2]
  LDXP_W: 0x887f0440, // ldxp w0, w1, [x2]
  LDXP_X: 0xc87f0440, // ldxp x0, x1, [x2]
  STXP_W: 0x88231444, // stxp w3, w4, w5, [x2]
  STXP_X: 0xc8231444, // stxp w3, x4, x5, [x2]
  LDAXP_X: 0xc87f8440, // ldaxp x0, x1, [x2]
  STLXP_X: 0xc8239444, // stlxp w3, x4, x5, [x2]
  LDAXP_W_SP: 0x887f87e0, // ldaxp w0, w1, [sp]
  STLXP_W_SP: 0x882397e4, // stlxp w3, w4, w5, [sp]
  LDAR_X: 0xc8dffc40, // ldar x0, [x2]
  LDARB: 0x08dffc40, // ldarb w0, [x2]
  LDARH_SP: 0x48dfffe0, // ldarh w0, [sp]
  LDAR_W: 0x88dffc40, // ldar w0, [x2]
  STLR_X: 0xc89ffc41, // stlr x1, [x2]
  STLRB: 0x089ffc41, // stlrb w1, [x2]
  STLRH: 0x489ffc41, // stlrh w1, [x2]
  STLR_W_SP: 0x889fffe1, // stlr w1, [sp]
  STXR_RS_RT: 0xc8017c41, // stxr w1, x1, [x2]
  STXR_RS_RN: 0xc8027c41, // stxr w2, x1, [x2]
  STXR_WZR: 0xc81f7c41, // stxr wzr, x1, [x2]
  LDXP_SAME: 0xc87f0040, // ldxp x0, x0, [x2]
  LDXR_X4: 0xc85f7c80, // ldxr x0, [x4]
  STXR_X4: 0xc8037c81, // stxr w3, x1, [x4]
};
const CLREX = 0xd5033f5f;
const STR_X1 = 0xf9000041; // str x1, [x2]

describe("A64 LDXR/STXR", () => {
  it("LDXR (B, H, W, X) zero-extends and records address and value; STXR of the same size succeeds", () => {
    const cases: [number, number, number, bigint][] = [
      [E.LDXR_X, E.STXR_X, 8, X1], [E.LDXR_W, E.STXR_W, 4, X1 & 0xffffffffn],
      [E.LDXRH, E.STXRH, 2, X1 & 0xffffn], [E.LDXRB, E.STXRB, 1, X1 & 0xffn],
    ];
    for (const [ld, st, n, stored] of cases) {
      const a = run([ld], { x: { 0: -1n, 2: DB + 8n } });
      expect(a.a64.x[0]).toBe(le(8, n));
      expect(monitor(a)).toMatchObject({ valid: 1, addr: DB + 8n, val: le(8, n) });
      const h = run([ld, st], { x: { 1: X1, 2: DB + 8n, 3: 7 } });
      expect(h.a64.x[3]).toBe(0n);
      const mask = (1n << BigInt(8 * n)) - 1n;
      expect(mem64(h, DB + 8n)).toBe((le(8, 8) & ~mask) | stored);
      expect(monitor(h).valid).toBe(0);
    }
  });
  it("LDAXR/STLXR with SP as base; LDAXRB then STLXRH at the same address compares sizes as QEMU", () => {
    let h = run([E.LDAXR_X_SP, E.STLXR_X_SP], { x: { 1: X1, 31: DB } });
    expect([h.a64.x[0], h.a64.x[3], mem64(h, DB)]).toEqual([le(0, 8), 0n, X1]);
    // the byte recorded (0x80) differs from the halfword read (0x8180): fails, memory unchanged
    h = run([E.LDAXRB, E.STLXRH], { x: { 1: X1, 2: DB } });
    expect([h.a64.x[0], h.a64.x[3], mem64(h, DB)]).toEqual([0x80n, 1n, le(0, 8)]);
  });
  it("STXRB after LDXR X: memory matches the byte, so it is written, but the status is 1 (QEMU)", () => {
    const h = run([E.LDXR_X, E.STXRB], { x: { 1: X1, 2: DB } });
    expect(h.a64.x[3]).toBe(1n);
    expect(mem64(h, DB)).toBe((le(0, 8) & ~0xffn) | 0xefn);
  });
  it("STXR without a monitor fails with no access at all (misaligned or unassigned: no fault)", () => {
    let h = run([E.STXR_X], { x: { 1: X1, 2: DB } });
    expect([h.a64.x[3], mem64(h, DB)]).toEqual([1n, le(0, 8)]);
    h = run([E.STXR_X], { x: { 1: X1, 2: DB + 3n }, align: true });
    expect([h.a64.x[3], h.a64.pc]).toEqual([1n, BASE + 4n]);
    h = run([E.STXR_X], { x: { 1: X1, 2: UNASSIGNED } });
    expect([h.a64.x[3], h.a64.pc]).toEqual([1n, BASE + 4n]);
  });
  it("STXR to another address fails and clears the monitor; CLREX clears it too", () => {
    let h = run([E.LDXR_X, E.STXR_X4, E.STXR_X], { x: { 1: X1, 2: DB, 4: DB + 8n } });
    expect(h.a64.x[3]).toBe(1n);
    expect([mem64(h, DB), mem64(h, DB + 8n)]).toEqual([le(0, 8), le(8, 8)]);
    h = run([E.LDXR_X, CLREX, E.STXR_X], { x: { 1: X1, 2: DB } });
    expect([h.a64.x[3], mem64(h, DB)]).toEqual([1n, le(0, 8)]);
  });
  it("ERET clears the monitor, legal or illegal return (QEMU exception_return): the STXR after it fails", () => {
    // ldxr x0, [x2]; eret (or nop); stxr w3, x1, [x2], with ELR_EL1 = the STXR
    const go = (mid: number, spsr: number) => {
      const h = makeHarness();
      h.poke32(RAM_BASE, E.LDXR_X, mid, E.STXR_X);
      h.dv.setBigUint64(D - RAM_BASE, X1, true);
      enterA64(h);
      setX(h, 1, NEW); setX(h, 2, DB); setX(h, 3, 7);
      const st = new DataView(h.core.memory.buffer, h.core.stateBase());
      st.setBigUint64(S_ELR_EL1, BASE + 8n, true);
      st.setUint32(S_SPSR_SVC, spsr, true);
      h.core.run(2);
      const valid = monitor(h).valid;
      h.core.run(1);
      const s = a64State(h);
      return { valid, pc: s.pc - BASE, status: s.x[3], mem: mem64(h, DB) };
    };
    expect(go(0xd503201f, 0x3c5)).toEqual({ valid: 1, pc: 12n, status: 0n, mem: NEW }); // nop: the reservation holds
    expect(go(0xd69f03e0, 0x3c5)).toEqual({ valid: 0, pc: 12n, status: 1n, mem: X1 });  // eret to EL1h
    // eret to EL2h: an illegal return (PSTATE.IL, so the STXR itself then traps)
    expect(go(0xd69f03e0, 0x3c9)).toMatchObject({ valid: 0, mem: X1 });
  });
  it("a store in between: a changed value fails, the same value written back succeeds (value compare)", () => {
    let h = run([E.LDXR_X, STR_X1, 0xc8037c45], { x: { 1: X1, 2: DB, 5: NEW } }); // stxr w3, x5, [x2]
    expect([h.a64.x[3], mem64(h, DB)]).toEqual([1n, X1]);
    h = run([E.LDXR_X, 0xf9000040, 0xc8037c45], { x: { 2: DB, 5: NEW } }); // str x0, [x2] (same value)
    expect([h.a64.x[3], mem64(h, DB)]).toEqual([0n, NEW]);
  });
  it("register overlaps as QEMU: Rs == Rt stores Rt's old value; Rs == Rn; Rs = WZR", () => {
    let h = run([E.LDXR_X, E.STXR_RS_RT], { x: { 1: X1, 2: DB } });
    expect([mem64(h, DB), h.a64.x[1]]).toEqual([X1, 0n]);
    h = run([E.LDXR_X, E.STXR_RS_RN], { x: { 1: X1, 2: DB } });
    expect([mem64(h, DB), h.a64.x[2]]).toEqual([X1, 0n]);
    h = run([E.LDXR_X, E.STXR_WZR], { x: { 1: X1, 2: DB, 31: 0x40n } });
    expect([mem64(h, DB), h.a64.sp]).toEqual([X1, 0x40n]);
  });
  it("exclusives need natural alignment whatever SCTLR_EL1.A says (DFSC 0x21), and fault on an unassigned address", () => {
    let h = run([E.LDXR_X], { x: { 0: 7, 2: DB + 4n } });
    expectDataAbort(h, DB + 4n, FSC_ALIGN, false);
    expect([h.a64.x[0], monitor(h).valid]).toEqual([7n, 0]);
    h = run([E.LDXRH], { x: { 2: DB + 1n } });
    expectDataAbort(h, DB + 1n, FSC_ALIGN, false);
    h = run([E.LDXR_X4], { x: { 0: 7, 4: UNASSIGNED } });
    expectDataAbort(h, UNASSIGNED, FSC_EXTERNAL, false);
    expect([h.a64.x[0], monitor(h).valid]).toEqual([7n, 0]);
    // LDXRB at an odd address, then STXRH there: the monitor matches, the halfword access faults
    // on its read (QEMU's compare-and-swap reads first) and the monitor stays set
    h = run([E.LDXRB, E.STXRH], { x: { 1: X1, 2: DB + 1n, 3: 7 } });
    expectDataAbort(h, DB + 1n, FSC_ALIGN, false);
    expect([h.a64.x[3], monitor(h).valid]).toEqual([7n, 1]);
  });
});

describe("A64 LDXP/STXP", () => {
  it("W pairs: one 8-byte access, Rt the low word; STXP succeeds", () => {
    const h = run([E.LDXP_W, E.STXP_W], { x: { 2: DB, 4: 0xaaaaaaaa11111111n, 5: 0xbbbbbbbb22222222n } });
    expect([h.a64.x[0], h.a64.x[1], h.a64.x[3]]).toEqual([le(0, 4), le(4, 4), 0n]);
    expect(mem64(h, DB)).toBe(0x2222222211111111n);
    const a = run([E.LDXP_W], { x: { 2: DB } });
    expect(monitor(a)).toMatchObject({ valid: 1, addr: DB, val: le(0, 8) });
  });
  it("X pairs: two doublewords recorded; STXP writes both", () => {
    const a = run([E.LDXP_X], { x: { 2: DB + 16n } });
    expect([a.a64.x[0], a.a64.x[1]]).toEqual([le(16, 8), le(24, 8)]);
    expect(monitor(a)).toMatchObject({ valid: 1, addr: DB + 16n, val: le(16, 8), val2: le(24, 8) });
    const h = run([E.LDXP_X, E.STXP_X], { x: { 2: DB + 16n, 4: X1, 5: NEW } });
    expect([h.a64.x[3], mem64(h, DB + 16n), mem64(h, DB + 24n)]).toEqual([0n, X1, NEW]);
  });
  it("LDAXP/STLXP (X, and W with SP as base)", () => {
    let h = run([E.LDAXP_X, E.STLXP_X], { x: { 2: DB, 4: X1, 5: NEW } });
    expect([h.a64.x[3], mem64(h, DB), mem64(h, DB + 8n)]).toEqual([0n, X1, NEW]);
    h = run([E.LDAXP_W_SP, E.STLXP_W_SP], { x: { 31: DB, 4: 1, 5: 2 } });
    expect([h.a64.x[0], h.a64.x[3], mem64(h, DB)]).toEqual([le(0, 4), 0n, 0x200000001n]);
  });
  it("STXP X fails when the high doubleword changed; STXP without a monitor fails", () => {
    // ldxp x0, x1, [x2]; str x6, [x2, #8]; stxp w3, x4, x5, [x2]
    const h = run([E.LDXP_X, 0xf9000446, E.STXP_X], { x: { 2: DB, 4: X1, 5: NEW, 6: 5 } });
    expect([h.a64.x[3], mem64(h, DB), mem64(h, DB + 8n)]).toEqual([1n, le(0, 8), 5n]);
    const g = run([E.STXP_W], { x: { 2: DB, 4: 1, 5: 2 } });
    expect([g.a64.x[3], mem64(g, DB)]).toEqual([1n, le(0, 8)]);
  });
  it("LDXP Rt == Rt2 keeps the second element (QEMU)", () => {
    expect(run([E.LDXP_SAME], { x: { 2: DB } }).a64.x[0]).toBe(le(8, 8));
  });
  it("pairs align to their total size: 8 for W, 16 for X", () => {
    let h = run([E.LDXP_W], { x: { 2: DB + 4n, 0: 7 } });
    expectDataAbort(h, DB + 4n, FSC_ALIGN, false);
    expect(h.a64.x[0]).toBe(7n);
    h = run([E.LDXP_X], { x: { 2: DB + 8n, 0: 7 } });
    expectDataAbort(h, DB + 8n, FSC_ALIGN, false);
    expect(h.a64.x[0]).toBe(7n);
  });
});

describe("A64 LDAR/STLR", () => {
  it("LDAR loads zero-extended (B, H with SP, W, X); STLR stores (B, H, W with SP, X)", () => {
    expect(run([E.LDAR_X], { x: { 2: DB } }).a64.x[0]).toBe(le(0, 8));
    expect(run([E.LDARB], { x: { 0: -1n, 2: DB } }).a64.x[0]).toBe(0x80n);
    expect(run([E.LDARH_SP], { x: { 0: -1n, 31: DB + 2n } }).a64.x[0]).toBe(le(2, 2));
    expect(run([E.LDAR_W], { x: { 0: -1n, 2: DB } }).a64.x[0]).toBe(le(0, 4));
    expect(mem64(run([E.STLR_X], { x: { 1: X1, 2: DB } }), DB)).toBe(X1);
    expect(mem64(run([E.STLRB], { x: { 1: X1, 2: DB } }), DB)).toBe((le(0, 8) & ~0xffn) | 0xefn);
    expect(mem64(run([E.STLRH], { x: { 1: X1, 2: DB } }), DB)).toBe((le(0, 8) & ~0xffffn) | 0xcdefn);
    expect(mem64(run([E.STLR_W_SP], { x: { 1: X1, 31: DB } }), DB)).toBe((le(0, 8) & ~0xffffffffn) | 0x89abcdefn);
  });
  it("they need natural alignment whatever SCTLR_EL1.A says; they leave the monitor alone", () => {
    let h = run([E.LDAR_W], { x: { 0: 7, 2: DB + 2n } });
    expectDataAbort(h, DB + 2n, FSC_ALIGN, false);
    expect(h.a64.x[0]).toBe(7n);
    h = run([E.STLRH], { x: { 1: X1, 2: DB + 1n } });
    expectDataAbort(h, DB + 1n, FSC_ALIGN, true);
    h = run([E.LDXR_X, E.STLR_X, E.LDAR_X], { x: { 1: X1, 2: DB } });
    expect(monitor(h)).toMatchObject({ valid: 1, addr: DB, val: le(0, 8) });
  });
});

const UNDEF = {
  CAS: 0xc8a07c41, // cas x0, x1, [x2] (v8.1)
  CASP: 0x48207c82, // casp x0, x1, x2, x3, [x4] (v8.1)
  STXP_SIZE0: 0x08231444, // o1 = 1 with size 0x: the CASP space
  LDLAR: 0xc8df7c20, // ldlar x0, [x1] (v8.1 LOR)
  STLLR: 0xc89f7c20, // stllr x0, [x1] (v8.1 LOR)
};

describe("A64 exclusive-class UNDEFINED encodings", () => {
  it.each(Object.entries(UNDEF))("%s is UNDEFINED", (_, w) => {
    const h = run([w], { x: { 0: 7, 1: DB, 2: DB, 4: DB } });
    expectUndef(h);
    expect([h.a64.x[0], mem64(h, DB)]).toEqual([7n, le(0, 8)]);
  });
  it("each row has a test", () => expectRowsCovered(a64Exclusive, Object.values(E)));
});
