// Inline wasm for the hottest Thumb rows (T16 and T32): data processing (immediate, register,
// shifted register, register-shifted), ADDW/SUBW/ADR/MOVW/MOVT, bit fields, extends, byte
// reversal, CLZ, multiplies, single/dual/multiple loads and stores (PUSH/POP), B, B<c>, BL,
// CBZ/CBNZ, BX/BLX, MOV/ADD to the PC and the hints. Semantics mirror core/exec/t32 (and the
// A32 bodies it calls); the Thumb fuzz test holds them to it. Regions are entered only outside
// IT blocks and end at an IT instruction, so a T16 data-processing instruction here always
// sets the flags. A load or store whose TLB probe misses (or that is unaligned, MMIO, a fault,
// a store into code) runs its interpreter handler through the fallback; big-endian data
// always does. Everything without an emitter returns false: the fallback.
import { Num } from "./wasm/opcodes.js";
import { branchTarget, type GuestInsn } from "./region-finder.js";
import { Flag, type RegionEmitter } from "./emit-region.js";
import { emitCondition, shiftImm, tlbEntry } from "./emit-a32.js";
import { mrcInline, emitMrc } from "./emit-coproc.js";
import { emitAluOp, LOGICAL, NO_DEST } from "./emit-alu.js";

const bits = (w: number, hi: number, lo: number) => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
const bigEndian = (key: number) => (key & 0x200) !== 0;

/** Push a register as a Thumb instruction reads it (PC = address + 4). */
function reg(e: RegionEmitter, n: number, pc: number): void {
  if (n === 15) e.b.i32Const((pc + 4) | 0);
  else e.getReg(n);
}

// ---- data processing ----


/**
 * Rd = A op B (dataProcessing in core/exec/a32/data-processing.ts): B is in t[1], the shifter
 * carry in t[3] when `carry` (else a logical op leaves C alone); `a` pushes A (not for
 * MOV/MVN); flags when `s`. Rd is never the PC here.
 */
function alu(e: RegionEmitter, op: string, d: number, a: (() => void) | undefined, s: boolean, carry: boolean): void {
  const b = e.b, [ta, , tr] = e.t;
  if (a) { a(); b.localSet(ta); }
  emitAluOp(e, op, s, carry);
  if (!NO_DEST.has(op)) { b.localGet(tr); e.setReg(d); }
}

/** B = a constant (its carry, if it has one, into t[3]); returns whether it has a carry. */
function constB(e: RegionEmitter, v: number, carry?: number): boolean {
  e.b.i32Const(v | 0).localSet(e.t[1]);
  if (carry === undefined) return false;
  e.b.i32Const(carry).localSet(e.t[3]);
  return true;
}

/** B = register m (its value, no shift: the carry stays C). */
function regB(e: RegionEmitter, m: number, pc: number): void {
  reg(e, m, pc); e.b.localSet(e.t[1]);
}

/**
 * B = local `v` shifted by the bottom byte of local `amt` (shiftRegC in core/exec/a32/operands.ts),
 * its carry in t[3]: the C flag when the amount is 0. Uses t[4], t[5].
 */
function shiftRegB(e: RegionEmitter, type: number, v: number, amt: number): void {
  const b = e.b, [, tb, , tc, ta, tk] = e.t;
  b.localGet(amt).i32Const(0xff).op(Num.i32_and).localSet(ta);
  const a = () => b.localGet(ta), V = () => b.localGet(v);
  const ltConst = (k: number) => { a(); b.i32Const(k).op(Num.i32_lt_u); };
  switch (type) {
    case 0: // LSL: 0 from 32 on; carry bit 32 - a (bit 0 at 32, none beyond)
      V(); a(); b.op(Num.i32_shl).i32Const(0); ltConst(32); b.select().localSet(tb);
      V(); b.i32Const(32); a(); b.op(Num.i32_sub).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and).i32Const(0); ltConst(33); b.select();
      break;
    case 1: // LSR: 0 from 32 on; carry bit a - 1 (bit 31 at 32, none beyond)
      V(); a(); b.op(Num.i32_shr_u).i32Const(0); ltConst(32); b.select().localSet(tb);
      V(); a(); b.i32Const(1).op(Num.i32_sub).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and).i32Const(0); ltConst(33); b.select();
      break;
    case 2: // ASR: by min(a, 31); carry bit min(a - 1, 31)
      V(); a(); b.i32Const(31); ltConst(31); b.select().op(Num.i32_shr_s).localSet(tb);
      a(); b.i32Const(1).op(Num.i32_sub).localSet(tk);
      V(); b.localGet(tk).i32Const(31).localGet(tk).i32Const(31).op(Num.i32_lt_u).select().op(Num.i32_shr_s).i32Const(1).op(Num.i32_and);
      break;
    default: // ROR by a mod 32; carry bit 31 of the result
      V(); a(); b.op(Num.i32_rotr).localTee(tb).i32Const(31).op(Num.i32_shr_u);
      break;
  }
  e.getFlag(Flag.C); a(); b.select().localSet(tc); // amount 0: C unchanged
}

