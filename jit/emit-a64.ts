// Inline wasm for the hot A64 rows: ADD/SUB (immediate, shifted and extended register, with and
// without flags), ADC/SBC, logical (immediate, shifted register), MOVZ/MOVN/MOVK, ADR/ADRP, bit
// fields, EXTR, CLZ, shifts by register, MADD/MSUB, UDIV/SDIV, CSEL/CSINC/CSINV/CSNEG, CCMP/CCMN,
// B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR/BLR/RET, NOP and barriers, and the GPR loads and stores
// (single: unsigned offset, unscaled, pre-/post-indexed, register offset; pairs) whose
// software-TLB probe hits with the address aligned (anything else runs the row's interpreter
// handler through the fallback). Semantics mirror core/exec/a64 (dp-*.ts, branch.ts,
// load-store.ts, load-store-pair.ts, addressing.ts); the fuzz test
// (test/jit/a64-fuzz.test.ts) holds them to it. Everything else returns false: fallback.
import { Num } from "./wasm/opcodes.js";
import { TLB64_BASE } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { Flag } from "./emit-region.js";
import { emitCondition } from "./emit-a32.js";
import type { RegionEmitterA64 } from "./emit-region-a64.js";

type E = RegionEmitterA64;
const bits = (w: number, hi: number, lo: number) => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
const sext = (v: number, n: number) => (v << (32 - n)) >> (32 - n);
const rd = (w: number) => w & 31, rn = (w: number) => (w >>> 5) & 31, rm = (w: number) => (w >>> 16) & 31;
const is64 = (w: number) => (w >>> 31) === 1;

/** Zero-extend the low word of the i64 on the stack (a 32-bit result). */
function trunc32(e: E): void { e.b.op(Num.i32_wrap_i64).op(Num.i64_extend_i32_u); }

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
function emitAddSubImm(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), sub = bits(w, 30, 30) === 1, flags = bits(w, 29, 29) === 1;
  const [x, y, r] = e.u;
  e.getXSP(rn(w)); if (!wide) trunc32(e); b.localSet(x);
  b.i64Const(bits(w, 21, 10) * (bits(w, 22, 22) ? 4096 : 1)).localSet(y);
  addSub(e, x, y, r, sub, wide, flags);
  b.localGet(r);
  if (flags) e.setX(rd(w)); else e.setXSP(rd(w));
}

