// AdvSIMD two-register misc FP, vector and scalar: FABS, FNEG, FSQRT, FRINT*, FCVT{N,M,A,P,Z}{S,U},
// SCVTF/UCVTF, FCMxx with zero, FRECPE/FRSQRTE, URECPE/URSQRTE, scalar FRECPX. Vector sz = 1 with Q = 0 is reserved.
import { fpAccessOk64 } from "./fp-check";
import { vAddr, setVQ, rD, rN, fpBegin64, fpEnd64, fpcrRMode } from "./fpregs";
import { RM_RN, RM_RP, RM_RM, RM_RZ, RM_TIEAWAY } from "../../fp/fpst";
import {
  unaryLane, U_ABS, U_NEG, U_SQRT, U_RINT, U_RINTX, U_CVTS, U_CVTU, U_SCVTF, U_UCVTF, U_CMGT0, U_CMEQ0, U_CMLT0,
  U_CMGE0, U_CMLE0, U_RECPE, U_RSQRTE, U_URECPE, U_URSQRTE, U_RECPX,
} from "./simd-fp-unary";

const OUT = memory.data(16);
const FPCR_RM: u32 = 0xff; // rm argument meaning "FPCR.RMode"

@inline function isQ(i: u32): bool { return (i & (1 << 30)) != 0; }
@inline function isD(i: u32): bool { return (i & (1 << 22)) != 0; }

/** Shared by the two-register misc and the shift-by-immediate forms: n lanes of Vn through op. */
export function unaryVector(i: u32, op: i32, rm: u32, fbits: i32, dbl: bool): bool {
  const q = isQ(i);
  if (dbl && !q) return false;
  if (!fpAccessOk64()) return true;
  const n = vAddr(rN(i));
  const lanes = (q ? 16 : 8) >> (dbl ? 3 : 2);
  const mode = rm == FPCR_RM ? fpcrRMode() : rm;
  fpBegin64();
  for (let e = 0; e < lanes; e++) {
    if (dbl) store<u64>(OUT + (<usize>e << 3), unaryLane(op, load<u64>(n + (<usize>e << 3)), true, mode, fbits));
    else store<u32>(OUT + (<usize>e << 2), <u32>unaryLane(op, <u64>load<u32>(n + (<usize>e << 2)), false, mode, fbits));
  }
  fpEnd64();
  setVQ(rD(i), load<u64>(OUT), q ? load<u64>(OUT, 8) : 0);
  return true;
}

export function unaryScalar(i: u32, op: i32, rm: u32, fbits: i32, dbl: bool): bool {
  if (!fpAccessOk64()) return true;
  const a = dbl ? load<u64>(vAddr(rN(i))) : <u64>load<u32>(vAddr(rN(i)));
  fpBegin64();
  const r = unaryLane(op, a, dbl, rm == FPCR_RM ? fpcrRMode() : rm, fbits);
  fpEnd64();
  setVQ(rD(i), dbl ? r : r & 0xffffffff, 0);
  return true;
}

@inline function vec(i: u32, op: i32, rm: u32 = FPCR_RM): bool { return unaryVector(i, op, rm, 0, isD(i)); }
@inline function sca(i: u32, op: i32, rm: u32 = FPCR_RM): bool { return unaryScalar(i, op, rm, 0, isD(i)); }

