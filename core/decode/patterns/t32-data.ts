// 32-bit Thumb data processing, multiply, divide, media (ARM ARM A6.3.1-A6.3.4, A6.3.11-A6.3.18).
// The word is hw1 << 16 | hw2. Fixed bits follow QEMU 7.2's t32.decode: encodings it does not
// match are UNDEFINED (e.g. op 0101/0111/1001/1100/1111 of the data-processing spaces, CRC32 on
// the A15). Groups hold the "Rd = 1111 with S" compares and the "Rn = 1111" moves / plain
// extends, which QEMU decodes first. Field letters: d = Rd (RdHi), a = Ra (RdLo), n = Rn,
// m = Rm, i = immediate bits, t = shift type, S = set flags.
import { row, group, type Row } from "../formats";

/** Data processing (modified immediate, A6.3.1): handlers in exec/t32/data.ts. */
const modifiedImmediate: Row[] = [
  ...group("t_and_imm", [
    row("T_TST_imm", "1111 0i00 0001 nnnn 0iii 1111 iiii iiii"),
    row("T_AND_imm", "1111 0i00 000S nnnn 0iii dddd iiii iiii"),
  ]),
  row("T_BIC_imm", "1111 0i00 001S nnnn 0iii dddd iiii iiii"),
  ...group("t_orr_imm", [
    row("T_MOV_imm", "1111 0i00 010S 1111 0iii dddd iiii iiii"),
    row("T_ORR_imm", "1111 0i00 010S nnnn 0iii dddd iiii iiii"),
  ]),
  ...group("t_orn_imm", [
    row("T_MVN_imm", "1111 0i00 011S 1111 0iii dddd iiii iiii"),
    row("T_ORN_imm", "1111 0i00 011S nnnn 0iii dddd iiii iiii"),
  ]),
  ...group("t_eor_imm", [
    row("T_TEQ_imm", "1111 0i00 1001 nnnn 0iii 1111 iiii iiii"),
    row("T_EOR_imm", "1111 0i00 100S nnnn 0iii dddd iiii iiii"),
  ]),
  ...group("t_add_imm", [
    row("T_CMN_imm", "1111 0i01 0001 nnnn 0iii 1111 iiii iiii"),
    row("T_ADD_imm", "1111 0i01 000S nnnn 0iii dddd iiii iiii"),
  ]),
  row("T_ADC_imm", "1111 0i01 010S nnnn 0iii dddd iiii iiii"),
  row("T_SBC_imm", "1111 0i01 011S nnnn 0iii dddd iiii iiii"),
  ...group("t_sub_imm", [
    row("T_CMP_imm", "1111 0i01 1011 nnnn 0iii 1111 iiii iiii"),
    row("T_SUB_imm", "1111 0i01 101S nnnn 0iii dddd iiii iiii"),
  ]),
  row("T_RSB_imm", "1111 0i01 110S nnnn 0iii dddd iiii iiii"),
];

/** Data processing (plain binary immediate, A6.3.3). */
const plainImmediate: Row[] = [
  ...group("t_addw", [
    row("T_ADR_add", "1111 0i10 0000 1111 0iii dddd iiii iiii"),
    row("T_ADDW", "1111 0i10 0000 nnnn 0iii dddd iiii iiii"),
  ]),
  ...group("t_subw", [
    row("T_ADR_sub", "1111 0i10 1010 1111 0iii dddd iiii iiii"),
    row("T_SUBW", "1111 0i10 1010 nnnn 0iii dddd iiii iiii"),
  ]),
  row("T_MOVW", "1111 0i10 0100 iiii 0iii dddd iiii iiii"),
  row("T_MOVT", "1111 0i10 1100 iiii 0iii dddd iiii iiii"),
  // sh = 1 with a zero shift amount is the 16-bit form
  ...group("t_ssat", [
    row("T_SSAT16", "1111 0011 0010 nnnn 0000 dddd 000s ssss"),
    row("T_SSAT", "1111 0011 00h0 nnnn 0iii dddd ii0s ssss"),
  ]),
  ...group("t_usat", [
    row("T_USAT16", "1111 0011 1010 nnnn 0000 dddd 000s ssss"),
    row("T_USAT", "1111 0011 10h0 nnnn 0iii dddd ii0s ssss"),
  ]),
  row("T_SBFX", "1111 0011 0100 nnnn 0iii dddd ii0w wwww"),
  row("T_UBFX", "1111 0011 1100 nnnn 0iii dddd ii0w wwww"),
  ...group("t_bfi", [
    row("T_BFC", "1111 0011 0110 1111 0iii dddd ii0m mmmm"),
    row("T_BFI", "1111 0011 0110 nnnn 0iii dddd ii0m mmmm"),
  ]),
];

