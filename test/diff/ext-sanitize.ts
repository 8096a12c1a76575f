// Sanitizer of the Thumb/VFP/NEON differential generator: given a drawn word and its template
// kind, constrain it so that the case stays inside the harness's rules: no branch out of the
// block (short forward branches over a filler only), no PC destinations, loads and stores
// based in the memory window (set-up instructions go before), no mode changes. UNPREDICTABLE
// register choices are mostly avoided (SP and PC as operands of T32 data processing).
import type { Row } from "../../core/decode/formats.js";
import { bit, bits, put, USER_OK, USER_UNDEF } from "./encoding.js";
import { WINDOW_ADDR, WINDOW_BYTES } from "./program.js";
import type { Rng } from "./rng.js";
import type { Kind } from "./ext-templates.js";

export class Reject extends Error {}
export const reject = (why: string): never => { throw new Reject(why); };

export interface XDraft {
  word: number;
  /** Fixed bits (the row or template drawn from). */
  row: Row;
  rng: Rng;
  thumb: boolean;
  /** Register set-ups [reg, value] placed before the instruction (13 = SP, through r12). */
  setup: [number, number][];
  /** Follows the instruction: a 16-bit filler a short branch skips (or not). */
  filler?: boolean;
  /** True if the instruction may sit in an IT block. */
  itOk: boolean;
  /** True if it reads or writes memory (in an IT block only as the first instruction). */
  mem: boolean;
}

const free = (d: XDraft, hi: number, lo: number) => bits(d.row.mask, hi, lo) === 0;

/** Set a free bit-field (fixed bits stay). */
export function field(d: XDraft, hi: number, lo: number, v: number) {
  const m = (hi - lo === 31 ? 0xffffffff : ((1 << (hi - lo + 1)) - 1) << lo) >>> 0;
  const f = ~d.row.mask & m;
  d.word = ((d.word & ~f) | ((v << lo) & f)) >>> 0;
}

/** A register field (4 bits at lo, or 3 bits if `width` 3): a register not in `avoid`. */
function reg(d: XDraft, lo: number, avoid: number[] = [13, 15], width = 4): number {
  const hi = lo + width - 1;
  if (!free(d, hi, lo)) {
    const v = bits(d.word, hi, lo);
    if (avoid.includes(v)) reject(v >= 13 ? "fixed SP/PC register field (hint, branch or UNPREDICTABLE form)" : "fixed register field conflicts");
    return v;
  }
  const choices: number[] = [];
  for (let r = 0; r < (1 << width); r++) if (!avoid.includes(r)) choices.push(r);
  if (choices.length === 0) reject("no register left");
  const v = d.rng.pick(choices);
  d.word = put(d.word, hi, lo, v);
  return v;
}

const LOW = [8, 9, 10, 11, 12, 13, 14, 15];

function base(d: XDraft, n: number, align: number, room = 512, strict = false) {
  const centre = WINDOW_ADDR + WINDOW_BYTES / 2;
  let off = d.rng.int(2 * room + 1) - room;
  if (!d.rng.chance(strict ? 0.02 : 0.2)) off &= -align;
  d.setup.push([n, (centre + off) >>> 0]);
  d.mem = true;
}

function index(d: XDraft, m: number, align: number) {
  let v = d.rng.int(256);
  if (!d.rng.chance(0.2)) v &= -align;
  d.setup.push([m, v]);
}

/** Register list helper: a non-empty list from `allowed` (bit mask), at least `min` bits. */
function list(d: XDraft, hi: number, lo: number, allowed: number, min = 1) {
  let l = bits(d.word, hi, lo) & allowed;
  const regs: number[] = [];
  for (let r = 0; r <= hi - lo; r++) if ((allowed >>> r) & 1) regs.push(r);
  while (popcount(l) < min) l |= 1 << d.rng.pick(regs);
  field(d, hi, lo, l);
  if ((bits(d.word, hi, lo) & ~allowed) !== 0) reject("fixed list bits");
}
const popcount = (v: number) => { let n = 0; for (; v; v &= v - 1) n++; return n; };

