// The generic timer at EL1: CNTFRQ_EL0, CNTVCT/CNTPCT monotonic, the virtual and physical
// timers through TVAL and CVAL polled with IMASK set, then with IMASK clear and PSTATE.I set
// (the GICv2 of -M virt holds the PPI pending; WFI wakes; unmasking takes the IRQ), IRQs taken
// from EL0, and EL0 accesses under each CNTKCTL_EL1 setting. Counts depend on time, so only
// facts that must hold are printed; the output must be identical under QEMU and armlet. The
// exit code is the number of IRQs taken.
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")

extern char vectors[];
extern void el0_return(void);
void run_el0(void (*fn)(void), void *stack_top);
static uint8_t el0_stack[4096] __attribute__((aligned(16)));
static volatile int el0_traps;
static volatile int irq_from_el0;
static volatile uint64_t irq_from_el0_spsr;

#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

// GICv2 of QEMU's virt board.
#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define REG(a) (*(volatile uint32_t *)(a))
#define GICD_CTLR REG(GICD + 0x000)
#define GICD_ISENABLER0 REG(GICD + 0x100)
#define GICD_IPRIORITYR(n) (*(volatile uint8_t *)(GICD + 0x400 + (n)))
#define GICC_CTLR REG(GICC + 0x00)
#define GICC_PMR REG(GICC + 0x04)
#define GICC_IAR REG(GICC + 0x0c)
#define GICC_EOIR REG(GICC + 0x10)
#define GICC_HPPIR REG(GICC + 0x18)
#define PPI_VIRT 27
#define PPI_PHYS 30

// One timer: its registers read and written through these.
struct timer {
  const char *name;
  unsigned ppi;
  uint64_t (*count)(void);
  uint32_t (*ctl)(void);
  void (*set_ctl)(uint32_t);
  void (*set_tval)(uint32_t);
  int32_t (*tval)(void);
  uint64_t (*cval)(void);
  void (*set_cval)(uint64_t);
};

static uint64_t vcount(void) { ISB(); return SYSREG_READ(cntvct_el0); }
static uint64_t pcount(void) { ISB(); return SYSREG_READ(cntpct_el0); }
static uint32_t vctl(void) { return (uint32_t)SYSREG_READ(cntv_ctl_el0); }
static uint32_t pctl(void) { return (uint32_t)SYSREG_READ(cntp_ctl_el0); }
static void set_vctl(uint32_t v) { SYSREG_WRITE(cntv_ctl_el0, v); ISB(); }
static void set_pctl(uint32_t v) { SYSREG_WRITE(cntp_ctl_el0, v); ISB(); }
static void set_vtval(uint32_t v) { SYSREG_WRITE(cntv_tval_el0, v); ISB(); }
static void set_ptval(uint32_t v) { SYSREG_WRITE(cntp_tval_el0, v); ISB(); }
static int32_t vtval(void) { return (int32_t)SYSREG_READ(cntv_tval_el0); }
static int32_t ptval(void) { return (int32_t)SYSREG_READ(cntp_tval_el0); }
static uint64_t vcval(void) { return SYSREG_READ(cntv_cval_el0); }
static uint64_t pcval(void) { return SYSREG_READ(cntp_cval_el0); }
static void set_vcval(uint64_t v) { SYSREG_WRITE(cntv_cval_el0, v); ISB(); }
static void set_pcval(uint64_t v) { SYSREG_WRITE(cntp_cval_el0, v); ISB(); }

static const struct timer timers[2] = {
  { "virtual", PPI_VIRT, vcount, vctl, set_vctl, set_vtval, vtval, vcval, set_vcval },
  { "physical", PPI_PHYS, pcount, pctl, set_pctl, set_ptval, ptval, pcval, set_pcval },
};

static volatile int irqs;
static volatile unsigned last_intid;
static const struct timer *active;

void exc_handler(uint64_t idx) {
  if (idx == 8) { // from EL0: a trapped timer register access, or the end
    uint64_t esr = SYSREG_READ(esr_el1);
    if (esr >> 26 == 0x15 && (esr & 0xffff) == 0xe1) {
      SYSREG_WRITE(elr_el1, (uint64_t)el0_return);
      SYSREG_WRITE(spsr_el1, 0x3c5);
      return;
    }
    if (esr >> 26 == 0x18) {
      el0_traps++;
      printf(" %08llx", (unsigned long long)esr);
      SYSREG_WRITE(elr_el1, SYSREG_READ(elr_el1) + 4);
      return;
    }
  }
  if (idx == 9) { // an IRQ taken from EL0
    irq_from_el0_spsr = SYSREG_READ(spsr_el1);
    irq_from_el0 = 1;
    idx = 5;
  }
  if (idx != 5) { // otherwise only IRQs from EL1h are expected
    printf("unexpected exception: vector %llu esr %08llx\n", (unsigned long long)idx,
           (unsigned long long)SYSREG_READ(esr_el1));
    exit(100);
  }
  unsigned intid = GICC_IAR & 0x3ff;
  irqs++;
  last_intid = intid;
  if (active) active->set_ctl(CTL_ENABLE | CTL_IMASK); // drop the level before EOI
  GICC_EOIR = intid;
}