/** Data processing (shifted register, A6.3.11); the register-shifted MOV (A6.3.12). */
const shiftedRegister: Row[] = [
  ...group("t_and_reg", [
    row("T_TST_reg", "1110 1010 0001 nnnn 0iii 1111 iitt mmmm"),
    row("T_AND_reg", "1110 1010 000S nnnn 0iii dddd iitt mmmm"),
  ]),
  row("T_BIC_reg", "1110 1010 001S nnnn 0iii dddd iitt mmmm"),
  ...group("t_orr_reg", [
    row("T_MOV_reg", "1110 1010 010S 1111 0iii dddd iitt mmmm"), // also LSL/LSR/ASR/ROR/RRX (imm)
    row("T_ORR_reg", "1110 1010 010S nnnn 0iii dddd iitt mmmm"),
  ]),
  ...group("t_orn_reg", [
    row("T_MVN_reg", "1110 1010 011S 1111 0iii dddd iitt mmmm"),
    row("T_ORN_reg", "1110 1010 011S nnnn 0iii dddd iitt mmmm"),
  ]),
  ...group("t_eor_reg", [
    row("T_TEQ_reg", "1110 1010 1001 nnnn 0iii 1111 iitt mmmm"),
    row("T_EOR_reg", "1110 1010 100S nnnn 0iii dddd iitt mmmm"),
  ]),
  row("T_PKHBT", "1110 1010 1100 nnnn 0iii dddd ii00 mmmm"),
  row("T_PKHTB", "1110 1010 1100 nnnn 0iii dddd ii10 mmmm"),
  ...group("t_add_reg", [
    row("T_CMN_reg", "1110 1011 0001 nnnn 0iii 1111 iitt mmmm"),
    row("T_ADD_reg", "1110 1011 000S nnnn 0iii dddd iitt mmmm"),
  ]),
  row("T_ADC_reg", "1110 1011 010S nnnn 0iii dddd iitt mmmm"),
  row("T_SBC_reg", "1110 1011 011S nnnn 0iii dddd iitt mmmm"),
  ...group("t_sub_reg", [
    row("T_CMP_reg", "1110 1011 1011 nnnn 0iii 1111 iitt mmmm"),
    row("T_SUB_reg", "1110 1011 101S nnnn 0iii dddd iitt mmmm"),
  ]),
  row("T_RSB_reg", "1110 1011 110S nnnn 0iii dddd iitt mmmm"),
  // LSL/LSR/ASR/ROR (register): the value is in bits 19:16, the amount register in 3:0
  row("T_MOV_rsr", "1111 1010 0ttS nnnn 1111 dddd 0000 mmmm"),
];

/** Extend and extend-add (A6.3.12, rotation in bits 5:4); Rn = 1111 is the plain extend. */
const extend: Row[] = [
  ...group("t_sxtah", [
    row("T_SXTH", "1111 1010 0000 1111 1111 dddd 10rr mmmm"),
    row("T_SXTAH", "1111 1010 0000 nnnn 1111 dddd 10rr mmmm"),
  ]),
  ...group("t_uxtah", [
    row("T_UXTH", "1111 1010 0001 1111 1111 dddd 10rr mmmm"),
    row("T_UXTAH", "1111 1010 0001 nnnn 1111 dddd 10rr mmmm"),
  ]),
  ...group("t_sxtab16", [
    row("T_SXTB16", "1111 1010 0010 1111 1111 dddd 10rr mmmm"),
    row("T_SXTAB16", "1111 1010 0010 nnnn 1111 dddd 10rr mmmm"),
  ]),
  ...group("t_uxtab16", [
    row("T_UXTB16", "1111 1010 0011 1111 1111 dddd 10rr mmmm"),
    row("T_UXTAB16", "1111 1010 0011 nnnn 1111 dddd 10rr mmmm"),
  ]),
  ...group("t_sxtab", [
    row("T_SXTB", "1111 1010 0100 1111 1111 dddd 10rr mmmm"),
    row("T_SXTAB", "1111 1010 0100 nnnn 1111 dddd 10rr mmmm"),
  ]),
  ...group("t_uxtab", [
    row("T_UXTB", "1111 1010 0101 1111 1111 dddd 10rr mmmm"),
    row("T_UXTAB", "1111 1010 0101 nnnn 1111 dddd 10rr mmmm"),
  ]),
];

/** Parallel addition and subtraction (A6.3.13, A6.3.14): op1 in bits 22:20, prefix in 6:4. */
const PARALLEL_OPS: [string, string][] = [
  ["ADD8", "000"], ["ADD16", "001"], ["ASX", "010"], ["SUB8", "100"], ["SUB16", "101"], ["SAX", "110"],
];
const PARALLEL_PREFIXES: [string, string][] = [
  ["S", "000"], ["Q", "001"], ["SH", "010"], ["U", "100"], ["UQ", "101"], ["UH", "110"],
];
const parallel: Row[] = PARALLEL_OPS.flatMap(([op, o]) =>
  PARALLEL_PREFIXES.map(([p, b]) => row(`T_${p}${op}`, `1111 1010 1${o} nnnn 1111 dddd 0${b} mmmm`)),
);

