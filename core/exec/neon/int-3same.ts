// Advanced SIMD three registers of the same length, integer (ARM ARM A7.4.1).
// Element i of Vd depends only on element i of Vn, Vm (and Vd), so the element-wise forms work
// in place on the register file; the pairwise forms go through scratch buffers.
import { fpAccessOk } from "../fp-access";
import {
  vD, vN, vM, qBit, qRegsOk, dAddr, dGet, dSet, eld, est, loadVec, SCR_N, SCR_M,
} from "./common";
import {
  sx, ext, emask, qadd, qsub, shiftElem, pmul8, absdiff, qdmulh,
} from "./int-ops";

// operation codes for the element loop
export const OP_HADD: u32 = 0, OP_QADD: u32 = 1, OP_RHADD: u32 = 2, OP_HSUB: u32 = 3, OP_QSUB: u32 = 4,
  OP_CGT: u32 = 5, OP_CGE: u32 = 6, OP_SHL: u32 = 7, OP_QSHL: u32 = 8, OP_RSHL: u32 = 9,
  OP_QRSHL: u32 = 10, OP_MAX: u32 = 11, OP_MIN: u32 = 12, OP_ABD: u32 = 13, OP_ABA: u32 = 14,
  OP_ADD: u32 = 15, OP_SUB: u32 = 16, OP_TST: u32 = 17, OP_CEQ: u32 = 18, OP_MLA: u32 = 19,
  OP_MLS: u32 = 20, OP_MUL: u32 = 21, OP_PMUL: u32 = 22, OP_QDMULH: u32 = 23, OP_QRDMULH: u32 = 24;

/** One element: a from Vn, b from Vm, d the old Vd element; unsigned unless `s`. */
export function elemOp(op: u32, size: u32, s: bool, a: u64, b: u64, d: u64): u64 {
  switch (op) {
    case OP_HADD: return <u64>((ext(a, size, s) + ext(b, size, s)) >> 1);
    case OP_RHADD: return <u64>((ext(a, size, s) + ext(b, size, s) + 1) >> 1);
    case OP_HSUB: return <u64>((ext(a, size, s) - ext(b, size, s)) >> 1);
    case OP_QADD: return qadd(a, b, size, s);
    case OP_QSUB: return qsub(a, b, size, s);
    case OP_CGT: return ext(a, size, s) > ext(b, size, s) ? <u64>-1 : 0;
    case OP_CGE: return ext(a, size, s) >= ext(b, size, s) ? <u64>-1 : 0;
    // shifts: a is the element (from Vm), b the shift (from Vn: its low byte, signed)
    case OP_SHL: return shiftElem(<u64>ext(a, size, s), <i32><i8>b, size, s, false, false);
    case OP_QSHL: return shiftElem(<u64>ext(a, size, s), <i32><i8>b, size, s, false, true);
    case OP_RSHL: return shiftElem(<u64>ext(a, size, s), <i32><i8>b, size, s, true, false);
    case OP_QRSHL: return shiftElem(<u64>ext(a, size, s), <i32><i8>b, size, s, true, true);
    case OP_MAX: return ext(a, size, s) >= ext(b, size, s) ? a : b;
    case OP_MIN: return ext(a, size, s) <= ext(b, size, s) ? a : b;
    case OP_ABD: return <u64>absdiff(ext(a, size, s), ext(b, size, s));
    case OP_ABA: return d + <u64>absdiff(ext(a, size, s), ext(b, size, s));
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_TST: return (a & b & emask(size)) != 0 ? <u64>-1 : 0;
    case OP_CEQ: return ((a ^ b) & emask(size)) == 0 ? <u64>-1 : 0;
    case OP_MLA: return d + a * b;
    case OP_MLS: return d - a * b;
    case OP_MUL: return a * b;
    case OP_PMUL: return <u64>pmul8(<u32>a, <u32>b);
    case OP_QDMULH: return qdmulh(sx(a, size), sx(b, size), size, false);
    default: return qdmulh(sx(a, size), sx(b, size), size, true); // OP_QRDMULH
  }
}

/**
 * Run an element-wise three-register operation. `minSize`..`maxSize` bound the size field
 * (outside: UNDEFINED, as QEMU); `rev` swaps Vn and Vm (the register shifts: the element
 * is Vm, the shift amount Vn).
 */
