// Several CPUs in one core: each CPU's state block lives in a CPU_SLOTS slot and is copied
// into STATE while it runs. Module globals that belong to a CPU are carried in the block
// (icount lives in S_ICOUNT); the TLB is not tagged by CPU, so a switch empties it.
import { STATE, STATE_SIZE, CPU_SLOTS } from "./state/layout";
import { tlbFlushAll } from "./mmu/tlb";
import { clearCrash } from "./exceptions/a32-entry";

/** Host address of CPU slot n. */
export function cpuSlotBase(slot: i32): u32 { return CPU_SLOTS + <u32>slot * STATE_SIZE; }

/** Store the running CPU (STATE and its per-CPU globals) into slot n. */
export function cpuSave(slot: i32): void {
  memory.copy(cpuSlotBase(slot), STATE, STATE_SIZE);
}

/** Make the CPU saved in slot n the running one. */
export function cpuLoad(slot: i32): void {
  memory.copy(STATE, cpuSlotBase(slot), STATE_SIZE);
  tlbFlushAll();
  clearCrash(); // the exception-loop detector compares icounts, which are per CPU
}
