// The system-register descriptor: one row per register is the single source for the
// core's MRC/MCR/MRRC/MCRR dispatch (generated), reset values, and the snapshot's cpreg
// list (KVM register ids, see keys.ts). Read at build time by gen/gen-sysregs.ts.

/**
 * AArch32 coprocessor encoding. 64-bit (MRRC/MCRR) registers set is64 and use opc1 and crm only.
 * opc1, crn, crm, opc2 may be ANY (QEMU's CP_ANY): the row then covers every value of that
 * field that no exact row claims (exact rows override, like QEMU's ARM_CP_OVERRIDE).
 */
export interface Aa32Enc { cp: 14 | 15; opc1: number; crn: number; crm: number; opc2: number; is64?: boolean }

/** Wildcard value for an encoding field. */
export const ANY = -1;

/**
 * Access from PL1 and PL0: "rw", "r", "w" or "-" for each (QEMU's PL1_RW, PL0_R ...).
 * PL1 access implies nothing about PL0; a PL0 access to a register without PL0 access is UNDEFINED.
 */
export interface Access { pl1: "rw" | "r" | "w" | "-"; pl0: "rw" | "r" | "w" | "-" }

export type Migrate =
  | "normal"    // state that travels in the cpreg list
  | "constant"  // a constant (ID register): travels, loader compares (QEMU ARM_CP_CONST)
  | "alias"     // another view of state held by aliasOf (QEMU ARM_CP_ALIAS)
  | "none";     // an operation or a view with no state (QEMU ARM_CP_NO_RAW)

/** The CPU models the table describes (core/sysregs/model.ts numbers them: 0 = a15, 1 = a57). */
export type CpuModel = "a15" | "a57";
export const CPU_MODELS: readonly CpuModel[] = ["a15", "a57"];

/** A value that may differ between the CPU models (an ID register's value, a reset value). */
export type PerModel<T> = T | { a15: T; a57: T };
export function forModel<T>(v: PerModel<T>, m: CpuModel): T {
  return v !== null && typeof v === "object" && "a15" in (v as object) ? (v as { a15: T; a57: T })[m] : (v as T);
}
export function differsByModel<T>(v: PerModel<T> | undefined): boolean {
  return v !== undefined && v !== null && typeof v === "object" && "a15" in (v as object);
}

/** AArch64 encoding [op0, op1, CRn, CRm, op2] (the MRS/MSR/SYS key is op0:op1:CRn:CRm:op2 = insn[20:5]). */
export type A64Enc = [number, number, number, number, number];

/**
 * The AArch64 view of a row (QEMU's ARM_CP_STATE_BOTH, or an AArch64 register holding the row's
 * state). Its behaviour defaults to the row's: access, hooks (and their hookArg), storage; a
 * 32-bit row's view is 32 bits wide unless `wide`, where it reads and writes the whole 8-byte slot
 * (QEMU keeps those registers in 64-bit fields). Reachable by the guest on the Cortex-A57 only.
 */
export interface A64View {
  enc: A64Enc;
  /** The AArch64 register's name when it is not "<row> (AArch64)" (FAR_EL1 for DFAR). */
  name?: string;
  /** 64 bits wide over two 32-bit rows: this other row holds bits [63:32] (FAR_EL1 = IFAR:DFAR). */
  hi?: string;
  wide?: boolean;
  /** EL1 ("pl1") and EL0 ("pl0") rights; "-" for both hides the view (EL2/EL3 state QEMU migrates). */
  access?: Access;
  /** AssemblyScript `(el0: bool, isRead: bool): i32` run after the access bits allow an access
   *  (QEMU's accessfn): A64_OK, A64_TRAP (EC 0x18), A64_UNDEF or A64_FP_TRAP. Without it a row's
   *  pl0Check applies at EL0, a failure trapping. */
  check?: string;
  /** Hooks of this view; null: none (plain storage) although the row has one. */
  onRead?: string | null;
  onWrite?: string | null;
  /** The constant this view's hooks receive (default: the row's hookArg). */
  hookArg?: number;
  /** Bits a write changes (default: the row's mask for a 32-bit view, every bit for a wide one). */
  writeMask?: PerModel<number | bigint>;
  /** Which CPUs' QEMU cpreg lists carry this view's id: both (default), the A57 only, or none
   *  (QEMU marks it ALIAS or NO_RAW: PAR_EL1, PMUSERENR_EL0, MIDR_EL1...). */
  cpreg?: "a57" | "none";
}

export interface SysregDef {
  name: string;              // Arm ARM name (SCTLR, TTBR0, CNTV_CTL...)
  aa32: Aa32Enc;
  access: Access;
  /** "field": plain storage the core reads and writes; "const": reads as reset, writes ignored
   *  (or UNDEFINED when pl1 has no "w"); "op": no storage, a write calls the hook;
   *  "nop": QEMU's ARM_CP_NOP: a write does nothing and a read leaves Rt unchanged
   *  (the generated sysregRead sets sysregNop, the MRC handler then skips the register write). */
  kind: "field" | "const" | "op" | "nop";
  reset?: PerModel<number | bigint>;
  /** Bits software can change (default all). Others keep their reset value. */
  writeMask?: PerModel<number | bigint>;
  migrate: Migrate;
  aliasOf?: string;          // for migrate "alias": the register that owns the state
  /** AssemblyScript hook names (in core/sysregs/hooks.ts): read returns the value, write receives it. */
  onRead?: string;
  onWrite?: string;
  /** A constant the hooks receive after their own arguments (the counter number n of PMEVCNTR<n>). */
  hookArg?: number;
  /** AssemblyScript function `(): bool` consulted on PL0 accesses that `access.pl0` allows:
   *  false makes the access UNDEFINED (CNTKCTL for the timer, PMUSERENR.EN for the PMU). */
  pl0Check?: string;
  /** The row exists on this CPU model only (rows without it exist on both). */
  model?: CpuModel;
  /** The AArch64 view (see A64View). */
  a64?: A64View;
  /**
   * How QEMU 7.2 lists this state in its migration cpreg list besides the AArch32 NS id
   * (keys.ts qemuCpregIds builds the ids): the AArch64 view's id unless a64.cpreg says otherwise;
   * aa32Alias = QEMU marks the AArch32 NS view ALIAS (so only the other ids carry the state);
   * secure = QEMU also lists a Secure-bank copy (id with bit 29 clear; armlet's CPU has no EL3, so
   * the guest never sees it: it keeps its own storage NAME_S).
   */
  qemu?: QemuCpreg;
}

