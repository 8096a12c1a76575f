// AdvSIMD three same, integer: element-wise (the AArch32 NEON element operations), pairwise
// (ADDP, SMAXP/UMAXP, SMINP/UMINP), and the scalar forms. Saturation sets FPSR.QC (the
// shared FPSCR word). UNDEF rules as QEMU 7.2's disas_simd_3same_int / _scalar_three_reg_same.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, rM, vD, setVQ, vAddr } from "./fpregs";
import { isQ, vBytes, clearHigh, copyV, SCR_N, SCR_M, eld, est } from "./simd-common";
import {
  elemOp, OP_HADD, OP_QADD, OP_RHADD, OP_HSUB, OP_QSUB, OP_CGT, OP_CGE, OP_SHL, OP_QSHL,
  OP_RSHL, OP_QRSHL, OP_MAX, OP_MIN, OP_ABD, OP_ABA, OP_ADD, OP_SUB, OP_TST, OP_CEQ, OP_MLA,
  OP_MLS, OP_MUL, OP_PMUL, OP_QDMULH, OP_QRDMULH,
} from "../neon/int-3same";
import { emask } from "../neon/int-ops";

@inline function opcode(i: u32): u32 { return (i >>> 11) & 31; }
@inline function uBit(i: u32): bool { return (i & (1 << 29)) != 0; }
@inline function size(i: u32): u32 { return (i >>> 22) & 3; }

/** The element operation for opcode/U; 0xff for the pairwise and unallocated opcodes. */
function opFor(opc: u32, u: bool): u32 {
  switch (opc) {
    case 0x00: return OP_HADD;
    case 0x01: return OP_QADD;
    case 0x02: return OP_RHADD;
    case 0x04: return OP_HSUB;
    case 0x05: return OP_QSUB;
    case 0x06: return OP_CGT;
    case 0x07: return OP_CGE;
    case 0x08: return OP_SHL;
    case 0x09: return OP_QSHL;
    case 0x0a: return OP_RSHL;
    case 0x0b: return OP_QRSHL;
    case 0x0c: return OP_MAX;
    case 0x0d: return OP_MIN;
    case 0x0e: return OP_ABD;
    case 0x0f: return OP_ABA;
    case 0x10: return u ? OP_SUB : OP_ADD;
    case 0x11: return u ? OP_CEQ : OP_TST;
    case 0x12: return u ? OP_MLS : OP_MLA;
    case 0x13: return u ? OP_PMUL : OP_MUL;
    case 0x16: return u ? OP_QRDMULH : OP_QDMULH;
    default: return 0xff;
  }
}

/**
 * One element. CMHI/CMHS on 64-bit elements are done here: the NEON element operation
 * compares as i64 (AArch32 has no 64-bit unsigned compares).
 */
function elem(op: u32, sz: u32, u: bool, a: u64, b: u64, d: u64): u64 {
  if (sz == 3 && u && (op == OP_CGT || op == OP_CGE)) {
    return (op == OP_CGT ? a > b : a >= b) ? <u64>-1 : 0;
  }
  return elemOp(op, sz, !u, a, b, d);
}

/** Pairwise: the first half of Vd from adjacent pairs of Vn, the second from Vm. */
function pairwise(i: u32, opc: u32): bool {
  const sz = size(i), q = isQ(i), u = uBit(i);
  if (opc == 0x17 ? (u || (sz == 3 && !q)) : sz == 3) return false;
  if (!fpAccessOk64()) return true;
  const op = opc == 0x17 ? OP_ADD : opc == 0x14 ? OP_MAX : OP_MIN;
  copyV(SCR_N, rN(i));
  copyV(SCR_M, rM(i));
  const n = vBytes(i) >>> sz, half = n >>> 1;
  const d = vAddr(rD(i));
  for (let k: u32 = 0; k < n; k++) {
    const src = k < half ? SCR_N : SCR_M;
    const j = (k % half) * 2;
    est(d, k, sz, elemOp(op, sz, !u, eld(src, j, sz), eld(src, j + 1, sz), 0));
  }
  clearHigh(rD(i), q);
  return true;
}

function vector(i: u32): bool {
  const opc = opcode(i), sz = size(i), q = isQ(i), u = uBit(i);
  if (opc == 0x14 || opc == 0x15 || opc == 0x17) return pairwise(i, opc);
  switch (opc) {
    case 0x13:
      if (u && sz != 0) return false;
    // fall through
    case 0x00: case 0x02: case 0x04: case 0x0c: case 0x0d: case 0x0e: case 0x0f: case 0x12:
      if (sz == 3) return false;
      break;
    case 0x16:
      if (sz == 0 || sz == 3) return false;
      break;
    default:
      if (sz == 3 && !q) return false;
  }
  if (!fpAccessOk64()) return true;
  const op = opFor(opc, u);
  const n = vAddr(rN(i)), m = vAddr(rM(i)), d = vAddr(rD(i));
  const count = vBytes(i) >>> sz;
  for (let k: u32 = 0; k < count; k++) {
    est(d, k, sz, elem(op, sz, u, eld(n, k, sz), eld(m, k, sz), eld(d, k, sz)));
  }
  clearHigh(rD(i), q);
  return true;
}

function scalar(i: u32): bool {
  const opc = opcode(i), sz = size(i), u = uBit(i);
  switch (opc) {
    case 0x01: case 0x05: case 0x09: case 0x0b: break;
    case 0x06: case 0x07: case 0x08: case 0x0a: case 0x10: case 0x11:
      if (sz != 3) return false;
      break;
    case 0x16:
      if (sz != 1 && sz != 2) return false;
      break;
    default: return false;
  }
  if (!fpAccessOk64()) return true;
  const r = elem(opFor(opc, u), sz, u, vD(rN(i)) & emask(sz), vD(rM(i)) & emask(sz), 0);
  setVQ(rD(i), r & emask(sz), 0);
  return true;
}

export function SAME3_0(i: u32): bool { return vector(i); }
export function SAME3_2(i: u32): bool { return vector(i); }
export function SAME3_4(i: u32): bool { return vector(i); }
export function SAME3_8(i: u32): bool { return vector(i); }
export function SAME3_16(i: u32): bool { return vector(i); }
export function SCALAR3_0(i: u32): bool { return scalar(i); }
export function SCALAR3_2(i: u32): bool { return scalar(i); }
export function SCALAR3_4(i: u32): bool { return scalar(i); }
export function SCALAR3_8(i: u32): bool { return scalar(i); }
export function SCALAR3_16(i: u32): bool { return scalar(i); }
