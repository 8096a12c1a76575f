/* Short-descriptor identity map used as the starting point of the MMU tests. */
#include "lib.h"

u32 l1_table[4096] __attribute__((aligned(16384)));

/* Section descriptor: PA[31:20], AP[1:0] at 11:10, domain at 8:5, TEX/C/B; AP=0b11 is full
   access. Normal memory is TEX=001 C=0 B=0 (non-cacheable), the UART is Device (B=1). */
void mmu_short_identity(void) {
  for (u32 i = 0; i < 4096; i++) l1_table[i] = 0;
  for (u32 mb = 0x400; mb < 0x480; mb++) l1_table[mb] = (mb << 20) | (3u << 10) | (1u << 12) | 2;
  l1_table[0x090] = (0x090u << 20) | (3u << 10) | (1u << 2) | (1u << 4) | 2; /* XN, device */
  MCR(0, c2, c0, 2, 0);               /* TTBCR: short descriptors, TTBR0 only */
  MCR(0, c2, c0, 0, (u32)l1_table);   /* TTBR0 */
  MCR(0, c3, c0, 0, 0x55555555);      /* DACR: every domain Client */
  tlbiall();
}

void mmu_on(void) { DSB(); tlbiall(); set_sctlr(get_sctlr() | 1); }
void mmu_off(void) { set_sctlr(get_sctlr() & ~1u); tlbiall(); }
