// The VMSAv8-64 MMU at EL1: page tables built here for the 4 KiB and 64 KiB granules (and a
// request for 16 KiB, which the A57 lacks: it walks as 4 KiB), 39-, 42- and 48-bit VAs (walks
// starting at levels 0 to 2) in both TTBR0 and TTBR1, block and page mappings, an alias read
// through two VAs, translation, permission and access flag faults (data and instruction aborts),
// AT S1E1R/S1E1W/S1E0R with PAR_EL1 (and the memory type and shareability it reports), LDTR,
// TLBI after a descriptor change, unaligned Device and Normal accesses, a store and a load
// running into an invalid page, TBI0, an ASID switch over nG pages, APTable and PXNTable,
// STP/LDP/ST1/LD1 and DC ZVA running into an invalid page (what is written or loaded before the
// abort), and EL0 loads, stores and calls. Every exception is logged (ESR, FAR); the log must be
// identical under QEMU and armlet. The exit code is the number of exceptions taken.
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)))
#define ISB() __asm__ volatile("isb" ::: "memory")

extern char vectors[], exec_payload[], exec_payload_end[], el0_payload[], el0_payload_end[];
extern void el0_return(void);
void run_el0(uint64_t entry, const uint64_t args[8]);
uint64_t probe_read(uint64_t va);
uint64_t probe_ldtr(uint64_t va);
void probe_write(uint64_t va, uint64_t v);
uint64_t at_s1e1r(uint64_t va);
uint64_t at_s1e1w(uint64_t va);
uint64_t at_s1e0r(uint64_t va);
void probe_stp(uint64_t va, uint64_t a, uint64_t b);
void probe_ldp(uint64_t va, uint64_t out[2]);
void probe_st1x4(uint64_t va, const uint8_t src[64]);
void probe_ld1x4(uint64_t va, uint8_t out[64]);
void probe_dc_zva(uint64_t va);

// Descriptor bits (stage 1, VMSAv8-64).
#define D_VALID 1ull
#define D_TABLE 2ull              // table at levels 0-2, page at level 3
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP_EL0 (1ull << 6)      // AP[1]: EL0 may access
#define D_AP_RO (1ull << 7)       // AP[2]: read-only
#define D_SH_INNER (3ull << 8)
#define D_AF (1ull << 10)
#define D_PXN (1ull << 53)
#define NORMAL (D_ATTR(1) | D_SH_INNER | D_AF)
// attr0 Device-nGnRnE, attr1 Normal write-back, attr2 Normal non-cacheable, attr3 Device-GRE
#define MAIR 0x0c44ff00ull
#define D_NG (1ull << 11)
#define D_PXN_TABLE (1ull << 59)
#define D_AP_TABLE_NO_EL0 (1ull << 61)
#define D_AP_TABLE_RO (1ull << 62)

#define VA_PAGES 0x80000000ull             // page mappings (TTBR0)
#define VA_UNMAPPED 0xc0000000ull          // no table below the first level
#define VA_BLOCK 0x100000000ull            // a level 2 block (TTBR0)
#define VA_APTABLE 0x140000000ull          // below a table descriptor with APTable = read-only, no EL0
#define VA_PXNTABLE 0x180000000ull         // below a table descriptor with PXNTable
#define TAG 0x5a00000000000000ull          // a top byte for TBI
#define MARKER(i) (0x1111111111111111ull * (uint64_t)((i) + 1))

struct frame { uint64_t x[31]; };

static unsigned gran;                      // log2 of the granule the tables are built for
static unsigned va_bits;                   // size of both VA ranges (T0SZ = T1SZ = 64 - va_bits)
static uint8_t pool[16 << 16] __attribute__((aligned(65536)));
static unsigned pool_used;
static uint8_t pages[6][65536] __attribute__((aligned(65536)));
static int faults;

