// Reads the guest instructions of a region from wasm memory: from the entry, in program order,
// until an instruction after which execution cannot fall through (an unconditional branch, an
// exception return, a write to the PC), one that may change how the following code is mapped
// (a coprocessor write: SCTLR, TTBR, TLB maintenance), the end of the 4 KiB page, or the size
// limit. A plain branch or PC write does not end it while an earlier branch of the region
// targets code further on (the else arm of an if, the rest of a loop body, a jump table's
// cases): that code joins the region. Rows come from the core's own decoders, so names match the interpreter's tables.
import { A32_ROWS, A32U_ROWS, T16_ROWS, T32_ROWS, A64_ROWS } from "./generated/decode-rows.js";
import { coprocKey } from "./emit-coproc.js";

export type InsnSet = "a32" | "t16" | "t32" | "a64";

export interface GuestInsn {
  pc: number;
  word: number;
  set: InsnSet;
  /** Row id in the set's decoder (A32U for cond = 1111), -1 if UNDEFINED or routed elsewhere. */
  row: number;
  /** Row name, for statistics and inline emitters. */
  name: string;
}

export interface Decoders {
  decodeRowA32(insn: number): number;
  decodeRowA32U(insn: number): number;
  decodeRowT16(hw: number): number;
  decodeRowT32(insn: number): number;
  decodeRowA64(insn: number): number;
}

/** Longest region, in instructions. */
export const MAX_REGION_INSNS = 128;

const A32_ENDS = new Set(["B", "BL_imm", "BX", "BXJ", "BLX_reg", "SVC", "BKPT", "HVC", "SMC", "UDF", "ERET", "LDM_eret"]); // MCR, MCRR: isCoprocWrite
const A32U_ENDS = new Set(["BLX_imm", "RFE"]);
const T16_ENDS = new Set(["T16_B", "T16_BX", "T16_BLX", "T16_SVC", "T16_UDF", "T16_BKPT", "T16_IT", "T16_CPS", "T16_SETEND"]);
const T32_ENDS = new Set(["T_B", "T_BL", "T_BLX", "T_TBB", "T_TBH", "T_ERET", "T_SUBS_PC_LR", "T_SMC", "T_HVC", "T_UDF", "T_RFEDB", "T_RFEIA"]);

/** cp15 writes that cannot change how code is fetched or data mapped: barriers, cache and
 *  branch-predictor maintenance (translations follow stores to code, not IC invalidations:
 *  docs/jit.md) and the thread ID registers. A region goes on after them. */
const HARMLESS_CP15_WRITES = new Set([
  [7, 5, 4], [7, 10, 4], [7, 10, 5],                         // CP15ISB, CP15DSB, CP15DMB
  [7, 5, 0], [7, 5, 1], [7, 5, 6], [7, 5, 7], [7, 1, 0], [7, 1, 6], // ICIALLU, ICIMVAU, BPIALL, BPIMVA, ICIALLUIS, BPIALLIS
  [7, 6, 1], [7, 6, 2], [7, 10, 1], [7, 10, 2], [7, 11, 1], [7, 14, 1], [7, 14, 2], // DC maintenance
  [13, 0, 2], [13, 0, 3], [13, 0, 4],                        // TPIDRURW, TPIDRURO, TPIDRPRW
].map(([crn, crm, opc2]) => coprocKey(0x0e000f10 | crn << 16 | opc2 << 5 | crm)));

/** MCR/MCR2 and MCRR/MCRR2, in A32 or in T32 (whose coprocessor space is the A32 word), except
 *  the harmless ones. */
function isCoprocWrite(word: number): boolean {
  if (((word & 0x0f100010) >>> 0) === 0x0e000010) return !HARMLESS_CP15_WRITES.has(coprocKey(word));
  return ((word & 0x0ff00000) >>> 0) === 0x0c400000;
}

/** Ends that only move the PC (the code after them may still be reached by a branch). */
const PLAIN_BRANCHES = new Set(["B", "BL_imm", "BX", "BLX_reg", "LDM", "BLX_imm", "T16_B", "T16_BX", "T16_BLX", "T16_POP",
  "T16_MOV_hi", "T16_ADD_hi", "T_B", "T_BL", "T_BLX", "T_LDM", "T_LDMDB"]);
const plainBranch = (insn: GuestInsn) => PLAIN_BRANCHES.has(insn.name) || /^(LDR|T_LDR|[A-Z]{3}_(reg|rsr|imm)$|MOV|MVN)/.test(insn.name);

