// VFP arithmetic (ARM ARM A8.8.283 VADD ... A8.8.351 VNMLA), QEMU 7.2 semantics: the
// multiply-accumulate forms round twice (multiply, then add with Vd as the first operand, negations
// being plain sign flips so NaN signs follow), VFMA/VFMS/VFNMA/VFNMS are fused. Short vectors
// (FPSCR.Len/Stride non-zero) are UNDEFINED on the A15. VABS/VNEG/VMOV touch neither flags nor NaNs.
import { fpAccessOk } from "../fp-access";
import {
  fpAdd32, fpSub32, fpMul32, fpDiv32, fpSqrt32, fpMulAdd32,
  fpAdd64, fpSub64, fpMul64, fpDiv64, fpSqrt64, fpMulAdd64,
} from "../../fp/ops";
import { sGet, sSet, dGet, dSet, sD, sN, sM, dD, dN, dM, shortVectors, vfpBegin, vfpEnd } from "./regs";

const S_SIGN: u32 = 0x80000000;
const D_SIGN: u64 = 0x8000000000000000;

const OP_MLA = 0, OP_MLS = 1, OP_NMLS = 2, OP_NMLA = 3, OP_MUL = 4, OP_NMUL = 5, OP_ADD = 6, OP_SUB = 7, OP_DIV = 8;
const OP_FMA = 9, OP_FMS = 10, OP_FNMA = 11, OP_FNMS = 12;

function op3sp(insn: u32, op: i32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const d = sD(insn), n = sN(insn), m = sM(insn);
  const a = sGet(n), b = sGet(m), acc = sGet(d);
  vfpBegin();
  let r: u32;
  switch (op) {
    case OP_MLA: r = fpAdd32(acc, fpMul32(a, b)); break;
    case OP_MLS: r = fpAdd32(acc, fpMul32(a, b) ^ S_SIGN); break;
    case OP_NMLS: { const p = fpMul32(a, b); r = fpAdd32(acc ^ S_SIGN, p); break; }
    case OP_NMLA: { const p = fpMul32(a, b) ^ S_SIGN; r = fpAdd32(acc ^ S_SIGN, p); break; }
    case OP_MUL: r = fpMul32(a, b); break;
    case OP_NMUL: r = fpMul32(a, b) ^ S_SIGN; break;
    case OP_ADD: r = fpAdd32(a, b); break;
    case OP_SUB: r = fpSub32(a, b); break;
    case OP_DIV: r = fpDiv32(a, b); break;
    case OP_FMA: r = fpMulAdd32(acc, a, b); break;
    case OP_FMS: r = fpMulAdd32(acc, a ^ S_SIGN, b); break;
    case OP_FNMA: r = fpMulAdd32(acc ^ S_SIGN, a, b); break;
    default: r = fpMulAdd32(acc ^ S_SIGN, a ^ S_SIGN, b); break; // OP_FNMS
  }
  sSet(d, r);
  vfpEnd();
  return true;
}

function op3dp(insn: u32, op: i32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const d = dD(insn), n = dN(insn), m = dM(insn);
  const a = dGet(n), b = dGet(m), acc = dGet(d);
  vfpBegin();
  let r: u64;
  switch (op) {
    case OP_MLA: r = fpAdd64(acc, fpMul64(a, b)); break;
    case OP_MLS: r = fpAdd64(acc, fpMul64(a, b) ^ D_SIGN); break;
    case OP_NMLS: { const p = fpMul64(a, b); r = fpAdd64(acc ^ D_SIGN, p); break; }
    case OP_NMLA: { const p = fpMul64(a, b) ^ D_SIGN; r = fpAdd64(acc ^ D_SIGN, p); break; }
    case OP_MUL: r = fpMul64(a, b); break;
    case OP_NMUL: r = fpMul64(a, b) ^ D_SIGN; break;
    case OP_ADD: r = fpAdd64(a, b); break;
    case OP_SUB: r = fpSub64(a, b); break;
    case OP_DIV: r = fpDiv64(a, b); break;
    case OP_FMA: r = fpMulAdd64(acc, a, b); break;
    case OP_FMS: r = fpMulAdd64(acc, a ^ D_SIGN, b); break;
    case OP_FNMA: r = fpMulAdd64(acc ^ D_SIGN, a, b); break;
    default: r = fpMulAdd64(acc ^ D_SIGN, a ^ D_SIGN, b); break;
  }
  dSet(d, r);
  vfpEnd();
  return true;
}

