// AdvSIMD shift by immediate, vector and scalar. immh's highest set bit gives the element
// size; right shifts count (2 * esize) - immh:immb, left shifts immh:immb - esize. UNDEF
// rules as QEMU 7.2's disas_simd_shift_imm / disas_simd_scalar_shift_imm.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, vAddr, setVQ } from "./fpregs";
import { isQ, clearHigh, copyV, SCR_N, eld, est } from "./simd-common";
import { emask, ext, satS, satU, shiftElem, shiftSatSU } from "../neon/int-ops";

@inline function opcode(i: u32): u32 { return (i >>> 11) & 31; }
@inline function uBit(i: u32): bool { return (i & (1 << 29)) != 0; }
@inline function immh(i: u32): u32 { return (i >>> 19) & 15; }
@inline function immhb(i: u32): u32 { return (i >>> 16) & 127; }
/** Element size from immh (0 for immh = 0, which MOD_IMM has taken). */
@inline function esz(i: u32): u32 { return 31 - <u32>clz<u32>(immh(i) | 1); }

/** One element of the same-size forms; `n` the source element, `d` the old destination. */
function sameElem(opc: u32, u: bool, sz: u32, n: u64, d: u64, i: u32): u64 {
  const bits = <u32>8 << sz;
  const right: u32 = (bits << 1) - immhb(i), left: u32 = immhb(i) - bits;
  const src = <u64>ext(n, sz, !u);
  switch (opc) {
    case 0x00: return shiftElem(src, -<i32>right, sz, !u, false, false);
    case 0x02: return d + shiftElem(src, -<i32>right, sz, !u, false, false);
    case 0x04: return shiftElem(src, -<i32>right, sz, !u, true, false);
    case 0x06: return d + shiftElem(src, -<i32>right, sz, !u, true, false);
    case 0x08: { // SRI: the top `right` bits of d stay
      if (right >= bits) return d;
      const m = emask(sz) >> right;
      return (d & ~m) | ((n & emask(sz)) >> right);
    }
    case 0x0a: // SHL / SLI: SLI keeps the low `left` bits of d
      return u ? (n << left) | (d & ((<u64>1 << left) - 1)) : n << left;
    case 0x0c: return shiftSatSU(<u64>ext(n, sz, true), <i32>left, sz);
    default: return shiftElem(src, <i32>left, sz, !u, false, true); // 0x0e SQSHL / UQSHL
  }
}

/** Same-size forms: vector (count lanes) or scalar (one lane, the rest of Vd zeroed). */
function same(i: u32, scalar: bool): bool {
  const opc = opcode(i), u = uBit(i), sz = esz(i), q = isQ(i);
  if (immh(i) == 0) return false;
  switch (opc) {
    case 0x08: case 0x0c: if (!u) return false; break;
    case 0x00: case 0x02: case 0x04: case 0x06: case 0x0a: break;
    case 0x0e: break;
    default: return false;
  }
  const qshl = opc == 0x0c || opc == 0x0e;
  if (scalar ? (!qshl && sz != 3) : (sz == 3 && !q)) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i)), d = vAddr(rD(i));
  if (scalar) {
    const r = sameElem(opc, u, sz, eld(n, 0, sz), eld(d, 0, sz), i);
    setVQ(rD(i), r & emask(sz), 0);
    return true;
  }
  const count = (q ? <u32>16 : 8) >>> sz;
  for (let k: u32 = 0; k < count; k++) est(d, k, sz, sameElem(opc, u, sz, eld(n, k, sz), eld(d, k, sz), i));
  clearHigh(rD(i), q);
  return true;
}

/**
 * Narrowing right shifts from 2*esize: SHRN, RSHRN (U = 0, 0x10/0x11), SQSHRUN, SQRSHRUN
 * (U = 1, 0x10/0x11), SQSHRN/UQSHRN (0x12), SQRSHRN/UQRSHRN (0x13). The "2" forms fill the
 * upper half of Vd.
 */
function narrow(i: u32, scalar: bool): bool {
  const opc = opcode(i), u = uBit(i), sz = esz(i), q = isQ(i);
  if (immh(i) == 0 || (immh(i) & 8) != 0) return false;
  if (scalar && opc < 0x12 && !u) return false; // no scalar SHRN / RSHRN
  if (!fpAccessOk64()) return true;
  const bits = <u32>8 << sz;
  const shift: u32 = (bits << 1) - immhb(i);
  const round = (opc & 1) != 0;
  // source signedness and the saturation: 0 none, 1 signed, 2 unsigned
  const srcSigned = opc < 0x12 ? u : !u;
  const sat: u32 = opc < 0x12 ? (u ? 2 : 0) : (u ? 2 : 1);
  copyV(SCR_N, rN(i));
  const count: u32 = scalar ? 1 : <u32>8 >>> sz;
  const base: u32 = !scalar && q ? count : 0;
  const d = vAddr(rD(i));
  let res: u64 = 0;
  for (let k: u32 = 0; k < count; k++) {
    const src = <u64>ext(eld(SCR_N, k, sz + 1), sz + 1, srcSigned);
    const v = shiftElem(src, -<i32>shift, sz + 1, srcSigned, round, false);
    const r = sat == 0 ? v : sat == 1 ? satS(<i64>v, sz) : satU(<i64>v, sz);
    if (scalar) res = r & emask(sz);
    else est(d, base + k, sz, r);
  }
  if (scalar) setVQ(rD(i), res, 0);
  else clearHigh(rD(i), q);
  return true;
}

/** SSHLL/USHLL (and the "2" forms from the upper half). */
function long(i: u32): bool {
  const u = uBit(i), sz = esz(i), q = isQ(i);
  if (immh(i) == 0 || (immh(i) & 8) != 0) return false;
  if (!fpAccessOk64()) return true;
  const left = immhb(i) - (<u32>8 << sz);
  copyV(SCR_N, rN(i));
  const count = <u32>8 >>> sz;
  const base: u32 = q ? count : 0;
  const d = vAddr(rD(i));
  for (let k: u32 = 0; k < count; k++) est(d, k, sz + 1, <u64>ext(eld(SCR_N, base + k, sz), sz, !u) << left);
  return true;
}

export function SHIFT_IMM(i: u32): bool { return same(i, false); }
export function SHIFT_IMM_narrow(i: u32): bool { return narrow(i, false); }
export function SHIFT_IMM_long(i: u32): bool { return long(i); }
export function SCALAR_SHIFT_IMM(i: u32): bool { return same(i, true); }
export function SCALAR_SHIFT_IMM_narrow(i: u32): bool { return narrow(i, true); }
