// Random A32 instruction generator for the differential tests. It picks a decoder pattern row
// (core/decode/patterns, the same tables the core is generated from), fills the row's free bits
// at random, then constrains the word by its place in the A32 encoding space (ARM ARM A5):
// no PC operands, no UNPREDICTABLE register combinations, loads and stores based inside the
// memory window (MOVW/MOVT set-up instructions are inserted before them). The word must still
// decode to the same row (decodeRef) or it is drawn again.
import { DECODER_SETS } from "../../core/decode/patterns/index.js";
import { decodeRef, setRows, type DecoderSet, type Row } from "../../core/decode/formats.js";
import { Rng } from "./rng.js";
import { WINDOW_ADDR, WINDOW_BYTES, type CaseInsn, type TestCase } from "./program.js";
import { bit, bits, put, encClass, movw, movt, SVC_END, USER_OK, USER_UNDEF, SYS_OK } from "./encoding.js";

/** Rows never generated, by name, with the reason. */
export const DO_NOT_TEST: Record<string, string> = {
  B: "branch: leaves the block",
  BL: "branch: leaves the block",
  BL_imm: "branch: leaves the block",
  BLX_imm: "branch: leaves the block",
  BLX_reg: "branch: leaves the block",
  BX: "branch: leaves the block",
  BXJ: "branch: leaves the block",
  SVC: "the harness ends each case with SVC",
  BKPT: "exception-generating",
  HLT: "exception-generating",
  HVC: "exception-generating",
  SMC: "exception-generating",
  ERET: "exception return",
  SRS: "exception entry/return instruction (SRS/RFE) needs privileged set-up",
  RFE: "exception entry/return instruction (SRS/RFE) needs privileged set-up",
  LDM_eret: "exception return",
  SUBS_PC_LR: "exception return",
  STM_usr: "user-bank forms are UNPREDICTABLE in User mode, where cases run",
  LDM_usr: "user-bank forms are UNPREDICTABLE in User mode, where cases run",
  WFI: "waits for an interrupt",
  WFE: "waits for an event",
  MRS_banked: "banked-register access needs a privileged mode",
  MSR_banked: "banked-register access needs a privileged mode",
  MRS_bank: "banked-register access needs a privileged mode",
  MSR_bank: "banked-register access needs a privileged mode",
};

/** Why the sanitizer refuses a whole part of the encoding space. */
const CLASS_REASON: Record<string, string> = {
  branch: "branch: leaves the block",
  svc: "the harness ends each case with SVC",
  coproc: "coprocessor load/store/data/64-bit transfer (VFP/NEON/timers not compared)",
  coproc2: "coprocessor (unconditional space)",
  neon: "Advanced SIMD not compared",
  srs: "SRS/RFE need privileged set-up",
  blx: "branch: leaves the block",
  exc: "exception-generating or exception return",
  banked: "banked-register access needs a privileged mode",
  bx: "branch: leaves the block",
  other: "unclassified unconditional encoding",
};

interface Draft {
  word: number;
  /** Cases run in System mode (else User). */
  priv: boolean;
  row: Row;
  rng: Rng;
  /** Registers set by set-up instructions (base and index), with their values. */
  setup: [number, number][];
  /** Extra instructions placed before the instruction (e.g. an LDREX before a STREX). */
  before: number[];
}

class Reject extends Error {}
const reject = (why: string): never => { throw new Reject(why); };

/** Is the 4-bit field at `lo` entirely free in the row? */
const freeField = (r: Row, hi: number, lo: number) => bits(r.mask, hi, lo) === 0;

/**
 * Give a register field a value (if the row leaves it free) from 0..14 minus `avoid`, or PC with
 * probability `pc`; returns the register. A fixed field (e.g. Rn = 1111 of SXTB) is left alone.
 */
function reg(d: Draft, lo: number, avoid: number[] = [], pc = 0): number {
  if (!freeField(d.row, lo + 3, lo)) {
    const fixed = bits(d.word, lo + 3, lo);
    if (avoid.includes(fixed)) reject("fixed register field conflicts");
    return fixed;
  }
  const choices: number[] = [];
  for (let r = 0; r < 15; r++) if (!avoid.includes(r)) choices.push(r);
  const v = pc > 0 && !avoid.includes(15) && d.rng.chance(pc) ? 15 : d.rng.pick(choices);
  d.word = put(d.word, lo + 3, lo, v);
  return v;
}

