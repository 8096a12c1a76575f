// Random A32 programs aimed at the JIT: a loop whose body mixes rows the translator inlines
// (data processing with every condition and immediate or register shift, including register
// amounts 0, 32 and above; MOVW/MOVT; extends; multiplies; bit-field, reversal, SEL and
// saturation rows; LDR/STR/LDRB/STRB, halfword, signed and doubleword loads and stores in every
// addressing form, aligned and not; LDM/STM; forward conditional branches, BL, BX/BLX
// sometimes into Thumb; PC writes by LDR from jump tables of the body's own addresses and by
// data processing; MRC of plain system registers) with rows it leaves to the interpreter
// (MRS/MSR, UADD8, hooked MRC, the undefined bit-field forms), loads and stores that fault
// (unassigned addresses: precise data aborts mid-region, handled and returned from), MMIO
// accesses, stores that rewrite the loop's own code, and undefined instructions. The body is a
// list of groups; branches and PC writes land on the start of a later group, so they never
// enter the middle of a sequence. Register conventions:
// r0-r5 data, r6 a safe instruction word (what self-modifying stores write), r7 the loop's code,
// r8 the exception counter, r9 a device/unassigned address or the end of RAM, r10 a small
// index, r11 the data window, r12 the loop counter.
import { Rng } from "../diff/rng.js";

export const VECTORS = 0x4000_0000;
export const PROGRAM = 0x4000_1000;
export const WINDOW = 0x4008_0000;
export const WINDOW_BYTES = 0x1_0000;
/** The end of RAM in jit-pair.ts's default pair (1 MiB): accesses across it fault on their second part. */
export const RAM_END = 0x4010_0000;

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

export function fuzzProgram(rng: Rng, bodyLength = 32): FuzzProgram {
  const w: number[] = [];
  const at = () => PROGRAM + 4 * w.length;
  const user = rng.chance(0.3);
  // prologue: VBAR, registers
  w.push(...load32(0, VECTORS), enc(AL, 0x0e0c0f10)); // mcr p15, 0, r0, c12, c0, 0 (VBAR)
  // SCTLR.A now and then: unaligned word and halfword accesses then fault
  if (rng.chance(0.25)) w.push(enc(AL, 0x0e110f10), enc(AL, 0x03800002), enc(AL, 0x0e010f10)); // mrc; orr r0, r0, #2; mcr
  for (let r = 0; r <= 5; r++) w.push(...load32(r, rng.regValue()));
  const safe = rng.pick([0xe2800001, 0xe0211002, 0xe7f000f0, 0xe1a00000]); // add, eor, udf, nop
  w.push(...load32(6, safe));
  w.push(...load32(9, rng.pick([0x0000_1000, 0x0900_0000, 0x0800_0040, RAM_END - 8]))); // unassigned, device, device, RAM's last bytes
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
  // groups of instructions; an entry that is a function gets its own address and the start
  // addresses of the later groups (the loop's tail last)
  const groups: Item[][] = [];
  for (let i = 0; i < bodyLength; i++) groups.push(bodyInsn(rng, bodyLength));
  const starts: number[] = [];
  let a = loop;
  for (const g of groups) { starts.push(a); a += 4 * g.length; }
  starts.push(a);
  groups.forEach((g, i) => g.forEach((x) => w.push(typeof x === "number" ? x : x(at(), starts.slice(i + 1)))));
  w.push(enc(AL, 0x025cc001));       // subs r12, r12, #1
  w.push(branch(0x1, at(), loop));   // bne loop
  w.push(enc(AL, 0x0f000000));       // svc #0: the end (spins in the handler)
  return { words: w, loops, user };
}

const reg = (rng: Rng) => rng.int(6);
const src = (rng: Rng) => (rng.chance(0.1) ? rng.pick([10, 15, 12]) : rng.int(6));
const cond = (rng: Rng) => (rng.chance(0.6) ? AL : rng.int(14));

