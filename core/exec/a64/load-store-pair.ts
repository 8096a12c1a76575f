// A64 load/store pair (ARM ARM C6.2: STP, LDP, LDPSW, STNP, LDNP and their FP/SIMD forms).
// The index field (bits 24..23) picks the mode: 00 no-allocate offset (a hint QEMU ignores, as
// we do), 01 post-index, 10 offset, 11 pre-index; imm7 is scaled by the element size.
// Ordering follows QEMU 7.2's disas_ldst_pair, which fixes the CONSTRAINED UNPREDICTABLE cases:
// - GPR loads read both elements before writing Rt2, then Rt: LDP with Rt == Rt2 keeps the first
//   element; a fault on either element writes no register.
// - FP/SIMD loads write Vt before reading the second element: a fault on the second leaves Vt
//   loaded, and LDP with Rt == Rt2 keeps the second element.
// - Stores write the first element before the second: a fault on the second leaves the first in
//   memory. Each element is checked for its own alignment under SCTLR_EL1.A.
// - The base register is written back last (it wins over a loaded Rt == Rn); stores store the
//   registers' old values.
import { excTaken } from "../../cpu";
import { xr, xrSP, setXr, setXrSP } from "../../cpu64";
import { fpAccessOk64 } from "./fp-check";
import { readN, writeN, loadV, storeV } from "./addressing";
import { field, sext64 } from "./common";

/** Write back the base register for the post-/pre-index forms (index 01, 11). */
@inline function writeback(insn: u32, base: u64, off: u64): void {
  const index = field(insn, 23, 2);
  if ((index & 1) != 0) setXrSP(field(insn, 5, 5), base + off);
}
@inline function offset(insn: u32, log2: u32): u64 { return sext64(<u64>field(insn, 15, 7), 7) << <u64>log2; }
@inline function isLoad(insn: u32): bool { return (insn & (1 << 22)) != 0; }

/** GPR forms: opc 00 W, 10 X, 01 LDPSW. */
function gprPair(insn: u32): bool {
  const t = insn & 31, t2 = field(insn, 10, 5);
  const log2: u32 = 2 + (insn >>> 31);
  const signed = ((insn >>> 30) & 1) != 0;
  const base = xrSP(field(insn, 5, 5));
  const off = offset(insn, log2);
  const va = field(insn, 23, 2) == 1 ? base : base + off;
  const second = va + (<u64>1 << log2);
  if (isLoad(insn)) {
    let v1 = readN(va, log2, 0);
    if (excTaken) return true;
    let v2 = readN(second, log2, 0);
    if (excTaken) return true;
    if (signed) { v1 = sext64(v1, 32); v2 = sext64(v2, 32); }
    setXr(t2, v2);
    setXr(t, v1);
  } else {
    writeN(va, log2, xr(t), 0);
    if (excTaken) return true;
    writeN(second, log2, xr(t2), 0);
    if (excTaken) return true;
  }
  writeback(insn, base, off);
  return true;
}

/** FP/SIMD forms: opc 00 S, 01 D, 10 Q; 11 is UNDEFINED (before the FP trap, as in QEMU). */
function fpPair(insn: u32): bool {
  const opc = insn >>> 30;
  if (opc == 3) return false;
  if (!fpAccessOk64()) return true;
  const t = insn & 31, t2 = field(insn, 10, 5);
  const log2: u32 = 2 + opc;
  const base = xrSP(field(insn, 5, 5));
  const off = offset(insn, log2);
  const va = field(insn, 23, 2) == 1 ? base : base + off;
  const second = va + (<u64>1 << log2);
  if (isLoad(insn)) {
    if (!loadV(t, va, log2, 0) || !loadV(t2, second, log2, 0)) return true;
  } else {
    if (!storeV(t, va, log2, 0) || !storeV(t2, second, log2, 0)) return true;
  }
  writeback(insn, base, off);
  return true;
}

export function STNP(insn: u32): bool { return gprPair(insn); }
export function LDNP(insn: u32): bool { return gprPair(insn); }
export function STP_post(insn: u32): bool { return gprPair(insn); }
export function LDP_post(insn: u32): bool { return gprPair(insn); }
export function STP_off(insn: u32): bool { return gprPair(insn); }
export function LDP_off(insn: u32): bool { return gprPair(insn); }
export function STP_pre(insn: u32): bool { return gprPair(insn); }
export function LDP_pre(insn: u32): bool { return gprPair(insn); }
export function LDPSW_post(insn: u32): bool { return gprPair(insn); }
export function LDPSW_off(insn: u32): bool { return gprPair(insn); }
export function LDPSW_pre(insn: u32): bool { return gprPair(insn); }

export function STNP_fp(insn: u32): bool { return fpPair(insn); }
export function LDNP_fp(insn: u32): bool { return fpPair(insn); }
export function STP_fp_post(insn: u32): bool { return fpPair(insn); }
export function LDP_fp_post(insn: u32): bool { return fpPair(insn); }
export function STP_fp_off(insn: u32): bool { return fpPair(insn); }
export function LDP_fp_off(insn: u32): bool { return fpPair(insn); }
export function STP_fp_pre(insn: u32): bool { return fpPair(insn); }
export function LDP_fp_pre(insn: u32): bool { return fpPair(insn); }
