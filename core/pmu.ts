// Performance monitors (ARM ARM C12, PMUv2) of the active CPU, counting as QEMU 7.2 does
// (target/arm/helper.c): a cycle counter (guest ns at 1 GHz) and 6 event counters for SW_INCR,
// CPU_CYCLES and INST_RETIRED.
//
// Counting is lazy, so the interpreter does nothing per instruction. While a counter runs its
// SR_ slot holds a stale value and S_PMU_DELTA the underlying count minus that value; pmuStart()
// (QEMU pmu_op_start) makes the slots current, pmuFinish() (pmu_op_finish) rebases the deltas
// and arms the next overflow check. Every event that reads a counter or changes whether it
// counts sits between the two: PMU register accesses, exception entry and return, and (unlike
// QEMU 7.2, which skips them) MSR/CPS moves from PL1 into User mode. Overflow is QEMU's test:
// bit 31 (bit 63 with PMCR.LC) set at one synchronisation and clear at the next.
//
// Deliberate difference: INST_RETIRED (this CPU's retired instructions) counts in every time
// mode; QEMU 7.2 counts it only under -icount (and counts all CPUs' instructions there).
import {
  STATE, S_NS_PER_INSN, S_TIMER_LINES, S_PMU_DELTA, S_PMU_DUE_NS, S_PMU_DUE_INSNS, LINE_PMU, MODE_USR,
} from "./state/layout";
import { icountNow, currentMode, setStopRequest } from "./cpu";
import { guestNowNs } from "./timer";
import {
  SR_PMCR, SR_PMCNTENSET, SR_PMOVSR, SR_PMINTENSET, SR_PMCCNTR, SR_PMCCFILTR,
  SR_PMEVTYPER0, SR_PMEVTYPER1, SR_PMEVTYPER2, SR_PMEVTYPER3, SR_PMEVTYPER4, SR_PMEVTYPER5,
  SR_PMEVCNTR0, SR_PMEVCNTR1, SR_PMEVCNTR2, SR_PMEVCNTR3, SR_PMEVCNTR4, SR_PMEVCNTR5,
} from "./generated/sysregs";

/** Event counters; bit 31 of PMCNTENSET/PMOVSR/PMINTENSET is the cycle counter. */
export const PMU_EVENT_COUNTERS: u32 = 6;
export const CYCLE_COUNTER: u32 = 31;
export const PMU_COUNTER_MASK: u32 = 0x8000003f;

export const PMCR_E: u32 = 1 << 0;
export const PMCR_P: u32 = 1 << 1;
export const PMCR_C: u32 = 1 << 2;
const PMCR_D: u32 = 1 << 3;
const PMCR_LC: u32 = 1 << 6;
/** Filter bits of PMEVTYPER<n>/PMCCFILTR: do not count at PL1 / at PL0. NSK, NSU and NSH need
 *  EL3 or EL2, which this CPU lacks (QEMU ignores them then). */
const FILTER_P: u32 = 1 << 31;
const FILTER_U: u32 = 1 << 30;
export const EVTYPER_EVENT: u32 = 0xffff;

export const EVENT_SW_INCR: u32 = 0x00;
export const EVENT_INST_RETIRED: u32 = 0x08;
export const EVENT_CPU_CYCLES: u32 = 0x11;

/**
 * 1 while run() executes an instruction that has not retired yet. QEMU's clock and instruction
 * count include the instruction that reads them, so a counter sampled by an MRC (or around an
 * exception return) counts it; exception entry has settled the instruction's count already.
 */
let inFlight: u64 = 0;
export function pmuEnterRun(): void { inFlight = 1; }
export function pmuLeaveRun(): void { inFlight = 0; }

// ---- underlying counts ----

/** Guest ns at 1 GHz (QEMU cycles_get_count), the generic timer's clock. */
function cyclesNow(): u64 {
  const ns = guestNowNs() + <f64>inFlight * load<f64>(STATE + S_NS_PER_INSN);
  return ns <= 0 ? 0 : <u64>Math.floor(ns);
}
function instructionsNow(): u64 { return icountNow() + inFlight; }

/** Events this PMU counts; every other number counts nothing, as in QEMU. */
@inline function eventSupported(e: u32): bool {
  return e == EVENT_SW_INCR || e == EVENT_INST_RETIRED || e == EVENT_CPU_CYCLES;
}
/** Underlying count of an event (SW_INCR has none: PMSWINC writes the counter itself). */
function eventCount(e: u32): u64 {
  if (e == EVENT_CPU_CYCLES) return cyclesNow();
  if (e == EVENT_INST_RETIRED) return instructionsNow();
  return 0;
}

// ---- storage ----

