// Advanced SIMD: two-register misc, permutes, tables, float, element and structure
// loads/stores (A32 encodings; T32 words are rewritten to these). Fixed bits follow QEMU 7.2's
// neon-dp.decode / neon-ls.decode; the handlers return false (UNDEFINED) for the size and
// register combinations QEMU rejects. v8-only encodings (VRINT, VCVTA.., AES, SHA, VMAXNM,
// half-precision arithmetic) have no row: UNDEFINED on the Cortex-A15.
import { row, type Row } from "../formats";

const S = { since: "NEON" };

/** Two registers misc: 1111 0011 1D11 ss AA dddd 0 oooo QM0 mmmm (op = bits 10..7). */
function misc(name: string, a: string, op: string, q = "Q"): Row {
  return row(name, `1111 0011 1D11 ss${a} dddd 0${op.slice(0, 3)} ${op[3]}${q}M0 mmmm`, S);
}

/** Float three-same: 1111 001U 0D o0 nnnn dddd oooo NQMo mmmm (sz = bit 20 must be 0: f32). */
function fp3(name: string, u: string, op: string, opc: string, bit4: string, q = "Q"): Row {
  return row(name, `1111 001${u} 0D${op}0 nnnn dddd ${opc} N${q}M${bit4} mmmm`, S);
}

export const a32NeonOther: Row[] = [
  // ---- two registers misc, A = 00 ----
  misc("VREV64", "00", "0000"),
  misc("VREV32", "00", "0001"),
  misc("VREV16", "00", "0010"),
  misc("VPADDL", "00", "010U"),
  misc("VCLS", "00", "1000"),
  misc("VCLZ", "00", "1001"),
  misc("VCNT", "00", "1010"),
  misc("VMVN_reg", "00", "1011"),
  misc("VPADAL", "00", "110U"),
  misc("VQABS", "00", "1110"),
  misc("VQNEG", "00", "1111"),
  // ---- A = 01: compares with zero, VABS, VNEG (F = bit 10: float) ----
  misc("VCGT_zero", "01", "F000"),
  misc("VCGE_zero", "01", "F001"),
  misc("VCEQ_zero", "01", "F010"),
  misc("VCLE_zero", "01", "F011"),
  misc("VCLT_zero", "01", "F100"),
  misc("VABS", "01", "F110"),
  misc("VNEG", "01", "F111"),
  // ---- A = 10: permutes, narrowing, VSHLL (maximum shift), half-precision conversions ----
  misc("VSWP", "10", "0000"),
  misc("VTRN", "10", "0001"),
  misc("VUZP", "10", "0010"),
  misc("VZIP", "10", "0011"),
  misc("VMOVN", "10", "0100"), // bit 6: 0 VMOVN, 1 VQMOVUN
  misc("VQMOVN", "10", "0101"), // bit 6: 0 signed, 1 unsigned
  misc("VSHLL_max", "10", "0110", "0"),
  misc("VCVT_f16_f32", "10", "1100", "0"),
  misc("VCVT_f32_f16", "10", "1110", "0"),
  // ---- A = 11: estimates and float <-> integer conversions ----
  misc("VRECPE", "11", "10F0"),
  misc("VRSQRTE", "11", "10F1"),
  misc("VCVT_fi", "11", "11oo"),

  // ---- VEXT, VTBL/VTBX, VDUP (scalar) ----
  row("VEXT", "1111 0010 1D11 nnnn dddd iiii NQM0 mmmm", S),
  row("VTBL", "1111 0011 1D11 nnnn dddd 10ll NoM0 mmmm", S),
  row("VDUP_scalar", "1111 0011 1D11 iiii dddd 1100 0QM0 mmmm", S),

  // ---- float three registers of the same length (.F32) ----
  fp3("VFMA_fp", "0", "0", "1100", "1", "Q"),
  fp3("VFMS_fp", "0", "1", "1100", "1", "Q"),
  fp3("VADD_fp", "0", "0", "1101", "0"),
  fp3("VSUB_fp", "0", "1", "1101", "0"),
  fp3("VPADD_fp", "1", "0", "1101", "0", "0"),
  fp3("VABD_fp", "1", "1", "1101", "0"),
  fp3("VMLA_fp", "0", "0", "1101", "1"),
  fp3("VMLS_fp", "0", "1", "1101", "1"),
  fp3("VMUL_fp", "1", "0", "1101", "1"),
  fp3("VCEQ_fp", "0", "0", "1110", "0"),
  fp3("VCGE_fp", "1", "0", "1110", "0"),
  fp3("VCGT_fp", "1", "1", "1110", "0"),
  fp3("VACGE_fp", "1", "0", "1110", "1"),
  fp3("VACGT_fp", "1", "1", "1110", "1"),
  fp3("VMAX_fp", "0", "0", "1111", "0"),
  fp3("VMIN_fp", "0", "1", "1111", "0"),
  fp3("VPMAX_fp", "1", "0", "1111", "0", "0"),
  fp3("VPMIN_fp", "1", "1", "1111", "0", "0"),
  fp3("VRECPS_fp", "0", "0", "1111", "1"),
  fp3("VRSQRTS_fp", "0", "1", "1111", "1"),

  // ---- float by scalar (.F32 only: size 10): 1111 001Q 1D10 nnnn dddd oo01 N1M0 mmmm ----
  row("VMLA_F_scalar", "1111 001Q 1D10 nnnn dddd 0001 N1M0 mmmm", S),
  row("VMLS_F_scalar", "1111 001Q 1D10 nnnn dddd 0101 N1M0 mmmm", S),
  row("VMUL_F_scalar", "1111 001Q 1D10 nnnn dddd 1001 N1M0 mmmm", S),

  // ---- VCVT between fixed point and float (two registers and a shift, imm6 = 1xxxxx) ----
  row("VCVT_fixed", "1111 001U 1D1i iiii dddd 111o 0QM1 mmmm", S),

  // ---- element and structure loads/stores ----
  row("VLDST_multiple", "1111 0100 0DL0 nnnn dddd tttt ssaa mmmm", S),
  row("VLD_all_lanes", "1111 0100 1D10 nnnn dddd 11nn sstA mmmm", S),
  row("VLDST_single", "1111 0100 1DL0 nnnn dddd 00nn iiii mmmm", S),
  row("VLDST_single_16", "1111 0100 1DL0 nnnn dddd 01nn iiii mmmm", S),
  row("VLDST_single_32", "1111 0100 1DL0 nnnn dddd 10nn iiii mmmm", S),
];
