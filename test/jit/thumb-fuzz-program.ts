// Random Thumb programs aimed at the JIT (the Thumb counterpart of fuzz-program.ts): an A32
// prologue sets registers, flags and maybe User mode and BX-es into a Thumb loop whose body
// mixes T16 and T32 rows the translator inlines (data processing of every form, extends, bit
// fields, multiplies, loads and stores of every size and addressing form on the data window,
// unaligned ones, PUSH/POP, LDM/STM, LDRD/STRD, forward B/B<c>/CBZ/CBNZ/BL, BX/MOV PC/ADD
// PC/POP {pc}/LDR pc, calls into an A32 stub and back, small inner loops) with rows it leaves to
// the interpreter, MMIO and unassigned accesses (data aborts, handled and returned from), stores
// that rewrite the loop's own code, and undefined instructions. Exception handlers are A32;
// they count in r8 and return past the Thumb instruction (its size read from its first halfword).
// Registers: r0-r5 data (r5 also a scratch for branch targets), r6 the data window, r7 a small
// index, r8 the exception counter, r9 a device/unassigned address, r10 a safe instruction pair
// (what self-modifying stores write), r11 the loop's code, r12 the loop counter, sp a stack in
// the window.
import type { Rng } from "../diff/rng.js";
import { VECTORS, PROGRAM, WINDOW, WINDOW_BYTES } from "./fuzz-program.js";

export { VECTORS, PROGRAM, WINDOW, WINDOW_BYTES };
/** An A32 routine the Thumb code calls (BLX, POP {pc} / BX with bit 0 clear) and returns from with BX LR. */
export const ARM_STUB = PROGRAM + 0xc00;

const AL = 0xe;
const a32 = (cond: number, rest: number) => ((cond << 28) | rest) >>> 0;
const movw = (rd: number, v: number) => a32(AL, 0x03000000 | ((v >>> 12) & 0xf) << 16 | rd << 12 | (v & 0xfff));
const movt = (rd: number, hi: number) => a32(AL, 0x03400000 | ((hi >>> 12) & 0xf) << 16 | rd << 12 | (hi & 0xfff));
const load32 = (rd: number, v: number) => [movw(rd, v & 0xffff), movt(rd, v >>> 16)];
const a32Branch = (from: number, to: number) => a32(AL, 0x0a000000 | (((to - from - 8) >> 2) & 0xffffff));

/** Exception vectors and A32 handlers (8 words each): undefined and data abort count in r8 and skip the instruction. */
export function thumbVectorWords(): number[] {
  const v: number[] = [];
  const handlers = VECTORS + 0x100;
  const h = (i: number) => handlers + 32 * i;
  for (let i = 0; i < 8; i++) v.push(a32Branch(VECTORS + 4 * i, h(i)));
  while (v.length < 0x40) v.push(0);
  const add8 = (imm12: number) => a32(AL, 0x02888000 | imm12); // add r8, r8, #imm (rotated imm12)
  const spin = (at: number) => a32Branch(at, at);
  // lr -= back (the instruction's address), skip 2 or 4 bytes by its first halfword, return
  const skip = (back: number) => [
    a32(AL, 0x024ee000 | back), // sub lr, lr, #back
    0xe1ded0b0,                 // ldrh sp, [lr] (the mode's own SP as scratch)
    0xe35d0ce8,                 // cmp sp, #0xe800
    0x228ee004,                 // addhs lr, lr, #4
    0x328ee002,                 // addlo lr, lr, #2
    0xe1b0f00e,                 // movs pc, lr
  ];
  const table: number[][] = [
    [spin(h(0))],                     // reset
    [add8(1), ...skip(2)],            // undefined: LR = insn + 2 in Thumb
    [spin(h(2))],                     // SVC: the end
    [add8(0x410), spin(h(3) + 4)],    // prefetch abort: should not happen
    [add8(0x401), ...skip(8)],        // data abort: LR = insn + 8
    [spin(h(5))], [spin(h(6))], [spin(h(7))],
  ];
  for (const t of table) { const words = [...t]; while (words.length < 8) words.push(0); v.push(...words); }
  return v;
}

