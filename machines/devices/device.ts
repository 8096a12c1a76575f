// The shape every memory-mapped device shares: register reads and writes by offset,
// reset, and its migration state declared once (machines/snapshot/vmstate.ts).
import type { DeviceVmstate } from "../snapshot/section.js";

export interface MmioDevice {
  /** Device name as QEMU names the model (pl011, pl031...). */
  readonly kind: string;
  /** `cpu` is the index of the CPU making the access (banked registers such as the GIC's). */
  read(offset: number, size: number, cpu: number): number;
  write(offset: number, size: number, value: number, cpu: number): void;
  reset(): void;
  /** QEMU's section layout over the device's own state object (absent: nothing to save). */
  readonly vmstate?: DeviceVmstate;
  /** @deprecated plain-data state of the devices not yet declared (being replaced by vmstate). */
  saveState?(): Record<string, unknown>;
  loadState?(state: Record<string, unknown>): void;
}

/** A source of guest time for devices (ns since machine start; virtual or host, see machine.ts). */
export interface Clock { nowNs(): number }

/** An interrupt output: devices call set(level); the board wires it to an interrupt controller. */
export interface IrqLine { set(level: boolean): void }
export const NO_IRQ: IrqLine = { set() {} };

/**
 * A device with its own notion of time (timers, counters). The machine calls advanceTo(now)
 * between CPU slices and after MMIO that may arm a timer, and sleeps (or, with virtual time,
 * skips) a CPU waiting in WFI to the earliest nextEventNs() of all devices and CPU timers.
 */
export interface TimedDevice {
  /** Guest time (ns) of the next event this device will raise, or null if none is armed. */
  nextEventNs(): number | null;
  /** Bring the device up to guest time `nowNs` (fire expired events, update IRQ outputs). */
  advanceTo(nowNs: number): void;
}
