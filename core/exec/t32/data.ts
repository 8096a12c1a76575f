// 32-bit Thumb data processing (ARM ARM A6.3.1, A6.3.3, A6.3.11, A6.3.12). The semantics are
// the A32 ones (a32/data-processing.ts dataProcessing, a32/operands.ts shifters); only the
// field positions and the immediate expansion (ThumbExpandImm_C) differ. As in QEMU 7.2:
// a PC operand reads as the instruction address + 4 (unaligned, except ADR); Rd = 15 writes
// the PC without interworking (QEMU store_reg in Thumb), ADR excepted (store_reg_bx); MOVS PC
// and the register-shifted MOVS PC are exception returns like their A32 forms.
import { rreg, wreg, bxWritePC } from "../../cpu";
import {
  dataProcessing, OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_TST, OP_TEQ,
  OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN, OP_ORN,
} from "../a32/data-processing";
import { thumbExpandImmC, shiftImmC, shiftRegC } from "../a32/operands";

export * from "./data-media";
export * from "./data-multiply";

@inline function fD(insn: u32): u32 { return (insn >>> 8) & 0xf; }
@inline function fN(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function fS(insn: u32): bool { return (insn & 0x100000) != 0; }
/** i:imm3:imm8 (bits 26, 14:12, 7:0). */
@inline function imm12(insn: u32): u32 { return ((insn >>> 15) & 0x800) | ((insn >>> 4) & 0x700) | (insn & 0xff); }

// ---- shifter operands ----
/** Modified immediate: ThumbExpandImm_C(i:imm3:imm8). */
@inline function opImm(insn: u32): u32 { return thumbExpandImmC(imm12(insn)); }
/** Rm shifted by imm3:imm2 (bits 14:12, 7:6) with type bits 5:4 (ROR #0 is RRX). */
@inline function opReg(insn: u32): u32 {
  return shiftImmC(rreg(insn & 0xf), (insn >>> 4) & 3, ((insn >>> 10) & 0x1c) | ((insn >>> 6) & 3));
}

@inline function dp(insn: u32, op: u32, b: u32): bool { return dataProcessing(op, fD(insn), fN(insn), fS(insn), b); }
/** The compares: Rd = 1111 with S = 1. */
@inline function cmp(insn: u32, op: u32, b: u32): bool { return dataProcessing(op, 15, fN(insn), true, b); }

// ---- modified immediate ----
export function T_AND_imm(insn: u32): bool { return dp(insn, OP_AND, opImm(insn)); }
export function T_TST_imm(insn: u32): bool { return cmp(insn, OP_TST, opImm(insn)); }
export function T_BIC_imm(insn: u32): bool { return dp(insn, OP_BIC, opImm(insn)); }
export function T_ORR_imm(insn: u32): bool { return dp(insn, OP_ORR, opImm(insn)); }
export function T_MOV_imm(insn: u32): bool { return dp(insn, OP_MOV, opImm(insn)); }
export function T_ORN_imm(insn: u32): bool { return dp(insn, OP_ORN, opImm(insn)); }
export function T_MVN_imm(insn: u32): bool { return dp(insn, OP_MVN, opImm(insn)); }
export function T_EOR_imm(insn: u32): bool { return dp(insn, OP_EOR, opImm(insn)); }
export function T_TEQ_imm(insn: u32): bool { return cmp(insn, OP_TEQ, opImm(insn)); }
export function T_ADD_imm(insn: u32): bool { return dp(insn, OP_ADD, opImm(insn)); }
export function T_CMN_imm(insn: u32): bool { return cmp(insn, OP_CMN, opImm(insn)); }
export function T_ADC_imm(insn: u32): bool { return dp(insn, OP_ADC, opImm(insn)); }
export function T_SBC_imm(insn: u32): bool { return dp(insn, OP_SBC, opImm(insn)); }
export function T_SUB_imm(insn: u32): bool { return dp(insn, OP_SUB, opImm(insn)); }
export function T_CMP_imm(insn: u32): bool { return cmp(insn, OP_CMP, opImm(insn)); }
export function T_RSB_imm(insn: u32): bool { return dp(insn, OP_RSB, opImm(insn)); }

// ---- shifted register ----
export function T_AND_reg(insn: u32): bool { return dp(insn, OP_AND, opReg(insn)); }
export function T_TST_reg(insn: u32): bool { return cmp(insn, OP_TST, opReg(insn)); }
export function T_BIC_reg(insn: u32): bool { return dp(insn, OP_BIC, opReg(insn)); }
export function T_ORR_reg(insn: u32): bool { return dp(insn, OP_ORR, opReg(insn)); }
export function T_MOV_reg(insn: u32): bool { return dp(insn, OP_MOV, opReg(insn)); }
export function T_ORN_reg(insn: u32): bool { return dp(insn, OP_ORN, opReg(insn)); }
export function T_MVN_reg(insn: u32): bool { return dp(insn, OP_MVN, opReg(insn)); }
export function T_EOR_reg(insn: u32): bool { return dp(insn, OP_EOR, opReg(insn)); }
export function T_TEQ_reg(insn: u32): bool { return cmp(insn, OP_TEQ, opReg(insn)); }
export function T_ADD_reg(insn: u32): bool { return dp(insn, OP_ADD, opReg(insn)); }
export function T_CMN_reg(insn: u32): bool { return cmp(insn, OP_CMN, opReg(insn)); }
export function T_ADC_reg(insn: u32): bool { return dp(insn, OP_ADC, opReg(insn)); }
export function T_SBC_reg(insn: u32): bool { return dp(insn, OP_SBC, opReg(insn)); }
export function T_SUB_reg(insn: u32): bool { return dp(insn, OP_SUB, opReg(insn)); }
export function T_CMP_reg(insn: u32): bool { return cmp(insn, OP_CMP, opReg(insn)); }
export function T_RSB_reg(insn: u32): bool { return dp(insn, OP_RSB, opReg(insn)); }

/** LSL/LSR/ASR/ROR (register): Rd = Rn shifted by Rm[7:0], type in bits 22:21. */
export function T_MOV_rsr(insn: u32): bool {
  return dp(insn, OP_MOV, shiftRegC(rreg(fN(insn)), (insn >>> 21) & 3, rreg(insn & 0xf)));
}

// ---- plain binary immediate: ADDW/SUBW never set flags; ADR uses Align(PC, 4) ----
export function T_ADDW(insn: u32): bool { return dataProcessing(OP_ADD, fD(insn), fN(insn), false, imm12(insn)); }
export function T_SUBW(insn: u32): bool { return dataProcessing(OP_SUB, fD(insn), fN(insn), false, imm12(insn)); }

/** ADR: Rd = 15 interworks, as QEMU's store_reg_bx. */
@inline function adr(insn: u32, v: u32): bool {
  const d = fD(insn);
  if (d == 15) bxWritePC(v); else wreg(d, v);
  return true;
}
export function T_ADR_add(insn: u32): bool { return adr(insn, (rreg(15) & ~3) + imm12(insn)); }
export function T_ADR_sub(insn: u32): bool { return adr(insn, (rreg(15) & ~3) - imm12(insn)); }
