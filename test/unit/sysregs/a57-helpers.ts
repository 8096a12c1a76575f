// Helpers of the Cortex-A57 system-register tests: AArch64 keys, MRS/MSR through the core's
// generated dispatch at EL1 or EL0, and PSTATE's exception level.
import { STATE, S_CPSR_REST } from "../../../core/state/layout.js";
import { makeHarness, CPU_A57, type Harness } from "../../helpers/core-harness.js";
import type { CoreExports } from "../../../machines/core.js";

export const OK = 0, UNDEF = 1, TRAP = 2, FP_TRAP = 3, NOP = 4; // core/sysregs/a64-status.ts

export const key64 = (op0: number, op1: number, crn: number, crm: number, op2: number) =>
  (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;

/** A Cortex-A57 core, reset, in AArch64 EL1h (QEMU's reset PSTATE). */
export function a57(): Harness {
  const h = makeHarness(undefined, undefined, CPU_A57);
  h.core.cpuEnterAArch64();
  return h;
}

/** Put PSTATE at EL0t or EL1h (DAIF masked): the dispatch and the hooks read the EL from it. */
export function setEl(core: CoreExports, el: 0 | 1): void {
  new DataView(core.memory.buffer).setUint32(STATE + S_CPSR_REST, el === 0 ? 0x3c0 : 0x3c5, true);
}

export interface A64Access { status: number; value: bigint }
export function mrs(core: CoreExports, k: number, el0 = false): A64Access {
  const lo = core.sysregA64Access(k, el0 ? 1 : 0, 0, 0, 0) >>> 0;
  return { status: core.lastSysregA64Status(), value: (BigInt(core.lastSysregHi() >>> 0) << 32n) | BigInt(lo) };
}
export function msr(core: CoreExports, k: number, v: bigint | number, el0 = false): number {
  const b = BigInt.asUintN(64, BigInt(v));
  core.sysregA64Access(k, el0 ? 1 : 0, 1, Number(b & 0xffffffffn), Number(b >> 32n));
  return core.lastSysregA64Status();
}
/** MRS at EL1 that must succeed. */
export function rd(core: CoreExports, k: number): bigint {
  const a = mrs(core, k);
  if (a.status !== OK) throw new Error(`MRS of ${k.toString(16)}: status ${a.status}`);
  return a.value;
}

// Encodings used by several tests.
export const SCTLR_EL1 = key64(3, 0, 1, 0, 0);
export const CPACR_EL1 = key64(3, 0, 1, 0, 2);
export const CNTKCTL_EL1 = key64(3, 0, 14, 1, 0);
export const PMUSERENR_EL0 = key64(3, 3, 9, 14, 0);
