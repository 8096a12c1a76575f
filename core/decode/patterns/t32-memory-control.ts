// 32-bit Thumb loads, stores, branches and system instructions (ARM ARM A6.3.4 branches and
// miscellaneous control, A6.3.5-A6.3.10 load/store). The word is hw1 << 16 | hw2. Fixed bits
// follow QEMU 7.2's t32.decode: encodings it does not match are UNDEFINED (v8-only LDA/STL,
// SB, M-profile forms). Field letters: n = Rn, t = Rt, T = Rt2, d = Rd, m = Rm, i = immediate,
// P U W = index/add/writeback, S J = branch offset sign and J1/J2 bits, r = register list.
// Nothing here claims the coprocessor space (hw1 = 111x 11xx): the Thumb step sends it to A32.
import { row, group, type Row } from "../formats";

// ---- single loads and stores (A6.3.7-A6.3.10) ----
// Per size: register offset (LSL #0-3), imm8 with P U W (P=0 W=0 does not decode), imm8
// negative offset (1100), unprivileged (1110), imm12 positive offset. Loads also have the
// literal form (Rn = 1111, which wins over every other form) and, with Rt = 1111, the
// preload hints that QEMU treats as NOPs: so each load size is one ordered group.

const stores: Row[] = [
  row("T_STRB_reg", "1111 1000 0000 nnnn tttt 0000 00ii mmmm"),
  row("T_STRB_imm8", "1111 1000 0000 nnnn tttt 1PU1 iiii iiii"),
  row("T_STRB_neg", "1111 1000 0000 nnnn tttt 1100 iiii iiii"),
  row("T_STRBT", "1111 1000 0000 nnnn tttt 1110 iiii iiii"),
  row("T_STRB_imm12", "1111 1000 1000 nnnn tttt iiii iiii iiii"),
  row("T_STRH_reg", "1111 1000 0010 nnnn tttt 0000 00ii mmmm"),
  row("T_STRH_imm8", "1111 1000 0010 nnnn tttt 1PU1 iiii iiii"),
  row("T_STRH_neg", "1111 1000 0010 nnnn tttt 1100 iiii iiii"),
  row("T_STRHT", "1111 1000 0010 nnnn tttt 1110 iiii iiii"),
  row("T_STRH_imm12", "1111 1000 1010 nnnn tttt iiii iiii iiii"),
  row("T_STR_reg", "1111 1000 0100 nnnn tttt 0000 00ii mmmm"),
  row("T_STR_imm8", "1111 1000 0100 nnnn tttt 1PU1 iiii iiii"),
  row("T_STR_neg", "1111 1000 0100 nnnn tttt 1100 iiii iiii"),
  row("T_STRT", "1111 1000 0100 nnnn tttt 1110 iiii iiii"),
  row("T_STR_imm12", "1111 1000 1100 nnnn tttt iiii iiii iiii"),
];

/** One load size: ss = bits 24:21 (S, size), hint = the row-name stem of its Rt = 1111 NOPs. */
function loadGroup(name: string, hw1: string, hint: string | null): Row[] {
  const h = (form: string, pat: string) => (hint ? [row(`T_${hint}_${form}`, pat)] : []);
  return group(`t_${name.toLowerCase()}`, [
    ...h("lit", `${hw1.replace("U", "-")} 1111 1111 iiii iiii iiii`),
    row(`T_${name}_lit`, `${hw1} 1111 tttt iiii iiii iiii`),
    ...h("imm12", `${hw1.replace("U", "1")} nnnn 1111 iiii iiii iiii`),
    row(`T_${name}_imm12`, `${hw1.replace("U", "1")} nnnn tttt iiii iiii iiii`),
    row(`T_${name}_imm8`, `${hw1.replace("U", "0")} nnnn tttt 1PU1 iiii iiii`),
    ...h("neg", `${hw1.replace("U", "0")} nnnn 1111 1100 iiii iiii`),
    row(`T_${name}_neg`, `${hw1.replace("U", "0")} nnnn tttt 1100 iiii iiii`),
    row(`T_${name}T`, `${hw1.replace("U", "0")} nnnn tttt 1110 iiii iiii`),
    ...h("reg", `${hw1.replace("U", "0")} nnnn 1111 0000 00ii mmmm`),
    row(`T_${name}_reg`, `${hw1.replace("U", "0")} nnnn tttt 0000 00ii mmmm`),
  ]);
}

const loads: Row[] = [
  ...loadGroup("LDRB", "1111 1000 U001", "PLD"),
  ...loadGroup("LDRH", "1111 1000 U011", "PLDW"), // the literal one is an unallocated hint (NOP)
  ...loadGroup("LDR", "1111 1000 U101", null),
  ...loadGroup("LDRSB", "1111 1001 U001", "PLI"),
  ...loadGroup("LDRSH", "1111 1001 U011", "MEMHINT"), // unallocated memory hints (NOP)
];

