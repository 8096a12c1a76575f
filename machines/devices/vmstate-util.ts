// Small helpers the devices' migration declarations share: refusing a staged state that no
// device could be in (QEMU's post_load failures), and QEMU timer deadlines (-1 = not armed).
import { ArmletError } from "../errors.js";

/** A stream whose device state is impossible: the load stops before anything is applied. */
export function refuseState(section: string, msg: string): ArmletError {
  return new ArmletError("snapshot", `section '${section}': ${msg}`);
}

/** A guest-time deadline (ns) as QEMU's `timer` field: -1 when none is armed. */
export const timerField = (ns: number | null): bigint => (ns === null ? -1n : BigInt(Math.round(ns)));

/** A `timer` field back to a deadline: null when not armed (any negative value). */
export const timerDeadline = (v: bigint | number): number | null => (BigInt(v) < 0n ? null : Number(v));
