// 16-bit Thumb instructions (ARM ARM A6.2). Fixed bits follow QEMU 7.2's t16.decode: what it
// does not match is UNDEFINED. Handlers: core/exec/t32/t16.ts (T16_ prefix: the names are
// unique within the T16 set and do not clash with the A32 handlers they reuse).
import type { Row } from "../formats";
import { row, group } from "../formats";

export const t16: Row[] = [
  // ---- shift (immediate), add, subtract, move, compare (A6.2.1) ----
  row("T16_LSL_imm", "000 00 iiiii mmm ddd"), // imm 0: MOVS Rd, Rm
  row("T16_LSR_imm", "000 01 iiiii mmm ddd"),
  row("T16_ASR_imm", "000 10 iiiii mmm ddd"),
  row("T16_ADD_reg", "0001100 mmm nnn ddd"),
  row("T16_SUB_reg", "0001101 mmm nnn ddd"),
  row("T16_ADD_imm3", "0001110 iii nnn ddd"),
  row("T16_SUB_imm3", "0001111 iii nnn ddd"),
  row("T16_MOV_imm", "00100 ddd iiiiiiii"),
  row("T16_CMP_imm", "00101 nnn iiiiiiii"),
  row("T16_ADD_imm8", "00110 ddd iiiiiiii"),
  row("T16_SUB_imm8", "00111 ddd iiiiiiii"),

  // ---- data processing, two low registers (A6.2.2) ----
  row("T16_AND", "010000 0000 mmm ddd"),
  row("T16_EOR", "010000 0001 mmm ddd"),
  row("T16_LSL_reg", "010000 0010 mmm ddd"),
  row("T16_LSR_reg", "010000 0011 mmm ddd"),
  row("T16_ASR_reg", "010000 0100 mmm ddd"),
  row("T16_ADC", "010000 0101 mmm ddd"),
  row("T16_SBC", "010000 0110 mmm ddd"),
  row("T16_ROR_reg", "010000 0111 mmm ddd"),
  row("T16_TST", "010000 1000 mmm nnn"),
  row("T16_RSB", "010000 1001 nnn ddd"), // RSBS Rd, Rn, #0
  row("T16_CMP_reg", "010000 1010 mmm nnn"),
  row("T16_CMN", "010000 1011 mmm nnn"),
  row("T16_ORR", "010000 1100 mmm ddd"),
  row("T16_MUL", "010000 1101 nnn ddd"),
  row("T16_BIC", "010000 1110 mmm ddd"),
  row("T16_MVN", "010000 1111 mmm ddd"),

  // ---- special data instructions and branch and exchange (A6.2.3) ----
  row("T16_ADD_hi", "0100 0100 dmmm mddd"),
  row("T16_CMP_hi", "0100 0101 nmmm mnnn"),
  row("T16_MOV_hi", "0100 0110 dmmm mddd"),
  row("T16_BX", "0100 0111 0mmm m000"),
  row("T16_BLX", "0100 0111 1mmm m000"),

  // ---- loads and stores (A6.2.4) ----
  row("T16_LDR_lit", "01001 ttt iiiiiiii"),
  row("T16_STR_reg", "0101 000 mmm nnn ttt"),
  row("T16_STRH_reg", "0101 001 mmm nnn ttt"),
  row("T16_STRB_reg", "0101 010 mmm nnn ttt"),
  row("T16_LDRSB_reg", "0101 011 mmm nnn ttt"),
  row("T16_LDR_reg", "0101 100 mmm nnn ttt"),
  row("T16_LDRH_reg", "0101 101 mmm nnn ttt"),
  row("T16_LDRB_reg", "0101 110 mmm nnn ttt"),
  row("T16_LDRSH_reg", "0101 111 mmm nnn ttt"),
  row("T16_STR_imm", "01100 iiiii nnn ttt"),
  row("T16_LDR_imm", "01101 iiiii nnn ttt"),
  row("T16_STRB_imm", "01110 iiiii nnn ttt"),
  row("T16_LDRB_imm", "01111 iiiii nnn ttt"),
  row("T16_STRH_imm", "10000 iiiii nnn ttt"),
  row("T16_LDRH_imm", "10001 iiiii nnn ttt"),
  row("T16_STR_sp", "10010 ttt iiiiiiii"),
  row("T16_LDR_sp", "10011 ttt iiiiiiii"),

  // ---- PC/SP-relative addresses ----
  row("T16_ADR", "10100 ddd iiiiiiii"),
  row("T16_ADD_sp", "10101 ddd iiiiiiii"),

  // ---- miscellaneous (A6.2.5) ----
  row("T16_ADD_sp_imm", "1011 0000 0iii iiii"),
  row("T16_SUB_sp_imm", "1011 0000 1iii iiii"),
  row("T16_CBZ", "1011 z0i1 iiii innn"), // z: CBNZ
  row("T16_SXTH", "1011 0010 00mm mddd"),
  row("T16_SXTB", "1011 0010 01mm mddd"),
  row("T16_UXTH", "1011 0010 10mm mddd"),
  row("T16_UXTB", "1011 0010 11mm mddd"),
  row("T16_PUSH", "1011 010r rrrr rrrr"), // r8: LR
  row("T16_SETEND", "1011 0110 0101 e000"),
  row("T16_CPS", "1011 0110 011m 0aif"), // m: disable (CPSID)
  row("T16_REV", "1011 1010 00mm mddd"),
  row("T16_REV16", "1011 1010 01mm mddd"),
  row("T16_HLT", "1011 1010 10ii iiii"), // HLT #0x3c: the T32 semihosting trap
  row("T16_REVSH", "1011 1010 11mm mddd"),
  row("T16_POP", "1011 110r rrrr rrrr"), // r8: PC
  row("T16_BKPT", "1011 1110 iiii iiii"),
  ...group("t16-hints-it", [
    row("T16_YIELD", "1011 1111 0001 0000"),
    row("T16_WFE", "1011 1111 0010 0000"),
    row("T16_WFI", "1011 1111 0011 0000"),
    row("T16_SEV", "1011 1111 0100 0000"),
    row("T16_NOP", "1011 1111 ---- 0000"), // the rest of the hint space behaves as NOP
    row("T16_IT", "1011 1111 cccc mmmm"),  // mask != 0000
  ]),

  // ---- load/store multiple (A6.2) ----
  row("T16_STM", "11000 nnn rrrrrrrr"),
  row("T16_LDM", "11001 nnn rrrrrrrr"),

  // ---- conditional branch, supervisor call (A6.2.6) ----
  ...group("t16-bcond", [
    row("T16_UDF", "1101 1110 iiii iiii"),
    row("T16_SVC", "1101 1111 iiii iiii"),
    row("T16_B_cond", "1101 cccc iiii iiii"),
  ]),
  row("T16_B", "11100 iiiiiiiiiii"),
];
