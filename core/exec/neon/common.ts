// Register-file access shared by the Advanced SIMD (and VFP) handlers.
// D0..D31 live at STATE + S_VFP + 8*n, little-endian; Sn is the low (even n) or high (odd n)
// word of D(n>>1); Qn is D2n (low half) : D2n+1 (high half), so a Q register's elements are
// contiguous in memory and "element i of Qn" is "element i counted from D2n".
import { STATE, S_VFP, S_FPSCR } from "../../state/layout";

// ---- whole registers ----
@inline export function dAddr(n: u32): usize { return <usize>(STATE + S_VFP + (n << 3)); }
@inline export function dGet(n: u32): u64 { return load<u64>(dAddr(n)); }
@inline export function dSet(n: u32, v: u64): void { store<u64>(dAddr(n), v); }
@inline export function sGet(n: u32): u32 { return load<u32>(<usize>(STATE + S_VFP + (n << 2))); }
@inline export function sSet(n: u32, v: u32): void { store<u32>(<usize>(STATE + S_VFP + (n << 2)), v); }

// ---- elements (size: 0 = 8, 1 = 16, 2 = 32, 3 = 64 bits) ----
/** Element i of a vector at memory address a (zero-extended). */
export function eld(a: usize, i: u32, size: u32): u64 {
  const p = a + (<usize>i << size);
  switch (size) {
    case 0: return <u64>load<u8>(p);
    case 1: return <u64>load<u16>(p);
    case 2: return <u64>load<u32>(p);
    default: return load<u64>(p);
  }
}
/** Element i of a vector at memory address a (sign-extended). */
export function eldS(a: usize, i: u32, size: u32): i64 {
  const p = a + (<usize>i << size);
  switch (size) {
    case 0: return <i64>load<i8>(p);
    case 1: return <i64>load<i16>(p);
    case 2: return <i64>load<i32>(p);
    default: return load<i64>(p);
  }
}
/** Store the low bits of v as element i of the vector at address a. */
export function est(a: usize, i: u32, size: u32, v: u64): void {
  const p = a + (<usize>i << size);
  switch (size) {
    case 0: store<u8>(p, <u8>v); break;
    case 1: store<u16>(p, <u16>v); break;
    case 2: store<u32>(p, <u32>v); break;
    default: store<u64>(p, v);
  }
}
/** Element i counted from D register d (i may run into d+1.. for Q operands). */
@inline export function elemGet(d: u32, i: u32, size: u32): u64 { return eld(dAddr(d), i, size); }
@inline export function elemGetS(d: u32, i: u32, size: u32): i64 { return eldS(dAddr(d), i, size); }
@inline export function elemSet(d: u32, i: u32, size: u32, v: u64): void { est(dAddr(d), i, size, v); }

// ---- scratch vectors (32 bytes each): copy operands here first so Vd may alias Vn/Vm ----
export const SCR_N: usize = memory.data(32, 16);
export const SCR_M: usize = memory.data(32, 16);
export const SCR_D: usize = memory.data(32, 16);
export const SCR_R: usize = memory.data(32, 16);
/** Copy `regs` D registers starting at Dd into the buffer at a. */
export function loadVec(a: usize, d: u32, regs: u32): void {
  for (let k: u32 = 0; k < regs; k++) store<u64>(a + (<usize>k << 3), dGet((d + k) & 31));
}
/** Copy `regs` D registers from the buffer at a into Dd... */
export function storeVec(d: u32, a: usize, regs: u32): void {
  for (let k: u32 = 0; k < regs; k++) dSet((d + k) & 31, load<u64>(a + (<usize>k << 3)));
}

// ---- instruction fields (Advanced SIMD data-processing layout) ----
/** Vd = D:Vd (bits 22, 15..12) as a D register number. */
@inline export function vD(insn: u32): u32 { return ((insn >>> 18) & 0x10) | ((insn >>> 12) & 0xf); }
/** Vn = N:Vn (bits 7, 19..16). */
@inline export function vN(insn: u32): u32 { return ((insn >>> 3) & 0x10) | ((insn >>> 16) & 0xf); }
/** Vm = M:Vm (bits 5, 3..0). */
@inline export function vM(insn: u32): u32 { return ((insn >>> 1) & 0x10) | (insn & 0xf); }
/** Q bit (bit 6): 1 = quadword operation. */
@inline export function qBit(insn: u32): u32 { return (insn >>> 6) & 1; }
/** A Q operand must name an even D register; odd is UNDEFINED. */
@inline export function qRegOk(q: u32, d: u32): bool { return q == 0 || (d & 1) == 0; }
/** Three-register form: with Q = 1 all of Vd, Vn, Vm must be even. */
export function qRegsOk(insn: u32): bool {
  if (qBit(insn) == 0) return true;
  return ((vD(insn) | vN(insn) | vM(insn)) & 1) == 0;
}

// ---- FPSCR ----
@inline export function fpscrGet(): u32 { return load<u32>(STATE + S_FPSCR); }
@inline export function fpscrSet(v: u32): void { store<u32>(STATE + S_FPSCR, v); }
/** Set the sticky saturation flag FPSCR.QC (bit 27). */
@inline export function setQC(): void { store<u32>(STATE + S_FPSCR, load<u32>(STATE + S_FPSCR) | (<u32>1 << 27)); }
