// A64 bitfield moves SBFM/BFM/UBFM and EXTR (ARM ARM C6.2 SBFM, BFM, UBFM, EXTR). N must equal
// sf, and 32-bit forms take no field value >= 32 (UNDEFINED otherwise, as in QEMU).
import { xr } from "../../cpu64";
import { field } from "./common";
import { sf, rd, rn, rm, getReg, putReg, rorN } from "./dp-operands";
import { bitfieldWmask, bitfieldTmask } from "./dp-bitmask";

const BF_SIGNED: u32 = 0, BF_INSERT: u32 = 1, BF_UNSIGNED: u32 = 2;

@inline function bitfield(insn: u32, op: u32): bool {
  const is64 = sf(insn);
  const size: u32 = is64 ? 64 : 32;
  const immr = field(insn, 16, 6), imms = field(insn, 10, 6);
  if (field(insn, 22, 1) != (insn >>> 31) || immr >= size || imms >= size) return false;
  const wmask = bitfieldWmask(imms, immr, size), tmask = bitfieldTmask(imms, immr, size);
  const src = xr(rn(insn));
  const dst: u64 = op == BF_INSERT ? xr(rd(insn)) : 0;
  const bot = (dst & ~wmask) | (rorN(src, immr, size) & wmask);
  const top: u64 = op == BF_SIGNED ? (((src >>> <u64>imms) & 1) != 0 ? <u64>-1 : 0) : dst;
  putReg(rd(insn), (top & ~tmask) | (bot & tmask), is64);
  return true;
}

export function SBFM(insn: u32): bool { return bitfield(insn, BF_SIGNED); }
export function BFM(insn: u32): bool { return bitfield(insn, BF_INSERT); }
export function UBFM(insn: u32): bool { return bitfield(insn, BF_UNSIGNED); }

/** EXTR: (Rn:Rm) >> lsb at the width. */
export function EXTR(insn: u32): bool {
  const is64 = sf(insn);
  const size: u32 = is64 ? 64 : 32;
  const lsb = field(insn, 10, 6);
  if (field(insn, 22, 1) != (insn >>> 31) || lsb >= size) return false;
  const hi = getReg(rn(insn), is64), lo = getReg(rm(insn), is64);
  putReg(rd(insn), lsb == 0 ? lo : (lo >>> <u64>lsb) | (hi << <u64>(size - lsb)), is64);
  return true;
}
