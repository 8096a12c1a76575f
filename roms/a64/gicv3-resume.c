// GICv3 state across a save and resume (test/snapshot/a64-gicv3-resume.test.ts), on
// -M virt,gic-version=3 (its on) with one CPU and PSTATE.I masked throughout (polled, never taken).
// It leaves three interrupts pending, each a different kind of pending state:
//   PPI 27 (the virtual timer, level-triggered): line high (CVAL 0, enabled), latch clear;
//   SPI 50 (level-triggered, nothing drives it): latched by the guest (GICD_ISPENDR), line low;
//   LPI 8192: pending through the ITS (MAPD/MAPC/MAPTI, then a GITS_TRANSLATER write).
// Then it runs a long delay (where the test saves), prints GICD_STATUSR and GICR_STATUSR before
// and after writing 1 to bit 0 of each (write-1-to-clear), and acknowledges what the CPU
// interface offers by priority until it offers nothing. Exit code: the number acknowledged.
#include <stdint.h>
#include <stdio.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define BARRIER() __asm__ volatile("dsb sy; isb" ::: "memory")
#define ICC_SRE_EL1 S3_0_C12_C12_5
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1

#define R8(a) (*(volatile uint8_t *)(a))
#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))
#define GICD 0x08000000ul
#define GICD_STATUSR (GICD + 0x10)
#define GICR 0x080a0000ul
#define SGI_BASE (GICR + 0x10000)
#define ITS 0x08080000ul
#define GITS_CTLR (ITS + 0x0)
#define GITS_CBASER (ITS + 0x80)
#define GITS_CWRITER (ITS + 0x88)
#define GITS_CREADR (ITS + 0x90)
#define GITS_BASER(n) (ITS + 0x100 + 8 * (n))
#define GITS_TRANSLATER (ITS + 0x10040)

#define TIMER_PPI 27
#define SPI 50
#define LPI 8192
#define LPI_IDBITS 13
#define V (1ull << 63)

static uint8_t device_table[0x10000] __attribute__((aligned(0x10000)));
static uint8_t collection_table[0x10000] __attribute__((aligned(0x10000)));
static uint8_t cmdq[0x1000] __attribute__((aligned(0x10000)));
static uint8_t itt[32 * 12] __attribute__((aligned(256)));
static uint8_t lpi_config[(1 << (LPI_IDBITS + 1)) - 8192] __attribute__((aligned(0x1000)));
static uint8_t pending[0x10000] __attribute__((aligned(0x10000)));
static unsigned wr;

static uint64_t addr(const void *p) { return (uint64_t)(uintptr_t)p; }

static void cmd(uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3) {
  uint64_t *c = (uint64_t *)(cmdq + wr);
  c[0] = d0; c[1] = d1; c[2] = d2; c[3] = d3;
  wr = (wr + 32) % sizeof cmdq;
  BARRIER();
  R64(GITS_CWRITER) = wr;
  for (int i = 0; i < 1000 && (R64(GITS_CREADR) & ~1ull) != wr; i++) {}
}

static void show_pending(const char *when) {
  BARRIER();
  printf("%-14s GICR_ISPENDR0.27 %u GICD_ISPENDR1.%u %u LPI table byte %02x\n", when,
         (unsigned)(R32(SGI_BASE + 0x200) >> TIMER_PPI) & 1, SPI - 32, (unsigned)(R32(GICD + 0x204) >> (SPI - 32)) & 1,
         pending[LPI / 8]);
}

int main(void) {
  __asm__ volatile("msr daifset, #2");
  // Redistributor 0 awake with LPIs; distributor with affinity routing, group 1 enabled.
  for (unsigned i = 0; i < sizeof lpi_config; i++) lpi_config[i] = 0xa0 | 1; // priority 0xa0, enabled
  R32(GICR + 0x14) = 0;
  R64(GICR + 0x70) = addr(lpi_config) | LPI_IDBITS;
  R64(GICR + 0x78) = addr(pending);
  BARRIER();
  R32(GICR) = 1;
  R32(GICD) = 0x12;
  SYSREG_WRITE(ICC_SRE_EL1, SYSREG_READ(ICC_SRE_EL1) | 1);
  __asm__ volatile("isb");
  SYSREG_WRITE(ICC_PMR_EL1, 0xff);
  SYSREG_WRITE(ICC_IGRPEN1_EL1, 1);
  __asm__ volatile("isb");

  // PPI 27: group 1, priority 0x80, enabled; the timer raises its line and keeps it high.
  R32(SGI_BASE + 0x80) = 1u << TIMER_PPI;
  R8(SGI_BASE + 0x400 + TIMER_PPI) = 0x80;
  R32(SGI_BASE + 0x100) = 1u << TIMER_PPI;
  SYSREG_WRITE(CNTV_CVAL_EL0, 0);
  SYSREG_WRITE(CNTV_CTL_EL0, 1);
  __asm__ volatile("isb");

  // SPI 50: group 1, priority 0x90, level-triggered, routed to CPU 0, enabled, latched by a write.
  R32(GICD + 0x84) = 1u << (SPI - 32);
  R8(GICD + 0x400 + SPI) = 0x90;
  R64(GICD + 0x6000 + 8 * SPI) = 0;
  R32(GICD + 0x104) = 1u << (SPI - 32);
  R32(GICD + 0x204) = 1u << (SPI - 32);

  // The ITS: device 0 event 0 -> LPI 8192 on collection 0 (redistributor 0), then the event.
  R64(GITS_BASER(0)) = V | addr(device_table) | 2 << 8;
  R64(GITS_BASER(1)) = V | addr(collection_table) | 2 << 8;
  R64(GITS_CBASER) = V | addr(cmdq);
  R32(GITS_CTLR) = 1;
  cmd(0x08, 4, V | addr(itt), 0);                       // MAPD device 0, 32 events
  cmd(0x09, 0, V | 0, 0);                               // MAPC collection 0 -> RD 0
  cmd(0x0a, 0 | (uint64_t)LPI << 32, 0, 0);             // MAPTI device 0 event 0 -> LPI 8192, collection 0
  cmd(0x05, 0, 0, 0);                                   // SYNC RD 0
  R32(GITS_TRANSLATER) = 0;
  show_pending("before delay");

  for (volatile unsigned i = 0; i < 2000000; i++) {}

  show_pending("after delay");
  printf("GICD_STATUSR %08x", R32(GICD_STATUSR));
  R32(GICD_STATUSR) = 1;
  printf(" after writing 1: %08x\n", R32(GICD_STATUSR));
  printf("GICR_STATUSR %08x", R32(GICR + 0x10));
  R32(GICR + 0x10) = 1;
  printf(" after writing 1: %08x\n", R32(GICR + 0x10));

  int acked = 0;
  for (int n = 0; n < 6; n++) {
    unsigned intid = (unsigned)SYSREG_READ(ICC_IAR1_EL1) & 0xffffff;
    printf("IAR1 %u\n", intid);
    if (intid >= 1020 && intid < 8192) break;
    if (intid == TIMER_PPI) SYSREG_WRITE(CNTV_CTL_EL0, 0); // drop the line before the EOI
    SYSREG_WRITE(ICC_EOIR1_EL1, intid);
    __asm__ volatile("isb");
    acked++;
  }
  show_pending("after acks");
  return acked;
}
