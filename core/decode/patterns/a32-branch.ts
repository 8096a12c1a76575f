// A32 branches and exception-generating instructions (ARM ARM A5.2.12, A5.7).
// Fixed bits follow QEMU 7.2's a32.decode (SBO/SBZ bits that QEMU fixes are fixed here too).
import { row, type Row } from "../formats";

export const a32Branch: Row[] = [
  row("B", "cccc 1010 iiii iiii iiii iiii iiii iiii"),
  row("BL_imm", "cccc 1011 iiii iiii iiii iiii iiii iiii"),
  row("BX", "cccc 0001 0010 1111 1111 1111 0001 mmmm", { since: "v4T" }),
  row("BXJ", "cccc 0001 0010 1111 1111 1111 0010 mmmm", { since: "v5TEJ" }),
  row("BLX_reg", "cccc 0001 0010 1111 1111 1111 0011 mmmm", { since: "v5T" }),
  row("SVC", "cccc 1111 iiii iiii iiii iiii iiii iiii"),
  row("BKPT", "cccc 0001 0010 iiii iiii iiii 0111 iiii", { since: "v5T" }),
  // HLT is v8, but QEMU decodes it on v7 for the A32 semihosting trap (HLT #0xF000).
  row("HLT", "cccc 0001 0000 iiii iiii iiii 0111 iiii"),
  row("HVC", "cccc 0001 0100 iiii iiii iiii 0111 iiii", { since: "v7VE" }),
  row("SMC", "cccc 0001 0110 0000 0000 0000 0111 iiii", { since: "v6K" }),
  row("UDF", "1110 0111 1111 iiii iiii iiii 1111 iiii"),
];
