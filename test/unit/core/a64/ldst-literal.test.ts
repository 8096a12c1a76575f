// A64 load register (literal): LDR W/X, LDRSW, PRFM, LDR S/D/Q.
import { describe, it, expect } from "vitest";
import { run, v, esr, expectUndef, expectDataAbort, expectRowsCovered, BASE, FSC_ALIGN } from "./ldst-harness.js";
import { a64LoadLiteral } from "../../../../core/decode/patterns/a64-load-store.js";
import { RAM_BASE } from "../../../helpers/core-harness.js";

const I = {
  LDR_W: 0x18000800, // ldr w0, .+0x100
  LDR_X: 0x58000801, // ldr x1, .+0x100
  LDRSW: 0x98000802, // ldrsw x2, .+0x100
  PRFM: 0xd8000800, // prfm pldl1keep, .+0x100
  LDR_S: 0x1c000803, // ldr s3, .+0x100
  LDR_D: 0x5c000804, // ldr d4, .+0x100
  LDR_Q: 0x9c000805, // ldr q5, .+0x100
  LDR_X_BACK: 0x58ffffe6, // ldr x6, .-4
  LDR_X_104: 0x58000821, // ldr x1, .+0x104
  LDR_Q_108: 0x9c000845, // ldr q5, .+0x108
  UNDEF_OPC3: 0xdc000805, // opc 11, V = 1: unallocated
};
const LIT = RAM_BASE + 0x100;
const lit = { [LIT]: [0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x80] };

describe("A64 load register (literal)", () => {
  it("LDR Wt zero-extends a word, LDR Xt loads a doubleword, both PC-relative (also backwards)", () => {
    expect(run([I.LDR_W], { mem: lit, x: { 0: -1n } }).a64.x[0]).toBe(0xbbaa9988n);
    expect(run([I.LDR_X], { mem: lit }).a64.x[1]).toBe(0xffeeddccbbaa9988n);
    const h = run([0xd503201f, I.LDR_X_BACK]); // nop; ldr x6, .-4 (loads the nop and itself)
    expect(h.a64.x[6]).toBe((BigInt(I.LDR_X_BACK) << 32n) | 0xd503201fn);
  });

  it("LDRSW sign-extends the word", () => {
    expect(run([I.LDRSW], { mem: lit }).a64.x[2]).toBe(0xffffffffbbaa9988n);
    expect(run([I.LDRSW], { mem: { [LIT]: [1, 2, 3, 0x7f] } }).a64.x[2]).toBe(0x7f030201n);
  });

  it("PRFM (literal) is a no-op", () => {
    const h = run([I.PRFM], { x: { 0: 5 } });
    expect(h.a64.pc).toBe(BASE + 4n);
    expect(h.a64.x[0]).toBe(5n);
  });

  it("LDR S/D/Q (literal) fill the low bits and clear the rest of the V register", () => {
    const junk: [bigint, bigint] = [-1n, -1n];
    expect(v(run([I.LDR_S], { mem: lit, v: { 3: junk } }), 3)).toEqual([0xbbaa9988n, 0n]);
    expect(v(run([I.LDR_D], { mem: lit, v: { 4: junk } }), 4)).toEqual([0xffeeddccbbaa9988n, 0n]);
    expect(v(run([I.LDR_Q], { mem: lit }), 5)).toEqual([0xffeeddccbbaa9988n, 0x8077665544332211n]);
  });

  it("LDR S/D/Q (literal) trap with CPACR_EL1.FPEN = 0 (EC 0x07), the register unchanged", () => {
    const h = run([I.LDR_Q], { mem: lit, fp: false, v: { 5: [7n, 8n] } });
    expect(h.a64.pc).toBe(0x200n);
    expect(esr(h) >>> 26).toBe(0x07);
    expect(v(h, 5)).toEqual([7n, 8n]);
  });

  it("alignment: with SCTLR_EL1.A a misaligned literal faults (Q needs 16), without it loads", () => {
    let h = run([I.LDR_X_104], { align: true, x: { 1: 9 } });
    expectDataAbort(h, BASE + 0x104n, FSC_ALIGN, false);
    expect(h.a64.x[1]).toBe(9n);
    expect(run([I.LDR_X_104], { mem: lit }).a64.x[1]).toBe(0x44332211ffeeddccn);
    h = run([I.LDR_Q_108], { align: true });
    expectDataAbort(h, BASE + 0x108n, FSC_ALIGN, false);
    expect(v(run([I.LDR_Q_108], { mem: lit }), 5)[0]).toBe(0x8077665544332211n);
  });

  it("LDR (literal, SIMD&FP) with opc 11 is UNDEFINED", () => {
    expectUndef(run([I.UNDEF_OPC3]));
  });

  it("covers every literal row", () => expectRowsCovered(a64LoadLiteral, Object.values(I)));
});
