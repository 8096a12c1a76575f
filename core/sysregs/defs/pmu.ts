// Performance monitors of the Cortex-A15 as QEMU 7.2 models them (PMUv2, 6 event counters,
// PMCR 0x410f3000): c9 c12..c14 and the event counter registers in c14. QEMU migrates most of this
// state through the AArch64 PMU registers. The counters count (core/pmu.ts): every access that
// reads a counter or changes what counts goes through a hook that brings the counters up to date.
// PMCEID0/1 (c9 c12 6/7) stay UNDEFINED: QEMU 7.2 defines them for ARMv8 CPUs only (a57-only.ts).
// The Cortex-A57 (PMUv3, PMCR 0x41013000, the same 6 counters) reaches them through the AArch64
// views: there a refused EL0 access traps, and PMUSERENR_EL0's SW, CR and ER bits open
// PMSWINC, PMCCNTR reads and the event counters' reads (and PMSELR) without EN (QEMU's
// pmreg_access_* functions, hooks-pmu.ts).
import { type SysregDef, type A64Enc, type A64View, cp15, PL1_RW, PL0_RW, PL1_RW_PL0_R } from "./types.js";

/** PMU register: PL0 access needs PMUSERENR.EN (QEMU pmreg_access). */
const pmu = (name: string, aa32: SysregDef["aa32"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access: PL0_RW, kind: "field", reset: 0, migrate: "normal", pl0Check: "pmuPl0Access", ...extra });
const field = (name: string, aa32: SysregDef["aa32"], access: SysregDef["access"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access, kind: "field", reset: 0, migrate: "normal", ...extra });
const COUNTERS = [0, 1, 2, 3, 4, 5];
/** AArch64 view; EL0 access by PMUSERENR_EL0.EN unless another check is named. */
const view = (enc: A64Enc, extra: Partial<A64View> = {}): A64View => ({ enc, check: "pmuEl0Check", ...extra });

export const pmuRegisters: SysregDef[] = [
  pmu("PMCR", cp15(9, 0, 12, 0), { reset: { a15: 0x410f3000, a57: 0x41013000 }, onWrite: "writePMCR", qemu: { aa32Alias: true }, a64: view([3, 3, 9, 12, 0]) }),
  pmu("PMCNTENSET", cp15(9, 0, 12, 1), { onWrite: "writePMCNTENSET", qemu: { aa32Alias: true }, a64: view([3, 3, 9, 12, 1]) }),
  pmu("PMCNTENCLR", cp15(9, 0, 12, 2), { migrate: "alias", aliasOf: "PMCNTENSET", onWrite: "writePMCNTENCLR", a64: view([3, 3, 9, 12, 2]) }),
  // QEMU lists PMOVS under its AArch32 id only (PMOVSCLR_EL0 is ALIAS).
  pmu("PMOVSR", cp15(9, 0, 12, 3), { onWrite: "writePMOVSR", a64: view([3, 3, 9, 12, 3], { name: "PMOVSCLR_EL0", cpreg: "none" }) }),
  { name: "PMSWINC", aa32: cp15(9, 0, 12, 4), access: { pl1: "w", pl0: "w" }, kind: "op", migrate: "none", pl0Check: "pmuPl0Access", onWrite: "writePMSWINC",
    a64: view([3, 3, 9, 12, 4], { check: "pmuSwincEl0Check" }) },
  pmu("PMSELR", cp15(9, 0, 12, 5), { writeMask: 0x1f, qemu: { aa32Alias: true }, a64: view([3, 3, 9, 12, 5], { check: "pmuSelrEl0Check" }) }),
  // The slot holds QEMU's 64-bit c15_ccnt; the AArch32 view reads and writes its low half.
  pmu("PMCCNTR", cp15(9, 0, 13, 0), { onRead: "readPMCCNTR", onWrite: "writePMCCNTR", qemu: { aa32Alias: true },
    a64: view([3, 3, 9, 13, 0], { wide: true, onWrite: "writePMCCNTR_EL0", check: "pmuCcntrEl0Check" }) }),
  { name: "PMXEVTYPER", aa32: cp15(9, 0, 13, 1), access: PL0_RW, kind: "const", migrate: "none", pl0Check: "pmuPl0Access", onRead: "readPMXEVTYPER", onWrite: "writePMXEVTYPER",
    a64: view([3, 3, 9, 13, 1]) },
  { name: "PMXEVCNTR", aa32: cp15(9, 0, 13, 2), access: PL0_RW, kind: "const", migrate: "none", pl0Check: "pmuPl0Access", onRead: "readPMXEVCNTR", onWrite: "writePMXEVCNTR",
    a64: view([3, 3, 9, 13, 2], { check: "pmuEvcntrEl0Check" }) },
  // PMUSERENR: EN only before ARMv8; the A57 keeps EN, SW, CR and ER. QEMU lists the AArch32 id only.
  field("PMUSERENR", cp15(9, 0, 14, 0), PL1_RW_PL0_R, { writeMask: { a15: 1, a57: 0xf }, a64: { enc: [3, 3, 9, 14, 0], cpreg: "none" } }),
  field("PMINTENSET", cp15(9, 0, 14, 1), PL1_RW, { onWrite: "writePMINTENSET", qemu: { aa32Alias: true }, a64: { enc: [3, 0, 9, 14, 1] } }),
  { name: "PMINTENCLR", aa32: cp15(9, 0, 14, 2), access: PL1_RW, kind: "field", migrate: "alias", aliasOf: "PMINTENSET", onWrite: "writePMINTENCLR",
    a64: { enc: [3, 0, 9, 14, 2] } },
  pmu("PMOVSSET", cp15(9, 0, 14, 3), { migrate: "alias", aliasOf: "PMOVSR", onWrite: "writePMOVSSET", a64: view([3, 3, 9, 14, 3]) }),
  ...COUNTERS.map((n) => pmu(`PMEVCNTR${n}`, cp15(14, 0, 8, n), { onRead: "readPMEVCNTR", onWrite: "writePMEVCNTR", hookArg: n, qemu: { aa32Alias: true },
    a64: view([3, 3, 14, 8, n], { check: "pmuEvcntrEl0Check" }) })),
  ...COUNTERS.map((n) => pmu(`PMEVTYPER${n}`, cp15(14, 0, 12, n), { onWrite: "writePMEVTYPER", hookArg: n, qemu: { aa32Alias: true }, a64: view([3, 3, 14, 12, n]) })),
  // Written through PMXEVTYPER (PMSELR = 31) with mask 0xfc000000; this view reads and writes
  // 0xf8000000, PMCCFILTR_EL0 0xfc000000.
  pmu("PMCCFILTR", cp15(14, 0, 15, 7), { onRead: "readPMCCFILTR", onWrite: "writePMCCFILTR", qemu: { aa32Alias: true },
    a64: view([3, 3, 14, 15, 7], { onRead: "readPMCCFILTR_EL0", onWrite: "writePMCCFILTR_EL0" }) }),
];
