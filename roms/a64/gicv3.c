// The GICv3 of -M virt,gic-version=3 (no security, GICD_CTLR.DS = 1): reset values and write
// masks of its registers (access sizes included), then driven through the
// redistributor and the ICC system registers: SGIs by affinity and target list, IRM, the group an
// SGI register may raise, group 0 as FIQ, priorities and preemption under each binary point,
// CBPR, EOImode 1 (priority drop then DIR), nested IRQs, the virtual timer's PPI (a level), an
// SPI by IROUTER affinity, and LPIs from a property and a pending table in RAM. Most of it runs
// with PSTATE.I and F set and reads ISR_EL1 for the CPU interface's outputs. The output must be
// identical under QEMU and armlet; the exit code is the number of interrupts taken. Under a
// GICv2 board it checks that the ICC registers are UNDEFINED instead.
#include <stdio.h>
#include <stdint.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")

#define ICC_PMR S3_0_C4_C6_0
#define ICC_IAR0 S3_0_C12_C8_0
#define ICC_EOIR0 S3_0_C12_C8_1
#define ICC_HPPIR0 S3_0_C12_C8_2
#define ICC_BPR0 S3_0_C12_C8_3
#define ICC_AP0R0 S3_0_C12_C8_4
#define ICC_AP1R0 S3_0_C12_C9_0
#define ICC_DIR S3_0_C12_C11_1
#define ICC_RPR S3_0_C12_C11_3
#define ICC_SGI1R S3_0_C12_C11_5
#define ICC_ASGI1R S3_0_C12_C11_6
#define ICC_SGI0R S3_0_C12_C11_7
#define ICC_IAR1 S3_0_C12_C12_0
#define ICC_EOIR1 S3_0_C12_C12_1
#define ICC_HPPIR1 S3_0_C12_C12_2
#define ICC_BPR1 S3_0_C12_C12_3
#define ICC_CTLR S3_0_C12_C12_4
#define ICC_SRE S3_0_C12_C12_5
#define ICC_IGRPEN0 S3_0_C12_C12_6
#define ICC_IGRPEN1 S3_0_C12_C12_7
#define RD(r) SYSREG_READ(r)
#define WR(r, v) do { SYSREG_WRITE(r, v); ISB(); } while (0)

#define GICD 0x08000000ul
#define GICR 0x080a0000ul
#define SGIB (GICR + 0x10000)
#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))

extern char vectors[];
static volatile int taken;
static volatile int log_n;
static volatile unsigned log_v[16];

static void note(unsigned v) { if (log_n < 16) log_v[log_n++] = v; }

/** SGI register value: INTID, Aff1 and target list (Aff3, Aff2 = 0), IRM. */
static uint64_t sgi(unsigned intid, unsigned aff1, unsigned targets, int irm) {
  return ((uint64_t)intid << 24) | ((uint64_t)aff1 << 16) | targets | ((uint64_t)irm << 40);
}

static unsigned isr(void) { ISB(); return (unsigned)(RD(isr_el1) >> 6) & 3; } // 2 = IRQ, 1 = FIQ

void exc_handler(uint64_t idx) {
  taken++;
  if (idx == 6) { // FIQ: group 0
    unsigned id = (unsigned)RD(ICC_IAR0);
    note(0x1000 | id);
    WR(ICC_EOIR0, id);
    return;
  }
  if (idx == 4) { // an UNDEFINED ICC register without a GICv3: skip it
    printf("  exception %u ESR %08llx\n", (unsigned)idx, (unsigned long long)RD(esr_el1));
    SYSREG_WRITE(elr_el1, RD(elr_el1) + 4);
    return;
  }
  if (idx != 5) { printf("unexpected exception %u esr %llx\n", (unsigned)idx, (unsigned long long)RD(esr_el1)); return; }
  unsigned id = (unsigned)RD(ICC_IAR1);
  note(id);
  if (id == 5) {
    // Let a higher-priority SGI preempt this one: save what a nested exception overwrites.
    uint64_t elr = RD(elr_el1), spsr = RD(spsr_el1);
    WR(ICC_SGI1R, sgi(6, 0, 1, 0));
    note(0x100 | (unsigned)RD(ICC_RPR));
    __asm__ volatile("msr daifclr, #2\n isb\n nop\n nop\n msr daifset, #2" ::: "memory");
    SYSREG_WRITE(elr_el1, elr);
    SYSREG_WRITE(spsr_el1, spsr);
  }
  if (id == 27) SYSREG_WRITE(cntv_ctl_el0, 0); // drop the timer's level
  if (id < 1020 || id >= 8192) WR(ICC_EOIR1, id);
}

