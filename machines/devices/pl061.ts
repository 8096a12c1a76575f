// ARM PrimeCell GPIO (PL061), the parts QEMU 7.2's hw/gpio/pl061.c models for virt: 8 lines,
// GPIODATA with the address-masked access (bits [9:2] of the offset select the lines), direction,
// edge/level interrupt sense, both-edges, event polarity, mask, raw/masked status and clear.
// Inputs come from the board (virt: line 3 is the power button, pulsed by powerdown requests).
// The registers' storage is QEMU 7.2's `pl061` vmstate (version 4); the Luminary-only
// registers (lock, drive strength, pulls, digital enable...) keep their reset values.
import { type IrqLine, type MmioDevice, NO_IRQ } from "./device.js";
import { primecellIds, reg } from "./regs.js";
import type { DeviceVmstate } from "../snapshot/section.js";
import { timer, u32, vmsd } from "../snapshot/vmstate.js";
import { timerDeadline, timerField } from "./vmstate-util.js";

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

/** QEMU 7.2's vmstate_pl061. */
export const PL061_VMSD = vmsd("pl061", 4, [
  "locked", "data", "old_out_data", "old_in_data", "dir", "isense", "ibe", "iev", "im", "istate",
  "afsel", "dr2r", "dr4r", "dr8r", "odr", "pur", "pdr", "slr", "den", "cr", "amsel",
].map((n) => u32(n)));

/** QEMU 7.2's vmstate_gpio_key: the release timer. */
export const GPIO_KEY_VMSD = vmsd("gpio-key", 1, [timer("timer")]);

function resetState() {
  return {
    locked: 1, data: 0, old_out_data: 0, old_in_data: 0, dir: 0, isense: 0, ibe: 0, iev: 0, im: 0, istate: 0,
    afsel: 0, dr2r: 0xff, dr4r: 0, dr8r: 0, odr: 0, pur: 0, pdr: 0, slr: 0, den: 0, cr: 0xff, amsel: 0,
  };
}

export class Pl061 implements MmioDevice {
  readonly kind = "pl061";
  /**
   * QEMU's PL061State: data holds the output lines as written and the input lines as driven;
   * old_in_data the input levels last seen by the edge detector; old_out_data the outputs.
   */
  private readonly s = resetState();
  /** Levels driven into the lines from outside (kept apart, as a line can change direction). */
  private inputs = 0;
  private readonly logged = new Set<number>();
  readonly vmstate: DeviceVmstate;

  constructor(private readonly irq: IrqLine = NO_IRQ, private readonly log: (msg: string) => void = () => {}) {
    this.vmstate = {
      decl: PL061_VMSD, state: this.s,
      // What drives the input lines is in data; the line follows istate & im.
      postLoad: () => {
        for (const k of Object.keys(this.s) as (keyof Pl061["s"])[]) this.s[k] = (this.s[k] >>> 0) & 0xff;
        this.inputs = this.s.data & ~this.s.dir & 0xff;
        this.s.old_in_data &= ~this.s.dir; // QEMU keeps all of data there; the detector looks at inputs
        this.irq.set((this.s.istate & this.s.im) !== 0);
      },
    };
  }

  /** Drive input line `pin` (0..7) from outside (a key, another device). */
  setInput(pin: number, level: boolean): void {
    const m = 1 << pin;
    this.inputs = level ? this.inputs | m : this.inputs & ~m;
    this.update();
  }

  /** Output levels (lines configured as outputs; others read 0). */
  get outputs(): number { return this.s.data & this.s.dir; }

  read(offset: number): number {
    if (offset < 0x400) return this.s.data & (offset >> 2) & 0xff;
    switch (offset) {
      case 0x400: return this.s.dir;
      case 0x404: return this.s.isense;
      case 0x408: return this.s.ibe;
      case 0x40c: return this.s.iev;
      case 0x410: return this.s.im;
      case 0x414: return this.s.istate;
      case 0x418: return this.s.istate & this.s.im;
      case 0x420: return this.s.afsel;
    }
    if (offset >= 0xfe0 && offset < 0x1000) return IDS[(offset - 0xfe0) >> 2];
    if (offset >= 0xfd0 && offset < 0xfe0) return 0;
    this.bad("read", offset);
    return 0;
  }

  write(offset: number, _size: number, value: number): void {
    const v = value & 0xff;
    if (offset < 0x400) {
      const mask = (offset >> 2) & this.s.dir;
      this.s.data = (this.s.data & ~mask) | (v & mask);
      this.update();
      return;
    }
    switch (offset) {
      case 0x400: this.s.dir = v; break;
      case 0x404: this.s.isense = v; break;
      case 0x408: this.s.ibe = v; break;
      case 0x40c: this.s.iev = v; break;
      case 0x410: this.s.im = v; break;
      case 0x41c: this.s.istate &= ~v; break;
      case 0x420: this.s.afsel = v; break;
      default: this.bad("write", offset); return;
    }
    this.update();
  }

  private update(): void {
    // Input lines follow what drives them; output lines keep the written value.
    this.s.data = ((this.s.data & this.s.dir) | (this.inputs & ~this.s.dir)) & 0xff;
    const inLevels = this.s.data & ~this.s.dir & 0xff;
    const changed = this.s.old_in_data ^ inLevels;
    this.s.old_in_data = inLevels;
    // Edge-sensitive lines latch a change: either edge with IBE, else the edge IEV selects.
    const edge = changed & ~this.s.isense & (this.s.ibe | ~(inLevels ^ this.s.iev));
    // Level-sensitive lines show the level while it matches IEV.
    const level = this.s.isense & ~(inLevels ^ this.s.iev) & ~this.s.dir;
    this.s.istate = ((this.s.istate & ~this.s.isense) | edge | level) & 0xff;
    this.s.old_out_data = this.s.data & this.s.dir;
    this.irq.set((this.s.istate & this.s.im) !== 0);
  }

  private bad(what: string, offset: number): void {
    if (this.logged.has(offset)) return;
    this.logged.add(offset);
    this.log(`pl061: ${what} of unknown register at offset 0x${offset.toString(16)}`);
  }

  reset(): void {
    Object.assign(this.s, resetState());
    this.update();
  }
}

/** QEMU's gpio-key: a press raises the line and releases it 100 ms of guest time later. */
export class GpioKey {
  private releaseAt: number | null = null;
  private readonly view = { timer: -1n };
  /** QEMU's section; after a load a pressed key drives its line again until the release time. */
  readonly vmstate: DeviceVmstate = {
    decl: GPIO_KEY_VMSD, state: this.view,
    preSave: () => { this.view.timer = timerField(this.releaseAt); },
    postLoad: () => {
      this.releaseAt = timerDeadline(this.view.timer);
      if (this.releaseAt !== null) this.out(true);
    },
  };
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
