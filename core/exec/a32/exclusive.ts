// A32 synchronization primitives (ARM ARM A8.8.69..A8.8.72 LDREX*, A8.8.212..A8.8.215 STREX*,
// A8.8.229 SWP) and the local exclusive monitor.
// The monitor follows QEMU 7.2 (gen_load_exclusive / gen_store_exclusive): LDREX records the
// virtual address and the value read; STREX succeeds when the address matches and memory still
// holds that value (QEMU does a compare-and-swap), and clears the monitor either way. All
// accesses are naturally aligned (MO_ALIGN), so LDREXD/STREXD need 8-byte alignment.
import { STATE, S_EXCL_ADDR, S_EXCL_ADDR_HI, S_EXCL_SIZE, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL_HI, S_CPSR_REST } from "../../state/layout";
import { rreg, wreg, branchWritePC, excTaken } from "../../cpu";
import { read8, read16, read32, write8, write16, write32, F_ALIGN } from "../../mmu/memory";
import { alignmentFsr } from "../../mmu/translate";
import { takeDataAbort } from "../../exceptions/a32-entry";

// ---- the monitor ----

/** ClearExclusiveLocal: CLREX, exception entry, and every STREX. The address reads as -1 (QEMU's "none"). */
export function clearExclusiveMonitor(): void {
  store<u32>(STATE + S_EXCL_ADDR, 0xffffffff);
  store<u32>(STATE + S_EXCL_ADDR_HI, 0xffffffff);
  store<u32>(STATE + S_EXCL_VALID, 0);
  store<u32>(STATE + S_EXCL_SIZE, 0);
}

function setMonitor(va: u32, size: u32, val: u64): void {
  store<u32>(STATE + S_EXCL_ADDR, va);
  store<u32>(STATE + S_EXCL_ADDR_HI, 0);
  store<u32>(STATE + S_EXCL_VALID, 1);
  store<u32>(STATE + S_EXCL_SIZE, size);
  store<u64>(STATE + S_EXCL_VAL, val);
}

@inline function monitorHolds(va: u32): bool {
  return load<u32>(STATE + S_EXCL_VALID) != 0 && load<u32>(STATE + S_EXCL_ADDR) == va &&
         load<u32>(STATE + S_EXCL_ADDR_HI) == 0;
}
@inline function monitorVal(): u64 { return load<u64>(STATE + S_EXCL_VAL); }

@inline function bigEndianData(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x200) != 0; }

function readSized(va: u32, size: u32): u32 {
  if (size == 1) return read8(va, F_ALIGN);
  if (size == 2) return read16(va, F_ALIGN);
  return read32(va, F_ALIGN);
}
function writeSized(va: u32, size: u32, v: u32): void {
  if (size == 1) write8(va, v, F_ALIGN);
  else if (size == 2) write16(va, v, F_ALIGN);
  else write32(va, v, F_ALIGN);
}

/** 8-byte alignment check of the doubleword forms (the word accesses only check 4). */
@inline function misaligned64(va: u32, write: bool): bool {
  if ((va & 7) == 0) return false;
  takeDataAbort(va, alignmentFsr(), write);
  return true;
}

/** The 64-bit value as QEMU's single 64-bit access sees it: the word at va is low in LE, high in BE. */
@inline function pack64(w0: u32, w1: u32): u64 {
  return bigEndianData() ? (<u64>w0 << 32) | <u64>w1 : (<u64>w1 << 32) | <u64>w0;
}

// ---- LDREX ----
// Shared with T32: the bodies take decoded fields (T32 adds an imm8 offset for the word form and
// encodes Rt2) and make QEMU 7.2's UNDEF checks for the UNPREDICTABLE register choices; the
// T32 callers add the SP checks (v7 Thumb) themselves.

/** LDREX/LDREXB/LDREXH body. */
export function loadExclusive(rn: u32, rt: u32, imm: u32, size: u32): bool {
  if (rn == 15 || rt == 15) return false; // UNPREDICTABLE: QEMU UNDEFs
  const va = rreg(rn) + imm;
  const v = readSized(va, size);
  if (excTaken) return true;
  wreg(rt, v);
  setMonitor(va, size, <u64>v);
  return true;
}

export function LDREX(insn: u32): bool { return loadExclusive((insn >>> 16) & 0xf, (insn >>> 12) & 0xf, 0, 4); }
export function LDREXB(insn: u32): bool { return loadExclusive((insn >>> 16) & 0xf, (insn >>> 12) & 0xf, 0, 1); }
export function LDREXH(insn: u32): bool { return loadExclusive((insn >>> 16) & 0xf, (insn >>> 12) & 0xf, 0, 2); }

