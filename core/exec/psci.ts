// PSCI conduit: QEMU's TCG "fake firmware" services HVC (or SMC) as a PSCI call when the
// board says so. The call is intercepted before the instruction's architectural checks (no
// EL2/EL3 needed), its #imm is ignored, r0 gets the result and execution continues after the
// instruction. The host (machines/psci/psci.ts) implements the functions and power changes.
import { rreg, wreg, isPrivileged } from "../cpu";
import { psci } from "../host";
import { xr, setXr, currentEL } from "../cpu64";

export const PSCI_CONDUIT_NONE: i32 = 0;
export const PSCI_CONDUIT_HVC: i32 = 1;
export const PSCI_CONDUIT_SMC: i32 = 2;

/** Which instruction is the PSCI conduit for this machine (one setting for all CPUs). */
let conduit: i32 = PSCI_CONDUIT_NONE;
export function setPsciConduit(c: i32): void { conduit = c; }

/**
 * HVC (via = PSCI_CONDUIT_HVC) or SMC (PSCI_CONDUIT_SMC) reached its handler. Returns false
 * when it is not the conduit, or in User mode (QEMU makes both UNDEFINED at PL0 before any
 * PSCI check): the caller then keeps the architectural behaviour.
 */
export function psciConduitCall(via: i32): bool {
  if (conduit != via || !isPrivileged()) return false;
  const r = psci(rreg(0), rreg(1), rreg(2), rreg(3), 0, 0, 0, 0, 0);
  wreg(0, <u32>r);
  return true;
}

/** The same from A64 (x0..x3 in, x0 out): each register goes to the host as low and high words
 *  (SMC64 calls take 64-bit entry points and context ids). The result is sign-extended into x0. */
export function psciConduitCall64(via: i32): bool {
  if (conduit != via || currentEL() == 0) return false;
  const r = psci(<u32>xr(0), <u32>xr(1), <u32>xr(2), <u32>xr(3),
    <u32>(xr(0) >> 32), <u32>(xr(1) >> 32), <u32>(xr(2) >> 32), <u32>(xr(3) >> 32), 1);
  setXr(0, <u64><i64><i32>r);
  return true;
}
