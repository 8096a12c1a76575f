// A32 data-processing (ARM ARM A5.2.1-A5.2.3): immediate, register (immediate shift) and
// register-shifted-register forms, plus MOVW/MOVT (A5.2.3 16-bit immediate loads).
// Fixed bits follow QEMU's a32.decode: MOV/MVN need Rn = 0000 and TST/TEQ/CMP/CMN need
// Rd = 0000, otherwise UNDEFINED. The compare ops with S = 0 are the miscellaneous space.
import { row, type Row } from "../formats";

export const a32DataProcessing: Row[] = [
  // register, immediate shift (type 11 with imm5 = 0 is RRX)
  row("AND_reg", "cccc 0000 000S nnnn dddd iiii itt0 mmmm"),
  row("EOR_reg", "cccc 0000 001S nnnn dddd iiii itt0 mmmm"),
  row("SUB_reg", "cccc 0000 010S nnnn dddd iiii itt0 mmmm"),
  row("RSB_reg", "cccc 0000 011S nnnn dddd iiii itt0 mmmm"),
  row("ADD_reg", "cccc 0000 100S nnnn dddd iiii itt0 mmmm"),
  row("ADC_reg", "cccc 0000 101S nnnn dddd iiii itt0 mmmm"),
  row("SBC_reg", "cccc 0000 110S nnnn dddd iiii itt0 mmmm"),
  row("RSC_reg", "cccc 0000 111S nnnn dddd iiii itt0 mmmm"),
  row("TST_reg", "cccc 0001 0001 nnnn 0000 iiii itt0 mmmm"),
  row("TEQ_reg", "cccc 0001 0011 nnnn 0000 iiii itt0 mmmm"),
  row("CMP_reg", "cccc 0001 0101 nnnn 0000 iiii itt0 mmmm"),
  row("CMN_reg", "cccc 0001 0111 nnnn 0000 iiii itt0 mmmm"),
  row("ORR_reg", "cccc 0001 100S nnnn dddd iiii itt0 mmmm"),
  row("MOV_reg", "cccc 0001 101S 0000 dddd iiii itt0 mmmm"), // also LSL/LSR/ASR/ROR/RRX (imm)
  row("BIC_reg", "cccc 0001 110S nnnn dddd iiii itt0 mmmm"),
  row("MVN_reg", "cccc 0001 111S 0000 dddd iiii itt0 mmmm"),

  // register-shifted register
  row("AND_rsr", "cccc 0000 000S nnnn dddd ssss 0tt1 mmmm"),
  row("EOR_rsr", "cccc 0000 001S nnnn dddd ssss 0tt1 mmmm"),
  row("SUB_rsr", "cccc 0000 010S nnnn dddd ssss 0tt1 mmmm"),
  row("RSB_rsr", "cccc 0000 011S nnnn dddd ssss 0tt1 mmmm"),
  row("ADD_rsr", "cccc 0000 100S nnnn dddd ssss 0tt1 mmmm"),
  row("ADC_rsr", "cccc 0000 101S nnnn dddd ssss 0tt1 mmmm"),
  row("SBC_rsr", "cccc 0000 110S nnnn dddd ssss 0tt1 mmmm"),
  row("RSC_rsr", "cccc 0000 111S nnnn dddd ssss 0tt1 mmmm"),
  row("TST_rsr", "cccc 0001 0001 nnnn 0000 ssss 0tt1 mmmm"),
  row("TEQ_rsr", "cccc 0001 0011 nnnn 0000 ssss 0tt1 mmmm"),
  row("CMP_rsr", "cccc 0001 0101 nnnn 0000 ssss 0tt1 mmmm"),
  row("CMN_rsr", "cccc 0001 0111 nnnn 0000 ssss 0tt1 mmmm"),
  row("ORR_rsr", "cccc 0001 100S nnnn dddd ssss 0tt1 mmmm"),
  row("MOV_rsr", "cccc 0001 101S 0000 dddd ssss 0tt1 mmmm"), // also LSL/LSR/ASR/ROR (reg)
  row("BIC_rsr", "cccc 0001 110S nnnn dddd ssss 0tt1 mmmm"),
  row("MVN_rsr", "cccc 0001 111S 0000 dddd ssss 0tt1 mmmm"),

  // modified immediate (8 bits rotated right by 2 * rot)
  row("AND_imm", "cccc 0010 000S nnnn dddd rrrr iiii iiii"),
  row("EOR_imm", "cccc 0010 001S nnnn dddd rrrr iiii iiii"),
  row("SUB_imm", "cccc 0010 010S nnnn dddd rrrr iiii iiii"),
  row("RSB_imm", "cccc 0010 011S nnnn dddd rrrr iiii iiii"),
  row("ADD_imm", "cccc 0010 100S nnnn dddd rrrr iiii iiii"),
  row("ADC_imm", "cccc 0010 101S nnnn dddd rrrr iiii iiii"),
  row("SBC_imm", "cccc 0010 110S nnnn dddd rrrr iiii iiii"),
  row("RSC_imm", "cccc 0010 111S nnnn dddd rrrr iiii iiii"),
  row("TST_imm", "cccc 0011 0001 nnnn 0000 rrrr iiii iiii"),
  row("TEQ_imm", "cccc 0011 0011 nnnn 0000 rrrr iiii iiii"),
  row("CMP_imm", "cccc 0011 0101 nnnn 0000 rrrr iiii iiii"),
  row("CMN_imm", "cccc 0011 0111 nnnn 0000 rrrr iiii iiii"),
  row("ORR_imm", "cccc 0011 100S nnnn dddd rrrr iiii iiii"),
  row("MOV_imm", "cccc 0011 101S 0000 dddd rrrr iiii iiii"),
  row("BIC_imm", "cccc 0011 110S nnnn dddd rrrr iiii iiii"),
  row("MVN_imm", "cccc 0011 111S 0000 dddd rrrr iiii iiii"),

  // 16-bit immediate moves (v6T2); the TST/CMP immediate encodings with S = 0
  row("MOVW", "cccc 0011 0000 iiii dddd iiii iiii iiii", { since: "v6T2" }),
  row("MOVT", "cccc 0011 0100 iiii dddd iiii iiii iiii", { since: "v6T2" }),
];
