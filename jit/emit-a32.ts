// Inline wasm for the hot A32 rows: data processing (immediate, immediate- or register-shifted
// register; Rd = PC without S leaves the region as ALUWritePC), MOVW/MOVT, extends, multiplies,
// bit-field, reversal, SEL and saturation rows, B/BL/BX/BLX, and single, halfword, doubleword
// and multiple loads and stores whose software-TLB probe hits (any miss, fault, MMIO or
// unaligned address takes the row's interpreter handler through the fallback; LDR PC leaves
// the region as LoadWritePC).
// Semantics mirror core/exec/a32 (data-processing.ts, operands.ts, load-store.ts, media.ts,
// multiply.ts, saturate.ts); the fuzz test holds them to it. Everything else returns false:
// fallback.
import { Num } from "./wasm/opcodes.js";
import { TLB_BASE, STATE, S_GE, S_QF } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { Flag, type RegionEmitter } from "./emit-region.js";
import { mrcInline, emitMrc } from "./emit-coproc.js";
import { emitAluOp, LOGICAL, NO_DEST } from "./emit-alu.js";

const DP_OPS = ["AND", "EOR", "SUB", "RSB", "ADD", "ADC", "SBC", "RSC", "TST", "TEQ", "CMP", "CMN", "ORR", "MOV", "BIC", "MVN"];

/** What emitCondition needs of a region emitter (A32/T32 or A64: the flags are the same words). */
export interface FlagReader { readonly b: RegionEmitter["b"]; getFlag(f: Flag): FlagReader }

/** Push ConditionPassed(cond) for cond 0..13 (core/cpu.ts conditionPassed on the stored flags). */
export function emitCondition(e: FlagReader, cond: number): void {
  const b = e.b;
  const z = () => e.getFlag(Flag.Z);                          // non-zero: Z clear
  const c = () => { e.getFlag(Flag.C); b.i32Const(1).op(Num.i32_and); };
  const nv = () => { e.getFlag(Flag.N).getFlag(Flag.V); b.op(Num.i32_xor); };
  switch (cond >> 1) {
    case 0: z(); b.op(Num.i32_eqz); break;                                       // EQ
    case 1: c(); break;                                                          // CS
    case 2: e.getFlag(Flag.N); b.i32Const(31).op(Num.i32_shr_u); break;          // MI
    case 3: e.getFlag(Flag.V); b.i32Const(31).op(Num.i32_shr_u); break;          // VS
    case 4: c(); z(); b.i32Const(0).op(Num.i32_ne).op(Num.i32_and); break;       // HI
    case 5: nv(); b.i32Const(0).op(Num.i32_ge_s); break;                         // GE
    default: nv(); b.i32Const(0).op(Num.i32_ge_s); z(); b.i32Const(0).op(Num.i32_ne).op(Num.i32_and); break; // GT
  }
  if (cond & 1) b.op(Num.i32_eqz);
}

/** Push a register as an A32 instruction reads it (PC = address + 8). */
function reg(e: RegionEmitter, n: number, pc: number): void {
  if (n === 15) e.b.i32Const((pc + 8) | 0);
  else e.getReg(n);
}

/**
 * Shifted register operand (DecodeImmShift + Shift_C) into local `dst`; with `carry`, the
 * shifter carry into local `cOut` (left alone when the carry is the unchanged C flag: returns
 * false then).
 */
export function shiftImm(e: RegionEmitter, m: number, type: number, imm5: number, pc: number, dst: number, carry: boolean, cOut: number): boolean {
  const b = e.b, tm = e.t[7];
  reg(e, m, pc);
  b.localSet(tm);
  const setC = (emitBit: () => void) => { if (carry) { emitBit(); b.localSet(cOut); } };
  switch (type) {
    case 0:
      if (imm5 === 0) { b.localGet(tm).localSet(dst); return false; }
      setC(() => b.localGet(tm).i32Const(32 - imm5).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and));
      b.localGet(tm).i32Const(imm5).op(Num.i32_shl).localSet(dst);
      return carry;
    case 1:
      if (imm5 === 0) { setC(() => b.localGet(tm).i32Const(31).op(Num.i32_shr_u)); b.i32Const(0).localSet(dst); return carry; }
      setC(() => b.localGet(tm).i32Const(imm5 - 1).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and));
      b.localGet(tm).i32Const(imm5).op(Num.i32_shr_u).localSet(dst);
      return carry;
    case 2: {
      const k = imm5 === 0 ? 32 : imm5;
      setC(() => b.localGet(tm).i32Const(k - 1).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and));
      b.localGet(tm).i32Const(Math.min(k, 31)).op(Num.i32_shr_s).localSet(dst);
      return carry;
    }
    default:
      if (imm5 === 0) { // RRX
        setC(() => b.localGet(tm).i32Const(1).op(Num.i32_and));
        e.getFlag(Flag.C);
        b.i32Const(31).op(Num.i32_shl).localGet(tm).i32Const(1).op(Num.i32_shr_u).op(Num.i32_or).localSet(dst);
        return carry;
      }
      b.localGet(tm).i32Const(imm5).op(Num.i32_rotr).localSet(dst);
      setC(() => b.localGet(dst).i32Const(31).op(Num.i32_shr_u));
      return carry;
  }
}

