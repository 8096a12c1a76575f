// Performance monitors of the Cortex-A15 as QEMU 7.2 models them (PMUv2, 6 event counters,
// PMCR 0x410f3000): c9 c12..c14 and the event counter registers in c14. QEMU migrates most of this
// state through the AArch64 PMU registers. The counters count (core/pmu.ts): every access that
// reads a counter or changes what counts goes through a hook that brings the counters up to date.
// PMCEID0/1 (c9 c12 6/7) stay UNDEFINED: QEMU 7.2 defines them for ARMv8 CPUs only.
import { type SysregDef, cp15, PL1_RW, PL0_RW, PL1_RW_PL0_R } from "./types.js";

/** PMU register: PL0 access needs PMUSERENR.EN (QEMU pmreg_access). */
const pmu = (name: string, aa32: SysregDef["aa32"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access: PL0_RW, kind: "field", reset: 0, migrate: "normal", pl0Check: "pmuPl0Access", ...extra });
const field = (name: string, aa32: SysregDef["aa32"], access: SysregDef["access"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access, kind: "field", reset: 0, migrate: "normal", ...extra });
const COUNTERS = [0, 1, 2, 3, 4, 5];

export const pmuRegisters: SysregDef[] = [
  pmu("PMCR", cp15(9, 0, 12, 0), { reset: 0x410f3000, onWrite: "writePMCR", qemu: { aa64: [3, 3, 9, 12, 0], aa32Alias: true } }),
  pmu("PMCNTENSET", cp15(9, 0, 12, 1), { onWrite: "writePMCNTENSET", qemu: { aa64: [3, 3, 9, 12, 1], aa32Alias: true } }),
  pmu("PMCNTENCLR", cp15(9, 0, 12, 2), { migrate: "alias", aliasOf: "PMCNTENSET", onWrite: "writePMCNTENCLR" }),
  pmu("PMOVSR", cp15(9, 0, 12, 3), { onWrite: "writePMOVSR" }),
  { name: "PMSWINC", aa32: cp15(9, 0, 12, 4), access: { pl1: "w", pl0: "w" }, kind: "op", migrate: "none", pl0Check: "pmuPl0Access", onWrite: "writePMSWINC" },
  pmu("PMSELR", cp15(9, 0, 12, 5), { writeMask: 0x1f, qemu: { aa64: [3, 3, 9, 12, 5], aa32Alias: true } }),
  // The slot holds QEMU's 64-bit c15_ccnt; the AArch32 view reads and writes its low half.
  pmu("PMCCNTR", cp15(9, 0, 13, 0), { onRead: "readPMCCNTR", onWrite: "writePMCCNTR", qemu: { aa64: [3, 3, 9, 13, 0], aa32Alias: true } }),
  { name: "PMXEVTYPER", aa32: cp15(9, 0, 13, 1), access: PL0_RW, kind: "const", migrate: "none", pl0Check: "pmuPl0Access", onRead: "readPMXEVTYPER", onWrite: "writePMXEVTYPER" },
  { name: "PMXEVCNTR", aa32: cp15(9, 0, 13, 2), access: PL0_RW, kind: "const", migrate: "none", pl0Check: "pmuPl0Access", onRead: "readPMXEVCNTR", onWrite: "writePMXEVCNTR" },
  field("PMUSERENR", cp15(9, 0, 14, 0), PL1_RW_PL0_R, { writeMask: 1 }),
  field("PMINTENSET", cp15(9, 0, 14, 1), PL1_RW, { onWrite: "writePMINTENSET", qemu: { aa64: [3, 0, 9, 14, 1], aa32Alias: true } }),
  { name: "PMINTENCLR", aa32: cp15(9, 0, 14, 2), access: PL1_RW, kind: "field", migrate: "alias", aliasOf: "PMINTENSET", onWrite: "writePMINTENCLR" },
  pmu("PMOVSSET", cp15(9, 0, 14, 3), { migrate: "alias", aliasOf: "PMOVSR", onWrite: "writePMOVSSET" }),
  ...COUNTERS.map((n) => pmu(`PMEVCNTR${n}`, cp15(14, 0, 8, n), { onRead: "readPMEVCNTR", onWrite: "writePMEVCNTR", hookArg: n, qemu: { aa64: [3, 3, 14, 8, n], aa32Alias: true } })),
  ...COUNTERS.map((n) => pmu(`PMEVTYPER${n}`, cp15(14, 0, 12, n), { onWrite: "writePMEVTYPER", hookArg: n, qemu: { aa64: [3, 3, 14, 12, n], aa32Alias: true } })),
  // Written through PMXEVTYPER (PMSELR = 31) with mask 0xfc000000; this view reads and writes 0xf8000000.
  pmu("PMCCFILTR", cp15(14, 0, 15, 7), { onRead: "readPMCCFILTR", onWrite: "writePMCCFILTR", qemu: { aa64: [3, 3, 14, 15, 7], aa32Alias: true } }),
];