static const char *yes(int ok) { return ok ? "yes" : "NO"; }

static void counters(uint64_t freq) {
  int mono = 1, between = 1;
  uint64_t lastv = vcount(), lastp = pcount();
  for (int i = 0; i < 2000; i++) {
    uint64_t p1 = pcount(), v = vcount(), p2 = pcount();
    if (v < lastv || p1 < lastp || p2 < p1) mono = 0;
    if (v < p1 || v > p2) between = 0; // CNTVOFF is 0 without EL2
    lastv = v;
    lastp = p2;
  }
  printf("CNTVCT and CNTPCT never go back: %s\n", yes(mono));
  printf("CNTVCT lies between two CNTPCT reads: %s\n", yes(between));
  uint64_t start = vcount();
  while (vcount() - start < freq / 100) {}
  printf("the counter reaches 10 ms worth of ticks: yes\n");
}

/** Poll one timer with IMASK set (no interrupt whatever PSTATE.I says). */
static void polled(const struct timer *t, uint64_t ticks, uint64_t second) {
  printf("%s timer, polled with IMASK:\n", t->name);
  t->set_ctl(0);
  // Armed a second ahead first, so that what is read right after arming cannot race the
  // deadline even on a loaded host; then CVAL brings the deadline to `ticks` after `before`.
  uint64_t before = t->count();
  t->set_tval((uint32_t)second);
  uint64_t after = t->count();
  uint64_t cval = t->cval();
  printf("  CVAL = count + TVAL: %s\n", yes(cval >= before + second && cval <= after + second));
  t->set_ctl(CTL_ENABLE | CTL_IMASK);
  printf("  CTL right after arming: %x\n", t->ctl());
  printf("  TVAL positive and at most the programmed value: %s\n", yes(t->tval() > 0 && (uint64_t)t->tval() <= second));
  t->set_cval(before + ticks);
  while (!(t->ctl() & CTL_ISTATUS)) {}
  uint64_t fired = t->count();
  printf("  polled until ISTATUS was 1\n");
  printf("  time advanced at least the programmed amount: %s\n", yes(fired - before >= ticks));
  printf("  CTL now %x, TVAL negative or zero: %s\n", t->ctl(), yes(t->tval() <= 0));
  printf("  HPPIR with IMASK set: %u\n", GICC_HPPIR & 0x3ff);
  t->set_cval(~0ull);
  printf("  CVAL far in the future: CTL %x\n", t->ctl());
  t->set_cval(0);
  printf("  CVAL 0: CTL %x\n", t->ctl());
  t->set_ctl(0);
  printf("  disabled: CTL %x\n", t->ctl());
}

/** IMASK clear, PSTATE.I set: the interrupt is pending at the GIC but not taken until unmasked. */
static void masked(const struct timer *t, uint64_t ticks, int use_wfi) {
  printf("%s timer, IMASK clear, PSTATE.I set%s:\n", t->name, use_wfi ? ", WFI" : ", polled");
  __asm__ volatile("msr daifset, #2" ::: "memory");
  active = t;
  int before_irqs = irqs;
  uint64_t before = t->count();
  t->set_tval((uint32_t)ticks);
  t->set_ctl(CTL_ENABLE);
  if (use_wfi) {
    while (!(t->ctl() & CTL_ISTATUS)) __asm__ volatile("wfi" ::: "memory");
  } else {
    while (!(t->ctl() & CTL_ISTATUS)) {}
  }
  uint64_t fired = t->count();
  printf("  fired after at least the programmed time: %s\n", yes(fired - before >= ticks));
  // The level reaches the GIC as the timer fires; wait for it to show as pending.
  unsigned hp = 1023;
  for (int i = 0; i < 1000000 && (hp = GICC_HPPIR & 0x3ff) == 1023; i++) {}
  printf("  highest pending at the GIC: %u; IRQs taken while masked: %d\n", hp, irqs - before_irqs);
  __asm__ volatile("msr daifclr, #2; isb" ::: "memory");
  __asm__ volatile("msr daifset, #2" ::: "memory");
  printf("  unmasked: IRQs taken %d, INTID %u, CTL after the handler %x\n", irqs - before_irqs, last_intid, t->ctl());
  t->set_ctl(0);
  active = 0;
}

