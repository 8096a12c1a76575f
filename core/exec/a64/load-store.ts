// A64 single-register loads and stores (ARM ARM C6.2): literal, unscaled immediate, immediate
// post-/pre-indexed, unprivileged, register offset and unsigned immediate, GPR and FP/SIMD.
// The rows (core/decode/patterns/a64-load-store.ts) leave only allocated encodings, so each
// addressing mode has one body; the access itself is addressing.ts's transfer().
// As QEMU 7.2: the base register is written back after the access, so a load with writeback
// and Rn == Rt leaves the written-back address in Rn, and a store stores Rt's old value; a fault
// writes no register. QEMU does not implement the SP alignment check (SCTLR_EL1.SA/SA0:
// gen_check_sp_alignment is empty), so neither do we.
import { excTaken } from "../../cpu";
import { pc64, xr, xrSP, setXr, setXrSP } from "../../cpu64";
import { M_USER } from "../../mmu/memory64";
import { fpAccessOk64 } from "./fp-check";
import { transfer, accessLog2, readN, loadV } from "./addressing";
import { field, sext64 } from "./common";

@inline function rn(insn: u32): u32 { return field(insn, 5, 5); }
@inline function simm9(insn: u32): u64 { return sext64(<u64>field(insn, 12, 9), 9); }

// ---- literal: PC + imm19 * 4 ----

@inline function literalAddress(insn: u32): u64 { return pc64() + sext64(<u64>field(insn, 5, 19) << 2, 21); }

/** LDR Wt/Xt (literal). */
export function LDR_lit(insn: u32): bool {
  const v = readN(literalAddress(insn), 2 + ((insn >>> 30) & 1), 0);
  if (!excTaken) setXr(insn & 31, v);
  return true;
}
export function LDRSW_lit(insn: u32): bool {
  const v = readN(literalAddress(insn), 2, 0);
  if (!excTaken) setXr(insn & 31, sext64(v, 32));
  return true;
}
/** LDR St/Dt/Qt (literal): opc 00, 01, 10. */
function literalFp(insn: u32): bool {
  if (fpAccessOk64()) loadV(insn & 31, literalAddress(insn), 2 + (insn >>> 30), 0);
  return true;
}
export function LDR_lit_fp(insn: u32): bool { return literalFp(insn); }
export function LDR_lit_fp_Q(insn: u32): bool { return literalFp(insn); }
export function PRFM_lit(insn: u32): bool { return true; }

// ---- the addressing modes ----

/** Unscaled immediate (and unprivileged, with M_USER): no writeback. */
function unscaled(insn: u32, flags: u32): bool {
  transfer(insn, xrSP(rn(insn)) + simm9(insn), flags);
  return true;
}

function postIndexed(insn: u32): bool {
  const n = rn(insn);
  const base = xrSP(n);
  if (transfer(insn, base, 0)) setXrSP(n, base + simm9(insn));
  return true;
}

function preIndexed(insn: u32): bool {
  const n = rn(insn);
  const va = xrSP(n) + simm9(insn);
  if (transfer(insn, va, 0)) setXrSP(n, va);
  return true;
}

/** Register offset: Xn|SP + (Rm extended by option: UXTW, LSL, SXTW, SXTX) << (S ? size : 0). */
function registerOffset(insn: u32): bool {
  const option = field(insn, 13, 3);
  let off = xr(field(insn, 16, 5));
  if ((option & 1) == 0) off = (option & 4) != 0 ? sext64(off, 32) : off & 0xffffffff;
  if ((insn & (1 << 12)) != 0) off <<= <u64>accessLog2(insn);
  transfer(insn, xrSP(rn(insn)) + off, 0);
  return true;
}

/** Unsigned immediate, scaled by the access size. */
function unsignedOffset(insn: u32): bool {
  transfer(insn, xrSP(rn(insn)) + (<u64>field(insn, 10, 12) << <u64>accessLog2(insn)), 0);
  return true;
}

// ---- handlers, by mode (STR/LDR cover B, H, W and X by their size field) ----

