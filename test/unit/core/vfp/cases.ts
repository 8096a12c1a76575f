// VFP instruction cases whose expected results come from QEMU 7.2 (gen-fixtures.ts runs them
// under qemu-arm -cpu cortex-a15 in user mode and writes qemu-fixtures.json).
// Each case starts from a register file filled with interesting values (operand selection bugs
// show up as wrong values), optional overrides, an FPSCR value and r0..r11.
export interface VfpCase {
  name: string;
  asm: string[];
  fpscr?: number;
  s?: Record<number, number>;
  d?: Record<number, bigint>;
  r?: Record<number, number>;
}

const F32 = [
  0x3fc00000, 0xc0100000, 0x7f800000, 0xff800000, 0x00000000, 0x80000000, 0x7fc00001, 0x7f800005,
  0x00000123, 0x7f7fffff, 0x3eaaaaab, 0x4f000000, 0xcf000001, 0x3f800001, 0x40490fdb, 0x00800000,
  0x3f000000, 0x41200000, 0xc1200000, 0x4b000001, 0xbf7fffff,
];
const F64 = [
  0x3ff8000000000000n, 0xc002000000000000n, 0x7ff0000000000000n, 0x7ff8000000000001n,
  0x7ff0000000000005n, 0x0000000000000123n, 0x400921fb54442d18n, 0x3fd5555555555555n,
  0x41e0000000000000n, 0xc1e0000000200000n, 0x7fefffffffffffffn, 0x0010000000000000n,
  0x4024000000000000n, 0xbfe0000000000001n, 0x8000000000000000n, 0x3ff0000000000001n, 0x40f0000100000000n,
];

