// A64 integer data processing (ARM ARM C4.1.66 "Data Processing -- Immediate" and C4.1.68
// "Data Processing -- Register"), ARMv8.0 with CRC32 as on the Cortex-A57. Field constraints a
// pattern cannot state (sf = 0 with a 64-bit-only field value, reserved bitmask immediates,
// imm3 > 4...) are checked by the handlers, which return false (UNDEFINED) as QEMU does.
// Field letters: s sf, d Rd, n Rn, m Rm, a Ra, i immediate, h shift/hw, N N, r immr, x imms,
// t shift type, o option, c cond, f nzcv.
import { row, type Row } from "../formats";

/** PC-relative addressing, add/sub immediate, logical immediate, move wide, bitfield, extract. */
export const a64DpImmediate: Row[] = [
  row("ADR", "0ii1 0000 iiii iiii iiii iiii iiid dddd"),
  row("ADRP", "1ii1 0000 iiii iiii iiii iiii iiid dddd"),
  // bit 23 set is ADDG/SUBG (MTE, v8.5): no row
  row("ADD_imm", "s001 0001 0hii iiii iiii iinn nnnd dddd"),
  row("ADDS_imm", "s011 0001 0hii iiii iiii iinn nnnd dddd"),
  row("SUB_imm", "s101 0001 0hii iiii iiii iinn nnnd dddd"),
  row("SUBS_imm", "s111 0001 0hii iiii iiii iinn nnnd dddd"),
  row("AND_imm", "s001 0010 0Nrr rrrr xxxx xxnn nnnd dddd"),
  row("ORR_imm", "s011 0010 0Nrr rrrr xxxx xxnn nnnd dddd"),
  row("EOR_imm", "s101 0010 0Nrr rrrr xxxx xxnn nnnd dddd"),
  row("ANDS_imm", "s111 0010 0Nrr rrrr xxxx xxnn nnnd dddd"),
  // opc = 01 is unallocated
  row("MOVN", "s001 0010 1hhi iiii iiii iiii iiid dddd"),
  row("MOVZ", "s101 0010 1hhi iiii iiii iiii iiid dddd"),
  row("MOVK", "s111 0010 1hhi iiii iiii iiii iiid dddd"),
  // opc = 11 is unallocated
  row("SBFM", "s001 0011 0Nrr rrrr xxxx xxnn nnnd dddd"),
  row("BFM", "s011 0011 0Nrr rrrr xxxx xxnn nnnd dddd"),
  row("UBFM", "s101 0011 0Nrr rrrr xxxx xxnn nnnd dddd"),
  // op21 = 00 and o0 = 0 only
  row("EXTR", "s001 0011 1N0m mmmm xxxx xxnn nnnd dddd"),
];

/** Logical (shifted register), add/sub (shifted and extended register), add/sub with carry. */
export const a64DpArith: Row[] = [
  row("AND_shift", "s000 1010 tt0m mmmm iiii iinn nnnd dddd"),
  row("BIC_shift", "s000 1010 tt1m mmmm iiii iinn nnnd dddd"),
  row("ORR_shift", "s010 1010 tt0m mmmm iiii iinn nnnd dddd"),
  row("ORN_shift", "s010 1010 tt1m mmmm iiii iinn nnnd dddd"),
  row("EOR_shift", "s100 1010 tt0m mmmm iiii iinn nnnd dddd"),
  row("EON_shift", "s100 1010 tt1m mmmm iiii iinn nnnd dddd"),
  row("ANDS_shift", "s110 1010 tt0m mmmm iiii iinn nnnd dddd"),
  row("BICS_shift", "s110 1010 tt1m mmmm iiii iinn nnnd dddd"),
  row("ADD_shift", "s000 1011 tt0m mmmm iiii iinn nnnd dddd"),
  row("ADDS_shift", "s010 1011 tt0m mmmm iiii iinn nnnd dddd"),
  row("SUB_shift", "s100 1011 tt0m mmmm iiii iinn nnnd dddd"),
  row("SUBS_shift", "s110 1011 tt0m mmmm iiii iinn nnnd dddd"),
  // opt (bits 23..22) != 00 is unallocated
  row("ADD_ext", "s000 1011 001m mmmm oooi iinn nnnd dddd"),
  row("ADDS_ext", "s010 1011 001m mmmm oooi iinn nnnd dddd"),
  row("SUB_ext", "s100 1011 001m mmmm oooi iinn nnnd dddd"),
  row("SUBS_ext", "s110 1011 001m mmmm oooi iinn nnnd dddd"),
  row("ADC", "s001 1010 000m mmmm 0000 00nn nnnd dddd"),
  row("ADCS", "s011 1010 000m mmmm 0000 00nn nnnd dddd"),
  row("SBC", "s101 1010 000m mmmm 0000 00nn nnnd dddd"),
  row("SBCS", "s111 1010 000m mmmm 0000 00nn nnnd dddd"),
];

