// Random A32 programs aimed at the JIT: a loop whose body mixes rows the translator inlines
// (data processing with every condition and shift, MOVW/MOVT, LDR/STR/LDRB/STRB in every
// addressing form, LDM/STM, forward conditional branches, BL, BX sometimes into Thumb) with rows
// it leaves to the interpreter (multiplies, MRS/MSR, CLZ, extends), loads and stores that fault (unassigned
// addresses: precise data aborts mid-region, handled and returned from), MMIO accesses, stores
// that rewrite the loop's own code, and undefined instructions. Register conventions:
// r0-r5 data, r6 a safe instruction word (what self-modifying stores write), r7 the loop's code,
// r8 the exception counter, r9 a device/unassigned address, r10 a small index, r11 the data
// window, r12 the loop counter.
import { Rng } from "../diff/rng.js";

export const VECTORS = 0x4000_0000;
export const PROGRAM = 0x4000_1000;
export const WINDOW = 0x4008_0000;
export const WINDOW_BYTES = 0x1_0000;

const AL = 0xe;
const enc = (cond: number, rest: number) => ((cond << 28) | rest) >>> 0;
const movw = (rd: number, v: number) => enc(AL, 0x03000000 | ((v >>> 12) & 0xf) << 16 | rd << 12 | (v & 0xfff));
const movt = (rd: number, hi: number) => enc(AL, 0x03400000 | ((hi >>> 12) & 0xf) << 16 | rd << 12 | (hi & 0xfff));
const load32 = (rd: number, v: number) => [movw(rd, v & 0xffff), movt(rd, v >>> 16)];
const branch = (cond: number, from: number, to: number, link = false) =>
  enc(cond, (link ? 0x0b000000 : 0x0a000000) | (((to - from - 8) >> 2) & 0xffffff));

/** Exception vectors and handlers: undefined and aborts count in r8 and return past the instruction. */
export function vectorWords(): number[] {
  const v: number[] = [];
  const handlers = VECTORS + 0x100;
  // reset, undef, svc, pabt, dabt, unused, irq, fiq -> handler i at handlers + 16 * i
  for (let i = 0; i < 8; i++) v.push(branch(AL, VECTORS + 4 * i, handlers + 16 * i));
  while (v.length < 0x40) v.push(0);
  const add8 = (imm: number) => enc(AL, 0x02888000 | imm); // add r8, r8, #imm (rotated imm12)
  const movsPcLr = enc(AL, 0x01b0f00e);
  const subsPcLr4 = enc(AL, 0x025ef004);
  const spin = (at: number) => branch(AL, at, at);
  const h = (i: number) => handlers + 16 * i;
  const table: number[][] = [
    [spin(h(0))],                    // reset
    [add8(1), movsPcLr],             // undefined: LR = insn + 4
    [spin(h(2))],                    // SVC: the end
    [add8(0x410), spin(h(3) + 4)],   // prefetch abort: should not happen
    [add8(0x401), subsPcLr4],        // data abort: LR = insn + 8
    [spin(h(5))], [spin(h(6))], [spin(h(7))],
  ];
  for (const t of table) { const words = [...t]; while (words.length < 4) words.push(0); v.push(...words); }
  return v;
}

const DP = ["AND", "EOR", "SUB", "RSB", "ADD", "ADC", "SBC", "RSC", "TST", "TEQ", "CMP", "CMN", "ORR", "MOV", "BIC", "MVN"];

export interface FuzzProgram { words: number[]; loops: number; user: boolean }