/** Miscellaneous operations (A6.3.15). REV* and CLZ ignore bits 19:16 (Rn = Rm), as QEMU. */
const misc: Row[] = [
  row("T_QADD", "1111 1010 1000 nnnn 1111 dddd 1000 mmmm"),
  row("T_QDADD", "1111 1010 1000 nnnn 1111 dddd 1001 mmmm"),
  row("T_QSUB", "1111 1010 1000 nnnn 1111 dddd 1010 mmmm"),
  row("T_QDSUB", "1111 1010 1000 nnnn 1111 dddd 1011 mmmm"),
  row("T_REV", "1111 1010 1001 ---- 1111 dddd 1000 mmmm"),
  row("T_REV16", "1111 1010 1001 ---- 1111 dddd 1001 mmmm"),
  row("T_RBIT", "1111 1010 1001 ---- 1111 dddd 1010 mmmm"),
  row("T_REVSH", "1111 1010 1001 ---- 1111 dddd 1011 mmmm"),
  row("T_SEL", "1111 1010 1010 nnnn 1111 dddd 1000 mmmm"),
  row("T_CLZ", "1111 1010 1011 ---- 1111 dddd 1000 mmmm"),
];

/** Multiply, multiply accumulate and absolute difference (A6.3.16); Ra = 1111 is the non-accumulating form. */
const multiply: Row[] = [
  ...group("t_mla", [
    row("T_MUL", "1111 1011 0000 nnnn 1111 dddd 0000 mmmm"),
    row("T_MLA", "1111 1011 0000 nnnn aaaa dddd 0000 mmmm"),
  ]),
  row("T_MLS", "1111 1011 0000 nnnn aaaa dddd 0001 mmmm"),
  ...group("t_smlaxy", [
    row("T_SMULxy", "1111 1011 0001 nnnn 1111 dddd 00xy mmmm"),
    row("T_SMLAxy", "1111 1011 0001 nnnn aaaa dddd 00xy mmmm"),
  ]),
  row("T_SMLAD", "1111 1011 0010 nnnn aaaa dddd 000X mmmm"), // SMUAD when Ra = 15
  ...group("t_smlawy", [
    row("T_SMULWy", "1111 1011 0011 nnnn 1111 dddd 000y mmmm"),
    row("T_SMLAWy", "1111 1011 0011 nnnn aaaa dddd 000y mmmm"),
  ]),
  row("T_SMLSD", "1111 1011 0100 nnnn aaaa dddd 000X mmmm"), // SMUSD when Ra = 15
  row("T_SMMLA", "1111 1011 0101 nnnn aaaa dddd 000R mmmm"), // SMMUL when Ra = 15
  row("T_SMMLS", "1111 1011 0110 nnnn aaaa dddd 000R mmmm"),
  ...group("t_usada8", [
    row("T_USAD8", "1111 1011 0111 nnnn 1111 dddd 0000 mmmm"),
    row("T_USADA8", "1111 1011 0111 nnnn aaaa dddd 0000 mmmm"),
  ]),
];

/** Long multiply, long multiply accumulate and divide (A6.3.17, A6.3.18): a = RdLo, d = RdHi. */
const longMultiply: Row[] = [
  row("T_SMULL", "1111 1011 1000 nnnn aaaa dddd 0000 mmmm"),
  row("T_SDIV", "1111 1011 1001 nnnn 1111 dddd 1111 mmmm", { since: "v7ve" }),
  row("T_UMULL", "1111 1011 1010 nnnn aaaa dddd 0000 mmmm"),
  row("T_UDIV", "1111 1011 1011 nnnn 1111 dddd 1111 mmmm", { since: "v7ve" }),
  row("T_SMLAL", "1111 1011 1100 nnnn aaaa dddd 0000 mmmm"),
  row("T_SMLALxy", "1111 1011 1100 nnnn aaaa dddd 10xy mmmm"),
  row("T_SMLALD", "1111 1011 1100 nnnn aaaa dddd 110X mmmm"),
  row("T_SMLSLD", "1111 1011 1101 nnnn aaaa dddd 110X mmmm"),
  row("T_UMLAL", "1111 1011 1110 nnnn aaaa dddd 0000 mmmm"),
  row("T_UMAAL", "1111 1011 1110 nnnn aaaa dddd 0110 mmmm"),
];

export const t32Data: Row[] = [
  ...modifiedImmediate,
  ...plainImmediate,
  ...shiftedRegister,
  ...extend,
  ...parallel,
  ...misc,
  ...multiply,
  ...longMultiply,
];
