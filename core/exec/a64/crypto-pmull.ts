// A64 PMULL/PMULL2: carry-less (polynomial over GF(2)) multiply of the lower (Q = 0) or upper
// (Q = 1, PMULL2) 64 bits of Vn and Vm; 8 byte lanes into 16-bit lanes, or one 64x64 -> 128.
import { fpAccessOk64 } from "./fp-check";
import { vD, vHi, setVQ, rD, rN, rM } from "./fpregs";

@inline function half(n: u32, upper: bool): u64 { return upper ? vHi(n) : vD(n); }

/** Carry-less product of two bytes (16 bits). */
function clmul8(a: u32, b: u32): u32 {
  let r: u32 = 0;
  for (let k = 0; k < 8; k++) if ((b & (1 << k)) != 0) r ^= a << k;
  return r;
}

export function PMULL_8(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const upper = (i & (1 << 30)) != 0;
  const a = half(rN(i), upper), b = half(rM(i), upper);
  let lo: u64 = 0, hi: u64 = 0;
  for (let e: u64 = 0; e < 8; e++) {
    const p = <u64>clmul8(<u32>(a >> (e << 3)) & 0xff, <u32>(b >> (e << 3)) & 0xff);
    if (e < 4) lo |= p << (e << 4);
    else hi |= p << ((e - 4) << 4);
  }
  setVQ(rD(i), lo, hi);
  return true;
}

export function PMULL_64(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const upper = (i & (1 << 30)) != 0;
  const a = half(rN(i), upper), b = half(rM(i), upper);
  let lo: u64 = 0, hi: u64 = 0;
  for (let k: u64 = 0; k < 64; k++) {
    if (((b >> k) & 1) == 0) continue;
    lo ^= a << k;
    if (k != 0) hi ^= a >> (64 - k);
  }
  setVQ(rD(i), lo, hi);
  return true;
}
