// T32 single, dual, exclusive and block transfers, TBB/TBH and the preload hints (ARM ARM
// A6.3.5-A6.3.10). UNPREDICTABLE cases do what QEMU 7.2 does: stores with Rn = PC, LDM/STM of
// fewer than two registers, writeback with the base in the list, and exclusives naming SP are
// UNDEFINED; the rest (e.g. a load to the PC inside an IT block but not last) just executes.
import { rreg, branchWritePC, excTaken } from "../../cpu";
import { read8, read16, F_USER } from "../../mmu/memory";
import {
  loadSingle, storeSingle, loadDual, storeDual, K_W, K_B, K_H, K_SB, K_SH,
} from "../a32/load-store";
import { blockLoad, blockStore, LDM_NORMAL } from "../a32/load-store-multiple";
import {
  loadExclusive, loadExclusiveDual, storeExclusive, storeExclusiveDual,
} from "../a32/exclusive";
import { rfeOp, srsOp } from "../a32/unconditional";

@inline function rn(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function rt(insn: u32): u32 { return (insn >>> 12) & 0xf; }
@inline function rt2(insn: u32): u32 { return (insn >>> 8) & 0xf; }

// ---- single loads and stores ----
// Forms: imm12 (Rn + imm12), literal (Align(PC,4) ± imm12, U = bit 23), imm8 with P U W in
// bits 10:8 (also the negative-offset form 1100), unprivileged T (Rn + imm8, PL0 access),
// register (Rn + Rm LSL imm2).

@inline function ld12(insn: u32, kind: i32): bool {
  return loadSingle(rn(insn), rt(insn), insn & 0xfff, true, true, false, kind, 0);
}
@inline function ldLit(insn: u32, kind: i32): bool {
  return loadSingle(15, rt(insn), insn & 0xfff, true, (insn & (1 << 23)) != 0, false, kind, 0);
}
@inline function ld8(insn: u32, kind: i32): bool {
  return loadSingle(rn(insn), rt(insn), insn & 0xff, (insn & 0x400) != 0, (insn & 0x200) != 0, (insn & 0x100) != 0, kind, 0);
}
@inline function ldT(insn: u32, kind: i32): bool {
  return loadSingle(rn(insn), rt(insn), insn & 0xff, true, true, false, kind, F_USER);
}
@inline function ldReg(insn: u32, kind: i32): bool {
  return loadSingle(rn(insn), rt(insn), rreg(insn & 0xf) << ((insn >>> 4) & 3), true, true, false, kind, 0);
}

// Thumb stores with Rn = PC are UNDEFINED (QEMU op_store_ri/op_store_rr).
@inline function st12(insn: u32, kind: i32): bool {
  if (rn(insn) == 15) return false;
  return storeSingle(rn(insn), rt(insn), insn & 0xfff, true, true, false, kind, 0);
}
@inline function st8(insn: u32, kind: i32): bool {
  if (rn(insn) == 15) return false;
  return storeSingle(rn(insn), rt(insn), insn & 0xff, (insn & 0x400) != 0, (insn & 0x200) != 0, (insn & 0x100) != 0, kind, 0);
}
@inline function stT(insn: u32, kind: i32): bool {
  if (rn(insn) == 15) return false;
  return storeSingle(rn(insn), rt(insn), insn & 0xff, true, true, false, kind, F_USER);
}
@inline function stReg(insn: u32, kind: i32): bool {
  if (rn(insn) == 15) return false;
  return storeSingle(rn(insn), rt(insn), rreg(insn & 0xf) << ((insn >>> 4) & 3), true, true, false, kind, 0);
}

export function T_STRB_reg(insn: u32): bool { return stReg(insn, K_B); }
export function T_STRB_imm8(insn: u32): bool { return st8(insn, K_B); }
export function T_STRB_neg(insn: u32): bool { return st8(insn, K_B); }
export function T_STRBT(insn: u32): bool { return stT(insn, K_B); }
export function T_STRB_imm12(insn: u32): bool { return st12(insn, K_B); }
export function T_STRH_reg(insn: u32): bool { return stReg(insn, K_H); }
export function T_STRH_imm8(insn: u32): bool { return st8(insn, K_H); }
export function T_STRH_neg(insn: u32): bool { return st8(insn, K_H); }
export function T_STRHT(insn: u32): bool { return stT(insn, K_H); }
export function T_STRH_imm12(insn: u32): bool { return st12(insn, K_H); }
export function T_STR_reg(insn: u32): bool { return stReg(insn, K_W); }
export function T_STR_imm8(insn: u32): bool { return st8(insn, K_W); }
export function T_STR_neg(insn: u32): bool { return st8(insn, K_W); }
export function T_STRT(insn: u32): bool { return stT(insn, K_W); }
export function T_STR_imm12(insn: u32): bool { return st12(insn, K_W); }

export function T_LDRB_lit(insn: u32): bool { return ldLit(insn, K_B); }
export function T_LDRB_imm12(insn: u32): bool { return ld12(insn, K_B); }
export function T_LDRB_imm8(insn: u32): bool { return ld8(insn, K_B); }
export function T_LDRB_neg(insn: u32): bool { return ld8(insn, K_B); }
export function T_LDRBT(insn: u32): bool { return ldT(insn, K_B); }
export function T_LDRB_reg(insn: u32): bool { return ldReg(insn, K_B); }
export function T_LDRH_lit(insn: u32): bool { return ldLit(insn, K_H); }
export function T_LDRH_imm12(insn: u32): bool { return ld12(insn, K_H); }
export function T_LDRH_imm8(insn: u32): bool { return ld8(insn, K_H); }
export function T_LDRH_neg(insn: u32): bool { return ld8(insn, K_H); }
export function T_LDRHT(insn: u32): bool { return ldT(insn, K_H); }
export function T_LDRH_reg(insn: u32): bool { return ldReg(insn, K_H); }
export function T_LDR_lit(insn: u32): bool { return ldLit(insn, K_W); }
export function T_LDR_imm12(insn: u32): bool { return ld12(insn, K_W); }
export function T_LDR_imm8(insn: u32): bool { return ld8(insn, K_W); }
export function T_LDR_neg(insn: u32): bool { return ld8(insn, K_W); }
export function T_LDRT(insn: u32): bool { return ldT(insn, K_W); }
export function T_LDR_reg(insn: u32): bool { return ldReg(insn, K_W); }
export function T_LDRSB_lit(insn: u32): bool { return ldLit(insn, K_SB); }
export function T_LDRSB_imm12(insn: u32): bool { return ld12(insn, K_SB); }
export function T_LDRSB_imm8(insn: u32): bool { return ld8(insn, K_SB); }
export function T_LDRSB_neg(insn: u32): bool { return ld8(insn, K_SB); }
export function T_LDRSBT(insn: u32): bool { return ldT(insn, K_SB); }
export function T_LDRSB_reg(insn: u32): bool { return ldReg(insn, K_SB); }
export function T_LDRSH_lit(insn: u32): bool { return ldLit(insn, K_SH); }
export function T_LDRSH_imm12(insn: u32): bool { return ld12(insn, K_SH); }
export function T_LDRSH_imm8(insn: u32): bool { return ld8(insn, K_SH); }
export function T_LDRSH_neg(insn: u32): bool { return ld8(insn, K_SH); }
export function T_LDRSHT(insn: u32): bool { return ldT(insn, K_SH); }
export function T_LDRSH_reg(insn: u32): bool { return ldReg(insn, K_SH); }

// ---- preload and unallocated memory hints (Rt = PC in the load spaces): NOPs, no access ----
export function T_PLD_lit(insn: u32): bool { return true; }
export function T_PLD_imm12(insn: u32): bool { return true; }
export function T_PLD_neg(insn: u32): bool { return true; }
export function T_PLD_reg(insn: u32): bool { return true; }
export function T_PLDW_lit(insn: u32): bool { return true; }
export function T_PLDW_imm12(insn: u32): bool { return true; }
export function T_PLDW_neg(insn: u32): bool { return true; }
export function T_PLDW_reg(insn: u32): bool { return true; }
export function T_PLI_lit(insn: u32): bool { return true; }
export function T_PLI_imm12(insn: u32): bool { return true; }
export function T_PLI_neg(insn: u32): bool { return true; }
export function T_PLI_reg(insn: u32): bool { return true; }
export function T_MEMHINT_lit(insn: u32): bool { return true; }
export function T_MEMHINT_imm12(insn: u32): bool { return true; }
export function T_MEMHINT_neg(insn: u32): bool { return true; }
export function T_MEMHINT_reg(insn: u32): bool { return true; }

// ---- LDRD/STRD (imm8 × 4; P U W at bits 24, 23, 21 as in A32; Rn = PC reads Align(PC,4)) ----
@inline function ldrd(insn: u32): bool {
  return loadDual(rn(insn), rt(insn), rt2(insn), (insn & 0xff) << 2,
    (insn & (1 << 24)) != 0, (insn & (1 << 23)) != 0, (insn & (1 << 21)) != 0);
}
@inline function strd(insn: u32): bool {
  return storeDual(rn(insn), rt(insn), rt2(insn), (insn & 0xff) << 2,
    (insn & (1 << 24)) != 0, (insn & (1 << 23)) != 0, (insn & (1 << 21)) != 0);
}
export function T_STRD_post(insn: u32): bool { return strd(insn); }
export function T_LDRD_post(insn: u32): bool { return ldrd(insn); }
export function T_STRD_off(insn: u32): bool { return strd(insn); }
export function T_LDRD_off(insn: u32): bool { return ldrd(insn); }
export function T_STRD_pre(insn: u32): bool { return strd(insn); }
export function T_LDRD_pre(insn: u32): bool { return ldrd(insn); }

// ---- exclusives: QEMU 7.2 (v7, Thumb) also UNDEFs Rt/Rt2/Rd = SP ----
export function T_LDREX(insn: u32): bool {
  if (rt(insn) == 13) return false;
  return loadExclusive(rn(insn), rt(insn), (insn & 0xff) << 2, 4);
}
export function T_LDREXB(insn: u32): bool {
  if (rt(insn) == 13) return false;
  return loadExclusive(rn(insn), rt(insn), 0, 1);
}
export function T_LDREXH(insn: u32): bool {
  if (rt(insn) == 13) return false;
  return loadExclusive(rn(insn), rt(insn), 0, 2);
}
export function T_LDREXD(insn: u32): bool {
  if (rt(insn) == 13 || rt2(insn) == 13) return false;
  return loadExclusiveDual(rn(insn), rt(insn), rt2(insn));
}
export function T_STREX(insn: u32): bool {
  const d = rt2(insn); // Rd sits at bits 11:8 in the word form
  if (d == 13 || rt(insn) == 13) return false;
  return storeExclusive(d, rn(insn), rt(insn), (insn & 0xff) << 2, 4);
}
export function T_STREXB(insn: u32): bool {
  const d = insn & 0xf;
  if (d == 13 || rt(insn) == 13) return false;
  return storeExclusive(d, rn(insn), rt(insn), 0, 1);
}
export function T_STREXH(insn: u32): bool {
  const d = insn & 0xf;
  if (d == 13 || rt(insn) == 13) return false;
  return storeExclusive(d, rn(insn), rt(insn), 0, 2);
}
export function T_STREXD(insn: u32): bool {
  const d = insn & 0xf;
  if (d == 13 || rt(insn) == 13 || rt2(insn) == 13) return false;
  return storeExclusiveDual(d, rn(insn), rt(insn), rt2(insn));
}

// ---- table branches: PC (+4) + 2 × entry; Rn = PC reads PC + 4 (not aligned), as QEMU ----
function tableBranch(insn: u32, half: bool): bool {
  const m = rreg(insn & 0xf);
  const va = rreg(rn(insn)) + (half ? m << 1 : m);
  const v = half ? read16(va, 0) : read8(va, 0);
  if (excTaken) return true;
  branchWritePC(rreg(15) + (v << 1));
  return true;
}
export function T_TBB(insn: u32): bool { return tableBranch(insn, false); }
export function T_TBH(insn: u32): bool { return tableBranch(insn, true); }

// ---- LDM/STM (IA: bits 24:23 = 01, DB: 10, as the A32 P U bits) ----
// QEMU 7.2 T32 rules: fewer than two registers and writeback with the base in the list are
// UNDEFINED (STM too); the PC in an LDM list interworks, wherever it is in an IT block.
@inline function blockUndefT32(insn: u32): bool {
  const list = insn & 0xffff;
  return popcnt<u32>(list) < 2 || ((insn & (1 << 21)) != 0 && (list & (1 << rn(insn))) != 0);
}
@inline function ldm(insn: u32, db: bool): bool {
  if (blockUndefT32(insn)) return false;
  return blockLoad(rn(insn), insn & 0xffff, !db, db, (insn & (1 << 21)) != 0, LDM_NORMAL);
}
@inline function stm(insn: u32, db: bool): bool {
  if (blockUndefT32(insn)) return false;
  return blockStore(rn(insn), insn & 0xffff, !db, db, (insn & (1 << 21)) != 0, false);
}
export function T_STM(insn: u32): bool { return stm(insn, false); }
export function T_STMDB(insn: u32): bool { return stm(insn, true); }
export function T_LDM(insn: u32): bool { return ldm(insn, false); }
export function T_LDMDB(insn: u32): bool { return ldm(insn, true); }

// ---- RFE/SRS: pu = 2 for DB, 1 for IA (the A32 P:U values) ----
export function T_RFEDB(insn: u32): bool { return rfeOp(rn(insn), 2, (insn & (1 << 21)) != 0); }
export function T_RFEIA(insn: u32): bool { return rfeOp(rn(insn), 1, (insn & (1 << 21)) != 0); }
export function T_SRSDB(insn: u32): bool { return srsOp(insn & 0x1f, 2, (insn & (1 << 21)) != 0); }
export function T_SRSIA(insn: u32): bool { return srsOp(insn & 0x1f, 1, (insn & (1 << 21)) != 0); }