static void print_log(const char *what) {
  printf("%s:", what);
  for (int i = 0; i < log_n; i++) printf(" %x", log_v[i]);
  printf("\n");
  log_n = 0;
}

static void state(const char *what) {
  printf("  %-34s ISR %u HPPIR0 %4u HPPIR1 %4u RPR %02x AP0R0 %08x AP1R0 %08x\n", what, isr(),
         (unsigned)RD(ICC_HPPIR0), (unsigned)RD(ICC_HPPIR1), (unsigned)RD(ICC_RPR),
         (unsigned)RD(ICC_AP0R0), (unsigned)RD(ICC_AP1R0));
}

#define R16(a) (*(volatile uint16_t *)(a))
#define SHOW32(what, addr) printf("  %-22s %08x\n", what, R32(addr))

/** Reset values and the bits writes change, distributor, redistributor and ICC registers. */
static void registers(void) {
  printf("registers:\n");
  static const unsigned doff[] = {0x0, 0x4, 0x8, 0xc, 0x10, 0x40, 0x48, 0x84, 0xc00, 0xc04, 0xc08, 0xffd0, 0xffe0, 0xffe4, 0xffe8, 0xfff0};
  for (unsigned i = 0; i < sizeof doff / sizeof *doff; i++) printf("  GICD+%04x %08x\n", doff[i], R32(GICD + doff[i]));
  static const unsigned roff[] = {0x0, 0x4, 0x8, 0xc, 0x10, 0x14, 0x70, 0x78, 0xc0, 0xffe0};
  for (unsigned i = 0; i < sizeof roff / sizeof *roff; i++) printf("  GICR+%04x %08x\n", roff[i], R32(GICR + roff[i]));
  static const unsigned soff[] = {0x80, 0x100, 0x200, 0x400, 0xc00, 0xc04, 0xd00, 0xe00};
  for (unsigned i = 0; i < sizeof soff / sizeof *soff; i++) printf("  SGI+%04x %08x\n", soff[i], R32(SGIB + soff[i]));
  R32(GICD) = 0xffffffff; SHOW32("GICD_CTLR ~0", GICD);
  R32(GICD) = 0;
  R8(GICD + 0x400 + 287) = 0xff; printf("  IPRIORITYR 287 %02x\n", R8(GICD + 0x400 + 287));
  R16(GICD + 0x420) = 0xabcd; printf("  16-bit IPRIORITYR write: %08x, read %04x\n", R32(GICD + 0x420), R16(GICD + 0x420));
  R32(GICD + 0x420) = 0x11223344; printf("  IPRIORITYR byte 0x421 %02x\n", R8(GICD + 0x421));
  R8(GICD + 0x105) = 0xff; printf("  byte ISENABLER write: %08x\n", R32(GICD + 0x104));
  R32(GICD + 0x88) = 0xffffffff; SHOW32("IGROUPR2 ~0", GICD + 0x88);
  R32(GICD + 0x88) = 0;
  R32(GICD + 0xd08) = 0xffffffff; SHOW32("IGRPMODR2 ~0", GICD + 0xd08);
  R32(GICD + 0xe08) = 0xffffffff; SHOW32("NSACR2 ~0", GICD + 0xe08);
  R32(GICD + 0xc10) = 0xffffffff; SHOW32("ICFGR4 ~0", GICD + 0xc10);
  R32(GICD + 0xc10) = 0;
  R64(GICD + 0x6000 + 8 * 33) = ~0ull; printf("  IROUTER33 ~0 %016llx\n", (unsigned long long)R64(GICD + 0x6000 + 8 * 33));
  R32(GICD + 0x6000 + 8 * 33) = 0; R32(GICD + 0x6004 + 8 * 33) = 0x12;
  printf("  IROUTER33 halves %08x %08x\n", R32(GICD + 0x6004 + 8 * 33), R32(GICD + 0x6000 + 8 * 33));
  R64(GICD + 0x6000 + 8 * 33) = 0;
  R32(GICD + 0x6000 + 8 * 3) = 0x12; SHOW32("IROUTER3 (an SGI)", GICD + 0x6000 + 8 * 3);
  R32(GICD + 0x10) = 0xffffffff; SHOW32("GICD_STATUSR ~0", GICD + 0x10);
  R32(GICD + 0x40) = 40; SHOW32("SETSPI_NSR 40: ISPENDR1", GICD + 0x204);
  R32(GICD + 0xf00) = (1u << 24) | 5; SHOW32("GICD_SGIR: ISPENDR0", SGIB + 0x200);
  R32(GICR) = 0xffffffff; SHOW32("GICR_CTLR ~0", GICR);
  R32(GICR) = 0; SHOW32("GICR_CTLR 0", GICR);
  R32(GICR + 0x14) = 0xffffffff; SHOW32("GICR_WAKER ~0", GICR + 0x14);
  R32(GICR + 0x10) = 0xffffffff; SHOW32("GICR_STATUSR ~0", GICR + 0x10);
  R64(GICR + 0x70) = ~0ull; R64(GICR + 0x78) = ~0ull;
  printf("  PROPBASER %016llx PENDBASER %016llx\n", (unsigned long long)R64(GICR + 0x70), (unsigned long long)R64(GICR + 0x78));
  R64(GICR + 0x70) = 0; R64(GICR + 0x78) = 0;
  printf("  GICR_TYPER (64-bit) %016llx\n", (unsigned long long)R64(GICR + 8));
  R32(SGIB + 0xc00) = 0x55555555; SHOW32("ICFGR0 5555..", SGIB + 0xc00);
  R32(SGIB + 0xc04) = 0xffffffff; SHOW32("ICFGR1 ~0", SGIB + 0xc04);
  R32(SGIB + 0xc04) = 0;
  R32(SGIB + 0xd00) = 0xffffffff; SHOW32("IGRPMODR0 ~0", SGIB + 0xd00);
  R32(SGIB + 0xe00) = 0xffffffff; SHOW32("GICR_NSACR ~0", SGIB + 0xe00);
  R32(SGIB + 0x400) = 0xffffffff; SHOW32("IPRIORITYR0 ~0", SGIB + 0x400);
  R16(SGIB + 0x404) = 0xffff; SHOW32("16-bit IPRIORITYR1", SGIB + 0x404);
  R32(SGIB + 0x400) = 0;
  WR(ICC_PMR, 0xffff); printf("  PMR ffff: %llx\n", (unsigned long long)RD(ICC_PMR));
  WR(ICC_BPR0, 0); WR(ICC_BPR1, 0);
  printf("  BPR0 0: %llu, BPR1 0: %llu\n", (unsigned long long)RD(ICC_BPR0), (unsigned long long)RD(ICC_BPR1));
  WR(ICC_BPR1, 9); printf("  BPR1 9: %llu\n", (unsigned long long)RD(ICC_BPR1));
  WR(ICC_BPR1, 3);
  WR(ICC_CTLR, ~0ull); printf("  ICC_CTLR ~0: %llx\n", (unsigned long long)RD(ICC_CTLR));
  WR(ICC_CTLR, 0);
  WR(ICC_SRE, 0); printf("  ICC_SRE 0: %llx\n", (unsigned long long)RD(ICC_SRE));
  WR(ICC_IGRPEN0, ~0ull); WR(ICC_IGRPEN1, 2);
  printf("  IGRPEN0 ~0: %llx, IGRPEN1 2: %llx\n", (unsigned long long)RD(ICC_IGRPEN0), (unsigned long long)RD(ICC_IGRPEN1));
  WR(ICC_AP0R0, ~0ull); WR(ICC_AP1R0, 0x80000000);
  printf("  AP0R0 ~0: %llx, AP1R0: %llx, RPR %llx\n", (unsigned long long)RD(ICC_AP0R0), (unsigned long long)RD(ICC_AP1R0), (unsigned long long)RD(ICC_RPR));
  WR(ICC_AP0R0, 0);
  printf("  RPR with AP1R0 bit 31: %llx\n", (unsigned long long)RD(ICC_RPR));
  WR(ICC_AP1R0, 0);
  WR(ICC_IGRPEN0, 0); WR(ICC_PMR, 0);
}

