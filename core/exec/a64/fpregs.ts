// The A64 view of the FP/SIMD registers and of FPCR/FPSR, for the scalar FP and SIMD handlers.
// V0..V31 are 16 bytes each from S_VFP, little-endian, so Hn, Sn and Dn are the low bytes of Vn.
// A scalar write zeroes the rest of the 128-bit register (QEMU's write_fp_sreg/dreg, no SVE).
// FPCR and FPSR share the one FPSCR word (as QEMU keeps them): RMode, FZ, DN, AHP at their
// FPSCR positions, cumulative flags in bits 7, 4..0.
import { STATE, S_VFP, S_FPSCR } from "../../state/layout";
import { fpBegin, fpFlags } from "../../fp/fpst";

/** Host address of Vn. */
@inline export function vAddr(n: u32): usize { return <usize>(STATE + S_VFP + (n << 4)); }

@inline export function vH(n: u32): u32 { return <u32>load<u16>(vAddr(n)); }
@inline export function vS(n: u32): u32 { return load<u32>(vAddr(n)); }
@inline export function vD(n: u32): u64 { return load<u64>(vAddr(n)); }
/** Vn.D[1], the upper 64 bits. */
@inline export function vHi(n: u32): u64 { return load<u64>(vAddr(n), 8); }

/** Write Sn (or Hn with a 16-bit value), zeroing bits 127..32. */
@inline export function setVS(n: u32, v: u32): void { setVQ(n, <u64>v, 0); }
/** Write Dn, zeroing bits 127..64. */
@inline export function setVD(n: u32, v: u64): void { setVQ(n, v, 0); }
@inline export function setVQ(n: u32, lo: u64, hi: u64): void {
  const a = vAddr(n);
  store<u64>(a, lo);
  store<u64>(a, hi, 8);
}
/** Write Vn.D[1] only (FMOV Vd.D[1], Xn and element inserts). */
@inline export function setVHi(n: u32, v: u64): void { store<u64>(vAddr(n), v, 8); }

// ---- FPCR / FPSR ----
@inline export function fpscrWord(): u32 { return load<u32>(STATE + S_FPSCR); }
/** FPCR.RMode (0 nearest, 1 +Inf, 2 -Inf, 3 zero). */
@inline export function fpcrRMode(): u32 { return (fpscrWord() >>> 22) & 3; }
/** FPCR.AHP: alternative half precision for FCVT to and from half. */
@inline export function fpcrAHP(): bool { return (fpscrWord() & (1 << 26)) != 0; }
/** Start an operation under FPCR's RMode, FZ, DN and AHP. */
@inline export function fpBegin64(): void { fpBegin(fpscrWord() & 0x07c00000); }
/** OR the exceptions the operation raised into FPSR's cumulative flags. */
@inline export function fpEnd64(): void { store<u32>(STATE + S_FPSCR, fpscrWord() | (fpFlags & 0x9f)); }

// ---- register fields of the FP encodings ----
@inline export function rD(i: u32): u32 { return i & 31; }
@inline export function rN(i: u32): u32 { return (i >>> 5) & 31; }
@inline export function rM(i: u32): u32 { return (i >>> 16) & 31; }
@inline export function rA(i: u32): u32 { return (i >>> 10) & 31; }
/** ftype = 01 (double) where the rows allow only 00 and 01. */
@inline export function isDouble(i: u32): bool { return (i & (1 << 22)) != 0; }
