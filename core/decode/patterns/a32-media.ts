// A32 media instructions (ARM ARM A5.4) and the saturating / CLZ rows of A5.2.
// Fixed bits follow QEMU 7.2's a32.decode: SBZ/SBO bits are fixed, so encodings with them
// wrong are UNDEFINED, as QEMU treats them. The signed multiplies and divides of the media
// space (0111 0xxx) live in a32-multiply.ts.
import { row, group, type Row } from "../formats";

/** Parallel addition and subtraction (A5.4.1, A5.4.2): handlers in exec/a32/parallel.ts. */
export const a32Parallel: Row[] = [
  // signed, GE flags
  row("SADD16", "cccc 0110 0001 nnnn dddd 1111 0001 mmmm"),
  row("SASX", "cccc 0110 0001 nnnn dddd 1111 0011 mmmm"),
  row("SSAX", "cccc 0110 0001 nnnn dddd 1111 0101 mmmm"),
  row("SSUB16", "cccc 0110 0001 nnnn dddd 1111 0111 mmmm"),
  row("SADD8", "cccc 0110 0001 nnnn dddd 1111 1001 mmmm"),
  row("SSUB8", "cccc 0110 0001 nnnn dddd 1111 1111 mmmm"),
  // signed saturating
  row("QADD16", "cccc 0110 0010 nnnn dddd 1111 0001 mmmm"),
  row("QASX", "cccc 0110 0010 nnnn dddd 1111 0011 mmmm"),
  row("QSAX", "cccc 0110 0010 nnnn dddd 1111 0101 mmmm"),
  row("QSUB16", "cccc 0110 0010 nnnn dddd 1111 0111 mmmm"),
  row("QADD8", "cccc 0110 0010 nnnn dddd 1111 1001 mmmm"),
  row("QSUB8", "cccc 0110 0010 nnnn dddd 1111 1111 mmmm"),
  // signed halving
  row("SHADD16", "cccc 0110 0011 nnnn dddd 1111 0001 mmmm"),
  row("SHASX", "cccc 0110 0011 nnnn dddd 1111 0011 mmmm"),
  row("SHSAX", "cccc 0110 0011 nnnn dddd 1111 0101 mmmm"),
  row("SHSUB16", "cccc 0110 0011 nnnn dddd 1111 0111 mmmm"),
  row("SHADD8", "cccc 0110 0011 nnnn dddd 1111 1001 mmmm"),
  row("SHSUB8", "cccc 0110 0011 nnnn dddd 1111 1111 mmmm"),
  // unsigned, GE flags
  row("UADD16", "cccc 0110 0101 nnnn dddd 1111 0001 mmmm"),
  row("UASX", "cccc 0110 0101 nnnn dddd 1111 0011 mmmm"),
  row("USAX", "cccc 0110 0101 nnnn dddd 1111 0101 mmmm"),
  row("USUB16", "cccc 0110 0101 nnnn dddd 1111 0111 mmmm"),
  row("UADD8", "cccc 0110 0101 nnnn dddd 1111 1001 mmmm"),
  row("USUB8", "cccc 0110 0101 nnnn dddd 1111 1111 mmmm"),
  // unsigned saturating
  row("UQADD16", "cccc 0110 0110 nnnn dddd 1111 0001 mmmm"),
  row("UQASX", "cccc 0110 0110 nnnn dddd 1111 0011 mmmm"),
  row("UQSAX", "cccc 0110 0110 nnnn dddd 1111 0101 mmmm"),
  row("UQSUB16", "cccc 0110 0110 nnnn dddd 1111 0111 mmmm"),
  row("UQADD8", "cccc 0110 0110 nnnn dddd 1111 1001 mmmm"),
  row("UQSUB8", "cccc 0110 0110 nnnn dddd 1111 1111 mmmm"),
  // unsigned halving
  row("UHADD16", "cccc 0110 0111 nnnn dddd 1111 0001 mmmm"),
  row("UHASX", "cccc 0110 0111 nnnn dddd 1111 0011 mmmm"),
  row("UHSAX", "cccc 0110 0111 nnnn dddd 1111 0101 mmmm"),
  row("UHSUB16", "cccc 0110 0111 nnnn dddd 1111 0111 mmmm"),
  row("UHADD8", "cccc 0110 0111 nnnn dddd 1111 1001 mmmm"),
  row("UHSUB8", "cccc 0110 0111 nnnn dddd 1111 1111 mmmm"),
];

