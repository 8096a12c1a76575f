// AArch64 special-purpose registers (ARM ARM C5.2) of the Cortex-A57: views of PSTATE, the banked
// SP_EL0, ELR_EL1 and SPSR_EL1 (S_SPSR_SVC, 32 bits here where QEMU keeps 64), and FPCR/FPSR,
// which are views of the one FPSCR word as QEMU 7.2 keeps them (FPCR = the control bits AHP DN
// FZ RMode Stride Len, FPSR = NZCV QC and the cumulative flags). QEMU migrates FPCR and FPSR in
// the cpreg list; the others travel in the CPU state proper (NO_RAW). Hooks: hooks-a64-state.ts.
import { type Aa64OnlyDef, type Access, PL1_RW, PL1_R, PL0_RW } from "./types.js";

const special = (name: string, aa64: Aa64OnlyDef["aa64"], access: Access, extra: Partial<Aa64OnlyDef> = {}): Aa64OnlyDef =>
  ({ name, aa64, kind: "const", access, onRead: `read${name}`, onWrite: `write${name}`, migrate: "none", model: "a57", ...extra });

export const a64SpecialRegisters: Aa64OnlyDef[] = [
  special("SPSR_EL1", [3, 0, 4, 0, 0], PL1_RW),
  special("ELR_EL1", [3, 0, 4, 0, 1], PL1_RW),
  // UNDEFINED while SP_EL0 is the stack pointer in use (PSTATE.SP = 0).
  special("SP_EL0", [3, 0, 4, 1, 0], PL1_RW, { check: "spEl0Check" }),
  special("SPSel", [3, 0, 4, 2, 0], PL1_RW),
  { name: "CurrentEL", aa64: [3, 0, 4, 2, 2], kind: "const", access: PL1_R, onRead: "readCurrentEL", migrate: "none", model: "a57" },
  special("NZCV", [3, 3, 4, 2, 0], PL0_RW),
  // EL0 needs SCTLR_EL1.UMA (else the access traps).
  special("DAIF", [3, 3, 4, 2, 1], PL0_RW, { check: "daifEl0Check" }),
  // CPACR_EL1.FPEN decides (EC 0x07 trap), at EL1 too.
  special("FPCR", [3, 3, 4, 4, 0], PL0_RW, { check: "fpAccessCheck", migrate: "normal" }),
  special("FPSR", [3, 3, 4, 4, 1], PL0_RW, { check: "fpAccessCheck", migrate: "normal" }),
];
