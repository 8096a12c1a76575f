// A64 single-register loads and stores of FP/SIMD registers (B, H, S, D, Q) in every addressing
// mode: scalar loads clear the rest of the V register; CPACR_EL1.FPEN traps; Q alignment.
import { describe, it, expect } from "vitest";
import {
  run, v, mem64, esr, expectUndef, expectDataAbort, expectRowsCovered, BASE, D, DB, UNASSIGNED, FSC_ALIGN, FSC_EXTERNAL,
} from "./ldst-harness.js";
import {
  a64LoadStoreUnscaled, a64LoadStorePost, a64LoadStorePre, a64LoadStoreReg, a64LoadStoreUimm,
} from "../../../../core/decode/patterns/a64-load-store.js";

const Q0: [bigint, bigint] = [0x1716151413121110n, 0x2726252423222120n];
const JUNK: [bigint, bigint] = [-1n, -1n];
/** Little-endian value of n bytes of the data pattern (byte i of D is 0x80 + i) from D + off. */
function le(off: number, n: number): bigint {
  let r = 0n;
  for (let i = n - 1; i >= 0; i--) r = (r << 8n) | BigInt((0x80 + off + i) & 0xff);
  return r;
}
const bytes = (h: ReturnType<typeof run>, a: bigint, n: number) => Array.from(h.ram.slice(Number(a - BASE), Number(a - BASE) + n));

const F = {
  STUR_B: 0x3c1ff020, // stur b0, [x1, #-1]
  STUR_H: 0x7c001020, // stur h0, [x1, #1]
  STUR_S: 0xbc002020, // stur s0, [x1, #2]
  STUR_D: 0xfc1f8020, // stur d0, [x1, #-8]
  STUR_Q: 0x3c801020, // stur q0, [x1, #1]
  LDUR_B: 0x3c401022, // ldur b2, [x1, #1]
  LDUR_H: 0x7c400022, // ldur h2, [x1]
  LDUR_S: 0xbc5fc022, // ldur s2, [x1, #-4]
  LDUR_D: 0xfc403022, // ldur d2, [x1, #3]
  LDUR_Q: 0x3cdf0022, // ldur q2, [x1, #-16]
  LDUR_Q8: 0x3cc08022, // ldur q2, [x1, #8]
  POST_STR_B: 0x3c001420, // str b0, [x1], #1
  POST_STR_D_SP: 0xfc1f87e0, // str d0, [sp], #-8
  POST_STR_Q: 0x3c810420, // str q0, [x1], #16
  POST_LDR_H: 0x7c5fe422, // ldr h2, [x1], #-2
  POST_LDR_S: 0xbc404422, // ldr s2, [x1], #4
  POST_LDR_Q: 0x3cdf0422, // ldr q2, [x1], #-16
  PRE_STR_H: 0x7c002c20, // str h0, [x1, #2]!
  PRE_STR_S: 0xbc1fcc20, // str s0, [x1, #-4]!
  PRE_STR_Q_SP: 0x3c9f0fe0, // str q0, [sp, #-16]!
  PRE_LDR_B: 0x3c5ffc22, // ldr b2, [x1, #-1]!
  PRE_LDR_D: 0xfc408c22, // ldr d2, [x1, #8]!
  PRE_LDR_Q: 0x3cc10c22, // ldr q2, [x1, #16]!
  REG_STR_B: 0x3c226820, // str b0, [x1, x2]
  REG_STR_D: 0xfc22d820, // str d0, [x1, w2, sxtw #3]
  REG_STR_Q: 0x3ca27820, // str q0, [x1, x2, lsl #4]
  REG_LDR_H: 0x7c627822, // ldr h2, [x1, x2, lsl #1]
  REG_LDR_S: 0xbc624822, // ldr s2, [x1, w2, uxtw]
  REG_LDR_Q: 0x3ce2f822, // ldr q2, [x1, x2, sxtx #4]
  IMM_STR_B: 0x3d3ffc20, // str b0, [x1, #4095]
  IMM_STR_S_SP: 0xbd0007e0, // str s0, [sp, #4]
  IMM_STR_Q: 0x3d800420, // str q0, [x1, #16]
  IMM_LDR_H: 0x7d400422, // ldr h2, [x1, #2]
  IMM_LDR_D: 0xfd400422, // ldr d2, [x1, #8]
  IMM_LDR_Q: 0x3dfffc22, // ldr q2, [x1, #65520]
  IMM_LDR_Q31: 0x3dc0003f, // ldr q31, [x1] (V31, not XZR)
};