/** Set a free bit-field; fixed bits stay (the re-decode check catches conflicts). */
function field(d: Draft, hi: number, lo: number, v: number) {
  const m = ((1 << (hi - lo + 1)) - 1) << lo;
  const free = ~d.row.mask & m;
  d.word = ((d.word & ~free) | ((v << lo) & free)) >>> 0;
}

/**
 * Probability that an address part is left unaligned. Accesses that must be aligned (LDRD,
 * LDM, exclusives, SWP: QEMU 7.2 checks them) fault then, which ends the case: keep it rare.
 */
const misalign = (strict: boolean) => (strict ? 0.02 : 0.25);

/** Base register set-up: a window address, `align`-aligned most of the time. */
function base(d: Draft, n: number, align: number, strict = false) {
  const centre = WINDOW_ADDR + WINDOW_BYTES / 2;
  let off = d.rng.int(1025) - 512;
  if (!d.rng.chance(misalign(strict))) off &= -align;
  d.setup.push([n, (centre + off) >>> 0]);
}

/** Index register set-up: a small value. */
function index(d: Draft, m: number, align: number, strict = false) {
  let v = d.rng.int(256);
  if (!d.rng.chance(misalign(strict))) v &= -align;
  d.setup.push([m, v]);
}

/** Aligned-by-default immediate in a free field. */
function alignImm(d: Draft, lo: number, align: number, strict = false) {
  if (align > 1 && !d.rng.chance(misalign(strict))) field(d, lo + Math.log2(align) - 1, lo, 0);
}

