// Advanced SIMD and the crypto extension through arm_neon.h: integer and floating-point vector
// arithmetic, shifts, compares, permutes, reductions, widening and narrowing, saturation (FPSR.QC),
// table lookups, structure loads and stores, then AES (FIPS-197 C.1 and back), SHA-1 and SHA-256
// of "abc", and PMULL. Results are folded into one checksum per group (build with -DVERBOSE to
// see one per operation); the vector float and the scalar groups run under six FPCR settings (0,
// FZ+DN, each rounding mode, AHP). The output must be identical under QEMU and armlet. The exit
// code is 5.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <arm_neon.h>

#define H(v) ((unsigned long long)(v))

static uint8_t A[64], B[64], C[64];   // pseudo-random inputs, filled at run time
static uint8_t out[64];
static uint32_t sum;                  // FNV-1a over every result
static unsigned ops;

static void mix_bytes(const char *what, const void *p, size_t n) {
  uint32_t h = 0x811c9dc5;
  for (size_t i = 0; i < n; i++) h = (h ^ ((const uint8_t *)p)[i]) * 0x01000193;
  sum = (sum ^ h) * 0x01000193 + (uint32_t)n;
  ops++;
#ifdef VERBOSE
  printf("    %-28s %08lx\n", what, (unsigned long)h);
#else
  (void)what;
#endif
}
// Every result goes through memory, so a vector, a scalar or a struct of vectors all work.
#define MIX(expr) do { __typeof__(expr) r_ = (expr); mix_bytes(#expr, &r_, sizeof r_); } while (0)

static uint64_t fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" :: "r"(v)); }
static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" :: "r"(v)); }

static void group(const char *name) {
  printf("%-34s %08lx (%u results, FPSR %08llx)\n", name, (unsigned long)sum, ops, H(fpsr()));
  sum = 0;
  ops = 0;
  set_fpsr(0);
}

static void integer_arith(void) {
  uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B);
  uint16x8_t a16 = vld1q_u16((uint16_t *)A), b16 = vld1q_u16((uint16_t *)B);
  uint32x4_t a32 = vld1q_u32((uint32_t *)A), b32 = vld1q_u32((uint32_t *)B), c32 = vld1q_u32((uint32_t *)C);
  int8x16_t s8 = vreinterpretq_s8_u8(a), t8 = vreinterpretq_s8_u8(b);
  int16x8_t s16 = vreinterpretq_s16_u16(a16), t16 = vreinterpretq_s16_u16(b16);
  int32x4_t s32 = vreinterpretq_s32_u32(a32), t32 = vreinterpretq_s32_u32(b32);
  int64x2_t s64 = vld1q_s64((int64_t *)C), t64 = vld1q_s64((int64_t *)(C + 16));
  MIX(vaddq_u8(a, b)); MIX(vsubq_u16(a16, b16)); MIX(vaddq_s64(s64, t64)); MIX(vsubq_s64(s64, t64));
  MIX(vmulq_u8(a, b)); MIX(vmulq_u16(a16, b16)); MIX(vmulq_s32(s32, t32));
  MIX(vmlaq_u32(c32, a32, b32)); MIX(vmlsq_s16(s16, t16, s16)); MIX(vmulq_laneq_s16(s16, t16, 5));
  MIX(vmlaq_laneq_u32(c32, a32, b32, 3)); MIX(vmulq_n_u16(a16, 0x1234));
  MIX(vabdq_u8(a, b)); MIX(vabdq_s16(s16, t16)); MIX(vabaq_s8(s8, t8, s8)); MIX(vabaq_u32(c32, a32, b32));
  MIX(vmaxq_s16(s16, t16)); MIX(vminq_u32(a32, b32)); MIX(vmaxq_u8(a, b)); MIX(vminq_s8(s8, t8));
  MIX(vhaddq_u8(a, b)); MIX(vrhaddq_s8(s8, t8)); MIX(vhsubq_s16(s16, t16)); MIX(vrhaddq_u32(a32, b32));
  MIX(vpaddq_u16(a16, b16)); MIX(vpmaxq_s8(s8, t8)); MIX(vpminq_u32(a32, b32)); MIX(vpaddq_s64(s64, t64));
  MIX(vaddvq_u8(a)); MIX(vaddlvq_u16(a16)); MIX(vmaxvq_s32(s32)); MIX(vminvq_u8(b)); MIX(vaddvq_s64(s64));
  MIX(vaddlvq_s8(s8)); MIX(vmaxvq_u16(b16));
  MIX(vabsq_s8(s8)); MIX(vnegq_s64(s64)); MIX(vabsq_s64(t64));
  MIX(vandq_u8(a, b)); MIX(vorrq_u16(a16, b16)); MIX(veorq_u32(a32, b32)); MIX(vbicq_u8(a, b));
  MIX(vornq_u8(a, b)); MIX(vbslq_u8(vld1q_u8(C), a, b)); MIX(vmvnq_u8(a));
  MIX(vceqq_u8(a, vdupq_n_u8(A[3]))); MIX(vcgtq_s16(s16, t16)); MIX(vcleq_s32(s32, t32)); MIX(vcgezq_s8(s8));
  MIX(vtstq_u16(a16, b16)); MIX(vceqzq_s64(vsubq_s64(s64, s64))); MIX(vcltzq_s32(t32)); MIX(vcgeq_u8(a, b));
  MIX(vcntq_u8(a)); MIX(vclzq_u16(a16)); MIX(vclsq_s32(s32)); MIX(vrbitq_u8(a)); MIX(vclzq_s8(t8));
  MIX(vrev16q_u8(a)); MIX(vrev32q_u16(a16)); MIX(vrev64q_u32(a32));
  MIX(vextq_u8(a, b, 5)); MIX(vextq_u32(a32, b32, 3)); MIX(vzip1q_u8(a, b)); MIX(vzip2q_u16(a16, b16));
  MIX(vuzp1q_u32(a32, b32)); MIX(vuzp2q_u8(a, b)); MIX(vtrn1q_u16(a16, b16)); MIX(vtrn2q_s8(s8, t8));
  MIX(vzip1q_s64(s64, t64)); MIX(vcombine_u8(vget_high_u8(a), vget_low_u8(b))); MIX(vdupq_laneq_u8(a, 9));
  MIX(vcopyq_laneq_u32(a32, 1, b32, 2)); MIX(vsetq_lane_u16(0xbeef, a16, 6)); MIX(vgetq_lane_s32(s32, 3));
  MIX(vmovq_n_u8(A[5])); MIX(vmvnq_u32(b32));
}