export function FABS_vec(i: u32): bool { return vec(i, U_ABS); }
export function FNEG_vec(i: u32): bool { return vec(i, U_NEG); }
export function FSQRT_vec(i: u32): bool { return vec(i, U_SQRT); }
export function FRINTN_vec(i: u32): bool { return vec(i, U_RINT, RM_RN); }
export function FRINTP_vec(i: u32): bool { return vec(i, U_RINT, RM_RP); }
export function FRINTM_vec(i: u32): bool { return vec(i, U_RINT, RM_RM); }
export function FRINTZ_vec(i: u32): bool { return vec(i, U_RINT, RM_RZ); }
export function FRINTA_vec(i: u32): bool { return vec(i, U_RINT, RM_TIEAWAY); }
export function FRINTX_vec(i: u32): bool { return vec(i, U_RINTX); }
export function FRINTI_vec(i: u32): bool { return vec(i, U_RINT); }
export function FCVTNS_vec(i: u32): bool { return vec(i, U_CVTS, RM_RN); }
export function FCVTMS_vec(i: u32): bool { return vec(i, U_CVTS, RM_RM); }
export function FCVTAS_vec(i: u32): bool { return vec(i, U_CVTS, RM_TIEAWAY); }
export function FCVTPS_vec(i: u32): bool { return vec(i, U_CVTS, RM_RP); }
export function FCVTZS_vec(i: u32): bool { return vec(i, U_CVTS, RM_RZ); }
export function FCVTNU_vec(i: u32): bool { return vec(i, U_CVTU, RM_RN); }
export function FCVTMU_vec(i: u32): bool { return vec(i, U_CVTU, RM_RM); }
export function FCVTAU_vec(i: u32): bool { return vec(i, U_CVTU, RM_TIEAWAY); }
export function FCVTPU_vec(i: u32): bool { return vec(i, U_CVTU, RM_RP); }
export function FCVTZU_vec(i: u32): bool { return vec(i, U_CVTU, RM_RZ); }
export function SCVTF_vec(i: u32): bool { return vec(i, U_SCVTF); }
export function UCVTF_vec(i: u32): bool { return vec(i, U_UCVTF); }
export function FCMGT_zero_vec(i: u32): bool { return vec(i, U_CMGT0); }
export function FCMEQ_zero_vec(i: u32): bool { return vec(i, U_CMEQ0); }
export function FCMLT_zero_vec(i: u32): bool { return vec(i, U_CMLT0); }
export function FCMGE_zero_vec(i: u32): bool { return vec(i, U_CMGE0); }
export function FCMLE_zero_vec(i: u32): bool { return vec(i, U_CMLE0); }
export function FRECPE_vec(i: u32): bool { return vec(i, U_RECPE); }
export function FRSQRTE_vec(i: u32): bool { return vec(i, U_RSQRTE); }
export function URECPE_vec(i: u32): bool { return vec(i, U_URECPE); }
export function URSQRTE_vec(i: u32): bool { return vec(i, U_URSQRTE); }

export function FCVTNS_s(i: u32): bool { return sca(i, U_CVTS, RM_RN); }
export function FCVTMS_s(i: u32): bool { return sca(i, U_CVTS, RM_RM); }
export function FCVTAS_s(i: u32): bool { return sca(i, U_CVTS, RM_TIEAWAY); }
export function FCVTPS_s(i: u32): bool { return sca(i, U_CVTS, RM_RP); }
export function FCVTZS_s(i: u32): bool { return sca(i, U_CVTS, RM_RZ); }
export function FCVTNU_s(i: u32): bool { return sca(i, U_CVTU, RM_RN); }
export function FCVTMU_s(i: u32): bool { return sca(i, U_CVTU, RM_RM); }
export function FCVTAU_s(i: u32): bool { return sca(i, U_CVTU, RM_TIEAWAY); }
export function FCVTPU_s(i: u32): bool { return sca(i, U_CVTU, RM_RP); }
export function FCVTZU_s(i: u32): bool { return sca(i, U_CVTU, RM_RZ); }
export function SCVTF_s(i: u32): bool { return sca(i, U_SCVTF); }
export function UCVTF_s(i: u32): bool { return sca(i, U_UCVTF); }
export function FCMGT_zero_s(i: u32): bool { return sca(i, U_CMGT0); }
export function FCMEQ_zero_s(i: u32): bool { return sca(i, U_CMEQ0); }
export function FCMLT_zero_s(i: u32): bool { return sca(i, U_CMLT0); }
export function FCMGE_zero_s(i: u32): bool { return sca(i, U_CMGE0); }
export function FCMLE_zero_s(i: u32): bool { return sca(i, U_CMLE0); }
export function FRECPE_s(i: u32): bool { return sca(i, U_RECPE); }
export function FRSQRTE_s(i: u32): bool { return sca(i, U_RSQRTE); }
export function FRECPX_s(i: u32): bool { return sca(i, U_RECPX); }