/** ThumbExpandImm_C: the value and its carry (undefined: C unchanged). */
function thumbExpandImm(imm12: number): [number, number | undefined] {
  const x = imm12 & 0xff;
  if ((imm12 & 0xc00) === 0) return [[x, x * 0x10001, x * 0x1000100, x * 0x1010101][(imm12 >>> 8) & 3] >>> 0, undefined];
  const rot = imm12 >>> 7, v = 0x80 | (imm12 & 0x7f);
  const r = ((v >>> rot) | (v << (32 - rot))) >>> 0;
  return [r, r >>> 31];
}

/** i:imm3:imm8 of a T32 data-processing immediate. */
const imm12T = (w: number) => (bits(w, 26, 26) << 11) | (bits(w, 14, 12) << 8) | (w & 0xff);
/** imm3:imm2, the shift amount / lsb field. */
const imm5T = (w: number) => (bits(w, 14, 12) << 2) | bits(w, 7, 6);

/** Rd = Rn + imm (no flags). */
function addConst(e: RegionEmitter, d: number, n: number, imm: number, pc: number): void {
  reg(e, n, pc); e.b.i32Const(imm | 0).op(Num.i32_add); e.setReg(d);
}

/** Rd = f(Rm) for a unary operation emitted by `f` on the value on the stack. */
function unary(e: RegionEmitter, d: number, m: number, f: () => void): void {
  e.getReg(m); f(); e.setReg(d);
}

/** The byte/bit reversals and extends on the stack top (local t[6] as scratch). */
const UNARY: Record<string, (e: RegionEmitter) => void> = {
  REV: (e) => { const b = e.b, t = e.t[6]; b.localTee(t).i32Const(8).op(Num.i32_rotr).i32Const(0xff00ff00 | 0).op(Num.i32_and).localGet(t).i32Const(8).op(Num.i32_rotl).i32Const(0x00ff00ff).op(Num.i32_and).op(Num.i32_or); },
  REV16: (e) => { const b = e.b, t = e.t[6]; b.localTee(t).i32Const(8).op(Num.i32_shr_u).i32Const(0x00ff00ff).op(Num.i32_and).localGet(t).i32Const(8).op(Num.i32_shl).i32Const(0xff00ff00 | 0).op(Num.i32_and).op(Num.i32_or); },
  REVSH: (e) => { const b = e.b, t = e.t[6]; b.localTee(t).i32Const(24).op(Num.i32_shl).i32Const(16).op(Num.i32_shr_s).localGet(t).i32Const(8).op(Num.i32_shr_u).i32Const(0xff).op(Num.i32_and).op(Num.i32_or); },
  CLZ: (e) => { e.b.op(Num.i32_clz); },
  SXTB: (e) => { e.b.op(Num.i32_extend8_s); },
  SXTH: (e) => { e.b.op(Num.i32_extend16_s); },
  UXTB: (e) => { e.b.i32Const(0xff).op(Num.i32_and); },
  UXTH: (e) => { e.b.i32Const(0xffff).op(Num.i32_and); },
};

// ---- loads and stores ----

type Kind = "W" | "B" | "H" | "SB" | "SH";
const TLB_READ = 0, TLB_WRITE = 1;
/** Tag mask: the fast path needs the access naturally aligned (so it is inside the page). */
const ALIGN_MASK: Record<Kind, number> = { W: 0xfffff003 | 0, H: 0xfffff001 | 0, SH: 0xfffff001 | 0, B: 0xfffff000 | 0, SB: 0xfffff000 | 0 };

/** Push: the TLB entry in local `tent` (computed) hits for local `va` with `mask` (and `extra` if given). */
function probe(e: RegionEmitter, va: number, tent: number, load: boolean, mask: number, extra?: () => void): void {
  const b = e.b;
  tlbEntry(e, va, (e.key & 1 ? 3 : 0) + (load ? TLB_READ : TLB_WRITE));
  b.localSet(tent);
  b.localGet(tent).i32Load(0).localGet(va).i32Const(mask).op(Num.i32_and).op(Num.i32_eq);
  if (extra) { extra(); b.op(Num.i32_and); }
}

/** Push host address = guest va + the entry's addend. */
const hostAddr = (e: RegionEmitter, va: number, tent: number) => e.b.localGet(va).localGet(tent).i32Load(4).op(Num.i32_add);

/** A single access: base (Rn, or Align(PC, 4) for 15), offset, index/add/writeback. */
interface Single {
  load: boolean; kind: Kind; t: number; n: number;
  /** Immediate offset, or register m shifted left by `shift`. */
  imm?: number; m?: number; shift?: number;
  p: boolean; u: boolean; w: boolean;
}

/**
 * loadSingle / storeSingle (core/exec/a32/load-store.ts): access, base writeback, then Rt (a
 * PC load leaves the region with interworking). A TLB miss (fault, MMIO, code page, unaligned)
 * runs the instruction through the fallback.
 */