/**
 * Register operand shifted by the bottom byte of Rs (operands.ts shiftRegC) into local `dst`;
 * with `carry`, the shifter carry into local `cOut` (amount 0 keeps C).
 */
function shiftReg(e: RegionEmitter, m: number, type: number, s: number, pc: number, dst: number, carry: boolean, cOut: number): void {
  const b = e.b, tm = e.t[7], ta = e.t[6];
  reg(e, m, pc); b.localSet(tm);
  reg(e, s, pc); b.i32Const(0xff).op(Num.i32_and).localSet(ta);
  const V = () => b.localGet(tm), A = () => b.localGet(ta);
  const amountAtMost = (k: number) => A().i32Const(k).op(Num.i32_le_u);
  if (carry) {
    // wasm shifts take the amount mod 32, so out-of-range amounts are selected away
    switch (type) {
      case 0: // LSL: bit 32 - n, 0 past 32
        V(); b.i32Const(32); A(); b.op(Num.i32_sub).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and)
          .i32Const(0); amountAtMost(32); b.select();
        break;
      case 1: // LSR: bit n - 1, 0 past 32
        V(); A(); b.i32Const(1).op(Num.i32_sub).op(Num.i32_shr_u).i32Const(1).op(Num.i32_and)
          .i32Const(0); amountAtMost(32); b.select();
        break;
      case 2: // ASR: bit n - 1, the sign from 32 on
        V(); A(); b.i32Const(1).op(Num.i32_sub).i32Const(31); amountAtMost(32); b.select()
          .op(Num.i32_shr_s).i32Const(1).op(Num.i32_and);
        break;
      default: // ROR: bit 31 of the result
        V(); A(); b.op(Num.i32_rotr).i32Const(31).op(Num.i32_shr_u);
    }
    e.getFlag(Flag.C); b.i32Const(1).op(Num.i32_and); A(); b.select().localSet(cOut);
  }
  switch (type) {
    case 0: V(); A(); b.op(Num.i32_shl).i32Const(0); amountAtMost(31); b.select(); break;
    case 1: V(); A(); b.op(Num.i32_shr_u).i32Const(0); amountAtMost(31); b.select(); break;
    case 2: V(); A(); b.i32Const(31); amountAtMost(31); b.select().op(Num.i32_shr_s); break;
    default: V(); A(); b.op(Num.i32_rotr);
  }
  b.localSet(dst);
}

/** Leave the region through a PC write (BXWritePC: ALUWritePC and LoadWritePC in A32) to local `v`. */
function writePC(e: RegionEmitter, v: number): void {
  e.pend++; // the writing instruction retires
  e.exitToDynamic(v);
  e.pend--;
}

/** Data processing, immediate, immediate-shifted or register-shifted register forms; Rd = PC (S = 0) leaves. */
function emitDataProcessing(e: RegionEmitter, insn: GuestInsn, op: string, form: "imm" | "reg" | "rsr"): void {
  const w = insn.word, b = e.b, pc = insn.pc;
  const s = ((w >>> 20) & 1) === 1, d = (w >>> 12) & 15, n = (w >>> 16) & 15;
  const logical = LOGICAL.has(op);
  const [ta, tb, tr, tc] = e.t;
  let haveCarry = false;
  // operand 2 into tb (and its carry into tc when a logical op sets flags)
  if (form === "imm") {
    const rot = ((w >>> 8) & 15) * 2, v = ((w & 0xff) >>> rot | (w & 0xff) << (32 - rot)) >>> 0;
    const imm = rot === 0 ? w & 0xff : v;
    b.i32Const(imm | 0).localSet(tb);
    if (s && logical && rot !== 0) { b.i32Const(imm >>> 31).localSet(tc); haveCarry = true; }
  } else if (form === "reg") {
    haveCarry = shiftImm(e, w & 15, (w >>> 5) & 3, (w >>> 7) & 31, pc, tb, s && logical, tc);
  } else {
    shiftReg(e, w & 15, (w >>> 5) & 3, (w >>> 8) & 15, pc, tb, s && logical, tc);
    haveCarry = s && logical;
  }
  if (op !== "MOV" && op !== "MVN") { reg(e, n, pc); b.localSet(ta); }
  emitAluOp(e, op, s, haveCarry);
  if (NO_DEST.has(op)) return;
  if (d === 15) writePC(e, tr);
  else { b.localGet(tr); e.setReg(d); }
}

