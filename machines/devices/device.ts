// The shape every memory-mapped device shares: register reads and writes by offset,
// reset, and a state object that serialises (snapshots come in a later issue).

export interface MmioDevice {
  /** Device name as QEMU names the model (pl011, pl031...). */
  readonly kind: string;
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
  reset(): void;
  /** Plain-data state (JSON-serialisable), and its inverse. */
  saveState(): Record<string, unknown>;
  loadState(state: Record<string, unknown>): void;
}

/** An interrupt output: devices call set(level); the board wires it to an interrupt controller. */
export interface IrqLine { set(level: boolean): void }
export const NO_IRQ: IrqLine = { set() {} };
