// Virtual memory system architecture registers (ARM ARM B4.1) of a Cortex-A15 as QEMU 7.2 models
// it on -M virt (no Security Extensions, no Virtualization: one bank, no Hyp registers).
// Write masks and reset values were checked against qemu-system-arm 7.2 (write all ones, read back).
//
// Migration: QEMU defines SCTLR, TTBR0/1, TTBCR (as TCR_EL1), DFSR (as ESR_EL1), DFAR/IFAR (as FAR_EL1),
// PRRR/NMRR (as MAIR_EL1), CONTEXTIDR, VBAR, ADFSR/AIFSR (AFSR0/1_EL1) and AMAIR0 for both states and
// lists the AArch64 id (0x6030...), sometimes the AArch32 NS view too (qemu.aa32Alias says when not).
// The row that owns the storage carries the AArch64 view (`a64`; a 64-bit view over two 32-bit
// rows names its high half in `hi`), which the Cortex-A57's MRS/MSR reach. QEMU keeps these
// registers in 64-bit fields: the AArch64 views write all 64 bits (write masks from
// qemu-system-aarch64 7.2, test/unit/sysregs/qemu-a57).
import { type SysregDef, cp15, cp15x64, PL1_RW, PL1_W, NO_ACCESS } from "./types.js";


/** A TLB maintenance operation (QEMU ARM_CP_NO_RAW, PL1_W). Entries are not ASID-tagged. */
const tlbi = (name: string, crm: number, opc2: number, hook: string): SysregDef =>
  ({ name, aa32: cp15(8, 0, crm, opc2), access: PL1_W, kind: "op", migrate: "none", onWrite: hook });

/** ATS1C**: stage 1 address translation of the current state, result in PAR. */
const ats = (name: string, opc2: number, hook: string): SysregDef =>
  ({ name, aa32: cp15(7, 0, 8, opc2), access: PL1_W, kind: "op", migrate: "none", onWrite: hook });

