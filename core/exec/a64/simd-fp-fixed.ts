// AdvSIMD shift-by-immediate FP conversions with fbits: SCVTF/UCVTF/FCVTZS/FCVTZU (fixed point),
// vector and scalar. immh 01xx: single lanes, fbits = 64 - immh:immb; 1xxx: double lanes,
// fbits = 128 - immh:immb (vector needs Q = 1). immh 001x/0001 would be FP16: no row.
import { unaryVector, unaryScalar } from "./simd-fp-misc";
import { U_CVTS, U_CVTU, U_SCVTF, U_UCVTF } from "./simd-fp-unary";
import { RM_RZ } from "../../fp/fpst";

@inline function immhb(i: u32): i32 { return <i32>((i >>> 16) & 0x7f); }
@inline function dbl(i: u32): bool { return (i & (1 << 22)) != 0; }
@inline function fbits(i: u32): i32 { return (dbl(i) ? 128 : 64) - immhb(i); }

// Rows _32 (single) and _64 (double) share one handler body.
// rm for SCVTF/UCVTF is unused (they round per FPCR); 0xff selects FPCR.RMode as in simd-fp-misc.
export function SCVTF_fixed_vec_32(i: u32): bool { return unaryVector(i, U_SCVTF, 0xff, fbits(i), dbl(i)); }
export function SCVTF_fixed_vec_64(i: u32): bool { return unaryVector(i, U_SCVTF, 0xff, fbits(i), dbl(i)); }
export function UCVTF_fixed_vec_32(i: u32): bool { return unaryVector(i, U_UCVTF, 0xff, fbits(i), dbl(i)); }
export function UCVTF_fixed_vec_64(i: u32): bool { return unaryVector(i, U_UCVTF, 0xff, fbits(i), dbl(i)); }
export function FCVTZS_fixed_vec_32(i: u32): bool { return unaryVector(i, U_CVTS, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZS_fixed_vec_64(i: u32): bool { return unaryVector(i, U_CVTS, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZU_fixed_vec_32(i: u32): bool { return unaryVector(i, U_CVTU, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZU_fixed_vec_64(i: u32): bool { return unaryVector(i, U_CVTU, RM_RZ, fbits(i), dbl(i)); }
export function SCVTF_fixed_s_32(i: u32): bool { return unaryScalar(i, U_SCVTF, 0xff, fbits(i), dbl(i)); }
export function SCVTF_fixed_s_64(i: u32): bool { return unaryScalar(i, U_SCVTF, 0xff, fbits(i), dbl(i)); }
export function UCVTF_fixed_s_32(i: u32): bool { return unaryScalar(i, U_UCVTF, 0xff, fbits(i), dbl(i)); }
export function UCVTF_fixed_s_64(i: u32): bool { return unaryScalar(i, U_UCVTF, 0xff, fbits(i), dbl(i)); }
export function FCVTZS_fixed_s_32(i: u32): bool { return unaryScalar(i, U_CVTS, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZS_fixed_s_64(i: u32): bool { return unaryScalar(i, U_CVTS, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZU_fixed_s_32(i: u32): bool { return unaryScalar(i, U_CVTU, RM_RZ, fbits(i), dbl(i)); }
export function FCVTZU_fixed_s_64(i: u32): bool { return unaryScalar(i, U_CVTU, RM_RZ, fbits(i), dbl(i)); }
