/* QEMU reference vectors for core/fp (run under: qemu-arm -cpu cortex-a15).
 * Writes records of 11 little-endian u32: op, ctl, aLo, aHi, bLo, bHi, cLo, cHi, rLo, rHi, fpscr.
 * op numbers are those of core/fp/testing.ts; ctl is the FPSCR control value the library must use
 * (NEON ops: the Standard FPSCR value). Build: see gen.sh. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint32_t u32;
typedef uint64_t u64;

static u64 rng = 0x9e3779b97f4a7c15ull;
static u64 rnd(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static u32 rn(u32 n) { return (u32)(rnd() % n); }

static FILE *out;
static void emit(u32 op, u32 ctl, u64 a, u64 b, u64 c, u64 r, u32 fpscr) {
  u32 w[11] = { op, ctl, (u32)a, (u32)(a >> 32), (u32)b, (u32)(b >> 32), (u32)c, (u32)(c >> 32),
                (u32)r, (u32)(r >> 32), fpscr };
  fwrite(w, 4, 11, out);
}

static inline void set_fpscr(u32 v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static inline u32 get_fpscr(void) { u32 v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }

/* ---- operand generators ---- */
static const u32 sp32[] = {
  0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xffd23456,
  0x7f800001, 0xff812345, 0x7fbfffff, 0x00000001, 0x807fffff, 0x007fffff, 0x00400000, 0x00800000,
  0x80800000, 0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000, 0x40000000, 0x40400000, 0x3fc00000,
  0x3f000000, 0x3f7fffff, 0x3f800001, 0x4f000000, 0x4effffff, 0x4f800000, 0x4f7fffff, 0xcf000000,
  0xcf000001, 0x40200000, 0x3fc00000, 0x40100000, 0x477fe000, 0x477ff000, 0x477fefff, 0x38800000,
  0x33800000, 0x33000000, 0x33000001, 0x387fc000, 0x00000002, 0x7effffff, 0x46fffe00, 0x47000000,
  0xc7000000, 0xc7000080, 0x477fffff, 0x3e800000, 0x3eaaaaab, 0x80000001, 0x00ffffff, 0x01000000,
};
static const u64 sp64[] = {
  0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
  0xfff8000000000001ull, 0x7ff0000000000001ull, 0xfff4000012345678ull, 0x7ff7ffffffffffffull,
  1, 0x800fffffffffffffull, 0x000fffffffffffffull, 0x0008000000000000ull, 0x0010000000000000ull,
  0x7fefffffffffffffull, 0xffefffffffffffffull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
  0x4000000000000000ull, 0x3fe0000000000000ull, 0x3fefffffffffffffull, 0x3ff0000000000001ull,
  0x41e0000000000000ull, 0x41dfffffffc00000ull, 0x41dfffffffffffffull, 0x41efffffffe00000ull,
  0x41f0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000200000ull, 0xc1e0000000100000ull,
  0x47efffffe0000000ull, 0x47effffff0000000ull, 0x47f0000000000000ull, 0x3810000000000000ull,
  0x380fffffe0000000ull, 0x36a0000000000000ull, 0x3690000000000000ull, 0x3690000000000001ull,
  0x40effc0000000000ull, 0x40effe0000000000ull, 0x3f10000000000000ull, 0x3e70000000000000ull,
  0x4004000000000000ull, 0x3ff8000000000000ull, 0x0000000000000002ull, 0x3fd5555555555555ull,
};
#define NSP32 (sizeof sp32 / sizeof sp32[0])
#define NSP64 (sizeof sp64 / sizeof sp64[0])

