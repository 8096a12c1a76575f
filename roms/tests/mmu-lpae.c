/* Long-descriptor (LPAE, TTBCR.EAE=1) translation: 1 GiB and 2 MiB blocks, 4 KiB pages, access
   flag, AP/XN/PXN permissions, fault status codes, TTBR1 split, 64-bit PAR. */
#include "lib.h"

static u64 l1[4] __attribute__((aligned(4096)));
static u64 l1_hi[4] __attribute__((aligned(4096)));
static u64 l2_low[512] __attribute__((aligned(4096)));
static u64 l2_ram[512] __attribute__((aligned(4096)));
static u64 l2_test[512] __attribute__((aligned(4096)));
static u64 l3[512] __attribute__((aligned(4096)));

#define PAT(pa) ((pa) ^ 0xa5a5a5a5u)
#define AF (1ull << 10)
#define AP(x) ((u64)(x) << 6)          /* AP[2:1] */
#define ATTR(i) ((u64)(i) << 2)        /* MAIR index: 0 normal, 1 device */
#define XN (1ull << 54)
#define PXN (1ull << 53)
#define BLOCK(pa, attrs) ((u64)(pa) | (attrs) | 1u)
#define TABLE(t) ((u64)(u32)(t) | 3u)
#define PAGE(pa, attrs) ((u64)(pa) | (attrs) | 3u)
#define NORMAL (AF | AP(1) | ATTR(0) | (3ull << 8))

static volatile u32 uaddr, uval;
static void user_load(void) { uval = *(volatile u32 *)uaddr; }
static void user_store(void) { *(volatile u32 *)uaddr = 0x1234; }

static void flush(void) { DSB(); tlbiall(); }

static void expect_read(const char *name, u32 va, u32 pa) {
  wr32(pa, PAT(pa));
  exc_reset_record();
  u32 v = rd32(va);
  check(name, exc.count ? 0xdeadbeef : v, PAT(pa));
}

static void show_fault(const char *name, u32 va, u32 fsr) {
  puts(name); puts(": "); check("fault count", exc.count, 1);
  puts(name); puts(": "); check("fsr", exc.fsr, fsr);
  puts(name); puts(": "); check("far", exc.far, va);
}

static void expect_dabt(const char *name, u32 va, int write, u32 fsr) {
  exc_reset_record();
  if (write) wr32(va, 0); else (void)rd32(va);
  show_fault(name, va, fsr);
}

static void user_access(const char *name, u32 va, int write, u32 fsr) {
  exc_reset_record();
  uaddr = va;
  run_user(write ? user_store : user_load);
  if (!fsr) { puts(name); puts(": "); check("user access allowed (exceptions)", exc.count, 0); }
  else show_fault(name, va, fsr);
}

