// What translated code calls for an instruction it has no inline emitter for: the interpreter's
// own step for that one instruction (condition, handler, UNDEFINED, retire), then a verdict on
// whether the region may go on with the next instruction in program order.
import { STATE, S_CPSR_REST, S_HALTED, S_IRQ_LINES, J_NEXT, J_EXC, J_EXC_RETIRED, J_LEAVE } from "../state/layout";
import { setRegRaw, nextPC, setNextPC, excTaken, setExcTaken, stopRequest, conditionPassed, retire, icountNow } from "../cpu";
import { takeUndef, setInsnLength } from "../exceptions/a32-entry";
import { execA32 } from "../generated/decode-a32";
import { execA32U } from "../generated/decode-a32u";
import { execThumbOutsideIT } from "../exec/thumb";
import { codeWritten, clearCodeWritten } from "./code-pages";
import { setPC64, setNextPC64, nextPC64 } from "../cpu64";
import { takeUndef64 } from "../exceptions/a64-entry";
import { execA64 } from "../generated/decode-a64";

/** An interrupt the interpreter would take before the next instruction. */
@inline function interruptDue(rest: u32): bool {
  const lines = load<u32>(STATE + S_IRQ_LINES);
  return ((lines & 2) != 0 && (rest & 0x40) == 0) || ((lines & 1) != 0 && (rest & 0x80) == 0);
}

/**
 * After one instruction: 0 if the next one in program order may run inside the region, else
 * the exit code with r15 set as the interpreter leaves it. Leaves on a branch, an exception,
 * any CPSR change (mode, Thumb, IT, masks), WFI/WFE, a host stop request, an interrupt now
 * due, or a store into translated code.
 */
function verdict(expectedNext: u32, restBefore: u32, icountBefore: u64): i32 {
  if (excTaken) { setExcTaken(false); setRegRaw(15, nextPC); return icountNow() != icountBefore ? J_EXC_RETIRED : J_EXC; }
  retire();
  const rest = load<u32>(STATE + S_CPSR_REST);
  if (nextPC != expectedNext || rest != restBefore || stopRequest || codeWritten ||
      load<u32>(STATE + S_HALTED) != 0 || interruptDue(rest)) {
    clearCodeWritten();
    setRegRaw(15, nextPC);
    return J_LEAVE;
  }
  return J_NEXT;
}

/** One A32 instruction at pc whose word is insn and A32/A32U row is row (-1: UNDEFINED). */
export function jitA32(pc: u32, insn: u32, row: i32): i32 {
  const rest = load<u32>(STATE + S_CPSR_REST), ic = icountNow();
  setRegRaw(15, pc);
  setNextPC(pc + 4);
  const cond = insn >>> 28;
  if (cond == 14 || (cond != 15 && conditionPassed(cond))) {
    if (!execA32(row, insn) && !excTaken) takeUndef();
  } else if (cond == 15) {
    if (!execA32U(row, insn) && !excTaken) takeUndef();
  }
  return verdict(pc + 4, rest, ic);
}

/** One Thumb instruction at pc outside an IT block: a halfword, or a 32-bit word (wide). */
export function jitThumb(pc: u32, insn: u32, wide: i32): i32 {
  const rest = load<u32>(STATE + S_CPSR_REST), ic = icountNow();
  const len: u32 = wide != 0 ? 4 : 2;
  setRegRaw(15, pc);
  setInsnLength(len);
  setNextPC(pc + len);
  execThumbOutsideIT(insn, wide != 0);
  return verdict(pc + len, rest, ic);
}

/**
 * One A64 instruction at pc (word insn, A64 row, -1: UNDEFINED), as stepA64 runs it (the region
 * is never entered with PSTATE.IL set: lookup64), then the verdict: an exception leaves with the
 * PC at the vector, a branch or any PSTATE change (EL, SPSel, DAIF, nRW) with the PC at nextPC64.
 */
export function jitA64(pc: u64, insn: u32, row: i32): i32 {
  const rest = load<u32>(STATE + S_CPSR_REST), ic = icountNow();
  setPC64(pc);
  setNextPC64(pc + 4);
  if (!execA64(row, insn) && !excTaken) takeUndef64();
  if (excTaken) { setExcTaken(false); setPC64(nextPC64); return icountNow() != ic ? J_EXC_RETIRED : J_EXC; }
  retire();
  const now = load<u32>(STATE + S_CPSR_REST);
  if (nextPC64 != pc + 4 || now != rest || stopRequest || codeWritten || load<u32>(STATE + S_HALTED) != 0 || interruptDue(now)) {
    clearCodeWritten();
    setPC64(nextPC64);
    return J_LEAVE;
  }
  return J_NEXT;
}
