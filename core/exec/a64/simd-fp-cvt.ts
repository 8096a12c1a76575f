// AdvSIMD FP precision conversions: FCVTL/FCVTL2 (widen the lower/upper half of Vn), FCVTN/FCVTN2
// (narrow into the lower half, zeroing the rest, or into the upper half, keeping the lower) and
// FCVTXN/FCVTXN2 and scalar FCVTXN (double to single, rounding to odd). Half precision honours
// FPCR.AHP and, as QEMU, is never flushed by FZ.
import { fpAccessOk64 } from "./fp-check";
import { vD, vHi, vAddr, setVQ, setVHi, rD, rN, fpBegin64, fpEnd64, fpscrWord, fpcrAHP } from "./fpregs";
import { fp16To32, fp32To64, fp32To16, fp64To32 } from "../../fp/ops";
import { fpBegin, fpRaise, fpFlags, FP_IXC, FPSCR_FZ } from "../../fp/fpst";

@inline function isQ(i: u32): bool { return (i & (1 << 30)) != 0; }
@inline function isD(i: u32): bool { return (i & (1 << 22)) != 0; }

export function FCVTL(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const src = isQ(i) ? vHi(rN(i)) : vD(rN(i));
  fpBegin64();
  let lo: u64, hi: u64;
  if (isD(i)) {
    lo = fp32To64(<u32>src);
    hi = fp32To64(<u32>(src >> 32));
  } else {
    const ahp = fpcrAHP();
    lo = <u64>fp16To32(<u32>src & 0xffff, ahp) | (<u64>fp16To32(<u32>(src >> 16) & 0xffff, ahp) << 32);
    hi = <u64>fp16To32(<u32>(src >> 32) & 0xffff, ahp) | (<u64>fp16To32(<u32>(src >> 48) & 0xffff, ahp) << 32);
  }
  fpEnd64();
  setVQ(rD(i), lo, hi);
  return true;
}

/** Writes the narrowed 64 bits: FCVTN (Q = 0) zeroes the top, FCVTN2 keeps the bottom. */
function narrowOut(i: u32, r: u64): void {
  if (isQ(i)) setVHi(rD(i), r);
  else setVQ(rD(i), r, 0);
}

export function FCVTN(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  fpBegin64();
  let r: u64 = 0;
  if (isD(i)) r = <u64>fp64To32(load<u64>(n)) | (<u64>fp64To32(load<u64>(n, 8)) << 32);
  else {
    const ahp = fpcrAHP();
    for (let e = 0; e < 4; e++) r |= <u64>(fp32To16(load<u32>(n + (<usize>e << 2)), ahp) & 0xffff) << (<u64>e << 4);
  }
  fpEnd64();
  narrowOut(i, r);
  return true;
}

/** FPConvert double to single with round to odd: truncate, then set the lsb if anything was lost. */
function toOdd(a: u64): u32 {
  const saved = fpFlags;
  fpBegin((fpscrWord() & 0x07c00000) | (3 << 22)); // FPCR with RMode = RZ
  let r = fp64To32(a);
  const inexact = (fpFlags & FP_IXC) != 0;
  const flushed = (fpscrWord() & FPSCR_FZ) != 0 && (r & 0x7fffffff) == 0;
  if (inexact && !flushed && (r & 0x7f800000) != 0x7f800000) r |= 1;
  fpRaise(saved);
  return r;
}

export function FCVTXN_vec(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  fpBegin64();
  const r = <u64>toOdd(load<u64>(n)) | (<u64>toOdd(load<u64>(n, 8)) << 32);
  fpEnd64();
  narrowOut(i, r);
  return true;
}

export function FCVTXN_s(i: u32): bool {
  if (!fpAccessOk64()) return true;
  fpBegin64();
  const r = toOdd(vD(rN(i)));
  fpEnd64();
  setVQ(rD(i), <u64>r, 0);
  return true;
}