static u32 frac23(void) {
  switch (rn(5)) {
  case 0: return 0;
  case 1: return 0x7fffff - rn(4);
  case 2: return rn(8);
  case 3: return (u32)rnd() & 0x7fffff & ~((1u << rn(23)) - 1);
  default: return (u32)rnd() & 0x7fffff;
  }
}
static u32 exp8(void) {
  switch (rn(6)) {
  case 0: return rn(256);
  case 1: return rn(4);                 /* denormal / tiny */
  case 2: return 254 - rn(4);           /* huge */
  case 3: return 127 + rn(33) - 2;      /* integer range */
  case 4: return 112 - 10 + rn(20);     /* half range edges */
  default: return 127 - 8 + rn(16);
  }
}
static u32 g32(void) {
  if (rn(3) == 0) return sp32[rn(NSP32)];
  u32 e = exp8();
  return (rn(2) << 31) | ((e & 0xff) << 23) | frac23();
}
static u64 frac52(void) {
  switch (rn(5)) {
  case 0: return 0;
  case 1: return 0xfffffffffffffull - rn(4);
  case 2: return rn(8);
  case 3: return rnd() & 0xfffffffffffffull & ~((1ull << rn(52)) - 1);
  default: return rnd() & 0xfffffffffffffull;
  }
}
static u64 exp11(void) {
  switch (rn(7)) {
  case 0: return rn(2048);
  case 1: return rn(4);
  case 2: return 2046 - rn(4);
  case 3: return 1023 + rn(33) - 2;
  case 4: return 896 - 30 + rn(60);    /* single-precision range edges */
  case 5: return 1023 - 25 + rn(20);   /* half range edges */
  default: return 1023 - 8 + rn(16);
  }
}
static u64 g64(void) {
  if (rn(3) == 0) return sp64[rn(NSP64)];
  return ((u64)rn(2) << 63) | ((exp11() & 0x7ff) << 52) | frac52();
}
/* b related to a: close exponent (cancellation, ties), or exponent sum near the edges. */
static u32 rel32(u32 a) {
  u32 e = (a >> 23) & 0xff;
  switch (rn(5)) {
  case 0: return a ^ 0x80000000 ^ rn(3);
  case 1: return (rn(2) << 31) | (((e + rn(5) - 2) & 0xff) << 23) | frac23();
  case 2: return (rn(2) << 31) | (((254 - e + rn(5)) & 0xff) << 23) | frac23();   /* product ~ 2^127 */
  case 3: return (rn(2) << 31) | (((e > 0 ? 0 : 0) + ((e <= 127 ? 127 - e : 0) + rn(6)) & 0xff) << 23) | frac23();
  default: return g32();
  }
}
static u64 rel64(u64 a) {
  u64 e = (a >> 52) & 0x7ff;
  switch (rn(5)) {
  case 0: return a ^ 0x8000000000000000ull ^ rn(3);
  case 1: return ((u64)rn(2) << 63) | (((e + rn(5) - 2) & 0x7ff) << 52) | frac52();
  case 2: return ((u64)rn(2) << 63) | (((2046 - e + rn(5)) & 0x7ff) << 52) | frac52();
  case 3: return ((u64)rn(2) << 63) | ((((e <= 1023 ? 1023 - e : 0) + rn(6)) & 0x7ff) << 52) | frac52();
  default: return g64();
  }
}

/* ---- the instructions ---- */
#define OP2S(name, insn) static u32 name(u32 a, u32 b) { u32 r; __asm__ volatile( \
  "vmov s0, %1\n vmov s1, %2\n " insn " s2, s0, s1\n vmov %0, s2" : "=r"(r) : "r"(a), "r"(b) : "s0", "s1", "s2"); return r; }
#define OP2D(name, insn) static u64 name(u64 a, u64 b) { u64 r; __asm__ volatile( \
  "vmov d0, %Q1, %R1\n vmov d1, %Q2, %R2\n " insn " d2, d0, d1\n vmov %Q0, %R0, d2" : "=r"(r) : "r"(a), "r"(b) : "d0", "d1", "d2"); return r; }
OP2S(add_s, "vadd.f32") OP2S(sub_s, "vsub.f32") OP2S(mul_s, "vmul.f32") OP2S(div_s, "vdiv.f32")
OP2D(add_d, "vadd.f64") OP2D(sub_d, "vsub.f64") OP2D(mul_d, "vmul.f64") OP2D(div_d, "vdiv.f64")
#define OP2N(name, insn) static u32 name(u32 a, u32 b) { u32 r; __asm__ volatile( \
  "vdup.32 d0, %1\n vdup.32 d1, %2\n " insn " d2, d0, d1\n vmov.32 %0, d2[0]" : "=r"(r) : "r"(a), "r"(b) : "d0", "d1", "d2"); return r; }
