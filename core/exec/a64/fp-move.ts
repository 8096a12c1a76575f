// A64 FMOV (register, immediate, general): plain bit moves, no FP exceptions and no NaN handling.
import { xr, wr, setXr, setWr } from "../../cpu64";
import { fpAccessOk64 } from "./fp-check";
import { vS, vD, vHi, setVS, setVD, setVHi, rD, rN, isDouble } from "./fpregs";

/** Direction bit of FMOV (general): 1 = general register to FP register. */
@inline function toFp(i: u32): bool { return (i & (1 << 16)) != 0; }

export function FMOV_reg(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (isDouble(i)) setVD(rD(i), vD(rN(i)));
  else setVS(rD(i), vS(rN(i)));
  return true;
}

/** VFPExpandImm: imm8 = a:b:cdefgh -> sign a, exponent NOT(b):b...b:cd, fraction efgh. */
export function FMOV_imm(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const v = (i >>> 13) & 0xff;
  if (isDouble(i)) {
    const hi = ((v & 0x80) << 24) | ((v & 0x40) != 0 ? 0x3fc00000 : 0x40000000) | ((v & 0x3f) << 16);
    setVD(rD(i), <u64>hi << 32);
  } else {
    setVS(rD(i), ((v & 0x80) << 24) | ((v & 0x40) != 0 ? 0x3e000000 : 0x40000000) | ((v & 0x3f) << 19));
  }
  return true;
}

/** FMOV Sd, Wn / FMOV Wd, Sn. */
export function FMOV_general_32(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (toFp(i)) setVS(rD(i), wr(rN(i)));
  else setWr(rD(i), vS(rN(i)));
  return true;
}

/** FMOV Dd, Xn / FMOV Xd, Dn. */
export function FMOV_general_64(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (toFp(i)) setVD(rD(i), xr(rN(i)));
  else setXr(rD(i), vD(rN(i)));
  return true;
}

/** FMOV Vd.D[1], Xn (the low half is kept) / FMOV Xd, Vn.D[1]. */
export function FMOV_general_top(i: u32): bool {
  if (!fpAccessOk64()) return true;
  if (toFp(i)) setVHi(rD(i), xr(rN(i)));
  else setXr(rD(i), vHi(rN(i)));
  return true;
}