/** ADD/ADDS/SUB/SUBS (shifted register): register 31 is XZR throughout. */
function emitAddSubShift(e: E, insn: GuestInsn): void {
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
function emitLogicalShift(e: E, insn: GuestInsn): void {
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
function logicalImmValue(w: number): bigint | undefined {
  const n = bits(w, 22, 22);
  if (!is64(w) && n) return undefined;
  const mask = logicImmMask(n, bits(w, 15, 10), bits(w, 21, 16));
  if (mask === 0n) return undefined;
  return is64(w) ? mask : mask & 0xffffffffn;
}

/** AND/ORR/EOR (Rd may be SP) and ANDS (immediate); Rn is XZR for 31. */
function emitLogicalImm(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, wide = is64(w), opc = bits(w, 30, 29);
  const [r] = e.u;
  e.getX(rn(w));
  if (!wide) trunc32(e);
  b.i64Const(BigInt.asIntN(64, logicalImmValue(w)!)).op(LOGIC_OPS[opc]).localSet(r);
  if (opc === 3) { logicFlags(e, r, wide); b.localGet(r); e.setX(rd(w)); }
  else { b.localGet(r); e.setXSP(rd(w)); }
}

/** MOVN/MOVZ/MOVK (hw >= 2 in the 32-bit forms is UNDEFINED: not accepted). */
function emitMoveWide(e: E, insn: GuestInsn): void {
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
function emitAdr(e: E, insn: GuestInsn): void {
  const w = insn.word;
  const imm = BigInt(sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21));
  const pc = e.pc64(insn.pc);
  const v = insn.name === "ADRP" ? (pc & ~0xfffn) + (imm << 12n) : pc + imm;
  e.b.i64Const(BigInt.asIntN(64, v)); e.setX(rd(w));
}

/** CSEL/CSINC/CSINV/CSNEG: Rd = cond ? Rn : f(Rm), computed at 64 bits and truncated (the same mod 2^32). */
function emitCondSelect(e: E, insn: GuestInsn): void {
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

/** Push the branch condition of CBZ/CBNZ/TBZ/TBNZ (non-zero: taken). */
function testCondition(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, nz = insn.name.endsWith("NZ");
  e.getX(rd(w));
  if (insn.name[0] === "C") {
    if (!is64(w)) { b.op(Num.i32_wrap_i64); if (!nz) b.op(Num.i32_eqz); } // a non-zero word is taken
    else { b.op(Num.i64_eqz); if (nz) b.op(Num.i32_eqz); }
  } else {
    const bit = (bits(w, 31, 31) << 5) | bits(w, 23, 19);
    b.i64Const(bit).op(Num.i64_shr_u).op(Num.i32_wrap_i64).i32Const(1).op(Num.i32_and);
    if (!nz) b.op(Num.i32_eqz);
  }
}

const branchOffset = (insn: GuestInsn): bigint => {
  const w = insn.word;
  switch (insn.name) {
    case "B": case "BL": return BigInt(sext((w & 0x3ffffff) << 2, 28));
    case "TBZ": case "TBNZ": return BigInt(sext(bits(w, 18, 5) << 2, 16));
    default: return BigInt(sext(bits(w, 23, 5) << 2, 21));
  }
};
const targetOf = (e: E, insn: GuestInsn) => BigInt.asUintN(64, e.pc64(insn.pc) + branchOffset(insn));

/** B, B.cond, CBZ/CBNZ, TBZ/TBNZ: a taken branch inside the region stays in it. */
function emitBranch(e: E, insn: GuestInsn): void {
  const target = targetOf(e, insn);
  if (insn.name === "B" || (insn.name === "B_cond" && (insn.word & 15) >= 14)) { e.branchTo(target, insn.pc); return; }
  if (insn.name === "B_cond") emitCondition(e, insn.word & 15);
  else testCondition(e, insn);
  e.b.if();
  e.branchTo(target, insn.pc);
  e.b.end();
}

/** BL: X30 = PC + 4, then leave to the target. */
function emitBl(e: E, insn: GuestInsn): void {
  e.b.i64Const(BigInt.asIntN(64, e.pc64(insn.pc) + 4n)); e.setX(30);
  e.pend++; e.exitTo(targetOf(e, insn)); e.pend--;
}

/** BR/BLR/RET: leave to Xn (read before BLR writes X30). */
function emitBranchReg(e: E, insn: GuestInsn): void {
  const v = e.u[0];
  e.getX(rn(insn.word)); e.b.localSet(v);
  if (insn.name === "BLR") { e.b.i64Const(BigInt.asIntN(64, e.pc64(insn.pc) + 4n)); e.setX(30); }
  e.pend++; e.exitToDynamic(v); e.pend--;
}

/**
 * The GPR single loads and stores (load-store.ts, addressing.ts transfer): the address into
 * u[1] (the writeback value into u[2]); a TLB hit with the address aligned to the access size
 * does the access, then Rt, then the base writeback; anything else is the fallback.
 */
function emitLoadStore(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, name = insn.name;
  const size = w >>> 30, opc = bits(w, 23, 22), load = opc !== 0, bytes = 1 << size;
  const n = rn(w), t = rd(w);
  const [, va, wb, tv] = e.u;
  const [tent, th] = e.t;
  const unscaled = /^(LDUR|STUR)/.test(name);
  const mode = unscaled ? "unscaled" : name.slice(name.lastIndexOf("_") + 1);
  const simm = BigInt(sext(bits(w, 20, 12), 9));
  e.getXSP(n);
  if (mode === "post") b.localTee(va).i64Const(simm).op(Num.i64_add).localSet(wb);
  else if (mode === "pre" || mode === "unscaled") {
    b.i64Const(simm).op(Num.i64_add).localTee(va);
    if (mode === "pre") b.localSet(wb); else b.drop();
  } else if (mode === "imm") {
    b.i64Const(bits(w, 21, 10) * bytes).op(Num.i64_add).localSet(va);
  } else { // register offset
    const option = bits(w, 15, 13);
    e.getX(rm(w));
    if ((option & 1) === 0) b.op(Num.i32_wrap_i64).op(option & 4 ? Num.i64_extend_i32_s : Num.i64_extend_i32_u);
    if (bits(w, 12, 12) && size) b.i64Const(size).op(Num.i64_shl);
    b.op(Num.i64_add).localSet(va);
  }
  // TLB probe (core/mmu/tlb64.ts): tag == va with its low alignment bits kept
  const table = (e.key & 1 ? 3 : 0) + (load ? 0 : 1);
  b.localGet(va).i64Const(12).op(Num.i64_shr_u).op(Num.i32_wrap_i64).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(4).op(Num.i32_shl).i32Const(TLB64_BASE).op(Num.i32_add).localSet(tent);
  b.localGet(tent).i64Load(0).localGet(va).i64Const(-4096 | (bytes - 1)).op(Num.i64_and).op(Num.i64_eq);
  b.if();
  b.localGet(va).localGet(tent).i64Load(8).op(Num.i64_add).op(Num.i32_wrap_i64).localSet(th);
  if (load) {
    b.localGet(th);
    const signed = opc >= 2 && size < 3;
    if (size === 3) b.i64Load(0, 0);
    else if (size === 2) { if (signed) b.i64Load32S(0, 0); else b.i64Load32U(0, 0); }
    else if (size === 1) { if (signed) b.i64Load16S(0, 0); else b.i64Load16U(0, 0); }
    else if (signed) b.i64Load8S(0); else b.i64Load8U(0);
    if (signed && opc === 3) b.i64Const(0xffffffff).op(Num.i64_and);
    b.localSet(tv);
    b.localGet(tv); e.setX(t);
  } else {
    b.localGet(th); e.getX(t);
    if (size === 3) b.i64Store(0, 0); else if (size === 2) b.i64Store32(0, 0); else if (size === 1) b.i64Store16(0, 0); else b.i64Store8(0);
  }
  if (mode === "post" || mode === "pre") { b.localGet(wb); e.setXSP(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/** ADD/ADDS/SUB/SUBS (extended register): Rm extended (UXTB..SXTX) and shifted by imm3 <= 4; Rn
 *  and (without S) Rd are SP for 31. */
function emitAddSubExt(e: E, insn: GuestInsn): void {
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
function emitMulAdd(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b;
  e.getX(bits(w, 14, 10));
  e.getX(rn(w)).getX(rm(w)); b.op(Num.i64_mul).op(bits(w, 15, 15) ? Num.i64_sub : Num.i64_add);
  if (!is64(w)) trunc32(e);
  e.setX(rd(w));
}

const ones = (k: number) => (1n << BigInt(k)) - 1n;
const rorBig = (v: bigint, r: number, size: number) => (r === 0 ? v : ((v >> BigInt(r)) | (v << BigInt(size - r))) & ones(size));

/** SBFM/BFM/UBFM (dp-bitfield.ts): the masks are constants, the rotation one op. */
function emitBitfield(e: E, insn: GuestInsn): void {
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

/**
 * LDP/STP/LDPSW of X or W registers (load-store-pair.ts gprPair): when both elements are in one
 * page, aligned, and the TLB hits, the accesses are inline (loads write Rt2 then Rt, the base
 * writeback last; stores store the old values); anything else is the fallback.
 */
function emitPair(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, load = bits(w, 22, 22) === 1, index = bits(w, 24, 23);
  const log2 = 2 + (w >>> 31), bytes = 1 << log2, signed = bits(w, 30, 30) === 1;
  const n = rn(w), t = rd(w), t2 = bits(w, 14, 10);
  const off = BigInt(sext(bits(w, 21, 15), 7) * bytes);
  const [, va, wb, v1] = e.u;
  const [tent, th] = e.t;
  e.getXSP(n);
  if (index === 1) b.localTee(va).i64Const(off).op(Num.i64_add).localSet(wb);
  else b.i64Const(off).op(Num.i64_add).localTee(va).localSet(wb);
  const table = (e.key & 1 ? 3 : 0) + (load ? 0 : 1);
  b.localGet(va).i64Const(12).op(Num.i64_shr_u).op(Num.i32_wrap_i64).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(4).op(Num.i32_shl).i32Const(TLB64_BASE).op(Num.i32_add).localSet(tent);
  b.localGet(tent).i64Load(0).localGet(va).i64Const(-4096 | (bytes - 1)).op(Num.i64_and).op(Num.i64_eq)
    .localGet(va).op(Num.i32_wrap_i64).i32Const(0xfff).op(Num.i32_and).i32Const(0x1000 - 2 * bytes).op(Num.i32_le_u).op(Num.i32_and);
  b.if();
  b.localGet(va).localGet(tent).i64Load(8).op(Num.i64_add).op(Num.i32_wrap_i64).localSet(th);
  const elem = (k: number) => {
    b.localGet(th);
    if (log2 === 3) b.i64Load(8 * k, 0); else if (signed) b.i64Load32S(4 * k, 0); else b.i64Load32U(4 * k, 0);
  };
  if (load) {
    elem(0); b.localSet(v1);
    elem(1); e.setX(t2);
    b.localGet(v1); e.setX(t);
  } else {
    b.localGet(th); e.getX(t); if (log2 === 3) b.i64Store(0, 0); else b.i64Store32(0, 0);
    b.localGet(th); e.getX(t2); if (log2 === 3) b.i64Store(bytes, 0); else b.i64Store32(bytes, 0);
  }
  if (index & 1) { b.localGet(wb); e.setXSP(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/** LSLV/LSRV/ASRV/RORV: wasm shifts take the amount modulo the width, as A64 does. */
function emitShiftVar(e: E, insn: GuestInsn): void {
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
function emitDivide(e: E, insn: GuestInsn): void {
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
function emitAddCarry(e: E, insn: GuestInsn): void {
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
function emitCondCompare(e: E, insn: GuestInsn): void {
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
function emitExtract(e: E, insn: GuestInsn): void {
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
function emitClz(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b;
  e.getX(rn(w));
  if (is64(w)) b.op(Num.i64_clz); else b.op(Num.i32_wrap_i64).op(Num.i32_clz).op(Num.i64_extend_i32_u);
  e.setX(rd(w));
}

interface InlineRow { rows: readonly string[]; accepts(w: number, name: string): boolean; emit(e: E, insn: GuestInsn): void }

const ldst = (modes: string[]) => ["STR", "LDR", "LDRS_X", "LDRSW", "LDRS_W"].flatMap((r) => modes.map((m) => `${r}_${m}`));
const INLINE_ROWS: readonly InlineRow[] = [
  { rows: ["ADD_imm", "ADDS_imm", "SUB_imm", "SUBS_imm"], accepts: () => true, emit: emitAddSubImm },
  // ROR and 32-bit shifts of 32 or more are UNDEFINED
  { rows: ["ADD_shift", "ADDS_shift", "SUB_shift", "SUBS_shift"], accepts: (w) => bits(w, 23, 22) !== 3 && (is64(w) || bits(w, 15, 15) === 0), emit: emitAddSubShift },
  { rows: ["AND_shift", "BIC_shift", "ORR_shift", "ORN_shift", "EOR_shift", "EON_shift", "ANDS_shift", "BICS_shift"], accepts: (w) => is64(w) || bits(w, 15, 15) === 0, emit: emitLogicalShift },
  { rows: ["AND_imm", "ORR_imm", "EOR_imm", "ANDS_imm"], accepts: (w) => logicalImmValue(w) !== undefined, emit: emitLogicalImm },
  { rows: ["MOVN", "MOVZ", "MOVK"], accepts: (w) => is64(w) || bits(w, 22, 22) === 0, emit: emitMoveWide },
  { rows: ["ADR", "ADRP"], accepts: () => true, emit: emitAdr },
  { rows: ["ADD_ext", "ADDS_ext", "SUB_ext", "SUBS_ext"], accepts: (w) => bits(w, 12, 10) <= 4, emit: emitAddSubExt },
  { rows: ["MADD", "MSUB"], accepts: () => true, emit: emitMulAdd },
  { rows: ["LSLV", "LSRV", "ASRV", "RORV"], accepts: () => true, emit: emitShiftVar },
  { rows: ["UDIV", "SDIV"], accepts: () => true, emit: emitDivide },
  { rows: ["ADC", "ADCS", "SBC", "SBCS"], accepts: () => true, emit: emitAddCarry },
  { rows: ["CCMN_reg", "CCMN_imm", "CCMP_reg", "CCMP_imm"], accepts: () => true, emit: emitCondCompare },
  // N must equal sf; a 32-bit lsb of 32 or more is UNDEFINED
  { rows: ["EXTR"], accepts: (w) => bits(w, 22, 22) === w >>> 31 && (is64(w) || bits(w, 15, 15) === 0), emit: emitExtract },
  { rows: ["CLZ"], accepts: () => true, emit: emitClz },
  // N must equal sf; 32-bit field values of 32 or more are UNDEFINED
  {
    rows: ["SBFM", "BFM", "UBFM"], emit: emitBitfield,
    accepts: (w) => bits(w, 22, 22) === w >>> 31 && (is64(w) || (bits(w, 21, 21) === 0 && bits(w, 15, 15) === 0)),
  },
  // opc 11 (reserved) is not in these rows; LDPSW is opc 01
  { rows: ["STP_off", "LDP_off", "STP_pre", "LDP_pre", "STP_post", "LDP_post", "LDPSW_off", "LDPSW_pre", "LDPSW_post", "STNP", "LDNP"], accepts: () => true, emit: emitPair },
  { rows: ["CSEL", "CSINC", "CSINV", "CSNEG"], accepts: () => true, emit: emitCondSelect },
  { rows: ["B", "B_cond", "CBZ", "CBNZ", "TBZ", "TBNZ"], accepts: () => true, emit: emitBranch },
  { rows: ["BL"], accepts: () => true, emit: emitBl },
  { rows: ["BR", "BLR", "RET"], accepts: () => true, emit: emitBranchReg },
  {
    rows: [...ldst(["imm", "post", "pre", "reg"]), "STUR", "LDUR", "LDURS_X", "LDURSW", "LDURS_W"],
    // register offset: only the allocated extends UXTW, LSL, SXTW, SXTX (option x1x)
    accepts: (w, name) => !name.endsWith("_reg") || (bits(w, 15, 13) & 2) !== 0,
    emit: emitLoadStore,
  },
];
const BY_ROW = new Map(INLINE_ROWS.flatMap((r) => r.rows.map((name) => [name, r] as const)));

/** Hints the interpreter runs as no-ops (NOP, YIELD, unallocated; not WFE/WFI/SEV/SEVL), barriers. */
const isNoOp = (insn: GuestInsn) => insn.name === "DSB" || insn.name === "DMB" || insn.name === "ISB" ||
  (insn.name === "HINT" && ![2, 3, 4, 5].includes(bits(insn.word, 11, 5)));

/** Inline code for `insn` if its row has an emitter that takes it; false: the caller emits the fallback. */
export function emitA64Inline(e: E, insn: GuestInsn): boolean {
  if (isNoOp(insn)) { e.pend++; return true; }
  const row = BY_ROW.get(insn.name);
  if (!row || !row.accepts(insn.word, insn.name)) return false;
  row.emit(e, insn);
  e.pend++;
  return true;
}
