// AdvSIMD two-register miscellaneous (integer) and across lanes. UNDEF rules as QEMU 7.2's
// disas_simd_two_reg_misc / disas_simd_across_lanes; saturation sets FPSR.QC.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, setVQ, vAddr } from "./fpregs";
import { isQ, vBytes, clearHigh, copyV, SCR_N, eld, est } from "./simd-common";
import { emask, ext, sx, satS, satU } from "../neon/int-ops";
import { setQC } from "../neon/common";

@inline function opcode(i: u32): u32 { return (i >>> 12) & 31; }
@inline function uBit(i: u32): bool { return (i & (1 << 29)) != 0; }
@inline function size(i: u32): u32 { return (i >>> 22) & 3; }

/** Leading zeros within the element. */
function clzE(v: u64, sz: u32): u64 { return <u64>clz<u64>(v & emask(sz)) - <u64>(64 - (8 << sz)); }
/** Leading bits equal to the sign bit, below it: CLZ of (x XOR x >> 1) less the sign bit. */
function clsE(v: u64, sz: u32): u64 {
  const s = sx(v, sz);
  return clzE(<u64>(s ^ (s >> 1)), sz) - 1;
}

/** The element result of a same-size operation; `n` the source element. */
function unary(opc: u32, u: bool, sz: u32, n: u64): u64 {
  const v = ext(n, sz, true);
  switch (opc) {
    case 0x04: return u ? clzE(n, sz) : clsE(n, sz);
    case 0x05:
      if (!u) return <u64>popcnt<u64>(n & 0xff);
      if (sz == 0) return ~n;
      return <u64>(rbit8(<u32>n));
    case 0x07: return u ? satS(-v, sz) : satS(v < 0 ? -v : v, sz);
    case 0x08: return (u ? v >= 0 : v > 0) ? <u64>-1 : 0;
    case 0x09: return (u ? v <= 0 : v == 0) ? <u64>-1 : 0;
    case 0x0a: return v < 0 ? <u64>-1 : 0;
    default: return u ? <u64>(-v) : <u64>(v < 0 ? -v : v); // 0x0b ABS / NEG
  }
}

/** RBIT of a byte. */
function rbit8(b: u32): u32 {
  let r: u32 = 0;
  for (let k: u32 = 0; k < 8; k++) r |= ((b >>> k) & 1) << (7 - k);
  return r;
}

/** 64-bit SQABS/SQNEG (satS does not saturate size 3). */
function sq64(neg: bool, n: u64): u64 {
  const v = <i64>n;
  if (v == i64.MIN_VALUE) { setQC(); return 0x7fffffffffffffff; }
  return <u64>(neg || v < 0 ? -v : v);
}

/**
 * SUQADD (U = 0): signed Vd plus unsigned Vn, signed saturation; USQADD (U = 1): unsigned Vd
 * plus signed Vn, unsigned saturation.
 */
function satAcc(u: bool, sz: u32, n: u64, d: u64): u64 {
  if (sz < 3) {
    return u ? satU(<i64>(d & emask(sz)) + sx(n, sz), sz) : satS(sx(d, sz) + <i64>(n & emask(sz)), sz);
  }
  if (u) { // 64-bit USQADD
    if (<i64>n < 0) {
      const m = <u64>(-<i64>n);
      if (m > d) { setQC(); return 0; }
      return d - m;
    }
    const r = d + n;
    if (r < d) { setQC(); return <u64>-1; }
    return r;
  }
  // 64-bit SUQADD
  const max: u64 = 0x7fffffffffffffff;
  if (<i64>d < 0) {
    const m = <u64>(-<i64>d);
    if (n < m) return d + n;
    const r = n - m;
    if (r > max) { setQC(); return max; }
    return r;
  }
  if (n > max - d) { setQC(); return max; }
  return d + n;
}

/** One element of the same-size two-register misc operations; d the old Vd element. */
function elemMisc(opc: u32, u: bool, sz: u32, e: u64, d: u64): u64 {
  if (opc == 0x03) return satAcc(u, sz, e, d);
  if (opc == 0x07 && sz == 3) return sq64(u, e);
  return unary(opc, u, sz, e);
}

/** Scalar two-register misc: SUQADD/USQADD, SQABS/SQNEG, CMxx #0 and ABS/NEG on D, narrowing. */
function scalarMisc(i: u32): bool {
  const opc = opcode(i), sz = size(i), u = uBit(i);
  switch (opc) {
    case 0x03: case 0x07: break;
    case 0x0a: if (u) return false;
    // fall through
    case 0x08: case 0x09: case 0x0b:
      if (sz != 3) return false;
      break;
    case 0x12: if (!u) return false;
    // fall through
    case 0x14: return narrow(i, opc, u, sz, false, true);
    default: return false;
  }
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i)), d = vAddr(rD(i));
  setVQ(rD(i), elemMisc(opc, u, sz, eld(n, 0, sz), eld(d, 0, sz)) & emask(sz), 0);
  return true;
}

