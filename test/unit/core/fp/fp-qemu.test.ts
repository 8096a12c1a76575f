// core/fp against QEMU 7.2: vectors recorded by gen/fpvec.c (qemu-arm -cpu cortex-a15) and
// gen/fp16d.c (half<->double, -cpu max); regenerate with gen/gen.sh.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { makeHarness } from "../../../helpers/core-harness.js";

const OP_NAMES: Record<number, string> = {
  0: "add32", 1: "sub32", 2: "mul32", 3: "div32", 4: "sqrt32", 5: "muladd32", 6: "cmp32", 7: "cmpe32",
  8: "vmax", 9: "vmin", 10: "vrecpe.f32", 11: "vrsqrte.f32", 12: "vrecps", 13: "vrsqrts", 14: "vrecpe.u32",
  15: "vrsqrte.u32", 16: "add64", 17: "sub64", 18: "mul64", 19: "div64", 20: "sqrt64", 21: "muladd64",
  22: "cmp64", 23: "cmpe64", 24: "f32to64", 25: "f64to32", 26: "f16to32", 27: "f32to16", 28: "f16to64",
  29: "f64to16", 30: "f32tofixed", 31: "f64tofixed", 32: "fixedtof32", 33: "fixedtof64", 34: "vceq",
  35: "vcge", 36: "vcgt", 37: "f32toint", 38: "f64toint", 39: "inttof32", 40: "inttof64",
};

const core = makeHarness(1 << 16).core;
const hex = (x: number) => (x >>> 0).toString(16).padStart(8, "0");

function run(op: number, a: bigint | number, b: bigint | number, c: bigint | number, ctl: number) {
  const A = BigInt(a), B = BigInt(b), C = BigInt(c);
  const lo = core.fpTest(op, Number(A & 0xffffffffn), Number(A >> 32n), Number(B & 0xffffffffn), Number(B >> 32n),
    Number(C & 0xffffffffn), Number(C >> 32n), ctl) >>> 0;
  return { r: (BigInt(core.fpTestHi() >>> 0) << 32n) | BigInt(lo), flags: core.fpTestFlags() >>> 0 };
}

