/* Short-descriptor translation: sections, small and large pages, supersections, remapping,
   TTBR1 split, domains, AP permissions from User mode, XN/PXN, access flag, ATS1C*, faults. */
#include "lib.h"

static u32 l2_table[256] __attribute__((aligned(1024)));
static u32 l2_pxn[256] __attribute__((aligned(1024)));
static u32 l1_ttbr1[4096] __attribute__((aligned(16384)));

#define PAT(pa) ((pa) ^ 0x5a5a5a5au)
#define SECT(pa, ap, dom) (((pa) & 0xfff00000u) | (((ap) & 3u) << 10) | (((ap) >> 2) << 15) | ((dom) << 5) | (1u << 12) | 2u)
#define SECT_XN (1u << 4)
#define SUPER(pa) (((pa) & 0xff000000u) | (1u << 18) | (3u << 10) | (1u << 12) | 2u)
#define PTABLE(l2, dom) ((u32)(l2) | ((dom) << 5) | 1u)
#define SMALL(pa, ap) (((pa) & 0xfffff000u) | (((ap) & 3u) << 4) | (((ap) >> 2) << 9) | (1u << 6) | 2u)
#define LARGE(pa) (((pa) & 0xffff0000u) | (3u << 4) | (1u << 12) | 1u)

static volatile u32 uaddr, uval;
static void user_load(void) { uval = *(volatile u32 *)uaddr; }
static void user_store(void) { *(volatile u32 *)uaddr = 0x1234; }

static void expect_read(const char *name, u32 va, u32 pa) {
  wr32(pa, PAT(pa));
  exc_reset_record();
  u32 v = rd32(va);
  check(name, exc.count ? 0xdeadbeef : v, PAT(pa));
}

/* Reads va expecting a data abort; prints DFSR and DFAR. */
static void expect_dabt(const char *name, u32 va, int write, u32 fsr) {
  exc_reset_record();
  if (write) wr32(va, 0); else (void)rd32(va);
  puts(name); puts(": "); check("dabt count", exc.count, 1);
  puts(name); puts(": "); check("dfsr", exc.fsr, fsr);
  puts(name); puts(": "); check("dfar", exc.far, va);
}

static void user_access(const char *name, u32 va, int write, u32 fsr_or_ok) {
  exc_reset_record();
  uaddr = va;
  run_user(write ? user_store : user_load);
  if (fsr_or_ok == 0) {
    puts(name); puts(": "); check("user access allowed (exceptions)", exc.count, 0);
  } else {
    puts(name); puts(": "); check("user dfsr", exc.count ? exc.fsr : 0, fsr_or_ok);
    puts(name); puts(": "); check("user dfar", exc.far, va);
    puts(name); puts(": "); check("abort spsr mode", exc.spsr & 0x1f, 0x10);
  }
}

