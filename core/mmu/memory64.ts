// Guest virtual memory accesses for A64 instructions: TLB fast path, then translation
// (translate64), alignment, RAM or MMIO. On a fault the abort is taken here and excTaken is set:
// the caller must stop and write no more state. Data is little-endian (SCTLR_EL1.EE/E0E = 0:
// QEMU's cortex-a57 resets them so and Linux keeps them).
import { STATE, S_CPSR_REST } from "../state/layout";
import { SR_SCTLR } from "../generated/sysregs";
import { tlb64Entry, tlb64Fill } from "./tlb64";
import { ACC_READ, ACC_WRITE, ACC_EXEC } from "./tlb";
import { tPaLo, tPaHi } from "./translate";
import { translate64, tFsc64 } from "./translate64";
import { physToHost } from "./phys";
import { busRead, busWrite, busFailed } from "./bus";
import { takeDataAbort64, takeInsnAbort64 } from "../exceptions/a64-entry";
import { excTaken } from "../cpu";
import { isCodeHost, codeWrite } from "../jit/code-pages";
import { watchpointsArmed, takeWatchpoint } from "../exceptions/a64-debug";

/** Access flags. */
export const M_ALIGN: u32 = 1; // natural alignment required whatever SCTLR_EL1.A says (exclusives, acquire/release)
export const M_USER: u32 = 2;  // unprivileged access (LDTR/STTR at EL1)

const FSC_ALIGN: u32 = 0x21;
const FSC_EXTERNAL: u32 = 0x10;

@inline function isUser(flags: u32): bool {
  return (load<u32>(STATE + S_CPSR_REST) & 0xc) == 0 || (flags & M_USER) != 0;
}
@inline function tableFor(type: i32, flags: u32): u32 { return (isUser(flags) ? 3 : 0) + <u32>type; }
@inline function alignCheck(): bool { return (load<u32>(SR_SCTLR) & 2) != 0; }

/** Host address for an access of `size` bytes at va if the TLB has it and no check is due; else 0. */
@inline function fast(va: u64, size: u32, table: u32, flags: u32): u32 {
  const e = tlb64Entry(va, table);
  if (load<u64>(e) != (va & ~<u64>0xfff)) return 0;
  if ((<u32>va & 0xfff) > 0x1000 - size) return 0;
  if ((<u32>va & (size - 1)) != 0 && ((flags & M_ALIGN) != 0 || alignCheck())) return 0;
  return <u32>(va + load<u64>(e, 8));
}

// ---------------- reads ----------------

export function read8_64(va: u64, flags: u32 = 0): u32 {
  const h = fast(va, 1, tableFor(ACC_READ, flags), flags);
  if (h != 0) return load<u8>(h);
  return <u32>readSlow(va, 1, flags);
}
export function read16_64(va: u64, flags: u32 = 0): u32 {
  const h = fast(va, 2, tableFor(ACC_READ, flags), flags);
  if (h != 0) return load<u16>(h);
  return <u32>readSlow(va, 2, flags);
}
export function read32_64(va: u64, flags: u32 = 0): u32 {
  const h = fast(va, 4, tableFor(ACC_READ, flags), flags);
  if (h != 0) return load<u32>(h);
  return <u32>readSlow(va, 4, flags);
}
export function read64_64(va: u64, flags: u32 = 0): u64 {
  const h = fast(va, 8, tableFor(ACC_READ, flags), flags);
  if (h != 0) return load<u64>(h);
  return readSlow(va, 8, flags);
}

// ---------------- writes ----------------

export function write8_64(va: u64, v: u32, flags: u32 = 0): void {
  const h = fast(va, 1, tableFor(ACC_WRITE, flags), flags);
  if (h != 0) { store<u8>(h, <u8>v); return; }
  writeSlow(va, 1, <u64>v, flags);
}
export function write16_64(va: u64, v: u32, flags: u32 = 0): void {
  const h = fast(va, 2, tableFor(ACC_WRITE, flags), flags);
  if (h != 0) { store<u16>(h, <u16>v); return; }
  writeSlow(va, 2, <u64>v, flags);
}
export function write32_64(va: u64, v: u32, flags: u32 = 0): void {
  const h = fast(va, 4, tableFor(ACC_WRITE, flags), flags);
  if (h != 0) { store<u32>(h, v); return; }
  writeSlow(va, 4, <u64>v, flags);
}
export function write64_64(va: u64, v: u64, flags: u32 = 0): void {
  const h = fast(va, 8, tableFor(ACC_WRITE, flags), flags);
  if (h != 0) { store<u64>(h, v); return; }
  writeSlow(va, 8, v, flags);
}

/** A64 instruction fetch (pc is 4-byte aligned: the caller checked). */
export function fetchA64(va: u64): u32 {
  const e = tlb64Entry(va, tableFor(ACC_EXEC, 0));
  if (load<u64>(e) == (va & ~<u64>0xfff)) return load<u32>(<u32>(va + load<u64>(e, 8)));
  return fetchSlow(va);
}

// ---------------- slow paths ----------------

/** ISS of a data abort from this access (no instruction syndrome, as QEMU for faults to EL1). */
@inline function dataIss(fsc: u32, write: bool): u32 { return fsc | (write ? 1 << 6 : 0); }

function misaligned(va: u64, size: u32, flags: u32): bool {
  if ((<u32>va & (size - 1)) == 0) return false;
  return (flags & M_ALIGN) != 0 || alignCheck();
}

