// AArch64 stage 1 translation for EL0/EL1 (VMSAv8-64). Results travel in the same globals as the
// AArch32 walks (translate.ts: tPaLo, tPaHi, tPageBits, tAttr, tSh); faults set tFsc64 to the
// long-descriptor fault status code (ESR DFSC/IFSC) and tFaultS1ptw.
import { SR_SCTLR } from "../generated/sysregs";
import { setTranslation, setMapping } from "./translate";
import { walk64 } from "./walk-v8";

/** Physical address size of the Cortex-A57 (ID_AA64MMFR0.PARange = 44 bits). */
export const PA_BITS: u32 = 44;

/** Fault status code of the last failed translation (0x04+level translation, 0x08+level access
 *  flag, 0x0c+level permission, 0x00+level address size, 0x10 external abort...). */
export let tFsc64: u32 = 0;
export function setFault64(fsc: u32): void { tFsc64 = fsc; }

/** Translate va for an access of `type` (ACC_READ/WRITE/EXEC) from EL0 (`user`) or EL1. */
export function translate64(va: u64, type: i32, user: bool): bool {
  if ((load<u32>(SR_SCTLR) & 1) == 0) {
    // MMU off: flat, but an address beyond the PA size is an address size fault at level 0.
    if ((va >>> PA_BITS) != 0) { tFsc64 = 0x00; return false; }
    setTranslation(<u32>va, <u32>(va >>> 32));
    setMapping(12, 0, 0);
    return true;
  }
  return walk64(va, type, user);
}