function misc(i: u32): bool {
  const opc = opcode(i), sz = size(i), q = isQ(i), u = uBit(i);
  switch (opc) {
    case 0x00: case 0x01: return rev(i, opc, u, sz, q);
    case 0x02: case 0x06: return addlp(i, opc == 0x06, u, sz, q);
    case 0x03: if (sz == 3 && !q) return false; break;
    case 0x04: if (sz == 3) return false; break;
    case 0x05: if (u ? sz > 1 : sz != 0) return false; break;
    case 0x0a: if (u) return false;
    // fall through
    case 0x07: case 0x08: case 0x09: case 0x0b:
      if (sz == 3 && !q) return false;
      break;
    case 0x12: case 0x14: return narrow(i, opc, u, sz, q, false);
    case 0x13: return shll(i, u, sz, q);
    default: return false;
  }
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i)), d = vAddr(rD(i));
  const es = opc == 0x05 ? 0 : sz; // CNT, NOT, RBIT work on bytes (size selects NOT or RBIT)
  const count = vBytes(i) >>> es;
  for (let k: u32 = 0; k < count; k++) {
    const e = eld(n, k, es);
    est(d, k, es, elemMisc(opc, u, sz, e, eld(d, k, es)));
  }
  clearHigh(rD(i), q);
  return true;
}

/** REV64 / REV32 / REV16: element order reversed within 64-, 32- or 16-bit containers. */
function rev(i: u32, opc: u32, u: bool, sz: u32, q: bool): bool {
  const op = (opc << 1) | (u ? 1 : 0);
  if (op + sz >= 3) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  const flip = ((<u32>8 >>> op) >>> sz) - 1;
  const d = vAddr(rD(i));
  const count = vBytes(i) >>> sz;
  for (let k: u32 = 0; k < count; k++) est(d, k ^ flip, sz, eld(SCR_N, k, sz));
  clearHigh(rD(i), q);
  return true;
}

/** SADDLP/UADDLP (and the accumulating SADALP/UADALP): pairs added into double-width lanes. */
function addlp(i: u32, acc: bool, u: bool, sz: u32, q: bool): bool {
  if (sz == 3) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  const d = vAddr(rD(i));
  const count = vBytes(i) >>> (sz + 1);
  for (let k: u32 = 0; k < count; k++) {
    let r = <u64>(ext(eld(SCR_N, 2 * k, sz), sz, !u) + ext(eld(SCR_N, 2 * k + 1, sz), sz, !u));
    if (acc) r += eld(d, k, sz + 1);
    est(d, k, sz + 1, r);
  }
  clearHigh(rD(i), q);
  return true;
}

/** XTN, SQXTUN (0x12), SQXTN, UQXTN (0x14); the "2" forms (Q = 1) fill the upper half. */
function narrow(i: u32, opc: u32, u: bool, sz: u32, q: bool, scalar: bool): bool {
  if (sz == 3) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  const d = rD(i);
  if (scalar) setVQ(d, 0, 0);
  const count: u32 = scalar ? 1 : <u32>8 >>> sz;
  const base: u32 = q ? count : 0;
  for (let k: u32 = 0; k < count; k++) {
    const w = eld(SCR_N, k, sz + 1);
    let r: u64;
    if (opc == 0x12) r = u ? satU(sx(w, sz + 1), sz) : w;
    else if (!u) r = satS(sx(w, sz + 1), sz);
    else if (w > emask(sz)) { setQC(); r = emask(sz); } else r = w;
    est(vAddr(d), base + k, sz, r);
  }
  clearHigh(d, q);
  return true;
}

/** SHLL/SHLL2: widen the lower (upper for Q = 1) half, shifted left by the element size. */
function shll(i: u32, u: bool, sz: u32, q: bool): bool {
  if (!u || sz == 3) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  const d = vAddr(rD(i));
  const count = <u32>8 >>> sz;
  const base: u32 = q ? count : 0;
  for (let k: u32 = 0; k < count; k++) est(d, k, sz + 1, eld(SCR_N, base + k, sz) << (<u64>8 << sz));
  return true;
}

export function MISC2_0(i: u32): bool { return misc(i); }
export function SCALAR_MISC2_3(i: u32): bool { return scalarMisc(i); }
export function SCALAR_MISC2_7(i: u32): bool { return scalarMisc(i); }
export function SCALAR_MISC2_8(i: u32): bool { return scalarMisc(i); }
export function SCALAR_MISC2_18(i: u32): bool { return scalarMisc(i); }
export function SCALAR_MISC2_20(i: u32): bool { return scalarMisc(i); }
export function ADDP_scalar(i: u32): bool {
  if (size(i) != 3) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  setVQ(rD(i), eld(n, 0, 3) + eld(n, 1, 3), 0);
  return true;
}
export function MISC2_8(i: u32): bool { return misc(i); }
export function MISC2_18(i: u32): bool { return misc(i); }
export function MISC2_20(i: u32): bool { return misc(i); }

// ---- across lanes ----
/** kind: 0 ADDV, 1 MAXV, 2 MINV, 3 SADDLV/UADDLV. */
function across(i: u32, kind: u32): bool {
  const sz = size(i), q = isQ(i), u = uBit(i);
  if (sz == 3 || (sz == 2 && !q)) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  const count = vBytes(i) >>> sz;
  let acc = ext(eld(n, 0, sz), sz, !u);
  for (let k: u32 = 1; k < count; k++) {
    const e = ext(eld(n, k, sz), sz, !u);
    if (kind == 0 || kind == 3) acc += e;
    else if (kind == 1) { if (e > acc) acc = e; }
    else if (e < acc) acc = e;
  }
  // ADDV keeps the element size, SADDLV/UADDLV twice it, MAXV/MINV the element size.
  const outSize = kind == 3 ? sz + 1 : sz;
  setVQ(rD(i), <u64>acc & emask(outSize), 0);
  return true;
}
export function ADDLV(i: u32): bool { return across(i, 3); }
export function MAXV(i: u32): bool { return across(i, 1); }
export function MINV(i: u32): bool { return across(i, 2); }
export function ADDV(i: u32): bool { return across(i, 0); }
