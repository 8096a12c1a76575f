// A64 Advanced SIMD floating point (ARMv8.0, no FP16). Field letters: q Q, s sz (double lanes),
// m Rm, n Rn, d Rd. Half-precision encodings (ARMv8.2) match no row: UNDEFINED.
import { row, type Row } from "../formats";

const v3 = (name: string, u: string, a: string, op: string): Row =>
  row(name, `0 q ${u} 01110 ${a} s 1 mmmmm ${op} 1 nnnnn ddddd`);
const s3 = (name: string, u: string, a: string, op: string): Row =>
  row(name, `0 1 ${u} 11110 ${a} s 1 mmmmm ${op} 1 nnnnn ddddd`);

/** Three same, FP: vector, pairwise and scalar forms (U, size<1>, opcode). */
export const a64SimdFp3Same: Row[] = [
  v3("FMAXNM_vec", "0", "0", "11000"), v3("FMLA_vec", "0", "0", "11001"), v3("FADD_vec", "0", "0", "11010"),
  v3("FMULX_vec", "0", "0", "11011"), v3("FCMEQ_vec", "0", "0", "11100"), v3("FMAX_vec", "0", "0", "11110"),
  v3("FRECPS_vec", "0", "0", "11111"),
  v3("FMINNM_vec", "0", "1", "11000"), v3("FMLS_vec", "0", "1", "11001"), v3("FSUB_vec", "0", "1", "11010"),
  v3("FMIN_vec", "0", "1", "11110"), v3("FRSQRTS_vec", "0", "1", "11111"),
  v3("FMAXNMP_vec", "1", "0", "11000"), v3("FADDP_vec", "1", "0", "11010"), v3("FMUL_vec", "1", "0", "11011"),
  v3("FCMGE_vec", "1", "0", "11100"), v3("FACGE_vec", "1", "0", "11101"), v3("FMAXP_vec", "1", "0", "11110"),
  v3("FDIV_vec", "1", "0", "11111"),
  v3("FMINNMP_vec", "1", "1", "11000"), v3("FABD_vec", "1", "1", "11010"), v3("FCMGT_vec", "1", "1", "11100"),
  v3("FACGT_vec", "1", "1", "11101"), v3("FMINP_vec", "1", "1", "11110"),
  s3("FMULX_s", "0", "0", "11011"), s3("FCMEQ_s", "0", "0", "11100"), s3("FRECPS_s", "0", "0", "11111"),
  s3("FRSQRTS_s", "0", "1", "11111"),
  s3("FCMGE_s", "1", "0", "11100"), s3("FACGE_s", "1", "0", "11101"),
  s3("FABD_s", "1", "1", "11010"), s3("FCMGT_s", "1", "1", "11100"), s3("FACGT_s", "1", "1", "11101"),
];

const v2 = (name: string, u: string, a: string, op: string): Row =>
  row(name, `0 q ${u} 01110 ${a} s 10000 ${op} 10 nnnnn ddddd`);
const s2 = (name: string, u: string, a: string, op: string): Row =>
  row(name, `0 1 ${u} 11110 ${a} s 10000 ${op} 10 nnnnn ddddd`);
/** URECPE/URSQRTE: sz = 1 is reserved. */
const v2s = (name: string, u: string, op: string): Row =>
  row(name, `0 q ${u} 01110 1 0 10000 ${op} 10 nnnnn ddddd`);