describe("A64 FP/SIMD loads and stores (unscaled immediate)", () => {
  it("STUR B/H/S/D/Q store the low 1..16 bytes of Vt", () => {
    expect(bytes(run([F.STUR_B], { x: { 1: DB + 1n }, v: { 0: Q0 } }), DB, 2)).toEqual([0x10, 0x81]);
    expect(bytes(run([F.STUR_H], { x: { 1: DB }, v: { 0: Q0 } }), DB, 4)).toEqual([0x80, 0x10, 0x11, 0x83]);
    expect(mem64(run([F.STUR_S], { x: { 1: DB }, v: { 0: Q0 } }), DB)).toBe(0x8786131211108180n);
    expect(mem64(run([F.STUR_D], { x: { 1: DB + 8n }, v: { 0: Q0 } }), DB)).toBe(Q0[0]);
    const h = run([F.STUR_Q], { x: { 1: DB - 1n }, v: { 0: Q0 } });
    expect([mem64(h, DB), mem64(h, DB + 8n)]).toEqual(Q0);
  });
  it("LDUR B/H/S/D zero the rest of the 128-bit register; LDUR Q loads all of it", () => {
    expect(v(run([F.LDUR_B], { x: { 1: DB }, v: { 2: JUNK } }), 2)).toEqual([0x81n, 0n]);
    expect(v(run([F.LDUR_H], { x: { 1: DB }, v: { 2: JUNK } }), 2)).toEqual([le(0, 2), 0n]);
    expect(v(run([F.LDUR_S], { x: { 1: DB + 4n }, v: { 2: JUNK } }), 2)).toEqual([le(0, 4), 0n]);
    expect(v(run([F.LDUR_D], { x: { 1: DB }, v: { 2: JUNK } }), 2)).toEqual([le(3, 8), 0n]);
    expect(v(run([F.LDUR_Q], { x: { 1: DB + 0x20n } }), 2)).toEqual([le(0x10, 8), le(0x18, 8)]);
  });
});

describe("A64 FP/SIMD loads and stores (post-/pre-indexed)", () => {
  it("post-index: access at Xn|SP, then add simm9", () => {
    let h = run([F.POST_STR_B], { x: { 1: DB }, v: { 0: Q0 } });
    expect([bytes(h, DB, 1)[0], h.a64.x[1]]).toEqual([0x10, DB + 1n]);
    h = run([F.POST_STR_D_SP], { x: { 31: DB + 8n }, v: { 0: Q0 } });
    expect([mem64(h, DB + 8n), h.a64.sp]).toEqual([Q0[0], DB]);
    h = run([F.POST_STR_Q], { x: { 1: DB }, v: { 0: Q0 } });
    expect([mem64(h, DB), mem64(h, DB + 8n), h.a64.x[1]]).toEqual([...Q0, DB + 16n]);
    h = run([F.POST_LDR_H], { x: { 1: DB + 2n }, v: { 2: JUNK } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[le(2, 2), 0n], DB]);
    h = run([F.POST_LDR_S], { x: { 1: DB }, v: { 2: JUNK } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[le(0, 4), 0n], DB + 4n]);
    h = run([F.POST_LDR_Q], { x: { 1: DB + 0x10n } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[le(0x10, 8), le(0x18, 8)], DB]);
  });
  it("pre-index: access at Xn|SP + simm9 and write it back", () => {
    let h = run([F.PRE_STR_H], { x: { 1: DB }, v: { 0: Q0 } });
    expect([bytes(h, DB + 2n, 2), h.a64.x[1]]).toEqual([[0x10, 0x11], DB + 2n]);
    h = run([F.PRE_STR_S], { x: { 1: DB + 4n }, v: { 0: Q0 } });
    expect([bytes(h, DB, 4), h.a64.x[1]]).toEqual([[0x10, 0x11, 0x12, 0x13], DB]);
    h = run([F.PRE_STR_Q_SP], { x: { 31: DB + 0x20n }, v: { 0: Q0 } });
    expect([mem64(h, DB + 0x10n), mem64(h, DB + 0x18n), h.a64.sp]).toEqual([...Q0, DB + 0x10n]);
    h = run([F.PRE_LDR_B], { x: { 1: DB + 1n }, v: { 2: JUNK } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[0x80n, 0n], DB]);
    h = run([F.PRE_LDR_D], { x: { 1: DB }, v: { 2: JUNK } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[le(8, 8), 0n], DB + 8n]);
    h = run([F.PRE_LDR_Q], { x: { 1: DB } });
    expect([v(h, 2), h.a64.x[1]]).toEqual([[le(0x10, 8), le(0x18, 8)], DB + 0x10n]);
  });
});

