// The GICv3 ITS of -M virt,gic-version=3,its=on with -smp 2 (CPU 1 stays powered off; CPU 0
// sets up both redistributors): the ITS registers at reset and after programming, the commands
// MAPD, MAPC, MAPTI, MAPI, INT, CLEAR, MOVI, MOVALL, DISCARD, INV, INVALL, SYNC, the table
// entries they leave in RAM, GITS_TRANSLATER writes (a CPU's write is DeviceID 0's), skipped
// and stalling commands, then two-level device and collection tables. LPIs are seen in the
// redistributors' pending tables (RAM) and, on CPU 0, acknowledged through ICC_IAR1_EL1 with
// PSTATE.I set (polled, never taken). Everything printed is a fact of the model; the exit code
// is the number of LPIs acknowledged.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_) :: "memory"); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)) : "memory")
#define BARRIER() __asm__ volatile("dsb sy; isb" ::: "memory")
#define ICC_SRE_EL1 S3_0_C12_C12_5
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1

#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))
#define GICD 0x08000000ul
#define GICR(cpu) (0x080a0000ul + (cpu) * 0x20000ul)
#define GICR_CTLR 0x0
#define GICR_WAKER 0x14
#define GICR_PROPBASER 0x70
#define GICR_PENDBASER 0x78
#define ITS 0x08080000ul
#define GITS_CTLR (ITS + 0x0)
#define GITS_IIDR (ITS + 0x4)
#define GITS_TYPER (ITS + 0x8)
#define GITS_CBASER (ITS + 0x80)
#define GITS_CWRITER (ITS + 0x88)
#define GITS_CREADR (ITS + 0x90)
#define GITS_BASER(n) (ITS + 0x100 + 8 * (n))
#define GITS_PIDR2 (ITS + 0xffe8)
#define GITS_TRANSLATER (ITS + 0x10040)

#define LPI_IDBITS 13 // INTIDs below 16384
#define V (1ull << 63)

// Tables in RAM. 64 KiB alignment for the 64 KiB table pages and the pending tables.
static uint8_t device_table[0x10000] __attribute__((aligned(0x10000)));
static uint8_t collection_table[0x10000] __attribute__((aligned(0x10000)));
static uint8_t cmdq[0x1000] __attribute__((aligned(0x10000)));
static uint8_t itt0[32 * 12] __attribute__((aligned(256)));
static uint8_t itt1[16384 * 12] __attribute__((aligned(256)));
static uint8_t lpi_config[(1 << (LPI_IDBITS + 1)) - 8192] __attribute__((aligned(0x1000)));
static uint8_t pending[2][0x10000] __attribute__((aligned(0x10000)));
// Two-level tables: a level-1 page of 8-byte descriptors and one level-2 page each.
static uint64_t l1[2][0x2000] __attribute__((aligned(0x10000)));
static uint64_t l2[2][0x2000] __attribute__((aligned(0x10000)));

static unsigned wr; // command queue write offset
static int acked;

static uint64_t addr(const void *p) { return (uint64_t)(uintptr_t)p; }

static void hex64(const char *name, uint64_t v) { printf("%s %016llx\n", name, (unsigned long long)v); }

static void cmd(uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3) {
  uint64_t *c = (uint64_t *)(cmdq + wr);
  c[0] = d0; c[1] = d1; c[2] = d2; c[3] = d3;
  wr = (wr + 32) % sizeof cmdq;
  BARRIER();
  R64(GITS_CWRITER) = wr;
  for (int i = 0; i < 1000 && (R64(GITS_CREADR) & ~1ull) != wr && !(R64(GITS_CREADR) & 1); i++) {}
}

static uint64_t dev(unsigned op, unsigned devid) { return op | (uint64_t)devid << 32; }
static void mapd(unsigned devid, unsigned size, const void *itt, int valid) { cmd(dev(0x08, devid), size, (valid ? V : 0) | addr(itt), 0); }
static void mapc(unsigned icid, unsigned rd) { cmd(0x09, 0, V | (uint64_t)rd << 16 | icid, 0); }
static void mapti(unsigned devid, unsigned ev, unsigned intid, unsigned icid) { cmd(dev(0x0a, devid), ev | (uint64_t)intid << 32, icid, 0); }
static void mapi(unsigned devid, unsigned ev, unsigned icid) { cmd(dev(0x0b, devid), ev, icid, 0); }
static void ev_cmd(unsigned op, unsigned devid, unsigned ev) { cmd(dev(op, devid), ev, 0, 0); }
static void movi(unsigned devid, unsigned ev, unsigned icid) { cmd(dev(0x01, devid), ev, icid, 0); }
static void movall(unsigned rd1, unsigned rd2) { cmd(0x0e, 0, (uint64_t)rd1 << 16, (uint64_t)rd2 << 16); }
static void sync_rd(unsigned rd) { cmd(0x05, 0, (uint64_t)rd << 16, 0); }
#define INT 0x03
#define CLEAR 0x04
#define INV 0x0c
#define DISCARD 0x0f

