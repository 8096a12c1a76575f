// Software TLB: direct-mapped, one table per (privilege, access type).
// An entry holds the page tag (VA with the low 12 bits clear) and the addend that turns
// a VA into a host address in linear memory. Only RAM pages are ever entered, so a hit
// always means "plain memory access"; MMIO and faults take the slow path every time.
import { TLB_BASE } from "../state/layout";

export const TLB_ENTRIES: u32 = 1024;
export const ACC_READ: i32 = 0;
export const ACC_WRITE: i32 = 1;
export const ACC_EXEC: i32 = 2;
const TABLES: u32 = 6; // 2 privilege levels × 3 access types
const INVALID_TAG: u32 = 1; // never equal to a page-aligned VA

/** Address of the entry for va: table = user * 3 + type. */
@inline export function tlbEntry(va: u32, table: u32): u32 {
  return TLB_BASE + (((table << 10) | ((va >>> 12) & (TLB_ENTRIES - 1))) << 3);
}

export function tlbFill(va: u32, table: u32, host: u32): void {
  const e = tlbEntry(va, table);
  store<u32>(e, va & 0xfffff000);
  store<u32>(e, (host & 0xfffff000) - (va & 0xfffff000), 4);
}

export function tlbFlushAll(): void {
  for (let i: u32 = 0; i < TABLES * TLB_ENTRIES; i++) store<u32>(TLB_BASE + (i << 3), INVALID_TAG);
}

/** Drop the entries for the page holding va (TLBIMVA and friends; ASIDs are not tagged). */
export function tlbFlushPage(va: u32): void {
  for (let t: u32 = 0; t < TABLES; t++) {
    const e = tlbEntry(va, t);
    if (load<u32>(e) == (va & 0xfffff000)) store<u32>(e, INVALID_TAG);
  }
}
