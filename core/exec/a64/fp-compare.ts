// A64 FCMP/FCMPE (register or #0.0), FCCMP/FCCMPE and FCSEL on S or D registers. The compare
// result goes to PSTATE.NZCV (equal 0110, less 1000, greater 0010, unordered 0011); the E forms
// raise Invalid for quiet NaNs too.
import { setNzcv } from "../../cpu64";
import { fpAccessOk64 } from "./fp-check";
import { vS, vD, setVS, setVD, rD, rN, rM, isDouble, fpBegin64, fpEnd64 } from "./fpregs";
import { condHolds } from "./common";
import { fpCompare32, fpCompare64 } from "../../fp/ops";

/** Compare Rn with Rm (or +0.0) into NZCV; signalling: the E forms. */
function compare(i: u32, withZero: bool, signalling: bool): void {
  fpBegin64();
  if (isDouble(i)) setNzcv(fpCompare64(vD(rN(i)), withZero ? 0 : vD(rM(i)), signalling));
  else setNzcv(fpCompare32(vS(rN(i)), withZero ? 0 : vS(rM(i)), signalling));
  fpEnd64();
}

/** Bit 3: compare with #0.0 (Rm is ignored, as QEMU). */
export function FCMP(i: u32): bool {
  if (!fpAccessOk64()) return true;
  compare(i, (i & 8) != 0, false);
  return true;
}
export function FCMPE(i: u32): bool {
  if (!fpAccessOk64()) return true;
  compare(i, (i & 8) != 0, true);
  return true;
}

/** Compare if cond holds, else NZCV = the immediate nzcv. */
function ccmp(i: u32, signalling: bool): bool {
  if (!fpAccessOk64()) return true;
  if (condHolds((i >>> 12) & 15)) compare(i, false, signalling);
  else setNzcv((i & 15) << 28);
  return true;
}
export function FCCMP(i: u32): bool { return ccmp(i, false); }
export function FCCMPE(i: u32): bool { return ccmp(i, true); }

export function FCSEL(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const src = condHolds((i >>> 12) & 15) ? rN(i) : rM(i);
  if (isDouble(i)) setVD(rD(i), vD(src));
  else setVS(rD(i), vS(src));
  return true;
}