/** Storage of PMEVTYPER<n> / PMEVCNTR<n>, n < PMU_EVENT_COUNTERS. */
export function evtyperAddr(n: u32): u32 {
  switch (n) {
    case 0: return SR_PMEVTYPER0; case 1: return SR_PMEVTYPER1; case 2: return SR_PMEVTYPER2;
    case 3: return SR_PMEVTYPER3; case 4: return SR_PMEVTYPER4; default: return SR_PMEVTYPER5;
  }
}
export function evcntrAddr(n: u32): u32 {
  switch (n) {
    case 0: return SR_PMEVCNTR0; case 1: return SR_PMEVCNTR1; case 2: return SR_PMEVCNTR2;
    case 3: return SR_PMEVCNTR3; case 4: return SR_PMEVCNTR4; default: return SR_PMEVCNTR5;
  }
}
@inline function deltaAddr(n: u32): u32 { return STATE + S_PMU_DELTA + (n == CYCLE_COUNTER ? 0 : (n + 1) << 3); }
@inline function pmcr(): u32 { return load<u32>(SR_PMCR); }

// ---- QEMU pmu_counter_enabled, without EL2/EL3 and in Non-secure state ----

export function counterEnabled(n: u32): bool {
  if ((pmcr() & PMCR_E) == 0 || (load<u32>(SR_PMCNTENSET) & (1 << n)) == 0) return false;
  const filter = n == CYCLE_COUNTER ? load<u32>(SR_PMCCFILTR) : load<u32>(evtyperAddr(n));
  if ((filter & (currentMode() == MODE_USR ? FILTER_U : FILTER_P)) != 0) return false;
  return n == CYCLE_COUNTER || eventSupported(filter & EVTYPER_EVENT);
}

/** Some counter is enabled: otherwise a change of mode cannot start or stop one. */
@inline function pmuActive(): bool {
  return (pmcr() & PMCR_E) != 0 && (load<u32>(SR_PMCNTENSET) & PMU_COUNTER_MASK) != 0;
}

/** PMCR.D divides the cycle counter's clock by 64, unless PMCR.LC (QEMU pmccntr_clockdiv_enabled). */
@inline function clockDivided(): bool { return (pmcr() & (PMCR_D | PMCR_LC)) == PMCR_D; }

// ---- interrupt request (QEMU pmu_update_irq) ----

/** PMU interrupt request = PMCR.E && (PMINTENSET & PMOVSR). A change ends the run slice so the
 *  machine forwards it to the interrupt controller before the next instruction. */
export function pmuUpdateIrq(): void {
  const level = (pmcr() & PMCR_E) != 0 && (load<u32>(SR_PMINTENSET) & load<u32>(SR_PMOVSR)) != 0;
  const lines = load<u32>(STATE + S_TIMER_LINES);
  const next = level ? lines | LINE_PMU : lines & ~LINE_PMU;
  if (next == lines) return;
  store<u32>(STATE + S_TIMER_LINES, next);
  setStopRequest(true);
}

function setOverflow(n: u32): void {
  store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) | (1 << n));
  pmuUpdateIrq();
}

// ---- next overflow check (QEMU's pmu_timer, moved only earlier: timer_mod_anticipate) ----
// An earlier check ends the run slice, so the machine bounds the next one by it.

/** Check again `ns` guest ns from now (QEMU cycles_ns_per: one cycle per ns, PMCR.D ignored). */
function armNs(ns: u64): void {
  if (<i64>ns <= 0) return;
  const due = guestNowNs() + <f64>inFlight * load<f64>(STATE + S_NS_PER_INSN) + <f64>ns;
  const cur = load<f64>(STATE + S_PMU_DUE_NS);
  if (cur != 0 && due >= cur) return;
  store<f64>(STATE + S_PMU_DUE_NS, due);
  setStopRequest(true);
}
/** Check again after `n` more instructions of this CPU (QEMU: icount_to_ns of them). */
function armInsns(n: u64): void {
  if (<i64>n <= 0) return;
  const due = instructionsNow() + n;
  const cur = load<u64>(STATE + S_PMU_DUE_INSNS);
  if (cur != 0 && due >= cur) return;
  store<u64>(STATE + S_PMU_DUE_INSNS, due);
  setStopRequest(true);
}

// ---- synchronisation (QEMU pmccntr_op_start/finish, pmevcntr_op_start/finish) ----

export function cycleStart(): void {
  const cycles = cyclesNow();
  if (counterEnabled(CYCLE_COUNTER)) {
    const ticks = clockDivided() ? cycles / 64 : cycles;
    const value = ticks - load<u64>(deltaAddr(CYCLE_COUNTER));
    const top: u64 = (pmcr() & PMCR_LC) != 0 ? <u64>1 << 63 : <u64>1 << 31;
    if ((load<u64>(SR_PMCCNTR) & ~value & top) != 0) setOverflow(CYCLE_COUNTER);
    store<u64>(SR_PMCCNTR, value);
  }
  store<u64>(deltaAddr(CYCLE_COUNTER), cycles);
}

