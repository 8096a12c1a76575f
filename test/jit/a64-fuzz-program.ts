// Random A64 programs for the JIT fuzzer (test/jit/a64-fuzz.test.ts): a straight run of words
// drawn mostly from the rows with inline emitters (jit/emit-a64.ts) with edge operands, plus rows
// that go through the fallback (bit fields, multiplies, pairs, conditional compares), branches
// forward and backward (the run is bounded by an instruction count, not by termination), BL/RET
// pairs, exceptions (SVC, UDF, data aborts from bases that point at unmapped memory or misaligned
// addresses with SCTLR_EL1.A set), MMIO accesses and stores of NOPs into the program itself.
// X16-X23 are load/store bases (moved only by pre-/post-indexing), X24 the program's address,
// X25 a NOP word, X28 the exception handler's scratch; random results go to X0-X15 and XZR/SP.
import type { Rng } from "../diff/rng.js";

export const RAM = 0x4000_0000;
export const VECTORS = RAM + 0x800;       // VBAR_EL1: every vector runs HANDLER
export const PROGRAM = RAM + 0x2000;
export const WINDOW = RAM + 0x1_0000;     // load/store data
export const WINDOW_BYTES = 0x1000;
export const NOP = 0xd503201f;

/** Every vector: X28 = ELR_EL1 + 4, back there (the faulting or trapping instruction is skipped). */
export function vectorWords(): number[] {
  const handler = [0xd538403c /* mrs x28, elr_el1 */, 0x9100139c /* add x28, x28, #4 */, 0xd518403c /* msr elr_el1, x28 */, 0xd69f03e0 /* eret */];
  const words: number[] = [];
  for (let v = 0; v < 16; v++) words.push(...handler, ...new Array(28).fill(NOP));
  return words;
}

/** PSTATE.{EL, SP} of a program: EL1h (5), EL1t (4) or EL0t (0). */
export type A64Mode = 5 | 4 | 0;
/**
 * Where the program runs: "flat" with the MMU off, or with the MMU on at the same RAM seen at a
 * high VA through TTBR1 ("high", PC 0xffff8000_4000_2000) or at a VA with bits 47:32 set through
 * TTBR0 ("mid"): regions then build 64-bit PCs from their key's high word.
 */
export type A64Map = "flat" | "high" | "mid";
export const MAP_BASE: Record<A64Map, bigint> = { flat: 0n, high: 0xffff_8000_0000_0000n, mid: 0x0000_7f00_0000_0000n };
export interface A64FuzzProgram { words: number[]; x: bigint[]; nzcv: number; alignCheck: boolean; mode: A64Mode; map: A64Map }

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

/** An edge-biased 64-bit value. */
function value(rng: Rng): bigint {
  switch (rng.int(8)) {
    case 0: return 0n;
    case 1: return BigInt.asUintN(64, -1n);
    case 2: return 0x8000_0000_0000_0000n;
    case 3: return 0x7fff_ffffn + BigInt(rng.int(3));
    case 4: return BigInt(rng.u32());
    case 5: return BigInt.asUintN(64, BigInt(rng.u32() | 0));
    default: return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
  }
}

const dst = (rng: Rng) => (rng.int(10) === 0 ? 31 : rng.int(16));
const src = (rng: Rng) => (rng.int(12) === 0 ? 31 : rng.int(16));
const base = (rng: Rng) => 16 + rng.int(8);

