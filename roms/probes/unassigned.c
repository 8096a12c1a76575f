/* Bus probe: what a guest sees when it reads, writes or executes at physical addresses where
   the board has nothing (QEMU 7.2: a synchronous external abort, "decode error") and at the
   regions QEMU maps. Prints one line per access; test/machines/unassigned.test.ts compares the
   output of QEMU 7.2 and armlet. Built per board (build.sh): -DBOARD_VIRT or -DBOARD_VEXPRESS. */
typedef unsigned int u32;

#ifdef BOARD_VIRT
#define UART 0x09000000u
#define RAM_START 0x40000000u
#define RAM_END 0x48000000u /* 128 MiB of RAM at 1 GiB */
#else
#define UART 0x1c090000u
#define RAM_START 0x80000000u
#define RAM_END 0x88000000u /* 128 MiB of RAM at 2 GiB */
#endif

u32 probe_read32(u32 addr);
u32 probe_read8(u32 addr);
void probe_write32(u32 addr, u32 v);
void probe_exec(u32 addr);
extern char probe_landed[];
extern volatile struct { u32 count, kind, fsr, far, lr; } fault; /* start.S: the abort handlers fill it */

#define MRC(op1, crn, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)); _v; })
#define MCR(op1, crn, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((u32)(v)) : "memory")

static void putch(char c) {
  while (*(volatile u32 *)(UART + 0x18) & 0x20) {}
  *(volatile u32 *)UART = (u32)c;
}
static void puts(const char *s) { while (*s) putch(*s++); }
static void puthex(u32 v) {
  puts("0x");
  for (int i = 28; i >= 0; i -= 4) putch("0123456789abcdef"[(v >> i) & 15]);
}

struct result { char op; u32 addr, value, count, kind, fsr, far, lr; };

/* One access, recorded (printing may be impossible under the translation being probed). */
static struct result run(char op, u32 addr) {
  u32 v = 0;
  fault.count = 0;
  switch (op) {
    case 'r': v = probe_read32(addr); break;
    case 'b': v = probe_read8(addr); break;
    case 'w': probe_write32(addr, 0x5a5a5a5a); break;
    case 'x': probe_exec(addr); break;
  }
  return (struct result){ op, addr, v, fault.count, fault.kind, fault.fsr, fault.far, fault.lr };
}

/* "<op> <addr> ok <value>" / "x <addr> ran" or "<op> <addr> <dabt|pabt> fsr .. far .. [lr-far ..]". */
static void report(struct result r) {
  putch(r.op); putch(' '); puthex(r.addr);
  if (r.count == 0) { puts(r.op == 'x' ? " ran" : " ok "); if (r.op != 'x') puthex(r.value); }
  else {
    puts(r.kind == 4 ? " dabt fsr " : " pabt fsr "); puthex(r.fsr);
    puts(" far "); puthex(r.far);
    if (r.kind == 3) { puts(" lr-far "); puthex(r.lr - r.far); }
    if (r.count != 1) { puts(" count "); puthex(r.count); }
  }
  puts("\n");
}

static void access(char op, u32 addr) { report(run(op, addr)); }

struct probe { char op; u32 addr; };