static void integer_shift(void) {
  uint8x16_t a = vld1q_u8(A);
  uint16x8_t a16 = vld1q_u16((uint16_t *)A), b16 = vld1q_u16((uint16_t *)B);
  uint32x4_t a32 = vld1q_u32((uint32_t *)A);
  uint64x2_t a64 = vld1q_u64((uint64_t *)A);
  int8x16_t s8 = vreinterpretq_s8_u8(a), t8 = vreinterpretq_s8_u8(vld1q_u8(B));
  int16x8_t s16 = vreinterpretq_s16_u16(a16);
  int32x4_t s32 = vreinterpretq_s32_u32(a32);
  // Shift counts from -20 to 20 (register shifts use the low byte, negative is right).
  int8x16_t cnt8 = vsubq_s8(vreinterpretq_s8_u8(vandq_u8(vld1q_u8(C), vdupq_n_u8(15))), vdupq_n_s8(7));
  int16x8_t cnt16 = vsubq_s16(vreinterpretq_s16_u16(vandq_u16(vld1q_u16((uint16_t *)C), vdupq_n_u16(31))), vdupq_n_s16(14));
  int32x4_t cnt32 = vsubq_s32(vreinterpretq_s32_u32(vandq_u32(vld1q_u32((uint32_t *)C), vdupq_n_u32(63))), vdupq_n_s32(30));
  MIX(vshlq_s8(s8, cnt8)); MIX(vshlq_u16(a16, cnt16)); MIX(vrshlq_s32(s32, cnt32)); MIX(vrshlq_u8(a, cnt8));
  MIX(vqshlq_s8(s8, cnt8)); MIX(vqshlq_u16(a16, cnt16)); MIX(vqrshlq_s16(s16, cnt16)); MIX(vqrshlq_u32(a32, cnt32));
  MIX(vshlq_s64(vreinterpretq_s64_u64(a64), vdupq_n_s64(-3)));
  MIX(vshrq_n_u8(a, 3)); MIX(vshrq_n_s32(s32, 31)); MIX(vshrq_n_s16(s16, 16)); MIX(vshrq_n_u64(a64, 64));
  MIX(vsraq_n_u16(a16, b16, 5)); MIX(vrsraq_n_s8(s8, t8, 2)); MIX(vrshrq_n_u64(a64, 7)); MIX(vrshrq_n_s16(s16, 16));
  MIX(vshlq_n_u32(a32, 9)); MIX(vsliq_n_u32(a32, vld1q_u32((uint32_t *)B), 12)); MIX(vsriq_n_u8(a, vld1q_u8(B), 3));
  MIX(vqshlq_n_s16(s16, 4)); MIX(vqshluq_n_s8(s8, 2)); MIX(vqshlq_n_u32(a32, 3)); MIX(vsriq_n_u64(a64, a64, 64));
  MIX(vshll_n_u8(vget_low_u8(a), 3)); MIX(vshll_high_n_s16(s16, 15)); MIX(vshll_n_s8(vget_low_s8(s8), 8));
}

