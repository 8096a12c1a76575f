// ARM PrimeCell GPIO (PL061), the parts QEMU 7.2's hw/gpio/pl061.c models for virt: 8 lines,
// GPIODATA with the address-masked access (bits [9:2] of the offset select the lines), direction,
// edge/level interrupt sense, both-edges, event polarity, mask, raw/masked status and clear.
// Inputs come from the board (virt: line 3 is the power button, pulsed by powerdown requests).
import { type IrqLine, type MmioDevice, NO_IRQ } from "./device.js";
import { primecellIds, reg } from "./regs.js";

export const PL061_REGS = [
  reg("GPIODATA", 0x000, "rw"),
  reg("GPIODIR", 0x400, "rw", { mask: 0xff }),
  reg("GPIOIS", 0x404, "rw", { mask: 0xff }),
  reg("GPIOIBE", 0x408, "rw", { mask: 0xff }),
  reg("GPIOIEV", 0x40c, "rw", { mask: 0xff }),
  reg("GPIOIE", 0x410, "rw", { mask: 0xff }),
  reg("GPIORIS", 0x414, "ro"),
  reg("GPIOMIS", 0x418, "ro"),
  reg("GPIOIC", 0x41c, "wo"),
  reg("GPIOAFSEL", 0x420, "rw", { mask: 0xff }),
  ...primecellIds([0x61, 0x10, 0x04, 0x00]),
] as const;

const IDS = [0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

export class Pl061 implements MmioDevice {
  readonly kind = "pl061";
  /** Line levels: outputs as written, inputs as driven by setInput. */
  private data = 0;
  /** Input levels last seen by the edge detector. */
  private oldIn = 0;
  private inputs = 0;
  private dir = 0;
  private isense = 0;
  private ibe = 0;
  private iev = 0;
  private im = 0;
  private istate = 0;
  private afsel = 0;
  private readonly logged = new Set<number>();

  constructor(private readonly irq: IrqLine = NO_IRQ, private readonly log: (msg: string) => void = () => {}) {}

  /** Drive input line `pin` (0..7) from outside (a key, another device). */
  setInput(pin: number, level: boolean): void {
    const m = 1 << pin;
    this.inputs = level ? this.inputs | m : this.inputs & ~m;
    this.update();
  }

  /** Output levels (lines configured as outputs; others read 0). */
  get outputs(): number { return this.data & this.dir; }

  read(offset: number): number {
    if (offset < 0x400) return this.data & (offset >> 2) & 0xff;
    switch (offset) {
      case 0x400: return this.dir;
      case 0x404: return this.isense;
      case 0x408: return this.ibe;
      case 0x40c: return this.iev;
      case 0x410: return this.im;
      case 0x414: return this.istate;
      case 0x418: return this.istate & this.im;
      case 0x420: return this.afsel;
    }
    if (offset >= 0xfe0 && offset < 0x1000) return IDS[(offset - 0xfe0) >> 2];
    if (offset >= 0xfd0 && offset < 0xfe0) return 0;
    this.bad("read", offset);
    return 0;
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset < 0x400) {
      const mask = (offset >> 2) & this.dir;
      this.data = (this.data & ~mask) | (v & mask);
      this.update();
      return;
    }
    switch (offset) {
      case 0x400: this.dir = v; break;
      case 0x404: this.isense = v; break;
      case 0x408: this.ibe = v; break;
      case 0x40c: this.iev = v; break;
      case 0x410: this.im = v; break;
      case 0x41c: this.istate &= ~v; break;
      case 0x420: this.afsel = v; break;
      default: this.bad("write", offset); return;
    }
    this.update();
  }

  private update(): void {
    // Input lines follow what drives them; output lines keep the written value.
    this.data = ((this.data & this.dir) | (this.inputs & ~this.dir)) & 0xff;
    const inLevels = this.data & ~this.dir & 0xff;
    const changed = this.oldIn ^ inLevels;
    this.oldIn = inLevels;
    // Edge-sensitive lines latch a change: either edge with IBE, else the edge IEV selects.
    const edge = changed & ~this.isense & (this.ibe | ~(inLevels ^ this.iev));
    // Level-sensitive lines show the level while it matches IEV.
    const level = this.isense & ~(inLevels ^ this.iev) & ~this.dir;
    this.istate = ((this.istate & ~this.isense) | edge | level) & 0xff;
    this.irq.set((this.istate & this.im) !== 0);
  }

  private bad(what: string, offset: number): void {
    if (this.logged.has(offset)) return;
    this.logged.add(offset);
    this.log(`pl061: ${what} of unknown register at offset 0x${offset.toString(16)}`);
  }

  reset(): void {
    this.data = this.oldIn = this.dir = this.isense = this.ibe = this.iev = this.im = this.istate = this.afsel = 0;
    this.update();
  }

  saveState(): Record<string, unknown> {
    const { data, oldIn, inputs, dir, isense, ibe, iev, im, istate, afsel } = this;
    return { data, oldIn, inputs, dir, isense, ibe, iev, im, istate, afsel };
  }

  loadState(s: Record<string, unknown>): void {
    for (const k of ["data", "oldIn", "inputs", "dir", "isense", "ibe", "iev", "im", "istate", "afsel"] as const) {
      if (typeof s[k] === "number") this[k] = s[k] as number;
    }
    this.irq.set((this.istate & this.im) !== 0);
  }
}

/** QEMU's gpio-key: a press raises the line and releases it 100 ms of guest time later. */
export class GpioKey {
  private releaseAt: number | null = null;
  constructor(private readonly clock: { nowNs(): number }, private readonly out: (level: boolean) => void) {}
  press(): void {
    this.out(true);
    this.releaseAt = this.clock.nowNs() + 100_000_000;
  }
  nextEventNs(): number | null { return this.releaseAt; }
  advanceTo(now: number): void {
    if (this.releaseAt !== null && now >= this.releaseAt) {
      this.releaseAt = null;
      this.out(false);
    }
  }
  reset(): void {
    if (this.releaseAt !== null) { this.releaseAt = null; this.out(false); }
  }
}