/** One random instruction word at index i of n (branch offsets stay inside the program mostly). */
function insn(rng: Rng, i: number, n: number): number[] {
  const sf = rng.int(4) === 0 ? 0 : 1;
  const fwd = () => 1 + rng.int(Math.max(1, Math.min(8, n - i)));
  const off = () => (rng.int(4) === 0 ? -(1 + rng.int(Math.min(i + 1, 12))) : fwd());
  switch (rng.int(27)) {
    case 0: case 1: // ADD/SUB (immediate), Rn and Rd may be SP
      return [(sf << 31) | (rng.int(2) << 30) | (rng.int(2) << 29) | (0b100010 << 23) | (rng.int(2) << 22) |
        ((rng.int(3) === 0 ? rng.int(4096) : rng.int(16)) << 10) | (src(rng) << 5) | dst(rng)];
    case 2: case 3: { // ADD/SUB (shifted register)
      const shift = rng.int(3), amount = rng.int(sf ? 64 : 32);
      return [(sf << 31) | (rng.int(2) << 30) | (rng.int(2) << 29) | (0b01011 << 24) | (shift << 22) | (src(rng) << 16) |
        ((rng.int(2) ? 0 : amount) << 10) | (src(rng) << 5) | dst(rng)];
    }
    case 4: case 5: // logical (shifted register), every opc, N and shift
      return [(sf << 31) | (rng.int(4) << 29) | (0b01010 << 24) | (rng.int(4) << 22) | (rng.int(2) << 21) | (src(rng) << 16) |
        ((rng.int(2) ? 0 : rng.int(sf ? 64 : 32)) << 10) | (src(rng) << 5) | dst(rng)];
    case 6: // logical (immediate): reserved encodings are UNDEFINED (an exception)
      return [(sf << 31) | (rng.int(4) << 29) | (0b100100 << 23) | ((sf ? rng.int(2) : rng.int(16) === 0 ? 1 : 0) << 22) |
        (rng.int(64) << 16) | (rng.int(64) << 10) | (src(rng) << 5) | dst(rng)];
    case 7: // MOVN/MOVZ/MOVK (hw 2, 3 with sf = 0: UNDEFINED)
      return [(sf << 31) | (pick(rng, [0, 2, 3, 3]) << 29) | (0b100101 << 23) | (rng.int(sf ? 4 : rng.int(8) === 0 ? 4 : 2) << 21) |
        ((rng.int(3) === 0 ? pick(rng, [0, 0xffff, 0x8000]) : rng.int(0x10000)) << 5) | dst(rng)];
    case 8: { // ADR/ADRP
      const imm = rng.int(1 << 21) - (1 << 20);
      return [(rng.int(2) << 31) | ((imm & 3) << 29) | (0b10000 << 24) | (((imm >> 2) & 0x7ffff) << 5) | dst(rng)];
    }
    case 9: // CSEL/CSINC/CSINV/CSNEG, every condition
      return [(sf << 31) | (rng.int(2) << 30) | (0b11010100 << 21) | (src(rng) << 16) | (rng.int(16) << 12) | (rng.int(2) << 10) |
        (src(rng) << 5) | dst(rng)];
    case 10: { // B.cond, CBZ/CBNZ, TBZ/TBNZ
      const o = off();
      switch (rng.int(3)) {
        case 0: return [(0b01010100 << 24) | ((o & 0x7ffff) << 5) | rng.int(16)];
        case 1: return [(sf << 31) | (0b011010 << 25) | (rng.int(2) << 24) | ((o & 0x7ffff) << 5) | src(rng)];
        default: { const bit = rng.int(64); return [((bit >> 5) << 31) | (0b011011 << 25) | (rng.int(2) << 24) | ((bit & 31) << 19) | ((o & 0x3fff) << 5) | src(rng)]; }
      }
    }
    case 11: return [(0b000101 << 26) | (fwd() & 0x3ffffff)]; // B forward
    case 12: // BL to a RET just after a branch over it: bl L; b skip; L: ret; skip:
      return [(0b100101 << 26) | 2, (0b000101 << 26) | 2, 0xd65f03c0];
    case 13: case 14: case 15: case 16: return loadStore(rng);
    case 17: { // bit fields (SBFM/BFM/UBFM; N != sf is UNDEFINED), MADD/MSUB, CCMP (immediate), ADD/SUB (extended)
      switch (rng.int(4)) {
        case 0: return [(sf << 31) | (rng.int(3) << 29) | (0b100110 << 23) | ((rng.int(16) === 0 ? 1 - sf : sf) << 22) |
          (rng.int(sf ? 64 : 32) << 16) | (rng.int(sf ? 64 : 32) << 10) | (src(rng) << 5) | dst(rng)];
        case 1: return [(sf << 31) | (0b0011011000 << 21) | (src(rng) << 16) | (rng.int(2) << 15) | (src(rng) << 10) | (src(rng) << 5) | dst(rng)];
        case 2: return [(sf << 31) | (0b111010010 << 21) | (rng.int(32) << 16) | (rng.int(16) << 12) | (1 << 11) | (src(rng) << 5) | rng.int(16)];
        default: return [(sf << 31) | (rng.int(2) << 30) | (rng.int(2) << 29) | (0b01011001 << 21) | (src(rng) << 16) | (rng.int(8) << 13) |
          (rng.int(6) << 10) | (src(rng) << 5) | dst(rng)];
      }
    }
    case 23: // LSLV..RORV, UDIV/SDIV (Rm often 0 or -1), ADC/SBC(S), EXTR, CLZ
      switch (rng.int(5)) {
        case 0: return [(sf << 31) | (0b0011010110 << 21) | (src(rng) << 16) | (0b0010 << 12) | (rng.int(4) << 10) | (src(rng) << 5) | dst(rng)];
        case 1: return [(sf << 31) | (0b0011010110 << 21) | (pick(rng, [src(rng), 31, 26, 27]) << 16) | (0b00001 << 11) | (rng.int(2) << 10) |
          (src(rng) << 5) | dst(rng)];
        case 2: return [(sf << 31) | (rng.int(2) << 30) | (rng.int(2) << 29) | (0b11010000 << 21) | (src(rng) << 16) | (src(rng) << 5) | dst(rng)];
        case 3: return [(sf << 31) | (0b00100111 << 23) | ((rng.int(16) === 0 ? 1 - sf : sf) << 22) | (src(rng) << 16) |
          (rng.int(sf ? 64 : 32) << 10) | (src(rng) << 5) | dst(rng)];
        default: return [(sf << 31) | (0b1011010110 << 21) | (0b000100 << 10) | (src(rng) << 5) | dst(rng)];
      }
    case 24: // CCMN/CCMP, register and immediate, every condition
      return [(sf << 31) | (rng.int(2) << 30) | (1 << 29) | (0b11010010 << 21) | (rng.int(32) << 16) | (rng.int(16) << 12) |
        (rng.int(2) << 11) | (src(rng) << 5) | rng.int(16)];
    case 22: { // LDP/STP/LDPSW (W, X), offset, pre- and post-indexed, and the no-allocate forms
      const opc = pick(rng, [0, 2, 2, 1]), load = opc === 1 ? 1 : rng.int(2);
      return [(opc << 30) | (0b101 << 27) | (rng.int(4) << 23) | (load << 22) | (((rng.int(16) - 8) & 0x7f) << 15) |
        ((rng.int(8) === 0 ? 31 : rng.int(16)) << 10) | (base(rng) << 5) | (rng.int(8) === 0 ? 31 : rng.int(16))];
    }
    case 18: return rng.int(3) === 0 ? [pick(rng, [0xd4000001 /* svc #0 */, 0 /* udf */])] : [NOP];
    case 19: return [0xb9000000 | (rng.int(64) << 10) | (24 << 5) | 25]; // str w25, [x24, #4k]: a NOP into the program
    default: // more of the hot data processing
      return [(sf << 31) | (rng.int(2) << 30) | (1 << 29) | (0b100010 << 23) | (rng.int(16) << 10) | (src(rng) << 5) | 31]; // CMP/CMN imm
  }
}

