// cp14: the debug registers QEMU 7.2 gives a Cortex-A15 (v7.1 debug, 6 breakpoints, 4 watchpoints,
// no memory-mapped debug), the ThumbEE registers and the Jazelle registers (ID_ISAR1.Jazelle = 1),
// and their AArch64 views on the Cortex-A57 (v8 debug, the same 6 + 4 slots: MDSCR_EL1,
// DBGBVR<n>_EL1..., the OS lock). QEMU keeps the debug state in 64-bit fields.
// From AArch64, breakpoints, watchpoints and software step raise debug exceptions
// (core/exceptions/a64-debug.ts); from AArch32 they are stored only (QEMU's trigger).
import { type SysregDef, type A64View, cp14, cp14x64, PL1_R, PL1_RW, PL1_W, PL0_R } from "./types.js";

const constant = (name: string, aa32: SysregDef["aa32"], access: SysregDef["access"], reset: number): SysregDef =>
  ({ name, aa32, access, kind: "const", reset, migrate: "constant" });
const field = (name: string, aa32: SysregDef["aa32"], extra: Partial<SysregDef> = {}): SysregDef =>
  ({ name, aa32, access: PL1_RW, kind: "field", reset: 0, migrate: "normal", ...extra });
const nop = (name: string, aa32: SysregDef["aa32"]): SysregDef =>
  ({ name, aa32, access: PL1_RW, kind: "nop", migrate: "none" });

export const A15_DBGDIDR = 0x3515f021;
const wide = (enc: A64View["enc"], extra: Partial<A64View> = {}): A64View => ({ enc, wide: true, ...extra });

export const debugRegisters: SysregDef[] = [
  { ...constant("DBGDIDR", cp14(0, 0, 0, 0), PL0_R, 0), reset: { a15: A15_DBGDIDR, a57: 0x3516d000 } },
  // No memory-mapped debug components: DBGDRAR/DBGDSAR read 0 (32- and 64-bit forms, PL0 readable).
  constant("DBGDRAR", cp14(1, 0, 0, 0), PL0_R, 0),
  constant("DBGDSAR", cp14(2, 0, 0, 0), PL0_R, 0),
  constant("DBGDRAR64", cp14x64(0, 1), PL0_R, 0),
  constant("DBGDSAR64", cp14x64(0, 2), PL0_R, 0),
  // DBGDSCRext holds QEMU's MDSCR_EL1; DBGDSCRint is its read-only view.
  field("DBGDSCRext", cp14(0, 0, 2, 2), { a64: wide([2, 0, 0, 2, 2], { onWrite: "writeMDSCR_EL1" }) /* MDSCR_EL1 */ }),
  { name: "DBGDSCRint", aa32: cp14(0, 0, 1, 0), access: PL1_R, kind: "field", migrate: "alias", aliasOf: "DBGDSCRext" },
  { ...nop("DBGDCCINT", cp14(0, 0, 2, 0)), a64: { enc: [2, 0, 0, 2, 0], name: "MDCCINT_EL1", cpreg: "none" } },
  nop("DBGVCR", cp14(0, 0, 7, 0)),
  ...[0, 1, 2, 3, 4, 5].flatMap((n) => [
    field(`DBGBVR${n}`, cp14(0, 0, n, 4), { a64: wide([2, 0, 0, n, 4]) }),
    field(`DBGBCR${n}`, cp14(0, 0, n, 5), { onWrite: `writeDBGBCR${n}`, a64: wide([2, 0, 0, n, 5], { onWrite: "writeDBGBCR_EL1", hookArg: n }) }),
  ]),
  ...[0, 1, 2, 3].flatMap((n) => [
    field(`DBGWVR${n}`, cp14(0, 0, n, 6), { writeMask: 0xfffffffc, a64: wide([2, 0, 0, n, 6], { writeMask: 0xfffffffffffffffcn }) }),
    field(`DBGWCR${n}`, cp14(0, 0, n, 7), { a64: wide([2, 0, 0, n, 7], { onWrite: "writeDBGWCR_EL1", hookArg: n }) }),
  ]),
  // OS lock: locked at reset (OSLSR = 0xa); DBGOSLAR locks with the key 0xc5acce55, unlocks otherwise;
  // OSLAR_EL1 locks when bit 0 is set.
  { name: "DBGOSLAR", aa32: cp14(1, 0, 0, 4), access: PL1_W, kind: "op", migrate: "none", onWrite: "writeDBGOSLAR",
    a64: { enc: [2, 0, 1, 0, 4], name: "OSLAR_EL1", onWrite: "writeOSLAR_EL1", cpreg: "none" } },
  field("DBGOSLSR", cp14(1, 0, 1, 4), { access: PL1_R, reset: 0xa, a64: { enc: [2, 0, 1, 1, 4] } /* OSLSR_EL1 */ }),
  // OS double lock: only DLK (bit 0) is kept.
  field("DBGOSDLR", cp14(1, 0, 3, 4), { writeMask: 1, a64: { enc: [2, 0, 1, 3, 4] } /* OSDLR_EL1 */ }),
  // QEMU 7.2 puts the device ID registers at c7, c0, opc2 0..2.
  constant("DBGDEVID2", cp14(7, 0, 0, 0), PL1_R, 0),
  { ...constant("DBGDEVID1", cp14(7, 0, 0, 1), PL1_R, 0), reset: { a15: 0, a57: 2 } },
  constant("DBGDEVID", cp14(7, 0, 0, 2), PL1_R, 0x01110f13),

  // ThumbEE: TEECR.XED (bit 0) is the only bit; when set, PL0 cannot reach TEEHBR.
  // (ARMv8 has no ThumbEE.)
  field("TEECR", cp14(0, 6, 0, 0), { writeMask: 1, model: "a15" }),
  field("TEEHBR", cp14(1, 6, 0, 0), { access: { pl1: "rw", pl0: "rw" }, pl0Check: "teehbrPl0Access", model: "a15" }),
  // Jazelle (trivial implementation): constants.
  constant("JIDR", cp14(0, 7, 0, 0), PL1_R, 0),
  constant("JOSCR", cp14(1, 7, 0, 0), PL1_RW, 0),
  constant("JMCR", cp14(2, 7, 0, 0), PL1_RW, 0),
];
