// Address translation entry point: MMU off (flat), short-descriptor or LPAE walk, and the
// ATS1C** operations. Results travel in globals to keep the hot path free of allocation.
import { SR_SCTLR } from "../generated/sysregs";
import { walkShort } from "./walk-short";
import { walkLpae, lpaeEnabled } from "./walk-lpae";
import { ACC_READ, ACC_WRITE } from "./tlb";
import { translate64, tFsc64, tWalkAbort64 } from "./translate64";
import { el1IsAArch64 } from "../exceptions/aarch32-el0";

/** Physical address of the last successful translation. */
export let tPaLo: u32 = 0;
export let tPaHi: u32 = 0;
/** log2 of the size of the mapping that translated it (12 page, 16 large page, 20 section, 24 supersection, 21/30 LPAE blocks). */
export let tPageBits: u32 = 12;
/** LPAE only: memory attribute byte (from MAIRn) and shareability of the mapping, for the 64-bit PAR. */
export let tAttr: u32 = 0;
export let tSh: u32 = 0;
/** Fault status of the last failed translation, in the DFSR/IFSR format in use (short or LPAE), without WnR. */
export let tFsr: u32 = 0;
/** The last fault was a synchronous external abort on a table walk (ATS takes it as a Data Abort). */
export let tWalkAbort: bool = false;

export function setTranslation(paLo: u32, paHi: u32): void { tPaLo = paLo; tPaHi = paHi; }
/** Size and (LPAE) attributes of the mapping of the last successful translation. */
export function setMapping(pageBits: u32, attr: u32, sh: u32): void { tPageBits = pageBits; tAttr = attr; tSh = sh; }
export function setFault(fsr: u32): void { tFsr = fsr; tWalkAbort = false; }
export function setWalkAbortFault(fsr: u32): void { tFsr = fsr; tWalkAbort = true; }

/** Translate va for an access of `type` (ACC_READ/WRITE/EXEC) at PL0 (`user`) or PL1. False on fault. */
export function translate(va: u32, type: i32, user: bool): bool {
  if (el1IsAArch64()) {
    // AArch32 EL0 under an AArch64 EL1 uses EL1's VMSAv8-64 regime; faults in the long format.
    if (translate64(<u64>va, type, user)) return true;
    tFsr = (1 << 9) | tFsc64;
    tWalkAbort = tWalkAbort64;
    return false;
  }
  if ((load<u32>(SR_SCTLR) & 1) == 0) {
    // TranslateAddressS1Off: flat; QEMU reports data accesses as Device-nGnRnE (attr 0), not shareable.
    tPaLo = va; tPaHi = 0; tPageBits = 12; tAttr = 0; tSh = 0;
    return true;
  }
  return lpaeEnabled() ? walkLpae(va, type, user) : walkShort(va, type, user);
}

/** Fault status for an alignment fault in the current format. */
/** Fault status of a synchronous external abort on a data access or fetch (not a walk): QEMU's
 *  ARMFault_SyncExternal with EA = 0 for a decode error (arm_extabort_type). */
export function externalAbortFsr(): u32 {
  return lpaeEnabled() ? (1 << 9) | 0x10 : 0x08;
}

export function alignmentFsr(): u32 {
  return lpaeEnabled() ? (1 << 9) | 0x21 : 0x01;
}

/**
 * ATS1C{P,U}{R,W}: the PAR value for a stage 1 translation of va (no TLB fill, no abort).
 * TTBCR.EAE selects the 64-bit PAR format even with the MMU off (QEMU do_ats_write).
 * When tWalkAbort is set afterwards the caller must take a Data Abort instead of writing PAR.
 */
export function atsPar(va: u32, isWrite: bool, user: bool): u64 {
  const ok = translate(va, isWrite ? ACC_WRITE : ACC_READ, user);
  if (ok) tWalkAbort = false;
  if (lpaeEnabled()) {
    let par: u64 = 1 << 11; // LPAE format
    if (ok) {
      par |= (<u64>tPaHi << 32) | <u64>(tPaLo & 0xfffff000);
      par |= 1 << 9; // NS: there is only the Non-secure state
      par |= <u64>tAttr << 56;
      par |= <u64>(tSh << 7);
    } else {
      par |= <u64>(((tFsr & 0x3f) << 1) | 1);
    }
    return par;
  }
  if (ok) {
    // Supersections report PA[31:24] and SS; PA[39:32] are lost in this format.
    const base: u32 = tPageBits == 24 ? (tPaLo & 0xff000000) | 2 : tPaLo & 0xfffff000;
    return <u64>(base | (1 << 9));
  }
  return <u64>(((tFsr & (1 << 10)) >> 5) | ((tFsr & (1 << 12)) >> 6) | ((tFsr & 0xf) << 1) | 1);
}
