/* Hard-float Thumb-2 test program (test/programs/hardfloat.test.ts): float and double math
   through printf("%.17g"), conversions, fused multiply-add, NEON intrinsics kernels with
   checksums and some integer work. Its console output and exit code must be the same under
   armlet and QEMU. Built by roms/programs/build.sh. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double vd[] = { 2.0, 1e308, 3.0, -0.0, 1e-310, 0.1, 7.5, -2.5, 4294967295.75, -2147483648.5 };
static volatile float vf[] = { 2.0f, 3.0f, 1e-40f, 0.1f, 16777217.0f, -0.0f, 65504.0f, 1e30f };

static uint32_t fnv(const void *p, size_t n, uint32_t h) {
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 16777619u;
  return h;
}

static void scalar_math(void) {
  double a = vd[0], b = vd[2];
  printf("sqrt(2) = %.17g\n", sqrt(a));
  printf("1/3 = %.17g, 2/3f = %.9g\n", 1.0 / b, (double)(vf[0] / vf[1]));
  printf("fma(0.1, 10, -1) = %.17g, plain = %.17g\n", fma(vd[5], 10.0, -1.0), vd[5] * 10.0 - 1.0);
  printf("fmaf = %.9g\n", (double)fmaf(vf[3], 10.0f, -1.0f));
  printf("overflow %g underflow %.17g denormal*2 %.17g\n", vd[1] * 10.0, vd[4] / 1e10, vd[4] * 2.0);
  printf("-0 * 1 = %g, 1/-0 = %g, sqrt(-1) nan? %d\n", vd[3] * 1.0, 1.0 / vd[3], isnan(sqrt(-vd[0])));
  printf("float denormal %.9g, 2^24+1 %.9g, half max %.9g, big %.9g\n", (double)vf[2], (double)vf[4], (double)vf[6], (double)(vf[7] * vf[7]));
  /* Conversions (VCVT to integer rounds toward zero and saturates). */
  printf("(int)7.5=%d (int)-2.5=%d (unsigned)4294967295.75=%u (int)-2147483648.5=%d\n",
    (int)vd[6], (int)vd[7], (unsigned)vd[8], (int)vd[9]);
  printf("lrint(2.5)=%ld lround(2.5)=%ld floor(-2.5)=%g ceil(-2.5)=%g trunc(7.5)=%g\n",
    lrint(2.5 + vd[3]), lround(vd[7] * -1.0), floor(vd[7]), ceil(vd[7]), trunc(vd[6]));
  printf("(double)(float)0.1 = %.17g, (float)1e308 = %g\n", (double)(float)vd[5], (double)(float)vd[1]);
  printf("exp(1)=%.17g log(10)=%.17g sin(1)=%.17g pow(2,0.5)=%.17g\n", exp(1.0), log(10.0), sin(1.0), pow(2.0, 0.5));
  printf("atan2(1,-1)=%.17g hypot(3,4)=%.17g fmod(10,3)=%.17g\n", atan2(1.0, -1.0), hypot(3.0, 4.0), fmod(10.0, 3.0));
  double s = 0; for (int i = 1; i <= 1000; i++) s += 1.0 / ((double)i * i);
  printf("basel(1000) = %.17g\n", s);
  float fs = 0; for (int i = 1; i <= 1000; i++) fs += 1.0f / (float)i;
  printf("harmonic f32 = %.9g\n", (double)fs);
}

/* NEON: a 16x16 float matrix product with vmlaq_lane, a dot product, a saturating image op. */
static float ma[16][16], mb[16][16], mc[16][16];
static uint8_t img[64 * 64], out[64 * 64];

