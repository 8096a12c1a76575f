// Operand helpers shared by the A32 (and later T32) handlers: immediate expansion and the
// barrel shifter with carry out (ARM ARM A5.2.4, A8.4.3 Shift_C).
import { flagC, rreg } from "../../cpu";

/** Carry out of the last expandImmC / shiftC call. */
export let shifterCarry: u32 = 0;

/** ARMExpandImm_C: 8-bit value rotated right by twice the 4-bit rotation. */
export function expandImmC(imm12: u32): u32 {
  const rot = (imm12 >>> 8) << 1;
  const v = imm12 & 0xff;
  if (rot == 0) { shifterCarry = flagC(); return v; }
  const r = rotr<u32>(v, rot);
  shifterCarry = r >>> 31;
  return r;
}

/** ARMExpandImm without carry. */
@inline export function expandImm(imm12: u32): u32 {
  return rotr<u32>(imm12 & 0xff, (imm12 >>> 8) << 1);
}

/**
 * ThumbExpandImm_C (T32 modified immediate, imm12 = i:imm3:imm8): a byte replicated by
 * imm12[9:8] (carry unchanged), or 1:imm12[6:0] rotated right by imm12[11:7] (carry = bit 31).
 * The UNPREDICTABLE replications of a zero byte give 0, as in QEMU.
 */
export function thumbExpandImmC(imm12: u32): u32 {
  const b = imm12 & 0xff;
  if ((imm12 & 0xc00) == 0) {
    shifterCarry = flagC();
    switch ((imm12 >>> 8) & 3) {
      case 0: return b;
      case 1: return b * 0x00010001;
      case 2: return b * 0x01000100;
      default: return b * 0x01010101;
    }
  }
  const r = rotr<u32>(0x80 | (imm12 & 0x7f), imm12 >>> 7);
  shifterCarry = r >>> 31;
  return r;
}

export const SRType_LSL: u32 = 0;
export const SRType_LSR: u32 = 1;
export const SRType_ASR: u32 = 2;
export const SRType_ROR: u32 = 3; // RRX when the immediate amount is 0

/** Shift by an immediate, as encoded (type, imm5): DecodeImmShift + Shift_C. */
export function shiftImmC(v: u32, type: u32, imm5: u32): u32 {
  switch (type) {
    case 0: // LSL
      if (imm5 == 0) { shifterCarry = flagC(); return v; }
      shifterCarry = (v >>> (32 - imm5)) & 1;
      return v << imm5;
    case 1: // LSR #1..32 (0 encodes 32)
      if (imm5 == 0) { shifterCarry = v >>> 31; return 0; }
      shifterCarry = (v >>> (imm5 - 1)) & 1;
      return v >>> imm5;
    case 2: // ASR #1..32
      if (imm5 == 0) { shifterCarry = v >>> 31; return <u32>(<i32>v >> 31); }
      shifterCarry = (v >>> (imm5 - 1)) & 1;
      return <u32>(<i32>v >> imm5);
    default: // ROR #1..31, or RRX
      if (imm5 == 0) { shifterCarry = v & 1; return (flagC() << 31) | (v >>> 1); }
      const r = rotr<u32>(v, imm5);
      shifterCarry = r >>> 31;
      return r;
  }
}

/** Shift by a register amount (bottom byte of Rs): Shift_C with amount 0..255. */
export function shiftRegC(v: u32, type: u32, amount: u32): u32 {
  amount &= 0xff;
  if (amount == 0) { shifterCarry = flagC(); return v; }
  switch (type) {
    case 0:
      if (amount < 32) { shifterCarry = (v >>> (32 - amount)) & 1; return v << amount; }
      shifterCarry = amount == 32 ? v & 1 : 0;
      return 0;
    case 1:
      if (amount < 32) { shifterCarry = (v >>> (amount - 1)) & 1; return v >>> amount; }
      shifterCarry = amount == 32 ? v >>> 31 : 0;
      return 0;
    case 2:
      if (amount < 32) { shifterCarry = (v >>> (amount - 1)) & 1; return <u32>(<i32>v >> amount); }
      shifterCarry = v >>> 31;
      return <u32>(<i32>v >> 31);
    default: {
      const r = rotr<u32>(v, amount & 31);
      shifterCarry = r >>> 31;
      return r;
    }
  }
}

/** Register operand with immediate shift, fields Rm = [3:0], type = [6:5], imm5 = [11:7]. */
@inline export function shiftedRegImm(insn: u32): u32 {
  return shiftImmC(rreg(insn & 0xf), (insn >>> 5) & 3, (insn >>> 7) & 0x1f);
}

/** Register operand shifted by a register, fields Rm = [3:0], type = [6:5], Rs = [11:8] (bottom byte used). */
@inline export function shiftedRegReg(insn: u32): u32 {
  return shiftRegC(rreg(insn & 0xf), (insn >>> 5) & 3, rreg((insn >>> 8) & 0xf));
}
