// Hyp (EL2) and Monitor (EL3) registers that QEMU 7.2 gives the Cortex-A15 of -M vexpress-a15
// (EL3 and EL2 on by default) and migrates in its cpreg list. armlet's Cortex-A15 has neither EL2
// nor EL3 on any board (ID_PFR1 says so), so the guest cannot reach these: every row is UNDEFINED
// (no access) and keeps hidden storage or a constant, listed only when the CPU is configured like
// QEMU's (qemu.el3), so a vexpress-a15 stream's list is QEMU's, id for id, and round-trips.
// Which views QEMU lists (AArch32, AArch64 or both) was read from live 7.2 streams
// (test/unit/snapshot/golden/vexpress-a15-cpu0.txt).
import { A15_MIDR } from "./id.js";
import { type SysregDef, type Aa32Enc, type A64Enc, type QemuCpreg, cp15, cp15x64, NO_ACCESS } from "./types.js";

type Aa64 = A64Enc;
/** How QEMU lists a hidden row: its QemuCpreg flags and the AArch64 view (hidden too: the row has no access). */
type Listing = Omit<QemuCpreg, "el3"> & { aa64?: Aa64; aa64Name?: string; aa64Hi?: string };

function listing({ aa64, aa64Name, aa64Hi, ...qemu }: Listing): Pick<SysregDef, "qemu" | "a64"> {
  const a64 = aa64 ? { a64: { enc: aa64, ...(aa64Name ? { name: aa64Name } : {}), ...(aa64Hi ? { hi: aa64Hi } : {}) } } : {};
  return { qemu: { ...qemu, el3: true }, ...a64 };
}
/** A register with hidden storage (QEMU state). */
const hidden = (name: string, aa32: Aa32Enc, l: Listing, reset = 0): SysregDef =>
  ({ name, aa32, access: NO_ACCESS, kind: "field", reset, migrate: "normal", ...listing(l) });
/** A register QEMU defines as a constant (RAZ/WI implementation-defined ones). */
const constant = (name: string, aa32: Aa32Enc, aa64?: Aa64): SysregDef =>
  ({ name, aa32, access: NO_ACCESS, kind: "const", reset: 0, migrate: "constant", ...listing({ aa64 }) });
const el2 = (crn: number, crm: number, op2: number): Aa64 => [3, 4, crn, crm, op2];
const el3 = (crn: number, crm: number, op2: number): Aa64 => [3, 6, crn, crm, op2];

