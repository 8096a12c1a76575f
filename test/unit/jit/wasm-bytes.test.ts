// ByteWriter: LEB128 against known encodings (the spec's and wat2wasm's), round trips through
// the reader, floats, names, size slots and buffer reuse.
import { describe, it, expect } from "vitest";
import { ByteWriter, u32Size } from "../../../jit/wasm/bytes.js";
import { readS32, readS64, readU32, readU64 } from "../../../jit/wasm/leb-reader.js";

function enc(write: (w: ByteWriter) => void): string {
  const w = new ByteWriter(16);
  write(w);
  return Buffer.from(w.written()).toString("hex");
}

/** Deterministic PRNG (xorshift32) so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

describe("LEB128 known encodings", () => {
  it.each([
    [0, "00"], [63, "3f"], [64, "40"], [127, "7f"], [128, "8001"], [624485, "e58e26"],
    [2 ** 31 - 1, "ffffffff07"], [2 ** 31, "8080808008"], [2 ** 32 - 1, "ffffffff0f"],
  ])("u32 %d → %s", (v, hex) => {
    expect(enc(w => w.u32(v))).toBe(hex);
    expect(u32Size(v)).toBe(hex.length / 2);
  });

  it.each([
    [0, "00"], [63, "3f"], [64, "c000"], [-64, "40"], [-65, "bf7f"], [-1, "7f"], [127, "ff00"],
    [-128, "807f"], [-123456, "c0bb78"], [2 ** 31 - 1, "ffffffff07"], [-(2 ** 31), "8080808078"],
  ])("s32 %d → %s", (v, hex) => {
    expect(enc(w => w.s32(v))).toBe(hex);
  });

  it("s32 takes values modulo 2^32 as i32.const does (0xffffffff is -1)", () => {
    expect(enc(w => w.s32(0xffff_ffff))).toBe("7f");
    expect(enc(w => w.s32(0x8000_0000))).toBe("8080808078");
  });

  it.each([
    [0n, "00"], [-1n, "7f"], [63n, "3f"], [64n, "c000"], [-64n, "40"], [-65n, "bf7f"],
    [2n ** 31n, "8080808008"], [-(2n ** 31n) - 1n, "ffffffff77"], [2n ** 32n, "8080808010"],
    [2n ** 63n - 1n, "ffffffffffffffffff00"], [-(2n ** 63n), "8080808080808080807f"],
    [2n ** 64n - 1n, "7f"], // taken modulo 2^64: all ones is -1
  ])("s64 %s → %s", (v, hex) => {
    expect(enc(w => w.s64(v))).toBe(hex);
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) {
      expect(enc(w => w.s64(Number(v)))).toBe(hex); // the number fast path agrees
    }
  });

  it.each([
    [0n, "00"], [127n, "7f"], [128n, "8001"], [2n ** 32n - 1n, "ffffffff0f"], [2n ** 32n, "8080808010"],
    [2n ** 64n - 1n, "ffffffffffffffffff01"],
  ])("u64 %s → %s", (v, hex) => {
    expect(enc(w => w.u64(v))).toBe(hex);
    if (v <= BigInt(Number.MAX_SAFE_INTEGER)) expect(enc(w => w.u64(Number(v)))).toBe(hex);
  });

  it("refuses numbers that are not safe integers for 64-bit values", () => {
    expect(() => enc(w => w.s64(2 ** 60))).toThrow(/safe integer.*bigint/);
    expect(() => enc(w => w.s64(1.5))).toThrow(RangeError);
    expect(() => enc(w => w.u64(-1))).toThrow(RangeError);
  });
});

describe("LEB128 round trips", () => {
  it("u32 and s32 over edge values and 20,000 random ones", () => {
    const next = rng(12345);
    const values = [0, 1, 63, 64, 127, 128, 8191, 8192, 2 ** 31 - 1, -(2 ** 31), -1, -64, -65];
    for (let i = 0; i < 20_000; i++) values.push(next() | 0, next() >>> (next() & 31));
    const w = new ByteWriter(16);
    for (const v of values) {
      w.reset(); w.u32(v);
      const u = readU32(w.written(), 0);
      expect(u.value).toBe(v >>> 0);
      expect(u.next).toBe(w.pos);
      w.reset(); w.s32(v);
      const s = readS32(w.written(), 0);
      expect(s.value).toBe(v | 0);
      expect(s.next).toBe(w.pos);
    }
  });

  it("s64 and u64: bigint and number paths give the same bytes and decode back", () => {
    const next = rng(777);
    const values: bigint[] = [0n, -1n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
    for (let i = 0; i < 5_000; i++) {
      const hi = BigInt(next() | 0) << BigInt(next() & 31), lo = BigInt(next());
      values.push(BigInt.asIntN(64, (hi << 32n) | lo), BigInt.asIntN(64, hi));
    }
    const w = new ByteWriter(16), w2 = new ByteWriter(16);
    for (const v of values) {
      w.reset(); w.s64(v);
      expect(readS64(w.written(), 0)).toEqual({ value: v, next: w.pos });
      if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) {
        w2.reset(); w2.s64(Number(v));
        expect(w2.written()).toEqual(w.written());
      }
      const u = BigInt.asUintN(64, v);
      w.reset(); w.u64(u);
      expect(readU64(w.written(), 0)).toEqual({ value: u, next: w.pos });
    }
  });

  it("the reader rejects truncated input", () => {
    expect(() => readU32(Uint8Array.of(0x80, 0x80), 0)).toThrow(/truncated/);
    expect(() => readS64(Uint8Array.of(0xff), 0)).toThrow(/truncated/);
  });
});

describe("ByteWriter", () => {
  it("writes little-endian floats", () => {
    expect(enc(w => w.f64(1.5))).toBe("000000000000f83f");
    expect(enc(w => w.f32(-2))).toBe("000000c0");
  });

  it("writes names as length-prefixed UTF-8 (ASCII fast path and multi-byte)", () => {
    expect(enc(w => w.name("env"))).toBe("03656e76");
    expect(enc(w => w.name(""))).toBe("00");
    expect(enc(w => w.name("é€"))).toBe("05c3a9e282ac");
  });

  it("patches a reserved 5-byte size in padded form without moving bytes", () => {
    const w = new ByteWriter(16);
    w.u8(0xaa);
    const at = w.reserveU32();
    w.bytes([1, 2, 3]);
    w.patchU32(at, 3);
    expect(Buffer.from(w.written()).toString("hex")).toBe("aa8380808000010203");
    expect(readU32(w.written(), 1)).toEqual({ value: 3, next: 6 });
  });

  it("endSize writes the size minimally and moves the content down (canonical output)", () => {
    const w = new ByteWriter(16);
    w.u8(0x01);
    let at = w.reserveU32();
    w.bytes([7, 8]);
    expect(w.endSize(at)).toBe(2);
    expect(Buffer.from(w.written()).toString("hex")).toBe("01020708");
    // A size needing 2 bytes, and the padded variant.
    w.reset();
    at = w.reserveU32();
    w.bytes(new Uint8Array(200).fill(9));
    expect(w.endSize(at)).toBe(200);
    expect(w.pos).toBe(202);
    expect([...w.written().subarray(0, 3)]).toEqual([0xc8, 0x01, 9]);
    w.reset();
    at = w.reserveU32();
    w.u8(5);
    w.endSize(at, false);
    expect(Buffer.from(w.written()).toString("hex")).toBe("818080800005");
  });

  it("grows by doubling, keeps content, and reset reuses the storage", () => {
    const w = new ByteWriter(16);
    for (let i = 0; i < 10_000; i++) w.u8(i & 0xff);
    expect(w.pos).toBe(10_000);
    expect(w.written().every((b, i) => b === (i & 0xff))).toBe(true);
    const storage = w.buf;
    w.reset();
    for (let i = 0; i < 10_000; i++) w.u8(0);
    expect(w.buf).toBe(storage); // no reallocation for a second module of the same size
    const copy = w.toBytes();
    w.reset(); w.u8(0x55);
    expect(copy[0]).toBe(0); // toBytes is a copy, untouched by later writes
  });
});
