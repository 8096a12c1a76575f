/* Console input probe for -M virt: sleeps in WFI with a 100 Hz generic-timer tick, prints each
   byte the PL011 receives with the tick count and counter value at which it arrived, and exits
   (semihosting) on 'q' with the number of ticks. test/machines/console-input.test.ts uses it for
   deterministic time: sleeping instead of spinning, input delivery, record and replay. */
typedef unsigned int u32;
typedef unsigned long long u64;

#define UART 0x09000000u
#define GICD 0x08000000u
#define GICC 0x08010000u
#define UART_IRQ 33u  /* SPI 1 */
#define TIMER_IRQ 30u /* non-secure physical timer PPI */

#define MRC(op1, crn, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)); _v; })
#define MCR(op1, crn, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((u32)(v)) : "memory")
static inline void wr(u32 a, u32 v) { *(volatile u32 *)a = v; }
static inline u32 rd(u32 a) { return *(volatile u32 *)a; }
static inline u64 cntpct(void) { u32 lo, hi; __asm__ volatile("isb\n mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi)); return ((u64)hi << 32) | lo; }

static void putch(char c) { while (rd(UART + 0x18) & 0x20) {} wr(UART, (u32)c); }
static void puts(const char *s) { while (*s) putch(*s++); }
static void putdec(u64 v) { char b[24]; int n = 0; do { b[n++] = (char)('0' + v % 10); v /= 10; } while (v); while (n) putch(b[--n]); }

volatile u32 ticks, quit;
static u32 period;

/* Called from the IRQ vector (start.S irq_entry) with interrupts masked. */
void on_irq(void) {
  u32 iar = rd(GICC + 0x0c), id = iar & 0x3ff;
  if (id == TIMER_IRQ) {
    ticks++;
    MCR(0, c14, c2, 0, period);            /* CNTP_TVAL: next tick */
  } else if (id == UART_IRQ) {
    while (!(rd(UART + 0x18) & 0x10)) {    /* RX FIFO not empty */
      u32 c = rd(UART) & 0xff;
      puts("rx "); putdec(c); puts(" tick "); putdec(ticks); puts(" cnt "); putdec(cntpct()); puts("\n");
      if (c == 'q') quit = 1;
    }
  }
  if (id < 1020) wr(GICC + 0x10, iar);     /* EOI */
}

int main(void) {
  wr(GICD + 0x000, 1);                             /* distributor on */
  wr(GICD + 0x100, 1u << TIMER_IRQ);               /* enable the timer PPI */
  wr(GICD + 0x104, 1u << (UART_IRQ - 32));         /* enable the UART SPI */
  wr(GICD + 0x820, 0x01010101);                    /* SPIs 32..35 to CPU 0 */
  wr(GICC + 0x004, 0xff);                          /* PMR */
  wr(GICC + 0x000, 1);                             /* CPU interface on */
  wr(UART + 0x038, 1u << 4);                       /* IMSC: RX interrupt */
  period = MRC(0, c14, c0, 0) / 100;               /* CNTFRQ / 100 */
  MCR(0, c14, c2, 0, period);
  MCR(0, c14, c2, 1, 1);                           /* CNTP_CTL: enabled, unmasked */
  puts("echo: ready\n");
  __asm__ volatile("cpsie i");
  while (!quit) __asm__ volatile("wfi");
  __asm__ volatile("cpsid i");
  puts("echo: ticks "); putdec(ticks); puts("\n");
  return 0;
}