static void setup(void) {
  SYSREG_WRITE(vbar_el1, vectors);
  ISB();
  printf("SRE %llx CTLR %llx PMR %llx BPR0 %llx BPR1 %llx\n", (unsigned long long)RD(ICC_SRE),
         (unsigned long long)RD(ICC_CTLR), (unsigned long long)RD(ICC_PMR), (unsigned long long)RD(ICC_BPR0),
         (unsigned long long)RD(ICC_BPR1));
  R32(GICR + 0x14) = 0; // WAKER: ProcessorSleep off
  printf("GICR_WAKER %x GICR_TYPER %llx GICD_TYPER %x\n", R32(GICR + 0x14), (unsigned long long)R64(GICR + 8), R32(GICD + 4));
  R32(GICD) = 3; // EnableGrp0, EnableGrp1
  R32(SGIB + 0x80) = ~(1u << 2); // SGI 2 in group 0, everything else group 1
  R32(SGIB + 0x100) = 0xffff | (1u << 27);
  static const uint8_t prio[16] = {0xa0, 0xa0, 0x60, 0xa0, 0xa0, 0x80, 0x40, 0xa0};
  for (int i = 0; i < 16; i++) R8(SGIB + 0x400 + i) = prio[i];
  R8(SGIB + 0x400 + 27) = 0x90;
  WR(ICC_PMR, 0xf0);
  WR(ICC_IGRPEN0, 1);
  WR(ICC_IGRPEN1, 1);
  printf("GICD_CTLR %x IGROUPR0 %x ISENABLER0 %x PMR %llx\n", R32(GICD), R32(SGIB + 0x80), R32(SGIB + 0x100), (unsigned long long)RD(ICC_PMR));
}

