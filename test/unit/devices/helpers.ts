// Shared fixtures for the device tests: a settable guest clock, recording IRQ lines, and the
// vexpress-a15 board built on a real AddressSpace with a fake BoardContext.
import { AddressSpace } from "../../../machines/bus/address-space.js";
import type { BoardContext, BoardDef } from "../../../machines/boards/board.js";
import type { Clock, IrqLine, TimedDevice } from "../../../machines/devices/device.js";
import { SectionRegistry } from "../../../machines/snapshot/section.js";

export class FakeClock {
  t = 0;
  nowNs(): number { return this.t; }
}

export class IrqProbe implements IrqLine {
  level = false;
  changes: boolean[] = [];
  set(level: boolean): void { this.level = level; this.changes.push(level); }
}

export interface BuiltBoard {
  bus: AddressSpace;
  clock: FakeClock;
  spis: Map<number, IrqProbe>;
  rams: { name: string; base: number; size: number }[];
  timed: TimedDevice[];
  /** The migration sections the board registered, in order. */
  snapshot: SectionRegistry;
  console: number[];
  consoleInput?: { receive(bytes: Iterable<number>): void; rxSpace: number };
  shutdowns: number;
  resets: number;
  logs: string[];
  /** Bring every timed device to the clock's time. */
  advance(ns: number): void;
  r32(pa: number): number;
  w32(pa: number, v: number): void;
}

/** Build `def`; `boardClock` replaces the fake clock the devices see (advance() then moves nothing). */
export function buildBoard(def: BoardDef, boardClock?: Clock): BuiltBoard {
  const logs: string[] = [];
  const clock = new FakeClock();
  const b: BuiltBoard = {
    bus: new AddressSpace((m) => logs.push(m)), clock, spis: new Map(), rams: [], timed: [], console: [], snapshot: new SectionRegistry(),
    shutdowns: 0, resets: 0, logs,
    advance(ns) { clock.t += ns; for (const d of b.timed) d.advanceTo(clock.t); },
    r32: (pa) => b.bus.read(pa >>> 0, 0, 4),
    w32: (pa, v) => b.bus.write(pa >>> 0, 0, 4, v >>> 0),
  };
  const ctx: BoardContext = {
    bus: b.bus, snapshot: b.snapshot, clock: boardClock ?? clock, numCpus: 1, ramBytes: 128 * 2 ** 20,
    addRam: (name, base, size) => { b.rams.push({ name, base, size }); return new Uint8Array(size); },
    spi: (k) => { const p = b.spis.get(k) ?? new IrqProbe(); b.spis.set(k, p); return p; },
    uartOut: (n) => (byte) => { if (n === 0) b.console.push(byte); },
    addTimed: (d) => { b.timed.push(d); },
    setConsoleInput: (d) => { b.consoleInput = d; },
    requestShutdown: () => { b.shutdowns++; },
    requestReset: () => { b.resets++; },
    log: (m) => logs.push(m),
  };
  def.build(ctx);
  return b;
}
