// Pages of wasm memory (guest RAM) that hold translated code. Their write TLB entries are never
// filled, so every guest store to them takes the memory slow path, which calls codePageWritten:
// the page's generation moves on (so its jump-cache entries stop matching at once) and the host
// is told (the dirty list) so that it frees the translations. Host-side writes (DMA, loaders) report through the same call.
import { JIT_CODE_PAGES, JIT_DIRTY, JIT_DIRTY_MAX, JIT_JUMP_CACHE, JIT_JUMP_ENTRIES, JIT_PAGE_GEN, JIT_CODE_CHUNKS } from "../state/layout";
import { tlbDropWritesTo } from "../mmu/tlb";

/** Set by a write to a code page; a translated region checks it after each store and leaves
 *  (the code after the store may be what was just overwritten). */
export let codeWritten: bool = false;
export function clearCodeWritten(): void { codeWritten = false; }

@inline export function isCodeHost(host: u32): bool {
  const p = host >>> 12;
  return (load<u8>(JIT_CODE_PAGES + (p >>> 3)) & (<u8>1 << <u8>(p & 7))) != 0;
}

/** Bits of the 64-byte chunks of [host, host + len) within its page (len > 0, one page). */
@inline function chunkBits(host: u32, len: u32): u64 {
  const first = (host & 0xfff) >>> 6, last = ((host & 0xfff) + len - 1) >>> 6;
  const n = last - first + 1;
  return (n >= 64 ? <u64>0xffffffffffffffff : ((<u64>1 << <u64>n) - 1)) << <u64>first;
}

/** The host translated [host, host + len) (one page): watch writes to it from now on. */
export function markCode(host: u32, len: u32): void {
  const page = host >>> 12;
  const c = JIT_CODE_CHUNKS + (page << 3);
  store<u64>(c, load<u64>(c) | chunkBits(host, len));
  const a = JIT_CODE_PAGES + (page >>> 3);
  const bit = <u8>1 << <u8>(page & 7);
  if ((load<u8>(a) & bit) != 0) return;
  store<u8>(a, load<u8>(a) | bit);
  tlbDropWritesTo(page);
}

/** A store of `size` bytes at host reached a page holding code: invalidate if it hit code. */
export function codeWrite(host: u32, size: u32): void {
  if ((load<u64>(JIT_CODE_CHUNKS + ((host >>> 12) << 3)) & chunkBits(host, size)) != 0) codePageWritten(host);
}

/** A write reached a code page: forget its translations and tell the host. */
export function codePageWritten(host: u32): void {
  const page = host >>> 12;
  const a = JIT_CODE_PAGES + (page >>> 3);
  store<u8>(a, load<u8>(a) & ~(<u8>1 << <u8>(page & 7)));
  store<u64>(JIT_CODE_CHUNKS + (page << 3), 0);
  codeWritten = true;
  const gen = <u8>(load<u8>(JIT_PAGE_GEN + page) + 1);
  store<u8>(JIT_PAGE_GEN + page, gen);
  if (gen == 0) { // wrapped: entries 256 generations old would match again, so drop them now
    for (let i: u32 = 0; i < <u32>JIT_JUMP_ENTRIES; i++) {
      const e = JIT_JUMP_CACHE + (i << 4);
      if ((load<u32>(e, 4) >>> 12) == page) store<u32>(e, 0, 12);
    }
  }
  const n = load<u32>(JIT_DIRTY);
  if (n < <u32>JIT_DIRTY_MAX) { store<u32>(JIT_DIRTY + 8 + (n << 2), page); store<u32>(JIT_DIRTY, n + 1); }
  else store<u32>(JIT_DIRTY, 1, 4); // overflow: the host drops everything
}

/** Host-side write of [host, host + len) (DMA, loaders, semihosting): same as a guest store. */
export function hostWroteRange(host: u32, len: u32): void {
  if (len == 0) return;
  const last = (host + len - 1) >>> 12;
  for (let p = host >>> 12; p <= last; p++) {
    if (!isCodeHost(p << 12)) continue;
    const from = p == host >>> 12 ? host : p << 12;
    const to = p == last ? host + len : (p + 1) << 12;
    codeWrite(from, to - from);
  }
}

@inline export function pageGen(host: u32): u32 { return load<u8>(JIT_PAGE_GEN + (host >>> 12)); }

/** Forget every code page (reset, snapshot load, JIT off). */
export function clearCodePages(): void {
  memory.fill(JIT_CODE_PAGES, 0, 0x20000);
  memory.fill(JIT_PAGE_GEN, 0, 0x100000);
  memory.fill(JIT_CODE_CHUNKS, 0, 0x800000);
  memory.fill(JIT_DIRTY, 0, 8);
  codeWritten = false;
}
