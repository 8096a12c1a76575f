// AdvSIMD three different: widening (xADDL, xSUBL, xABAL, xABDL, xMLAL, xMLSL, xMULL,
// SQDMLAL, SQDMLSL, SQDMULL), wide (xADDW, xSUBW) and narrowing (ADDHN, RADDHN, SUBHN,
// RSUBHN). Q = 1 (the "2" forms) takes the narrow sources from, or writes the narrow result to,
// the upper half. UNDEF rules as QEMU 7.2's disas_simd_three_reg_diff.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, rM, vAddr, setVQ } from "./fpregs";
import { isQ, clearHigh, copyV, SCR_N, SCR_M, eld, est } from "./simd-common";
import { ext, sx, emask, absdiff, qadd, qsub, qdmull } from "../neon/int-ops";

@inline function opcode(i: u32): u32 { return (i >>> 12) & 15; }

/** Widening forms: a, b the narrow elements (extended), d the wide accumulator. */
function widen(opc: u32, sz: u32, a: i64, b: i64, d: u64): u64 {
  switch (opc) {
    case 0: return <u64>(a + b);
    case 2: return <u64>(a - b);
    case 5: return d + <u64>absdiff(a, b);
    case 7: return <u64>absdiff(a, b);
    case 8: return d + <u64>(a * b);
    case 10: return d - <u64>(a * b);
    case 12: return <u64>(a * b);
    case 9: return qadd(d, qdmull(a, b, sz), sz + 1, true);
    case 11: return qsub(d, qdmull(a, b, sz), sz + 1, true);
    default: return qdmull(a, b, sz); // 13 SQDMULL
  }
}

function diff(i: u32): bool {
  const opc = opcode(i), sz = (i >>> 22) & 3, q = isQ(i), u = (i & (1 << 29)) != 0;
  if (opc == 9 || opc == 11 || opc == 13) { if (u || sz == 0) return false; }
  if (sz == 3) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  copyV(SCR_M, rM(i));
  const d = vAddr(rD(i));
  const count = <u32>8 >>> sz;
  const half: u32 = q ? count : 0;
  const ws = sz + 1;
  const s = !u;
  if (opc == 4 || opc == 6) {
    // narrowing: the high half of the wide sum/difference, rounded for U = 1
    for (let k: u32 = 0; k < count; k++) {
      const a = eld(SCR_N, k, ws), b = eld(SCR_M, k, ws);
      let r = opc == 4 ? a + b : a - b;
      if (u) r += <u64>1 << ((<u64>8 << sz) - 1);
      est(d, half + k, sz, r >> (<u64>8 << sz));
    }
    clearHigh(rD(i), q);
    return true;
  }
  for (let k: u32 = 0; k < count; k++) {
    const b = ext(eld(SCR_M, half + k, sz), sz, s);
    let r: u64;
    if (opc == 1 || opc == 3) {
      const a = eld(SCR_N, k, ws); // the wide operand
      r = opc == 1 ? a + <u64>b : a - <u64>b;
    } else {
      r = widen(opc, sz, ext(eld(SCR_N, half + k, sz), sz, s), b, eld(d, k, ws));
    }
    est(d, k, ws, r);
  }
  return true;
}

export function DIFF3_0(i: u32): bool { return diff(i); }
export function DIFF3_8(i: u32): bool { return diff(i); }
export function DIFF3_12(i: u32): bool { return diff(i); }

/** Scalar SQDMLAL, SQDMLSL, SQDMULL: element 0 of Hn/Sn and Hm/Sm into Sd/Dd. */
export function SCALAR_DIFF3(i: u32): bool {
  const opc = opcode(i), sz = (i >>> 22) & 3;
  if ((i & (1 << 29)) != 0 || opc == 0xf || sz == 0 || sz == 3) return false;
  if (!fpAccessOk64()) return true;
  const a = sx(eld(vAddr(rN(i)), 0, sz), sz), b = sx(eld(vAddr(rM(i)), 0, sz), sz);
  const r = widen(opc, sz, a, b, eld(vAddr(rD(i)), 0, sz + 1));
  setVQ(rD(i), r & emask(sz + 1), 0);
  return true;
}
