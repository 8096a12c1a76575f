// Every decoder the core has, as data. The generator turns each set into
// core/generated/decode-<name>.ts; the tests and the fuzzer read the same sets.
import type { DecoderSet } from "../formats";
import { a32DataProcessing } from "./a32-data-processing";
import { a32Multiply } from "./a32-multiply";
import { a32Media, a32Parallel, a32Saturate } from "./a32-media";
import { a32LoadStore, a32LoadStoreMultiple, a32Exclusive } from "./a32-load-store";
import { a32Branch } from "./a32-branch";
import { a32Hints, a32Status, a32Coproc } from "./a32-system";
import { a32Unconditional } from "./a32-unconditional";
import { a32Vfp } from "./a32-vfp";
import { a32NeonInt } from "./a32-neon-int";
import { a32NeonOther } from "./a32-neon-other";
import { t16 } from "./t16";
import { t32Data } from "./t32-data";
import { t32MemoryControl } from "./t32-memory-control";
import { a64Branch, a64Exception, a64System } from "./a64-branch-system";
import { a64FpMove, a64FpArith, a64FpConvert, a64FpCompare } from "./a64-fp";
import { a64DpImmediate, a64DpArith, a64DpConditional, a64DpSources } from "./a64-data-processing";
import {
  a64LoadLiteral, a64Exclusive, a64LoadStorePair, a64LoadStoreUnscaled, a64LoadStorePost,
  a64LoadStoreUnpriv, a64LoadStorePre, a64LoadStoreReg, a64LoadStoreUimm,
} from "./a64-load-store";
import { a64CryptoAes, a64CryptoSha, a64CryptoPmull } from "./a64-crypto";
import {
  a64SimdFp3Same, a64SimdFpMisc, a64SimdFpFixed, a64SimdFpReduce, a64SimdFpElem, a64SimdFpCvt,
} from "./a64-simd-fp";
import {
  a64SimdCopy, a64SimdModImm, a64SimdPermute, a64SimdLogic, a64SimdLdSt, a64Simd3Same, a64Simd2Misc, a64SimdAcross,
  a64SimdShiftImm, a64Simd3Diff, a64SimdElem, a64SimdScalarMisc,
} from "./a64-simd-int";

/** A32 instructions with a condition field (cond != 1111). Bucketed on bits 27..20 and 7..4. */
export const A32: DecoderSet = {
  name: "A32",
  width: 32,
  bucketBits: [27, 26, 25, 24, 23, 22, 21, 20, 7, 6, 5, 4],
  classes: [
    { exec: "a32/data-processing", rows: a32DataProcessing },
    { exec: "a32/multiply", rows: a32Multiply },
    { exec: "a32/media", rows: a32Media },
    { exec: "a32/parallel", rows: a32Parallel },
    { exec: "a32/saturate", rows: a32Saturate },
    { exec: "a32/load-store", rows: a32LoadStore },
    { exec: "a32/load-store-multiple", rows: a32LoadStoreMultiple },
    { exec: "a32/exclusive", rows: a32Exclusive },
    { exec: "a32/branch", rows: a32Branch },
    { exec: "a32/hints", rows: a32Hints },
    { exec: "a32/system", rows: a32Status },
    { exec: "a32/coproc", rows: a32Coproc },
    { exec: "vfp/vfp", rows: a32Vfp },
  ],
};

/** A32 instructions in the unconditional space (cond == 1111). */
export const A32U: DecoderSet = {
  name: "A32U",
  width: 32,
  bucketBits: [27, 26, 25, 24, 23, 22, 21, 20, 7, 6, 5, 4],
  classes: [
    { exec: "a32/unconditional", rows: a32Unconditional },
    { exec: "neon/neon-int", rows: a32NeonInt },
    { exec: "neon/neon-other", rows: a32NeonOther },
  ],
};

/**
 * 16-bit Thumb instructions. T32 encodings of VFP, NEON and the coprocessor space are not
 * here: the Thumb step rewrites them into their A32 form and uses the A32/A32U decoders.
 */