describe("A64 FP/SIMD loads and stores (register offset, unsigned immediate)", () => {
  it("register offset scales Rm by the access size (16 for Q)", () => {
    expect(bytes(run([F.REG_STR_B], { x: { 1: DB, 2: 3 }, v: { 0: Q0 } }), DB + 3n, 1)).toEqual([0x10]);
    expect(mem64(run([F.REG_STR_D], { x: { 1: DB + 0x10n, 2: 0xffffffffn }, v: { 0: Q0 } }), DB + 8n)).toBe(Q0[0]);
    let h = run([F.REG_STR_Q], { x: { 1: DB, 2: 2 }, v: { 0: Q0 } });
    expect([mem64(h, DB + 0x20n), mem64(h, DB + 0x28n)]).toEqual(Q0);
    expect(v(run([F.REG_LDR_H], { x: { 1: DB, 2: 3 }, v: { 2: JUNK } }), 2)).toEqual([le(6, 2), 0n]);
    expect(v(run([F.REG_LDR_S], { x: { 1: DB, 2: 0xf00000005n }, v: { 2: JUNK } }), 2)).toEqual([le(5, 4), 0n]);
    h = run([F.REG_LDR_Q], { x: { 1: DB + 0x20n, 2: -1n } });
    expect(v(h, 2)).toEqual([le(0x10, 8), le(0x18, 8)]);
  });
  it("unsigned immediate scales imm12 by the access size (Q: up to 65520)", () => {
    expect(bytes(run([F.IMM_STR_B], { x: { 1: DB }, v: { 0: Q0 } }), DB + 4095n, 1)).toEqual([0x10]);
    expect(bytes(run([F.IMM_STR_S_SP], { x: { 31: DB }, v: { 0: Q0 } }), DB + 4n, 4)).toEqual([0x10, 0x11, 0x12, 0x13]);
    const h = run([F.IMM_STR_Q], { x: { 1: DB }, v: { 0: Q0 } });
    expect([mem64(h, DB + 0x10n), mem64(h, DB + 0x18n)]).toEqual(Q0);
    expect(v(run([F.IMM_LDR_H], { x: { 1: DB }, v: { 2: JUNK } }), 2)).toEqual([le(2, 2), 0n]);
    expect(v(run([F.IMM_LDR_D], { x: { 1: DB }, v: { 2: JUNK } }), 2)).toEqual([le(8, 8), 0n]);
    const far = { [D + 65520]: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] };
    expect(v(run([F.IMM_LDR_Q], { x: { 1: DB }, mem: far }), 2)).toEqual([0x0807060504030201n, 0x100f0e0d0c0b0a09n]);
    const q31 = run([F.IMM_LDR_Q31], { x: { 1: DB, 31: 0x777n } });
    expect(v(q31, 31)).toEqual([le(0, 8), le(8, 8)]);
    expect(q31.a64.sp).toBe(0x777n);
  });
});

