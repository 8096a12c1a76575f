// A64 data processing with 1, 2 and 3 sources: bit/byte reversal, counts, divides, shifts by
// register, CRC32/CRC32C, multiplies; and the encodings later architectures added, which the
// Cortex-A57 (ARMv8.0 + CRC32) leaves UNDEFINED.
import { describe, it, expect } from "vitest";
import { runA64 } from "../../../helpers/core-harness.js";
import { run, expectUndef } from "./dp-run.js";

const ALL = 0xffffffffffffffffn;

describe("A64 data processing (1 source)", () => {
  it("RBIT: 64-bit and 32-bit", () => {
    expect(run(0xdac00020, { 1: 0x8000000000000003n }).x[0]).toBe(0xc000000000000001n); // rbit x0, x1
    expect(run(0x5ac00020, { 1: 0xffffffff00000001n }).x[0]).toBe(0x80000000n); // rbit w0, w1
  });
  it("REV16: bytes swapped in each halfword", () => {
    expect(run(0xdac00420, { 1: 0x0011223344556677n }).x[0]).toBe(0x1100332255447766n); // rev16 x0, x1
    expect(run(0x5ac00420, { 1: 0xffffffff11223344n }).x[0]).toBe(0x22114433n); // rev16 w0, w1
  });
  it("REV (32-bit), REV32, REV (64-bit)", () => {
    expect(run(0x5ac00820, { 1: 0xffffffff11223344n }).x[0]).toBe(0x44332211n); // rev w0, w1
    expect(run(0xdac00820, { 1: 0x0011223344556677n }).x[0]).toBe(0x3322110077665544n); // rev32 x0, x1
    expect(run(0xdac00c20, { 1: 0x0011223344556677n }).x[0]).toBe(0x7766554433221100n); // rev x0, x1
  });
  it("CLZ: 64 or 32 for zero, at the width", () => {
    expect(run(0xdac01020, { 1: 0n }).x[0]).toBe(64n); // clz x0, x1
    expect(run(0xdac01020, { 1: 1n }).x[0]).toBe(63n);
    expect(run(0x5ac01020, { 1: 0xffffffff00000000n }).x[0]).toBe(32n); // clz w0, w1
    expect(run(0x5ac01020, { 1: 0x8000n }).x[0]).toBe(16n);
  });
  it("CLS: leading copies of the sign bit, not counting it", () => {
    expect(run(0xdac01420, { 1: 0n }).x[0]).toBe(63n); // cls x0, x1
    expect(run(0xdac01420, { 1: ALL }).x[0]).toBe(63n);
    expect(run(0xdac01420, { 1: 1n }).x[0]).toBe(62n);
    expect(run(0xdac01420, { 1: 0xc000000000000000n }).x[0]).toBe(1n);
    expect(run(0x5ac01420, { 1: 0xffffffffn }).x[0]).toBe(31n); // cls w0, w1
    expect(run(0x5ac01420, { 1: 0xffffffff00000001n }).x[0]).toBe(30n);
    expect(run(0x5ac01420, { 1: 0x40000000n }).x[0]).toBe(0n);
  });
  it("UNDEFINED: REV with sf = 0 and opc = 11, S = 1, other opcodes, PAC (v8.3)", () => {
    expectUndef(0x5ac00c20);
    expectUndef(0x7ac00020); // rbit with S = 1
    expectUndef(0xdac01820); // opcode 000110
    expectUndef(0xdac10020); // pacia x0, x1
    expectUndef(0xdac143e0); // xpaci x0
  });
});

