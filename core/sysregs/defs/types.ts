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

export interface SysregDef {
  name: string;              // Arm ARM name (SCTLR, TTBR0, CNTV_CTL...)
  aa32: Aa32Enc;
  access: Access;
  /** "field": plain storage the core reads and writes; "const": reads as reset, writes ignored
   *  (or UNDEFINED when pl1 has no "w"); "op": no storage, a write calls the hook;
   *  "nop": QEMU's ARM_CP_NOP: a write does nothing and a read leaves Rt unchanged
   *  (the generated sysregRead sets sysregNop, the MRC handler then skips the register write). */
  kind: "field" | "const" | "op" | "nop";
  reset?: number | bigint;
  /** Bits software can change (default all). Others keep their reset value. */
  writeMask?: number | bigint;
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
  /**
   * How QEMU 7.2 lists this state in its migration cpreg list besides the AArch32 NS id
   * (keys.ts qemuCpregIds builds the ids): aa64 = [op0, op1, crn, crm, op2] of the AArch64 view
   * QEMU also defines (its id is listed); aa32Alias = QEMU marks the AArch32 NS view ALIAS (so only
   * the other ids carry the state); secure = QEMU also lists a Secure-bank copy (id with bit 29
   * clear; armlet's CPU has no EL3, so the guest never sees it: it keeps its own storage NAME_S).
   */
  qemu?: QemuCpreg;
}

export interface QemuCpreg {
  aa64?: [number, number, number, number, number];
  /** Name of the AArch64 view when it differs from the row's (FAR_EL1 for DFAR). */
  aa64Name?: string;
  /** The AArch64 view is 64 bits wide and its high half is this other row (FAR_EL1 = IFAR:DFAR). */
  aa64Hi?: string;
  aa32Alias?: boolean;
  secure?: boolean;
  /** The Secure copy is listed under this (32-bit) encoding instead of the row's own (TTBR0). */
  secureEnc?: Aa32Enc;
  /** Listed only when the CPU has EL3 (QEMU's vexpress-a15, which also gives it EL2). */
  el3?: boolean;
}

/**
 * State QEMU migrates under an AArch64 id that has no AArch32 encoding on this CPU (EL3
 * registers, AArch64-only debug and secure-timer registers): hidden storage or a constant, never
 * reachable by the guest, kept so a stream's list round-trips.
 */
export interface Aa64OnlyDef {
  name: string;
  aa64: [number, number, number, number, number];
  kind: "field" | "const";
  reset?: number | bigint;
  /** Listed only when the CPU has EL3. */
  el3?: boolean;
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
