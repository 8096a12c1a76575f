// Bit helpers for the GICv3's 2-bit-per-interrupt config registers (QEMU's half_shuffle32 /
// half_unshuffle32) and 64-bit registers accessed as 32-bit halves.

/** Spread bits 0..15 of v to the even bits 0, 2, ..., 30. */
export function halfShuffle(v: number): number {
  let r = 0;
  for (let i = 0; i < 16; i++) if ((v >>> i) & 1) r |= 1 << (2 * i);
  return r >>> 0;
}

/** Gather the even bits 0, 2, ..., 30 of v into bits 0..15. */
export function halfUnshuffle(v: number): number {
  let r = 0;
  for (let i = 0; i < 16; i++) if ((v >>> (2 * i)) & 1) r |= 1 << i;
  return r;
}

/** The 32-bit half at byte offset `off` (0 or 4) of a 64-bit value. */
export const half64 = (v: bigint, off: number): number => Number((v >> BigInt(off * 8)) & 0xffffffffn);

/** Replace the 32-bit half at byte offset `off` (0 or 4) of a 64-bit value. */
export function deposit64(v: bigint, off: number, w: number): bigint {
  const sh = BigInt(off * 8);
  return (v & ~(0xffffffffn << sh)) | (BigInt(w >>> 0) << sh);
}
