#!/bin/sh
# Rebuilds roms/bin/diff-harness-a64.bin (raw A64 code linked at 0x40000000) from
# roms/src/diff-harness-a64.S with aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu).
# test/diff/a64-program.ts wraps it, with the generated test cases, into one ELF64 that QEMU
# and armlet both boot.
#   test/diff/build-harness-a64.sh [OUT]   (default OUT: roms/bin/diff-harness-a64.bin)
set -eu
OUT=$(realpath -m "${1:-$(dirname "$0")/../../roms/bin/diff-harness-a64.bin}")
cd "$(dirname "$0")/../.."
CC=${CC:-aarch64-linux-gnu-gcc}
OBJCOPY=${OBJCOPY:-aarch64-linux-gnu-objcopy}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
$CC -march=armv8-a -nostdlib -nostartfiles -static -Wl,-Ttext=0x40000000 \
  -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
  roms/src/diff-harness-a64.S -o "$TMP/diff-harness-a64.elf"
$OBJCOPY -O binary -j .text "$TMP/diff-harness-a64.elf" "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
