/* Performance monitors of the Cortex-A15 as QEMU 7.2 models them on virt (PMUv2, 6 event
   counters): PMCR, the enables, the cycle counter, event counters and PMSWINC, filtering by PL,
   overflow flags and the overflow interrupt through the GIC (PPI 23). Every check holds in any
   time mode. With "exact" on the semihosting command line (for -icount) it also prints exact
   counts as INFO lines: they depend on the instruction count only. */
#include "lib.h"

#define PMCR() MRC(0, c9, c12, 0)
#define SET_PMCR(v) MCR(0, c9, c12, 0, v)
#define PMCNTENSET(v) MCR(0, c9, c12, 1, v)
#define PMCNTENCLR(v) MCR(0, c9, c12, 2, v)
#define PMOVSR() MRC(0, c9, c12, 3)
#define CLEAR_PMOVSR(v) MCR(0, c9, c12, 3, v)
#define PMSWINC(v) MCR(0, c9, c12, 4, v)
#define PMSELR(v) MCR(0, c9, c12, 5, v)
#define PMCCNTR() MRC(0, c9, c13, 0)
#define SET_PMCCNTR(v) MCR(0, c9, c13, 0, v)
#define PMXEVTYPER() MRC(0, c9, c13, 1)
#define SET_PMXEVTYPER(v) MCR(0, c9, c13, 1, v)
#define PMXEVCNTR() MRC(0, c9, c13, 2)
#define SET_PMXEVCNTR(v) MCR(0, c9, c13, 2, v)
#define PMINTENSET(v) MCR(0, c9, c14, 1, v)
#define PMINTENCLR(v) MCR(0, c9, c14, 2, v)
#define PMOVSSET(v) MCR(0, c9, c14, 3, v)
#define PMEVCNTR0() MRC(0, c14, c8, 0)
#define PMEVCNTR1() MRC(0, c14, c8, 1)
#define SET_PMEVCNTR0(v) MCR(0, c14, c8, 0, v)
#define SET_PMEVCNTR1(v) MCR(0, c14, c8, 1, v)
#define SET_PMEVTYPER0(v) MCR(0, c14, c12, 0, v)
#define SET_PMEVTYPER1(v) MCR(0, c14, c12, 1, v)
#define PMCCFILTR() MRC(0, c14, c15, 7)
#define SET_PMCCFILTR(v) MCR(0, c14, c15, 7, v)

enum { E = 1, P = 2, C = 4, D = 8, LC = 64 };
enum { FILTER_P = 1u << 31, FILTER_U = 1u << 30, CYCLE = 1u << 31 };
enum { SW_INCR = 0x00, INST_RETIRED = 0x08, CPU_CYCLES = 0x11, STALL_FRONTEND = 0x23 };

/* The PMU interrupt: PPI 7 = ID 23 on virt (GICv2 at lib.h's GICD_BASE/GICC_BASE). */
#define GICD GICD_BASE
#define GICC GICC_BASE
#define PMU_IRQ 23

u32 cycles_loop(u32 n), cycles_loop3(u32 n), event0_loop(u32 n);
void spin(u32 n);
extern char spin_loop[], spin_end[];
extern void pmu_irq_entry(void);

static u32 irq_vectors[16] __attribute__((aligned(32)));
static volatile u32 irq_count, irq_id, irq_r0, irq_pc, irq_pmovsr;
static int exact;

/* Called by pmu_irq_entry: note what was interrupted, clear the overflow flags, EOI. */
void pmu_irq(u32 *frame) {
  u32 iar = rd32(GICC + 0x0c);
  irq_count++;
  irq_id = iar & 0x3ff;
  irq_r0 = frame[0];
  irq_pc = frame[5];
  irq_pmovsr = PMOVSR();
  CLEAR_PMOVSR(0xffffffff);
  wr32(GICC + 0x10, iar);
}

static void irq_reset(void) { irq_count = 0; irq_id = irq_r0 = irq_pc = irq_pmovsr = 0; }

static void gic_on(void) {
  memcpy(irq_vectors, vectors, sizeof irq_vectors);
  irq_vectors[8 + EXC_IRQ] = (u32)pmu_irq_entry;
  MCR(0, c12, c0, 0, (u32)irq_vectors); /* VBAR */
  ISB();
  wr32(GICD + 0x000, 1);                /* GICD_CTLR: forward */
  wr32(GICD + 0x100, 1u << PMU_IRQ);    /* GICD_ISENABLER0 */
  wr32(GICC + 0x004, 0xff);             /* GICC_PMR */
  wr32(GICC + 0x000, 1);                /* GICC_CTLR */
  __asm__ volatile("cpsie i" ::: "memory");
}

