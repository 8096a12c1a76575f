// ARM SP804 dual timer as QEMU 7.2 models it (hw/timer/arm_timer.c on top of hw/core/ptimer.c
// with the legacy policy): two down-counters sharing one interrupt output, 1 MHz on vexpress.
// The counter is not stored: it is computed from the clock when read, like QEMU's ptimer, so
// values between events are exact. QEMU quirks kept on purpose: a Control write while enabled
// reloads the counter from the limit; in free-running mode Load sets the counter to
// 0xffff/0xffffffff (not to the written value); the 16-bit mode only affects that limit;
// periodic timers faster than 10 us are slowed to 10 us (QEMU without icount).
//
// Migration as QEMU 7.2 registers it: one `arm_timer` section per timer (control, limit, level
// and the ptimer in QEMU's layout), then the `sp804` section (each timer's interrupt level).
// The ptimer fields are our counter's own state; its `timer` is the armed deadline.
import { type Clock, type IrqLine, type MmioDevice, type TimedDevice, NO_IRQ } from "./device.js";
import { primecellIds, reg } from "./regs.js";
import type { DeviceVmstate } from "../snapshot/section.js";
import { i32, i64, struct, timer, u32, u64, u8, vmsd } from "../snapshot/vmstate.js";
import { refuseState } from "./vmstate-util.js";

const CTRL_ONESHOT = 1 << 0, CTRL_32BIT = 1 << 1, CTRL_IE = 1 << 5, CTRL_PERIODIC = 1 << 6, CTRL_ENABLE = 1 << 7;
const NS_PER_S = 1_000_000_000;
/** ptimer's minimum period for periodic timers when QEMU runs without icount (ns). */
const MIN_PERIOD_NS = 10_000;

const timerRegs = (n: 1 | 2) => {
  const b = n === 1 ? 0 : 0x20;
  return [
    reg(`Timer${n}Load`, b + 0x00, "rw"),
    reg(`Timer${n}Value`, b + 0x04, "ro"),
    reg(`Timer${n}Control`, b + 0x08, "rw", { reset: CTRL_IE }),
    reg(`Timer${n}IntClr`, b + 0x0c, "wo"),
    reg(`Timer${n}RIS`, b + 0x10, "ro"),
    reg(`Timer${n}MIS`, b + 0x14, "ro"),
    reg(`Timer${n}BGLoad`, b + 0x18, "rw"),
  ];
};

export const SP804_REGS = [
  ...timerRegs(1),
  ...timerRegs(2),
  reg("TimerITCR", 0xf00, "ro"), // integration test registers: not modelled (QEMU reads 0)
  reg("TimerITOP", 0xf04, "wo"),
  ...primecellIds([0x04, 0x18, 0x14, 0x00]),
] as const;

