// Exception entry to AArch64 EL1 and exception return (ARM ARM D1.10, AArch64.TakeException,
// AArch64.ExceptionReturn). The Cortex-A57 here has EL0 and EL1 only, so every exception goes to EL1.
import { STATE, S_CPSR_REST, S_SPSR_SVC, S_ELR_EL1, PSTATE_NRW } from "../state/layout";
import { SR_VBAR, SR_DFSR, SR_DFAR, SR_IFAR } from "../generated/sysregs";
import { setExcTaken, retire, icountNow, getCPSR } from "../cpu";
import { pc64, setNextPC64, pstateRead, setPstateRest, setNzcv, currentEL } from "../cpu64";
import { pmuBeforeException, pmuAfterException } from "../pmu";
import { requestCrash, CRASH_EXCEPTION_LOOP } from "./a32-entry";
import { aarch32ReturnLegal, returnToAArch32 } from "./aarch32-el0";
import { clearExclusiveMonitor } from "../exec/a32/exclusive";
import { ssAfterReturn } from "./a64-debug";

// Exception classes (ESR_ELx.EC) this CPU produces.
export const EC_UNKNOWN: u32 = 0x00;
export const EC_WFX: u32 = 0x01;
export const EC_FP_ACCESS: u32 = 0x07;
export const EC_ILLEGAL_STATE: u32 = 0x0e;
export const EC_SVC32: u32 = 0x11;
export const EC_SVC64: u32 = 0x15;
export const EC_HVC64: u32 = 0x16;
export const EC_SMC64: u32 = 0x17;
export const EC_SYSREG: u32 = 0x18;
export const EC_IABORT_LOWER: u32 = 0x20;
export const EC_IABORT_SAME: u32 = 0x21;
export const EC_PC_ALIGN: u32 = 0x22;
export const EC_DABORT_LOWER: u32 = 0x24;
export const EC_DABORT_SAME: u32 = 0x25;
export const EC_SP_ALIGN: u32 = 0x26;
export const EC_BRK: u32 = 0x3c;

/** Vector offsets inside a 0x200 group. */
export const VEC_SYNC: u32 = 0x000;
export const VEC_IRQ: u32 = 0x080;
export const VEC_FIQ: u32 = 0x100;
export const VEC_SERROR: u32 = 0x180;

/** ESR value from its fields (IL = 32-bit instruction). */
@inline export function syndrome(ec: u32, iss: u32, il: bool = true): u32 {
  return (ec << 26) | (il ? 1 << 25 : 0) | (iss & 0x1ffffff);
}

// Same guard as AArch32's: the same exception at the same address with no progress is a crash.
let lastEsr: u32 = 0xffffffff;
let lastAddr: u64 = 0;
let lastIcount: u64 = 0;
let repeats: i32 = 0;
const LOOP_LIMIT: i32 = 64;

/**
 * Take an exception to EL1. `esr` is written for synchronous exceptions only (vecOffset 0);
 * `retAddr` goes to ELR_EL1. `retires`: the instruction counts as executed (SVC, HVC, BRK,
 * UNDEFINED), as QEMU counts them.
 */
export function takeException64(vecOffset: u32, esr: u32, retAddr: u64, retires: bool): void {
  if (retires) retire();
  const before = retires ? icountNow() - 1 : icountNow();
  if (esr == lastEsr && retAddr == lastAddr && before == lastIcount && vecOffset == VEC_SYNC) {
    if (++repeats >= LOOP_LIMIT) { requestCrash(CRASH_EXCEPTION_LOOP, <u32>pc64()); return; }
  } else { lastEsr = esr; lastAddr = retAddr; repeats = 1; }
  lastIcount = icountNow();

  pmuBeforeException();
  const rest = load<u32>(STATE + S_CPSR_REST);
  // Vector group: current EL with SP_EL0, current EL with SP_ELx, lower EL in AArch64 (or AArch32).
  let group: u32;
  if ((rest & PSTATE_NRW) != 0) group = 0x600;
  else if (currentEL() == 0) group = 0x400;
  else group = (rest & 1) != 0 ? 0x200 : 0;
  // From AArch32 the SPSR is the whole CPSR (Q, GE, IT, T, E, M...).
  store<u32>(STATE + S_SPSR_SVC, (rest & PSTATE_NRW) != 0 ? getCPSR() : pstateRead());
  store<u64>(STATE + S_ELR_EL1, retAddr);
  if (vecOffset == VEC_SYNC) store<u32>(SR_DFSR, esr);
  // EL1h, D A I F masked, IL and SS clear (nRW 0: AArch64).
  setPstateRest((1 << 2) | 1 | (0xf << 6));
  setNextPC64((load<u64>(SR_VBAR) & ~<u64>0x7ff) + group + vecOffset);
  setExcTaken(true);
  pmuAfterException();
}

