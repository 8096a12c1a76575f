// AdvSIMD FP precision conversions FCVTL(2), FCVTN(2), FCVTXN(2) and scalar FCVTXN against
// qemu-aarch64 -cpu cortex-a57: half denormals, NaNs and AHP, overflow, round to odd, FZ|DN and
// directed rounding. Expected V0 (over a junk V0) and FPSR flags were recorded from QEMU 7.2.
import { describe, it, expect } from "vitest";
import { runFp, undefined64, JUNK } from "./fp-harness.js";

type Q = [bigint, bigint];
// asm, word, FPCR, V1, expected V0, expected FPSR flags
const CASES: [string, number, number, Q, Q, number][] = [
  ["fcvtl v0.4s, v1.4h", 0x0e217820, 0x0, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0xb87fc0003f800000n, 0x7fc02000ff800000n], 0x1],
  ["fcvtl v0.4s, v1.4h", 0x0e217820, 0x4000000, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0xb87fc0003f800000n, 0x47802000c7800000n], 0x0],
  ["fcvtl v0.4s, v1.4h", 0x0e217820, 0x3000000, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0xb87fc0003f800000n, 0x7fc00000ff800000n], 0x1],
  ["fcvtl2 v0.4s, v1.8h", 0x4e217820, 0x0, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0x477fe000c0000000n, 0x7fc0000033800000n], 0x0],
  ["fcvtl2 v0.4s, v1.8h", 0x4e217820, 0x4000000, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0x477fe000c0000000n, 0x47c0000033800000n], 0x0],
  ["fcvtl2 v0.4s, v1.8h", 0x4e217820, 0x3000000, [0x7c01fc0083ff3c00n, 0x7e0000017bffc000n], [0x477fe000c0000000n, 0x7fc0000033800000n], 0x0],
  ["fcvtl v0.2d, v1.2s", 0x0e617820, 0x0, [0x7f80000200000001n, 0x478000003f800001n], [0x36a0000000000000n, 0x7ff8000040000000n], 0x1],
  ["fcvtl v0.2d, v1.2s", 0x0e617820, 0x3000000, [0x7f80000200000001n, 0x478000003f800001n], [0x0n, 0x7ff8000000000000n], 0x81],
  ["fcvtl2 v0.2d, v1.4s", 0x4e617820, 0x0, [0x7f80000200000001n, 0x478000003f800001n], [0x3ff0000020000000n, 0x40f0000000000000n], 0x0],
  ["fcvtl2 v0.2d, v1.4s", 0x4e617820, 0x3000000, [0x7f80000200000001n, 0x478000003f800001n], [0x3ff0000020000000n, 0x40f0000000000000n], 0x0],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x0, [0x7f80000200000001n, 0x478000003f800001n], [0x7c003c007e000000n, 0x0n], 0x1d],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x4000000, [0x7f80000200000001n, 0x478000003f800001n], [0x7c003c0000000000n, 0x0n], 0x19],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x3c00000, [0x7f80000200000001n, 0x478000003f800001n], [0x7bff3c007e000000n, 0x0n], 0x95],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x0, [0x477ff00033000001n, 0x80000000387fc000n], [0x800003ff7c000001n, 0x0n], 0x1c],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x4000000, [0x477ff00033000001n, 0x80000000387fc000n], [0x800003ff7c000001n, 0x0n], 0x18],
  ["fcvtn v0.4h, v1.4s", 0x0e216820, 0x3c00000, [0x477ff00033000001n, 0x80000000387fc000n], [0x800003ff7bff0000n, 0x0n], 0x18],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x0, [0x7f80000200000001n, 0x478000003f800001n], [0xa5a5a5a5a5a5a5a5n, 0x7c003c007e000000n], 0x1d],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x4000000, [0x7f80000200000001n, 0x478000003f800001n], [0xa5a5a5a5a5a5a5a5n, 0x7c003c0000000000n], 0x19],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x3c00000, [0x7f80000200000001n, 0x478000003f800001n], [0xa5a5a5a5a5a5a5a5n, 0x7bff3c007e000000n], 0x95],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x0, [0x477ff00033000001n, 0x80000000387fc000n], [0xa5a5a5a5a5a5a5a5n, 0x800003ff7c000001n], 0x1c],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x4000000, [0x477ff00033000001n, 0x80000000387fc000n], [0xa5a5a5a5a5a5a5a5n, 0x800003ff7c000001n], 0x18],
  ["fcvtn2 v0.8h, v1.4s", 0x4e216820, 0x3c00000, [0x477ff00033000001n, 0x80000000387fc000n], [0xa5a5a5a5a5a5a5a5n, 0x800003ff7bff0000n], 0x18],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x0, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f8000003f800000n, 0x0n], 0x14],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x3000000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f8000003f800000n, 0x0n], 0x14],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x400000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f8000003f800001n, 0x0n], 0x14],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x0, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000000n, 0x0n], 0x19],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x3000000, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000000n, 0x0n], 0x81],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x400000, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000001n, 0x0n], 0x19],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x0, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000001n, 0x0n], 0x18],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x3000000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000000n, 0x0n], 0x18],
  ["fcvtn v0.2s, v1.2d", 0x0e616820, 0x400000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000002n, 0x0n], 0x18],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x0, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f8000003f800000n], 0x14],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x3000000, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f8000003f800000n], 0x14],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x400000, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f8000003f800001n], 0x14],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x0, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000000n], 0x19],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x3000000, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000000n], 0x81],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x400000, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000001n], 0x19],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x0, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000001n], 0x18],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x3000000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000000n], 0x18],
  ["fcvtn2 v0.4s, v1.2d", 0x4e616820, 0x400000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000002n], 0x18],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x0, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f7fffff3f800001n, 0x0n], 0x14],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x3000000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f7fffff3f800001n, 0x0n], 0x14],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x400000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x7f7fffff3f800001n, 0x0n], 0x14],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x0, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000001n, 0x0n], 0x19],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x3000000, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000000n, 0x0n], 0x81],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x400000, [0x1n, 0x7ff0000000000001n], [0x7fc0000000000001n, 0x0n], 0x19],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x0, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000001n, 0x0n], 0x18],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x3000000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000000n, 0x0n], 0x18],
  ["fcvtxn v0.2s, v1.2d", 0x2e616820, 0x400000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xff7fffff00000001n, 0x0n], 0x18],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x0, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f7fffff3f800001n], 0x14],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x3000000, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f7fffff3f800001n], 0x14],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x400000, [0x3ff0000000000001n, 0x47f0000000000000n], [0xa5a5a5a5a5a5a5a5n, 0x7f7fffff3f800001n], 0x14],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x0, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000001n], 0x19],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x3000000, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000000n], 0x81],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x400000, [0x1n, 0x7ff0000000000001n], [0xa5a5a5a5a5a5a5a5n, 0x7fc0000000000001n], 0x19],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x0, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000001n], 0x18],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x3000000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000000n], 0x18],
  ["fcvtxn2 v0.4s, v1.2d", 0x6e616820, 0x400000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0xa5a5a5a5a5a5a5a5n, 0xff7fffff00000001n], 0x18],
  ["fcvtxn s0, d1", 0x7e616820, 0x0, [0x3ff0000000000001n, 0x47f0000000000000n], [0x3f800001n, 0x0n], 0x10],
  ["fcvtxn s0, d1", 0x7e616820, 0x3000000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x3f800001n, 0x0n], 0x10],
  ["fcvtxn s0, d1", 0x7e616820, 0x400000, [0x3ff0000000000001n, 0x47f0000000000000n], [0x3f800001n, 0x0n], 0x10],
  ["fcvtxn s0, d1", 0x7e616820, 0x0, [0x1n, 0x7ff0000000000001n], [0x1n, 0x0n], 0x18],
  ["fcvtxn s0, d1", 0x7e616820, 0x3000000, [0x1n, 0x7ff0000000000001n], [0x0n, 0x0n], 0x80],
  ["fcvtxn s0, d1", 0x7e616820, 0x400000, [0x1n, 0x7ff0000000000001n], [0x1n, 0x0n], 0x18],
  ["fcvtxn s0, d1", 0x7e616820, 0x0, [0x36a0000000000001n, 0xc7efffffefffffffn], [0x1n, 0x0n], 0x18],
  ["fcvtxn s0, d1", 0x7e616820, 0x3000000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0x0n, 0x0n], 0x8],
  ["fcvtxn s0, d1", 0x7e616820, 0x400000, [0x36a0000000000001n, 0xc7efffffefffffffn], [0x1n, 0x0n], 0x18],
];

describe("A64 AdvSIMD FP precision conversions against QEMU", () => {
  const byRow = new Map<string, typeof CASES>();
  for (const c of CASES) {
    const [mn, first] = c[0].split(/[ ,]+/);
    const key = `${mn} ${first.includes(".") ? "vector" : "scalar"}`;
    byRow.set(key, [...(byRow.get(key) ?? []), c]);
  }
  for (const [key, cases] of byRow) {
    it(key, () => {
      for (const [asm, word, fpcr, v1, want, flags] of cases) {
        const r = runFp([word], { v: { 0: [JUNK, JUNK], 1: v1 }, fpcr });
        expect([r.q(0), r.fpsr], `${asm} fpcr=${fpcr.toString(16)}`).toEqual([want, flags]);
      }
    });
  }

  it("FCVTXN with sz = 0 is reserved", () => {
    expect(undefined64(runFp([0x2e216820]))).toBe(true); // fcvtxn, sz = 0
    expect(undefined64(runFp([0x7e216820]))).toBe(true); // scalar fcvtxn, sz = 0
  });
});