static void neon_kernels(void) {
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++) { ma[i][j] = (float)(i * 16 + j) * 0.03125f - 3.0f; mb[i][j] = (float)((i * 7 + j * 3) % 11) - 5.0f; }
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j += 4) {
      float32x4_t acc = vdupq_n_f32(0.0f);
      for (int k = 0; k < 16; k += 2) {
        float32x2_t a = vld1_f32(&ma[i][k]);
        acc = vmlaq_lane_f32(acc, vld1q_f32(&mb[k][j]), a, 0);
        acc = vfmaq_f32(acc, vld1q_f32(&mb[k + 1][j]), vdupq_lane_f32(a, 1));
      }
      vst1q_f32(&mc[i][j], acc);
    }
  printf("matmul checksum %08lx c[3][5]=%.9g\n", (unsigned long)fnv(mc, sizeof mc, 2166136261u), (double)mc[3][5]);

  float32x4_t dot = vdupq_n_f32(0);
  for (int i = 0; i < 256; i += 4) dot = vmlaq_f32(dot, vld1q_f32(&ma[0][0] + i), vld1q_f32(&mb[0][0] + i));
  float32x2_t d2 = vpadd_f32(vget_low_f32(dot), vget_high_f32(dot));
  printf("dot = %.9g\n", (double)vget_lane_f32(vpadd_f32(d2, d2), 0));

  float32x4_t x = { 3.0f, 0.1f, 1e-39f, 12345.0f };
  float32x4_t r = vrecpeq_f32(x);
  r = vmulq_f32(vrecpsq_f32(x, r), r);
  float32x4_t q = vrsqrteq_f32(x);
  q = vmulq_f32(vrsqrtsq_f32(vmulq_f32(x, q), q), q);
  uint32x4_t rb = vreinterpretq_u32_f32(r), qb = vreinterpretq_u32_f32(q);
  printf("recip %08lx %08lx %08lx %08lx\n", (unsigned long)vgetq_lane_u32(rb, 0), (unsigned long)vgetq_lane_u32(rb, 1), (unsigned long)vgetq_lane_u32(rb, 2), (unsigned long)vgetq_lane_u32(rb, 3));
  printf("rsqrt %08lx %08lx %08lx %08lx\n", (unsigned long)vgetq_lane_u32(qb, 0), (unsigned long)vgetq_lane_u32(qb, 1), (unsigned long)vgetq_lane_u32(qb, 2), (unsigned long)vgetq_lane_u32(qb, 3));
  int32x4_t cv = vcvtq_s32_f32(vmulq_n_f32(x, 1e6f));
  uint32x4_t fx = vcvtq_n_u32_f32(x, 8);
  printf("cvt %ld %ld %ld %ld fixed %lu %lu\n", (long)vgetq_lane_s32(cv, 0), (long)vgetq_lane_s32(cv, 1), (long)vgetq_lane_s32(cv, 2), (long)vgetq_lane_s32(cv, 3),
    (unsigned long)vgetq_lane_u32(fx, 0), (unsigned long)vgetq_lane_u32(fx, 3));

  for (int i = 0; i < 64 * 64; i++) img[i] = (uint8_t)((i * 37) ^ (i >> 5));
  for (int i = 0; i < 64 * 64; i += 16) {
    uint8x16_t p = vld1q_u8(img + i);
    uint8x16_t bright = vqaddq_u8(p, vdupq_n_u8(90));
    uint8x16_t dark = vqsubq_u8(p, vdupq_n_u8(60));
    uint8x16_t sel = vbslq_u8(vcgtq_u8(p, vdupq_n_u8(128)), bright, dark);
    uint16x8_t wide = vmull_u8(vget_low_u8(sel), vdup_n_u8(3));
    uint8x8_t lo = vqrshrn_n_u16(wide, 2);
    int16x8_t s = vreinterpretq_s16_u16(vsubl_u8(vget_high_u8(sel), vget_low_u8(p)));
    int8x8_t hi = vqmovn_s16(vqdmulhq_s16(vshlq_n_s16(s, 6), vdupq_n_s16(20000)));
    vst1q_u8(out + i, vcombine_u8(lo, vreinterpret_u8_s8(hi)));
  }
  uint8x8x2_t z = vzip_u8(vld1_u8(out), vld1_u8(out + 8));
  uint8x8_t tbl = vtbl2_u8(z, vld1_u8(img + 100));
  uint64x2_t sum = vdupq_n_u64(0);
  for (int i = 0; i < 64 * 64; i += 16) sum = vpadalq_u32(sum, vpaddlq_u16(vpaddlq_u8(vld1q_u8(out + i))));
  uint64_t t64 = vget_lane_u64(vreinterpret_u64_u8(tbl), 0), s64 = vgetq_lane_u64(sum, 0) + vgetq_lane_u64(sum, 1);
  printf("image checksum %08lx tbl %08lx%08lx sum %lu\n", (unsigned long)fnv(out, sizeof out, 2166136261u),
    (unsigned long)(t64 >> 32), (unsigned long)t64, (unsigned long)s64);
}

/* Integer work: a sort, a CRC, divisions. */
static uint32_t arr[500];
static int cmp(const void *a, const void *b) { uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b; return x < y ? -1 : x > y; }
#include <stdlib.h>
static void integer_work(void) {
  uint32_t s = 12345;
  for (int i = 0; i < 500; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; arr[i] = s; }
  qsort(arr, 500, sizeof arr[0], cmp);
  uint32_t crc = 0xffffffff;
  for (int i = 0; i < 500; i++)
    for (int b = 0; b < 32; b++) crc = (crc >> 1) ^ (0xedb88320u & -((crc ^ (arr[i] >> b)) & 1));
  int64_t q = 0;
  for (int i = 1; i < 200; i++) q += (int64_t)(arr[i] / (uint32_t)i) - (int32_t)arr[i] / (i - 100 ? i - 100 : 1);
  printf("sorted %08lx..%08lx crc %08lx q %ld:%08lx\n", (unsigned long)arr[0], (unsigned long)arr[499], (unsigned long)~crc, (long)(q >> 32), (unsigned long)(uint32_t)q);
}

int main(void) {
  printf("hardfloat: Thumb-2, VFPv4, NEON\n");
  scalar_math();
  neon_kernels();
  integer_work();
  unsigned fpscr;
  __asm__ volatile("vmrs %0, fpscr" : "=r"(fpscr));
  printf("fpscr %08x\n", fpscr);
  return 3;
}