// ---- dual, exclusive, table branch (A6.3.6), block transfers, RFE/SRS (A6.3.5) ----
const dualExclusive: Row[] = [
  row("T_STRD_post", "1110 1000 U110 nnnn tttt TTTT iiii iiii"),
  row("T_LDRD_post", "1110 1000 U111 nnnn tttt TTTT iiii iiii"),
  row("T_STRD_off", "1110 1001 U100 nnnn tttt TTTT iiii iiii"),
  row("T_LDRD_off", "1110 1001 U101 nnnn tttt TTTT iiii iiii"),
  row("T_STRD_pre", "1110 1001 U110 nnnn tttt TTTT iiii iiii"),
  row("T_LDRD_pre", "1110 1001 U111 nnnn tttt TTTT iiii iiii"),
  row("T_STREX", "1110 1000 0100 nnnn tttt dddd iiii iiii"),
  row("T_STREXB", "1110 1000 1100 nnnn tttt 1111 0100 dddd"),
  row("T_STREXH", "1110 1000 1100 nnnn tttt 1111 0101 dddd"),
  row("T_STREXD", "1110 1000 1100 nnnn tttt TTTT 0111 dddd"),
  row("T_LDREX", "1110 1000 0101 nnnn tttt 1111 iiii iiii"),
  row("T_LDREXB", "1110 1000 1101 nnnn tttt 1111 0100 1111"),
  row("T_LDREXH", "1110 1000 1101 nnnn tttt 1111 0101 1111"),
  row("T_LDREXD", "1110 1000 1101 nnnn tttt TTTT 0111 1111"),
  row("T_TBB", "1110 1000 1101 nnnn 1111 0000 0000 mmmm"),
  row("T_TBH", "1110 1000 1101 nnnn 1111 0000 0001 mmmm"),
];

const blockTransfer: Row[] = [
  row("T_STM", "1110 1000 10W0 nnnn rrrr rrrr rrrr rrrr"),
  row("T_STMDB", "1110 1001 00W0 nnnn rrrr rrrr rrrr rrrr"),
  row("T_LDM", "1110 1000 10W1 nnnn rrrr rrrr rrrr rrrr"),
  row("T_LDMDB", "1110 1001 00W1 nnnn rrrr rrrr rrrr rrrr"),
  row("T_RFEDB", "1110 1000 00W1 nnnn 1100 0000 0000 0000"),
  row("T_RFEIA", "1110 1001 10W1 nnnn 1100 0000 0000 0000"),
  row("T_SRSDB", "1110 1000 00W0 1101 1100 0000 000m mmmm"),
  row("T_SRSIA", "1110 1001 10W0 1101 1100 0000 000m mmmm"),
];

// ---- branches and miscellaneous control (A6.3.4) ----
// The conditional branch's cond = 111x is the miscellaneous control space: those rows come
// first in one group, B<c>.W last (its handler UNDEFs cond = 111x, as QEMU's trans_B_cond_thumb).
const branchMisc: Row[] = [
  ...group("t_bcond_misc", [
    row("T_YIELD", "1111 0011 1010 1111 1000 0000 0000 0001"),
    row("T_WFE", "1111 0011 1010 1111 1000 0000 0000 0010"),
    row("T_WFI", "1111 0011 1010 1111 1000 0000 0000 0011"),
    row("T_SEV", "1111 0011 1010 1111 1000 0000 0000 0100"),
    // NOP, DBG and every other hint: NOP (QEMU: "reserved hint, behaves as nop")
    row("T_NOP", "1111 0011 1010 1111 1000 0000 ---- ----"),
    row("T_CPS", "1111 0011 1010 1111 1000 0iiM AIFm mmmm"),
    row("T_CLREX", "1111 0011 1011 1111 1000 1111 0010 1111"),
    // QEMU ignores the barrier option field
    row("T_DSB", "1111 0011 1011 1111 1000 1111 0100 ----"),
    row("T_DMB", "1111 0011 1011 1111 1000 1111 0101 ----"),
    row("T_ISB", "1111 0011 1011 1111 1000 1111 0110 ----"),
    row("T_MRS_banked", "1111 0011 111R mmmm 1000 dddd 001M 0000", { since: "v7VE" }),
    row("T_MRS", "1111 0011 111R 1111 1000 dddd 0000 0000"),
    row("T_MSR_banked", "1111 0011 100R nnnn 1000 mmmm 001M 0000", { since: "v7VE" }),
    row("T_MSR", "1111 0011 100R nnnn 1000 mmmm 0000 0000"),
    row("T_BXJ", "1111 0011 1100 mmmm 1000 1111 0000 0000"),
    // SUBS PC, LR, #0 is ERET (v7VE); the same thing outside Hyp mode
    row("T_ERET", "1111 0011 1101 1110 1000 1111 0000 0000", { since: "v7VE" }),
    row("T_SUBS_PC_LR", "1111 0011 1101 1110 1000 1111 iiii iiii"),
    row("T_SMC", "1111 0111 1111 iiii 1000 0000 0000 0000", { since: "v6K" }),
    row("T_HVC", "1111 0111 1110 iiii 1000 iiii iiii iiii", { since: "v7VE" }),
    row("T_UDF", "1111 0111 1111 iiii 1010 iiii iiii iiii"),
    row("T_B_cond", "1111 0Scc ccii iiii 10J0 Jiii iiii iiii"),
  ]),
  row("T_B", "1111 0Sii iiii iiii 10J1 Jiii iiii iiii"),
  row("T_BL", "1111 0Sii iiii iiii 11J1 Jiii iiii iiii"),
  row("T_BLX", "1111 0Sii iiii iiii 11J0 Jiii iiii iiiH", { since: "v5T" }),
];

export const t32MemoryControl: Row[] = [
  ...stores, ...loads, ...dualExclusive, ...blockTransfer, ...branchMisc,
];