/** An instruction word, or one computed from its address and the start addresses of the later groups. */
type Item = number | ((pc: number, later: number[]) => number);

/** `add rd, pc, #(target - pc - 8)` at pc (a forward distance below 1 KiB: imm8 rotated right by 30). */
const adr = (rd: number, pc: number, target: number) => enc(AL, 0x028f0f00 | rd << 12 | ((target - pc - 8) >>> 2));
/** A later group near this one. */
const near = (rng: Rng, later: number[]) => later[rng.int(Math.min(later.length, 6))];

function bodyInsn(rng: Rng, n: number): Item[] {
  const c = cond(rng);
  switch (rng.int(26)) {
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
    case 9: { // forward conditional branch (or BL) to a later group
      const link = rng.chance(0.15);
      return [(pc, later) => branch(rng.chance(0.8) ? rng.int(14) : AL, pc, later[rng.int(Math.min(4, later.length))], link)];
    }
    case 10: { // rows the translator leaves to the interpreter, LDM/STM
      const d = reg(rng), a = reg(rng), b = reg(rng);
      return [rng.pick([
        enc(c, 0x06500f90 | a << 16 | d << 12 | b),                       // uadd8 (sets GE for SEL)
        enc(c, 0x010f0000 | d << 12),                                     // mrs rd, cpsr
        enc(c, 0x0128f000 | a),                                           // msr cpsr_f, ra
        enc(c, 0x088b000f),                                               // stm r11, {r0-r3}
        enc(c, 0x089b0007),                                               // ldm r11, {r0-r2}
        enc(c, 0x092b002a),                                               // stmdb r11!, {r1, r3, r5}
        enc(c, 0x08bb000f),                                               // ldmia r11!, {r0-r3}
        enc(c, 0x099b0014),                                               // ldmib r11, {r2, r4}
        enc(c, 0x080b0801),                                               // stmda r11, {r0, r11}
        enc(c, 0x0819003f),                                               // ldmda r9, {r0-r5} (device/unassigned)
      ])];
    }
    case 11: { // BX or BLX (Rm sometimes LR itself) to a later group (bit 0 set now and then: Thumb)
      const rm = rng.chance(0.3) ? 14 : 5;
      return [(pc, later) => adr(rm, pc, near(rng, later)), ...(rng.chance(0.1) ? [enc(AL, 0x03800001 | rm << 16 | rm << 12)] : []), // (orr rm, rm, #1)
        enc(c, (rng.chance(0.5) ? 0x012fff10 : 0x012fff30) | rm)];
    }
    case 12: case 13: return dpRsr(rng, c);
    case 14: return extend(rng, c);
    case 15: return multiply(rng, c);
    case 16: return media(rng, c);
    case 17: case 18: return halfOrDual(rng, c);
    case 19: return jumpTable(rng, c);
    case 20: return aluPcWrite(rng, c);
    case 21: { // a jump table's word and a BX through a register to the same later group
      let target = 0;
      return [
        (pc, later) => { target = near(rng, later); return branch(AL, pc, pc + 8); }, // b over the word
        () => target,                                                                // .word target
        (pc) => adr(5, pc, target), enc(c, 0x012fff15),                              // adr r5, target; bx r5
      ];
    }
    case 22: { // MRC of plain system registers (inline), of hooked ones, and an MCR before
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

/** Data processing with a register-shifted register, the amount often 0, 1, 31, 32, 33 or above. */
function dpRsr(rng: Rng, c: number): Item[] {
  const op = rng.int(16), cmp = op >= 8 && op <= 11, s = cmp ? 1 : rng.int(2);
  const rd = cmp ? 0 : reg(rng), rn = op === 13 || op === 15 ? 0 : src(rng), rs = reg(rng);
  const insn = enc(c, op << 21 | s << 20 | rn << 16 | rd << 12 | (rng.chance(0.1) ? src(rng) : rs) << 8 | rng.int(4) << 5 | 0x10 | src(rng));
  if (rng.chance(0.25)) return [insn]; // the amount is whatever the register's low byte is
  return [enc(AL, 0x03a00000 | rs << 12 | rng.pick([0, 1, 31, 32, 33, 64, 128, 255, rng.int(256)])), insn]; // mov rs, #k
}

/** SXTB..UXTAH and the B16 forms, every rotation; Rn = 15 is the plain form. */
function extend(rng: Rng, c: number): Item[] {
  const op = rng.pick([0, 2, 3, 4, 6, 7]), rn = rng.chance(0.5) ? 15 : src(rng);
  return [enc(c, 0x06800070 | op << 20 | rn << 16 | reg(rng) << 12 | rng.int(4) << 10 | src(rng))];
}

/** MUL/MLA/MLS and the long multiplies, flag-setting or not (RdLo = RdHi now and then). */
function multiply(rng: Rng, c: number): Item[] {
  const op = rng.pick([0x000, 0x020, 0x060, 0x080, 0x0a0, 0x0c0, 0x0e0]), s = op === 0x060 ? 0 : rng.int(2);
  const d = reg(rng), a = op === 0 ? 0 : reg(rng);
  return [enc(c, (op << 16) | s << 20 | d << 16 | a << 12 | src(rng) << 8 | 0x90 | src(rng))];
}

/** CLZ, REV*, RBIT, bit fields (some UNDEFINED field combinations), SEL, SSAT/USAT. */
function media(rng: Rng, c: number): Item[] {
  const d = reg(rng), m = src(rng), lsb = rng.int(32);
  switch (rng.int(6)) {
    case 0: return [enc(c, rng.pick([0x016f0f10, 0x06bf0f30, 0x06bf0fb0, 0x06ff0f30, 0x06ff0fb0]) | d << 12 | m)];
    case 1: { // UBFX/SBFX: lsb + width mostly within 32
      const width = 1 + (rng.chance(0.9) ? rng.int(32 - lsb) : rng.int(32));
      return [enc(c, (rng.chance(0.5) ? 0x07e00050 : 0x07a00050) | (width - 1) << 16 | d << 12 | lsb << 7 | m)];
    }
    case 2: { // BFI/BFC: msb mostly >= lsb
      const msb = rng.chance(0.9) ? lsb + rng.int(32 - lsb) : rng.int(32);
      return [enc(c, 0x07c00010 | msb << 16 | d << 12 | lsb << 7 | (rng.chance(0.3) ? 15 : reg(rng)))];
    }
    case 3: { // SEL, GE from a UADD8 first now and then
      const sel = enc(c, 0x06800fb0 | src(rng) << 16 | d << 12 | m);
      return rng.chance(0.5) ? [enc(AL, 0x06500f90 | reg(rng) << 16 | reg(rng) << 12 | reg(rng)), sel] : [sel];
    }
    default: // SSAT/USAT, LSL or ASR
      return [enc(c, (rng.chance(0.5) ? 0x06a00010 : 0x06e00010) | rng.int(32) << 16 | d << 12 | rng.int(32) << 7 | rng.int(2) << 6 | m)];
  }
}

/**
 * LDRH/STRH/LDRSB/LDRSH/LDRD/STRD, immediate or register offset, every indexing mode, on the
 * window (sometimes the device/unassigned base): odd or word-crossing offsets, doublewords at a
 * page end, and the T and UNDEFINED forms (P = 0, W = 1; LDRD with odd Rt) now and then.
 */
function halfOrDual(rng: Rng, c: number): Item[] {
  const [l, sh] = rng.pick([[1, 1], [0, 1], [1, 2], [1, 3], [0, 2], [0, 3]]); // LDRH STRH LDRSB LDRSH LDRD STRD
  const dual = l === 0 && sh !== 1, up = rng.int(2);
  const base = rng.chance(0.12) ? 9 : 11;
  let p = 1, wb = 0;
  if (base === 11 && rng.chance(0.3)) { p = rng.int(2); wb = p ? 1 : 0; }
  if (rng.chance(0.03)) { p = 0; wb = 1; }
  const t = dual ? (rng.chance(0.97) ? 2 * rng.int(3) : rng.pick([1, 3])) : reg(rng);
  // r9 + small offsets: the device, or (RAM_END - 8) + 4 a doubleword across the end of RAM
  const imm = base === 9 ? rng.pick([0, 2, 4, 8]) :
    dual ? (rng.chance(0.8) ? 4 * rng.int(64) : rng.int(256)) : (rng.chance(0.7) ? 2 * rng.int(128) : rng.int(256));
  const regForm = rng.chance(0.3);
  const off = regForm ? 10 : ((imm >>> 4) << 8) | (imm & 15);
  return [enc(c, (regForm ? 0 : 1 << 22) | p << 24 | up << 23 | wb << 21 | l << 20 | base << 16 | t << 12 | 0x90 | sh << 5 | off)];
}

/**
 * LDR PC from a table of later groups' addresses (bit 0 set now and then: Thumb): indexed by a
 * register (`ldr<c> pc, [pc, rI, lsl #2]`, a `b` past the table when the condition fails), a
 * literal, or a word first stored in the window and loaded back with writeback.
 */
function jumpTable(rng: Rng, c: number): Item[] {
  const entry = (later: number[]) => near(rng, later) | (rng.chance(0.05) ? 1 : 0);
  const ri = reg(rng);
  switch (rng.int(3)) {
    case 0:
      return [enc(AL, 0x02000003 | reg(rng) << 16 | ri << 12), enc(c, 0x079ff100 | ri), // and ri, rX, #3; ldr<c> pc, [pc, ri, lsl #2]
        (pc, later) => branch(AL, pc, later[0]), ...[0, 1, 2, 3].map((): Item => (_pc, later) => entry(later))];
    case 1:
      return [enc(c, 0x059ff000), (pc, later) => branch(AL, pc, later[0]), (_pc, later) => entry(later)]; // ldr<c> pc, [pc]
    default: { // str r5, [r11, #-k]!; ldr pc, [r11], #k (unconditional: r11 comes back)
      const k = 4 * (1 + rng.int(16));
      return [(pc, later) => adr(5, pc, near(rng, later)), enc(AL, 0x05205000 | 11 << 16 | k), enc(AL, 0x0490f000 | 11 << 16 | k)];
    }
  }
}

/**
 * Data processing writing the PC without S (ALUWritePC, interworking): MOV/ADD/SUB/ORR of an
 * address made by ADR, MOV with a register shift that leaves it unchanged (ROR by 0, 32, 64),
 * or `add<c> pc, pc, rI, lsl #2` into a table of branches.
 */
function aluPcWrite(rng: Rng, c: number): Item[] {
  const thumb = rng.chance(0.05) ? [enc(AL, 0x03855001)] : []; // orr r5, r5, #1
  const to = (pcWrite: number, pre: Item[] = []): Item[] => [(pc, later) => adr(5, pc, near(rng, later)), ...thumb, ...pre, enc(c, pcWrite)];
  switch (rng.int(6)) {
    case 0: return to(0x01a0f005);                                            // mov pc, r5
    case 1: return to(0x0285f000);                                            // add pc, r5, #0
    case 2: return to(0x0245f000);                                            // sub pc, r5, #0
    case 3: return to(0x0185f005);                                            // orr pc, r5, r5
    case 4: return to(0x01a0f475, [enc(AL, 0x03a04000 | rng.pick([0, 32, 64]))]); // mov r4, #k; mov pc, r5, ror r4
    default: {
      const ri = reg(rng);
      return [enc(AL, 0x02000003 | reg(rng) << 16 | ri << 12), enc(c, 0x008ff100 | ri), // and ri, rX, #3; add<c> pc, pc, ri, lsl #2
        (pc, later) => branch(AL, pc, later[0]), ...[0, 1, 2, 3].map((): Item => (pc, later) => branch(AL, pc, near(rng, later)))];
    }
  }
}