describe("core/fp vs QEMU 7.2 vectors", () => {
  const buf = gunzipSync(readFileSync(fileURLToPath(new URL("./fpvec.bin.gz", import.meta.url))));
  const w = new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const byOp = new Map<number, number[]>();
  for (let i = 0; i < w.length; i += 11) {
    const list = byOp.get(w[i]) ?? [];
    list.push(i);
    byOp.set(w[i], list);
  }
  it("has vectors for every operation", () => {
    expect(w.length / 11).toBeGreaterThan(40000);
    for (const op of Object.keys(OP_NAMES)) expect(byOp.get(Number(op))?.length ?? 0).toBeGreaterThan(100);
  });
  for (const [op, idx] of [...byOp.entries()].sort((x, y) => x[0] - y[0])) {
    it(`${OP_NAMES[op] ?? op}: ${idx.length} vectors bit-exact with result and FPSCR flags`, () => {
      const bad: string[] = [];
      for (const i of idx) {
        const [, ctl, aL, aH, bL, bH, cL, cH, rL, rH, fpscr] = w.subarray(i, i + 11);
        const lo = core.fpTest(op, aL, aH, bL, bH, cL, cH, ctl) >>> 0;
        const hi = core.fpTestHi() >>> 0, fl = core.fpTestFlags() >>> 0;
        if (lo !== rL || hi !== rH || fl !== (fpscr & 0x9f)) {
          bad.push(`ctl ${hex(ctl)} a ${hex(aH)}${hex(aL)} b ${hex(bH)}${hex(bL)} c ${hex(cH)}${hex(cL)}: ` +
            `want ${hex(rH)}${hex(rL)} flags ${hex(fpscr & 0x9f)}, got ${hex(hi)}${hex(lo)} flags ${hex(fl)}`);
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }
});

describe("core/fp directed cases", () => {
  const DN = 1 << 25, FZ = 1 << 24, RM = 2 << 22;
  it("FMA: the addend's NaN wins; Inf*0 with a quiet NaN addend gives the default NaN and IOC", () => {
    expect(run(5, 0x7fc00001, 0x7f800002, 0x3f800000, 0)).toEqual({ r: 0x7fc00002n, flags: 1 }); // sNaN a beats qNaN c
    expect(run(5, 0x7f800003, 0x7f800002, 0x3f800000, 0)).toEqual({ r: 0x7fc00003n, flags: 1 }); // sNaN c first
    expect(run(5, 0x7fc00005, 0x7f800000, 0, 0)).toEqual({ r: 0x7fc00000n, flags: 1 });
    expect(run(5, 0x3f800000, 0x7f800000, 0x80000000, 0)).toEqual({ r: 0x7fc00000n, flags: 1 });
  });
  it("x - x is -0 only when rounding toward minus infinity; sub keeps a NaN's sign", () => {
    expect(run(1, 0x3f800000, 0x3f800000, 0, 0).r).toBe(0n);
    expect(run(1, 0x3f800000, 0x3f800000, 0, RM).r).toBe(0x80000000n);
    expect(run(1, 0, 0xffc00001, 0, 0).r).toBe(0xffc00001n);
  });
  it("FZ flushes denormal inputs (IDC) and tiny results before rounding (UFC, no IXC); DN", () => {
    expect(run(0, 0x00000001, 0x3f800000, 0, FZ)).toEqual({ r: 0x3f800000n, flags: 0x80 });
    expect(run(2, 0x00800000, 0x3f7fffff, 0, FZ)).toEqual({ r: 0n, flags: 0x08 });
    expect(run(2, 0x00800000, 0x3f7fffff, 0, 0)).toEqual({ r: 0x00800000n, flags: 0x18 }); // tiny before rounding
    expect(run(0, 0x7f800001, 0, 0, DN)).toEqual({ r: 0x7fc00000n, flags: 1 });
  });
  it("f64 divide and sqrt round correctly in all modes", () => {
    expect(run(19, 0x3ff0000000000000n, 0x4008000000000000n, 0, 0)).toEqual({ r: 0x3fd5555555555555n, flags: 0x10 });
    expect(run(19, 0x3ff0000000000000n, 0x4008000000000000n, 0, 1 << 22).r).toBe(0x3fd5555555555556n);
    expect(run(20, 0x4000000000000000n, 0, 0, 0)).toEqual({ r: 0x3ff6a09e667f3bcdn, flags: 0x10 });
    expect(run(20, 0xbff0000000000000n, 0, 0, 0)).toEqual({ r: 0x7ff8000000000000n, flags: 1 });
  });
  it("conversions: saturation without IXC, NaN to 0, AHP half precision", () => {
    expect(run(37, 0x4f800000, 1, 0, 0)).toEqual({ r: 0x7fffffffn, flags: 1 });
    expect(run(37, 0x7fc00000, 3, 0, 0)).toEqual({ r: 0n, flags: 1 });
    expect(run(37, 0xbf000000, 2, 0, 0)).toEqual({ r: 0n, flags: 0x10 }); // -0.5 -> unsigned 0, inexact
    expect(run(27, 0x7fc00000, 0, 0, 1 << 26)).toEqual({ r: 0n, flags: 1 });
    expect(run(27, 0x7f800000, 0, 0, 1 << 26)).toEqual({ r: 0x7fffn, flags: 1 });
    expect(run(26, 0x7c00, 0, 0, 1 << 26)).toEqual({ r: 0x47800000n, flags: 0 }); // 65536 in AHP
  });
  it("VRECPE/VRSQRTE estimates", () => {
    const STD = DN | FZ;
    expect(run(10, 0x3f800000, 0, 0, STD).r).toBe(0x3f7f8000n);
    expect(run(11, 0x3f800000, 0, 0, STD).r).toBe(0x3f7f8000n);
    expect(run(14, 0x80000000, 0, 0, STD).r).toBe(0xff800000n);
    expect(run(15, 0x3fffffff, 0, 0, STD).r).toBe(0xffffffffn);
  });
});
