// A64 encoding facts the differential-test generator needs (ARM ARM C4.1): the encoding class of
// a word, the set-up instructions (MOVZ/MOVK, MOV SP), and which system registers and system
// instructions a case may use.
import { bit, bits } from "./encoding.js";

/**
 * Encoding class of an A64 word, from the top-level decode (C4.1) and the second level of the
 * branch/system and load/store groups. Names, not row names: rows come and go in the core's
 * table, classes fix what the generator must constrain.
 */
export function a64Class(w: number): string {
  const op0 = bits(w, 28, 25);
  if (op0 === 0) return "reserved";
  if (op0 === 2) return "sve";
  if (op0 === 1 || op0 === 3) return "unallocated";
  if ((op0 & 0b1110) === 0b1000) return "dp_imm";
  if ((op0 & 0b1110) === 0b1010) return branchClass(w);
  if ((op0 & 0b0101) === 0b0100) return ldstClass(w);
  if ((op0 & 0b0111) === 0b0101) return "dp_reg";
  return "fp_simd";
}

function branchClass(w: number): string {
  const top8 = w >>> 24;
  if (top8 === 0x54) return "b_cond";
  if (top8 === 0xd4) return "exception";
  if (bits(w, 31, 22) === 0b1101010100) {
    const op0 = bits(w, 20, 19);
    if (op0 === 1) return "sys";
    if (op0 >= 2) return "sysreg";
    if (bit(w, 21)) return "unallocated";
    const crn = bits(w, 15, 12);
    return crn === 2 ? "hint" : crn === 3 ? "barrier" : crn === 4 ? "pstate" : "unallocated";
  }
  if (bits(w, 31, 25) === 0b1101011) return "branch_reg";
  if (bits(w, 30, 26) === 0b00101) return "b_imm";
  if (bits(w, 30, 25) === 0b011010) return "cb";
  if (bits(w, 30, 25) === 0b011011) return "tb";
  return "unallocated";
}

function ldstClass(w: number): string {
  const op2 = bits(w, 24, 23);
  switch (bits(w, 29, 28)) {
    case 0:
      if (bit(w, 26)) return bit(w, 31) ? "unallocated" : "simd_struct";
      if (op2 < 2) return "exclusive";
      return w >>> 28 === 0xd && bit(w, 21) ? "tags" : "unallocated";
    case 1: return op2 < 2 ? "literal" : "rcpc";
    case 2: return "pair";
    default:
      if (op2 >= 2) return "uimm";
      if (!bit(w, 21)) return ["unscaled", "imm_post", "unpriv", "imm_pre"][bits(w, 11, 10)];
      return ["atomic", "pac", "regoff", "pac"][bits(w, 11, 10)];
  }
}

/** Load/store classes (their base register must point into the window). */
export const LDST_CLASSES = new Set(["simd_struct", "exclusive", "tags", "literal", "rcpc", "pair", "uimm",
  "unscaled", "imm_post", "unpriv", "imm_pre", "atomic", "pac", "regoff"]);

/** FP/SIMD work: the FP/SIMD data-processing group and loads/stores of V registers. */
export function isFpWord(w: number): boolean {
  const c = a64Class(w);
  return c === "fp_simd" || (LDST_CLASSES.has(c) && bit(w, 26) === 1);
}

// --- set-up instructions ---------------------------------------------------------------------

const movz = (d: number, imm: number, hw: number) => (0xd2800000 | (hw << 21) | ((imm & 0xffff) << 5) | d) >>> 0;
const movk = (d: number, imm: number, hw: number) => (0xf2800000 | (hw << 21) | ((imm & 0xffff) << 5) | d) >>> 0;

/** MOVZ + MOVKs that put the 64-bit value `v` into Xd (d < 31). */
export function movImm(d: number, v: bigint): number[] {
  const parts = [0, 1, 2, 3].map((hw) => Number((v >> BigInt(16 * hw)) & 0xffffn));
  const out = [movz(d, parts[0], 0)];
  for (let hw = 1; hw < 4; hw++) if (parts[hw] !== 0) out.push(movk(d, parts[hw], hw));
  return out;
}

/** MOVZ + MOVK of a 32-bit value (used where the value is patched in later: fixed length). */
export const movImm32 = (d: number, v: number): number[] => [movz(d, v & 0xffff, 0), movk(d, v >>> 16, 1)];

