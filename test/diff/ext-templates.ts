// Encoding templates of the Thumb, VFP and NEON differential cases (ARM ARM A6/A7, written as
// decoder rows). They classify every drawn word for the sanitizer (its `kind`), and they are a
// source of words of their own, so that the harness works before (and beside) the core's rows.
// VFP and NEON templates are A32 words; Thumb cases use their T32 forms (see toT32).
import { row, type Row } from "../../core/decode/formats.js";

export type Kind =
  | "t16" | "t16_hireg" | "t16_ldlit" | "t16_ldst_reg" | "t16_ldst_imm" | "t16_sp" | "t16_pushpop" | "t16_ldm"
  | "t16_cb" | "t16_bcond" | "t16_b" | "t16_hint" | "t16_it"
  | "t32_dpimm" | "t32_dpreg" | "t32_plain" | "t32_regdp" | "t32_mul" | "t32_mull"
  | "t32_ldst" | "t32_ldlit" | "t32_dual" | "t32_excl" | "t32_ldm" | "t32_branch" | "t32_msr" | "t32_mrs"
  | "t32_hint" | "t32_barrier" | "t32_mcr" | "t32_pld"
  | "vfp_dp" | "vfp_xfer" | "vfp_xfer64" | "vfp_sys" | "vfp_ldst" | "vfp_ldm"
  | "neon_dp" | "neon_ls";

export interface Tpl extends Row { kind: Kind; weight: number }

const t = (name: string, kind: Kind, pattern: string, weight = 1): Tpl => ({ ...row(name, pattern), kind, weight });

/** 16-bit Thumb. */
export const T16_TPL: Tpl[] = [
  t("t16_shift_imm", "t16", "000o oiii iimm mddd", 2),
  t("t16_addsub_reg", "t16", "0001 10om mmnn nddd", 2),
  t("t16_addsub_imm3", "t16", "0001 11oi iinn nddd", 2),
  t("t16_imm8", "t16", "001o oddd iiii iiii", 3),
  t("t16_dp", "t16", "0100 00oo oomm mddd", 4),
  t("t16_hireg", "t16_hireg", "0100 01oo Dmmm mddd", 2),
  t("t16_ldr_lit", "t16_ldlit", "0100 1ttt iiii iiii"),
  t("t16_ldst_reg", "t16_ldst_reg", "0101 ooom mmnn nttt", 3),
  t("t16_ldst_imm", "t16_ldst_imm", "011B Liii iinn nttt", 2),
  t("t16_ldst_h", "t16_ldst_imm", "1000 Liii iinn nttt"),
  t("t16_ldst_sp", "t16_sp", "1001 Lttt iiii iiii"),
  t("t16_adr", "t16", "1010 0ddd iiii iiii"),
  t("t16_add_sp", "t16", "1010 1ddd iiii iiii"),
  t("t16_addsub_sp", "t16", "1011 0000 oiii iiii"),
  t("t16_extend", "t16", "1011 0010 oomm mddd"),
  t("t16_rev", "t16", "1011 1010 oomm mddd"),
  t("t16_push", "t16_pushpop", "1011 010M llll llll"),
  t("t16_pop", "t16_pushpop", "1011 110P llll llll"),
  t("t16_cbz", "t16_cb", "1011 o0i1 iiii innn"),
  t("t16_cps", "t16", "1011 0110 011m 0aif", 0.2),
  t("t16_hint", "t16_hint", "1011 1111 oooo 0000", 0.3),
  t("t16_it", "t16_it", "1011 1111 cccc mmmm", 0), // IT blocks are built by the generator
  t("t16_stm_ldm", "t16_ldm", "1100 Lnnn llll llll"),
  t("t16_udf", "t16", "1101 1110 iiii iiii", 0.02),
  t("t16_bcond", "t16_bcond", "1101 cccc iiii iiii", 0.5),
  t("t16_b", "t16_b", "1110 0iii iiii iiii", 0.3),
];

