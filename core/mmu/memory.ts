// Guest virtual memory accesses for instructions: TLB fast path, then translation,
// permission and alignment faults, RAM or MMIO. On a fault the abort exception is
// taken here and excTaken is set: the caller must stop and write no more state.
import { STATE, S_CPSR_REST } from "../state/layout";
import { SR_SCTLR } from "../generated/sysregs";
import { tlbEntry, tlbFill, ACC_READ, ACC_WRITE, ACC_EXEC } from "./tlb";
import { translate, tPaLo, tPaHi, tFsr, alignmentFsr, externalAbortFsr } from "./translate";
import { physToHost } from "./phys";
import { busRead, busWrite, busFailed, ignoreBusErrors } from "./bus";
import { takeDataAbort, takePrefetchAbort } from "../exceptions/a32-entry";
import { excTaken } from "../cpu";
import { isCodeHost, codeWrite } from "../jit/code-pages";

/** Access flags. */
export const F_ALIGN: u32 = 1; // natural alignment required whatever SCTLR.A says (LDREX, LDM, LDRD...)
export const F_USER: u32 = 2;  // unprivileged access (LDRT/STRT)

/** Table index: PL0 tables are 3..5. */
@inline function tableFor(type: i32, flags: u32): u32 {
  const user = (load<u32>(STATE + S_CPSR_REST) & 0xf) == 0 || (flags & F_USER) != 0;
  return (user ? 3 : 0) + <u32>type;
}
@inline function bigEndianData(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x200) != 0; }
@inline function alignCheck(): bool { return (load<u32>(SR_SCTLR) & 2) != 0; }

// ---------------- fast paths ----------------

export function read8(va: u32, flags: u32 = 0): u32 {
  const e = tlbEntry(va, tableFor(ACC_READ, flags));
  if (load<u32>(e) == (va & 0xfffff000)) return load<u8>(va + load<u32>(e, 4));
  return readSlow(va, 1, flags);
}

export function read16(va: u32, flags: u32 = 0): u32 {
  const e = tlbEntry(va, tableFor(ACC_READ, flags));
  let v: u32;
  if (load<u32>(e) == (va & 0xfffff000) && (va & 0xfff) <= 0xffe && ((va & 1) == 0 || !alignCheck()) && (flags & F_ALIGN) == 0) {
    v = load<u16>(va + load<u32>(e, 4));
  } else {
    v = readSlow(va, 2, flags);
  }
  return bigEndianData() ? <u32>bswap<u16>(<u16>v) : v;
}

export function read32(va: u32, flags: u32 = 0): u32 {
  const e = tlbEntry(va, tableFor(ACC_READ, flags));
  let v: u32;
  if (load<u32>(e) == (va & 0xfffff000) && (va & 0xfff) <= 0xffc && ((va & 3) == 0 || (!alignCheck() && (flags & F_ALIGN) == 0))) {
    v = load<u32>(va + load<u32>(e, 4));
  } else {
    v = readSlow(va, 4, flags);
  }
  return bigEndianData() ? bswap<u32>(v) : v;
}

export function write8(va: u32, v: u32, flags: u32 = 0): void {
  const e = tlbEntry(va, tableFor(ACC_WRITE, flags));
  if (load<u32>(e) == (va & 0xfffff000)) { store<u8>(va + load<u32>(e, 4), <u8>v); return; }
  writeSlow(va, 1, v, flags);
}

export function write16(va: u32, v: u32, flags: u32 = 0): void {
  if (bigEndianData()) v = <u32>bswap<u16>(<u16>v);
  const e = tlbEntry(va, tableFor(ACC_WRITE, flags));
  if (load<u32>(e) == (va & 0xfffff000) && (va & 0xfff) <= 0xffe && ((va & 1) == 0 || !alignCheck()) && (flags & F_ALIGN) == 0) {
    store<u16>(va + load<u32>(e, 4), <u16>v); return;
  }
  writeSlow(va, 2, v, flags);
}

export function write32(va: u32, v: u32, flags: u32 = 0): void {
  if (bigEndianData()) v = bswap<u32>(v);
  const e = tlbEntry(va, tableFor(ACC_WRITE, flags));
  if (load<u32>(e) == (va & 0xfffff000) && (va & 0xfff) <= 0xffc && ((va & 3) == 0 || (!alignCheck() && (flags & F_ALIGN) == 0))) {
    store<u32>(va + load<u32>(e, 4), v); return;
  }
  writeSlow(va, 4, v, flags);
}

/** Instruction fetch (32-bit, A32). */
export function fetch32(va: u32): u32 {
  const e = tlbEntry(va, tableFor(ACC_EXEC, 0));
  if (load<u32>(e) == (va & 0xfffff000)) return load<u32>(va + load<u32>(e, 4));
  return fetchSlow(va, 4);
}

/** A32 fetch for the interpreter loop, which already holds the CPSR word (saves a reload). */
@inline export function fetch32With(va: u32, cpsrRest: u32): u32 {
  const e = tlbEntry(va, (cpsrRest & 0xf) == 0 ? 3 + ACC_EXEC : ACC_EXEC);
  if (load<u32>(e) == (va & 0xfffff000)) return load<u32>(va + load<u32>(e, 4));
  return fetchSlow(va, 4);
}

