// AdvSIMD (vector and scalar) x indexed element, integer: MUL, MLA, MLS, SMLAL/UMLAL,
// SMLSL/UMLSL, SMULL/UMULL, SQDMLAL, SQDMLSL, SQDMULL, SQDMULH, SQRDMULH. Only 16- and
// 32-bit elements (the index is H:L:M for H lanes, H:L for S lanes, with M then part of Rm).
// UNDEF rules as QEMU 7.2's disas_simd_indexed.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, vAddr, setVQ } from "./fpregs";
import { isQ, clearHigh, copyV, SCR_N, eld, est, vElt } from "./simd-common";
import { ext, emask, sx, qadd, qsub, qdmull, qdmulh } from "../neon/int-ops";

function indexed(i: u32, scalar: bool): bool {
  const opc = (i >>> 12) & 15, u = (i & (1 << 29)) != 0, sz = (i >>> 22) & 3, q = isQ(i);
  const key = (u ? 16 : 0) + opc;
  let long = false;
  switch (key) {
    case 0x08: case 0x10: case 0x14:
      if (scalar) return false;
      break;
    case 0x02: case 0x12: case 0x06: case 0x16: case 0x0a: case 0x1a:
      if (scalar) return false;
      long = true;
      break;
    case 0x03: case 0x07: case 0x0b: long = true; break;
    case 0x0c: case 0x0d: break;
    default: return false;
  }
  const h = (i >>> 11) & 1, l = (i >>> 21) & 1, m = (i >>> 20) & 1;
  let rm = (i >>> 16) & 15, index: u32;
  if (sz == 1) index = (h << 2) | (l << 1) | m;
  else if (sz == 2) { index = (h << 1) | l; rm |= m << 4; }
  else return false;
  if (!fpAccessOk64()) return true;
  const s = !u;
  const bRaw = vElt(rm, index, sz);
  const b = ext(bRaw, sz, s);
  copyV(SCR_N, rN(i));
  const d = vAddr(rD(i));
  if (long) {
    const count: u32 = scalar ? 1 : <u32>8 >>> sz;
    const half: u32 = !scalar && q ? count : 0;
    const ws = sz + 1;
    let last: u64 = 0;
    for (let k: u32 = 0; k < count; k++) {
      const a = ext(eld(SCR_N, half + k, sz), sz, s);
      const acc = eld(d, k, ws);
      let r: u64;
      switch (opc) {
        case 0x2: r = acc + <u64>(a * b); break;
        case 0x6: r = acc - <u64>(a * b); break;
        case 0xa: r = <u64>(a * b); break;
        case 0x3: r = qadd(acc, qdmull(a, b, sz), ws, true); break;
        case 0x7: r = qsub(acc, qdmull(a, b, sz), ws, true); break;
        default: r = qdmull(a, b, sz); // 0xb
      }
      if (scalar) last = r & emask(ws);
      else est(d, k, ws, r);
    }
    if (scalar) setVQ(rD(i), last, 0);
    return true;
  }
  const count: u32 = scalar ? 1 : (q ? <u32>16 : 8) >>> sz;
  let last: u64 = 0;
  for (let k: u32 = 0; k < count; k++) {
    const a = eld(SCR_N, k, sz);
    let r: u64;
    switch (key) {
      case 0x08: r = a * bRaw; break;
      case 0x10: r = eld(d, k, sz) + a * bRaw; break;
      case 0x14: r = eld(d, k, sz) - a * bRaw; break;
      case 0x0c: r = qdmulh(sx(a, sz), sx(bRaw, sz), sz, false); break;
      default: r = qdmulh(sx(a, sz), sx(bRaw, sz), sz, true); // 0x0d
    }
    if (scalar) last = r & emask(sz);
    else est(d, k, sz, r);
  }
  if (scalar) setVQ(rD(i), last, 0);
  else clearHigh(rD(i), q);
  return true;
}

export function ELEM_0(i: u32): bool { return indexed(i, false); }
export function ELEM_2(i: u32): bool { return indexed(i, false); }
export function ELEM_8(i: u32): bool { return indexed(i, false); }
export function ELEM_11(i: u32): bool { return indexed(i, false); }
export function ELEM_12(i: u32): bool { return indexed(i, false); }
export function SCALAR_ELEM_3(i: u32): bool { return indexed(i, true); }
export function SCALAR_ELEM_11(i: u32): bool { return indexed(i, true); }
export function SCALAR_ELEM_12(i: u32): bool { return indexed(i, true); }
