// Two CPUs on the GICv3 of -M virt,gic-version=3: CPU 1 started with PSCI CPU_ON (HVC) wakes
// its redistributor and waits for interrupts; CPU 0 sends it SGIs by target list and with IRM
// (everyone but itself), routes an SPI to it by IROUTER affinity, and gets SGIs back from it.
// CPU 0 runs with interrupts masked and polls; only facts independent of timing are printed.
// The exit code is the number of interrupts CPU 1 took.
#include <stdio.h>
#include <stdint.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")
#define ICC_PMR S3_0_C4_C6_0
#define ICC_SGI1R S3_0_C12_C11_5
#define ICC_IAR1 S3_0_C12_C12_0
#define ICC_EOIR1 S3_0_C12_C12_1
#define ICC_HPPIR1 S3_0_C12_C12_2
#define ICC_IGRPEN1 S3_0_C12_C12_7
#define RD(r) SYSREG_READ(r)
#define WR(r, v) do { SYSREG_WRITE(r, v); ISB(); } while (0)

#define GICD 0x08000000ul
#define GICR(cpu) (0x080a0000ul + 0x20000ul * (cpu))
#define SGIB(cpu) (GICR(cpu) + 0x10000)
#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))

extern char vectors[];
extern void secondary_entry(void);
static volatile int ready;
static volatile int cpu1_irqs;
static volatile unsigned cpu1_seen[8];

static uint64_t sgi(unsigned intid, unsigned targets, int irm) {
  return ((uint64_t)intid << 24) | targets | ((uint64_t)irm << 40);
}

static void redist_setup(unsigned cpu) {
  R32(GICR(cpu) + 0x14) = 0;
  while (R32(GICR(cpu) + 0x14) & 4) {}
  R32(SGIB(cpu) + 0x80) = 0xffffffff;
  R32(SGIB(cpu) + 0x100) = 0xffff;
  for (int i = 0; i < 16; i++) R8(SGIB(cpu) + 0x400 + i) = 0x80;
  WR(ICC_PMR, 0xf0);
  WR(ICC_IGRPEN1, 1);
}

void exc_handler(uint64_t idx) {
  if (idx != 5) { printf("unexpected exception %u\n", (unsigned)idx); return; }
  unsigned id = (unsigned)RD(ICC_IAR1);
  if (cpu1_irqs < 8) cpu1_seen[cpu1_irqs] = id;
  cpu1_irqs++;
  if (id == 7) WR(ICC_SGI1R, sgi(8, 1, 0));  // answer CPU 0 by its target-list bit
  if (id == 9) WR(ICC_SGI1R, sgi(10, 0, 1)); // answer with IRM: everyone but CPU 1
  if (id == 45) R32(GICD + 0x284) = 1u << 13;
  WR(ICC_EOIR1, id);
}

void secondary_main(void) {
  SYSREG_WRITE(vbar_el1, vectors);
  ISB();
  redist_setup(1);
  __asm__ volatile("msr daifclr, #2\n isb" ::: "memory");
  ready = 1;
  for (;;) __asm__ volatile("wfi");
}

static int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void)) {
  register uint64_t x0 __asm__("x0") = 0xc4000003; // CPU_ON (SMC64)
  register uint64_t x1 __asm__("x1") = mpidr;
  register uint64_t x2 __asm__("x2") = (uint64_t)(uintptr_t)entry;
  register uint64_t x3 __asm__("x3") = 0;
  __asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
  return (int64_t)x0;
}

/** CPU 0 (interrupts masked): the next SGI pending for it, acknowledged and ended. */
static unsigned wait_own(void) {
  unsigned id = 1023;
  for (long i = 0; i < 20000000 && (id = (unsigned)RD(ICC_HPPIR1)) == 1023; i++) {}
  if (id == 1023) return id;
  id = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, id);
  return id;
}

static void wait_cpu1(int n) {
  for (long i = 0; i < 20000000 && cpu1_irqs < n; i++) {}
}

int main(void) {
  __asm__ volatile("msr daifset, #3\n isb" ::: "memory");
  R32(GICD) = 3;
  redist_setup(0);
  printf("GICR_TYPER CPU 0 %llx, CPU 1 %llx\n", (unsigned long long)R64(GICR(0) + 8), (unsigned long long)R64(GICR(1) + 8));
  printf("CPU_ON: %lld\n", (long long)psci_cpu_on(1, secondary_entry));
  for (long i = 0; i < 20000000 && !ready; i++) {}
  printf("CPU 1 ready: %d\n", ready);

  WR(ICC_SGI1R, sgi(7, 2, 0));
  printf("SGI 7 to CPU 1 (target list bit 1): pending on CPU 0 %u\n", (R32(SGIB(0) + 0x200) >> 7) & 1);
  unsigned back = wait_own();
  wait_cpu1(1);
  printf("  CPU 1 took %u, CPU 0 got %u back\n", cpu1_seen[0], back);

  WR(ICC_SGI1R, sgi(9, 0, 1));
  printf("SGI 9 with IRM: pending on CPU 0 %u\n", (R32(SGIB(0) + 0x200) >> 9) & 1);
  back = wait_own();
  wait_cpu1(2);
  printf("  CPU 1 took %u, CPU 0 got %u back (IRM from CPU 1)\n", cpu1_seen[1], back);

  WR(ICC_SGI1R, sgi(11, 3, 0));
  wait_cpu1(3);
  printf("SGI 11 to both: CPU 1 took %u, CPU 0 has %u\n", cpu1_seen[2], wait_own());

  R64(GICD + 0x6000 + 8 * 45) = 1; // Aff0 1
  R8(GICD + 0x400 + 45) = 0x80;
  R32(GICD + 0x84) = 1u << 13;
  R32(GICD + 0x104) = 1u << 13;
  R32(GICD + 0x204) = 1u << 13;
  wait_cpu1(4);
  printf("SPI 45 routed to Aff0 1: CPU 1 took %u, CPU 0 HPPIR1 %u\n", cpu1_seen[3], (unsigned)RD(ICC_HPPIR1));
  printf("%d interrupts on CPU 1\n", cpu1_irqs);
  return cpu1_irqs;
}