static void sgis(void) {
  printf("SGIs (IRQs masked):\n");
  state("idle");
  WR(ICC_SGI1R, sgi(1, 0, 1, 0));
  state("SGI1R 1 to Aff0 0");
  printf("  ISPENDR0 %x\n", R32(SGIB + 0x200));
  unsigned id = (unsigned)RD(ICC_IAR1);
  state("after IAR1");
  printf("  IAR1 %u ISACTIVER0 %x ISPENDR0 %x\n", id, R32(SGIB + 0x300), R32(SGIB + 0x200));
  WR(ICC_EOIR1, id);
  state("after EOIR1");
  printf("  ISACTIVER0 %x\n", R32(SGIB + 0x300));
  WR(ICC_SGI1R, sgi(1, 0, 2, 0));
  state("SGI1R 1 to Aff0 1 (no such CPU)");
  WR(ICC_SGI1R, sgi(1, 1, 1, 0));
  state("SGI1R 1 to Aff1 1");
  WR(ICC_SGI1R, sgi(1, 0, 1, 1));
  state("SGI1R 1, IRM (all but self)");
  WR(ICC_SGI0R, sgi(1, 0, 1, 0));
  state("SGI0R 1 (a group 1 SGI)");
  WR(ICC_SGI1R, sgi(2, 0, 1, 0));
  state("SGI1R 2 (a group 0 SGI)");
  WR(ICC_ASGI1R, sgi(2, 0, 1, 0));
  state("ASGI1R 2 (group 0 with DS)");
  id = (unsigned)RD(ICC_IAR1);
  printf("  IAR1 %u\n", id);
  id = (unsigned)RD(ICC_IAR0);
  state("after IAR0");
  printf("  IAR0 %u\n", id);
  WR(ICC_EOIR1, id);
  state("EOIR1 of a group 0 interrupt");
  WR(ICC_EOIR0, id);
  state("EOIR0");
}

static void priorities(void) {
  printf("priorities:\n");
  WR(ICC_SGI1R, sgi(3, 0, 1, 0));
  WR(ICC_SGI1R, sgi(5, 0, 1, 0));
  state("SGI 3 (a0), SGI 5 (80) pending");
  unsigned a = (unsigned)RD(ICC_IAR1);
  state("IAR1");
  WR(ICC_SGI1R, sgi(6, 0, 1, 0));
  state("SGI 6 (40) pending");
  unsigned b = (unsigned)RD(ICC_IAR1);
  state("IAR1");
  printf("  acknowledged %u then %u\n", a, b);
  WR(ICC_EOIR1, b);
  state("EOIR1 6: SGI 3 cannot preempt 80");
  printf("  IAR1 %u (spurious)\n", (unsigned)RD(ICC_IAR1));
  WR(ICC_EOIR1, a);
  state("EOIR1 5");
  a = (unsigned)RD(ICC_IAR1);
  printf("  IAR1 %u\n", a);
  WR(ICC_SGI1R, sgi(5, 0, 1, 0));
  state("active a0, SGI 5 (80) pending, BPR1 3");
  WR(ICC_BPR1, 7);
  state("BPR1 7");
  WR(ICC_BPR1, 0);
  printf("  BPR1 written 0 reads %llu\n", (unsigned long long)RD(ICC_BPR1));
  WR(ICC_BPR1, 6);
  state("BPR1 6");
  WR(ICC_CTLR, 1);
  printf("  CBPR: CTLR %llx BPR1 reads %llu\n", (unsigned long long)RD(ICC_CTLR), (unsigned long long)RD(ICC_BPR1));
  state("CBPR (BPR0 2 decides)");
  WR(ICC_BPR1, 3);
  printf("  BPR1 write ignored under CBPR: BPR1 %llu\n", (unsigned long long)RD(ICC_BPR1));
  WR(ICC_CTLR, 0);
  printf("  BPR1 %llu\n", (unsigned long long)RD(ICC_BPR1));
  WR(ICC_EOIR1, a);
  a = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, a);
  printf("  then %u\n", a);
  WR(ICC_PMR, 0x80);
  WR(ICC_SGI1R, sgi(5, 0, 1, 0));
  state("PMR 80, SGI 5 (80) pending");
  WR(ICC_PMR, 0xf0);
  state("PMR f0");
  a = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, a);
}

