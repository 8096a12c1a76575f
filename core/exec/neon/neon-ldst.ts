// Advanced SIMD element and structure loads/stores (VLD1-4 / VST1-4), A32 encodings
// 1111 0100 ... (T32 words are rewritten to these). Behaviour follows QEMU 7.2
// (translate-neon.c): elements move one at a time in architectural order, so a data abort
// part-way leaves the registers loaded so far written and the base register unchanged;
// an :align specifier is checked on the first access only (later ones inherit it).
import { STATE, S_CPSR_REST } from "../../state/layout";
import { SR_SCTLR } from "../../generated/sysregs";
import { rreg, wreg, branchWritePC, excTaken } from "../../cpu";
import { read8, read16, read32, write8, write16, write32, probeWrite } from "../../mmu/memory";
import { alignmentFsr } from "../../mmu/translate";
import { takeDataAbort } from "../../exceptions/a32-entry";
import { fpAccessOk } from "../fp-access";
import { dAddr } from "./common";

// Register numbers past D31 (UNPREDICTABLE lists such as VLD4 {d31,d33,...}) go to hidden
// storage, as in QEMU where they land in state the guest cannot see.
const SHADOW: usize = memory.data(64, 8);
@inline function regAddr(n: u32): usize { return n < 32 ? dAddr(n) : SHADOW + (<usize>((n - 32) & 7) << 3); }

@inline function bigEndian(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x200) != 0; }
@inline function sctlrA(): bool { return (load<u32>(SR_SCTLR) & 2) != 0; }

/** Alignment fault if va is not a multiple of `bytes` (a power of two; 1 = none). */
function misaligned(va: u32, bytes: u32, write: bool): bool {
  if ((va & (bytes - 1)) == 0) return false;
  takeDataAbort(va, alignmentFsr(), write);
  return true;
}

// ---- raw accesses: bytes in memory order (little-endian assembly), no SCTLR.A check ----
function rawRead(va: u32, size: u32): u64 {
  const n: u32 = 1 << size;
  if (size == 0) return <u64>read8(va);
  if ((va & (n - 1)) == 0 || (size == 3 && (va & 3) == 0)) {
    const be = bigEndian();
    if (size == 1) { const v = read16(va); return <u64>(be ? <u32>bswap<u16>(<u16>v) : v); }
    let lo = read32(va);
    if (be) lo = bswap<u32>(lo);
    if (size == 2 || excTaken) return <u64>lo;
    let hi = read32(va + 4);
    if (be) hi = bswap<u32>(hi);
    return (<u64>hi << 32) | <u64>lo;
  }
  let v: u64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    v |= <u64>read8(va + i) << (<u64>i << 3);
    if (excTaken) return 0;
  }
  return v;
}

function rawWrite(va: u32, size: u32, v: u64): void {
  const n: u32 = 1 << size;
  if (size == 0) { write8(va, <u32>v); return; }
  // A store that crosses a page writes nothing unless both pages accept it (QEMU checks the
  // first page at va, then the second at its start).
  if ((va & 0xfff) + n > 0x1000) {
    probeWrite(va);
    if (excTaken) return;
    probeWrite((va + n - 1) & ~0xfff);
    if (excTaken) return;
  }
  if ((va & (n - 1)) == 0 || (size == 3 && (va & 3) == 0)) {
    const be = bigEndian();
    if (size == 1) { const h = <u32>v & 0xffff; write16(va, be ? <u32>bswap<u16>(<u16>h) : h); return; }
    const lo = <u32>v;
    write32(va, be ? bswap<u32>(lo) : lo);
    if (size == 2 || excTaken) return;
    const hi = <u32>(v >>> 32);
    write32(va + 4, be ? bswap<u32>(hi) : hi);
    return;
  }
  for (let i: u32 = 0; i < n; i++) {
    write8(va + i, <u32>(v >>> (<u64>i << 3)));
    if (excTaken) return;
  }
}

/** Byte-reverse the low (1 << size) bytes of v. */
function swapElem(v: u64, size: u32): u64 {
  if (size == 1) return <u64>bswap<u16>(<u16>v);
  if (size == 2) return <u64>bswap<u32>(<u32>v);
  if (size == 3) return bswap<u64>(v);
  return v;
}

/** One element access as data (big-endian data swaps within the element). */
@inline function elemRead(va: u32, size: u32): u64 {
  const v = rawRead(va, size);
  return bigEndian() ? swapElem(v, size) : v;
}
@inline function elemWrite(va: u32, size: u32, v: u64): void {
  rawWrite(va, size, bigEndian() ? swapElem(v, size) : v);
}