const sext = (v: number, bits: number) => (v << (32 - bits)) >> (32 - bits);

/** The target of a direct branch (B, BL, BLX imm, Thumb B, B<c>, CBZ/CBNZ, BL), else undefined. */
export function branchTarget(insn: GuestInsn): number | undefined {
  const w = insn.word, pc = insn.pc;
  switch (insn.name) {
    case "B": case "BL_imm": return (pc + 8 + sext((w & 0xffffff) << 2, 26)) >>> 0;
    case "T16_B_cond": return (pc + 4 + sext((w & 0xff) << 1, 9)) >>> 0;
    case "T16_B": return (pc + 4 + sext((w & 0x7ff) << 1, 12)) >>> 0;
    case "T16_CBZ": return (pc + 4 + ((((w >>> 9) & 1) << 6) | (((w >>> 3) & 0x1f) << 1))) >>> 0;
    case "T_B_cond": {
      const s = (w >>> 26) & 1, j1 = (w >>> 13) & 1, j2 = (w >>> 11) & 1;
      const imm = (s << 20) | (j2 << 19) | (j1 << 18) | (((w >>> 16) & 0x3f) << 12) | ((w & 0x7ff) << 1);
      return (pc + 4 + sext(imm, 21)) >>> 0;
    }
    case "T_B": case "T_BL": {
      const s = (w >>> 26) & 1, i1 = ~(((w >>> 13) & 1) ^ s) & 1, i2 = ~(((w >>> 11) & 1) ^ s) & 1;
      const imm = (s << 24) | (i1 << 23) | (i2 << 22) | (((w >>> 16) & 0x3ff) << 12) | ((w & 0x7ff) << 1);
      return (pc + 4 + sext(imm, 25)) >>> 0;
    }
    default: return undefined;
  }
}

function a32Ends(insn: GuestInsn): boolean {
  const w = insn.word;
  if (isCoprocWrite(w)) return true;
  if (w >>> 28 === 15) return A32U_ENDS.has(insn.name);
  if (w >>> 28 !== 14) return false; // a conditional instruction may fall through
  if (A32_ENDS.has(insn.name)) return true;
  if (insn.name === "LDM") return (w & 0x8000) !== 0;
  // Data processing and loads with Rd/Rt = PC (compares have no destination: bits 15:12 are 0).
  return ((w >>> 12) & 15) === 15 && /^(LDR|[A-Z]{3}_(reg|rsr|imm)$|MOV|MVN)/.test(insn.name);
}

function t16Ends(insn: GuestInsn): boolean {
  const w = insn.word;
  if (T16_ENDS.has(insn.name)) return true;
  if (insn.name === "T16_POP") return (w & 0x100) !== 0;
  if (insn.name === "T16_MOV_hi" || insn.name === "T16_ADD_hi") return ((w >>> 4) & 8 | (w & 7)) === 15;
  return false;
}

function t32Ends(insn: GuestInsn): boolean {
  const w = insn.word;
  if (isCoprocWrite(w)) return true;
  if (T32_ENDS.has(insn.name)) return true;
  if (insn.name === "T_LDM" || insn.name === "T_LDMDB") return (w & 0x8000) !== 0;
  return ((w >>> 12) & 15) === 15 && /^T_LDR(?!.*(lit|T)$)/.test(insn.name) && !/^T_PL/.test(insn.name);
}

/** A64 rows after which the region ends: branches that leave (B and BR/RET only when no earlier
 *  branch targets code further on), exception generation and return, and system rows that may
 *  change how code is mapped or fetched or what PSTATE holds (MSR, SYS: TLBI, IC, AT; SYSL, MRS
 *  of a register with side effects: the interpreter's). UNDEFINED words end it too. */
const A64_ENDS = new Set(["B", "BL", "BR", "BLR", "RET", "ERET", "SVC", "HVC", "SMC", "BRK", "HLT", "MSR_imm", "MSR_reg",
  "SYS", "SYSL", "DRPS", "UNDEFINED"]);
const A64_PLAIN = new Set(["B", "BL", "BR", "BLR", "RET"]);

