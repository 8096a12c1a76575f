#!/bin/sh
# Rebuilds roms/bin/diff-harness.bin (raw A32 code linked at 0x40000000) from
# roms/src/diff-harness.S with arm-none-eabi-gcc. test/diff/program.ts wraps it, with the
# generated test cases, into one ELF that QEMU and armlet both boot.
#   test/diff/build-harness.sh [OUT]   (default OUT: roms/bin/diff-harness.bin)
set -eu
OUT=$(realpath -m "${1:-$(dirname "$0")/../../roms/bin/diff-harness.bin}")
cd "$(dirname "$0")/../.."
CC=${CC:-arm-none-eabi-gcc}
OBJCOPY=${OBJCOPY:-arm-none-eabi-objcopy}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
$CC -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=softfp -marm -nostdlib -nostartfiles -static -Wl,-Ttext=0x40000000 \
  -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
  roms/src/diff-harness.S -o "$TMP/diff-harness.elf"
$OBJCOPY -O binary -j .text "$TMP/diff-harness.elf" "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
