/* Processor modes: CPS/MSR switches, banked r8-r14 and SPSRs, banked MRS/MSR, User mode limits. */
#include "lib.h"

void bank_test(u32 *out);
u32 cps_mode(u32 idx);
u32 movs_to_sys(void);
u32 try_msr_mode(u32 psr_c);

static const char *const mode_names[] = { "fiq", "irq", "abt", "und", "sys", "svc" };
static const u32 mode_bits[] = { 0x11, 0x12, 0x17, 0x1b, 0x1f, 0x13 };
static u32 bank[6 * 8];
static volatile u32 user_cpsr[4], user_sp, user_ok;

static void name2(char *buf, const char *a, const char *b) {
  while (*a) *buf++ = *a++;
  *buf++ = ' ';
  while (*b) *buf++ = *b++;
  *buf = 0;
}

static void user_part(void) {
  u32 v;
  __asm__ volatile("mrs %0, cpsr" : "=r"(v)); user_cpsr[0] = v;
  /* Mode bits are ignored by MSR in User mode; CPS is a NOP there. */
  __asm__ volatile("msr cpsr_c, #0xd3\n mrs %0, cpsr" : "=r"(v)); user_cpsr[1] = v;
  __asm__ volatile("cpsid if\n cps #0x13\n mrs %0, cpsr" : "=r"(v)); user_cpsr[2] = v;
  /* Flags are writable from User mode. */
  __asm__ volatile("msr APSR_nzcvq, #0x90000000\n mrs %0, cpsr" : "=r"(v)); user_cpsr[3] = v;
  __asm__ volatile("mov %0, sp" : "=r"(v)); user_sp = v;
  user_ok = 1;
}

int main(void) {
  char nm[64];
  section("modes: CPS");
  for (u32 i = 0; i < 5; i++) {
    name2(nm, "cps mode", mode_names[i]);
    check(nm, cps_mode(i) & 0x1ff, 0x1c0 | mode_bits[i]);
  }
  check("back in svc", get_cpsr() & 0x1f, 0x13);

  section("modes: banked registers (CPS to fill, MSR CPSR_c to read)");
  bank_test(bank);
  static const u32 want_sp[] = { 0x11111113, 0x12121213, 0x17171713, 0x1b1b1b13, 0x1f1f1f13 };
  static const u32 want_lr[] = { 0x1111111e, 0x1212121e, 0x1717171e, 0x1b1b1b1e, 0x1f1f1f1e };
  static const u32 want_spsr[] = { 0x800001d1, 0x400001d2, 0x200001d7, 0x100001db, 0 };
  for (u32 m = 0; m < 5; m++) {
    u32 *b = &bank[m * 8];
    name2(nm, mode_names[m], "r8"); check(nm, b[0], m == 0 ? 0xf8f8f8f8 : 0x80);
    name2(nm, mode_names[m], "r10"); check(nm, b[2], m == 0 ? 0xfafafafa : 0xa0);
    name2(nm, mode_names[m], "r12"); check(nm, b[4], m == 0 ? 0xfcfcfcfc : 0xc0);
    name2(nm, mode_names[m], "sp"); check(nm, b[5], want_sp[m]);
    name2(nm, mode_names[m], "lr"); check(nm, b[6], want_lr[m]);
    if (m != 4) { name2(nm, mode_names[m], "spsr"); check(nm, b[7], want_spsr[m]); }
  }
  check("svc r9 (shared with usr)", bank[5 * 8 + 1], 0x90);
  check("svc spsr", bank[5 * 8 + 7], 0x080001d3);

  /* Banked MRS/MSR need the Virtualization Extensions; QEMU's virt board has no EL2, so they
     are UNDEFINED there. */
  section("modes: banked MRS/MSR without EL2");
  u32 v;
  exc_reset_record();
  __asm__ volatile("mov r0, #0\n mrs r0, sp_irq\n mov %0, r0" : "=r"(v) :: "r0");
  check("mrs sp_irq undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  check("mrs sp_irq insn", exc.insn, 0xe1010300);
  exc_reset_record();
  __asm__ volatile("mov r0, #0\n msr lr_fiq, r0" ::: "r0");
  check("msr lr_fiq undefined", exc.count == 1 && exc.type == EXC_UND, 1);

  section("modes: PSR fields");
  __asm__ volatile("msr APSR_nzcvq, #0xf8000000\n mrs %0, apsr" : "=r"(v));
  check("msr apsr_nzcvq all set", v & 0xf8000000, 0xf8000000);
  __asm__ volatile("msr APSR_nzcvq, #0\n mrs %0, apsr" : "=r"(v));
  check("msr apsr_nzcvq all clear", v & 0xf80f0000, 0);
  __asm__ volatile("mov r0, #0x000a0000\n msr APSR_g, r0\n mrs %0, cpsr" : "=r"(v) :: "r0");
  check("msr apsr_g GE=1010", (v >> 16) & 0xf, 0xa);
  __asm__ volatile("msr APSR_g, #0" ::: "cc");
  __asm__ volatile("cpsie a\n mrs %0, cpsr" : "=r"(v));
  check("cpsie a", v & 0x1c0, 0x0c0);
  __asm__ volatile("cpsid a\n mrs %0, cpsr" : "=r"(v));
  check("cpsid a", v & 0x1c0, 0x1c0);
  __asm__ volatile("mrs r1, spsr\n ldr r0, =0xf80f0213\n msr spsr_fsxc, r0\n mrs %0, spsr\n"
                   "msr spsr_fsxc, r1" : "=r"(v) :: "r0", "r1");
  check("msr/mrs spsr all fields", v, 0xf80f0213);
  __asm__ volatile("mrs r1, spsr\n ldr r0, =0xffffffff\n msr spsr_f, r0\n mrs %0, spsr\n"
                   "msr spsr_fsxc, r1" : "=r"(v) :: "r0", "r1");
  info("spsr after msr spsr_f, #-1", v);
  __asm__ volatile("setend be\n mrs %0, cpsr\n setend le" : "=r"(v));
  check("setend be: CPSR.E", (v >> 9) & 1, 1);
  {
    static volatile u32 word = 0x11223344;
    u32 w;
    __asm__ volatile("setend be\n ldr %0, [%1]\n setend le" : "=r"(w) : "r"(&word));
    check("big-endian load", w, 0x44332211);
  }
  check("movs pc,lr to sys", movs_to_sys() & 0xf00001ff, 0x600001df);

  section("modes: unsupported modes (no EL2/EL3)");
  info("cpsr after msr cpsr_c to mon", try_msr_mode(0xd6) & 0x1ff);
  info("cpsr after msr cpsr_c to hyp", try_msr_mode(0xda) & 0x1ff);
  info("cpsr after msr cpsr_c to mode 0x15", try_msr_mode(0xd5) & 0x1ff);

  section("modes: User mode");
  run_user(user_part);
  check("user mode reached", user_ok, 1);
  check("user cpsr mode", user_cpsr[0] & 0x1f, 0x10);
  check("user msr cpsr_c ignored", user_cpsr[1] & 0x1ff, user_cpsr[0] & 0x1ff);
  check("user cps ignored", user_cpsr[2] & 0x1ff, user_cpsr[0] & 0x1ff);
  check("user msr flags", user_cpsr[3] & 0xf80001ff, 0x90000000 | (user_cpsr[0] & 0x1ff));
  extern char __stack_usr[];
  check_true("user sp is the usr stack", user_sp <= (u32)__stack_usr && user_sp > (u32)__stack_usr - 0x2000);
  check("back in svc after user", get_cpsr() & 0x1f, 0x13);
  return finish();
}