static void gic_off(void) {
  __asm__ volatile("cpsid i" ::: "memory");
  wr32(GICD + 0x180, 1u << PMU_IRQ);    /* GICD_ICENABLER0 */
  MCR(0, c12, c0, 0, (u32)vectors);
  ISB();
}

/* Everything off and zero: counting stopped, counters, flags, enables, filters and types cleared. */
static void pmu_reset(void) {
  SET_PMCR(P | C);
  PMCNTENCLR(0xffffffff);
  CLEAR_PMOVSR(0xffffffff);
  PMINTENCLR(0xffffffff);
  SET_PMCCFILTR(0);
  SET_PMEVTYPER0(0);
  SET_PMEVTYPER1(0);
  ISB();
}

static int semihost_arg_is(const char *want) {
  static char line[64];
  static volatile u32 block[2];
  block[0] = (u32)line; block[1] = sizeof line - 1;
  if (semihost(0x15, (u32)block) != 0) return 0; /* SYS_GET_CMDLINE */
  for (u32 i = 0; i <= block[1]; i++) {
    const char *a = line + i, *b = want;
    while (*b && *a == *b) { a++; b++; }
    if (!*b && (*a == 0 || *a == ' ') && (i == 0 || line[i - 1] == ' ')) return 1;
    while (i < block[1] && line[i] && line[i] != ' ') i++;
  }
  return 0;
}

static void identification(void) {
  section("pmu: identification");
  check("pmcr reset (IMP 0x41, IDCODE 0x0f, N 6)", PMCR(), 0x410f3000);
  check("id_dfr0.perfmon (PMUv2)", (MRC(0, c0, c1, 2) >> 24) & 0xf, 2);
  /* QEMU 7.2 gives only ARMv8 CPUs the common event identification registers. */
  exc_reset_record();
  (void)MRC(0, c9, c12, 6);
  check("pmceid0 undefined", exc.count == 1 && exc.type == EXC_UND, 1);
  exc_reset_record();
  (void)MRC(0, c9, c12, 7);
  check("pmceid1 undefined", exc.count == 1 && exc.type == EXC_UND, 1);
}

static void enables(void) {
  section("pmu: enables and resets");
  pmu_reset();
  PMCNTENSET(CYCLE);
  SET_PMCCNTR(5);
  spin(1000);
  check("pmccntr holds with PMCR.E clear", PMCCNTR(), 5);
  PMCNTENCLR(CYCLE);
  SET_PMCR(E);
  spin(1000);
  check("pmccntr holds with its PMCNTENSET bit clear", PMCCNTR(), 5);
  PMCNTENSET(CYCLE);
  u32 a = PMCCNTR();
  spin(1000);
  u32 b = PMCCNTR();
  check_true("pmccntr counts when enabled", b > a);
  a = PMCCNTR();
  check_true("pmccntr increases between back-to-back reads", PMCCNTR() > a);
  SET_PMCR(0);
  SET_PMCCNTR(1234);
  PMSELR(0); SET_PMXEVCNTR(77);
  SET_PMCR(C);
  check("PMCR.C zeroes pmccntr", PMCCNTR(), 0);
  check("PMCR.C leaves the event counters", PMXEVCNTR(), 77);
  SET_PMCCNTR(1234);
  SET_PMCR(P);
  check("PMCR.P zeroes the event counters", PMXEVCNTR(), 0);
  check("PMCR.P leaves pmccntr", PMCCNTR(), 1234);
  check("pmcr keeps neither P nor C", PMCR() & 6, 0);
  SET_PMCR(E | D | LC | 0x30);
  check("pmcr writable bits E D X DP LC", PMCR() & 0xff, E | D | LC | 0x30);
  pmu_reset();
}