/** FAR_EL1 is DFAR (low half) and IFAR (high half) in AArch32 terms. */
export function setFar(va: u64): void {
  store<u32>(SR_DFAR, <u32>va);
  store<u32>(SR_IFAR, <u32>(va >>> 32));
}

/** Synchronous exception for an instruction that is UNDEFINED here. */
export function takeUndef64(): void {
  takeException64(VEC_SYNC, syndrome(EC_UNKNOWN, 0), pc64(), true);
}

/** SVC/HVC/SMC/BRK style: ESR carries the immediate; the preferred return is the next
 *  instruction for SVC/HVC/SMC and this one for BRK. */
export function takeSyscall64(ec: u32, imm16: u32, retAddr: u64): void {
  takeException64(VEC_SYNC, syndrome(ec, imm16), retAddr, true);
}

/** Data abort: ISS from the caller (DFSC, WnR, ISV...). Faulting accesses do not retire. */
export function takeDataAbort64(va: u64, iss: u32): void {
  setFar(va);
  const ec = currentEL() == 0 ? EC_DABORT_LOWER : EC_DABORT_SAME;
  takeException64(VEC_SYNC, syndrome(ec, iss), pc64(), false);
}

/** Instruction abort at va (IFSC in iss). */
export function takeInsnAbort64(va: u64, iss: u32): void {
  setFar(va);
  const ec = currentEL() == 0 ? EC_IABORT_LOWER : EC_IABORT_SAME;
  takeException64(VEC_SYNC, syndrome(ec, iss), pc64(), false);
}

/** PC alignment fault: FAR is the misaligned PC. */
export function takePCAlign64(va: u64): void {
  setFar(va);
  takeException64(VEC_SYNC, syndrome(EC_PC_ALIGN, 0), va, false);
}

/** SP alignment fault (SCTLR_EL1.SA/SA0). */
export function takeSPAlign64(): void {
  takeException64(VEC_SYNC, syndrome(EC_SP_ALIGN, 0), pc64(), false);
}

/** Interrupts are taken between instructions: ELR is the next instruction (in S_PC64). */
export function takeIRQ64(): void { takeException64(VEC_IRQ, 0, pc64(), false); }
export function takeFIQ64(): void { takeException64(VEC_FIQ, 0, pc64(), false); }

/**
 * ERET (AArch64.ExceptionReturn) from EL1. An SPSR naming an EL above 1, EL1 with nothing
 * allowed, or an AArch32 mode other than User (AArch32 exists at EL0 only) is an illegal return:
 * PSTATE.IL is set and the EL is kept, as the architecture says (QEMU does the same).
 * PSTATE.SS comes from SPSR.SS while MDSCR_EL1.SS is set (software step, a64-debug.ts), else
 * it is cleared; so is the local exclusive monitor (QEMU's exception_return does so first).
 */
export function exceptionReturn64(): void {
  const spsr = load<u32>(STATE + S_SPSR_SVC);
  const elr = load<u64>(STATE + S_ELR_EL1);
  const el = (spsr >>> 2) & 3;
  const toAArch32 = (spsr & PSTATE_NRW) != 0;
  const illegal = toAArch32 ? !aarch32ReturnLegal(spsr) : el > 1 || (el == 0 && (spsr & 1) != 0) || (spsr & 2) != 0;
  pmuBeforeException();
  clearExclusiveMonitor();
  if (illegal) {
    const rest = load<u32>(STATE + S_CPSR_REST);
    // Keep EL, nRW and SPSel; NZCV and DAIF come from SPSR; IL is set.
    setNzcv(spsr);
    store<u32>(STATE + S_CPSR_REST, (spsr & 0x3c0) | (rest & 0x1f) | (1 << 20));
    setNextPC64(elr);
  } else if (toAArch32) {
    returnToAArch32(spsr, elr);
  } else {
    setNzcv(spsr);
    setPstateRest((spsr & 0x001003cd) | ssAfterReturn(spsr));
    setNextPC64(elr);
  }
  pmuAfterException();
}