/** The A32 stub: a little work, then back to the caller (LR, Thumb). */
export const armStubWords = (): number[] => [0xe2800001, 0xe0211002, 0xe12fff1e]; // add r0, r0, #1; eor r1, r1, r2; bx lr

// ---- Thumb encodings (halfword lists; a T32 word is hw1 << 16 | hw2) ----
const t32 = (w: number) => [(w >>> 16) & 0xffff, w & 0xffff];
/** B<c>.W (T3) at `from` to `to`. */
const bcondW = (cond: number, from: number, to: number) => {
  const off = to - (from + 4);
  return t32(0xf0008000 | ((off >>> 20) & 1) << 26 | cond << 22 | ((off >>> 12) & 0x3f) << 16 |
    ((off >>> 18) & 1) << 13 | ((off >>> 19) & 1) << 11 | ((off >>> 1) & 0x7ff));
};
/** B.W (T4) or BL at `from` to `to`. */
const bW = (from: number, to: number, link = false) => {
  const off = to - (from + 4), s = (off >>> 24) & 1;
  const j1 = (~(off >>> 23) & 1) ^ s, j2 = (~(off >>> 22) & 1) ^ s;
  return t32((link ? 0xf000d000 : 0xf0009000) | s << 26 | ((off >>> 12) & 0x3ff) << 16 | j1 << 13 | j2 << 11 | ((off >>> 1) & 0x7ff));
};
const bcondN = (cond: number, from: number, to: number) => [0xd000 | cond << 8 | (((to - from - 4) >> 1) & 0xff)];
const bN = (from: number, to: number) => [0xe000 | (((to - from - 4) >> 1) & 0x7ff)];
/** ADR.W Rd, `to` (Align(PC, 4) + imm12; `to` may be odd). */
const adrW = (rd: number, from: number, to: number) => {
  const imm = to - ((from + 4) & ~3);
  return t32((imm >= 0 ? 0xf20f0000 : 0xf2af0000) | ((Math.abs(imm) >>> 11) & 1) << 26 | ((Math.abs(imm) >>> 8) & 7) << 12 | rd << 8 | (Math.abs(imm) & 0xff));
};
const movwT = (rd: number, v: number) => t32(0xf2400000 | ((v >>> 12) & 0xf) << 16 | ((v >>> 11) & 1) << 26 | ((v >>> 8) & 7) << 12 | rd << 8 | (v & 0xff));
const movtT = (rd: number, v: number) => t32(0xf2c00000 | ((v >>> 12) & 0xf) << 16 | ((v >>> 11) & 1) << 26 | ((v >>> 8) & 7) << 12 | rd << 8 | (v & 0xff));

/**
 * A body item: instruction sizes in halfwords (known before layout), and its halfwords given
 * its address and the address of item k (k = the body's length: the loop tail).
 */
interface Item {
  sizes: number[];
  enc(pc: number, at: (k: number) => number): number[];
  /** One plain instruction a self-modifying store may overwrite. */
  plain?: boolean;
}

export interface ThumbFuzzProgram { words: number[]; loops: number; user: boolean }

