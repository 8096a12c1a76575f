// DecodeBitMasks (ARM ARM J1 aarch64/instrs/integer/bitmasks): the masks of the logical
// immediates and of the bitfield moves.
import { ones, rorN } from "./dp-operands";

/**
 * wmask of a logical immediate (N:immr:imms), replicated over 64 bits; 0 when the encoding is
 * reserved (no element size, or an all-ones element). A valid mask is never 0.
 */
export function logicImmMask(n: u32, imms: u32, immr: u32): u64 {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined == 0) return 0;
  const len: u32 = 31 - clz<u32>(combined);
  if (len < 1) return 0;
  const esize: u32 = 1 << len;
  const levels = esize - 1;
  const s = imms & levels;
  if (s == levels) return 0;
  let elem = rorN(ones(s + 1), immr & levels, esize);
  for (let e = esize; e < 64; e <<= 1) elem |= elem << <u64>e;
  return elem;
}

/** Bitfield wmask: S+1 ones rotated right by R within the register (esize = datasize). */
@inline export function bitfieldWmask(imms: u32, immr: u32, size: u32): u64 { return rorN(ones(imms + 1), immr, size); }
/** Bitfield tmask: ones up to bit (S - R) mod size. */
@inline export function bitfieldTmask(imms: u32, immr: u32, size: u32): u64 { return ones(((imms - immr) & (size - 1)) + 1); }
