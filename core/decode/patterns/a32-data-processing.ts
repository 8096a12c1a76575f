// A32 data-processing (ARM ARM A5.2): immediate, register and register-shifted-register forms.
import { row, type Row } from "../formats";

export const a32DataProcessing: Row[] = [
  row("MOV_imm", "cccc 0011 101S 0000 dddd iiii iiii iiii"),
];
