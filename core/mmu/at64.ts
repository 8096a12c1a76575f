// AT S1E0R/S1E0W/S1E1R/S1E1W: the PAR_EL1 value of a stage 1 translation (no TLB fill, no abort).
// PLACEHOLDER until the VMSAv8-64 walk lands: the MMU-off result only.
import { translate64, tFsc64 } from "./translate64";
import { tPaLo, tPaHi } from "./translate";
import { ACC_READ, ACC_WRITE } from "./tlb";

export function at64Par(va: u64, isWrite: bool, user: bool): u64 {
  if (!translate64(va, isWrite ? ACC_WRITE : ACC_READ, user)) return 1 | (<u64>tFsc64 << 1); // F = 1, FST
  return ((<u64>tPaHi << 32) | <u64>(tPaLo & 0xfffff000)) | (1 << 9) | (1 << 11); // NS, RES1
}
