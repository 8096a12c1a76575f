// SYS operations of the Cortex-A57 (op0 = 1): cache maintenance, address translation, TLB
// maintenance (ARM ARM C5.3), as QEMU 7.2 defines them. There are no caches: the maintenance
// operations only check their access (EL0 needs SCTLR_EL1.UCI, else they trap) and do nothing;
// set/way operations are EL1 only. DC ZVA zeroes a 64-byte block (EL0 needs SCTLR_EL1.DZE).
// Our TLB is not ASID-tagged and holds 4 KiB entries: every TLBI flushes it all.
// A write-only access: an MRS/SYSL of these encodings is UNDEFINED (SYSL always is).
import { type Aa64OnlyDef, type Access, PL1_W } from "./types.js";

const PL0_W: Access = { pl1: "w", pl0: "w" };
const sys = (name: string, op1: number, crn: number, crm: number, op2: number, extra: Partial<Aa64OnlyDef>): Aa64OnlyDef =>
  ({ name, aa64: [1, op1, crn, crm, op2], kind: "nop", access: PL1_W, migrate: "none", model: "a57", ...extra });
const cacheEl0 = { access: PL0_W, check: "cacheEl0Check" };
const tlbi = (name: string, crm: number, op2: number) => sys(name, 0, 8, crm, op2, { kind: "op", onWrite: "opTLBIALL" });
const at = (name: string, op2: number) => sys(name, 0, 7, 8, op2, { kind: "op", onWrite: "opAT64", hookArg: op2 });

export const a64OpRegisters: Aa64OnlyDef[] = [
  sys("IC_IALLUIS", 0, 7, 1, 0, {}),
  sys("IC_IALLU", 0, 7, 5, 0, {}),
  sys("IC_IVAU", 3, 7, 5, 1, cacheEl0),
  sys("DC_IVAC", 0, 7, 6, 1, {}),
  sys("DC_ISW", 0, 7, 6, 2, {}),
  sys("DC_CSW", 0, 7, 10, 2, {}),
  sys("DC_CISW", 0, 7, 14, 2, {}),
  sys("DC_CVAC", 3, 7, 10, 1, cacheEl0),
  sys("DC_CVAU", 3, 7, 11, 1, cacheEl0),
  sys("DC_CIVAC", 3, 7, 14, 1, cacheEl0),
  sys("DC_ZVA", 3, 7, 4, 1, { kind: "op", access: PL0_W, check: "dczvaCheck", onWrite: "opDCZVA" }),
  // op2: bit 0 write, bit 1 EL0 (S1E1R 0, S1E1W 1, S1E0R 2, S1E0W 3).
  at("AT_S1E1R", 0), at("AT_S1E1W", 1), at("AT_S1E0R", 2), at("AT_S1E0W", 3),
  tlbi("TLBI_VMALLE1IS", 3, 0), tlbi("TLBI_VAE1IS", 3, 1), tlbi("TLBI_ASIDE1IS", 3, 2),
  tlbi("TLBI_VAAE1IS", 3, 3), tlbi("TLBI_VALE1IS", 3, 5), tlbi("TLBI_VAALE1IS", 3, 7),
  tlbi("TLBI_VMALLE1", 7, 0), tlbi("TLBI_VAE1", 7, 1), tlbi("TLBI_ASIDE1", 7, 2),
  tlbi("TLBI_VAAE1", 7, 3), tlbi("TLBI_VALE1", 7, 5), tlbi("TLBI_VAALE1", 7, 7),
];
