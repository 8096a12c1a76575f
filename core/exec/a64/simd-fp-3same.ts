// AdvSIMD three-same FP (vector, pairwise and scalar forms), single (sz = 0) or double (sz = 1)
// lanes. Vector sz = 1 with Q = 0 is reserved (UNDEFINED). Sources are read before Rd is written;
// Q = 0 zeroes bits 127..64 and a scalar result zeroes everything above its lane.
import { fpAccessOk64 } from "./fp-check";
import { vAddr, setVQ, rD, rN, rM, fpBegin64, fpEnd64 } from "./fpregs";
import {
  laneOp, L_ADD, L_SUB, L_MUL, L_DIV, L_MAX, L_MIN, L_MAXNM, L_MINNM, L_MLA, L_MLS, L_ABD, L_MULX,
  L_RECPS, L_RSQRTS, L_CMEQ, L_CMGE, L_CMGT, L_ACGE, L_ACGT,
} from "./simd-fp-lane";

const OUT = memory.data(16);

@inline function isQ(i: u32): bool { return (i & (1 << 30)) != 0; }
@inline function isD(i: u32): bool { return (i & (1 << 22)) != 0; }

/** Lane e (of width 4 or 8 bytes) of the 128-bit register at p. */
@inline function lane(p: usize, e: i32, dbl: bool): u64 { return dbl ? load<u64>(p + (<usize>e << 3)) : <u64>load<u32>(p + (<usize>e << 2)); }
@inline function setLane(p: usize, e: i32, dbl: bool, v: u64): void {
  if (dbl) store<u64>(p + (<usize>e << 3), v); else store<u32>(p + (<usize>e << 2), <u32>v);
}
@inline function op(o: i32, a: u64, b: u64, d: u64, dbl: bool): u64 { return dbl ? laneOp(o, a, b, d, 52, 11) : laneOp(o, a, b, d, 23, 8); }

/** Copies OUT to Rd, keeping only `bytes` of it. */
function writeOut(i: u32, bytes: i32): void {
  const lo = load<u64>(OUT), hi = load<u64>(OUT, 8);
  setVQ(rD(i), bytes == 4 ? lo & 0xffffffff : lo, bytes == 16 ? hi : 0);
}

function vector(i: u32, o: i32): bool {
  const dbl = isD(i), q = isQ(i);
  if (dbl && !q) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i)), m = vAddr(rM(i)), d = vAddr(rD(i));
  const lanes = (q ? 16 : 8) >> (dbl ? 3 : 2);
  fpBegin64();
  for (let e = 0; e < lanes; e++) setLane(OUT, e, dbl, op(o, lane(n, e, dbl), lane(m, e, dbl), lane(d, e, dbl), dbl));
  fpEnd64();
  writeOut(i, q ? 16 : 8);
  return true;
}

/** Pairwise: lanes of Vn then Vm, adjacent pairs combined. */
function pairwise(i: u32, o: i32): bool {
  const dbl = isD(i), q = isQ(i);
  if (dbl && !q) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i)), m = vAddr(rM(i));
  const lanes = (q ? 16 : 8) >> (dbl ? 3 : 2), half = lanes >> 1;
  fpBegin64();
  for (let e = 0; e < lanes; e++) {
    const src = e < half ? n : m, k = (e % half) << 1;
    setLane(OUT, e, dbl, op(o, lane(src, k, dbl), lane(src, k + 1, dbl), 0, dbl));
  }
  fpEnd64();
  writeOut(i, q ? 16 : 8);
  return true;
}

function scalar(i: u32, o: i32): bool {
  if (!fpAccessOk64()) return true;
  const dbl = isD(i);
  fpBegin64();
  store<u64>(OUT, op(o, lane(vAddr(rN(i)), 0, dbl), lane(vAddr(rM(i)), 0, dbl), 0, dbl));
  fpEnd64();
  writeOut(i, dbl ? 8 : 4);
  return true;
}

export function FADD_vec(i: u32): bool { return vector(i, L_ADD); }
export function FSUB_vec(i: u32): bool { return vector(i, L_SUB); }
export function FMUL_vec(i: u32): bool { return vector(i, L_MUL); }
export function FDIV_vec(i: u32): bool { return vector(i, L_DIV); }
export function FMAX_vec(i: u32): bool { return vector(i, L_MAX); }
export function FMIN_vec(i: u32): bool { return vector(i, L_MIN); }
export function FMAXNM_vec(i: u32): bool { return vector(i, L_MAXNM); }
export function FMINNM_vec(i: u32): bool { return vector(i, L_MINNM); }
export function FMLA_vec(i: u32): bool { return vector(i, L_MLA); }
export function FMLS_vec(i: u32): bool { return vector(i, L_MLS); }
export function FABD_vec(i: u32): bool { return vector(i, L_ABD); }
export function FMULX_vec(i: u32): bool { return vector(i, L_MULX); }
export function FRECPS_vec(i: u32): bool { return vector(i, L_RECPS); }
export function FRSQRTS_vec(i: u32): bool { return vector(i, L_RSQRTS); }
export function FCMEQ_vec(i: u32): bool { return vector(i, L_CMEQ); }
export function FCMGE_vec(i: u32): bool { return vector(i, L_CMGE); }
export function FCMGT_vec(i: u32): bool { return vector(i, L_CMGT); }
export function FACGE_vec(i: u32): bool { return vector(i, L_ACGE); }
export function FACGT_vec(i: u32): bool { return vector(i, L_ACGT); }
export function FADDP_vec(i: u32): bool { return pairwise(i, L_ADD); }
export function FMAXP_vec(i: u32): bool { return pairwise(i, L_MAX); }
export function FMINP_vec(i: u32): bool { return pairwise(i, L_MIN); }
export function FMAXNMP_vec(i: u32): bool { return pairwise(i, L_MAXNM); }
export function FMINNMP_vec(i: u32): bool { return pairwise(i, L_MINNM); }

export function FABD_s(i: u32): bool { return scalar(i, L_ABD); }
export function FMULX_s(i: u32): bool { return scalar(i, L_MULX); }
export function FRECPS_s(i: u32): bool { return scalar(i, L_RECPS); }
export function FRSQRTS_s(i: u32): bool { return scalar(i, L_RSQRTS); }
export function FCMEQ_s(i: u32): bool { return scalar(i, L_CMEQ); }
export function FCMGE_s(i: u32): bool { return scalar(i, L_CMGE); }
export function FCMGT_s(i: u32): bool { return scalar(i, L_CMGT); }
export function FACGE_s(i: u32): bool { return scalar(i, L_ACGE); }
export function FACGT_s(i: u32): bool { return scalar(i, L_ACGT); }
