// A32 data-processing instructions (ARM ARM A5.2).
import { rreg, wregAlu, setNZ, setCF, isThumb } from "../../cpu";
import { expandImmC, shifterCarry } from "./operands";

/** MOV (immediate), A1. With S and Rd = PC it is an exception return (SUBS PC-style), handled with the rest of the class. */
export function MOV_imm(insn: u32): bool {
  const d = (insn >>> 12) & 0xf;
  const s = (insn >>> 20) & 1;
  const v = expandImmC(insn & 0xfff);
  wregAlu(d, v);
  if (s && d != 15) { setNZ(v); setCF(shifterCarry); }
  return true;
}