function emitSingle(e: RegionEmitter, insn: GuestInsn, a: Single): void {
  const b = e.b, pc = insn.pc;
  const [tbase, toff, tva, tent, tv, tadr] = e.t;
  if (a.n === 15) b.i32Const(((pc + 4) & ~3) | 0); else e.getReg(a.n);
  b.localSet(tbase);
  if (a.m !== undefined) { e.getReg(a.m); if (a.shift) b.i32Const(a.shift).op(Num.i32_shl); } else b.i32Const(a.imm! | 0);
  b.localSet(toff);
  b.localGet(tbase).localGet(toff).op(a.u ? Num.i32_add : Num.i32_sub).localSet(tadr);
  b.localGet(a.p ? tadr : tbase).localSet(tva);
  const wb = !a.p || a.w;
  probe(e, tva, tent, a.load, ALIGN_MASK[a.kind]);
  b.if();
  if (a.load) {
    hostAddr(e, tva, tent);
    switch (a.kind) {
      case "W": b.i32Load(0, 0); break;
      case "B": b.i32Load8U(0); break;
      case "SB": b.i32Load8S(0); break;
      case "H": b.i32Load16U(0, 0); break;
      default: b.i32Load16S(0, 0); break;
    }
    b.localSet(tv);
  } else {
    reg(e, a.t, pc); b.localSet(tv);
    hostAddr(e, tva, tent); b.localGet(tv);
    if (a.kind === "W") b.i32Store(0, 0); else if (a.kind === "B") b.i32Store8(0); else b.i32Store16(0, 0);
  }
  if (wb) { b.localGet(tadr); e.setReg(a.n); }
  if (a.load) {
    if (a.t === 15) { e.pend++; e.exitToDynamic(tv, true); e.pend--; } // LoadWritePC
    else { b.localGet(tv); e.setReg(a.t); }
  }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/** LDRD/STRD (loadDual/storeDual): both words in one page, word-aligned; Rt, Rt2, then the writeback. */
function emitDual(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, pc = insn.pc, load = bits(w, 20, 20) === 1;
  const n = bits(w, 19, 16), t = bits(w, 15, 12), t2 = bits(w, 11, 8);
  const p = bits(w, 24, 24) === 1, u = bits(w, 23, 23) === 1, wb = bits(w, 21, 21) === 1;
  const [tbase, , tva, tent, tv, tadr, th] = e.t;
  if (n === 15) b.i32Const(((pc + 4) & ~3) | 0); else e.getReg(n);
  b.localSet(tbase);
  b.localGet(tbase).i32Const((w & 0xff) << 2).op(u ? Num.i32_add : Num.i32_sub).localSet(tadr);
  b.localGet(p ? tadr : tbase).localSet(tva);
  probe(e, tva, tent, load, ALIGN_MASK.W, () => b.localGet(tva).i32Const(0xfff).op(Num.i32_and).i32Const(0xff8).op(Num.i32_le_u));
  b.if();
  hostAddr(e, tva, tent); b.localSet(th);
  if (load) {
    b.localGet(th).i32Load(0, 0); e.setReg(t);
    b.localGet(th).i32Load(4, 0); e.setReg(t2);
  } else {
    reg(e, t, pc); b.localSet(tv);
    reg(e, t2, pc); b.localSet(e.t[1]);
    b.localGet(th).localGet(tv).i32Store(0, 0);
    b.localGet(th).localGet(e.t[1]).i32Store(4, 0);
  }
  if (wb) { b.localGet(tadr); e.setReg(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/**
 * LDM/STM/PUSH/POP (blockLoad/blockStore, core/exec/a32/load-store-multiple.ts): when the block
 * is word-aligned in one page whose TLB entry hits, the words move inline; a loaded base is
 * written last (no writeback then), a loaded PC leaves with interworking (LoadWritePC).
 */
function emitBlock(e: RegionEmitter, insn: GuestInsn, load: boolean, n: number, list: number, inc: boolean, wback: boolean): void {
  const b = e.b;
  const regs: number[] = [];
  for (let i = 0; i < 16; i++) if (list & (1 << i)) regs.push(i);
  const count = regs.length;
  const [tbase, ts, tent, th, tv] = e.t;
  e.getReg(n); b.localSet(tbase);
  b.localGet(tbase).i32Const(inc ? 0 : -4 * count).op(Num.i32_add).localSet(ts); // IA: Rn, DB: Rn - 4n
  probe(e, ts, tent, load, ALIGN_MASK.W, () => b.localGet(ts).i32Const(0xfff).op(Num.i32_and).i32Const(0x1000 - 4 * count).op(Num.i32_le_u));
  b.if();
  hostAddr(e, ts, tent); b.localSet(th);
  regs.forEach((r, k) => {
    if (load) {
      if (r === n || r === 15) return;
      b.localGet(th).i32Load(4 * k, 0); e.setReg(r);
    } else {
      b.localGet(th);
      if (r === n) b.localGet(tbase); else reg(e, r, insn.pc);
      b.i32Store(4 * k, 0);
    }
  });
  if (wback) { b.localGet(tbase).i32Const(inc ? 4 * count : -4 * count).op(Num.i32_add); e.setReg(n); }
  else if (load && list & (1 << n)) { b.localGet(th).i32Load(4 * regs.indexOf(n), 0); e.setReg(n); }
  if (load && list & 0x8000) {
    b.localGet(th).i32Load(4 * (count - 1), 0).localSet(tv);
    e.pend++; e.exitToDynamic(tv, true); e.pend--;
  }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

// ---- branches ----

/** B<c>, B, BL, CBZ/CBNZ: `cond` pushes the condition (none: always); BL sets LR first. */
function emitBranch(e: RegionEmitter, insn: GuestInsn, cond?: () => void, link = false): void {
  const target = branchTarget(insn)!;
  if (link) { e.b.i32Const((insn.pc + 4) | 1); e.setReg(14); }
  if (cond) { cond(); e.b.if(); }
  e.branchTo(target, insn.pc);
  if (cond) e.b.end();
}

/** Leave to the value pushed by `v` (BX/BLX interwork; a PC written by MOV/ADD does not). */
function emitDynamic(e: RegionEmitter, v: () => void, interwork: boolean): void {
  v(); e.b.localSet(e.t[4]);
  e.pend++; e.exitToDynamic(e.t[4], interwork); e.pend--;
}

// ---- the rows ----

/**
 * The inline rows: which encodings each takes (the rest of the row goes to the fallback) and
 * its emitter.
 */
interface InlineRow {
  rows: readonly string[];
  accepts(w: number, key: number, name: string): boolean;
  emit(e: RegionEmitter, insn: GuestInsn): void;
}

const always = () => true;
const op3 = (name: string) => name.replace(/^T(16)?_/, "").slice(0, 3);
// T16 register fields
const lo0 = (w: number) => w & 7, lo3 = (w: number) => (w >>> 3) & 7, lo6 = (w: number) => (w >>> 6) & 7, lo8 = (w: number) => (w >>> 8) & 7;
const hiD = (w: number) => ((w >>> 4) & 8) | (w & 7), hiM = (w: number) => (w >>> 3) & 15;
// T32 register fields
const rN = (w: number) => bits(w, 19, 16), rD = (w: number) => bits(w, 11, 8), rT = (w: number) => bits(w, 15, 12), rM = (w: number) => w & 15;

/** T16 Rdn = Rdn op Rm (flags set: always outside IT blocks). */
const T16_DP_RR: Record<string, string> = { T16_AND: "AND", T16_EOR: "EOR", T16_ADC: "ADC", T16_SBC: "SBC", T16_TST: "TST", T16_CMP_reg: "CMP", T16_CMN: "CMN", T16_ORR: "ORR", T16_BIC: "BIC", T16_MVN: "MVN" };
const T16_SHIFT_REG: Record<string, number> = { T16_LSL_reg: 0, T16_LSR_reg: 1, T16_ASR_reg: 2, T16_ROR_reg: 3 };
const T16_UNARY: Record<string, string> = { T16_SXTH: "SXTH", T16_SXTB: "SXTB", T16_UXTH: "UXTH", T16_UXTB: "UXTB", T16_REV: "REV", T16_REV16: "REV16", T16_REVSH: "REVSH" };
const T32_EXTEND: Record<string, string> = { T_SXTH: "SXTH", T_UXTH: "UXTH", T_SXTB: "SXTB", T_UXTB: "UXTB", T_SXTAH: "SXTH", T_UXTAH: "UXTH", T_SXTAB: "SXTB", T_UXTAB: "UXTB" };
const T32_DP = ["AND", "TST", "BIC", "ORR", "MOV", "ORN", "MVN", "EOR", "TEQ", "ADD", "CMN", "ADC", "SBC", "SUB", "CMP", "RSB"];

/** T32 single loads/stores by row: kind, and the addressing form. */
const SIZES: [string, Kind][] = [["LDR", "W"], ["LDRB", "B"], ["LDRH", "H"], ["LDRSB", "SB"], ["LDRSH", "SH"], ["STR", "W"], ["STRB", "B"], ["STRH", "H"]];
const T32_SINGLE = new Map<string, { kind: Kind; load: boolean; form: string }>(SIZES.flatMap(([s, kind]) =>
  ["imm12", "imm8", "neg", "reg", ...(s.startsWith("LDR") ? ["lit"] : [])].map((form) => [`T_${s}_${form}`, { kind, load: s.startsWith("LDR"), form }] as const)));

/** The T32 single access's fields (form: imm12 | imm8 | neg | reg | lit). */
function t32Single(w: number, name: string): Single {
  const { kind, load, form } = T32_SINGLE.get(name)!;
  const base = { load, kind, t: rT(w), n: rN(w), p: true, u: true, w: false };
  switch (form) {
    case "imm12": return { ...base, imm: w & 0xfff };
    case "lit": return { ...base, n: 15, imm: w & 0xfff, u: bits(w, 23, 23) === 1 };
    case "reg": return { ...base, m: rM(w), shift: bits(w, 5, 4) };
    default: return { ...base, imm: w & 0xff, p: bits(w, 10, 10) === 1, u: bits(w, 9, 9) === 1, w: bits(w, 8, 8) === 1 }; // imm8, neg (P U W = 100)
  }
}

const NO_OPS = new Set(["T16_NOP", "T16_YIELD", "T_NOP", "T_YIELD", "T_DSB", "T_DMB", "T_ISB",
  ...["PLD", "PLDW", "PLI", "MEMHINT"].flatMap((h) => ["lit", "imm12", "neg", "reg"].map((f) => `T_${h}_${f}`))]);

const INLINE_ROWS: readonly InlineRow[] = [
  // ---- T16: shifts, add, subtract, move, compare (immediate and low registers) ----
  {
    rows: ["T16_LSL_imm", "T16_LSR_imm", "T16_ASR_imm"], accepts: always,
    emit: (e, { word: w, name }) => {
      const carry = shiftImm(e, lo3(w), ["LSL", "LSR", "ASR"].indexOf(name.slice(4, 7)), bits(w, 10, 6), 0, e.t[1], true, e.t[3]);
      alu(e, "MOV", lo0(w), undefined, true, carry);
    },
  },
  {
    rows: ["T16_ADD_reg", "T16_SUB_reg"], accepts: always,
    emit: (e, { word: w, name, pc }) => { regB(e, lo6(w), pc); alu(e, op3(name), lo0(w), () => e.getReg(lo3(w)), true, false); },
  },
  {
    rows: ["T16_ADD_imm3", "T16_SUB_imm3"], accepts: always,
    emit: (e, { word: w, name }) => { constB(e, lo6(w)); alu(e, op3(name), lo0(w), () => e.getReg(lo3(w)), true, false); },
  },
  {
    rows: ["T16_MOV_imm", "T16_CMP_imm", "T16_ADD_imm8", "T16_SUB_imm8"], accepts: always,
    emit: (e, { word: w, name }) => {
      const op = op3(name);
      constB(e, w & 0xff); alu(e, op, lo8(w), op === "MOV" ? undefined : () => e.getReg(lo8(w)), true, false);
    },
  },
  // ---- T16: data processing, two low registers ----
  {
    rows: Object.keys(T16_DP_RR), accepts: always,
    emit: (e, { word: w, name, pc }) => {
      const op = T16_DP_RR[name];
      regB(e, lo3(w), pc); alu(e, op, lo0(w), op === "MVN" ? undefined : () => e.getReg(lo0(w)), true, false);
    },
  },
  {
    rows: Object.keys(T16_SHIFT_REG), accepts: always,
    emit: (e, { word: w, name }) => {
      e.getReg(lo0(w)); e.b.localSet(e.t[0]);
      e.getReg(lo3(w)); e.b.localSet(e.t[2]);
      shiftRegB(e, T16_SHIFT_REG[name], e.t[0], e.t[2]);
      alu(e, "MOV", lo0(w), undefined, true, true);
    },
  },
  {
    rows: ["T16_RSB"], accepts: always,
    emit: (e, { word: w }) => { constB(e, 0); alu(e, "RSB", lo0(w), () => e.getReg(lo3(w)), true, false); },
  },
  {
    rows: ["T16_MUL"], accepts: always, // MULS Rdm, Rn, Rdm: N and Z only
    emit: (e, { word: w }) => {
      const b = e.b, tr = e.t[2];
      e.getReg(lo3(w)); e.getReg(lo0(w)); b.op(Num.i32_mul).localTee(tr); e.setReg(lo0(w));
      b.localGet(tr); e.setFlag(Flag.N); b.localGet(tr); e.setFlag(Flag.Z);
    },
  },
  // ---- T16: high registers, branch and exchange ----
  {
    rows: ["T16_ADD_hi"], accepts: always, // ADD PC, Rm: a branch without interworking
    emit: (e, { word: w, pc }) => {
      const d = hiD(w), sum = () => { reg(e, d, pc); reg(e, hiM(w), pc); e.b.op(Num.i32_add); };
      if (d === 15) emitDynamic(e, sum, false); else { sum(); e.setReg(d); }
    },
  },
  {
    rows: ["T16_MOV_hi"], accepts: always,
    emit: (e, { word: w, pc }) => {
      const d = hiD(w), v = () => reg(e, hiM(w), pc);
      if (d === 15) emitDynamic(e, v, false); else { v(); e.setReg(d); }
    },
  },
  {
    rows: ["T16_CMP_hi"], accepts: always,
    emit: (e, { word: w, pc }) => { regB(e, hiM(w), pc); alu(e, "CMP", 0, () => reg(e, hiD(w), pc), true, false); },
  },
  { rows: ["T16_BX"], accepts: (w) => hiM(w) !== 15, emit: (e, { word: w }) => emitDynamic(e, () => e.getReg(hiM(w)), true) },
  {
    rows: ["T16_BLX"], accepts: (w) => hiM(w) !== 15, // LR = next | 1, after reading Rm (it may be LR)
    emit: (e, { word: w, pc }) => {
      e.getReg(hiM(w)); e.b.localSet(e.t[4]);
      e.b.i32Const((pc + 2) | 1); e.setReg(14);
      e.pend++; e.exitToDynamic(e.t[4], true); e.pend--;
    },
  },
  // ---- T16: SP/PC-relative addresses, SP adjustment, extends, reversal ----
  { rows: ["T16_ADR"], accepts: always, emit: (e, { word: w, pc }) => { e.b.i32Const((((pc + 4) & ~3) + ((w & 0xff) << 2)) | 0); e.setReg(lo8(w)); } },
  { rows: ["T16_ADD_sp"], accepts: always, emit: (e, { word: w, pc }) => addConst(e, lo8(w), 13, (w & 0xff) << 2, pc) },
  { rows: ["T16_ADD_sp_imm"], accepts: always, emit: (e, { word: w, pc }) => addConst(e, 13, 13, (w & 0x7f) << 2, pc) },
  { rows: ["T16_SUB_sp_imm"], accepts: always, emit: (e, { word: w, pc }) => addConst(e, 13, 13, -((w & 0x7f) << 2), pc) },
  { rows: Object.keys(T16_UNARY), accepts: always, emit: (e, { word: w, name }) => unary(e, lo0(w), lo3(w), () => UNARY[T16_UNARY[name]](e)) },
  // ---- T16: loads and stores ----
  {
    rows: ["T16_STR_reg", "T16_STRH_reg", "T16_STRB_reg", "T16_LDRSB_reg", "T16_LDR_reg", "T16_LDRH_reg", "T16_LDRB_reg", "T16_LDRSH_reg"],
    accepts: (_w, key) => !bigEndian(key),
    emit: (e, insn) => {
      const w = insn.word, [op, kind] = ([["STR", "W"], ["STRH", "H"], ["STRB", "B"], ["LDRSB", "SB"], ["LDR", "W"], ["LDRH", "H"], ["LDRB", "B"], ["LDRSH", "SH"]] as const)[bits(w, 11, 9)];
      emitSingle(e, insn, { load: op.startsWith("LDR"), kind, t: lo0(w), n: lo3(w), m: lo6(w), shift: 0, p: true, u: true, w: false });
    },
  },
  {
    rows: ["T16_STR_imm", "T16_LDR_imm", "T16_STRB_imm", "T16_LDRB_imm", "T16_STRH_imm", "T16_LDRH_imm"],
    accepts: (_w, key) => !bigEndian(key),
    emit: (e, insn) => {
      const w = insn.word, kind: Kind = insn.name[7] === "B" ? "B" : insn.name[7] === "H" ? "H" : "W";
      const scale = kind === "W" ? 4 : kind === "H" ? 2 : 1;
      emitSingle(e, insn, { load: insn.name.startsWith("T16_LDR"), kind, t: lo0(w), n: lo3(w), imm: bits(w, 10, 6) * scale, p: true, u: true, w: false });
    },
  },
  {
    rows: ["T16_STR_sp", "T16_LDR_sp", "T16_LDR_lit"], accepts: (_w, key) => !bigEndian(key),
    emit: (e, insn) => {
      const w = insn.word;
      emitSingle(e, insn, { load: insn.name !== "T16_STR_sp", kind: "W", t: lo8(w), n: insn.name === "T16_LDR_lit" ? 15 : 13, imm: (w & 0xff) << 2, p: true, u: true, w: false });
    },
  },
  // ---- T16: block transfers ----
  {
    rows: ["T16_PUSH"], accepts: (w, key) => !bigEndian(key) && (w & 0x1ff) !== 0,
    emit: (e, insn) => emitBlock(e, insn, false, 13, (insn.word & 0xff) | ((insn.word & 0x100) << 6), false, true),
  },
  {
    rows: ["T16_POP"], accepts: (w, key) => !bigEndian(key) && (w & 0x1ff) !== 0,
    emit: (e, insn) => emitBlock(e, insn, true, 13, (insn.word & 0xff) | ((insn.word & 0x100) << 7), true, true),
  },
  {
    rows: ["T16_STM", "T16_LDM"], accepts: (w, key) => !bigEndian(key) && (w & 0xff) !== 0,
    emit: (e, insn) => { // STMIA Rn!; LDMIA Rn, with writeback unless Rn is loaded
      const w = insn.word, n = lo8(w), list = w & 0xff, load = insn.name === "T16_LDM";
      emitBlock(e, insn, load, n, list, true, !load || (list & (1 << n)) === 0);
    },
  },
  // ---- T16: branches ----
  { rows: ["T16_B_cond"], accepts: always, emit: (e, insn) => emitBranch(e, insn, () => emitCondition(e, bits(insn.word, 11, 8))) },
  { rows: ["T16_B"], accepts: always, emit: (e, insn) => emitBranch(e, insn) },
  {
    rows: ["T16_CBZ"], accepts: always,
    emit: (e, insn) => emitBranch(e, insn, () => { e.getReg(lo0(insn.word)); if (!(insn.word & 0x800)) e.b.op(Num.i32_eqz); }),
  },

  // ---- T32: data processing, modified immediate ----
  {
    rows: T32_DP.map((op) => `T_${op}_imm`), accepts: (w, _k, name) => rD(w) !== 15 || NO_DEST.has(op3(name)),
    emit: (e, { word: w, name, pc }) => {
      const op = op3(name), [v, c] = thumbExpandImm(imm12T(w)), s = bits(w, 20, 20) === 1;
      const carry = constB(e, v, s && LOGICAL.has(op) ? c : undefined);
      alu(e, op, rD(w), op === "MOV" || op === "MVN" ? undefined : () => reg(e, rN(w), pc), s, carry);
    },
  },
  // ---- T32: data processing, shifted register (Rm = PC reads +4: shiftImm reads it as A32's +8) ----
  {
    rows: T32_DP.map((op) => `T_${op}_reg`), accepts: (w, _k, name) => rD(w) !== 15 || NO_DEST.has(op3(name)),
    emit: (e, { word: w, name, pc }) => {
      const op = op3(name), s = bits(w, 20, 20) === 1;
      const carry = shiftImm(e, rM(w), bits(w, 5, 4), imm5T(w), pc - 4, e.t[1], s && LOGICAL.has(op), e.t[3]);
      alu(e, op, rD(w), op === "MOV" || op === "MVN" ? undefined : () => reg(e, rN(w), pc), s, carry);
    },
  },
  {
    rows: ["T_MOV_rsr"], accepts: (w) => rD(w) !== 15 && rN(w) !== 15 && rM(w) !== 15,
    emit: (e, { word: w }) => {
      e.getReg(rN(w)); e.b.localSet(e.t[0]);
      e.getReg(rM(w)); e.b.localSet(e.t[2]);
      shiftRegB(e, bits(w, 22, 21), e.t[0], e.t[2]);
      alu(e, "MOV", rD(w), undefined, bits(w, 20, 20) === 1, true);
    },
  },
  // ---- T32: plain binary immediate ----
  { rows: ["T_ADDW", "T_SUBW"], accepts: (w) => rD(w) !== 15, emit: (e, { word: w, name, pc }) => addConst(e, rD(w), rN(w), name === "T_ADDW" ? imm12T(w) : -imm12T(w), pc) },
  {
    rows: ["T_ADR_add", "T_ADR_sub"], accepts: (w) => rD(w) !== 15,
    emit: (e, { word: w, name, pc }) => { e.b.i32Const((((pc + 4) & ~3) + (name === "T_ADR_add" ? imm12T(w) : -imm12T(w))) | 0); e.setReg(rD(w)); },
  },
  {
    rows: ["T_MOVW", "T_MOVT"], accepts: (w) => rD(w) !== 15,
    emit: (e, { word: w, name }) => {
      const imm16 = (bits(w, 19, 16) << 12) | (bits(w, 26, 26) << 11) | (bits(w, 14, 12) << 8) | (w & 0xff);
      if (name === "T_MOVW") e.b.i32Const(imm16);
      else { e.getReg(rD(w)); e.b.i32Const(0xffff).op(Num.i32_and).i32Const(imm16 << 16).op(Num.i32_or); }
      e.setReg(rD(w));
    },
  },
  // ---- T32: bit fields (UNDEFINED widths stay with the interpreter) ----
  {
    rows: ["T_UBFX", "T_SBFX"], accepts: (w) => rD(w) !== 15 && rN(w) !== 15 && imm5T(w) + (w & 0x1f) + 1 <= 32,
    emit: (e, { word: w, name }) => {
      const lsb = imm5T(w), width = (w & 0x1f) + 1;
      e.getReg(rN(w)); e.b.i32Const(32 - lsb - width).op(Num.i32_shl).i32Const(32 - width).op(name === "T_UBFX" ? Num.i32_shr_u : Num.i32_shr_s);
      e.setReg(rD(w));
    },
  },
  {
    rows: ["T_BFI", "T_BFC"], accepts: (w, _k, name) => rD(w) !== 15 && (name === "T_BFC" || rN(w) !== 15) && (w & 0x1f) >= imm5T(w),
    emit: (e, { word: w, name }) => {
      const lsb = imm5T(w), width = (w & 0x1f) - lsb + 1, d = rD(w);
      const mask = ((0xffffffff >>> (32 - width)) << lsb) | 0;
      e.getReg(d); e.b.i32Const(~mask).op(Num.i32_and);
      if (name === "T_BFI") { e.getReg(rN(w)); e.b.i32Const(lsb).op(Num.i32_shl).i32Const(mask).op(Num.i32_and).op(Num.i32_or); }
      e.setReg(d);
    },
  },
  // ---- T32: extends (rotated by bits 5:4; the A forms add Rn), reversal, CLZ ----
  {
    rows: Object.keys(T32_EXTEND), accepts: (w) => rD(w) !== 15 && rM(w) !== 15,
    emit: (e, { word: w, name }) => {
      e.getReg(rM(w)); e.b.i32Const(bits(w, 5, 4) * 8).op(Num.i32_rotr);
      UNARY[T32_EXTEND[name]](e);
      if (rN(w) !== 15) { e.getReg(rN(w)); e.b.op(Num.i32_add); }
      e.setReg(rD(w));
    },
  },
  {
    rows: ["T_REV", "T_REV16", "T_REVSH", "T_CLZ"], accepts: (w) => rD(w) !== 15 && rM(w) !== 15,
    emit: (e, { word: w, name }) => unary(e, rD(w), rM(w), () => UNARY[name.slice(2)](e)),
  },
  // ---- T32: multiplies (no flags) ----
  {
    rows: ["T_MUL", "T_MLA", "T_MLS"], accepts: (w, _k, name) => rD(w) !== 15 && rN(w) !== 15 && rM(w) !== 15 && (name === "T_MUL" || rT(w) !== 15),
    emit: (e, { word: w, name }) => {
      const b = e.b;
      if (name === "T_MLS") e.getReg(rT(w));
      e.getReg(rN(w)); e.getReg(rM(w)); b.op(Num.i32_mul);
      if (name === "T_MLA") { e.getReg(rT(w)); b.op(Num.i32_add); }
      if (name === "T_MLS") b.op(Num.i32_sub);
      e.setReg(rD(w));
    },
  },
  // ---- T32: single loads and stores (not the unprivileged T forms) ----
  {
    rows: [...T32_SINGLE.keys()],
    // stores with Rn = PC are UNDEFINED; Rm = PC, and byte/halfword accesses of the PC, stay with
    // the interpreter (writeback to Rt is fine: the order is the interpreter's, Rt last)
    accepts: (w, key, name) => {
      if (bigEndian(key)) return false;
      const a = t32Single(w, name);
      if (a.n === 15 && (!a.load || !a.p || a.w)) return false;
      if (a.t === 15 && a.kind !== "W") return false;
      return a.m !== 15;
    },
    emit: (e, insn) => emitSingle(e, insn, t32Single(insn.word, insn.name)),
  },
  {
    rows: ["T_LDRD_off", "T_LDRD_pre", "T_LDRD_post", "T_STRD_off", "T_STRD_pre", "T_STRD_post"],
    accepts: (w, key, name) => !bigEndian(key) && rT(w) !== 15 && rD(w) !== 15 &&
      !(bits(w, 21, 21) === 1 && rN(w) === 15) && !(name.startsWith("T_STRD") && rN(w) === 15),
    emit: emitDual,
  },
  // ---- T32: block transfers (QEMU UNDEFs fewer than two registers, and writeback with the base listed) ----
  {
    rows: ["T_LDM", "T_LDMDB", "T_STM", "T_STMDB"],
    accepts: (w, key) => !bigEndian(key) && rN(w) !== 15 && popcount(w & 0xffff) >= 2 && !(bits(w, 21, 21) === 1 && (w & (1 << rN(w))) !== 0),
    emit: (e, insn) => {
      const w = insn.word;
      emitBlock(e, insn, insn.name.startsWith("T_LDM"), rN(w), w & 0xffff, !insn.name.endsWith("DB"), bits(w, 21, 21) === 1);
    },
  },
  // ---- T32: branches ----
  { rows: ["T_B_cond"], accepts: (w) => bits(w, 25, 22) < 14, emit: (e, insn) => emitBranch(e, insn, () => emitCondition(e, bits(insn.word, 25, 22))) },
  { rows: ["T_B"], accepts: always, emit: (e, insn) => emitBranch(e, insn) },
  { rows: ["T_BL"], accepts: always, emit: (e, insn) => emitBranch(e, insn, undefined, true) },
];

function popcount(x: number): number { let n = 0; for (; x; x &= x - 1) n++; return n; }

const BY_ROW = new Map(INLINE_ROWS.flatMap((r) => r.rows.map((name) => [name, r] as const)));

/** The rows with an inline emitter (and the no-ops), for tests. */
export const thumbInlineRows = (): string[] => [...BY_ROW.keys(), ...NO_OPS];

/** Inline code for `insn` if its row has an emitter that takes it; false: the caller emits the fallback. */
export function emitThumbInline(e: RegionEmitter, insn: GuestInsn): boolean {
  if (NO_OPS.has(insn.name)) { e.pend++; return true; }
  // MRC (the coprocessor space goes to the A32 decoder: T32_other), same layout as A32's
  if (insn.set === "t32" && ((insn.word & 0xff100010) >>> 0) === 0xee100010 && mrcInline(insn.word, e.key)) {
    emitMrc(e, insn.word);
    e.pend++;
    return true;
  }
  const row = BY_ROW.get(insn.name);
  if (!row || !row.accepts(insn.word, e.key, insn.name)) return false;
  row.emit(e, insn);
  e.pend++;
  return true;
}
