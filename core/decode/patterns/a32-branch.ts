// A32 branches and exception-generating instructions (ARM ARM A5.7, A5.2.12).
import { row, type Row } from "../formats";

export const a32Branch: Row[] = [
  row("B", "cccc 1010 iiii iiii iiii iiii iiii iiii"),
  row("BL_imm", "cccc 1011 iiii iiii iiii iiii iiii iiii"),
  row("SVC", "cccc 1111 iiii iiii iiii iiii iiii iiii"),
];