/** MOV SP, Xn (ADD SP, Xn, #0). */
export const movSpFrom = (n: number) => (0x9100001f | (n << 5)) >>> 0;
/** The harness ends each case with SVC #0. */
export const SVC_END = 0xd4000001;
/** LDXR/LDXP-style load-exclusive of `size` (0..3) from [Xn] into Rt (for a following store). */
export const ldxr = (size: number, n: number, t: number) => (0x085f7c00 | (size << 30) | (n << 5) | t) >>> 0;

// --- system registers and instructions ------------------------------------------------------

/** op0, op1, CRn, CRm, op2 of an MRS/MSR/SYS. */
export type SysEnc = readonly [number, number, number, number, number];

/** The encoding fields of an MRS/MSR/SYS word. */
export const sysEnc = (w: number): SysEnc => [bits(w, 20, 19), bits(w, 18, 16), bits(w, 15, 12), bits(w, 11, 8), bits(w, 7, 5)];
export const sameEnc = (a: SysEnc, b: SysEnc) => a.every((v, i) => v === b[i]);

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** Registers whose value is the same on QEMU and armlet at any moment (ID registers, control
 *  registers the harness sets, registers only the case itself writes). MRS may read them. */
export const READABLE: SysEnc[] = [
  [3, 0, 0, 0, 0], [3, 0, 0, 0, 5], [3, 0, 0, 0, 6],                          // MIDR MPIDR REVIDR
  ...range(0, 7).map((o2) => [3, 0, 0, 1, o2] as const),                       // ID_PFR0 .. ID_MMFR3
  ...range(0, 7).map((o2) => [3, 0, 0, 2, o2] as const),                       // ID_ISAR0..5, ID_MMFR4
  ...range(0, 7).map((o2) => [3, 0, 0, 3, o2] as const),                       // MVFR0..2 and reserved
  ...range(4, 7).flatMap((crm) => range(0, 7).map((o2) => [3, 0, 0, crm, o2] as const)), // ID_AA64*
  [3, 1, 0, 0, 0], [3, 1, 0, 0, 1], [3, 1, 0, 0, 7], [3, 2, 0, 0, 0],          // CCSIDR CLIDR AIDR CSSELR
  [3, 3, 0, 0, 1], [3, 3, 0, 0, 7],                                            // CTR_EL0 DCZID_EL0
  [3, 0, 1, 0, 0], [3, 0, 1, 0, 1], [3, 0, 1, 0, 2],                           // SCTLR ACTLR CPACR
  [3, 0, 2, 0, 0], [3, 0, 2, 0, 1], [3, 0, 2, 0, 2],                           // TTBR0 TTBR1 TCR
  [3, 0, 4, 0, 0], [3, 0, 4, 0, 1], [3, 0, 4, 1, 0],                           // SPSR_EL1 ELR_EL1 SP_EL0
  [3, 0, 4, 2, 0], [3, 0, 4, 2, 2], [3, 3, 4, 2, 0], [3, 3, 4, 2, 1],          // SPSel CurrentEL NZCV DAIF
  [3, 3, 4, 4, 0], [3, 3, 4, 4, 1],                                            // FPCR FPSR
  [3, 0, 5, 1, 0], [3, 0, 5, 1, 1], [3, 0, 5, 2, 0], [3, 0, 6, 0, 0], [3, 0, 7, 4, 0], // AFSR0/1 ESR FAR PAR
  [3, 0, 10, 2, 0], [3, 0, 10, 3, 0], [3, 0, 12, 0, 0], [3, 0, 12, 0, 1], [3, 0, 12, 1, 0], // MAIR AMAIR VBAR RVBAR ISR
  [3, 0, 13, 0, 1], [3, 0, 13, 0, 4], [3, 3, 13, 0, 2], [3, 3, 13, 0, 3],      // CONTEXTIDR TPIDR_EL1 TPIDR_EL0 TPIDRRO_EL0
  [3, 0, 14, 1, 0], [3, 3, 14, 0, 0],                                          // CNTKCTL CNTFRQ
  [3, 3, 14, 2, 1], [3, 3, 14, 2, 2], [3, 3, 14, 3, 1], [3, 3, 14, 3, 2],      // CNTP_CTL/CVAL CNTV_CTL/CVAL
  [3, 3, 9, 12, 0], [3, 3, 9, 12, 6], [3, 3, 9, 12, 7], [3, 3, 9, 14, 0],      // PMCR PMCEID0/1 PMUSERENR
  [3, 1, 11, 0, 2], [3, 1, 11, 0, 3], [3, 1, 15, 0, 0], [3, 1, 15, 2, 0],      // L2CTLR L2ECTLR L2ACTLR CPUACTLR
  [3, 1, 15, 2, 1], [3, 1, 15, 3, 0],                                          // CPUECTLR CBAR
  [2, 0, 0, 2, 2], [2, 0, 1, 1, 4], [2, 0, 0, 2, 0], [2, 3, 0, 1, 0],          // MDSCR OSLSR MDCCINT MDCCSR_EL0
];

