// Load/store exclusive at EL1 (Armv8.0, no LSE): LDXR/STXR and LDAXR/STLXR on bytes,
// halfwords, words and doublewords, LDXP/STXP and LDAXP/STLXP on word and doubleword pairs,
// the store failing (status 1) without a reservation, after CLREX, at another address, after an
// exception return, and twice in a row; stores of another size than the load; alignment faults
// (a pair of doublewords needs 16 bytes); then a C11 atomics loop built from the same
// instructions (-mno-outline-atomics). The output must be identical under QEMU and armlet; the
// exit code is the number of exceptions taken.
#include <stdio.h>
#include <stdint.h>
#include <stdatomic.h>

#define SYSREG_READ(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((uint64_t)(v)))

extern char vectors[];

#define SKIPPED 0xfa17   // what a load leaves in its register when it faulted (the handler skips it)
#define NO_STATUS 7      // what a store leaves in its status register when it faulted

static uint64_t mem[8] __attribute__((aligned(64)));
static volatile int count;

void exc_handler(uint64_t idx) {
  uint64_t esr = SYSREG_READ(esr_el1), elr = SYSREG_READ(elr_el1), far = SYSREG_READ(far_el1);
  unsigned ec = (unsigned)(esr >> 26);
  count++;
  printf("    exc %d: vector %llu esr %08llx", count, (unsigned long long)idx, (unsigned long long)esr);
  if (ec == 0x25) printf(" far mem%+lld", (long long)(far - (uint64_t)mem));
  printf("\n");
  if (ec != 0x15) SYSREG_WRITE(elr_el1, elr + 4); // skip it (SVC already points past)
}

// One function per instruction: the load returns the value, the store its status.
#define LOAD(name, insn, reg) \
  static uint64_t name(volatile void *p) { \
    uint64_t v = SKIPPED; \
    __asm__ volatile(insn " %" reg "0, [%1]" : "+r"(v) : "r"(p) : "memory"); \
    return v; \
  }
#define STORE(name, insn, reg) \
  static uint32_t name(volatile void *p, uint64_t v) { \
    uint64_t s = NO_STATUS; \
    __asm__ volatile(insn " %w0, %" reg "1, [%2]" : "+&r"(s) : "r"(v), "r"(p) : "memory"); \
    return (uint32_t)s; \
  }
LOAD(ldxrb, "ldxrb", "w") LOAD(ldxrh, "ldxrh", "w") LOAD(ldxrw, "ldxr", "w") LOAD(ldxrx, "ldxr", "x")
LOAD(ldaxrb, "ldaxrb", "w") LOAD(ldaxrh, "ldaxrh", "w") LOAD(ldaxrw, "ldaxr", "w") LOAD(ldaxrx, "ldaxr", "x")
STORE(stxrb, "stxrb", "w") STORE(stxrh, "stxrh", "w") STORE(stxrw, "stxr", "w") STORE(stxrx, "stxr", "x")
STORE(stlxrb, "stlxrb", "w") STORE(stlxrh, "stlxrh", "w") STORE(stlxrw, "stlxr", "w") STORE(stlxrx, "stlxr", "x")

#define LOAD_PAIR(name, insn, reg) \
  static void name(volatile void *p, uint64_t *a, uint64_t *b) { \
    uint64_t x = SKIPPED, y = SKIPPED; \
    __asm__ volatile(insn " %" reg "0, %" reg "1, [%2]" : "+r"(x), "+r"(y) : "r"(p) : "memory"); \
    *a = x; *b = y; \
  }
#define STORE_PAIR(name, insn, reg) \
  static uint32_t name(volatile void *p, uint64_t a, uint64_t b) { \
    uint64_t s = NO_STATUS; \
    __asm__ volatile(insn " %w0, %" reg "1, %" reg "2, [%3]" : "+&r"(s) : "r"(a), "r"(b), "r"(p) : "memory"); \
    return (uint32_t)s; \
  }
LOAD_PAIR(ldxpw, "ldxp", "w") LOAD_PAIR(ldxpx, "ldxp", "x") LOAD_PAIR(ldaxpx, "ldaxp", "x")
STORE_PAIR(stxpw, "stxp", "w") STORE_PAIR(stxpx, "stxp", "x") STORE_PAIR(stlxpx, "stlxp", "x")

