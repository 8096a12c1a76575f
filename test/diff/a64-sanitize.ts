// Constraints on a drawn A64 word by its encoding class (a64-encoding.ts), so that a case runs
// the same on every correct implementation and cannot hurt the harness: loads and stores get a
// base (and index) register set up to point into the memory window right before them (rarely
// at an unmapped address, for data aborts); branches go forward inside the case to the start
// of a later instruction group (so they never skip half of a set-up); register branches get
// their target address set up; no CONSTRAINED UNPREDICTABLE register combinations; system
// register accesses only to registers whose value both sides agree on; nothing that leaves
// the case (ERET), waits (WFI/WFE), or is a PSCI or semihosting call (HVC, SMC, HLT).
import { bit, bits } from "./encoding.js";
import type { Row } from "../../core/decode/formats.js";
import type { Rng } from "./rng.js";
import { WINDOW_ADDR, WINDOW_BYTES } from "./a64-program.js";
import {
  ldxr, movImm, movSpFrom, READABLE, sameEnc, sysEnc, SYS_OPS, UNREADABLE, WRITABLE, type SysEnc,
} from "./a64-encoding.js";

/** A branch whose offset field is patched once the case is laid out. */
export type BranchField = "b26" | "b19" | "b14";

export interface Draft {
  word: number;
  row: Row;
  rng: Rng;
  cls: string;
  /** Set-up words placed before the instruction (not test instructions). */
  setup: number[];
  /** Test instructions placed before it (a load-exclusive before a store-exclusive). */
  before: number[];
  /** Forward branch: which offset field to patch. */
  branch?: BranchField;
  /** Register branch: the register that must hold the target address. */
  target?: number;
  /** Literal load: the alignment its address gets once the case is laid out. */
  literalAlign?: number;
  /** Run with SCTLR_EL1.A set: misalignment is what the boot is about. */
  alignCheck: boolean;
}

export class Reject extends Error {}
export const reject = (why: string): never => { throw new Reject(why); };

/** Why a class of words is refused, for the excluded-rows report. */
export const REASONS: Record<string, string> = {
  eret: "exception return (ERET/DRPS) would leave the case",
  hvc_smc: "HVC/SMC are PSCI calls on virt (QEMU handles them itself)",
  hlt: "HLT #0xf000 is the semihosting call the harness exits with",
};

const freeBits = (r: Row, hi: number, lo: number) => (~r.mask >>> lo) & ((1 << (hi - lo + 1)) - 1);

/** Set a bit-field where the row leaves it free; fixed bits stay (re-decoding catches clashes). */
export function field(d: Draft, hi: number, lo: number, v: number) {
  const free = freeBits(d.row, hi, lo) << lo;
  d.word = ((d.word & ~free) | ((v << lo) & free)) >>> 0;
}

/** Give the 5-bit register field at `lo` a value outside `avoid` (if the row leaves it free). */
function reg(d: Draft, lo: number, avoid: number[] = []): number {
  if (freeBits(d.row, lo + 4, lo) !== 31) {
    const fixed = bits(d.word, lo + 4, lo);
    if (avoid.includes(fixed)) reject("fixed register field conflicts");
    return fixed;
  }
  const choices = Array.from({ length: 32 }, (_, r) => r).filter((r) => !avoid.includes(r));
  const v = d.rng.pick(choices);
  field(d, lo + 4, lo, v);
  return v;
}

/** Probability that an address is left misaligned for its access: often where that is allowed,
 *  rarely where it faults (exclusives, SP bases, every access under SCTLR_EL1.A), because a
 *  fault ends the case. */
const misalign = (d: Draft, strict: boolean) => (strict ? 0.02 : d.alignCheck ? 0.04 : 0.1);

/** Addresses nothing answers: beyond the 128 MiB of RAM (external abort), and beyond the
 *  44-bit physical address range (address size fault with the MMU off). */
const UNMAPPED: bigint[] = [0x4800_0000n, 0x7fff_f000n, 0x10_0000_0000n, 0x1000_0000_0000n, 0xffff_0000_4020_0000n];

/** Set register n (31 = SP, through a scratch register) to `v`. */
function setReg(d: Draft, n: number, v: bigint, avoid: number[]) {
  if (n !== 31) { d.setup.push(...movImm(n, v)); return; }
  const t = d.rng.pick(Array.from({ length: 31 }, (_, r) => r).filter((r) => !avoid.includes(r)));
  d.setup.push(...movImm(t, v), movSpFrom(t));
}

/** Base register set-up: a window address near the centre, aligned to `align` most of the
 *  time; rarely an unmapped address. `avoid`: registers the SP set-up must not use. */
