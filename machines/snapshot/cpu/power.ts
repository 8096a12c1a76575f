// vCPU power state in a snapshot (seed 000): QEMU's power_state (1 = off) decides whether a CPU
// runs after loading, whatever the board does at reset: an Off CPU stays off even where the board
// starts it on, an On one runs from its saved registers even where the board starts it off. A later
// PSCI SYSTEM_RESET puts every CPU back to the board's reset configuration (Machine.resetMachine).
//
// A CPU_ON accepted but not yet applied (on-pending) is not a QEMU state, and QEMU refuses to save
// then. armlet applies pending CPU_ONs right after the slice that made them, so a save at a step
// boundary sees none; should one be pending, the save still succeeds: QEMU's field says off, the
// exact state travels in armlet-cpu and the request itself in armlet-machine, and loading puts the
// CPU back to on-pending so the request is applied as it would have been.
import { PowerState } from "../../psci/psci.js";

/** The power state a loaded CPU gets: armlet's exact one when the stream has it, else QEMU's field. */
export function powerFromStream(poweredOff: number, armlet: number | undefined, pendingOn: boolean): PowerState {
  if (pendingOn && armlet !== PowerState.On) return PowerState.OnPending;
  if (armlet === PowerState.On || armlet === PowerState.Off) return armlet;
  if (armlet === PowerState.OnPending) return PowerState.Off; // its request did not travel: it never started
  return poweredOff ? PowerState.Off : PowerState.On;
}

/** A note when the stream's power state differs from the board's reset configuration. */
export function powerNote(cpu: number, poweredOff: number, secondariesStartOff: boolean): string | undefined {
  const boardOff = cpu > 0 && secondariesStartOff;
  if (poweredOff && !boardOff) return `cpu ${cpu}: powered off in the snapshot (the board starts it on): it stays off`;
  if (!poweredOff && boardOff) return `cpu ${cpu}: powered on in the snapshot (the board starts it off): it runs from its saved registers`;
  return undefined;
}