/** The pending-table byte holding LPIs 8192..8199 of both CPUs. */
static void show_pending(const char *when) {
  BARRIER();
  printf("%-28s pending cpu0 %02x cpu1 %02x\n", when, pending[0][1024], pending[1][1024]);
}

/** Acknowledge whatever CPU 0's interface offers now (1023 when nothing). */
static void ack(const char *when) {
  unsigned intid = (unsigned)SYSREG_READ(ICC_IAR1_EL1) & 0xffffff;
  printf("%-28s IAR1 %u\n", when, intid);
  if (intid < 1020 || intid >= 8192) {
    SYSREG_WRITE(ICC_EOIR1_EL1, intid);
    __asm__ volatile("isb");
    acked++;
  }
}

static void show_entries(void) {
  const uint64_t *dt = (const uint64_t *)device_table, *ct = (const uint64_t *)collection_table;
  hex64("DTE 0", dt[0]);
  hex64("DTE 1", dt[1]);
  hex64("CTE 0", ct[0]);
  hex64("CTE 1", ct[1]);
  for (int ev = 0; ev < 3; ev++) {
    printf("ITE 0/%d %016llx %08x\n", ev, *(unsigned long long *)(itt0 + 12 * ev), *(uint32_t *)(itt0 + 12 * ev + 8));
  }
  printf("ITE 1/8194 %016llx %08x\n", *(unsigned long long *)(itt1 + 12 * 8194), *(uint32_t *)(itt1 + 12 * 8194 + 8));
}

static void show_queue(const char *when) {
  printf("%-28s CREADR %llx CWRITER %llx\n", when, (unsigned long long)R64(GITS_CREADR), (unsigned long long)R64(GITS_CWRITER));
}