/** 32-bit Thumb (first halfword in bits 31..16). */
export const T32_TPL: Tpl[] = [
  t("t32_dp_modimm", "t32_dpimm", "1111 0i0o oooS nnnn 0iii dddd iiii iiii", 5),
  t("t32_dp_shreg", "t32_dpreg", "1110 101o oooS nnnn 0iii dddd iitt mmmm", 5),
  t("t32_plain_imm", "t32_plain", "1111 0i1o ooo0 nnnn 0iii dddd iiii iiii", 3),
  t("t32_shift_reg", "t32_regdp", "1111 1010 0ttS nnnn 1111 dddd 0000 mmmm", 1.5),
  t("t32_extend", "t32_regdp", "1111 1010 0ooo nnnn 1111 dddd 10rr mmmm", 1.5),
  t("t32_parallel", "t32_regdp", "1111 1010 1ooo nnnn 1111 dddd 0ooo mmmm", 2),
  t("t32_misc", "t32_regdp", "1111 1010 10oo nnnn 1111 dddd 10oo mmmm", 1.5),
  t("t32_mul", "t32_mul", "1111 1011 0ooo nnnn aaaa dddd 00oo mmmm", 2),
  t("t32_mull_div", "t32_mull", "1111 1011 1ooo nnnn llll hhhh oooo mmmm", 2),
  t("t32_pld", "t32_pld", "1111 100S Uss1 nnnn 1111 iiii iiii iiii", 0.4),
  t("t32_ldr_lit", "t32_ldlit", "1111 100S Uss1 1111 tttt iiii iiii iiii", 0.5),
  t("t32_ldst_imm12", "t32_ldst", "1111 1000 1ssL nnnn tttt iiii iiii iiii", 2),
  t("t32_ldst_imm8", "t32_ldst", "1111 1000 0ssL nnnn tttt 1PUW iiii iiii", 2),
  t("t32_ldst_reg", "t32_ldst", "1111 1000 0ssL nnnn tttt 0000 00ii mmmm", 1.5),
  t("t32_ldrs_imm12", "t32_ldst", "1111 1001 1ss1 nnnn tttt iiii iiii iiii", 1),
  t("t32_ldrs_imm8", "t32_ldst", "1111 1001 0ss1 nnnn tttt 1PUW iiii iiii", 1),
  t("t32_ldrs_reg", "t32_ldst", "1111 1001 0ss1 nnnn tttt 0000 00ii mmmm", 0.5),
  t("t32_ldrex_strex", "t32_excl", "1110 1000 010L nnnn tttt dddd iiii iiii", 1),
  t("t32_ldrex_bhd", "t32_excl", "1110 1000 110L nnnn tttt TTTT 01ss dddd", 1),
  t("t32_ldrd_strd", "t32_dual", "1110 100P U1WL nnnn tttt TTTT iiii iiii", 1.5),
  t("t32_ldm_stm", "t32_ldm", "1110 100o o0WL nnnn 0M0l llll llll llll", 1.5),
  t("t32_msr", "t32_msr", "1111 0011 1000 nnnn 1000 mm00 0000 0000", 0.5),
  t("t32_mrs", "t32_mrs", "1111 0011 1110 1111 1000 dddd 0000 0000", 0.5),
  t("t32_hint", "t32_hint", "1111 0011 1010 1111 1000 0000 oooo oooo", 0.3),
  t("t32_barrier", "t32_barrier", "1111 0011 1011 1111 1000 1111 oooo oooo", 0.3),
  t("t32_mcr", "t32_mcr", "1110 1110 oooL nnnn tttt cccc ooo1 mmmm", 0.5),
  t("t32_b_cond", "t32_branch", "1111 0Scc ccii iiii 10J0 Jiii iiii iiii", 0.5),
  t("t32_b_bl", "t32_branch", "1111 0Sii iiii iiii 1LJ1 Jiii iiii iiii", 0.5),
];