/** B and BL: B to the region's entry or forward inside it stays in the region; BL leaves it. */
function emitBranch(e: RegionEmitter, insn: GuestInsn, link: boolean): void {
  const w = insn.word;
  const target = (insn.pc + 8 + ((w << 8) >> 6)) >>> 0;
  if (link) {
    e.b.i32Const((insn.pc + 4) | 0); e.setReg(14);
    e.pend++; e.exitTo(target); e.pend--; // the fall-through path (condition failed) counts it below
  } else e.branchTo(target, insn.pc);
}

const TLB_TABLE = { read: 0, write: 1 } as const;

/** Push the TLB entry address of (table, va in local `va`). */
export function tlbEntry(e: RegionEmitter, va: number, table: number): void {
  e.b.localGet(va).i32Const(12).op(Num.i32_shr_u).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(3).op(Num.i32_shl).i32Const(TLB_BASE).op(Num.i32_add);
}

/**
 * The TLB probe for an access of `bytes` at local `va`: the entry into local `ent`, then push
 * whether it hits with va aligned to `align` bytes and the whole access in the page. The tag is
 * a page address, so comparing it with va's low alignment bits kept proves both at once.
 */
function probe(e: RegionEmitter, load: boolean, va: number, ent: number, align: number, bytes: number): void {
  const b = e.b;
  tlbEntry(e, va, (e.key & 1 ? 3 : 0) + (load ? TLB_TABLE.read : TLB_TABLE.write));
  b.localSet(ent);
  b.localGet(ent).i32Load(0).localGet(va).i32Const((0xfffff000 | (align - 1)) | 0).op(Num.i32_and).op(Num.i32_eq);
  if (bytes > align) { // only doublewords: two words, the second maybe on the next page
    b.localGet(va).i32Const(0xfff).op(Num.i32_and).i32Const(0x1000 - bytes).op(Num.i32_le_u).op(Num.i32_and);
  }
}

/** Single loads and stores: bytes, sign extension, and whether the offset is the 8-bit (halfword-row) form. */
const ACCESS: Record<string, { bytes: number; signed?: boolean; small?: boolean }> = {
  LDR: { bytes: 4 }, STR: { bytes: 4 }, LDRB: { bytes: 1 }, STRB: { bytes: 1 },
  LDRH: { bytes: 2, small: true }, STRH: { bytes: 2, small: true },
  LDRSB: { bytes: 1, signed: true, small: true }, LDRSH: { bytes: 2, signed: true, small: true },
};

/**
 * Base, offset and addresses of a single or doubleword access (load-store.ts `address`): the
 * base into t[0], the offset address into t[5] (the writeback value), the access address into
 * t[2]. Word/byte rows: imm12 or Rm shifted by an immediate; halfword/dual rows: imm8 or Rm.
 */
function accessAddress(e: RegionEmitter, insn: GuestInsn, small: boolean): void {
  const w = insn.word, b = e.b, pc = insn.pc;
  const [tbase, toff, tva] = e.t;
  reg(e, bits(w, 19, 16), pc); b.localSet(tbase); // literal: Align(PC, 4), already aligned in A32
  if (insn.name.endsWith("_imm")) b.i32Const(small ? (bits(w, 11, 8) << 4) | bits(w, 3, 0) : w & 0xfff).localSet(toff);
  else if (small) { reg(e, w & 15, pc); b.localSet(toff); }
  else shiftImm(e, w & 15, (w >>> 5) & 3, (w >>> 7) & 31, pc, toff, false, 0);
  b.localGet(tbase).localGet(toff).op(bits(w, 23, 23) ? Num.i32_add : Num.i32_sub).localSet(e.t[5]);
  b.localGet(bits(w, 24, 24) ? e.t[5] : tbase).localSet(tva);
}

/**
 * LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH: the TLB probe inline, a hit (aligned, in RAM) does
 * the access, base writeback and Rt (in load-store.ts's order; Rt = PC leaves the region as
 * LoadWritePC); anything else is the fallback.
 */
