// A32 hints (ARM ARM A8.8.119 NOP, A8.8.424 YIELD, A8.8.425 WFE, A8.8.426 WFI, A8.8.168 SEV).
// WFI halts until an interrupt line is asserted (the loop then returns STOP_WFI). WFE uses the
// event register: it consumes a pending event or halts until an event or an interrupt line; SEV
// sets the event register here and raises sevPending so a multi-CPU host can set it on the other
// CPUs, waking those in WFE only (Linux's spin_unlock does SEV: waking WFI too made two idle
// CPUs wake each other forever).
// (QEMU 7.2 treats WFE as YIELD and SEV as NOP; guests cannot tell, except in timing.)
import { STATE, S_HALTED, S_EVENT, HALT_WFI, HALT_WFE, S_CPSR_REST } from "../../state/layout";
import { SR_SCTLR } from "../../generated/sysregs";
import { isThumb } from "../../cpu";
import { insnLength } from "../../exceptions/a32-entry";
import { el1IsAArch64, wfxTrapFromAArch32 } from "../../exceptions/aarch32-el0";

/** Under an AArch64 EL1, WFI/WFE in User mode trap unless SCTLR_EL1.nTWI (bit 16) / nTWE (bit 18)
 *  is set, as the A64 forms at EL0 do (core/exec/a64/system.ts). */
function wfxTrapped(isWfe: bool): bool {
  if (!el1IsAArch64() || (load<u32>(STATE + S_CPSR_REST) & 0x1f) != 0x10) return false;
  if ((load<u32>(SR_SCTLR) & (isWfe ? 1 << 18 : 1 << 16)) != 0) return false;
  wfxTrapFromAArch32(isWfe, isThumb() ? insnLength : 4);
  return true;
}

/** Set by SEV; the host clears it after signalling the event to the other CPUs. */
export let sevPending: bool = false;
export function clearSevPending(): void { sevPending = false; }

export function NOP(insn: u32): bool { return true; }

export function YIELD(insn: u32): bool { return true; }

export function WFI(insn: u32): bool {
  if (wfxTrapped(false)) return true;
  store<u32>(STATE + S_HALTED, HALT_WFI);
  return true;
}

export function WFE(insn: u32): bool {
  if (wfxTrapped(true)) return true;
  if (load<u32>(STATE + S_EVENT) != 0) store<u32>(STATE + S_EVENT, 0);
  else store<u32>(STATE + S_HALTED, HALT_WFE);
  return true;
}

export function SEV(insn: u32): bool {
  store<u32>(STATE + S_EVENT, 1);
  sevPending = true;
  return true;
}
