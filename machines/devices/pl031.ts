// ARM PrimeCell RTC (PL031) as QEMU 7.2's hw/rtc/pl031.c: a 1 Hz counter that is never
// stored, only an offset from the clock (RTCDR = tickOffset + now in whole seconds), a match
// register that raises the interrupt when the counter reaches it, always enabled (RTCCR reads 1).
// The base is the host's wall time when the device is created, or a fixed epoch for
// deterministic runs (QEMU's rtc clock is the host clock; ours is the machine's guest clock).
import { type Clock, type IrqLine, type MmioDevice, type TimedDevice, NO_IRQ } from "./device.js";
import { primecellIds, reg } from "./regs.js";

const NS_PER_S = 1_000_000_000;

export const PL031_REGS = [
  reg("RTCDR", 0x00, "ro"),
  reg("RTCMR", 0x04, "rw"),
  reg("RTCLR", 0x08, "rw"),
  reg("RTCCR", 0x0c, "ro", { reset: 1 }), // writes ignored, the RTC is always running
  reg("RTCIMSC", 0x10, "rw", { mask: 1 }),
  reg("RTCRIS", 0x14, "ro"),
  reg("RTCMIS", 0x18, "ro"),
  reg("RTCICR", 0x1c, "wo"),
  ...primecellIds([0x31, 0x10, 0x14, 0x00]),
] as const;

const PL031_IDS = [0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

export interface Pl031Options {
  /** RTC value (seconds since 1970) at guest time 0; default: the host's wall clock now. */
  epochSeconds?: number;
  log?: (msg: string) => void;
}

export class Pl031 implements MmioDevice, TimedDevice {
  readonly kind = "pl031";
  /** RTCDR - floor(clock / 1 s), modulo 2^32. */
  private tickOffset: number;
  private mr = 0;
  private lr = 0;
  private im = 0;
  private is = 0;
  /** Guest time of the pending match interrupt, or null. */
  private alarmNs: number | null = null;
  private readonly logged = new Set<string>();
  private readonly log: (msg: string) => void;

  constructor(private readonly clock: Clock, private readonly irq: IrqLine = NO_IRQ, opts: Pl031Options = {}) {
    this.log = opts.log ?? (() => {});
    const epoch = opts.epochSeconds ?? Math.floor(Date.now() / 1000);
    this.tickOffset = (epoch - Math.floor(clock.nowNs() / NS_PER_S)) >>> 0;
  }

  /** QEMU 7.2 gives the PL031 no reset: time, match and mask survive a system reset. */
  reset(): void {
    this.update();
  }

  private count(now: number): number {
    return (this.tickOffset + Math.floor(now / NS_PER_S)) >>> 0;
  }

  private setAlarm(now: number): void {
    const ticks = (this.mr - this.count(now)) >>> 0; // wraps like the 32-bit counter
    if (ticks === 0) {
      this.alarmNs = null;
      this.interrupt();
    } else {
      this.alarmNs = now + ticks * NS_PER_S;
    }
  }

  private interrupt(): void {
    this.is = 1;
    this.update();
  }

  private update(): void {
    this.irq.set((this.is & this.im) !== 0);
  }

  read(offset: number, size: number): number {
    const now = this.clock.nowNs();
    this.advanceTo(now);
    let v: number;
    switch (offset) {
      case 0x00: v = this.count(now); break;
      case 0x04: v = this.mr; break;
      case 0x08: v = this.lr; break;
      case 0x0c: v = 1; break;
      case 0x10: v = this.im; break;
      case 0x14: v = this.is; break;
      case 0x18: v = this.is & this.im; break;
      default:
        if (offset >= 0xfe0 && offset <= 0xfff) { v = PL031_IDS[(offset - 0xfe0) >> 2]; break; }
        this.logOnce(`r${offset}`, `pl031: read of ${offset === 0x1c ? "write-only" : "unimplemented"} offset 0x${offset.toString(16)}`);
        return 0;
    }
    return size >= 4 ? v >>> 0 : v & (size === 2 ? 0xffff : 0xff);
  }

  write(offset: number, _size: number, value: number): void {
    const now = this.clock.nowNs();
    this.advanceTo(now);
    value >>>= 0;
    switch (offset) {
      case 0x08: // RTCLR: the counter continues from the loaded value
        this.lr = value;
        this.tickOffset = (this.tickOffset + value - this.count(now)) >>> 0;
        this.setAlarm(now);
        return;
      case 0x04:
        this.mr = value;
        this.setAlarm(now);
        return;
      case 0x10:
        this.im = value & 1;
        this.update();
        return;
      case 0x1c:
        this.is &= ~value;
        this.update();
        return;
      case 0x0c: return; // RTCCR: ignored
    }
    this.logOnce(`w${offset}`, `pl031: write to ${offset <= 0x18 ? "read-only" : "unimplemented"} offset 0x${offset.toString(16)}`);
  }

  nextEventNs(): number | null {
    return this.alarmNs;
  }

  advanceTo(nowNs: number): void {
    if (this.alarmNs !== null && nowNs >= this.alarmNs) {
      this.alarmNs = null;
      this.interrupt();
    }
  }

  private logOnce(key: string, msg: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(msg);
  }

  saveState(): Record<string, unknown> {
    return { tickOffset: this.tickOffset, mr: this.mr, lr: this.lr, im: this.im, is: this.is, alarmNs: this.alarmNs };
  }

  loadState(s: Record<string, unknown>): void {
    this.tickOffset = s.tickOffset as number;
    this.mr = s.mr as number;
    this.lr = s.lr as number;
    this.im = s.im as number;
    this.is = s.is as number;
    this.alarmNs = s.alarmNs as number | null;
    this.update();
  }
}