static void fill(void) {
  for (int i = 0; i < 8; i++) mem[i] = 0x0807060504030201ull * (uint64_t)(i + 1) ^ 0xf0e0d0c0b0a09080ull;
}

static void dump(void) {
  printf("    mem %016llx %016llx %016llx\n", (unsigned long long)mem[0], (unsigned long long)mem[1],
         (unsigned long long)mem[2]);
}

#define H(v) ((unsigned long long)(v))

static void sizes(void) {
  printf("sizes (load, status):\n");
  fill();
  uint8_t *b = (uint8_t *)mem;
  uint64_t v = ldxrb(b + 3); printf("  LDXRB/STXRB   %llx %u\n", H(v), stxrb(b + 3, v + 1));
  v = ldxrh(b + 6); printf("  LDXRH/STXRH   %llx %u\n", H(v), stxrh(b + 6, ~v));
  v = ldxrw(b + 12); printf("  LDXR/STXR W   %llx %u\n", H(v), stxrw(b + 12, v << 4));
  v = ldxrx(b + 16); printf("  LDXR/STXR X   %llx %u\n", H(v), stxrx(b + 16, v ^ 0xffff0000ffff0000ull));
  dump();
  v = ldaxrb(b + 1); printf("  LDAXRB/STLXRB %llx %u\n", H(v), stlxrb(b + 1, 0x5a));
  v = ldaxrh(b + 10); printf("  LDAXRH/STLXRH %llx %u\n", H(v), stlxrh(b + 10, v + 0x8001));
  v = ldaxrw(b + 20); printf("  LDAXR/STLXR W %llx %u\n", H(v), stlxrw(b + 20, 0xdeadbeef));
  v = ldaxrx(b + 8); printf("  LDAXR/STLXR X %llx %u\n", H(v), stlxrx(b + 8, v * 3));
  dump();
  uint64_t x, y;
  ldxpw(b + 0, &x, &y); printf("  LDXP/STXP W   %llx %llx %u\n", H(x), H(y), stxpw(b + 0, y, x));
  ldxpx(b + 16, &x, &y); printf("  LDXP/STXP X   %llx %llx %u\n", H(x), H(y), stxpx(b + 16, y + 1, x - 1));
  ldaxpx(b + 0, &x, &y); printf("  LDAXP/STLXP X %llx %llx %u\n", H(x), H(y), stlxpx(b + 0, x & y, x | y));
  dump();
}

static void failures(void) {
  printf("stores that must fail (status, then memory):\n");
  fill();
  uint64_t v;
  printf("  STXR without LDXR         %u\n", stxrx(&mem[0], 1));
  v = ldxrx(&mem[0]);
  __asm__ volatile("clrex" ::: "memory");
  printf("  LDXR, CLREX, STXR         %u\n", stxrx(&mem[0], v + 1));
  v = ldxrx(&mem[0]);
  printf("  LDXR, STXR elsewhere      %u\n", stxrx(&mem[1], v));
  printf("  then STXR at the address  %u\n", stxrx(&mem[0], v));
  v = ldxrx(&mem[0]);
  __asm__ volatile("svc #0x5" ::: "memory");
  printf("  LDXR, SVC+ERET, STXR      %u\n", stxrx(&mem[0], v + 2));
  v = ldxrx(&mem[0]);
  printf("  LDXR, STXR                %u\n", stxrx(&mem[0], v + 3));
  printf("  second STXR               %u\n", stxrx(&mem[0], v + 4));
  (void)ldxrx(&mem[0]);
  v = ldxrx(&mem[1]);
  printf("  LDXR a, LDXR b, STXR a    %u\n", stxrx(&mem[0], 5));
  v = ldxrx(&mem[0]);
  (void)ldxrx(&mem[1]);
  printf("  LDXR a, LDXR b, STXR b    %u\n", stxrx(&mem[1], 6));
  uint64_t x, y;
  ldxpx(&mem[2], &x, &y);
  printf("  LDXP, CLREX, STXP         ");
  __asm__ volatile("clrex" ::: "memory");
  printf("%u\n", stxpx(&mem[2], 7, 8));
  dump();
}

/** A store-exclusive of another size than the load (CONSTRAINED UNPREDICTABLE): QEMU compares
 *  memory, at the store's size, with the whole value the load recorded. */