const SP804_IDS = [0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/** QEMU 7.2's VMSTATE_PTIMER: the ptimer's fields and its QEMU timer (the armed deadline). */
export const PTIMER_VMSD = vmsd("ptimer", 1, [
  u8("enabled"), u64("limit"), u64("delta"), u32("period_frac"), i64("period"),
  i64("last_event"), i64("next_event"), timer("timer"),
]);
export const ARM_TIMER_VMSD = vmsd("arm_timer", 1, [u32("control"), u32("limit"), i32("int_level"), struct("timer", PTIMER_VMSD)]);
export const SP804_VMSD = vmsd("sp804", 1, [i32("level", 2)]);

/** QEMU's ptimer (legacy policy): a counter defined by (delta, next event) while enabled. */
interface PtimerState {
  enabled: 0 | 1 | 2; // off, periodic, one-shot
  limit: number;
  delta: number;
  period: number; // ns, integer part
  periodFrac: number; // ns, fraction in 1/2^32
  lastEvent: number;
  nextEvent: number;
}

/** One timer of the pair (QEMU arm_timer_state + its ptimer). */
class ArmTimer {
  control = CTRL_IE;
  limit = 0;
  intLevel = 0;
  pt: PtimerState = { enabled: 0, limit: 0, delta: 0, period: 0, periodFrac: 0, lastEvent: 0, nextEvent: 0 };
  private needReload = false;

  /** QEMU's arm_timer_state over this timer, kept in step by preSave and postLoad. */
  readonly vmstate: DeviceVmstate;
  private readonly view = {
    control: 0, limit: 0, int_level: 0,
    timer: { enabled: 0, limit: 0n, delta: 0n, period_frac: 0, period: 0n, last_event: 0n, next_event: 0n, timer: -1n },
  };

  constructor(private readonly freq: number, private readonly onLevel: () => void,
    private readonly warn: (msg: string) => void) {
    this.vmstate = {
      decl: ARM_TIMER_VMSD, state: this.view,
      preSave: () => this.toView(),
      check: (st: ArmTimer["view"]) => checkTimer(st),
      postLoad: () => this.fromView(),
    };
  }

  private toView(): void {
    const v = this.view, p = this.pt;
    v.control = this.control >>> 0;
    v.limit = this.limit >>> 0;
    v.int_level = this.intLevel;
    v.timer = {
      enabled: p.enabled, limit: BigInt(p.limit), delta: BigInt(p.delta), period_frac: p.periodFrac >>> 0,
      period: BigInt(p.period), last_event: BigInt(p.lastEvent), next_event: BigInt(p.nextEvent),
      timer: p.enabled ? BigInt(p.nextEvent) : -1n,
    };
  }

  /** The counter continues from the stream's ptimer: its next event is absolute guest time. */
  private fromView(): void {
    const v = this.view, t = v.timer;
    this.control = v.control >>> 0;
    this.limit = v.limit >>> 0;
    this.intLevel = v.int_level ? 1 : 0;
    this.needReload = false;
    this.pt = {
      enabled: t.enabled as 0 | 1 | 2, limit: Number(t.limit), delta: Number(t.delta), period: Number(t.period),
      periodFrac: t.period_frac >>> 0, lastEvent: Number(t.last_event), nextEvent: Number(t.next_event),
    };
  }

  reset(): void {
    this.control = CTRL_IE;
    this.limit = 0;
    this.intLevel = 0;
    this.pt = { enabled: 0, limit: 0, delta: 0, period: 0, periodFrac: 0, lastEvent: 0, nextEvent: 0 };
  }

  get irqLevel(): boolean { return this.intLevel !== 0 && (this.control & CTRL_IE) !== 0; }

  // ---- ptimer ----

  /** Current counter value at guest time `now` (ptimer_get_count). */
  count(now: number): number {
    const p = this.pt;
    if (!p.enabled || p.delta === 0) return p.delta;
    if (now - p.nextEvent >= 0) return 0; // expired, tick not processed yet
    let period = p.period, frac = p.periodFrac;
    if (p.enabled === 1 && p.delta * period < MIN_PERIOD_NS) { period = Math.floor(MIN_PERIOD_NS / p.delta); frac = 0; }
    const rem = p.nextEvent - now;
    if (frac === 0) return Math.floor(rem / period);
    return Number(fixedPointDiv(BigInt(rem), BigInt(period), frac));
  }

  /** ptimer_reload: schedule the next event `delta` periods after the previous one. */
  private reload(): void {
    const p = this.pt;
    if (p.delta === 0) this.trigger();
    if (p.delta === 0) p.delta = p.limit;
    if (p.period === 0) { p.enabled = 0; this.warn("Timer with period zero, disabling"); return; }
    const delta = p.delta;
    if (delta === 0) {
      if (p.enabled === 0) return;
      this.warn("Timer with delta zero, disabling");
      p.enabled = 0;
      return;
    }
    let period = p.period, frac = p.periodFrac;
    if (p.enabled === 1 && delta * period < MIN_PERIOD_NS) { period = Math.floor(MIN_PERIOD_NS / delta); frac = 0; }
    p.lastEvent = p.nextEvent;
    p.nextEvent = p.lastEvent + delta * period + (frac ? Number((BigInt(frac) * BigInt(delta)) >> 32n) : 0);
  }

  /** The event at nextEvent has been reached (ptimer_tick). */
  tick(now: number): void {
    const p = this.pt;
    if (p.enabled === 2) {
      p.delta = 0;
      p.enabled = 0;
      this.trigger();
      return;
    }
    const adjusted = p.delta !== 0 && p.limit !== 0;
    p.delta = p.limit;
    this.reload();
    if (adjusted) this.trigger();
    // Far behind (the machine skipped time): every further period is the same length.
    if (p.enabled === 1 && p.nextEvent <= now) {
      const step = p.nextEvent - p.lastEvent;
      const n = Math.floor((now - p.nextEvent) / step);
      if (n > 0) { p.nextEvent += n * step; p.lastEvent = p.nextEvent - step; }
    }
  }

  private commit(now: number): void {
    while (this.needReload && this.pt.enabled) {
      this.needReload = false;
      this.pt.nextEvent = now;
      this.reload();
    }
    this.needReload = false;
  }

  private setLimit(limit: number, reload: boolean): void {
    this.pt.limit = limit;
    if (reload) this.pt.delta = limit;
    if (this.pt.enabled && reload) this.needReload = true;
  }

  private setFreq(freq: number, now: number): void {
    this.pt.delta = this.count(now);
    this.pt.period = Math.floor(NS_PER_S / freq);
    this.pt.periodFrac = Number(((BigInt(NS_PER_S) << 32n) / BigInt(freq)) & 0xffffffffn);
    if (this.pt.enabled) this.needReload = true;
  }

  private trigger(): void {
    this.intLevel = 1;
    this.onLevel();
  }

  // ---- arm_timer registers ----

  private recalibrate(reload: boolean): void {
    const freeRunning = (this.control & (CTRL_PERIODIC | CTRL_ONESHOT)) === 0;
    const limit = freeRunning ? (this.control & CTRL_32BIT ? 0xffffffff : 0xffff) : this.limit;
    this.setLimit(limit, reload);
  }

  /** `offset` within the timer's 0x20 window; undefined = not a register. */
  read(offset: number, now: number): number | undefined {
    switch (offset >> 2) {
      case 0: case 6: return this.limit;
      case 1: return this.count(now) >>> 0;
      case 2: return this.control;
      case 4: return this.intLevel;
      case 5: return this.control & CTRL_IE ? this.intLevel : 0;
    }
    return undefined;
  }

  /** Returns false for offsets that are not writable registers. */
  write(offset: number, value: number, now: number): boolean {
    switch (offset >> 2) {
      case 0: // Load
        this.limit = value;
        this.recalibrate(true);
        this.commit(now);
        break;
      case 1: break; // Value is read-only (Linux writes it anyway)
      case 2: { // Control: stop, reprogram, restart (reloads from the limit)
        if (this.control & CTRL_ENABLE) this.stop(now);
        this.control = value;
        let freq = this.freq;
        const pre = (value >> 2) & 3;
        if (pre === 1) freq >>= 4; else if (pre === 2) freq >>= 8;
        this.recalibrate((value & CTRL_ENABLE) !== 0);
        this.setFreq(freq, now);
        if (value & CTRL_ENABLE) this.run((value & CTRL_ONESHOT) !== 0);
        this.commit(now);
        break;
      }
      case 3: this.intLevel = 0; break; // IntClr
      case 6: // BGLoad: new limit for the next reload, counter untouched
        this.limit = value;
        this.recalibrate(false);
        this.commit(now);
        break;
      default: return false;
    }
    this.onLevel();
    return true;
  }

  private stop(now: number): void {
    if (!this.pt.enabled) return;
    this.pt.delta = this.count(now);
    this.pt.enabled = 0;
    this.needReload = false;
  }

  private run(oneshot: boolean): void {
    const wasDisabled = !this.pt.enabled;
    if (wasDisabled && this.pt.period === 0) return;
    this.pt.enabled = oneshot ? 2 : 1;
    if (wasDisabled) this.needReload = true;
  }
}

/** States no arm_timer reaches: refused before anything is applied. */
function checkTimer(st: { timer: { enabled: number; limit: bigint; delta: bigint; period: bigint; next_event: bigint; last_event: bigint } }): void {
  const t = st.timer;
  const bad = (m: string) => { throw refuseState("arm_timer", m); };
  if (t.enabled > 2) bad(`ptimer enabled is ${t.enabled} (0, 1 or 2)`);
  if (t.limit > 0xffffffffn || t.delta > 0xffffffffn) bad(`ptimer limit ${t.limit} / delta ${t.delta} beyond the 32-bit counter`);
  if (t.period < 0n || t.period > 1n << 40n) bad(`ptimer period ${t.period} ns`);
  const ns = 1n << 53n;
  if (t.next_event < -ns || t.next_event > ns || t.last_event < -ns || t.last_event > ns) bad("ptimer event time out of range");
}

/**
 * rem / (period + frac/2^32) rounded down, as ptimer_get_count computes it: both scaled left by
 * the same amount, the divisor rounded up, so the count never runs backwards.
 */
function fixedPointDiv(rem: bigint, period: bigint, frac: number): bigint {
  const clz = (v: bigint) => 64 - v.toString(2).length;
  const shift = Math.min(clz(rem), clz(period));
  const mask64 = (1n << 64n) - 1n;
  const r = (rem << BigInt(shift)) & mask64;
  let div = (period << BigInt(shift)) & mask64;
  const f = BigInt(frac);
  if (shift >= 32) {
    div |= f << BigInt(shift - 32);
  } else {
    if (shift !== 0) div |= f >> BigInt(32 - shift);
    if (((f << BigInt(shift)) & 0xffffffffn) !== 0n) div += 1n;
  }
  return r / div;
}

export interface Sp804Options {
  /** Clock of each timer in Hz (QEMU's freq0/freq1 properties; 1 MHz by default, as on vexpress). */
  freq0?: number;
  freq1?: number;
  log?: (msg: string) => void;
}

export class Sp804 implements MmioDevice, TimedDevice {
  readonly kind = "sp804";
  private readonly timers: [ArmTimer, ArmTimer];
  private level = false;
  private readonly logged = new Set<string>();
  private readonly log: (msg: string) => void;
  /** QEMU's SP804State.level: each timer's output, derived from the timers (written, not trusted). */
  private readonly levels = { level: [0, 0] };
  readonly vmstate: DeviceVmstate;

  constructor(private readonly clock: Clock, private readonly irq: IrqLine = NO_IRQ, opts: Sp804Options = {}) {
    this.log = opts.log ?? (() => {});
    const update = () => this.updateIrq();
    const warn = (m: string) => this.logOnce(m, `sp804: ${m}`);
    this.timers = [new ArmTimer(opts.freq0 ?? 1_000_000, update, warn), new ArmTimer(opts.freq1 ?? 1_000_000, update, warn)];
    this.vmstate = {
      decl: SP804_VMSD, state: this.levels,
      preSave: () => { this.levels.level = this.timers.map((t) => (t.irqLevel ? 1 : 0)); },
      postLoad: () => this.updateIrq(true),
    };
  }

  /** The sections in QEMU's order: arm_timer 0, arm_timer 1, sp804 (idstr = vmsd name). */
  sections(): { idstr: string; vmstate: DeviceVmstate }[] {
    return [
      ...this.timers.map((t) => ({ idstr: ARM_TIMER_VMSD.name, vmstate: t.vmstate })),
      { idstr: SP804_VMSD.name, vmstate: this.vmstate },
    ];
  }

  /** Back to the power-on state (QEMU 7.2 has no SP804 reset: its timers keep running). */
  reset(): void {
    for (const t of this.timers) t.reset();
    this.updateIrq(true);
  }

  read(offset: number, size: number): number {
    const now = this.clock.nowNs();
    this.advanceTo(now);
    let v: number | undefined;
    if (offset < 0x40) v = this.timers[offset >> 5].read(offset & 0x1f, now);
    else if (offset >= 0xfe0 && offset <= 0xfff) v = SP804_IDS[(offset - 0xfe0) >> 2];
    else if (offset === 0xf00 || offset === 0xf04) v = 0;
    if (v === undefined) { this.bad("read", offset); return 0; }
    return sized(v, size);
  }

  write(offset: number, _size: number, value: number): void {
    const now = this.clock.nowNs();
    this.advanceTo(now);
    if (offset < 0x40 && this.timers[offset >> 5].write(offset & 0x1f, value >>> 0, now)) return;
    this.bad("write", offset);
  }

  nextEventNs(): number | null {
    let next: number | null = null;
    for (const t of this.timers) {
      if (t.pt.enabled && (next === null || t.pt.nextEvent < next)) next = t.pt.nextEvent;
    }
    return next;
  }

  advanceTo(nowNs: number): void {
    for (const t of this.timers) {
      while (t.pt.enabled && t.pt.nextEvent <= nowNs) t.tick(nowNs);
    }
  }

  private updateIrq(force = false): void {
    const level = this.timers[0].irqLevel || this.timers[1].irqLevel;
    if (level === this.level && !force) return;
    this.level = level;
    this.irq.set(level);
  }

  private bad(kind: string, offset: number): void {
    this.logOnce(`${kind}:${offset}`, `sp804: ${kind} of unimplemented offset 0x${offset.toString(16)}`);
  }

  private logOnce(key: string, msg: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(msg);
  }
}

/** QEMU hands a narrow read the low bytes of the register. */
export function sized(v: number, size: number): number {
  return size >= 4 ? v >>> 0 : (v & (size === 2 ? 0xffff : 0xff)) >>> 0;
}
