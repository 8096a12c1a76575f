/* Exclusive monitor: LDREX/STREX in every size, CLREX, address mismatch, an exception between
   LDREX and STREX, plain stores in between, odd-register LDREXD, SWP/SWPB. */
#include "lib.h"

static volatile u32 w[4] __attribute__((aligned(8)));
static volatile u64 d __attribute__((aligned(8)));

static u32 ldrex(volatile u32 *p) { u32 v; __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(p) : "memory"); return v; }
static u32 strex(volatile u32 *p, u32 v) {
  u32 s; __asm__ volatile("strex %0, %2, [%1]" : "=&r"(s) : "r"(p), "r"(v) : "memory"); return s;
}

int main(void) {
  u32 s, v;
  section("exclusives: sizes");
  w[0] = 0x11111111;
  v = ldrex(&w[0]);
  s = strex(&w[0], 0x22222222);
  check("ldrex value", v, 0x11111111);
  check("strex status", s, 0);
  check("strex stored", w[0], 0x22222222);
  s = strex(&w[0], 0x33333333);
  check("second strex fails", s, 1);
  check("second strex stored nothing", w[0], 0x22222222);

  w[1] = 0x44332211;
  __asm__ volatile("ldrexb %0, [%2]\n strexb %1, %3, [%2]" : "=&r"(v), "=&r"(s)
                   : "r"((u32)&w[1] + 1), "r"(0xabcd) : "memory");
  check("ldrexb value", v, 0x22);
  check("strexb status", s, 0);
  check("strexb stored one byte", w[1], 0x4433cd11);
  __asm__ volatile("ldrexh %0, [%2]\n strexh %1, %3, [%2]" : "=&r"(v), "=&r"(s)
                   : "r"((u32)&w[1] + 2), "r"(0x9876abcd) : "memory");
  check("ldrexh value", v, 0x4433);
  check("strexh status", s, 0);
  check("strexh stored one halfword", w[1], 0xabcdcd11);

  d = 0x0123456789abcdefull;
  {
    u32 lo, hi;
    __asm__ volatile("ldrexd r2, r3, [%3]\n mov %0, r2\n mov %1, r3\n"
                     "mov r4, #0x55\n mov r5, #0xaa\n strexd %2, r4, r5, [%3]"
                     : "=&r"(lo), "=&r"(hi), "=&r"(s) : "r"(&d) : "r2", "r3", "r4", "r5", "memory");
    check("ldrexd low", lo, 0x89abcdef);
    check("ldrexd high", hi, 0x01234567);
    check("strexd status", s, 0);
    check64("strexd stored", d, 0x000000aa00000055ull);
  }

  section("exclusives: monitor clearing");
  w[2] = 5;
  (void)ldrex(&w[2]);
  __asm__ volatile("clrex" ::: "memory");
  check("strex after clrex fails", strex(&w[2], 6), 1);
  check("memory unchanged", w[2], 5);
  check("strex with no ldrex fails", strex(&w[2], 7), 1);
  (void)ldrex(&w[2]);
  info("strex to another address after ldrex (status)", strex(&w[3], 8));
  info("  and stored", w[3]);
  (void)ldrex(&w[2]);
  w[2] = 5;
  info("strex after a plain store of the same value", strex(&w[2], 9));
  (void)ldrex(&w[2]);
  w[2] = 10;
  info("strex after a plain store of another value", strex(&w[2], 11));
  info("  memory", w[2]);
  (void)ldrex(&w[2]);
  __asm__ volatile("svc #3" ::: "lr", "memory");
  info("strex after an SVC and exception return", strex(&w[2], 12));
  (void)ldrex(&w[2]);
  exc_reset_record();
  __asm__ volatile(".word 0xe7f000f0" ::: "memory");
  info("strex after an UND and exception return", strex(&w[2], 13));
  info("  memory", w[2]);
  (void)ldrex(&w[2]);
  (void)ldrex(&w[3]);
  info("strex to the first of two ldrex addresses", strex(&w[2], 14));

  section("exclusives: encodings");
  exc_reset_record();
  /* LDREXD r1, r2, [r0]: Rt odd. */
  __asm__ volatile("mov r0, %0\n .word 0xe1b01f9f" :: "r"(&d) : "r0", "r1", "r2", "memory");
  check("ldrexd with odd Rt: undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  exc_reset_record();
  w[0] = 0x1234;
  /* SWP r0, r1, [r2] and SWPB r0, r1, [r2] as words: the assembler deprecates them. */
  __asm__ volatile("mov r2, %1\n mov r1, #0x99\n .word 0xe1020091\n mov %0, r0" : "=r"(v)
                   : "r"(&w[0]) : "r0", "r1", "r2", "memory");
  info("swp: exceptions", exc.count);
  if (!exc.count) { check("swp old value", v, 0x1234); check("swp new value", w[0], 0x99); }
  exc_reset_record();
  __asm__ volatile("mov r2, %1\n mov r1, #0x77\n .word 0xe1420091\n mov %0, r0" : "=r"(v)
                   : "r"((u32)&w[0] + 1) : "r0", "r1", "r2", "memory");
  info("swpb: exceptions", exc.count);
  if (!exc.count) { check("swpb old byte", v, 0); check("swpb new value", w[0], 0x7799); }
  info("sctlr.sw", (get_sctlr() >> 10) & 1);
  return finish();
}
