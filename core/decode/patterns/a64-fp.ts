// A64 scalar floating-point (ARM ARM C4.1.96 "Data Processing -- Scalar Floating-Point and
// Advanced SIMD", the scalar FP groups; ARMv8.0, no FP16 arithmetic). Every row has M = 0 and
// S = 0; other M/S values and ftype 10/11 (except FCVT's half source) match no row: UNDEFINED.
// Field letters: d ftype bit 22 (double), t ftype, n Rn, m Rm, a Ra, r Rd, i imm8, c cond,
// f nzcv, z compare with #0.0, o direction (1 = general register to FP), s sf, x scale,
// p FCVT's destination type.
import { row, type Row } from "../formats";

/** FMOV: register, immediate, general (W<->S, X<->D, X<->V.D[1]). */
export const a64FpMove: Row[] = [
  row("FMOV_reg", "0 0 0 11110 0d 1 000000 10000 nnnnn rrrrr"),
  row("FMOV_imm", "0 0 0 11110 0d 1 iiiiiiii 100 00000 rrrrr"),
  row("FMOV_general_32", "0 0 0 11110 00 1 00 11o 000000 nnnnn rrrrr"),
  row("FMOV_general_64", "1 0 0 11110 01 1 00 11o 000000 nnnnn rrrrr"),
  row("FMOV_general_top", "1 0 0 11110 10 1 01 11o 000000 nnnnn rrrrr"),
];

/** Data-processing: 1 source (but FMOV and FCVT), 2 source, 3 source (fused). */
export const a64FpArith: Row[] = [
  row("FABS", "0 0 0 11110 0d 1 000001 10000 nnnnn rrrrr"),
  row("FNEG", "0 0 0 11110 0d 1 000010 10000 nnnnn rrrrr"),
  row("FSQRT", "0 0 0 11110 0d 1 000011 10000 nnnnn rrrrr"),
  row("FRINTN", "0 0 0 11110 0d 1 001000 10000 nnnnn rrrrr"),
  row("FRINTP", "0 0 0 11110 0d 1 001001 10000 nnnnn rrrrr"),
  row("FRINTM", "0 0 0 11110 0d 1 001010 10000 nnnnn rrrrr"),
  row("FRINTZ", "0 0 0 11110 0d 1 001011 10000 nnnnn rrrrr"),
  row("FRINTA", "0 0 0 11110 0d 1 001100 10000 nnnnn rrrrr"),
  row("FRINTX", "0 0 0 11110 0d 1 001110 10000 nnnnn rrrrr"),
  row("FRINTI", "0 0 0 11110 0d 1 001111 10000 nnnnn rrrrr"),
  row("FMUL", "0 0 0 11110 0d 1 mmmmm 0000 10 nnnnn rrrrr"),
  row("FDIV", "0 0 0 11110 0d 1 mmmmm 0001 10 nnnnn rrrrr"),
  row("FADD", "0 0 0 11110 0d 1 mmmmm 0010 10 nnnnn rrrrr"),
  row("FSUB", "0 0 0 11110 0d 1 mmmmm 0011 10 nnnnn rrrrr"),
  row("FMAX", "0 0 0 11110 0d 1 mmmmm 0100 10 nnnnn rrrrr"),
  row("FMIN", "0 0 0 11110 0d 1 mmmmm 0101 10 nnnnn rrrrr"),
  row("FMAXNM", "0 0 0 11110 0d 1 mmmmm 0110 10 nnnnn rrrrr"),
  row("FMINNM", "0 0 0 11110 0d 1 mmmmm 0111 10 nnnnn rrrrr"),
  row("FNMUL", "0 0 0 11110 0d 1 mmmmm 1000 10 nnnnn rrrrr"),
  row("FMADD", "0 0 0 11111 0d 0 mmmmm 0 aaaaa nnnnn rrrrr"),
  row("FMSUB", "0 0 0 11111 0d 0 mmmmm 1 aaaaa nnnnn rrrrr"),
  row("FNMADD", "0 0 0 11111 0d 1 mmmmm 0 aaaaa nnnnn rrrrr"),
  row("FNMSUB", "0 0 0 11111 0d 1 mmmmm 1 aaaaa nnnnn rrrrr"),
];

/** FCVT between precisions; conversions between FP and integer or fixed point. */
export const a64FpConvert: Row[] = [
  // ftype 11 (half) is a valid source here; ftype 10, p = ftype and p = 10 UNDEF in the handler.
  row("FCVT", "0 0 0 11110 tt 1 0001 pp 10000 nnnnn rrrrr"),
  row("FCVTNS", "s 0 0 11110 0d 1 00 000 000000 nnnnn rrrrr"),
  row("FCVTNU", "s 0 0 11110 0d 1 00 001 000000 nnnnn rrrrr"),
  row("SCVTF_int", "s 0 0 11110 0d 1 00 010 000000 nnnnn rrrrr"),
  row("UCVTF_int", "s 0 0 11110 0d 1 00 011 000000 nnnnn rrrrr"),
  row("FCVTAS", "s 0 0 11110 0d 1 00 100 000000 nnnnn rrrrr"),
  row("FCVTAU", "s 0 0 11110 0d 1 00 101 000000 nnnnn rrrrr"),
  row("FCVTPS", "s 0 0 11110 0d 1 01 000 000000 nnnnn rrrrr"),
  row("FCVTPU", "s 0 0 11110 0d 1 01 001 000000 nnnnn rrrrr"),
  row("FCVTMS", "s 0 0 11110 0d 1 10 000 000000 nnnnn rrrrr"),
  row("FCVTMU", "s 0 0 11110 0d 1 10 001 000000 nnnnn rrrrr"),
  row("FCVTZS_int", "s 0 0 11110 0d 1 11 000 000000 nnnnn rrrrr"),
  row("FCVTZU_int", "s 0 0 11110 0d 1 11 001 000000 nnnnn rrrrr"),
  // scale < 32 with sf = 0 UNDEFs in the handler.
  row("SCVTF_fix", "s 0 0 11110 0d 0 00 010 xxxxxx nnnnn rrrrr"),
  row("UCVTF_fix", "s 0 0 11110 0d 0 00 011 xxxxxx nnnnn rrrrr"),
  row("FCVTZS_fix", "s 0 0 11110 0d 0 11 000 xxxxxx nnnnn rrrrr"),
  row("FCVTZU_fix", "s 0 0 11110 0d 0 11 001 xxxxxx nnnnn rrrrr"),
];

/** Compare (with register or #0.0), conditional compare, conditional select. */
export const a64FpCompare: Row[] = [
  row("FCMP", "0 0 0 11110 0d 1 mmmmm 00 1000 nnnnn 0z 000"),
  row("FCMPE", "0 0 0 11110 0d 1 mmmmm 00 1000 nnnnn 1z 000"),
  row("FCCMP", "0 0 0 11110 0d 1 mmmmm cccc 01 nnnnn 0 ffff"),
  row("FCCMPE", "0 0 0 11110 0d 1 mmmmm cccc 01 nnnnn 1 ffff"),
  row("FCSEL", "0 0 0 11110 0d 1 mmmmm cccc 11 nnnnn rrrrr"),
];
