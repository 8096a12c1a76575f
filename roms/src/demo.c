/* The default guest: a banner over the PL011 and a few lines computed at run time. */
#include "lib.h"

static u32 crc32(const u8 *p, u32 n) {
  u32 c = 0xffffffff;
  while (n--) {
    c ^= *p++;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}

static u8 sieve[1000];

int main(void) {
  puts("armlet demo: ARMv7-A Cortex-A15 bare-metal guest\n");
  u32 midr = MRC(0, c0, c0, 0);
  puts("MIDR: "); puthex(midr); puts(" (implementer "); puthex(midr >> 24);
  puts(", part "); puthex((midr >> 4) & 0xfff); puts(")\n");
  static const char text[] = "The quick brown fox jumps over the lazy dog";
  puts("CRC32(\""); puts(text); puts("\") = "); puthex(crc32((const u8 *)text, sizeof text - 1));
  newline();
  u32 count = 0, last = 0;
  for (u32 i = 2; i < sizeof sieve; i++) {
    if (sieve[i]) continue;
    count++; last = i;
    for (u32 j = i * i; j < sizeof sieve; j += i) sieve[j] = 1;
  }
  puts("primes below 1000: "); putdec(count); puts(", largest "); putdec(last); newline();
  u32 a = 1, b = 1;
  for (int i = 0; i < 45; i++) { u32 t = a + b; a = b; b = t; }
  puts("fib(47) = "); putdec(b); newline();
  puts("1000000007 / 12345 = "); putdec(1000000007u / 12345u); puts(" rem ");
  putdec(1000000007u % 12345u); newline();
  puts("goodbye\n");
  return 0;
}