/** A GPR load or store of every addressing form the emitters take. */
function loadStore(rng: Rng): number[] {
  const size = rng.int(4);
  const opc = size === 3 ? rng.int(2) : size === 2 ? rng.int(3) : rng.int(4);
  const n = base(rng), t = rng.int(8) === 0 ? 31 : rng.int(16);
  const head = (size << 30) | (opc << 22) | (n << 5) | t;
  switch (rng.int(5)) {
    case 0: return [head | (0b111001 << 24) | (rng.int(64) << 10)];                                  // unsigned offset
    case 1: return [head | (0b111000 << 24) | ((rng.int(64) - 32) & 0x1ff) << 12];                  // unscaled
    case 2: return [head | (0b111000 << 24) | ((rng.int(32) - 16) & 0x1ff) << 12 | (1 << 10)];      // post-index
    case 3: return [head | (0b111000 << 24) | ((rng.int(32) - 16) & 0x1ff) << 12 | (3 << 10)];      // pre-index
    default: // register offset: UXTW, LSL, SXTW, SXTX, scaled or not, index register small
      return [head | (0b111000 << 24) | (1 << 21) | (pick(rng, [26, 27]) << 16) | (pick(rng, [2, 3, 6, 7]) << 13) | (rng.int(2) << 12) | (2 << 10)];
  }
}

/** A program of about `n` instructions, its initial registers and flags. */
export function a64FuzzProgram(rng: Rng, n = 48): A64FuzzProgram {
  const words: number[] = [];
  while (words.length < n) words.push(...insn(rng, words.length, n));
  words.push((0b000101 << 26) | ((-words.length) & 0x3ffffff)); // back to the start
  const x = Array.from({ length: 32 }, () => value(rng));
  for (let r = 16; r < 24; r++) {
    x[r] = BigInt(WINDOW + 0x100 + 8 * rng.int(0x180)); // aligned, in the window
    switch (rng.int(12)) {
      case 0: x[r] += BigInt(1 + rng.int(7)); break;          // misaligned
      case 1: x[r] = 0x0900_0000n + BigInt(8 * rng.int(16)); break; // a device (MMIO)
      case 2: x[r] = 0x1000n; break;                           // unmapped: an external abort
      case 3: x[r] |= 0xff00_0000_0000_0000n; break;           // outside the 48-bit space: a translation fault
    }
  }
  // with the MMU on, RAM is also at the map's base (EL1 only: EL0-writable memory is never
  // executable at EL1, so the handler could not run)
  const map = pick<A64Map>(rng, ["flat", "flat", "high", "mid"]);
  const off = MAP_BASE[map];
  for (let r = 16; r < 24; r++) if (off && x[r] >= BigInt(RAM) && x[r] < BigInt(RAM + 0x10_0000) && rng.int(2)) x[r] += off;
  x[24] = BigInt(PROGRAM) + off;
  x[25] = BigInt(NOP);
  x[26] = BigInt(rng.int(64));
  x[27] = BigInt.asUintN(64, BigInt(rng.int(64) - 32));
  x[31] = BigInt(RAM + 0x8000); // SP
  const mode = map !== "flat" ? pick<A64Mode>(rng, [5, 5, 4]) : pick<A64Mode>(rng, [5, 5, 5, 5, 5, 5, 5, 0, 0, 4]);
  return { words, x, nzcv: rng.int(16), alignCheck: rng.int(4) === 0, mode, map };
}
