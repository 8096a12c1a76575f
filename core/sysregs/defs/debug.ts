// cp14: the debug registers QEMU 7.2 gives a Cortex-A15 (v7.1 debug, 6 breakpoints, 4 watchpoints,
// no memory-mapped debug), the ThumbEE registers and the Jazelle registers (ID_ISAR1.Jazelle = 1).
// Breakpoints and watchpoints are stored but do not trigger debug exceptions yet (QEMU's do).
import { type SysregDef, cp14, cp14x64, PL1_R, PL1_RW, PL1_W, PL0_R } from "./types.js";

const constant = (name: string, aa32: SysregDef["aa32"], access: SysregDef["access"], reset: number): SysregDef =>
  ({ name, aa32, access, kind: "const", reset, migrate: "constant" });
const field = (name: string, aa32: SysregDef["aa32"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access: PL1_RW, kind: "field", reset: 0, migrate: "normal", ...extra });
const nop = (name: string, aa32: SysregDef["aa32"]): SysregDef =>
  ({ name, aa32, access: PL1_RW, kind: "nop", migrate: "none" });

export const A15_DBGDIDR = 0x3515f021;

export const debugRegisters: SysregDef[] = [
  constant("DBGDIDR", cp14(0, 0, 0, 0), PL0_R, A15_DBGDIDR),
  // No memory-mapped debug components: DBGDRAR/DBGDSAR read 0 (32- and 64-bit forms, PL0 readable).
  constant("DBGDRAR", cp14(1, 0, 0, 0), PL0_R, 0),
  constant("DBGDSAR", cp14(2, 0, 0, 0), PL0_R, 0),
  constant("DBGDRAR64", cp14x64(0, 1), PL0_R, 0),
  constant("DBGDSAR64", cp14x64(0, 2), PL0_R, 0),
  // DBGDSCRext holds QEMU's MDSCR_EL1; DBGDSCRint is its read-only view.
  field("DBGDSCRext", cp14(0, 0, 2, 2), { qemu: { aa64: [2, 0, 0, 2, 2] } }),
  { name: "DBGDSCRint", aa32: cp14(0, 0, 1, 0), access: PL1_R, kind: "field", migrate: "alias", aliasOf: "DBGDSCRext" },
  nop("DBGDCCINT", cp14(0, 0, 2, 0)),
  nop("DBGVCR", cp14(0, 0, 7, 0)),
  ...[0, 1, 2, 3, 4, 5].flatMap((n) => [
    field(`DBGBVR${n}`, cp14(0, 0, n, 4), { qemu: { aa64: [2, 0, 0, n, 4] } }),
    field(`DBGBCR${n}`, cp14(0, 0, n, 5), { onWrite: `writeDBGBCR${n}`, qemu: { aa64: [2, 0, 0, n, 5] } }),
  ]),
  ...[0, 1, 2, 3].flatMap((n) => [
    field(`DBGWVR${n}`, cp14(0, 0, n, 6), { writeMask: 0xfffffffc, qemu: { aa64: [2, 0, 0, n, 6] } }),
    field(`DBGWCR${n}`, cp14(0, 0, n, 7), { qemu: { aa64: [2, 0, 0, n, 7] } }),
  ]),
  // OS lock: locked at reset (OSLSR = 0xa); DBGOSLAR locks with the key 0xc5acce55, unlocks otherwise.
  { name: "DBGOSLAR", aa32: cp14(1, 0, 0, 4), access: PL1_W, kind: "op", migrate: "none", onWrite: "writeDBGOSLAR" },
  field("DBGOSLSR", cp14(1, 0, 1, 4), { access: PL1_R, reset: 0xa, qemu: { aa64: [2, 0, 1, 1, 4] } }),
  // OS double lock: only DLK (bit 0) is kept.
  field("DBGOSDLR", cp14(1, 0, 3, 4), { writeMask: 1, qemu: { aa64: [2, 0, 1, 3, 4] } }),
  // QEMU 7.2 puts the device ID registers at c7, c0, opc2 0..2.
  constant("DBGDEVID2", cp14(7, 0, 0, 0), PL1_R, 0),
  constant("DBGDEVID1", cp14(7, 0, 0, 1), PL1_R, 0),
  constant("DBGDEVID", cp14(7, 0, 0, 2), PL1_R, 0x01110f13),

  // ThumbEE: TEECR.XED (bit 0) is the only bit; when set, PL0 cannot reach TEEHBR.
  field("TEECR", cp14(0, 6, 0, 0), { writeMask: 1 }),
  field("TEEHBR", cp14(1, 6, 0, 0), { access: { pl1: "rw", pl0: "rw" }, pl0Check: "teehbrPl0Access" }),
  // Jazelle (trivial implementation): constants.
  constant("JIDR", cp14(0, 7, 0, 0), PL1_R, 0),
  constant("JOSCR", cp14(1, 7, 0, 0), PL1_RW, 0),
  constant("JMCR", cp14(2, 7, 0, 0), PL1_RW, 0),
];
