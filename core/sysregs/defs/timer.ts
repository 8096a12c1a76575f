// Generic timer (ARM ARM B8) without EL2/EL3: frequency, kernel control, the EL1 physical and the
// virtual timer, and the two counters (CNTVOFF is 0). The work is in core/timer.ts.
// PL0 access is granted by CNTKCTL (checked by the pl0Check functions in hooks-timer.ts); the
// AArch64 views (CNTFRQ_EL0, CNTP_CTL_EL0...) share the hooks, a refused EL0 access trapping.
import { type SysregDef, type Access, cp15, cp15x64, PL1_RW } from "./types.js";

const PL0_RW: Access = { pl1: "rw", pl0: "rw" };
const PL1_RW_PL0_R: Access = { pl1: "rw", pl0: "r" };
const PL0_R: Access = { pl1: "r", pl0: "r" };

/** QEMU's generic timer runs at 62.5 MHz (16 ns per tick) and resets CNTFRQ to match. */
export const CNTFRQ_RESET = 62_500_000;

export const timerRegisters: SysregDef[] = [
  { name: "CNTFRQ", aa32: cp15(14, 0, 0, 0), access: PL1_RW_PL0_R, kind: "field", reset: CNTFRQ_RESET, migrate: "normal", qemu: { aa32Alias: true }, a64: { enc: [3, 3, 14, 0, 0], wide: true }, pl0Check: "cntfrqPl0Access" },
  { name: "CNTKCTL", aa32: cp15(14, 0, 1, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", a64: { enc: [3, 0, 14, 1, 0], wide: true } },
  { name: "CNTPCT", aa32: cp15x64(0, 14), access: PL0_R, kind: "const", migrate: "none", onRead: "readCNTPCT", pl0Check: "cntpctPl0Access", a64: { enc: [3, 3, 14, 0, 1] } },
  { name: "CNTVCT", aa32: cp15x64(1, 14), access: PL0_R, kind: "const", migrate: "none", onRead: "readCNTVCT", pl0Check: "cntvctPl0Access", a64: { enc: [3, 3, 14, 0, 2] } },
  // CTL: ENABLE and IMASK are stored, ISTATUS is computed on read.
  { name: "CNTP_CTL", aa32: cp15(14, 0, 2, 1), access: PL0_RW, kind: "field", reset: 0, migrate: "normal", qemu: { aa32Alias: true }, a64: { enc: [3, 3, 14, 2, 1] }, onRead: "readCNTP_CTL", onWrite: "writeCNTP_CTL", pl0Check: "cntpPl0Access" },
  { name: "CNTP_CVAL", aa32: cp15x64(2, 14), access: PL0_RW, kind: "field", reset: 0, migrate: "normal", qemu: { aa32Alias: true }, a64: { enc: [3, 3, 14, 2, 2] }, onWrite: "writeCNTP_CVAL", pl0Check: "cntpPl0Access" },
  { name: "CNTP_TVAL", aa32: cp15(14, 0, 2, 0), access: PL0_RW, kind: "const", migrate: "none", onRead: "readCNTP_TVAL", onWrite: "writeCNTP_TVAL", pl0Check: "cntpPl0Access", a64: { enc: [3, 3, 14, 2, 0] } },
  { name: "CNTV_CTL", aa32: cp15(14, 0, 3, 1), access: PL0_RW, kind: "field", reset: 0, migrate: "normal", qemu: { aa32Alias: true }, a64: { enc: [3, 3, 14, 3, 1] }, onRead: "readCNTV_CTL", onWrite: "writeCNTV_CTL", pl0Check: "cntvPl0Access" },
  { name: "CNTV_CVAL", aa32: cp15x64(3, 14), access: PL0_RW, kind: "field", reset: 0, migrate: "normal", qemu: { aa32Alias: true }, a64: { enc: [3, 3, 14, 3, 2] }, onWrite: "writeCNTV_CVAL", pl0Check: "cntvPl0Access" },
  { name: "CNTV_TVAL", aa32: cp15(14, 0, 3, 0), access: PL0_RW, kind: "const", migrate: "none", onRead: "readCNTV_TVAL", onWrite: "writeCNTV_TVAL", pl0Check: "cntvPl0Access", a64: { enc: [3, 3, 14, 3, 0] } },
];
