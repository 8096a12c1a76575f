// A64 Advanced SIMD integer and data movement (ARM ARM C4.1.96, the AdvSIMD groups).
// Field letters: q Q (128-bit), i imm5 / imm8 pieces, j imm4, c cmode, o op, z size,
// l table length, x op (TBX), p permute opcode, m Rm, n Rn, r Rd.
// Size/Q combinations QEMU 7.2 treats as unallocated match a row but UNDEF in the handler.
import { row, group, type Row } from "../formats";

/** AdvSIMD copy: DUP (element, general), SMOV, UMOV, INS (general, element). */
export const a64SimdCopy: Row[] = [
  row("DUP_element", "0 q 0 01110000 iiiii 0 0000 1 nnnnn rrrrr"),
  row("DUP_general", "0 q 0 01110000 iiiii 0 0001 1 nnnnn rrrrr"),
  row("INS_general", "0 1 0 01110000 iiiii 0 0011 1 nnnnn rrrrr"),
  row("SMOV", "0 q 0 01110000 iiiii 0 0101 1 nnnnn rrrrr"),
  row("UMOV", "0 q 0 01110000 iiiii 0 0111 1 nnnnn rrrrr"),
  row("INS_element", "0 1 1 01110000 iiiii 0 jjjj 1 nnnnn rrrrr"),
  row("DUP_scalar", "0 1 0 11110000 iiiii 0 0000 1 nnnnn rrrrr"),
];

/**
 * AdvSIMD modified immediate (o2 = 0; o2 = 1 is FP16's FMOV, absent on the A57). It is the
 * immh = 0000 corner of the shift-by-immediate space: both sit in the group "simd-imm".
 */
export const a64SimdModImm: Row[] = group("simd-imm", [
  row("MOD_IMM", "0 q o 0111100000 iii cccc 0 1 iiiii rrrrr"),
]);

/** EXT, ZIP/UZP/TRN, TBL/TBX. */
export const a64SimdPermute: Row[] = [
  row("EXT", "0 q 101110 00 0 mmmmm 0 jjjj 0 nnnnn rrrrr"),
  row("PERMUTE", "0 q 001110 zz 0 mmmmm 0 ppp 10 nnnnn rrrrr"),
  row("TBL_TBX", "0 q 001110 00 0 mmmmm 0 ll x 00 nnnnn rrrrr"),
];

/** AdvSIMD three same, the bitwise forms (opcode 00011). */
export const a64SimdLogic: Row[] = [
  row("LOGIC3", "0 q o 01110 zz 1 mmmmm 00011 1 nnnnn rrrrr"),
];

/**
 * AdvSIMD load/store multiple structures (LD1-LD4/ST1-ST4) and single structure (one lane or
 * replicate: LD1R-LD4R), without and with post-index (Rm = 31: by the transfer size).
 * l load, o opcode, s S, r R, t Rt.
 */
export const a64SimdLdSt: Row[] = [
  row("LDST_multiple", "0 q 0011000 l 000000 oooo zz nnnnn ttttt"),
  row("LDST_multiple_post", "0 q 0011001 l 0 mmmmm oooo zz nnnnn ttttt"),
  row("LDST_single", "0 q 0011010 l r 00000 ooo s zz nnnnn ttttt"),
  row("LDST_single_post", "0 q 0011011 l r mmmmm ooo s zz nnnnn ttttt"),
];

/**
 * AdvSIMD three same, integer (opcodes 0x00..0x17 but 0x03, the bitwise forms), vector and
 * scalar. The opcode ranges are split over rows to leave 0x03 to a64SimdLogic.
 */
export const a64Simd3Same: Row[] = [
  row("SAME3_0", "0 q u 01110 zz 1 mmmmm 0000o 1 nnnnn rrrrr"),
  row("SAME3_2", "0 q u 01110 zz 1 mmmmm 00010 1 nnnnn rrrrr"),
  row("SAME3_4", "0 q u 01110 zz 1 mmmmm 001oo 1 nnnnn rrrrr"),
  row("SAME3_8", "0 q u 01110 zz 1 mmmmm 01ooo 1 nnnnn rrrrr"),
  row("SAME3_16", "0 q u 01110 zz 1 mmmmm 10ooo 1 nnnnn rrrrr"),
  row("SCALAR3_0", "0 1 u 11110 zz 1 mmmmm 0000o 1 nnnnn rrrrr"),
  row("SCALAR3_2", "0 1 u 11110 zz 1 mmmmm 00010 1 nnnnn rrrrr"),
  row("SCALAR3_4", "0 1 u 11110 zz 1 mmmmm 001oo 1 nnnnn rrrrr"),
  row("SCALAR3_8", "0 1 u 11110 zz 1 mmmmm 01ooo 1 nnnnn rrrrr"),
  row("SCALAR3_16", "0 1 u 11110 zz 1 mmmmm 10ooo 1 nnnnn rrrrr"),
];

