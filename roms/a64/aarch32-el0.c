// AArch32 at EL0 under an AArch64 EL1: EL1 (this file and aarch32-el0.S) maps memory with the
// MMU, then runs A32/T32 User-mode code (aarch32-el0-user.s) that raises one exception after
// another: SVC, UNDEFINED, BKPT, data aborts, a PC alignment fault, coprocessor and WFI traps,
// the FP access trap, an IRQ. Each is reported with its ESR, ELR, SPSR and FAR and the registers as AArch64 sees
// them, then resumed. Output and exit code must equal QEMU's.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct frame { uint64_t x[31]; uint64_t elr; uint64_t spsr; };

extern char el1_vectors[], user_code[], user_code_end[];
void enter_user(uint64_t pc, uint64_t spsr) __attribute__((noreturn));

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(v)))
#define MMIO32(a) (*(volatile uint32_t *)(uintptr_t)(a))

// GICv2 on virt; the virtual timer is PPI 11 (INTID 27).
#define GICD 0x08000000u
#define GICC 0x08010000u
#define VTIMER_INTID 27

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));

// Stage 1 descriptors: block, AF, AttrIndx, AP[2:1], PXN, UXN.
#define BLOCK 1u
#define TABLE 3u
#define AF (1u << 10)
#define ATTR(i) ((uint64_t)(i) << 2)
#define AP_EL1_RW (0u << 6)
#define AP_ALL_RW (1u << 6)
#define AP_ALL_RO (3u << 6)
#define SH_INNER (3u << 8)
#define PXN (1ull << 53)
#define UXN (1ull << 54)

static void mmu_on(void) {
  // 0x00000000 1 GiB: devices, EL1 only. 0x40000000: 2 MiB blocks: the image (read-only, EL0
  // may execute it), EL1 RAM, the EL0 data block at 0x41800000; nothing else.
  l1[0] = 0x00000000u | BLOCK | AF | ATTR(0) | AP_EL1_RW | PXN | UXN;
  l1[1] = (uint64_t)(uintptr_t)l2 | TABLE;
  for (uint64_t i = 0; i < 2; i++) l2[i] = (0x40000000u + (i << 21)) | BLOCK | AF | ATTR(1) | SH_INNER | AP_ALL_RO;
  for (uint64_t i = 2; i < 10; i++) l2[i] = (0x40000000u + (i << 21)) | BLOCK | AF | ATTR(1) | SH_INNER | AP_EL1_RW | UXN;
  l2[12] = 0x41800000u | BLOCK | AF | ATTR(1) | SH_INNER | AP_ALL_RW | PXN | UXN;
  SYSREG_WRITE(mair_el1, 0xff00);                       // attr0 Device-nGnRnE, attr1 Normal WB
  SYSREG_WRITE(tcr_el1, 32u | (1u << 8) | (1u << 10) | (3u << 12) | (1u << 23)); // T0SZ 32, WB, inner, EPD1
  SYSREG_WRITE(ttbr0_el1, (uintptr_t)l1);
  __asm__ volatile("dsb sy; isb");
  SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | 1u);
  __asm__ volatile("isb");
}

static void timer_irq_setup(void) {
  MMIO32(GICD + 0x000) = 1;                              // GICD_CTLR: enable
  MMIO32(GICD + 0x100) = 1u << VTIMER_INTID;             // GICD_ISENABLER0
  MMIO32(GICC + 0x004) = 0xff;                           // GICC_PMR
  MMIO32(GICC + 0x000) = 1;                              // GICC_CTLR
  SYSREG_WRITE(cntv_tval_el0, 625000); // 10 ms: the User code is spinning by then
  SYSREG_WRITE(cntv_ctl_el0, 1);
}

static const char *const VECTOR_NAMES[16] = {
  "EL1t sync", "EL1t irq", "EL1t fiq", "EL1t serror", "EL1h sync", "EL1h irq", "EL1h fiq", "EL1h serror",
  "EL0/64 sync", "EL0/64 irq", "EL0/64 fiq", "EL0/64 serror", "EL0/32 sync", "EL0/32 irq", "EL0/32 fiq", "EL0/32 serror",
};

static int step;
static uint32_t check;

static void report_regs(const struct frame *f) {
  for (int i = 0; i < 31; i++) printf("%s x%d=%llx", i % 8 == 0 ? "\n   " : "", i, (unsigned long long)f->x[i]);
  printf("\n");
}

static uint64_t user_offset(uint64_t a) { return a - (uint64_t)(uintptr_t)user_code; }

