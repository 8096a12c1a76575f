// Generic timer (ARM ARM B8): system counter and the EL1 physical and virtual timers of the
// active CPU. Like QEMU, the counter runs at 62.5 MHz: count = guest nanoseconds / 16.
// Guest time is virtual (S_TIME_BASE_NS + icount * S_NS_PER_INSN) when S_NS_PER_INSN is non-zero,
// otherwise host time since the first use. CNTVCT = CNTPCT - CNTVOFF; without EL2 the guest cannot
// write CNTVOFF (0 from reset), only a snapshot can (a KVM stream's virtual count becomes an offset).
import { STATE, S_TIME_BASE_NS, S_NS_PER_INSN, S_TIMER_LINES } from "./state/layout";
import { icountNow, setStopRequest } from "./cpu";
import { hostNowNs } from "./host";
import { SR_CNTP_CTL, SR_CNTP_CVAL, SR_CNTV_CTL, SR_CNTV_CVAL, SR_CNTVOFF } from "./generated/sysregs";

export const NS_PER_TICK: f64 = 16;
export const CTL_ENABLE: u32 = 1;
export const CTL_IMASK: u32 = 2;
export const CTL_ISTATUS: u32 = 4;
/** Output line bits in S_TIMER_LINES. */
export const LINE_PHYS: u32 = 1;
export const LINE_VIRT: u32 = 2;

let hostBaseNs: f64 = -1;

/** Guest time in nanoseconds. */
export function guestNowNs(): f64 {
  const nsPerInsn = load<f64>(STATE + S_NS_PER_INSN);
  if (nsPerInsn != 0) return load<f64>(STATE + S_TIME_BASE_NS) + <f64>icountNow() * nsPerInsn;
  const now = hostNowNs();
  if (hostBaseNs < 0) hostBaseNs = now;
  return now - hostBaseNs;
}

/** Physical count (CNTPCT). */
export function counterValue(): u64 {
  const ns = guestNowNs();
  return ns <= 0 ? 0 : <u64>Math.floor(ns / NS_PER_TICK);
}

/** Virtual count (CNTVCT = CNTPCT - CNTVOFF). */
@inline export function virtualCounterValue(): u64 { return counterValue() - load<u64>(SR_CNTVOFF); }

/** ISTATUS of a timer: enabled and count >= CVAL (unsigned 64-bit compare, B8.1.5). */
function istatus(ctl: u32, cval: u64, count: u64): bool {
  return (ctl & CTL_ENABLE) != 0 && count >= cval;
}

/** The count a timer compares with: the physical or the virtual one. */
@inline function countFor(cvalAddr: u32): u64 { return cvalAddr == SR_CNTV_CVAL ? virtualCounterValue() : counterValue(); }

/** CTL as read: the stored ENABLE/IMASK plus the current ISTATUS. */
export function readCtl(ctlAddr: u32, cvalAddr: u32): u32 {
  const ctl = load<u32>(ctlAddr) & (CTL_ENABLE | CTL_IMASK);
  if (!istatus(ctl, load<u64>(cvalAddr), countFor(cvalAddr))) return ctl;
  // A guest polling ISTATUS can see the timer fire before the host's deadline check at the end
  // of the slice: raise its line now, so the interrupt follows the read as on QEMU (whose timer
  // fires at the deadline). kvm-unit-tests' timer expects the IRQ right after the poll ends.
  const line = ctlAddr == SR_CNTV_CTL ? LINE_VIRT : LINE_PHYS;
  if ((ctl & CTL_IMASK) == 0 && (load<u32>(STATE + S_TIMER_LINES) & line) == 0) timerReprogrammed();
  return ctl | CTL_ISTATUS;
}

/** TVAL as read: the low 32 bits of CVAL - count. */
export function readTval(cvalAddr: u32): u32 {
  return <u32>(load<u64>(cvalAddr) - countFor(cvalAddr));
}

/** TVAL write: CVAL = count + SignExtend(TVAL). */
export function writeTval(cvalAddr: u32, v: u32): void {
  store<u64>(cvalAddr, countFor(cvalAddr) + <u64>(<i64><i32>v));
  timerReprogrammed();
}

/**
 * The guest wrote a timer register: new output levels now, and the slice ends after this
 * instruction so the host passes them to the interrupt controller and schedules the new
 * deadline at once (QEMU's gt_recalc_timer), instead of at the end of the slice: a re-armed
 * timer's line must drop before the guest's EOI, and a nearer deadline must not be overrun.
 */
export function timerReprogrammed(): void {
  timerUpdateLines();
  setStopRequest(true);
}

/** Recompute both output levels (asserted = ENABLE && !IMASK && ISTATUS) into S_TIMER_LINES. */
export function timerUpdateLines(): void {
  const count = counterValue();
  let lines = load<u32>(STATE + S_TIMER_LINES) & ~(LINE_PHYS | LINE_VIRT);
  const pctl = load<u32>(SR_CNTP_CTL);
  if ((pctl & CTL_IMASK) == 0 && istatus(pctl, load<u64>(SR_CNTP_CVAL), count)) lines |= LINE_PHYS;
  const vctl = load<u32>(SR_CNTV_CTL);
  if ((vctl & CTL_IMASK) == 0 && istatus(vctl, load<u64>(SR_CNTV_CVAL), count - load<u64>(SR_CNTVOFF))) lines |= LINE_VIRT;
  store<u32>(STATE + S_TIMER_LINES, lines);
}

/** Guest ns at which a timer that is enabled, unmasked and not yet firing will fire; -1 if none.
 *  `offset` is subtracted from the physical count before the compare (CNTVOFF for the virtual timer). */
function deadline(ctl: u32, cval: u64, count: u64, offset: u64): f64 {
  if ((ctl & CTL_ENABLE) == 0 || (ctl & CTL_IMASK) != 0 || count - offset >= cval) return -1;
  return <f64>(cval + offset) * NS_PER_TICK;
}

/**
 * Earliest future compare of the active CPU's enabled, unmasked timers in guest ns, or -1.
 * Timers already firing are not included: their level is already in S_TIMER_LINES.
 */
export function timerNextDeadlineNs(): f64 {
  const count = counterValue();
  const p = deadline(load<u32>(SR_CNTP_CTL), load<u64>(SR_CNTP_CVAL), count, 0);
  const v = deadline(load<u32>(SR_CNTV_CTL), load<u64>(SR_CNTV_CVAL), count, load<u64>(SR_CNTVOFF));
  if (p < 0) return v;
  if (v < 0) return p;
  return p < v ? p : v;
}