export const mmuRegisters: SysregDef[] = [
  // Every bit is writable in QEMU (sctlr_write masks nothing for AArch32); RES1 bits are not forced.
  // QEMU: SCTLR_EL1. A change flushes the TLB.
  { name: "SCTLR", aa32: cp15(1, 0, 0, 0), access: PL1_RW, kind: "field", reset: { a15: 0x00c50078, a57: 0x00c50838 }, migrate: "normal", onWrite: "writeSCTLR",
    qemu: { aa32Alias: true, secure: true }, a64: { enc: [3, 0, 1, 0, 0], wide: true, onWrite: "writeSCTLR_EL1" } },

  // TTBR0/TTBR1: one 64-bit storage (MCRR view, LPAE: BADDR[39:x], ASID[55:48]); the 32-bit MCR view
  // is its low word and leaves the high word alone. QEMU: TTBR0_EL1/TTBR1_EL1 (its 64-bit views are ALIAS).
  // A 64-bit write that changes the ASID flushes the TLB; the 32-bit view never does (as QEMU).
  { name: "TTBR0", aa32: cp15x64(0, 2), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", onWrite: "writeTTBR0", qemu: { aa32Alias: true, secure: true, secureEnc: cp15(2, 0, 0, 0) }, a64: { enc: [3, 0, 2, 0, 0] } },
  { name: "TTBR1", aa32: cp15x64(1, 2), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", onWrite: "writeTTBR1", qemu: { aa32Alias: true, secure: true, secureEnc: cp15(2, 0, 0, 1) }, a64: { enc: [3, 0, 2, 0, 1] } },
  { name: "TTBR0_32", aa32: cp15(2, 0, 0, 0), access: PL1_RW, kind: "field", migrate: "alias", aliasOf: "TTBR0" },
  { name: "TTBR1_32", aa32: cp15(2, 0, 0, 1), access: PL1_RW, kind: "field", migrate: "alias", aliasOf: "TTBR1" },
  // EAE=0 keeps N only (PD0/PD1 exist only with EL3); EAE=1 clears the UNK/SBZP fields. QEMU: TCR_EL1,
  // whose AArch64 writes keep every bit (and flush).
  { name: "TTBCR", aa32: cp15(2, 0, 0, 2), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", onWrite: "writeTTBCR",
    qemu: { aa32Alias: true }, a64: { enc: [3, 0, 2, 0, 2], name: "TCR_EL1", wide: true, onWrite: "writeTCR_EL1" } },
  // A change flushes the TLB (domains are checked at walk time). ARMv8 QEMU also lists it as the EL2
  // register DACR32_EL2 (out of reach without EL2).
  { name: "DACR", aa32: cp15(3, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", onWrite: "writeDACR",
    qemu: { secure: true }, a64: { enc: [3, 4, 3, 0, 0], name: "DACR32_EL2", access: NO_ACCESS, cpreg: "a57" } },

  // QEMU: DFSR travels as ESR_EL1, DFAR/IFAR as FAR_EL1 [31:0]/[63:32]; IFSR is AArch32 only.
  { name: "DFSR", aa32: cp15(5, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal",
    qemu: { aa32Alias: true }, a64: { enc: [3, 0, 5, 2, 0], name: "ESR_EL1", wide: true } },
  { name: "IFSR", aa32: cp15(5, 0, 0, 1), access: PL1_RW, kind: "field", reset: 0, migrate: "normal",
    qemu: { secure: true }, a64: { enc: [3, 4, 5, 0, 1], name: "IFSR32_EL2", access: NO_ACCESS, cpreg: "a57" } },
  // IMPLEMENTATION DEFINED auxiliary fault status: QEMU makes them RAZ/WI (AFSR0_EL1/AFSR1_EL1, ARM_CP_CONST).
  { name: "ADFSR", aa32: cp15(5, 0, 1, 0), access: PL1_RW, kind: "const", reset: 0, migrate: "constant", a64: { enc: [3, 0, 5, 1, 0], name: "AFSR0_EL1" } },
  { name: "AIFSR", aa32: cp15(5, 0, 1, 1), access: PL1_RW, kind: "const", reset: 0, migrate: "constant", a64: { enc: [3, 0, 5, 1, 1], name: "AFSR1_EL1" } },
  { name: "DFAR", aa32: cp15(6, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", qemu: { secure: true }, a64: { enc: [3, 0, 6, 0, 0], name: "FAR_EL1", hi: "IFAR" } },
  { name: "IFAR", aa32: cp15(6, 0, 0, 2), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", qemu: { secure: true } },

  // PAR: 64-bit storage; the 32-bit view is its low word. Both views migrate in QEMU (no ALIAS flag
  // on either; the 64-bit id sorts later, so its value wins on load). All bits writable (LPAE CPU).
  // PAR_EL1 is its AArch64 view, which QEMU marks ALIAS (the AArch32 ids carry the state).
  { name: "PAR", aa32: cp15x64(0, 7), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", qemu: { secure: true },
    a64: { enc: [3, 0, 7, 4, 0], name: "PAR_EL1", cpreg: "none" } },
  { name: "PAR_32", aa32: cp15(7, 0, 4, 0), access: PL1_RW, kind: "field", migrate: "normal", aliasOf: "PAR", qemu: { secure: true } },
  ats("ATS1CPR", 0, "opATS1CPR"),
  ats("ATS1CPW", 1, "opATS1CPW"),
  ats("ATS1CUR", 2, "opATS1CUR"),
  ats("ATS1CUW", 3, "opATS1CUW"),
  // ATS12NSO*: UNDEFINED from Non-secure PL1 (QEMU ats_access), the only PL1 there is without EL3.
  // They must be listed so the c7 cache-maintenance wildcard does not turn them into NOPs.
  { name: "ATS12NSOPR", aa32: cp15(7, 0, 8, 4), access: NO_ACCESS, kind: "op", migrate: "none" },
  { name: "ATS12NSOPW", aa32: cp15(7, 0, 8, 5), access: NO_ACCESS, kind: "op", migrate: "none" },
  { name: "ATS12NSOUR", aa32: cp15(7, 0, 8, 6), access: NO_ACCESS, kind: "op", migrate: "none" },
  { name: "ATS12NSOUW", aa32: cp15(7, 0, 8, 7), access: NO_ACCESS, kind: "op", migrate: "none" },

  // TLB maintenance (v7 and the v7MP inner-shareable forms). One CPU's TLB is all we model.
  tlbi("TLBIALLIS", 3, 0, "opTLBIALL"),
  tlbi("TLBIMVAIS", 3, 1, "opTLBIMVA"),
  tlbi("TLBIASIDIS", 3, 2, "opTLBIALL"),
  tlbi("TLBIMVAAIS", 3, 3, "opTLBIMVA"),
  tlbi("ITLBIALL", 5, 0, "opTLBIALL"),
  tlbi("ITLBIMVA", 5, 1, "opTLBIMVA"),
  tlbi("ITLBIASID", 5, 2, "opTLBIALL"),
  tlbi("DTLBIALL", 6, 0, "opTLBIALL"),
  tlbi("DTLBIMVA", 6, 1, "opTLBIMVA"),
  tlbi("DTLBIASID", 6, 2, "opTLBIALL"),
  tlbi("TLBIALL", 7, 0, "opTLBIALL"),
  tlbi("TLBIMVA", 7, 1, "opTLBIMVA"),
  tlbi("TLBIASID", 7, 2, "opTLBIALL"),
  tlbi("TLBIMVAA", 7, 3, "opTLBIMVA"),

  // PRRR/NMRR are MAIR0/MAIR1 when TTBCR.EAE=1 (QEMU keeps one MAIR_EL1 and resets it to 0; the
  // AArch32 rows migrate too). QEMU ignores memory attributes except for the PAR of LPAE ATS.
  { name: "PRRR", aa32: cp15(10, 0, 2, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", qemu: { secure: true }, a64: { enc: [3, 0, 10, 2, 0], name: "MAIR_EL1", hi: "NMRR" } },
  { name: "NMRR", aa32: cp15(10, 0, 2, 1), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", qemu: { secure: true } },
  { name: "AMAIR0", aa32: cp15(10, 0, 3, 0), access: PL1_RW, kind: "const", reset: 0, migrate: "constant", a64: { enc: [3, 0, 10, 3, 0], name: "AMAIR_EL1" } },
  { name: "AMAIR1", aa32: cp15(10, 0, 3, 1), access: PL1_RW, kind: "const", reset: 0, migrate: "constant" },

  { name: "VBAR", aa32: cp15(12, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, writeMask: 0xffffffe0, migrate: "normal",
    qemu: { aa32Alias: true, secure: true }, a64: { enc: [3, 0, 12, 0, 0], wide: true, writeMask: 0xffffffffffffffe0n } },
  // Holds the ASID with short descriptors: a change then flushes our untagged TLB. QEMU: CONTEXTIDR_EL1
  // (an AArch64 write changes no ASID: plain storage).
  { name: "CONTEXTIDR", aa32: cp15(13, 0, 0, 1), access: PL1_RW, kind: "field", reset: 0, migrate: "normal", onWrite: "writeCONTEXTIDR",
    qemu: { secure: true, secureOnA57: true }, a64: { enc: [3, 0, 13, 0, 1], wide: true, onWrite: null } },
];
