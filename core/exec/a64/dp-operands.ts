// Operands of the A64 integer data-processing handlers: register fields, reads and writes at
// the instruction's width (sf), and the shifted/extended register forms (ARM ARM J1 ShiftReg,
// ExtendReg). 32-bit values travel zero-extended in a u64; 32-bit results zero Xd's top half.
import { xr, xrSP, setXr, setXrSP } from "../../cpu64";

@inline export function sf(insn: u32): bool { return (insn >>> 31) != 0; }
@inline export function rd(insn: u32): u32 { return insn & 31; }
@inline export function rn(insn: u32): u32 { return (insn >>> 5) & 31; }
@inline export function rm(insn: u32): u32 { return (insn >>> 16) & 31; }

/** All-ones in the low `n` bits (1 <= n <= 64). */
@inline export function ones(n: u32): u64 { return n >= 64 ? <u64>-1 : (<u64>1 << <u64>n) - 1; }
/** The low `width` bits of v (width 32 or 64). */
@inline export function trunc(v: u64, is64: bool): u64 { return is64 ? v : v & 0xffffffff; }
/** Rotate the low `size` bits of v right by r (r < size). */
@inline export function rorN(v: u64, r: u32, size: u32): u64 {
  const x = v & ones(size);
  return r == 0 ? x : ((x >>> <u64>r) | (x << <u64>(size - r))) & ones(size);
}

/** Xn or Wn (zero-extended), 31 = XZR. */
@inline export function getReg(n: u32, is64: bool): u64 { return trunc(xr(n), is64); }
/** Xn or Wn (zero-extended), 31 = SP. */
@inline export function getRegSP(n: u32, is64: bool): u64 { return trunc(xrSP(n), is64); }
/** Write Xd or Wd (zero-extending), 31 = XZR. */
@inline export function putReg(d: u32, v: u64, is64: bool): void { setXr(d, trunc(v, is64)); }
/** Write Xd or Wd (zero-extending), 31 = SP. */
@inline export function putRegSP(d: u32, v: u64, is64: bool): void { setXrSP(d, trunc(v, is64)); }

export const SHIFT_LSL: u32 = 0, SHIFT_LSR: u32 = 1, SHIFT_ASR: u32 = 2, SHIFT_ROR: u32 = 3;

/** ShiftReg: v (already at the width) shifted by amount (< width); the result at the width. */
export function shiftReg(v: u64, type: u32, amount: u32, is64: bool): u64 {
  const size: u32 = is64 ? 64 : 32;
  const sh = <u64>amount;
  switch (type) {
    case SHIFT_LSL: return trunc(v << sh, is64);
    case SHIFT_LSR: return v >>> sh;
    case SHIFT_ASR: return is64 ? <u64>(<i64>v >> sh) : <u64>(<u32>(<i32><u32>v >> <i32>amount));
    default: return rorN(v, amount, size);
  }
}

/** ExtendReg: option = UXTB..SXTX (bits 15..13), then LSL shift (0..4); 64-bit result. */
export function extendReg(v: u64, option: u32, shift: u32): u64 {
  const bits: u32 = 8 << (option & 3);
  let x = v & ones(bits);
  if ((option & 4) != 0 && bits < 64) x = <u64>((<i64>(x << <u64>(64 - bits))) >> <u64>(64 - bits));
  return x << <u64>shift;
}

/** Logical operations (the opc field of the logical classes; ANDS is AND with flags). */
export const LOG_AND: u32 = 0, LOG_ORR: u32 = 1, LOG_EOR: u32 = 2, LOG_ANDS: u32 = 3;
@inline export function logicOp(op: u32, x: u64, y: u64): u64 { return op == LOG_ORR ? x | y : op == LOG_EOR ? x ^ y : x & y; }