void exc_handler(uint64_t idx, struct frame *f) {
  uint64_t esr = SYSREG_READ(esr_el1), far = SYSREG_READ(far_el1), elr = SYSREG_READ(elr_el1);
  unsigned ec = (unsigned)(esr >> 26);
  faults++;
  printf("    exc %d: vector %llu esr %08llx", faults, (unsigned long long)idx, (unsigned long long)esr);
  if ((ec & ~5u) == 0x20) printf(" far %016llx", (unsigned long long)far); // 0x20, 0x21, 0x24, 0x25
  if (ec == 0x15 && (esr & 0xffff) == 0xe1) { // EL0 is done
    printf("\n");
    SYSREG_WRITE(elr_el1, (uint64_t)el0_return);
    SYSREG_WRITE(spsr_el1, 0x3c5);
    return;
  }
  if (ec == 0x25 || ec == 0x24) {
    elr += 4;                              // skip the load or store
  } else if (ec == 0x21 || ec == 0x20) {
    printf(elr == far ? " elr=far" : " elr!=far");
    elr = f->x[30];                        // back to the caller of the page's code
    f->x[0] = 0xfa17;
  } else {
    printf(" unexpected\n");
    exit(100);
  }
  printf("\n");
  SYSREG_WRITE(elr_el1, elr);
}

static uint64_t *new_table(void) {
  uint64_t *t = (uint64_t *)(pool + pool_used);
  pool_used += 1u << gran;
  memset(t, 0, 1u << gran);
  return t;
}

static int start_level(void) { return 4 - (int)(va_bits - 4) / (int)(gran - 3); }
static unsigned level_shift(int level) { return gran + (gran - 3) * (unsigned)(3 - level); }

/** The descriptor for va at `level`, making the tables above it as needed. */
static uint64_t *slot(uint64_t *root, uint64_t va, int level) {
  uint64_t *t = root;
  for (int l = start_level();; l++) {
    unsigned bits = l == start_level() ? va_bits - level_shift(l) : gran - 3;
    uint64_t i = (va >> level_shift(l)) & ((1ull << bits) - 1);
    if (l == level) return &t[i];
    if (!(t[i] & D_VALID)) t[i] = (uint64_t)new_table() | D_VALID | D_TABLE;
    t = (uint64_t *)(t[i] & 0xfffffffff000ull);
  }
}

static void map_page(uint64_t *root, uint64_t va, void *pa, uint64_t attrs) {
  *slot(root, va, 3) = (uint64_t)pa | attrs | D_VALID | D_TABLE;
}
static void map_block(uint64_t *root, uint64_t va, uint64_t pa, int level, uint64_t attrs) {
  *slot(root, va, level) = pa | attrs | D_VALID;
}

static void tlbi_va(uint64_t va) {
  __asm__ volatile("dsb ishst; tlbi vae1, %0; dsb ish; isb" :: "r"((va >> 12) & 0xfffffffffffull) : "memory");
}
static void tlbi_all(void) { __asm__ volatile("dsb ishst; tlbi vmalle1; dsb ish; isb" ::: "memory"); }

static void show(const char *what, uint64_t v) { printf("  %-34s %016llx\n", what, (unsigned long long)v); }

static void show_bytes(const char *what, const uint8_t *p, int n) {
  printf("  %-34s ", what);
  for (int i = 0; i < n; i++) printf("%02x", p[i]);
  printf("\n");
}

/** Multi-register and block accesses running from a valid page (va) into an invalid one (va + G):
 *  which part is written or loaded before the abort, and the FAR. */
