/* Exceptions: UND, SVC, prefetch abort (BKPT), data aborts (alignment, MMU translation), VBAR,
   entry state (LR, SPSR, CPSR) and the return methods MOVS/SUBS pc,lr, LDM ^, SRS/RFE. */
#include "lib.h"

extern void h_und_movs(void), h_dabt_subs(void), h_pabt_srs(void), h_svc_srs_rfe(void),
    h_und_srs_svc(void);
extern volatile u32 ret_hits, srs_words[2];

static u32 ram_vectors[16] __attribute__((aligned(32)));
static u32 buf[8] __attribute__((aligned(16)));
static volatile u32 user_done;

#define UDF_ADDR(addr) __asm__ volatile("adr %0, 1f\n 1: .word 0xe7f000f0" : "=r"(addr) :: "memory")

static u32 exc_mode(void) { return exc.cpsr & 0x1f; }

static void und_checks(void) {
  u32 at;
  exc_reset_record();
  __asm__ volatile("msr APSR_nzcvq, #0xa0000000" ::: "cc");
  UDF_ADDR(at);
  check("und taken once", exc.count, 1);
  check("und type", exc.type, EXC_UND);
  check("und lr = insn + 4", exc.lr - at, 4);
  check("und spsr", exc.spsr & 0xf80001ff, 0xa00001d3);
  check("und handler cpsr (mode, I, F, A, T)", exc.cpsr & 0x1ff, 0x1db);
  check("und insn", exc.insn, 0xe7f000f0);
  check_true("und sp is the und stack", exc.sp > 0x40000000);

  /* Other undefined encodings on a Cortex-A15 without EL2/EL3, VFP disabled. */
  exc_reset_record();
  __asm__ volatile(".word 0xe1600070" ::: "memory"); /* SMC #0 */
  check("smc #0 undefined (no EL3)", exc.count == 1 && exc.type == EXC_UND, 1);
  /* virt without EL2/EL3 uses HVC as the PSCI conduit: every HVC is a PSCI call. */
  u32 r;
  exc_reset_record();
  __asm__ volatile("mov r0, #0\n .word 0xe1400070\n mov %0, r0" : "=r"(r) :: "r0", "r1", "r2", "r3", "memory");
  check("hvc #0 with r0=0: no exception", exc.count, 0);
  check("hvc #0 with r0=0: PSCI NOT_SUPPORTED", r, 0xffffffff);
  __asm__ volatile("mov r0, #0x84000000\n .word 0xe1400070\n mov %0, r0" : "=r"(r) :: "r0", "r1", "r2", "r3", "memory");
  check("hvc PSCI_VERSION", r, 0x10001);
  exc_reset_record();
  __asm__ volatile(".word 0xeef10a10" ::: "r0", "memory"); /* VMRS r0, FPSCR (CPACR off) */
  check("vmrs with the FPU disabled undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  exc_reset_record();
  __asm__ volatile(".word 0xee190f1d" ::: "r0", "memory"); /* MRC p15,0,r0,c9,c13,0 (PMCCNTR) */
  info("mrc pmccntr exceptions", exc.count);
}

static void svc_checks(void) {
  u32 at;
  exc_reset_record();
  __asm__ volatile("adr %0, 1f\n 1: svc #0x42abcd" : "=&r"(at) :: "lr", "memory", "cc");
  check("svc taken", exc.count == 1 && exc.type == EXC_SVC, 1);
  check("svc immediate", exc.insn & 0xffffff, 0x42abcd);
  check("svc lr = insn + 4", exc.lr - at, 4);
  check("svc handler mode", exc_mode(), 0x13);
  check("svc spsr mode", exc.spsr & 0x1f, 0x13);
}

static void user_faults(void) {
  __asm__ volatile(".word 0xe7f000f0" ::: "memory");
  __asm__ volatile("svc #0x77" ::: "memory");
  user_done = 1;
}

static void user_checks(void) {
  exc_reset_record();
  user_done = 0;
  static volatile u32 types, spsrs;
  exc_hook = 0;
  run_user(user_faults);
  check("user: both exceptions returned", user_done, 1);
  check("user: exceptions taken", exc.count, 2);
  check("user: last was svc", exc.type, EXC_SVC);
  check("user: svc immediate", exc.insn & 0xffffff, 0x77);
  check("user: svc spsr mode", exc.spsr & 0x1f, 0x10);
  (void)types; (void)spsrs;
}

static void bkpt_checks(void) {
  u32 at;
  exc_reset_record();
  __asm__ volatile("adr %0, 1f\n 1: bkpt #0x1234" : "=&r"(at) :: "memory");
  check("bkpt: prefetch abort", exc.count == 1 && exc.type == EXC_PABT, 1);
  check("bkpt lr = insn + 4", exc.lr - at, 4);
  check("bkpt handler mode", exc_mode(), 0x17);
  check("bkpt ifsr", exc.fsr, 0x2);
  info("bkpt ifar", exc.far);
}

static void align_checks(void) {
  u32 at, v = 0;
  u32 base = (u32)buf;
  buf[0] = 0x33221100; buf[1] = 0x77665544;

  section("exceptions: alignment");
  exc_reset_record();
  __asm__ volatile("adr %0, 1f\n 1: ldm %1, {r2, r3}" : "=&r"(at) : "r"(base + 2) : "r2", "r3", "memory");
  check("ldm unaligned (A=0) aborts", exc.count == 1 && exc.type == EXC_DABT, 1);
  check("ldm dfsr", exc.fsr, 0x1);
  check("ldm dfar", exc.far - base, 2);
  check("dabt lr = insn + 8", exc.lr - at, 8);
  check("dabt handler mode", exc_mode(), 0x17);
  exc_reset_record();
  __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(base + 1) : "memory");
  check("ldrex unaligned aborts", exc.count == 1 && exc.fsr == 1, 1);
  exc_reset_record();
  __asm__ volatile("ldrd r2, r3, [%0]" :: "r"(base + 4 + 2) : "r2", "r3", "memory");
  check("ldrd halfword-aligned aborts (A=0)", exc.count, 1);
  info("ldrd halfword-aligned dfsr", exc.fsr);

  set_sctlr(get_sctlr() | 2); /* SCTLR.A */
  exc_reset_record();
  __asm__ volatile("adr %0, 1f\n 1: ldr %1, [%2]" : "=&r"(at), "=r"(v) : "r"(base + 1) : "memory");
  check("ldr unaligned with A=1 aborts", exc.count == 1 && exc.type == EXC_DABT, 1);
  check("ldr dfsr", exc.fsr, 0x1);
  check("ldr dfar", exc.far - base, 1);
  exc_reset_record();
  __asm__ volatile("strh %0, [%1]" :: "r"(0x1234), "r"(base + 3) : "memory");
  check("strh unaligned with A=1 aborts", exc.count, 1);
  check("strh dfsr (WnR)", exc.fsr, 0x801);
  exc_reset_record();
  __asm__ volatile("ldrb %0, [%1]" : "=r"(v) : "r"(base + 3) : "memory");
  check("ldrb never aborts", exc.count, 0);
  check("ldrb value", v, 0x33);
  set_sctlr(get_sctlr() & ~2u);
  exc_reset_record();
  __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(base + 1) : "memory");
  info("ldr unaligned with A=0 and MMU off: exceptions", exc.count);
  info("ldr unaligned with A=0 and MMU off: value", exc.count ? 0 : v);
}

