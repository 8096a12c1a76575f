// T32 branches and miscellaneous control (ARM ARM A6.3.4): B (T3 conditional, T4), BL, BLX
// (immediate), hints, barriers, CLREX, CPS, MRS/MSR (also banked), BXJ, SUBS PC, LR / ERET,
// SMC/HVC/UDF. The semantic bodies are the A32 ones (core/exec/a32).
import {
  rreg, wreg, branchWritePC, bxWritePC, setThumb, setNextPC, conditionPassed,
} from "../../cpu";
import { inITBlock } from "./it-state";
import { NOP, YIELD, WFE, WFI, SEV } from "../a32/hints";
import { CLREX, DSB, DMB, ISB, cpsOp } from "../a32/unconditional";
import { mrsOp, msrOp, mrsBankedOp, msrBankedOp, ERET } from "../a32/system";
import { dataProcessing, OP_SUB } from "../a32/data-processing";
import { psciConduitCall, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC } from "../psci";

// ---- branches ----

/** B<c>.W (T3): SignExtend(S:J2:J1:imm6:imm11:0). */
@inline function offsetT3(insn: u32): u32 {
  const x = ((insn >>> 6) & 0x100000) | ((insn << 8) & 0x80000) | ((insn << 5) & 0x40000) |
            ((insn >>> 4) & 0x3f000) | ((insn & 0x7ff) << 1);
  return <u32>((<i32>(x << 11)) >> 11);
}

/** B.W (T4), BL, BLX: SignExtend(S:I1:I2:imm10:imm11:0), I1 = NOT(J1 EOR S), I2 = NOT(J2 EOR S). */
@inline function offsetT4(insn: u32): u32 {
  const s = (insn >>> 26) & 1;
  const i1 = ((insn >>> 13) & 1) ^ s ^ 1;
  const i2 = ((insn >>> 11) & 1) ^ s ^ 1;
  const x = (s << 24) | (i1 << 23) | (i2 << 22) | (((insn >>> 16) & 0x3ff) << 12) | ((insn & 0x7ff) << 1);
  return <u32>((<i32>(x << 7)) >> 7);
}

/** Conditional branch: cond = 111x is the miscellaneous space (UNDEFINED here); not allowed in an IT block. */
export function T_B_cond(insn: u32): bool {
  const cond = (insn >>> 22) & 0xf;
  if (cond >= 14 || inITBlock()) return false;
  if (conditionPassed(cond)) branchWritePC(rreg(15) + offsetT3(insn));
  return true;
}

export function T_B(insn: u32): bool {
  branchWritePC(rreg(15) + offsetT4(insn));
  return true;
}

/** BL: LR = next instruction with bit 0 set (Thumb). */
export function T_BL(insn: u32): bool {
  const pc = rreg(15);
  wreg(14, pc | 1);
  branchWritePC(pc + offsetT4(insn));
  return true;
}

/** BLX (immediate) to ARM: target Align(PC,4) + imm; H = 1 is UNDEFINED (QEMU). */
export function T_BLX(insn: u32): bool {
  if (insn & 1) return false;
  const pc = rreg(15);
  wreg(14, pc | 1);
  setThumb(false);
  setNextPC((pc & ~3) + offsetT4(insn));
  return true;
}

/** BXJ: no Jazelle, so BX (as the A32 BXJ). */
export function T_BXJ(insn: u32): bool {
  bxWritePC(rreg((insn >>> 16) & 0xf));
  return true;
}

// ---- hints and barriers ----
export function T_NOP(insn: u32): bool { return NOP(insn); }
export function T_YIELD(insn: u32): bool { return YIELD(insn); }
export function T_WFE(insn: u32): bool { return WFE(insn); }
export function T_WFI(insn: u32): bool { return WFI(insn); }
export function T_SEV(insn: u32): bool { return SEV(insn); }
export function T_CLREX(insn: u32): bool { return CLREX(insn); }
export function T_DSB(insn: u32): bool { return DSB(insn); }
export function T_DMB(insn: u32): bool { return DMB(insn); }
export function T_ISB(insn: u32): bool { return ISB(insn); }

// ---- status registers ----

/** CPS: imod 10:9, M 8, A I F 7:5 (moved to their CPSR positions 8:6), mode 4:0. */
export function T_CPS(insn: u32): bool {
  return cpsOp((insn >>> 9) & 3, (insn & 0x100) != 0, (insn & 0xe0) << 1, insn & 0x1f);
}

/** MRS: R at bit 20, Rd at 11:8. */
export function T_MRS(insn: u32): bool { return mrsOp((insn >>> 8) & 0xf, (insn & (1 << 20)) != 0); }

/** MSR (register): R at bit 20, Rn at 19:16, mask at 11:8. */
export function T_MSR(insn: u32): bool {
  return msrOp((insn & (1 << 20)) != 0, (insn >>> 8) & 0xf, rreg((insn >>> 16) & 0xf));
}

/** MRS (banked): SYSm = bit 4 : bits 19:16. */
export function T_MRS_banked(insn: u32): bool {
  return mrsBankedOp((insn >>> 8) & 0xf, (insn >>> 20) & 1, (insn & 0x10) | ((insn >>> 16) & 0xf));
}

/** MSR (banked): SYSm = bit 4 : bits 11:8. */
export function T_MSR_banked(insn: u32): bool {
  return msrBankedOp((insn >>> 16) & 0xf, (insn >>> 20) & 1, (insn & 0x10) | ((insn >>> 8) & 0xf));
}

// ---- exception return and exception-generating instructions ----

/** SUBS PC, LR, #imm8: the data-processing SUBS with Rd = PC (exception return; UNDEF in User mode). */
export function T_SUBS_PC_LR(insn: u32): bool { return dataProcessing(OP_SUB, 15, 14, true, insn & 0xff); }

/** ERET: outside Hyp mode, SUBS PC, LR, #0. */
export function T_ERET(insn: u32): bool { return ERET(insn); }

/** No EL3 / EL2 on this CPU (QEMU virt's A15): SMC and HVC are UNDEFINED unless they are the PSCI conduit, as in A32. */
export function T_SMC(insn: u32): bool { return psciConduitCall(PSCI_CONDUIT_SMC); }
export function T_HVC(insn: u32): bool { return psciConduitCall(PSCI_CONDUIT_HVC); }
export function T_UDF(insn: u32): bool { return false; }
