// Hooks of the performance monitor registers (defs/pmu.ts), as QEMU 7.2's (target/arm/helper.c):
// every access that reads a counter or changes what counts is bracketed by the synchronisation
// of core/pmu.ts; set/clear pairs; the PMSELR-indexed PMXEVTYPER/PMXEVCNTR views.
import {
  SR_PMCR, SR_PMCCNTR, SR_PMCNTENSET, SR_PMOVSR, SR_PMINTENSET, SR_PMSELR, SR_PMUSERENR, SR_PMCCFILTR,
} from "../generated/sysregs";
import {
  PMU_COUNTER_MASK, PMU_EVENT_COUNTERS, CYCLE_COUNTER, PMCR_P, PMCR_C, EVTYPER_EVENT, EVENT_SW_INCR,
  pmuStart, pmuFinish, pmuUpdateIrq, cycleStart, cycleFinish, eventStart, eventFinish, counterEnabled,
  eventSetType, evtyperAddr, evcntrAddr,
} from "../pmu";
import { A64_OK, A64_TRAP } from "./a64-status";

/** PMCR bits software can write (E, D, X, DP, LC and bit 7); P and C are actions. */
const PMCR_WRITABLE: u32 = 0xf9;
/** PMEVTYPER<n>: P U NSK NSU NSH M MT and the event number (QEMU PMXEVTYPER_MASK). */
const EVTYPER_MASK: u32 = 0xfe00ffff;
/** PMCCFILTR as PMXEVTYPER with PMSELR = 31 writes it (P U NSK NSU NSH M), the AArch32 view without M. */
const CCFILTR_MASK: u32 = 0xfc000000;
const CCFILTR_A32_MASK: u32 = 0xf8000000;

export function pmuPl0Access(): bool { return (load<u32>(SR_PMUSERENR) & 1) != 0; }

// ---- EL0 access of the AArch64 views (QEMU pmreg_access*): EN opens everything; SW opens
// PMSWINC writes, CR PMCCNTR reads, ER the event counters' reads and PMSELR; else a trap ----
const USERENR_SW: u32 = 1 << 1;
const USERENR_CR: u32 = 1 << 2;
const USERENR_ER: u32 = 1 << 3;
@inline function userenr(): u32 { return load<u32>(SR_PMUSERENR); }
export function pmuEl0Check(el0: bool, isRead: bool): i32 { return !el0 || (userenr() & 1) != 0 ? A64_OK : A64_TRAP; }
export function pmuSwincEl0Check(el0: bool, isRead: bool): i32 {
  return el0 && !isRead && (userenr() & USERENR_SW) != 0 ? A64_OK : pmuEl0Check(el0, isRead);
}
export function pmuCcntrEl0Check(el0: bool, isRead: bool): i32 {
  return el0 && isRead && (userenr() & USERENR_CR) != 0 ? A64_OK : pmuEl0Check(el0, isRead);
}
export function pmuEvcntrEl0Check(el0: bool, isRead: bool): i32 {
  return el0 && isRead && (userenr() & USERENR_ER) != 0 ? A64_OK : pmuEl0Check(el0, isRead);
}
export function pmuSelrEl0Check(el0: bool, isRead: bool): i32 {
  return el0 && (userenr() & USERENR_ER) != 0 ? A64_OK : pmuEl0Check(el0, isRead);
}

export function writePMCR(v: u64): void {
  const w = <u32>v;
  pmuStart();
  if (w & PMCR_C) store<u64>(SR_PMCCNTR, 0);
  if (w & PMCR_P) for (let n: u32 = 0; n < PMU_EVENT_COUNTERS; n++) store<u64>(evcntrAddr(n), 0);
  store<u32>(SR_PMCR, (load<u32>(SR_PMCR) & ~PMCR_WRITABLE) | (w & PMCR_WRITABLE));
  pmuFinish();
}

export function writePMCNTENSET(v: u64): void {
  pmuStart();
  store<u32>(SR_PMCNTENSET, load<u32>(SR_PMCNTENSET) | (<u32>v & PMU_COUNTER_MASK));
  pmuFinish();
}
export function writePMCNTENCLR(v: u64): void {
  pmuStart();
  store<u32>(SR_PMCNTENSET, load<u32>(SR_PMCNTENSET) & ~(<u32>v & PMU_COUNTER_MASK));
  pmuFinish();
}
export function writePMOVSR(v: u64): void { store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) & ~(<u32>v & PMU_COUNTER_MASK)); pmuUpdateIrq(); }
export function writePMOVSSET(v: u64): void { store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) | (<u32>v & PMU_COUNTER_MASK)); pmuUpdateIrq(); }
export function writePMINTENSET(v: u64): void { store<u32>(SR_PMINTENSET, load<u32>(SR_PMINTENSET) | (<u32>v & PMU_COUNTER_MASK)); pmuUpdateIrq(); }
export function writePMINTENCLR(v: u64): void { store<u32>(SR_PMINTENSET, load<u32>(SR_PMINTENSET) & ~(<u32>v & PMU_COUNTER_MASK)); pmuUpdateIrq(); }

