// Inline wasm for the A64 integer data-processing rows (jit/emit-a64.ts picks the rows): ADD/SUB
// (immediate, shifted and extended register, with and without flags), ADC/SBC, logical
// (immediate, shifted register), MOVZ/MOVN/MOVK, ADR/ADRP, bit fields, EXTR, CLZ, shifts by
// register, MADD/MSUB, UDIV/SDIV, CSEL/CSINC/CSINV/CSNEG, CCMP/CCMN. Semantics mirror
// core/exec/a64 (dp-immediate.ts, dp-arith.ts, dp-flags.ts, dp-bitfield.ts, dp-sources.ts,
// dp-multiply.ts, dp-conditional.ts); test/jit/a64-fuzz.test.ts holds them to it.
import { Num } from "./wasm/opcodes.js";
import type { GuestInsn } from "./region-finder.js";
import { Flag } from "./emit-region.js";
import { emitCondition } from "./emit-a32.js";
import type { RegionEmitterA64 } from "./emit-region-a64.js";

export type E = RegionEmitterA64;
export const bits = (w: number, hi: number, lo: number) => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
export const sext = (v: number, n: number) => (v << (32 - n)) >> (32 - n);
export const rd = (w: number) => w & 31, rn = (w: number) => (w >>> 5) & 31, rm = (w: number) => (w >>> 16) & 31;
export const is64 = (w: number) => (w >>> 31) === 1;

/** Zero-extend the low word of the i64 on the stack (a 32-bit result). */
export function trunc32(e: E): void { e.b.op(Num.i32_wrap_i64).op(Num.i64_extend_i32_u); }

/** N and Z from the i64 result in local `r` (dp-flags setNZ64 / setNZ32 on its low word). */
function setNZ(e: E, r: number, wide: boolean): void {
  const b = e.b;
  if (wide) {
    b.localGet(r).i64Const(32).op(Num.i64_shr_u).op(Num.i32_wrap_i64); e.setFlag(Flag.N);
    b.localGet(r).op(Num.i32_wrap_i64).localGet(r).i64Const(32).op(Num.i64_shr_u).op(Num.i32_wrap_i64).op(Num.i32_or); e.setFlag(Flag.Z);
  } else {
    b.localGet(r).op(Num.i32_wrap_i64); e.setFlag(Flag.N);
    b.localGet(r).op(Num.i32_wrap_i64); e.setFlag(Flag.Z);
  }
}

/**
 * x + y or x - y at the width, x and y (i64 locals, zero-extended at 32 bits) to local `r`
 * (zero-extended); with `flags`, NZCV as AddWithCarry (dp-flags.ts) sets them.
 */
function addSub(e: E, x: number, y: number, r: number, sub: boolean, wide: boolean, flags: boolean): void {
  const b = e.b;
  b.localGet(x).localGet(y).op(sub ? Num.i64_sub : Num.i64_add);
  if (!wide) trunc32(e);
  b.localSet(r);
  if (!flags) return;
  setNZ(e, r, wide);
  // C: add carries when r < x (unsigned), sub (x + ~y + 1) when r <= x
  b.localGet(r).localGet(x).op(sub ? Num.i64_le_u : Num.i64_lt_u); e.setFlag(Flag.C);
  // V: (r ^ x) & ~(x ^ y') with y' = y for add, ~y for sub; at 64 bits its high word, at 32 its low
  b.localGet(r).localGet(x).op(Num.i64_xor).localGet(x).localGet(y).op(Num.i64_xor);
  if (!sub) b.i64Const(-1).op(Num.i64_xor);
  b.op(Num.i64_and);
  if (wide) b.i64Const(32).op(Num.i64_shr_u);
  b.op(Num.i32_wrap_i64); e.setFlag(Flag.V);
}

