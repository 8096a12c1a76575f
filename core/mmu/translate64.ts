// AArch64 stage 1 translation for EL0/EL1 (VMSAv8-64). Results travel in the same globals as the
// AArch32 walks (translate.ts: tPaLo, tPaHi, tPageBits, tAttr, tSh); faults set tFsc64 to the
// long-descriptor fault status code (ESR DFSC/IFSC). There is no stage 2, so S1PTW is never set.
import { SR_SCTLR, SR_TTBCR } from "../generated/sysregs";
import { setTranslation, setMapping } from "./translate";
import { ACC_EXEC } from "./tlb";
import { walk64 } from "./walk-v8";

/** Physical address size of the Cortex-A57 (ID_AA64MMFR0.PARange = 4: 44 bits). */
export const PA_BITS: u32 = 44;

/** Fault status code of the last failed translation: 0x00+level address size, 0x04+level
 *  translation, 0x08+level access flag, 0x0c+level permission, 0x14+level external abort on
 *  the walk. */
export let tFsc64: u32 = 0;
/** The last fault was an external abort on a table walk (AT takes it as a Data Abort). */
export let tWalkAbort64: bool = false;
export function setFault64(fsc: u32): void { tFsc64 = fsc; tWalkAbort64 = false; }
export function setWalkAbort64(fsc: u32): void { tFsc64 = fsc; tWalkAbort64 = true; }

/** TCR_EL1 (stored in TTBCR's 8-byte slot). */
@inline export function tcrEl1(): u64 { return load<u64>(SR_TTBCR); }

/**
 * Top byte ignore for va (QEMU aa64_va_parameters): TCR_EL1.TBI0/TBI1 chosen by va[55], for
 * instruction fetches without the half TBID0/TBID1 set. QEMU 7.2 stores every TCR_EL1 bit and
 * reads TBID even on a CPU without pointer authentication, so do we. Data accesses keep their
 * tag (system-mode QEMU translates the tagged VA, and FAR_EL1 reports it); branches strip it
 * from the PC (tbii), so a fetch normally has none.
 */
export function tbiApplies(va: u64, type: i32): bool {
  const tcr = tcrEl1();
  let tbi = <u32>(tcr >>> 37) & 3;
  if (type == ACC_EXEC) tbi &= ~(<u32>(tcr >>> 51) & 3);
  return ((tbi >>> <u32>((va >>> 55) & 1)) & 1) != 0;
}

/** Translate va for an access of `type` (ACC_READ/WRITE/EXEC) from EL0 (`user`) or EL1. */
export function translate64(va: u64, type: i32, user: bool): bool {
  if ((load<u32>(SR_SCTLR) & 1) == 0) {
    // MMU off (QEMU get_phys_addr_disabled): bits above the PA size up to bit 63, or bit 55 when
    // TBI applies, must be zero, else a level 0 address size fault; flat otherwise.
    const top = tbiApplies(va, type) ? (va << 8) >>> 8 : va;
    if ((top >>> PA_BITS) != 0) { setFault64(0x00); return false; }
    setTranslation(<u32>top, <u32>(top >>> 32));
    setMapping(12, 0, 0); // Device-nGnRnE, non-shareable (data accesses; AT reports these)
    return true;
  }
  return walk64(va, type, user);
}
