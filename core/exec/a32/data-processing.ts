// A32 data-processing (ARM ARM A5.2.1-A5.2.3, A8.8 AND..MVN), MOVW and MOVT.
// Each row's handler computes the shifter operand and calls one generic body with a constant
// opcode (bits 24:21), which the compiler folds into a specialised function per row.
// QEMU 7.2 behaviours we copy: PC reads as +8 in every form (also the register-shifted one,
// where it is UNPREDICTABLE); Rd = 15 interworks (ALUWritePC); only SUBS and MOVS with Rd = 15
// are exception returns (UNDEFINED in User mode); other ops with S and Rd = 15 set the flags
// and branch.
import {
  rreg, wreg, wregAlu, branchWritePC, setNZ, setCF, setVF, flagC, isPrivileged, isThumb,
  getCPSR, setCPSR, getSPSR, modeValid, setNextPC,
} from "../../cpu";
import { exceptionReturn } from "../../exceptions/a32-return";
import { expandImmC, shiftedRegImm, shiftedRegReg, shifterCarry } from "./operands";

// Operations: the A32 opcode (bits 24:21), plus ORN, which only T32 has.
export const OP_AND: u32 = 0, OP_EOR: u32 = 1, OP_SUB: u32 = 2, OP_RSB: u32 = 3;
export const OP_ADD: u32 = 4, OP_ADC: u32 = 5, OP_SBC: u32 = 6, OP_RSC: u32 = 7;
export const OP_TST: u32 = 8, OP_TEQ: u32 = 9, OP_CMP: u32 = 10, OP_CMN: u32 = 11;
export const OP_ORR: u32 = 12, OP_MOV: u32 = 13, OP_BIC: u32 = 14, OP_MVN: u32 = 15;
export const OP_ORN: u32 = 16;

/** AddWithCarry, setting N Z C V when s. */
@inline function addc(a: u32, b: u32, c: u32, s: bool): u32 {
  const r64 = <u64>a + <u64>b + <u64>c;
  const r = <u32>r64;
  if (s) { setNZ(r); setCF(<u32>(r64 >>> 32)); setVF((r ^ a) & ~(a ^ b)); }
  return r;
}

/** The A32 body: fields Rd [15:12], Rn [19:16], S [20]; b is the shifter operand. */
@inline function dp(insn: u32, op: u32, b: u32): bool {
  return dataProcessing(op, (insn >>> 12) & 0xf, (insn >>> 16) & 0xf, ((insn >>> 20) & 1) != 0, b);
}

/**
 * Data processing shared by A32 and T32: op (OP_*, a constant at every call site so each
 * handler gets its own copy), destination d, first operand register n, flag setting s,
 * shifter operand b with its carry in shifterCarry. Returns false for UNDEFINED.
 */
@inline export function dataProcessing(op: u32, d: u32, n: u32, s: bool, b: u32): bool {
  if (s && d == 15 && (op == OP_SUB || op == OP_MOV)) {
    if (!isPrivileged()) return false; // UNPREDICTABLE in User mode: QEMU UNDEFs
    exceptionReturn(op == OP_MOV ? b : rreg(n) - b, getSPSR()); // SUBS/MOVS PC, LR
    return true;
  }
  const a = (op == OP_MOV || op == OP_MVN) ? 0 : rreg(n);
  let r: u32 = 0;
  let logical = true;
  switch (op) {
    case OP_AND: case OP_TST: r = a & b; break;
    case OP_EOR: case OP_TEQ: r = a ^ b; break;
    case OP_ORR: r = a | b; break;
    case OP_ORN: r = a | ~b; break;
    case OP_MOV: r = b; break;
    case OP_BIC: r = a & ~b; break;
    case OP_MVN: r = ~b; break;
    case OP_SUB: case OP_CMP: r = addc(a, ~b, 1, s); logical = false; break;
    case OP_RSB: r = addc(~a, b, 1, s); logical = false; break;
    case OP_ADD: case OP_CMN: r = addc(a, b, 0, s); logical = false; break;
    case OP_ADC: r = addc(a, b, flagC(), s); logical = false; break;
    case OP_SBC: r = addc(a, ~b, flagC(), s); logical = false; break;
    default: r = addc(~a, b, flagC(), s); logical = false; break; // RSC
  }
  if (s && logical) { setNZ(r); setCF(shifterCarry); }
  if (op < OP_TST || op > OP_CMN) wregAlu(d, r);
  return true;
}

// ---- shifter operands ----
/** Modified immediate (ARMExpandImm_C). */
@inline function opImm(insn: u32): u32 { return expandImmC(insn & 0xfff); }
/** Rm shifted by imm5 (DecodeImmShift; ROR #0 is RRX). */
@inline function opReg(insn: u32): u32 { return shiftedRegImm(insn); }
/** Rm shifted by the bottom byte of Rs. */
@inline function opRsr(insn: u32): u32 { return shiftedRegReg(insn); }

