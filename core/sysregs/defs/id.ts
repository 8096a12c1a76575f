// Identification registers (cp15 c0) of the Cortex-A15 as QEMU 7.2 reports them on -M virt, and
// of the Cortex-A57 (its AArch64 views; ID_AA64* and MVFR*_EL1 are in aa64-only.ts).
// A15 values were read with MRC from qemu-system-arm 7.2 (-M virt -cpu cortex-a15) and agree with
// its migration stream; see test/unit/sysregs/id-values.test.ts. QEMU 7.2 models an r4p0 part
// (MIDR 0x414fc0f0) and virt, having neither EL2 nor EL3, clears ID_PFR1.Security and
// ID_PFR1.Virtualization (0x00011011 -> 0x00010001) and ID_DFR0.CopSDbg (0x02010555 -> 0x02010505).
// A57 values were read with MRS from qemu-system-aarch64 7.2 (-M virt -cpu cortex-a57;
// test/unit/sysregs/qemu-a57): an r1p0 part, ID_DFR0.CopSDbg and .CopDbg cleared likewise.
import { type SysregDef, type Aa32Enc, type A64Enc, type PerModel, cp15, PL1_R, PL1_RW, PL0_R } from "./types.js";

/** ID register holding a constant (QEMU ARM_CP_CONST: migrates, the loader compares). */
const idConst = (name: string, aa32: Aa32Enc, reset: PerModel<number>, aa64?: A64Enc): SysregDef =>
  ({ name, aa32, access: PL1_R, kind: "const", reset, migrate: "constant", ...(aa64 ? { a64: { enc: aa64 } } : {}) });
/** The two CPUs' values of an ID register. */
const v = (a15: number, a57: number): PerModel<number> => ({ a15, a57 });

export const A15_MIDR = 0x414fc0f0;
export const A57_MIDR = 0x411fd070;
/** CCSIDR for CSSELR 0 (L1 D), 1 (L1 I), 2 (L2); others read 0. hooks-misc.ts readCCSIDR has the same tables. */
export const A15_CCSIDR = [0x701fe00a, 0x201fe00a, 0x711fe07a];
export const A57_CCSIDR = [0x701fe00a, 0x201fe012, 0x70ffe07a];

