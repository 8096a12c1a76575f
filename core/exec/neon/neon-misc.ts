// Advanced SIMD two-registers-misc instructions (A = 00 and 01: reversals, pairwise adds,
// bit counts, saturating abs/neg, compares with zero, abs/neg), A32 encodings.
// Operands are copied to scratch first, so Vd may overlap Vm (QEMU reads before writing).
import { fpAccessOk } from "../fp-access";
import { fpBegin, fpFlags, FPSCR_STANDARD } from "../../fp/fpst";
import { fpCompare32 } from "../../fp/ops";
import {
  vD, vM, qBit, eld, eldS, est, loadVec, storeVec, SCR_M, SCR_D, setQC, fpscrGet, fpscrSet,
} from "./common";

@inline export function miscSize(insn: u32): u32 { return (insn >>> 18) & 3; }

/** Shared register checks of the misc group: Q operands must be even. */
export function miscRegsOk(insn: u32): bool {
  const q = qBit(insn);
  return ((vD(insn) | vM(insn)) & q) == 0;
}

/** Elementwise op on Vm into Vd: the element loop every simple misc instruction shares. */
const OP_REV64: u32 = 0, OP_REV32: u32 = 1, OP_REV16: u32 = 2, OP_CLS: u32 = 3, OP_CLZ: u32 = 4,
  OP_CNT: u32 = 5, OP_MVN: u32 = 6, OP_QABS: u32 = 7, OP_QNEG: u32 = 8, OP_CGT0: u32 = 9,
  OP_CGE0: u32 = 10, OP_CEQ0: u32 = 11, OP_CLE0: u32 = 12, OP_CLT0: u32 = 13, OP_ABS: u32 = 14,
  OP_NEG: u32 = 15;

function elemOp(op: u32, v: u64, sv: i64, size: u32): u64 {
  const bits: u32 = 8 << size;
  const mask: u64 = size == 3 ? <u64>-1 : ((<u64>1 << bits) - 1);
  const min: i64 = -(<i64>1 << (bits - 1));
  const max: i64 = (<i64>1 << (bits - 1)) - 1;
  switch (op) {
    case OP_CLS: {
      // leading bits equal to the sign bit, not counting the sign bit itself
      const x = sv < 0 ? ~v & mask : v;
      return <u64>(clz<u64>(x) - <u64>(64 - bits)) - 1;
    }
    case OP_CLZ: return clz<u64>(v) - <u64>(64 - bits);
    case OP_CNT: return popcnt<u64>(v);
    case OP_MVN: return ~v & mask;
    case OP_QABS: {
      if (sv == min) { setQC(); return <u64>max & mask; }
      return <u64>(sv < 0 ? -sv : sv) & mask;
    }
    case OP_QNEG: {
      if (sv == min) { setQC(); return <u64>max & mask; }
      return <u64>(-sv) & mask;
    }
    case OP_CGT0: return sv > 0 ? mask : 0;
    case OP_CGE0: return sv >= 0 ? mask : 0;
    case OP_CEQ0: return sv == 0 ? mask : 0;
    case OP_CLE0: return sv <= 0 ? mask : 0;
    case OP_CLT0: return sv < 0 ? mask : 0;
    case OP_ABS: return <u64>(sv < 0 ? -sv : sv) & mask;
    case OP_NEG: return <u64>(-sv) & mask;
  }
  return v;
}

function runElem(insn: u32, op: u32, size: u32): void {
  const q = qBit(insn);
  const regs = q + 1;
  const n: u32 = (regs << 3) >>> size;
  loadVec(SCR_M, vM(insn), regs);
  for (let i: u32 = 0; i < n; i++) {
    est(SCR_D, i, size, elemOp(op, eld(SCR_M, i, size), eldS(SCR_M, i, size), size));
  }
  storeVec(vD(insn), SCR_D, regs);
}

/** Reverse the order of `sub`-sized elements inside each `grp`-sized group (sizes as log2 bytes). */
function reverse(insn: u32, sub: u32, grp: u32): void {
  const q = qBit(insn);
  const regs = q + 1;
  const bytes: u32 = regs << 3;
  const per: u32 = 1 << (grp - sub);
  loadVec(SCR_M, vM(insn), regs);
  const n = bytes >>> sub;
  for (let i: u32 = 0; i < n; i++) {
    const g = i & ~(per - 1);
    const j = g + (per - 1 - (i & (per - 1)));
    est(SCR_D, j, sub, eld(SCR_M, i, sub));
  }
  storeVec(vD(insn), SCR_D, regs);
}