static void integer_widen_narrow(void) {
  uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B);
  uint16x8_t a16 = vld1q_u16((uint16_t *)A), b16 = vld1q_u16((uint16_t *)B);
  uint32x4_t a32 = vld1q_u32((uint32_t *)A), b32 = vld1q_u32((uint32_t *)B);
  int8x16_t s8 = vreinterpretq_s8_u8(a), t8 = vreinterpretq_s8_u8(b);
  int16x8_t s16 = vreinterpretq_s16_u16(a16), t16 = vreinterpretq_s16_u16(b16);
  int32x4_t s32 = vreinterpretq_s32_u32(a32), t32 = vreinterpretq_s32_u32(b32);
  int64x2_t s64 = vld1q_s64((int64_t *)C);
  MIX(vmovl_u8(vget_low_u8(a))); MIX(vmovl_high_s16(s16)); MIX(vaddl_u8(vget_low_u8(a), vget_low_u8(b)));
  MIX(vaddl_high_s8(s8, t8)); MIX(vsubl_u16(vget_low_u16(a16), vget_low_u16(b16))); MIX(vaddw_s8(s16, vget_low_s8(t8)));
  MIX(vsubw_high_u32(vreinterpretq_u64_u32(a32), b32)); MIX(vmull_u8(vget_low_u8(a), vget_low_u8(b)));
  MIX(vmull_high_s16(s16, t16)); MIX(vmlal_u16(vmovl_u16(vget_low_u16(a16)), vget_low_u16(a16), vget_low_u16(b16)));
  MIX(vmlsl_s32(s64, vget_low_s32(s32), vget_low_s32(t32))); MIX(vmull_laneq_s16(vget_low_s16(s16), t16, 7));
  MIX(vabdl_u8(vget_low_u8(a), vget_low_u8(b))); MIX(vabal_s8(s16, vget_low_s8(s8), vget_low_s8(t8)));
  MIX(vpaddlq_u8(a)); MIX(vpadalq_s16(s32, t16)); MIX(vpaddlq_u32(a32));
  MIX(vmovn_u16(a16)); MIX(vmovn_high_u32(vget_low_u16(a16), b32)); MIX(vshrn_n_u16(a16, 5));
  MIX(vrshrn_n_s32(s32, 16)); MIX(vaddhn_u16(a16, b16)); MIX(vraddhn_s32(s32, t32)); MIX(vsubhn_u32(a32, b32));
  MIX(vrsubhn_s16(s16, t16)); MIX(vrshrn_high_n_u32(vget_low_u16(b16), a32, 3));
}

static void integer_saturating(void) {
  uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B);
  uint16x8_t a16 = vld1q_u16((uint16_t *)A), b16 = vld1q_u16((uint16_t *)B);
  uint32x4_t a32 = vld1q_u32((uint32_t *)A);
  uint64x2_t a64 = vld1q_u64((uint64_t *)A), b64 = vld1q_u64((uint64_t *)B);
  int8x16_t s8 = vreinterpretq_s8_u8(a), t8 = vreinterpretq_s8_u8(b);
  int16x8_t s16 = vreinterpretq_s16_u16(a16), t16 = vreinterpretq_s16_u16(b16);
  int32x4_t s32 = vreinterpretq_s32_u32(a32), t32 = vreinterpretq_s32_u32(vld1q_u32((uint32_t *)B));
  int64x2_t s64 = vreinterpretq_s64_u64(a64), t64 = vreinterpretq_s64_u64(b64);
  MIX(vqaddq_s8(s8, t8)); MIX(vqaddq_u16(a16, b16)); MIX(vqsubq_s32(s32, t32)); MIX(vqsubq_u64(a64, b64));
  MIX(vqaddq_s64(s64, t64)); MIX(vqsubq_u8(a, b)); MIX(vsqaddq_u8(a, t8)); MIX(vuqaddq_s16(s16, b16));
  MIX(vqabsq_s8(vdupq_n_s8(-128))); MIX(vqnegq_s32(s32)); MIX(vqabsq_s64(s64));
  MIX(vqdmulhq_s16(s16, t16)); MIX(vqrdmulhq_s32(s32, t32)); MIX(vqdmulhq_n_s16(vdupq_n_s16(-32768), -32768));
  MIX(vqrdmulhq_laneq_s16(s16, t16, 2)); MIX(vqdmull_s16(vget_low_s16(s16), vget_low_s16(t16)));
  MIX(vqdmlal_s32(s64, vget_low_s32(s32), vget_low_s32(t32))); MIX(vqdmlsl_high_s16(s32, s16, t16));
  MIX(vqmovn_s16(s16)); MIX(vqmovun_s16(s16)); MIX(vqmovn_u32(a32)); MIX(vqmovn_high_s64(vget_low_s32(s32), s64));
  MIX(vqshrn_n_s16(s16, 3)); MIX(vqshrun_n_s16(s16, 2)); MIX(vqrshrn_n_u32(a32, 7)); MIX(vqrshrun_n_s64(s64, 20));
  MIX(vqmovnd_s64(vgetq_lane_s64(s64, 1))); MIX(vqaddb_s8(vgetq_lane_s8(s8, 0), vgetq_lane_s8(t8, 0)));
}

