// Self-hosted debug for AArch64 at EL0/EL1 (ARM ARM D2): hardware breakpoints (unlinked
// address match, DBGBCR<n>.BT = 0), watchpoints (unlinked, BAS or MASK ranges) and software step
// (MDSCR_EL1.SS with PSTATE.SS), as QEMU 7.2 raises them for kvm-unit-tests' debug-bp, debug-wp
// and debug-sstep. Nothing here runs unless MDSCR_EL1 has SS or MDE set (the interpreter's
// one-load guard); while a watchpoint is armed, data accesses bypass the TLB (memory64.ts).
import { STATE, S_CPSR_REST } from "../state/layout";
import {
  SR_DBGDSCRext, SR_DBGBVR0, SR_DBGBVR1, SR_DBGBCR0, SR_DBGWVR0, SR_DBGWVR1, SR_DBGWCR0, SR_DBGOSLSR, SR_DBGOSDLR,
} from "../generated/sysregs";
import { pc64 } from "../cpu64";
import { takeException64, syndrome, setFar, VEC_SYNC } from "./a64-entry";

export const MDSCR_SS: u32 = 1 << 0;
export const MDSCR_KDE: u32 = 1 << 13;
export const MDSCR_MDE: u32 = 1 << 15;
/** PSTATE.SS and PSTATE.D in S_CPSR_REST (SPSR layout). */
export const PSTATE_SS: u32 = 1 << 21;
const PSTATE_D: u32 = 1 << 9;

const EC_BREAKPOINT_LOWER: u32 = 0x30;
const EC_SOFTWARE_STEP_LOWER: u32 = 0x32;
const EC_WATCHPOINT_LOWER: u32 = 0x34;
/** Watchpoint register pairs of the Cortex-A57 (ID_AA64DFR0.WRPs + 1). */
const NUM_WRPS: u32 = 4;
/** IFSC of a debug exception. */
const DEBUG_FSC: u32 = 0x22;
/** Breakpoint register pairs of the Cortex-A57 (ID_AA64DFR0.BRPs + 1); BVR/BCR slots alternate. */
const NUM_BRPS: u32 = 6;

/** VA bits a breakpoint compares (BVR[48:2]; the bits above are its sign extension). */
const BVR_MASK: u64 = 0x0001_ffff_ffff_fffc;
/** VA bits a watchpoint compares, to the byte. */
const VA49_MASK: u64 = 0x0001_ffff_ffff_ffff;

/** MDSCR_EL1 bits that can make a debug exception: the interpreter checks these first. */
@inline export function debugArmed(): bool {
  return (load<u32>(SR_DBGDSCRext) & (MDSCR_SS | MDSCR_MDE)) != 0;
}

/** Debug exceptions can be taken from the current EL (D2.10: EL1 needs KDE and PSTATE.D clear). */
function debugEnabled(rest: u32): bool {
  if ((load<u32>(SR_DBGOSLSR) & 2) != 0 || (load<u32>(SR_DBGOSDLR) & 1) != 0) return false;
  if (((rest >>> 2) & 3) == 0) return true;
  return (load<u32>(SR_DBGDSCRext) & MDSCR_KDE) != 0 && (rest & PSTATE_D) == 0;
}

/** Software step is active here (MDSCR_EL1.SS and debug exceptions enabled). */
export function stepActive(): bool {
  const rest = load<u32>(STATE + S_CPSR_REST);
  return (load<u32>(SR_DBGDSCRext) & MDSCR_SS) != 0 && debugEnabled(rest);
}

/** Active-pending step (PSTATE.SS clear): the step exception comes before the instruction at pc. */
export function takePendingStep(pc: u64): bool {
  if ((load<u32>(STATE + S_CPSR_REST) & PSTATE_SS) != 0 || !stepActive()) return false;
  const ec = EC_SOFTWARE_STEP_LOWER | (sameEl() ? 1 : 0);
  takeException64(VEC_SYNC, syndrome(ec, DEBUG_FSC), pc, false);
  return true;
}