static void eoimode(void) {
  printf("EOImode 1:\n");
  WR(ICC_CTLR, 2);
  WR(ICC_SGI1R, sgi(3, 0, 1, 0));
  unsigned id = (unsigned)RD(ICC_IAR1);
  state("IAR1");
  WR(ICC_EOIR1, id);
  state("EOIR1: priority dropped");
  printf("  ISACTIVER0 %x\n", R32(SGIB + 0x300));
  WR(ICC_SGI1R, sgi(3, 0, 1, 0));
  state("SGI 3 again while active");
  WR(ICC_DIR, id);
  state("DIR");
  printf("  ISACTIVER0 %x\n", R32(SGIB + 0x300));
  id = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, id);
  WR(ICC_DIR, id);
  WR(ICC_CTLR, 0);
  WR(ICC_DIR, id); // ignored with EOImode 0
  printf("  CTLR %llx ISACTIVER0 %x\n", (unsigned long long)RD(ICC_CTLR), R32(SGIB + 0x300));
}

static void taken_irqs(void) {
  printf("taken:\n");
  __asm__ volatile("msr daifclr, #3\n isb" ::: "memory");
  WR(ICC_SGI1R, sgi(5, 0, 1, 0));
  __asm__ volatile("nop\n nop" ::: "memory");
  print_log("  SGI 5 preempted by SGI 6 (log: id, 100|RPR)");
  WR(ICC_SGI0R, sgi(2, 0, 1, 0));
  __asm__ volatile("nop\n nop" ::: "memory");
  print_log("  group 0 SGI 2 as FIQ (1000|id)");
  // The virtual timer's PPI 27, a level the handler drops by disabling the timer.
  ISB();
  SYSREG_WRITE(cntv_cval_el0, RD(cntvct_el0));
  SYSREG_WRITE(cntv_ctl_el0, 1);
  ISB();
  for (int i = 0; i < 1000000 && log_n == 0; i++) __asm__ volatile("nop");
  print_log("  virtual timer");
  __asm__ volatile("msr daifset, #3\n isb" ::: "memory");
}

static void ppi_polled(void) {
  printf("timer PPI (masked):\n");
  ISB();
  SYSREG_WRITE(cntv_cval_el0, RD(cntvct_el0));
  SYSREG_WRITE(cntv_ctl_el0, 1);
  ISB();
  unsigned hp = 1023;
  for (int i = 0; i < 1000000 && (hp = (unsigned)RD(ICC_HPPIR1)) == 1023; i++) {}
  printf("  HPPIR1 %u ISPENDR0 %x ICFGR1 %x\n", hp, R32(SGIB + 0x200), R32(SGIB + 0xc04));
  unsigned id = (unsigned)RD(ICC_IAR1);
  printf("  IAR1 %u, ISPENDR0 (level still high) %x\n", id, R32(SGIB + 0x200));
  SYSREG_WRITE(cntv_ctl_el0, 3); // IMASK: the level drops
  ISB();
  printf("  IMASK: ISPENDR0 %x\n", R32(SGIB + 0x200));
  WR(ICC_EOIR1, id);
  state("EOIR1");
  SYSREG_WRITE(cntv_ctl_el0, 0);
}

