// Exception return in AArch32 state, the one rule shared by SUBS/MOVS PC, LR, LDM (exception
// return), RFE and ERET (ARM ARM B1.8.10; QEMU helper_cpsr_write_eret): CPSR <- psr, then the
// PC aligned for the new instruction set. A return to a mode this CPU lacks keeps the current
// mode and writes the other fields, as QEMU does (UNPREDICTABLE in the architecture).
import { getCPSR, setCPSR, isThumb, modeValid, setNextPC } from "../cpu";
import { pmuBeforeModeChange, pmuAfterModeChange } from "../pmu";

/** PSR bits that exist on this CPU (QEMU aarch32_cpsr_valid_mask for the A15): N Z C V Q, IT, J, IL, GE, E, A I F, T, M. */
export const PSR_VALID: u32 = 0xff1fffff;

export function exceptionReturn(pc: u32, psr: u32): void {
  let mask = PSR_VALID;
  if (!modeValid(psr & 0x1f)) mask &= ~0x1f;
  pmuBeforeModeChange(); // QEMU helper_cpsr_write_eret: pre/post EL change hooks
  setCPSR((getCPSR() & ~mask) | (psr & mask));
  pmuAfterModeChange();
  setNextPC(pc & (isThumb() ? ~1 : ~3));
}
