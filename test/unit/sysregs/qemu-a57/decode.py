# Turns a57-probe.bin (main.c's records) into the text files the tests read. See README.md.
import struct, sys
data = open(sys.argv[1] if len(sys.argv) > 1 else "a57-probe.bin", "rb").read()
pos = 0
MARK = 0x5a5a5a5a5a5a5a5a
def take(n, width=2):
    global pos
    recs = [struct.unpack_from("<%dQ" % width, data, pos + 8 * width * i) for i in range(n)]
    pos += 8 * width * n
    return recs
def enc(i):
    op0 = 2 + (i >> 14); return (op0, (i >> 11) & 7, (i >> 7) & 15, (i >> 3) & 15, i & 7)
def code(v, esr, read=True):
    if esr:
        ec = esr >> 26
        return {0: "-", 0x18: "T", 0x07: "F"}.get(ec, "E%02x" % ec)
    if not read: return "+"
    return "=" if v == MARK else "%x" % v
mrs1 = [take(32768) for _ in range(2)]
mrs0 = [take(32768) for _ in range(9)]
msr0 = [take(32768) for _ in range(9)]
msr1 = take(32768)
sys0 = [take(16384) for _ in range(2)]
sys1 = take(16384)
sysl1 = take(16384)
mask = take(32768, 4)
assert pos == len(data)
with open("a57-mrs-probe.txt", "w") as f:
    for i in range(32768):
        cols = [code(*r[i]) for r in mrs1 + mrs0]
        if all(c == "-" for c in cols): continue
        f.write("R %d %d %d %d %d " % enc(i) + " ".join(cols) + "\n")
with open("a57-msr-probe.txt", "w") as f:
    for i in range(32768):
        cols = [code(*msr1[i], read=False)] + [code(*r[i], read=False) for r in msr0]
        if all(c == "-" for c in cols): continue
        f.write("W %d %d %d %d %d " % enc(i) + " ".join(cols) + "\n")
with open("a57-sys-probe.txt", "w") as f:
    for i in range(16384):
        cols = [code(*sys1[i], read=False)] + [code(*r[i], read=False) for r in sys0] + [code(*sysl1[i])]
        if all(c == "-" for c in cols): continue
        f.write("S %d %d %d %d " % ((i >> 11) & 7, (i >> 7) & 15, (i >> 3) & 15, i & 7) + " ".join(cols) + "\n")
with open("a57-mask-probe.txt", "w") as f:
    for i in range(32768):
        ones, zero, esr, before = mask[i]
        if esr and ones == MARK: continue  # not readable
        f.write("M %d %d %d %d %d " % enc(i) + "%x %s %s %s\n" % (before, "%x" % ones if ones != MARK else "-", "%x" % zero if zero != MARK else "-", code(0, esr, False)))