static void spi(void) {
  printf("SPI 40:\n");
  R64(GICD + 0x6000 + 8 * 40) = 0;
  R8(GICD + 0x400 + 40) = 0x90;
  R32(GICD + 0x84) = 1u << 8;
  R32(GICD + 0x104) = 1u << 8;
  R32(GICD + 0xc08) = 2u << 16; // edge
  printf("  ICFGR2 %x ISENABLER1 %x\n", R32(GICD + 0xc08), R32(GICD + 0x104));
  R32(GICD + 0x204) = 1u << 8;
  state("ISPENDR");
  R64(GICD + 0x6000 + 8 * 40) = 1; // Aff0 1: no such CPU
  state("IROUTER Aff0 1");
  R64(GICD + 0x6000 + 8 * 40) = 1ull << 31; // IRM: QEMU still routes by the affinity (0)
  state("IROUTER IRM");
  printf("  IROUTER %llx\n", (unsigned long long)R64(GICD + 0x6000 + 8 * 40));
  unsigned id = (unsigned)RD(ICC_IAR1);
  printf("  IAR1 %u ISACTIVER1 %x ISPENDR1 %x\n", id, R32(GICD + 0x304), R32(GICD + 0x204));
  WR(ICC_EOIR1, id);
  R32(GICD + 0x204) = 1u << 8;
  R32(GICD) = 1; // group 1 disabled at the distributor
  state("GICD_CTLR 1");
  R32(GICD + 0x284) = 1u << 8;
  R32(GICD) = 3;
  state("ICPENDR");
}

// LPI tables: a property table for IDbits 14 (8192 LPIs) and a 64 KiB-aligned pending table.
static uint8_t prop_table[8192] __attribute__((aligned(4096)));
static uint8_t pend_table[65536] __attribute__((aligned(65536)));

static void lpis(void) {
  printf("LPIs:\n");
  prop_table[5] = 0xa0 | 1;  // LPI 8197: priority a0, enabled
  prop_table[6] = 0x80;      // LPI 8198: disabled
  prop_table[9] = 0x60 | 1;  // LPI 8201: priority 60, enabled
  pend_table[8197 / 8] |= 1 << (8197 % 8);
  pend_table[8198 / 8] |= 1 << (8198 % 8);
  R64(GICR + 0x70) = (uint64_t)(uintptr_t)prop_table | 13;
  R64(GICR + 0x78) = (uint64_t)(uintptr_t)pend_table;
  __asm__ volatile("dsb sy" ::: "memory");
  state("tables set, LPIs off");
  R32(GICR) = 1;
  printf("  GICR_CTLR %x\n", R32(GICR));
  state("EnableLPIs");
  unsigned id = (unsigned)RD(ICC_IAR1);
  printf("  IAR1 %u pending byte %02x\n", id, pend_table[8197 / 8]);
  state("after IAR1");
  WR(ICC_EOIR1, id);
  state("EOIR1");
  pend_table[8201 / 8] |= 1 << (8201 % 8);
  __asm__ volatile("dsb sy" ::: "memory");
  R32(GICR) = 0;
  R32(GICR) = 1; // a rescan picks up the new pending bit
  state("LPI 8201 pending, rescanned");
  id = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, id);
  printf("  IAR1 %u pending bytes %02x %02x\n", id, pend_table[8197 / 8], pend_table[8201 / 8]);
  R32(GICR) = 0;
  printf("  GICR_CTLR %x\n", R32(GICR));
}

/** With a GICv2 (gic-version=2) the ICC registers are UNDEFINED and the ID registers say so. */
static void no_gicv3(void) {
  printf("no GICv3 CPU interface: ID_AA64PFR0 %llx ID_PFR1 %llx\n", (unsigned long long)RD(id_aa64pfr0_el1),
         (unsigned long long)RD(id_pfr1_el1));
  SYSREG_WRITE(vbar_el1, vectors);
  ISB();
  (void)RD(ICC_SRE);
  (void)RD(ICC_PMR);
  (void)RD(ICC_IAR1);
  WR(ICC_EOIR1, 0);
  WR(ICC_SGI1R, 0);
  WR(ICC_IGRPEN1, 1);
}

int main(void) {
  __asm__ volatile("msr daifset, #3\n isb" ::: "memory");
  if (((RD(id_aa64pfr0_el1) >> 24) & 0xf) == 0) {
    no_gicv3();
    printf("%d exceptions\n", taken);
    return taken;
  }
  registers();
  setup();
  sgis();
  priorities();
  eoimode();
  ppi_polled();
  spi();
  lpis();
  taken_irqs();
  printf("%d interrupts taken\n", taken);
  return taken;
}