export function VMLA_sp(i: u32): bool { return op3sp(i, OP_MLA); }
export function VMLA_dp(i: u32): bool { return op3dp(i, OP_MLA); }
export function VMLS_sp(i: u32): bool { return op3sp(i, OP_MLS); }
export function VMLS_dp(i: u32): bool { return op3dp(i, OP_MLS); }
export function VNMLS_sp(i: u32): bool { return op3sp(i, OP_NMLS); }
export function VNMLS_dp(i: u32): bool { return op3dp(i, OP_NMLS); }
export function VNMLA_sp(i: u32): bool { return op3sp(i, OP_NMLA); }
export function VNMLA_dp(i: u32): bool { return op3dp(i, OP_NMLA); }
export function VMUL_sp(i: u32): bool { return op3sp(i, OP_MUL); }
export function VMUL_dp(i: u32): bool { return op3dp(i, OP_MUL); }
export function VNMUL_sp(i: u32): bool { return op3sp(i, OP_NMUL); }
export function VNMUL_dp(i: u32): bool { return op3dp(i, OP_NMUL); }
export function VADD_sp(i: u32): bool { return op3sp(i, OP_ADD); }
export function VADD_dp(i: u32): bool { return op3dp(i, OP_ADD); }
export function VSUB_sp(i: u32): bool { return op3sp(i, OP_SUB); }
export function VSUB_dp(i: u32): bool { return op3dp(i, OP_SUB); }
export function VDIV_sp(i: u32): bool { return op3sp(i, OP_DIV); }
export function VDIV_dp(i: u32): bool { return op3dp(i, OP_DIV); }
export function VFMA_sp(i: u32): bool { return op3sp(i, OP_FMA); }
export function VFMA_dp(i: u32): bool { return op3dp(i, OP_FMA); }
export function VFMS_sp(i: u32): bool { return op3sp(i, OP_FMS); }
export function VFMS_dp(i: u32): bool { return op3dp(i, OP_FMS); }
export function VFNMA_sp(i: u32): bool { return op3sp(i, OP_FNMA); }
export function VFNMA_dp(i: u32): bool { return op3dp(i, OP_FNMA); }
export function VFNMS_sp(i: u32): bool { return op3sp(i, OP_FNMS); }
export function VFNMS_dp(i: u32): bool { return op3dp(i, OP_FNMS); }

// ---- one-operand forms ----
export function VMOV_reg_sp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  sSet(sD(i), sGet(sM(i)));
  return true;
}
export function VMOV_reg_dp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  dSet(dD(i), dGet(dM(i)));
  return true;
}
export function VABS_sp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  sSet(sD(i), sGet(sM(i)) & ~S_SIGN);
  return true;
}
export function VABS_dp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  dSet(dD(i), dGet(dM(i)) & ~D_SIGN);
  return true;
}
export function VNEG_sp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  sSet(sD(i), sGet(sM(i)) ^ S_SIGN);
  return true;
}
export function VNEG_dp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  dSet(dD(i), dGet(dM(i)) ^ D_SIGN);
  return true;
}
export function VSQRT_sp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const a = sGet(sM(i));
  vfpBegin();
  sSet(sD(i), fpSqrt32(a));
  vfpEnd();
  return true;
}
export function VSQRT_dp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const a = dGet(dM(i));
  vfpBegin();
  dSet(dD(i), fpSqrt64(a));
  vfpEnd();
  return true;
}

// ---- VMOV (immediate): VFPExpandImm of imm4H:imm4L ----
@inline function imm8(i: u32): u32 { return ((i >>> 12) & 0xf0) | (i & 0xf); }

export function VMOV_imm_sp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const v = imm8(i);
  const r = ((v & 0x80) << 24) | ((v & 0x40) != 0 ? 0x3e000000 : 0x40000000) | ((v & 0x3f) << 19);
  sSet(sD(i), r);
  return true;
}
export function VMOV_imm_dp(i: u32): bool {
  if (shortVectors() || !fpAccessOk()) return false;
  const v = imm8(i);
  const hi = ((v & 0x80) << 24) | ((v & 0x40) != 0 ? 0x3fc00000 : 0x40000000) | ((v & 0x3f) << 16);
  dSet(dD(i), <u64>hi << 32);
  return true;
}
