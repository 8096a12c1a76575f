// The semihosting trap: the host does the work (machines/semihosting.ts); r0 gets the result.
import { semihosting, trace } from "../host";
import { rreg, wreg } from "../cpu";
import { xr, setXr } from "../cpu64";
import { STATE, S_REGS, TRACE_SEMIHOSTING_OFF } from "../state/layout";

export let semihostingEnabled: bool = false;
export function setSemihostingEnabled(on: bool): void { semihostingEnabled = on; }

export function semihostingCall(): void {
  wreg(0, semihosting(rreg(0), rreg(1)));
}

/** A64: the operation is W0, the parameter X1 (the host reads X1 itself: AArch64 parameter
 *  blocks are 64-bit); the result is sign-extended into X0, as QEMU. */
export function semihostingCall64(): void {
  setXr(0, <u64><i64><i32>semihosting(<u32>xr(0), <u32>xr(1)));
}

/** A semihosting trap instruction ran while semihosting is off: the host tells the user (once),
 *  since the guest then takes an SVC/UNDEFINED exception it probably has no handler for. */
export function semihostingTrapIgnored(insn: u32): void {
  trace(TRACE_SEMIHOSTING_OFF, load<u32>(STATE + S_REGS + 60), insn);
}