function base(d: Draft, n: number, align: number, strict: boolean, avoid: number[]) {
  if (d.rng.chance(0.01)) { setReg(d, n, d.rng.pick(UNMAPPED) + BigInt(d.rng.int(64) * 16), avoid); return; }
  let off = d.rng.int(2049) - 1024;
  if (!d.rng.chance(misalign(d, strict || n === 31))) off &= -Math.max(align, n === 31 ? 16 : 1);
  setReg(d, n, BigInt(WINDOW_ADDR + WINDOW_BYTES / 2 + off), avoid);
}

/** Index register set-up: a small value, negative only where it is sign-extended. */
function index(d: Draft, m: number, align: number, signed: boolean) {
  if (m === 31) return; // XZR
  let v = d.rng.int(signed ? 257 : 129) - (signed ? 128 : 0);
  if (!d.rng.chance(misalign(d, false))) v &= -align;
  d.setup.push(...movImm(m, BigInt.asUintN(64, BigInt(v))));
}

/** Clear the low log2(align) bits of an immediate field most of the time. */
function alignImm(d: Draft, lo: number, align: number) {
  if (align > 1 && !d.rng.chance(misalign(d, false))) field(d, lo + Math.log2(align) - 1, lo, 0);
}

export function sanitize(d: Draft): void {
  switch (d.cls) {
    case "dp_imm": case "dp_reg": case "fp_simd": case "reserved": case "sve": case "unallocated":
    case "barrier": // mostly CLREX, DSB, DMB, ISB; the other op2 values are UNDEFINED
      if (d.rng.chance(0.9)) field(d, 7, 5, d.rng.pick([2, 4, 5, 6]));
      return;
    case "pstate": { // mostly the fields ARMv8.0 has (SPSel, DAIFSet, DAIFClr); others are UNDEFINED
      if (d.rng.chance(0.9)) { const [op1, op2] = d.rng.pick([[0, 5], [3, 6], [3, 7]]); field(d, 18, 16, op1); field(d, 7, 5, op2); }
      return;
    }
    case "b_imm": d.branch = "b26"; return;
    case "b_cond": case "cb": d.branch = "b19"; return;
    case "tb": d.branch = "b14"; return;
    case "branch_reg": {
      const opc = bits(d.word, 24, 21);
      if (opc === 4 || opc === 5) reject(REASONS.eret);
      d.target = reg(d, 5, [31]);
      return;
    }
    case "exception": {
      const opc = bits(d.word, 23, 21), ll = bits(d.word, 1, 0);
      if (opc === 0 && ll >= 2) reject(REASONS.hvc_smc);
      if (opc === 2) reject(REASONS.hlt);
      return; // SVC, BRK, DCPS (UNDEFINED outside debug state), unallocated: end the case
    }
    case "hint": {
      const h = bits(d.word, 11, 5);
      if (h === 2 || h === 3) field(d, 11, 5, d.rng.pick([0, 1, 4, 5, 7, 16, 17, 0x20 + d.rng.int(96)]));
      if ([2, 3].includes(bits(d.word, 11, 5))) reject("WFE/WFI wait for an event or interrupt");
      return;
    }
    case "sys": return sanitizeSys(d);
    case "sysreg": return sanitizeSysreg(d);
    default: return sanitizeLdst(d);
  }
}

function setSysFields(d: Draft, e: SysEnc) {
  field(d, 20, 19, e[0]); field(d, 18, 16, e[1]); field(d, 15, 12, e[2]); field(d, 11, 8, e[3]); field(d, 7, 5, e[4]);
}

/** SYS: the listed cache, AT and TLB operations (now and then other encodings, which are
 *  UNDEFINED); an operation on an address gets a window address in Xt. */
function sanitizeSys(d: Draft) {
  if (d.rng.chance(0.85)) {
    const [op1, crn, crm, op2] = d.rng.pick(SYS_OPS);
    setSysFields(d, [1, op1, crn, crm, op2]);
  }
  const [, op1, crn, crm, op2] = sysEnc(d.word);
  const op = SYS_OPS.find((o) => o[0] === op1 && o[1] === crn && o[2] === crm && o[3] === op2);
  if (op?.[4]) base(d, reg(d, 0, [31]), 1, false, []);
}

/** MRS of registers whose value both sides agree on (or random encodings, mostly UNDEFINED,
 *  never a counter); MSR to the listed registers only. */
