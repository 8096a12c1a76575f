// Synchronous exceptions beyond exceptions.c: a PC alignment fault, illegal exception returns
// (PSTATE.IL), the FP/SIMD access trap (CPACR_EL1.FPEN), and EL0 instructions that trap or not
// by SCTLR_EL1 (UCT: CTR_EL0, DZE: DC ZVA and DCZID_EL0.DZP, UCI: cache maintenance by VA,
// UMA: DAIF, nTWI: WFI), with EL0 accesses to EL1-only and unimplemented registers, HVC, SMC and
// HLT. Every exception is logged; the log must be identical under QEMU and armlet. The exit
// code is the number of exceptions taken. (WFE is left out: QEMU 7.2 neither traps it nor waits.)
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)))
#define ISB() __asm__ volatile("isb" ::: "memory")

extern char vectors[];
extern void el0_return(void);
void run_el0(void (*fn)(void), void *stack_top);
void probe_pc_align(void);
void probe_illegal_return(uint64_t spsr);
volatile uint64_t resume;

static volatile int count;
static uint64_t base_pc;        // ELR values are printed relative to this
static uint8_t el0_stack[4096] __attribute__((aligned(16)));
static uint8_t zva_block[128] __attribute__((aligned(64)));
static volatile int wfi_traps;

#define SCTLR_UMA (1u << 9)
#define SCTLR_DZE (1u << 14)
#define SCTLR_UCT (1u << 15)
#define SCTLR_NTWI (1u << 16)
#define SCTLR_UCI (1u << 26)

void exc_handler(uint64_t idx) {
  uint64_t esr = SYSREG_READ(esr_el1);
  unsigned ec = (unsigned)(esr >> 26);
  if (ec == 0x07) { // FP/SIMD trapped: enable it before anything here uses it
    SYSREG_WRITE(cpacr_el1, 3 << 20);
    ISB();
  }
  uint64_t elr = SYSREG_READ(elr_el1), spsr = SYSREG_READ(spsr_el1);
  count++;
  printf("  exc %d: vector %llu esr %08llx elr %+lld spsr %08llx", count, (unsigned long long)idx,
         (unsigned long long)esr, (long long)(elr - base_pc), (unsigned long long)spsr);
  if (ec == 0x22) printf(" far %+lld", (long long)(SYSREG_READ(far_el1) - base_pc));
  printf("\n");
  if (ec == 0x15 && (esr & 0xffff) == 0xe1) { // back from EL0
    SYSREG_WRITE(elr_el1, (uint64_t)el0_return);
    SYSREG_WRITE(spsr_el1, 0x3c5);
  } else if (ec == 0x22 || ec == 0x0e) {
    SYSREG_WRITE(elr_el1, resume);
    SYSREG_WRITE(spsr_el1, spsr & ~(1ull << 20)); // IL
  } else if (ec == 0x07) {
    // retry the instruction
  } else if (ec != 0x15 && ec != 0x16 && ec != 0x17) {
    SYSREG_WRITE(elr_el1, elr + 4);
  }
}

static void user_probes(void) {
  uint64_t v;
  __asm__ volatile("mrs %0, ctr_el0" : "=r"(v));
  __asm__ volatile("mrs %0, dczid_el0" : "=r"(v));
  __asm__ volatile("str %0, [%1]" :: "r"(v & 0x1f), "r"(zva_block + 64) : "memory");
  __asm__ volatile("dc zva, %0" :: "r"(zva_block) : "memory");
  __asm__ volatile("dc cvau, %0" :: "r"(zva_block));
  __asm__ volatile("dc cvac, %0" :: "r"(zva_block));
  __asm__ volatile("dc civac, %0" :: "r"(zva_block));
  __asm__ volatile("ic ivau, %0" :: "r"(zva_block));
  __asm__ volatile("msr daifset, #1");
  __asm__ volatile("mrs %0, daif" : "=r"(v));
  __asm__ volatile("msr daifclr, #1");
  if (wfi_traps) __asm__ volatile("wfi"); // (with nTWI set it would wait for an interrupt)
  __asm__ volatile("mrs %0, nzcv; msr nzcv, %0" : "=r"(v));
  __asm__ volatile("mrs %0, fpcr; msr fpcr, %0" : "=r"(v));
  __asm__ volatile("mrs %0, tpidr_el0; msr tpidr_el0, %0" : "=r"(v));
  __asm__ volatile("mrs %0, tpidrro_el0" : "=r"(v));
  __asm__ volatile("msr tpidrro_el0, %0" :: "r"(v));
  __asm__ volatile("mrs %0, midr_el1" : "=r"(v));
  __asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
  __asm__ volatile("mrs %0, pmccntr_el0" : "=r"(v));
  __asm__ volatile("hvc #1");
  __asm__ volatile("smc #2");
  __asm__ volatile("hlt #3");
  __asm__ volatile("svc #0xe1");
}

static void el0_with(const char *what, uint32_t set, uint32_t clear) {
  uint64_t sctlr = SYSREG_READ(sctlr_el1);
  SYSREG_WRITE(sctlr_el1, (sctlr | set) & ~(uint64_t)clear);
  ISB();
  for (int i = 0; i < 128; i++) zva_block[i] = 0x5a;
  wfi_traps = (clear & SCTLR_NTWI) != 0;
  printf("EL0, %s:\n", what);
  base_pc = (uint64_t)user_probes;
  run_el0(user_probes, el0_stack + sizeof el0_stack);
  printf("  DC ZVA zeroed %d bytes; DCZID_EL0 seen at EL0 %02x\n", zva_block[0] == 0 ? 64 : 0, zva_block[64]);
  SYSREG_WRITE(sctlr_el1, sctlr);
  ISB();
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uint64_t)vectors);
  ISB();
  printf("SCTLR_EL1 %08llx CPACR_EL1 %08llx\n", (unsigned long long)SYSREG_READ(sctlr_el1),
         (unsigned long long)SYSREG_READ(cpacr_el1));
  printf("PC alignment:\n");
  base_pc = (uint64_t)probe_pc_align;
  probe_pc_align();
  printf("illegal returns (to EL2h, to EL0 with SP_EL1, AArch32):\n");
  base_pc = (uint64_t)probe_illegal_return;
  probe_illegal_return(0x3c9);
  probe_illegal_return(0x3c1);
  probe_illegal_return(0x3d3);
  printf("FP/SIMD with CPACR_EL1.FPEN 0, then 1 (EL0 only):\n");
  base_pc = (uint64_t)main;
  SYSREG_WRITE(cpacr_el1, 0);
  ISB();
  __asm__ volatile("fmov d0, xzr" ::: "d0");
  SYSREG_WRITE(cpacr_el1, 1 << 20);
  ISB();
  __asm__ volatile("mrs x0, fpsr" ::: "x0");
  SYSREG_WRITE(cpacr_el1, 3 << 20);
  ISB();
  printf("EL1 HLT, SMC, unimplemented register:\n");
  __asm__ volatile("hlt #3");
  __asm__ volatile("smc #2");
  __asm__ volatile(".inst 0xd53fffe0"); // mrs x0, s3_7_c15_c15_7
  el0_with("SCTLR_EL1 as at reset", 0, 0);
  el0_with("UCT DZE UCI UMA set, nTWI clear", SCTLR_UCT | SCTLR_DZE | SCTLR_UCI | SCTLR_UMA, SCTLR_NTWI);
  printf("%d exceptions\n", count);
  return count;
}