function sanitize(d: Draft): void {
  const w = d.word;
  const cls = encClass(w);
  const P = bit(w, 24), W = bit(w, 21), L = bit(w, 20);
  switch (cls) {
    case "dp_imm": reg(d, 12); reg(d, 16, [], 0.03); return;
    case "dp_reg": reg(d, 12); reg(d, 16, [], 0.03); reg(d, 0, [], 0.03); return;
    case "dp_rsr": reg(d, 12); reg(d, 16); reg(d, 8); reg(d, 0); return;
    case "movw": reg(d, 12); return;
    case "msr_imm": {
      field(d, 22, 22, 0); // the SPSR form is UNPREDICTABLE in User mode
      if (bit(d.word, 22)) reject("SPSR access is UNPREDICTABLE in User mode");
      if (d.priv) field(d, 16, 16, 0); // no mode changes (CPSR_c) in System mode
      if (bits(d.word, 19, 16) === 0 && bit(d.word, 22) === 0) {
        // hint space: keep away from WFE (2) and WFI (3)
        const op = bits(d.word, 7, 0);
        if (op === 2 || op === 3) field(d, 7, 0, d.rng.pick([0, 1, 4, 5, 0x14, 0xf0 | d.rng.int(16)]));
      }
      return;
    }
    case "misc": {
      const op2 = bits(w, 6, 4);
      if (op2 === 0) {
        if (bit(w, 9)) reject("banked");
        field(d, 22, 22, 0);
        if (bit(d.word, 22)) reject("SPSR access is UNPREDICTABLE in User mode");
        if (bit(w, 21)) {
          if (freeField(d.row, 19, 16)) field(d, 19, 16, d.priv ? 2 * (1 + d.rng.int(7)) : 1 + d.rng.int(15));
          if (d.priv && bit(d.word, 16)) reject("MSR CPSR_c would change mode");
          reg(d, 0);
        }
        else reg(d, 12);
        return;
      }
      if (op2 === 1 && bits(w, 22, 21) === 3) { reg(d, 12); reg(d, 0); return; } // CLZ
      if (op2 === 4 || op2 === 5) { reg(d, 16); reg(d, 12); reg(d, 0); return; } // CRC32, QADD...
      if (op2 === 1 || op2 === 2 || op2 === 3) reject("bx");
      reject("exc");
      return;
    }
    case "halfmul": {
      const dd = reg(d, 16);
      reg(d, 12, bits(w, 22, 21) === 2 ? [dd] : []); // SMLAL<x><y>: RdHi != RdLo
      reg(d, 8); reg(d, 0);
      return;
    }
    case "mul": {
      const dd = reg(d, 16);
      const long = bit(w, 23) === 1 || bits(w, 23, 20) === 4; // UMULL.. and UMAAL
      reg(d, 12, long ? [dd] : []);
      reg(d, 8); reg(d, 0);
      return;
    }
    case "swp": {
      const n = reg(d, 16);
      reg(d, 12, [n]); reg(d, 0, [n]);
      base(d, n, 4, true);
      return;
    }
    case "excl": {
      const size = bits(w, 22, 21); // 0 word, 1 doubleword, 2 byte, 3 halfword
      const align = [4, 8, 1, 2][size];
      const odd = size === 1 ? [1, 3, 5, 7, 9, 11, 13, 14] : [];
      const n = reg(d, 16);
      if (L) {
        reg(d, 12, odd);
      } else {
        const t = reg(d, 0, [...odd, n]);
        const dd = reg(d, 12, size === 1 ? [n, t, t + 1] : [n, t]);
        // Half the time, a matching LDREX first so that the store can succeed.
        if (d.rng.chance(0.5)) {
          const lt = d.rng.pick([0, 2, 4, 6, 8, 10, 12].filter((r) => r !== n && r !== t && r !== t + 1 && r !== dd && r + 1 !== n && r + 1 !== dd));
          if (lt !== undefined) d.before.push((0xe1900f9f | ((size & 3) << 21) | (n << 16) | (lt << 12)) >>> 0);
        }
      }
      base(d, n, align, true);
      return;
    }
    case "extra_ldst": {
      const op2 = bits(w, 6, 5);
      const dual = L === 0 && op2 >= 2;
      if (dual && P === 0 && d.rng.chance(0.9)) field(d, 21, 21, 0); // P=0 W=1 is UNDEFINED
      const wback = P === 0 || bit(d.word, 21) === 1;
      const align = dual ? 8 : op2 === 1 ? 2 : 1;
      const t = reg(d, 12, dual ? [1, 3, 5, 7, 9, 11, 13, 14] : []);
      const ts = dual ? [t, t + 1] : [t];
      const n = reg(d, 16, wback ? ts : []);
      if (bit(w, 22)) { if (dual) alignImm(d, 0, 4, true); }
      else { const m = reg(d, 0, dual ? [n, ...ts] : [n]); index(d, m, dual ? 4 : align, dual); }
      base(d, n, align, dual);
      return;
    }
    case "ldst_imm":
    case "ldst_reg": {
      const wback = P === 0 || W === 1;
      const t = reg(d, 12);
      const n = reg(d, 16, wback ? [t] : [], !wback && L === 1 && bit(w, 25) === 0 ? 0.03 : 0);
      const align = bit(w, 22) ? 1 : 4;
      if (cls === "ldst_imm") {
        field(d, 11, 11, 0); // offsets up to 2047 stay inside the window
        if (!bit(w, 22)) alignImm(d, 0, 4);
      } else {
        const m = reg(d, 0, [n]);
        field(d, 11, 9, 0); // shift by 0..3
        if (bits(d.word, 6, 5) === 3) field(d, 6, 5, d.rng.int(3)); // no ROR/RRX of the index
        index(d, m, align);
      }
      if (n !== 15) base(d, n, align);
      else if (L === 0) reject("store relative to the PC would overwrite the code");
      return;
    }
    case "ldm": {
      if (bit(w, 22)) reject("exc");
      const n = reg(d, 16);
      let list = bits(d.word, 15, 0) & 0x7fff; // no PC: loads would branch, stores store PC+8
      if (W) list &= ~(1 << n);
      if (list === 0) list = 1 << d.rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14].filter((r) => r !== n));
      field(d, 15, 0, list);
      base(d, n, 4, true);
      return;
    }
    case "media": sanitizeMedia(d); return;
    case "mcr": {
      // The row may fix the direction (MCR / MRC): only accesses in that direction.
      const dir = (bit(d.row.mask, 20) ? [bit(d.row.value, 20) === 1] : [false, true]);
      const list = (d.priv ? SYS_OK : d.rng.chance(0.2) ? USER_UNDEF : USER_OK).filter((a) => dir.includes(a[5]));
      if (list.length === 0) reject("no listed register access in this direction");
      const [cp, opc1, crn, crm, opc2, read] = d.rng.pick(list);
      field(d, 23, 21, opc1); field(d, 20, 20, read ? 1 : 0); field(d, 19, 16, crn);
      field(d, 11, 8, cp); field(d, 7, 5, opc2); field(d, 3, 0, crm);
      reg(d, 12);
      return;
    }
    case "cps": {
      // User mode: CPS is a NOP. Keep to architecturally valid field combinations.
      const modes = [0x10, 0x11, 0x12, 0x13, 0x17, 0x1b, 0x1f];
      // System mode: change the A/I/F masks only (no interrupt is pending on the bare board).
      const imod = d.priv ? d.rng.pick([2, 3]) : d.rng.pick([0, 2, 3]);
      const m = d.priv ? 0 : imod === 0 ? 1 : d.rng.int(2);
      field(d, 19, 18, imod); field(d, 17, 17, m);
      field(d, 4, 0, m ? d.rng.pick(modes) : 0);
      if (imod === 0) field(d, 8, 6, 0);
      return;
    }
    case "setend": case "barrier": return;
    case "preload": {
      reg(d, 16, [], 0.05);
      if (bit(w, 25)) reg(d, 0);
      return;
    }
    default: reject(cls);
  }
}