export function thumbFuzzProgram(rng: Rng, bodyLength = 28): ThumbFuzzProgram {
  const w: number[] = [];
  const user = rng.chance(0.3);
  w.push(...load32(0, VECTORS), a32(AL, 0x0e0c0f10)); // mcr p15, 0, r0, c12, c0, 0 (VBAR)
  for (let r = 0; r <= 5; r++) w.push(...load32(r, rng.regValue()));
  const safe = rng.pick([0x40513001, 0xbf00bf00, 0x0001f100, 0xbf00de00, 0x1c401e49]); // adds;eors | nops | add.w | udf;nop | subs;adds
  w.push(...load32(10, safe));
  w.push(...load32(9, rng.pick([0x0000_1000, 0x0900_0000, 0x0800_0040])));
  w.push(...load32(7, rng.pick([0, 4, 8, 0x40, 1, 3, 2, 0x1002])));
  w.push(...load32(6, WINDOW + WINDOW_BYTES / 2 + rng.pick([0, 0, 0, 0, 1, 2, 3])));
  const loops = 1 + rng.int(8);
  w.push(...load32(12, loops), ...load32(8, 0));
  w.push(a32(AL, 0x0128f000)); // msr cpsr_f, r0
  if (user) w.push(0xf1020010); // cps #usr
  // this mode's SP; a few words into a page, PUSH/POP blocks straddle two pages (the fallback)
  w.push(...load32(13, WINDOW + (WINDOW_BYTES * 3) / 4 + rng.pick([0, 0, 0, 8, 12, 0x20])));
  const prologueWords = w.length + 5; // + r11, lr (two words each), bx
  const loop = PROGRAM + 4 * prologueWords;
  w.push(...load32(11, loop), ...load32(14, loop | 1));
  w.push(0xe12fff1e); // bx lr
  if (PROGRAM + 4 * w.length !== loop) throw new Error("prologue size");

  const items: Item[] = [];
  for (let i = 0; i < bodyLength; i++) items.push(...bodyItem(rng, items.length));
  items.push(one([0xbf00])); // so that a CBZ in the last item has a target (pc + 4 at least)
  // layout
  const pos: number[] = [];
  let pc = loop;
  for (const it of items) { pos.push(pc); pc += 2 * it.sizes.reduce((a, b) => a + b, 0); }
  const tail = pc;
  const at = (k: number) => (k < items.length ? pos[k] : tail);
  // a self-modifying store may overwrite 4 bytes that hold whole plain instructions
  const rewritable = items.map((it, k) => it.plain && (it.sizes[0] === 2 || (items[k + 1]?.plain && items[k + 1].sizes[0] === 1)) && pos[k] - loop < 4096);
  const hw: number[] = [];
  items.forEach((it, k) => {
    let h = it.enc(pos[k], at);
    if (h.length === 0) { // a self-modifying store: pick its target now that the layout is known
      const ks = rewritable.flatMap((ok, j) => (ok ? [j] : []));
      h = t32(0xf8c00000 | 11 << 16 | 10 << 12 | (ks.length ? pos[rng.pick(ks)] - loop : 0)); // str.w r10, [r11, #k]
    }
    if (h.length !== it.sizes.reduce((a, b) => a + b, 0)) throw new Error(`item ${k}: size`);
    hw.push(...h);
  });
  // tail: subs.w r12, r12, #1; bne loop; svc #0
  hw.push(...t32(0xf1bc0c01));
  hw.push(...bcondW(1, tail + 4, loop));
  hw.push(0xdf00);
  if (hw.length & 1) hw.push(0xbf00);
  for (let i = 0; i < hw.length; i += 2) w.push((hw[i] | hw[i + 1] << 16) >>> 0);
  if (4 * w.length > ARM_STUB - PROGRAM) throw new Error("program too long");
  return { words: w, loops, user };
}

const D = (rng: Rng) => rng.int(6);                                       // a data register r0-r5
const L = (rng: Rng) => rng.int(8);                                       // any low register
const ANY = (rng: Rng) => (rng.chance(0.8) ? rng.int(8) : rng.pick([8, 9, 10, 11, 12, 13, 14]));
const one = (h: number[], plain = true): Item => ({ sizes: h.length === 2 && h[0] >= 0xe800 ? [2] : h.map(() => 1), enc: () => h, plain });
const seq = (sizes: number[], enc: Item["enc"]): Item => ({ sizes, enc });
const lowList = (rng: Rng, regs: number[]) => { let l = 0; for (const r of regs) if (rng.chance(0.4)) l |= 1 << r; return l || 1 << rng.pick(regs); };
/** mov.w r5, #amount (flags unchanged), an amount at or around a shift's edge cases. */
const shiftAmount = (rng: Rng) => t32(0xf04f0500 | rng.pick([0, 1, 31, 32, 33, 64, 255, rng.int(256)]));
const popcount = (x: number) => { let n = 0; for (; x; x &= x - 1) n++; return n; };

/** T32 data-processing op codes (bits 24:21) and which compare each has with Rd = 1111. */
const T32_OPS = [0, 1, 2, 3, 4, 8, 10, 11, 13, 14]; // AND BIC ORR ORN EOR ADD ADC SBC SUB RSB