export interface QemuCpreg {
  aa32Alias?: boolean;
  /** The Cortex-A15 lists a Secure copy (ARMv7 with EL3 banks it; the A57 lists only those of
   *  secureOnA57 rows, the others being held by AArch64 EL3 registers). */
  secure?: boolean;
  secureOnA57?: boolean;
  /** The Secure copy is listed under this (32-bit) encoding instead of the row's own (TTBR0). */
  secureEnc?: Aa32Enc;
  /** Listed only when the CPU has EL3 (QEMU's vexpress-a15, which also gives it EL2). */
  el3?: boolean;
  /** QEMU's Cortex-A57 lists none of this row's ids (MIDR: NO_RAW there). */
  noneOnA57?: boolean;
}

/**
 * An AArch64 register with no AArch32 encoding (on this table's CPUs): ID_AA64*, the special
 * purpose registers, cache/TLB/AT operations; or state QEMU migrates under an AArch64 id that the
 * guest never reaches (EL3 registers, AArch64-only debug and secure-timer state), kept so a
 * stream's list round-trips.
 */
export interface Aa64OnlyDef {
  name: string;
  aa64: A64Enc;
  /** As SysregDef.kind; a "const" with onRead computes its value (NZCV, DAIF...). */
  kind: "field" | "const" | "op" | "nop";
  reset?: PerModel<number | bigint>;
  writeMask?: PerModel<number | bigint>;
  /** Listed only when the CPU has EL3. */
  el3?: boolean;
  /** The register exists on this CPU model only. */
  model?: CpuModel;
  /** EL1/EL0 rights (absent: hidden, UNDEFINED, as the EL2/EL3 state QEMU migrates). */
  access?: Access;
  check?: string;
  onRead?: string;
  onWrite?: string;
  hookArg?: number;
  /** Default: "normal" for fields, "constant" for constants, "none" for operations. */
  migrate?: "normal" | "constant" | "none";
}

export const PL1_RW: Access = { pl1: "rw", pl0: "-" };
export const PL1_R: Access = { pl1: "r", pl0: "-" };
export const PL1_W: Access = { pl1: "w", pl0: "-" };
export const PL0_RW: Access = { pl1: "rw", pl0: "rw" };
export const PL0_R: Access = { pl1: "r", pl0: "r" };
export const PL1_RW_PL0_R: Access = { pl1: "rw", pl0: "r" };

export function cp15(crn: number, opc1: number, crm: number, opc2: number): Aa32Enc {
  return { cp: 15, opc1, crn, crm, opc2 };
}
export function cp15x64(opc1: number, crm: number): Aa32Enc {
  return { cp: 15, opc1, crn: 0, crm, opc2: 0, is64: true };
}
export function cp14(crn: number, opc1: number, crm: number, opc2: number): Aa32Enc {
  return { cp: 14, opc1, crn, crm, opc2 };
}
export function cp14x64(opc1: number, crm: number): Aa32Enc {
  return { cp: 14, opc1, crn: 0, crm, opc2: 0, is64: true };
}

/** True when some field of the encoding is ANY. */
export function isWildcard(e: Aa32Enc): boolean {
  return e.opc1 === ANY || e.crn === ANY || e.crm === ANY || e.opc2 === ANY;
}

/** Every exact encoding a (possibly wildcard) encoding covers. */
export function expandEnc(e: Aa32Enc): Aa32Enc[] {
  const vals = (v: number, n: number) => (v === ANY ? [...Array(n).keys()] : [v]);
  const out: Aa32Enc[] = [];
  for (const opc1 of vals(e.opc1, e.is64 ? 16 : 8))
    for (const crn of vals(e.crn, 16))
      for (const crm of vals(e.crm, 16))
        for (const opc2 of vals(e.opc2, 8)) out.push({ ...e, opc1, crn, crm, opc2 });
  return out;
}

/** The dispatch key the core switches on (also QEMU's hash key shape, without the NS bit). */
export function dispatchKey(e: Aa32Enc): number {
  if (isWildcard(e)) throw new Error("dispatchKey of a wildcard encoding");
  return ((e.cp << 16) | (e.is64 ? 1 << 15 : 0) | (e.crn << 11) | (e.crm << 7) | (e.opc1 << 3) | e.opc2) >>> 0;
}

/** The A64 dispatch key of an encoding: op0:op1:CRn:CRm:op2 (MRS/MSR/SYS instruction bits [20:5]). */
export function a64Key(e: A64Enc): number {
  const [op0, op1, crn, crm, op2] = e;
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

export const NO_ACCESS: Access = { pl1: "-", pl0: "-" };
