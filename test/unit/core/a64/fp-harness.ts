// Running A64 FP instructions in the core harness: V registers, FPCR/FPSR (the shared FPSCR word,
// written directly) and CPACR_EL1.FPEN set up, results read back as bit patterns.
import { makeHarness, enterA64, setX, a64State, RAM_BASE } from "../../../helpers/core-harness.js";
import { STATE, S_VFP, S_FPSCR } from "../../../../core/state/layout.js";

// FPCR controls and FPSR cumulative flags (FPSCR positions).
export const AHP = 1 << 26, DN = 1 << 25, FZ = 1 << 24;
export const RN = 0 << 22, RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22;
export const IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;

/** What every V register's upper bits hold before a test, so the zeroing of a scalar write shows. */
export const JUNK = 0xa5a5a5a5a5a5a5a5n;

/** CPACR_EL1 (cp15 c1,c0,2 key) with FPEN = 11: no FP trap at EL0 or EL1. */
const CPACR_KEY = (15 << 16) | (1 << 11) | 2;

export interface FpInit {
  /** Vn: the low 64 bits (upper 64 bits JUNK), or [lo, hi]. */
  v?: Record<number, bigint | [bigint, bigint]>;
  x?: Record<number, bigint | number>;
  /** FPCR control bits (AHP, DN, FZ, RMode). */
  fpcr?: number;
  /** FPSR flags already set. */
  fpsr?: number;
  /** NZCV as 4 bits. */
  nzcv?: number;
  /** CPACR_EL1.FPEN (default 3). */
  fpen?: number;
}

export interface FpResult {
  /** Vn as [lo, hi]. */
  q(n: number): [bigint, bigint];
  /** Vn's low 64 bits. */
  d(n: number): bigint;
  x: bigint[];
  nzcv: number;
  /** FPSR cumulative flags (IOC..IDC). */
  fpsr: number;
  /** FPSR.QC (bit 27), the AdvSIMD saturation flag. */
  qc: number;
  pc: bigint;
  /** ESR_EL1 (its DFSR slot). */
  esr: number;
}

export function runFp(words: number[], init: FpInit = {}): FpResult {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  enterA64(h);
  h.core.writeSysreg(CPACR_KEY, (init.fpen ?? 3) << 20);
  const dv = new DataView(h.core.memory.buffer);
  for (let n = 0; n < 32; n++) {
    const v = init.v?.[n];
    const [lo, hi] = v === undefined ? [JUNK, JUNK] : typeof v === "bigint" ? [v, JUNK] : v;
    dv.setBigUint64(STATE + S_VFP + 16 * n, lo, true);
    dv.setBigUint64(STATE + S_VFP + 16 * n + 8, hi, true);
  }
  dv.setUint32(STATE + S_FPSCR, ((init.fpcr ?? 0) | (init.fpsr ?? 0)) >>> 0, true);
  for (const [r, v] of Object.entries(init.x ?? {})) setX(h, Number(r), v);
  if (init.nzcv !== undefined) h.core.setCpsr((((init.nzcv & 0xf) << 28) | (h.core.getCpsr() & 0x0fffffff)) >>> 0);
  h.core.run(words.length);
  const s = a64State(h);
  const mem = new DataView(h.core.memory.buffer);
  const q = (n: number): [bigint, bigint] =>
    [mem.getBigUint64(STATE + S_VFP + 16 * n, true), mem.getBigUint64(STATE + S_VFP + 16 * n + 8, true)];
  return {
    q, d: (n) => q(n)[0], x: s.x, nzcv: s.nzcv, pc: s.pc,
    fpsr: mem.getUint32(STATE + S_FPSCR, true) & 0x9f,
    qc: mem.getUint32(STATE + S_FPSCR, true) & 0x08000000,
    esr: h.core.readSysreg((15 << 16) | (5 << 11)) >>> 0,
  };
}

/** Bit patterns of numbers as single / double precision. */
export function f32(x: number): bigint {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x);
  return BigInt(b.getUint32(0));
}
export function f64(x: number): bigint {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0);
}

/** Where an instruction that UNDEFs at EL1h goes: VBAR_EL1 (0) + 0x200, ESR EC 0. */
export function undefined64(r: FpResult): boolean { return r.pc === 0x200n && r.esr >>> 26 === 0; }

export const PC_NEXT = BigInt(RAM_BASE) + 4n;