export const T16: DecoderSet = {
  name: "T16",
  width: 16,
  bucketBits: [15, 14, 13, 12, 11, 10, 9, 8, 7, 6],
  classes: [{ exec: "t32/t16", rows: t16 }],
};

/** 32-bit Thumb instructions as one word: first halfword in bits 31..16. */
export const T32: DecoderSet = {
  name: "T32",
  width: 32,
  bucketBits: [28, 27, 26, 25, 24, 23, 22, 21, 20, 15, 14, 12],
  classes: [
    { exec: "t32/data", rows: t32Data },
    { exec: "t32/memory-control", rows: t32MemoryControl },
  ],
};

/** A64 (AArch64 state). Bucketed on op0 (bits 28..25) and the bits that split its groups most. */
export const A64: DecoderSet = {
  name: "A64",
  width: 32,
  bucketBits: [28, 27, 26, 25, 31, 30, 29, 24, 23, 22, 21, 10],
  classes: [
    { exec: "a64/branch", rows: a64Branch },
    { exec: "a64/exception", rows: a64Exception },
    { exec: "a64/system", rows: a64System },
    { exec: "a64/fp-move", rows: a64FpMove },
    { exec: "a64/fp-arith", rows: a64FpArith },
    { exec: "a64/fp-convert", rows: a64FpConvert },
    { exec: "a64/fp-compare", rows: a64FpCompare },
    { exec: "a64/dp-immediate", rows: a64DpImmediate },
    { exec: "a64/dp-arith", rows: a64DpArith },
    { exec: "a64/dp-conditional", rows: a64DpConditional },
    { exec: "a64/dp-sources", rows: a64DpSources },
    { exec: "a64/load-store", rows: a64LoadLiteral },
    { exec: "a64/exclusive", rows: a64Exclusive },
    { exec: "a64/load-store-pair", rows: a64LoadStorePair },
    { exec: "a64/load-store", rows: a64LoadStoreUnscaled },
    { exec: "a64/load-store", rows: a64LoadStorePost },
    { exec: "a64/load-store", rows: a64LoadStoreUnpriv },
    { exec: "a64/load-store", rows: a64LoadStorePre },
    { exec: "a64/load-store", rows: a64LoadStoreReg },
    { exec: "a64/load-store", rows: a64LoadStoreUimm },
    { exec: "a64/crypto-aes", rows: a64CryptoAes },
    { exec: "a64/crypto-sha", rows: a64CryptoSha },
    { exec: "a64/crypto-pmull", rows: a64CryptoPmull },
    { exec: "a64/simd-fp-3same", rows: a64SimdFp3Same },
    { exec: "a64/simd-fp-misc", rows: a64SimdFpMisc },
    { exec: "a64/simd-fp-fixed", rows: a64SimdFpFixed },
    { exec: "a64/simd-fp-reduce", rows: a64SimdFpReduce },
    { exec: "a64/simd-fp-elem", rows: a64SimdFpElem },
    { exec: "a64/simd-fp-cvt", rows: a64SimdFpCvt },
    { exec: "a64/simd-copy", rows: a64SimdCopy },
    { exec: "a64/simd-imm", rows: a64SimdModImm },
    { exec: "a64/simd-permute", rows: a64SimdPermute },
    { exec: "a64/simd-logic", rows: a64SimdLogic },
    { exec: "a64/simd-ldst", rows: a64SimdLdSt },
    { exec: "a64/simd-3same", rows: a64Simd3Same },
    { exec: "a64/simd-misc", rows: a64Simd2Misc },
    { exec: "a64/simd-misc", rows: a64SimdAcross },
    { exec: "a64/simd-shift", rows: a64SimdShiftImm },
    { exec: "a64/simd-3diff", rows: a64Simd3Diff },
    { exec: "a64/simd-elem", rows: a64SimdElem },
    { exec: "a64/simd-misc", rows: a64SimdScalarMisc },
  ],
};

export const DECODER_SETS: DecoderSet[] = [A32, A32U, T16, T32, A64];
