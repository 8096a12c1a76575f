// A64 cryptographic extension as the Cortex-A57 has it (ID_AA64ISAR0: AES with PMULL, SHA1,
// SHA256): the AES and SHA groups, and PMULL/PMULL2 from the AdvSIMD three-different group.
// Field letters: n Rn, m Rm, d Rd, q Q (PMULL2 uses the upper halves).
import { row, type Row } from "../formats";

/** Crypto AES (size = 00; other sizes match no row: UNDEFINED). */
export const a64CryptoAes: Row[] = [
  row("AESE", "01001110 00 10100 00100 10 nnnnn ddddd"),
  row("AESD", "01001110 00 10100 00101 10 nnnnn ddddd"),
  row("AESMC", "01001110 00 10100 00110 10 nnnnn ddddd"),
  row("AESIMC", "01001110 00 10100 00111 10 nnnnn ddddd"),
];

/** Crypto three-register and two-register SHA (size = 00). */
export const a64CryptoSha: Row[] = [
  row("SHA1C", "01011110 00 0 mmmmm 0 000 00 nnnnn ddddd"),
  row("SHA1P", "01011110 00 0 mmmmm 0 001 00 nnnnn ddddd"),
  row("SHA1M", "01011110 00 0 mmmmm 0 010 00 nnnnn ddddd"),
  row("SHA1SU0", "01011110 00 0 mmmmm 0 011 00 nnnnn ddddd"),
  row("SHA256H", "01011110 00 0 mmmmm 0 100 00 nnnnn ddddd"),
  row("SHA256H2", "01011110 00 0 mmmmm 0 101 00 nnnnn ddddd"),
  row("SHA256SU1", "01011110 00 0 mmmmm 0 110 00 nnnnn ddddd"),
  row("SHA1H", "01011110 00 10100 00000 10 nnnnn ddddd"),
  row("SHA1SU1", "01011110 00 10100 00001 10 nnnnn ddddd"),
  row("SHA256SU0", "01011110 00 10100 00010 10 nnnnn ddddd"),
];

/** PMULL/PMULL2: 8-bit (size 00) and 64-bit (size 11) polynomial multiply long. */
export const a64CryptoPmull: Row[] = [
  row("PMULL_8", "0 q 0 01110 00 1 mmmmm 1110 00 nnnnn ddddd"),
  row("PMULL_64", "0 q 0 01110 11 1 mmmmm 1110 00 nnnnn ddddd"),
];