export function fuzzProgram(rng: Rng, bodyLength = 24): FuzzProgram {
  const w: number[] = [];
  const at = () => PROGRAM + 4 * w.length;
  const user = rng.chance(0.3);
  // prologue: VBAR, registers
  w.push(...load32(0, VECTORS), enc(AL, 0x0e0c0f10)); // mcr p15, 0, r0, c12, c0, 0 (VBAR)
  for (let r = 0; r <= 5; r++) w.push(...load32(r, rng.regValue()));
  const safe = rng.pick([0xe2800001, 0xe0211002, 0xe7f000f0, 0xe1a00000]); // add, eor, udf, nop
  w.push(...load32(6, safe));
  w.push(...load32(9, rng.pick([0x0000_1000, 0x0900_0000, 0x0800_0040]))); // unassigned, device, device
  w.push(...load32(10, rng.pick([0, 4, 8, 0x40, 1, 3, 0x1002])));
  w.push(...load32(11, WINDOW + WINDOW_BYTES / 2));
  const loops = 1 + rng.int(6);
  w.push(...load32(12, loops), ...load32(8, 0));
  // flags from r0
  w.push(enc(AL, 0x0128f000)); // msr cpsr_f, r0
  if (user) w.push(0xf1020010); // cps #usr
  const codeStart = at() + 4 * 2;
  w.push(...load32(7, codeStart));
  const loop = at();
  const body: (number | ((pc: number) => number))[] = [];
  for (let i = 0; i < bodyLength; i++) body.push(...bodyInsn(rng, i, bodyLength));
  // resolve forward branches (functions of their own pc)
  body.forEach((x) => w.push(typeof x === "number" ? x : x(at())));
  w.push(enc(AL, 0x025cc001));       // subs r12, r12, #1
  w.push(branch(0x1, at(), loop));   // bne loop
  w.push(enc(AL, 0x0f000000));       // svc #0: the end (spins in the handler)
  return { words: w, loops, user };
}

const reg = (rng: Rng) => rng.int(6);
const src = (rng: Rng) => (rng.chance(0.1) ? rng.pick([10, 15, 12]) : rng.int(6));
const cond = (rng: Rng) => (rng.chance(0.6) ? AL : rng.int(14));