export function cycleFinish(): void {
  if (!counterEnabled(CYCLE_COUNTER)) return;
  const value = load<u64>(SR_PMCCNTR);
  let remaining = 0 - value;
  if ((pmcr() & PMCR_LC) == 0) remaining = <u64><u32>remaining;
  armNs(remaining);
  let prev = load<u64>(deltaAddr(CYCLE_COUNTER));
  if (clockDivided()) prev /= 64;
  store<u64>(deltaAddr(CYCLE_COUNTER), prev - value);
}

export function eventStart(n: u32): void {
  const e = load<u32>(evtyperAddr(n)) & EVTYPER_EVENT;
  const count = eventSupported(e) ? eventCount(e) : 0;
  if (counterEnabled(n)) {
    const value = count - load<u64>(deltaAddr(n));
    if ((load<u64>(evcntrAddr(n)) & ~value & (<u64>1 << 31)) != 0) setOverflow(n);
    store<u64>(evcntrAddr(n), value);
  }
  store<u64>(deltaAddr(n), count);
}

export function eventFinish(n: u32): void {
  if (!counterEnabled(n)) return;
  const e = load<u32>(evtyperAddr(n)) & EVTYPER_EVENT;
  const value = load<u64>(evcntrAddr(n));
  // QEMU 7.2 aims at value 0xffffffff, one event before the wrap; the overflow itself is then
  // seen at the next synchronisation.
  const remaining = <u64><u32>(0 - (value + 1));
  if (e == EVENT_INST_RETIRED) armInsns(remaining);
  else if (e == EVENT_CPU_CYCLES) armNs(remaining);
  store<u64>(deltaAddr(n), load<u64>(deltaAddr(n)) - value);
}

/** Bring every counter's SR_ slot up to date (QEMU pmu_op_start). */
export function pmuStart(): void {
  cycleStart();
  for (let n: u32 = 0; n < PMU_EVENT_COUNTERS; n++) eventStart(n);
}
/** Rebase the running counters after a change (QEMU pmu_op_finish). */
export function pmuFinish(): void {
  cycleFinish();
  for (let n: u32 = 0; n < PMU_EVENT_COUNTERS; n++) eventFinish(n);
}

/**
 * Set PMEVTYPER<n> between eventStart(n) and eventFinish(n): a new event number restarts the
 * delta from that event's current count (QEMU pmevtyper_write).
 */
export function eventSetType(n: u32, typer: u32): void {
  const e = typer & EVTYPER_EVENT;
  if (((load<u32>(evtyperAddr(n)) ^ typer) & EVTYPER_EVENT) != 0) {
    store<u64>(deltaAddr(n), eventSupported(e) ? eventCount(e) : 0);
  }
  store<u32>(evtyperAddr(n), typer);
}

// ---- changes of privilege level (QEMU pmu_pre_el_change / pmu_post_el_change) ----

/** Before exception return or an MSR/CPS mode change (inside an instruction). */
export function pmuBeforeModeChange(): void { if (pmuActive()) pmuStart(); }
export function pmuAfterModeChange(): void { if (pmuActive()) pmuFinish(); }

/** Around exception entry, which happens between instructions as far as counting goes. */
export function pmuBeforeException(): void {
  if (!pmuActive()) return;
  const saved = inFlight;
  inFlight = 0;
  pmuStart();
  inFlight = saved;
}
export function pmuAfterException(): void {
  if (!pmuActive()) return;
  const saved = inFlight;
  inFlight = 0;
  pmuFinish();
  inFlight = saved;
}

// ---- host side (between instructions) ----

/**
 * Run the overflow check QEMU's PMU timer would run, if its time has come (guest ns or this
 * CPU's instruction count); the host calls this between slices.
 */
export function pmuPoll(): void {
  const dueNs = load<f64>(STATE + S_PMU_DUE_NS), dueInsns = load<u64>(STATE + S_PMU_DUE_INSNS);
  if (dueNs == 0 && dueInsns == 0) return;
  if (!((dueInsns != 0 && icountNow() >= dueInsns) || (dueNs != 0 && guestNowNs() >= dueNs))) return;
  store<f64>(STATE + S_PMU_DUE_NS, 0);
  store<u64>(STATE + S_PMU_DUE_INSNS, 0);
  pmuStart();
  pmuFinish();
}

/** Host access to the counters' architectural values (snapshots): between pmuHostBegin() and
 *  pmuHostEnd() the SR_ slots of PMCCNTR and PMEVCNTR<n> hold them and may be rewritten
 *  (QEMU's cpu_pre_save/cpu_post_load pair). */
export function pmuHostBegin(): void { pmuStart(); }
export function pmuHostEnd(): void { pmuFinish(); }