/** Translate one access inside a page; returns its host address, 0 for MMIO (tPaLo/tPaHi), or
 *  takes the abort (excTaken). */
function resolve(va: u64, type: i32, flags: u32, write: bool, size: u32 = 1): u32 {
  const table = tableFor(type, flags);
  if (!translate64(va, type, table >= 3)) {
    takeDataAbort64(va, dataIss(tFsc64, write));
    return 0;
  }
  // Armed watchpoints: every data access comes here (no TLB entry) to be checked.
  if (watchpointsArmed()) {
    if (takeWatchpoint(va, size, write)) return 0;
    return physToHost(tPaLo, tPaHi);
  }
  const host = physToHost(tPaLo, tPaHi);
  if (host != 0 && !(write && isCodeHost(host))) tlb64Fill(va, table, host);
  return host;
}

/** Check that va can be written without writing (stores that cross a page fault before writing). */
export function probeWrite64(va: u64, flags: u32 = 0): void { resolve(va, ACC_WRITE, flags, true); }

function readSlow(va: u64, size: u32, flags: u32): u64 {
  if (misaligned(va, size, flags)) { takeDataAbort64(va, dataIss(FSC_ALIGN, false)); return 0; }
  if ((<u32>va & 0xfff) + size > 0x1000) {
    let v: u64 = 0;
    for (let i: u32 = 0; i < size; i++) {
      v |= readSlow(va + i, 1, flags & ~M_ALIGN) << (<u64>i * 8);
      if (excTaken) return 0;
    }
    return v;
  }
  const host = resolve(va, ACC_READ, flags, false, size);
  if (excTaken) return 0;
  if (host != 0) {
    if (size == 1) return load<u8>(host);
    if (size == 2) return load<u16>(host);
    if (size == 4) return load<u32>(host);
    return load<u64>(host);
  }
  // QEMU splits a misaligned device read into aligned ones, so a failing one reports the
  // address rounded down to the access size.
  const farVa = va & ~<u64>(size - 1);
  let v: u64;
  if (size == 8) {
    // Devices see two 32-bit accesses, low word first.
    const lo = busRead(tPaLo, tPaHi, 4);
    const failed = busFailed;
    const hi = busRead(tPaLo + 4, tPaHi, 4);
    if (failed || busFailed) { takeDataAbort64(farVa, dataIss(FSC_EXTERNAL, false)); return 0; }
    v = (<u64>hi << 32) | lo;
  } else {
    v = busRead(tPaLo, tPaHi, <i32>size);
    if (busFailed) { takeDataAbort64(farVa, dataIss(FSC_EXTERNAL, false)); return 0; }
  }
  return v;
}

function writeSlow(va: u64, size: u32, v: u64, flags: u32): void {
  if (misaligned(va, size, flags)) { takeDataAbort64(va, dataIss(FSC_ALIGN, true)); return; }
  if ((<u32>va & 0xfff) + size > 0x1000) {
    resolve(va, ACC_WRITE, flags, true);
    if (excTaken) return;
    // The second page is probed at its first byte, which a fault there reports (QEMU
    // store_helper_unaligned fills page2 = (addr + size) & TARGET_PAGE_MASK).
    resolve((va + size - 1) & ~<u64>0xfff, ACC_WRITE, flags, true);
    if (excTaken) return;
    for (let i: u32 = 0; i < size; i++) writeSlow(va + i, 1, v >>> (<u64>i * 8), flags & ~M_ALIGN);
    return;
  }
  const host = resolve(va, ACC_WRITE, flags, true, size);
  if (excTaken) return;
  if (host != 0) {
    if (size == 1) store<u8>(host, <u8>v);
    else if (size == 2) store<u16>(host, <u16>v);
    else if (size == 4) store<u32>(host, <u32>v);
    else store<u64>(host, v);
    if (isCodeHost(host)) codeWrite(host, size);
    return;
  }
  if (size == 8) {
    busWrite(tPaLo, tPaHi, 4, <u32>v);
    const failed = busFailed;
    busWrite(tPaLo + 4, tPaHi, 4, <u32>(v >>> 32));
    if (failed || busFailed) takeDataAbort64(va, dataIss(FSC_EXTERNAL, true));
    return;
  }
  busWrite(tPaLo, tPaHi, <i32>size, size == 4 ? <u32>v : <u32>v & ((1 << (size << 3)) - 1));
  if (busFailed) takeDataAbort64(va, dataIss(FSC_EXTERNAL, true));
}

function fetchSlow(va: u64): u32 {
  const table = tableFor(ACC_EXEC, 0);
  if (!translate64(va, ACC_EXEC, table >= 3)) { takeInsnAbort64(va, tFsc64); return 0; }
  const host = physToHost(tPaLo, tPaHi);
  if (host == 0) {
    const v = busRead(tPaLo, tPaHi, 4);
    if (busFailed) { takeInsnAbort64(va, FSC_EXTERNAL); return 0; }
    return v;
  }
  tlb64Fill(va, table, host);
  return load<u32>(host);
}

// ---------------- debug accesses (semihosting, loaders) ----------------

export let debugFault64: bool = false;

/** Host address of va under the current regime (EL1 view), 0 if not RAM. */
export function debugHostAddr64(va: u64): u32 {
  debugFault64 = false;
  if (!translate64(va, ACC_READ, false)) { debugFault64 = true; return 0; }
  const host = physToHost(tPaLo, tPaHi);
  if (host == 0) debugFault64 = true;
  return host;
}
