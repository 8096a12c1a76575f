// AArch64 SYS operations with an effect (defs/a64-ops.ts): DC ZVA and the AT address
// translations. (TLBI is opTLBIALL in hooks-mmu.ts; cache maintenance does nothing.)
import { excTaken } from "../cpu";
import { probeWrite64, write64_64 } from "../mmu/memory64";
import { at64 } from "../mmu/at64";

const DCZ_BYTES: u64 = 64;

/** DC ZVA: zero the 64-byte block holding va. A fault is reported for va itself (as a write),
 *  before anything is written (QEMU probes the original address first). */
export function opDCZVA(va: u64): void {
  probeWrite64(va);
  if (excTaken) return;
  const base = va & ~(DCZ_BYTES - 1);
  for (let off: u64 = 0; off < DCZ_BYTES; off += 8) {
    write64_64(base + off, 0);
    if (excTaken) return;
  }
}

/** AT S1E1R/S1E1W/S1E0R/S1E0W (op2: bit 0 write, bit 1 EL0): the stage 1 result into PAR_EL1
 *  (an external abort on the walk is a Data Abort instead). */
export function opAT64(va: u64, op2: u32): void {
  at64(va, (op2 & 1) != 0, (op2 & 2) != 0);
}