export const idRegisters: SysregDef[] = [
  // MIDR has storage in QEMU (raw-writable on migration, guest writes UNDEF); opc2 4, 6, 7 have no
  // register of their own in ARMv7 and QEMU's opc2 wildcard makes them read MIDR too. ARMv8 QEMU
  // keeps MIDR_EL1 out of the list (NO_RAW) and puts REVIDR at opc2 6 (a57-only.ts).
  { name: "MIDR", aa32: cp15(0, 0, 0, 0), access: PL1_R, kind: "field", reset: v(A15_MIDR, A57_MIDR), migrate: "normal",
    qemu: { noneOnA57: true }, a64: { enc: [3, 0, 0, 0, 0], name: "MIDR_EL1", cpreg: "none" } },
  { name: "MIDR_4", aa32: cp15(0, 0, 0, 4), access: PL1_R, kind: "field", migrate: "alias", aliasOf: "MIDR" },
  { name: "MIDR_6", aa32: cp15(0, 0, 0, 6), access: PL1_R, kind: "field", migrate: "alias", aliasOf: "MIDR", model: "a15" },
  { name: "MIDR_7", aa32: cp15(0, 0, 0, 7), access: PL1_R, kind: "field", migrate: "alias", aliasOf: "MIDR" },
  // CTR_EL0: EL0 reads it unless SCTLR_EL1.UCT is clear (then it traps).
  { ...idConst("CTR", cp15(0, 0, 0, 1), 0x8444c004), a64: { enc: [3, 3, 0, 0, 1], access: PL0_R, check: "ctrEl0Check" } },
  idConst("TCMTR", cp15(0, 0, 0, 2), 0),
  idConst("TLBTR", cp15(0, 0, 0, 3), 0),
  // Computed from the CPU index (QEMU: ARM_CP_NO_RAW).
  { name: "MPIDR", aa32: cp15(0, 0, 0, 5), access: PL1_R, kind: "const", migrate: "none", onRead: "readMPIDR",
    a64: { enc: [3, 0, 0, 0, 5], name: "MPIDR_EL1" } },

  idConst("ID_PFR0", cp15(0, 0, 1, 0), v(0x00001131, 0x00000131), [3, 0, 0, 1, 0]),
  // QEMU computes ID_PFR1 at read time (GICv3 sysreg bit), so it does not migrate.
  { name: "ID_PFR1", aa32: cp15(0, 0, 1, 1), access: PL1_R, kind: "const", reset: 0x00010001, migrate: "none", onRead: "readID_PFR1",
    a64: { enc: [3, 0, 0, 1, 1], name: "ID_PFR1_EL1" } },
  idConst("ID_DFR0", cp15(0, 0, 1, 2), v(0x02010505, 0x03010006), [3, 0, 0, 1, 2]),
  idConst("ID_AFR0", cp15(0, 0, 1, 3), 0, [3, 0, 0, 1, 3]),
  idConst("ID_MMFR0", cp15(0, 0, 1, 4), v(0x10201105, 0x10101105), [3, 0, 0, 1, 4]),
  idConst("ID_MMFR1", cp15(0, 0, 1, 5), v(0x20000000, 0x40000000), [3, 0, 0, 1, 5]),
  idConst("ID_MMFR2", cp15(0, 0, 1, 6), v(0x01240000, 0x01260000), [3, 0, 0, 1, 6]),
  idConst("ID_MMFR3", cp15(0, 0, 1, 7), 0x02102211, [3, 0, 0, 1, 7]),
  idConst("ID_ISAR0", cp15(0, 0, 2, 0), 0x02101110, [3, 0, 0, 2, 0]),
  idConst("ID_ISAR1", cp15(0, 0, 2, 1), 0x13112111, [3, 0, 0, 2, 1]),
  idConst("ID_ISAR2", cp15(0, 0, 2, 2), v(0x21232041, 0x21232042), [3, 0, 0, 2, 2]),
  idConst("ID_ISAR3", cp15(0, 0, 2, 3), v(0x11112131, 0x01112131), [3, 0, 0, 2, 3]),
  idConst("ID_ISAR4", cp15(0, 0, 2, 4), v(0x10011142, 0x00011142), [3, 0, 0, 2, 4]),
  idConst("ID_ISAR5", cp15(0, 0, 2, 5), v(0, 0x00011121), [3, 0, 0, 2, 5]),
  idConst("ID_MMFR4", cp15(0, 0, 2, 6), 0, [3, 0, 0, 2, 6]),
  idConst("ID_ISAR6", cp15(0, 0, 2, 7), 0, [3, 0, 0, 2, 7]),
  // c0, c3..c7: reserved ID space, RAZ. QEMU defines each crm with an opc2 wildcard: opc2 0
  // migrates, the other opc2 values are aliases of it. ARMv8 defines c3's one by one instead
  // (a57-only.ts), and its AArch64 c0, c3..c7 space holds MVFR*_EL1 and ID_AA64* (aa64-only.ts).
  ...[3, 4, 5, 6, 7].flatMap((crm): SysregDef[] => [
    idConst(`ID_RAZ_C${crm}`, cp15(0, 0, crm, 0), 0),
    ...[1, 2, 3, 4, 5, 6, 7].map((opc2): SysregDef =>
      ({ name: `ID_RAZ_C${crm}_${opc2}`, aa32: cp15(0, 0, crm, opc2), access: PL1_R, kind: "const", migrate: "alias",
        aliasOf: `ID_RAZ_C${crm}`, ...(crm === 3 ? { model: "a15" as const } : {}) })),
  ]),

  // Cache identification: CCSIDR is selected by CSSELR (QEMU: index CSSELR[3:0] into a 16-entry table).
  { name: "CCSIDR", aa32: cp15(0, 1, 0, 0), access: PL1_R, kind: "const", migrate: "none", onRead: "readCCSIDR",
    a64: { enc: [3, 1, 0, 0, 0], name: "CCSIDR_EL1" } },
  idConst("CLIDR", cp15(0, 1, 0, 1), 0x0a200023, [3, 1, 0, 0, 1]),
  idConst("AIDR", cp15(0, 1, 0, 7), 0, [3, 1, 0, 0, 7]),
  { name: "CSSELR", aa32: cp15(0, 2, 0, 0), access: PL1_RW, kind: "field", reset: 0, writeMask: 0xf, migrate: "normal",
    qemu: { aa32Alias: true, secure: true }, a64: { enc: [3, 2, 0, 0, 0] } },
];
