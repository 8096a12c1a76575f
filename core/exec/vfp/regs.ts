// VFP register file, FPSCR plumbing and field extraction shared by the VFP handlers.
// D0..D31 at STATE + S_VFP + 8*n (little-endian); Sn is the low (even n) / high (odd n) word of
// D(n>>1). S32 and above (only reachable through UNPREDICTABLE encodings) alias D16.. as in QEMU.
import { STATE, S_VFP, S_FPSCR } from "../../state/layout";
import { setNF, setZF, setCF, setVF, isThumb, setNextPC, wreg } from "../../cpu";
import { fpBegin, fpFlags } from "../../fp/fpst";

@inline export function sGet(n: u32): u32 { return load<u32>(<usize>(STATE + S_VFP + (n << 2))); }
@inline export function sSet(n: u32, v: u32): void { store<u32>(<usize>(STATE + S_VFP + (n << 2)), v); }
@inline export function dGet(n: u32): u64 { return load<u64>(<usize>(STATE + S_VFP + (n << 3))); }
@inline export function dSet(n: u32, v: u64): void { store<u64>(<usize>(STATE + S_VFP + (n << 3)), v); }
/** Host address of the 16-bit half of Sn (top = bits 31..16). */
@inline export function hAddr(n: u32, top: bool): usize { return <usize>(STATE + S_VFP + (n << 2) + (top ? 2 : 0)); }

@inline export function fpscrGet(): u32 { return load<u32>(STATE + S_FPSCR); }
@inline export function fpscrSet(v: u32): void { store<u32>(STATE + S_FPSCR, v); }

/**
 * FPSCR bits a VMSR can set (QEMU 7.2 vfp_set_fpscr on an A15): NZCV, QC, AHP, DN, FZ, RMode,
 * Stride, Len and the cumulative flags. FZ16 (no FP16 arithmetic) and the trap enables
 * (QEMU does not implement trapped exceptions) read as zero.
 */
export const FPSCR_WRITE_MASK: u32 = 0xfff7009f;

/**
 * Len/Stride (short vectors) are non-zero: the A15 has no short-vector support (MVFR0.FPShVec = 0)
 * and QEMU UNDEFs the data-processing instructions that would use them.
 */
@inline export function shortVectors(): bool { return (fpscrGet() & 0x00370000) != 0; }

/** Start an FP operation with the FPSCR controls (RMode, FZ, DN, AHP). */
@inline export function vfpBegin(): void { fpBegin(fpscrGet() & 0x07c00000); }
/** Start an FP operation that always rounds to nearest (VCVT fixed-point to float). */
@inline export function vfpBeginRN(): void { fpBegin(fpscrGet() & 0x07000000); }
/** Accumulate the exceptions the operation raised into FPSCR's cumulative bits. */
@inline export function vfpEnd(): void { fpscrSet(fpscrGet() | (fpFlags & 0x9f)); }

/** Set APSR.NZCV from bits 31..28 of v (VMRS APSR_nzcv, VMOV to r15). */
export function setNZCV(v: u32): void {
  setNF(v & 0x80000000);
  setZF((v & 0x40000000) != 0 ? 0 : 1);
  setCF((v >>> 29) & 1);
  setVF((v << 3) & 0x80000000);
}

/** QEMU's store_reg: r15 as a destination is a branch without interworking. */
export function storeReg(n: u32, v: u32): void {
  if (n == 15) setNextPC(isThumb() ? v & ~1 : v & ~3);
  else wreg(n, v);
}

// ---- register fields ----
/** S register numbers: Vd = Vd:D, Vn = Vn:N, Vm = Vm:M. */
@inline export function sD(i: u32): u32 { return ((i >>> 11) & 0x1e) | ((i >>> 22) & 1); }
@inline export function sN(i: u32): u32 { return ((i >>> 15) & 0x1e) | ((i >>> 7) & 1); }
@inline export function sM(i: u32): u32 { return ((i << 1) & 0x1e) | ((i >>> 5) & 1); }
/** D register numbers: Vd = D:Vd, Vn = N:Vn, Vm = M:Vm (D16-D31 exist on the A15). */
@inline export function dD(i: u32): u32 { return ((i >>> 18) & 0x10) | ((i >>> 12) & 0xf); }
@inline export function dN(i: u32): u32 { return ((i >>> 3) & 0x10) | ((i >>> 16) & 0xf); }
@inline export function dM(i: u32): u32 { return ((i >>> 1) & 0x10) | (i & 0xf); }
