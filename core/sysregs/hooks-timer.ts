// Hooks of the generic timer registers (core/timer.ts does the work).
import { SR_CNTKCTL, SR_CNTP_CTL, SR_CNTP_CVAL, SR_CNTV_CTL, SR_CNTV_CVAL } from "../generated/sysregs";
import { counterValue, virtualCounterValue, readCtl, readTval, writeTval, timerReprogrammed, CTL_ENABLE, CTL_IMASK } from "../timer";

// CNTKCTL bits that open PL0 access (ARM ARM B8.2, B4.1.26).
const PL0PCTEN: u32 = 1 << 0;
const PL0VCTEN: u32 = 1 << 1;
const PL0VTEN: u32 = 1 << 8;
const PL0PTEN: u32 = 1 << 9;
@inline function cntkctl(): u32 { return load<u32>(SR_CNTKCTL); }

export function cntfrqPl0Access(): bool { return (cntkctl() & (PL0PCTEN | PL0VCTEN)) != 0; }
export function cntpctPl0Access(): bool { return (cntkctl() & PL0PCTEN) != 0; }
export function cntvctPl0Access(): bool { return (cntkctl() & PL0VCTEN) != 0; }
export function cntpPl0Access(): bool { return (cntkctl() & PL0PTEN) != 0; }
export function cntvPl0Access(): bool { return (cntkctl() & PL0VTEN) != 0; }

export function readCNTPCT(): u64 { return counterValue(); }
export function readCNTVCT(): u64 { return virtualCounterValue(); }

export function readCNTP_CTL(): u64 { return <u64>readCtl(SR_CNTP_CTL, SR_CNTP_CVAL); }
export function readCNTV_CTL(): u64 { return <u64>readCtl(SR_CNTV_CTL, SR_CNTV_CVAL); }
export function writeCNTP_CTL(v: u64): void { store<u32>(SR_CNTP_CTL, <u32>v & (CTL_ENABLE | CTL_IMASK)); timerReprogrammed(); }
export function writeCNTV_CTL(v: u64): void { store<u32>(SR_CNTV_CTL, <u32>v & (CTL_ENABLE | CTL_IMASK)); timerReprogrammed(); }

export function writeCNTP_CVAL(v: u64): void { store<u64>(SR_CNTP_CVAL, v); timerReprogrammed(); }
export function writeCNTV_CVAL(v: u64): void { store<u64>(SR_CNTV_CVAL, v); timerReprogrammed(); }

export function readCNTP_TVAL(): u64 { return <u64>readTval(SR_CNTP_CVAL); }
export function readCNTV_TVAL(): u64 { return <u64>readTval(SR_CNTV_CVAL); }
export function writeCNTP_TVAL(v: u64): void { writeTval(SR_CNTP_CVAL, <u32>v); }
export function writeCNTV_TVAL(v: u64): void { writeTval(SR_CNTV_CVAL, <u32>v); }