static void software_increment(void) {
  section("pmu: software increment");
  pmu_reset();
  SET_PMEVTYPER0(SW_INCR);
  SET_PMEVTYPER1(STALL_FRONTEND); /* not an event of this PMU: counts nothing */
  SET_PMEVCNTR0(10);
  SET_PMEVCNTR1(20);
  PMCNTENSET(3);
  SET_PMCR(E);
  PMSWINC(3); PMSWINC(1); PMSWINC(1);
  check("SW_INCR counter += 1 per PMSWINC", PMEVCNTR0(), 13);
  check("other events ignore PMSWINC", PMEVCNTR1(), 20);
  PMCNTENCLR(1);
  PMSWINC(1);
  check("disabled counter ignores PMSWINC", PMEVCNTR0(), 13);
  PMCNTENSET(1);
  SET_PMEVTYPER0(FILTER_P | SW_INCR);
  PMSWINC(1);
  check("PMSWINC at PL1 with PMEVTYPER.P: no count", PMEVCNTR0(), 13);
  SET_PMEVTYPER0(SW_INCR);
  SET_PMEVCNTR0(0xffffffff);
  PMSWINC(1);
  check("SW_INCR wraps to 0", PMEVCNTR0(), 0);
  check("and sets PMOVSR bit 0", PMOVSR(), 1);
  PMSELR(0);
  check("pmxevtyper reads PMEVTYPER0", PMXEVTYPER(), SW_INCR);
  check("pmxevcntr reads PMEVCNTR0", PMXEVCNTR(), 0);
  pmu_reset();
}

static volatile u32 user_spins;
static void user_fn(void) { spin(user_spins); }

static void filters(void) {
  section("pmu: cycle counter filter");
  pmu_reset();
  PMCNTENSET(CYCLE);
  SET_PMCR(E);
  SET_PMCCFILTR(FILTER_P);
  u32 a = PMCCNTR();
  spin(1000);
  check("PMCCFILTR.P: nothing counted at PL1", PMCCNTR() - a, 0);
  user_spins = 1000;
  run_user(user_fn);
  check_true("PMCCFILTR.P: PL0 counted", PMCCNTR() != a);
  SET_PMCCFILTR(FILTER_U);
  a = PMCCNTR();
  spin(1000);
  check_true("PMCCFILTR.U: PL1 counted", PMCCNTR() != a);
  PMSELR(31);
  SET_PMXEVTYPER(0xffffffff);
  check("PMXEVTYPER with PMSELR=31 writes the filter (P U NSK NSU NSH M)", PMXEVTYPER(), 0xfc000000);
  check("PMCCFILTR shows P U NSK NSU NSH", PMCCFILTR(), 0xf8000000);
  a = PMCCNTR();
  spin(1000);
  check("all filter bits: nothing counted at PL1", PMCCNTR() - a, 0);
  pmu_reset();
}

static void overflow(void) {
  section("pmu: overflow");
  pmu_reset();
  PMCNTENSET(CYCLE);
  SET_PMCR(E);
  SET_PMCCNTR(0xffffff00);
  spin(100000);
  check_true("pmccntr wrapped", PMCCNTR() < 0xffffff00);
  check("PMOVSR bit 31 after the wrap", PMOVSR(), CYCLE);
  CLEAR_PMOVSR(CYCLE);
  check("PMOVSR write clears", PMOVSR(), 0);
  PMOVSSET(0x8000003f);
  check("PMOVSSET sets the implemented bits", PMOVSR(), 0x8000003f);
  CLEAR_PMOVSR(0xffffffff);
  pmu_reset();

  section("pmu: overflow interrupt (PPI 23)");
  gic_on();
  irq_reset();
  PMCNTENSET(CYCLE);
  PMINTENSET(CYCLE);
  SET_PMCR(E);
  SET_PMCCNTR(0xffffff00);
  /* In host time QEMU's overflow timer runs apart from the CPU: allow it time to come. */
  for (u32 i = 0; i < 5000 && !irq_count; i++) spin(10000);
  check("one interrupt from the cycle counter overflow", irq_count, 1);
  check("its id", irq_id, PMU_IRQ);
  check("PMOVSR in the handler", irq_pmovsr, CYCLE);
  check("PMOVSR after the handler", PMOVSR(), 0);
  pmu_reset();

  irq_reset();
  PMINTENSET(1);
  PMOVSSET(1);
  check("no interrupt while PMCR.E is clear", irq_count, 0);
  SET_PMCR(E);
  /* QEMU recomputes the request on PMOVS/PMINTEN writes and overflows, not on PMCR writes. */
  info("interrupts right after PMCR.E is set", irq_count);
  PMINTENSET(1);
  check("interrupt once PMINTENSET is written", irq_count, 1);
  check("its PMOVSR", irq_pmovsr, 1);
  PMINTENCLR(1);
  PMOVSSET(1);
  check("PMINTENCLR masks the request", irq_count, 1);
  PMINTENSET(1);
  check("PMINTENSET unmasks it", irq_count, 2);
  gic_off();
  pmu_reset();
}

