// Software TLB for AArch64: like the AArch32 one (tlb.ts) but tagged with 64-bit VAs. An entry
// is the page's VA (low 12 bits clear) and the u64 addend that turns a VA of the page into a
// host address in linear memory. Only RAM pages are entered. Flushed together with the AArch32
// TLB (tlbFlushAll calls tlb64FlushAll), so every TLB maintenance path covers both.
import { TLB64_BASE } from "../state/layout";

export const TLB64_ENTRIES: u32 = 1024;
const TABLES: u32 = 6; // EL0/EL1 × read, write, exec
const INVALID: u64 = 0xfff; // never a page tag (low bits set)
// true at first: linear memory starts zeroed, and a zero tag would match page 0 (cpuReset's flush sets INVALID).
let used: bool = true;

/** Address of the entry for va: table = user * 3 + type. */
@inline export function tlb64Entry(va: u64, table: u32): u32 {
  return TLB64_BASE + (((table << 10) | (<u32>(va >>> 12) & (TLB64_ENTRIES - 1))) << 4);
}

export function tlb64Fill(va: u64, table: u32, host: u32): void {
  const e = tlb64Entry(va, table);
  const page = va & ~<u64>0xfff;
  store<u64>(e, page);
  store<u64>(e, <u64>(host & 0xfffff000) - page, 8);
  used = true;
}

export function tlb64FlushAll(): void {
  if (!used) return;
  for (let i: u32 = 0; i < TABLES * TLB64_ENTRIES; i++) store<u64>(TLB64_BASE + (i << 4), INVALID);
  used = false;
}

/** Drop every entry that leads to host page `hostPage` for writing (it now holds translated code). */
export function tlb64DropWritesTo(hostPage: u32): void {
  if (!used) return;
  for (let t: u32 = 1; t < TABLES; t += 3) {
    for (let i: u32 = 0; i < TLB64_ENTRIES; i++) {
      const e = TLB64_BASE + (((t << 10) | i) << 4);
      const tag = load<u64>(e);
      if (tag != INVALID && (<u32>(tag + load<u64>(e, 8)) >>> 12) == hostPage) store<u64>(e, INVALID);
    }
  }
}
