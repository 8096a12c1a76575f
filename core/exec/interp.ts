// The interpreter loop: interrupts, fetch, condition check, decode, dispatch, retire.
import { DECODE_CACHE, DECODE_CACHE_ENTRIES, STATE, S_IRQ_LINES, S_HALTED, S_CPSR_REST, STOP_BUDGET, STOP_WFI, STOP_HOST, STOP_CRASH } from "../state/layout";
import { regRaw, setRegRaw, nextPC, setNextPC, excTaken, setExcTaken, stopRequest, setStopRequest, conditionPassed, retire } from "../cpu";
import { fetch32With } from "../mmu/memory";
import { takeUndef, takeIRQ, takeFIQ, takePrefetchAbort, crashKind } from "../exceptions/a32-entry";
import { alignmentFsr } from "../mmu/translate";
import { decodeA32, execA32 } from "../generated/decode-a32";
import { decodeA32U, execA32U } from "../generated/decode-a32u";
import { stepThumb, clearThumbDecodeCache } from "./thumb";
import { CPSR_IT_MASK } from "./t32/it-state";
import { pmuEnterRun, pmuLeaveRun } from "../pmu";
import { jitEnabled, jitEnter, jitEnter64, JIT_STOP, countInterpreted } from "../jit/dispatch";
import { PSTATE_NRW } from "../state/layout";
import { stepA64, commitPC64 } from "./interp-a64";
import { pc64, nextPC64 } from "../cpu64";
import { takeIRQ64, takeFIQ64 } from "../exceptions/a64-entry";
import { debugArmed } from "../exceptions/a64-debug";
import { el1IsAArch64 } from "../exceptions/aarch32-el0";

/** Take a pending, unmasked interrupt; true if one was taken. */
function checkInterrupts(lines: u32): bool {
  const rest = load<u32>(STATE + S_CPSR_REST);
  // PSTATE.I and .F sit where CPSR's do, in both states.
  if ((lines & 2) != 0 && (rest & 0x40) == 0) { if ((rest & PSTATE_NRW) == 0) takeFIQ64(); else takeFIQ(); return true; }
  if ((lines & 1) != 0 && (rest & 0x80) == 0) { if ((rest & PSTATE_NRW) == 0) takeIRQ64(); else takeIRQ(); return true; }
  return false;
}

/**
 * Row id of an A32 word through a direct-mapped cache keyed by the word itself (so
 * self-modifying code needs no invalidation): decoding walks a bucket, the cache is one probe.
 * The key includes the condition field, so A32U (cond = 1111) ids share the cache safely.
 */
@inline function decodeA32Cached(insn: u32): i32 {
  const e = DECODE_CACHE + (((insn ^ (insn >>> 16)) & (DECODE_CACHE_ENTRIES - 1)) << 3);
  if (load<u32>(e) == insn) return load<i32>(e, 4);
  const id = (insn >>> 28) == 15 ? decodeA32U(insn) : decodeA32(insn);
  store<u32>(e, insn);
  store<i32>(e, id, 4);
  return id;
}

/** Empty the decode cache (at reset; word 0 with a bogus id must never hit). */
export function clearDecodeCache(): void {
  for (let i: u32 = 0; i < <u32>DECODE_CACHE_ENTRIES; i++) {
    store<u32>(DECODE_CACHE + (i << 3), 0);
    store<i32>(DECODE_CACHE + (i << 3), decodeA32(0), 4);
  }
  clearThumbDecodeCache();
}

/**
 * Execute one A32 instruction at pc; `rest` is the CPSR word without flags, loaded once by
 * the loop. (insnLength only matters in Thumb state, so A32 leaves it alone.)
 */
