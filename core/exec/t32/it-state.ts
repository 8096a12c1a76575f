// IT block state (ARM ARM A2.5.2 ITSTATE, A8.8.55 IT) shared by the Thumb step and the
// Thumb handlers. ITSTATE lives in the CPSR: IT[7:2] = CPSR[15:10], IT[1:0] = CPSR[26:25].
import { STATE, S_CPSR_REST } from "../../state/layout";

export const CPSR_IT_MASK: u32 = 0x0600fc00;

/** True while the current Thumb instruction is inside an IT block (16-bit forms then do not set flags). */
export let itBlock: bool = false;
/** Set by an IT instruction executed inside an IT block: the new block replaces the old one. */
export let itReplaced: bool = false;

/** The Thumb step brackets an instruction inside an IT block with these. */
export function enterITInsn(): void { itBlock = true; itReplaced = false; }
export function leaveITInsn(): void { itBlock = false; }
@inline export function inITBlock(): bool { return itBlock; }

@inline export function itFromRest(rest: u32): u32 { return ((rest >>> 8) & 0xfc) | ((rest >>> 25) & 3); }
@inline export function itToRest(it: u32): u32 { return ((it & 0xfc) << 8) | ((it & 3) << 25); }

/** ITAdvance: the state for the next instruction (0 after the last one). */
@inline export function itAdvance(it: u32): u32 {
  return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

/** Write ITSTATE into the CPSR. */
@inline export function setITState(it: u32): void {
  const rest = load<u32>(STATE + S_CPSR_REST);
  store<u32>(STATE + S_CPSR_REST, (rest & ~CPSR_IT_MASK) | itToRest(it));
}

/** The IT instruction: ITSTATE = firstcond:mask (an IT inside a block starts a new block, as QEMU). */
export function startITBlock(firstcondMask: u32): void {
  setITState(firstcondMask & 0xff);
  if (itBlock) itReplaced = true;
}

/**
 * Advance ITSTATE now, for an instruction that completes by taking an exception whose return
 * address is the next instruction (SVC: the SPSR holds the state of the next instruction).
 */
export function itAdvanceBeforeException(): void {
  if (!itBlock) return;
  setITState(itAdvance(itFromRest(load<u32>(STATE + S_CPSR_REST))));
}