static const struct probe probes[] = {
#ifdef BOARD_VIRT
  {'r', 0x08030000}, {'r', 0x08040000}, {'r', 0x08080000}, {'r', 0x080a0000}, /* GICH, GICV, ITS, redist: absent */
  {'r', 0x09040000}, {'r', 0x09050000}, {'r', 0x090a0000}, {'r', 0x090b0000}, /* secure UART, SMMU, PV time, secure GPIO */
  {'r', 0x0a000000}, {'r', 0x0a003e00}, {'r', 0x0a004000},                     /* virtio-mmio first, last, past the last */
  {'r', 0x0c000000}, {'w', 0x0c000000}, {'r', 0x0e000000},                     /* platform bus, secure RAM */
  {'r', 0x10000000}, {'w', 0x10000000}, {'r', 0x3eff0000}, {'r', 0x3f000000},  /* PCIe MMIO, PIO, low ECAM */
  {'b', 0x09000fe0}, {'r', 0x09001000},                                        /* PL011 id, just past it */
  {'r', 0x00000000}, {'r', 0x04000000}, {'r', 0x08020008}, {'r', 0x08020fcc},  /* flash 0 and 1, GICv2m TYPER, IIDR */
  {'r', 0x09020000}, {'r', 0x09020008}, {'r', 0x09020010},                     /* fw_cfg data, selector, DMA */
#else
  {'r', 0x10000000}, {'r', 0x1a000000}, {'r', 0x1b000000}, {'r', 0x1c000000},  /* nothing, LAN9118 (no NIC), USB, DAP ROM */
  {'r', 0x1c020000}, {'w', 0x1c020000}, {'r', 0x1c030000}, {'r', 0x1c0f0000},  /* SP810, serial PCI, SP805 */
  {'r', 0x1c1a0000}, {'r', 0x1c1b0000},                                        /* CompactFlash, nothing */
  {'r', 0x1c130000}, {'r', 0x1c130600}, {'r', 0x1c130800},                     /* virtio-mmio first, last, past */
  {'r', 0x1c190000}, {'r', 0x1c1f0fe0}, {'r', 0x1d000000},                     /* nothing, PL111 id, nothing */
  {'r', 0x2c008000}, {'r', 0x2c100000}, {'r', 0x2e010000}, {'r', 0x40000000},  /* past the private region, SRAM; nothing */
  {'b', 0x1c090fe0}, {'r', 0x1c091000},                                        /* PL011 id, just past it */
#endif
  {'r', RAM_END}, {'w', RAM_END}, {'b', RAM_END + 3}, {'r', 0xf0000000}, {'r', 0xfffffffc},
  /* Execution just below RAM: where fetches read zeros (ANDEQ r0, r0, r0: no-ops) the CPU runs
     into the landing pad at the start of RAM, which branches back. */
  {'x', RAM_START - 16},
#ifdef BOARD_VIRT
  {'x', RAM_END}, {'x', 0xfffff000}, {'x', 0x0ffffff0},
#endif
};

/* Identity sections over the whole space (AP full access, strongly ordered): 16 KiB aligned. */
static u32 l1[4096] __attribute__((aligned(16384)));

int main(void) {
  /* The landing pad over QEMU's boot stub (done with): LDR pc, [pc, #-4]; .word probe_landed */
  ((volatile u32 *)RAM_START)[0] = 0xe51ff004;
  ((volatile u32 *)RAM_START)[1] = (u32)probe_landed;
  __asm__ volatile("dsb\n isb");
  puts("== MMU off, short-descriptor fault format\n");
  for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) access(probes[i].op, probes[i].addr);

  puts("== MMU off, TTBCR.EAE = 1 (long-descriptor fault format)\n");
  MCR(0, c2, c0, 2, 0x80000000u);
  __asm__ volatile("isb");
  access('r', RAM_END); access('w', RAM_END);
#ifdef BOARD_VIRT
  access('x', RAM_END);
#endif
  MCR(0, c2, c0, 2, 0);
  __asm__ volatile("isb");

  puts("== MMU on, identity sections\n");
  for (u32 i = 0; i < 4096; i++) l1[i] = (i << 20) | (3u << 10) | 2u;
  MCR(0, c2, c0, 0, (u32)l1);            /* TTBR0 */
  MCR(0, c3, c0, 0, 0x55555555u);        /* DACR: client */
  MCR(0, c8, c7, 0, 0);                  /* TLBIALL */
  __asm__ volatile("dsb\n isb");
  MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1u);
  __asm__ volatile("isb");
  access('r', RAM_END); access('w', RAM_END);
#ifdef BOARD_VIRT
  access('x', RAM_END);
#endif
  /* A walk through a table at an unassigned address: TTBCR.N = 1 splits at 2 GiB; the half the
     program does not run in gets TTBR at RAM_END. */
#ifdef BOARD_VIRT
  MCR(0, c2, c0, 1, RAM_END);            /* TTBR1 (VA >= 2 GiB) */
  MCR(0, c2, c0, 0, (u32)l1);
  u32 walk_va = 0x90000000u;
#else
  MCR(0, c2, c0, 1, (u32)l1);            /* TTBR1 (VA >= 2 GiB): the program runs here */
  MCR(0, c2, c0, 0, RAM_END);
  u32 walk_va = 0x10000000u;
#endif
  MCR(0, c2, c0, 2, 1);                  /* TTBCR.N = 1 */
  MCR(0, c8, c7, 0, 0);
  __asm__ volatile("dsb\n isb");
  struct result rd = run('r', walk_va), ex = run('x', walk_va);
  MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
  __asm__ volatile("isb");
  report(rd); report(ex);
  puts("== done\n");
  return 0;
}