static void crossing(uint64_t va, uint64_t G, uint64_t ro_va) {
  static uint8_t src[80], got[64];
  uint64_t pair[2];
  for (int i = 0; i < 80; i++) src[i] = (uint8_t)(0xa0 + i);
  const uint64_t end = va + G;
  printf("  STP across (first register in the valid page):\n");
  probe_stp(end - 8, 0x1111, 0x2222);
  show("the valid page's last doubleword", probe_read(end - 8));
  printf("  STP, the second register unaligned across:\n");
  probe_stp(end - 12, 0x3333, 0x4444);
  show("the valid page's last 16 bytes", probe_read(end - 16));
  show("", probe_read(end - 8));
  printf("  LDP across:\n");
  probe_ldp(end - 8, pair);
  show("registers after", pair[0]);
  show("", pair[1]);
  printf("  ST1 of four registers from 40 bytes before the end:\n");
  probe_st1x4(end - 40, src);
  printf("  the valid page's last 40 bytes:\n");
  for (int i = 0; i < 5; i++) show("", probe_read(end - 40 + 8 * (uint64_t)i));
  printf("  ST1 of four registers from 37 bytes before the end:\n");
  probe_st1x4(end - 37, src + 1);
  printf("  the valid page's last 40 bytes:\n");
  for (int i = 0; i < 5; i++) show("", probe_read(end - 40 + 8 * (uint64_t)i));
  printf("  LD1 of four registers from 24 bytes before the end:\n");
  probe_ld1x4(end - 24, got);
  show_bytes("registers after", got, 32);
  show_bytes("", got + 32, 32);
  uint64_t id;
  __asm__ volatile("mrs %0, dczid_el0" : "=r"(id));
  show("DCZID_EL0", id);
  for (uint64_t off = 0x88; off >= 0x38; off -= 8) probe_write(end - off, off);
  probe_dc_zva(end - 0x7d);
  show("DC ZVA: the block is zero", probe_read(end - 0x80) | probe_read(end - 0x48));
  show("DC ZVA: the blocks around are not", probe_read(end - 0x88) + probe_read(end - 0x40));
  printf("  DC ZVA on a read-only page, on the invalid page:\n");
  probe_dc_zva(ro_va + 0x123);
  probe_dc_zva(end + 0x45);
}