static u32 call_at(u32 va) {
  u32 r;
  exc_reset_record();
  __asm__ volatile("adr r1, 1f\n str r1, [%1]\n mov r0, #0\n adr lr, 1f\n bx %2\n 1: mov %0, r0"
                   : "=r"(r) : "r"(&exc_resume), "r"(va) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
  exc_resume = 0;
  return r;
}

static u64 ats(u32 va, int op) {
  if (op == 0) MCR(0, c7, c8, 0, va);
  else if (op == 1) MCR(0, c7, c8, 1, va);
  else MCR(0, c7, c8, 2, va);
  ISB();
  return MRRC(0, c7);
}

int main(void) {
  for (int i = 0; i < 512; i++) l2_low[i] = l2_ram[i] = l2_test[i] = l3[i] = 0;
  l1[0] = TABLE(l2_low);
  l1[1] = TABLE(l2_ram);
  l1[2] = TABLE(l2_test);
  l1[3] = BLOCK(0x40000000, NORMAL);                        /* 1 GiB block at 0xc0000000 */
  l2_low[0x09000000 >> 21] = BLOCK(0x09000000, AF | AP(1) | ATTR(1) | XN);
  for (u32 i = 0; i < 64; i++) l2_ram[i] = BLOCK(0x40000000 + (i << 21), NORMAL);
  l2_test[0] = BLOCK(0x44000000, NORMAL);                   /* 0x80000000 */
  l2_test[1] = TABLE(l3);                                   /* 0x80200000 */
  l2_test[2] = BLOCK(0x44400000, NORMAL & ~AF);             /* AF = 0 */
  l2_test[3] = BLOCK(0x44600000, AF | AP(0) | ATTR(0));     /* PL1 RW only */
  l2_test[4] = BLOCK(0x44800000, AF | AP(2) | ATTR(0));     /* PL1 RO only */
  l2_test[5] = BLOCK(0x44a00000, AF | AP(3) | ATTR(0));     /* RO everywhere */
  l2_test[6] = BLOCK(0x44c00000, NORMAL | XN);
  l2_test[7] = BLOCK(0x44e00000, NORMAL | PXN);
  l3[0] = PAGE(0x44010000, NORMAL);
  l3[5] = PAGE(0x44003000, NORMAL);
  l3[6] = PAGE(0x44004000, NORMAL & ~AF);
  l3[7] = PAGE(0x44005000, NORMAL | XN);
  l3[8] = PAGE(0x44006000, AF | AP(0) | ATTR(0));
  static const u32 code_pas[] = { 0x44000000, 0x44c00000, 0x44e00000, 0x44005000, 0x44010000 };
  for (u32 i = 0; i < 5; i++) { wr32(code_pas[i], 0xe3a0002a); wr32(code_pas[i] + 4, 0xe12fff1e); }

  MCR(0, c10, c2, 0, 0x00000444);                           /* MAIR0: 0 = Normal NC, 1 = Device */
  MCR(0, c10, c2, 1, 0);
  MCR(0, c2, c0, 2, 0x80000000);                            /* TTBCR.EAE, T0SZ = 0 */
  MCRR(0, c2, (u64)(u32)l1 | (5ull << 48));                 /* TTBR0 with ASID 5 */
  ISB();
  check("ttbcr", MRC(0, c2, c0, 2), 0x80000000);
  check64("ttbr0 (64-bit)", MRRC(0, c2), (u64)(u32)l1 | (5ull << 48));
  check("mair0", MRC(0, c10, c2, 0), 0x444);
  mmu_on();
  check("sctlr.m", get_sctlr() & 1, 1);

  section("mmu-lpae: mappings");
  expect_read("identity ram (2M blocks)", 0x40100200, 0x40100200);
  expect_read("2M block remap", 0x80000010, 0x44000010);
  expect_read("2M block end", 0x801ffffc, 0x441ffffc);
  expect_read("level 3 page 0", 0x80200008, 0x44010008);
  expect_read("level 3 page 5", 0x80205ff0, 0x44003ff0);
  expect_read("1G block", 0xc0123450, 0x40123450);
  check("execute through a 2M block", call_at(0x80000000), 42);
  check("execute through a level 3 page", call_at(0x80200000), 42);

  section("mmu-lpae: translation and access flag faults");
  expect_dabt("level 2 invalid", 0x80400000 + (20u << 21), 0, 0x206);
  expect_dabt("level 3 invalid", 0x80201000, 0, 0x207);
  expect_dabt("level 3 invalid, store", 0x80201004, 1, 0xa07);
  l1[3] = 0; flush();
  expect_dabt("level 1 invalid", 0xc0000000, 0, 0x205);
  l1[3] = BLOCK(0x40000000, NORMAL); flush();
  expect_dabt("level 2 block AF=0", 0x80400040, 0, 0x20a);
  expect_dabt("level 3 page AF=0", 0x80206040, 0, 0x20b);
  call_at(0x8ff00000);
  show_fault("prefetch from invalid level 2", 0x8ff00000, 0x206);
  check("prefetch abort type", exc.type, EXC_PABT);

  section("mmu-lpae: permissions");
  user_access("user load RW all", 0x80000030, 0, 0);
  user_access("user load PL1-only", 0x80600000, 0, 0x20e);
  user_access("user store PL1-only", 0x80600004, 1, 0xa0e);
  user_access("user load PL1-RO", 0x80800000, 0, 0x20e);
  user_access("user load RO", 0x80a00000, 0, 0);
  user_access("user store RO", 0x80a00008, 1, 0xa0e);
  user_access("user load level 3 PL1-only", 0x80208000, 0, 0x20f);
  expect_read("pl1 load PL1-only", 0x80600010, 0x44600010);
  expect_read("pl1 load PL1-RO", 0x80800010, 0x44800010);
  expect_dabt("pl1 store PL1-RO", 0x80800014, 1, 0xa0e);
  expect_dabt("pl1 store RO", 0x80a00014, 1, 0xa0e);

  section("mmu-lpae: execute never");
  call_at(0x80c00000);
  show_fault("xn block", 0x80c00000, 0x20e);
  call_at(0x80e00000);
  show_fault("pxn block at PL1", 0x80e00000, 0x20e);
  call_at(0x80207000);
  show_fault("xn level 3 page", 0x80207000, 0x20f);

  section("mmu-lpae: alignment fault format");
  set_sctlr(get_sctlr() | 2);
  expect_dabt("unaligned ldr with A=1", 0x80000001, 0, 0x221);
  set_sctlr(get_sctlr() & ~2u);

  section("mmu-lpae: TTBR1 split");
  l1_hi[0] = BLOCK(0x40000000, NORMAL);
  l1_hi[1] = 0;
  MCRR(1, c2, (u64)(u32)l1_hi);                              /* TTBR1 */
  MCR(0, c2, c0, 2, 0x80000000 | (1u << 16) | 1u);           /* T0SZ = 1, T1SZ = 1 */
  flush();
  expect_read("ttbr1 1G block at 0x80000000", 0x80100100, 0x40100100);
  expect_read("ttbr0 still maps ram", 0x40100300, 0x40100300);
  expect_dabt("ttbr1 level 1 invalid", 0xc0000000, 0, 0x205);
  MCR(0, c2, c0, 2, 0x80000000);
  flush();

  section("mmu-lpae: address translation ops (64-bit PAR)");
  u64 par = ats(0x80000064, 0);
  check("ats1cpr PAR.F", (u32)par & 1, 0);
  check("ats1cpr PA", (u32)par & 0xfffff000, 0x44000000);
  check("ats1cpr PAR.LPAE", ((u32)par >> 11) & 1, 1);
  puts("INFO ats1cpr PAR = "); puthex64(par); newline();
  par = ats(0x80201000, 0);
  puts("INFO ats1cpr level 3 invalid PAR = "); puthex64(par); newline();
  par = ats(0x80a00000, 1);
  puts("INFO ats1cpw RO PAR = "); puthex64(par); newline();
  par = ats(0x80600000, 2);
  puts("INFO ats1cur PL1-only PAR = "); puthex64(par); newline();

  mmu_off();
  MCR(0, c2, c0, 2, 0);
  check("mmu off again", get_sctlr() & 1, 0);
  return finish();
}
