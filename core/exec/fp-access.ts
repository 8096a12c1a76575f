// Is the FP/SIMD unit usable by the current instruction? (ARM ARM B1.11.2, QEMU 7.2's
// fp_exception_el + the VFPEN hflag.) Shared by every VFP and NEON handler: call it after the
// encoding checks and return false (UNDEFINED) when it says no.
//
// On the virt board's A15 there is no EL2/EL3, so NSACR and HCPTR never trap (QEMU ignores
// NSACR without EL3); only CPACR.cp10 matters (QEMU reads the cp10 field alone, cp11 is ignored,
// and ASEDIS/D32DIS are stored but have no effect), then FPEXC.EN.
import { STATE, S_FPEXC, S_CPSR_REST, MODE_USR } from "../state/layout";
import { SR_CPACR } from "../generated/sysregs";
import { el1IsAArch64, fpTrapFromAArch32 } from "../exceptions/aarch32-el0";

/** CPACR.cp10 allows the current PL: 0b11 everyone, 0b01 PL1 only, 0b00/0b10 no one. */
@inline export function fpCpacrOk(): bool {
  const cp10 = (load<u32>(SR_CPACR) >>> 20) & 3;
  if (cp10 == 3) return true;
  return cp10 == 1 && (load<u32>(STATE + S_CPSR_REST) & 0x1f) != MODE_USR;
}

/** VFP/NEON enabled: CPACR grants access and FPEXC.EN is set. Under an AArch64 EL1 FPEXC.EN
 *  has no effect (QEMU's VFPEN hflag) and CPACR_EL1.FPEN traps to EL1 (EC 0x07): the trap is
 *  taken here (excTaken), so the caller's "false" does not become an UNDEFINED. */
@inline export function fpAccessOk(): bool {
  if (el1IsAArch64()) {
    if (fpCpacrOk()) return true;
    fpTrapFromAArch32();
    return false;
  }
  return (load<u32>(STATE + S_FPEXC) & 0x40000000) != 0 && fpCpacrOk();
}
