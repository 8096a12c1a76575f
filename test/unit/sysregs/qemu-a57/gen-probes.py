# Writes probes.S: scans over every MRS/MSR (op0 2, 3), SYS and SYSL encoding, each block recording
# (value, ESR of the exception it took or 0). See README.md.
out = []
emit = out.append
emit(".text")

def regs():
    for op0 in (2, 3):
        for op1 in range(8):
            for crn in range(16):
                for crm in range(16):
                    for op2 in range(8):
                        yield f"S{op0}_{op1}_C{crn}_C{crm}_{op2}"

def fn(name):
    emit(f".global {name}\n{name}:\n  stp x20, x21, [sp, #-16]!\n  mov x20, x0\n  mov x21, x1\n  mov x11, #0x5a5a\n  movk x11, #0x5a5a, lsl #16\n  movk x11, #0x5a5a, lsl #32\n  movk x11, #0x5a5a, lsl #48")

# MRS: x0 preset to the marker (a QEMU NOP read leaves it).
fn("scan_mrs")
for r in regs():
    emit(f"  mov x9, xzr\n  mov x0, x11\n  mrs x0, {r}\n  stp x0, x9, [x20], #16")
emit("  ldp x20, x21, [sp], #16\n  ret")

# MSR: write back what a read gives (0 if the read fails); record the write's ESR.
fn("scan_msr")
for r in regs():
    emit(f"  mov x0, xzr\n  mrs x0, {r}\n  mov x9, xzr\n  msr {r}, x0\n  stp x0, x9, [x20], #16")
emit("  ldp x20, x21, [sp], #16\n  ret")

# SYS with Xt = scratch (a 64-byte aligned buffer), SYSL into x0.
fn("scan_sys")
for op1 in range(8):
    for crn in range(16):
        for crm in range(16):
            for op2 in range(8):
                emit(f"  mov x9, xzr\n  sys #{op1}, C{crn}, C{crm}, #{op2}, x21\n  stp xzr, x9, [x20], #16")
emit("  ldp x20, x21, [sp], #16\n  ret")
fn("scan_sysl")
for op1 in range(8):
    for crn in range(16):
        for crm in range(16):
            for op2 in range(8):
                emit(f"  mov x9, xzr\n  mov x0, x11\n  sysl x0, #{op1}, C{crn}, C{crm}, #{op2}\n  stp x0, x9, [x20], #16")
emit("  ldp x20, x21, [sp], #16\n  ret")

# Write masks (EL1 only): read, write ones, read, write zero, read, restore. SCTLR_EL1 keeps M = 0.
fn("scan_mask")
for r in regs():
    ones = "x12"
    if r == "S3_0_C1_C0_0":
        emit("  mov x12, #-2")
    else:
        emit("  mov x12, #-1")
    emit(f"  mov x9, xzr\n  mov x2, x11\n  mov x3, x11\n  mrs x1, {r}\n  cbnz x9, 1f\n  msr {r}, {ones}\n  mrs x2, {r}\n  msr {r}, xzr\n  mrs x3, {r}\n  msr {r}, x1\n1:\n  stp x2, x3, [x20], #16\n  stp x9, x1, [x20], #16")
emit("  ldp x20, x21, [sp], #16\n  ret")
open("probes.S", "w").write("\n".join(out) + "\n")