@inline function regElemGet(d: u32, i: u32, size: u32): u64 {
  const p = regAddr(d) + (<usize>i << size);
  if (size == 0) return <u64>load<u8>(p);
  if (size == 1) return <u64>load<u16>(p);
  if (size == 2) return <u64>load<u32>(p);
  return load<u64>(p);
}
@inline function regElemSet(d: u32, i: u32, size: u32, v: u64): void {
  const p = regAddr(d) + (<usize>i << size);
  if (size == 0) store<u8>(p, <u8>v);
  else if (size == 1) store<u16>(p, <u16>v);
  else if (size == 2) store<u32>(p, <u32>v);
  else store<u64>(p, v);
}

/** Rm = 15: no writeback; Rm = 13: Rn += transfer size; else Rn += Rm. */
function baseUpdate(n: u32, m: u32, bytes: u32): void {
  if (m == 15) return;
  const v = rreg(n) + (m == 13 ? bytes : rreg(m));
  if (n == 15) branchWritePC(v); else wreg(n, v);
}

@inline function fieldVd(insn: u32): u32 { return ((insn >>> 18) & 0x10) | ((insn >>> 12) & 0xf); }

// (registers, interleave, spacing) per type field value 0..10
const LS_NREGS: usize = memory.data<u8>([1, 1, 4, 2, 1, 1, 3, 1, 1, 1, 2]);
const LS_INTERLEAVE: usize = memory.data<u8>([4, 4, 1, 2, 3, 3, 1, 1, 2, 2, 1]);
const LS_SPACING: usize = memory.data<u8>([1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 1]);

/** VLDn/VSTn (multiple n-element structures): 1111 0100 0DL0 nnnn dddd tttt ssaa mmmm. */
export function VLDST_multiple(insn: u32): bool {
  const itype = (insn >>> 8) & 0xf;
  const align = (insn >>> 4) & 3;
  let size = (insn >>> 6) & 3;
  const isLoad = (insn & (1 << 21)) != 0;
  if (itype > 10) return false;
  const cls = itype & 0xc;
  if (cls == 4 && align >= 2) return false;
  if (cls == 8 && align == 3) return false;
  const nregs = <u32>load<u8>(LS_NREGS + itype);
  const interleave = <u32>load<u8>(LS_INTERLEAVE + itype);
  const spacing = <u32>load<u8>(LS_SPACING + itype);
  if (size == 3 && (interleave | spacing) != 1) return false;
  if (!fpAccessOk()) return false;

  const vd = fieldVd(insn);
  const rn = (insn >>> 16) & 0xf;
  const rm = insn & 0xf;
  let addr = rreg(rn);
  // Alignment of the first access: the :align value, else natural under SCTLR.A.
  // QEMU 7.2 enforces :256 as 128-bit alignment (its pow2_align() caps at MO_ALIGN_16).
  let alignBytes: u32 = align != 0 ? (align == 3 ? 16 : <u32>4 << align) : (sctlrA() ? <u32>1 << size : 1);
  if (misaligned(addr, alignBytes, !isLoad)) return true;

  // One register's consecutive elements travel as one 64-bit little-endian access (as QEMU).
  const be = bigEndian() && size != 0;
  if (interleave == 1 && !be) {
    for (let r: u32 = 0; r < nregs; r++) {
      const d = vd + r;
      if (isLoad) {
        const v = rawRead(addr, 3);
        if (excTaken) return true;
        store<u64>(regAddr(d), v);
      } else {
        rawWrite(addr, 3, load<u64>(regAddr(d)));
        if (excTaken) return true;
      }
      addr += 8;
    }
  } else {
    const elems: u32 = 8 >>> size;
    for (let r: u32 = 0; r < nregs; r++) {
      for (let e: u32 = 0; e < elems; e++) {
        for (let x: u32 = 0; x < interleave; x++) {
          const d = vd + r + spacing * x;
          if (isLoad) {
            const v = elemRead(addr, size);
            if (excTaken) return true;
            regElemSet(d, e, size, v);
          } else {
            elemWrite(addr, size, regElemGet(d, e, size));
            if (excTaken) return true;
          }
          addr += <u32>1 << size;
        }
      }
    }
  }
  baseUpdate(rn, rm, nregs * interleave * 8);
  return true;
}

