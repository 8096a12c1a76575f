// AdvSIMD FP multiply by element: FMLA/FMLS/FMUL/FMULX, vector and scalar. size 10: single,
// index H:L, Rm = M:Rm; size 11: double, index H (L = 1 is reserved, as is vector Q = 0).
import { fpAccessOk64 } from "./fp-check";
import { vAddr, setVQ, rD, rN, rM, fpBegin64, fpEnd64 } from "./fpregs";
import { laneOp, L_MLA, L_MLS, L_MUL, L_MULX } from "./simd-fp-lane";

const OUT = memory.data(16);

function byElem(i: u32, op: i32, scalar: bool): bool {
  const dbl = (i & (1 << 22)) != 0, q = (i & (1 << 30)) != 0;
  const h = (i >>> 11) & 1, l = (i >>> 21) & 1;
  if (dbl && (l != 0 || (!scalar && !q))) return false;
  if (!fpAccessOk64()) return true;
  const mReg = rM(i); // M (bit 20) is the top bit of the register number for both sizes
  const idx = dbl ? h : (h << 1) | l;
  const n = vAddr(rN(i)), d = vAddr(rD(i));
  const elem = dbl ? load<u64>(vAddr(mReg) + (<usize>idx << 3)) : <u64>load<u32>(vAddr(mReg) + (<usize>idx << 2));
  const lanes = scalar ? 1 : (q ? 16 : 8) >> (dbl ? 3 : 2);
  fpBegin64();
  for (let e = 0; e < lanes; e++) {
    if (dbl) store<u64>(OUT + (<usize>e << 3), laneOp(op, load<u64>(n + (<usize>e << 3)), elem, load<u64>(d + (<usize>e << 3)), 52, 11));
    else store<u32>(OUT + (<usize>e << 2), <u32>laneOp(op, <u64>load<u32>(n + (<usize>e << 2)), elem, <u64>load<u32>(d + (<usize>e << 2)), 23, 8));
  }
  fpEnd64();
  const lo = load<u64>(OUT);
  if (scalar) setVQ(rD(i), dbl ? lo : lo & 0xffffffff, 0);
  else setVQ(rD(i), lo, q ? load<u64>(OUT, 8) : 0);
  return true;
}

export function FMLA_elem_vec(i: u32): bool { return byElem(i, L_MLA, false); }
export function FMLS_elem_vec(i: u32): bool { return byElem(i, L_MLS, false); }
export function FMUL_elem_vec(i: u32): bool { return byElem(i, L_MUL, false); }
export function FMULX_elem_vec(i: u32): bool { return byElem(i, L_MULX, false); }
export function FMLA_elem_s(i: u32): bool { return byElem(i, L_MLA, true); }
export function FMLS_elem_s(i: u32): bool { return byElem(i, L_MLS, true); }
export function FMUL_elem_s(i: u32): bool { return byElem(i, L_MUL, true); }
export function FMULX_elem_s(i: u32): bool { return byElem(i, L_MULX, true); }
