#!/bin/sh
# Rebuilds roms/bin/*.elf from roms/src and roms/tests with Debian's arm-none-eabi-gcc (12.2.1,
# Debian 12 package gcc-arm-none-eabi; another version gives other bytes), then
# writes roms/MANIFEST.sha256. Deterministic: fixed flags, no build id, relative paths, sorted
# inputs, so a rebuild gives identical bytes.
#   roms/build.sh            rebuild into roms/bin and update the manifest
#   roms/build.sh OUTDIR     build into OUTDIR only (used by the reproducibility test)
set -eu
cd "$(dirname "$0")"
CC=${CC:-arm-none-eabi-gcc}
OUT=${1:-bin}
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# A32 only, no FP/SIMD registers, no libc, no runtime library.
CFLAGS="-mcpu=cortex-a15 -marm -mfloat-abi=soft -O2 -std=gnu11 -Wall -Wextra -Werror
  -ffreestanding -fno-builtin -fno-pic -fno-common -fno-tree-vectorize
  -fno-tree-loop-distribute-patterns -fno-unwind-tables -fno-asynchronous-unwind-tables
  -fno-stack-protector -ffile-prefix-map=$PWD=. -Isrc"
LDFLAGS="-nostdlib -nostartfiles -static -T src/link.ld -Wl,--build-id=none -Wl,-z,noexecstack
  -Wl,--no-warn-rwx-segments"
COMMON="src/start.S src/vectors.S src/lib.c src/mmu.c"

# Programs are built for QEMU -M virt (lib.h and link.ld defaults); NAME-vexpress-a15.elf is the
# same program for -M vexpress-a15: its PL011, GIC and RAM (linked at 0x80000000).
board_flags() {
  case "$1" in
    *-vexpress-a15) echo "-DUART_BASE=0x1c090000u -DRAM_BASE=0x80000000u -DGICD_BASE=0x2c001000u
      -DGICC_BASE=0x2c002000u -Wl,--defsym=RAM_ORIGIN=0x80000000" ;;
  esac
}

build() { # name sources...
  name=$1; shift
  flags=$(board_flags "$name")
  objs=""
  for src in "$@"; do
    obj="$TMP/$name-$(echo "$src" | tr / _).o"
    # shellcheck disable=SC2086
    $CC $CFLAGS $flags -c "$src" -o "$obj"
    objs="$objs $obj"
  done
  # shellcheck disable=SC2086
  $CC $CFLAGS $LDFLAGS $flags $objs -o "$OUT/$name.elf"
  echo "built $OUT/$name.elf"
}

# The demo (the guest `armlet run` boots without --kernel) for each board.
build demo $COMMON src/demo.c
build demo-vexpress-a15 $COMMON src/demo.c
for t in $(ls tests/*.c tests/*.S 2>/dev/null | LC_ALL=C sort); do
  n=$(basename "$t"); n=${n%.*}
  extra=""
  [ -f "tests/$n.asm.S" ] && extra="tests/$n.asm.S"
  case "$n" in *.asm) continue ;; esac
  build "$n" $COMMON "$t" $extra
done
# Board facts: built for vexpress-a15 too.
build security-vexpress-a15 $COMMON tests/security.c

if [ "$OUT" = bin ]; then
  (cd bin && LC_ALL=C sha256sum $(ls *.elf | LC_ALL=C sort)) > MANIFEST.sha256
  echo "wrote MANIFEST.sha256"
fi
