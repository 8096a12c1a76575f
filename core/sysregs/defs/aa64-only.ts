// State QEMU 7.2 migrates under AArch64 ids with no AArch32 encoding of their own, that the guest
// never reaches or reads as a constant (see types.ts Aa64OnlyDef): they exist so our cpreg list is
// QEMU's. The first group is in every list (-M virt too; MDRAR_EL1 and MDCCSR_EL0 are readable on
// the A57), the second only with EL3 (vexpress-a15), the last only on the Cortex-A57.
import { type Aa64OnlyDef, PL1_R, PL0_R } from "./types.js";

export const aa64HiddenRegisters: Aa64OnlyDef[] = [
  { name: "MDRAR_EL1", aa64: [2, 0, 1, 0, 0], kind: "const", reset: 0, access: PL1_R },
  { name: "MDCCSR_EL0", aa64: [2, 3, 0, 1, 0], kind: "const", reset: 0, access: PL0_R },
  { name: "ACTLR_EL3", aa64: [3, 6, 1, 0, 1], kind: "const", reset: 0 },
  { name: "MAIR_EL3", aa64: [3, 6, 10, 2, 0], kind: "field", reset: 0 },
  { name: "CNTPS_CTL_EL1", aa64: [3, 7, 14, 2, 1], kind: "field", reset: 0 },
  { name: "CNTPS_CVAL_EL1", aa64: [3, 7, 14, 2, 2], kind: "field", reset: 0 },

  { name: "SCTLR_EL3", aa64: [3, 6, 1, 0, 0], kind: "field", reset: 0x00c50078, el3: true },
  { name: "CPTR_EL3", aa64: [3, 6, 1, 1, 2], kind: "field", reset: 0, el3: true },
  { name: "TTBR0_EL3", aa64: [3, 6, 2, 0, 0], kind: "field", reset: 0, el3: true },
  { name: "TCR_EL3", aa64: [3, 6, 2, 0, 2], kind: "field", reset: 0, el3: true },
  { name: "ESR_EL3", aa64: [3, 6, 5, 2, 0], kind: "field", reset: 0, el3: true },
  { name: "FAR_EL3", aa64: [3, 6, 6, 0, 0], kind: "field", reset: 0, el3: true },
  { name: "AMAIR_EL3", aa64: [3, 6, 10, 3, 0], kind: "const", reset: 0, el3: true },
  { name: "VBAR_EL3", aa64: [3, 6, 12, 0, 0], kind: "field", reset: 0, el3: true },
  { name: "RVBAR_EL3", aa64: [3, 6, 12, 0, 1], kind: "const", reset: 0, el3: true },
  { name: "TPIDR_EL3", aa64: [3, 6, 13, 0, 2], kind: "field", reset: 0, el3: true },

  { name: "MDCR_EL3", aa64: [3, 6, 1, 3, 1], kind: "field", reset: 0, model: "a57" },
];