describe("A64 data processing (2 sources)", () => {
  it("UDIV: zero divisor gives 0; 32-bit uses only the words", () => {
    expect(run(0x9ac20820, { 1: 7n, 2: 2n }).x[0]).toBe(3n); // udiv x0, x1, x2
    expect(run(0x9ac20820, { 0: 9n, 1: 7n, 2: 0n }).x[0]).toBe(0n);
    expect(run(0x9ac20820, { 1: ALL, 2: 1n }).x[0]).toBe(ALL);
    expect(run(0x1ac20820, { 1: 0x100000008n, 2: 0x100000002n }).x[0]).toBe(4n); // udiv w0, w1, w2
  });
  it("SDIV: rounds towards zero; MIN / -1 = MIN; zero divisor gives 0", () => {
    expect(run(0x9ac20c20, { 1: ALL - 6n, 2: 2n }).x[0]).toBe(ALL - 2n); // sdiv x0, x1, x2: -7 / 2
    expect(run(0x9ac20c20, { 1: 1n << 63n, 2: ALL }).x[0]).toBe(1n << 63n);
    expect(run(0x9ac20c20, { 0: 9n, 1: 5n, 2: 0n }).x[0]).toBe(0n);
    expect(run(0x1ac20c20, { 1: 0x80000000n, 2: 0xffffffffn }).x[0]).toBe(0x80000000n); // sdiv w0, w1, w2
    expect(run(0x1ac20c20, { 1: 7n, 2: 0xfffffffen }).x[0]).toBe(0xfffffffdn); // 7 / -2
    expect(run(0x1ac20c20, { 1: 0x10000000an, 2: 0xffffffff00000002n }).x[0]).toBe(5n);
  });
  it("LSLV/LSRV/ASRV/RORV: the amount is Rm modulo the width", () => {
    expect(run(0x9ac22020, { 1: 1n, 2: 65n }).x[0]).toBe(2n); // lsl x0, x1, x2
    expect(run(0x1ac22020, { 1: 1n, 2: 33n }).x[0]).toBe(2n); // lsl w0, w1, w2
    expect(run(0x1ac22020, { 1: 0x80000001n, 2: 1n }).x[0]).toBe(2n);
    expect(run(0x9ac22420, { 1: 1n << 63n, 2: 127n }).x[0]).toBe(1n); // lsr x0, x1, x2
    expect(run(0x1ac22420, { 1: 0xffffffff80000000n, 2: 31n }).x[0]).toBe(1n); // lsr w0, w1, w2
    expect(run(0x9ac22820, { 1: 1n << 63n, 2: 62n }).x[0]).toBe(ALL - 1n); // asr x0, x1, x2
    expect(run(0x1ac22820, { 1: 0x80000000n, 2: 63n }).x[0]).toBe(0xffffffffn); // asr w0, w1, w2
    expect(run(0x9ac22c20, { 1: 1n, 2: 1n }).x[0]).toBe(1n << 63n); // ror x0, x1, x2
    expect(run(0x9ac22c20, { 1: 1n, 2: 64n }).x[0]).toBe(1n);
    expect(run(0x1ac22c20, { 1: 0xffffffff00000001n, 2: 1n }).x[0]).toBe(0x80000000n); // ror w0, w1, w2
  });
  it("UNDEFINED: S = 1, SUBP/IRG/GMI (MTE), PACGA (v8.3), unallocated opcodes", () => {
    expectUndef(0xbac20820); // udiv with S = 1
    expectUndef(0x9ac20020); // subp x0, x1, x2
    expectUndef(0x9adf1020); // irg x0, x1
    expectUndef(0x9ac21420); // gmi x0, x1, x2
    expectUndef(0x9ac23020); // pacga x0, x1, x2
    expectUndef(0x9ac20420); // opcode 000001
    expectUndef(0x9ac23420); // opcode 001101
  });
});

describe("A64 CRC32 and CRC32C", () => {
  // "123456789" as little-endian register values; the check values are those of the standard
  // CRC-32 (0xCBF43926) and CRC-32C (0xE3069283), which invert before and after.
  const MOV_W0_M1 = 0x12800000, MVN_W0 = 0x2a2003e0;
  const wide = { 1: 0x3837363534333231n, 2: 0xffffffffffffff39n };
  const narrow = { 1: 0xdead000034333231n, 2: 0xffffffffffff3635n, 3: 0x123400003837n, 4: 0xaaaaaaaaaaaaaa39n };
  const seq = (words: number[], x: Record<number, bigint>) => runA64([MOV_W0_M1, ...words, MVN_W0], { x }).a64.x[0];
  it("CRC32X + CRC32B", () => {
    expect(seq([0x9ac14c00, 0x1ac24000], wide)).toBe(0xcbf43926n); // crc32x w0, w0, x1; crc32b w0, w0, w2
  });
  it("CRC32W + CRC32H + CRC32H + CRC32B use only the low bytes of Rm", () => {
    expect(seq([0x1ac14800, 0x1ac24400, 0x1ac34400, 0x1ac44000], narrow)).toBe(0xcbf43926n);
  });
  it("CRC32CX + CRC32CB", () => {
    expect(seq([0x9ac15c00, 0x1ac25000], wide)).toBe(0xe3069283n); // crc32cx w0, w0, x1; crc32cb w0, w0, w2
  });
  it("CRC32CW + CRC32CH + CRC32CH + CRC32CB", () => {
    expect(seq([0x1ac15800, 0x1ac25400, 0x1ac35400, 0x1ac45000], narrow)).toBe(0xe3069283n);
  });
  it("one step: the accumulator is Wn (no inversion), the result zero-extends", () => {
    expect(run(0x1ac24020, { 0: ALL, 1: 0xffffffff12345678n, 2: 0xffffff00000000abn }).x[0]).toBe(0x1fc8b738n); // crc32b w0, w1, w2
    expect(run(0x1ac25000, { 0: 0x12345678n, 2: 0xabn }).x[0]).toBe(0xc0912609n); // crc32cb w0, w0, w2
  });
  it("UNDEFINED: the X forms need sf = 1, the others sf = 0", () => {
    expectUndef(0x1ac14c00); // crc32x with sf = 0
    expectUndef(0x1ac15c00); // crc32cx with sf = 0
    expectUndef(0x9ac24020); // crc32b with sf = 1
    expectUndef(0x9ac15800); // crc32cw with sf = 1
  });
});

