// VFPv4 (A32 encodings; T32 VFP words are the same with cond 1110), with QEMU 7.2's
// target/arm/vfp.decode for the fixed bits. Register fields: Vd = bits 15..12 + D (bit 22),
// Vn = bits 19..16 + N (bit 7), Vm = bits 3..0 + M (bit 5); S registers put the extra bit low,
// D registers high. Encodings QEMU does not match, and the half-precision (cp9) arithmetic,
// VRINT*, VJCVT and f16<->f64 conversions (ARMv8, absent on the A15) have no row: UNDEFINED.
// VLDR/VSTR.16 is accepted on the A15 by QEMU 7.2 (checked with qemu-arm), so it has a row.
// VMOV core<->scalar and VDUP (core) live in this space too (QEMU decodes them with VFP).
import { row, type Row } from "../formats";

export const a32Vfp: Row[] = [
  // ---- core <-> extension register transfers ----
  row("VMOV_to_gp_8", "cccc 1110 u1i1 nnnn tttt 1011 Nii1 0000", { since: "NEON" }),
  row("VMOV_to_gp_16", "cccc 1110 u0i1 nnnn tttt 1011 Ni11 0000", { since: "NEON" }),
  row("VMOV_to_gp_32", "cccc 1110 00i1 nnnn tttt 1011 N001 0000"),
  row("VMOV_from_gp_8", "cccc 1110 01i0 nnnn tttt 1011 Nii1 0000", { since: "NEON" }),
  row("VMOV_from_gp_16", "cccc 1110 00i0 nnnn tttt 1011 Ni11 0000", { since: "NEON" }),
  row("VMOV_from_gp_32", "cccc 1110 00i0 nnnn tttt 1011 N001 0000"),
  row("VDUP_gp", "cccc 1110 1bq0 nnnn tttt 1011 N0e1 0000", { since: "NEON" }),
  row("VMSR_VMRS", "cccc 1110 111l rrrr tttt 1010 0001 0000"),
  row("VMOV_single", "cccc 1110 000l nnnn tttt 1010 N001 0000"),
  row("VMOV_64_sp", "cccc 1100 010o uuuu tttt 1010 00M1 mmmm"),
  row("VMOV_64_dp", "cccc 1100 010o uuuu tttt 1011 00M1 mmmm"),

  // ---- loads and stores ----
  row("VLDR_VSTR_hp", "cccc 1101 uD0l nnnn dddd 1001 iiii iiii"),
  row("VLDR_VSTR_sp", "cccc 1101 uD0l nnnn dddd 1010 iiii iiii"),
  row("VLDR_VSTR_dp", "cccc 1101 uD0l nnnn dddd 1011 iiii iiii"),
  // Increment after (P=0 U=1, any W) and decrement before (P=1 U=0 W=1); P=0 U=0 W=0 is the
  // 64-bit VMOV and P=U W=1 is UNDEFINED. The dp form with an odd count is FLDMX/FSTMX.
  row("VLDM_VSTM_ia_sp", "cccc 1100 1Dwl nnnn dddd 1010 iiii iiii"),
  row("VLDM_VSTM_ia_dp", "cccc 1100 1Dwl nnnn dddd 1011 iiii iiii"),
  row("VLDM_VSTM_db_sp", "cccc 1101 0D1l nnnn dddd 1010 iiii iiii"),
  row("VLDM_VSTM_db_dp", "cccc 1101 0D1l nnnn dddd 1011 iiii iiii"),

  // ---- three-register data processing: bits 23, 21:20 and 6 select the operation ----
  row("VMLA_sp", "cccc 1110 0D00 nnnn dddd 1010 N0M0 mmmm"),
  row("VMLA_dp", "cccc 1110 0D00 nnnn dddd 1011 N0M0 mmmm"),
  row("VMLS_sp", "cccc 1110 0D00 nnnn dddd 1010 N1M0 mmmm"),
  row("VMLS_dp", "cccc 1110 0D00 nnnn dddd 1011 N1M0 mmmm"),
  row("VNMLS_sp", "cccc 1110 0D01 nnnn dddd 1010 N0M0 mmmm"),
  row("VNMLS_dp", "cccc 1110 0D01 nnnn dddd 1011 N0M0 mmmm"),
  row("VNMLA_sp", "cccc 1110 0D01 nnnn dddd 1010 N1M0 mmmm"),
  row("VNMLA_dp", "cccc 1110 0D01 nnnn dddd 1011 N1M0 mmmm"),
  row("VMUL_sp", "cccc 1110 0D10 nnnn dddd 1010 N0M0 mmmm"),
  row("VMUL_dp", "cccc 1110 0D10 nnnn dddd 1011 N0M0 mmmm"),
  row("VNMUL_sp", "cccc 1110 0D10 nnnn dddd 1010 N1M0 mmmm"),
  row("VNMUL_dp", "cccc 1110 0D10 nnnn dddd 1011 N1M0 mmmm"),
  row("VADD_sp", "cccc 1110 0D11 nnnn dddd 1010 N0M0 mmmm"),
  row("VADD_dp", "cccc 1110 0D11 nnnn dddd 1011 N0M0 mmmm"),
  row("VSUB_sp", "cccc 1110 0D11 nnnn dddd 1010 N1M0 mmmm"),
  row("VSUB_dp", "cccc 1110 0D11 nnnn dddd 1011 N1M0 mmmm"),
  row("VDIV_sp", "cccc 1110 1D00 nnnn dddd 1010 N0M0 mmmm"),
  row("VDIV_dp", "cccc 1110 1D00 nnnn dddd 1011 N0M0 mmmm"),
  row("VFMA_sp", "cccc 1110 1D10 nnnn dddd 1010 N0M0 mmmm", { since: "VFPv4" }),
  row("VFMA_dp", "cccc 1110 1D10 nnnn dddd 1011 N0M0 mmmm", { since: "VFPv4" }),
  row("VFMS_sp", "cccc 1110 1D10 nnnn dddd 1010 N1M0 mmmm", { since: "VFPv4" }),
  row("VFMS_dp", "cccc 1110 1D10 nnnn dddd 1011 N1M0 mmmm", { since: "VFPv4" }),
  row("VFNMA_sp", "cccc 1110 1D01 nnnn dddd 1010 N0M0 mmmm", { since: "VFPv4" }),
  row("VFNMA_dp", "cccc 1110 1D01 nnnn dddd 1011 N0M0 mmmm", { since: "VFPv4" }),
  row("VFNMS_sp", "cccc 1110 1D01 nnnn dddd 1010 N1M0 mmmm", { since: "VFPv4" }),
  row("VFNMS_dp", "cccc 1110 1D01 nnnn dddd 1011 N1M0 mmmm", { since: "VFPv4" }),

  // ---- the "other" space, 1D11: bits 19..16 and 7 select the operation ----
  row("VMOV_imm_sp", "cccc 1110 1D11 iiii dddd 1010 0000 iiii", { since: "VFPv3" }),
  row("VMOV_imm_dp", "cccc 1110 1D11 iiii dddd 1011 0000 iiii", { since: "VFPv3" }),
  row("VMOV_reg_sp", "cccc 1110 1D11 0000 dddd 1010 01M0 mmmm"),
  row("VMOV_reg_dp", "cccc 1110 1D11 0000 dddd 1011 01M0 mmmm"),
  row("VABS_sp", "cccc 1110 1D11 0000 dddd 1010 11M0 mmmm"),
  row("VABS_dp", "cccc 1110 1D11 0000 dddd 1011 11M0 mmmm"),
  row("VNEG_sp", "cccc 1110 1D11 0001 dddd 1010 01M0 mmmm"),
  row("VNEG_dp", "cccc 1110 1D11 0001 dddd 1011 01M0 mmmm"),
  row("VSQRT_sp", "cccc 1110 1D11 0001 dddd 1010 11M0 mmmm"),
  row("VSQRT_dp", "cccc 1110 1D11 0001 dddd 1011 11M0 mmmm"),
  // z = compare with #0 (Vm must then be 0), e = VCMPE (quiet NaNs raise Invalid Operation).
  row("VCMP_sp", "cccc 1110 1D11 010z dddd 1010 e1M0 mmmm"),
  row("VCMP_dp", "cccc 1110 1D11 010z dddd 1011 e1M0 mmmm"),
  // VCVTB/VCVTT between half and single precision (t = top half).
  row("VCVT_f32_f16", "cccc 1110 1D11 0010 dddd 1010 t1M0 mmmm", { since: "VFPv3HP" }),
  row("VCVT_f16_f32", "cccc 1110 1D11 0011 dddd 1010 t1M0 mmmm", { since: "VFPv3HP" }),
  // Between single and double: VCVT_sp reads an S register and writes a D register.
  row("VCVT_sp", "cccc 1110 1D11 0111 dddd 1010 11M0 mmmm"),
  row("VCVT_dp", "cccc 1110 1D11 0111 dddd 1011 11M0 mmmm"),
  // Integer (in an S register) to floating point; s = signed.
  row("VCVT_int_sp", "cccc 1110 1D11 1000 dddd 1010 s1M0 mmmm"),
  row("VCVT_int_dp", "cccc 1110 1D11 1000 dddd 1011 s1M0 mmmm"),
  // Fixed point in place: o = to fixed, u = unsigned, x = 32-bit (else 16-bit); imm = imm4:i.
  row("VCVT_fix_sp", "cccc 1110 1D11 1o1u dddd 1010 x1i0 iiii", { since: "VFPv3" }),
  row("VCVT_fix_dp", "cccc 1110 1D11 1o1u dddd 1011 x1i0 iiii", { since: "VFPv3" }),
  // Floating point to integer (in an S register); r = round toward zero (else VCVTR: FPSCR mode).
  row("VCVT_sp_int", "cccc 1110 1D11 110s dddd 1010 r1M0 mmmm"),
  row("VCVT_dp_int", "cccc 1110 1D11 110s dddd 1011 r1M0 mmmm"),
];
