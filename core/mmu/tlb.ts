// Software TLB: direct-mapped, one table per (privilege, access type).
// An entry holds the page tag (VA with the low 12 bits clear) and the addend that turns
// a VA into a host address in linear memory. Only RAM pages are ever entered, so a hit
// always means "plain memory access"; MMIO and faults take the slow path every time.
// Mappings bigger than 4 KiB (sections, blocks) are entered one 4 KiB page at a time, so
// one region covering every such VA is kept: invalidating a page inside it flushes all
// (QEMU's tlb_add_large_page), since TLBIMVA must drop the whole section's translation.
import { TLB_BASE } from "../state/layout";
import { tPageBits } from "./translate";
import { tlb64FlushAll, tlb64DropWritesTo } from "./tlb64";

export const TLB_ENTRIES: u32 = 1024;
export const ACC_READ: i32 = 0;
export const ACC_WRITE: i32 = 1;
export const ACC_EXEC: i32 = 2;
const TABLES: u32 = 6; // 2 privilege levels × 3 access types
// Never equal to a VA with the page offset cleared, nor to one that keeps its low two bits
// (translated code compares va & 0xfffff003 with the tag: a hit also proves alignment).
const INVALID_TAG: u32 = 0xffc;

let largeValid: bool = false;
let largeAddr: u32 = 0;
let largeMask: u32 = 0;

/** Address of the entry for va: table = user * 3 + type. */
@inline export function tlbEntry(va: u32, table: u32): u32 {
  return TLB_BASE + (((table << 10) | ((va >>> 12) & (TLB_ENTRIES - 1))) << 3);
}

/** Enter va's page; called right after translate() succeeded for va (its mapping size is tPageBits). */
export function tlbFill(va: u32, table: u32, host: u32): void {
  const e = tlbEntry(va, table);
  store<u32>(e, va & 0xfffff000);
  store<u32>(e, (host & 0xfffff000) - (va & 0xfffff000), 4);
  if (tPageBits > 12) noteLargePage(va, tPageBits);
}

function noteLargePage(va: u32, bits: u32): void {
  const mask: u32 = bits >= 32 ? 0 : ~((<u32>1 << bits) - 1);
  if (!largeValid) { largeValid = true; largeMask = mask; largeAddr = va & mask; return; }
  // Widen the region until it covers both the old one and this mapping.
  let m = largeMask & mask;
  while (m != 0 && ((largeAddr ^ va) & m) != 0) m <<= 1;
  largeMask = m;
  largeAddr &= m;
}

export function tlbFlushAll(): void {
  for (let i: u32 = 0; i < TABLES * TLB_ENTRIES; i++) store<u32>(TLB_BASE + (i << 3), INVALID_TAG);
  largeValid = false;
  tlb64FlushAll();
}

/** Drop the entries for the page holding va (TLBIMVA and friends; ASIDs are not tagged). */
export function tlbFlushPage(va: u32): void {
  if (largeValid && (va & largeMask) == largeAddr) { tlbFlushAll(); return; }
  for (let t: u32 = 0; t < TABLES; t++) {
    const e = tlbEntry(va, t);
    if (load<u32>(e) == (va & 0xfffff000)) store<u32>(e, INVALID_TAG);
  }
}

/** Drop the write entries that lead to host page `hostPage` (the page now holds translated
 *  code, so every store to it must take the slow path, which invalidates the translations). */
export function tlbDropWritesTo(hostPage: u32): void {
  tlb64DropWritesTo(hostPage);
  for (let t: u32 = ACC_WRITE; t < TABLES; t += 3) {
    for (let i: u32 = 0; i < TLB_ENTRIES; i++) {
      const e = TLB_BASE + (((t << 10) | i) << 3);
      const tag = load<u32>(e);
      if (tag != INVALID_TAG && ((tag + load<u32>(e, 4)) >>> 12) == hostPage) store<u32>(e, INVALID_TAG);
    }
  }
}