describe("A64 data processing (3 sources)", () => {
  it("MADD: 32-bit wraps; MUL reads XZR for Ra", () => {
    expect(run(0x1b020c20, { 1: 0x100000002n, 2: 0x80000000n, 3: 0x100000001n }).x[0]).toBe(1n); // madd w0, w1, w2, w3
    expect(run(0x9b027c20, { 1: 3n, 2: 5n, 31: 0x100n }).x[0]).toBe(15n); // mul x0, x1, x2
  });
  it("MSUB: Ra - Rn * Rm", () => {
    expect(run(0x9b028c20, { 1: 3n, 2: 4n, 3: 10n }).x[0]).toBe(ALL - 1n); // msub x0, x1, x2, x3
  });
  it("SMADDL/SMSUBL: sign-extended words, 64-bit accumulate", () => {
    expect(run(0x9b220c20, { 1: ALL - 1n, 2: 0xffffffff00000003n, 3: 100n }).x[0]).toBe(94n); // smaddl x0, w1, w2, x3
    expect(run(0x9b227c20, { 1: 0x80000000n, 2: 0xabcd000080000000n, 31: 1n }).x[0]).toBe(1n << 62n); // smull x0, w1, w2
    expect(run(0x9b228c20, { 1: 0xffffffffn, 2: 0xffffffffn, 3: 0n }).x[0]).toBe(ALL); // smsubl x0, w1, w2, x3
  });
  it("UMADDL/UMSUBL: zero-extended words", () => {
    expect(run(0x9ba20c20, { 1: 0xffffffffn, 2: 0xffffffffn, 3: 1n }).x[0]).toBe(0xfffffffe00000002n); // umaddl x0, w1, w2, x3
    expect(run(0x9ba27c20, { 1: ALL - 1n, 2: 3n }).x[0]).toBe(0x2fffffffan); // umull x0, w1, w2
    expect(run(0x9ba28c20, { 1: 2n, 2: 3n, 3: 0n }).x[0]).toBe(ALL - 5n); // umsubl x0, w1, w2, x3
  });
  it("SMULH: high half of the signed product; Ra is ignored", () => {
    expect(run(0x9b427c20, { 1: ALL, 2: ALL }).x[0]).toBe(0n); // smulh x0, x1, x2
    expect(run(0x9b427c20, { 1: 1n << 63n, 2: 1n << 63n }).x[0]).toBe(1n << 62n);
    expect(run(0x9b427c20, { 1: ALL, 2: 1n }).x[0]).toBe(ALL);
    expect(run(0x9b420020, { 0: 5n, 1: 1n << 62n, 2: 8n }).x[0]).toBe(2n); // smulh with Ra = x0
  });
  it("UMULH: high half of the unsigned product", () => {
    expect(run(0x9bc27c20, { 1: ALL, 2: ALL }).x[0]).toBe(ALL - 1n); // umulh x0, x1, x2
    expect(run(0x9bc27c20, { 1: 1n << 32n, 2: 1n << 32n }).x[0]).toBe(1n);
  });
  it("UNDEFINED: o0 = 1 for the high multiplies, 32-bit long forms, op54 != 00, op31 = 011/100", () => {
    expectUndef(0x9b42fc20); // smulh with o0 = 1
    expectUndef(0x9bc2fc20); // umulh with o0 = 1
    expectUndef(0x1b220c20); // smaddl with sf = 0
    expectUndef(0x1ba20c20); // umaddl with sf = 0
    expectUndef(0xbb020c20); // op54 = 01
    expectUndef(0x9b620c20); // op31 = 011
    expectUndef(0x9b820c20); // op31 = 100
  });
});

describe("A64 encodings of later architectures", () => {
  it("UNDEFINED on the Cortex-A57: RMIF, SETF8/16 (v8.4), CFINV/XAFLAG/AXFLAG (v8.4/8.5)", () => {
    expectUndef(0xba020422); // rmif x1, #4, #2
    expectUndef(0x3a00082d); // setf8 w1
    expectUndef(0x3a00482d); // setf16 w1
    expectUndef(0xd500401f); // cfinv
    expectUndef(0xd500403f); // xaflag
    expectUndef(0xd500405f); // axflag
  });
});