export function VREV64(insn: u32): bool {
  const size = miscSize(insn);
  if (size == 3 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  reverse(insn, size, 3);
  return true;
}
export function VREV32(insn: u32): bool {
  const size = miscSize(insn);
  if (size >= 2 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  reverse(insn, size, 2);
  return true;
}
export function VREV16(insn: u32): bool {
  if (miscSize(insn) != 0 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  reverse(insn, 0, 1);
  return true;
}

/** VPADDL / VPADAL: add adjacent pairs into double-width elements (U = bit 7). */
function pairwiseLong(insn: u32, accumulate: bool): bool {
  const size = miscSize(insn);
  if (size == 3 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const unsigned = (insn & 0x80) != 0;
  const q = qBit(insn);
  const regs = q + 1;
  const n: u32 = (regs << 2) >>> size; // results
  loadVec(SCR_M, vM(insn), regs);
  loadVec(SCR_D, vD(insn), regs);
  for (let i: u32 = 0; i < n; i++) {
    let s: u64;
    if (unsigned) s = eld(SCR_M, 2 * i, size) + eld(SCR_M, 2 * i + 1, size);
    else s = <u64>(eldS(SCR_M, 2 * i, size) + eldS(SCR_M, 2 * i + 1, size));
    if (accumulate) s += eld(SCR_D, i, size + 1);
    est(SCR_D, i, size + 1, s);
  }
  storeVec(vD(insn), SCR_D, regs);
  return true;
}
export function VPADDL(insn: u32): bool { return pairwiseLong(insn, false); }
export function VPADAL(insn: u32): bool { return pairwiseLong(insn, true); }

function simple(insn: u32, op: u32, sizeOk: bool): bool {
  if (!sizeOk || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  runElem(insn, op, miscSize(insn));
  return true;
}
export function VCLS(insn: u32): bool { return simple(insn, OP_CLS, miscSize(insn) != 3); }
export function VCLZ(insn: u32): bool { return simple(insn, OP_CLZ, miscSize(insn) != 3); }
export function VCNT(insn: u32): bool { return simple(insn, OP_CNT, miscSize(insn) == 0); }
export function VMVN_reg(insn: u32): bool { return simple(insn, OP_MVN, miscSize(insn) == 0); }
export function VQABS(insn: u32): bool { return simple(insn, OP_QABS, miscSize(insn) != 3); }
export function VQNEG(insn: u32): bool { return simple(insn, OP_QNEG, miscSize(insn) != 3); }

// ---- A = 01: F = bit 10 selects .F32 (size must then be 2; .F16 needs v8.2) ----
@inline function isFloat(insn: u32): bool { return (insn & 0x400) != 0; }

/** Float compare of each element with +0.0 under the Standard FPSCR. cond: 0 GT, 1 GE, 2 EQ, 3 LE, 4 LT. */
function fcmp0(insn: u32, cond: u32): void {
  const regs = qBit(insn) + 1;
  const n: u32 = regs << 1;
  loadVec(SCR_M, vM(insn), regs);
  fpBegin(FPSCR_STANDARD);
  for (let i: u32 = 0; i < n; i++) {
    const a = <u32>eld(SCR_M, i, 2);
    let r = false;
    if (cond == 2) {
      r = (fpCompare32(a, 0, false) & 0x40000000) != 0;
    } else if (cond <= 1) {
      // a > 0 / a >= 0, signalling on any NaN
      const f = fpCompare32(a, 0, true);
      r = cond == 0 ? f == 0x20000000 : (f == 0x20000000 || f == 0x60000000);
    } else {
      const f = fpCompare32(a, 0, true);
      r = cond == 4 ? f == 0x80000000 : (f == 0x80000000 || f == 0x60000000);
    }
    est(SCR_D, i, 2, r ? 0xffffffff : 0);
  }
  fpscrSet(fpscrGet() | fpFlags);
  storeVec(vD(insn), SCR_D, regs);
}

function cmpZero(insn: u32, op: u32, cond: u32): bool {
  const size = miscSize(insn);
  if (!miscRegsOk(insn)) return false;
  if (isFloat(insn)) {
    if (size != 2) return false;
    if (!fpAccessOk()) return false;
    fcmp0(insn, cond);
    return true;
  }
  if (size == 3) return false;
  if (!fpAccessOk()) return false;
  runElem(insn, op, size);
  return true;
}
export function VCGT_zero(insn: u32): bool { return cmpZero(insn, OP_CGT0, 0); }
export function VCGE_zero(insn: u32): bool { return cmpZero(insn, OP_CGE0, 1); }
export function VCEQ_zero(insn: u32): bool { return cmpZero(insn, OP_CEQ0, 2); }
export function VCLE_zero(insn: u32): bool { return cmpZero(insn, OP_CLE0, 3); }
export function VCLT_zero(insn: u32): bool { return cmpZero(insn, OP_CLT0, 4); }

/** VABS/VNEG .F32 only touch the sign bit (no NaN processing, no flags). */
function absNeg(insn: u32, op: u32, signOp: u32): bool {
  const size = miscSize(insn);
  if (!miscRegsOk(insn)) return false;
  if (isFloat(insn)) {
    if (size != 2) return false;
    if (!fpAccessOk()) return false;
    const regs = qBit(insn) + 1;
    loadVec(SCR_M, vM(insn), regs);
    for (let i: u32 = 0; i < (regs << 1); i++) {
      const a = <u32>eld(SCR_M, i, 2);
      est(SCR_D, i, 2, signOp == 0 ? a & 0x7fffffff : a ^ 0x80000000);
    }
    storeVec(vD(insn), SCR_D, regs);
    return true;
  }
  if (size == 3) return false;
  if (!fpAccessOk()) return false;
  runElem(insn, op, size);
  return true;
}
export function VABS(insn: u32): bool { return absNeg(insn, OP_ABS, 0); }
export function VNEG(insn: u32): bool { return absNeg(insn, OP_NEG, 1); }
