// The GICv3 CPU interface's system registers (ICC_*_EL1) as the Cortex-A57 reaches them with a
// GICv3 on the board: every access goes to the host's gicSysreg import with the register's
// number here (machines/gic/gicv3/cpu-interface.ts implements them). Without a GICv3 they are
// UNDEFINED, as QEMU 7.2 defines them only when the board has one (gicv3Check). QEMU marks them
// all NO_RAW: their state travels in the `arm_gicv3` section, not in the cpreg list. Only the
// registers of a 5-bit-priority interface exist (QEMU's A57: PRIbits 5, so one AP0R/AP1R).
import { type Aa64OnlyDef, type A64Enc, type Access, PL1_RW, PL1_R, PL1_W } from "./types.js";

/** [name, encoding, access]; the index is the register number gicSysreg receives. */
export const ICC_REGISTERS: readonly (readonly [string, A64Enc, Access])[] = [
  ["ICC_PMR_EL1", [3, 0, 4, 6, 0], PL1_RW],
  ["ICC_IAR0_EL1", [3, 0, 12, 8, 0], PL1_R],
  ["ICC_EOIR0_EL1", [3, 0, 12, 8, 1], PL1_W],
  ["ICC_HPPIR0_EL1", [3, 0, 12, 8, 2], PL1_R],
  ["ICC_BPR0_EL1", [3, 0, 12, 8, 3], PL1_RW],
  ["ICC_AP0R0_EL1", [3, 0, 12, 8, 4], PL1_RW],
  ["ICC_AP1R0_EL1", [3, 0, 12, 9, 0], PL1_RW],
  ["ICC_DIR_EL1", [3, 0, 12, 11, 1], PL1_W],
  ["ICC_RPR_EL1", [3, 0, 12, 11, 3], PL1_R],
  ["ICC_SGI1R_EL1", [3, 0, 12, 11, 5], PL1_W],
  ["ICC_ASGI1R_EL1", [3, 0, 12, 11, 6], PL1_W],
  ["ICC_SGI0R_EL1", [3, 0, 12, 11, 7], PL1_W],
  ["ICC_IAR1_EL1", [3, 0, 12, 12, 0], PL1_R],
  ["ICC_EOIR1_EL1", [3, 0, 12, 12, 1], PL1_W],
  ["ICC_HPPIR1_EL1", [3, 0, 12, 12, 2], PL1_R],
  ["ICC_BPR1_EL1", [3, 0, 12, 12, 3], PL1_RW],
  ["ICC_CTLR_EL1", [3, 0, 12, 12, 4], PL1_RW],
  ["ICC_SRE_EL1", [3, 0, 12, 12, 5], PL1_RW],
  ["ICC_IGRPEN0_EL1", [3, 0, 12, 12, 6], PL1_RW],
  ["ICC_IGRPEN1_EL1", [3, 0, 12, 12, 7], PL1_RW],
];

/** Register numbers by name (ICC.PMR_EL1 === 0 ...). */
export const ICC = Object.fromEntries(ICC_REGISTERS.map(([n], i) => [n, i])) as Record<string, number>;

export const gicv3CpuifRegisters: Aa64OnlyDef[] = ICC_REGISTERS.map(([name, aa64, access], i): Aa64OnlyDef => ({
  name, aa64, kind: "const", access, check: "gicv3Check", onRead: "readICC", onWrite: "writeICC", hookArg: i,
  migrate: "none", model: "a57",
}));
