// A32 loads and stores (ARM ARM A5.3 word/byte, A5.2.8 extra load/store, A5.5 block transfer,
// A5.2.10 synchronization). Fixed bits follow QEMU 7.2's a32.decode: encodings it does not
// match are UNDEFINED. The literal forms are the immediate rows with Rn = 1111.
// P=0 W=1 selects the unprivileged (T) variant, so each T row sits in a group before the
// general row, which then only sees P=1 or P=0 W=0.
import { row, group, type Row } from "../formats";

/** Single loads and stores: exec module a32/load-store. */
export const a32LoadStore: Row[] = [
  // word and unsigned byte, immediate offset (cccc 010P UBWL)
  ...group("STR_imm", [
    row("STRT_imm", "cccc 0100 U010 nnnn tttt iiii iiii iiii"),
    row("STR_imm", "cccc 010P U0W0 nnnn tttt iiii iiii iiii"),
  ]),
  ...group("STRB_imm", [
    row("STRBT_imm", "cccc 0100 U110 nnnn tttt iiii iiii iiii"),
    row("STRB_imm", "cccc 010P U1W0 nnnn tttt iiii iiii iiii"),
  ]),
  ...group("LDR_imm", [
    row("LDRT_imm", "cccc 0100 U011 nnnn tttt iiii iiii iiii"),
    row("LDR_imm", "cccc 010P U0W1 nnnn tttt iiii iiii iiii"),
  ]),
  ...group("LDRB_imm", [
    row("LDRBT_imm", "cccc 0100 U111 nnnn tttt iiii iiii iiii"),
    row("LDRB_imm", "cccc 010P U1W1 nnnn tttt iiii iiii iiii"),
  ]),
  // word and unsigned byte, (shifted) register offset (cccc 011P UBWL ... bit 4 = 0)
  ...group("STR_reg", [
    row("STRT_reg", "cccc 0110 U010 nnnn tttt iiii itt0 mmmm"),
    row("STR_reg", "cccc 011P U0W0 nnnn tttt iiii itt0 mmmm"),
  ]),
  ...group("STRB_reg", [
    row("STRBT_reg", "cccc 0110 U110 nnnn tttt iiii itt0 mmmm"),
    row("STRB_reg", "cccc 011P U1W0 nnnn tttt iiii itt0 mmmm"),
  ]),
  ...group("LDR_reg", [
    row("LDRT_reg", "cccc 0110 U011 nnnn tttt iiii itt0 mmmm"),
    row("LDR_reg", "cccc 011P U0W1 nnnn tttt iiii itt0 mmmm"),
  ]),
  ...group("LDRB_reg", [
    row("LDRBT_reg", "cccc 0110 U111 nnnn tttt iiii itt0 mmmm"),
    row("LDRB_reg", "cccc 011P U1W1 nnnn tttt iiii itt0 mmmm"),
  ]),

  // halfword, signed byte/halfword, doubleword: immediate (bit 22 = 1) ...
  ...group("STRH_imm", [
    row("STRHT_imm", "cccc 0000 U110 nnnn tttt iiii 1011 iiii", { since: "v6T2" }),
    row("STRH_imm", "cccc 000P U1W0 nnnn tttt iiii 1011 iiii"),
  ]),
  ...group("LDRH_imm", [
    row("LDRHT_imm", "cccc 0000 U111 nnnn tttt iiii 1011 iiii", { since: "v6T2" }),
    row("LDRH_imm", "cccc 000P U1W1 nnnn tttt iiii 1011 iiii"),
  ]),
  ...group("LDRSB_imm", [
    row("LDRSBT_imm", "cccc 0000 U111 nnnn tttt iiii 1101 iiii", { since: "v6T2" }),
    row("LDRSB_imm", "cccc 000P U1W1 nnnn tttt iiii 1101 iiii"),
  ]),
  ...group("LDRSH_imm", [
    row("LDRSHT_imm", "cccc 0000 U111 nnnn tttt iiii 1111 iiii", { since: "v6T2" }),
    row("LDRSH_imm", "cccc 000P U1W1 nnnn tttt iiii 1111 iiii"),
  ]),
  // LDRD/STRD have no T form: P=0 W=1 is UNDEFINED (checked by the handler)
  row("LDRD_imm", "cccc 000P U1W0 nnnn tttt iiii 1101 iiii", { since: "v5TE" }),
  row("STRD_imm", "cccc 000P U1W0 nnnn tttt iiii 1111 iiii", { since: "v5TE" }),
  // ... and register (bit 22 = 0, bits 11:8 = 0000)
  ...group("STRH_reg", [
    row("STRHT_reg", "cccc 0000 U010 nnnn tttt 0000 1011 mmmm", { since: "v6T2" }),
    row("STRH_reg", "cccc 000P U0W0 nnnn tttt 0000 1011 mmmm"),
  ]),
  ...group("LDRH_reg", [
    row("LDRHT_reg", "cccc 0000 U011 nnnn tttt 0000 1011 mmmm", { since: "v6T2" }),
    row("LDRH_reg", "cccc 000P U0W1 nnnn tttt 0000 1011 mmmm"),
  ]),
  ...group("LDRSB_reg", [
    row("LDRSBT_reg", "cccc 0000 U011 nnnn tttt 0000 1101 mmmm", { since: "v6T2" }),
    row("LDRSB_reg", "cccc 000P U0W1 nnnn tttt 0000 1101 mmmm"),
  ]),
  ...group("LDRSH_reg", [
    row("LDRSHT_reg", "cccc 0000 U011 nnnn tttt 0000 1111 mmmm", { since: "v6T2" }),
    row("LDRSH_reg", "cccc 000P U0W1 nnnn tttt 0000 1111 mmmm"),
  ]),
  row("LDRD_reg", "cccc 000P U0W0 nnnn tttt 0000 1101 mmmm", { since: "v5TE" }),
  row("STRD_reg", "cccc 000P U0W0 nnnn tttt 0000 1111 mmmm", { since: "v5TE" }),
];

