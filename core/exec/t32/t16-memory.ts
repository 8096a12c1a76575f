// 16-bit Thumb loads and stores (ARM ARM A6.2.4), LDM/STM, PUSH/POP. Each handler builds the
// equivalent A32 instruction (offset addressing, no writeback, or the block transfer) and
// runs the A32 handler, so ordering, alignment and fault behaviour are the A32 ones. Only the
// PC-relative forms are done here: Thumb reads them from Align(PC, 4).
import { rreg, wreg, excTaken } from "../../cpu";
import { read32 } from "../../mmu/memory";
import {
  LDR_imm, STR_imm, LDRB_imm, STRB_imm, LDRH_imm, STRH_imm,
  LDR_reg, STR_reg, LDRB_reg, STRB_reg, LDRH_reg, STRH_reg, LDRSB_reg, LDRSH_reg,
} from "../a32/load-store";
import { LDM, STM } from "../a32/load-store-multiple";
import { dataProcessing, OP_ADD } from "../a32/data-processing";

// A32 encodings with cond = AL, P = 1, U = 1, W = 0.
const A_STR_reg: u32 = 0xe7800000, A_LDR_reg: u32 = 0xe7900000;
const A_STRB_reg: u32 = 0xe7c00000, A_LDRB_reg: u32 = 0xe7d00000;
const A_STRH_reg: u32 = 0xe18000b0, A_LDRH_reg: u32 = 0xe19000b0;
const A_LDRSB_reg: u32 = 0xe19000d0, A_LDRSH_reg: u32 = 0xe19000f0;
const A_STR_imm: u32 = 0xe5800000, A_LDR_imm: u32 = 0xe5900000;
const A_STRB_imm: u32 = 0xe5c00000, A_LDRB_imm: u32 = 0xe5d00000;
const A_STRH_imm: u32 = 0xe1c000b0, A_LDRH_imm: u32 = 0xe1d000b0;

/** Register offset form [Rn, Rm]: Rt [2:0], Rn [5:3], Rm [8:6]. */
@inline function rr(base: u32, insn: u32): u32 {
  return base | (((insn >>> 3) & 7) << 16) | ((insn & 7) << 12) | ((insn >>> 6) & 7);
}
/** Immediate offset form [Rn, #imm5 * scale]: A32 word/byte imm12 = the byte offset. */
@inline function ri12(base: u32, insn: u32, scale: u32): u32 {
  return base | (((insn >>> 3) & 7) << 16) | ((insn & 7) << 12) | (((insn >>> 6) & 0x1f) * scale);
}
/** Halfword immediate form: A32 imm8 split into [11:8] and [3:0]. */
@inline function ri8(base: u32, insn: u32): u32 {
  const off = ((insn >>> 6) & 0x1f) << 1;
  return base | (((insn >>> 3) & 7) << 16) | ((insn & 7) << 12) | ((off & 0xf0) << 4) | (off & 0xf);
}
/** SP-relative form [SP, #imm8 * 4], Rt [10:8]. */
@inline function sp(base: u32, insn: u32): u32 {
  return base | (13 << 16) | (((insn >>> 8) & 7) << 12) | ((insn & 0xff) << 2);
}

export function T16_STR_reg(insn: u32): bool { return STR_reg(rr(A_STR_reg, insn)); }
export function T16_STRH_reg(insn: u32): bool { return STRH_reg(rr(A_STRH_reg, insn)); }
export function T16_STRB_reg(insn: u32): bool { return STRB_reg(rr(A_STRB_reg, insn)); }
export function T16_LDRSB_reg(insn: u32): bool { return LDRSB_reg(rr(A_LDRSB_reg, insn)); }
export function T16_LDR_reg(insn: u32): bool { return LDR_reg(rr(A_LDR_reg, insn)); }
export function T16_LDRH_reg(insn: u32): bool { return LDRH_reg(rr(A_LDRH_reg, insn)); }
export function T16_LDRB_reg(insn: u32): bool { return LDRB_reg(rr(A_LDRB_reg, insn)); }
export function T16_LDRSH_reg(insn: u32): bool { return LDRSH_reg(rr(A_LDRSH_reg, insn)); }

export function T16_STR_imm(insn: u32): bool { return STR_imm(ri12(A_STR_imm, insn, 4)); }
export function T16_LDR_imm(insn: u32): bool { return LDR_imm(ri12(A_LDR_imm, insn, 4)); }
export function T16_STRB_imm(insn: u32): bool { return STRB_imm(ri12(A_STRB_imm, insn, 1)); }
export function T16_LDRB_imm(insn: u32): bool { return LDRB_imm(ri12(A_LDRB_imm, insn, 1)); }
export function T16_STRH_imm(insn: u32): bool { return STRH_imm(ri8(A_STRH_imm, insn)); }
export function T16_LDRH_imm(insn: u32): bool { return LDRH_imm(ri8(A_LDRH_imm, insn)); }
export function T16_STR_sp(insn: u32): bool { return STR_imm(sp(A_STR_imm, insn)); }
export function T16_LDR_sp(insn: u32): bool { return LDR_imm(sp(A_LDR_imm, insn)); }

/** LDR Rt, [PC, #imm8 * 4] from Align(PC, 4). */
export function T16_LDR_lit(insn: u32): bool {
  const v = read32((rreg(15) & ~3) + ((insn & 0xff) << 2), 0);
  if (excTaken) return true;
  wreg((insn >>> 8) & 7, v);
  return true;
}

/** ADR Rd, Align(PC, 4) + imm8 * 4. */
export function T16_ADR(insn: u32): bool {
  wreg((insn >>> 8) & 7, (rreg(15) & ~3) + ((insn & 0xff) << 2));
  return true;
}
/** ADD Rd, SP, #imm8 * 4 (never sets flags). */
export function T16_ADD_sp(insn: u32): bool {
  return dataProcessing(OP_ADD, (insn >>> 8) & 7, 13, false, (insn & 0xff) << 2);
}

// ---- block transfers: STMIA Rn!, LDMIA Rn{!} (writeback unless Rn is loaded), PUSH, POP ----
export function T16_STM(insn: u32): bool {
  return STM(0xe8a00000 | (((insn >>> 8) & 7) << 16) | (insn & 0xff));
}
export function T16_LDM(insn: u32): bool {
  const n = (insn >>> 8) & 7;
  const list = insn & 0xff;
  return LDM(0xe8900000 | (n << 16) | list | ((list & (1 << n)) == 0 ? 1 << 21 : 0));
}
/** PUSH = STMDB SP!, list + LR (bit 8). */
export function T16_PUSH(insn: u32): bool {
  return STM(0xe92d0000 | (insn & 0xff) | ((insn & 0x100) << 6));
}
/** POP = LDMIA SP!, list + PC (bit 8): loading the PC interworks (LoadWritePC). */
export function T16_POP(insn: u32): bool {
  return LDM(0xe8bd0000 | (insn & 0xff) | ((insn & 0x100) << 7));
}
