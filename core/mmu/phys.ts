// Guest physical address space: which ranges are RAM in linear memory. Everything else is MMIO.
import { RAM_REGIONS, RAM_REGION_MAX, RAM_REGION_SIZE } from "../state/layout";

let regionCount: i32 = 0;

/** Declare a RAM region (page aligned): guest physical base (hi:lo), size in bytes, host address. */
export function addRamRegion(baseLo: u32, baseHi: u32, size: u32, host: u32): i32 {
  if (regionCount >= RAM_REGION_MAX) return -1;
  const r = RAM_REGIONS + regionCount * RAM_REGION_SIZE;
  store<u32>(r, baseLo); store<u32>(r, baseHi, 4); store<u32>(r, size, 8); store<u32>(r, host, 12);
  regionCount++;
  return 0;
}
export function clearRamRegions(): void { regionCount = 0; }

/** Host address of physical address hi:lo if it is RAM, else 0. */
export function physToHost(paLo: u32, paHi: u32): u32 {
  for (let i = 0; i < regionCount; i++) {
    const r = RAM_REGIONS + i * RAM_REGION_SIZE;
    if (load<u32>(r, 4) != paHi) continue;
    const off = paLo - load<u32>(r);
    if (off < load<u32>(r, 8)) return load<u32>(r, 12) + off;
  }
  return 0;
}
