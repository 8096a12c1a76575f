// AArch64 exceptions at EL1 and EL0: SVC, BRK, UNDEFINED, data aborts (unassigned address,
// alignment), system register accesses and DAIF writes from EL0, EL0 <-> EL1 transitions.
// Every exception is logged (vector, ESR, FAR, ELR offset, SPSR); the log must be identical
// under QEMU and armlet.
#include <stdio.h>
#include <stdint.h>

extern char vectors[];
extern void el0_return(void);
void run_el0(void (*fn)(void), void *stack_top);

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)))

static uint64_t base_pc;        // ELR values are printed relative to this
static volatile int count;
static uint8_t el0_stack[4096] __attribute__((aligned(16)));

void exc_handler(uint64_t idx) {
  uint64_t esr = SYSREG_READ(esr_el1), elr = SYSREG_READ(elr_el1), far = SYSREG_READ(far_el1);
  uint64_t spsr = SYSREG_READ(spsr_el1);
  unsigned ec = (unsigned)(esr >> 26);
  count++;
  printf("  exc %d: vector %llu esr %08llx elr %+lld spsr %08llx", count, (unsigned long long)idx,
         (unsigned long long)esr, (long long)(elr - base_pc), (unsigned long long)spsr);
  if (ec == 0x24 || ec == 0x25) printf(" far %016llx", (unsigned long long)far);
  printf("\n");
  if (ec == 0x15 && (esr & 0xffff) == 0xe1) { // back from EL0
    SYSREG_WRITE(elr_el1, (uint64_t)el0_return);
    SYSREG_WRITE(spsr_el1, 0x3c5);
    return;
  }
  if (ec != 0x15) SYSREG_WRITE(elr_el1, elr + 4); // skip the instruction (SVC already points past it)
}

__attribute__((noinline)) static void probe_el1(void) {
  __asm__ volatile("svc #0x42");
  __asm__ volatile("brk #7");
  __asm__ volatile(".word 0x00000000"); // UDF
  __asm__ volatile("hvc #0" ::: "x0");   // not a PSCI id in x0 = 0: UNDEFINED without EL2
  volatile uint64_t *unassigned = (volatile uint64_t *)0x48000000ull; // beyond 128 MiB of RAM
  (void)*unassigned;
  *unassigned = 1;
}

__attribute__((noinline)) static void probe_alignment(void) {
  static uint64_t words[4];
  volatile uint32_t *p = (volatile uint32_t *)((char *)words + 2);
  uint64_t sctlr = SYSREG_READ(sctlr_el1);
  SYSREG_WRITE(sctlr_el1, sctlr | 2);     // SCTLR_EL1.A
  __asm__ volatile("isb");
  (void)*p;
  SYSREG_WRITE(sctlr_el1, sctlr);
  __asm__ volatile("isb");
  (void)*p;                                // unaligned allowed again
  printf("  unaligned read ok, count %d\n", count);
}

static void user_code(void) {
  uint64_t el;
  __asm__ volatile("mrs %0, currentel" : "=r"(el));  // UNDEFINED at EL0
  __asm__ volatile("mrs %0, sctlr_el1" : "=r"(el));  // UNDEFINED at EL0
  __asm__ volatile("msr daifset, #2");               // traps (SCTLR_EL1.UMA = 0): EC 0x18
  __asm__ volatile("svc #0x11");
  __asm__ volatile("brk #1");
  __asm__ volatile("svc #0xe1");
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uint64_t)vectors);
  __asm__ volatile("isb");
  base_pc = (uint64_t)probe_el1;
  printf("CurrentEL %llx SPSel %llx DAIF %llx\n", (unsigned long long)SYSREG_READ(currentel),
         (unsigned long long)SYSREG_READ(spsel), (unsigned long long)SYSREG_READ(daif));
  printf("EL1 probes:\n");
  probe_el1();
  base_pc = (uint64_t)probe_alignment;
  printf("alignment:\n");
  probe_alignment();
  base_pc = (uint64_t)user_code;
  printf("EL0 probes:\n");
  run_el0(user_code, el0_stack + sizeof el0_stack);
  printf("back at EL1: CurrentEL %llx, %d exceptions\n", (unsigned long long)SYSREG_READ(currentel), count);
  return count;
}
