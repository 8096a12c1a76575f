// AdvSIMD FP reductions: across lanes (FMAXV/FMINV/FMAXNMV/FMINNMV, .4S only) and the scalar
// pairwise forms (FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP on the two low lanes). FMxxV combine as a
// tree, (e0 op e1) op (e2 op e3), as QEMU does.
import { fpAccessOk64 } from "./fp-check";
import { vAddr, setVQ, rD, rN, fpBegin64, fpEnd64 } from "./fpregs";
import { laneOp, L_ADD, L_MAX, L_MIN, L_MAXNM, L_MINNM } from "./simd-fp-lane";

function across(i: u32, op: i32): bool {
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  fpBegin64();
  const lo = laneOp(op, <u64>load<u32>(n), <u64>load<u32>(n, 4), 0, 23, 8);
  const hi = laneOp(op, <u64>load<u32>(n, 8), <u64>load<u32>(n, 12), 0, 23, 8);
  const r = laneOp(op, lo, hi, 0, 23, 8);
  fpEnd64();
  setVQ(rD(i), r & 0xffffffff, 0);
  return true;
}
export function FMAXNMV(i: u32): bool { return across(i, L_MAXNM); }
export function FMINNMV(i: u32): bool { return across(i, L_MINNM); }
export function FMAXV(i: u32): bool { return across(i, L_MAX); }
export function FMINV(i: u32): bool { return across(i, L_MIN); }

function pair(i: u32, op: i32): bool {
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  fpBegin64();
  const r = (i & (1 << 22)) != 0
    ? laneOp(op, load<u64>(n), load<u64>(n, 8), 0, 52, 11)
    : laneOp(op, <u64>load<u32>(n), <u64>load<u32>(n, 4), 0, 23, 8) & 0xffffffff;
  fpEnd64();
  setVQ(rD(i), r, 0);
  return true;
}
export function FADDP_s(i: u32): bool { return pair(i, L_ADD); }
export function FMAXP_s(i: u32): bool { return pair(i, L_MAX); }
export function FMINP_s(i: u32): bool { return pair(i, L_MIN); }
export function FMAXNMP_s(i: u32): bool { return pair(i, L_MAXNM); }
export function FMINNMP_s(i: u32): bool { return pair(i, L_MINNM); }