export function STUR(insn: u32): bool { return unscaled(insn, 0); }
export function LDUR(insn: u32): bool { return unscaled(insn, 0); }
export function LDURS_X(insn: u32): bool { return unscaled(insn, 0); }
export function LDURSW(insn: u32): bool { return unscaled(insn, 0); }
export function LDURS_W(insn: u32): bool { return unscaled(insn, 0); }
export function STUR_fp(insn: u32): bool { return unscaled(insn, 0); }
export function LDUR_fp(insn: u32): bool { return unscaled(insn, 0); }
export function STUR_fp_Q(insn: u32): bool { return unscaled(insn, 0); }
export function LDUR_fp_Q(insn: u32): bool { return unscaled(insn, 0); }
export function PRFUM(insn: u32): bool { return true; }

export function STR_post(insn: u32): bool { return postIndexed(insn); }
export function LDR_post(insn: u32): bool { return postIndexed(insn); }
export function LDRS_X_post(insn: u32): bool { return postIndexed(insn); }
export function LDRSW_post(insn: u32): bool { return postIndexed(insn); }
export function LDRS_W_post(insn: u32): bool { return postIndexed(insn); }
export function STR_fp_post(insn: u32): bool { return postIndexed(insn); }
export function LDR_fp_post(insn: u32): bool { return postIndexed(insn); }
export function STR_fp_Q_post(insn: u32): bool { return postIndexed(insn); }
export function LDR_fp_Q_post(insn: u32): bool { return postIndexed(insn); }

/** Unprivileged: EL0's permissions at EL1 (at EL0 the same as a normal access). */
export function STTR(insn: u32): bool { return unscaled(insn, M_USER); }
export function LDTR(insn: u32): bool { return unscaled(insn, M_USER); }
export function LDTRS_X(insn: u32): bool { return unscaled(insn, M_USER); }
export function LDTRSW(insn: u32): bool { return unscaled(insn, M_USER); }
export function LDTRS_W(insn: u32): bool { return unscaled(insn, M_USER); }

export function STR_pre(insn: u32): bool { return preIndexed(insn); }
export function LDR_pre(insn: u32): bool { return preIndexed(insn); }
export function LDRS_X_pre(insn: u32): bool { return preIndexed(insn); }
export function LDRSW_pre(insn: u32): bool { return preIndexed(insn); }
export function LDRS_W_pre(insn: u32): bool { return preIndexed(insn); }
export function STR_fp_pre(insn: u32): bool { return preIndexed(insn); }
export function LDR_fp_pre(insn: u32): bool { return preIndexed(insn); }
export function STR_fp_Q_pre(insn: u32): bool { return preIndexed(insn); }
export function LDR_fp_Q_pre(insn: u32): bool { return preIndexed(insn); }

export function STR_reg(insn: u32): bool { return registerOffset(insn); }
export function LDR_reg(insn: u32): bool { return registerOffset(insn); }
export function LDRS_X_reg(insn: u32): bool { return registerOffset(insn); }
export function LDRSW_reg(insn: u32): bool { return registerOffset(insn); }
export function LDRS_W_reg(insn: u32): bool { return registerOffset(insn); }
export function STR_fp_reg(insn: u32): bool { return registerOffset(insn); }
export function LDR_fp_reg(insn: u32): bool { return registerOffset(insn); }
export function STR_fp_Q_reg(insn: u32): bool { return registerOffset(insn); }
export function LDR_fp_Q_reg(insn: u32): bool { return registerOffset(insn); }
export function PRFM_reg(insn: u32): bool { return true; }

export function STR_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDR_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDRS_X_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDRSW_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDRS_W_imm(insn: u32): bool { return unsignedOffset(insn); }
export function STR_fp_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDR_fp_imm(insn: u32): bool { return unsignedOffset(insn); }
export function STR_fp_Q_imm(insn: u32): bool { return unsignedOffset(insn); }
export function LDR_fp_Q_imm(insn: u32): bool { return unsignedOffset(insn); }
export function PRFM_imm(insn: u32): bool { return true; }