/** Two-register misc, FP: vector and scalar forms (U, size<1>, opcode). */
export const a64SimdFpMisc: Row[] = [
  v2("FRINTN_vec", "0", "0", "11000"), v2("FRINTM_vec", "0", "0", "11001"), v2("FCVTNS_vec", "0", "0", "11010"),
  v2("FCVTMS_vec", "0", "0", "11011"), v2("FCVTAS_vec", "0", "0", "11100"), v2("SCVTF_vec", "0", "0", "11101"),
  v2("FCMGT_zero_vec", "0", "1", "01100"), v2("FCMEQ_zero_vec", "0", "1", "01101"), v2("FCMLT_zero_vec", "0", "1", "01110"),
  v2("FABS_vec", "0", "1", "01111"), v2("FRINTP_vec", "0", "1", "11000"), v2("FRINTZ_vec", "0", "1", "11001"),
  v2("FCVTPS_vec", "0", "1", "11010"), v2("FCVTZS_vec", "0", "1", "11011"), v2("FRECPE_vec", "0", "1", "11101"),
  v2("FRINTA_vec", "1", "0", "11000"), v2("FRINTX_vec", "1", "0", "11001"), v2("FCVTNU_vec", "1", "0", "11010"),
  v2("FCVTMU_vec", "1", "0", "11011"), v2("FCVTAU_vec", "1", "0", "11100"), v2("UCVTF_vec", "1", "0", "11101"),
  v2("FCMGE_zero_vec", "1", "1", "01100"), v2("FCMLE_zero_vec", "1", "1", "01101"), v2("FNEG_vec", "1", "1", "01111"),
  v2("FRINTI_vec", "1", "1", "11001"), v2("FCVTPU_vec", "1", "1", "11010"), v2("FCVTZU_vec", "1", "1", "11011"),
  v2("FRSQRTE_vec", "1", "1", "11101"), v2("FSQRT_vec", "1", "1", "11111"),
  v2s("URECPE_vec", "0", "11100"), v2s("URSQRTE_vec", "1", "11100"),
  s2("FCVTNS_s", "0", "0", "11010"), s2("FCVTMS_s", "0", "0", "11011"), s2("FCVTAS_s", "0", "0", "11100"),
  s2("SCVTF_s", "0", "0", "11101"),
  s2("FCMGT_zero_s", "0", "1", "01100"), s2("FCMEQ_zero_s", "0", "1", "01101"), s2("FCMLT_zero_s", "0", "1", "01110"),
  s2("FCVTPS_s", "0", "1", "11010"), s2("FCVTZS_s", "0", "1", "11011"), s2("FRECPE_s", "0", "1", "11101"),
  s2("FRECPX_s", "0", "1", "11111"),
  s2("FCVTNU_s", "1", "0", "11010"), s2("FCVTMU_s", "1", "0", "11011"), s2("FCVTAU_s", "1", "0", "11100"),
  s2("UCVTF_s", "1", "0", "11101"),
  s2("FCMGE_zero_s", "1", "1", "01100"), s2("FCMLE_zero_s", "1", "1", "01101"),
  s2("FCVTPU_s", "1", "1", "11010"), s2("FCVTZU_s", "1", "1", "11011"), s2("FRSQRTE_s", "1", "1", "11101"),
];

/** Shift by immediate, FP conversions with fbits (h immh, b immb; single immh 01xx, double 1xxx). */
export const a64SimdFpFixed: Row[] = [
  row("SCVTF_fixed_vec_32", "0 q 0 011110 01hh bbb 11100 1 nnnnn ddddd"), row("SCVTF_fixed_vec_64", "0 q 0 011110 1hhh bbb 11100 1 nnnnn ddddd"),
  row("UCVTF_fixed_vec_32", "0 q 1 011110 01hh bbb 11100 1 nnnnn ddddd"), row("UCVTF_fixed_vec_64", "0 q 1 011110 1hhh bbb 11100 1 nnnnn ddddd"),
  row("FCVTZS_fixed_vec_32", "0 q 0 011110 01hh bbb 11111 1 nnnnn ddddd"), row("FCVTZS_fixed_vec_64", "0 q 0 011110 1hhh bbb 11111 1 nnnnn ddddd"),
  row("FCVTZU_fixed_vec_32", "0 q 1 011110 01hh bbb 11111 1 nnnnn ddddd"), row("FCVTZU_fixed_vec_64", "0 q 1 011110 1hhh bbb 11111 1 nnnnn ddddd"),
  row("SCVTF_fixed_s_32", "0 1 0 111110 01hh bbb 11100 1 nnnnn ddddd"), row("SCVTF_fixed_s_64", "0 1 0 111110 1hhh bbb 11100 1 nnnnn ddddd"),
  row("UCVTF_fixed_s_32", "0 1 1 111110 01hh bbb 11100 1 nnnnn ddddd"), row("UCVTF_fixed_s_64", "0 1 1 111110 1hhh bbb 11100 1 nnnnn ddddd"),
  row("FCVTZS_fixed_s_32", "0 1 0 111110 01hh bbb 11111 1 nnnnn ddddd"), row("FCVTZS_fixed_s_64", "0 1 0 111110 1hhh bbb 11111 1 nnnnn ddddd"),
  row("FCVTZU_fixed_s_32", "0 1 1 111110 01hh bbb 11111 1 nnnnn ddddd"), row("FCVTZU_fixed_s_64", "0 1 1 111110 1hhh bbb 11111 1 nnnnn ddddd"),
];

