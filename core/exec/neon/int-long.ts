// Advanced SIMD three registers of different lengths (ARM ARM A7.4.2): widening, narrowing
// and long multiplies. The long by-scalar forms (int-scalar.ts) share `diff3`.
// Each instruction has two rows (size 0x and size 10, see a32-neon-int.ts): `X_sz2` = `X`.
import { fpAccessOk } from "../fp-access";
import { vD, vN, vM, eld, est, loadVec, storeVec, SCR_N, SCR_M, SCR_D, SCR_R } from "./common";
import { ext, qadd, qsub, pmul8, absdiff, qdmull } from "./int-ops";

export const W_ADDL: u32 = 0, W_ADDW: u32 = 1, W_SUBL: u32 = 2, W_SUBW: u32 = 3, W_ADDHN: u32 = 4,
  W_SUBHN: u32 = 5, W_ABAL: u32 = 6, W_ABDL: u32 = 7, W_MLAL: u32 = 8, W_MLSL: u32 = 9,
  W_MULL: u32 = 10, W_QDMLAL: u32 = 11, W_QDMLSL: u32 = 12, W_QDMULL: u32 = 13, W_PMULL: u32 = 14;

/**
 * One "different lengths" operation on size-field elements (size 0..2, wide = size + 1).
 * `scalar`: the second operand is the by-scalar value `sc` instead of Vm's elements.
 */
export function diff3(insn: u32, kind: u32, scalar: bool, sc: u64): bool {
  const size = (insn >>> 20) & 3;
  const d = vD(insn), n = vN(insn), m = vM(insn);
  const narrow = kind == W_ADDHN || kind == W_SUBHN;
  const wideN = kind == W_ADDW || kind == W_SUBW || narrow;
  if (narrow) { if ((n | m) & 1) return false; }
  else if ((d & 1) || (wideN && (n & 1))) return false;
  if (!fpAccessOk()) return false;
  const s = ((insn >>> 24) & 1) == 0;
  const w = size + 1;
  loadVec(SCR_N, n, wideN ? 2 : 1);
  if (!scalar) loadVec(SCR_M, m, narrow ? 2 : 1);
  loadVec(SCR_D, d, narrow ? 1 : 2);
  const cnt = <u32>8 >>> size;
  for (let i: u32 = 0; i < cnt; i++) {
    if (narrow) {
      // high half of the wide sum / difference, optionally rounded (R = U bit)
      const a = eld(SCR_N, i, w), b = eld(SCR_M, i, w);
      let r = kind == W_ADDHN ? a + b : a - b;
      if (!s) r += <u64>1 << <u64>((8 << size) - 1);
      est(SCR_R, i, size, r >> <u64>(8 << size));
      continue;
    }
    const a: i64 = wideN ? <i64>eld(SCR_N, i, w) : ext(eld(SCR_N, i, size), size, s);
    const bu: u64 = scalar ? sc : eld(SCR_M, i, size);
    const b: i64 = ext(bu, size, s);
    const acc = eld(SCR_D, i, w);
    let r: u64;
    switch (kind) {
      case W_ADDL: case W_ADDW: r = <u64>(a + b); break;
      case W_SUBL: case W_SUBW: r = <u64>(a - b); break;
      case W_ABAL: r = acc + <u64>absdiff(a, b); break;
      case W_ABDL: r = <u64>absdiff(a, b); break;
      case W_MLAL: r = acc + <u64>(a * b); break;
      case W_MLSL: r = acc - <u64>(a * b); break;
      case W_MULL: r = <u64>(a * b); break;
      case W_QDMLAL: r = qadd(acc, qdmull(a, b, size), w, true); break;
      case W_QDMLSL: r = qsub(acc, qdmull(a, b, size), w, true); break;
      case W_QDMULL: r = qdmull(a, b, size); break;
      default: r = <u64>pmul8(<u32>bu, <u32>eld(SCR_N, i, 0)); // W_PMULL
    }
    est(SCR_R, i, w, r);
  }
  storeVec(d, SCR_R, narrow ? 1 : 2);
  return true;
}

/** The saturating doubling forms have no 8-bit version; VMULL.P8 has only the 8-bit one
 *  (VMULL.P64 needs the Crypto extension, which the A15 lacks). */
@inline function sizeOk(insn: u32, kind: u32): bool {
  const size = (insn >>> 20) & 3;
  if (kind == W_QDMLAL || kind == W_QDMLSL || kind == W_QDMULL) return size != 0;
  if (kind == W_PMULL) return size == 0;
  return true;
}
function run(insn: u32, kind: u32): bool {
  if (!sizeOk(insn, kind)) return false;
  return diff3(insn, kind, false, 0);
}

export function VADDL(insn: u32): bool { return run(insn, W_ADDL); }
export function VADDL_sz2(insn: u32): bool { return run(insn, W_ADDL); }
export function VADDW(insn: u32): bool { return run(insn, W_ADDW); }
export function VADDW_sz2(insn: u32): bool { return run(insn, W_ADDW); }
export function VSUBL(insn: u32): bool { return run(insn, W_SUBL); }
export function VSUBL_sz2(insn: u32): bool { return run(insn, W_SUBL); }
export function VSUBW(insn: u32): bool { return run(insn, W_SUBW); }
export function VSUBW_sz2(insn: u32): bool { return run(insn, W_SUBW); }
/** VADDHN / VRADDHN (bit 24). */
export function VADDHN(insn: u32): bool { return run(insn, W_ADDHN); }
export function VADDHN_sz2(insn: u32): bool { return run(insn, W_ADDHN); }
/** VSUBHN / VRSUBHN (bit 24). */
export function VSUBHN(insn: u32): bool { return run(insn, W_SUBHN); }
export function VSUBHN_sz2(insn: u32): bool { return run(insn, W_SUBHN); }
export function VABAL(insn: u32): bool { return run(insn, W_ABAL); }
export function VABAL_sz2(insn: u32): bool { return run(insn, W_ABAL); }
export function VABDL(insn: u32): bool { return run(insn, W_ABDL); }
export function VABDL_sz2(insn: u32): bool { return run(insn, W_ABDL); }
export function VMLAL(insn: u32): bool { return run(insn, W_MLAL); }
export function VMLAL_sz2(insn: u32): bool { return run(insn, W_MLAL); }
export function VMLSL(insn: u32): bool { return run(insn, W_MLSL); }
export function VMLSL_sz2(insn: u32): bool { return run(insn, W_MLSL); }
export function VMULL(insn: u32): bool { return run(insn, W_MULL); }
export function VMULL_sz2(insn: u32): bool { return run(insn, W_MULL); }
export function VQDMLAL(insn: u32): bool { return run(insn, W_QDMLAL); }
export function VQDMLAL_sz2(insn: u32): bool { return run(insn, W_QDMLAL); }
export function VQDMLSL(insn: u32): bool { return run(insn, W_QDMLSL); }
export function VQDMLSL_sz2(insn: u32): bool { return run(insn, W_QDMLSL); }
export function VQDMULL(insn: u32): bool { return run(insn, W_QDMULL); }
export function VQDMULL_sz2(insn: u32): bool { return run(insn, W_QDMULL); }
export function VMULL_poly(insn: u32): bool { return run(insn, W_PMULL); }
export function VMULL_poly_sz2(insn: u32): bool { return run(insn, W_PMULL); }