/** An enabled breakpoint matches pc at this EL: take the Breakpoint exception (ELR = pc). */
export function takeBreakpoint(pc: u64): bool {
  if ((load<u32>(SR_DBGDSCRext) & MDSCR_MDE) == 0) return false;
  const rest = load<u32>(STATE + S_CPSR_REST);
  if (!debugEnabled(rest)) return false;
  const el1 = ((rest >>> 2) & 3) != 0;
  for (let n: u32 = 0; n < NUM_BRPS; n++) {
    const bcr = load<u32>(SR_DBGBCR0 + n * (SR_DBGBVR1 - SR_DBGBVR0));
    if ((bcr & 1) == 0 || ((bcr >>> 20) & 0xf) != 0 || ((bcr >>> 5) & 0xf) == 0) continue;
    const pmc = (bcr >>> 1) & 3; // 01 EL1, 10 EL0, 11 both
    if ((pmc & (el1 ? 1 : 2)) == 0) continue;
    if ((load<u64>(SR_DBGBVR0 + n * (SR_DBGBVR1 - SR_DBGBVR0)) & BVR_MASK) != (pc & BVR_MASK)) continue;
    const ec = EC_BREAKPOINT_LOWER | (el1 ? 1 : 0);
    takeException64(VEC_SYNC, syndrome(ec, DEBUG_FSC), pc, false);
    return true;
  }
  return false;
}

/** Some watchpoint is enabled with MDSCR_EL1.MDE set: data accesses must not use the TLB. */
export function watchpointsArmed(): bool {
  if ((load<u32>(SR_DBGDSCRext) & MDSCR_MDE) == 0) return false;
  for (let n: u32 = 0; n < NUM_WRPS; n++) {
    if ((load<u32>(SR_DBGWCR0 + n * (SR_DBGWVR1 - SR_DBGWVR0)) & 1) != 0) return true;
  }
  return false;
}

/**
 * A data access of `size` bytes at va hits an enabled watchpoint: take the Watchpoint exception
 * (ELR = the instruction, FAR = the first watched byte accessed, as QEMU's hitaddr; WnR).
 * Regions as QEMU's hw_watchpoint_update: MASK gives 2^MASK aligned bytes, else BAS's contiguous
 * run from WVR (a WVR with bit 2 set watches BAS[3:0] only).
 */
export function takeWatchpoint(va: u64, size: u32, write: bool): bool {
  const rest = load<u32>(STATE + S_CPSR_REST);
  if (!debugEnabled(rest)) return false;
  const el1 = ((rest >>> 2) & 3) != 0;
  for (let n: u32 = 0; n < NUM_WRPS; n++) {
    const at = n * (SR_DBGWVR1 - SR_DBGWVR0);
    const wcr = load<u32>(SR_DBGWCR0 + at);
    if ((wcr & 1) == 0 || (wcr & (1 << 20)) != 0) continue; // disabled, or linked (not modelled)
    if ((((wcr >>> 1) & 3) & (el1 ? 1 : 2)) == 0) continue;   // PAC: 01 EL1, 10 EL0, 11 both
    if ((((wcr >>> 3) & 3) & (write ? 2 : 1)) == 0) continue; // LSC: 01 load, 10 store
    let start = load<u64>(SR_DBGWVR0 + at) & BVR_MASK;
    let len: u64;
    const mask = (wcr >>> 24) & 0x1f;
    if (mask >= 3) {
      len = <u64>1 << mask;
      start &= ~(len - 1);
    } else {
      let bas = (wcr >>> 5) & 0xff;
      if ((start & 4) != 0) bas &= 0xf;
      if (bas == 0) continue;
      const first = ctz<u32>(bas);
      start += first;
      len = <u64>ctz<u32>(~(bas >>> first));
    }
    const at49 = va & VA49_MASK;
    if (at49 >= start + len || at49 + size <= start) continue;
    setFar(at49 > start ? va : (va & ~VA49_MASK) | start);
    const ec = EC_WATCHPOINT_LOWER | (el1 ? 1 : 0);
    takeException64(VEC_SYNC, syndrome(ec, DEBUG_FSC | (write ? 1 << 6 : 0)), pc64(), false);
    return true;
  }
  return false;
}

/** ERET: PSTATE.SS comes from SPSR.SS while MDSCR_EL1.SS is set (stepping the returned-to code). */
@inline export function ssAfterReturn(spsr: u32): u32 {
  return (load<u32>(SR_DBGDSCRext) & MDSCR_SS) != 0 ? spsr & PSTATE_SS : 0;
}

@inline function sameEl(): bool { return ((load<u32>(STATE + S_CPSR_REST) >>> 2) & 3) != 0; }
