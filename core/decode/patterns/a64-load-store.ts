// A64 loads and stores (ARM ARM C4.1.66 "Loads and Stores"), ARMv8.0 as the Cortex-A57 has it,
// without the AdvSIMD structure forms (LD1..LD4/ST1..ST4). Encodings that have no row here are
// UNDEFINED on this CPU: LDLAR/STLLR, CAS/CASP (v8.1), the atomic memory operations (v8.1),
// LDAPR (v8.3), LDRAA/LDRAB (v8.3), LDAPUR/STLUR (v8.4), STGP and the MTE tag forms, LDNP of
// signed words, PRFM with writeback or unprivileged, and the unallocated size/opc choices.
// Field letters: z size, o opc/option bit, s Rs, u Rt2, n Rn, t Rt, m Rm, i immediate,
// S shift amount; '-' bits QEMU 7.2 ignores (should-be-one Rs/Rt2 fields of v8.0).
// The GPR single-register rows cover every size by their z field (B, H, W, X).
import { row, type Row } from "../formats";

/** Load register (literal): PC-relative. */
export const a64LoadLiteral: Row[] = [
  row("LDR_lit", "0z01 1000 iiii iiii iiii iiii iiit tttt"),
  row("LDRSW_lit", "1001 1000 iiii iiii iiii iiii iiit tttt"),
  row("PRFM_lit", "1101 1000 iiii iiii iiii iiii iiit tttt"),
  row("LDR_lit_fp", "0z01 1100 iiii iiii iiii iiii iiit tttt"), // S, D
  row("LDR_lit_fp_Q", "1001 1100 iiii iiii iiii iiii iiit tttt"),
];

/** Load/store exclusive and load-acquire/store-release (o2 L o1 at bits 23..21, o0 at 15). */
export const a64Exclusive: Row[] = [
  row("STXR", "zz00 1000 000s ssss 0--- --nn nnnt tttt"),
  row("STLXR", "zz00 1000 000s ssss 1--- --nn nnnt tttt"),
  row("LDXR", "zz00 1000 010- ---- 0--- --nn nnnt tttt"),
  row("LDAXR", "zz00 1000 010- ---- 1--- --nn nnnt tttt"),
  row("STXP", "1z00 1000 001s ssss 0uuu uunn nnnt tttt"),
  row("STLXP", "1z00 1000 001s ssss 1uuu uunn nnnt tttt"),
  row("LDXP", "1z00 1000 011- ---- 0uuu uunn nnnt tttt"),
  row("LDAXP", "1z00 1000 011- ---- 1uuu uunn nnnt tttt"),
  row("STLR", "zz00 1000 100- ---- 1--- --nn nnnt tttt"),
  row("LDAR", "zz00 1000 110- ---- 1--- --nn nnnt tttt"),
];

/** Load/store pair: index (bits 24..23) 00 no-allocate offset, 01 post, 10 offset, 11 pre. */
export const a64LoadStorePair: Row[] = [
  row("STNP", "z010 1000 00ii iiii iuuu uunn nnnt tttt"),
  row("LDNP", "z010 1000 01ii iiii iuuu uunn nnnt tttt"),
  row("STP_post", "z010 1000 10ii iiii iuuu uunn nnnt tttt"),
  row("LDP_post", "z010 1000 11ii iiii iuuu uunn nnnt tttt"),
  row("STP_off", "z010 1001 00ii iiii iuuu uunn nnnt tttt"),
  row("LDP_off", "z010 1001 01ii iiii iuuu uunn nnnt tttt"),
  row("STP_pre", "z010 1001 10ii iiii iuuu uunn nnnt tttt"),
  row("LDP_pre", "z010 1001 11ii iiii iuuu uunn nnnt tttt"),
  row("LDPSW_post", "0110 1000 11ii iiii iuuu uunn nnnt tttt"),
  row("LDPSW_off", "0110 1001 01ii iiii iuuu uunn nnnt tttt"),
  row("LDPSW_pre", "0110 1001 11ii iiii iuuu uunn nnnt tttt"),
  // FP/SIMD: opc 00 S, 01 D, 10 Q (11 UNDEFINED, checked by the handler before the FP trap)
  row("STNP_fp", "oo10 1100 00ii iiii iuuu uunn nnnt tttt"),
  row("LDNP_fp", "oo10 1100 01ii iiii iuuu uunn nnnt tttt"),
  row("STP_fp_post", "oo10 1100 10ii iiii iuuu uunn nnnt tttt"),
  row("LDP_fp_post", "oo10 1100 11ii iiii iuuu uunn nnnt tttt"),
  row("STP_fp_off", "oo10 1101 00ii iiii iuuu uunn nnnt tttt"),
  row("LDP_fp_off", "oo10 1101 01ii iiii iuuu uunn nnnt tttt"),
  row("STP_fp_pre", "oo10 1101 10ii iiii iuuu uunn nnnt tttt"),
  row("LDP_fp_pre", "oo10 1101 11ii iiii iuuu uunn nnnt tttt"),
];

/** Load/store register, unscaled immediate (STUR/LDUR). */
export const a64LoadStoreUnscaled: Row[] = [
  row("STUR", "zz11 1000 000i iiii iiii 00nn nnnt tttt"),
  row("LDUR", "zz11 1000 010i iiii iiii 00nn nnnt tttt"),
  row("LDURS_X", "0z11 1000 100i iiii iiii 00nn nnnt tttt"), // LDURSB/LDURSH to Xt
  row("LDURSW", "1011 1000 100i iiii iiii 00nn nnnt tttt"),
  row("PRFUM", "1111 1000 100i iiii iiii 00nn nnnt tttt"),
  row("LDURS_W", "0z11 1000 110i iiii iiii 00nn nnnt tttt"), // LDURSB/LDURSH to Wt
  row("STUR_fp", "zz11 1100 000i iiii iiii 00nn nnnt tttt"), // B, H, S, D
  row("LDUR_fp", "zz11 1100 010i iiii iiii 00nn nnnt tttt"),
  row("STUR_fp_Q", "0011 1100 100i iiii iiii 00nn nnnt tttt"),
  row("LDUR_fp_Q", "0011 1100 110i iiii iiii 00nn nnnt tttt"),
];