/** Instruction fetch (16-bit halfword, T32). */
export function fetch16(va: u32): u32 {
  const e = tlbEntry(va, tableFor(ACC_EXEC, 0));
  if (load<u32>(e) == (va & 0xfffff000)) return load<u16>(va + load<u32>(e, 4));
  return fetchSlow(va, 2);
}

// ---------------- slow paths ----------------

function misaligned(va: u32, size: u32, flags: u32): bool {
  if ((va & (size - 1)) == 0) return false;
  return (flags & F_ALIGN) != 0 || alignCheck();
}

/** Translate and find the host address of one access that does not cross a page; 0 = MMIO; fault → excTaken. */
function resolve(va: u32, type: i32, flags: u32, isWrite: bool): u32 {
  const table = tableFor(type, flags);
  if (!translate(va, type, table >= 3)) {
    takeDataAbort(va, tFsr, isWrite);
    return 0;
  }
  const host = physToHost(tPaLo, tPaHi);
  // Stores to a page of translated code must keep coming here (see core/jit/code-pages.ts).
  if (host != 0 && !(isWrite && isCodeHost(host))) tlbFill(va, table, host);
  return host;
}

/** Check that va can be written (translation and permissions) without writing; a fault is taken
 *  (excTaken). For stores that cross a page, which must fault before writing anything. */
export function probeWrite(va: u32, flags: u32 = 0): void { resolve(va, ACC_WRITE, flags, true); }

function readSlow(va: u32, size: u32, flags: u32): u32 {
  if (misaligned(va, size, flags)) { takeDataAbort(va, alignmentFsr(), false); return 0; }
  if ((va & 0xfff) + size > 0x1000) {
    // Crosses a page: byte by byte, little-endian assembly (the caller swaps for BE).
    let v: u32 = 0;
    for (let i: u32 = 0; i < size; i++) {
      v |= readSlow(va + i, 1, flags & ~F_ALIGN) << (i * 8);
      if (excTaken) return 0;
    }
    return v;
  }
  const host = resolve(va, ACC_READ, flags, false);
  if (excTaken) return 0;
  if (host != 0) {
    if (size == 1) return load<u8>(host);
    if (size == 2) return load<u16>(host);
    return load<u32>(host);
  }
  const v = busRead(tPaLo, tPaHi, size);
  if (busFailed && !ignoreBusErrors) { takeDataAbort(va, externalAbortFsr(), false); return 0; }
  return v;
}

function writeSlow(va: u32, size: u32, v: u32, flags: u32): void {
  if (misaligned(va, size, flags)) { takeDataAbort(va, alignmentFsr(), true); return; }
  if ((va & 0xfff) + size > 0x1000) {
    // Check both pages first so a fault on the second page writes nothing.
    resolve(va, ACC_WRITE, flags, true);
    if (excTaken) return;
    resolve((va + size - 1), ACC_WRITE, flags, true);
    if (excTaken) return;
    for (let i: u32 = 0; i < size; i++) writeSlow(va + i, 1, v >>> (i * 8), flags & ~F_ALIGN);
    return;
  }
  const host = resolve(va, ACC_WRITE, flags, true);
  if (excTaken) return;
  if (host != 0) {
    if (size == 1) store<u8>(host, <u8>v);
    else if (size == 2) store<u16>(host, <u16>v);
    else store<u32>(host, v);
    if (isCodeHost(host)) codeWrite(host, size);
    return;
  }
  busWrite(tPaLo, tPaHi, size, size == 4 ? v : v & ((1 << (size << 3)) - 1)); // devices see only the access's bytes
  if (busFailed && !ignoreBusErrors) takeDataAbort(va, externalAbortFsr(), true);
}

function fetchSlow(va: u32, size: u32): u32 {
  const table = tableFor(ACC_EXEC, 0);
  if (!translate(va, ACC_EXEC, table >= 3)) { takePrefetchAbort(va, tFsr); return 0; }
  const host = physToHost(tPaLo, tPaHi);
  if (host == 0) {
    // Code in a device or at an unassigned address (QEMU executes it one instruction at a time).
    const v = busRead(tPaLo, tPaHi, size);
    if (busFailed && !ignoreBusErrors) { takePrefetchAbort(va, externalAbortFsr()); return 0; }
    return v;
  }
  tlbFill(va, table, host);
  return size == 4 ? load<u32>(host) : load<u16>(host);
}

// ---------------- debug accesses (host side: semihosting, loaders) ----------------

/** Set when the last debug access could not be translated or was not RAM. */
export let debugFault: bool = false;

/** Host address of va under the current translation regime (privileged view), 0 if not RAM. */
export function debugHostAddr(va: u32): u32 {
  debugFault = false;
  if (!translate(va, ACC_READ, false)) { debugFault = true; return 0; }
  const host = physToHost(tPaLo, tPaHi);
  if (host == 0) debugFault = true;
  return host;
}