static void mmu_checks(void) {
  u32 v = 0;
  section("exceptions: MMU translation faults");
  mmu_short_identity();
  mmu_on();
  exc_reset_record();
  __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(0x80000124) : "memory");
  check("ldr unmapped: data abort", exc.count == 1 && exc.type == EXC_DABT, 1);
  check("ldr unmapped dfsr (section translation)", exc.fsr, 0x5);
  check("ldr unmapped dfar", exc.far, 0x80000124);
  exc_reset_record();
  __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(0x80100008) : "memory");
  check("str unmapped dfsr (WnR)", exc.fsr, 0x805);
  check("str unmapped dfar", exc.far, 0x80100008);
  exc_reset_record();
  set_sctlr(get_sctlr() & ~2u);
  __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((u32)buf + 1) : "memory");
  check("ldr unaligned with A=0, MMU on (Normal): no abort", exc.count, 0);
  check("ldr unaligned value", v, 0x00332211 | (buf[1] << 24));
  mmu_off();
}

static void install_ram_vectors(void) {
  for (int i = 0; i < 16; i++) ram_vectors[i] = vectors[i];
  MCR(0, c12, c0, 0, (u32)ram_vectors);
  ISB();
}

static void return_checks(void) {
  u32 r0v;
  section("exceptions: return methods");
  install_ram_vectors();
  ram_vectors[8 + EXC_UND] = (u32)h_und_movs;
  ram_vectors[8 + EXC_DABT] = (u32)h_dabt_subs;
  ram_vectors[8 + EXC_PABT] = (u32)h_pabt_srs;
  ram_vectors[8 + EXC_SVC] = (u32)h_svc_srs_rfe;
  DSB(); ISB();
  ret_hits = 0;
  __asm__ volatile("msr APSR_nzcvq, #0x50000000\n .word 0xe7f000f0\n mrs %0, apsr" : "=r"(r0v) :: "cc", "memory");
  check("movs pc,lr from und", ret_hits, 1);
  check("flags restored from spsr", r0v & 0xf0000000, 0x50000000);
  __asm__ volatile("ldm %0, {r2, r3}" :: "r"((u32)buf + 1) : "r2", "r3", "memory");
  check("subs pc,lr,#4 from dabt", ret_hits, 0x11);
  u32 at;
  __asm__ volatile("msr APSR_nzcvq, #0x30000000\n adr %0, 1f\n 1: bkpt #1" : "=&r"(at) :: "cc", "memory");
  check("srs/rfe from pabt", ret_hits, 0x111);
  check("srs stored lr", srs_words[0] - at, 4);
  check("srs stored spsr", srs_words[1] & 0xf00001ff, 0x300001d3);
  __asm__ volatile("mov r0, #0\n svc #0x5a5a5\n mov %0, r0" : "=r"(r0v) :: "r0", "r1", "r2", "lr", "memory");
  check("srs/rfe from svc", ret_hits, 0x1111);
  check("svc handler saw the immediate", r0v, 0x5a5a5);
  ram_vectors[8 + EXC_UND] = (u32)h_und_srs_svc;
  DSB(); ISB();
  u32 sp0, sp1;
  __asm__ volatile("mov %0, sp\n .word 0xe7f000f0\n mov %1, sp" : "=r"(sp0), "=r"(sp1) :: "memory");
  check("srs to svc, rfe in svc from und", ret_hits, 0x11111);
  check("svc sp balanced", sp1 - sp0, 0);
  check("back in svc mode", get_cpsr() & 0x1f, 0x13);
  MCR(0, c12, c0, 0, (u32)vectors);
  ISB();
}

