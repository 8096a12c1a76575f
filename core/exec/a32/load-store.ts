// A32 single loads and stores (ARM ARM A8.8.62..A8.8.82 LDR*, A8.8.203..A8.8.216 STR*):
// word/byte with 12-bit immediate or shifted register offsets, halfword/signed/dual with 8-bit
// immediate or register offsets, the unprivileged T forms, and the literal forms (Rn = PC).
// Ordering follows QEMU 7.2 (translate.c op_load_ri/op_store_ri): access, then base writeback,
// then the loaded register, so a load into the base register wins over the writeback.
import { rreg, wreg, wregLoad, branchWritePC, excTaken } from "../../cpu";
import { read8, read16, read32, write8, write16, write32, F_ALIGN, F_USER } from "../../mmu/memory";
import { shiftImmC } from "./operands";

// ---- addressing (ARM ARM A5.3: offset, pre-indexed, post-indexed) ----
// The shared bodies below take decoded fields so the T32 encodings (core/exec/t32) use them too.

/** Base register value after the access, and whether it is written back. */
let wbAddr: u32 = 0;
let wbDo: bool = false;

/**
 * Base register as an addressing mode reads it. Rn = PC is the literal form: Align(PC, 4)
 * (QEMU add_reg_for_lit; a no-op in A32, where PC reads word-aligned).
 */
@inline export function baseValue(rn: u32): u32 { return rn == 15 ? rreg(15) & ~3 : rreg(rn); }

/** Access address for base Rn and an unsigned offset; post-indexed (p = false) always writes back. */
function address(rn: u32, offset: u32, p: bool, u: bool, w: bool): u32 {
  const base = baseValue(rn);
  const offAddr = u ? base + offset : base - offset;
  wbAddr = offAddr;
  wbDo = p ? w : true;
  return p ? offAddr : base;
}

/** Base writeback; a write to the PC (UNPREDICTABLE) branches without interworking, as QEMU. */
@inline function writeBack(rn: u32): void {
  if (!wbDo) return;
  if (rn == 15) branchWritePC(wbAddr); else wreg(rn, wbAddr);
}

@inline function rn_(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function rt(insn: u32): u32 { return (insn >>> 12) & 0xf; }
@inline function pBit(insn: u32): bool { return (insn & (1 << 24)) != 0; }
@inline function uBit(insn: u32): bool { return (insn & (1 << 23)) != 0; }
@inline function wBit(insn: u32): bool { return (insn & (1 << 21)) != 0; }
@inline function imm12(insn: u32): u32 { return insn & 0xfff; }
@inline function imm8(insn: u32): u32 { return ((insn >>> 4) & 0xf0) | (insn & 0xf); }
/** Word/byte register offset: Rm shifted by an immediate (RRX uses the carry flag). */
@inline function regShifted(insn: u32): u32 { return shiftImmC(rreg(insn & 0xf), (insn >>> 5) & 3, (insn >>> 7) & 0x1f); }
/** Halfword/dual register offset: Rm unshifted. */
@inline function regPlain(insn: u32): u32 { return rreg(insn & 0xf); }

// ---- access kinds ----
export const K_W: i32 = 0;   // word
export const K_B: i32 = 1;   // unsigned byte
export const K_H: i32 = 2;   // unsigned halfword
export const K_SB: i32 = 3;  // signed byte
export const K_SH: i32 = 4;  // signed halfword

function loadKind(kind: i32, va: u32, flags: u32): u32 {
  switch (kind) {
    case K_W: return read32(va, flags);
    case K_B: return read8(va, flags);
    case K_H: return read16(va, flags);
    case K_SB: return <u32><i32><i8>read8(va, flags);
    default: return <u32><i32><i16>read16(va, flags);
  }
}

/** LDR* body: access, base writeback, then Rt (LoadWritePC for r15, interworking). */
export function loadSingle(rn: u32, rt: u32, offset: u32, p: bool, u: bool, w: bool, kind: i32, flags: u32): bool {
  const va = address(rn, offset, p, u, w);
  const v = loadKind(kind, va, flags);
  if (excTaken) return true;
  writeBack(rn);
  wregLoad(rt, v);
  return true;
}

/** STR* body: Rt = PC stores the PC as the instruction reads it (+8 A32, +4 T32). */
export function storeSingle(rn: u32, rt: u32, offset: u32, p: bool, u: bool, w: bool, kind: i32, flags: u32): bool {
  const va = address(rn, offset, p, u, w);
  const v = rreg(rt);
  if (kind == K_W) write32(va, v, flags);
  else if (kind == K_B) write8(va, v, flags);
  else write16(va, v, flags);
  if (excTaken) return true;
  writeBack(rn);
  return true;
}

@inline function doLoad(insn: u32, offset: u32, kind: i32, flags: u32): bool {
  return loadSingle(rn_(insn), rt(insn), offset, pBit(insn), uBit(insn), wBit(insn), kind, flags);
}
@inline function doStore(insn: u32, offset: u32, kind: i32, flags: u32): bool {
  return storeSingle(rn_(insn), rt(insn), offset, pBit(insn), uBit(insn), wBit(insn), kind, flags);
}

// ---- word and unsigned byte ----
export function LDR_imm(insn: u32): bool { return doLoad(insn, imm12(insn), K_W, 0); }
export function LDR_reg(insn: u32): bool { return doLoad(insn, regShifted(insn), K_W, 0); }
export function LDRB_imm(insn: u32): bool { return doLoad(insn, imm12(insn), K_B, 0); }
export function LDRB_reg(insn: u32): bool { return doLoad(insn, regShifted(insn), K_B, 0); }
export function STR_imm(insn: u32): bool { return doStore(insn, imm12(insn), K_W, 0); }
export function STR_reg(insn: u32): bool { return doStore(insn, regShifted(insn), K_W, 0); }
export function STRB_imm(insn: u32): bool { return doStore(insn, imm12(insn), K_B, 0); }
export function STRB_reg(insn: u32): bool { return doStore(insn, regShifted(insn), K_B, 0); }

// ---- unprivileged (post-indexed, PL0 permissions) ----
export function LDRT_imm(insn: u32): bool { return doLoad(insn, imm12(insn), K_W, F_USER); }
export function LDRT_reg(insn: u32): bool { return doLoad(insn, regShifted(insn), K_W, F_USER); }
export function LDRBT_imm(insn: u32): bool { return doLoad(insn, imm12(insn), K_B, F_USER); }
export function LDRBT_reg(insn: u32): bool { return doLoad(insn, regShifted(insn), K_B, F_USER); }
export function STRT_imm(insn: u32): bool { return doStore(insn, imm12(insn), K_W, F_USER); }
export function STRT_reg(insn: u32): bool { return doStore(insn, regShifted(insn), K_W, F_USER); }
export function STRBT_imm(insn: u32): bool { return doStore(insn, imm12(insn), K_B, F_USER); }
export function STRBT_reg(insn: u32): bool { return doStore(insn, regShifted(insn), K_B, F_USER); }

// ---- halfword and signed ----
export function LDRH_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_H, 0); }
export function LDRH_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_H, 0); }
export function LDRSB_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_SB, 0); }
export function LDRSB_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_SB, 0); }
export function LDRSH_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_SH, 0); }
export function LDRSH_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_SH, 0); }
export function STRH_imm(insn: u32): bool { return doStore(insn, imm8(insn), K_H, 0); }
export function STRH_reg(insn: u32): bool { return doStore(insn, regPlain(insn), K_H, 0); }

