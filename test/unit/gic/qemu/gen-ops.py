#!/usr/bin/env python3
# Turns script.txt into ops.h (a C table) for probe.c. Kinds: 1 dr, 2 dw, 3 cr, 4 cw, 5 isr,
# 6 ppi27, 7 spi33.
import sys
kinds = {"dr": 1, "dw": 2, "cr": 3, "cw": 4, "isr": 5, "ppi27": 6, "spi33": 7}
rows = []
for line in open(sys.argv[1]):
    f = line.split("#")[0].split()
    if not f:
        continue
    k = kinds[f[0]]
    n = [int(x, 0) for x in f[1:]]
    off, val, size = 0, 0, 4
    if k == 1:
        off = n[0]; size = n[1] if len(n) > 1 else 4
    elif k == 2:
        off, val = n[0], n[1]; size = n[2] if len(n) > 2 else 4
    elif k == 3:
        off = n[0]
    elif k == 4:
        off, val = n[0], n[1]
    elif k in (6, 7):
        val = n[0]
    rows.append(f"{{{k},0x{off:x},0x{val:x},{size}}}")
print("static const struct op ops[] = {\n  " + ",\n  ".join(rows) + "\n};")