static void tables_and_structures(void) {
  uint8x16_t idx = vld1q_u8(C);                       // random indices: many beyond every table
  uint8x16_t small = vandq_u8(idx, vdupq_n_u8(0x3f));  // 0..63
  uint8x16x4_t t4 = { { vld1q_u8(A), vld1q_u8(A + 16), vld1q_u8(B), vld1q_u8(B + 16) } };
  uint8x16x2_t t2 = { { t4.val[0], t4.val[2] } };
  uint8x16x3_t t3 = { { t4.val[0], t4.val[1], t4.val[2] } };
  MIX(vqtbl1q_u8(t4.val[0], idx)); MIX(vqtbl1q_u8(t4.val[0], vandq_u8(idx, vdupq_n_u8(15))));
  MIX(vqtbl2q_u8(t2, small)); MIX(vqtbl3q_u8(t3, small)); MIX(vqtbl4q_u8(t4, small)); MIX(vqtbl4q_u8(t4, idx));
  MIX(vqtbx1q_u8(vld1q_u8(B + 32), t4.val[1], small)); MIX(vqtbx4q_u8(vld1q_u8(B + 32), t4, idx));
  MIX(vtbl1_u8(vget_low_u8(t4.val[0]), vget_low_u8(vandq_u8(idx, vdupq_n_u8(15)))));
  uint8x8x2_t d2 = { { vget_low_u8(t4.val[0]), vget_high_u8(t4.val[0]) } };
  MIX(vtbx2_u8(vget_low_u8(t4.val[3]), d2, vget_low_u8(vandq_u8(idx, vdupq_n_u8(31)))));
  MIX(vqtbl1_u8(t4.val[2], vget_high_u8(small)));

  MIX(vld2q_u8(A)); MIX(vld3q_u16((uint16_t *)A)); MIX(vld4q_u32((uint32_t *)A)); MIX(vld2_s16((int16_t *)B));
  MIX(vld3_u8(B + 1)); MIX(vld4_u8(C + 3)); MIX(vld2q_u64((uint64_t *)A)); MIX(vld1q_u8_x2(B + 5));
  MIX(vld1q_u32_x4((uint32_t *)A)); MIX(vld1_u16_x3((uint16_t *)(C + 2)));
  MIX(vld1q_dup_u16((uint16_t *)(A + 6))); MIX(vld2q_dup_u16((uint16_t *)(B + 2))); MIX(vld4_dup_u8(C + 9));
  MIX(vld1q_lane_u32((uint32_t *)(B + 12), vld1q_u32((uint32_t *)A), 2));
  MIX(vld3q_lane_u32((uint32_t *)C, vld3q_u32((uint32_t *)A), 1));
  MIX(vld4_lane_u16((uint16_t *)(C + 8), vld4_u16((uint16_t *)B), 3));
  memset(out, 0, sizeof out);
  vst2q_u8(out, vld2q_u8(C)); MIX(vld1q_u8_x4(out));
  vst3q_u16((uint16_t *)out, vld3q_u16((uint16_t *)B)); MIX(vld1q_u8_x4(out));
  vst4q_u32((uint32_t *)out, vld4q_u32((uint32_t *)C)); MIX(vld1q_u8_x4(out));
  memset(out, 0, sizeof out);
  vst4_u8(out + 1, vld4_u8(A)); MIX(vld1q_u8_x4(out));
  vst3q_lane_u16((uint16_t *)(out + 40), vld3q_u16((uint16_t *)C), 5); MIX(vld1q_u8_x4(out));
  vst1q_u8_x3(out + 3, t3); MIX(vld1q_u8_x4(out));
}

static const float fspecial[16] = {
  0.0f, -0.0f, 1.5f, -2.25f, 1e-40f, 3.4e38f, __builtin_inff(), -__builtin_inff(),
  __builtin_nanf(""), 1e10f, -1e-10f, 0.1f, 100.75f, -3.5f, 2.5f, -__builtin_nanf("0x1234"),
};