/** LDREXD body: one 64-bit access (8-byte aligned), Rt = low address word. */
export function loadExclusiveDual(rn: u32, rt: u32, rt2: u32): bool {
  if (rn == 15 || rt == 15 || rt2 == 15 || rt == rt2) return false;
  const va = rreg(rn);
  if (misaligned64(va, false)) return true;
  const w0 = read32(va, F_ALIGN);
  if (excTaken) return true;
  const w1 = read32(va + 4, F_ALIGN);
  if (excTaken) return true;
  wreg(rt, w0);
  wreg(rt2, w1);
  setMonitor(va, 8, pack64(w0, w1));
  return true;
}

export function LDREXD(insn: u32): bool {
  const rt = (insn >>> 12) & 0xf;
  if ((rt & 1) != 0) return false; // odd Rt (Rt = 14 gives Rt2 = PC: UNDEF below)
  return loadExclusiveDual((insn >>> 16) & 0xf, rt, rt + 1);
}

// ---- STREX ----
// The store is QEMU's non-parallel compare-and-swap: read, then write the new value if the
// memory matches the monitored value (truncated to the access size) or the old value back
// otherwise; the status compares with the whole monitored value.

/** STREX/STREXB/STREXH body. */
export function storeExclusive(rd: u32, rn: u32, rt: u32, imm: u32, size: u32): bool {
  if (rd == 15 || rn == 15 || rt == 15 || rd == rn || rd == rt) return false;
  const va = rreg(rn) + imm;
  if (!monitorHolds(va)) {
    wreg(rd, 1);
    clearExclusiveMonitor();
    return true;
  }
  const expect = <u32>monitorVal();
  const mask: u32 = size == 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  const old = readSized(va, size);
  if (excTaken) return true;
  writeSized(va, size, old == (expect & mask) ? rreg(rt) : old);
  if (excTaken) return true;
  wreg(rd, <u64>old == monitorVal() ? 0 : 1);
  clearExclusiveMonitor();
  return true;
}

@inline function strexA32(insn: u32, size: u32): bool {
  return storeExclusive((insn >>> 12) & 0xf, (insn >>> 16) & 0xf, insn & 0xf, 0, size);
}
export function STREX(insn: u32): bool { return strexA32(insn, 4); }
export function STREXB(insn: u32): bool { return strexA32(insn, 1); }
export function STREXH(insn: u32): bool { return strexA32(insn, 2); }

/** STREXD body. */
export function storeExclusiveDual(rd: u32, rn: u32, rt: u32, rt2: u32): bool {
  if (rd == 15 || rn == 15 || rt == 15 || rt2 == 15 || rd == rn || rd == rt || rd == rt2) return false;
  const va = rreg(rn);
  if (!monitorHolds(va)) {
    wreg(rd, 1);
    clearExclusiveMonitor();
    return true;
  }
  if (misaligned64(va, false)) return true; // the compare-and-swap reads first
  const w0 = read32(va, F_ALIGN);
  if (excTaken) return true;
  const w1 = read32(va + 4, F_ALIGN);
  if (excTaken) return true;
  const ok = pack64(w0, w1) == monitorVal();
  write32(va, ok ? rreg(rt) : w0, F_ALIGN);
  if (excTaken) return true;
  write32(va + 4, ok ? rreg(rt2) : w1, F_ALIGN);
  if (excTaken) return true;
  wreg(rd, ok ? 0 : 1);
  clearExclusiveMonitor();
  return true;
}

export function STREXD(insn: u32): bool {
  const rt = insn & 0xf;
  if ((rt & 1) != 0) return false;
  return storeExclusiveDual((insn >>> 12) & 0xf, (insn >>> 16) & 0xf, rt, rt + 1);
}

// ---- SWP, SWPB (deprecated; QEMU 7.2 still executes them on Cortex-A15) ----

function swap(insn: u32, size: u32): bool {
  const rn = (insn >>> 16) & 0xf;
  const rt = (insn >>> 12) & 0xf;
  const va = rreg(rn);
  const nv = rreg(insn & 0xf);
  const old = size == 1 ? read8(va, F_ALIGN) : read32(va, F_ALIGN);
  if (excTaken) return true;
  if (size == 1) write8(va, nv, F_ALIGN); else write32(va, nv, F_ALIGN);
  if (excTaken) return true;
  if (rt == 15) branchWritePC(old); else wreg(rt, old); // Rt = PC is UNPREDICTABLE; QEMU branches
  return true;
}

export function SWP(insn: u32): bool { return swap(insn, 4); }
export function SWPB(insn: u32): bool { return swap(insn, 1); }