OP2N(vmax_n, "vmax.f32") OP2N(vmin_n, "vmin.f32") OP2N(vrecps_n, "vrecps.f32") OP2N(vrsqrts_n, "vrsqrts.f32")
OP2N(vceq_n, "vceq.f32") OP2N(vcge_n, "vcge.f32") OP2N(vcgt_n, "vcgt.f32")
#define OP1N(name, insn) static u32 name(u32 a) { u32 r; __asm__ volatile( \
  "vdup.32 d0, %1\n " insn " d2, d0\n vmov.32 %0, d2[0]" : "=r"(r) : "r"(a) : "d0", "d2"); return r; }
OP1N(vrecpe_n, "vrecpe.f32") OP1N(vrsqrte_n, "vrsqrte.f32") OP1N(vrecpeu_n, "vrecpe.u32") OP1N(vrsqrteu_n, "vrsqrte.u32")

static u32 sqrt_s(u32 a) { u32 r; __asm__ volatile("vmov s0, %1\n vsqrt.f32 s2, s0\n vmov %0, s2" : "=r"(r) : "r"(a) : "s0", "s2"); return r; }
static u64 sqrt_d(u64 a) { u64 r; __asm__ volatile("vmov d0, %Q1, %R1\n vsqrt.f64 d2, d0\n vmov %Q0, %R0, d2" : "=r"(r) : "r"(a) : "d0", "d2"); return r; }
static u32 fma_s(u32 c, u32 a, u32 b) { u32 r; __asm__ volatile(
  "vmov s2, %1\n vmov s0, %2\n vmov s1, %3\n vfma.f32 s2, s0, s1\n vmov %0, s2" : "=r"(r) : "r"(c), "r"(a), "r"(b) : "s0", "s1", "s2"); return r; }
static u64 fma_d(u64 c, u64 a, u64 b) { u64 r; __asm__ volatile(
  "vmov d2, %Q1, %R1\n vmov d0, %Q2, %R2\n vmov d1, %Q3, %R3\n vfma.f64 d2, d0, d1\n vmov %Q0, %R0, d2" : "=r"(r) : "r"(c), "r"(a), "r"(b) : "d0", "d1", "d2"); return r; }
static void cmp_s(u32 a, u32 b, int e) { if (e) __asm__ volatile("vmov s0, %0\n vmov s1, %1\n vcmpe.f32 s0, s1" : : "r"(a), "r"(b) : "s0", "s1");
  else __asm__ volatile("vmov s0, %0\n vmov s1, %1\n vcmp.f32 s0, s1" : : "r"(a), "r"(b) : "s0", "s1"); }
static void cmp_d(u64 a, u64 b, int e) { if (e) __asm__ volatile("vmov d0, %Q0, %R0\n vmov d1, %Q1, %R1\n vcmpe.f64 d0, d1" : : "r"(a), "r"(b) : "d0", "d1");
  else __asm__ volatile("vmov d0, %Q0, %R0\n vmov d1, %Q1, %R1\n vcmp.f64 d0, d1" : : "r"(a), "r"(b) : "d0", "d1"); }
