// Element access to the A64 V registers for the AdvSIMD handlers, and scratch copies of
// operands so that Vd may alias Vn/Vm. Elements are little-endian from Vn's byte 0.
import { vAddr } from "./fpregs";
import { eld, eldS, est, SCR_N, SCR_M } from "../neon/common";

/** Element i (size 0..3 = 8..64 bits) of Vn, zero- or sign-extended. */
@inline export function vElt(n: u32, i: u32, size: u32): u64 { return eld(vAddr(n), i, size); }
@inline export function vEltS(n: u32, i: u32, size: u32): i64 { return eldS(vAddr(n), i, size); }
@inline export function setVElt(n: u32, i: u32, size: u32, v: u64): void { est(vAddr(n), i, size, v); }

/** Bit 30: the 128-bit form. */
@inline export function isQ(i: u32): bool { return (i & (1 << 30)) != 0; }
/** Bytes the operation writes: 16 for Q = 1, 8 for Q = 0. */
@inline export function vBytes(i: u32): u32 { return isQ(i) ? 16 : 8; }

/** After writing the low 64 bits of a Q = 0 result: zero Vd's upper half (QEMU clear_vec_high). */
@inline export function clearHigh(d: u32, q: bool): void { if (!q) store<u64>(vAddr(d), 0, 8); }

/** Copy Vn into the 16-byte scratch at a. */
export function copyV(a: usize, n: u32): void {
  store<u64>(a, load<u64>(vAddr(n)));
  store<u64>(a, load<u64>(vAddr(n), 8), 8);
}
export { SCR_N, SCR_M, eld, est };
