// A64 data processing with immediates (ARM ARM C4.1.66): ADR/ADRP, add/sub, logical, move wide.
// The bitfield moves and EXTR are in dp-bitfield.ts. Register 31 is SP for the add/sub source,
// for the non-flag-setting add/sub and logical destinations, and XZR everywhere else.
import { pc64, xr } from "../../cpu64";
import { field, sext64 } from "./common";
import { sf, rd, rn, getReg, getRegSP, putReg, putRegSP, logicOp, LOG_AND, LOG_ORR, LOG_EOR, LOG_ANDS } from "./dp-operands";
import { addWithCarry, logicFlags } from "./dp-flags";
import { logicImmMask } from "./dp-bitmask";

export * from "./dp-bitfield";

/** immhi:immlo, sign-extended from 21 bits. */
@inline function adrImm(insn: u32): u64 { return sext64(<u64>((field(insn, 5, 19) << 2) | field(insn, 29, 2)), 21); }

export function ADR(insn: u32): bool { putReg(rd(insn), pc64() + adrImm(insn), true); return true; }
export function ADRP(insn: u32): bool { putReg(rd(insn), (pc64() & ~<u64>0xfff) + (adrImm(insn) << 12), true); return true; }

/** ADD/SUB (immediate) with optional LSL #12 (bit 22). */
@inline function addSubImm(insn: u32, sub: bool, flags: bool): bool {
  const is64 = sf(insn);
  let imm = <u64>field(insn, 10, 12);
  if ((insn & (1 << 22)) != 0) imm <<= 12;
  const r = addWithCarry(is64, getRegSP(rn(insn), is64), sub ? ~imm : imm, sub ? 1 : 0, flags);
  if (flags) putReg(rd(insn), r, is64); else putRegSP(rd(insn), r, is64);
  return true;
}

export function ADD_imm(insn: u32): bool { return addSubImm(insn, false, false); }
export function ADDS_imm(insn: u32): bool { return addSubImm(insn, false, true); }
export function SUB_imm(insn: u32): bool { return addSubImm(insn, true, false); }
export function SUBS_imm(insn: u32): bool { return addSubImm(insn, true, true); }

/** AND/ORR/EOR/ANDS (immediate); reserved masks and N = 1 with sf = 0 are UNDEFINED. */
@inline function logicalImm(insn: u32, op: u32): bool {
  const is64 = sf(insn);
  const n = field(insn, 22, 1);
  if (!is64 && n != 0) return false;
  const mask = logicImmMask(n, field(insn, 10, 6), field(insn, 16, 6));
  if (mask == 0) return false;
  const x = getReg(rn(insn), is64);
  const r = logicOp(op, x, mask);
  if (op == LOG_ANDS) {
    logicFlags(r, is64); // x is at the width, so x & mask is too
    putReg(rd(insn), r, is64);
  } else {
    putRegSP(rd(insn), r, is64);
  }
  return true;
}

export function AND_imm(insn: u32): bool { return logicalImm(insn, LOG_AND); }
export function ORR_imm(insn: u32): bool { return logicalImm(insn, LOG_ORR); }
export function EOR_imm(insn: u32): bool { return logicalImm(insn, LOG_EOR); }
export function ANDS_imm(insn: u32): bool { return logicalImm(insn, LOG_ANDS); }

/** hw >= 2 (a shift of 32 or 48) is UNDEFINED in the 32-bit forms. */
@inline function moveWideOk(insn: u32): bool { return sf(insn) || field(insn, 22, 1) == 0; }
/** hw * 16. */
@inline function movePos(insn: u32): u64 { return <u64>(field(insn, 21, 2) << 4); }
/** imm16 << hw*16. */
@inline function moveImm(insn: u32): u64 { return <u64>field(insn, 5, 16) << movePos(insn); }

export function MOVN(insn: u32): bool {
  if (!moveWideOk(insn)) return false;
  putReg(rd(insn), ~moveImm(insn), sf(insn));
  return true;
}
export function MOVZ(insn: u32): bool {
  if (!moveWideOk(insn)) return false;
  putReg(rd(insn), moveImm(insn), sf(insn));
  return true;
}
export function MOVK(insn: u32): bool {
  if (!moveWideOk(insn)) return false;
  const d = rd(insn);
  putReg(d, (xr(d) & ~(<u64>0xffff << movePos(insn))) | moveImm(insn), sf(insn));
  return true;
}