// ---- immediate ----
export function AND_imm(insn: u32): bool { return dp(insn, OP_AND, opImm(insn)); }
export function EOR_imm(insn: u32): bool { return dp(insn, OP_EOR, opImm(insn)); }
export function SUB_imm(insn: u32): bool { return dp(insn, OP_SUB, opImm(insn)); }
export function RSB_imm(insn: u32): bool { return dp(insn, OP_RSB, opImm(insn)); }
export function ADD_imm(insn: u32): bool { return dp(insn, OP_ADD, opImm(insn)); }
export function ADC_imm(insn: u32): bool { return dp(insn, OP_ADC, opImm(insn)); }
export function SBC_imm(insn: u32): bool { return dp(insn, OP_SBC, opImm(insn)); }
export function RSC_imm(insn: u32): bool { return dp(insn, OP_RSC, opImm(insn)); }
export function TST_imm(insn: u32): bool { return dp(insn, OP_TST, opImm(insn)); }
export function TEQ_imm(insn: u32): bool { return dp(insn, OP_TEQ, opImm(insn)); }
export function CMP_imm(insn: u32): bool { return dp(insn, OP_CMP, opImm(insn)); }
export function CMN_imm(insn: u32): bool { return dp(insn, OP_CMN, opImm(insn)); }
export function ORR_imm(insn: u32): bool { return dp(insn, OP_ORR, opImm(insn)); }
export function MOV_imm(insn: u32): bool { return dp(insn, OP_MOV, opImm(insn)); }
export function BIC_imm(insn: u32): bool { return dp(insn, OP_BIC, opImm(insn)); }
export function MVN_imm(insn: u32): bool { return dp(insn, OP_MVN, opImm(insn)); }

// ---- register, immediate shift ----
export function AND_reg(insn: u32): bool { return dp(insn, OP_AND, opReg(insn)); }
export function EOR_reg(insn: u32): bool { return dp(insn, OP_EOR, opReg(insn)); }
export function SUB_reg(insn: u32): bool { return dp(insn, OP_SUB, opReg(insn)); }
export function RSB_reg(insn: u32): bool { return dp(insn, OP_RSB, opReg(insn)); }
export function ADD_reg(insn: u32): bool { return dp(insn, OP_ADD, opReg(insn)); }
export function ADC_reg(insn: u32): bool { return dp(insn, OP_ADC, opReg(insn)); }
export function SBC_reg(insn: u32): bool { return dp(insn, OP_SBC, opReg(insn)); }
export function RSC_reg(insn: u32): bool { return dp(insn, OP_RSC, opReg(insn)); }
export function TST_reg(insn: u32): bool { return dp(insn, OP_TST, opReg(insn)); }
export function TEQ_reg(insn: u32): bool { return dp(insn, OP_TEQ, opReg(insn)); }
export function CMP_reg(insn: u32): bool { return dp(insn, OP_CMP, opReg(insn)); }
export function CMN_reg(insn: u32): bool { return dp(insn, OP_CMN, opReg(insn)); }
export function ORR_reg(insn: u32): bool { return dp(insn, OP_ORR, opReg(insn)); }
export function MOV_reg(insn: u32): bool { return dp(insn, OP_MOV, opReg(insn)); }
export function BIC_reg(insn: u32): bool { return dp(insn, OP_BIC, opReg(insn)); }
export function MVN_reg(insn: u32): bool { return dp(insn, OP_MVN, opReg(insn)); }

// ---- register-shifted register ----
export function AND_rsr(insn: u32): bool { return dp(insn, OP_AND, opRsr(insn)); }
export function EOR_rsr(insn: u32): bool { return dp(insn, OP_EOR, opRsr(insn)); }
export function SUB_rsr(insn: u32): bool { return dp(insn, OP_SUB, opRsr(insn)); }
export function RSB_rsr(insn: u32): bool { return dp(insn, OP_RSB, opRsr(insn)); }
export function ADD_rsr(insn: u32): bool { return dp(insn, OP_ADD, opRsr(insn)); }
export function ADC_rsr(insn: u32): bool { return dp(insn, OP_ADC, opRsr(insn)); }
export function SBC_rsr(insn: u32): bool { return dp(insn, OP_SBC, opRsr(insn)); }
export function RSC_rsr(insn: u32): bool { return dp(insn, OP_RSC, opRsr(insn)); }
export function TST_rsr(insn: u32): bool { return dp(insn, OP_TST, opRsr(insn)); }
export function TEQ_rsr(insn: u32): bool { return dp(insn, OP_TEQ, opRsr(insn)); }
export function CMP_rsr(insn: u32): bool { return dp(insn, OP_CMP, opRsr(insn)); }
export function CMN_rsr(insn: u32): bool { return dp(insn, OP_CMN, opRsr(insn)); }
export function ORR_rsr(insn: u32): bool { return dp(insn, OP_ORR, opRsr(insn)); }
export function MOV_rsr(insn: u32): bool { return dp(insn, OP_MOV, opRsr(insn)); }
export function BIC_rsr(insn: u32): bool { return dp(insn, OP_BIC, opRsr(insn)); }
export function MVN_rsr(insn: u32): bool { return dp(insn, OP_MVN, opRsr(insn)); }

// ---- 16-bit immediates (A8.8.102 MOV (immediate) A2, A8.8.106 MOVT) ----
@inline function imm16(insn: u32): u32 { return ((insn >>> 4) & 0xf000) | (insn & 0xfff); }

/** Rd = 15 is UNPREDICTABLE: QEMU branches without interworking (store_reg). */
@inline function wregPlain(d: u32, v: u32): void { if (d == 15) branchWritePC(v); else wreg(d, v); }

export function MOVW(insn: u32): bool {
  wregPlain((insn >>> 12) & 0xf, imm16(insn));
  return true;
}
export function MOVT(insn: u32): bool {
  const d = (insn >>> 12) & 0xf;
  wregPlain(d, (rreg(d) & 0xffff) | (imm16(insn) << 16));
  return true;
}