/** AdvSIMD two-register miscellaneous, the integer opcodes (0x00..0x0b, 0x12..0x14). */
export const a64Simd2Misc: Row[] = [
  row("MISC2_0", "0 q u 01110 zz 10000 00ooo 10 nnnnn rrrrr"),
  row("MISC2_8", "0 q u 01110 zz 10000 010oo 10 nnnnn rrrrr"),
  row("MISC2_18", "0 q u 01110 zz 10000 1001o 10 nnnnn rrrrr"),
  row("MISC2_20", "0 q u 01110 zz 10000 10100 10 nnnnn rrrrr"),
];

/** AdvSIMD scalar two-register misc (integer) and scalar pairwise ADDP. */
export const a64SimdScalarMisc: Row[] = [
  row("SCALAR_MISC2_3", "0 1 u 11110 zz 10000 00011 10 nnnnn rrrrr"),
  row("SCALAR_MISC2_7", "0 1 u 11110 zz 10000 00111 10 nnnnn rrrrr"),
  row("SCALAR_MISC2_8", "0 1 u 11110 zz 10000 010oo 10 nnnnn rrrrr"),
  row("SCALAR_MISC2_18", "0 1 u 11110 zz 10000 10010 10 nnnnn rrrrr"),
  row("SCALAR_MISC2_20", "0 1 u 11110 zz 10000 10100 10 nnnnn rrrrr"),
  row("ADDP_scalar", "0 1 0 11110 zz 11000 11011 10 nnnnn rrrrr"),
];

/** AdvSIMD across lanes, integer: SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV, ADDV. */
export const a64SimdAcross: Row[] = [
  row("ADDLV", "0 q u 01110 zz 11000 00011 10 nnnnn rrrrr"),
  row("MAXV", "0 q u 01110 zz 11000 01010 10 nnnnn rrrrr"),
  row("MINV", "0 q u 01110 zz 11000 11010 10 nnnnn rrrrr"),
  row("ADDV", "0 q 0 01110 zz 11000 11011 10 nnnnn rrrrr"),
];

/**
 * AdvSIMD shift by immediate, vector and scalar (immh != 0: MOD_IMM takes immh = 0 first).
 * Integer opcodes: 0x00..0x0e even (right shifts, SRI, SHL/SLI, SQSHLU, SQSHL/UQSHL),
 * 0x10..0x13 (narrowing), 0x14 (SSHLL/USHLL); 0x1c and 0x1f are the FP conversions.
 */
export const a64SimdShiftImm: Row[] = group("simd-imm", [
  row("SHIFT_IMM", "0 q u 011110 hhhh bbb 0ooo0 1 nnnnn rrrrr"),
  row("SHIFT_IMM_narrow", "0 q u 011110 hhhh bbb 100oo 1 nnnnn rrrrr"),
  row("SHIFT_IMM_long", "0 q u 011110 hhhh bbb 10100 1 nnnnn rrrrr"),
  row("SCALAR_SHIFT_IMM", "0 1 u 111110 hhhh bbb 0ooo0 1 nnnnn rrrrr"),
  row("SCALAR_SHIFT_IMM_narrow", "0 1 u 111110 hhhh bbb 100oo 1 nnnnn rrrrr"),
]);

/** AdvSIMD three different: opcodes 0..13 (14 is PMULL, with the crypto rows; 15 unallocated). */
export const a64Simd3Diff: Row[] = [
  row("DIFF3_0", "0 q u 01110 zz 1 mmmmm 0ooo 00 nnnnn rrrrr"),
  row("DIFF3_8", "0 q u 01110 zz 1 mmmmm 10oo 00 nnnnn rrrrr"),
  row("DIFF3_12", "0 q u 01110 zz 1 mmmmm 110o 00 nnnnn rrrrr"),
  // scalar SQDMLAL (1001), SQDMLSL (1011), SQDMULL (1101)
  row("SCALAR_DIFF3", "0 1 u 11110 zz 1 mmmmm 1oo1 00 nnnnn rrrrr"),
];

/**
 * AdvSIMD vector x indexed element, integer opcodes (MLA 0000 / MLS 0100 with U = 1, the long
 * forms 0010, 0011, 0110, 0111, 1010, 1011, MUL 1000, SQDMULH 1100, SQRDMULH 1101); the FP
 * opcodes (0001, 0101, 1001) are the FP rows. Also the scalar forms.
 */
export const a64SimdElem: Row[] = [
  row("ELEM_0", "0 q u 01111 zz l m mmmm 0o00 h 0 nnnnn rrrrr"),
  row("ELEM_2", "0 q u 01111 zz l m mmmm 0o1o h 0 nnnnn rrrrr"),
  row("ELEM_8", "0 q u 01111 zz l m mmmm 10o0 h 0 nnnnn rrrrr"),
  row("ELEM_11", "0 q u 01111 zz l m mmmm 1011 h 0 nnnnn rrrrr"),
  row("ELEM_12", "0 q u 01111 zz l m mmmm 110o h 0 nnnnn rrrrr"),
  row("SCALAR_ELEM_3", "0 1 u 11111 zz l m mmmm 0o11 h 0 nnnnn rrrrr"),
  row("SCALAR_ELEM_11", "0 1 u 11111 zz l m mmmm 1011 h 0 nnnnn rrrrr"),
  row("SCALAR_ELEM_12", "0 1 u 11111 zz l m mmmm 110o h 0 nnnnn rrrrr"),
];
