// A32 encoding facts the differential-test generator needs (ARM ARM A5): bit helpers, the
// encoding class of a word, MOVW/MOVT for set-up code, and the coprocessor register accesses
// cases may make.

export const bit = (w: number, n: number) => (w >>> n) & 1;
export const bits = (w: number, hi: number, lo: number) => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
export const put = (w: number, hi: number, lo: number, v: number) => {
  const m = ((1 << (hi - lo + 1)) - 1) << lo;
  return ((w & ~m) | ((v << lo) & m)) >>> 0;
};

export const movw = (rd: number, imm: number) => (0xe3000000 | (((imm >>> 12) & 0xf) << 16) | (rd << 12) | (imm & 0xfff)) >>> 0;
export const movt = (rd: number, imm: number) => (0xe3400000 | (((imm >>> 12) & 0xf) << 16) | (rd << 12) | (imm & 0xfff)) >>> 0;
export const SVC_END = 0xef000000;

/** Encoding class of an A32 word (ARM ARM A5.1, A5.7). */
export function encClass(w: number): string {
  const cond = w >>> 28;
  if (cond === 15) {
    if (bits(w, 27, 20) === 0x10) return bit(w, 16) ? "setend" : "cps";
    if (bits(w, 27, 25) === 1 || bits(w, 27, 24) === 4 && bit(w, 20) === 0) return "neon";
    if (bits(w, 27, 20) === 0x57) return "barrier";
    if (bits(w, 27, 26) === 1 && bit(w, 20) === 1) return "preload";
    if (bits(w, 27, 25) === 4) return "srs";
    if (bits(w, 27, 25) === 5) return "blx";
    if (bits(w, 27, 26) === 3) return "coproc2";
    return "other";
  }
  const op = bits(w, 27, 25);
  switch (op) {
    case 0:
      if (bit(w, 7) && bit(w, 4)) {
        if (bits(w, 6, 5) === 0) return bit(w, 24) === 0 ? "mul" : bit(w, 23) === 0 ? "swp" : "excl";
        return "extra_ldst";
      }
      if (bits(w, 24, 23) === 2 && bit(w, 20) === 0) return bit(w, 7) === 0 ? "misc" : "halfmul";
      return bit(w, 4) === 0 ? "dp_reg" : "dp_rsr";
    case 1:
      if (bits(w, 24, 23) === 2 && bit(w, 20) === 0) return bit(w, 21) === 0 ? "movw" : "msr_imm";
      return "dp_imm";
    case 2: return "ldst_imm";
    case 3: return bit(w, 4) === 0 ? "ldst_reg" : "media";
    case 4: return "ldm";
    case 5: return "branch";
    default:
      if (bits(w, 27, 24) === 15) return "svc";
      if (bits(w, 27, 24) === 14 && bit(w, 4) === 1) return "mcr";
      return "coproc";
  }
}

/** A coprocessor register access: (cp, opc1, CRn, CRm, opc2, isRead). */
export type Access = readonly [number, number, number, number, number, boolean];

/** cp15 accesses cases may make in User mode. */
export const USER_OK: Access[] = [
  [15, 0, 13, 0, 2, false], [15, 0, 13, 0, 2, true],   // TPIDRURW
  [15, 0, 13, 0, 3, true],                             // TPIDRURO
  [15, 0, 7, 5, 4, false],                             // CP15ISB
  [15, 0, 7, 10, 4, false], [15, 0, 7, 10, 5, false],  // CP15DSB, CP15DMB
];
/** ... and some that are UNDEFINED there (checks the PL0 access rules; they end the case). */
export const USER_UNDEF: Access[] = [
  [15, 0, 13, 0, 3, false],                            // TPIDRURO write
  [15, 0, 1, 0, 0, true], [15, 0, 0, 0, 0, true],      // SCTLR, MIDR
  [15, 0, 9, 13, 0, true],                             // PMCCNTR (PMUSERENR = 0)
  [15, 0, 14, 0, 0, true],                             // CNTFRQ (CNTKCTL = 0)
];

/** System mode: ID and other readable registers (values must match QEMU's cortex-a15), and
 *  writes to registers without side effects while the MMU is off. */
export const SYS_OK: Access[] = [
  ...[0, 1, 2, 3, 5, 6].map((o2) => [15, 0, 0, 0, o2, true] as const),        // MIDR CTR TCMTR TLBTR MPIDR REVIDR
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((o2) => [15, 0, 0, 1, o2, true] as const),  // ID_PFR0.. ID_MMFR3
  ...[0, 1, 2, 3, 4, 5].map((o2) => [15, 0, 0, 2, o2, true] as const),        // ID_ISAR0..5
  [15, 1, 0, 0, 0, true], [15, 1, 0, 0, 1, true], [15, 1, 0, 0, 7, true],    // CCSIDR CLIDR AIDR
  [15, 2, 0, 0, 0, true], [15, 2, 0, 0, 0, false],                           // CSSELR
  [15, 0, 1, 0, 0, true], [15, 0, 1, 0, 1, true], [15, 0, 1, 0, 2, true],    // SCTLR ACTLR CPACR
  [15, 0, 2, 0, 0, true], [15, 0, 2, 0, 1, true], [15, 0, 2, 0, 2, true],    // TTBR0 TTBR1 TTBCR
  [15, 0, 3, 0, 0, true], [15, 0, 3, 0, 0, false],                           // DACR
  [15, 0, 5, 0, 0, true], [15, 0, 5, 0, 1, true], [15, 0, 6, 0, 0, true], [15, 0, 6, 0, 2, true], // DFSR IFSR DFAR IFAR
  [15, 0, 7, 4, 0, true], [15, 0, 7, 4, 0, false],                           // PAR
  [15, 0, 10, 2, 0, true], [15, 0, 10, 2, 1, true],                          // PRRR NMRR
  [15, 0, 12, 0, 0, true], [15, 0, 12, 1, 0, true],                          // VBAR ISR
  [15, 0, 13, 0, 0, true], [15, 0, 13, 0, 1, true],                          // FCSEIDR CONTEXTIDR
  [15, 0, 13, 0, 2, true], [15, 0, 13, 0, 2, false], [15, 0, 13, 0, 3, true], [15, 0, 13, 0, 3, false],
  [15, 0, 13, 0, 4, true], [15, 0, 13, 0, 4, false],                         // TPIDRPRW
  [15, 0, 14, 0, 0, true], [15, 0, 14, 1, 0, true],                          // CNTFRQ CNTKCTL
  [15, 1, 9, 0, 2, true], [15, 1, 9, 0, 3, true], [15, 4, 15, 0, 0, true],   // L2CTLR L2ECTLR CBAR
  [15, 0, 9, 12, 0, true],                                                   // PMCR
  [15, 0, 7, 5, 4, false], [15, 0, 7, 10, 4, false], [15, 0, 7, 10, 5, false],
  [14, 0, 0, 0, 0, true],                                                    // DBGDIDR
];

