// 16-bit Thumb data processing and branches (ARM ARM A6.2.1-A6.2.3, A6.2.6). The work is done
// by the A32 code: dataProcessing() and the shifter of core/exec/a32; handlers only pick the
// fields. The 16-bit forms set flags outside IT blocks only (except CMP/CMN/TST); with Rd = PC
// (ADD/MOV high registers) the write is a branch without interworking (ALUWritePC in Thumb).
// Loads/stores and miscellaneous instructions are in the re-exported files below.
import { rreg, wreg, bxWritePC, branchWritePC, conditionPassed } from "../../cpu";
import {
  dataProcessing, OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_TST, OP_CMP, OP_CMN,
  OP_ORR, OP_MOV, OP_BIC, OP_MVN,
} from "../a32/data-processing";
import { shiftImmC, shiftRegC } from "../a32/operands";
import { MUL } from "../a32/multiply";
import { itBlock } from "./it-state";

export * from "./t16-memory";
export * from "./t16-misc";

@inline function r0(insn: u32): u32 { return insn & 7; }        // bits 2:0
@inline function r3(insn: u32): u32 { return (insn >>> 3) & 7; } // bits 5:3
@inline function r6(insn: u32): u32 { return (insn >>> 6) & 7; } // bits 8:6
@inline function r8(insn: u32): u32 { return (insn >>> 8) & 7; } // bits 10:8
/** Flags are set outside IT blocks only. */
@inline function sf(): bool { return !itBlock; }
/** A register operand with no shift: carry out = C (for the logical forms). */
@inline function plain(n: u32): u32 { return shiftImmC(rreg(n), 0, 0); }

// ---- shift (immediate), add, subtract, move, compare ----
export function T16_LSL_imm(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftImmC(rreg(r3(insn)), 0, (insn >>> 6) & 0x1f)); }
export function T16_LSR_imm(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftImmC(rreg(r3(insn)), 1, (insn >>> 6) & 0x1f)); }
export function T16_ASR_imm(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftImmC(rreg(r3(insn)), 2, (insn >>> 6) & 0x1f)); }
export function T16_ADD_reg(insn: u32): bool { return dataProcessing(OP_ADD, r0(insn), r3(insn), sf(), rreg(r6(insn))); }
export function T16_SUB_reg(insn: u32): bool { return dataProcessing(OP_SUB, r0(insn), r3(insn), sf(), rreg(r6(insn))); }
export function T16_ADD_imm3(insn: u32): bool { return dataProcessing(OP_ADD, r0(insn), r3(insn), sf(), r6(insn)); }
export function T16_SUB_imm3(insn: u32): bool { return dataProcessing(OP_SUB, r0(insn), r3(insn), sf(), r6(insn)); }
/** MOVS #imm8 leaves C alone: the operand is an unrotated immediate (shift by 0). */
export function T16_MOV_imm(insn: u32): bool { return dataProcessing(OP_MOV, r8(insn), 0, sf(), shiftImmC(insn & 0xff, 0, 0)); }
export function T16_CMP_imm(insn: u32): bool { return dataProcessing(OP_CMP, 0, r8(insn), true, insn & 0xff); }
export function T16_ADD_imm8(insn: u32): bool { return dataProcessing(OP_ADD, r8(insn), r8(insn), sf(), insn & 0xff); }
export function T16_SUB_imm8(insn: u32): bool { return dataProcessing(OP_SUB, r8(insn), r8(insn), sf(), insn & 0xff); }

