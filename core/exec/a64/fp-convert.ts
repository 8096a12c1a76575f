// A64 FCVT (between half, single and double), and conversions between FP and integer or fixed
// point (ftype 00/01 only: no FP16 arithmetic on the A57), as QEMU 7.2: FP to integer rounds in
// the mode the opcode names (FCVTZ* fixed point: toward zero), a NaN gives 0 with Invalid, out of
// range saturates with Invalid only; integer to FP rounds per FPCR; a 32-bit source is sign- or
// zero-extended to 64 bits first.
import { xr, setXr, setWr } from "../../cpu64";
import { fpAccessOk64 } from "./fp-check";
import { vH, vS, vD, setVS, setVD, rD, rN, isDouble, fpBegin64, fpEnd64, fpcrAHP } from "./fpregs";
import {
  fp32To64, fp64To32, fp16To32, fp16To64, fp32To16, fp64To16,
  fp32ToFixedRM, fp64ToFixedRM, fixed64ToFp32, fixed64ToFp64,
} from "../../fp/ops";
import { RM_RN, RM_RP, RM_RM, RM_RZ, RM_TIEAWAY } from "../../fp/fpst";

const T_SINGLE: u32 = 0, T_DOUBLE: u32 = 1, T_HALF: u32 = 3;

/** FCVT: source ftype (bits 23:22) to destination type (bits 16:15); 10 or equal types UNDEF. */
export function FCVT(i: u32): bool {
  const from = (i >>> 22) & 3, to = (i >>> 15) & 3;
  if (from == 2 || to == 2 || from == to) return false;
  if (!fpAccessOk64()) return true;
  const d = rD(i), n = rN(i), ahp = fpcrAHP();
  fpBegin64();
  if (from == T_SINGLE) {
    const a = vS(n);
    if (to == T_DOUBLE) setVD(d, fp32To64(a));
    else setVS(d, fp32To16(a, ahp));
  } else if (from == T_DOUBLE) {
    const a = vD(n);
    if (to == T_SINGLE) setVS(d, fp64To32(a));
    else setVS(d, fp64To16(a, ahp));
  } else {
    const h = vH(n);
    if (to == T_SINGLE) setVS(d, fp16To32(h, ahp));
    else setVD(d, fp16To64(h, ahp));
  }
  fpEnd64();
  return true;
}

@inline function is64(i: u32): bool { return (i >>> 31) != 0; }

/** FP (Sn/Dn) * 2^fbits to Wd/Xd with rounding mode rm. */
function toInt(i: u32, signed: bool, rm: u32, fbits: i32): bool {
  if (!fpAccessOk64()) return true;
  const size = is64(i) ? 64 : 32;
  fpBegin64();
  const r = isDouble(i)
    ? fp64ToFixedRM(vD(rN(i)), fbits, signed, rm, size)
    : fp32ToFixedRM(vS(rN(i)), fbits, signed, rm, size);
  fpEnd64();
  if (size == 64) setXr(rD(i), r);
  else setWr(rD(i), <u32>r);
  return true;
}

/** Wn/Xn / 2^fbits to Sd/Dd, rounded per FPCR. */
function fromInt(i: u32, signed: bool, fbits: i32): bool {
  if (!fpAccessOk64()) return true;
  let v = xr(rN(i));
  if (!is64(i)) v = signed ? <u64><i64><i32>v : v & 0xffffffff;
  fpBegin64();
  if (isDouble(i)) setVD(rD(i), fixed64ToFp64(v, fbits, signed));
  else setVS(rD(i), fixed64ToFp32(v, fbits, signed));
  fpEnd64();
  return true;
}

export function FCVTNS(i: u32): bool { return toInt(i, true, RM_RN, 0); }
export function FCVTNU(i: u32): bool { return toInt(i, false, RM_RN, 0); }
export function FCVTPS(i: u32): bool { return toInt(i, true, RM_RP, 0); }
export function FCVTPU(i: u32): bool { return toInt(i, false, RM_RP, 0); }
export function FCVTMS(i: u32): bool { return toInt(i, true, RM_RM, 0); }
export function FCVTMU(i: u32): bool { return toInt(i, false, RM_RM, 0); }
export function FCVTZS_int(i: u32): bool { return toInt(i, true, RM_RZ, 0); }
export function FCVTZU_int(i: u32): bool { return toInt(i, false, RM_RZ, 0); }
export function FCVTAS(i: u32): bool { return toInt(i, true, RM_TIEAWAY, 0); }
export function FCVTAU(i: u32): bool { return toInt(i, false, RM_TIEAWAY, 0); }
export function SCVTF_int(i: u32): bool { return fromInt(i, true, 0); }
export function UCVTF_int(i: u32): bool { return fromInt(i, false, 0); }

/** Fraction bits 64 - scale; a 32-bit integer with scale < 32 (more than 32 bits) UNDEFs. */
@inline function fbits(i: u32): i32 { return 64 - <i32>((i >>> 10) & 63); }
@inline function badScale(i: u32): bool { return !is64(i) && fbits(i) > 32; }

export function SCVTF_fix(i: u32): bool { return badScale(i) ? false : fromInt(i, true, fbits(i)); }
export function UCVTF_fix(i: u32): bool { return badScale(i) ? false : fromInt(i, false, fbits(i)); }
export function FCVTZS_fix(i: u32): bool { return badScale(i) ? false : toInt(i, true, RM_RZ, fbits(i)); }
export function FCVTZU_fix(i: u32): bool { return badScale(i) ? false : toInt(i, false, RM_RZ, fbits(i)); }