static void mixed_sizes(void) {
  printf("mixed sizes (status, then memory):\n");
  fill();
  mem[0] = 0x12345678;
  mem[1] = 0x1111111122222222ull;
  uint64_t x, y;
  (void)ldxrx(&mem[0]); printf("  LDXR X (high half 0), STXR W %u\n", stxrw(&mem[0], 0xaaaa));
  (void)ldxrx(&mem[1]); printf("  LDXR X, STXR W              %u\n", stxrw(&mem[1], 0xbbbb));
  (void)ldxrw(&mem[2]); printf("  LDXR W, STXR X              %u\n", stxrx(&mem[2], 0xcccc));
  (void)ldxrb(&mem[3]); printf("  LDXRB, STXRH                %u\n", stxrh(&mem[3], 0xdddd));
  ldxpx(&mem[4], &x, &y); printf("  LDXP X, STXR X              %u\n", stxrx(&mem[4], 0xeeee));
  (void)ldxrx(&mem[6]); printf("  LDXR X, STXP X              %u\n", stxpx(&mem[6], 1, 2));
  ldxpw(&mem[5], &x, &y); printf("  LDXP W, STXR X              %u\n", stxrx(&mem[5], 0xffff));
  dump();
  printf("    mem %016llx %016llx %016llx %016llx %016llx\n", H(mem[3]), H(mem[4]), H(mem[5]), H(mem[6]), H(mem[7]));
}

static void alignment(void) {
  printf("alignment (always checked for exclusives):\n");
  fill();
  uint8_t *b = (uint8_t *)mem;
  uint64_t x, y;
  printf("  LDXR X +4\n"); printf("  -> %llx\n", H(ldxrx(b + 4)));
  printf("  LDXRH +1\n"); printf("  -> %llx\n", H(ldxrh(b + 1)));
  printf("  LDAXR W +2\n"); printf("  -> %llx\n", H(ldaxrw(b + 2)));
  printf("  STXR W +6\n"); printf("  -> %u\n", stxrw(b + 6, 0));
  printf("  LDXP W +4\n"); ldxpw(b + 4, &x, &y); printf("  -> %llx %llx\n", H(x), H(y));
  printf("  LDXP X +8\n"); ldxpx(b + 8, &x, &y); printf("  -> %llx %llx\n", H(x), H(y));
  printf("  STXP X +8\n"); printf("  -> %u\n", stxpx(b + 8, 0, 0));
  printf("  LDXRB +3 (no alignment needed)\n"); printf("  -> %llx\n", H(ldxrb(b + 3)));
  dump();
}

static _Atomic uint8_t a8;
static _Atomic uint16_t a16;
static _Atomic uint32_t a32;
static _Atomic uint64_t a64;
static atomic_flag flag = ATOMIC_FLAG_INIT;

static void c11(void) {
  uint64_t h = 0;
  int sets = 0;
  for (uint32_t i = 0; i < 2000; i++) {
    atomic_fetch_add(&a32, i);
    atomic_fetch_sub_explicit(&a64, (uint64_t)i * 0x10001, memory_order_relaxed);
    atomic_fetch_xor(&a8, (uint8_t)(i * 7));
    atomic_fetch_or_explicit(&a16, (uint16_t)(1u << (i % 16)), memory_order_acq_rel);
    atomic_fetch_and(&a16, (uint16_t)~(1u << ((i * 5) % 16)));
    uint32_t want = atomic_load(&a32);
    while (!atomic_compare_exchange_weak(&a32, &want, want * 3 + 1)) {}
    uint64_t cur = atomic_load(&a64);
    uint64_t old = atomic_exchange_explicit(&a64, cur ^ (i * 0x9e37u), memory_order_acquire);
    uint64_t expect = old + 1; // wrong on purpose: the strong CAS must fail and return the value
    if (!atomic_compare_exchange_strong(&a64, &expect, 0)) h = h * 31 + expect;
    if (!atomic_flag_test_and_set(&flag)) sets++;
    if (i % 3 == 0) atomic_flag_clear(&flag);
  }
  printf("C11 atomics: a8 %02x a16 %04x a32 %08x a64 %016llx hash %016llx flag sets %d\n", (unsigned)a8,
         (unsigned)a16, (unsigned)a32, H(a64), H(h), sets);
}

int main(void) {
  SYSREG_WRITE(vbar_el1, (uint64_t)vectors);
  __asm__ volatile("isb");
  sizes();
  failures();
  mixed_sizes();
  alignment();
  c11();
  printf("%d exceptions\n", count);
  return count;
}