void el1_exception(struct frame *f, int vec) {
  // D0..D3 of AArch32 are V0 and V1's halves; read before any EL1 code touches them.
  uint64_t v0lo, v0hi, v1lo;
  __asm__ volatile("mov %0, v0.d[0]\n mov %1, v0.d[1]\n mov %2, v1.d[0]" : "=r"(v0lo), "=r"(v0hi), "=r"(v1lo));
  uint64_t esr = SYSREG_READ(esr_el1), far = SYSREG_READ(far_el1);
  unsigned ec = (unsigned)(esr >> 26), il = (unsigned)(esr >> 25) & 1, iss = (unsigned)esr & 0x1ffffff;
  step++;
  if (vec != 12 && vec != 13) {
    printf("unexpected exception: %s ESR %llx ELR %llx\n", VECTOR_NAMES[vec], (unsigned long long)esr, (unsigned long long)f->elr);
    exit(99);
  }
  int thumb = (f->spsr >> 5) & 1;
  // Which instruction of the spin loop an IRQ interrupts depends on timing: report the loop.
  uint64_t where = vec == 13 ? 0xcc : user_offset(f->elr);
  printf("%2d %s: EC %02x IL %u ISS %07x ELR +%llx SPSR %08llx", step, VECTOR_NAMES[vec], vec == 12 ? ec : 0,
         vec == 12 ? il : 0, vec == 12 ? iss : 0, (unsigned long long)where, (unsigned long long)f->spsr);
  if (vec == 12 && (ec == 0x24 || ec == 0x20 || ec == 0x22)) printf(" FAR %llx", (unsigned long long)far);
  printf("\n");
  check = check * 31 + (uint32_t)esr + (uint32_t)f->spsr + (uint32_t)where;

  if (vec == 13) {
    // The IRQ: acknowledge, stop the timer, resume at the address the User code left in r6.
    uint32_t iar = MMIO32(GICC + 0x00c);
    printf("   irq %u, ELR in the spin loop: %s, r5 > 0: %s\n", iar & 0x3ff,
           user_offset(f->elr) >= 0xcc && user_offset(f->elr) < 0xd0 ? "yes" : "no", f->x[5] > 0 ? "yes" : "no");
    SYSREG_WRITE(cntv_ctl_el0, 0);
    MMIO32(GICC + 0x010) = iar;
    f->elr = f->x[6] & ~1ull;
    f->spsr |= 1u << 5; // r6 named Thumb code
    return;
  }
  switch (ec) {
    case 0x11: // SVC: the immediate says what to do; ELR is already the next instruction
      if (iss == 0x123 || iss == 1) report_regs(f);
      if (iss == 1) {
        printf("   TPIDR_EL0 %llx (TPIDRURW = TPIDRURO %llx)\n", (unsigned long long)SYSREG_READ(tpidr_el0),
               (unsigned long long)SYSREG_READ(tpidrro_el0));
      }
      if (iss == 2) printf("   r1 %llx (IT block)\n", (unsigned long long)f->x[1]);
      if (iss == 3) timer_irq_setup();
      if (iss == 0xff) {
        printf("done: r0 %llx, %d exceptions, check %08x\n", (unsigned long long)f->x[0], step, check);
        exit(step);
      }
      return;
    case 0x07: // FP access trap: allow EL0 and retry the instruction
      SYSREG_WRITE(cpacr_el1, 3u << 20);
      __asm__ volatile("isb");
      return;
    case 0x20: // prefetch abort, PC alignment: go on where r6 says
    case 0x22:
      f->elr = f->x[6];
      return;
    case 0x01: // WFI trapped (right after the VFP code): skip it, and let later ones through
      printf("   V0 %016llx:%016llx V1 low %016llx\n", (unsigned long long)v0hi, (unsigned long long)v0lo,
             (unsigned long long)v1lo);
      SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | (1u << 16));
      f->elr += thumb ? 2 : 4;
      return;
    default: // UNDEFINED, BKPT, aborts, coprocessor traps: skip the instruction
      if (ec == 0x24) printf("   WnR %u DFSC %02x\n", (iss >> 6) & 1, iss & 0x3f);
      f->elr += thumb ? 2 : 4;
      return;
  }
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uintptr_t)el1_vectors);
  mmu_on();
  SYSREG_WRITE(tpidrro_el0, 0xcafe0123);
  SYSREG_WRITE(tpidr_el0, 0x1111111122222222ull);
  SYSREG_WRITE(cntkctl_el1, 0);                        // EL0 counter and timer accesses trap
  SYSREG_WRITE(cpacr_el1, 1u << 20);                   // FP for EL1 only: EL0's first VFP instruction traps
  SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) & ~(1u << 16)); // nTWI clear: WFI at EL0 traps
  __asm__ volatile("isb");
  printf("AArch32 User code: %ld bytes\n", (long)(user_code_end - user_code));
  enter_user((uintptr_t)user_code, 0x10); // User mode, A32, interrupts unmasked
}
