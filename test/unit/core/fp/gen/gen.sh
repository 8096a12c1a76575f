#!/bin/sh
# Regenerates ../fpvec.bin.gz from QEMU 7.2 (qemu-arm -cpu cortex-a15; half<->double: -cpu max).
# Needs arm-linux-gnueabihf-gcc (apt: gcc-arm-linux-gnueabihf) and qemu-user.
set -e
cd "$(dirname "$0")"
arm-linux-gnueabihf-gcc -O1 -static -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard -marm -o /tmp/fpvec fpvec.c
arm-linux-gnueabihf-gcc -O1 -static -march=armv8-a -mfpu=fp-armv8 -mfloat-abi=hard -marm -o /tmp/fp16d fp16d.c
qemu-arm -cpu cortex-a15 /tmp/fpvec > /tmp/fpvec.bin
qemu-arm -cpu max /tmp/fp16d >> /tmp/fpvec.bin
gzip -9 -n -c /tmp/fpvec.bin > ../fpvec.bin.gz
ls -l /tmp/fpvec.bin ../fpvec.bin.gz
