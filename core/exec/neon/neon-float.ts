// Advanced SIMD floating point (.F32): three-same arithmetic and compares, by-scalar
// multiplies, estimates, conversions. All run with the Standard FPSCR value (round to nearest,
// flush-to-zero, default NaN); their exception flags still accumulate into FPSCR, as in QEMU.
import { fpAccessOk } from "../fp-access";
import { fpBegin, fpFlags, fpRaise, FPSCR_STANDARD, FP_IDC } from "../../fp/fpst";
import {
  fpAdd32, fpSub32, fpMul32, fpDiv32, fpMulAdd32, fpCompare32, fpMax32, fpMin32,
  fpRecipEstimate32, fpRSqrtEstimate32, fpURecipEstimate32, fpURSqrtEstimate32,
  fp16To32, fp32To16, fp32ToInt32, intToFp32, fp32ToFixed, fixedToFp32,
} from "../../fp/ops";
import {
  vD, vN, vM, qBit, qRegsOk, eld, est, loadVec, storeVec, SCR_N, SCR_M, SCR_D, fpscrGet, fpscrSet,
} from "./common";
import { miscSize, miscRegsOk } from "./neon-misc";

@inline function begin(): void { fpBegin(FPSCR_STANDARD); }
@inline function finish(): void { fpscrSet(fpscrGet() | fpFlags); }

// ---- three registers of the same length ----
const F_ADD: u32 = 0, F_SUB: u32 = 1, F_ABD: u32 = 2, F_MLA: u32 = 3, F_MLS: u32 = 4, F_MUL: u32 = 5,
  F_CEQ: u32 = 6, F_CGE: u32 = 7, F_CGT: u32 = 8, F_ACGE: u32 = 9, F_ACGT: u32 = 10, F_MAX: u32 = 11,
  F_MIN: u32 = 12, F_RECPS: u32 = 13, F_RSQRTS: u32 = 14, F_FMA: u32 = 15, F_FMS: u32 = 16;

/** Flush a denormal input to zero (raising IDC), as QEMU's squash_input_denormal. */
function squash(a: u32): u32 {
  if ((a & 0x7f800000) == 0 && (a & 0x7fffff) != 0) { fpRaise(FP_IDC); return a & 0x80000000; }
  return a;
}
@inline function isInf(a: u32): bool { return (a & 0x7fffffff) == 0x7f800000; }
@inline function isZero(a: u32): bool { return (a & 0x7fffffff) == 0; }

function cmpResult(f: u32, gt: bool): bool {
  // NZCV: 0010 greater, 0110 equal, 1000 less, 0011 unordered
  return gt ? f == 0x20000000 : (f == 0x20000000 || f == 0x60000000);
}

function fop(op: u32, a: u32, b: u32, d: u32): u32 {
  switch (op) {
    case F_ADD: return fpAdd32(a, b);
    case F_SUB: return fpSub32(a, b);
    case F_ABD: return fpSub32(a, b) & 0x7fffffff;
    case F_MLA: return fpAdd32(d, fpMul32(a, b));
    case F_MLS: return fpSub32(d, fpMul32(a, b));
    case F_MUL: return fpMul32(a, b);
    case F_CEQ: return (fpCompare32(a, b, false) & 0x40000000) != 0 ? 0xffffffff : 0;
    case F_CGE: return cmpResult(fpCompare32(a, b, true), false) ? 0xffffffff : 0;
    case F_CGT: return cmpResult(fpCompare32(a, b, true), true) ? 0xffffffff : 0;
    case F_ACGE: return cmpResult(fpCompare32(a & 0x7fffffff, b & 0x7fffffff, true), false) ? 0xffffffff : 0;
    case F_ACGT: return cmpResult(fpCompare32(a & 0x7fffffff, b & 0x7fffffff, true), true) ? 0xffffffff : 0;
    case F_MAX: return fpMax32(a, b);
    case F_MIN: return fpMin32(a, b);
    case F_RECPS: {
      a = squash(a); b = squash(b);
      if ((isInf(a) && isZero(b)) || (isInf(b) && isZero(a))) return 0x40000000; // 2.0
      return fpSub32(0x40000000, fpMul32(a, b));
    }
    case F_RSQRTS: {
      a = squash(a); b = squash(b);
      if ((isInf(a) && isZero(b)) || (isInf(b) && isZero(a))) return 0x3fc00000; // 1.5
      return fpDiv32(fpSub32(0x40400000, fpMul32(a, b)), 0x40000000); // (3 - a*b) / 2
    }
    case F_FMA: return fpMulAdd32(d, a, b);
    case F_FMS: return fpMulAdd32(d, a ^ 0x80000000, b);
  }
  return 0;
}