/** VFP (A32 words with a condition; in Thumb: cond = 1110, i.e. the T32 word 1110 11xx ...). */
export const VFP_TPL: Tpl[] = [
  t("vfp_3op", "vfp_dp", "cccc 1110 0Doo nnnn dddd 101s NoM0 mmmm", 6),
  t("vfp_div_fma", "vfp_dp", "cccc 1110 1Doo nnnn dddd 101s NoM0 mmmm", 4),
  t("vfp_misc", "vfp_dp", "cccc 1110 1D11 oooo dddd 101s o1M0 mmmm", 8),
  t("vfp_cvt_fixed", "vfp_dp", "cccc 1110 1D11 1o1U dddd 101s x1i0 iiii", 3),
  t("vfp_vmov_imm", "vfp_dp", "cccc 1110 1D11 iiii dddd 101s 0000 iiii", 1),
  t("vfp_vmov_s", "vfp_xfer", "cccc 1110 000L nnnn tttt 1010 N001 0000", 1),
  t("vfp_vmov_scalar", "vfp_xfer", "cccc 1110 UooL nnnn tttt 1011 Noo1 0000", 1.5),
  t("vfp_vdup", "vfp_xfer", "cccc 1110 1bQ0 dddd tttt 1011 De01 0000", 0.7),
  t("vfp_vmrs_vmsr", "vfp_sys", "cccc 1110 111L rrrr tttt 1010 0001 0000", 1),
  t("vfp_vmov_2core_d", "vfp_xfer64", "cccc 1100 010L tttt TTTT 1011 00M1 mmmm", 0.7),
  t("vfp_vmov_2core_s", "vfp_xfer64", "cccc 1100 010L tttt TTTT 1010 00M1 mmmm", 0.5),
  t("vfp_vldr_vstr", "vfp_ldst", "cccc 1101 UD0L nnnn dddd 101s iiii iiii", 2),
  t("vfp_vldm_vstm", "vfp_ldm", "cccc 110P UDWL nnnn dddd 101s iiii iiii", 1.5),
];

/** Advanced SIMD data processing (A32 1111 001U ...; T32 111U 1111 ...). */
export const NEON_TPL: Tpl[] = [
  t("neon_3same", "neon_dp", "1111 001U 0Dss nnnn dddd oooo NQMo mmmm", 10),
  t("neon_3diff", "neon_dp", "1111 001U 1Dss nnnn dddd oooo N0M0 mmmm", 4),
  t("neon_2scalar", "neon_dp", "1111 001Q 1Dss nnnn dddd oooo N1M0 mmmm", 2),
  t("neon_shift", "neon_dp", "1111 001U 1Dii iiii dddd oooo LQM1 mmmm", 5),
  t("neon_modimm", "neon_dp", "1111 001i 1D00 0iii dddd cccc 0Qo1 iiii", 1.5),
  t("neon_vext", "neon_dp", "1111 0010 1D11 nnnn dddd iiii NQM0 mmmm", 1),
  t("neon_2misc", "neon_dp", "1111 0011 1D11 ss oo dddd 0ooo oQM0 mmmm", 6),
  t("neon_vtbl", "neon_dp", "1111 0011 1D11 nnnn dddd 10ll NoM0 mmmm", 1),
  t("neon_vdup_scalar", "neon_dp", "1111 0011 1D11 iiii dddd 1100 0QM0 mmmm", 0.5),
  t("neon_ldst", "neon_ls", "1111 0100 ADL0 nnnn dddd tttt ssaa mmmm", 5),
];

/** The T32 form of a VFP/NEON A32 word (the Thumb step maps it back). */
export function toT32(w: number): number {
  if ((w >>> 25) === 0b1111001) return (0xef000000 | (((w >>> 24) & 1) << 28) | (w & 0xffffff)) >>> 0;
  if ((w >>> 24) === 0xf4) return (0xf9000000 | (w & 0xffffff)) >>> 0;
  return (0xe0000000 | (w & 0x0fffffff)) >>> 0;
}

/** The A32 form of a T32 word in the VFP/NEON/coprocessor space (inverse of toT32), or -1. */
export function fromT32(w: number): number {
  if ((w & 0xef000000) >>> 0 === 0xef000000) return (0xf2000000 | (((w >>> 28) & 1) << 24) | (w & 0xffffff)) >>> 0;
  if ((w & 0xff100000) >>> 0 === 0xf9000000) return (0xf4000000 | (w & 0xffffff)) >>> 0;
  if ((w & 0xec000000) >>> 0 === 0xec000000 && (w >>> 28) === 0xe) return w >>> 0;
  return -1;
}