/** Push Xm (XZR) at the width shifted by a constant (dp-operands shiftReg; amount < width). */
function shifted(e: E, m: number, type: number, amount: number, wide: boolean): void {
  const b = e.b;
  e.getX(m);
  if (wide) {
    if (amount !== 0) b.i64Const(amount).op([Num.i64_shl, Num.i64_shr_u, Num.i64_shr_s, Num.i64_rotr][type]);
    return;
  }
  b.op(Num.i32_wrap_i64);
  if (amount !== 0) b.i32Const(amount).op([Num.i32_shl, Num.i32_shr_u, Num.i32_shr_s, Num.i32_rotr][type]);
  b.op(Num.i64_extend_i32_u);
}

/** ADD/ADDS/SUB/SUBS (immediate): Rn and (without S) Rd are SP for 31. */
export function emitAddSubImm(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, flags = bits(w, 29, 29) === 1;
  const [x, y, r] = e.u;
  e.getXSP(rn(w)); if (!wide) trunc32(e); b.localSet(x);
  b.i64Const(bits(w, 21, 10) * (bits(w, 22, 22) ? 4096 : 1)).localSet(y);
  addSub(e, x, y, r, sub, wide, flags);
  b.localGet(r);
  if (flags) e.setX(rd(w)); else e.setXSP(rd(w));
}

/** ADD/ADDS/SUB/SUBS (shifted register): register 31 is XZR throughout. */
export function emitAddSubShift(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, flags = bits(w, 29, 29) === 1;
  const [x, y, r] = e.u;
  e.getX(rn(w)); if (!wide) trunc32(e); b.localSet(x);
  shifted(e, rm(w), bits(w, 23, 22), bits(w, 15, 10), wide); b.localSet(y);
  addSub(e, x, y, r, sub, wide, flags);
  b.localGet(r); e.setX(rd(w));
}

/** ANDS/BICS/TST flags: N, Z from the result, C = V = 0. */
function logicFlags(e: E, r: number, wide: boolean): void {
  setNZ(e, r, wide);
  e.b.i32Const(0); e.setFlag(Flag.C);
  e.b.i32Const(0); e.setFlag(Flag.V);
}

const LOGIC_OPS = [Num.i64_and, Num.i64_or, Num.i64_xor, Num.i64_and];

/** AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register). */
export function emitLogicalShift(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), opc = bits(w, 30, 29), invert = bits(w, 21, 21) === 1;
  const [r] = e.u;
  e.getX(rn(w));
  shifted(e, rm(w), bits(w, 23, 22), bits(w, 15, 10), wide);
  if (invert) b.i64Const(wide ? -1 : 0xffffffff).op(Num.i64_xor);
  b.op(LOGIC_OPS[opc]);
  if (!wide) trunc32(e); // (Rn's top half, for AND/ORR/EOR with a 32-bit operand)
  b.localSet(r);
  if (opc === 3) logicFlags(e, r, wide);
  b.localGet(r); e.setX(rd(w));
}

/** DecodeBitMasks' wmask of a logical immediate (dp-bitmask.ts logicImmMask), 0n if reserved. */
export function logicImmMask(n: number, imms: number, immr: number): bigint {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return 0n;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return 0n;
  const esize = 1 << len, levels = esize - 1, s = imms & levels, r = immr & levels;
  if (s === levels) return 0n;
  const ones = (k: number) => (1n << BigInt(k)) - 1n;
  const x = ones(s + 1), size = BigInt(esize);
  let elem = r === 0 ? x : ((x >> BigInt(r)) | (x << (size - BigInt(r)))) & ones(esize);
  for (let k = esize; k < 64; k <<= 1) elem |= elem << BigInt(k);
  return elem;
}

/** The mask of a logical immediate at the width, or undefined if the encoding is UNDEFINED. */
export function logicalImmValue(w: number): bigint | undefined {
  const n = bits(w, 22, 22);
  if (!is64(w) && n) return undefined;
  const mask = logicImmMask(n, bits(w, 15, 10), bits(w, 21, 16));
  if (mask === 0n) return undefined;
  return is64(w) ? mask : mask & 0xffffffffn;
}