static void floating(void) {
  float32x4_t fs[4], fr[4];
  for (int i = 0; i < 4; i++) {
    fs[i] = vld1q_f32(fspecial + 4 * i);
    fr[i] = vcvtq_f32_s32(vshrq_n_s32(vld1q_s32((int32_t *)(A + 16 * i)), 12)); // random, mostly large
    fr[i] = vdivq_f32(fr[i], vcvtq_f32_u32(vaddq_u32(vld1q_u32((uint32_t *)(B + 16 * i)), vdupq_n_u32(1))));
  }
  for (int i = 0; i < 4; i++) {
    float32x4_t x = fs[i], y = fs[(i + 1) & 3], z = fr[i], w = fr[(i + 2) & 3];
    MIX(vaddq_f32(x, y)); MIX(vsubq_f32(x, z)); MIX(vmulq_f32(x, y)); MIX(vdivq_f32(y, x)); MIX(vdivq_f32(z, w));
    MIX(vfmaq_f32(z, x, y)); MIX(vfmsq_f32(w, z, z)); MIX(vmulxq_f32(x, y)); MIX(vmlaq_f32(z, w, w));
    MIX(vmaxq_f32(x, y)); MIX(vminq_f32(x, z)); MIX(vmaxnmq_f32(x, y)); MIX(vminnmq_f32(y, z));
    MIX(vabdq_f32(x, z)); MIX(vabsq_f32(x)); MIX(vnegq_f32(y)); MIX(vsqrtq_f32(x)); MIX(vsqrtq_f32(z));
    MIX(vrecpeq_f32(x)); MIX(vrecpeq_f32(z)); MIX(vrsqrteq_f32(x)); MIX(vrsqrteq_f32(z));
    MIX(vrecpsq_f32(x, y)); MIX(vrsqrtsq_f32(z, w));
    MIX(vrndq_f32(z)); MIX(vrndnq_f32(x)); MIX(vrndmq_f32(z)); MIX(vrndpq_f32(z)); MIX(vrndaq_f32(z));
    MIX(vrndxq_f32(z)); MIX(vrndiq_f32(x));
    MIX(vcvtq_s32_f32(x)); MIX(vcvtq_u32_f32(z)); MIX(vcvtnq_s32_f32(z)); MIX(vcvtmq_s32_f32(x));
    MIX(vcvtpq_u32_f32(x)); MIX(vcvtaq_s32_f32(z)); MIX(vcvtq_n_s32_f32(z, 8)); MIX(vcvtq_n_f32_u32(vreinterpretq_u32_f32(z), 4));
    MIX(vcvt_f64_f32(vget_low_f32(x))); MIX(vcvt_high_f64_f32(z)); MIX(vcvt_f32_f64(vcvt_f64_f32(vget_high_f32(z))));
    MIX(vcvt_f16_f32(x)); MIX(vcvt_f16_f32(z)); MIX(vcvt_f32_f16(vcvt_f16_f32(vmulq_f32(z, w))));
    MIX(vcvtx_f32_f64(vcvt_high_f64_f32(vmulq_f32(z, z))));
    MIX(vceqq_f32(x, y)); MIX(vcgeq_f32(x, z)); MIX(vcltq_f32(z, w)); MIX(vcagtq_f32(x, y)); MIX(vceqzq_f32(x));
    MIX(vpaddq_f32(x, z)); MIX(vaddvq_f32(z)); MIX(vmaxnmvq_f32(x)); MIX(vmaxvq_f32(x)); MIX(vminnmvq_f32(z));
    MIX(vpmaxq_f32(x, y)); MIX(vpminnmq_f32(z, x));
    MIX(vfmaq_laneq_f32(z, w, x, 2)); MIX(vmulq_n_f32(z, 0.3f)); MIX(vmulq_laneq_f32(w, z, 1));
    float64x2_t dx = vcvt_f64_f32(vget_low_f32(x)), dy = vcvt_high_f64_f32(x), dz = vcvt_f64_f32(vget_low_f32(z));
    float64x2_t dw = vdivq_f64(vcvt_high_f64_f32(z), vdupq_n_f64(3.0));
    MIX(vaddq_f64(dx, dz)); MIX(vmulq_f64(dy, dw)); MIX(vdivq_f64(dz, dy)); MIX(vsqrtq_f64(dw)); MIX(vfmaq_f64(dz, dw, dw));
    MIX(vrecpeq_f64(dw)); MIX(vrecpsq_f64(dz, dw)); MIX(vrsqrteq_f64(dx)); MIX(vcvtq_s64_f64(dz)); MIX(vcvtnq_u64_f64(dw));
    MIX(vrndnq_f64(dw)); MIX(vmaxnmq_f64(dx, dy)); MIX(vminq_f64(dy, dz)); MIX(vcvtq_f64_s64(vcvtq_s64_f64(dw)));
    MIX(vabdq_f64(dx, dw)); MIX(vcgtq_f64(dz, dw)); MIX(vpaddq_f64(dz, dw));
  }
}

