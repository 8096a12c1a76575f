/* CPU-bound mix: CRC32, a sieve, multiplies and divides, saturating, parallel and bit-field
   instructions. Each instruction runs over the same pseudo-random operands (with edge values);
   its results and flags are folded into a hash, compared with the value QEMU 7.2 produced. */
#include "lib.h"

static u32 seed;
static u32 rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }
static const u32 edges[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
                             0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0xfedcba98 };
static u32 operand(u32 i) { return i < 16 ? edges[i] : rnd(); }

typedef u32 (*op2_fn)(u32 a, u32 b, u32 c, u32 psr);

/* Runs insn with %[r] = result, %[a] %[b] %[c] operands, APSR preset from psr; returns
   result ^ rotated APSR (flags, Q and GE). */
#define OP(name, insn)                                                                      \
  static u32 name(u32 a, u32 b, u32 c, u32 psr) {                                         \
    u32 r = c, f;                                                                          \
    __asm__ volatile("msr APSR_nzcvqg, %[p]\n" insn "\n mrs %[f], apsr"                   \
                     : [r] "+&r"(r), [f] "=&r"(f) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [p] "r"(psr) : "cc"); \
    f &= 0xf80f0000; return r ^ ((f >> 16) | (f << 16));                                                  \
  }

OP(op_adds, "adds %[r], %[a], %[b]")
OP(op_adcs, "adcs %[r], %[a], %[b]")
OP(op_sbcs, "sbcs %[r], %[a], %[b]")
OP(op_rscs, "rscs %[r], %[a], %[b], ror #7")
OP(op_subs_lsl, "subs %[r], %[a], %[b], lsl %[c]")
OP(op_movs_asr, "movs %[r], %[a], asr %[c]")
OP(op_ands_ror, "ands %[r], %[a], %[b], ror %[c]")
OP(op_movs_rrx, "movs %[r], %[a], rrx")
OP(op_mul, "muls %[r], %[a], %[b]")
OP(op_mla, "mla %[r], %[a], %[b], %[c]")
OP(op_mls, "mls %[r], %[a], %[b], %[c]")
OP(op_umull, "umull %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #3")
OP(op_smull, "smulls %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #3")
OP(op_umlal, "umlal %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #5")
OP(op_smlal, "smlal %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #5")
OP(op_umaal, "umaal %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #9")
OP(op_smulbt, "smulbt %[r], %[a], %[b]")
OP(op_smlatb, "smlatb %[r], %[a], %[b], %[c]")
OP(op_smulwt, "smulwt %[r], %[a], %[b]")
OP(op_smlawb, "smlawb %[r], %[a], %[b], %[c]")
OP(op_smlalbb, "smlalbb %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #11")
OP(op_smuad, "smuad %[r], %[a], %[b]")
OP(op_smusdx, "smusdx %[r], %[a], %[b]")
OP(op_smlald, "smlald %[r], %[c], %[a], %[b]\n eor %[r], %[r], %[c], ror #13")
OP(op_smmulr, "smmulr %[r], %[a], %[b]")
OP(op_smmls, "smmls %[r], %[a], %[b], %[c]")
OP(op_udiv, "udiv %[r], %[a], %[b]")
OP(op_sdiv, "sdiv %[r], %[a], %[b]")
OP(op_qadd, "qadd %[r], %[a], %[b]")
OP(op_qdsub, "qdsub %[r], %[a], %[b]")
OP(op_ssat, "ssat %[r], #9, %[a], asr #3")
OP(op_usat, "usat %[r], #13, %[a], lsl #2")
OP(op_ssat16, "ssat16 %[r], #5, %[a]")
OP(op_usat16, "usat16 %[r], #7, %[a]")
OP(op_sadd16, "sadd16 %[r], %[a], %[b]")
OP(op_uasx, "uasx %[r], %[a], %[b]")
OP(op_ssub8, "ssub8 %[r], %[a], %[b]")
OP(op_uadd8_sel, "uadd8 %[r], %[a], %[b]\n sel %[r], %[a], %[b]")
OP(op_qsub8, "qsub8 %[r], %[a], %[b]")
OP(op_uqadd16, "uqadd16 %[r], %[a], %[b]")
OP(op_shsax, "shsax %[r], %[a], %[b]")
OP(op_uhsub8, "uhsub8 %[r], %[a], %[b]")
OP(op_usada8, "usada8 %[r], %[a], %[b], %[c]")
OP(op_clz, "clz %[r], %[a]")
OP(op_rbit, "rbit %[r], %[a]")
OP(op_rev, "rev %[r], %[a]")
OP(op_rev16, "rev16 %[r], %[a]")
OP(op_revsh, "revsh %[r], %[a]")
OP(op_ubfx, "ubfx %[r], %[a], #5, #17")
OP(op_sbfx, "sbfx %[r], %[a], #9, #13")
OP(op_bfi, "bfi %[r], %[a], #7, #11")
OP(op_bfc, "bfc %[r], #3, #20")
OP(op_sxtab16, "sxtab16 %[r], %[a], %[b], ror #8")
OP(op_uxtah, "uxtah %[r], %[a], %[b], ror #16")
OP(op_sxtb, "sxtb %[r], %[a], ror #24")
OP(op_pkhtb, "pkhtb %[r], %[a], %[b], asr #11")
OP(op_pkhbt, "pkhbt %[r], %[a], %[b], lsl #5")