/** AND/ORR/EOR (Rd may be SP) and ANDS (immediate); Rn is XZR for 31. */
export function emitLogicalImm(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), opc = bits(w, 30, 29);
  const [r] = e.u;
  e.getX(rn(w));
  if (!wide) trunc32(e);
  b.i64Const(BigInt.asIntN(64, logicalImmValue(w)!)).op(LOGIC_OPS[opc]).localSet(r);
  if (opc === 3) { logicFlags(e, r, wide); b.localGet(r); e.setX(rd(w)); }
  else { b.localGet(r); e.setXSP(rd(w)); }
}

/** MOVN/MOVZ/MOVK (hw >= 2 in the 32-bit forms is UNDEFINED: not accepted). */
export function emitMoveWide(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), pos = BigInt(bits(w, 22, 21) * 16);
  const imm = BigInt(bits(w, 20, 5)) << pos;
  const d = rd(w);
  if (insn.name === "MOVK") {
    e.getX(d).b.i64Const(BigInt.asIntN(64, ~(0xffffn << pos))).op(Num.i64_and).i64Const(imm).op(Num.i64_or);
    if (!wide) trunc32(e);
  } else {
    let v = insn.name === "MOVN" ? ~imm : imm;
    v = wide ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
    b.i64Const(BigInt.asIntN(64, v));
  }
  e.setX(d);
}

/** ADR/ADRP: constants (Rd 31 is XZR). */
export function emitAdr(e: E, insn: GuestInsn): void {
  const w = insn.word;
  const imm = BigInt(sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21));
  const pc = e.pc64(insn.pc);
  const v = insn.name === "ADRP" ? (pc & ~0xfffn) + (imm << 12n) : pc + imm;
  e.b.i64Const(BigInt.asIntN(64, v)); e.setX(rd(w));
}

/** CSEL/CSINC/CSINV/CSNEG: Rd = cond ? Rn : f(Rm), computed at 64 bits and truncated (the same mod 2^32). */
export function emitCondSelect(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), cond = bits(w, 15, 12);
  const invert = bits(w, 30, 30) === 1, inc = bits(w, 10, 10) === 1;
  e.getX(rn(w));
  if (cond < 14) {
    e.getX(rm(w));
    if (invert) b.i64Const(-1).op(Num.i64_xor);
    if (inc) b.i64Const(1).op(Num.i64_add);
    emitCondition(e, cond);
    b.select();
  }
  if (!wide) trunc32(e);
  e.setX(rd(w));
}

/** ADD/ADDS/SUB/SUBS (extended register): Rm extended (UXTB..SXTX) and shifted by imm3 <= 4; Rn
 *  and (without S) Rd are SP for 31. */
export function emitAddSubExt(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, flags = bits(w, 29, 29) === 1;
  const option = bits(w, 15, 13), shift = bits(w, 12, 10);
  const [x, y, r] = e.u;
  e.getXSP(rn(w)); if (!wide) trunc32(e); b.localSet(x);
  e.getX(rm(w));
  const ext = [[Num.i64_extend8_s, 0xffn], [Num.i64_extend16_s, 0xffffn], [Num.i64_extend32_s, 0xffffffffn]] as const;
  if ((option & 3) < 3) {
    const [signOp, mask] = ext[option & 3];
    if (option & 4) b.op(signOp); else b.i64Const(BigInt.asIntN(64, mask)).op(Num.i64_and);
  }
  if (shift) b.i64Const(shift).op(Num.i64_shl);
  if (!wide) trunc32(e);
  b.localSet(y);
  addSub(e, x, y, r, sub, wide, flags);
  b.localGet(r);
  if (flags) e.setX(rd(w)); else e.setXSP(rd(w));
}

/** MADD/MSUB (MUL, MNEG): Ra +/- Rn * Rm at the width. */
export function emitMulAdd(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b;
  e.getX(bits(w, 14, 10));
  e.getX(rn(w)).getX(rm(w)); b.op(Num.i64_mul).op(bits(w, 15, 15) ? Num.i64_sub : Num.i64_add);
  if (!is64(w)) trunc32(e);
  e.setX(rd(w));
}

