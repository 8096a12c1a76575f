// Guest physical memory as the virtio devices see it (DMA): byte copies in and out of RAM by
// physical address. Accesses that leave RAM fail softly (null / false) so that a guest's bad
// descriptor becomes a device error, never a host exception.

export interface GuestRam {
  /** A copy of `len` bytes at physical address `pa`, or null if any byte lies outside RAM. */
  read(pa: number, len: number): Uint8Array | null;
  /** Store `bytes` at `pa`; false (and nothing written) if any byte lies outside RAM. */
  write(pa: number, bytes: Uint8Array): boolean;
  /** Whether `len` bytes at `pa` all lie in RAM. */
  valid(pa: number, len: number): boolean;
}

export interface RamRegion { base: number; bytes: Uint8Array }

/** A GuestRam over the machine's RAM regions (as returned by BoardContext.addRam). */
export function ramFromRegions(regions: readonly RamRegion[]): GuestRam {
  const find = (pa: number, len: number): { r: RamRegion; off: number } | null => {
    if (!Number.isSafeInteger(pa) || pa < 0 || len < 0) return null;
    for (const r of regions) {
      const off = pa - r.base;
      if (off >= 0 && off + len <= r.bytes.length) return { r, off };
    }
    return null;
  };
  return {
    read(pa, len) {
      const hit = find(pa, len);
      return hit ? hit.r.bytes.slice(hit.off, hit.off + len) : null;
    },
    write(pa, bytes) {
      const hit = find(pa, bytes.length);
      if (!hit) return false;
      hit.r.bytes.set(bytes, hit.off);
      return true;
    },
    valid(pa, len) { return find(pa, len) !== null; },
  };
}