function same3(insn: u32, op: u32, minSize: u32, maxSize: u32, rev: bool): bool {
  const size = (insn >>> 20) & 3;
  if (size < minSize || size > maxSize) return false;
  if (!qRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const s = ((insn >>> 24) & 1) == 0;
  const pd = dAddr(vD(insn));
  const pa = dAddr(rev ? vM(insn) : vN(insn));
  const pb = dAddr(rev ? vN(insn) : vM(insn));
  const n = ((qBit(insn) + 1) << 3) >>> size;
  for (let i: u32 = 0; i < n; i++) {
    est(pd, i, size, elemOp(op, size, s, eld(pa, i, size), eld(pb, i, size), eld(pd, i, size)));
  }
  return true;
}

export function VHADD(insn: u32): bool { return same3(insn, OP_HADD, 0, 2, false); }
export function VQADD(insn: u32): bool { return same3(insn, OP_QADD, 0, 3, false); }
export function VRHADD(insn: u32): bool { return same3(insn, OP_RHADD, 0, 2, false); }
export function VHSUB(insn: u32): bool { return same3(insn, OP_HSUB, 0, 2, false); }
export function VQSUB(insn: u32): bool { return same3(insn, OP_QSUB, 0, 3, false); }
export function VCGT_reg(insn: u32): bool { return same3(insn, OP_CGT, 0, 2, false); }
export function VCGE_reg(insn: u32): bool { return same3(insn, OP_CGE, 0, 2, false); }
export function VSHL_reg(insn: u32): bool { return same3(insn, OP_SHL, 0, 3, true); }
export function VQSHL_reg(insn: u32): bool { return same3(insn, OP_QSHL, 0, 3, true); }
export function VRSHL(insn: u32): bool { return same3(insn, OP_RSHL, 0, 3, true); }
export function VQRSHL(insn: u32): bool { return same3(insn, OP_QRSHL, 0, 3, true); }
export function VMAX(insn: u32): bool { return same3(insn, OP_MAX, 0, 2, false); }
export function VMIN(insn: u32): bool { return same3(insn, OP_MIN, 0, 2, false); }
export function VABD(insn: u32): bool { return same3(insn, OP_ABD, 0, 2, false); }
export function VABA(insn: u32): bool { return same3(insn, OP_ABA, 0, 2, false); }
export function VADD(insn: u32): bool { return same3(insn, OP_ADD, 0, 3, false); }
export function VSUB(insn: u32): bool { return same3(insn, OP_SUB, 0, 3, false); }
export function VTST(insn: u32): bool { return same3(insn, OP_TST, 0, 2, false); }
export function VCEQ_reg(insn: u32): bool { return same3(insn, OP_CEQ, 0, 2, false); }
export function VMLA(insn: u32): bool { return same3(insn, OP_MLA, 0, 2, false); }
export function VMLS(insn: u32): bool { return same3(insn, OP_MLS, 0, 2, false); }
export function VMUL(insn: u32): bool { return same3(insn, OP_MUL, 0, 2, false); }
/** VMUL.P8 only: the polynomial forms of other sizes are UNDEFINED. */
export function VMUL_poly(insn: u32): bool { return same3(insn, OP_PMUL, 0, 0, false); }
export function VQDMULH(insn: u32): bool { return same3(insn, OP_QDMULH, 1, 2, false); }
export function VQRDMULH(insn: u32): bool { return same3(insn, OP_QRDMULH, 1, 2, false); }

// ---- bitwise: whole 64-bit words; the size field is part of the opcode ----
const L_AND: u32 = 0, L_BIC: u32 = 1, L_ORR: u32 = 2, L_ORN: u32 = 3, L_EOR: u32 = 4,
  L_BSL: u32 = 5, L_BIT: u32 = 6, L_BIF: u32 = 7;
function logic3(insn: u32, op: u32): bool {
  if (!qRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const d = vD(insn), n = vN(insn), m = vM(insn);
  const regs = qBit(insn) + 1;
  for (let k: u32 = 0; k < regs; k++) {
    const a = dGet(n + k), b = dGet(m + k), c = dGet(d + k);
    let r: u64;
    switch (op) {
      case L_AND: r = a & b; break;
      case L_BIC: r = a & ~b; break;
      case L_ORR: r = a | b; break;
      case L_ORN: r = a | ~b; break;
      case L_EOR: r = a ^ b; break;
      case L_BSL: r = (a & c) | (b & ~c); break;
      case L_BIT: r = (a & b) | (c & ~b); break;
      default: r = (c & b) | (a & ~b); // L_BIF
    }
    dSet(d + k, r);
  }
  return true;
}
export function VAND(insn: u32): bool { return logic3(insn, L_AND); }
export function VBIC_reg(insn: u32): bool { return logic3(insn, L_BIC); }
export function VORR_reg(insn: u32): bool { return logic3(insn, L_ORR); }
export function VORN(insn: u32): bool { return logic3(insn, L_ORN); }
export function VEOR(insn: u32): bool { return logic3(insn, L_EOR); }
export function VBSL(insn: u32): bool { return logic3(insn, L_BSL); }
export function VBIT(insn: u32): bool { return logic3(insn, L_BIT); }
export function VBIF(insn: u32): bool { return logic3(insn, L_BIF); }

// ---- pairwise (D only; the pattern fixes Q = 0) ----
const P_MAX: u32 = 0, P_MIN: u32 = 1, P_ADD: u32 = 2;
function pairwise(insn: u32, op: u32): bool {
  const size = (insn >>> 20) & 3;
  if (size == 3) return false;
  if (!fpAccessOk()) return false;
  const s = ((insn >>> 24) & 1) == 0;
  loadVec(SCR_N, vN(insn), 1);
  loadVec(SCR_M, vM(insn), 1);
  const pd = dAddr(vD(insn));
  const h = <u32>4 >>> size; // pairs per source register
  for (let i: u32 = 0; i < 2 * h; i++) {
    const src = i < h ? SCR_N : SCR_M;
    const j = (i < h ? i : i - h) << 1;
    const a = eld(src, j, size), b = eld(src, j + 1, size);
    let r: u64;
    if (op == P_ADD) r = a + b;
    else if (op == P_MAX) r = ext(a, size, s) >= ext(b, size, s) ? a : b;
    else r = ext(a, size, s) <= ext(b, size, s) ? a : b;
    est(pd, i, size, r);
  }
  return true;
}
export function VPMAX(insn: u32): bool { return pairwise(insn, P_MAX); }
export function VPMIN(insn: u32): bool { return pairwise(insn, P_MIN); }
export function VPADD(insn: u32): bool { return pairwise(insn, P_ADD); }
