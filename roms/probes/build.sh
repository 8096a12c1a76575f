#!/bin/sh
# Builds the probes (raw images for QEMU's Linux loader) into roms/bin/probes
# with Debian's arm-none-eabi-gcc 12.2.1: the bus probes (one per board; test/machines/unassigned.test.ts
# runs them under QEMU 7.2 and armlet and compares what they print) and the console input probe
# (test/machines/console-input.test.ts).
#   roms/probes/build.sh [OUTDIR]   (default roms/bin/probes)
set -eu
OUT=$(realpath -m "${1:-$(dirname "$0")/../bin/probes}")
cd "$(dirname "$0")"
CC=${CC:-arm-none-eabi-gcc}
OBJCOPY=${OBJCOPY:-arm-none-eabi-objcopy}
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFLAGS="-mcpu=cortex-a15 -marm -mfloat-abi=soft -O2 -std=gnu11 -Wall -Wextra -Werror -ffreestanding
  -fno-builtin -fno-pic -fno-common -fno-unwind-tables -fno-asynchronous-unwind-tables
  -fno-stack-protector -ffile-prefix-map=$PWD=."
for board in virt:0x40010000:BOARD_VIRT vexpress-a15:0x80010000:BOARD_VEXPRESS; do
  name=${board%%:*}; rest=${board#*:}; load=${rest%%:*}; def=${rest#*:}
  # shellcheck disable=SC2086
  $CC $CFLAGS -D$def -nostdlib -nostartfiles -static -T link.ld -Wl,--defsym=LOAD=$load \
    -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments start.S unassigned.c -o "$TMP/$name.elf"
  $OBJCOPY -O binary "$TMP/$name.elf" "$OUT/unassigned-$name.bin"
  echo "built $OUT/unassigned-$name.bin"
done
# Console input probe (virt only).
# shellcheck disable=SC2086
$CC $CFLAGS -DBOARD_VIRT -nostdlib -nostartfiles -static -T link.ld -Wl,--defsym=LOAD=0x40010000 \
  -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments start.S echo.c -o "$TMP/echo.elf"
$OBJCOPY -O binary "$TMP/echo.elf" "$OUT/echo-virt.bin"
echo "built $OUT/echo-virt.bin"