export function sanitize(d: XDraft, kind: Kind, priv: boolean): void {
  let w = d.word;
  d.itOk = true;
  switch (kind) {
    // ---- 16-bit Thumb
    case "t16": {
      if (bits(w, 15, 6) === 0b1011101010) field(d, 7, 6, d.rng.pick([0, 1, 3])); // not HLT
      if (bits(w, 15, 8) === 0xb6) d.itOk = false; // CPS: UNPREDICTABLE in an IT block
      return;
    }
    case "t16_hireg": {
      const op = bits(w, 9, 8);
      if (op === 3) reject("branch: leaves the block");
      const dn = (bit(w, 7) << 3) | bits(w, 2, 0);
      if (dn === 15 || (op === 1 && dn === 13 && d.rng.chance(0.8))) {
        const v = d.rng.int(13);
        field(d, 7, 7, v >> 3); field(d, 2, 0, v & 7);
      }
      if ((bit(d.word, 7) << 3 | bits(d.word, 2, 0)) === 15) reject("PC destination");
      if (bits(d.word, 6, 3) === 15 && (op === 1 || d.rng.chance(0.7))) field(d, 6, 3, d.rng.int(15));
      return;
    }
    case "t16_ldlit": d.mem = true; return;
    case "t16_ldst_reg": {
      const op = bits(w, 11, 9);
      const align = [4, 2, 1, 1, 4, 2, 1, 2][op];
      const n = reg(d, 3, LOW, 3), m = reg(d, 6, [...LOW, n], 3);
      base(d, n, align); index(d, m, align);
      return;
    }
    case "t16_ldst_imm": {
      const n = reg(d, 3, LOW, 3);
      const align = bits(w, 15, 12) === 8 ? 2 : bit(w, 12) ? 1 : 4;
      base(d, n, align);
      return;
    }
    case "t16_sp": base(d, 13, 4); return;
    case "t16_pushpop": {
      if (bit(w, 11)) field(d, 8, 8, 0); // POP {pc} would branch
      if (bit(w, 11) && bit(d.word, 8)) reject("POP PC");
      if (bits(d.word, 8, 0) === 0) field(d, 7, 0, 1 << d.rng.int(8));
      base(d, 13, 4, 256, true);
      return;
    }
    case "t16_ldm": {
      const n = reg(d, 8, LOW, 3);
      list(d, 7, 0, bit(w, 11) ? 0xff : 0xff & ~(1 << n));
      base(d, n, 4, 256, true);
      return;
    }
    case "t16_cb": field(d, 9, 9, 0); field(d, 7, 3, 0); if (bit(d.word, 9) || bits(d.word, 7, 3)) reject("branch: leaves the block"); d.filler = true; d.itOk = false; return;
    case "t16_bcond": {
      const c = bits(w, 11, 8);
      if (c >= 14) field(d, 11, 8, d.rng.int(14));
      if (bits(d.word, 11, 8) >= 14) reject("svc");
      field(d, 7, 0, 0); if (bits(d.word, 7, 0)) reject("branch: leaves the block");
      d.filler = true; d.itOk = false; return;
    }
    case "t16_b": field(d, 10, 0, 0); if (bits(d.word, 10, 0)) reject("branch: leaves the block"); d.filler = true; d.itOk = false; return;
    case "t16_hint": {
      const op = bits(w, 7, 4);
      if (op === 2 || op === 3) field(d, 7, 4, d.rng.pick([0, 1, 4]));
      if ([2, 3].includes(bits(d.word, 7, 4))) reject("waits for an event");
      d.itOk = false;
      return;
    }
    case "t16_it": reject("IT blocks are built by the generator");
    // ---- 32-bit Thumb data processing
    case "t32_dpimm": case "t32_dpreg": {
      const imm = kind === "t32_dpimm";
      const valid = imm ? [0, 1, 2, 3, 4, 8, 10, 11, 13, 14] : [0, 1, 2, 3, 4, 6, 8, 10, 11, 13, 14];
      if (free(d, 24, 21) && !valid.includes(bits(w, 24, 21))) field(d, 24, 21, d.rng.pick(valid));
      const op = bits(d.word, 24, 21);
      const S = bit(d.word, 20);
      const cmp = S === 1 && [0, 4, 8, 13].includes(op) && d.rng.chance(0.4); // TST TEQ CMN CMP
      const mov = (op === 2 || op === 3) && d.rng.chance(0.4);                 // MOV MVN
      if (free(d, 11, 8)) { if (cmp) field(d, 11, 8, 15); else reg(d, 8); }
      else if (bits(d.word, 11, 8) === 15 && !(S === 1 && [0, 4, 8, 13].includes(op))) reject("PC destination");
      if (free(d, 19, 16)) { if (mov) field(d, 19, 16, 15); else reg(d, 16, (op === 8 || op === 13) && d.rng.chance(0.2) ? [15] : [13, 15]); }
      if (!imm) reg(d, 0);
      if (!imm && op === 6) { field(d, 20, 20, 0); field(d, 4, 4, 0); } // PKHBT/PKHTB
      return;
    }
    case "t32_plain": {
      const ops = [0, 4, 10, 12, 16, 18, 20, 22, 24, 26, 28];
      if (free(d, 24, 21) && !ops.includes(bits(w, 24, 20))) field(d, 24, 20, d.rng.pick(ops));
      const op = bits(d.word, 24, 20);
      if (op >= 16) { field(d, 26, 26, 0); field(d, 5, 5, 0); }
      const lsb = () => (bits(d.word, 14, 12) << 2) | bits(d.word, 7, 6);
      reg(d, 8);
      if (op === 0 || op === 0b01010) reg(d, 16, d.rng.chance(0.3) ? [13, 15] : [15, 13].slice(1)); // ADDW/SUBW (ADR with Rn=PC)
      else if (op === 0b00100 || op === 0b01100) { /* MOVW/MOVT: imm4 in the Rn field */ }
      else if (op === 0b10110) { if (!free(d, 19, 16)) { /* BFC or BFI row */ if (bits(d.word, 19, 16) !== 15) reg(d, 16); } else if (d.rng.chance(0.2)) field(d, 19, 16, 15); else reg(d, 16); } // BFI/BFC
      else reg(d, 16);
      if (op === 0b10100 || op === 0b11100) { // SBFX/UBFX: lsb + width <= 32
        if (lsb() + bits(d.word, 4, 0) > 31) field(d, 4, 0, d.rng.int(32 - lsb()));
      } else if (op === 0b10110) { // BFI/BFC: msb >= lsb
        if (bits(d.word, 4, 0) < lsb()) field(d, 4, 0, lsb() + d.rng.int(32 - lsb()));
      } else if ((op === 0b10010 || op === 0b11010) && d.rng.chance(0.8)) { // SSAT16/USAT16
        field(d, 14, 12, 0); field(d, 7, 6, 0); field(d, 5, 4, 0);
      }
      return;
    }
    case "t32_regdp": {
      const pick = (hi: number, lo: number, ok: number[]) => { if (!ok.includes(bits(d.word, hi, lo))) field(d, hi, lo, d.rng.pick(ok)); };
      if (bit(w, 23) === 1 && bit(w, 7) === 0) { pick(22, 20, [0, 1, 2, 4, 5, 6]); pick(6, 4, [0, 1, 2, 4, 5, 6]); }
      else if (bit(w, 23) === 1) { pick(5, 4, bits(w, 21, 20) >= 2 ? [0] : [0, 1, 2, 3]); }
      else if (bit(w, 7) === 1) pick(22, 20, [0, 1, 2, 3, 4, 5]);
      reg(d, 8); const m = reg(d, 0);
      if (bit(d.word, 23) === 1 && bits(d.word, 7, 6) === 2 && bit(d.word, 20) === 1) field(d, 19, 16, m); // REV.., CLZ: Rn = Rm
      else if (free(d, 19, 16) && !(bit(d.word, 23) === 0 && bit(d.word, 7) === 1 && d.rng.chance(0.3))) reg(d, 16);
      else if (free(d, 19, 16)) field(d, 19, 16, 15); // SXTB.. (no accumulate)
      return;
    }
    case "t32_mul": {
      const op = bits(w, 22, 20);
      if (op === 0 && bits(w, 5, 4) > 1) field(d, 5, 4, d.rng.int(2));
      else if (op === 7 || (op === 0 && false)) field(d, 5, 4, 0);
      else if (op >= 2) field(d, 5, 5, 0);
      reg(d, 8); reg(d, 16); reg(d, 0);
      if (free(d, 15, 12)) { if (d.rng.chance(0.2)) field(d, 15, 12, 15); else reg(d, 12); }
      return;
    }
    case "t32_mull": {
      const ok: Record<number, number[]> = { 0: [0], 1: [15], 2: [0], 3: [15], 4: [0, 8, 9, 10, 11, 12, 13], 5: [12, 13], 6: [0, 6] };
      if (bits(w, 22, 20) === 7) field(d, 22, 20, d.rng.int(7));
      const o1 = bits(d.word, 22, 20);
      if (ok[o1] && !ok[o1].includes(bits(d.word, 7, 4))) field(d, 7, 4, d.rng.pick(ok[o1]));
      w = d.word;
      const div = bits(w, 22, 20) === 1 || bits(w, 22, 20) === 3;
      const lo = div ? 15 : reg(d, 12); reg(d, 8, [13, 15, ...(bits(w, 22, 20) === 1 || bits(w, 22, 20) === 3 ? [] : [lo])]);
      if (bits(w, 22, 20) === 1 || bits(w, 22, 20) === 3) field(d, 15, 12, 15); // SDIV/UDIV: Ra = 1111
      reg(d, 16); reg(d, 0);
      return;
    }
    // ---- 32-bit Thumb memory
    case "t32_ldst": {
      const L = bit(w, 20), size = bits(w, 22, 21);
      if (size === 3) field(d, 22, 21, d.rng.int(3));
      const sz = bits(d.word, 22, 21);
      const align = [1, 2, 4, 4][bits(d.word, 22, 21)];
      const isImm8 = bit(w, 23) === 0 && bit(w, 11) === 1;
      if (bit(w, 24) && sz >= 2) field(d, 22, 21, d.rng.int(2)); // signed loads: byte, halfword
      if (isImm8 && (bits(w, 10, 8) & 5) === 0) field(d, 10, 8, d.rng.pick([4, 5, 6, 7, 1, 3]));
      if (isImm8 && (bits(d.word, 10, 8) & 5) === 0) reject("UNDEFINED form");
      const wback = isImm8 && bit(d.word, 8) === 1 && bits(d.word, 10, 8) !== 6;
      const t = reg(d, 12, L || d.rng.chance(0.7) ? [13, 15] : [15]);
      const n = reg(d, 16, wback ? [13, 15, t] : [13, 15]);
      if (bit(w, 23) === 0 && bit(w, 11) === 0) {
        const m = reg(d, 0, [13, 15, n]); index(d, m, align); if (bits(d.word, 5, 4) !== 0) { /* LSL 1..3 */ }
      }
      if (!L && bit(w, 24)) reject("signed store does not exist");
      base(d, n, align, 512);
      return;
    }
    case "t32_ldlit": {
      if (bits(w, 22, 21) === 3) field(d, 22, 21, d.rng.int(3));
      if (bit(w, 24) && bits(d.word, 22, 21) >= 2) field(d, 22, 21, d.rng.int(2));
      reg(d, 12); d.mem = true; return;
    }
    case "t32_pld": { // PLD, PLDW, PLI: no memory access, any base (PC: literal form)
      if (bits(w, 22, 21) > 1) field(d, 22, 21, d.rng.int(2));
      if (bits(d.word, 22, 21) > 1) reject("load to PC: branch");
      if (bits(d.word, 19, 16) !== 15 && bit(d.word, 23) === 0) {
        if (bit(d.word, 11)) field(d, 11, 8, 12);
        else { field(d, 10, 6, 0); reg(d, 0); }
        if (bit(d.word, 11) ? bits(d.word, 11, 8) !== 12 : bits(d.word, 10, 6) !== 0) reject("UNPREDICTABLE hint form");
      }
      return;
    }
    case "t32_dual": {
      const P = bit(w, 24), W = bit(w, 21), L = bit(w, 20);
      if (P === 0 && W === 0) field(d, 24, 24, 1);
      const t1 = reg(d, 12), t2 = reg(d, 8, L ? [13, 15, t1] : [13, 15]);
      const wb = bit(d.word, 21) === 1 || bit(d.word, 24) === 0;
      const n = reg(d, 16, wb ? [13, 15, t1, t2] : [13, 15]);
      base(d, n, 4, 256, true);
      return;
    }
    case "t32_excl": {
      const L = bit(w, 20);
      if (bit(w, 23) === 1 && bits(w, 5, 4) === 2) field(d, 5, 4, d.rng.pick([0, 1, 3]));
      const dual = bit(w, 23) === 1 && bits(d.word, 5, 4) === 3;
      const align = bit(w, 23) ? [1, 2, 4, 8][bits(d.word, 5, 4)] : 4;
      const t1 = reg(d, 12);
      const t2 = dual || bit(w, 23) === 0 ? -1 : -1;
      let used = [t1];
      if (bit(w, 23) === 1) { if (dual) used.push(reg(d, 8, [13, 15, t1])); else field(d, 11, 8, 15); }
      const n = reg(d, 16, [13, 15, ...used]);
      if (!L) { // STREX Rd (bits 11..8 for the word form, 3..0 for B/H/D)
        if (bit(w, 23) === 0) reg(d, 8, [13, 15, n, ...used]); else reg(d, 0, [13, 15, n, ...used]);
      } else if (bit(w, 23) === 1) field(d, 3, 0, 15);
      if (bit(w, 23) === 0) field(d, 7, 0, d.rng.int(16));
      if (bit(w, 23) === 0 && L) field(d, 11, 8, 15);
      void t2;
      base(d, n, align, 256, true);
      return;
    }
    case "t32_ldm": {
      const op = bits(w, 24, 23);
      if (op === 0 || op === 3) field(d, 24, 23, d.rng.pick([1, 2]));
      if (bits(d.word, 24, 23) === 0 || bits(d.word, 24, 23) === 3) reject("SRS/RFE");
      const n = reg(d, 16);
      const allowed = (bit(d.word, 21) ? 0x5fff & ~(1 << n) : 0x5fff);
      list(d, 15, 0, allowed, 2);
      base(d, n, 4, 256, true);
      return;
    }
    case "t32_branch": {
      if (bit(w, 12) === 0 && bits(w, 25, 22) >= 14) field(d, 25, 22, d.rng.int(14));
      if (bit(d.word, 12) === 0 && bits(d.word, 25, 22) >= 14) reject("misc control");
      if (bit(d.word, 12) === 0 && bit(d.word, 14) === 1) reject("BLX imm: leaves Thumb");
      // Offset 2: over a 16-bit filler (S=0, J1=J2=1 for B/BL: I1=I2=0 means J = NOT S).
      const s = 0;
      field(d, 26, 26, s);
      if (bit(d.word, 12)) { field(d, 13, 13, 1); field(d, 11, 11, 1); field(d, 25, 16, 0); }
      else { field(d, 13, 13, 0); field(d, 11, 11, 0); field(d, 21, 16, 0); }
      field(d, 10, 0, 1);
      const ok = bit(d.word, 26) === 0 && bits(d.word, 10, 0) === 1 && (bit(d.word, 12)
        ? bit(d.word, 13) === 1 && bit(d.word, 11) === 1 && bits(d.word, 25, 16) === 0
        : bit(d.word, 13) === 0 && bit(d.word, 11) === 0 && bits(d.word, 21, 16) === 0);
      if (!ok) reject("branch: leaves the block");
      d.filler = true; d.itOk = false;
      return;
    }
    case "t32_msr": {
      if (bits(w, 11, 10) === 0) field(d, 11, 10, 1 + d.rng.int(3));
      field(d, 20, 20, 0); // CPSR, not SPSR
      reg(d, 16); return;
    }
    case "t32_mrs": reg(d, 8); return;
    case "t32_hint": {
      if (![0, 1, 4].includes(bits(w, 7, 0)) && bits(w, 7, 4) !== 0xf) field(d, 7, 0, d.rng.pick([0, 1, 4, 0xf0 | d.rng.int(16)]));
      if ([2, 3].includes(bits(d.word, 7, 0))) reject("waits for an event");
      d.itOk = false;
      return;
    }
    case "t32_barrier": {
      const op = bits(w, 7, 4);
      if (![2, 4, 5, 6].includes(op)) field(d, 7, 4, d.rng.pick([2, 4, 5, 6]));
      d.itOk = bits(d.word, 7, 4) !== 2;
      return;
    }
    case "t32_mcr": {
      const dir = bit(d.row.mask, 20) ? [bit(d.row.value, 20) === 1] : [false, true];
      const l = (priv ? USER_OK : d.rng.chance(0.2) ? USER_UNDEF : USER_OK).filter((a) => dir.includes(a[5]));
      if (l.length === 0) reject("no listed register access in this direction");
      const [cp, opc1, crn, crm, opc2, read] = d.rng.pick(l);
      field(d, 23, 21, opc1); field(d, 20, 20, read ? 1 : 0); field(d, 19, 16, crn);
      field(d, 11, 8, cp); field(d, 7, 5, opc2); field(d, 3, 0, crm);
      reg(d, 12);
      return;
    }
    // ---- VFP / NEON (A32 words)
    case "vfp_dp": {
      if (bits(w, 23, 23) === 1 && bits(w, 21, 20) === 3 && bit(w, 6) === 1) { // other VFP data processing
        if ([6, 9].includes(bits(w, 19, 16))) field(d, 19, 16, d.rng.pick([0, 1, 2, 3, 4, 5, 7, 8, 12, 13]));
        const o2 = bits(d.word, 19, 16);
        if ((o2 === 2 || o2 === 3) && d.rng.chance(0.9)) field(d, 8, 8, 0); // VCVTB/T: f16 <-> f32 only in VFPv4
        if (o2 === 7) field(d, 7, 7, 1);
      } else if (bit(w, 23) === 1 && bits(w, 21, 20) === 0) field(d, 6, 6, 0); // VDIV
      else if (bit(w, 23) === 1 && bits(w, 21, 20) === 3 && free(d, 20, 20)) field(d, 20, 20, 0);
      w = d.word;
      if (bits(w, 23, 20) === 0b1011 && bit(w, 6) === 1 && bits(w, 19, 16) === 0b0101 && d.rng.chance(0.98)) {
        field(d, 5, 5, 0); field(d, 3, 0, 0); // VCMP with #0 (other Vm: UNDEFINED in QEMU)
      }
      return;
    }
    case "vfp_xfer": {
      if (bit(w, 20) && bit(w, 23) === 0 && bits(w, 11, 8) === 0xb && bit(w, 22) === 0 && bits(w, 6, 5) === 2 && false) return;
      reg(d, 12);
      if (bits(w, 11, 8) === 0xb && bit(w, 23) && bit(w, 20) === 0) { // VDUP
        if (bit(w, 21) && free(d, 16, 16)) field(d, 16, 16, 0); // Q: even Qd
        if (bit(d.word, 22) && bit(d.word, 5)) field(d, 5, 5, 0);
      } else if (bits(w, 11, 8) === 0xb) { // VMOV scalar: no .32 with U, no opc 0x10
        if (bit(d.word, 22) === 0 && bits(d.word, 6, 5) === 2) field(d, 6, 5, d.rng.pick([0, 1, 3]));
        if (bit(d.word, 20) && bit(d.word, 22) === 0 && bits(d.word, 6, 5) === 0) field(d, 23, 23, 0);
      }
      return;
    }
    case "vfp_sys": {
      const L = bit(w, 20);
      const r = bits(w, 19, 16);
      if (r !== 1 && d.rng.chance(0.85)) field(d, 19, 16, 1); // mostly FPSCR
      if (L && bits(d.word, 19, 16) === 1 && d.rng.chance(0.3)) { field(d, 15, 12, 15); return; } // VMRS APSR_nzcv
      if (!L && priv === false && bits(d.word, 19, 16) !== 1 && d.rng.chance(0.7)) field(d, 19, 16, 1);
      reg(d, 12);
      return;
    }
    case "vfp_xfer64": {
      const t1 = reg(d, 12), t2 = reg(d, 16, bit(w, 20) ? [13, 15, t1] : [13, 15]);
      void t2;
      if (bits(w, 11, 8) === 0xa && bits(d.word, 3, 0) === 15 && bit(d.word, 5)) field(d, 3, 0, d.rng.int(15)); // S31 pair
      return;
    }
    case "vfp_ldst": {
      const n = free(d, 19, 16) ? (d.rng.chance(0.1) && bit(w, 20) ? 15 : reg(d, 16, [13, 15])) : bits(w, 19, 16);
      if (n === 15) { field(d, 19, 16, 15); d.mem = true; return; }
      field(d, 7, 0, d.rng.int(128));
      base(d, n, 4, 512, true);
      return;
    }
    case "vfp_ldm": {
      const P = bit(w, 24), U = bit(w, 23), W = bit(w, 21);
      if (P === U || (P === 0 && U === 1 && false)) { field(d, 24, 24, 0); field(d, 23, 23, 1); }
      if (bit(d.word, 24) === 1 && bit(d.word, 23) === 0 && W === 0) field(d, 21, 21, 1);
      if (bit(d.word, 24) === bit(d.word, 23)) reject("VLDR/VSTR or UNDEFINED");
      const dbl = bit(w, 8) === 1;
      const vd = dbl ? (bit(d.word, 22) << 4) | bits(d.word, 15, 12) : (bits(d.word, 15, 12) << 1) | bit(d.word, 22);
      const lim = (dbl ? 32 : 32) - vd;
      const count = 1 + d.rng.int(Math.max(1, Math.min(dbl ? 16 : 32, lim)));
      field(d, 7, 0, dbl ? 2 * count + (d.rng.chance(0.05) ? 1 : 0) : count);
      const n = d.rng.chance(0.2) ? 13 : reg(d, 16);
      field(d, 19, 16, n);
      base(d, n, 4, 256, true);
      return;
    }
    case "neon_dp": {
      const U24 = (w >>> 24) & 1;
      if (bit(w, 23) === 0 && bits(w, 21, 20) === 3 && !(bits(w, 11, 8) === 1 && bit(w, 4) === 1) && bits(w, 11, 8) < 13 && d.rng.chance(0.8)) field(d, 21, 20, d.rng.int(3)); // 3 same integer: no size 11
      if ((w >>> 23) === 0x1e7 && bits(w, 21, 20) === 3 && bit(w, 11) === 0 && bits(w, 19, 18) === 3) field(d, 19, 18, d.rng.int(3)); // 2 reg misc
      void U24;
      if (!d.rng.chance(0.05)) { // even register numbers are valid as D and as Q registers
        for (const lo of [12, 16, 0]) if (free(d, lo, lo)) field(d, lo, lo, 0);
      }
      return;
    }
    case "neon_ls": {
      const n = reg(d, 16, [13, 15]);
      const m = d.rng.pick([15, 15, 13, 13, 0]);
      if (m === 0) { const r = reg(d, 0, [13, 15, n]); index(d, r, 8); } else field(d, 3, 0, m);
      if (bit(w, 23) === 0 && bits(w, 11, 8) > 10) field(d, 11, 8, d.rng.int(11)); // multiple structures: types 0..10
      // Vd + registers within D0..D31 most of the time.
      if (d.rng.chance(0.85)) field(d, 22, 22, 0), field(d, 15, 12, d.rng.int(10) * (d.rng.chance(0.5) ? 1 : 0));
      base(d, n, 32, 256, true);
      return;
    }
  }
}
