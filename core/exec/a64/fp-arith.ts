// A64 FP data-processing, 1 source (FABS, FNEG, FSQRT, FRINT*), 2 source and 3 source, on S or D
// registers (ftype 00/01; the rows leave 10/11 UNDEFINED). As QEMU 7.2: FNMUL negates the rounded
// product; FMSUB/FNMADD/FNMSUB flip the signs of Rn and/or Ra before one fused multiply-add (so a
// NaN operand comes out with its sign flipped); FRINT* other than FRINTX never raise Inexact.
import { fpAccessOk64 } from "./fp-check";
import { vS, vD, setVS, setVD, rD, rN, rM, rA, isDouble, fpBegin64, fpEnd64, fpcrRMode } from "./fpregs";
import {
  fpAdd32, fpSub32, fpMul32, fpDiv32, fpSqrt32, fpMulAdd32, fpMax32, fpMin32, fpMaxNum32, fpMinNum32, fpRoundInt32,
  fpAdd64, fpSub64, fpMul64, fpDiv64, fpSqrt64, fpMulAdd64, fpMax64, fpMin64, fpMaxNum64, fpMinNum64, fpRoundInt64,
} from "../../fp/ops";
import { RM_RN, RM_RP, RM_RM, RM_RZ, RM_TIEAWAY } from "../../fp/fpst";

const S_SIGN: u32 = 0x80000000;
const D_SIGN: u64 = 0x8000000000000000;

// ---- 1 source ----
export function FABS(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (isDouble(i)) setVD(rD(i), vD(rN(i)) & ~D_SIGN);
  else setVS(rD(i), vS(rN(i)) & ~S_SIGN);
  return true;
}

export function FNEG(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (isDouble(i)) setVD(rD(i), vD(rN(i)) ^ D_SIGN);
  else setVS(rD(i), vS(rN(i)) ^ S_SIGN);
  return true;
}

export function FSQRT(i: u32): bool {
  if (!fpAccessOk64()) return true;
  fpBegin64();
  if (isDouble(i)) setVD(rD(i), fpSqrt64(vD(rN(i))));
  else setVS(rD(i), fpSqrt32(vS(rN(i))));
  fpEnd64();
  return true;
}

/** FRINT* with rounding mode rm; exact: FRINTX (Inexact raised). */
function frint(i: u32, rm: u32, exact: bool): bool {
  if (!fpAccessOk64()) return true;
  fpBegin64();
  if (isDouble(i)) setVD(rD(i), fpRoundInt64(vD(rN(i)), rm, exact));
  else setVS(rD(i), fpRoundInt32(vS(rN(i)), rm, exact));
  fpEnd64();
  return true;
}
export function FRINTN(i: u32): bool { return frint(i, RM_RN, false); }
export function FRINTP(i: u32): bool { return frint(i, RM_RP, false); }
export function FRINTM(i: u32): bool { return frint(i, RM_RM, false); }
export function FRINTZ(i: u32): bool { return frint(i, RM_RZ, false); }
export function FRINTA(i: u32): bool { return frint(i, RM_TIEAWAY, false); }
export function FRINTX(i: u32): bool { return frint(i, fpcrRMode(), true); }
export function FRINTI(i: u32): bool { return frint(i, fpcrRMode(), false); }

// ---- 2 source ----
const OP_MUL = 0, OP_DIV = 1, OP_ADD = 2, OP_SUB = 3, OP_MAX = 4, OP_MIN = 5, OP_MAXNM = 6, OP_MINNM = 7, OP_NMUL = 8;

function op2(i: u32, op: i32): bool {
  if (!fpAccessOk64()) return true;
  fpBegin64();
  if (isDouble(i)) {
    const a = vD(rN(i)), b = vD(rM(i));
    let r: u64;
    switch (op) {
      case OP_MUL: r = fpMul64(a, b); break;
      case OP_DIV: r = fpDiv64(a, b); break;
      case OP_ADD: r = fpAdd64(a, b); break;
      case OP_SUB: r = fpSub64(a, b); break;
      case OP_MAX: r = fpMax64(a, b); break;
      case OP_MIN: r = fpMin64(a, b); break;
      case OP_MAXNM: r = fpMaxNum64(a, b); break;
      case OP_MINNM: r = fpMinNum64(a, b); break;
      default: r = fpMul64(a, b) ^ D_SIGN; break; // OP_NMUL
    }
    setVD(rD(i), r);
  } else {
    const a = vS(rN(i)), b = vS(rM(i));
    let r: u32;
    switch (op) {
      case OP_MUL: r = fpMul32(a, b); break;
      case OP_DIV: r = fpDiv32(a, b); break;
      case OP_ADD: r = fpAdd32(a, b); break;
      case OP_SUB: r = fpSub32(a, b); break;
      case OP_MAX: r = fpMax32(a, b); break;
      case OP_MIN: r = fpMin32(a, b); break;
      case OP_MAXNM: r = fpMaxNum32(a, b); break;
      case OP_MINNM: r = fpMinNum32(a, b); break;
      default: r = fpMul32(a, b) ^ S_SIGN; break;
    }
    setVS(rD(i), r);
  }
  fpEnd64();
  return true;
}
export function FMUL(i: u32): bool { return op2(i, OP_MUL); }
export function FDIV(i: u32): bool { return op2(i, OP_DIV); }
export function FADD(i: u32): bool { return op2(i, OP_ADD); }
export function FSUB(i: u32): bool { return op2(i, OP_SUB); }
export function FMAX(i: u32): bool { return op2(i, OP_MAX); }
export function FMIN(i: u32): bool { return op2(i, OP_MIN); }
export function FMAXNM(i: u32): bool { return op2(i, OP_MAXNM); }
export function FMINNM(i: u32): bool { return op2(i, OP_MINNM); }
export function FNMUL(i: u32): bool { return op2(i, OP_NMUL); }

// ---- 3 source: Rd = (+/-Ra) + (+/-Rn) * Rm, one rounding ----
function op3(i: u32, negN: bool, negA: bool): bool {
  if (!fpAccessOk64()) return true;
  fpBegin64();
  if (isDouble(i)) {
    const n = vD(rN(i)) ^ (negN ? D_SIGN : 0), a = vD(rA(i)) ^ (negA ? D_SIGN : 0);
    setVD(rD(i), fpMulAdd64(a, n, vD(rM(i))));
  } else {
    const n = vS(rN(i)) ^ (negN ? S_SIGN : 0), a = vS(rA(i)) ^ (negA ? S_SIGN : 0);
    setVS(rD(i), fpMulAdd32(a, n, vS(rM(i))));
  }
  fpEnd64();
  return true;
}
export function FMADD(i: u32): bool { return op3(i, false, false); }
export function FMSUB(i: u32): bool { return op3(i, true, false); }
export function FNMADD(i: u32): bool { return op3(i, true, true); }
export function FNMSUB(i: u32): bool { return op3(i, false, true); }
