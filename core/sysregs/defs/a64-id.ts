// AArch64-only identification registers of the Cortex-A57 (QEMU 7.2 aarch64_a57_initfn, as
// qemu-system-aarch64 -M virt -cpu cortex-a57 reads them: without EL2 and EL3 ID_AA64PFR0 says
// EL0 and EL1 only, 0x2222 -> 0x22). The AArch32 ID registers' AArch64 views are in id.ts.
// The unallocated encodings of c0, c3..c7 read 0 and migrate (QEMU defines each one).
import { type Aa64OnlyDef, PL1_R, PL0_R } from "./types.js";

const id = (name: string, crm: number, op2: number, reset: number, migrate?: "none"): Aa64OnlyDef =>
  ({ name, aa64: [3, 0, 0, crm, op2], kind: "const", reset, access: PL1_R, model: "a57", ...(migrate ? { migrate } : {}) });

/** Names of c0, c4..c7 by op2 (QEMU's; the unnamed ones are reserved). */
const NAMES: Record<number, (string | undefined)[]> = {
  4: ["ID_AA64PFR0_EL1", "ID_AA64PFR1_EL1", , , "ID_AA64ZFR0_EL1", "ID_AA64SMFR0_EL1"],
  5: ["ID_AA64DFR0_EL1", "ID_AA64DFR1_EL1", , , "ID_AA64AFR0_EL1", "ID_AA64AFR1_EL1"],
  6: ["ID_AA64ISAR0_EL1", "ID_AA64ISAR1_EL1", "ID_AA64ISAR2_EL1"],
  7: ["ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1", "ID_AA64MMFR2_EL1"],
};
const VALUES: Record<string, number> = {
  ID_AA64DFR0_EL1: 0x10305106, ID_AA64ISAR0_EL1: 0x00011120, ID_AA64MMFR0_EL1: 0x00001124,
};

export const a64IdRegisters: Aa64OnlyDef[] = [
  id("MVFR0_EL1", 3, 0, 0x10110222),
  id("MVFR1_EL1", 3, 1, 0x12111111),
  id("MVFR2_EL1", 3, 2, 0x00000043),
  // QEMU adds the GIC system-register bit at read time: NO_RAW, not migrated.
  { ...id("ID_AA64PFR0_EL1", 4, 0, 0x00000022, "none"), onRead: "readID_AA64PFR0" },
  ...[4, 5, 6, 7].flatMap((crm) => [0, 1, 2, 3, 4, 5, 6, 7].filter((op2) => crm !== 4 || op2 !== 0).map((op2) => {
    const name = NAMES[crm][op2] ?? `ID_AA64_RES0_C${crm}_${op2}`;
    return id(name, crm, op2, VALUES[name] ?? 0);
  })),
  // DC ZVA block size 64 bytes (4 words); DZP (bit 4) while DC ZVA would trap (EL0 without SCTLR_EL1.DZE).
  { name: "DCZID_EL0", aa64: [3, 3, 0, 0, 7], kind: "const", access: PL0_R, onRead: "readDCZID", migrate: "none", model: "a57" },
  // No EL2 or EL3: the reset vector register is RES0 here.
  { name: "RVBAR_EL1", aa64: [3, 0, 12, 0, 1], kind: "const", reset: 0, access: PL1_R, model: "a57" },
];