int main(void) {
  printf("tables: device %llx collection %llx queue %llx itt %llx %llx config %llx pending %llx %llx\n",
         (unsigned long long)addr(device_table), (unsigned long long)addr(collection_table), (unsigned long long)addr(cmdq),
         (unsigned long long)addr(itt0), (unsigned long long)addr(itt1), (unsigned long long)addr(lpi_config),
         (unsigned long long)addr(pending[0]), (unsigned long long)addr(pending[1]));
  printf("two-level: l1 %llx %llx l2 %llx %llx\n", (unsigned long long)addr(l1[0]), (unsigned long long)addr(l1[1]),
         (unsigned long long)addr(l2[0]), (unsigned long long)addr(l2[1]));
  printf("GITS_TYPER %016llx IIDR %08x CTLR %08x PIDR2 %02x\n", (unsigned long long)R64(GITS_TYPER),
         R32(GITS_IIDR), R32(GITS_CTLR), R32(GITS_PIDR2));
  for (int n = 0; n < 3; n++) printf("GITS_BASER%d %016llx\n", n, (unsigned long long)R64(GITS_BASER(n)));

  // Redistributors: one LPI configuration table, a pending table each, LPIs on.
  for (unsigned i = 0; i < sizeof lpi_config; i++) lpi_config[i] = 0xa0 | 1; // priority 0xa0, enabled
  for (int cpu = 0; cpu < 2; cpu++) {
    R32(GICR(cpu) + GICR_WAKER) = 0;
    R64(GICR(cpu) + GICR_PROPBASER) = addr(lpi_config) | LPI_IDBITS;
    R64(GICR(cpu) + GICR_PENDBASER) = addr(pending[cpu]);
    BARRIER();
    R32(GICR(cpu) + GICR_CTLR) = 1;
  }
  R32(GICD) = 0x12; // EnableGrp1, ARE (GICD_CTLR.DS is set: no security)
  SYSREG_WRITE(ICC_SRE_EL1, SYSREG_READ(ICC_SRE_EL1) | 1);
  __asm__ volatile("isb");
  SYSREG_WRITE(ICC_PMR_EL1, 0xff);
  SYSREG_WRITE(ICC_IGRPEN1_EL1, 1);
  __asm__ volatile("isb");

  // The ITS: flat device and collection tables of one 64 KiB page, one 4 KiB command page.
  R64(GITS_BASER(0)) = V | addr(device_table) | 2 << 8;
  R64(GITS_BASER(1)) = V | addr(collection_table) | 2 << 8;
  R64(GITS_BASER(2)) = V | 0x12340000;
  R64(GITS_CBASER) = V | addr(cmdq);
  for (int n = 0; n < 2; n++) printf("GITS_BASER%d %s\n", n, R64(GITS_BASER(n)) ==
    (V | (uint64_t)(n ? 4 : 1) << 56 | 7ull << 48 | addr(n ? collection_table : device_table) | 2 << 8) ? "as written, type and size kept" : "?");
  hex64("GITS_BASER2", R64(GITS_BASER(2)));
  printf("GITS_CBASER %s\n", R64(GITS_CBASER) == (V | addr(cmdq)) ? "as written" : "?");
  R32(GITS_CTLR) = 1;
  printf("GITS_CTLR %08x\n", R32(GITS_CTLR));
  R64(GITS_BASER(0)) = 0;
  printf("GITS_BASER0 %s while enabled\n", R64(GITS_BASER(0)) ? "kept" : "cleared");

  mapd(0, 4, itt0, 1);       // device 0: 32 events
  mapd(1, 13, itt1, 1);      // device 1: 16384 events
  mapc(0, 0);
  mapc(1, 1);
  mapti(0, 0, 8192, 0);
  mapti(0, 1, 8193, 1);
  mapi(1, 8194, 0);
  sync_rd(0);
  show_queue("after mapping");
  show_entries();

  R32(GITS_TRANSLATER) = 0;  // device 0 (the CPU's requester ID), event 0
  show_pending("TRANSLATER 0");
  ack("TRANSLATER 0");
  show_pending("after the ack");
  *(volatile uint16_t *)GITS_TRANSLATER = 1; // a 16-bit write: event 1, collection 1 (CPU 1)
  show_pending("TRANSLATER 1 (16-bit)");
  ack("TRANSLATER 1 (16-bit)");
  movi(0, 1, 0);             // to collection 0: the pending state moves to CPU 0
  show_pending("MOVI 0/1 to collection 0");
  printf("ITE 0/1 %016llx\n", *(unsigned long long *)(itt0 + 12));
  ack("MOVI 0/1 to collection 0");

  ev_cmd(INT, 1, 8194);
  show_pending("INT 1/8194");
  ev_cmd(CLEAR, 1, 8194);
  show_pending("CLEAR 1/8194");
  ev_cmd(INV, 1, 8194);
  cmd(0x0d, 0, 0, 0); // INVALL collection 0
  show_queue("INV, INVALL");

  movi(0, 1, 1);             // back to CPU 1
  ev_cmd(INT, 0, 1);
  show_pending("MOVI back, INT 0/1");
  movall(1, 0);
  show_pending("MOVALL 1 -> 0");
  ack("MOVALL 1 -> 0");
  movall(0, 0);

  ev_cmd(DISCARD, 0, 0);
  printf("ITE 0/0 after DISCARD %016llx %08x\n", *(unsigned long long *)itt0, *(uint32_t *)(itt0 + 8));
  R32(GITS_TRANSLATER) = 0;
  show_pending("TRANSLATER 0 after DISCARD");

  // Skipped commands: the queue goes on.
  mapd(0x10000, 4, itt0, 1); // DeviceID past the table
  mapd(2, 16, itt0, 1);      // Size past IDbits
  mapti(0, 3, 100, 0);       // not an LPI
  mapti(0, 32, 8195, 0);     // EventID past the device's
  mapc(3, 2);                // no CPU 2
  cmd(0x22, 0, 0, 0);        // VMOVP: GICv4 only
  cmd(0x77, 0, 0, 0);        // no such command
  show_queue("skipped commands");
  hex64("DTE 2", ((const uint64_t *)device_table)[2]);

  // A stall: an ITT outside RAM. CREADR stays at the command with Stalled set; writing CREADR
  // (allowed: GICD_CTLR.DS) moves past it.
  mapd(2, 4, (const void *)0x50000000ul, 1);
  mapti(2, 0, 8195, 0);
  show_queue("MAPTI to an ITT outside RAM");
  R64(GITS_CWRITER) = wr;
  show_queue("CWRITER again");
  R64(GITS_CREADR) = wr;
  show_queue("CREADR written");
  mapd(2, 4, itt0, 0);
  show_queue("MAPD V=0");
  hex64("DTE 2", ((const uint64_t *)device_table)[2]);

  R32(GITS_CTLR) = 0;
  printf("GITS_CTLR %08x\n", R32(GITS_CTLR));
  R32(GITS_TRANSLATER) = 1;  // disabled: nothing
  show_pending("TRANSLATER while disabled");

  // Two-level tables: level-1 entry 1 of the device table covers DeviceIDs 8192..16383,
  // entry 0 of the collection table ICIDs 0..8191. A new CBASER restarts the queue at 0.
  l1[0][1] = V | addr(l2[0]);
  l1[1][0] = V | addr(l2[1]);
  R64(GITS_BASER(0)) = V | 1ull << 62 | addr(l1[0]) | 2 << 8;
  R64(GITS_BASER(1)) = V | 1ull << 62 | addr(l1[1]) | 2 << 8;
  R64(GITS_CBASER) = V | addr(cmdq);
  R64(GITS_CWRITER) = wr = 0;
  R32(GITS_CTLR) = 1;
  show_queue("two-level tables");
  mapd(8192 + 3, 4, itt0, 1);
  mapd(5, 4, itt0, 1);       // no level-2 page: dropped
  mapc(2, 1);
  mapti(8192 + 3, 0, 8196, 2);
  ev_cmd(INT, 8192 + 3, 0);
  mapti(5, 0, 8197, 2);      // device 5 has no DTE
  show_queue("two-level commands");
  hex64("L2 DTE 8195", l2[0][3]);
  hex64("L2 CTE 2", l2[1][2]);
  hex64("L1 0 of the device table", l1[0][0]);
  show_pending("INT 8195/0");
  printf("%d LPIs acknowledged\n", acked);
  return acked;
}