/** Across lanes (.4S only: Q = 1, sz = 0) and scalar pairwise (a = size<1>, s = sz). */
export const a64SimdFpReduce: Row[] = [
  row("FMAXNMV", "0 1 1 01110 0 0 11000 01100 10 nnnnn ddddd"),
  row("FMAXV", "0 1 1 01110 0 0 11000 01111 10 nnnnn ddddd"),
  row("FMINNMV", "0 1 1 01110 1 0 11000 01100 10 nnnnn ddddd"),
  row("FMINV", "0 1 1 01110 1 0 11000 01111 10 nnnnn ddddd"),
  row("FMAXNMP_s", "0 1 1 11110 0 s 11000 01100 10 nnnnn ddddd"),
  row("FADDP_s", "0 1 1 11110 0 s 11000 01101 10 nnnnn ddddd"),
  row("FMAXP_s", "0 1 1 11110 0 s 11000 01111 10 nnnnn ddddd"),
  row("FMINNMP_s", "0 1 1 11110 1 s 11000 01100 10 nnnnn ddddd"),
  row("FMINP_s", "0 1 1 11110 1 s 11000 01111 10 nnnnn ddddd"),
];

/** Multiply by element (size 1s: single or double; l L, h H, m M:Rm). */
export const a64SimdFpElem: Row[] = [
  row("FMLA_elem_vec", "0 q 0 01111 1s l mmmmm 0001 h 0 nnnnn ddddd"),
  row("FMLS_elem_vec", "0 q 0 01111 1s l mmmmm 0101 h 0 nnnnn ddddd"),
  row("FMUL_elem_vec", "0 q 0 01111 1s l mmmmm 1001 h 0 nnnnn ddddd"),
  row("FMULX_elem_vec", "0 q 1 01111 1s l mmmmm 1001 h 0 nnnnn ddddd"),
  row("FMLA_elem_s", "0 1 0 11111 1s l mmmmm 0001 h 0 nnnnn ddddd"),
  row("FMLS_elem_s", "0 1 0 11111 1s l mmmmm 0101 h 0 nnnnn ddddd"),
  row("FMUL_elem_s", "0 1 0 11111 1s l mmmmm 1001 h 0 nnnnn ddddd"),
  row("FMULX_elem_s", "0 1 1 11111 1s l mmmmm 1001 h 0 nnnnn ddddd"),
];

/** Precision conversions (s = sz: 0 half<->single, 1 single<->double; FCVTXN only sz = 1). */
export const a64SimdFpCvt: Row[] = [
  row("FCVTN", "0 q 0 01110 0 s 10000 10110 10 nnnnn ddddd"),
  row("FCVTL", "0 q 0 01110 0 s 10000 10111 10 nnnnn ddddd"),
  row("FCVTXN_vec", "0 q 1 01110 0 1 10000 10110 10 nnnnn ddddd"),
  row("FCVTXN_s", "0 1 1 11110 0 1 10000 10110 10 nnnnn ddddd"),
];