/** Saturating arithmetic (A5.2.6) and saturation (A5.4.3): handlers in exec/a32/saturate.ts. */
export const a32Saturate: Row[] = [
  row("QADD", "cccc 0001 0000 nnnn dddd 0000 0101 mmmm"),
  row("QSUB", "cccc 0001 0010 nnnn dddd 0000 0101 mmmm"),
  row("QDADD", "cccc 0001 0100 nnnn dddd 0000 0101 mmmm"),
  row("QDSUB", "cccc 0001 0110 nnnn dddd 0000 0101 mmmm"),
  row("SSAT", "cccc 0110 101s ssss dddd iiii ih01 nnnn"),
  row("USAT", "cccc 0110 111s ssss dddd iiii ih01 nnnn"),
  row("SSAT16", "cccc 0110 1010 ssss dddd 1111 0011 nnnn"),
  row("USAT16", "cccc 0110 1110 ssss dddd 1111 0011 nnnn"),
];

/** Packing, unpacking, reversal, bit-field and sum-of-differences: handlers in exec/a32/media.ts. */
export const a32Media: Row[] = [
  row("PKHBT", "cccc 0110 1000 nnnn dddd iiii i001 mmmm"),
  row("PKHTB", "cccc 0110 1000 nnnn dddd iiii i101 mmmm"),
  // Rn = 1111 is the plain extend; otherwise extend and add.
  ...group("extend", [
    row("SXTB16", "cccc 0110 1000 1111 dddd rr00 0111 mmmm"),
    row("SXTAB16", "cccc 0110 1000 nnnn dddd rr00 0111 mmmm"),
    row("SXTB", "cccc 0110 1010 1111 dddd rr00 0111 mmmm"),
    row("SXTAB", "cccc 0110 1010 nnnn dddd rr00 0111 mmmm"),
    row("SXTH", "cccc 0110 1011 1111 dddd rr00 0111 mmmm"),
    row("SXTAH", "cccc 0110 1011 nnnn dddd rr00 0111 mmmm"),
    row("UXTB16", "cccc 0110 1100 1111 dddd rr00 0111 mmmm"),
    row("UXTAB16", "cccc 0110 1100 nnnn dddd rr00 0111 mmmm"),
    row("UXTB", "cccc 0110 1110 1111 dddd rr00 0111 mmmm"),
    row("UXTAB", "cccc 0110 1110 nnnn dddd rr00 0111 mmmm"),
    row("UXTH", "cccc 0110 1111 1111 dddd rr00 0111 mmmm"),
    row("UXTAH", "cccc 0110 1111 nnnn dddd rr00 0111 mmmm"),
  ]),
  row("SEL", "cccc 0110 1000 nnnn dddd 1111 1011 mmmm"),
  row("REV", "cccc 0110 1011 1111 dddd 1111 0011 mmmm"),
  row("REV16", "cccc 0110 1011 1111 dddd 1111 1011 mmmm"),
  row("RBIT", "cccc 0110 1111 1111 dddd 1111 0011 mmmm"),
  row("REVSH", "cccc 0110 1111 1111 dddd 1111 1011 mmmm"),
  row("CLZ", "cccc 0001 0110 1111 dddd 1111 0001 mmmm"),
  // Ra = 1111 is USAD8.
  ...group("usad", [
    row("USAD8", "cccc 0111 1000 dddd 1111 mmmm 0001 nnnn"),
    row("USADA8", "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn"),
  ]),
  row("SBFX", "cccc 0111 101w wwww dddd llll l101 nnnn"),
  row("UBFX", "cccc 0111 111w wwww dddd llll l101 nnnn"),
  // Rn = 1111 is BFC.
  ...group("bfi", [
    row("BFC", "cccc 0111 110m mmmm dddd llll l001 1111"),
    row("BFI", "cccc 0111 110m mmmm dddd llll l001 nnnn"),
  ]),
];