const ones = (k: number) => (1n << BigInt(k)) - 1n;
const rorBig = (v: bigint, r: number, size: number) => (r === 0 ? v : ((v >> BigInt(r)) | (v << BigInt(size - r))) & ones(size));

/** SBFM/BFM/UBFM (dp-bitfield.ts): the masks are constants, the rotation one op. */
export function emitBitfield(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), size = wide ? 64 : 32;
  const immr = bits(w, 21, 16), imms = bits(w, 15, 10), op = insn.name;
  const wmask = rorBig(ones(imms + 1), immr, size), tmask = ones(((imms - immr) & (size - 1)) + 1), all = ones(size);
  const c = (v: bigint) => b.i64Const(BigInt.asIntN(64, v));
  const [src] = e.u;
  e.getX(rn(w)); b.localSet(src);
  if (wide) b.localGet(src).i64Const(immr).op(Num.i64_rotr);
  else b.localGet(src).op(Num.i32_wrap_i64).i32Const(immr).op(Num.i32_rotr).op(Num.i64_extend_i32_u);
  c(wmask & tmask); b.op(Num.i64_and);
  if (op === "BFM") {
    e.getX(rd(w)); c(~wmask & tmask & all); b.op(Num.i64_and).op(Num.i64_or);
    e.getX(rd(w)); c(~tmask & all); b.op(Num.i64_and).op(Num.i64_or);
  } else if (op === "SBFM") {
    // the sign (bit imms of the source) above the field
    b.i64Const(0).localGet(src).i64Const(imms).op(Num.i64_shr_u).i64Const(1).op(Num.i64_and).op(Num.i64_sub);
    c(~tmask & all); b.op(Num.i64_and).op(Num.i64_or);
  }
  if (!wide) trunc32(e);
  e.setX(rd(w));
}
/** LSLV/LSRV/ASRV/RORV: wasm shifts take the amount modulo the width, as A64 does. */
export function emitShiftVar(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, type = bits(w, 11, 10);
  if (is64(w)) {
    e.getX(rn(w)).getX(rm(w)); b.op([Num.i64_shl, Num.i64_shr_u, Num.i64_shr_s, Num.i64_rotr][type]);
  } else {
    e.getX(rn(w)); b.op(Num.i32_wrap_i64); e.getX(rm(w)); b.op(Num.i32_wrap_i64);
    b.op([Num.i32_shl, Num.i32_shr_u, Num.i32_shr_s, Num.i32_rotr][type]).op(Num.i64_extend_i32_u);
  }
  e.setX(rd(w));
}

/** UDIV/SDIV (dp-sources.ts): a zero divisor gives 0, MIN / -1 gives MIN (wasm would trap on both). */
export function emitDivide(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), signed = bits(w, 10, 10) === 1;
  const [x, y] = e.u;
  const operand = (n: number, local: number) => {
    e.getX(n);
    if (!wide) b.op(Num.i32_wrap_i64).op(signed ? Num.i64_extend_i32_s : Num.i64_extend_i32_u);
    b.localSet(local);
  };
  operand(rn(w), x); operand(rm(w), y);
  // divisor 0 (and -1 when signed) replaced by 1, the answer then selected (select: cond ? first : second)
  const q = e.u[2];
  b.localGet(x).i64Const(1).localGet(y).localGet(y).op(Num.i64_eqz);
  if (signed) b.localGet(y).i64Const(-1).op(Num.i64_eq).op(Num.i32_or);
  b.select().op(signed ? Num.i64_div_s : Num.i64_div_u).localSet(q);
  if (signed) b.i64Const(0).localGet(x).op(Num.i64_sub).localGet(q).localGet(y).i64Const(-1).op(Num.i64_eq).select().localSet(q);
  b.i64Const(0).localGet(q).localGet(y).op(Num.i64_eqz).select();
  if (!wide) trunc32(e);
  e.setX(rd(w));
}

