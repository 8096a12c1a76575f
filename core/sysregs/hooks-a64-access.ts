// Access functions of AArch64 views (QEMU 7.2's accessfn): run after the access bits allowed an
// MRS/MSR/SYS, they say whether it goes ahead (A64_OK) or traps to EL1 (EC 0x18), or, for
// FPCR/FPSR, takes the FP access trap. EL0's rights come from SCTLR_EL1 (UCT, DZE, UCI, UMA).
import { STATE, S_CPSR_REST } from "../state/layout";
import { SR_SCTLR, SR_CPACR } from "../generated/sysregs";
import { A64_OK, A64_TRAP, A64_UNDEF, A64_FP_TRAP } from "./a64-status";

const SCTLR_UMA: u32 = 1 << 9;
const SCTLR_DZE: u32 = 1 << 14;
const SCTLR_UCT: u32 = 1 << 15;
const SCTLR_UCI: u32 = 1 << 26;

@inline function el0Allowed(el0: bool, bit: u32): i32 {
  return !el0 || (load<u32>(SR_SCTLR) & bit) != 0 ? A64_OK : A64_TRAP;
}

/** CTR_EL0 at EL0: SCTLR_EL1.UCT. */
export function ctrEl0Check(el0: bool, isRead: bool): i32 { return el0Allowed(el0, SCTLR_UCT); }
/** DC ZVA at EL0 (and DCZID_EL0.DZP): SCTLR_EL1.DZE. */
export function dczvaCheck(el0: bool, isRead: bool): i32 { return el0Allowed(el0, SCTLR_DZE); }
/** Cache maintenance by VA at EL0 (IC IVAU, DC CVAC/CVAU/CIVAC): SCTLR_EL1.UCI. */
export function cacheEl0Check(el0: bool, isRead: bool): i32 { return el0Allowed(el0, SCTLR_UCI); }
/** DAIF at EL0: SCTLR_EL1.UMA. */
export function daifEl0Check(el0: bool, isRead: bool): i32 { return el0Allowed(el0, SCTLR_UMA); }

/** FPCR/FPSR: CPACR_EL1.FPEN 0b11 allows both ELs, 0b01 EL1 only. */
export function fpAccessCheck(el0: bool, isRead: bool): i32 {
  const fpen = (load<u32>(SR_CPACR) >>> 20) & 3;
  return fpen == 3 || (fpen == 1 && !el0) ? A64_OK : A64_FP_TRAP;
}

/** SP_EL0 is UNDEFINED while it is the stack pointer in use (PSTATE.SP = 0). */
export function spEl0Check(el0: bool, isRead: bool): i32 {
  return (load<u32>(STATE + S_CPSR_REST) & 1) != 0 ? A64_OK : A64_UNDEF;
}