/** PMSWINC: +1 on each selected counter that counts SW_INCR and is enabled here (QEMU pmswinc_write). */
export function writePMSWINC(v: u64): void {
  for (let n: u32 = 0; n < PMU_EVENT_COUNTERS; n++) {
    if ((<u32>v & (1 << n)) == 0 || !counterEnabled(n)) continue;
    if ((load<u32>(evtyperAddr(n)) & EVTYPER_EVENT) != EVENT_SW_INCR) continue;
    eventStart(n);
    const old = load<u64>(evcntrAddr(n));
    const next = old + 1;
    if ((old & ~next & (<u64>1 << 31)) != 0) {
      store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) | (1 << n));
      pmuUpdateIrq();
    }
    store<u64>(evcntrAddr(n), next);
    eventFinish(n);
  }
}

// ---- cycle counter ----

export function readPMCCNTR(): u64 {
  cycleStart();
  const v = load<u64>(SR_PMCCNTR);
  cycleFinish();
  return v;
}
/** The AArch32 view writes the low half and keeps the high one (QEMU pmccntr_write32). */
export function writePMCCNTR(v: u64): void {
  const cur = readPMCCNTR();
  cycleStart();
  store<u64>(SR_PMCCNTR, (cur & 0xffffffff00000000) | (v & 0xffffffff));
  cycleFinish();
}

/** PMCCNTR_EL0 writes all 64 bits. */
export function writePMCCNTR_EL0(v: u64): void {
  cycleStart();
  store<u64>(SR_PMCCNTR, v);
  cycleFinish();
}

function writeCycleFilter(v: u32, mask: u32): void {
  cycleStart();
  store<u32>(SR_PMCCFILTR, (load<u32>(SR_PMCCFILTR) & ~mask) | (v & mask));
  cycleFinish();
}
/** The AArch32 PMCCFILTR shows and writes bits [31:27]; M stays. */
export function readPMCCFILTR(): u64 { return <u64>(load<u32>(SR_PMCCFILTR) & CCFILTR_A32_MASK); }
export function writePMCCFILTR(v: u64): void { writeCycleFilter(<u32>v, CCFILTR_A32_MASK); }
/** PMCCFILTR_EL0 shows and writes P U NSK NSU NSH M. */
export function readPMCCFILTR_EL0(): u64 { return <u64>(load<u32>(SR_PMCCFILTR) & CCFILTR_MASK); }
export function writePMCCFILTR_EL0(v: u64): void { writeCycleFilter(<u32>v, CCFILTR_MASK); }

// ---- event counters ----

export function readPMEVCNTR(n: u32): u64 {
  eventStart(n);
  const v = load<u64>(evcntrAddr(n));
  eventFinish(n);
  return v & 0xffffffff; // 32-bit counters before PMUv3p5
}
export function writePMEVCNTR(v: u64, n: u32): void {
  eventStart(n);
  store<u64>(evcntrAddr(n), v & 0xffffffff);
  eventFinish(n);
}
/** A new event number restarts the delta from that event's count (QEMU pmevtyper_write). */
export function writePMEVTYPER(v: u64, n: u32): void {
  eventStart(n);
  eventSetType(n, <u32>v & EVTYPER_MASK);
  eventFinish(n);
}

// ---- PMSELR-indexed views: SEL < 6 an event counter, 31 the cycle counter's filter (type
// only), other values read 0 and ignore writes (QEMU's RAZ/WI choice) ----

@inline function selected(): u32 { return load<u32>(SR_PMSELR) & 0x1f; }

export function readPMXEVTYPER(): u64 {
  const sel = selected();
  if (sel == CYCLE_COUNTER) return <u64>load<u32>(SR_PMCCFILTR);
  return sel < PMU_EVENT_COUNTERS ? <u64>load<u32>(evtyperAddr(sel)) : 0;
}
export function writePMXEVTYPER(v: u64): void {
  const sel = selected();
  if (sel == CYCLE_COUNTER) writeCycleFilter(<u32>v, CCFILTR_MASK);
  else if (sel < PMU_EVENT_COUNTERS) writePMEVTYPER(v, sel);
}
export function readPMXEVCNTR(): u64 {
  const sel = selected();
  return sel < PMU_EVENT_COUNTERS ? readPMEVCNTR(sel) : 0;
}
export function writePMXEVCNTR(v: u64): void {
  const sel = selected();
  if (sel < PMU_EVENT_COUNTERS) writePMEVCNTR(v, sel);
}
