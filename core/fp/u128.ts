// 128-bit helpers for the f64 paths (product of two 64-bit significands, fused multiply-add).
// Results come back in the globals wHi:wLo (AssemblyScript has no tuples).

export let wHi: u64 = 0;
export let wLo: u64 = 0;

/** wHi:wLo = a * b (full 128-bit product), by 32-bit halves. */
export function mul64To128(a: u64, b: u64): void {
  const aL = a & 0xffffffff, aH = a >> 32;
  const bL = b & 0xffffffff, bH = b >> 32;
  const ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  wLo = (ll & 0xffffffff) | (mid << 32);
  wHi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/** wHi:wLo = (hi:lo) >> n, with every bit shifted out ORed into bit 0 ("jamming"). */
export function shr128Jam(hi: u64, lo: u64, n: i32): void {
  if (n <= 0) { wHi = hi; wLo = lo; return; }
  if (n >= 128) { wHi = 0; wLo = (hi | lo) != 0 ? 1 : 0; return; }
  if (n >= 64) {
    const k = n - 64;
    const lost: u64 = lo | (k > 0 ? (hi << <u64>(64 - k)) : 0);
    wLo = (k > 0 ? hi >> <u64>k : hi) | (lost != 0 ? 1 : 0);
    wHi = 0;
    return;
  }
  const lost = lo << <u64>(64 - n);
  wLo = (lo >> <u64>n) | (hi << <u64>(64 - n)) | (lost != 0 ? 1 : 0);
  wHi = hi >> <u64>n;
}

/** Number of leading zeros of hi:lo (128 if zero). */
export function clz128(hi: u64, lo: u64): i32 {
  return hi != 0 ? <i32>clz<u64>(hi) : 64 + <i32>clz<u64>(lo);
}

/** Normalizes a nonzero hi:lo so its leading bit lands on bit 62 of one u64, jamming the rest;
 *  returns that u64 and sets normShift = (old leading bit position) - 62. */
export let normShift: i32 = 0;
export function norm128To62(hi: u64, lo: u64): u64 {
  const p = 127 - clz128(hi, lo);
  normShift = p - 62;
  if (p > 62) { shr128Jam(hi, lo, p - 62); return wLo; }
  return lo << <u64>(62 - p);
}
