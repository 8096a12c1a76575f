// A64 branches (ARM ARM C6.2: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET, ERET).
import { pc64, xr, setXr, setNextPC64, currentEL } from "../../cpu64";
import { exceptionReturn64 } from "../../exceptions/a64-entry";
import { field, sext64, condHolds } from "./common";

@inline function branchTo(off: u64): void { setNextPC64(pc64() + off); }

export function B(insn: u32): bool { branchTo(sext64(<u64>(insn & 0x3ffffff) << 2, 28)); return true; }

export function BL(insn: u32): bool {
  setXr(30, pc64() + 4);
  branchTo(sext64(<u64>(insn & 0x3ffffff) << 2, 28));
  return true;
}

@inline function imm19(insn: u32): u64 { return sext64(<u64>field(insn, 5, 19) << 2, 21); }
@inline function cbValue(insn: u32): u64 {
  const v = xr(insn & 31);
  return (insn >>> 31) != 0 ? v : v & 0xffffffff;
}

export function CBZ(insn: u32): bool { if (cbValue(insn) == 0) branchTo(imm19(insn)); return true; }
export function CBNZ(insn: u32): bool { if (cbValue(insn) != 0) branchTo(imm19(insn)); return true; }

@inline function tbBit(insn: u32): u64 {
  const b = ((insn >>> 26) & 0x20) | field(insn, 19, 5);
  return (xr(insn & 31) >>> <u64>b) & 1;
}
@inline function imm14(insn: u32): u64 { return sext64(<u64>field(insn, 5, 14) << 2, 16); }

export function TBZ(insn: u32): bool { if (tbBit(insn) == 0) branchTo(imm14(insn)); return true; }
export function TBNZ(insn: u32): bool { if (tbBit(insn) != 0) branchTo(imm14(insn)); return true; }

export function B_cond(insn: u32): bool { if (condHolds(insn & 15)) branchTo(imm19(insn)); return true; }

export function BR(insn: u32): bool { setNextPC64(xr(field(insn, 5, 5))); return true; }

export function BLR(insn: u32): bool {
  const target = xr(field(insn, 5, 5)); // read before LR is written (BLR x30)
  setXr(30, pc64() + 4);
  setNextPC64(target);
  return true;
}

export function RET(insn: u32): bool { setNextPC64(xr(field(insn, 5, 5))); return true; }

/** ERET: UNDEFINED at EL0. */
export function ERET(insn: u32): bool {
  if (currentEL() == 0) return false;
  exceptionReturn64();
  return true;
}