function sanitizeSysreg(d: Draft) {
  const read = bit(d.word, 21) === 1;
  if (read) {
    if (d.rng.chance(0.85)) setSysFields(d, d.rng.pick(READABLE));
    else field(d, 20, 19, 3);
    const e = sysEnc(d.word);
    if (UNREADABLE.some((u) => sameEnc(u, e))) reject("counter or timer value: differs between runs");
    if (e[0] === 2 && !READABLE.some((u) => sameEnc(u, e))) reject("unlisted debug register");
  } else {
    setSysFields(d, d.rng.pick(WRITABLE));
    if (!WRITABLE.some((u) => sameEnc(u, sysEnc(d.word)))) reject("write to an unlisted system register");
  }
}

/** Bytes of one element for loads/stores with size (31:30), V (26) and opc (23:22). */
function accessSize(w: number): number {
  const size = bits(w, 31, 30);
  return bit(w, 26) ? 1 << (((bits(w, 23, 22) >> 1) << 2) | size) : 1 << size;
}

function sanitizeLdst(d: Draft) {
  const w = d.word;
  const V = bit(w, 26) === 1;
  // General-purpose registers a writeback base must differ from (V registers never clash).
  const gpr = (...rs: number[]) => (V ? [] : rs.filter((r) => r !== 31));
  switch (d.cls) {
    case "literal": { // PC-relative: reads RAM within 1 MiB of the case code
      const opc = bits(w, 31, 30);
      const size = V ? 4 << opc : opc === 1 ? 8 : 4;
      if (!d.rng.chance(misalign(d, false))) d.literalAlign = size;
      return;
    }
    case "exclusive": {
      const size = bits(w, 31, 30), o2 = bit(w, 23), L = bit(w, 22), o1 = bit(w, 21);
      const pair = o1 === 1 && o2 === 0;
      const n = reg(d, 5);
      const t = reg(d, 0);
      const t2 = pair ? reg(d, 10, L ? [t] : []) : t;
      const storeEx = L === 0 && o2 === 0;
      const s = storeEx ? reg(d, 16, [t, t2, ...(n === 31 ? [] : [n])]) : -1;
      const align = pair ? (size & 1 ? 16 : 8) : 1 << size;
      // Half the time a matching load-exclusive first, so that the store can succeed.
      if (storeEx && !pair && d.rng.chance(0.5)) {
        const lt = d.rng.pick([...Array(31).keys()].filter((r) => ![n, s].includes(r)));
        d.before.push(ldxr(size, n, lt));
      }
      base(d, n, align, true, [t, t2, s]);
      return;
    }
    case "pair": {
      const opc = bits(w, 31, 30), L = bit(w, 22), kind = bits(w, 24, 23);
      const wb = kind === 1 || kind === 3;
      const size = V ? 4 << opc : opc & 2 ? 8 : 4;
      const t = reg(d, 0);
      const t2 = reg(d, 10, L ? [t] : []);
      const n = reg(d, 5, wb ? gpr(t, t2) : []);
      base(d, n, size, false, [t, t2]);
      return;
    }
    case "uimm": case "unscaled": case "imm_post": case "imm_pre": case "unpriv": case "regoff":
    case "rcpc": case "atomic": case "pac": case "tags": {
      const size = accessSize(w);
      const wb = d.cls === "imm_post" || d.cls === "imm_pre";
      const t = reg(d, 0);
      const s = d.cls === "atomic" ? reg(d, 16) : -1;
      const n = reg(d, 5, wb ? gpr(t) : d.cls === "atomic" ? gpr(t, s) : []);
      if (d.cls === "uimm") field(d, 21, 18, 0); // offsets up to 255 elements stay in the window
      else if (d.cls === "regoff") {
        if (bit(d.word, 14) === 0 && !d.rng.chance(0.05)) field(d, 14, 14, 1); // option<1> = 0 is UNDEFINED
        const m = reg(d, 16, n === 31 ? [] : [n]);
        index(d, m, bit(d.word, 12) ? 1 : size, bit(d.word, 15) === 1);
      } else if (d.cls !== "atomic" && d.cls !== "pac") alignImm(d, 12, Math.min(size, 16));
      base(d, n, size, d.cls === "rcpc" || d.cls === "atomic", [t, s, bits(d.word, 20, 16)]);
      return;
    }
    case "simd_struct": {
      const post = bit(w, 23) === 1;
      const n = reg(d, 5);
      if (post) { const m = reg(d, 16, n === 31 ? [] : [n]); if (m !== 31) index(d, m, 16, false); }
      base(d, n, 1 << bits(w, 11, 10), false, [bits(d.word, 20, 16)]);
      return;
    }
    default: reject(`unknown class ${d.cls}`);
  }
}