export function initialD(k: number, c: VfpCase): bigint[] {
  const d: bigint[] = [];
  for (let i = 0; i < 16; i++) {
    const lo = F32[(2 * i + k) % F32.length], hi = F32[(2 * i + 1 + 3 * k) % F32.length];
    d.push((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }
  for (let i = 16; i < 32; i++) d.push(F64[(i + k) % F64.length]);
  for (const [n, v] of Object.entries(c.s ?? {})) {
    const i = Number(n) >> 1, hiWord = Number(n) & 1;
    const mask = hiWord ? 0xffffffffn : 0xffffffff00000000n;
    d[i] = (d[i] & mask) | (BigInt(v >>> 0) << (hiWord ? 32n : 0n));
  }
  for (const [n, v] of Object.entries(c.d ?? {})) d[Number(n)] = BigInt.asUintN(64, v);
  return d;
}

export function initialR(k: number, c: VfpCase): number[] {
  const r: number[] = [];
  for (let i = 0; i < 12; i++) r.push((0x9e3779b9 * (i + 1) + k * 0x1234567) >>> 0);
  for (const [n, v] of Object.entries(c.r ?? {})) r[Number(n)] = v >>> 0;
  return r;
}

const RN = 0, RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22, FZ = 1 << 24, DN = 1 << 25, AHP = 1 << 26;
const SNAN = 0x7f800005, QNAN = 0x7fc00001, DENORM = 0x00000123;

export const CASES: VfpCase[] = [
  // ---- three-operand arithmetic, operands spread over the register file ----
  { name: "vadd.f32", asm: ["vadd.f32 s0, s31, s17"] },
  { name: "vadd.f32 high regs", asm: ["vadd.f32 s29, s3, s30"], s: { 3: 0x3fc00000, 30: 0x40490fdb } },
  { name: "vadd.f64", asm: ["vadd.f64 d16, d31, d2"] },
  { name: "vsub.f32 inexact", asm: ["vsub.f32 s1, s2, s3"], s: { 2: 0x3eaaaaab, 3: 0x4b000001 } },
  { name: "vsub.f64", asm: ["vsub.f64 d31, d30, d29"], d: { 30: 0x400921fb54442d18n, 29: 0x3fd5555555555555n } },
  { name: "vmul.f32 overflow", asm: ["vmul.f32 s4, s5, s6"], s: { 5: 0x7f7fffff, 6: 0x41200000 } },
  { name: "vmul.f64 underflow", asm: ["vmul.f64 d3, d20, d21"], d: { 20: 0x0010000000000000n, 21: 0x3fd5555555555555n } },
  { name: "vnmul.f32", asm: ["vnmul.f32 s7, s8, s9"], s: { 8: 0x3fc00000, 9: 0xc0100000 } },
  { name: "vnmul.f64 NaN sign", asm: ["vnmul.f64 d5, d6, d7"], d: { 6: 0x7ff8000000000001n, 7: 0x3ff0000000000000n } },
  { name: "vdiv.f32 by zero", asm: ["vdiv.f32 s10, s11, s12"], s: { 11: 0x3fc00000, 12: 0x80000000 } },
  { name: "vdiv.f64", asm: ["vdiv.f64 d24, d25, d26"], d: { 25: 0x3ff0000000000000n, 26: 0x4008000000000000n } },
  { name: "vdiv.f32 0/0", asm: ["vdiv.f32 s10, s11, s12"], s: { 11: 0, 12: 0 } },
  { name: "vmla.f32", asm: ["vmla.f32 s13, s14, s15"], s: { 13: 0x3f800000, 14: 0x3eaaaaab, 15: 0x40400000 } },
  { name: "vmla.f64", asm: ["vmla.f64 d16, d17, d18"] },
  { name: "vmls.f32", asm: ["vmls.f32 s16, s17, s18"], s: { 16: 0x3f800000, 17: 0x3eaaaaab, 18: 0x40400000 } },
  { name: "vmls.f64", asm: ["vmls.f64 d19, d20, d21"] },
  { name: "vnmla.f32", asm: ["vnmla.f32 s19, s20, s21"], s: { 19: 0x3f800000, 20: 0x40000000, 21: 0x40400000 } },
  { name: "vnmla.f64", asm: ["vnmla.f64 d22, d23, d24"] },
  { name: "vnmls.f32", asm: ["vnmls.f32 s22, s23, s24"], s: { 22: 0x3f800000, 23: 0x40000000, 24: 0x40400000 } },
  { name: "vnmls.f64", asm: ["vnmls.f64 d25, d26, d27"] },
  { name: "vmla.f32 NaN acc", asm: ["vmla.f32 s0, s1, s2"], s: { 0: QNAN, 1: SNAN, 2: 0x3f800000 } },
  { name: "vnmla.f32 NaN acc", asm: ["vnmla.f32 s0, s1, s2"], s: { 0: QNAN, 1: 0x3f800000, 2: 0x3f800000 } },
  { name: "vfma.f32", asm: ["vfma.f32 s0, s1, s2"], s: { 0: 0xbf800000, 1: 0x3f800001, 2: 0x3f7ffffe } },
  { name: "vfma.f64", asm: ["vfma.f64 d28, d29, d30"] },
  { name: "vfms.f32", asm: ["vfms.f32 s3, s4, s5"], s: { 3: 0x3f800000, 4: 0x3eaaaaab, 5: 0x40400000 } },
  { name: "vfms.f64", asm: ["vfms.f64 d0, d31, d17"] },
  { name: "vfnma.f32", asm: ["vfnma.f32 s6, s7, s8"], s: { 6: 0x3f800000, 7: 0x3eaaaaab, 8: 0x40400000 } },
  { name: "vfnma.f64", asm: ["vfnma.f64 d1, d18, d19"] },
  { name: "vfnms.f32", asm: ["vfnms.f32 s9, s10, s11"], s: { 9: 0x3f800000, 10: 0x3eaaaaab, 11: 0x40400000 } },
  { name: "vfnms.f64 NaN", asm: ["vfnms.f64 d2, d20, d21"], d: { 2: 0x7ff8000000000001n, 20: 0x7ff8000000000002n } },

  // ---- FPSCR controls reaching the library, flags accumulating ----
  { name: "vadd sNaN+qNaN", asm: ["vadd.f32 s0, s1, s2"], s: { 1: QNAN, 2: SNAN } },
  { name: "vadd DN", asm: ["vadd.f32 s0, s1, s2"], s: { 1: QNAN, 2: 0x3f800000 }, fpscr: DN },
  { name: "vadd FZ denormal", asm: ["vadd.f32 s0, s1, s2"], s: { 1: DENORM, 2: DENORM }, fpscr: FZ },
  { name: "vadd no FZ denormal", asm: ["vadd.f32 s0, s1, s2"], s: { 1: DENORM, 2: DENORM } },
  { name: "vmul RP", asm: ["vmul.f32 s0, s1, s2"], s: { 1: 0x3eaaaaab, 2: 0x3eaaaaab }, fpscr: RP },
  { name: "vmul RM", asm: ["vmul.f32 s0, s1, s2"], s: { 1: 0x3eaaaaab, 2: 0xbeaaaaab }, fpscr: RM },
  { name: "vmul RZ", asm: ["vmul.f64 d0, d1, d2"], d: { 1: 0x3fd5555555555555n, 2: 0x3fd5555555555555n }, fpscr: RZ },
  { name: "flags accumulate", asm: ["vdiv.f32 s0, s1, s2", "vadd.f32 s3, s4, s5"], s: { 1: 0x3f800000, 2: 0, 4: 0x3eaaaaab, 5: 0x4b000001 }, fpscr: 0x80000008 },
  { name: "vsqrt.f32", asm: ["vsqrt.f32 s0, s1"], s: { 1: 0x40000000 } },
  { name: "vsqrt.f64 negative", asm: ["vsqrt.f64 d16, d17"], d: { 17: 0xc000000000000000n } },
  { name: "vsqrt.f32 negative DN", asm: ["vsqrt.f32 s2, s3"], s: { 3: 0xc0000000 }, fpscr: DN | RZ },

  // ---- bit operations: no flags, NaNs untouched ----
  { name: "vabs/vneg sNaN", asm: ["vabs.f32 s0, s1", "vneg.f32 s2, s3", "vneg.f64 d16, d17", "vabs.f64 d18, d19"], s: { 1: 0xff800005, 3: SNAN }, d: { 17: 0x7ff0000000000005n, 19: 0xfff0000000000005n } },
  { name: "vmov reg", asm: ["vmov.f32 s5, s30", "vmov.f64 d31, d3", "vmov.f64 d4, d22"] },
  { name: "vmov imm", asm: ["vmov.f32 s3, #-1.5", "vmov.f64 d20, #0.125", "vmov.f32 s31, #31.0", "vmov.f64 d2, #-0.1875"] },

  // ---- compare ----
  { name: "vcmp.f32 lt", asm: ["vcmp.f32 s0, s1", "vmrs APSR_nzcv, fpscr"], s: { 0: 0x3f800000, 1: 0x40000000 } },
  { name: "vcmp.f32 eq", asm: ["vcmp.f32 s0, s1", "vmrs APSR_nzcv, fpscr"], s: { 0: 0x80000000, 1: 0 } },
  { name: "vcmp.f64 gt", asm: ["vcmp.f64 d16, d17", "vmrs APSR_nzcv, fpscr"], d: { 16: 0x4000000000000000n, 17: 0x3ff0000000000000n } },
  { name: "vcmp.f32 qNaN quiet", asm: ["vcmp.f32 s0, s1", "vmrs APSR_nzcv, fpscr"], s: { 0: QNAN, 1: 0 } },
  { name: "vcmpe.f32 qNaN", asm: ["vcmpe.f32 s0, s1", "vmrs APSR_nzcv, fpscr"], s: { 0: QNAN, 1: 0 } },
  { name: "vcmp.f64 sNaN", asm: ["vcmp.f64 d30, d31"], d: { 30: 0x3ff0000000000000n, 31: 0x7ff0000000000005n } },
  { name: "vcmp.f32 #0", asm: ["vcmp.f32 s7, #0", "vmrs APSR_nzcv, fpscr"], s: { 7: 0xbf800000 } },
  { name: "vcmpe.f64 #0", asm: ["vcmpe.f64 d23, #0", "vmrs APSR_nzcv, fpscr"], d: { 23: 0n } },
  { name: "vmrs r, fpscr after cmp", asm: ["vcmp.f32 s0, s1", "vmrs r3, fpscr"], s: { 0: 0x40000000, 1: 0x3f800000 }, fpscr: 0x03c00010 },

  // ---- conversions ----
  { name: "vcvt.f64.f32", asm: ["vcvt.f64.f32 d16, s3"], s: { 3: 0x40490fdb } },
  { name: "vcvt.f64.f32 sNaN", asm: ["vcvt.f64.f32 d31, s30"], s: { 30: SNAN } },
  { name: "vcvt.f32.f64 overflow", asm: ["vcvt.f32.f64 s5, d17"], d: { 17: 0x7fefffffffffffffn } },
  { name: "vcvt.f32.f64 inexact", asm: ["vcvt.f32.f64 s31, d30"], d: { 30: 0x400921fb54442d18n } },
  { name: "vcvt.s32.f32", asm: ["vcvt.s32.f32 s0, s1", "vcvt.s32.f32 s2, s3", "vcvt.u32.f32 s4, s5"], s: { 1: 0xc0200000, 3: 0x4f800000, 5: 0xbf800000 } },
  { name: "vcvtr.s32.f32 RN", asm: ["vcvtr.s32.f32 s0, s1", "vcvtr.u32.f32 s2, s3"], s: { 1: 0x40200000, 3: 0x40600000 } },
  { name: "vcvtr.s32.f64 RM", asm: ["vcvtr.s32.f64 s0, d16", "vcvt.u32.f64 s1, d17"], d: { 16: 0xc004000000000000n, 17: 0x41f0000000000000n }, fpscr: RM },
  { name: "vcvt.s32.f64 NaN", asm: ["vcvt.s32.f64 s6, d18"], d: { 18: 0x7ff8000000000001n } },
  { name: "vcvt.f32.s32/u32", asm: ["vcvt.f32.s32 s0, s1", "vcvt.f32.u32 s2, s3"], s: { 1: 0x80000001, 3: 0xffffffff } },
  { name: "vcvt.f64.s32/u32", asm: ["vcvt.f64.s32 d16, s1", "vcvt.f64.u32 d17, s3"], s: { 1: 0x80000001, 3: 0xffffffff } },
  { name: "vcvt.f32.s32 RZ", asm: ["vcvt.f32.s32 s0, s1"], s: { 1: 0x7fffffff }, fpscr: RZ },
  { name: "vcvt fixed s32.f32", asm: ["vcvt.s32.f32 s0, s0, #16", "vcvt.u32.f32 s1, s1, #1"], s: { 0: 0x3fc00001, 1: 0x4f800000 } },
  { name: "vcvt fixed s16.f32", asm: ["vcvt.s16.f32 s2, s2, #4", "vcvt.u16.f32 s3, s3, #8"], s: { 2: 0xc2000000, 3: 0x437f0000 } },
  { name: "vcvt fixed f32.s32 RN under RZ", asm: ["vcvt.f32.s32 s4, s4, #1", "vcvt.f32.u16 s5, s5, #8"], s: { 4: 0x01000003, 5: 0xabcd8001 }, fpscr: RZ },
  { name: "vcvt fixed f32.s16", asm: ["vcvt.f32.s16 s6, s6, #2"], s: { 6: 0x1234fffe } },
  { name: "vcvt fixed f64", asm: ["vcvt.s32.f64 d16, d16, #3", "vcvt.s16.f64 d17, d17, #4", "vcvt.u32.f64 d18, d18, #32"], d: { 16: 0xc004000000000000n, 17: 0xc000000000000000n, 18: 0x3fe0000000000000n } },
  { name: "vcvt fixed f64 from", asm: ["vcvt.f64.s32 d19, d19, #1", "vcvt.f64.u16 d20, d20, #16"], d: { 19: 0xffffffff80000001n, 20: 0x123456789abcdef0n }, fpscr: RM },
  { name: "vcvtb/t.f32.f16", asm: ["vcvtb.f32.f16 s0, s2", "vcvtt.f32.f16 s1, s2"], s: { 2: 0x7c013c00 } },
  { name: "vcvtb/t.f16.f32", asm: ["vcvtb.f16.f32 s4, s6", "vcvtt.f16.f32 s5, s7"], s: { 4: 0x11112222, 5: 0x33334444, 6: 0x477fe000, 7: 0x33800000 } },
  { name: "vcvtt.f16.f32 AHP", asm: ["vcvtt.f16.f32 s8, s9", "vcvtb.f32.f16 s10, s11"], s: { 9: 0x7f800000, 11: 0x00007c00 }, fpscr: AHP },
  { name: "vcvtb.f16.f32 NaN", asm: ["vcvtb.f16.f32 s12, s13"], s: { 12: 0xffffffff, 13: SNAN } },

  // ---- transfers ----
  { name: "vmov core<->s", asm: ["vmov r0, s5", "vmov s7, r3", "vmov r11, s31"] },
  { name: "vmov core<->d", asm: ["vmov r0, r1, d20", "vmov d21, r2, r3", "vmov r4, r5, d3", "vmov d15, r6, r7"] },
  { name: "vmov core<->2s", asm: ["vmov r4, r5, s30, s31", "vmov s1, s2, r6, r7"] },
  { name: "vmov scalar to core", asm: ["vmov.s8 r0, d17[5]", "vmov.u8 r1, d17[7]", "vmov.s16 r2, d18[3]", "vmov.u16 r3, d18[1]", "vmov.32 r4, d19[1]", "vmov.32 r5, d3[0]"], d: { 17: 0x80ff7f0102030405n, 18: 0x8001ffff7fff0102n } },
  { name: "vmov core to scalar", asm: ["vmov.8 d20[6], r3", "vmov.16 d21[1], r4", "vmov.32 d22[0], r5", "vmov.32 d1[1], r6", "vmov.8 d2[0], r7"] },
  { name: "vdup core", asm: ["vdup.8 q8, r1", "vdup.16 d18, r2", "vdup.32 q15, r3"] },
  { name: "vmsr/vmrs fpscr mask", asm: ["vmsr fpscr, r0", "vmrs r1, fpscr", "vmsr fpscr, r2", "vmrs r3, fpscr"], r: { 0: 0xffffffff, 2: 0 } },
  { name: "vmrs APSR_nzcv", asm: ["vmrs APSR_nzcv, fpscr"], fpscr: 0xa0000000 },
];
