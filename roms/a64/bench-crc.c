// Benchmark workload for the A64 interpreter: table-driven CRC32 over a 64 KiB buffer,
// repeated; passes from the command line's last argument (-append N), default 3000 (about 3 s under QEMU 7.2).
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static uint32_t crc_table[256];
static uint8_t buf[65536];

int main(int argc, char **argv) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    crc_table[i] = c;
  }
  uint32_t x = 0x12345678;
  for (uint32_t i = 0; i < sizeof buf; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; buf[i] = (uint8_t)x; }
  long passes = argc > 1 ? strtol(argv[argc - 1], 0, 10) : 3000;
  if (passes <= 0) passes = 3000;
  uint32_t crc = 0;
  for (long k = 0; k < passes; k++) {
    uint32_t c = ~crc;
    const uint8_t *p = buf;
    for (uint32_t n = sizeof buf; n; n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    crc = ~c;
  }
  printf("bench-crc: passes %ld x 64 KiB, crc32 %08x\n", passes, (unsigned)crc);
  return 0;
}
