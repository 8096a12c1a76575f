// One lane of an AdvSIMD FP one-operand operation (two-register misc and the fixed-point shift
// forms), single or double. Conversions to integer take an explicit rounding mode and produce a
// lane-sized integer (saturating, IOC); from integer they round per FPCR.
import { fpSqrt32, fpSqrt64, fpRoundInt32, fpRoundInt64, fp32ToFixedRM, fp64ToFixedRM, fixed64ToFp32, fixed64ToFp64,
  fpRecipEstimate32, fpRSqrtEstimate32, fpURecipEstimate32, fpURSqrtEstimate32 } from "../../fp/ops";
import { recipEstimate64, rsqrtEstimate64, recpX } from "../../fp/estimate64";
import { laneOp, L_CMEQ, L_CMGE, L_CMGT } from "./simd-fp-lane";

export const U_ABS = 0, U_NEG = 1, U_SQRT = 2, U_RINT = 3, U_RINTX = 4, U_CVTS = 5, U_CVTU = 6, U_SCVTF = 7, U_UCVTF = 8,
  U_CMGT0 = 9, U_CMEQ0 = 10, U_CMLT0 = 11, U_CMGE0 = 12, U_CMLE0 = 13, U_RECPE = 14, U_RSQRTE = 15, U_URECPE = 16, U_URSQRTE = 17, U_RECPX = 18;

/** op applied to lane a (dbl: 64-bit lane); rm for FRINT and FCVT*, fbits for the fixed-point forms. */
export function unaryLane(op: i32, a: u64, dbl: bool, rm: u32, fbits: i32): u64 {
  const sb: u64 = dbl ? 0x8000000000000000 : 0x80000000;
  const m = dbl ? 52 : 23, eb = dbl ? 11 : 8;
  switch (op) {
    case U_ABS: return a & (sb - 1);
    case U_NEG: return a ^ sb;
    case U_SQRT: return dbl ? fpSqrt64(a) : <u64>fpSqrt32(<u32>a);
    case U_RINT: case U_RINTX: return dbl ? fpRoundInt64(a, rm, op == U_RINTX) : <u64>fpRoundInt32(<u32>a, rm, op == U_RINTX);
    case U_CVTS: case U_CVTU: {
      const r = dbl ? fp64ToFixedRM(a, fbits, op == U_CVTS, rm, 64) : fp32ToFixedRM(<u32>a, fbits, op == U_CVTS, rm, 32);
      return dbl ? r : r & 0xffffffff;
    }
    case U_SCVTF: {
      const v: u64 = dbl ? a : <u64><i64><i32><u32>a; // sign-extend a 32-bit lane
      return dbl ? fixed64ToFp64(v, fbits, true) : <u64>fixed64ToFp32(v, fbits, true);
    }
    case U_UCVTF: return dbl ? fixed64ToFp64(a, fbits, false) : <u64>fixed64ToFp32(a, fbits, false);
    // Comparisons with zero: LT/LE are GT/GE with the operands swapped.
    case U_CMGT0: return laneOp(L_CMGT, a, 0, 0, m, eb);
    case U_CMEQ0: return laneOp(L_CMEQ, a, 0, 0, m, eb);
    case U_CMLT0: return laneOp(L_CMGT, 0, a, 0, m, eb);
    case U_CMGE0: return laneOp(L_CMGE, a, 0, 0, m, eb);
    case U_CMLE0: return laneOp(L_CMGE, 0, a, 0, m, eb);
    case U_RECPE: return dbl ? recipEstimate64(a) : <u64>fpRecipEstimate32(<u32>a);
    case U_RSQRTE: return dbl ? rsqrtEstimate64(a) : <u64>fpRSqrtEstimate32(<u32>a);
    case U_RECPX: return recpX(a, m, eb);
    case U_URECPE: return <u64>fpURecipEstimate32(<u32>a);
    default: return <u64>fpURSqrtEstimate32(<u32>a); // U_URSQRTE
  }
}
