/* Benchmark workload of mixed code, the JIT's second yardstick (bench-crc is one tight loop):
   recursive quicksort (calls, compares, swaps), a linked list walked and relinked (dependent
   loads), a switch-dispatched bytecode interpreter (indirect branches), and byte copies with
   calls through function pointers. Rounds come from the semihosting command line's last
   number (default 200). Prints one result line with a checksum. */
#include "lib.h"

#define N 2048
static u32 data[N];
struct node { struct node *next; u32 value; };
static struct node nodes[N];
static u8 src[4096], dst[4096];

static u32 rng_state = 0x9e3779b9;
static u32 rnd(void) { u32 x = rng_state; x ^= x << 13; x ^= x >> 17; x ^= x << 5; return rng_state = x; }

static void quicksort(u32 *a, int lo, int hi) {
  while (lo < hi) {
    u32 p = a[(lo + hi) >> 1];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { u32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
  }
}

static u32 walk(struct node *head) {
  u32 s = 0;
  for (struct node *n = head; n; n = n->next) s = (s << 1 | s >> 31) ^ n->value;
  return s;
}

/* Bytecode: 0 push imm, 1 add, 2 mul, 3 xor, 4 dup, 5 swap, 6 drop, 7 jump-if-nonzero back. */
static const u8 program[] = { 0, 7, 0, 3, 1, 4, 0, 5, 2, 5, 3, 0, 1, 5, 1, 0, 255, 3, 4, 6, 0, 1, 1, 7 };
static u32 run_vm(u32 seed, u32 steps) {
  u32 stack[16]; int sp = 0; u32 pc = 0, acc = seed;
  for (u32 k = 0; k < steps; k++) {
    u8 op = program[pc];
    u32 a = sp > 0 ? stack[sp - 1] : acc;
    switch (op) {
      case 0: if (sp < 16) stack[sp++] = program[pc + 1] ^ acc; pc += 2; break;
      case 1: if (sp > 1) { stack[sp - 2] += a; sp--; } acc += a; pc++; break;
      case 2: if (sp > 1) { stack[sp - 2] *= a | 1; sp--; } acc *= 3; pc++; break;
      case 3: acc ^= a; pc++; break;
      case 4: if (sp < 16) stack[sp++] = a; pc++; break;
      case 5: if (sp > 1) { u32 t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } pc++; break;
      case 6: if (sp > 0) sp--; pc++; break;
      default: pc = (acc & 1) ? 0 : pc + 1; if (pc >= sizeof program) pc = 0; break;
    }
    if (pc >= sizeof program) pc = 0;
  }
  return acc + (sp > 0 ? stack[sp - 1] : 0);
}

static void copy_fwd(u8 *d, const u8 *s, u32 n) { while (n--) *d++ = *s++; }
static void copy_xor(u8 *d, const u8 *s, u32 n) { for (u32 i = 0; i < n; i++) d[i] ^= s[i]; }
static void (*const copiers[2])(u8 *, const u8 *, u32) = { copy_fwd, copy_xor };

static u32 cmdline_rounds(u32 dflt) {
  static char line[256];
  static volatile u32 block[2];
  block[0] = (u32)line; block[1] = sizeof line - 1;
  if (semihost(0x15, (u32)block) != 0) return dflt;     /* SYS_GET_CMDLINE */
  u32 n = 0, cur = 0, in = 0;
  for (u32 i = 0; i < block[1] && line[i]; i++) {
    char ch = line[i];
    if (ch >= '0' && ch <= '9') { cur = cur * 10 + (u32)(ch - '0'); in = 1; }
    else { if (in) n = cur; cur = 0; in = 0; }
  }
  if (in) n = cur;
  return n ? n : dflt;
}

int main(void) {
  u32 rounds = cmdline_rounds(200), sum = 0;
  for (u32 i = 0; i < sizeof src; i++) src[i] = (u8)rnd();
  for (u32 r = 0; r < rounds; r++) {
    for (u32 i = 0; i < N; i++) data[i] = rnd();
    quicksort(data, 0, N - 1);
    sum += data[r % N] ^ data[N / 2];
    for (u32 i = 0; i < N; i++) { nodes[i].value = data[i]; nodes[i].next = 0; }
    struct node *head = 0;
    for (u32 i = 0; i < N; i++) { struct node *n = &nodes[(i * 977 + r) % N]; if (n->next == 0 && n != head) { n->next = head; head = n; } }
    sum ^= walk(head);
    sum += run_vm(sum, 20000);
    for (u32 k = 0; k < 8; k++) copiers[(sum >> k) & 1](dst, src + (k * 64), sizeof dst - 512);
    sum ^= dst[r % sizeof dst];
  }
  puts("bench-mixed: rounds "); putdec(rounds); puts(", checksum "); puthex(sum); newline();
  return 0;
}
