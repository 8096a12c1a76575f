// Advanced SIMD integer data processing (A32 encodings 1111 001U ...; T32 words are rewritten
// to these). Fixed bits follow QEMU 7.2's neon-dp.decode; the handlers return false (UNDEFINED)
// for the size / register-number combinations QEMU rejects. Float forms, two-register misc,
// VEXT/VTBL/VDUP and the loads/stores are in a32-neon-other.ts.
import { row, group, type Row } from "../formats";

const S = { since: "NEON" };

/**
 * Three-registers-of-different-lengths and by-scalar rows have a size field in bits 21..20
 * whose value 11 belongs to other encodings (VEXT, VTBL, VDUP, two-register misc). Each such
 * instruction is two rows: size 0x (`name`) and size 10 (`name_sz2`); "zz" marks the field.
 */
function noSize3(name: string, pattern: string): Row[] {
  return [
    row(name, pattern.replace("zz", "0s"), S),
    row(name + "_sz2", pattern.replace("zz", "10"), S),
  ];
}

export const a32NeonInt: Row[] = [
  // ---- three registers of the same length: 1111 001U 0D ss nnnn dddd oooo NQMo mmmm ----
  row("VHADD", "1111 001U 0Dss nnnn dddd 0000 NQM0 mmmm", S),
  row("VQADD", "1111 001U 0Dss nnnn dddd 0000 NQM1 mmmm", S),
  row("VRHADD", "1111 001U 0Dss nnnn dddd 0001 NQM0 mmmm", S),
  row("VAND", "1111 0010 0D00 nnnn dddd 0001 NQM1 mmmm", S),
  row("VBIC_reg", "1111 0010 0D01 nnnn dddd 0001 NQM1 mmmm", S),
  row("VORR_reg", "1111 0010 0D10 nnnn dddd 0001 NQM1 mmmm", S),
  row("VORN", "1111 0010 0D11 nnnn dddd 0001 NQM1 mmmm", S),
  row("VEOR", "1111 0011 0D00 nnnn dddd 0001 NQM1 mmmm", S),
  row("VBSL", "1111 0011 0D01 nnnn dddd 0001 NQM1 mmmm", S),
  row("VBIT", "1111 0011 0D10 nnnn dddd 0001 NQM1 mmmm", S),
  row("VBIF", "1111 0011 0D11 nnnn dddd 0001 NQM1 mmmm", S),
  row("VHSUB", "1111 001U 0Dss nnnn dddd 0010 NQM0 mmmm", S),
  row("VQSUB", "1111 001U 0Dss nnnn dddd 0010 NQM1 mmmm", S),
  row("VCGT_reg", "1111 001U 0Dss nnnn dddd 0011 NQM0 mmmm", S),
  row("VCGE_reg", "1111 001U 0Dss nnnn dddd 0011 NQM1 mmmm", S),
  // register shifts: the element is Vm, the shift amount comes from Vn
  row("VSHL_reg", "1111 001U 0Dss nnnn dddd 0100 NQM0 mmmm", S),
  row("VQSHL_reg", "1111 001U 0Dss nnnn dddd 0100 NQM1 mmmm", S),
  row("VRSHL", "1111 001U 0Dss nnnn dddd 0101 NQM0 mmmm", S),
  row("VQRSHL", "1111 001U 0Dss nnnn dddd 0101 NQM1 mmmm", S),
  row("VMAX", "1111 001U 0Dss nnnn dddd 0110 NQM0 mmmm", S),
  row("VMIN", "1111 001U 0Dss nnnn dddd 0110 NQM1 mmmm", S),
  row("VABD", "1111 001U 0Dss nnnn dddd 0111 NQM0 mmmm", S),
  row("VABA", "1111 001U 0Dss nnnn dddd 0111 NQM1 mmmm", S),
  row("VADD", "1111 0010 0Dss nnnn dddd 1000 NQM0 mmmm", S),
  row("VSUB", "1111 0011 0Dss nnnn dddd 1000 NQM0 mmmm", S),
  row("VTST", "1111 0010 0Dss nnnn dddd 1000 NQM1 mmmm", S),
  row("VCEQ_reg", "1111 0011 0Dss nnnn dddd 1000 NQM1 mmmm", S),
  row("VMLA", "1111 0010 0Dss nnnn dddd 1001 NQM0 mmmm", S),
  row("VMLS", "1111 0011 0Dss nnnn dddd 1001 NQM0 mmmm", S),
  row("VMUL", "1111 0010 0Dss nnnn dddd 1001 NQM1 mmmm", S),
  row("VMUL_poly", "1111 0011 0Dss nnnn dddd 1001 NQM1 mmmm", S),
  // pairwise forms exist only as D operations (Q = 1 is UNDEFINED, as in QEMU's pattern)
  row("VPMAX", "1111 001U 0Dss nnnn dddd 1010 N0M0 mmmm", S),
  row("VPMIN", "1111 001U 0Dss nnnn dddd 1010 N0M1 mmmm", S),
  row("VQDMULH", "1111 0010 0Dss nnnn dddd 1011 NQM0 mmmm", S),
  row("VQRDMULH", "1111 0011 0Dss nnnn dddd 1011 NQM0 mmmm", S),
  row("VPADD", "1111 0010 0Dss nnnn dddd 1011 N0M1 mmmm", S),

  // ---- one register and a modified immediate, then two registers and a shift amount ----
  // The shift rows leave L:imm6 free; L = 0 with imm6 = 000xxx is the modified-immediate
  // space, so Vimm_1r comes first in the group and takes it.
  ...group("neon-shift-imm", [
    row("Vimm_1r", "1111 001i 1D00 0iii dddd cccc 0Qo1 iiii", S),
    row("VSHR", "1111 001U 1Dii iiii dddd 0000 LQM1 mmmm", S),
    row("VSRA", "1111 001U 1Dii iiii dddd 0001 LQM1 mmmm", S),
    row("VRSHR", "1111 001U 1Dii iiii dddd 0010 LQM1 mmmm", S),
    row("VRSRA", "1111 001U 1Dii iiii dddd 0011 LQM1 mmmm", S),
    row("VSRI", "1111 0011 1Dii iiii dddd 0100 LQM1 mmmm", S),
    row("VSHL_imm", "1111 0010 1Dii iiii dddd 0101 LQM1 mmmm", S),
    row("VSLI", "1111 0011 1Dii iiii dddd 0101 LQM1 mmmm", S),
    row("VQSHLU_imm", "1111 0011 1Dii iiii dddd 0110 LQM1 mmmm", S),
    row("VQSHL_imm", "1111 001U 1Dii iiii dddd 0111 LQM1 mmmm", S),
    // narrowing (R = bit 6 selects the rounding form) and lengthening: L must be 0
    row("VSHRN", "1111 0010 1Dii iiii dddd 1000 0RM1 mmmm", S),
    row("VQSHRUN", "1111 0011 1Dii iiii dddd 1000 0RM1 mmmm", S),
    row("VQSHRN", "1111 001U 1Dii iiii dddd 1001 0RM1 mmmm", S),
    row("VSHLL_imm", "1111 001U 1Dii iiii dddd 1010 00M1 mmmm", S),
  ]),

  // ---- three registers of different lengths: 1111 001U 1D zz nnnn dddd oooo N0M0 mmmm ----
  ...noSize3("VADDL", "1111 001U 1Dzz nnnn dddd 0000 N0M0 mmmm"),
  ...noSize3("VADDW", "1111 001U 1Dzz nnnn dddd 0001 N0M0 mmmm"),
  ...noSize3("VSUBL", "1111 001U 1Dzz nnnn dddd 0010 N0M0 mmmm"),
  ...noSize3("VSUBW", "1111 001U 1Dzz nnnn dddd 0011 N0M0 mmmm"),
  ...noSize3("VADDHN", "1111 001R 1Dzz nnnn dddd 0100 N0M0 mmmm"),
  ...noSize3("VABAL", "1111 001U 1Dzz nnnn dddd 0101 N0M0 mmmm"),
  ...noSize3("VSUBHN", "1111 001R 1Dzz nnnn dddd 0110 N0M0 mmmm"),
  ...noSize3("VABDL", "1111 001U 1Dzz nnnn dddd 0111 N0M0 mmmm"),
  ...noSize3("VMLAL", "1111 001U 1Dzz nnnn dddd 1000 N0M0 mmmm"),
  ...noSize3("VQDMLAL", "1111 0010 1Dzz nnnn dddd 1001 N0M0 mmmm"),
  ...noSize3("VMLSL", "1111 001U 1Dzz nnnn dddd 1010 N0M0 mmmm"),
  ...noSize3("VQDMLSL", "1111 0010 1Dzz nnnn dddd 1011 N0M0 mmmm"),
  ...noSize3("VMULL", "1111 001U 1Dzz nnnn dddd 1100 N0M0 mmmm"),
  ...noSize3("VQDMULL", "1111 0010 1Dzz nnnn dddd 1101 N0M0 mmmm"),
  ...noSize3("VMULL_poly", "1111 0010 1Dzz nnnn dddd 1110 N0M0 mmmm"),

  // ---- two registers and a scalar (integer): 1111 001Q 1D zz nnnn dddd oooo N1M0 mmmm ----
  ...noSize3("VMLA_scalar", "1111 001Q 1Dzz nnnn dddd 0000 N1M0 mmmm"),
  ...noSize3("VMLAL_scalar", "1111 001U 1Dzz nnnn dddd 0010 N1M0 mmmm"),
  ...noSize3("VQDMLAL_scalar", "1111 0010 1Dzz nnnn dddd 0011 N1M0 mmmm"),
  ...noSize3("VMLS_scalar", "1111 001Q 1Dzz nnnn dddd 0100 N1M0 mmmm"),
  ...noSize3("VMLSL_scalar", "1111 001U 1Dzz nnnn dddd 0110 N1M0 mmmm"),
  ...noSize3("VQDMLSL_scalar", "1111 0010 1Dzz nnnn dddd 0111 N1M0 mmmm"),
  ...noSize3("VMUL_scalar", "1111 001Q 1Dzz nnnn dddd 1000 N1M0 mmmm"),
  ...noSize3("VMULL_scalar", "1111 001U 1Dzz nnnn dddd 1010 N1M0 mmmm"),
  ...noSize3("VQDMULL_scalar", "1111 0010 1Dzz nnnn dddd 1011 N1M0 mmmm"),
  ...noSize3("VQDMULH_scalar", "1111 001Q 1Dzz nnnn dddd 1100 N1M0 mmmm"),
  ...noSize3("VQRDMULH_scalar", "1111 001Q 1Dzz nnnn dddd 1101 N1M0 mmmm"),
];