@inline function stepA32(pc: u32, rest: u32): void {
  // A PC with bit 1 set (BX/LDR pc to such an address) faults at fetch, as in QEMU 7.2, whose
  // lookup of the code page comes first: a translation or permission fault there outranks it.
  if ((pc & 3) != 0) {
    fetch32With(pc, rest);
    if (!excTaken) takePrefetchAbort(pc, alignmentFsr());
    return;
  }
  const insn = fetch32With(pc, rest);
  if (excTaken) return;
  // CPSR.IL (restored from an SPSR by an exception return): every instruction is UNDEFINED (QEMU).
  if ((rest & 0x00100000) != 0) { takeUndef(); return; }
  setNextPC(pc + 4);
  const cond = insn >>> 28;
  if (cond == 14 || (cond != 15 && conditionPassed(cond))) {
    if (!execA32(decodeA32Cached(insn), insn) && !excTaken) takeUndef();
  } else if (cond == 15) {
    if (!execA32U(decodeA32Cached(insn), insn) && !excTaken) takeUndef();
  }
}

/** Run up to `budget` instructions; returns why it stopped (STOP_*). */
export function run(budget: i32): i32 {
  pmuEnterRun();
  const stop = runLoop(budget);
  pmuLeaveRun();
  return stop;
}

function runLoop(budget: i32): i32 {
  setStopRequest(false);
  const jit = jitEnabled();
  // A32/T32 under an AArch64 EL1 (the A57's EL0) is interpreted: translated A32 regions assume
  // an AArch32 EL1 for their exits.
  const jit32 = jit && !el1IsAArch64();
  let blockStart = jit; // the jump cache is probed where blocks start: after branches and exceptions
  for (let n = 0; n < budget; n++) {
    const lines = load<u32>(STATE + S_IRQ_LINES);
    if (lines != 0) {
      store<u32>(STATE + S_HALTED, 0); // any asserted line wakes WFI, masked or not
      if (checkInterrupts(lines)) {
        if ((load<u32>(STATE + S_CPSR_REST) & PSTATE_NRW) == 0) commitPC64(); else setRegRaw(15, nextPC);
        setExcTaken(false); blockStart = jit; continue;
      }
    }
    if (load<u32>(STATE + S_HALTED) != 0) return STOP_WFI;
    const rest = load<u32>(STATE + S_CPSR_REST);
    if ((rest & PSTATE_NRW) == 0) {
      if (!jit) { // the interpreter alone: nothing to probe or count
        stepA64();
        if (excTaken) setExcTaken(false);
        else retire();
        commitPC64();
        if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
        continue;
      }
      const pc = pc64();
      // Breakpoints and software step are checked by stepA64 only: no translated code meanwhile.
      if (blockStart && !debugArmed()) {
        const used = jitEnter64(pc, rest, budget - n);
        if (used == JIT_STOP) return STOP_HOST;
        if (used > 0) {
          n += used - 1;
          if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
          continue;
        }
        blockStart = false;
      }
      countInterpreted();
      stepA64();
      if (excTaken) { setExcTaken(false); blockStart = true; }
      else retire();
      if (nextPC64 != pc + 4) blockStart = true; // not the next instruction in order
      commitPC64();
      if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
      continue;
    }
    const pc = regRaw(15);
    if (blockStart && jit32) {
      const used = jitEnter(pc, rest, budget - n);
      if (used == JIT_STOP) return STOP_HOST;
      if (used > 0) {
        n += used - 1;
        if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
        continue;
      }
      blockStart = false;
    }
    if (jit) countInterpreted();
    if ((rest & 0x20) != 0) stepThumb(pc);
    else stepA32(pc, rest);
    if (excTaken) {
      setExcTaken(false); blockStart = jit;
      // An exception from AArch32 EL0 to an AArch64 EL1: the A64 PC is the one to commit.
      if ((load<u32>(STATE + S_CPSR_REST) & PSTATE_NRW) == 0) {
        commitPC64();
        if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
        continue;
      }
    } else retire();
    const next = nextPC;
    if (jit && next - pc - 1 > 3) blockStart = true; // not the next instruction in order
    // Translated code does not run IT blocks: probe again after one (inside it, lookup bails at once).
    if (jit && (rest & CPSR_IT_MASK) != 0) blockStart = true;
    setRegRaw(15, next);
    if (stopRequest) return crashKind != 0 ? STOP_CRASH : STOP_HOST;
  }
  return STOP_BUDGET;
}
