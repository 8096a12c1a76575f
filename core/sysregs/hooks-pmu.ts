// Hooks of the performance monitor registers (defs/pmu.ts): set/clear pairs, PMCR actions and
// the PMSELR-indexed PMXEVTYPER/PMXEVCNTR views. Counters do not count yet.
import {
  SR_PMCR, SR_PMCCNTR, SR_PMCNTENSET, SR_PMOVSR, SR_PMINTENSET, SR_PMSELR, SR_PMUSERENR, SR_PMCCFILTR,
  SR_PMEVTYPER0, SR_PMEVTYPER1, SR_PMEVTYPER2, SR_PMEVTYPER3, SR_PMEVTYPER4, SR_PMEVTYPER5,
  SR_PMEVCNTR0, SR_PMEVCNTR1, SR_PMEVCNTR2, SR_PMEVCNTR3, SR_PMEVCNTR4, SR_PMEVCNTR5,
} from "../generated/sysregs";

// 6 event counters; bit 31 of the enable/overflow/interrupt sets is the cycle counter.
const PMU_COUNTERS_MASK: u32 = 0x8000003f;
/** PMCR bits software can write (E, D, X, DP, LC and bit 7); P and C are actions. */
const PMCR_WRITABLE: u32 = 0xf9;
const PMCR_P: u32 = 1 << 1;
const PMCR_C: u32 = 1 << 2;

export function pmuPl0Access(): bool { return (load<u32>(SR_PMUSERENR) & 1) != 0; }

export function writePMCR(v: u64): void {
  const w = <u32>v;
  if (w & PMCR_C) store<u64>(SR_PMCCNTR, 0);
  if (w & PMCR_P) {
    store<u64>(SR_PMEVCNTR0, 0); store<u64>(SR_PMEVCNTR1, 0); store<u64>(SR_PMEVCNTR2, 0);
    store<u64>(SR_PMEVCNTR3, 0); store<u64>(SR_PMEVCNTR4, 0); store<u64>(SR_PMEVCNTR5, 0);
  }
  store<u32>(SR_PMCR, (load<u32>(SR_PMCR) & ~PMCR_WRITABLE) | (w & PMCR_WRITABLE));
}
export function writePMCNTENSET(v: u64): void { store<u32>(SR_PMCNTENSET, load<u32>(SR_PMCNTENSET) | (<u32>v & PMU_COUNTERS_MASK)); }
export function writePMCNTENCLR(v: u64): void { store<u32>(SR_PMCNTENSET, load<u32>(SR_PMCNTENSET) & ~(<u32>v & PMU_COUNTERS_MASK)); }
export function writePMOVSR(v: u64): void { store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) & ~(<u32>v & PMU_COUNTERS_MASK)); }
export function writePMOVSSET(v: u64): void { store<u32>(SR_PMOVSR, load<u32>(SR_PMOVSR) | (<u32>v & PMU_COUNTERS_MASK)); }
export function writePMINTENSET(v: u64): void { store<u32>(SR_PMINTENSET, load<u32>(SR_PMINTENSET) | (<u32>v & PMU_COUNTERS_MASK)); }
export function writePMINTENCLR(v: u64): void { store<u32>(SR_PMINTENSET, load<u32>(SR_PMINTENSET) & ~(<u32>v & PMU_COUNTERS_MASK)); }

/** Storage of PMEVTYPERn / PMEVCNTRn for n = PMSELR.SEL, or 0 when SEL names no event counter. */
function evtyperAddr(n: u32): u32 {
  switch (n) {
    case 0: return SR_PMEVTYPER0; case 1: return SR_PMEVTYPER1; case 2: return SR_PMEVTYPER2;
    case 3: return SR_PMEVTYPER3; case 4: return SR_PMEVTYPER4; case 5: return SR_PMEVTYPER5;
  }
  return 0;
}
function evcntrAddr(n: u32): u32 {
  switch (n) {
    case 0: return SR_PMEVCNTR0; case 1: return SR_PMEVCNTR1; case 2: return SR_PMEVCNTR2;
    case 3: return SR_PMEVCNTR3; case 4: return SR_PMEVCNTR4; case 5: return SR_PMEVCNTR5;
  }
  return 0;
}

/** PMXEVTYPER: PMEVTYPER<SEL>, or the cycle counter filter when SEL = 31 (QEMU masks it with
 *  0xfc000000 there); other SEL values read 0 and ignore writes. */
export function readPMXEVTYPER(): u64 {
  const sel = load<u32>(SR_PMSELR) & 0x1f;
  if (sel == 31) return <u64>load<u32>(SR_PMCCFILTR);
  const a = evtyperAddr(sel);
  return a ? <u64>load<u32>(a) : 0;
}
export function writePMXEVTYPER(v: u64): void {
  const sel = load<u32>(SR_PMSELR) & 0x1f;
  if (sel == 31) { store<u32>(SR_PMCCFILTR, <u32>v & 0xfc000000); return; }
  const a = evtyperAddr(sel);
  if (a) store<u32>(a, <u32>v & 0xfe00ffff);
}
export function readPMXEVCNTR(): u64 {
  const a = evcntrAddr(load<u32>(SR_PMSELR) & 0x1f);
  return a ? <u64>load<u32>(a) : 0;
}
export function writePMXEVCNTR(v: u64): void {
  const a = evcntrAddr(load<u32>(SR_PMSELR) & 0x1f);
  if (a) store<u32>(a, <u32>v);
}
/** The AArch32 PMCCFILTR view shows bits [31:27]. */
export function readPMCCFILTR(): u64 { return <u64>(load<u32>(SR_PMCCFILTR) & 0xf8000000); }
