#!/bin/sh
# Rebuilds roms/bin/a64/*.elf, the AArch64 bare-metal programs, from roms/a64 with Debian's
# aarch64-linux-gnu-gcc (12.2) and picolibc-aarch64-linux-gnu (semihosting C library); linked for
# QEMU's -M virt (RAM at 0x40000000). Deterministic: fixed flags, no build id, relative paths.
#   roms/a64/build.sh          rebuild into roms/bin/a64
#   roms/a64/build.sh OUTDIR   build into OUTDIR only (the reproducibility test)
set -eu
cd "$(dirname "$0")"
CC=${CC:-aarch64-linux-gnu-gcc}
OUT=${1:-../bin/a64}
mkdir -p "$OUT"
SPECS=/usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs
CFLAGS="--specs=$SPECS --oslib=semihost --crt0=semihost -mcpu=cortex-a57 -O2 -std=gnu11 -Wall -Wextra
  -Werror -fno-tree-vectorize -ffile-prefix-map=$PWD=. -Wl,--build-id=none
  -Wl,--defsym=__flash=0x40000000 -Wl,--defsym=__flash_size=0x400000
  -Wl,--defsym=__ram=0x40400000 -Wl,--defsym=__ram_size=0x1000000"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The AArch32 User-mode code of aarch32-el0 is a flat binary the AArch64 image includes.
AS32=${AS32:-arm-none-eabi-as}
OBJCOPY32=${OBJCOPY32:-arm-none-eabi-objcopy}
$AS32 aarch32-el0-user.s -o "$TMP/aarch32-el0-user.o"
$OBJCOPY32 -O binary "$TMP/aarch32-el0-user.o" "$TMP/aarch32-el0-user.bin"
for prog in float exceptions bench-crc mmu exclusives timer neon-crypto traps aarch32-el0 gicv3 gicv3-smp gicv3-state gicv3-its gicv3-resume; do
  # Per-program flags: C11 atomics inline as LDAXR/STLXR loops (Armv8.0 has no LSE to call out
  # to); the crypto intrinsics need the extension named.
  case $prog in
    exclusives) PFLAGS=-mno-outline-atomics ;;
    neon-crypto) PFLAGS=-mcpu=cortex-a57+crypto ;;
    *) PFLAGS= ;;
  esac
  # Separate objects: a one-step build would name gcc's temporary object in the symbol table.
  objs="$TMP/$prog.o"
  # shellcheck disable=SC2086
  $CC $CFLAGS $PFLAGS -c "$prog.c" -o "$TMP/$prog.o"
  if [ -f "$prog.S" ]; then
    # shellcheck disable=SC2086
    $CC $CFLAGS $PFLAGS -I"$TMP" -c "$prog.S" -o "$TMP/$prog-asm.o"
    objs="$objs $TMP/$prog-asm.o"
  fi
  # shellcheck disable=SC2086
  $CC $CFLAGS $PFLAGS $objs -lm -o "$OUT/$prog.elf"
done
echo "built $(ls "$OUT" | tr '\n' ' ')"
