// VFP compare and conversions (ARM ARM A8.8.292 VCMP, A8.8.305-310 VCVT, VCVTR, VCVTB/VCVTT),
// QEMU 7.2 semantics. None of these look at FPSCR.Len/Stride (QEMU does not check them here).
import { fpAccessOk } from "../fp-access";
import {
  fpCompare32, fpCompare64, fp32To64, fp64To32, fp16To32, fp32To16,
  fp32ToInt32, fp64ToInt32, intToFp32, intToFp64, fp32ToFixed, fp64ToFixed, fixedToFp32, fixedToFp64,
} from "../../fp/ops";
import {
  sGet, sSet, dGet, dSet, hAddr, sD, sM, dD, dM, fpscrGet, fpscrSet, vfpBegin, vfpBeginRN, vfpEnd,
} from "./regs";

/** FPSCR.NZCV := compare result, then the exception flags. */
@inline function setCompare(nzcv: u32): void {
  fpscrSet((fpscrGet() & 0x0fffffff) | (nzcv & 0xf0000000));
  vfpEnd();
}

/** VCMP{E} Sd, Sm / Sd, #0.0: z (bit 16) compares with +0 and needs Vm = 0; e (bit 7) = VCMPE. */
export function VCMP_sp(i: u32): bool {
  const z = (i & 0x10000) != 0;
  if (z && sM(i) != 0) return false;
  if (!fpAccessOk()) return false;
  const a = sGet(sD(i)), b = z ? 0 : sGet(sM(i));
  vfpBegin();
  setCompare(fpCompare32(a, b, (i & 0x80) != 0));
  return true;
}
export function VCMP_dp(i: u32): bool {
  const z = (i & 0x10000) != 0;
  if (z && dM(i) != 0) return false;
  if (!fpAccessOk()) return false;
  const a = dGet(dD(i)), b: u64 = z ? 0 : dGet(dM(i));
  vfpBegin();
  setCompare(fpCompare64(a, b, (i & 0x80) != 0));
  return true;
}

@inline function ahp(): bool { return (fpscrGet() & 0x04000000) != 0; }

/** VCVTB/VCVTT.F32.F16 Sd, Sm: t (bit 7) picks the top half of Sm. */
export function VCVT_f32_f16(i: u32): bool {
  if (!fpAccessOk()) return false;
  const h = <u32>load<u16>(hAddr(sM(i), (i & 0x80) != 0));
  vfpBegin();
  sSet(sD(i), fp16To32(h, ahp()));
  vfpEnd();
  return true;
}

/** VCVTB/VCVTT.F16.F32 Sd, Sm: writes only the chosen half of Sd. */
export function VCVT_f16_f32(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  store<u16>(hAddr(sD(i), (i & 0x80) != 0), <u16>fp32To16(a, ahp()));
  vfpEnd();
  return true;
}

/** VCVT.F64.F32 Dd, Sm. */
export function VCVT_sp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  dSet(dD(i), fp32To64(a));
  vfpEnd();
  return true;
}

/** VCVT.F32.F64 Sd, Dm. */
export function VCVT_dp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = dGet(dM(i));
  vfpBegin();
  sSet(sD(i), fp64To32(a));
  vfpEnd();
  return true;
}

/** VCVT.F32.{S,U}32 Sd, Sm (s = bit 7: signed), FPSCR rounding. */
export function VCVT_int_sp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  sSet(sD(i), intToFp32(a, (i & 0x80) != 0));
  vfpEnd();
  return true;
}
export function VCVT_int_dp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  dSet(dD(i), intToFp64(a, (i & 0x80) != 0));
  vfpEnd();
  return true;
}

/** VCVT{R}.{S,U}32.F32 Sd, Sm: s = bit 16 (signed), r = bit 7 (round toward zero, else FPSCR). */
export function VCVT_sp_int(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  sSet(sD(i), fp32ToInt32(a, (i & 0x10000) != 0, (i & 0x80) != 0));
  vfpEnd();
  return true;
}
export function VCVT_dp_int(i: u32): bool {
  if (!fpAccessOk()) return false;
  const a = dGet(dM(i));
  vfpBegin();
  sSet(sD(i), fp64ToInt32(a, (i & 0x10000) != 0, (i & 0x80) != 0));
  vfpEnd();
  return true;
}

// ---- fixed point, in place in Vd: o (bit 18) = to fixed, u (bit 16) = unsigned,
// x (bit 7) = 32-bit (else 16-bit); fraction bits = size - imm4:i. To fixed rounds toward zero,
// from fixed to nearest whatever FPSCR.RMode says (FixedToFP with round_to_nearest, as QEMU).
// imm > 16 with a 16-bit size (UNPREDICTABLE) gives negative fraction bits: QEMU scales anyway.
@inline function fixSize(i: u32): i32 { return (i & 0x80) != 0 ? 32 : 16; }
@inline function fixFrac(i: u32): i32 { return fixSize(i) - <i32>sM(i); }

export function VCVT_fix_sp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const d = sD(i), v = sGet(d), signed = (i & 0x10000) == 0, size = fixSize(i), frac = fixFrac(i);
  if ((i & 0x40000) != 0) {
    vfpBegin();
    sSet(d, fp32ToFixed(v, frac, signed, true, size));
  } else {
    vfpBeginRN();
    sSet(d, fixedToFp32(v, frac, signed, size));
  }
  vfpEnd();
  return true;
}

export function VCVT_fix_dp(i: u32): bool {
  if (!fpAccessOk()) return false;
  const d = dD(i), v = dGet(d), signed = (i & 0x10000) == 0, size = fixSize(i), frac = fixFrac(i);
  if ((i & 0x40000) != 0) {
    vfpBegin();
    const r = fp64ToFixed(v, frac, signed, true, size);
    // The 64-bit register gets the result extended as QEMU's helpers return it.
    dSet(d, signed ? <u64><i64><i32>r : <u64>r);
  } else {
    vfpBeginRN();
    dSet(d, fixedToFp64(<u32>v, frac, signed, size));
  }
  vfpEnd();
  return true;
}
