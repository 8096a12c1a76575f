// A64 data processing, 1 source (RBIT, REV16, REV, REV32, CLZ, CLS) and 2 sources (UDIV, SDIV,
// shifts by register). CRC32 is in dp-crc.ts, the multiplies in dp-multiply.ts.
import { sf, rd, rn, rm, getReg, putReg, shiftReg, SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR } from "./dp-operands";

export * from "./dp-crc";
export * from "./dp-multiply";

/** Reverse the bits of a 64-bit value (swap halves, then ever smaller groups). */
function bitReverse64(v: u64): u64 {
  let x = rotr<u64>(v, 32);
  x = ((x >>> 16) & 0x0000ffff0000ffff) | ((x & 0x0000ffff0000ffff) << 16);
  x = ((x >>> 8) & 0x00ff00ff00ff00ff) | ((x & 0x00ff00ff00ff00ff) << 8);
  x = ((x >>> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
  x = ((x >>> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  return ((x >>> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
}

export function RBIT(insn: u32): bool {
  const is64 = sf(insn);
  const r = bitReverse64(getReg(rn(insn), is64));
  putReg(rd(insn), is64 ? r : r >>> 32, is64);
  return true;
}

/** Swap the bytes of every halfword. */
export function REV16(insn: u32): bool {
  const x = getReg(rn(insn), sf(insn));
  putReg(rd(insn), ((x >>> 8) & 0x00ff00ff00ff00ff) | ((x & 0x00ff00ff00ff00ff) << 8), sf(insn));
  return true;
}

/** REV Wd, Wn: byte-reverse the word. */
export function REV_w(insn: u32): bool { putReg(rd(insn), <u64>bswap<u32>(<u32>getReg(rn(insn), false)), false); return true; }

/** REV32 Xd, Xn: byte-reverse each word. */
export function REV32(insn: u32): bool {
  const x = getReg(rn(insn), true);
  putReg(rd(insn), (<u64>bswap<u32>(<u32>(x >>> 32)) << 32) | <u64>bswap<u32>(<u32>x), true);
  return true;
}

/** REV Xd, Xn: byte-reverse the doubleword. */
export function REV_x(insn: u32): bool { putReg(rd(insn), bswap<u64>(getReg(rn(insn), true)), true); return true; }

export function CLZ(insn: u32): bool {
  const is64 = sf(insn);
  const x = getReg(rn(insn), is64);
  putReg(rd(insn), is64 ? clz<u64>(x) : <u64>clz<u32>(<u32>x), is64);
  return true;
}

/** CLS: leading bits equal to the sign bit, not counting it (clz of x<N-1:1> EOR x<N-2:0>). */
export function CLS(insn: u32): bool {
  const is64 = sf(insn);
  const x = getReg(rn(insn), is64);
  const r = is64 ? clz<u64>((x ^ (x << 1)) >>> 1) - 1 : <u64>(clz<u32>((<u32>x ^ (<u32>x << 1)) >>> 1) - 1);
  putReg(rd(insn), r, is64);
  return true;
}

/** UDIV: a zero divisor gives 0. */
export function UDIV(insn: u32): bool {
  const is64 = sf(insn);
  const x = getReg(rn(insn), is64), y = getReg(rm(insn), is64);
  putReg(rd(insn), y == 0 ? 0 : x / y, is64);
  return true;
}

/** SDIV: a zero divisor gives 0, and MIN / -1 gives MIN (no trap), rounding towards zero. */
export function SDIV(insn: u32): bool {
  const is64 = sf(insn);
  let r: u64;
  if (is64) {
    const x = <i64>getReg(rn(insn), true), y = <i64>getReg(rm(insn), true);
    r = y == 0 ? 0 : y == -1 ? <u64>(0 - x) : <u64>(x / y);
  } else {
    const x = <i32><u32>getReg(rn(insn), false), y = <i32><u32>getReg(rm(insn), false);
    r = y == 0 ? 0 : <u64><u32>(y == -1 ? 0 - x : x / y);
  }
  putReg(rd(insn), r, is64);
  return true;
}

/** Shift by register: the amount is Rm modulo the width (the op2 field is the shift type). */
@inline function shiftVar(insn: u32, type: u32): bool {
  const is64 = sf(insn);
  const amount = <u32>getReg(rm(insn), is64) & (is64 ? 63 : 31);
  putReg(rd(insn), shiftReg(getReg(rn(insn), is64), type, amount, is64), is64);
  return true;
}

export function LSLV(insn: u32): bool { return shiftVar(insn, SHIFT_LSL); }
export function LSRV(insn: u32): bool { return shiftVar(insn, SHIFT_LSR); }
export function ASRV(insn: u32): bool { return shiftVar(insn, SHIFT_ASR); }
export function RORV(insn: u32): bool { return shiftVar(insn, SHIFT_ROR); }