/** The items for one body step; `i` is the index of the first (branch targets are later items). */
function bodyItem(rng: Rng, i: number): Item[] {
  const skipTo = (at: (k: number) => number, first = 1) => at(i + first + rng.int(4));
  switch (rng.int(30)) {
    case 0: // T16 shift by immediate
      return [one([rng.int(3) << 11 | rng.int(32) << 6 | L(rng) << 3 | D(rng)])];
    case 1: // T16 ADD/SUB register / imm3
      return [one([0x1800 | rng.int(4) << 9 | L(rng) << 6 | L(rng) << 3 | D(rng)])];
    case 2: { // T16 MOV/CMP/ADD/SUB imm8
      const op = rng.int(4);
      return [one([0x2000 | op << 11 | (op === 1 ? L(rng) : D(rng)) << 8 | rng.int(256)])];
    }
    case 3: case 4: { // T16 data processing, two low registers; shifts by an edge amount in r5
      const op = rng.int(16);
      if ([2, 3, 4, 7].includes(op) && rng.chance(0.4)) return [seq([2, 1], () => [...shiftAmount(rng), 0x4000 | op << 6 | 5 << 3 | D(rng)])];
      return [one([0x4000 | op << 6 | L(rng) << 3 | ([8, 10, 11].includes(op) ? L(rng) : D(rng))])];
    }
    case 5: { // T16 high registers: ADD, CMP, MOV
      const kind = rng.int(3);
      const d = kind === 1 ? rng.int(16) : rng.pick([0, 1, 2, 3, 4, 5, 14]);
      const m = rng.chance(0.1) ? 15 : rng.int(15);
      return [one([0x4400 | kind << 8 | (d & 8) << 4 | m << 3 | (d & 7)])];
    }
    case 6: case 7: { // T16 loads/stores: immediate (window, SP, or the device address), register offset
      const f = rng.int(4);
      if (f === 0) return [one([0x5000 | rng.int(8) << 9 | 7 << 6 | 6 << 3 | D(rng)])]; // [r6, r7]
      if (f === 1) return [one([(rng.chance(0.5) ? 0x9000 : 0x9800) | D(rng) << 8 | rng.int(32)])]; // [sp, #imm]
      const op = rng.pick([0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800]);
      const ld = (op & 0x800) !== 0, t = ld ? D(rng) : L(rng), imm = rng.int(32);
      if (f === 2 || !rng.chance(0.3)) return [one([op | imm << 6 | 6 << 3 | t])];
      return [seq([1, 1], () => [0x4600 | 9 << 3 | 5, op | imm << 6 | 5 << 3 | t])]; // mov r5, r9; access [r5, #imm]
    }
    case 8: // LDR literal, ADR, ADD Rd, SP, #imm, ADD/SUB SP
      return [one(rng.pick([
        [0x4800 | D(rng) << 8 | rng.int(256)], [0xa000 | D(rng) << 8 | rng.int(256)], [0xa800 | D(rng) << 8 | rng.int(256)],
        [0xb000 | rng.int(16)], [0xb080 | rng.int(16)],
      ]))];
    case 9: // extends and byte reversal (T16 and T32)
      if (rng.chance(0.5)) return [one([rng.pick([0xb200, 0xb240, 0xb280, 0xb2c0, 0xba00, 0xba40, 0xbac0]) | L(rng) << 3 | D(rng)])];
      return [one(t32(rng.chance(0.6)
        ? 0xfa00f080 | rng.pick([0, 1, 4, 5]) << 20 | (rng.chance(0.5) ? 15 : ANY(rng)) << 16 | D(rng) << 8 | rng.int(4) << 4 | ANY(rng)
        : (() => { const m = ANY(rng); return rng.pick([0xfa90f080, 0xfa90f090, 0xfa90f0b0, 0xfab0f080]) | m << 16 | D(rng) << 8 | m; })()))];
    case 10: { // PUSH/POP, and the .W forms
      if (rng.chance(0.6)) {
        return [rng.chance(0.5) ? one([0xb400 | (rng.chance(0.3) ? 0x100 : 0) | lowList(rng, [0, 1, 2, 3, 4, 5, 6, 7])])
          : one([0xbc00 | lowList(rng, [0, 1, 2, 3, 4, 5])])];
      }
      const list = lowList(rng, [0, 1, 2, 3, 4, 5]) | 1 << rng.pick([0, 1, 2, 3, 4, 5]);
      return [one(t32(rng.chance(0.5) ? 0xe92d0000 | list | (rng.chance(0.3) ? 0x4000 : 0) : 0xe8bd0000 | list))];
    }
    case 11: { // LDM/STM: r6! (T16 and T32), r5 = a copy of r6 or the device address, base listed
      const f = rng.int(4);
      if (f === 0) return [one([0xc000 | 6 << 8 | lowList(rng, [0, 1, 2, 3, 4, 5, 6, 7])])];
      if (f === 1) return [one([0xc800 | 6 << 8 | lowList(rng, [0, 1, 2, 3, 4, 5])])];
      const src = rng.chance(0.8) ? 6 : 9;
      if (f === 2) return [seq([1, 1], () => [0x4600 | src << 3 | 5, (rng.chance(0.5) ? 0xc800 : 0xc000) | 5 << 8 | lowList(rng, [0, 1, 2, 3, 4, 5])])];
      const list = (lowList(rng, [0, 1, 2, 3, 4, 5]) | 1 << rng.int(5)) >>> 0;
      const op = rng.pick([0xe8800000, 0xe8900000, 0xe9000000, 0xe9100000]);
      const wb = popcount(list) >= 2 && (list & 0x20) === 0 && rng.chance(0.5) ? 1 << 21 : 0;
      return [seq([1, 2], () => [0x4600 | src << 3 | 5, ...t32(op | wb | 5 << 16 | list)])];
    }
    case 12: case 13: { // forward branches: B<c>, B, CBZ/CBNZ, B<c>.W, B.W, BL
      const f = rng.int(6);
      const cond = rng.int(14);
      switch (f) {
        case 0: return [seq([1], (pc, at) => bcondN(cond, pc, skipTo(at)))];
        case 1: return [seq([1], (pc, at) => bN(pc, skipTo(at)))];
        case 2: return [seq([1], (pc, at) => { const off = skipTo(at, 2) - pc - 4; return [(rng.chance(0.5) ? 0xb100 : 0xb900) | (off >> 6) << 9 | ((off >> 1) & 0x1f) << 3 | L(rng)]; })];
        case 3: return [seq([2], (pc, at) => bcondW(cond, pc, skipTo(at)))];
        case 4: return [seq([2], (pc, at) => bW(pc, skipTo(at)))];
        default: return [seq([2], (pc, at) => bW(pc, skipTo(at), true))];
      }
    }
    case 14: { // register branches forward: BX (Thumb), MOV PC, ADD PC, POP {pc}, LDR pc, [sp], #4
      const f = rng.int(5);
      if (f === 0) return [seq([2, 1], (pc, at) => [...adrW(5, pc, skipTo(at) | 1), 0x4700 | 5 << 3])];
      if (f === 1) return [seq([2, 1], (pc, at) => [...adrW(5, pc, skipTo(at) | rng.int(2)), 0x4600 | 0x80 | 5 << 3 | 7])];
      if (f === 2) return [seq([2, 2, 1], (pc, at) => { const d = (skipTo(at) - (pc + 8 + 4)) >>> 0; return [...movwT(5, d & 0xffff), ...movtT(5, d >>> 16), 0x4400 | 0x80 | 5 << 3 | 7]; })];
      if (f === 3) return [seq([2, 1, 1], (pc, at) => [...adrW(5, pc, skipTo(at) | 1), 0xb400 | 1 << 5, 0xbc00 | 0x100])];
      return [seq([2, 1, 2], (pc, at) => [...adrW(5, pc, skipTo(at) | 1), 0xb400 | 1 << 5, ...t32(0xf85dfb04)])];
    }
    case 15: { // into the A32 stub and back: BLX r5; BX r5 / POP {pc} with LR set
      const f = rng.int(3);
      if (f === 0) return [seq([2, 1], (pc) => [...adrW(5, pc, ARM_STUB), 0x4780 | 5 << 3])];
      if (f === 1) return [seq([2, 2, 1], (pc) => [...adrW(5, pc, ARM_STUB), ...adrW(14, pc + 4, (pc + 10) | 1), 0x4700 | 5 << 3])];
      return [seq([2, 2, 1, 1], (pc) => [...adrW(5, pc, ARM_STUB), ...adrW(14, pc + 4, (pc + 12) | 1), 0xb400 | 1 << 5, 0xbc00 | 0x100])];
    }
    case 16: { // a small inner loop: movs r5, #k; subs r5, #1; bne .-2 (leaves the region each round)
      const k = 1 + rng.int(3);
      return [seq([1, 1, 1], () => [0x2500 | k, 0x3d01, 0xd1fd])];
    }
    case 17: case 18: { // T32 data processing, modified immediate
      const op = rng.pick(T32_OPS), s = rng.int(2);
      let rd = D(rng), rn = ANY(rng), sf = s;
      if ([0, 4, 8, 13].includes(op) && rng.chance(0.2)) { rd = 15; sf = 1; } // TST TEQ CMN CMP
      if ((op === 2 || op === 3) && rng.chance(0.4)) rn = 15;                // MOV MVN
      const imm = rng.int(4096);
      return [one(t32(0xf0000000 | (imm >> 11) << 26 | op << 21 | sf << 20 | rn << 16 | ((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xff)))];
    }
    case 19: case 20: { // T32 data processing, shifted register; LSL/LSR/ASR/ROR (register)
      if (rng.chance(0.25)) {
        const w = 0xfa00f000 | rng.int(4) << 21 | rng.int(2) << 20 | ANY(rng) << 16 | D(rng) << 8;
        return [rng.chance(0.5) ? one(t32(w | ANY(rng))) : seq([2, 2], () => [...shiftAmount(rng), ...t32(w | 5)])];
      }
      const op = rng.pick(T32_OPS), s = rng.int(2);
      let rd = D(rng), rn = ANY(rng), sf = s;
      if ([0, 4, 8, 13].includes(op) && rng.chance(0.2)) { rd = 15; sf = 1; }
      if ((op === 2 || op === 3) && rng.chance(0.4)) rn = 15;
      const imm5 = rng.chance(0.2) ? 0 : rng.int(32), m = rng.chance(0.05) ? 15 : ANY(rng);
      return [one(t32(0xea000000 | op << 21 | sf << 20 | rn << 16 | (imm5 >> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | rng.int(4) << 4 | m))];
    }
    case 21: { // ADDW/SUBW/ADR.W/MOVW/MOVT, bit fields, multiplies
      const f = rng.int(5), imm = rng.int(4096), rd = D(rng);
      if (f === 0) return [one(t32(rng.pick([0xf2000000, 0xf2a00000]) | (imm >> 11) << 26 | (rng.chance(0.2) ? 15 : ANY(rng)) << 16 | ((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xff)))];
      if (f === 1) return [one(rng.chance(0.5) ? movwT(rd, rng.int(0x10000)) : movtT(rd, rng.int(0x10000)))];
      if (f === 2) { // SBFX/UBFX (lsb + width past 32 now and then: UNDEFINED), BFI/BFC
        const lsb = rng.int(32), x = rng.chance(0.9) ? rng.int(32 - lsb) : rng.int(32);
        const bf = rng.int(2) === 0;
        const base = bf ? rng.pick([0xf3400000, 0xf3c00000]) : 0xf3600000;
        const lastField = bf ? x : Math.min(31, lsb + x);
        return [one(t32(base | (bf ? ANY(rng) : rng.chance(0.2) ? 15 : ANY(rng)) << 16 | (lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | lastField))];
      }
      return [one(t32(rng.pick([0xfb00f000, 0xfb000000, 0xfb000010]) | ANY(rng) << 16 | (rng.chance(0.8) ? ANY(rng) : 15) << 12 | rd << 8 | ANY(rng)))];
    }
    case 22: case 23: { // T32 single loads/stores: imm12, imm8 (P U W), negative, register, literal
      const sizes = [[0xf8500000, 0xf8400000], [0xf8100000, 0xf8000000], [0xf8300000, 0xf8200000], [0xf9100000, 0], [0xf9300000, 0]];
      const [ldOp, stOp] = rng.pick(sizes);
      const ld = stOp === 0 || rng.chance(0.5), op = ld ? ldOp : stOp;
      const base = rng.chance(0.1) ? 9 : rng.chance(0.15) ? 13 : 6;
      const t = ld ? D(rng) : ANY(rng);
      switch (rng.int(5)) {
        case 0: return [one(t32(op | 0x800000 | base << 16 | t << 12 | rng.int(4096)))];
        case 1: { // imm8, pre/post indexed with writeback: base r5 (a copy), sometimes loading r5 itself
          const pu = rng.pick([0b011, 0b111, 0b001, 0b101]); // P U W: post +, pre +, post -, pre -
          return [seq([1, 2], () => [0x4600 | (base === 13 ? 6 : base) << 3 | 5, ...t32(op | (5 << 16) | (rng.chance(0.2) ? 5 : t) << 12 | 0x800 | pu << 8 | rng.int(256))])];
        }
        case 2: return [one(t32(op | base << 16 | t << 12 | 0xc00 | rng.int(256)))];
        case 3: return [one(t32(op | base << 16 | t << 12 | rng.int(4) << 4 | (rng.chance(0.9) ? 7 : ANY(rng))))];
        default: return [one(t32(ldOp | 0xf0000 | rng.int(2) << 23 | D(rng) << 12 | rng.int(4096)))];
      }
    }
    case 24: { // LDRD/STRD: offset, pre, post (base r6 or a copy in r5)
      const [p, wb] = rng.pick([[1, 0], [1, 1], [0, 1]]);
      const ld = rng.int(2), t = ld ? D(rng) : ANY(rng), t2 = ld ? D(rng) : ANY(rng);
      const word = 0xe8400000 | p << 24 | rng.int(2) << 23 | wb << 21 | ld << 20 | 5 << 16 | t << 12 | t2 << 8 | rng.int(256);
      return [seq([1, 2], () => [0x4600 | (rng.chance(0.9) ? 6 : 9) << 3 | 5, ...t32(word)])];
    }
    case 25: // a store into the loop's own code (chosen after layout)
      return [{ sizes: [2], enc: () => [] }];
    case 26: { // rows the translator leaves to the interpreter
      const d = D(rng), a = ANY(rng), b = ANY(rng);
      return [one(t32(rng.pick([
        0xfb800000 | a << 16 | d << 12 | ((d + 1) % 6) << 8 | b, // smull
        0xfba00000 | a << 16 | d << 12 | ((d + 1) % 6) << 8 | b, // umull
        0xfaa0f080 | a << 16 | d << 8 | b,                 // sel
        0xfa90f0a0 | b << 16 | d << 8 | b,                 // rbit
        0xf3ef8000 | d << 8,                               // mrs rd, apsr
        0xf3808800 | a << 16,                              // msr apsr_nzcvq, ra
        0xf3800000 | a << 16 | d << 8 | rng.int(32),       // usat
        0xfb90f0f0 | a << 16 | d << 8 | b,                 // sdiv
      ])))];
    }
    case 27: // undefined: UDF (T16, T32), a VFP instruction with the FPU off
      return [one(rng.pick([[0xde00 | rng.int(256)], t32(0xf7f0a000 | rng.int(16) << 16 | rng.int(0x1000)), t32(0xee000a10)]))];
    case 28: // hints: NOP, NOP.W, DMB, YIELD; MRC of plain (TPIDR*, MIDR, DACR) and hooked (MPIDR) registers
      if (rng.chance(0.4)) {
        const [crn, crm, opc2] = rng.pick([[13, 0, 2], [13, 0, 3], [13, 0, 4], [0, 0, 0], [3, 0, 0], [0, 0, 5]]);
        return [one(t32(0xee100f10 | crn << 16 | D(rng) << 12 | opc2 << 5 | crm))];
      }
      return [one(rng.pick([[0xbf00], [0xbf10], t32(0xf3af8000), t32(0xf3bf8f5f)]))];
    default: // T16 MUL, ADC/SBC with flags fed by a compare
      return [one([0x4280 | L(rng) << 3 | L(rng)]), one([0x4000 | rng.pick([5, 6, 13]) << 6 | L(rng) << 3 | D(rng)])];
  }
}
