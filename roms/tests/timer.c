/* Generic timer, polled (no interrupt controller yet): frequency, counters, TVAL/CVAL, ISTATUS,
   IMASK, PL0 access control. Prints facts only, never raw times. */
#include "lib.h"

#define CNTFRQ() MRC(0, c14, c0, 0)
#define CNTPCT() MRRC(0, c14)
#define CNTVCT() MRRC(1, c14)
#define CNTP_CTL() MRC(0, c14, c2, 1)
#define CNTV_CTL() MRC(0, c14, c3, 1)
#define CNTP_TVAL() MRC(0, c14, c2, 0)
#define CNTV_TVAL() MRC(0, c14, c3, 0)

static volatile u32 user_lo;
static void user_vct(void) { user_lo = (u32)CNTVCT(); }
static void user_pct(void) { user_lo = (u32)CNTPCT(); }

static void spin(u32 n) { for (volatile u32 i = 0; i < n; i++) { } }

/* Polls until ctl() shows ISTATUS or the counter is `limit` ticks past `start`. */
static int wait_istatus(int virt, u64 limit) {
  u64 start = CNTVCT();
  for (;;) {
    u32 ctl = virt ? CNTV_CTL() : CNTP_CTL();
    if (ctl & 4) return 1;
    if (CNTVCT() - start > limit) return 0;
  }
}

static void timer_checks(int virt) {
  const char *p = virt ? "virt " : "phys ";
  u64 ms = CNTFRQ() / 1000;
  char nm[64];
#define NAME(s) ({ char *_o = nm; const char *_a = p, *_b = (s); while (*_a) *_o++ = *_a++; while (*_b) *_o++ = *_b++; *_o = 0; nm; })
  if (virt) MCR(0, c14, c3, 1, 0); else MCR(0, c14, c2, 1, 0);
  ISB();
  check(NAME("ctl after disable"), virt ? CNTV_CTL() : CNTP_CTL(), 0);
  /* TVAL counts down. */
  if (virt) { MCR(0, c14, c3, 0, 0x40000000); MCR(0, c14, c3, 1, 1); }
  else { MCR(0, c14, c2, 0, 0x40000000); MCR(0, c14, c2, 1, 1); }
  ISB();
  u32 t1 = virt ? CNTV_TVAL() : CNTP_TVAL();
  spin(20000);
  u32 t2 = virt ? CNTV_TVAL() : CNTP_TVAL();
  check_true(NAME("tval counts down"), t2 < t1 && t1 <= 0x40000000);
  check(NAME("istatus while far away"), ((virt ? CNTV_CTL() : CNTP_CTL()) >> 2) & 1, 0);
  /* CVAL: 64-bit read back, then a deadline 1 ms ahead. */
  u64 now = virt ? CNTVCT() : CNTPCT();
  u64 cval = now + ms;
  if (virt) MCRR(3, c14, cval); else MCRR(2, c14, cval);
  ISB();
  check_true(NAME("cval reads back"), (virt ? MRRC(3, c14) : MRRC(2, c14)) == cval);
  check(NAME("ISTATUS became 1"), wait_istatus(virt, 200 * ms), 1);
  check_true(NAME("tval negative after the deadline"), (s32)(virt ? CNTV_TVAL() : CNTP_TVAL()) < 0);
  if (virt) MCR(0, c14, c3, 1, 3); else MCR(0, c14, c2, 1, 3);
  ISB();
  check(NAME("ctl with IMASK: ENABLE|IMASK|ISTATUS"), virt ? CNTV_CTL() : CNTP_CTL(), 7);
  if (virt) MCR(0, c14, c3, 1, 2); else MCR(0, c14, c2, 1, 2);
  ISB();
  info(NAME("ctl when disabled after firing"), virt ? CNTV_CTL() : CNTP_CTL());
  /* Moving the deadline away clears ISTATUS. */
  if (virt) { MCR(0, c14, c3, 1, 1); MCR(0, c14, c3, 0, 0x40000000); }
  else { MCR(0, c14, c2, 1, 1); MCR(0, c14, c2, 0, 0x40000000); }
  ISB();
  check(NAME("istatus cleared by a new tval"), ((virt ? CNTV_CTL() : CNTP_CTL()) >> 2) & 1, 0);
  if (virt) MCR(0, c14, c3, 1, 0); else MCR(0, c14, c2, 1, 0);
  ISB();
#undef NAME
}

int main(void) {
  section("timer: counters");
  check("cntfrq", CNTFRQ(), 62500000);
  u64 a = CNTVCT();
  spin(10000);
  u64 b = CNTVCT();
  check_true("cntvct advances", b > a);
  u64 p = CNTPCT();
  u64 v = CNTVCT();
  check_true("cntvct >= cntpct read before it (no CNTVOFF)", v >= p);
  check_true("cntpct advances", CNTPCT() > p);
  check_true("counter below 2^56 (plausible)", (b >> 56) == 0);
  section("timer: virtual timer");
  timer_checks(1);
  section("timer: physical timer");
  timer_checks(0);

  section("timer: PL0 access (CNTKCTL)");
  MCR(0, c14, c1, 0, 0);
  ISB();
  check("cntkctl", MRC(0, c14, c1, 0) & 0x3ff, 0);
  exc_reset_record();
  run_user(user_vct);
  check("user cntvct with PL0VCTEN=0: undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  exc_reset_record();
  run_user(user_pct);
  check("user cntpct with PL0PCTEN=0: undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  MCR(0, c14, c1, 0, 3);
  ISB();
  exc_reset_record();
  run_user(user_vct);
  check("user cntvct with PL0VCTEN=1: no exception", exc.count, 0);
  exc_reset_record();
  run_user(user_pct);
  check("user cntpct with PL0PCTEN=1: no exception", exc.count, 0);
  exc_reset_record();
  __asm__ volatile("mrc p15, 0, r0, c14, c0, 0" ::: "r0");
  check("cntfrq read at PL1", exc.count, 0);
  MCR(0, c14, c1, 0, 0);
  return finish();
}
