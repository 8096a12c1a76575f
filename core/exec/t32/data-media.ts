// 32-bit Thumb media instructions: saturation, bit fields, 16-bit immediates, packing,
// extension, parallel add/subtract and the miscellaneous operations (ARM ARM A6.3.3,
// A6.3.11-A6.3.15). Each handler moves the T32 fields to where the A32 encoding keeps them
// and runs the A32 handler, so both instruction sets share one implementation; the A32
// handlers read registers with rreg (PC + 4 in Thumb) and write Rd = 15 as a plain branch
// (bit 0 cleared in Thumb), which is what QEMU 7.2 does for these UNPREDICTABLE cases.
import { rreg } from "../../cpu";
import { writeRd } from "../a32/media-common";
import { MOVW, MOVT } from "../a32/data-processing";
import { SSAT, USAT, ssat16x2, usat16x2, QADD, QSUB, QDADD, QDSUB } from "../a32/saturate";
import {
  PKHBT, PKHTB, SBFX, UBFX, BFC, BFI, SEL, REV, REV16, RBIT, REVSH, CLZ,
  SXTH, SXTAH, UXTH, UXTAH, SXTB16, SXTAB16, UXTB16, UXTAB16, SXTB, SXTAB, UXTB, UXTAB,
} from "../a32/media";
import {
  SADD8, QADD8, SHADD8, UADD8, UQADD8, UHADD8, SADD16, QADD16, SHADD16, UADD16, UQADD16, UHADD16,
  SASX, QASX, SHASX, UASX, UQASX, UHASX, SSUB8, QSUB8, SHSUB8, USUB8, UQSUB8, UHSUB8, SSUB16,
  QSUB16, SHSUB16, USUB16, UQSUB16, UHSUB16, SSAX, QSAX, SHSAX, USAX, UQSAX, UHSAX,
} from "../a32/parallel";

@inline function fD(insn: u32): u32 { return (insn >>> 8) & 0xf; }
@inline function fN(insn: u32): u32 { return (insn >>> 16) & 0xf; }
/** imm3:imm2 (bits 14:12, 7:6): a shift amount or lsb. */
@inline function imm5(insn: u32): u32 { return ((insn >>> 10) & 0x1c) | ((insn >>> 6) & 3); }

// ---- 16-bit immediates: A32 imm4 [19:16], Rd [15:12], imm12 [11:0] ----
@inline function movWord(insn: u32): u32 {
  return (insn & 0xf0000) | (fD(insn) << 12) | ((insn >>> 15) & 0x800) | ((insn >>> 4) & 0x700) | (insn & 0xff);
}
export function T_MOVW(insn: u32): bool { return MOVW(movWord(insn)); }
export function T_MOVT(insn: u32): bool { return MOVT(movWord(insn)); }

// ---- saturation: A32 sat_imm [20:16], Rd [15:12], imm5 [11:7], sh [6], Rn [3:0] ----
@inline function satWord(insn: u32): u32 {
  return ((insn & 0x1f) << 16) | (fD(insn) << 12) | (imm5(insn) << 7) | (((insn >>> 21) & 1) << 6) | fN(insn);
}
export function T_SSAT(insn: u32): bool { return SSAT(satWord(insn)); }
export function T_USAT(insn: u32): bool { return USAT(satWord(insn)); }
/** The 16-bit forms take 5 bits of sat_imm in T32 (A32 has 4); QEMU uses all 5. */
export function T_SSAT16(insn: u32): bool { writeRd(fD(insn), ssat16x2(rreg(fN(insn)), insn & 0x1f)); return true; }
export function T_USAT16(insn: u32): bool { writeRd(fD(insn), usat16x2(rreg(fN(insn)), insn & 0x1f)); return true; }

// ---- bit fields: A32 widthm1/msb [20:16], Rd [15:12], lsb [11:7], Rn [3:0] ----
@inline function bitfieldWord(insn: u32): u32 {
  return ((insn & 0x1f) << 16) | (fD(insn) << 12) | (imm5(insn) << 7) | fN(insn);
}
export function T_SBFX(insn: u32): bool { return SBFX(bitfieldWord(insn)); }
export function T_UBFX(insn: u32): bool { return UBFX(bitfieldWord(insn)); }
export function T_BFC(insn: u32): bool { return BFC(bitfieldWord(insn)); }
export function T_BFI(insn: u32): bool { return BFI(bitfieldWord(insn)); }

// ---- packing: A32 Rn [19:16], Rd [15:12], imm5 [11:7], Rm [3:0] ----
@inline function pkhWord(insn: u32): u32 { return (insn & 0xf000f) | (fD(insn) << 12) | (imm5(insn) << 7); }
export function T_PKHBT(insn: u32): bool { return PKHBT(pkhWord(insn)); }
export function T_PKHTB(insn: u32): bool { return PKHTB(pkhWord(insn)); }

