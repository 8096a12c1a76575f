// A64 load/store exclusive and load-acquire/store-release (ARM ARM C6.2: LDXR, LDAXR, STXR,
// STLXR (B, H, W, X), LDXP, LDAXP, STXP, STLXP, LDAR, STLR). Barriers mean nothing to a
// single-threaded interpreter, so the acquire/release forms are the plain ones.
// The monitor is AArch32's (a32/exclusive.ts) and behaves as QEMU 7.2's gen_load_exclusive /
// gen_store_exclusive: a load-exclusive records the virtual address (u64 at S_EXCL_ADDR) and the
// value read (S_EXCL_VAL; the high doubleword of an X pair in S_EXCL_VAL2), whatever the size;
// a store-exclusive to another address fails with no access; otherwise it is QEMU's
// single-vCPU compare-and-swap: read, write the new value if memory matches the recorded value
// (truncated to the access size) or the old value back, status 0 only if the whole recorded
// value matched. The monitor is cleared after every store-exclusive that did not fault.
// Every access is naturally aligned (M_ALIGN); pairs align to their total size.
// QEMU ignores the Rs field of loads and the Rt2 field of single-register forms, and makes
// no checks for Rs == Rt or Rs == Rn: the status is written after the store.
import { STATE, S_EXCL_ADDR, S_EXCL_SIZE, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL2 } from "../../state/layout";
import { excTaken } from "../../cpu";
import { xr, xrSP, setXr } from "../../cpu64";
import { read64_64, write64_64, M_ALIGN } from "../../mmu/memory64";
import { clearExclusiveMonitor } from "../a32/exclusive";
import { readN, writeN, misaligned16 } from "./addressing";
import { field } from "./common";

@inline function address(insn: u32): u64 { return xrSP(field(insn, 5, 5)); }
@inline function size(insn: u32): u32 { return insn >>> 30; }
@inline function rs(insn: u32): u32 { return field(insn, 16, 5); }
@inline function rt2(insn: u32): u32 { return field(insn, 10, 5); }

/** Record a load-exclusive (S_EXCL_VAL2 is left alone but by X pairs, as QEMU's exclusive_high). */
function setMonitor(va: u64, bytes: u32, val: u64): void {
  store<u64>(STATE + S_EXCL_ADDR, va);
  store<u32>(STATE + S_EXCL_VALID, 1);
  store<u32>(STATE + S_EXCL_SIZE, bytes);
  store<u64>(STATE + S_EXCL_VAL, val);
}

@inline function monitorHolds(va: u64): bool {
  return load<u32>(STATE + S_EXCL_VALID) != 0 && load<u64>(STATE + S_EXCL_ADDR) == va;
}

/** Finish a store-exclusive: the status register (1 = failed), then the monitor is cleared. */
@inline function finish(insn: u32, failed: bool): bool {
  setXr(rs(insn), failed ? 1 : 0);
  clearExclusiveMonitor();
  return true;
}

// ---- single register ----

function loadExclusive(insn: u32): bool {
  const va = address(insn);
  const log2 = size(insn);
  const v = readN(va, log2, M_ALIGN);
  if (excTaken) return true;
  setXr(insn & 31, v);
  setMonitor(va, 1 << log2, v);
  return true;
}

function storeExclusive(insn: u32): bool {
  const va = address(insn);
  if (!monitorHolds(va)) return finish(insn, true);
  const log2 = size(insn);
  const expect = load<u64>(STATE + S_EXCL_VAL);
  const mask: u64 = log2 == 3 ? <u64>-1 : (<u64>1 << (<u64>8 << log2)) - 1;
  const old = readN(va, log2, M_ALIGN);
  if (excTaken) return true;
  writeN(va, log2, old == (expect & mask) ? xr(insn & 31) : old, M_ALIGN);
  if (excTaken) return true;
  return finish(insn, old != expect);
}

export function LDXR(insn: u32): bool { return loadExclusive(insn); }
export function LDAXR(insn: u32): bool { return loadExclusive(insn); }
export function STXR(insn: u32): bool { return storeExclusive(insn); }
export function STLXR(insn: u32): bool { return storeExclusive(insn); }

// ---- pairs: W pairs are one 8-byte access (Rt low), X pairs two 8-byte ones, 16-byte aligned ----

function loadExclusivePair(insn: u32): bool {
  const va = address(insn);
  const t = insn & 31, t2 = rt2(insn);
  if (size(insn) == 2) {
    const v = read64_64(va, M_ALIGN);
    if (excTaken) return true;
    setXr(t, v & 0xffffffff);
    setXr(t2, v >>> 32);
    setMonitor(va, 8, v);
    return true;
  }
  if (misaligned16(va, true, false)) return true;
  const lo = read64_64(va, 0);
  if (excTaken) return true;
  const hi = read64_64(va + 8, 0);
  if (excTaken) return true;
  setXr(t, lo);
  setXr(t2, hi);
  setMonitor(va, 16, lo);
  store<u64>(STATE + S_EXCL_VAL2, hi);
  return true;
}

function storeExclusivePair(insn: u32): bool {
  const va = address(insn);
  if (!monitorHolds(va)) return finish(insn, true);
  const t = insn & 31, t2 = rt2(insn);
  const expect = load<u64>(STATE + S_EXCL_VAL);
  if (size(insn) == 2) {
    const nv = (xr(t) & 0xffffffff) | (xr(t2) << 32);
    const old = read64_64(va, M_ALIGN);
    if (excTaken) return true;
    write64_64(va, old == expect ? nv : old, M_ALIGN);
    if (excTaken) return true;
    return finish(insn, old != expect);
  }
  // QEMU's paired_cmpxchg64 helper: read both halves, write both only on a match.
  if (misaligned16(va, true, false)) return true;
  const lo = read64_64(va, 0);
  if (excTaken) return true;
  const hi = read64_64(va + 8, 0);
  if (excTaken) return true;
  const ok = lo == expect && hi == load<u64>(STATE + S_EXCL_VAL2);
  if (ok) {
    write64_64(va, xr(t), 0);
    if (excTaken) return true;
    write64_64(va + 8, xr(t2), 0);
    if (excTaken) return true;
  }
  return finish(insn, !ok);
}

export function LDXP(insn: u32): bool { return loadExclusivePair(insn); }
export function LDAXP(insn: u32): bool { return loadExclusivePair(insn); }
export function STXP(insn: u32): bool { return storeExclusivePair(insn); }
export function STLXP(insn: u32): bool { return storeExclusivePair(insn); }

// ---- load-acquire / store-release: plain accesses, naturally aligned, zero-extended ----

export function LDAR(insn: u32): bool {
  const v = readN(address(insn), size(insn), M_ALIGN);
  if (!excTaken) setXr(insn & 31, v);
  return true;
}

export function STLR(insn: u32): bool {
  writeN(address(insn), size(insn), xr(insn & 31), M_ALIGN);
  return true;
}
