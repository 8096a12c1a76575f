// 32-bit Thumb multiplies, multiply-accumulates, sum of absolute differences and divides
// (ARM ARM A6.3.16-A6.3.18). Each handler moves the T32 fields (Rn [19:16], Ra/RdLo [15:12],
// Rd/RdHi [11:8], Rm [3:0]) to their A32 places (Rd/RdHi [19:16], Ra/RdLo [15:12], Rm [11:8],
// Rn [3:0], S = 0) and runs the A32 handler: one implementation for both instruction sets.
// T32 has no flag-setting multiplies. Ra = 15 selects SMUAD/SMUSD/SMMUL as in A32 (QEMU).
import {
  MUL, MLA, MLS, SMLAxy, SMLAD, SMLAWy, SMLSD, SMMLA, SMMLS, SMULL, SDIV, UMULL, UDIV, SMLAL,
  SMLALxy, SMLALD, SMLSLD, UMLAL, UMAAL, SMULxy, SMULWy,
} from "../a32/multiply";
import { USAD8, USADA8 } from "../a32/media";

/** The register fields in A32 positions. */
@inline function mulWord(insn: u32): u32 {
  return (((insn >>> 8) & 0xf) << 16) | (insn & 0xf000) | ((insn & 0xf) << 8) | ((insn >>> 16) & 0xf);
}
/** Halfword selectors: T32 N (bit 5) and M (bit 4) go to A32 bits 5 and 6. */
@inline function mulWordXY(insn: u32): u32 { return mulWord(insn) | (insn & 0x20) | ((insn & 0x10) << 2); }
/** SMLAW/SMULW: M (bit 4) goes to A32 bit 6. */
@inline function mulWordY(insn: u32): u32 { return mulWord(insn) | ((insn & 0x10) << 2); }
/** The X (exchange) or R (round) bit: T32 bit 4 goes to A32 bit 5. */
@inline function mulWordX(insn: u32): u32 { return mulWord(insn) | ((insn & 0x10) << 1); }

export function T_MUL(insn: u32): bool { return MUL(mulWord(insn)); }
export function T_MLA(insn: u32): bool { return MLA(mulWord(insn)); }
export function T_MLS(insn: u32): bool { return MLS(mulWord(insn)); }
export function T_SMULxy(insn: u32): bool { return SMULxy(mulWordXY(insn)); }
export function T_SMLAxy(insn: u32): bool { return SMLAxy(mulWordXY(insn)); }
export function T_SMLAD(insn: u32): bool { return SMLAD(mulWordX(insn)); }
export function T_SMULWy(insn: u32): bool { return SMULWy(mulWordY(insn)); }
export function T_SMLAWy(insn: u32): bool { return SMLAWy(mulWordY(insn)); }
export function T_SMLSD(insn: u32): bool { return SMLSD(mulWordX(insn)); }
export function T_SMMLA(insn: u32): bool { return SMMLA(mulWordX(insn)); }
export function T_SMMLS(insn: u32): bool { return SMMLS(mulWordX(insn)); }
export function T_SMULL(insn: u32): bool { return SMULL(mulWord(insn)); }
export function T_SDIV(insn: u32): bool { return SDIV(mulWord(insn)); }
export function T_UMULL(insn: u32): bool { return UMULL(mulWord(insn)); }
export function T_UDIV(insn: u32): bool { return UDIV(mulWord(insn)); }
export function T_SMLAL(insn: u32): bool { return SMLAL(mulWord(insn)); }
export function T_SMLALxy(insn: u32): bool { return SMLALxy(mulWordXY(insn)); }
export function T_SMLALD(insn: u32): bool { return SMLALD(mulWordX(insn)); }
export function T_SMLSLD(insn: u32): bool { return SMLSLD(mulWordX(insn)); }
export function T_UMLAL(insn: u32): bool { return UMLAL(mulWord(insn)); }
export function T_UMAAL(insn: u32): bool { return UMAAL(mulWord(insn)); }
export function T_USAD8(insn: u32): bool { return USAD8(mulWord(insn)); }
export function T_USADA8(insn: u32): bool { return USADA8(mulWord(insn)); }