function sanitizeMedia(d: Draft): void {
  const w = d.word;
  const op1 = bits(w, 24, 20), op2 = bits(w, 7, 5);
  switch (bits(w, 24, 23)) {
    case 0: reg(d, 16); reg(d, 12); reg(d, 0); return; // parallel add/subtract
    case 1: {
      reg(d, 12); reg(d, 0);
      const sat = (bit(w, 21) === 1 && bit(w, 5) === 0) || ((op1 & 0b11011) === 0b01010 && op2 === 1);
      if (!sat) reg(d, 16); // SSAT/USAT(16) have the saturate position there
      return;
    }
    case 2: { // signed multiplies, divides
      const dd = reg(d, 16);
      // SMLALD/SMLSLD: RdHi != RdLo; the others accept Ra = 15 (SMUAD, SMUSD, SMMUL)
      reg(d, 12, (op1 & 0b111) === 0b100 ? [dd] : [], (op1 & 0b111) === 0b100 ? 0 : 0.25);
      reg(d, 8); reg(d, 0);
      return;
    }
    default: {
      if (op1 === 0b11000 && op2 === 0) { reg(d, 16); reg(d, 12); reg(d, 8); reg(d, 0); return; } // USAD(A)8
      if ((op1 & 0b11010) === 0b11010 && (op2 & 3) === 2) { // SBFX/UBFX: lsb + width <= 32
        reg(d, 12); reg(d, 0);
        const lsb = bits(d.word, 11, 7);
        if (lsb + bits(d.word, 20, 16) > 31) field(d, 20, 16, d.rng.int(32 - lsb));
        return;
      }
      if ((op1 & 0b11110) === 0b11100 && (op2 & 3) === 0) { // BFI/BFC: msb >= lsb
        reg(d, 12); reg(d, 0);
        const lsb = bits(d.word, 11, 7), msb = bits(d.word, 20, 16);
        if (msb < lsb) { field(d, 20, 16, lsb); field(d, 11, 7, msb); }
        return;
      }
      return; // UDF and the rest: as drawn
    }
  }
}

/** Rows drawn less often (acceptance probability): they end the case. */
const RARE: Record<string, number> = { UDF: 0.2 };

export interface RowInfo { row: Row; set: DecoderSet }

export interface GenOptions {
  /** Test instructions per case (set-up instructions not counted). */
  insnsPerCase?: number;
  /** Only rows whose name matches. */
  only?: RegExp;
  /** Mode cases run in: User (default) or System (privileged: ID register reads, CPS, ...). */
  mode?: "usr" | "sys";
}

/** The instruction generator over every row of DECODER_SETS. */
export class Generator {
  readonly testable: RowInfo[] = [];
  readonly excluded = new Map<string, string>();
  readonly counts = new Map<string, number>();
  readonly classCounts = new Map<string, number>();

