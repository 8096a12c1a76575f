// A64 AdvSIMD structure loads and stores: interleaving, lane and replicate forms, register
// wrap-around, post-index by immediate and register, Q = 0 zeroing, UNDEF forms and a store
// that faults half way (QEMU 7.2 stores element by element: the first part stays written).
import { describe, it, expect } from "vitest";
import { makeHarness, enterA64, setX, a64State, RAM_BASE, CPU_A57 } from "../../../helpers/core-harness.js";
import { STATE, S_VFP } from "../../../../core/state/layout.js";
import { JUNK, undefined64, runFp } from "./fp-harness.js";

const DATA = RAM_BASE + 0x1000;
const CPACR_KEY = (15 << 16) | (1 << 11) | 2;
const ESR_KEY = (15 << 16) | (5 << 11);

/** Run words with memory at DATA = bytes 0, 1, 2, ... 63 and X1 = DATA. */
function run(words: number[], init: { v?: Record<number, [bigint, bigint]>; x?: Record<number, bigint | number> } = {}) {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  for (let k = 0; k < 16; k++) h.poke32(DATA + 4 * k, (0x03020100 + 0x04040404 * k) >>> 0);
  enterA64(h);
  h.core.writeSysreg(CPACR_KEY, 3 << 20);
  const dv = new DataView(h.core.memory.buffer);
  for (let n = 0; n < 32; n++) {
    const [lo, hi] = init.v?.[n] ?? [JUNK, JUNK];
    dv.setBigUint64(STATE + S_VFP + 16 * n, lo, true);
    dv.setBigUint64(STATE + S_VFP + 16 * n + 8, hi, true);
  }
  setX(h, 1, DATA);
  for (const [r, v] of Object.entries(init.x ?? {})) setX(h, Number(r), v);
  h.core.run(words.length);
  const q = (n: number): [bigint, bigint] =>
    [dv.getBigUint64(STATE + S_VFP + 16 * n, true), dv.getBigUint64(STATE + S_VFP + 16 * n + 8, true)];
  const s = a64State(h);
  return { q, x: s.x, pc: s.pc, esr: h.core.readSysreg(ESR_KEY) >>> 0, peek: (a: number) => h.peek32(a) >>> 0 };
}

const B = (k: number) => { // the 8 bytes from k as a little-endian value
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(k + i);
  return v;
};

describe("A64 AdvSIMD multiple structures", () => {
  it("LD1 two registers, 16B; a list that wraps from V31 to V0", () => {
    let r = run([0x4c40a020]); // ld1 {v0.16b, v1.16b}, [x1]
    expect(r.q(0)).toEqual([B(0), B(8)]);
    expect(r.q(1)).toEqual([B(16), B(24)]);
    expect(r.x[1]).toBe(BigInt(DATA));
    r = run([0x4c40a03f]); // ld1 {v31.16b, v0.16b}, [x1]
    expect(r.q(31)).toEqual([B(0), B(8)]);
    expect(r.q(0)).toEqual([B(16), B(24)]);
  });

  it("LD4 8B de-interleaves, zeroes the upper halves and post-increments by 32", () => {
    const r = run([0x0cdf0020]); // ld4 {v0.8b-v3.8b}, [x1], #32
    expect(r.q(0)).toEqual([0x1c1814100c080400n, 0n]);
    expect(r.q(1)).toEqual([0x1d1915110d090501n, 0n]);
    expect(r.q(3)).toEqual([0x1f1b17130f0b0703n, 0n]);
    expect(r.x[1]).toBe(BigInt(DATA + 32));
  });

  it("LD3 4H takes every third halfword", () => {
    const r = run([0x0c404420]); // ld3 {v0.4h-v2.4h}, [x1]
    expect(r.q(0)).toEqual([0x13120d0c07060100n, 0n]);
    expect(r.q(2)).toEqual([0x171611100b0a0504n, 0n]);
  });

  it("LD1 four registers 2D, post-index #64", () => {
    const r = run([0x4cdf2c20]); // ld1 {v0.2d-v3.2d}, [x1], #64
    expect(r.q(3)).toEqual([B(48), B(56)]);
    expect(r.x[1]).toBe(BigInt(DATA + 64));
  });

  it("ST2 4S interleaves words; post-index by a register", () => {
    const r = run([0x4c828820, 0xad404470], { // st2 {v0.4s, v1.4s}, [x1], x2; ldp q16, q17, [x3]
      v: { 0: [0xa1a1a1a1a0a0a0a0n, 0xa3a3a3a3a2a2a2a2n], 1: [0xb1b1b1b1b0b0b0b0n, 0xb3b3b3b3b2b2b2b2n] },
      x: { 2: 0x100, 3: DATA },
    });
    expect(r.q(16)).toEqual([0xb0b0b0b0a0a0a0a0n, 0xb1b1b1b1a1a1a1a1n]);
    expect(r.q(17)).toEqual([0xb2b2b2b2a2a2a2a2n, 0xb3b3b3b3a3a3a3a3n]);
    expect(r.x[1]).toBe(BigInt(DATA + 0x100));
  });

  it("UNDEF: LD2 with 1D arrangement, unallocated opcode, Rm != 0 without post-index", () => {
    expect(undefined64(runFp([0x0c408c20]))).toBe(true); // ld2 {v0.1d, v1.1d}, [x1]
    expect(undefined64(runFp([0x4c401020]))).toBe(true); // opcode 0001
    expect(undefined64(runFp([0x4c41a020]))).toBe(true); // bits 20..16 != 0, no post-index
  });

  it("a store that faults half way leaves the first register stored and the base unchanged", () => {
    const end = RAM_BASE + (1 << 20);
    const r = run([0x4c9fa020], { // st1 {v0.16b, v1.16b}, [x1], #32
      v: { 0: [0x1111111111111111n, 0x2222222222222222n], 1: [0x3333333333333333n, 0x4444444444444444n] },
      x: { 1: end - 16 },
    });
    expect(r.pc).toBe(0x200n);
    expect(r.esr >>> 26).toBe(0x25);
    expect(r.x[1]).toBe(BigInt(end - 16));
    expect(r.peek(end - 16)).toBe(0x11111111);
    expect(r.peek(end - 4)).toBe(0x22222222);
  });
});

