// Shared helpers of the system-register tests: encodings -> dispatch keys, full-width accesses.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dispatchKey, type Aa32Enc } from "../../../core/sysregs/defs/types.js";
import type { CoreExports } from "../../../machines/core.js";

export const qemuDir = join(dirname(fileURLToPath(import.meta.url)), "qemu");
export const readQemuFile = (name: string) => readFileSync(join(qemuDir, name), "utf8");

export const key = (cp: 14 | 15, crn: number, opc1: number, crm: number, opc2: number) =>
  dispatchKey({ cp, crn, opc1, crm, opc2 });
export const key64 = (cp: 14 | 15, opc1: number, crm: number) =>
  dispatchKey({ cp, opc1, crn: 0, crm, opc2: 0, is64: true });
export const keyOf = (e: Aa32Enc) => dispatchKey(e);

export interface Access { undef: boolean; nop: boolean; value: bigint }

/** MRC/MRRC as PL1 or PL0. */
export function rd(core: CoreExports, k: number, pl0 = false): Access {
  const lo = core.sysregAccess(k, pl0 ? 1 : 0, 0, 0, 0) >>> 0;
  const hi = core.lastSysregHi() >>> 0;
  return { undef: core.lastSysregUndef() !== 0, nop: core.lastSysregNop() !== 0, value: (BigInt(hi) << 32n) | BigInt(lo) };
}
/** MCR/MCRR as PL1 or PL0; true when the access was UNDEFINED. */
export function wr(core: CoreExports, k: number, v: number | bigint, pl0 = false): boolean {
  const b = BigInt.asUintN(64, BigInt(v));
  core.sysregAccess(k, pl0 ? 1 : 0, 1, Number(b & 0xffffffffn), Number(b >> 32n));
  return core.lastSysregUndef() !== 0;
}
/** 32-bit read value as a number (PL1), failing loudly on UNDEF. */
export function rd32(core: CoreExports, k: number): number {
  const a = rd(core, k);
  if (a.undef) throw new Error(`read of key ${k.toString(16)} is UNDEFINED`);
  return Number(a.value & 0xffffffffn);
}