/** Conditional compare and conditional select. */
export const a64DpConditional: Row[] = [
  row("CCMN_reg", "s011 1010 010m mmmm cccc 00nn nnn0 ffff"),
  row("CCMN_imm", "s011 1010 010i iiii cccc 10nn nnn0 ffff"),
  row("CCMP_reg", "s111 1010 010m mmmm cccc 00nn nnn0 ffff"),
  row("CCMP_imm", "s111 1010 010i iiii cccc 10nn nnn0 ffff"),
  row("CSEL", "s001 1010 100m mmmm cccc 00nn nnnd dddd"),
  row("CSINC", "s001 1010 100m mmmm cccc 01nn nnnd dddd"),
  row("CSINV", "s101 1010 100m mmmm cccc 00nn nnnd dddd"),
  row("CSNEG", "s101 1010 100m mmmm cccc 01nn nnnd dddd"),
];

/** Data processing with one, two and three sources. */
export const a64DpSources: Row[] = [
  // 1 source (opcode2 = 00000; PAC* with opcode2 = 00001 are v8.3)
  row("RBIT", "s101 1010 1100 0000 0000 00nn nnnd dddd"),
  row("REV16", "s101 1010 1100 0000 0000 01nn nnnd dddd"),
  row("REV_w", "0101 1010 1100 0000 0000 10nn nnnd dddd"),
  row("REV32", "1101 1010 1100 0000 0000 10nn nnnd dddd"),
  row("REV_x", "1101 1010 1100 0000 0000 11nn nnnd dddd"),
  row("CLZ", "s101 1010 1100 0000 0001 00nn nnnd dddd"),
  row("CLS", "s101 1010 1100 0000 0001 01nn nnnd dddd"),
  // 2 source (SUBP, IRG, GMI, PACGA are v8.3+)
  row("UDIV", "s001 1010 110m mmmm 0000 10nn nnnd dddd"),
  row("SDIV", "s001 1010 110m mmmm 0000 11nn nnnd dddd"),
  row("LSLV", "s001 1010 110m mmmm 0010 00nn nnnd dddd"),
  row("LSRV", "s001 1010 110m mmmm 0010 01nn nnnd dddd"),
  row("ASRV", "s001 1010 110m mmmm 0010 10nn nnnd dddd"),
  row("RORV", "s001 1010 110m mmmm 0010 11nn nnnd dddd"),
  row("CRC32B", "0001 1010 110m mmmm 0100 00nn nnnd dddd"),
  row("CRC32H", "0001 1010 110m mmmm 0100 01nn nnnd dddd"),
  row("CRC32W", "0001 1010 110m mmmm 0100 10nn nnnd dddd"),
  row("CRC32X", "1001 1010 110m mmmm 0100 11nn nnnd dddd"),
  row("CRC32CB", "0001 1010 110m mmmm 0101 00nn nnnd dddd"),
  row("CRC32CH", "0001 1010 110m mmmm 0101 01nn nnnd dddd"),
  row("CRC32CW", "0001 1010 110m mmmm 0101 10nn nnnd dddd"),
  row("CRC32CX", "1001 1010 110m mmmm 0101 11nn nnnd dddd"),
  // 3 source: SMULH/UMULH ignore Ra (QEMU does not check it)
  row("MADD", "s001 1011 000m mmmm 0aaa aann nnnd dddd"),
  row("MSUB", "s001 1011 000m mmmm 1aaa aann nnnd dddd"),
  row("SMADDL", "1001 1011 001m mmmm 0aaa aann nnnd dddd"),
  row("SMSUBL", "1001 1011 001m mmmm 1aaa aann nnnd dddd"),
  row("SMULH", "1001 1011 010m mmmm 0aaa aann nnnd dddd"),
  row("UMADDL", "1001 1011 101m mmmm 0aaa aann nnnd dddd"),
  row("UMSUBL", "1001 1011 101m mmmm 1aaa aann nnnd dddd"),
  row("UMULH", "1001 1011 110m mmmm 0aaa aann nnnd dddd"),
];