describe("A64 AdvSIMD structure load faults", () => {
  it("a load that faults half way keeps what QEMU 7.2 wrote: the first register, its upper half not yet cleared", () => {
    const end = RAM_BASE + (1 << 20);
    const r = run([0x0c40a020], { // ld1 {v0.8b, v1.8b}, [x1]
      v: { 0: [1n, 2n], 1: [3n, 4n] },
      x: { 1: end - 8 },
    });
    expect(r.pc).toBe(0x200n);
    expect(r.esr >>> 26).toBe(0x25);
    expect(r.q(0)[0]).toBe(0n); // loaded (RAM there is zero)
    expect(r.q(0)[1]).toBe(2n); // Q = 0 zeroing happens only after the last element
    expect(r.q(1)).toEqual([3n, 4n]);
    expect(r.x[1]).toBe(BigInt(end - 8));
  });
});

describe("A64 AdvSIMD single structures", () => {
  it("LD1 to one lane keeps the other lanes and the upper half", () => {
    const r = run([0x0d409020], { v: { 0: [0x1111111122222222n, 0x3333333344444444n] } }); // ld1 {v0.s}[1], [x1]
    expect(r.q(0)).toEqual([0x0302010022222222n, 0x3333333344444444n]);
  });

  it("LD3 to lane D[1] of three registers, post-index #24", () => {
    const r = run([0x4ddfa420], { v: { 0: [1n, 2n], 1: [3n, 4n], 2: [5n, 6n] } }); // ld3 {v0.d-v2.d}[1], [x1], #24
    expect(r.q(0)).toEqual([1n, B(0)]);
    expect(r.q(2)).toEqual([5n, B(16)]);
    expect(r.x[1]).toBe(BigInt(DATA + 24));
  });

  it("LD2R replicates 8H; LD1R 8B zeroes the upper half, post-index by a register", () => {
    let r = run([0x4d60c420]); // ld2r {v0.8h, v1.8h}, [x1]
    expect(r.q(0)).toEqual([0x0100010001000100n, 0x0100010001000100n]);
    expect(r.q(1)).toEqual([0x0302030203020302n, 0x0302030203020302n]);
    r = run([0x0dc2c020], { x: { 1: DATA + 5, 2: 3 } }); // ld1r {v0.8b}, [x1], x2
    expect(r.q(0)).toEqual([0x0505050505050505n, 0n]);
    expect(r.x[1]).toBe(BigInt(DATA + 8));
  });

  it("ST4 of lane B[15] writes four bytes", () => {
    const r = run([0x4d203c20], { // st4 {v0.b-v3.b}[15], [x1]
      v: { 0: [0n, 0xaa00000000000000n], 1: [0n, 0xbb00000000000000n], 2: [0n, 0xcc00000000000000n], 3: [0n, 0xdd00000000000000n] },
    });
    expect(r.peek(DATA)).toBe(0xddccbbaa);
    expect(r.peek(DATA + 4)).toBe(0x07060504);
  });

  it("UNDEF: a replicate store, LD1R with S = 1, odd size for H lanes, S = 1 for a D lane", () => {
    expect(undefined64(runFp([0x4d00c420]))).toBe(true); // st2r (L = 0)
    expect(undefined64(runFp([0x4d40d020]))).toBe(true); // ld1r with S = 1
    expect(undefined64(runFp([0x0d404420]))).toBe(true); // ld1 {v0.h}, size 01
    expect(undefined64(runFp([0x0d409420]))).toBe(true); // ld1 {v0.d}, S = 1
  });
});