// ---- extension: A32 Rn [19:16], Rd [15:12], rotate [11:10], Rm [3:0] ----
@inline function extendWord(insn: u32): u32 { return (insn & 0xf000f) | (fD(insn) << 12) | (((insn >>> 4) & 3) << 10); }
export function T_SXTH(insn: u32): bool { return SXTH(extendWord(insn)); }
export function T_SXTAH(insn: u32): bool { return SXTAH(extendWord(insn)); }
export function T_UXTH(insn: u32): bool { return UXTH(extendWord(insn)); }
export function T_UXTAH(insn: u32): bool { return UXTAH(extendWord(insn)); }
export function T_SXTB16(insn: u32): bool { return SXTB16(extendWord(insn)); }
export function T_SXTAB16(insn: u32): bool { return SXTAB16(extendWord(insn)); }
export function T_UXTB16(insn: u32): bool { return UXTB16(extendWord(insn)); }
export function T_UXTAB16(insn: u32): bool { return UXTAB16(extendWord(insn)); }
export function T_SXTB(insn: u32): bool { return SXTB(extendWord(insn)); }
export function T_SXTAB(insn: u32): bool { return SXTAB(extendWord(insn)); }
export function T_UXTB(insn: u32): bool { return UXTB(extendWord(insn)); }
export function T_UXTAB(insn: u32): bool { return UXTAB(extendWord(insn)); }

// ---- three-register forms: A32 Rn [19:16], Rd [15:12], Rm [3:0] ----
@inline function rrr(insn: u32): u32 { return (insn & 0xf000f) | (fD(insn) << 12); }
export function T_SADD8(insn: u32): bool { return SADD8(rrr(insn)); }
export function T_QADD8(insn: u32): bool { return QADD8(rrr(insn)); }
export function T_SHADD8(insn: u32): bool { return SHADD8(rrr(insn)); }
export function T_UADD8(insn: u32): bool { return UADD8(rrr(insn)); }
export function T_UQADD8(insn: u32): bool { return UQADD8(rrr(insn)); }
export function T_UHADD8(insn: u32): bool { return UHADD8(rrr(insn)); }
export function T_SADD16(insn: u32): bool { return SADD16(rrr(insn)); }
export function T_QADD16(insn: u32): bool { return QADD16(rrr(insn)); }
export function T_SHADD16(insn: u32): bool { return SHADD16(rrr(insn)); }
export function T_UADD16(insn: u32): bool { return UADD16(rrr(insn)); }
export function T_UQADD16(insn: u32): bool { return UQADD16(rrr(insn)); }
export function T_UHADD16(insn: u32): bool { return UHADD16(rrr(insn)); }
export function T_SASX(insn: u32): bool { return SASX(rrr(insn)); }
export function T_QASX(insn: u32): bool { return QASX(rrr(insn)); }
export function T_SHASX(insn: u32): bool { return SHASX(rrr(insn)); }
export function T_UASX(insn: u32): bool { return UASX(rrr(insn)); }
export function T_UQASX(insn: u32): bool { return UQASX(rrr(insn)); }
export function T_UHASX(insn: u32): bool { return UHASX(rrr(insn)); }
export function T_SSUB8(insn: u32): bool { return SSUB8(rrr(insn)); }
export function T_QSUB8(insn: u32): bool { return QSUB8(rrr(insn)); }
export function T_SHSUB8(insn: u32): bool { return SHSUB8(rrr(insn)); }
export function T_USUB8(insn: u32): bool { return USUB8(rrr(insn)); }
export function T_UQSUB8(insn: u32): bool { return UQSUB8(rrr(insn)); }
export function T_UHSUB8(insn: u32): bool { return UHSUB8(rrr(insn)); }
export function T_SSUB16(insn: u32): bool { return SSUB16(rrr(insn)); }
export function T_QSUB16(insn: u32): bool { return QSUB16(rrr(insn)); }
export function T_SHSUB16(insn: u32): bool { return SHSUB16(rrr(insn)); }
export function T_USUB16(insn: u32): bool { return USUB16(rrr(insn)); }
export function T_UQSUB16(insn: u32): bool { return UQSUB16(rrr(insn)); }
export function T_UHSUB16(insn: u32): bool { return UHSUB16(rrr(insn)); }
export function T_SSAX(insn: u32): bool { return SSAX(rrr(insn)); }
export function T_QSAX(insn: u32): bool { return QSAX(rrr(insn)); }
export function T_SHSAX(insn: u32): bool { return SHSAX(rrr(insn)); }
export function T_USAX(insn: u32): bool { return USAX(rrr(insn)); }
export function T_UQSAX(insn: u32): bool { return UQSAX(rrr(insn)); }
export function T_UHSAX(insn: u32): bool { return UHSAX(rrr(insn)); }

export function T_QADD(insn: u32): bool { return QADD(rrr(insn)); }
export function T_QSUB(insn: u32): bool { return QSUB(rrr(insn)); }
export function T_QDADD(insn: u32): bool { return QDADD(rrr(insn)); }
export function T_QDSUB(insn: u32): bool { return QDSUB(rrr(insn)); }
export function T_SEL(insn: u32): bool { return SEL(rrr(insn)); }
export function T_REV(insn: u32): bool { return REV(rrr(insn)); }
export function T_REV16(insn: u32): bool { return REV16(rrr(insn)); }
export function T_RBIT(insn: u32): bool { return RBIT(rrr(insn)); }
export function T_REVSH(insn: u32): bool { return REVSH(rrr(insn)); }
export function T_CLZ(insn: u32): bool { return CLZ(rrr(insn)); }
