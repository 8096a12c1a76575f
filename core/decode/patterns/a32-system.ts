// A32 status-register, hint and coprocessor instructions (ARM ARM A5.2.11, A5.2.12, A5.6).
// Fixed bits follow QEMU 7.2's a32.decode. Coprocessor rows only take cp14 and cp15: every
// other coprocessor number is UNDEFINED on the A15 except cp10/cp11 (VFP, decoded elsewhere).
// LDC/STC/CDP have no rows: QEMU UNDEFs them for every coprocessor on this CPU.
import { row, group, type Row } from "../formats";

/** Hints live in the MSR (immediate) space with mask = 0; the whole rest of that space is NOP. */
export const a32Hints: Row[] = group("msr_imm_hints", [
  row("YIELD", "cccc 0011 0010 0000 1111 ---- 0000 0001", { since: "v6K" }),
  row("WFE", "cccc 0011 0010 0000 1111 ---- 0000 0010", { since: "v6K" }),
  row("WFI", "cccc 0011 0010 0000 1111 ---- 0000 0011", { since: "v6K" }),
  row("SEV", "cccc 0011 0010 0000 1111 ---- 0000 0100", { since: "v6K" }),
  // NOP, DBG, SEVL, ESB and every unallocated hint execute as NOP (QEMU).
  row("NOP", "cccc 0011 0010 0000 1111 ---- ---- ----", { since: "v6K" }),
]);

export const a32Status: Row[] = [
  // Same overlap group as the hints, which come first in the table: mask = 0 with R = 0 is a hint.
  ...group("msr_imm_hints", [row("MSR_imm", "cccc 0011 0R10 mmmm 1111 rrrr iiii iiii")]),
  row("MRS", "cccc 0001 0R00 1111 dddd 0000 0000 0000"),
  row("MSR_reg", "cccc 0001 0R10 mmmm 1111 0000 0000 nnnn"),
  row("MRS_banked", "cccc 0001 0R00 mmmm dddd 001M 0000 0000", { since: "v7VE" }),
  row("MSR_banked", "cccc 0001 0R10 mmmm 1111 001M 0000 nnnn", { since: "v7VE" }),
  row("ERET", "cccc 0001 0110 0000 0000 0000 0110 1110", { since: "v7VE" }),
];

export const a32Coproc: Row[] = [
  row("MCR", "cccc 1110 ooo0 nnnn tttt 111p qqq1 mmmm"),
  row("MRC", "cccc 1110 ooo1 nnnn tttt 111p qqq1 mmmm"),
  row("MCRR", "cccc 1100 0100 uuuu tttt 111p oooo mmmm", { since: "v5TE" }),
  row("MRRC", "cccc 1100 0101 uuuu tttt 111p oooo mmmm", { since: "v5TE" }),
];

/** Everything in this file, for readers that want the whole class. */
export const a32System: Row[] = [...a32Hints, ...a32Status, ...a32Coproc];
