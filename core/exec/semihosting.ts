// The semihosting trap: the host does the work (machines/semihosting.ts); r0 gets the result.
import { semihosting, trace } from "../host";
import { rreg, wreg } from "../cpu";
import { STATE, S_REGS, TRACE_SEMIHOSTING_OFF } from "../state/layout";

export let semihostingEnabled: bool = false;
export function setSemihostingEnabled(on: bool): void { semihostingEnabled = on; }

export function semihostingCall(): void {
  wreg(0, semihosting(rreg(0), rreg(1)));
}

/** A semihosting trap instruction ran while semihosting is off: the host tells the user (once),
 *  since the guest then takes an SVC/UNDEFINED exception it probably has no handler for. */
export function semihostingTrapIgnored(insn: u32): void {
  trace(TRACE_SEMIHOSTING_OFF, load<u32>(STATE + S_REGS + 60), insn);
}
