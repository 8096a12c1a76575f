// Shared by the A64 load/store tests (ldst-*.test.ts): run words at RAM_BASE in EL1h with the MMU
// off after setting X/V registers, memory and SCTLR_EL1.A / CPACR_EL1.FPEN, then inspect the
// registers, memory, ESR_EL1/FAR_EL1 and the monitor.
import { expect } from "vitest";
import { makeHarness, enterA64, setX, a64State, RAM_BASE, type Harness, type A64View } from "../../../helpers/core-harness.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";
import { S_VFP, S_EXCL_ADDR, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL2 } from "../../../../core/state/layout.js";
import { A64 } from "../../../../core/decode/patterns/index.js";
import { decodeRef, type Row } from "../../../../core/decode/formats.js";

export const BASE = BigInt(RAM_BASE);
/** Data area used by the tests (inside the harness's 1 MiB of RAM). */
export const D = RAM_BASE + 0x1000;
export const DB = BigInt(D);
/** Unassigned in the harness: an access there is an external abort (ESR EC 0x25 from EL1). */
export const UNASSIGNED = 0x1000n;
/** First byte past the harness's RAM (also unassigned). */
export const RAM_END = BASE + 0x100000n;

const SCTLR = dispatchKey(cp15(1, 0, 0, 0));
const CPACR = dispatchKey(cp15(1, 0, 0, 2));
const ESR = dispatchKey(cp15(5, 0, 0, 0));
const FAR_LO = dispatchKey(cp15(6, 0, 0, 0));
const FAR_HI = dispatchKey(cp15(6, 0, 0, 2));

export interface Setup {
  x?: Record<number, bigint | number>;
  /** V registers as [lo, hi] doublewords. */
  v?: Record<number, [bigint, bigint]>;
  /** Bytes to place at guest addresses (in RAM). */
  mem?: Record<number, number[]>;
  /** 64-bit little-endian values to place at guest addresses. */
  mem64?: Record<number, bigint>;
  align?: boolean;       // SCTLR_EL1.A
  sctlr?: number;        // other SCTLR_EL1 bits to set
  fp?: boolean;          // CPACR_EL1.FPEN = 11 (default on)
  steps?: number;
}

export type Run = Harness & { a64: A64View };

export function run(words: number[], s: Setup = {}): Run {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  // A recognisable pattern in the data area: byte i of D is 0x80 + i (mod 256).
  for (let i = 0; i < 0x200; i++) h.ram[D - RAM_BASE + i] = (0x80 + i) & 0xff;
  for (const [a, bytes] of Object.entries(s.mem ?? {})) bytes.forEach((b, i) => { h.ram[Number(a) - RAM_BASE + i] = b; });
  for (const [a, v] of Object.entries(s.mem64 ?? {})) h.dv.setBigUint64(Number(a) - RAM_BASE, BigInt.asUintN(64, v), true);
  enterA64(h);
  for (const [r, v] of Object.entries(s.x ?? {})) setX(h, Number(r), v);
  for (const [r, [lo, hi]] of Object.entries(s.v ?? {})) setV(h, Number(r), lo, hi);
  const sctlr = (s.align ? 2 : 0) | (s.sctlr ?? 0);
  if (sctlr) h.core.writeSysreg(SCTLR, (h.core.readSysreg(SCTLR) | sctlr) >>> 0);
  if (s.fp !== false) h.core.writeSysreg(CPACR, 3 << 20);
  h.core.run(s.steps ?? words.length);
  return Object.assign(h, { a64: a64State(h) });
}

const state = (h: Harness) => new DataView(h.core.memory.buffer, h.core.stateBase());

export function setV(h: Harness, n: number, lo: bigint, hi: bigint): void {
  state(h).setBigUint64(S_VFP + 16 * n, BigInt.asUintN(64, lo), true);
  state(h).setBigUint64(S_VFP + 16 * n + 8, BigInt.asUintN(64, hi), true);
}
/** Vn as [lo, hi]. */
export function v(h: Harness, n: number): [bigint, bigint] {
  return [state(h).getBigUint64(S_VFP + 16 * n, true), state(h).getBigUint64(S_VFP + 16 * n + 8, true)];
}

export const mem64 = (h: Harness, a: bigint | number) => h.dv.getBigUint64(Number(a) - RAM_BASE, true);
export const mem32 = (h: Harness, a: bigint | number) => h.dv.getUint32(Number(a) - RAM_BASE, true);
/** The initial pattern's doubleword at D + off. */
export function pattern64(off: number): bigint {
  let r = 0n;
  for (let i = 7; i >= 0; i--) r = (r << 8n) | BigInt((0x80 + off + i) & 0xff);
  return r;
}

export const esr = (h: Harness) => h.core.readSysreg(ESR) >>> 0;
export const far = (h: Harness) => (BigInt(h.core.readSysreg(FAR_HI) >>> 0) << 32n) | BigInt(h.core.readSysreg(FAR_LO) >>> 0);

/** The run ended at the UNDEFINED vector (VBAR_EL1 = 0, current EL with SP_ELx: + 0x200, EC 0). */
export function expectUndef(h: Run): void {
  expect(h.a64.pc).toBe(0x200n);
  expect(esr(h) >>> 26).toBe(0);
}
/** A data abort from EL1 (EC 0x25) at `addr`, with DFSC `fsc` and WnR. */
export function expectDataAbort(h: Run, addr: bigint, fsc: number, write: boolean): void {
  expect(h.a64.pc).toBe(0x200n);
  expect(esr(h)).toBe(((0x25 << 26) | (1 << 25) | (write ? 1 << 6 : 0) | fsc) >>> 0);
  expect(far(h)).toBe(addr);
}
export const FSC_EXTERNAL = 0x10;
export const FSC_ALIGN = 0x21;

export const monitor = (h: Harness) => ({
  valid: state(h).getUint32(S_EXCL_VALID, true),
  addr: state(h).getBigUint64(S_EXCL_ADDR, true),
  val: state(h).getBigUint64(S_EXCL_VAL, true),
  val2: state(h).getBigUint64(S_EXCL_VAL2, true),
});

/** Every row of `rows` is the decode of one of `words` (each row has a test). */
export function expectRowsCovered(rows: Row[], words: number[]): void {
  const hit = new Set(words.map((w) => decodeRef(A64, w >>> 0)?.name));
  expect(rows.map((r) => r.name).filter((n) => !hit.has(n))).toEqual([]);
}
