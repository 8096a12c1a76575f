// Other cp15 registers of the Cortex-A15 under QEMU 7.2 -M virt: control and coprocessor access,
// fault address (WFAR), thread ID, interrupt status, implementation-defined (L2, CBAR, c15) and
// the TLB lockdown space. The PMU is in pmu.ts.
import { type SysregDef, type Access, cp15, PL1_R, PL1_RW, PL0_RW, PL1_RW_PL0_R, ANY, NO_ACCESS } from "./types.js";
const field = (name: string, aa32: SysregDef["aa32"], access: Access, extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access, kind: "field", reset: 0, migrate: "normal", ...extra });
const constant = (name: string, aa32: SysregDef["aa32"], access: Access, reset: number): SysregDef =>
  ({ name, aa32, access, kind: "const", reset, migrate: "constant" });

export const miscRegisters: SysregDef[] = [
  // QEMU: ACTLR is the constant reset_auxcr (0 for the A15), writes ignored.
  { ...constant("ACTLR", cp15(1, 0, 0, 1), PL1_RW, 0), a64: { enc: [3, 0, 1, 0, 1] } },
  // ARMv7 with VFPv4 + NEON (32 D registers): ASEDIS, D32DIS, cp11, cp10 are writable, the rest RAZ/WI.
  // ARMv8 QEMU keeps every bit of an AArch64 CPACR_EL1 write (FPEN is what the core looks at).
  field("CPACR", cp15(1, 0, 0, 2), PL1_RW, { writeMask: 0xc0f00000, a64: { enc: [3, 0, 1, 0, 2], wide: true } }),
  // HACTLR: an EL2 register; without EL2 QEMU keeps it as a constant in the cpreg list, no access.
  { ...constant("HACTLR", cp15(1, 4, 0, 1), NO_ACCESS, 0), a64: { enc: [3, 4, 1, 0, 1] } },
  constant("WFAR", cp15(6, 0, 0, 1), PL1_RW, 0),

  // Implementation defined: L2CTLR encodes the CPU count (QEMU a15_l2ctlr_read, a57_a53_l2ctlr_read);
  // the A57 also has AArch64 views (L2CTLR_EL1, L2ECTLR_EL1). Writes are ignored.
  { name: "L2CTLR", aa32: cp15(9, 1, 0, 2), access: PL1_RW, kind: "const", migrate: "constant", onRead: "readL2CTLR",
    a64: { enc: [3, 1, 11, 0, 2], name: "L2CTLR_EL1", cpreg: "a57" } },
  { ...constant("L2ECTLR", cp15(9, 1, 0, 3), PL1_RW, 0), a64: { enc: [3, 1, 11, 0, 3], name: "L2ECTLR_EL1", cpreg: "a57" } },
  // TLB lockdown space (c10, c0/c1/c4/c8, any opc1/opc2): QEMU ARM_CP_NOP (before ARMv8).
  ...[0, 1, 4, 8].map((crm): SysregDef =>
    ({ name: `TLB_LOCKDOWN_C${crm}`, aa32: cp15(10, ANY, crm, ANY), access: PL1_RW, kind: "nop", migrate: "none", model: "a15" })),

  { name: "ISR", aa32: cp15(12, 0, 1, 0), access: PL1_R, kind: "const", migrate: "none", onRead: "readISR",
    a64: { enc: [3, 0, 12, 1, 0], name: "ISR_EL1" } },

  // FCSE: QEMU stores the whole value and flushes its TLB when it changes.
  field("FCSEIDR", cp15(13, 0, 0, 0), PL1_RW, { onWrite: "writeFCSEIDR", qemu: { secure: true, secureOnA57: true } }),
  field("TPIDRURW", cp15(13, 0, 0, 2), PL0_RW, { qemu: { secure: true }, a64: { enc: [3, 3, 13, 0, 2], wide: true } }),
  field("TPIDRURO", cp15(13, 0, 0, 3), PL1_RW_PL0_R, { qemu: { secure: true }, a64: { enc: [3, 3, 13, 0, 3], wide: true } }),
  field("TPIDRPRW", cp15(13, 0, 0, 4), PL1_RW, { qemu: { secure: true }, a64: { enc: [3, 0, 13, 0, 4], wide: true } }),

  // CBAR (read-only on the A15): the private peripheral base the board configures (virt
  // 0x08000000, vexpress-a15 0x2c000000). The rest of c15 is QEMU's C15_IMPDEF wildcard:
  // reads 0, writes ignored. (The A57's c15 registers are in a57-only.ts.)
  { ...constant("CBAR", cp15(15, 4, 0, 0), PL1_R, 0x08000000), onRead: "readCBAR", model: "a15" },
  { name: "C15_IMPDEF", aa32: cp15(15, ANY, ANY, ANY), access: PL1_RW, kind: "const", reset: 0, migrate: "none", model: "a15" },
];