export function LDRHT_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_H, F_USER); }
export function LDRHT_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_H, F_USER); }
export function LDRSBT_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_SB, F_USER); }
export function LDRSBT_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_SB, F_USER); }
export function LDRSHT_imm(insn: u32): bool { return doLoad(insn, imm8(insn), K_SH, F_USER); }
export function LDRSHT_reg(insn: u32): bool { return doLoad(insn, regPlain(insn), K_SH, F_USER); }
export function STRHT_imm(insn: u32): bool { return doStore(insn, imm8(insn), K_H, F_USER); }
export function STRHT_reg(insn: u32): bool { return doStore(insn, regPlain(insn), K_H, F_USER); }

// ---- doubleword: two word accesses, each word-aligned (MO_ALIGN in QEMU 7.2) ----

/** Register write as QEMU's store_reg: Rt2 = PC (Rt = 14, UNPREDICTABLE) branches without interworking. */
@inline function wregPlainPC(n: u32, v: u32): void { if (n == 15) branchWritePC(v); else wreg(n, v); }

/** Odd Rt, and P=0 W=1 (no T form), are UNDEFINED in A32. */
@inline function dualUndef(insn: u32): bool {
  return (insn & (1 << 12)) != 0 || (insn & ((1 << 24) | (1 << 21))) == (1 << 21);
}

/** LDRD body (A32 Rt2 = Rt + 1; T32 encodes Rt2). */
export function loadDual(rn: u32, t: u32, t2: u32, offset: u32, p: bool, u: bool, w: bool): bool {
  const va = address(rn, offset, p, u, w);
  const lo = read32(va, F_ALIGN);
  if (excTaken) return true;
  // QEMU 7.2 writes Rt before loading the second word: a fault on it leaves Rt loaded
  // (checked against qemu-system-arm at the end of RAM).
  wregPlainPC(t, lo);
  const hi = read32(va + 4, F_ALIGN);
  if (excTaken) return true;
  wregPlainPC(t2, hi);
  writeBack(rn); // after the loads: with Rn == Rt the writeback wins (QEMU)
  return true;
}

export function storeDual(rn: u32, t: u32, t2: u32, offset: u32, p: bool, u: bool, w: bool): bool {
  const va = address(rn, offset, p, u, w);
  const lo = rreg(t);
  const hi = rreg(t2);
  write32(va, lo, F_ALIGN);
  if (excTaken) return true;
  write32(va + 4, hi, F_ALIGN);
  if (excTaken) return true;
  writeBack(rn);
  return true;
}

function doLoadDual(insn: u32, offset: u32): bool {
  if (dualUndef(insn)) return false;
  const t = rt(insn);
  return loadDual(rn_(insn), t, t + 1, offset, pBit(insn), uBit(insn), wBit(insn));
}

function doStoreDual(insn: u32, offset: u32): bool {
  if (dualUndef(insn)) return false;
  const t = rt(insn);
  return storeDual(rn_(insn), t, t + 1, offset, pBit(insn), uBit(insn), wBit(insn));
}

export function LDRD_imm(insn: u32): bool { return doLoadDual(insn, imm8(insn)); }
export function LDRD_reg(insn: u32): bool { return doLoadDual(insn, regPlain(insn)); }
export function STRD_imm(insn: u32): bool { return doStoreDual(insn, imm8(insn)); }
export function STRD_reg(insn: u32): bool { return doStoreDual(insn, regPlain(insn)); }
