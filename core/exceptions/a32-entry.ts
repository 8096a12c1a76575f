// Exception entry in AArch32 state (ARM ARM B1.8: TakeUndefInstrException, TakeSVCException,
// TakePrefetchAbortException, TakeDataAbortException, TakePhysicalIRQException/FIQ).
import { STATE, S_CPSR_REST, S_REGS, MODE_UND, MODE_SVC, MODE_ABT, MODE_IRQ, MODE_FIQ } from "../state/layout";
import { SR_SCTLR, SR_VBAR, SR_DFSR, SR_DFAR, SR_IFSR, SR_IFAR } from "../generated/sysregs";
import { getCPSR, switchBanks, currentMode, setNextPC, setExcTaken, setStopRequest, isThumb, wreg, spsrOffset, icountNow, retire } from "../cpu";
import { pmuBeforeException, pmuAfterException } from "../pmu";
import {
  el1IsAArch64, undefFromAArch32, svcFromAArch32, bkptFromAArch32, prefetchAbortFromAArch32,
  dataAbortFromAArch32, interruptFromAArch32,
} from "./aarch32-el0";
import { VEC_IRQ, VEC_FIQ } from "./a64-entry";

export const EXC_UND: i32 = 1;
export const EXC_SVC: i32 = 2;
export const EXC_PABT: i32 = 3;
export const EXC_DABT: i32 = 4;
export const EXC_IRQ: i32 = 6;
export const EXC_FIQ: i32 = 7;

/** Length of the current instruction (2 or 4), set by the fetch loop; Thumb return addresses use it. */
export let insnLength: u32 = 4;
export function setInsnLength(n: u32): void { insnLength = n; }

// ---- guest crash detection: the same exception at the same address, over and over ----
export const CRASH_NONE: i32 = 0;
export const CRASH_EXCEPTION_LOOP: i32 = 1;
export let crashKind: i32 = CRASH_NONE;
export let crashAddr: u32 = 0;
let lastKind: i32 = 0;
let lastAddr: u32 = 0;
let lastIcount: u64 = 0;
let repeats: i32 = 0;
const LOOP_LIMIT: i32 = 64;

export function requestCrash(kind: i32, addr: u32): void {
  crashKind = kind; crashAddr = addr;
  setStopRequest(true);
  setExcTaken(true);
}
export function clearCrash(): void { crashKind = CRASH_NONE; repeats = 0; lastKind = 0; }

/**
 * Common entry: bank switch, SPSR, CPSR bits, LR, vector (AArch32.EnterMode). `retires`: the
 * instruction raising the exception counts as executed (SVC, UNDEFINED, BKPT), as in QEMU's
 * instruction count; one whose memory access faults does not, nor does an interrupt.
 */
function enter(kind: i32, mode: u32, vectorOffset: u32, lr: u32, maskA: bool, maskF: bool, retires: bool = false): void {
  const pc = load<u32>(STATE + S_REGS + 60);
  if (retires) retire();
  // No instruction retired since the same exception at the same address (but the one raising
  // it): a loop with no way out.
  const before = retires ? icountNow() - 1 : icountNow();
  if (kind == lastKind && pc == lastAddr && before == lastIcount) {
    if (++repeats >= LOOP_LIMIT) { requestCrash(CRASH_EXCEPTION_LOOP, pc); return; }
  } else { lastKind = kind; lastAddr = pc; repeats = 1; }
  lastIcount = icountNow();

  pmuBeforeException();

  const oldCpsr = getCPSR();
  const sctlr = load<u32>(SR_SCTLR);
  switchBanks(currentMode(), mode);
  store<u32>(STATE + spsrOffset(mode), oldCpsr);
  let rest = load<u32>(STATE + S_CPSR_REST);
  rest = (rest & ~(0x1f | 0x20 | 0x200 | 0x0600fc00 | 0x01000000 | 0x00100000)) | mode | 0x80; // mode, clear T E IT J IL; set I
  if (maskA) rest |= 0x100;
  if (maskF) rest |= 0x40;
  if (sctlr & (1 << 30)) rest |= 0x20; // SCTLR.TE: handlers run in Thumb
  if (sctlr & (1 << 25)) rest |= 0x200; // SCTLR.EE
  store<u32>(STATE + S_CPSR_REST, rest);
  wreg(14, lr);
  const base: u32 = (sctlr & (1 << 13)) ? 0xffff0000 : load<u32>(SR_VBAR);
  setNextPC(base + vectorOffset);
  setExcTaken(true);
  pmuAfterException();
}

@inline function curPC(): u32 { return load<u32>(STATE + S_REGS + 60); }

export function takeUndef(): void {
  if (el1IsAArch64()) { undefFromAArch32(); return; }
  // LR = instruction + 4 (A32) or + 2 (T32, even for a 32-bit instruction: ARM ARM table B1-7,
  // QEMU; the handler finds the instruction's size itself).
  enter(EXC_UND, MODE_UND, 0x04, curPC() + (isThumb() ? 2 : 4), false, false, true);
}

/** `imm`: the instruction's immediate (the ESR's ISS when EL1 is AArch64). */
export function takeSVC(imm: u32 = 0): void {
  if (el1IsAArch64()) { svcFromAArch32(imm, insnLength); return; }
  enter(EXC_SVC, MODE_SVC, 0x08, curPC() + (isThumb() ? insnLength : 4), false, false, true);
}

export function takePrefetchAbort(va: u32, fsr: u32): void {
  if (el1IsAArch64()) { prefetchAbortFromAArch32(va, fsr); return; }
  store<u32>(SR_IFSR, fsr);
  store<u32>(SR_IFAR, va);
  enter(EXC_PABT, MODE_ABT, 0x0c, curPC() + 4, true, false);
}

/** A BKPT instruction is a prefetch abort with the debug-event status; IFAR is UNKNOWN, QEMU writes 0. */
export function takeBkpt(debugFsr: u32, imm16: u32 = 0): void {
  if (el1IsAArch64()) { bkptFromAArch32(imm16); return; }
  store<u32>(SR_IFSR, debugFsr);
  store<u32>(SR_IFAR, 0);
  enter(EXC_PABT, MODE_ABT, 0x0c, curPC() + 4, true, false, true);
}

export function takeDataAbort(va: u32, fsr: u32, write: bool): void {
  if (el1IsAArch64()) { dataAbortFromAArch32(va, fsr, write); return; }
  store<u32>(SR_DFSR, fsr | (write ? 1 << 11 : 0));
  store<u32>(SR_DFAR, va);
  enter(EXC_DABT, MODE_ABT, 0x10, curPC() + 8, true, false);
}

/** Interrupts are taken between instructions: r15 holds the next instruction to run. */
export function takeIRQ(): void {
  if (el1IsAArch64()) { interruptFromAArch32(VEC_IRQ); return; }
  enter(EXC_IRQ, MODE_IRQ, 0x18, curPC() + 4, true, false);
}

export function takeFIQ(): void {
  if (el1IsAArch64()) { interruptFromAArch32(VEC_FIQ); return; }
  enter(EXC_FIQ, MODE_FIQ, 0x1c, curPC() + 4, true, true);
}