/** Block transfers: exec module a32/load-store-multiple. S (bit 22) selects the user-bank / exception-return forms. */
export const a32LoadStoreMultiple: Row[] = [
  row("STM", "cccc 100P U0W0 nnnn rrrr rrrr rrrr rrrr"),
  row("LDM", "cccc 100P U0W1 nnnn rrrr rrrr rrrr rrrr"),
  row("STM_usr", "cccc 100P U1W0 nnnn rrrr rrrr rrrr rrrr"),
  // LDM (user registers) has no writeback form: W=1 without the PC is UNDEFINED (as QEMU)
  row("LDM_usr", "cccc 100P U101 nnnn 0rrr rrrr rrrr rrrr"),
  row("LDM_eret", "cccc 100P U1W1 nnnn 1rrr rrrr rrrr rrrr"),
];

/** Exclusives and swaps: exec module a32/exclusive. */
export const a32Exclusive: Row[] = [
  row("SWP", "cccc 0001 0000 nnnn tttt 0000 1001 mmmm"),
  row("SWPB", "cccc 0001 0100 nnnn tttt 0000 1001 mmmm"),
  row("STREX", "cccc 0001 1000 nnnn dddd 1111 1001 tttt", { since: "v6" }),
  row("STREXD", "cccc 0001 1010 nnnn dddd 1111 1001 tttt", { since: "v6K" }),
  row("STREXB", "cccc 0001 1100 nnnn dddd 1111 1001 tttt", { since: "v6K" }),
  row("STREXH", "cccc 0001 1110 nnnn dddd 1111 1001 tttt", { since: "v6K" }),
  row("LDREX", "cccc 0001 1001 nnnn tttt 1111 1001 1111", { since: "v6" }),
  row("LDREXD", "cccc 0001 1011 nnnn tttt 1111 1001 1111", { since: "v6K" }),
  row("LDREXB", "cccc 0001 1101 nnnn tttt 1111 1001 1111", { since: "v6K" }),
  row("LDREXH", "cccc 0001 1111 nnnn tttt 1111 1001 1111", { since: "v6K" }),
];
