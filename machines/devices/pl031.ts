// ARM PrimeCell RTC (PL031) as QEMU 7.2's hw/rtc/pl031.c: a 1 Hz counter that is never
// stored, only an offset from the clock (RTCDR = tickOffset + now in whole seconds), a match
// register that raises the interrupt when the counter reaches it, always enabled (RTCCR reads 1).
// The base is the host's wall time when the device is created, or a fixed epoch for
// deterministic runs (QEMU's rtc clock is the host clock; ours is the machine's guest clock).
//
// Migration: QEMU 7.2's `pl031` section. Its tick_offset_vmstate is the offset from the virtual
// clock, which is our RTC clock, so after a load the RTC keeps counting from guest time; the
// `pl031/tick-offset` subsection carries the same value (what QEMU writes with -rtc clock=vm).
// QEMU saves no alarm (its post_load re-arms one from the load time); the deadline itself goes
// in armlet's own section `armlet-pl031-alarm`, so an alarm fires at the same guest time.
import { type Clock, type IrqLine, type MmioDevice, type TimedDevice, NO_IRQ } from "./device.js";
import { primecellIds, reg } from "./regs.js";
import { cloneState, type DeviceVmstate, type SnapshotSection } from "../snapshot/section.js";
import { subsection, timer, u32, vmsd } from "../snapshot/vmstate.js";
import { timerDeadline, timerField } from "./vmstate-util.js";

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

/** QEMU 7.2's vmstate_pl031 with its tick-offset subsection (sent: migrate-tick-offset is on). */
export const PL031_VMSD = vmsd("pl031", 1, [
  u32("tick_offset_vmstate"), u32("mr"), u32("lr"), u32("cr"), u32("im"), u32("is"),
], [subsection(vmsd("pl031/tick-offset", 1, [u32("tick_offset")]), () => true)]);

/** armlet's own: the pending match interrupt's guest time (QEMU does not save its timer). */
export const PL031_ALARM_VMSD = vmsd("armlet-pl031-alarm", 1, [timer("alarm")]);

export class Pl031 implements MmioDevice, TimedDevice {
  readonly kind = "pl031";
  /**
   * QEMU's PL031State fields. tick_offset: RTCDR - floor(clock / 1 s), modulo 2^32; cr is
   * stored by QEMU but never written (RTCCR reads 1).
   */
  private readonly s = { tick_offset_vmstate: 0, mr: 0, lr: 0, cr: 0, im: 0, is: 0, tick_offset: 0 };
  /** Guest time of the pending match interrupt, or null. */
  private alarmNs: number | null = null;
  /** The alarm deadline the last load brought (armlet's section), used once by postLoad. */
  private loadedAlarm: bigint | undefined;
  private readonly logged = new Set<string>();
  private readonly log: (msg: string) => void;
  readonly vmstate: DeviceVmstate;

  constructor(private readonly clock: Clock, private readonly irq: IrqLine = NO_IRQ, opts: Pl031Options = {}) {
    this.log = opts.log ?? (() => {});
    const epoch = opts.epochSeconds ?? Math.floor(Date.now() / 1000);
    this.s.tick_offset = (epoch - Math.floor(clock.nowNs() / NS_PER_S)) >>> 0;
    this.vmstate = {
      decl: PL031_VMSD, state: this.s,
      preSave: () => { this.s.tick_offset_vmstate = this.s.tick_offset; },
      postLoad: () => this.postLoad(),
    };
  }

  /** armlet's section for the alarm deadline: register it right after `vmstate`. */
  alarmSection(): Omit<SnapshotSection, "instanceId"> {
    const st = { alarm: -1n };
    return {
      idstr: PL031_ALARM_VMSD.name, decl: PL031_ALARM_VMSD, armletOnly: true,
      state: () => st,
      preSave: () => { st.alarm = timerField(this.alarmNs); },
      staging: () => cloneState(st),
      load: (staged) => { this.loadedAlarm = BigInt(staged.alarm); },
    };
  }

  /** QEMU 7.2 gives the PL031 no reset: time, match and mask survive a system reset. */
  reset(): void {
    this.update();
  }

  private count(now: number): number {
    return (this.s.tick_offset + Math.floor(now / NS_PER_S)) >>> 0;
  }

  private setAlarm(now: number): void {
    const ticks = (this.s.mr - this.count(now)) >>> 0; // wraps like the 32-bit counter
    if (ticks === 0) {
      this.alarmNs = null;
      this.interrupt();
    } else {
      this.alarmNs = now + ticks * NS_PER_S;
    }
  }

  /**
   * The counter continues from the virtual-clock offset (our RTC clock is guest time, whatever
   * clock the stream's RTC ran on). The alarm: armlet's deadline when the stream has it, else
   * re-armed from now as QEMU's post_load does (at once if the match is due).
   */
  private postLoad(): void {
    const s = this.s;
    s.tick_offset = s.tick_offset_vmstate >>> 0;
    s.im &= 1;
    if (this.loadedAlarm !== undefined) {
      this.alarmNs = timerDeadline(this.loadedAlarm);
      this.loadedAlarm = undefined;
    } else {
      this.setAlarm(this.clock.nowNs());
    }
    this.update();
  }

  private interrupt(): void {
    this.s.is = 1;
    this.update();
  }

  private update(): void {
    this.irq.set((this.s.is & this.s.im) !== 0);
  }

  read(offset: number, size: number): number {
    const now = this.clock.nowNs();
    this.advanceTo(now);
    const s = this.s;
    let v: number;
    switch (offset) {
      case 0x00: v = this.count(now); break;
      case 0x04: v = s.mr; break;
      case 0x08: v = s.lr; break;
      case 0x0c: v = 1; break;
      case 0x10: v = s.im; break;
      case 0x14: v = s.is; break;
      case 0x18: v = s.is & s.im; break;
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
    const s = this.s;
    value >>>= 0;
    switch (offset) {
      case 0x08: // RTCLR: the counter continues from the loaded value
        s.lr = value;
        s.tick_offset = (s.tick_offset + value - this.count(now)) >>> 0;
        this.setAlarm(now);
        return;
      case 0x04:
        s.mr = value;
        this.setAlarm(now);
        return;
      case 0x10:
        s.im = value & 1;
        this.update();
        return;
      case 0x1c:
        s.is &= ~value;
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
}
