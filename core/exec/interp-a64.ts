// The AArch64 side of the interpreter: one A64 instruction per step. The shared loop
// (interp.ts) calls stepA64 while PSTATE.nRW is clear; translated code does not cover A64 yet.
import { A64_DECODE_CACHE, A64_DECODE_CACHE_ENTRIES, STATE, S_CPSR_REST } from "../state/layout";
import { excTaken } from "../cpu";
import { pc64, setNextPC64, nextPC64, setPC64 } from "../cpu64";
import { fetchA64 } from "../mmu/memory64";
import { takeUndef64, takePCAlign64, takeException64, syndrome, VEC_SYNC, EC_ILLEGAL_STATE } from "../exceptions/a64-entry";
import { decodeA64, execA64 } from "../generated/decode-a64";
import { debugArmed, takePendingStep, takeBreakpoint, stepActive, PSTATE_SS } from "../exceptions/a64-debug";

@inline function decodeA64Cached(insn: u32): i32 {
  const e = A64_DECODE_CACHE + (((insn ^ (insn >>> 15)) & (A64_DECODE_CACHE_ENTRIES - 1)) << 3);
  if (load<u32>(e) == insn) return load<i32>(e, 4);
  const id = decodeA64(insn);
  store<u32>(e, insn);
  store<i32>(e, id, 4);
  return id;
}

export function clearA64DecodeCache(): void {
  const zeroId = decodeA64(0);
  for (let i: u32 = 0; i < <u32>A64_DECODE_CACHE_ENTRIES; i++) {
    store<u32>(A64_DECODE_CACHE + (i << 3), 0);
    store<i32>(A64_DECODE_CACHE + (i << 3), zeroId, 4);
  }
}

/** Execute the instruction at PC; the loop then writes nextPC64 to PC (also after exceptions). */
export function stepA64(): void {
  const pc = pc64();
  // Self-hosted debug (a64-debug.ts): a pending software step comes first, a breakpoint after
  // the fetch (instruction aborts win); an active-not-pending step ends with this instruction.
  const debug = debugArmed();
  if (debug && takePendingStep(pc)) return;
  if ((<u32>pc & 3) != 0) { takePCAlign64(pc); return; }
  const insn = fetchA64(pc);
  if (excTaken) return;
  if (debug && takeBreakpoint(pc)) return;
  setNextPC64(pc + 4);
  if (debug && stepActive()) {
    const rest = load<u32>(STATE + S_CPSR_REST);
    if ((rest & PSTATE_SS) != 0) {
      execStep(pc, insn);
      if (!excTaken) store<u32>(STATE + S_CPSR_REST, load<u32>(STATE + S_CPSR_REST) & ~PSTATE_SS);
      return;
    }
  }
  execStep(pc, insn);
}

@inline function execStep(pc: u64, insn: u32): void {
  // PSTATE.IL (an illegal exception return): every instruction takes an Illegal State exception.
  if ((load<u32>(STATE + S_CPSR_REST) & (1 << 20)) != 0) {
    takeException64(VEC_SYNC, syndrome(EC_ILLEGAL_STATE, 0), pc, true);
    return;
  }
  if (!execA64(decodeA64Cached(insn), insn) && !excTaken) takeUndef64();
}

/** Move to the next instruction (or the exception vector). */
@inline export function commitPC64(): void { setPC64(nextPC64); }