static void scalar(void) {
  int64_t a = *(int64_t *)A, b = *(int64_t *)B;
  int32_t a32 = *(int32_t *)(A + 8), b32 = *(int32_t *)(B + 8);
  int16_t a16 = *(int16_t *)(A + 12), b16 = *(int16_t *)(B + 12);
  int8_t a8 = (int8_t)A[14], b8 = (int8_t)B[14];
  float f = vgetq_lane_f32(vcvtq_f32_s32(vld1q_s32((int32_t *)C)), 1) / 7.0f;
  double d = (double)a / 3.0;
  MIX(vaddd_s64(a, b)); MIX(vsubd_u64((uint64_t)a, (uint64_t)b)); MIX(vqaddd_s64(a, b)); MIX(vqsubs_s32(a32, b32));
  MIX(vqaddh_s16(a16, b16)); MIX(vqsubb_u8((uint8_t)a8, (uint8_t)b8)); MIX(vqdmulhs_s32(a32, b32));
  MIX(vqrdmulhh_s16(a16, b16)); MIX(vqdmullh_s16(a16, b16)); MIX(vqdmulls_s32(a32, b32));
  MIX(vqmovnd_u64((uint64_t)a)); MIX(vqmovuns_s32(a32)); MIX(vqmovnh_s16(a16)); MIX(vqabsb_s8(a8)); MIX(vqnegd_s64(a));
  MIX(vshld_s64(a, -7)); MIX(vrshld_s64(a, -(int64_t)(B[3] & 63))); MIX(vqshlb_s8(a8, b8)); MIX(vqrshls_u32((uint32_t)a32, b32));
  MIX(vshrd_n_s64(a, 63)); MIX(vrshrd_n_u64((uint64_t)a, 1)); MIX(vsrad_n_s64(a, b, 12)); MIX(vqshlud_n_s64(a, 3));
  MIX(vqrshrns_n_s32(a32, 5)); MIX(vqshrunh_n_s16(a16, 3)); MIX(vsqaddb_u8((uint8_t)a8, b8)); MIX(vuqaddd_s64(a, (uint64_t)b));
  MIX(vceqd_s64(a, b)); MIX(vcgtd_s64(a, b)); MIX(vtstd_u64((uint64_t)a, (uint64_t)b)); MIX(vcltzd_s64(a)); MIX(vabsd_s64(a));
  MIX(vaddvq_s32(vld1q_s32((int32_t *)C)));
  MIX(vcvts_n_f32_s32(a32, 10)); MIX(vcvtd_n_s64_f64(d, 20)); MIX(vcvtd_n_u64_f64(-d, 3)); MIX(vcvts_n_u32_f32(f, 31));
  MIX(vrecpxs_f32(f)); MIX(vrecpxd_f64(d)); MIX(vrsqrtes_f32(f)); MIX(vrecpes_f32(f)); MIX(vrecpsd_f64(d, d));
  MIX(vmulxd_f64(d, 0.0)); MIX(vmulxs_f32(__builtin_inff(), 0.0f)); MIX(vabds_f32(f, 3.0f)); MIX(vcvtad_s64_f64(d));
  MIX(vcvtns_u32_f32(f)); MIX(vcvtmd_s64_f64(-d)); MIX(vcvtpd_u64_f64(d)); MIX(vcages_f32(f, -f)); MIX(vcltzd_f64(-d));
  MIX(vpaddd_f64((float64x2_t){ d, 1.5 })); MIX(vmaxnmvq_f64((float64x2_t){ d, __builtin_nan("") }));
  MIX(vcvt_f16_f32(vdupq_n_f32(f * 1e-4f))); MIX(vcvt_f16_f32(vdupq_n_f32(65520.0f))); MIX(vcvt_f16_f32(vdupq_n_f32(-1e-8f)));
  MIX(vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16((uint16_t *)B))));
  float tiny = f * 1e-39f; // subnormal (flushed with FZ)
  float32x4_t big = { 70000.0f * f / f, __builtin_nanf(""), -__builtin_inff(), tiny };
  MIX(vcvt_f16_f32(big)); MIX(vrecpes_f32(tiny)); MIX(vrsqrtes_f32(-tiny)); MIX(vabds_f32(tiny, 0.0f));
  MIX(vcvts_n_s32_f32(tiny, 31)); MIX(vmulxs_f32(tiny, 1e30f)); MIX(vrecpxs_f32(tiny)); MIX(vcvtd_n_f64_s64(a, 64));
}