/** IMASK set with interrupts unmasked: ISTATUS goes to 1 but no IRQ arrives. */
static void imask_unmasked(const struct timer *t, uint64_t ticks) {
  printf("%s timer, IMASK set, PSTATE.I clear:\n", t->name);
  int before_irqs = irqs;
  t->set_tval((uint32_t)ticks);
  t->set_ctl(CTL_ENABLE | CTL_IMASK);
  __asm__ volatile("msr daifclr, #2" ::: "memory");
  while (!(t->ctl() & CTL_ISTATUS)) {}
  uint64_t start = t->count();
  while (t->count() - start < ticks) {} // give a wrong IRQ time to arrive
  __asm__ volatile("msr daifset, #2" ::: "memory");
  printf("  ISTATUS 1, IRQs taken: %d\n", irqs - before_irqs);
  t->set_ctl(0);
}

/** EL0 reads and writes every timer register it might reach; CNTKCTL_EL1 decides which trap. */
static void user_timer(void) {
  uint64_t v;
  __asm__ volatile("mrs %0, cntvct_el0" : "=r"(v));
  __asm__ volatile("mrs %0, cntpct_el0" : "=r"(v));
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
  __asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(v));
  __asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(v));
  __asm__ volatile("msr cntv_tval_el0, %0" :: "r"(1000000ul));
  __asm__ volatile("mrs %0, cntp_ctl_el0" : "=r"(v));
  __asm__ volatile("msr cntp_cval_el0, %0" :: "r"(~0ul));
  __asm__ volatile("msr cntp_ctl_el0, %0" :: "r"(0ul));
  __asm__ volatile("svc #0xe1");
}

static void el0_access(void) {
  static const uint32_t settings[] = { 0, 1, 2, 3, 0x100, 0x200, 0x303 };
  printf("EL0 timer accesses (ESR of each trap) by CNTKCTL_EL1:\n");
  for (unsigned i = 0; i < sizeof settings / sizeof settings[0]; i++) {
    SYSREG_WRITE(cntkctl_el1, settings[i]);
    ISB();
    printf("  %03lx:", (unsigned long)settings[i]);
    run_el0(user_timer, el0_stack + sizeof el0_stack);
    printf("\n");
    set_vctl(0);
    set_pctl(0);
  }
  printf("  %d traps\n", el0_traps);
}

/** EL0 spins until the IRQ handler has run (PSTATE.I is clear at EL0). */
static void user_wait(void) {
  while (!irq_from_el0) {}
  __asm__ volatile("svc #0xe1");
}

static void irq_at_el0(const struct timer *t, uint64_t ticks) {
  printf("%s timer interrupting EL0:\n", t->name);
  active = t;
  irq_from_el0 = 0;
  int before_irqs = irqs;
  t->set_tval((uint32_t)ticks);
  t->set_ctl(CTL_ENABLE);
  run_el0(user_wait, el0_stack + sizeof el0_stack);
  printf("  IRQs %d, INTID %u, from EL0 %d, SPSR %08llx\n", irqs - before_irqs, last_intid, irq_from_el0,
         (unsigned long long)irq_from_el0_spsr);
  t->set_ctl(0);
  active = 0;
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uint64_t)vectors);
  ISB();
  uint64_t freq = SYSREG_READ(cntfrq_el0);
  printf("CNTFRQ_EL0 %llu Hz, DAIF %llx\n", (unsigned long long)freq, (unsigned long long)SYSREG_READ(daif));
  counters(freq);
  const uint64_t ticks = freq / 50; // 20 ms
  for (int i = 0; i < 2; i++) polled(&timers[i], ticks, freq);

  GICD_CTLR = 1;
  for (int i = 0; i < 2; i++) GICD_IPRIORITYR(timers[i].ppi) = 0x80;
  GICD_ISENABLER0 = (1u << PPI_VIRT) | (1u << PPI_PHYS);
  GICC_PMR = 0xf0;
  GICC_CTLR = 1;
  printf("GIC on: HPPIR %u\n", GICC_HPPIR & 0x3ff);
  masked(&timers[0], ticks, 0);
  masked(&timers[1], ticks, 0);
  masked(&timers[0], ticks, 1);
  masked(&timers[1], ticks, 1);
  imask_unmasked(&timers[0], ticks);
  imask_unmasked(&timers[1], ticks);
  irq_at_el0(&timers[0], ticks);
  irq_at_el0(&timers[1], ticks);
  el0_access();
  printf("%d IRQs\n", irqs);
  return irqs;
}