static u64 cvt_sd(u32 a) { u64 r; __asm__ volatile("vmov s0, %1\n vcvt.f64.f32 d1, s0\n vmov %Q0, %R0, d1" : "=r"(r) : "r"(a) : "s0", "d1"); return r; }
static u32 cvt_ds(u64 a) { u32 r; __asm__ volatile("vmov d1, %Q1, %R1\n vcvt.f32.f64 s0, d1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "d1"); return r; }
static u32 cvt_hs(u32 h) { u32 r; __asm__ volatile("vmov s1, %1\n vcvtb.f32.f16 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(h) : "s0", "s1"); return r; }
static u32 cvt_sh(u32 a) { u32 r; __asm__ volatile("vmov s1, %1\n mov %0, #0\n vmov s0, %0\n vcvtb.f16.f32 s0, s1\n vmov %0, s0" : "=&r"(r) : "r"(a) : "s0", "s1"); return r; }

/* float -> int: mode bit0 signed, bit1 round to zero (VCVT) else FPSCR rounding (VCVTR) */
static u32 ftoi_s(u32 a, int mode) { u32 r; switch (mode) {
  case 0: __asm__ volatile("vmov s1, %1\n vcvtr.u32.f32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1"); break;
  case 1: __asm__ volatile("vmov s1, %1\n vcvtr.s32.f32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1"); break;
  case 2: __asm__ volatile("vmov s1, %1\n vcvt.u32.f32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1"); break;
  default: __asm__ volatile("vmov s1, %1\n vcvt.s32.f32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1"); break; } return r; }
static u32 ftoi_d(u64 a, int mode) { u32 r; switch (mode) {
  case 0: __asm__ volatile("vmov d1, %Q1, %R1\n vcvtr.u32.f64 s0, d1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "d1"); break;
  case 1: __asm__ volatile("vmov d1, %Q1, %R1\n vcvtr.s32.f64 s0, d1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "d1"); break;
  case 2: __asm__ volatile("vmov d1, %Q1, %R1\n vcvt.u32.f64 s0, d1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "d1"); break;
  default: __asm__ volatile("vmov d1, %Q1, %R1\n vcvt.s32.f64 s0, d1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "d1"); break; } return r; }
static u32 itof_s(u32 a, int sgn) { u32 r; if (sgn) __asm__ volatile("vmov s1, %1\n vcvt.f32.s32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1");
  else __asm__ volatile("vmov s1, %1\n vcvt.f32.u32 s0, s1\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0", "s1"); return r; }
static u64 itof_d(u32 a, int sgn) { u64 r; if (sgn) __asm__ volatile("vmov s0, %1\n vcvt.f64.s32 d1, s0\n vmov %Q0, %R0, d1" : "=r"(r) : "r"(a) : "s0", "d1");
  else __asm__ volatile("vmov s0, %1\n vcvt.f64.u32 d1, s0\n vmov %Q0, %R0, d1" : "=r"(r) : "r"(a) : "s0", "d1"); return r; }

/* Fixed point: the fbits immediate is part of the encoding, so one asm per (type, fbits). */
#define FIXS(T, FB) case FB: __asm__ volatile("vmov s0, %1\n vcvt." T ".f32 s0, s0, #" #FB "\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0"); break;
#define FIXD(T, FB) case FB: __asm__ volatile("vmov d0, %Q1, %R1\n vcvt." T ".f64 d0, d0, #" #FB "\n vmov %0, s0" : "=r"(r) : "r"(a) : "d0"); break;
#define TOFIX_S(T) switch (fb) { FIXS(T, 1) FIXS(T, 4) FIXS(T, 15) FIXS(T, 16) }
#define TOFIX_S32(T) switch (fb) { FIXS(T, 1) FIXS(T, 4) FIXS(T, 16) FIXS(T, 31) FIXS(T, 32) }
#define TOFIX_D(T) switch (fb) { FIXD(T, 1) FIXD(T, 4) FIXD(T, 15) FIXD(T, 16) }
#define TOFIX_D32(T) switch (fb) { FIXD(T, 1) FIXD(T, 4) FIXD(T, 16) FIXD(T, 31) FIXD(T, 32) }
static u32 tofix_s(u32 a, int sgn, int sz16, int fb) { u32 r = 0;
  if (sz16) { if (sgn) { TOFIX_S("s16") } else { TOFIX_S("u16") } } else { if (sgn) { TOFIX_S32("s32") } else { TOFIX_S32("u32") } }
  return r; }
static u32 tofix_d(u64 a, int sgn, int sz16, int fb) { u32 r = 0;
  if (sz16) { if (sgn) { TOFIX_D("s16") } else { TOFIX_D("u16") } } else { if (sgn) { TOFIX_D32("s32") } else { TOFIX_D32("u32") } }
  return r; }
#define FRS(T, FB) case FB: __asm__ volatile("vmov s0, %1\n vcvt.f32." T " s0, s0, #" #FB "\n vmov %0, s0" : "=r"(r) : "r"(a) : "s0"); break;
#define FRD(T, FB) case FB: __asm__ volatile("vmov s0, %Q1\n vmov s1, %R1\n vcvt.f64." T " d0, d0, #" #FB "\n vmov %Q0, %R0, d0" : "=r"(r) : "r"((u64)a) : "d0"); break;
#define FROM16(M, T) switch (fb) { M(T, 1) M(T, 4) M(T, 15) M(T, 16) }
#define FROM32(M, T) switch (fb) { M(T, 1) M(T, 4) M(T, 16) M(T, 31) M(T, 32) }
static u32 fromfix_s(u32 a, int sgn, int sz16, int fb) { u32 r = 0;
  if (sz16) { if (sgn) { FROM16(FRS, "s16") } else { FROM16(FRS, "u16") } } else { if (sgn) { FROM32(FRS, "s32") } else { FROM32(FRS, "u32") } }
  return r; }
static u64 fromfix_d(u32 a, int sgn, int sz16, int fb) { u64 r = 0;
  if (sz16) { if (sgn) { FROM16(FRD, "s16") } else { FROM16(FRD, "u16") } } else { if (sgn) { FROM32(FRD, "s32") } else { FROM32(FRD, "u32") } }
  return r; }

static u32 gint(void) {
  switch (rn(4)) {
  case 0: { static const u32 sp[] = { 0, 1, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x00ffffff, 0x01000001,
      0x7fffffc0, 0x7fffffbf, 0xffff, 0x8000, 0x7fff, 0xffff8000, 0x00010000, 0x20000001 }; return sp[rn(16)]; }
  case 1: return (u32)rnd() >> rn(32);
  case 2: return (u32)rnd() & 0xffff;
  default: return (u32)rnd();
  }
}

#define RUN(op, ctl, a, b, c, expr) do { set_fpscr(ctl); u64 r_ = (expr); u32 f_ = get_fpscr(); emit(op, ctl, a, b, c, r_, f_); } while (0)

int main(int argc, char **argv) {
  out = stdout;
  int K = argc > 1 ? 0 : 0; (void)K;
  for (u32 cfg = 0; cfg < 16; cfg++) {
    u32 ctl = ((cfg & 3) << 22) | ((cfg >> 2) & 1) << 24 | ((cfg >> 3) & 1) << 25;
    for (int i = 0; i < 110; i++) {
      u32 a = g32(), b = rel32(a), c = g32();
      if (rn(3) == 0) { /* addend near -(a*b) */ float fa, fb2, fc; memcpy(&fa, &a, 4); memcpy(&fb2, &b, 4); fc = -(fa * fb2); memcpy(&c, &fc, 4); c ^= rn(4); }
      RUN(0, ctl, a, b, 0, add_s(a, b));
      RUN(1, ctl, a, b, 0, sub_s(a, b));
      RUN(2, ctl, a, b, 0, mul_s(a, b));
      RUN(3, ctl, a, b, 0, div_s(a, b));
      RUN(4, ctl, a, 0, 0, sqrt_s(a));
      RUN(5, ctl, c, a, b, fma_s(c, a, b));
      { set_fpscr(ctl); cmp_s(a, b, i & 1); u32 f = get_fpscr(); emit(6 + (i & 1), ctl, a, b, 0, f >> 28 << 28, f); }
    }
    for (int i = 0; i < 110; i++) {
      u64 a = g64(), b = rel64(a), c = g64();
      if (rn(3) == 0) { double da, db, dc; memcpy(&da, &a, 8); memcpy(&db, &b, 8); dc = -(da * db); memcpy(&c, &dc, 8); c ^= rn(4); }
      RUN(16, ctl, a, b, 0, add_d(a, b));
      RUN(17, ctl, a, b, 0, sub_d(a, b));
      RUN(18, ctl, a, b, 0, mul_d(a, b));
      RUN(19, ctl, a, b, 0, div_d(a, b));
      RUN(20, ctl, a, 0, 0, sqrt_d(a));
      RUN(21, ctl, c, a, b, fma_d(c, a, b));
      { set_fpscr(ctl); cmp_d(a, b, i & 1); u32 f = get_fpscr(); emit(22 + (i & 1), ctl, a, b, 0, f >> 28 << 28, f); }
    }
    for (int i = 0; i < 60; i++) {
      u32 a = g32(); u64 d = g64(); u32 n = gint();
      u32 h = rn(2) ? (u32)rnd() & 0xffff : (rn(2) << 15) | ((u32)rn(4) << 13 ? (rn(3) == 0 ? 0x7c00 : rn(3) == 0 ? 0 : (rn(32) << 10)) : 0) | (rn(2) ? rn(4) : ((u32)rnd() & 0x3ff));
      u32 ahp = rn(2) << 26;
      RUN(24, ctl, a, 0, 0, cvt_sd(a));
      RUN(25, ctl, d, 0, 0, cvt_ds(d));
      RUN(26, ctl | ahp, h, 0, 0, cvt_hs(h));
      RUN(27, ctl | ahp, a, 0, 0, cvt_sh(a));
      int mode = rn(4);
      RUN(37, ctl, a, mode, 0, ftoi_s(a, mode));
      RUN(38, ctl, d, mode, 0, ftoi_d(d, mode));
      RUN(39, ctl, n, mode & 1, 0, itof_s(n, mode & 1));
      RUN(40, ctl, n, mode & 1, 0, itof_d(n, mode & 1));
      int sgn = rn(2), sz16 = rn(2);
      static const int fb16[] = { 1, 4, 15, 16 }, fb32[] = { 1, 4, 16, 31, 32 };
      int fb = sz16 ? fb16[rn(4)] : fb32[rn(5)];
      u32 p = sgn | 2 | (fb << 8) | (sz16 << 16);
      u32 pf = sgn | (fb << 8) | (sz16 << 16);
      RUN(30, ctl, a, p, 0, tofix_s(a, sgn, sz16, fb));
      RUN(31, ctl, d, p, 0, tofix_d(d, sgn, sz16, fb));
      RUN(32, ctl, n, pf, 0, fromfix_s(n, sgn, sz16, fb));
      RUN(33, ctl, n, pf, 0, fromfix_d(n, sgn, sz16, fb));
    }
  }
  /* Every combination of special operands (NaN selection order, Inf/zero rules, signed zeros). */
  static const u32 sv[] = { 0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00011, 0xffc00022, 0x7f800033, 0xff800044,
                            0x00000005, 0x80400000, 0x3f800000, 0xc0000000 };
  for (u32 cfg = 0; cfg < 4; cfg++) {
    u32 ctl = (cfg & 1) << 24 | (cfg & 2) << 22 | (cfg == 3 ? 1u << 25 : 0);
    for (int i = 0; i < 12; i++) for (int j = 0; j < 12; j++) {
      u32 a = sv[i], b = sv[j];
      RUN(0, ctl, a, b, 0, add_s(a, b)); RUN(1, ctl, a, b, 0, sub_s(a, b));
      RUN(2, ctl, a, b, 0, mul_s(a, b)); RUN(3, ctl, a, b, 0, div_s(a, b));
      { set_fpscr(ctl); cmp_s(a, b, 0); u32 f = get_fpscr(); emit(6, ctl, a, b, 0, f >> 28 << 28, f); }
      { set_fpscr(ctl); cmp_s(a, b, 1); u32 f = get_fpscr(); emit(7, ctl, a, b, 0, f >> 28 << 28, f); }
      for (int k = 0; k < 12; k++) { u32 c = sv[k]; RUN(5, ctl, c, a, b, fma_s(c, a, b)); }
    }
  }
  /* NEON: the Standard FPSCR value regardless of FPSCR's control bits. */
  const u32 std = 0x03000000;
  for (int i = 0; i < 600; i++) {
    u32 a = g32(), b = rn(2) ? rel32(a) : g32();
    u32 fpctl = (rn(4) << 22) | (rn(4) << 24);
    set_fpscr(fpctl); u32 r = vmax_n(a, b); emit(8, std, a, b, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vmin_n(a, b); emit(9, std, a, b, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vrecpe_n(a); emit(10, std, a, 0, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vrsqrte_n(a); emit(11, std, a, 0, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vrecps_n(a, b); emit(12, std, a, b, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vrsqrts_n(a, b); emit(13, std, a, b, 0, r, get_fpscr());
    u32 u = gint();
    set_fpscr(fpctl); r = vrecpeu_n(u); emit(14, std, u, 0, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vrsqrteu_n(u); emit(15, std, u, 0, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vceq_n(a, b); emit(34, std, a, b, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vcge_n(a, b); emit(35, std, a, b, 0, r, get_fpscr());
    set_fpscr(fpctl); r = vcgt_n(a, b); emit(36, std, a, b, 0, r, get_fpscr());
  }
  return 0;
}