/** Registers a case may write: no effect beyond their own value, or the harness resets them
 *  between cases (CPACR, CSSELR, TPIDRs, ESR, FAR); the exception that ends the case rewrites
 *  ELR and SPSR. Writes to read-only registers (last line) are UNDEFINED. */
export const WRITABLE: SysEnc[] = [
  [3, 3, 4, 2, 0], [3, 3, 4, 2, 1], [3, 3, 4, 4, 0], [3, 3, 4, 4, 1],          // NZCV DAIF FPCR FPSR
  [3, 3, 13, 0, 2], [3, 3, 13, 0, 3], [3, 0, 13, 0, 4], [3, 0, 13, 0, 1],      // TPIDR_EL0 TPIDRRO_EL0 TPIDR_EL1 CONTEXTIDR
  [3, 0, 7, 4, 0], [3, 0, 5, 1, 0], [3, 0, 5, 1, 1], [3, 0, 10, 2, 0], [3, 0, 10, 3, 0], // PAR AFSR0/1 MAIR AMAIR
  [3, 2, 0, 0, 0], [3, 0, 1, 0, 2], [3, 0, 5, 2, 0], [3, 0, 6, 0, 0],          // CSSELR CPACR ESR FAR
  [3, 0, 4, 0, 0], [3, 0, 4, 0, 1], [3, 0, 4, 1, 0],                           // SPSR_EL1 ELR_EL1 SP_EL0
  [3, 0, 0, 0, 0], [3, 3, 0, 0, 1], [3, 0, 4, 2, 2], [3, 0, 12, 1, 0],         // MIDR CTR CurrentEL ISR (read-only)
];

/** Registers no case may read: counters and timer values that move with time or with the
 *  instruction count (QEMU's and armlet's clocks differ). */
export const UNREADABLE: SysEnc[] = [
  [3, 3, 14, 0, 1], [3, 3, 14, 0, 2], [3, 3, 14, 2, 0], [3, 3, 14, 3, 0],      // CNTPCT CNTVCT CNTP_TVAL CNTV_TVAL
  [3, 3, 9, 13, 0], [3, 3, 9, 13, 2],                                          // PMCCNTR PMXEVCNTR
  ...range(8, 11).flatMap((crm) => range(0, 7).map((o2) => [3, 3, 14, crm, o2] as const)), // PMEVCNTRn
];

/** SYS operations: cache maintenance, address translation, TLB invalidation (op1, CRn, CRm, op2,
 *  and whether Xt is an address that must point into the window). */
export const SYS_OPS: [number, number, number, number, boolean][] = [
  [0, 7, 1, 0, false], [0, 7, 5, 0, false], [3, 7, 5, 1, true],                // IC IALLUIS, IALLU, IVAU
  [0, 7, 6, 1, true], [0, 7, 6, 2, false], [0, 7, 10, 2, false], [0, 7, 14, 2, false], // DC IVAC ISW CSW CISW
  [3, 7, 4, 1, true], [3, 7, 10, 1, true], [3, 7, 11, 1, true], [3, 7, 14, 1, true],  // DC ZVA CVAC CVAU CIVAC
  [0, 7, 8, 0, true], [0, 7, 8, 1, true], [0, 7, 8, 2, true], [0, 7, 8, 3, true],     // AT S1E1R/W S1E0R/W
  [4, 7, 8, 0, true], [4, 7, 8, 4, true], [6, 7, 8, 0, true],                  // AT S1E2R S12E1R S1E3R (UNDEF)
  ...[3, 7].flatMap((crm) => [0, 1, 2, 3, 5, 7].map((o2) => [0, 8, crm, o2, false] as [number, number, number, number, boolean])), // TLBI ..E1(IS)
];
