// A64 exception generation (ARM ARM C6.2: SVC, HVC, SMC, BRK, HLT). This Cortex-A57 has no EL2
// or EL3: HVC and SMC are UNDEFINED unless they are the machine's PSCI conduit (QEMU's fake
// firmware, core/exec/psci.ts), which is checked first, as QEMU does.
import { pc64, currentEL, xr, setXr } from "../../cpu64";
import { takeSyscall64, EC_SVC64, EC_BRK } from "../../exceptions/a64-entry";
import { psciConduitCall64, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC } from "../psci";
import { semihostingEnabled, semihostingCall64 } from "../semihosting";
import { field } from "./common";

export function SVC(insn: u32): bool {
  takeSyscall64(EC_SVC64, field(insn, 5, 16), pc64() + 4);
  return true;
}

export function HVC(insn: u32): bool {
  if (currentEL() == 0) return false;
  return psciConduitCall64(PSCI_CONDUIT_HVC);
}

export function SMC(insn: u32): bool {
  if (currentEL() == 0) return false;
  return psciConduitCall64(PSCI_CONDUIT_SMC);
}

/** BRK: the preferred return address is the BRK itself. */
export function BRK(insn: u32): bool {
  takeSyscall64(EC_BRK, field(insn, 5, 16), pc64());
  return true;
}

/** HLT #0xF000 is the A64 semihosting call (at EL1; EL0 calls UNDEF as QEMU 7.2's default);
 *  otherwise HLT UNDEFs (halting debug is not enabled). */
export function HLT(insn: u32): bool {
  if (field(insn, 5, 16) != 0xf000 || !semihostingEnabled || currentEL() == 0) return false;
  semihostingCall64();
  return true;
}
