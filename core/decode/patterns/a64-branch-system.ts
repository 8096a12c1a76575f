// A64 branches, exception generation and system instructions (ARM ARM C4.1.65: "Branches,
// Exception Generating and System instructions"). Field letters: i immediate, t Rt, n Rn,
// c condition, b bit number (b5:b40), o op1, N CRn, m CRm, p op2.
import { row, type Row } from "../formats";

export const a64Branch: Row[] = [
  row("B", "0001 01ii iiii iiii iiii iiii iiii iiii"),
  row("BL", "1001 01ii iiii iiii iiii iiii iiii iiii"),
  row("CBZ", "s011 0100 iiii iiii iiii iiii iiit tttt"),
  row("CBNZ", "s011 0101 iiii iiii iiii iiii iiit tttt"),
  row("TBZ", "b011 0110 bbbb biii iiii iiii iiit tttt"),
  row("TBNZ", "b011 0111 bbbb biii iiii iiii iiit tttt"),
  row("B_cond", "0101 0100 iiii iiii iiii iiii iii0 cccc"),
  row("BR", "1101 0110 0001 1111 0000 00nn nnn0 0000"),
  row("BLR", "1101 0110 0011 1111 0000 00nn nnn0 0000"),
  row("RET", "1101 0110 0101 1111 0000 00nn nnn0 0000"),
  row("ERET", "1101 0110 1001 1111 0000 0011 1110 0000"),
];

export const a64Exception: Row[] = [
  row("SVC", "1101 0100 000i iiii iiii iiii iii0 0001"),
  row("HVC", "1101 0100 000i iiii iiii iiii iii0 0010"),
  row("SMC", "1101 0100 000i iiii iiii iiii iii0 0011"),
  row("BRK", "1101 0100 001i iiii iiii iiii iii0 0000"),
  row("HLT", "1101 0100 010i iiii iiii iiii iii0 0000"),
];

export const a64System: Row[] = [
  // op0 = 00, CRn = 0100: PSTATE field writes (SPSel, DAIFSet, DAIFClr; others UNDEF on v8.0)
  row("MSR_imm", "1101 0101 0000 0ooo 0100 mmmm ppp1 1111"),
  row("HINT", "1101 0101 0000 0011 0010 mmmm ppp1 1111"),
  row("CLREX", "1101 0101 0000 0011 0011 mmmm 0101 1111"),
  row("DSB", "1101 0101 0000 0011 0011 mmmm 1001 1111"),
  row("DMB", "1101 0101 0000 0011 0011 mmmm 1011 1111"),
  row("ISB", "1101 0101 0000 0011 0011 mmmm 1101 1111"),
  // op0 = 01: SYS (DC, IC, AT, TLBI), SYSL; op0 = 1x: MSR/MRS (register)
  row("SYS", "1101 0101 0000 1ooo NNNN mmmm pppt tttt"),
  row("SYSL", "1101 0101 0010 1ooo NNNN mmmm pppt tttt"),
  row("MSR_reg", "1101 0101 0001 oooo NNNN mmmm pppt tttt"),
  row("MRS", "1101 0101 0011 oooo NNNN mmmm pppt tttt"),
];
