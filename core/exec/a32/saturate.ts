// A32 saturating arithmetic (ARM ARM A5.2.6: QADD, QSUB, QDADD, QDSUB) and saturation
// (A5.4.3: SSAT, USAT, SSAT16, USAT16). Saturating sets the sticky Q flag, never clears it.
import { rreg, setQ } from "../../cpu";
import { writeRd, sext } from "./media-common";

/** SignedSat32 of an exact sum, setting Q when it saturates. */
function sat32(r: i64): u32 {
  if (r > <i64>i32.MAX_VALUE) { setQ(); return 0x7fffffff; }
  if (r < <i64>i32.MIN_VALUE) { setQ(); return 0x80000000; }
  return <u32>r;
}

/** SignedSatQ(v, shift + 1): clamp to shift+1 signed bits (shift 0..31). */
function ssat(v: i32, shift: u32): u32 {
  const top = v >> shift;
  const mask: u32 = (<u32>1 << shift) - 1;
  if (top > 0) { setQ(); return mask; }
  if (top < -1) { setQ(); return ~mask; }
  return <u32>v;
}

/** UnsignedSatQ(v, shift): clamp to 0 .. 2^shift - 1 (shift 0..31). */
function usat(v: i32, shift: u32): u32 {
  const max: u32 = (<u32>1 << shift) - 1;
  if (v < 0) { setQ(); return 0; }
  if (<u32>v > max) { setQ(); return max; }
  return <u32>v;
}

// Rd = sat(Rm op Rn); Rn at [19:16], Rd at [15:12], Rm at [3:0].
@inline function rn(insn: u32): i64 { return <i64><i32>rreg((insn >>> 16) & 0xf); }
@inline function rm(insn: u32): i64 { return <i64><i32>rreg(insn & 0xf); }
@inline function rd(insn: u32): u32 { return (insn >>> 12) & 0xf; }

export function QADD(insn: u32): bool { writeRd(rd(insn), sat32(rm(insn) + rn(insn))); return true; }
export function QSUB(insn: u32): bool { writeRd(rd(insn), sat32(rm(insn) - rn(insn))); return true; }
/** QDADD: the doubling saturates (and sets Q) on its own before the addition. */
export function QDADD(insn: u32): bool {
  const dbl = <i64><i32>sat32(rn(insn) * 2);
  writeRd(rd(insn), sat32(rm(insn) + dbl));
  return true;
}
export function QDSUB(insn: u32): bool {
  const dbl = <i64><i32>sat32(rn(insn) * 2);
  writeRd(rd(insn), sat32(rm(insn) - dbl));
  return true;
}

/** Rn shifted by the sh/imm5 of SSAT/USAT: LSL #imm, or ASR #imm with 0 meaning 32 (31 gives the same saturation, as in QEMU). */
function satOperand(insn: u32): i32 {
  const v = rreg(insn & 0xf);
  const imm = (insn >>> 7) & 0x1f;
  if ((insn >>> 6) & 1) return <i32>v >> (imm == 0 ? 31 : imm);
  return <i32>(v << imm);
}

/** SSAT: saturate_to = sat_imm + 1. */
export function SSAT(insn: u32): bool {
  writeRd(rd(insn), ssat(satOperand(insn), (insn >>> 16) & 0x1f));
  return true;
}
/** USAT: saturate_to = sat_imm. */
export function USAT(insn: u32): bool {
  writeRd(rd(insn), usat(satOperand(insn), (insn >>> 16) & 0x1f));
  return true;
}
/** SSAT16 semantics: each signed halfword of v to sh + 1 bits (sh 0..31; T32 has 5 bits). */
export function ssat16x2(v: u32, sh: u32): u32 {
  return (ssat(sext(v, 16), sh) & 0xffff) | (ssat(<i32>v >> 16, sh) << 16);
}
/** USAT16 semantics: each signed halfword of v to 0 .. 2^sh - 1 (sh 0..31). */
export function usat16x2(v: u32, sh: u32): u32 {
  return (usat(sext(v, 16), sh) & 0xffff) | (usat(<i32>v >> 16, sh) << 16);
}
export function SSAT16(insn: u32): bool {
  writeRd(rd(insn), ssat16x2(rreg(insn & 0xf), (insn >>> 16) & 0xf));
  return true;
}
export function USAT16(insn: u32): bool {
  writeRd(rd(insn), usat16x2(rreg(insn & 0xf), (insn >>> 16) & 0xf));
  return true;
}