/* Calls code at va (which should return 42 in r0), catching a prefetch abort. */
static u32 call_at(u32 va) {
  u32 r;
  exc_reset_record();
  __asm__ volatile("adr r1, 1f\n str r1, [%1]\n mov r0, #0\n adr lr, 1f\n bx %2\n 1: mov %0, r0"
                   : "=r"(r) : "r"(&exc_resume), "r"(va) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
  exc_resume = 0;
  return r;
}

static u32 ats(u32 va, int op) {
  if (op == 0) MCR(0, c7, c8, 0, va);      /* ATS1CPR */
  else if (op == 1) MCR(0, c7, c8, 1, va); /* ATS1CPW */
  else MCR(0, c7, c8, 2, va);              /* ATS1CUR */
  ISB();
  return MRC(0, c7, c4, 0);
}

int main(void) {
  mmu_short_identity();
  /* Remaps at 0x8xxxxxxx onto RAM at 0x44000000.. */
  l1_table[0x800] = SECT(0x44000000, 3, 0);
  l1_table[0x801] = PTABLE(l2_table, 0);
  for (u32 i = 0x810; i < 0x820; i++) l1_table[i] = SUPER(0x45000000);
  l1_table[0x802] = SECT(0x44200000, 3, 3);          /* domain 3 */
  l1_table[0x803] = SECT(0x44300000, 3, 5);          /* domain 5 */
  l1_table[0x804] = SECT(0x44400000, 1, 0);          /* AP=01: PL1 RW, User none */
  l1_table[0x805] = SECT(0x44500000, 2, 0);          /* AP=10: PL1 RW, User RO */
  l1_table[0x806] = SECT(0x44600000, 5, 0);          /* AP=101: PL1 RO, User none */
  l1_table[0x807] = SECT(0x44700000, 7, 0);          /* AP=111: read-only everywhere */
  l1_table[0x808] = SECT(0x44800000, 3, 0) | SECT_XN;
  l1_table[0x809] = PTABLE(l2_pxn, 0) | (1u << 2);    /* PXN */
  l1_table[0x80a] = SECT(0x44a00000, 2, 0);          /* AFE: AP[0]=0 means access flag 0 */
  for (u32 i = 0; i < 256; i++) l2_table[i] = 0;
  l2_table[0] = SMALL(0x44010000, 3);
  l2_table[1] = SMALL(0x44003000, 3);
  for (u32 i = 16; i < 32; i++) l2_table[i] = LARGE(0x44020000);
  l2_table[40] = SMALL(0x44028000, 1);                /* PL1 only */
  l2_table[41] = SMALL(0x44029000, 3) | 1u;           /* XN small page */
  l2_table[42] = SMALL(0x4402a000, 2);                /* AP[0]=0 for the AFE test */
  for (u32 i = 0; i < 256; i++) l2_pxn[i] = 0;
  l2_pxn[0] = SMALL(0x44900000, 3);
  /* Code: mov r0, #42; bx lr, at every page we try to execute. */
  static const u32 code_pas[] = { 0x44000000, 0x44800000, 0x44900000, 0x44029000 };
  for (u32 i = 0; i < 4; i++) { wr32(code_pas[i], 0xe3a0002a); wr32(code_pas[i] + 4, 0xe12fff1e); }
  mmu_on();
  check("sctlr.m", get_sctlr() & 1, 1);
  check("ttbr0", MRC(0, c2, c0, 0), (u32)l1_table);

  section("mmu-short: mappings");
  expect_read("identity ram", 0x40100100, 0x40100100);
  expect_read("section remap", 0x80000010, 0x44000010);
  expect_read("section remap, high offset", 0x800ffffc, 0x440ffffc);
  expect_read("small page 0", 0x80100004, 0x44010004);
  expect_read("small page 1", 0x80101ff8, 0x44003ff8);
  expect_read("large page", 0x8011abcc, 0x4402abcc);
  expect_read("large page, last 4k", 0x8011fff0, 0x4402fff0);
  expect_read("supersection", 0x81234560, 0x45234560);
  expect_read("supersection end", 0x81fffffc, 0x45fffffc);
  wr32(0x80000020, 0xcafef00d);
  check("write through remap lands in PA", rd32(0x44000020), 0xcafef00d);
  check("execute through a remapped section", call_at(0x80000000), 42);

  section("mmu-short: translation faults");
  expect_dabt("unmapped section", 0x8ff00040, 0, 0x5);
  expect_dabt("unmapped section, store", 0x8ff00044, 1, 0x805);
  expect_dabt("unmapped small page", 0x80102010, 0, 0x7);
  u32 r = call_at(0x8ff00000);
  check("prefetch abort on unmapped", exc.count == 1 && exc.type == EXC_PABT, 1);
  check("ifsr", exc.fsr, 0x5);
  check("ifar", exc.far, 0x8ff00000);
  (void)r;

  section("mmu-short: domains");
  MCR(0, c3, c0, 0, 0x55555555 & ~(3u << 6));        /* domain 3: no access */
  ISB();
  expect_dabt("domain 3 no access", 0x80200008, 0, 0x39);
  MCR(0, c3, c0, 0, (0x55555555 & ~(3u << 6)) | (3u << 10)); /* domain 5: manager */
  ISB();
  l1_table[0x803] = SECT(0x44300000, 0, 5);          /* AP=000: no access unless manager */
  tlbiall();
  expect_read("manager domain ignores AP", 0x80300010, 0x44300010);
  MCR(0, c3, c0, 0, 0x55555555);
  ISB();
  expect_dabt("client domain 5 with AP=000", 0x80300010, 0, 0x5d);
  check("dacr", MRC(0, c3, c0, 0), 0x55555555);

  section("mmu-short: permissions");
  user_access("user load AP=11", 0x80000030, 0, 0);
  user_access("user load AP=01", 0x80400000, 0, 0xd);
  user_access("user load AP=10", 0x80500000, 0, 0);
  user_access("user store AP=10", 0x80500004, 1, 0x80d);
  user_access("user load AP=101", 0x80600000, 0, 0xd);
  user_access("user load small page PL1-only", 0x80128000, 0, 0xf);
  user_access("user load AP=111", 0x80700000, 0, 0);
  user_access("user store AP=111", 0x80700000, 1, 0x80d);
  expect_read("pl1 load AP=01", 0x80400010, 0x44400010);
  expect_read("pl1 load AP=101", 0x80600010, 0x44600010);
  expect_dabt("pl1 store AP=101", 0x80600014, 1, 0x80d);
  expect_dabt("pl1 store AP=111", 0x80700014, 1, 0x80d);
  {
    u32 v = 0;
    exc_reset_record();
    __asm__ volatile("ldrt %0, [%1]" : "=&r"(v) : "r"(0x80400020) : "memory");
    check("ldrt on PL1-only: dfsr", exc.count ? exc.fsr : 0, 0xd);
    exc_reset_record();
    wr32(0x44500020, 0x600df00d);
    __asm__ volatile("ldrt %0, [%1]" : "=&r"(v) : "r"(0x80500020) : "memory");
    check("ldrt on user RO", exc.count ? 0 : v, 0x600df00d);
    exc_reset_record();
    __asm__ volatile("strt %0, [%1]" :: "r"(v), "r"(0x80500020) : "memory");
    check("strt on user RO: dfsr", exc.count ? exc.fsr : 0, 0x80d);
  }

  section("mmu-short: execute never");
  r = call_at(0x80800000);
  check("xn section: prefetch abort", exc.count == 1 && exc.type == EXC_PABT, 1);
  check("xn section ifsr", exc.fsr, 0xd);
  check("xn section ifar", exc.far, 0x80800000);
  r = call_at(0x80129000);
  check("xn small page ifsr", exc.count ? exc.fsr : 0, 0xf);
  check("xn small page ifar", exc.far, 0x80129000);
  r = call_at(0x80900000);
  check("pxn table: prefetch abort", exc.count == 1 && exc.type == EXC_PABT, 1);
  check("pxn ifsr", exc.fsr, 0xf);
  expect_read("pxn page still readable", 0x80900010, 0x44900010);

  section("mmu-short: access flag (SCTLR.AFE)");
  set_sctlr(get_sctlr() | (1u << 29));
  tlbiall();
  expect_dabt("section with AF=0", 0x80a00000, 0, 0x3);
  expect_dabt("small page with AF=0", 0x8012a000, 0, 0x6);
  expect_read("section with AF=1", 0x80000040, 0x44000040);
  set_sctlr(get_sctlr() & ~(1u << 29));
  tlbiall();

  section("mmu-short: TLB maintenance");
  l1_table[0x800] = SECT(0x44100000, 3, 0);
  DSB();
  MCR(0, c8, c7, 1, 0x80000000);                      /* TLBIMVA */
  DSB(); ISB();
  expect_read("after TLBIMVA", 0x80000050, 0x44100050);
  l1_table[0x800] = SECT(0x44000000, 3, 0);
  DSB();
  MCR(0, c8, c7, 3, 0x80000000);                      /* TLBIMVAA */
  DSB(); ISB();
  expect_read("after TLBIMVAA", 0x80000054, 0x44000054);
  l1_table[0x800] = SECT(0x44100000, 3, 0);
  DSB();
  MCR(0, c8, c3, 0, 0);                               /* TLBIALLIS */
  DSB(); ISB();
  expect_read("after TLBIALLIS", 0x80000058, 0x44100058);

  section("mmu-short: TTBCR.N and TTBR1");
  for (u32 i = 0; i < 4096; i++) l1_ttbr1[i] = 0;
  l1_ttbr1[0x800] = SECT(0x44600000, 3, 0);
  MCR(0, c2, c0, 1, (u32)l1_ttbr1);
  MCR(0, c2, c0, 2, 1);                               /* N=1: VA >= 2 GiB uses TTBR1 */
  tlbiall();
  expect_read("ttbr1 maps 0x80000000", 0x80000060, 0x44600060);
  expect_dabt("ttbr1 table has no 0x80100000", 0x80100000, 0, 0x5);
  expect_read("ttbr0 still maps ram", 0x40100104, 0x40100104);
  check("ttbcr", MRC(0, c2, c0, 2), 1);
  MCR(0, c2, c0, 2, 0);
  tlbiall();

  section("mmu-short: address translation ops");
  info("ats1cpr section PAR", ats(0x80000064, 0));
  check("ats1cpr section PA", ats(0x80000064, 0) & 0xfffff000, 0x44100000);
  check("ats1cpr small page PA", ats(0x80101abc, 0) & 0xfffff000, 0x44003000);
  /* A supersection result has PAR.SS set and PAR[31:24] = PA[31:24] only. */
  info("ats1cpr supersection PAR", ats(0x81234567, 0));
  check("ats1cpr supersection PA[31:24]", ats(0x81234567, 0) & 0xff000000, 0x45000000);
  info("ats1cpr unmapped PAR", ats(0x8ff00000, 0));
  info("ats1cpw read-only PAR", ats(0x80700000, 1));
  info("ats1cur PL1-only PAR", ats(0x80400000, 2));
  info("ats1cur user RO PAR", ats(0x80500000, 2));

  mmu_off();
  check("mmu off again", get_sctlr() & 1, 0);
  return finish();
}
