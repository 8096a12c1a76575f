// Rows with an AArch32 encoding that only the Cortex-A57 has (QEMU 7.2's ARMv8 definitions and
// its cortex_a72_a57_a53_cp_reginfo), some at an encoding the A15 gives another row (REVIDR is
// the A15's MIDR alias at c0, c0, 6; the c15 space is the A15's C15_IMPDEF wildcard). The A57
// guest runs AArch64: it reaches these through their AArch64 views; the AArch32 ids are in QEMU's
// cpreg list. Values from qemu-system-aarch64 7.2 -M virt -cpu cortex-a57 (test/unit/sysregs/qemu-a57).
import { type SysregDef, type Aa32Enc, type A64Enc, type Access, cp15, cp15x64, PL1_R, PL1_RW, PL0_R } from "./types.js";

const constant = (name: string, aa32: Aa32Enc, access: Access, reset: number, aa64?: A64Enc, a64Name?: string): SysregDef =>
  ({ name, aa32, access, kind: "const", reset, migrate: "constant", model: "a57",
    ...(aa64 ? { a64: { enc: aa64, ...(a64Name ? { name: a64Name } : {}) } } : {}) });

/** c0, c3: AArch32-only RAZ at opc2 0..2 (their AArch64 encodings are MVFR0..2_EL1), RAZ for both states at 3..7. */
const C3_NAMES = ["", "RES_0_C0_C3_1", "RES_0_C0_C3_2", "RES_0_C0_C3_3", "ID_PFR2", "RES_0_C0_C3_5", "ID_MMFR5", "RES_0_C0_C3_7"];

export const a57OnlyRegisters: SysregDef[] = [
  constant("REVIDR", cp15(0, 0, 0, 6), PL1_R, 0, [3, 0, 0, 0, 6], "REVIDR_EL1"),
  ...[1, 2, 3, 4, 5, 6, 7].map((op2) => constant(C3_NAMES[op2], cp15(0, 0, 3, op2), PL1_R, 0, op2 >= 3 ? [3, 0, 0, 3, op2] : undefined)),
  // c0, c8..c15: RAZ wildcards on opc2 (opc2 0 migrates, the rest are its aliases).
  ...[8, 9, 10, 11, 12, 13, 14, 15].flatMap((crm): SysregDef[] => [
    constant(`ID_RAZ_C${crm}`, cp15(0, 0, crm, 0), PL1_R, 0),
    ...[1, 2, 3, 4, 5, 6, 7].map((opc2): SysregDef =>
      ({ name: `ID_RAZ_C${crm}_${opc2}`, aa32: cp15(0, 0, crm, opc2), access: PL1_R, kind: "const", migrate: "alias", aliasOf: `ID_RAZ_C${crm}`, model: "a57" })),
  ]),
  // Without EL3 QEMU makes NSACR read-only: CP10 and CP11 usable from Non-secure (0xc00).
  constant("NSACR_A57", cp15(1, 0, 1, 2), PL1_R, 0xc00),
  // PMUv3 common event identification: SW_INCR (0x00) and CPU_CYCLES (0x11).
  { ...constant("PMCEID0", cp15(9, 0, 12, 6), PL0_R, 0x20001), pl0Check: "pmuPl0Access", a64: { enc: [3, 3, 9, 12, 6], check: "pmuEl0Check" } },
  { ...constant("PMCEID1", cp15(9, 0, 12, 7), PL0_R, 0), pl0Check: "pmuPl0Access", a64: { enc: [3, 3, 9, 12, 7], check: "pmuEl0Check" } },
  // Cortex-A57 implementation defined (RAZ/WI but CBAR, the board's peripheral base).
  constant("L2ACTLR", cp15(15, 1, 0, 0), PL1_RW, 0, [3, 1, 15, 0, 0], "L2ACTLR_EL1"),
  { ...constant("CBAR_A57", cp15(15, 1, 3, 0), PL1_R, 0x08000000, [3, 1, 15, 3, 0], "CBAR_EL1"), onRead: "readCBAR" },
  constant("CPUACTLR", cp15x64(0, 15), PL1_RW, 0, [3, 1, 15, 2, 0], "CPUACTLR_EL1"),
  constant("CPUECTLR", cp15x64(1, 15), PL1_RW, 0, [3, 1, 15, 2, 1], "CPUECTLR_EL1"),
  constant("CPUMERRSR", cp15x64(2, 15), PL1_RW, 0, [3, 1, 15, 2, 2], "CPUMERRSR_EL1"),
  constant("L2MERRSR", cp15x64(3, 15), PL1_RW, 0, [3, 1, 15, 2, 3], "L2MERRSR_EL1"),
];
