// Address translation entry point: MMU off (flat), short-descriptor or LPAE walk.
// Results travel in globals to keep the hot path free of allocation.
import { SR_SCTLR } from "../generated/sysregs";
import { walkShort } from "./walk-short";
import { walkLpae, lpaeEnabled } from "./walk-lpae";

/** Physical address of the last successful translation. */
export let tPaLo: u32 = 0;
export let tPaHi: u32 = 0;
/** Fault status of the last failed translation, in the DFSR/IFSR format in use (short or LPAE), without WnR. */
export let tFsr: u32 = 0;

export function setTranslation(paLo: u32, paHi: u32): void { tPaLo = paLo; tPaHi = paHi; }
export function setFault(fsr: u32): void { tFsr = fsr; }

/** Translate va for an access of `type` (ACC_READ/WRITE/EXEC) at PL0 (`user`) or PL1. False on fault. */
export function translate(va: u32, type: i32, user: bool): bool {
  if ((load<u32>(SR_SCTLR) & 1) == 0) { tPaLo = va; tPaHi = 0; return true; }
  return lpaeEnabled() ? walkLpae(va, type, user) : walkShort(va, type, user);
}

/** Fault status for an alignment fault in the current format. */
export function alignmentFsr(): u32 {
  return lpaeEnabled() ? (1 << 9) | 0x21 : 0x01;
}
