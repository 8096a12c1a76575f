/* Half <-> double vectors (VCVTB.F64.F16 / VCVTB.F16.F64 exist from ARMv8 only: run under
 * qemu-arm -cpu max; QEMU's conversion helpers are the same as the A15's). Same record format as fpvec.c. */
#include <stdint.h>
#include <stdio.h>
typedef uint32_t u32; typedef uint64_t u64;
static u64 rng = 0x243f6a8885a308d3ull;
static u64 rnd(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static u32 rn(u32 n) { return (u32)(rnd() % n); }
static void emit(u32 op, u32 ctl, u64 a, u64 r, u32 f) {
  u32 w[11] = { op, ctl, (u32)a, (u32)(a >> 32), 0, 0, 0, 0, (u32)r, (u32)(r >> 32), f }; fwrite(w, 4, 11, stdout); }
static inline void set_fpscr(u32 v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static inline u32 get_fpscr(void) { u32 v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v) : : "memory"); return v; }
static u64 cvt_hd(u32 h) { u64 r; __asm__ volatile("vmov s1, %1\n vcvtb.f64.f16 d1, s1\n vmov %Q0, %R0, d1" : "=r"(r) : "r"(h) : "s1", "d1"); return r; }
static u32 cvt_dh(u64 a) { u32 r; __asm__ volatile("vmov d1, %Q1, %R1\n mov %0, #0\n vmov s0, %0\n vcvtb.f16.f64 s0, d1\n vmov %0, s0" : "=&r"(r) : "r"(a) : "s0", "d1"); return r; }
static u64 g64(void) {
  static const u64 sp[] = { 0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff8000000000001ull, 0x7ff4000012345678ull,
    1, 0x000fffffffffffffull, 0x40effc0000000000ull, 0x40effe0000000000ull, 0x40effdffffffffffull, 0x40f0000000000000ull,
    0x40fffe0000000000ull, 0x40ffff0000000000ull, 0x3f10000000000000ull, 0x3e70000000000000ull, 0x3e60000000000000ull,
    0x3e60000000000001ull, 0x3f0ff80000000000ull };
  if (rn(3) == 0) return sp[rn(sizeof sp / sizeof sp[0])];
  u64 e = rn(3) == 0 ? rn(2048) : 1023 - 28 + rn(48);
  u64 f = rn(3) == 0 ? (rnd() & 0xfffffffffffffull & ~((1ull << (30 + rn(22))) - 1)) : rnd() & 0xfffffffffffffull;
  return ((u64)rn(2) << 63) | (e << 52) | f;
}
int main(void) {
  for (u32 cfg = 0; cfg < 32; cfg++) {
    u32 ctl = ((cfg & 3) << 22) | ((cfg >> 2) & 7) << 24;
    for (int i = 0; i < 40; i++) {
      u32 h = (u32)rnd() & 0xffff; u64 d = g64();
      set_fpscr(ctl); u64 r = cvt_hd(h); emit(28, ctl, h, r, get_fpscr());
      set_fpscr(ctl); r = cvt_dh(d); emit(29, ctl, d, r, get_fpscr());
    }
  }
  return 0;
}
