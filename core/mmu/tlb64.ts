// Software TLB for AArch64: like the AArch32 one (tlb.ts) but tagged with 64-bit VAs. An entry
// is the page's VA (low 12 bits clear) and the u64 addend that turns a VA of the page into a
// host address in linear memory. Only RAM pages are entered. Flushed together with the AArch32
// TLB (tlbFlushAll calls tlb64FlushAll), so every TLB maintenance path covers both.
// Mappings bigger than 4 KiB (64 KiB pages, blocks) are entered one 4 KiB page at a time, so, as
// in tlb.ts, one region covering all of them is kept and a flush by VA inside it flushes all.
// Entries are not ASID-tagged: every change of ASID must flush everything.
import { TLB64_BASE } from "../state/layout";
import { tPageBits } from "./translate";

export const TLB64_ENTRIES: u32 = 1024;
const TABLES: u32 = 6; // EL0/EL1 × read, write, exec
const INVALID: u64 = 0xfff; // never a page tag (low bits set)
// VA bits 55:0 only: a tagged VA (TBI) and its untagged form are the same page for maintenance.
const VA56: u64 = 0x00ffffffffffffff;
let largeValid: bool = false;
let largeAddr: u64 = 0;
let largeMask: u64 = 0;
// true at first: linear memory starts zeroed, and a zero tag would match page 0 (cpuReset's flush sets INVALID).
let used: bool = true;

/** Address of the entry for va: table = user * 3 + type. */
@inline export function tlb64Entry(va: u64, table: u32): u32 {
  return TLB64_BASE + (((table << 10) | (<u32>(va >>> 12) & (TLB64_ENTRIES - 1))) << 4);
}

/** Enter va's page; called right after translate64() succeeded for va (its mapping size is tPageBits). */
export function tlb64Fill(va: u64, table: u32, host: u32): void {
  const e = tlb64Entry(va, table);
  const page = va & ~<u64>0xfff;
  store<u64>(e, page);
  store<u64>(e, <u64>(host & 0xfffff000) - page, 8);
  used = true;
  if (tPageBits > 12) noteLargePage(va & VA56, tPageBits);
}

function noteLargePage(va: u64, bits: u32): void {
  const mask: u64 = VA56 & ~((<u64>1 << bits) - 1);
  if (!largeValid) { largeValid = true; largeMask = mask; largeAddr = va & mask; return; }
  // Widen the region until it covers both the old one and this mapping.
  let m = largeMask & mask;
  while (m != 0 && ((largeAddr ^ va) & m) != 0) m = (m << 1) & VA56;
  largeMask = m;
  largeAddr &= m;
}

export function tlb64FlushAll(): void {
  largeValid = false;
  if (!used) return;
  for (let i: u32 = 0; i < TABLES * TLB64_ENTRIES; i++) store<u64>(TLB64_BASE + (i << 4), INVALID);
  used = false;
}

/** Drop the entries for the page holding va (TLBI VAE1 and friends; bits 63:56 are ignored). A
 *  page of a mapping bigger than 4 KiB flushes everything, so the whole block goes. */
export function tlb64FlushPage(va: u64): void {
  const v = va & VA56;
  if (largeValid && (v & largeMask) == largeAddr) { tlb64FlushAll(); return; }
  if (!used) return;
  for (let t: u32 = 0; t < TABLES; t++) {
    const e = tlb64Entry(va, t);
    const tag = load<u64>(e);
    if (tag != INVALID && ((tag ^ v) & VA56 & ~<u64>0xfff) == 0) store<u64>(e, INVALID);
  }
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