  constructor(private rng: Rng, private opts: GenOptions = {}) {
    const probe = new Rng(0x5eed);
    // The A32 core only: Thumb, VFP and NEON rows are drawn by fp-thumb-generator.ts.
    for (const set of DECODER_SETS.filter((s) => s.name === "A32" || s.name === "A32U")) {
      for (const row of setRows(set)) {
        if (/^(vfp|neon)\//.test(row.exec ?? "")) continue;
        if (opts.only && !opts.only.test(row.name)) continue;
        const named = row.opts.doNotTest ?? DO_NOT_TEST[row.name];
        if (named) { this.excluded.set(row.name, named); continue; }
        // Rows whose every encoding the sanitizer refuses are out too, with its reason.
        const why = new Map<string, number>();
        let ok = false;
        for (let i = 0; i < 64 && !ok; i++) {
          const r = this.tryRow({ row, set }, probe);
          if (typeof r === "string") why.set(r, (why.get(r) ?? 0) + 1);
          else ok = true;
        }
        if (ok) { this.testable.push({ row, set }); continue; }
        const top = [...why.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "?";
        this.excluded.set(row.name, CLASS_REASON[top] ?? top);
      }
    }
  }

  /** One attempt at an instruction for a row: the instructions, or why not. */
  private tryRow(info: RowInfo, rng: Rng): CaseInsn[] | string {
    const { row, set } = info;
    let word = ((rng.u32() & ~row.mask) | row.value) >>> 0;
    if (set.name === "A32") {
      if (row.mask >>> 28 !== 0) { if (row.value >>> 28 === 15) return "cond 1111 in the A32 set"; }
      else word = put(word, 31, 28, rng.chance(0.6) ? 14 : rng.int(14));
    }
    const d: Draft = { word, row, rng, priv: this.opts.mode === "sys", setup: [], before: [] };
    try { sanitize(d); } catch (e) { if (e instanceof Reject) return e.message; throw e; }
    const got = decodeRef(set, d.word);
    if (got?.name !== row.name) return `re-decodes as ${got?.name ?? "nothing"}`;
    const out: CaseInsn[] = [];
    for (const [r, v] of d.setup) {
      out.push({ word: movw(r, v & 0xffff), row: "setup", set: "", cls: "" });
      out.push({ word: movt(r, v >>> 16), row: "setup", set: "", cls: "" });
    }
    for (const b of d.before) {
      const br = decodeRef(set, b);
      out.push({ word: b, row: br?.name ?? "?", set: set.name, cls: br?.exec ?? "" });
    }
    out.push({ word: d.word, row: row.name, set: set.name, cls: row.exec ?? "" });
    return out;
  }

  /** Instructions for one random test instruction (set-up included). */
  insn(): CaseInsn[] {
    if (this.testable.length === 0) throw new Error("no testable rows");
    for (;;) {
      const info = this.rng.pick(this.testable);
      const rare = RARE[info.row.name];
      if (rare !== undefined && !this.rng.chance(rare)) continue;
      const r = this.tryRow(info, this.rng);
      if (typeof r === "string") continue;
      for (const i of r) {
        if (i.row === "setup") continue;
        this.counts.set(i.row, (this.counts.get(i.row) ?? 0) + 1);
        this.classCounts.set(i.cls, (this.classCounts.get(i.cls) ?? 0) + 1);
      }
      return r;
    }
  }

  /** A whole test case: random registers and flags, instructions, the final SVC. */
  testCase(): TestCase {
    const n = this.opts.insnsPerCase ?? 20;
    const regs = Array.from({ length: 15 }, () => this.rng.regValue());
    const mode = this.opts.mode === "sys" ? 0x1f : 0x10;
    const cpsr = ((this.rng.u32() & 0xf8000000) | ((this.rng.u32() & 0xf) << 16) | 0x1c0 | mode) >>> 0;
    const insns: CaseInsn[] = [];
    for (let i = 0; i < n; i++) insns.push(...this.insn());
    insns.push({ word: SVC_END, row: "end", set: "", cls: "" });
    return { regs, cpsr, insns };
  }
}