/** Load/store register, immediate post-indexed. */
export const a64LoadStorePost: Row[] = [
  row("STR_post", "zz11 1000 000i iiii iiii 01nn nnnt tttt"),
  row("LDR_post", "zz11 1000 010i iiii iiii 01nn nnnt tttt"),
  row("LDRS_X_post", "0z11 1000 100i iiii iiii 01nn nnnt tttt"),
  row("LDRSW_post", "1011 1000 100i iiii iiii 01nn nnnt tttt"),
  row("LDRS_W_post", "0z11 1000 110i iiii iiii 01nn nnnt tttt"),
  row("STR_fp_post", "zz11 1100 000i iiii iiii 01nn nnnt tttt"),
  row("LDR_fp_post", "zz11 1100 010i iiii iiii 01nn nnnt tttt"),
  row("STR_fp_Q_post", "0011 1100 100i iiii iiii 01nn nnnt tttt"),
  row("LDR_fp_Q_post", "0011 1100 110i iiii iiii 01nn nnnt tttt"),
];

/** Load/store register, unprivileged (EL0 access rights when at EL1; no FP/SIMD forms). */
export const a64LoadStoreUnpriv: Row[] = [
  row("STTR", "zz11 1000 000i iiii iiii 10nn nnnt tttt"),
  row("LDTR", "zz11 1000 010i iiii iiii 10nn nnnt tttt"),
  row("LDTRS_X", "0z11 1000 100i iiii iiii 10nn nnnt tttt"),
  row("LDTRSW", "1011 1000 100i iiii iiii 10nn nnnt tttt"),
  row("LDTRS_W", "0z11 1000 110i iiii iiii 10nn nnnt tttt"),
];

/** Load/store register, immediate pre-indexed. */
export const a64LoadStorePre: Row[] = [
  row("STR_pre", "zz11 1000 000i iiii iiii 11nn nnnt tttt"),
  row("LDR_pre", "zz11 1000 010i iiii iiii 11nn nnnt tttt"),
  row("LDRS_X_pre", "0z11 1000 100i iiii iiii 11nn nnnt tttt"),
  row("LDRSW_pre", "1011 1000 100i iiii iiii 11nn nnnt tttt"),
  row("LDRS_W_pre", "0z11 1000 110i iiii iiii 11nn nnnt tttt"),
  row("STR_fp_pre", "zz11 1100 000i iiii iiii 11nn nnnt tttt"),
  row("LDR_fp_pre", "zz11 1100 010i iiii iiii 11nn nnnt tttt"),
  row("STR_fp_Q_pre", "0011 1100 100i iiii iiii 11nn nnnt tttt"),
  row("LDR_fp_Q_pre", "0011 1100 110i iiii iiii 11nn nnnt tttt"),
];

/** Load/store register, register offset: option (bits 15..13) must have bit 14 set. */
export const a64LoadStoreReg: Row[] = [
  row("STR_reg", "zz11 1000 001m mmmm o1oS 10nn nnnt tttt"),
  row("LDR_reg", "zz11 1000 011m mmmm o1oS 10nn nnnt tttt"),
  row("LDRS_X_reg", "0z11 1000 101m mmmm o1oS 10nn nnnt tttt"),
  row("LDRSW_reg", "1011 1000 101m mmmm o1oS 10nn nnnt tttt"),
  row("PRFM_reg", "1111 1000 101m mmmm o1oS 10nn nnnt tttt"),
  row("LDRS_W_reg", "0z11 1000 111m mmmm o1oS 10nn nnnt tttt"),
  row("STR_fp_reg", "zz11 1100 001m mmmm o1oS 10nn nnnt tttt"),
  row("LDR_fp_reg", "zz11 1100 011m mmmm o1oS 10nn nnnt tttt"),
  row("STR_fp_Q_reg", "0011 1100 101m mmmm o1oS 10nn nnnt tttt"),
  row("LDR_fp_Q_reg", "0011 1100 111m mmmm o1oS 10nn nnnt tttt"),
];

/** Load/store register, unsigned immediate (scaled by the access size). */
export const a64LoadStoreUimm: Row[] = [
  row("STR_imm", "zz11 1001 00ii iiii iiii iinn nnnt tttt"),
  row("LDR_imm", "zz11 1001 01ii iiii iiii iinn nnnt tttt"),
  row("LDRS_X_imm", "0z11 1001 10ii iiii iiii iinn nnnt tttt"),
  row("LDRSW_imm", "1011 1001 10ii iiii iiii iinn nnnt tttt"),
  row("PRFM_imm", "1111 1001 10ii iiii iiii iinn nnnt tttt"),
  row("LDRS_W_imm", "0z11 1001 11ii iiii iiii iinn nnnt tttt"),
  row("STR_fp_imm", "zz11 1101 00ii iiii iiii iinn nnnt tttt"),
  row("LDR_fp_imm", "zz11 1101 01ii iiii iiii iinn nnnt tttt"),
  row("STR_fp_Q_imm", "0011 1101 10ii iiii iiii iinn nnnt tttt"),
  row("LDR_fp_Q_imm", "0011 1101 11ii iiii iiii iinn nnnt tttt"),
];