/** One configuration: TCR_EL1.TG0/TG1 as given, tables built for a granule of 2^table_gran. */
static void run(const char *name, unsigned tg0, unsigned tg1, unsigned table_gran, unsigned bits) {
  printf("== %s, %u-bit VAs (TG0 %u, TG1 %u) ==\n", name, bits, tg0, tg1);
  va_bits = bits;
  gran = table_gran;
  pool_used = 0;
  const uint64_t G = 1ull << gran;
  const uint64_t va_high = ~0ull << va_bits;     // the bottom of the TTBR1 range
  uint64_t *root0 = new_table(), *root1 = new_table();
  // RAM (code, data, stack, these tables) identity-mapped by one block of the first level.
  map_block(root0, 0x40000000, 0x40000000, gran == 12 ? 1 : 2, NORMAL); // 1 GiB or 512 MiB
  for (int i = 0; i < 6; i++) {
    memset(pages[i], 0, sizeof pages[i]);
    *(uint64_t *)(pages[i] + 0x10) = MARKER(i);
  }
  map_page(root0, VA_PAGES + 0 * G, pages[0], NORMAL);
  map_page(root0, VA_PAGES + 1 * G, pages[0], NORMAL);                 // alias of the first
  map_page(root0, VA_PAGES + 2 * G, pages[1], NORMAL | D_AP_RO);
  // VA_PAGES + 3 * G: invalid
  map_page(root0, VA_PAGES + 4 * G, pages[2], NORMAL & ~D_AF);         // access flag clear
  map_page(root0, VA_PAGES + 5 * G, pages[3], NORMAL);                 // remapped later
  map_page(root0, VA_PAGES + 6 * G, pages[5], NORMAL | D_AP_RO);       // code, EL1 only
  map_page(root0, VA_PAGES + 7 * G, pages[5], NORMAL | D_AP_RO | D_PXN);
  map_page(root0, VA_PAGES + 8 * G, pages[5], NORMAL | D_AP_EL0);      // EL0-writable
  map_page(root0, VA_PAGES + 9 * G, pages[0], NORMAL | D_AP_EL0);
  map_page(root0, VA_PAGES + 10 * G, pages[1], D_ATTR(0) | D_AF);                // Device-nGnRnE
  map_page(root0, VA_PAGES + 11 * G, pages[1], D_ATTR(2) | D_AF | D_SH_INNER);   // Normal NC
  map_page(root0, VA_PAGES + 12 * G, pages[1], D_ATTR(1) | D_AF | (2ull << 8));  // outer shareable
  map_page(root0, VA_PAGES + 13 * G, pages[1], D_ATTR(1) | D_AF);                // non-shareable
  map_page(root0, VA_PAGES + 14 * G, pages[1], D_ATTR(3) | D_AF);                // Device-GRE
  map_page(root0, VA_PAGES + 15 * G, pages[2], NORMAL);
  // VA_PAGES + 16 * G: invalid, right after a valid page
  map_page(root0, VA_PAGES + 17 * G, pages[3], NORMAL | D_NG);                   // ASID-specific
  map_page(root0, VA_PAGES + 18 * G, pages[5], NORMAL);                          // EL1-writable code
  map_page(root0, VA_APTABLE, pages[0], NORMAL | D_AP_EL0);
  *slot(root0, VA_APTABLE, 2) |= D_AP_TABLE_RO | D_AP_TABLE_NO_EL0;
  map_page(root0, VA_PXNTABLE, pages[5], NORMAL | D_AP_RO);
  *slot(root0, VA_PXNTABLE, 2) |= D_PXN_TABLE;
  const uint64_t bsize = 1ull << level_shift(2);
  const uint64_t bbase = (uint64_t)pages[0] & ~(bsize - 1);
  map_block(root0, VA_BLOCK, bbase, 2, NORMAL);
  map_page(root1, va_high, pages[1], NORMAL);
  map_block(root1, va_high + bsize, bbase, 2, NORMAL | D_AP_RO);
  map_page(root0, VA_PAGES + 19 * G, pages[5], NORMAL | D_AP_EL0 | D_AP_RO);       // EL0 code
  map_page(root0, VA_PAGES + 20 * G, pages[5], NORMAL | D_AP_EL0 | D_AP_RO | (1ull << 54)); // UXN
  map_page(root0, VA_PAGES + 21 * G, pages[1], NORMAL | D_AP_EL0 | D_AP_RO);
  memcpy(pages[5], exec_payload, (size_t)(exec_payload_end - exec_payload));
  memcpy(pages[5] + 0x100, el0_payload, (size_t)(el0_payload_end - el0_payload));
  printf("  tables: %u bytes, first level %d, block size %llx\n", pool_used, start_level(),
         (unsigned long long)bsize);

  const uint64_t tsz = 64 - va_bits;
  const uint64_t tcr = tsz | (1ull << 8) | (1ull << 10) | (3ull << 12) | ((uint64_t)tg0 << 14) |
                       (tsz << 16) | (1ull << 24) | (1ull << 26) | (3ull << 28) | ((uint64_t)tg1 << 30) |
                       (2ull << 32);
  const uint64_t sctlr = SYSREG_READ(sctlr_el1);
  SYSREG_WRITE(mair_el1, MAIR);
  SYSREG_WRITE(tcr_el1, tcr);
  SYSREG_WRITE(ttbr0_el1, root0);
  SYSREG_WRITE(ttbr1_el1, root1);
  __asm__ volatile("dsb ish; ic iallu; dsb ish" ::: "memory");
  tlbi_all();
  SYSREG_WRITE(sctlr_el1, sctlr | 1 | (1 << 2) | (1 << 12)); // M, C, I
  ISB();
  printf("  MMU on: SCTLR_EL1 %08llx\n", (unsigned long long)SYSREG_READ(sctlr_el1));

  show("page read", probe_read(VA_PAGES + 0x10));
  probe_write(VA_PAGES + G + 0x18, 0xa11a5);
  show("written via alias, read via first", probe_read(VA_PAGES + 0x18));
  show("alias PA == first PA", at_s1e1r(VA_PAGES + G) == at_s1e1r(VA_PAGES));
  show("read-only page read", probe_read(VA_PAGES + 2 * G + 0x10));
  printf("  write to the read-only page:\n");
  probe_write(VA_PAGES + 2 * G + 0x10, 1);
  show("read-only page after", probe_read(VA_PAGES + 2 * G + 0x10));
  printf("  invalid page, then no table at all:\n");
  show("read", probe_read(VA_PAGES + 3 * G + 8));
  show("read", probe_read(VA_UNMAPPED + 0x123));
  printf("  write beyond the VA range:\n");
  probe_write(1ull << va_bits, 1);

  show("AT S1E1R page", at_s1e1r(VA_PAGES + 0x10));
  show("AT S1E1R RAM (block)", at_s1e1r((uint64_t)pages[3] + 0x20));
  show("AT S1E1W read-only page", at_s1e1w(VA_PAGES + 2 * G));
  show("AT S1E1R invalid page", at_s1e1r(VA_PAGES + 3 * G));
  show("AT S1E1R no table", at_s1e1r(VA_UNMAPPED));
  show("AT S1E0R EL1-only page", at_s1e0r(VA_PAGES));
  show("AT S1E0R EL0 page", at_s1e0r(VA_PAGES + 9 * G));
  show("AT S1E1R access flag clear", at_s1e1r(VA_PAGES + 4 * G));

  printf("  access flag clear:\n");
  show("read", probe_read(VA_PAGES + 4 * G + 0x10));
  *slot(root0, VA_PAGES + 4 * G, 3) |= D_AF;
  tlbi_va(VA_PAGES + 4 * G);
  show("read after setting AF", probe_read(VA_PAGES + 4 * G + 0x10));

  show("TLBI: before the change", probe_read(VA_PAGES + 5 * G + 0x10));
  *slot(root0, VA_PAGES + 5 * G, 3) = (uint64_t)pages[4] | NORMAL | D_VALID | D_TABLE;
  tlbi_va(VA_PAGES + 5 * G);
  show("TLBI: after the change", probe_read(VA_PAGES + 5 * G + 0x10));
  *slot(root0, VA_PAGES + 5 * G, 3) = 0;
  tlbi_all();
  printf("  descriptor cleared:\n");
  show("read", probe_read(VA_PAGES + 5 * G + 0x10));

  show("block read", probe_read(VA_BLOCK + ((uint64_t)pages[0] - bbase) + 0x10));
  show("AT S1E1R block", at_s1e1r(VA_BLOCK + ((uint64_t)pages[2] - bbase) + 0x10));
  show("TTBR1 page read", probe_read(va_high + 0x10));
  show("TTBR1 block read", probe_read(va_high + bsize + ((uint64_t)pages[3] - bbase) + 0x10));
  show("AT S1E1R TTBR1 page", at_s1e1r(va_high + 0x10));
  show("AT S1E1W TTBR1 read-only block", at_s1e1w(va_high + bsize));
  printf("  write to the TTBR1 read-only block:\n");
  probe_write(va_high + bsize + 0x10, 1);
  printf("  read in the TTBR1 range, unmapped:\n");
  show("read", probe_read(va_high + 2 * bsize));

  uint64_t (*code)(void) = (uint64_t (*)(void))(VA_PAGES + 6 * G);
  show("execute EL1-only read-only page", code());
  printf("  execute a PXN page:\n");
  code = (uint64_t (*)(void))(VA_PAGES + 7 * G);
  show("result", code());
  printf("  execute an EL0-writable page at EL1:\n");
  code = (uint64_t (*)(void))(VA_PAGES + 8 * G);
  show("result", code());

  show("LDTR EL0 page", probe_ldtr(VA_PAGES + 9 * G + 0x10));
  printf("  LDTR EL1-only page:\n");
  show("result", probe_ldtr(VA_PAGES + 0x10));

  show("AT S1E1R Device-nGnRnE", at_s1e1r(VA_PAGES + 10 * G));
  show("AT S1E1R Normal non-cacheable", at_s1e1r(VA_PAGES + 11 * G));
  show("AT S1E1R Normal outer shareable", at_s1e1r(VA_PAGES + 12 * G));
  show("AT S1E1R Normal non-shareable", at_s1e1r(VA_PAGES + 13 * G));
  show("AT S1E1R Device-GRE", at_s1e1r(VA_PAGES + 14 * G));
  show("Device read", probe_read(VA_PAGES + 10 * G + 0x10));
  printf("  unaligned Device read:\n");
  show("result", probe_read(VA_PAGES + 10 * G + 0x13));
  show("unaligned Normal read", probe_read(VA_PAGES + 11 * G + 0x13));

  probe_write(VA_PAGES + 16 * G - 8, 0x0123456789abcdefull);
  printf("  unaligned store across into the invalid page:\n");
  probe_write(VA_PAGES + 16 * G - 4, 0xffffffffffffffffull);
  show("the valid half is untouched", probe_read(VA_PAGES + 16 * G - 8));
  printf("  unaligned load across into the invalid page:\n");
  show("result", probe_read(VA_PAGES + 16 * G - 2));

  SYSREG_WRITE(tcr_el1, tcr | (1ull << 37)); // TBI0
  tlbi_all();
  show("TBI0: tagged read", probe_read(TAG | (VA_PAGES + 0x10)));
  show("TBI0: AT S1E1R tagged", at_s1e1r(TAG | (VA_PAGES + 0x10)));
  SYSREG_WRITE(tcr_el1, tcr);
  tlbi_all();
  printf("  no TBI0: tagged read:\n");
  show("result", probe_read(TAG | (VA_PAGES + 0x10)));

  SYSREG_WRITE(ttbr0_el1, (uint64_t)root0 | (1ull << 48));
  ISB();
  show("ASID 1: nG page", probe_read(VA_PAGES + 17 * G + 0x10));
  *slot(root0, VA_PAGES + 17 * G, 3) = (uint64_t)pages[4] | NORMAL | D_NG | D_VALID | D_TABLE;
  __asm__ volatile("dsb ish" ::: "memory");
  SYSREG_WRITE(ttbr0_el1, (uint64_t)root0 | (2ull << 48));
  ISB();
  show("ASID 2 after the change, no TLBI", probe_read(VA_PAGES + 17 * G + 0x10));
  SYSREG_WRITE(ttbr0_el1, root0);
  tlbi_all();

  printf("  write below an APTable read-only table:\n");
  probe_write(VA_APTABLE + 0x10, 1);
  show("read", probe_read(VA_APTABLE + 0x10));
  printf("  LDTR below an APTable no-EL0 table:\n");
  show("result", probe_ldtr(VA_APTABLE + 0x10));
  show("AT S1E1W below APTable read-only", at_s1e1w(VA_APTABLE));
  printf("  execute below a PXNTable table:\n");
  code = (uint64_t (*)(void))VA_PXNTABLE;
  show("result", code());

  code = (uint64_t (*)(void))(VA_PAGES + 18 * G);
  show("execute an EL1-writable page", code());
  crossing(VA_PAGES + 15 * G, G, VA_PAGES + 2 * G);

  printf("  EL0:\n");
  const uint64_t el0_args[8] = { VA_PAGES + 9 * G + 0x10, VA_PAGES + 0x10, VA_PAGES + 21 * G + 0x10, VA_PAGES + 3 * G,
                                 VA_PAGES + 20 * G, VA_PAGES + 19 * G, VA_PAGES + 6 * G, 0 };
  __asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
  run_el0(VA_PAGES + 19 * G + 0x100, el0_args);
  static const char *const el0_what[] = { "EL0 read of an EL0 page", "EL0 read of an EL1-only page",
    "EL0 read of a read-only page", "EL0 read of an invalid page", "EL0 call to a UXN page",
    "EL0 call to an EL0 page", "EL0 call to an EL1-only page" };
  for (int i = 0; i < 7; i++) show(el0_what[i], probe_read(VA_PAGES + 9 * G + 0x20 + 8 * (uint64_t)i));
  show("read-only page after the EL0 store", probe_read(VA_PAGES + 21 * G + 0x10));

  SYSREG_WRITE(sctlr_el1, sctlr);
  ISB();
  tlbi_all();
  printf("  MMU off, %d exceptions so far\n", faults);
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uint64_t)vectors);
  ISB();
  printf("ID_AA64MMFR0_EL1 %016llx SCTLR_EL1 %08llx\n", (unsigned long long)SYSREG_READ(id_aa64mmfr0_el1),
         (unsigned long long)SYSREG_READ(sctlr_el1));
  printf("MMU off: AT S1E1R %016llx\n", (unsigned long long)at_s1e1r((uint64_t)pages[0]));
  run("4 KiB granule", 0, 2, 12, 39);
  run("64 KiB granule", 1, 3, 16, 39);
  run("16 KiB requested, tables for 4 KiB", 2, 1, 12, 39);
  run("4 KiB granule", 0, 2, 12, 48);
  run("64 KiB granule", 1, 3, 16, 48);
  run("64 KiB granule", 1, 3, 16, 42);
  printf("done: %d exceptions\n", faults);
  return faults;
}