function bodyInsn(rng: Rng, i: number, n: number): (number | ((pc: number) => number))[] {
  const c = cond(rng);
  switch (rng.int(16)) {
    case 0: case 1: case 2: { // data processing, immediate
      const op = rng.int(16), s = ["TST", "TEQ", "CMP", "CMN"].includes(DP[op]) ? 1 : rng.int(2);
      return [enc(c, 0x02000000 | op << 21 | s << 20 | src(rng) << 16 | reg(rng) << 12 | rng.int(16) << 8 | rng.int(256))];
    }
    case 3: case 4: { // data processing, shifted register
      const op = rng.int(16), s = ["TST", "TEQ", "CMP", "CMN"].includes(DP[op]) ? 1 : rng.int(2);
      const rd = ["TST", "TEQ", "CMP", "CMN"].includes(DP[op]) ? 0 : reg(rng);
      return [enc(c, op << 21 | s << 20 | src(rng) << 16 | rd << 12 | rng.int(32) << 7 | rng.int(4) << 5 | src(rng))];
    }
    case 5: { // MOVW / MOVT
      const v = rng.u32() & 0xffff, rd = reg(rng);
      return [rng.chance(0.5) ? enc(c, 0x03000000 | (v >>> 12) << 16 | rd << 12 | (v & 0xfff)) : enc(c, 0x03400000 | (v >>> 12) << 16 | rd << 12 | (v & 0xfff))];
    }
    case 6: case 7: { // LDR/STR/LDRB/STRB on the window, sometimes the device/unassigned base
      const byte = rng.int(2), ld = rng.int(2), up = rng.int(2);
      const base = rng.chance(0.12) ? 9 : 11;
      let p = 1, wb = 0;
      if (base === 11 && rng.chance(0.3)) { p = rng.int(2); wb = p ? 1 : 0; }
      const imm = rng.chance(0.8) ? rng.int(64) * 4 : rng.int(256);
      const regForm = rng.chance(0.3);
      const t = reg(rng);
      const off = regForm ? (rng.int(3) << 7) | 10 : imm; // r10 shifted left 0..2
      return [enc(c, (regForm ? 0x06000000 : 0x04000000) | p << 24 | up << 23 | byte << 22 | wb << 21 | ld << 20 | base << 16 | t << 12 | off)];
    }
    case 8: { // a store into the loop's own code (r7 + k): the next pass runs the new word
      const k = rng.int(n) * 4;
      return [enc(c, 0x05870000 | 6 << 12 | k)]; // str r6, [r7, #k]
    }
    case 9: { // forward conditional branch (or BL) inside the body
      const skip = 1 + rng.int(Math.max(1, Math.min(4, n - i)));
      const link = rng.chance(0.15);
      return [(pc: number) => branch(rng.chance(0.8) ? rng.int(14) : AL, pc, pc + 4 * (skip + 1), link)];
    }
    case 10: { // rows the translator leaves to the interpreter
      const d = reg(rng), a = reg(rng), b = reg(rng);
      return [rng.pick([
        enc(c, 0x00000090 | d << 16 | a << 8 | b),                        // mul
        enc(c, 0x016f0f10 | d << 12 | a),                                 // clz
        enc(c, 0x06ef0070 | d << 12 | a),                                 // uxtb
        enc(c, 0x010f0000 | d << 12),                                     // mrs rd, cpsr
        enc(c, 0x0128f000 | a),                                           // msr cpsr_f, ra
        enc(c, 0x088b000f),                                               // stm r11, {r0-r3}
        enc(c, 0x089b0007),                                               // ldm r11, {r0-r2}
        enc(c, 0x092b002a),                                               // stmdb r11!, {r1, r3, r5}
        enc(c, 0x08bb000f),                                               // ldmia r11!, {r0-r3}
        enc(c, 0x099b0014),                                               // ldmib r11, {r2, r4}
        enc(c, 0x080b0801),                                               // stmda r11, {r0, r11}
        enc(c, 0x0819003f),                                               // ldmda r9, {r0-r5} (device/unassigned)
        enc(c, 0x00100090 | d << 16 | a << 8 | b),                        // muls
      ])];
    }
    case 11: { // BX to a forward address (bit 0 set now and then: Thumb)
      const skip = 1 + rng.int(3);
      return [enc(AL, 0x028f5000 | (4 * skip + (rng.chance(0.1) ? 1 : 0))), enc(c, 0x012fff15)]; // add r5, pc, #k; bx r5
    }
    case 12: { // a jump table's word and a BX through a register to the same forward address
      const skip = 1 + rng.int(3);
      return [
        (pc: number) => branch(AL, pc, pc + 8),                 // b over the word
        (pc: number) => (pc + 12 + 4 * skip) >>> 0,             // .word target
        enc(AL, 0x028f5000 | (4 * skip)), enc(c, 0x012fff15),  // add r5, pc, #k; bx r5
      ];
    }
    case 13: { // MRC of plain system registers (inline), of hooked ones, and an MCR before
      const mrc = (crn: number, opc1: number, crm: number, opc2: number, rt: number) =>
        enc(c, 0x0e100f10 | opc1 << 21 | crn << 16 | rt << 12 | opc2 << 5 | crm);
      const [crn, opc1, crm, opc2] = rng.pick([[13, 0, 0, 2], [13, 0, 0, 3], [13, 0, 0, 4], [0, 0, 0, 0], [3, 0, 0, 0],
        [0, 0, 0, 5], [1, 0, 0, 0], [0, 1, 0, 0], [12, 0, 1, 0]]); // TPIDRURW/URO/PRW, MIDR, DACR, MPIDR, SCTLR, CCSIDR, ISR
      const out = [mrc(crn, opc1, crm, opc2, reg(rng))];
      if (rng.chance(0.3)) out.unshift(enc(AL, 0x0e000f10 | 13 << 16 | reg(rng) << 12 | rng.pick([2, 3, 4]) << 5)); // mcr TPIDR*
      if (rng.chance(0.2)) out.push(enc(c, 0x0e070f9a | reg(rng) << 12)); // mcr p15, 0, rX, c7, c10, 4 (CP15DSB): the region goes on
      return out;
    }
    default: // undefined instruction (counted by the handler)
      return [rng.chance(0.5) ? 0xe7f000f0 : enc(c, 0x0e000a10 | 0x0c << 16)]; // udf; vmov s?, r0 (VFP off: undefined)
  }
}