static void vbar_checks(void) {
  section("exceptions: VBAR");
  check("vbar reads back", MRC(0, c12, c0, 0), (u32)vectors);
  MCR(0, c12, c0, 0, (u32)vectors_alt | 0x1f);
  ISB();
  check("vbar low bits RES0", MRC(0, c12, c0, 0), (u32)vectors_alt);
  alt_hits = 0;
  exc_reset_record();
  __asm__ volatile(".word 0xe7f000f0" ::: "memory");
  __asm__ volatile("svc #1" ::: "lr", "memory");
  check("relocated vectors used", alt_hits, 0x101);
  check("relocated: both handled", exc.count, 2);
  MCR(0, c12, c0, 0, (u32)vectors);
  ISB();
  __asm__ volatile(".word 0xe7f000f0" ::: "memory");
  check("original vectors back", alt_hits, 0x101);
  check("sctlr.v (high vectors) clear", (get_sctlr() >> 13) & 1, 0);
  puts("SKIP high vectors: no RAM at 0xffff0000 on virt\n");
}

int main(void) {
  section("exceptions: undefined instruction");
  und_checks();
  section("exceptions: svc");
  svc_checks();
  section("exceptions: from user mode");
  user_checks();
  section("exceptions: bkpt");
  bkpt_checks();
  align_checks();
  mmu_checks();
  vbar_checks();
  return_checks();
  return finish();
}