/** The target of an A64 direct branch (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ) as a low PC word, else undefined. */
export function branchTargetA64(insn: GuestInsn): number | undefined {
  const w = insn.word, pc = insn.pc;
  switch (insn.name) {
    case "B": case "BL": return (pc + sext((w & 0x3ffffff) << 2, 28)) >>> 0;
    case "B_cond": case "CBZ": case "CBNZ": return (pc + sext(((w >>> 5) & 0x7ffff) << 2, 21)) >>> 0;
    case "TBZ": case "TBNZ": return (pc + sext(((w >>> 5) & 0x3fff) << 2, 16)) >>> 0;
    default: return undefined;
  }
}

/** The A64 region entered at `pc` (its low word; the high word is the key's), code at `host`. */
export function findRegionA64(mem: Uint8Array, pc: number, host: number, dec: Decoders): GuestInsn[] {
  const out: GuestInsn[] = [];
  const pageEnd = (host & ~0xfff) + 0x1000;
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  let furthest = 0;
  // offsets from the page start: a page never straddles a 2^32 boundary of the low word
  const off = (v: number) => (v - (pc & ~0xfff)) >>> 0;
  for (let h = host, va = pc; out.length < MAX_REGION_INSNS && h + 4 <= pageEnd; h += 4, va = (va + 4) >>> 0) {
    const w = dv.getUint32(h, true);
    const row = dec.decodeRowA64(w);
    const insn: GuestInsn = { pc: va, word: w, set: "a64", row, name: row >= 0 ? A64_ROWS[row] : "UNDEFINED" };
    out.push(insn);
    const t = branchTargetA64(insn);
    if (t !== undefined && ((t ^ pc) >>> 0) < 0x1000 && off(t) > off(va) && off(t) > furthest) furthest = off(t);
    if (A64_ENDS.has(insn.name) && !(A64_PLAIN.has(insn.name) && furthest > off(va))) break;
  }
  return out;
}

/**
 * The instructions of the region entered at `pc`, whose code is at `host` in `mem`; `thumb`
 * selects the instruction set. Never crosses the page of `pc`.
 */
export function findRegion(mem: Uint8Array, pc: number, host: number, thumb: boolean, dec: Decoders): GuestInsn[] {
  const out: GuestInsn[] = [];
  const pageEnd = (host & ~0xfff) + 0x1000;
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  let h = host, va = pc;
  let furthest = 0; // the furthest forward branch target in the page seen so far
  const inPage = (t: number, from: number) => t > from && t - pc < 0x1000 - (host & 0xfff);
  const ends = (insn: GuestInsn, end: boolean): boolean => {
    const t = branchTarget(insn);
    if (t !== undefined && inPage(t, insn.pc) && t > furthest) furthest = t;
    // a word that is the address of code further on may be a jump table's entry (A32 switch)
    const lit = insn.word >>> 0;
    if (insn.set === "a32" && (lit & 3) === 0 && inPage(lit, insn.pc) && lit > furthest) furthest = lit;
    return end && !(plainBranch(insn) && furthest >= va);
  };
  while (out.length < MAX_REGION_INSNS && h < pageEnd) {
    let insn: GuestInsn;
    if (!thumb) {
      if (h + 4 > pageEnd) break;
      const w = dv.getUint32(h, true);
      const row = w >>> 28 === 15 ? dec.decodeRowA32U(w) : dec.decodeRowA32(w);
      const names = w >>> 28 === 15 ? A32U_ROWS : A32_ROWS;
      insn = { pc: va, word: w, set: "a32", row, name: row >= 0 ? names[row] : "UNDEFINED" };
      out.push(insn);
      h += 4; va = (va + 4) >>> 0;
      if (ends(insn, a32Ends(insn))) break;
    } else {
      const hw1 = dv.getUint16(h, true);
      if (hw1 >= 0xe800) {
        if (h + 4 > pageEnd) break; // the second half is on the next page
        const w = ((hw1 << 16) | dv.getUint16(h + 2, true)) >>> 0;
        const row = dec.decodeRowT32(w);
        insn = { pc: va, word: w, set: "t32", row, name: row >= 0 ? T32_ROWS[row] : "T32_other" };
        out.push(insn);
        h += 4; va = (va + 4) >>> 0;
        if (ends(insn, t32Ends(insn))) break;
      } else {
        const row = dec.decodeRowT16(hw1);
        insn = { pc: va, word: hw1, set: "t16", row, name: row >= 0 ? T16_ROWS[row] : "UNDEFINED" };
        out.push(insn);
        h += 2; va = (va + 2) >>> 0;
        if (ends(insn, t16Ends(insn))) break;
      }
    }
  }
  return out;
}