function emitLoadStore(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b;
  const name = insn.name.slice(0, insn.name.indexOf("_")), load = name[0] === "L";
  const { bytes, signed = false, small = false } = ACCESS[name];
  const n = bits(w, 19, 16), t = bits(w, 15, 12);
  const [, , tva, tent, tv, toffAddr] = e.t;
  accessAddress(e, insn, small);
  probe(e, load, tva, tent, bytes, bytes);
  b.if();
  {
    // host address = va + addend
    const host = () => b.localGet(tva).localGet(tent).i32Load(4).op(Num.i32_add);
    if (load) {
      host();
      if (bytes === 4) b.i32Load(0, 0);
      else if (bytes === 2) { if (signed) b.i32Load16S(0, 0); else b.i32Load16U(0, 0); }
      else if (signed) b.i32Load8S(0); else b.i32Load8U(0);
      b.localSet(tv);
    } else {
      reg(e, t, insn.pc); b.localSet(tv); host(); b.localGet(tv);
      if (bytes === 4) b.i32Store(0, 0); else if (bytes === 2) b.i32Store16(0, 0); else b.i32Store8(0);
    }
    if (writesBack(w)) { b.localGet(toffAddr); e.setReg(n); }
    if (load && t === 15) writePC(e, tv);
    else if (load) { b.localGet(tv); e.setReg(t); }
  }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/**
 * LDRD/STRD (Rt even, not 14): both words in one page, word-aligned (the interpreter's F_ALIGN:
 * anything else faults or crosses a page, which the fallback handles); Rt, Rt + 1, then the
 * base writeback, in load-store.ts's order.
 */
function emitDual(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, load = insn.name[0] === "L";
  const n = bits(w, 19, 16), t = bits(w, 15, 12);
  const [, , tva, tent, tv, toffAddr, th] = e.t;
  accessAddress(e, insn, true);
  probe(e, load, tva, tent, 4, 8);
  b.if();
  b.localGet(tva).localGet(tent).i32Load(4).op(Num.i32_add).localSet(th);
  if (load) {
    b.localGet(th).i32Load(4, 0).localSet(tv);
    b.localGet(th).i32Load(0, 0); e.setReg(t);
    b.localGet(tv); e.setReg(t + 1);
  } else {
    b.localGet(th); reg(e, t, insn.pc); b.i32Store(0, 0);
    b.localGet(th); reg(e, t + 1, insn.pc); b.i32Store(4, 0);
  }
  if (writesBack(w)) { b.localGet(toffAddr); e.setReg(n); }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/**
 * LDM/STM (not the User-bank or exception-return forms, no PC loaded): when the whole block is
 * word-aligned in one page whose TLB entry hits, the words move inline (load-store-multiple.ts's
 * order and base rules); else the fallback.
 */
function emitBlockTransfer(e: RegionEmitter, insn: GuestInsn, load: boolean): void {
  const w = insn.word, b = e.b;
  const n = (w >>> 16) & 15, list = w & 0xffff, inc = (w >>> 23) & 1, before = (w >>> 24) & 1, wback = (w >>> 21) & 1;
  const regs: number[] = [];
  for (let i = 0; i < 16; i++) if (list & (1 << i)) regs.push(i);
  const count = regs.length;
  const [tbase, ts, tent, th] = e.t;
  e.getReg(n); b.localSet(tbase);
  const start = inc ? (before ? 4 : 0) : (before ? -4 * count : -4 * count + 4);
  b.localGet(tbase).i32Const(start).op(Num.i32_add).localSet(ts);
  tlbEntry(e, ts, (e.key & 1 ? 3 : 0) + (load ? TLB_TABLE.read : TLB_TABLE.write));
  b.localSet(tent);
  b.localGet(tent).i32Load(0).localGet(ts).i32Const(0xfffff003 | 0).op(Num.i32_and).op(Num.i32_eq)
    .localGet(ts).i32Const(0xfff).op(Num.i32_and).i32Const(0x1000 - 4 * count).op(Num.i32_le_u).op(Num.i32_and);
  b.if();
  b.localGet(ts).localGet(tent).i32Load(4).op(Num.i32_add).localSet(th);
  regs.forEach((r, k) => {
    if (load) {
      if (r === n || r === 15) return; // a loaded base is written last (only without writeback: checked); the PC below
      b.localGet(th).i32Load(4 * k, 0); e.setReg(r);
    } else {
      b.localGet(th);
      if (r === n) b.localGet(tbase); else reg(e, r, insn.pc);
      b.i32Store(4 * k, 0);
    }
  });
  const final = inc ? 4 * count : -4 * count;
  if (wback) { b.localGet(tbase).i32Const(final).op(Num.i32_add); e.setReg(n); }
  else if (load && list & (1 << n)) { b.localGet(th).i32Load(4 * regs.indexOf(n), 0); e.setReg(n); }
  if (load && list & 0x8000) { // POP {..., pc}: LoadWritePC, the last transfer
    b.localGet(th).i32Load(4 * (count - 1), 0).localSet(e.t[4]);
    e.pend++;
    e.exitToDynamic(e.t[4]);
    e.pend--;
  }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/** BX Rm, BLX Rm: leave to Rm with interworking (BLX reads Rm before it sets LR: Rm may be LR). */
function emitBx(e: RegionEmitter, insn: GuestInsn): void {
  e.getReg(insn.word & 15); e.b.localSet(e.t[4]);
  if (insn.name === "BLX_reg") { e.b.i32Const((insn.pc + 4) | 0); e.setReg(14); }
  writePC(e, e.t[4]);
}

/** Push (a + b) per halfword (media.ts add16x2) for locals a, b. */
function add16x2(e: RegionEmitter, a: number, x: number): void {
  const b = e.b;
  b.localGet(a).localGet(x).op(Num.i32_add).i32Const(0xffff).op(Num.i32_and)
    .localGet(a).i32Const(16).op(Num.i32_shr_u).localGet(x).i32Const(16).op(Num.i32_shr_u).op(Num.i32_add)
    .i32Const(16).op(Num.i32_shl).op(Num.i32_or);
}

/** SXTB..UXTAH, SXTB16/UXTB16 and their accumulate forms (media.ts): Rm rotated by 8 * rotate, extended, + Rn. */
function emitExtend(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, name = insn.name;
  const signed = name[0] === "S", acc = name[3] === "A", size = name.slice(acc ? 4 : 3); // B, H or B16
  const [tx, ta] = e.t;
  reg(e, w & 15, insn.pc);
  const rot = bits(w, 11, 10) * 8;
  if (rot) b.i32Const(rot).op(Num.i32_rotr);
  b.localSet(tx);
  if (size !== "B16") {
    b.localGet(tx);
    if (signed) b.op(size === "B" ? Num.i32_extend8_s : Num.i32_extend16_s);
    else b.i32Const(size === "B" ? 0xff : 0xffff).op(Num.i32_and);
    if (acc) { e.getReg(bits(w, 19, 16)); b.op(Num.i32_add); }
  } else {
    if (signed) { // each byte at 0 and 16 to a signed halfword
      b.localGet(tx).op(Num.i32_extend8_s).i32Const(0xffff).op(Num.i32_and)
        .localGet(tx).i32Const(16).op(Num.i32_shr_u).op(Num.i32_extend8_s).i32Const(16).op(Num.i32_shl).op(Num.i32_or);
    } else b.localGet(tx).i32Const(0x00ff00ff).op(Num.i32_and);
    if (acc) { b.localSet(tx); e.getReg(bits(w, 19, 16)); b.localSet(ta); add16x2(e, ta, tx); }
  }
  e.setReg(bits(w, 15, 12));
}

/**
 * MUL/MLA/MLS and the long multiplies (multiply.ts): fields Rd/RdHi [19:16], Ra/RdLo [15:12],
 * Rm [11:8], Rn [3:0]. A long product is computed twice (once per half: the scratch locals are
 * i32), and RdLo is written before RdHi, which wins when they are the same register.
 */
function emitMultiply(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, pc = insn.pc, name = insn.name;
  const d = bits(w, 19, 16), a = bits(w, 15, 12), s = bits(w, 20, 20) === 1;
  const [tlo, thi] = e.t;
  const N = () => reg(e, w & 15, pc), M = () => reg(e, bits(w, 11, 8), pc);
  if (name.length === 3) { // MUL, MLA, MLS
    if (name === "MLS") reg(e, a, pc);
    N(); M(); b.op(Num.i32_mul);
    if (name === "MLA") { reg(e, a, pc); b.op(Num.i32_add); }
    if (name === "MLS") b.op(Num.i32_sub);
    b.localSet(tlo);
    if (s) { b.localGet(tlo); e.setFlag(Flag.N); b.localGet(tlo); e.setFlag(Flag.Z); }
    b.localGet(tlo); e.setReg(d);
    return;
  }
  const ext = name[0] === "S" ? Num.i64_extend_i32_s : Num.i64_extend_i32_u;
  const product = () => {
    N(); b.op(ext); M(); b.op(ext); b.op(Num.i64_mul);
    if (name[3] === "A") { // UMLAL/SMLAL: + RdHi:RdLo
      reg(e, d, pc); b.op(Num.i64_extend_i32_u).i64Const(32).op(Num.i64_shl);
      reg(e, a, pc); b.op(Num.i64_extend_i32_u).op(Num.i64_or).op(Num.i64_add);
    }
  };
  product(); b.op(Num.i32_wrap_i64).localSet(tlo);
  product(); b.i64Const(32).op(Num.i64_shr_u).op(Num.i32_wrap_i64).localSet(thi);
  if (s) { b.localGet(thi); e.setFlag(Flag.N); b.localGet(tlo).localGet(thi).op(Num.i32_or); e.setFlag(Flag.Z); }
  b.localGet(tlo); e.setReg(a);
  b.localGet(thi); e.setReg(d);
}

/** Push v's bytes reversed (bswap) for local v. */
function byteSwap(e: RegionEmitter, v: number): void {
  e.b.localGet(v).i32Const(0x00ff00ff).op(Num.i32_and).i32Const(8).op(Num.i32_rotr)
    .localGet(v).i32Const(0xff00ff00 | 0).op(Num.i32_and).i32Const(8).op(Num.i32_rotl).op(Num.i32_or);
}

/** CLZ, REV, REV16, REVSH, RBIT (media.ts): Rd [15:12] from Rm [3:0]. */
function emitBitOp(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, [tv] = e.t;
  reg(e, w & 15, insn.pc); b.localSet(tv);
  const V = () => b.localGet(tv);
  switch (insn.name) {
    case "CLZ": V().op(Num.i32_clz); break;
    case "REV": byteSwap(e, tv); break;
    case "REV16": V().i32Const(8).op(Num.i32_shr_u).i32Const(0x00ff00ff).op(Num.i32_and)
      .localGet(tv).i32Const(8).op(Num.i32_shl).i32Const(0xff00ff00 | 0).op(Num.i32_and).op(Num.i32_or); break;
    case "REVSH": V().i32Const(8).op(Num.i32_shl).localGet(tv).i32Const(8).op(Num.i32_shr_u).i32Const(0xff).op(Num.i32_and)
      .op(Num.i32_or).op(Num.i32_extend16_s); break;
    default: // RBIT: swap bits in pairs, pairs in nibbles, nibbles in bytes, then the bytes
      for (const [k, mask] of [[1, 0x55555555], [2, 0x33333333], [4, 0x0f0f0f0f]]) {
        V().i32Const(k).op(Num.i32_shr_u).i32Const(mask).op(Num.i32_and)
          .localGet(tv).i32Const(mask).op(Num.i32_and).i32Const(k).op(Num.i32_shl).op(Num.i32_or).localSet(tv);
      }
      byteSwap(e, tv);
  }
  e.setReg(bits(w, 15, 12));
}

/** UBFX/SBFX (lsb + width <= 32), BFI/BFC (msb >= lsb): lsb [11:7], widthm1/msb [20:16]. */
function emitBitField(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, d = bits(w, 15, 12), lsb = bits(w, 11, 7), hi = bits(w, 20, 16);
  if (insn.name === "UBFX" || insn.name === "SBFX") {
    const width = hi + 1;
    reg(e, w & 15, insn.pc);
    b.i32Const(32 - lsb - width).op(Num.i32_shl).i32Const(32 - width).op(insn.name === "UBFX" ? Num.i32_shr_u : Num.i32_shr_s);
  } else {
    const width = hi - lsb + 1;
    const mask = (width === 32 ? 0xffffffff : ((1 << width) - 1) << lsb) | 0;
    e.getReg(d); b.i32Const(~mask).op(Num.i32_and);
    if (insn.name === "BFI") { reg(e, w & 15, insn.pc); b.i32Const(lsb).op(Num.i32_shl).i32Const(mask).op(Num.i32_and).op(Num.i32_or); }
  }
  e.setReg(d);
}

/** SEL: byte i from Rn if GE[i], else from Rm (GE lives in the state block). */
function emitSel(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, [tm] = e.t;
  // GE bit i to byte i: the four shifted copies of GE (bits at i + 7j) never overlap
  b.i32Const(0).i32Load(STATE + S_GE).i32Const(0x00204081).op(Num.i32_mul).i32Const(0x01010101).op(Num.i32_and)
    .i32Const(0xff).op(Num.i32_mul).localSet(tm);
  reg(e, bits(w, 19, 16), insn.pc); b.localGet(tm).op(Num.i32_and);
  reg(e, w & 15, insn.pc); b.localGet(tm).i32Const(-1).op(Num.i32_xor).op(Num.i32_and).op(Num.i32_or);
  e.setReg(bits(w, 15, 12));
}

/** SSAT/USAT (saturate.ts): Rn [3:0] shifted (LSL, or ASR with 0 meaning 31), clamped; Q set when it saturates. */
function emitSaturate(e: RegionEmitter, insn: GuestInsn): void {
  const w = insn.word, b = e.b, [tv, tt] = e.t;
  const sat = bits(w, 20, 16), imm = bits(w, 11, 7);
  reg(e, w & 15, insn.pc);
  if (bits(w, 6, 6)) b.i32Const(imm === 0 ? 31 : imm).op(Num.i32_shr_s); else b.i32Const(imm).op(Num.i32_shl);
  b.localSet(tv);
  const max = (2 ** sat - 1) | 0;
  if (insn.name === "SSAT") {
    // top = v >> sat: 0 or -1 fits, above saturates to max, below to ~max
    b.localGet(tv).i32Const(sat).op(Num.i32_shr_s).localSet(tt);
    b.i32Const(max).i32Const(~max).localGet(tv).localGet(tt).i32Const(-1).op(Num.i32_lt_s).select()
      .localGet(tt).i32Const(0).op(Num.i32_gt_s).select();
    b.localGet(tt).i32Const(1).op(Num.i32_add).i32Const(1).op(Num.i32_gt_u);
  } else {
    // above max unsigned: negative saturates to 0, positive to max
    b.i32Const(0).i32Const(max).localGet(tv).i32Const(0).op(Num.i32_lt_s).select()
      .localGet(tv).localGet(tv).i32Const(max).op(Num.i32_gt_u).select();
    b.localGet(tv).i32Const(max).op(Num.i32_gt_u);
  }
  b.if().i32Const(0).i32Const(1).i32Store(STATE + S_QF).end();
  e.setReg(bits(w, 15, 12));
}

/** Rows the interpreter runs as no-ops (hints, barriers, preloads: core/exec/a32/hints.ts, unconditional.ts). */
const NO_OPS = new Set(["NOP", "YIELD", "DSB", "DMB", "ISB", "PLD_imm", "PLDW_imm", "PLI_imm", "PLD_reg", "PLDW_reg", "PLI_reg"]);

const bits = (w: number, hi: number, lo: number) => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
const bigEndian = (key: number) => (key & 0x200) !== 0; // the interpreter swaps data bytes
const writesBack = (w: number) => bits(w, 24, 24) === 0 || bits(w, 21, 21) === 1;

/**
 * The inline rows: which encodings each takes (the rest of the row goes to the fallback) and
 * its emitter. The condition, if any, is wrapped around the emitted code by emitA32Inline.
 */
interface InlineRow {
  rows: readonly string[];
  accepts(w: number, key: number, name: string): boolean;
  emit(e: RegionEmitter, insn: GuestInsn): void;
}

const movImm16 = (w: number) => (bits(w, 19, 16) << 12) | bits(w, 11, 0);
const INLINE_ROWS: readonly InlineRow[] = [
  ...(["imm", "reg", "rsr"] as const).map((form): InlineRow => ({
    rows: DP_OPS.map((op) => `${op}_${form}`),
    // S with Rd = PC: an exception return (SUBS/MOVS) or flags and a branch: the interpreter's
    accepts: (w) => bits(w, 15, 12) !== 15 || bits(w, 20, 20) === 0,
    emit: (e, insn) => emitDataProcessing(e, insn, insn.name.slice(0, 3), form),
  })),
  {
    rows: ["MOVW"], accepts: (w) => bits(w, 15, 12) !== 15,
    emit: (e, { word: w }) => { e.b.i32Const(movImm16(w)); e.setReg(bits(w, 15, 12)); },
  },
  {
    rows: ["MOVT"], accepts: (w) => bits(w, 15, 12) !== 15,
    emit: (e, { word: w }) => {
      const d = bits(w, 15, 12);
      e.getReg(d).b.i32Const(0xffff).op(Num.i32_and).i32Const(movImm16(w) << 16).op(Num.i32_or);
      e.setReg(d);
    },
  },
  {
    rows: ["SXTB", "SXTH", "UXTB", "UXTH", "SXTB16", "UXTB16", "SXTAB", "SXTAH", "UXTAB", "UXTAH", "SXTAB16", "UXTAB16"],
    accepts: (w) => bits(w, 15, 12) !== 15, emit: emitExtend,
  },
  {
    rows: ["MUL", "MLA", "MLS", "UMULL", "UMLAL", "SMULL", "SMLAL"],
    accepts: (w, _k, name) => bits(w, 19, 16) !== 15 && (name.length === 3 || bits(w, 15, 12) !== 15),
    emit: emitMultiply,
  },
  { rows: ["CLZ", "REV", "REV16", "REVSH", "RBIT"], accepts: (w) => bits(w, 15, 12) !== 15, emit: emitBitOp },
  {
    rows: ["UBFX", "SBFX", "BFI", "BFC"],
    // the UNDEFINED field combinations stay with the interpreter
    accepts: (w, _k, name) => bits(w, 15, 12) !== 15 &&
      (name.endsWith("BFX") ? bits(w, 11, 7) + bits(w, 20, 16) + 1 <= 32 : bits(w, 20, 16) >= bits(w, 11, 7)),
    emit: emitBitField,
  },
  { rows: ["SEL"], accepts: (w) => bits(w, 15, 12) !== 15, emit: emitSel },
  { rows: ["SSAT", "USAT"], accepts: (w) => bits(w, 15, 12) !== 15, emit: emitSaturate },
  { rows: ["B", "BL_imm"], accepts: () => true, emit: (e, insn) => emitBranch(e, insn, insn.name === "BL_imm") },
  { rows: ["BX", "BLX_reg"], accepts: (w) => bits(w, 3, 0) !== 15, emit: emitBx },
  {
    rows: ["LDM", "STM"],
    // not big-endian, not the UNDEFINED forms (empty list, Rn = PC, LDM writeback with Rn listed)
    accepts: (w, key, name) => !bigEndian(key) && bits(w, 15, 0) !== 0 && bits(w, 19, 16) !== 15 &&
      !(name === "LDM" && bits(w, 21, 21) === 1 && (w & (1 << bits(w, 19, 16))) !== 0),
    emit: (e, insn) => emitBlockTransfer(e, insn, insn.name === "LDM"),
  },
  {
    rows: ["LDR", "STR", "LDRB", "STRB", "LDRH", "STRH", "LDRSB", "LDRSH"].flatMap((r) => [`${r}_imm`, `${r}_reg`]),
    // writeback to PC or to Rt, and Rm = PC stay with the interpreter; Rt = PC only as LDR (LoadWritePC)
    accepts: (w, key, name) => {
      const n = bits(w, 19, 16), t = bits(w, 15, 12);
      if (bigEndian(key) || (t === 15 && !name.startsWith("LDR_")) || (writesBack(w) && (n === 15 || n === t))) return false;
      return !name.endsWith("_reg") || bits(w, 3, 0) !== 15;
    },
    emit: emitLoadStore,
  },
  {
    rows: ["LDRD_imm", "LDRD_reg", "STRD_imm", "STRD_reg"],
    // not odd Rt, Rt = 14 (Rt2 = PC), P = 0 W = 1 (UNDEFINED); writeback not to PC, Rt or Rt2
    accepts: (w, key, name) => {
      const n = bits(w, 19, 16), t = bits(w, 15, 12);
      if (bigEndian(key) || (t & 1) !== 0 || t === 14 || (bits(w, 24, 24) === 0 && bits(w, 21, 21) === 1)) return false;
      if (writesBack(w) && (n === 15 || n === t || n === t + 1)) return false;
      return !name.endsWith("_reg") || bits(w, 3, 0) !== 15;
    },
    emit: emitDual,
  },
  { rows: ["MRC"], accepts: (w, key) => mrcInline(w, key), emit: (e, { word }) => emitMrc(e, word) },
];
const BY_ROW = new Map(INLINE_ROWS.flatMap((r) => r.rows.map((name) => [name, r] as const)));

/** Inline code for `insn` if its row has an emitter that takes it; false: the caller emits the fallback. */
export function emitA32Inline(e: RegionEmitter, insn: GuestInsn): boolean {
  const cond = insn.word >>> 28;
  if (NO_OPS.has(insn.name)) { e.pend++; return true; } // ISB needs nothing more: SCTLR/TTBR writes end regions
  const row = cond === 15 ? undefined : BY_ROW.get(insn.name);
  if (!row || !row.accepts(insn.word, e.key, insn.name)) return false;
  if (cond !== 14) { emitCondition(e, cond); e.b.if(); }
  row.emit(e, insn);
  if (cond !== 14) e.b.end();
  e.pend++;
  return true;
}