/* ---- exact counts (-icount): INFO lines, compared with QEMU by the test ---- */

static void spin_user(void) { spin(50); }

/* Prints what interrupted spin(); `where`: also how many iterations were left (exact only when
   the overflow time does not depend on the clock's phase, which QEMU does not fix: not with PMCR.D). */
static void irq_info(const char *what, int where) {
  puts("INFO "); puts(what); puts(": irqs "); putdec(irq_count);
  if (irq_count) {
    puts(", pmovsr "); puthex(irq_pmovsr);
    if (irq_pc < (u32)spin_loop || irq_pc >= (u32)spin_end) puts(", after the spin");
    else if (where) { puts(", spin left "); putdec(irq_r0); }
    else puts(", during the spin");
  }
  newline();
}

static void exact_counts(void) {
  section("pmu: exact counts");
  pmu_reset();
  SET_PMEVTYPER0(INST_RETIRED);
  SET_PMEVTYPER1(CPU_CYCLES);
  PMCNTENSET(CYCLE | 3);
  SET_PMCR(E);
  info("cycles, loop 10 (21 insns)", cycles_loop(10));
  info("cycles, loop 100 (201 insns)", cycles_loop(100));
  info("inst_retired, loop 100 (201 insns)", event0_loop(100));
  u32 a = PMEVCNTR1();
  spin(100);
  info("cpu_cycles event, spin 100", PMEVCNTR1() - a);
  SET_PMCR(E | D);
  info("cycles / 64 (PMCR.D), loop3 85 (256 insns)", cycles_loop3(85));
  info("cycles / 64 (PMCR.D), loop3 341 (1024 insns)", cycles_loop3(341));
  SET_PMCR(E | D | LC);
  info("cycles (PMCR.D with LC), loop3 85", cycles_loop3(85));
  SET_PMCR(E);

  /* PL1 and PL0 apart: the cycle counter counts PL1 only, INST_RETIRED PL0 only. */
  SET_PMCCFILTR(FILTER_U);
  SET_PMEVTYPER0(FILTER_P | INST_RETIRED);
  u32 c0 = PMCCNTR(), i0 = PMEVCNTR0();
  run_user(spin_user);
  u32 c1 = PMCCNTR(), i1 = PMEVCNTR0();
  info("run_user: cycles at PL1", c1 - c0);
  info("run_user: inst_retired at PL0", i1 - i0);
  SET_PMCCFILTR(0);
  SET_PMEVTYPER0(INST_RETIRED);
  c0 = PMCCNTR(); i0 = PMEVCNTR0();
  run_user(spin_user);
  c1 = PMCCNTR(); i1 = PMEVCNTR0();
  info("run_user: cycles, all", c1 - c0);
  info("run_user: inst_retired, all", i1 - i0);
  pmu_reset();

  /* Where the overflow interrupt arrives. */
  gic_on();
  irq_reset();
  PMCNTENSET(CYCLE);
  PMINTENSET(CYCLE);
  SET_PMCR(E);
  SET_PMCCNTR(0xffffffff - 1000);
  spin(10000);
  irq_info("cycle counter from -1001", 1);
  irq_reset();
  SET_PMCR(E | D);
  SET_PMCCNTR(0xffffffff - 10);
  spin(10000);
  irq_info("cycle counter / 64 from -11", 0);
  pmu_reset();

  irq_reset();
  SET_PMEVTYPER0(INST_RETIRED);
  PMCNTENSET(1);
  PMINTENSET(1);
  SET_PMCR(E);
  SET_PMEVCNTR0(0xffffffff - 1000);
  spin(10000);
  irq_info("inst_retired from -1001, during the spin", 1);
  (void)PMEVCNTR0();
  irq_info("inst_retired from -1001, after reading it", 1);
  pmu_reset();

  irq_reset();
  SET_PMEVTYPER1(CPU_CYCLES);
  PMCNTENSET(2);
  PMINTENSET(2);
  SET_PMCR(E);
  SET_PMEVCNTR1(0xffffffff - 1000);
  spin(10000);
  irq_info("cpu_cycles from -1001, during the spin", 1);
  (void)PMEVCNTR1();
  irq_info("cpu_cycles from -1001, after reading it", 1);
  gic_off();
  pmu_reset();
}

int main(void) {
  exact = semihost_arg_is("exact");
  identification();
  enables();
  software_increment();
  filters();
  overflow();
  if (exact) exact_counts();
  return finish();
}
