// Helpers for the MMU tests: a core with 8 MiB of RAM at 0x40000000, system registers by name,
// 64-bit register storage read straight from the state block, and single-instruction runs.
import { readFileSync } from "node:fs";
import { makeHarness, RAM_BASE, type Harness } from "../../helpers/core-harness.js";
import { SYSREGS } from "../../../core/sysregs/defs/index.js";
import { dispatchKey } from "../../../core/sysregs/defs/types.js";
import { S_SYSREGS } from "../../../core/state/layout.js";

export { RAM_BASE };
export const MODE_USR = 0x10, MODE_SVC = 0x13, MODE_ABT = 0x17;

const byName = new Map(SYSREGS.map((d) => [d.name, d]));
export function key(name: string): number {
  const d = byName.get(name);
  if (!d) throw new Error(`no sysreg ${name}`);
  return dispatchKey(d.aa32);
}

/** Storage offset of a register in the state block, from the generated table. */
const generated = readFileSync(new URL("../../../core/generated/sysregs.ts", import.meta.url), "utf8");
function storageOffset(name: string): number {
  const m = new RegExp(`export const SR_${name}: u32 = STATE \\+ S_SYSREGS \\+ (\\d+);`).exec(generated);
  if (!m) throw new Error(`no storage for ${name}`);
  return Number(m[1]);
}

export interface MmuHarness extends Harness {
  wr(name: string, v: number | bigint): void;
  rd(name: string): number;
  /** Full 64-bit value of a register with storage (PAR, TTBR0...). */
  rd64(name: string): bigint;
  wr64(name: string, v: bigint): void;
  undef(): boolean;
  /** Write a 64-bit little-endian descriptor at a physical RAM address. */
  poke64(addr: number, v: bigint): void;
  /** ATS1Cxx then PAR (64-bit storage). */
  ats(op: "CPR" | "CPW" | "CUR" | "CUW", va: number): bigint;
  /** Run one A32 instruction placed at 0x40000000 (identity-mapped by the tests) with registers and mode. */
  exec(word: number, regs?: Record<number, number>, mode?: number): void;
  mode(): number;
}

export function mmuHarness(): MmuHarness {
  const h = makeHarness(8 << 20) as MmuHarness;
  const dv = new DataView(h.core.memory.buffer);
  const sr = (name: string) => h.core.stateBase() + S_SYSREGS + storageOffset(name);
  h.wr = (name, v) => h.core.writeSysreg(key(name), Number(v));
  h.rd = (name) => h.core.readSysreg(key(name)) >>> 0;
  h.rd64 = (name) => dv.getBigUint64(sr(name), true);
  h.wr64 = (name, v) => {
    // Through the register's write path for the low 53 bits, then fix the top bits directly if needed.
    h.core.writeSysreg(key(name), Number(v & ((1n << 53n) - 1n)));
    if (v >> 53n) dv.setBigUint64(sr(name), v, true);
  };
  h.undef = () => h.core.lastSysregUndef() !== 0;
  h.poke64 = (addr, v) => { h.dv.setBigUint64(addr - RAM_BASE, v, true); };
  h.ats = (op, va) => { h.wr(`ATS1${op}`, va >>> 0); return h.rd64("PAR"); };
  h.exec = (word, regs = {}, mode = MODE_SVC) => {
    h.poke32(RAM_BASE, word);
    h.core.setCpsr(mode | 0x1c0);
    for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
    h.core.setReg(15, RAM_BASE);
    h.core.run(1);
  };
  h.mode = () => h.core.getCpsr() & 0x1f;
  return h;
}

export const LDR_R1_R0 = 0xe5901000; // ldr r1, [r0]
export const STR_R2_R0 = 0xe5802000; // str r2, [r0]