/** ADC/ADCS/SBC/SBCS: Rn + Rm (or ~Rm) + C at the width, flags as AddWithCarry with a carry in. */
export function emitAddCarry(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, flags = bits(w, 29, 29) === 1;
  const [x, y, r, c] = e.u;
  e.getX(rn(w)); if (!wide) trunc32(e); b.localSet(x);
  e.getX(rm(w)); if (sub) b.i64Const(-1).op(Num.i64_xor); if (!wide) trunc32(e); b.localSet(y); // y' (~Rm for SBC)
  e.getFlag(Flag.C); b.i32Const(1).op(Num.i32_and).op(Num.i64_extend_i32_u).localSet(c);
  b.localGet(x).localGet(y).op(Num.i64_add).localGet(c).op(Num.i64_add).localSet(r); // 32 bits: the carry is bit 32
  if (flags) {
    if (wide) {
      b.localGet(r).localGet(x).op(Num.i64_lt_u).localGet(c).op(Num.i32_wrap_i64).localGet(r).localGet(x).op(Num.i64_eq).op(Num.i32_and).op(Num.i32_or);
    } else b.localGet(r).i64Const(32).op(Num.i64_shr_u).op(Num.i32_wrap_i64);
    e.setFlag(Flag.C);
    if (!wide) { b.localGet(r); trunc32(e); b.localSet(r); }
    setNZ(e, r, wide);
    b.localGet(r).localGet(x).op(Num.i64_xor).localGet(x).localGet(y).op(Num.i64_xor).i64Const(-1).op(Num.i64_xor).op(Num.i64_and);
    if (wide) b.i64Const(32).op(Num.i64_shr_u);
    b.op(Num.i32_wrap_i64); e.setFlag(Flag.V);
  } else if (!wide) { b.localGet(r); trunc32(e); b.localSet(r); }
  b.localGet(r); e.setX(rd(w));
}

/** CCMN/CCMP (register, immediate): if cond holds the flags of Rn +/- y, else NZCV = the nzcv field. */
export function emitCondCompare(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, cond = bits(w, 15, 12), nzcv = w & 15;
  const [x, y, r] = e.u;
  const compare = () => {
    e.getX(rn(w)); if (!wide) trunc32(e); b.localSet(x);
    if (bits(w, 11, 11)) b.i64Const(bits(w, 20, 16)); else { e.getX(rm(w)); if (!wide) trunc32(e); }
    b.localSet(y);
    addSub(e, x, y, r, sub, wide, true);
  };
  if (cond >= 14) { compare(); return; }
  emitCondition(e, cond);
  b.if();
  compare();
  b.else();
  b.i32Const(nzcv & 8 ? 0x80000000 | 0 : 0); e.setFlag(Flag.N);
  b.i32Const(nzcv & 4 ? 0 : 1); e.setFlag(Flag.Z);
  b.i32Const((nzcv >> 1) & 1); e.setFlag(Flag.C);
  b.i32Const(nzcv & 1 ? 0x80000000 | 0 : 0); e.setFlag(Flag.V);
  b.end();
}

/** EXTR (ROR by immediate when Rn = Rm): (Rn:Rm) >> lsb at the width. */
export function emitExtract(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, lsb = bits(w, 15, 10);
  if (lsb === 0) { e.getX(rm(w)); if (!is64(w)) trunc32(e); e.setX(rd(w)); return; }
  if (is64(w)) {
    e.getX(rm(w)); b.i64Const(lsb).op(Num.i64_shr_u); e.getX(rn(w)); b.i64Const(64 - lsb).op(Num.i64_shl).op(Num.i64_or);
  } else {
    e.getX(rm(w)); b.op(Num.i32_wrap_i64).i32Const(lsb).op(Num.i32_shr_u);
    e.getX(rn(w)); b.op(Num.i32_wrap_i64).i32Const(32 - lsb).op(Num.i32_shl).op(Num.i32_or).op(Num.i64_extend_i32_u);
  }
  e.setX(rd(w));
}

/** CLZ at the width. */
export function emitClz(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b;
  e.getX(rn(w));
  if (is64(w)) b.op(Num.i64_clz); else b.op(Num.i32_wrap_i64).op(Num.i32_clz).op(Num.i64_extend_i32_u);
  e.setX(rd(w));
}
