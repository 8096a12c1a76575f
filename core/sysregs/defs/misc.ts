// Other cp15 registers of the Cortex-A15 under QEMU 7.2 -M virt: control and coprocessor access,
// fault address (WFAR), thread ID, interrupt status, implementation-defined (L2, CBAR, c15) and
// the TLB lockdown space. The PMU is in pmu.ts.
import { type SysregDef, type Access, cp15, PL1_R, PL1_RW, PL0_RW, PL1_RW_PL0_R, ANY } from "./types.js";

const NO_ACCESS: Access = { pl1: "-", pl0: "-" };
const field = (name: string, aa32: SysregDef["aa32"], access: Access, extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access, kind: "field", reset: 0, migrate: "normal", ...extra });
const constant = (name: string, aa32: SysregDef["aa32"], access: Access, reset: number): SysregDef =>
  ({ name, aa32, access, kind: "const", reset, migrate: "constant" });

export const miscRegisters: SysregDef[] = [
  // QEMU: ACTLR is the constant reset_auxcr (0 for the A15), writes ignored.
  { ...constant("ACTLR", cp15(1, 0, 0, 1), PL1_RW, 0), qemu: { aa64: [3, 0, 1, 0, 1] } },
  // ARMv7 with VFPv4 + NEON (32 D registers): ASEDIS, D32DIS, cp11, cp10 are writable, the rest RAZ/WI.
  field("CPACR", cp15(1, 0, 0, 2), PL1_RW, { writeMask: 0xc0f00000, qemu: { aa64: [3, 0, 1, 0, 2] } }),
  // HACTLR: an EL2 register; without EL2 QEMU keeps it as a constant in the cpreg list, no access.
  { ...constant("HACTLR", cp15(1, 4, 0, 1), NO_ACCESS, 0), qemu: { aa64: [3, 4, 1, 0, 1] } },
  constant("WFAR", cp15(6, 0, 0, 1), PL1_RW, 0),

  // Cortex-A15 implementation defined: L2CTLR encodes the CPU count (QEMU a15_l2ctlr_read).
  { name: "L2CTLR", aa32: cp15(9, 1, 0, 2), access: PL1_RW, kind: "const", migrate: "constant", onRead: "readL2CTLR" },
  constant("L2ECTLR", cp15(9, 1, 0, 3), PL1_RW, 0),
  // TLB lockdown space (c10, c0/c1/c4/c8, any opc1/opc2): QEMU ARM_CP_NOP.
  ...[0, 1, 4, 8].map((crm): SysregDef =>
    ({ name: `TLB_LOCKDOWN_C${crm}`, aa32: cp15(10, ANY, crm, ANY), access: PL1_RW, kind: "nop", migrate: "none" })),

  { name: "ISR", aa32: cp15(12, 0, 1, 0), access: PL1_R, kind: "const", migrate: "none", onRead: "readISR" },

  // FCSE: QEMU stores the whole value and flushes its TLB when it changes.
  field("FCSEIDR", cp15(13, 0, 0, 0), PL1_RW, { onWrite: "writeFCSEIDR", qemu: { secure: true } }),
  field("TPIDRURW", cp15(13, 0, 0, 2), PL0_RW, { qemu: { aa64: [3, 3, 13, 0, 2], secure: true } }),
  field("TPIDRURO", cp15(13, 0, 0, 3), PL1_RW_PL0_R, { qemu: { aa64: [3, 3, 13, 0, 3], secure: true } }),
  field("TPIDRPRW", cp15(13, 0, 0, 4), PL1_RW, { qemu: { aa64: [3, 0, 13, 0, 4], secure: true } }),

  // CBAR (read-only on the A15): the private peripheral base the board configures (virt
  // 0x08000000, vexpress-a15 0x2c000000). The rest of c15 is QEMU's C15_IMPDEF wildcard:
  // reads 0, writes ignored.
  { ...constant("CBAR", cp15(15, 4, 0, 0), PL1_R, 0x08000000), onRead: "readCBAR" },
  { name: "C15_IMPDEF", aa32: cp15(15, ANY, ANY, ANY), access: PL1_RW, kind: "const", reset: 0, migrate: "none" },
];