struct op { const char *name; op2_fn fn; u32 want; };
#define E(n, w) { #n, op_##n, w }
static const struct op ops[] = {
#include "arith-expected.h"
};

static u32 crc_table[256];
static u32 crc32(const u8 *p, u32 n, u32 c) {
  c = ~c;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

static u8 sieve[20000];
static u8 data[4096];

int main(void) {
  section("arith: instructions (hash of results and flags over 512 operand pairs)");
  for (u32 k = 0; k < sizeof ops / sizeof ops[0]; k++) {
    u32 h = 0x811c9dc5;
    seed = 0x2545f491 + k;
    for (u32 i = 0; i < 512; i++) {
      u32 a = operand(i), b = operand(i >> 4 < 16 ? i >> 4 : 16), c = rnd();
      if (ops[k].fn == op_subs_lsl || ops[k].fn == op_movs_asr || ops[k].fn == op_ands_ror) c &= 0x3f;
      if (ops[k].fn == op_sdiv && a == 0x80000000 && b == 0xffffffff) b = 3;
      u32 psr = rnd() & 0xf80f0000;
      h = (h ^ ops[k].fn(a, b, c, psr)) * 0x01000193;
    }
    check(ops[k].name, h, ops[k].want);
  }
  section("arith: division corner cases");
  check("udiv by zero", op_udiv(1234, 0, 0, 0), 0);
  check("sdiv by zero", op_sdiv(0x80000000, 0, 0, 0), 0);
  check("sdiv INT_MIN / -1", op_sdiv(0x80000000, 0xffffffff, 0, 0), 0x80000000);
  check("qadd saturates and sets Q", op_qadd(0x7fffffff, 1, 0, 0), 0x7fffffff ^ 0x0800);  /* result ^ (Q rotated to bit 11) */

  section("arith: CRC32 and sieve");
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    crc_table[i] = c;
  }
  check("crc32 \"123456789\"", crc32((const u8 *)"123456789", 9, 0), 0xcbf43926);
  seed = 1;
  for (u32 i = 0; i < sizeof data; i++) data[i] = (u8)rnd();
  u32 c = 0;
  for (u32 k = 0; k < 16; k++) c = crc32(data, sizeof data, c);
  info("crc32 of 16 x 4 KiB pseudo-random", c);
  u32 count = 0, sum = 0;
  for (u32 i = 2; i < sizeof sieve; i++) {
    if (sieve[i]) continue;
    count++; sum += i;
    for (u32 j = i * 2; j < sizeof sieve; j += i) sieve[j] = 1;
  }
  check("primes below 20000", count, 2262);
  check("their sum", sum, 21171191);
  u64 f = 1;
  for (u32 i = 2; i <= 20; i++) f *= i;
  check64("20!", f, 2432902008176640000ull);
  return finish();
}
