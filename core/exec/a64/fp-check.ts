// CPACR_EL1.FPEN: FP/SIMD instructions trap to EL1 (ESR EC 0x07) unless enabled for the current
// EL. QEMU's cortex-a57 resets CPACR_EL1 to 0, so bare-metal code must enable FP first.
import { SR_CPACR } from "../../generated/sysregs";
import { currentEL, pc64 } from "../../cpu64";
import { takeException64, syndrome, VEC_SYNC, EC_FP_ACCESS } from "../../exceptions/a64-entry";

/** True if FP/SIMD may run; otherwise the trap is taken (excTaken) and the handler returns true. */
export function fpAccessOk64(): bool {
  const fpen = (load<u32>(SR_CPACR) >>> 20) & 3;
  if (fpen == 3 || (fpen == 1 && currentEL() == 1)) return true;
  // ISS: CV = 1, COND = 0xe (as QEMU's syn_fp_access_trap for A64).
  takeException64(VEC_SYNC, syndrome(EC_FP_ACCESS, 0x1e00000), pc64(), true);
  return false;
}