export const el2el3Registers: SysregDef[] = [
  // Virtualization ID registers: QEMU resets them from MIDR and from each CPU's MPIDR.
  hidden("VPIDR", cp15(0, 4, 0, 0), { aa64: el2(0, 0, 0), aa64Name: "VPIDR_EL2", aa32Alias: true }, A15_MIDR),
  { name: "VMPIDR", aa32: cp15(0, 4, 0, 5), access: NO_ACCESS, kind: "const", migrate: "constant", onRead: "readMPIDR",
    ...listing({ aa64: el2(0, 0, 5), aa64Name: "VMPIDR_EL2", aa32Alias: true }) },
  hidden("HSCTLR", cp15(1, 4, 0, 0), { aa64: el2(1, 0, 0), aa64Name: "SCTLR_EL2" }),
  hidden("SCR", cp15(1, 0, 1, 0), { aa64: el3(1, 1, 0), aa64Name: "SCR_EL3", aa32Alias: true }),
  hidden("SDER", cp15(1, 0, 1, 1), { aa64: el3(1, 1, 1), aa64Name: "SDER32_EL3" }),
  // NSACR: ARMv8 QEMU without EL3 lists a read-only 0xc00 instead (a57-only.ts).
  { ...hidden("NSACR", cp15(1, 0, 1, 2), {}), model: "a15" },
  hidden("HCR", cp15(1, 4, 1, 0), { aa64: el2(1, 1, 0), aa64Name: "HCR_EL2", aa32Alias: true }),
  // MDCR_EL2 resets HPMN to the number of PMU counters (6).
  hidden("HDCR", cp15(1, 4, 1, 1), { aa64: el2(1, 1, 1), aa64Name: "MDCR_EL2" }, 6),
  hidden("HCPTR", cp15(1, 4, 1, 2), { aa64: el2(1, 1, 2), aa64Name: "CPTR_EL2" }),
  hidden("HSTR", cp15(1, 4, 1, 3), { aa64: el2(1, 1, 3), aa64Name: "HSTR_EL2" }),
  constant("HACR", cp15(1, 4, 1, 7), el2(1, 1, 7)),
  hidden("HTTBR", cp15x64(4, 2), { aa64: el2(2, 0, 0), aa64Name: "TTBR0_EL2", aa32Alias: true }),
  hidden("HTCR", cp15(2, 4, 0, 2), { aa64: el2(2, 0, 2), aa64Name: "TCR_EL2" }),
  hidden("VTTBR", cp15x64(6, 2), { aa64: el2(2, 1, 0), aa64Name: "VTTBR_EL2", aa32Alias: true }),
  hidden("VTCR", cp15(2, 4, 1, 2), { aa64: el2(2, 1, 2), aa64Name: "VTCR_EL2", aa32Alias: true }),
  constant("HADFSR", cp15(5, 4, 1, 0), el2(5, 1, 0)),
  constant("HAIFSR", cp15(5, 4, 1, 1), el2(5, 1, 1)),
  // AFSR0/1_EL3: QEMU defines them for both states, so an AArch32 view exists at opc1 6.
  constant("AFSR0_EL3", cp15(5, 6, 1, 0), el3(5, 1, 0)),
  constant("AFSR1_EL3", cp15(5, 6, 1, 1), el3(5, 1, 1)),
  hidden("HSR", cp15(5, 4, 2, 0), { aa64: el2(5, 2, 0), aa64Name: "ESR_EL2" }),
  hidden("HDFAR", cp15(6, 4, 0, 0), { aa64: el2(6, 0, 0), aa64Name: "FAR_EL2", aa64Hi: "HIFAR" }),
  hidden("HIFAR", cp15(6, 4, 0, 2), { aa32Alias: true }),
  hidden("HPFAR", cp15(6, 4, 0, 4), { aa64: el2(6, 0, 4), aa64Name: "HPFAR_EL2" }),
  hidden("HMAIR0", cp15(10, 4, 2, 0), { aa64: el2(10, 2, 0), aa64Name: "MAIR_EL2", aa64Hi: "HMAIR1" }),
  hidden("HMAIR1", cp15(10, 4, 2, 1), { aa32Alias: true }),
  constant("HAMAIR0", cp15(10, 4, 3, 0), el2(10, 3, 0)),
  constant("HAMAIR1", cp15(10, 4, 3, 1)),
  hidden("MVBAR", cp15(12, 0, 0, 1), {}),
  hidden("HVBAR", cp15(12, 4, 0, 0), { aa64: el2(12, 0, 0), aa64Name: "VBAR_EL2" }),
  hidden("HTPIDR", cp15(13, 4, 0, 2), { aa64: el2(13, 0, 2), aa64Name: "TPIDR_EL2" }),
  // CNTVOFF: without EL2 nothing writes it but a snapshot (a KVM stream's virtual count becomes
  // this offset); the virtual counter is CNTPCT - CNTVOFF (core/timer.ts).
  hidden("CNTVOFF", cp15x64(4, 14), { aa64: el2(14, 0, 3), aa64Name: "CNTVOFF_EL2", aa32Alias: true }),
  // CNTHCTL resets with EL1PCTEN and EL1PCEN set.
  hidden("CNTHCTL", cp15(14, 4, 1, 0), { aa64: el2(14, 1, 0), aa64Name: "CNTHCTL_EL2" }, 3),
  hidden("CNTHP_CTL", cp15(14, 4, 2, 1), { aa64: el2(14, 2, 1), aa64Name: "CNTHP_CTL_EL2" }),
  hidden("CNTHP_CVAL", cp15x64(6, 14), { aa64: el2(14, 2, 2), aa64Name: "CNTHP_CVAL_EL2" }),
];
