// Inline wasm for the hottest A32 rows: data processing with immediate or immediate-shifted
// register operands, MOVW/MOVT, B/BL, and word/byte loads and stores whose software-TLB probe
// hits (any miss, fault, MMIO or unaligned address takes the row's interpreter handler through
// the fallback). Semantics mirror core/exec/a32 (data-processing.ts, operands.ts, load-store.ts);
// the lock-step and fuzz tests hold them to it. Everything else returns false: fallback.
import { Num } from "./wasm/opcodes.js";
import { TLB_BASE } from "../core/state/layout.js";
import type { GuestInsn } from "./region-finder.js";
import { Flag, type RegionEmitter } from "./emit-region.js";
import { mrcInline, emitMrc } from "./emit-coproc.js";

const DP_OPS = ["AND", "EOR", "SUB", "RSB", "ADD", "ADC", "SBC", "RSC", "TST", "TEQ", "CMP", "CMN", "ORR", "MOV", "BIC", "MVN"];
const LOGICAL = new Set(["AND", "EOR", "TST", "TEQ", "ORR", "MOV", "BIC", "MVN"]);
const NO_DEST = new Set(["TST", "TEQ", "CMP", "CMN"]);

/** Push ConditionPassed(cond) for cond 0..13 (core/cpu.ts conditionPassed on the stored flags). */
export function emitCondition(e: RegionEmitter, cond: number): void {
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

/** Data processing, immediate or immediate-shifted register forms (Rd = PC: the fallback). */
function emitDataProcessing(e: RegionEmitter, insn: GuestInsn, op: string, form: "imm" | "reg"): void {
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
  } else {
    haveCarry = shiftImm(e, w & 15, (w >>> 5) & 3, (w >>> 7) & 31, pc, tb, s && logical, tc);
  }
  if (op !== "MOV" && op !== "MVN") { reg(e, n, pc); b.localSet(ta); }
  const A = () => b.localGet(ta), B = () => b.localGet(tb);
  if (logical) {
    switch (op) {
      case "AND": case "TST": A(); B(); b.op(Num.i32_and); break;
      case "EOR": case "TEQ": A(); B(); b.op(Num.i32_xor); break;
      case "ORR": A(); B(); b.op(Num.i32_or); break;
      case "MOV": B(); break;
      case "BIC": A(); B(); b.i32Const(-1).op(Num.i32_xor).op(Num.i32_and); break;
      default: B(); b.i32Const(-1).op(Num.i32_xor); break; // MVN
    }
    b.localSet(tr);
    if (s) {
      b.localGet(tr); e.setFlag(Flag.N); b.localGet(tr); e.setFlag(Flag.Z);
      if (haveCarry) { b.localGet(tc); e.setFlag(Flag.C); }
    }
  } else {
    // x + y + c with x, y = a or ~a, b or ~b (core addc): SUB/CMP a+~b+1, RSB ~a+b+1, ADC a+b+C...
    const notA = op === "RSB" || op === "RSC", notB = op === "SUB" || op === "CMP" || op === "SBC";
    const carryIn = op === "SUB" || op === "CMP" || op === "RSB" ? 1 : op === "ADD" || op === "CMN" ? 0 : -1;
    const x = ta, y = tb;
    if (notA) { A(); b.i32Const(-1).op(Num.i32_xor).localSet(x); }
    if (notB) { B(); b.i32Const(-1).op(Num.i32_xor).localSet(y); }
    b.localGet(x).localGet(y).op(Num.i32_add);
    if (carryIn === 1) b.i32Const(1).op(Num.i32_add);
    if (carryIn === -1) { e.getFlag(Flag.C); b.i32Const(1).op(Num.i32_and).localTee(tc).op(Num.i32_add); }
    b.localSet(tr);
    if (s) {
      b.localGet(tr); e.setFlag(Flag.N); b.localGet(tr); e.setFlag(Flag.Z);
      if (carryIn === 0) b.localGet(tr).localGet(x).op(Num.i32_lt_u);
      else if (carryIn === 1) b.localGet(tr).localGet(x).op(Num.i32_le_u);
      else {
        b.localGet(x).op(Num.i64_extend_i32_u).localGet(y).op(Num.i64_extend_i32_u).op(Num.i64_add)
          .localGet(tc).op(Num.i64_extend_i32_u).op(Num.i64_add).i64Const(32).op(Num.i64_shr_u).op(Num.i32_wrap_i64);
      }
      e.setFlag(Flag.C);
      // V = ~(x ^ y) & (x ^ r)
      b.localGet(x).localGet(y).op(Num.i32_xor).i32Const(-1).op(Num.i32_xor)
        .localGet(x).localGet(tr).op(Num.i32_xor).op(Num.i32_and);
      e.setFlag(Flag.V);
    }
  }
  if (!NO_DEST.has(op)) { b.localGet(tr); e.setReg(d); }
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

/**
 * LDR/STR/LDRB/STRB, immediate or shifted-register offset: the TLB probe inline, a hit does
 * the access, base writeback and Rt (in load-store.ts's order); anything else is the fallback.
 */
function emitLoadStore(e: RegionEmitter, insn: GuestInsn, load: boolean, byte: boolean, form: "imm" | "reg"): void {
  const w = insn.word, b = e.b, pc = insn.pc;
  const p = (w >>> 24) & 1, u = (w >>> 23) & 1, wb = p === 0 || ((w >>> 21) & 1) === 1;
  const n = (w >>> 16) & 15, t = (w >>> 12) & 15;
  const [tbase, toff, tva, tent, tv] = e.t;
  // base (literal: Align(PC, 4), already aligned in A32) and offset
  reg(e, n, pc); b.localSet(tbase);
  if (form === "imm") b.i32Const(w & 0xfff).localSet(toff);
  else shiftImm(e, w & 15, (w >>> 5) & 3, (w >>> 7) & 31, pc, toff, false, 0);
  b.localGet(tbase).localGet(toff).op(u ? Num.i32_add : Num.i32_sub).localSet(e.t[5]); // offset address
  b.localGet(p ? e.t[5] : tbase).localSet(tva);
  // TLB entry of (table, va): tag must equal va with the page offset cleared; words must be aligned
  const table = (e.key & 1 ? 3 : 0) + (load ? TLB_TABLE.read : TLB_TABLE.write);
  b.localGet(tva).i32Const(12).op(Num.i32_shr_u).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(3).op(Num.i32_shl).i32Const(TLB_BASE).op(Num.i32_add).localSet(tent);
  b.localGet(tent).i32Load(0).localGet(tva).i32Const(byte ? 0xfffff000 | 0 : 0xfffff003 | 0).op(Num.i32_and).op(Num.i32_eq);
  b.if();
  {
    // host address = va + addend
    const host = () => b.localGet(tva).localGet(tent).i32Load(4).op(Num.i32_add);
    if (load) { host(); if (byte) b.i32Load8U(0); else b.i32Load(0, 0); b.localSet(tv); }
    else { reg(e, t, pc); b.localSet(tv); host(); b.localGet(tv); if (byte) b.i32Store8(0); else b.i32Store(0, 0); }
    if (wb) { b.localGet(e.t[5]); e.setReg(n); }
    if (load) { b.localGet(tv); e.setReg(t); }
  }
  b.else();
  e.fallback(insn, 1);
  b.end();
}

/** Push the TLB entry address of (table, va in local `va`). */
export function tlbEntry(e: RegionEmitter, va: number, table: number): void {
  e.b.localGet(va).i32Const(12).op(Num.i32_shr_u).i32Const(1023).op(Num.i32_and).i32Const(table << 10).op(Num.i32_or)
    .i32Const(3).op(Num.i32_shl).i32Const(TLB_BASE).op(Num.i32_add);
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

/** BX Rm: leave to Rm with interworking. */
function emitBx(e: RegionEmitter, insn: GuestInsn): void {
  e.getReg(insn.word & 15); e.b.localSet(e.t[4]);
  e.pend++;
  e.exitToDynamic(e.t[4]);
  e.pend--;
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
  ...["imm", "reg"].map((form): InlineRow => ({
    rows: DP_OPS.map((op) => `${op}_${form}`),
    accepts: (w, _k, name) => bits(w, 15, 12) !== 15 || NO_DEST.has(name.slice(0, 3)),
    emit: (e, insn) => emitDataProcessing(e, insn, insn.name.slice(0, 3), form as "imm" | "reg"),
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
  { rows: ["B", "BL_imm"], accepts: () => true, emit: (e, insn) => emitBranch(e, insn, insn.name === "BL_imm") },
  { rows: ["BX"], accepts: (w) => bits(w, 3, 0) !== 15, emit: emitBx },
  {
    rows: ["LDM", "STM"],
    // not big-endian, not the UNDEFINED forms (empty list, Rn = PC, LDM writeback with Rn listed)
    accepts: (w, key, name) => !bigEndian(key) && bits(w, 15, 0) !== 0 && bits(w, 19, 16) !== 15 &&
      !(name === "LDM" && bits(w, 21, 21) === 1 && (w & (1 << bits(w, 19, 16))) !== 0),
    emit: (e, insn) => emitBlockTransfer(e, insn, insn.name === "LDM"),
  },
  {
    rows: ["LDR_imm", "STR_imm", "LDRB_imm", "STRB_imm", "LDR_reg", "STR_reg", "LDRB_reg", "STRB_reg"],
    // Rt = PC, writeback to PC or to Rt, and Rm = PC stay with the interpreter
    accepts: (w, key, name) => {
      const n = bits(w, 19, 16), t = bits(w, 15, 12);
      if (bigEndian(key) || t === 15 || (writesBack(w) && (n === 15 || n === t))) return false;
      return !name.endsWith("_reg") || bits(w, 3, 0) !== 15;
    },
    emit: (e, insn) => emitLoadStore(e, insn, insn.name.startsWith("LDR"), insn.name[3] === "B", insn.name.endsWith("_imm") ? "imm" : "reg"),
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