describe("A64 FP/SIMD single-register traps and faults", () => {
  it("CPACR_EL1.FPEN = 0: EC 0x07 trap before any access; no writeback, nothing loaded or stored", () => {
    let h = run([F.POST_LDR_Q], { x: { 1: UNASSIGNED }, v: { 2: Q0 }, fp: false });
    expect(h.a64.pc).toBe(0x200n);
    expect(esr(h)).toBe(((0x07 << 26) | (1 << 25) | 0x1e00000) >>> 0);
    expect([v(h, 2), h.a64.x[1]]).toEqual([Q0, UNASSIGNED]);
    h = run([F.IMM_STR_Q], { x: { 1: DB }, v: { 0: Q0 }, fp: false });
    expect(esr(h) >>> 26).toBe(0x07);
    expect(mem64(h, DB + 0x10n)).toBe(le(0x10, 8));
  });
  it("a Q load faulting on either half leaves Vt and the base unchanged", () => {
    const h = run([F.PRE_LDR_Q], { x: { 1: UNASSIGNED }, v: { 2: Q0 } });
    expectDataAbort(h, UNASSIGNED + 16n, FSC_EXTERNAL, false);
    expect([v(h, 2), h.a64.x[1]]).toEqual([Q0, UNASSIGNED]);
    const end = BASE + 0x100000n;
    const g = run([F.LDUR_Q8], { x: { 1: end - 16n }, v: { 2: Q0 } });
    expectDataAbort(g, end, FSC_EXTERNAL, false);
    expect(v(g, 2)).toEqual(Q0);
  });
  it("a Q store whose high half faults has written the low half (QEMU: two 8-byte stores)", () => {
    const end = BASE + 0x100000n;
    const h = run([F.POST_STR_Q], { x: { 1: end - 8n }, v: { 0: Q0 } });
    expectDataAbort(h, end, FSC_EXTERNAL, true);
    expect(mem64(h, end - 8n)).toBe(Q0[0]);
    expect(h.a64.x[1]).toBe(end - 8n);
  });
  it("SCTLR_EL1.A: Q needs 16-byte alignment, scalars their size; without A any alignment works", () => {
    let h = run([F.LDUR_Q8], { x: { 1: DB }, v: { 2: Q0 }, align: true });
    expectDataAbort(h, DB + 8n, FSC_ALIGN, false);
    expect(v(h, 2)).toEqual(Q0);
    h = run([F.STUR_Q], { x: { 1: DB + 7n }, v: { 0: Q0 }, align: true });
    expectDataAbort(h, DB + 8n, FSC_ALIGN, true);
    expect(mem64(h, DB + 8n)).toBe(le(8, 8));
    h = run([F.STUR_S], { x: { 1: DB }, v: { 0: Q0 }, align: true });
    expectDataAbort(h, DB + 2n, FSC_ALIGN, true);
    expect(v(run([F.LDUR_Q8], { x: { 1: DB } }), 2)).toEqual([le(8, 8), le(0x10, 8)]);
    expect(v(run([F.LDUR_Q8], { x: { 1: DB + 8n }, align: true }), 2)).toEqual([le(0x10, 8), le(0x18, 8)]);
  });
});

const UNDEF = {
  LDTR_FP: 0xbc400820, // ldtr with V = 1 (no FP/SIMD unprivileged forms)
  STTR_FP: 0x3c000820,
  SIZE_H_OPC1x: 0x7cc00020, // size 01 with opc<1> = 1 (no 32-byte H...)
  SIZE_S_OPC1x_REG: 0xbca26820, // size 10, opc 10, register offset
  SIZE_D_OPC1x_IMM: 0xfdc00020, // size 11, opc 11, unsigned offset
  FP_REG_OPTION0: 0x3c620822, // ldr b2, [x1, x2, <option 000>]
};

describe("A64 FP/SIMD single-register UNDEFINED encodings (no FP trap first)", () => {
  it.each(Object.entries(UNDEF))("%s is UNDEFINED, even with FP disabled", (_, w) => {
    expectUndef(run([w], { x: { 1: DB, 2: 0 }, fp: false }));
  });
});

describe("A64 FP/SIMD single-register rows", () => {
  it("each row has a test", () => {
    const fp = (rows: { name: string }[]) => rows.filter((r) => r.name.includes("fp")) as typeof a64LoadStoreUnscaled;
    const all = Object.values(F);
    for (const rows of [a64LoadStoreUnscaled, a64LoadStorePost, a64LoadStorePre, a64LoadStoreReg, a64LoadStoreUimm]) {
      expectRowsCovered(fp(rows), all);
    }
  });
});