/** VLDn (single n-element structure to all lanes): 1111 0100 1D10 nnnn dddd 11NN sstA mmmm. */
export function VLD_all_lanes(insn: u32): bool {
  let size = (insn >>> 6) & 3;
  const nregs = ((insn >>> 8) & 3) + 1;
  const t = (insn >>> 5) & 1;
  const a = (insn >>> 4) & 1;
  let alignBytes: u32 = 1;
  if (size == 3) {
    // VLD4.32 to all lanes with :128
    if (nregs != 4 || a == 0) return false;
    size = 2;
    alignBytes = 16;
  } else if (a != 0) {
    if (nregs == 1) {
      if (size == 0) return false;
      alignBytes = <u32>1 << size;
    } else if (nregs == 2) {
      alignBytes = <u32>2 << size;
    } else if (nregs == 3) {
      return false;
    } else {
      alignBytes = size == 2 ? 8 : <u32>4 << size;
    }
  }
  if (!fpAccessOk()) return false;

  let vd = fieldVd(insn);
  const rn = (insn >>> 16) & 0xf;
  const rm = insn & 0xf;
  let addr = rreg(rn);
  if (alignBytes == 1 && sctlrA()) alignBytes = <u32>1 << size;
  if (misaligned(addr, alignBytes, false)) return true;
  // VLD1: T = number of D registers - 1; VLD2-4: T selects register spacing 2.
  const stride: u32 = t != 0 ? 2 : 1;
  const dregs: u32 = nregs == 1 ? stride : 1;
  for (let r: u32 = 0; r < nregs; r++) {
    const v = elemRead(addr, size);
    if (excTaken) return true;
    let w: u64 = v;
    if (size == 0) w = (v & 0xff) * 0x0101010101010101;
    else if (size == 1) w = (v & 0xffff) * 0x0001000100010001;
    else w = (v & 0xffffffff) * 0x0000000100000001;
    for (let k: u32 = 0; k < dregs; k++) store<u64>(regAddr(vd + k), w);
    addr += <u32>1 << size;
    vd += stride;
  }
  baseUpdate(rn, rm, nregs << size);
  return true;
}

/** VLDn/VSTn (single n-element structure to one lane): 1111 0100 1DL0 nnnn dddd ssNN iiii mmmm. */
export function VLDST_single(insn: u32): bool {
  const size = (insn >>> 10) & 3;
  const nregs = ((insn >>> 8) & 3) + 1;
  const isLoad = (insn & (1 << 21)) != 0;
  const ia = (insn >>> 4) & 0xf;
  let idx: u32, align: u32, stride: u32;
  if (size == 0) { idx = ia >>> 1; align = ia & 1; stride = 1; }
  else if (size == 1) { idx = ia >>> 2; align = ia & 1; stride = ((ia >>> 1) & 1) + 1; }
  else { idx = ia >>> 3; align = ia & 3; stride = ((ia >>> 2) & 1) + 1; }
  if (nregs == 1) {
    if (stride != 1) return false;
    if ((align & (<u32>1 << size)) != 0 || (size == 2 && (align == 1 || align == 2))) return false;
  } else if (nregs == 2) {
    if (size == 2 && (align & 2) != 0) return false;
  } else if (nregs == 3) {
    if (align != 0) return false;
  } else {
    if (size == 2 && align == 3) return false;
  }
  let vd = fieldVd(insn);
  if (vd + stride * (nregs - 1) > 31) return false;
  if (!fpAccessOk()) return false;

  const rn = (insn >>> 16) & 0xf;
  const rm = insn & 0xf;
  let addr = rreg(rn);
  let alignBytes: u32 = sctlrA() ? <u32>1 << size : 1;
  if (align != 0) {
    if (nregs == 1) alignBytes = <u32>1 << size;
    else if (nregs == 2) alignBytes = <u32>2 << size;
    else alignBytes = size == 2 ? <u32>4 << align : <u32>4 << size;
  }
  if (misaligned(addr, alignBytes, !isLoad)) return true;
  for (let r: u32 = 0; r < nregs; r++) {
    if (isLoad) {
      const v = elemRead(addr, size);
      if (excTaken) return true;
      regElemSet(vd, idx, size, v);
    } else {
      elemWrite(addr, size, regElemGet(vd, idx, size));
      if (excTaken) return true;
    }
    vd += stride;
    addr += <u32>1 << size;
  }
  baseUpdate(rn, rm, nregs << size);
  return true;
}

// The single-lane rows are split by size so none overlaps "to all lanes" (size field 11).
export function VLDST_single_16(insn: u32): bool { return VLDST_single(insn); }
export function VLDST_single_32(insn: u32): bool { return VLDST_single(insn); }
