// A32 multiplies (ARM ARM A5.2.5 multiply and multiply-accumulate, A5.2.7 halfword multiply,
// A5.4.4 signed multiply and divide in the media space). Fixed bits follow QEMU's a32.decode:
// SBZ fields are fixed (MUL Ra, SMUL<x><y>/SMULW<y> Ra, SDIV/UDIV Ra = 1111); the "Ra = 1111"
// forms SMUAD/SMUSD/SMMUL are the accumulate rows with Ra = 15, as in QEMU.
// Field letters: d = Rd (RdHi), a = Ra (RdLo), m = Rm, n = Rn.
import { row, type Row } from "../formats";

export const a32Multiply: Row[] = [
  row("MUL", "cccc 0000 000S dddd 0000 mmmm 1001 nnnn"),
  row("MLA", "cccc 0000 001S dddd aaaa mmmm 1001 nnnn"),
  row("UMAAL", "cccc 0000 0100 dddd aaaa mmmm 1001 nnnn", { since: "v6" }),
  row("MLS", "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn", { since: "v6T2" }),
  row("UMULL", "cccc 0000 100S dddd aaaa mmmm 1001 nnnn"),
  row("UMLAL", "cccc 0000 101S dddd aaaa mmmm 1001 nnnn"),
  row("SMULL", "cccc 0000 110S dddd aaaa mmmm 1001 nnnn"),
  row("SMLAL", "cccc 0000 111S dddd aaaa mmmm 1001 nnnn"),

  // halfword multiplies (v5TE): bit 5 selects the top half of Rn, bit 6 that of Rm
  row("SMLAxy", "cccc 0001 0000 dddd aaaa mmmm 1yx0 nnnn", { since: "v5TE" }),
  row("SMLAWy", "cccc 0001 0010 dddd aaaa mmmm 1y00 nnnn", { since: "v5TE" }),
  row("SMULWy", "cccc 0001 0010 dddd 0000 mmmm 1y10 nnnn", { since: "v5TE" }),
  row("SMLALxy", "cccc 0001 0100 dddd aaaa mmmm 1yx0 nnnn", { since: "v5TE" }),
  row("SMULxy", "cccc 0001 0110 dddd 0000 mmmm 1yx0 nnnn", { since: "v5TE" }),

  // media space signed multiplies (v6) and divides (A15: ID_ISAR0.Divide_instrs = 2)
  row("SMLAD", "cccc 0111 0000 dddd aaaa mmmm 00X1 nnnn", { since: "v6" }),  // SMUAD when Ra = 15
  row("SMLSD", "cccc 0111 0000 dddd aaaa mmmm 01X1 nnnn", { since: "v6" }),  // SMUSD when Ra = 15
  row("SDIV", "cccc 0111 0001 dddd 1111 mmmm 0001 nnnn", { since: "v7ve" }),
  row("UDIV", "cccc 0111 0011 dddd 1111 mmmm 0001 nnnn", { since: "v7ve" }),
  row("SMLALD", "cccc 0111 0100 dddd aaaa mmmm 00X1 nnnn", { since: "v6" }),
  row("SMLSLD", "cccc 0111 0100 dddd aaaa mmmm 01X1 nnnn", { since: "v6" }),
  row("SMMLA", "cccc 0111 0101 dddd aaaa mmmm 00R1 nnnn", { since: "v6" }),  // SMMUL when Ra = 15
  row("SMMLS", "cccc 0111 0101 dddd aaaa mmmm 11R1 nnnn", { since: "v6" }),
];