// ---- data processing, Rdn = Rdn op Rm ----
export function T16_AND(insn: u32): bool { return dataProcessing(OP_AND, r0(insn), r0(insn), sf(), plain(r3(insn))); }
export function T16_EOR(insn: u32): bool { return dataProcessing(OP_EOR, r0(insn), r0(insn), sf(), plain(r3(insn))); }
export function T16_LSL_reg(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftRegC(rreg(r0(insn)), 0, rreg(r3(insn)))); }
export function T16_LSR_reg(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftRegC(rreg(r0(insn)), 1, rreg(r3(insn)))); }
export function T16_ASR_reg(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftRegC(rreg(r0(insn)), 2, rreg(r3(insn)))); }
export function T16_ROR_reg(insn: u32): bool { return dataProcessing(OP_MOV, r0(insn), 0, sf(), shiftRegC(rreg(r0(insn)), 3, rreg(r3(insn)))); }
export function T16_ADC(insn: u32): bool { return dataProcessing(OP_ADC, r0(insn), r0(insn), sf(), rreg(r3(insn))); }
export function T16_SBC(insn: u32): bool { return dataProcessing(OP_SBC, r0(insn), r0(insn), sf(), rreg(r3(insn))); }
export function T16_TST(insn: u32): bool { return dataProcessing(OP_TST, 0, r0(insn), true, plain(r3(insn))); }
export function T16_RSB(insn: u32): bool { return dataProcessing(OP_RSB, r0(insn), r3(insn), sf(), 0); }
export function T16_CMP_reg(insn: u32): bool { return dataProcessing(OP_CMP, 0, r0(insn), true, rreg(r3(insn))); }
export function T16_CMN(insn: u32): bool { return dataProcessing(OP_CMN, 0, r0(insn), true, rreg(r3(insn))); }
export function T16_ORR(insn: u32): bool { return dataProcessing(OP_ORR, r0(insn), r0(insn), sf(), plain(r3(insn))); }
export function T16_BIC(insn: u32): bool { return dataProcessing(OP_BIC, r0(insn), r0(insn), sf(), plain(r3(insn))); }
export function T16_MVN(insn: u32): bool { return dataProcessing(OP_MVN, r0(insn), 0, sf(), plain(r3(insn))); }
/** MULS Rdm, Rn, Rdm: the A32 MUL (Rd [19:16], Rm [11:8], Rn [3:0], S [20]). */
export function T16_MUL(insn: u32): bool {
  const d = r0(insn);
  return MUL(0xe0000090 | (sf() ? 1 << 20 : 0) | (d << 16) | (d << 8) | r3(insn));
}

// ---- high registers (Rd/Rn = D:Rdn[2:0], Rm = bits 6:3) ----
@inline function hiD(insn: u32): u32 { return ((insn >>> 4) & 8) | (insn & 7); }
@inline function hiM(insn: u32): u32 { return (insn >>> 3) & 0xf; }
export function T16_ADD_hi(insn: u32): bool { return dataProcessing(OP_ADD, hiD(insn), hiD(insn), false, rreg(hiM(insn))); }
export function T16_CMP_hi(insn: u32): bool { return dataProcessing(OP_CMP, 0, hiD(insn), true, rreg(hiM(insn))); }
export function T16_MOV_hi(insn: u32): bool { return dataProcessing(OP_MOV, hiD(insn), 0, false, rreg(hiM(insn))); }

// ---- branch and exchange ----
export function T16_BX(insn: u32): bool {
  bxWritePC(rreg(hiM(insn)));
  return true;
}
/** BLX Rm: LR = next instruction | 1 (read Rm first: it may be LR). */
export function T16_BLX(insn: u32): bool {
  const target = rreg(hiM(insn));
  wreg(14, (rreg(15) - 2) | 1);
  bxWritePC(target);
  return true;
}

// ---- branches ----
/** B<c> T1; inside an IT block it is UNPREDICTABLE: QEMU UNDEFs. */
export function T16_B_cond(insn: u32): bool {
  if (itBlock) return false;
  if (conditionPassed((insn >>> 8) & 0xf)) branchWritePC(rreg(15) + <u32>((<i32>(insn << 24)) >> 23));
  return true;
}
export function T16_B(insn: u32): bool {
  branchWritePC(rreg(15) + <u32>((<i32>(insn << 21)) >> 20));
  return true;
}
/** CBZ/CBNZ: forward only, offset i:imm5:'0'. */
export function T16_CBZ(insn: u32): bool {
  const zero = rreg(r0(insn)) == 0;
  const nz = (insn & (1 << 11)) != 0;
  if (zero != nz) branchWritePC(rreg(15) + (((insn >>> 3) & 0x40) | ((insn >>> 2) & 0x3e)));
  return true;
}