function same3(insn: u32, op: u32): bool {
  if (!qRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = qBit(insn) + 1;
  loadVec(SCR_N, vN(insn), regs);
  loadVec(SCR_M, vM(insn), regs);
  loadVec(SCR_D, vD(insn), regs);
  begin();
  for (let i: u32 = 0; i < (regs << 1); i++) {
    est(SCR_D, i, 2, fop(op, <u32>eld(SCR_N, i, 2), <u32>eld(SCR_M, i, 2), <u32>eld(SCR_D, i, 2)));
  }
  finish();
  storeVec(vD(insn), SCR_D, regs);
  return true;
}

/** Pairwise (D only): Dd[0] = op(Dn[0], Dn[1]), Dd[1] = op(Dm[0], Dm[1]). */
function pairwise(insn: u32, op: u32): bool {
  if (!fpAccessOk()) return false;
  const n = loadPair(vN(insn));
  const m = loadPair(vM(insn));
  begin();
  const r0 = fop(op, <u32>n, <u32>(n >>> 32), 0);
  const r1 = fop(op, <u32>m, <u32>(m >>> 32), 0);
  finish();
  storeVecWord(vD(insn), (<u64>r1 << 32) | <u64>r0);
  return true;
}
@inline function loadPair(r: u32): u64 { loadVec(SCR_R0, r, 1); return load<u64>(SCR_R0); }
@inline function storeVecWord(r: u32, v: u64): void { store<u64>(SCR_R0, v); storeVec(r, SCR_R0, 1); }
const SCR_R0: usize = memory.data(8, 8);

export function VADD_fp(insn: u32): bool { return same3(insn, F_ADD); }
export function VSUB_fp(insn: u32): bool { return same3(insn, F_SUB); }
export function VABD_fp(insn: u32): bool { return same3(insn, F_ABD); }
export function VMLA_fp(insn: u32): bool { return same3(insn, F_MLA); }
export function VMLS_fp(insn: u32): bool { return same3(insn, F_MLS); }
export function VMUL_fp(insn: u32): bool { return same3(insn, F_MUL); }
export function VCEQ_fp(insn: u32): bool { return same3(insn, F_CEQ); }
export function VCGE_fp(insn: u32): bool { return same3(insn, F_CGE); }
export function VCGT_fp(insn: u32): bool { return same3(insn, F_CGT); }
export function VACGE_fp(insn: u32): bool { return same3(insn, F_ACGE); }
export function VACGT_fp(insn: u32): bool { return same3(insn, F_ACGT); }
export function VMAX_fp(insn: u32): bool { return same3(insn, F_MAX); }
export function VMIN_fp(insn: u32): bool { return same3(insn, F_MIN); }
export function VRECPS_fp(insn: u32): bool { return same3(insn, F_RECPS); }
export function VRSQRTS_fp(insn: u32): bool { return same3(insn, F_RSQRTS); }
export function VFMA_fp(insn: u32): bool { return same3(insn, F_FMA); }
export function VFMS_fp(insn: u32): bool { return same3(insn, F_FMS); }
export function VPADD_fp(insn: u32): bool { return pairwise(insn, F_ADD); }
export function VPMAX_fp(insn: u32): bool { return pairwise(insn, F_MAX); }
export function VPMIN_fp(insn: u32): bool { return pairwise(insn, F_MIN); }

// ---- by scalar: Vd = Vd op Vn * Dm[x] (Vm = bits 3..0, x = bit 5) ----
function byScalar(insn: u32, op: u32): bool {
  const q = (insn >>> 24) & 1;
  const d = vD(insn), n = vN(insn);
  if (q != 0 && ((d | n) & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  const regs = q + 1;
  const s = <u32>eld(scalarBuf(insn & 0xf), (insn >>> 5) & 1, 2);
  loadVec(SCR_N, n, regs);
  loadVec(SCR_D, d, regs);
  begin();
  for (let i: u32 = 0; i < (regs << 1); i++) {
    est(SCR_D, i, 2, fop(op, <u32>eld(SCR_N, i, 2), s, <u32>eld(SCR_D, i, 2)));
  }
  finish();
  storeVec(d, SCR_D, regs);
  return true;
}
@inline function scalarBuf(m: u32): usize { loadVec(SCR_R0, m, 1); return SCR_R0; }
export function VMLA_F_scalar(insn: u32): bool { return byScalar(insn, F_MLA); }
export function VMLS_F_scalar(insn: u32): bool { return byScalar(insn, F_MLS); }
export function VMUL_F_scalar(insn: u32): bool { return byScalar(insn, F_MUL); }

// ---- two registers misc: conversions and estimates ----
/** VCVT.F16.F32 Dd, Qm (AHP from the real FPSCR, the rest Standard). */
export function VCVT_f16_f32(insn: u32): bool {
  const m = vM(insn);
  if (miscSize(insn) != 1 || (m & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  const ahp = (fpscrGet() & (1 << 26)) != 0;
  loadVec(SCR_M, m, 2);
  fpBegin(FPSCR_STANDARD | (fpscrGet() & (1 << 26)));
  for (let i: u32 = 0; i < 4; i++) est(SCR_D, i, 1, fp32To16(<u32>eld(SCR_M, i, 2), ahp));
  finish();
  storeVec(vD(insn), SCR_D, 1);
  return true;
}

/** VCVT.F32.F16 Qd, Dm. */
export function VCVT_f32_f16(insn: u32): bool {
  const d = vD(insn);
  if (miscSize(insn) != 1 || (d & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  const ahp = (fpscrGet() & (1 << 26)) != 0;
  loadVec(SCR_M, vM(insn), 1);
  fpBegin(FPSCR_STANDARD | (fpscrGet() & (1 << 26)));
  for (let i: u32 = 0; i < 4; i++) est(SCR_D, i, 2, fp16To32(<u32>eld(SCR_M, i, 1), ahp));
  finish();
  storeVec(d, SCR_D, 2);
  return true;
}

/** Elementwise 32-bit misc op under the Standard FPSCR. kind: 0 VRECPE, 1 VRSQRTE, 2-5 VCVT (op). */
function misc32(insn: u32, kind: u32): bool {
  if (miscSize(insn) != 2 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = qBit(insn) + 1;
  const f = (insn & 0x100) != 0;
  loadVec(SCR_M, vM(insn), regs);
  begin();
  for (let i: u32 = 0; i < (regs << 1); i++) {
    const a = <u32>eld(SCR_M, i, 2);
    let r: u32;
    if (kind == 0) r = f ? fpRecipEstimate32(a) : fpURecipEstimate32(a);
    else if (kind == 1) r = f ? fpRSqrtEstimate32(a) : fpURSqrtEstimate32(a);
    else {
      const op = (insn >>> 7) & 3; // 00 F32<-S32, 01 F32<-U32, 10 S32<-F32, 11 U32<-F32
      if (op < 2) r = intToFp32(a, op == 0);
      else r = fp32ToInt32(a, op == 2, true);
    }
    est(SCR_D, i, 2, r);
  }
  finish();
  storeVec(vD(insn), SCR_D, regs);
  return true;
}
export function VRECPE(insn: u32): bool { return misc32(insn, 0); }
export function VRSQRTE(insn: u32): bool { return misc32(insn, 1); }
export function VCVT_fi(insn: u32): bool { return misc32(insn, 2); }

/** VCVT between .F32 and 32-bit fixed point, fbits = 64 - imm6 (bit 8: 0 to float, 1 from float). */
export function VCVT_fixed(insn: u32): bool {
  const q = qBit(insn);
  if (((vD(insn) | vM(insn)) & q) != 0) return false;
  if (!fpAccessOk()) return false;
  const fbits = <i32>(64 - ((insn >>> 16) & 0x3f));
  const signed = (insn & (1 << 24)) == 0;
  const toFixed = (insn & 0x100) != 0;
  const regs = q + 1;
  loadVec(SCR_M, vM(insn), regs);
  begin();
  for (let i: u32 = 0; i < (regs << 1); i++) {
    const a = <u32>eld(SCR_M, i, 2);
    est(SCR_D, i, 2, toFixed ? fp32ToFixed(a, fbits, signed, true) : fixedToFp32(a, fbits, signed));
  }
  finish();
  storeVec(vD(insn), SCR_D, regs);
  return true;
}
