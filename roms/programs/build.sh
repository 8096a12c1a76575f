#!/bin/sh
# Builds roms/bin/programs/hardfloat.elf: a Thumb-2 hard-float (VFPv4 + NEON) program, bare metal on
# QEMU -M virt, with newlib (nano) and rdimon semihosting from Debian's arm-none-eabi-gcc
# (multilib thumb/v7-a+simd/hard). test/programs/hardfloat.test.ts runs it under armlet and QEMU.
#   roms/programs/build.sh [OUT]   (default OUT: roms/bin/programs/hardfloat.elf)
set -eu
OUT=$(realpath -m "${1:-$(dirname "$0")/../bin/programs/hardfloat.elf}")
cd "$(dirname "$0")"
CC=${CC:-arm-none-eabi-gcc}
$CC -mthumb -march=armv7-a+simd -mfpu=neon-vfpv4 -mfloat-abi=hard -mtune=cortex-a15 -O2 -std=gnu11 \
  -Wall -Wextra -ffile-prefix-map="$PWD"=. -ffunction-sections -fdata-sections \
  --specs=nano.specs --specs=rdimon.specs -u _printf_float -nostartfiles -T link.ld \
  -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -s \
  start.S hardfloat.c -lm -o "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
