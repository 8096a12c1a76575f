// The semihosting trap: the host does the work (machines/semihosting.ts); r0 gets the result.
import { semihosting } from "../host";
import { rreg, wreg } from "../cpu";

export let semihostingEnabled: bool = false;
export function setSemihostingEnabled(on: bool): void { semihostingEnabled = on; }

export function semihostingCall(): void {
  wreg(0, semihosting(rreg(0), rreg(1)));
}
