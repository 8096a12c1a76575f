// Leaves the GICv3 of -M virt,gic-version=3 in a busy, time-independent state, then waits
// forever with interrupts masked: for comparing armlet's arm_gicv3 section with the one QEMU
// saves after running the same program (test/unit/gic/gicv3/gicv3-busy-qemu.test.ts).
// Distributor: groups, enables, edge/level, priorities, routes, latched SPIs; redistributor:
// SGI/PPI configuration, pending SGIs, LPI tables and EnableLPIs; CPU interface: PMR, BPRs,
// EOImode 1 with a dropped-but-active SGI, an active group 0 SGI and an active group 1 SGI.
#include <stdio.h>
#include <stdint.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define RD(r) SYSREG_READ(r)
#define WR(r, v) do { SYSREG_WRITE(r, v); __asm__ volatile("isb" ::: "memory"); } while (0)
#define ICC_PMR S3_0_C4_C6_0
#define ICC_IAR0 S3_0_C12_C8_0
#define ICC_BPR0 S3_0_C12_C8_3
#define ICC_SGI1R S3_0_C12_C11_5
#define ICC_ASGI1R S3_0_C12_C11_6
#define ICC_IAR1 S3_0_C12_C12_0
#define ICC_EOIR1 S3_0_C12_C12_1
#define ICC_BPR1 S3_0_C12_C12_3
#define ICC_CTLR S3_0_C12_C12_4
#define ICC_IGRPEN0 S3_0_C12_C12_6
#define ICC_IGRPEN1 S3_0_C12_C12_7

#define GICD 0x08000000ul
#define GICR 0x080a0000ul
#define SGIB (GICR + 0x10000)
#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))

static uint8_t prop_table[8192] __attribute__((aligned(4096)));
static uint8_t pend_table[65536] __attribute__((aligned(65536)));

int main(void) {
  __asm__ volatile("msr daifset, #3\n isb" ::: "memory");
  R32(GICD) = 3;
  for (int w = 1; w < 9; w++) {
    R32(GICD + 0x80 + 4 * w) = 0x9abcdef0u * (unsigned)w;
    R32(GICD + 0x100 + 4 * w) = 0x13572468u ^ (0x01010101u * (unsigned)w);
  }
  for (int i = 2; i < 18; i++) R32(GICD + 0xc00 + 4 * i) = 0xa0a0a0a0u >> (i & 3);
  for (int i = 32; i < 288; i++) R8(GICD + 0x400 + i) = (uint8_t)(i * 29);
  for (int i = 32; i < 288; i += 7) R64(GICD + 0x6000 + 8 * i) = (i & 8) ? 0x80000000ull : (uint64_t)(i & 1);
  R32(GICD + 0x204) = 0x00f000f0;
  R32(GICD + 0x208) = 0x11110000;
  R32(GICR + 0x14) = 0;
  R32(SGIB + 0x80) = 0xfff0fff3; // SGIs 2, 3 and 16..19 in group 0
  R32(SGIB + 0x100) = 0xf00fffff;
  for (int i = 0; i < 32; i++) R8(SGIB + 0x400 + i) = (uint8_t)(0xe0 - 8 * (i & 15));
  R8(SGIB + 0x402) = 0; // SGI 2 (group 0) above everything
  R32(SGIB + 0xc04) = 0x0a000000;
  prop_table[3] = 0x41;
  pend_table[8195 / 8] = 1 << (8195 % 8);
  __asm__ volatile("dsb sy" ::: "memory");
  R64(GICR + 0x70) = (uint64_t)(uintptr_t)prop_table | 13;
  R64(GICR + 0x78) = (uint64_t)(uintptr_t)pend_table;
  R32(GICR) = 1;
  WR(ICC_PMR, 0xf8);
  WR(ICC_BPR0, 3);
  WR(ICC_BPR1, 5);
  WR(ICC_CTLR, 2); // EOImode 1
  WR(ICC_IGRPEN0, 1);
  WR(ICC_IGRPEN1, 1);
  WR(ICC_SGI1R, (5ull << 24) | 1);
  WR(ICC_SGI1R, (9ull << 24) | 1);
  unsigned a = (unsigned)RD(ICC_IAR1);
  WR(ICC_EOIR1, a); // priority dropped, still active (EOImode 1)
  WR(ICC_ASGI1R, (2ull << 24) | 1);
  unsigned b = (unsigned)RD(ICC_IAR1); // a group 0 SGI is the highest: spurious
  unsigned c = (unsigned)RD(ICC_IAR0);
  WR(ICC_SGI1R, (5ull << 24) | 1);
  printf("acknowledged %u (dropped), %u, %u; waiting\n", a, b, c);
  for (;;) __asm__ volatile("wfi");
}