// ---------------- crypto ----------------

static uint32_t sub_word(uint32_t w) { // AESE with a zero key on four equal columns: SubBytes only
  return vgetq_lane_u32(vreinterpretq_u32_u8(vaeseq_u8(vreinterpretq_u8_u32(vdupq_n_u32(w)), vdupq_n_u8(0))), 0);
}

static void aes(void) {
  static const uint8_t key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
  static const uint8_t pt[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                  0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
  uint32_t w[44];
  memcpy(w, key, 16);
  uint32_t rcon = 1;
  for (int i = 4; i < 44; i++) {
    uint32_t t = w[i - 1];
    if (i % 4 == 0) {
      t = sub_word(t);
      t = ((t >> 8) | (t << 24)) ^ rcon;
      rcon = (rcon << 1) ^ ((rcon & 0x80) ? 0x11b : 0);
    }
    w[i] = w[i - 4] ^ t;
  }
  uint8x16_t rk[11], dk[11];
  for (int r = 0; r < 11; r++) rk[r] = vld1q_u8((const uint8_t *)&w[4 * r]);
  dk[0] = rk[10];
  for (int r = 1; r < 10; r++) dk[r] = vaesimcq_u8(rk[10 - r]);
  dk[10] = rk[0];
  uint8x16_t s = vld1q_u8(pt);
  for (int r = 0; r < 9; r++) s = vaesmcq_u8(vaeseq_u8(s, rk[r]));
  s = veorq_u8(vaeseq_u8(s, rk[9]), rk[10]);
  uint8_t ct[16];
  vst1q_u8(ct, s);
  printf("AES-128 encrypt: ");
  for (int i = 0; i < 16; i++) printf("%02x", ct[i]);
  for (int r = 0; r < 9; r++) s = vaesimcq_u8(vaesdq_u8(s, dk[r]));
  s = veorq_u8(vaesdq_u8(s, dk[9]), dk[10]);
  uint8_t back[16];
  vst1q_u8(back, s);
  printf(", decrypt back: %s\n", memcmp(back, pt, 16) == 0 ? "plaintext" : "WRONG");
  uint8x16_t x = vld1q_u8(A), k = vld1q_u8(B);
  for (int i = 0; i < 8; i++) {
    MIX(vaeseq_u8(x, k)); MIX(vaesdq_u8(x, k)); MIX(vaesmcq_u8(x)); MIX(vaesimcq_u8(x));
    x = vaesmcq_u8(vaeseq_u8(x, k));
    k = vaesimcq_u8(vaesdq_u8(k, x));
  }
}

/** One message block "abc" with SHA padding, as big-endian words read by REV32. */
static void abc_block(uint8_t blk[64]) {
  memset(blk, 0, 64);
  memcpy(blk, "abc", 3);
  blk[3] = 0x80;
  blk[63] = 24; // length in bits
}

static void sha1(void) {
  uint8_t blk[64];
  abc_block(blk);
  static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
  uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
  uint32x4_t abcd = vld1q_u32(h), abcd0 = abcd;
  uint32_t e = h[4];
  uint32x4_t m[4];
  for (int i = 0; i < 4; i++) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
  for (int g = 0; g < 20; g++) { // 20 groups of four rounds
    uint32x4_t wk = vaddq_u32(m[g % 4], vdupq_n_u32(k[g / 5]));
    uint32_t e_next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
    if (g < 5) abcd = vsha1cq_u32(abcd, e, wk);
    else if (g < 10 || g >= 15) abcd = vsha1pq_u32(abcd, e, wk);
    else abcd = vsha1mq_u32(abcd, e, wk);
    e = e_next;
    if (g < 16) m[g % 4] = vsha1su1q_u32(vsha1su0q_u32(m[g % 4], m[(g + 1) % 4], m[(g + 2) % 4]), m[(g + 3) % 4]);
  }
  vst1q_u32(h, vaddq_u32(abcd, abcd0));
  h[4] += e;
  printf("SHA-1(\"abc\")   %08lx%08lx%08lx%08lx%08lx\n", (unsigned long)h[0], (unsigned long)h[1],
         (unsigned long)h[2], (unsigned long)h[3], (unsigned long)h[4]);
}

static const uint32_t k256[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256(void) {
  uint8_t blk[64];
  abc_block(blk);
  uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
  uint32x4_t s0 = vld1q_u32(h), s1 = vld1q_u32(h + 4), s0_in = s0, s1_in = s1;
  uint32x4_t m[4];
  for (int i = 0; i < 4; i++) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
  for (int g = 0; g < 16; g++) {
    uint32x4_t wk = vaddq_u32(m[g % 4], vld1q_u32(k256 + 4 * g));
    uint32x4_t t = s0;
    s0 = vsha256hq_u32(s0, s1, wk);
    s1 = vsha256h2q_u32(s1, t, wk);
    if (g < 12) m[g % 4] = vsha256su1q_u32(vsha256su0q_u32(m[g % 4], m[(g + 1) % 4]), m[(g + 2) % 4], m[(g + 3) % 4]);
  }
  vst1q_u32(h, vaddq_u32(s0, s0_in));
  vst1q_u32(h + 4, vaddq_u32(s1, s1_in));
  printf("SHA-256(\"abc\") ");
  for (int i = 0; i < 8; i++) printf("%08lx", (unsigned long)h[i]);
  printf("\n");
  uint32x4_t a = vld1q_u32((uint32_t *)A), b = vld1q_u32((uint32_t *)B), c = vld1q_u32((uint32_t *)C);
  MIX(vsha1cq_u32(a, 0x12345678, b)); MIX(vsha1pq_u32(b, 0x9abcdef0, c)); MIX(vsha1mq_u32(c, 0x0f1e2d3c, a));
  MIX(vsha1su0q_u32(a, b, c)); MIX(vsha1su1q_u32(b, c)); MIX(vsha1h_u32(0x80000001));
  MIX(vsha256hq_u32(a, b, c)); MIX(vsha256h2q_u32(b, c, a)); MIX(vsha256su0q_u32(c, a)); MIX(vsha256su1q_u32(a, b, c));
}

static void pmull(void) {
  poly64x2_t a = vreinterpretq_p64_u8(vld1q_u8(A)), b = vreinterpretq_p64_u8(vld1q_u8(B));
  poly128_t lo = vmull_p64(vgetq_lane_p64(a, 0), vgetq_lane_p64(b, 0));
  poly128_t hi = vmull_high_p64(a, b);
  printf("PMULL   %016llx%016llx\nPMULL2  %016llx%016llx\n", H(lo >> 64), H((uint64_t)lo), H(hi >> 64), H((uint64_t)hi));
  poly128_t x = vmull_p64(0xffffffffffffffffull, 0xffffffffffffffffull);
  printf("PMULL of all ones %016llx%016llx\n", H(x >> 64), H((uint64_t)x));
  MIX(vmull_p8(vget_low_p8(vreinterpretq_p8_u8(vld1q_u8(A))), vget_low_p8(vreinterpretq_p8_u8(vld1q_u8(C)))));
  MIX(vmull_high_p8(vreinterpretq_p8_u8(vld1q_u8(B)), vreinterpretq_p8_u8(vld1q_u8(C))));
  MIX(vmulq_p8(vreinterpretq_p8_u8(vld1q_u8(A)), vreinterpretq_p8_u8(vld1q_u8(B))));
}

int main(void) {
  uint64_t seed = 0x243f6a8885a308d3ull;
  for (int i = 0; i < 64; i++) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    A[i] = (uint8_t)(seed >> 56);
    B[i] = (uint8_t)(seed >> 40);
    C[i] = (uint8_t)(seed >> 24);
  }
  // Some edge values among the random ones.
  A[0] = 0x80; A[1] = 0x7f; A[2] = 0xff; A[3] = 0; B[0] = 0x80; B[1] = 0x80; B[2] = 0x01; B[15] = 0x7f;
  set_fpsr(0);
  integer_arith(); group("integer arithmetic/logic/permute");
  integer_shift(); group("integer shifts");
  integer_widen_narrow(); group("widening/narrowing");
  integer_saturating(); group("saturating");
  tables_and_structures(); group("tables, structure loads/stores");
  static const struct { const char *name; uint32_t fpcr; } modes[] = {
    { "float, FPCR 0", 0 }, { "float, FPCR DN+FZ", (1u << 25) | (1u << 24) },
    { "float, FPCR RMode +inf", 1u << 22 }, { "float, FPCR RMode -inf", 2u << 22 },
    { "float, FPCR RMode zero", 3u << 22 }, { "float, FPCR AHP", 1u << 26 },
  };
  for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; i++) {
    set_fpcr(modes[i].fpcr);
    floating(); group(modes[i].name);
    scalar(); group("scalar");
  }
  set_fpcr(0);
  aes(); group("AES");
  sha1();
  sha256(); group("SHA");
  pmull(); group("PMULL");
  return 5;
}
