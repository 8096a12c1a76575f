// A bare CPU core with RAM at the virt board's base, for instruction-level tests. Physical
// addresses from DEVICES_BASE up to RAM answer as devices (reads 0, accesses recorded); anything
// else outside RAM is unassigned: the access fails as on QEMU's virt (an external abort).
import { instantiateCore, type CoreExports } from "../../machines/core.js";
import { BUS_DECODE_ERROR, BUS_STATUS, GUEST_RAM_HOST } from "../../core/state/layout.js";

export const RAM_BASE = 0x4000_0000;
export const DEVICES_BASE = 0x0800_0000;

export interface Harness {
  core: CoreExports;
  /** Guest RAM as bytes (index 0 = RAM_BASE). */
  ram: Uint8Array;
  dv: DataView;
  /** Write 32-bit words at a guest physical address in RAM. */
  poke32(addr: number, ...words: number[]): void;
  peek32(addr: number): number;
  regs(): number[];
  /** MMIO accesses the core made to the device range (reads return 0). */
  mmio: { write: boolean; addr: number; size: number; value: number }[];
  semihostCalls: { op: number; param: number }[];
}

/** CPU models (core/sysregs/model.ts). */
export const CPU_A15 = 0, CPU_A57 = 1;

export function makeHarness(ramSize = 1 << 20, semihost?: (op: number, param: number) => number, cpuModel = CPU_A15): Harness {
  const mmio: Harness["mmio"] = [];
  const semihostCalls: Harness["semihostCalls"] = [];
  const answers = (lo: number, hi: number) => hi === 0 && (lo >>> 0) >= DEVICES_BASE && (lo >>> 0) < RAM_BASE;
  const decodeError = () => { new Uint32Array(core.memory.buffer)[BUS_STATUS >>> 2] = BUS_DECODE_ERROR; };
  const core: CoreExports = instantiateCore(ramSize, {
    mmioRead: (lo, hi, size) => {
      if (!answers(lo, hi)) { decodeError(); return 0; }
      mmio.push({ write: false, addr: lo >>> 0, size, value: 0 });
      return 0;
    },
    mmioWrite: (lo, hi, size, value) => {
      if (!answers(lo, hi)) { decodeError(); return; }
      mmio.push({ write: true, addr: lo >>> 0, size, value: value >>> 0 });
    },
    semihosting: (op, param) => { semihostCalls.push({ op, param }); if (semihost) return semihost(op, param); core.requestStop(); return 0; },
    hostNowNs: () => Number(process.hrtime.bigint()),
    trace: () => {},
  });
  core.setCpuModel(cpuModel);
  core.cpuReset();
  core.mapRam(RAM_BASE, 0, ramSize, GUEST_RAM_HOST);
  core.setReg(15, RAM_BASE);
  const ram = new Uint8Array(core.memory.buffer, GUEST_RAM_HOST, ramSize);
  const dv = new DataView(core.memory.buffer, GUEST_RAM_HOST, ramSize);
  return {
    core, ram, dv, mmio, semihostCalls,
    poke32(addr, ...words) { words.forEach((w, i) => dv.setUint32(addr - RAM_BASE + 4 * i, w >>> 0, true)); },
    peek32(addr) { return dv.getUint32(addr - RAM_BASE, true); },
    regs() { return Array.from({ length: 16 }, (_, i) => core.getReg(i) >>> 0); },
  };
}

/**
 * Run A32 words placed at RAM_BASE for exactly `steps` instructions (default: one per word),
 * after setting registers and CPSR. Returns the harness to inspect.
 */
export function runA32(words: number[], init: { regs?: Record<number, number>; cpsr?: number } = {}, steps = words.length): Harness {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  if (init.cpsr !== undefined) h.core.setCpsr(init.cpsr >>> 0);
  for (const [r, v] of Object.entries(init.regs ?? {})) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(steps);
  return h;
}

/** CPSR flag helpers. */
export const N = 1 << 31, Z = 1 << 30, C = 1 << 29, V = 1 << 28, Q = 1 << 27;
export const flagsOf = (cpsr: number) => (cpsr >>> 28) & 0xf;

/** Number of Thumb instructions in a halfword stream (a first halfword >= 0xe800 starts a 32-bit one). */
export function countT32(halfwords: number[]): number {
  let n = 0;
  for (let i = 0; i < halfwords.length; i++, n++) if ((halfwords[i] & 0xffff) >= 0xe800) i++;
  return n;
}

/** Write halfwords at a guest physical address in RAM. */
export function poke16(h: Harness, addr: number, ...halfwords: number[]): void {
  halfwords.forEach((w, i) => h.dv.setUint16(addr - RAM_BASE + 2 * i, w & 0xffff, true));
}

/**
 * Run Thumb code (halfwords in memory order: a 32-bit instruction is hw1, hw2) placed at
 * RAM_BASE for `steps` instructions (default: one per instruction). The CPSR gets the T bit
 * (default CPSR: the reset value, SVC mode, with T).
 */
export function runT32(halfwords: number[], init: { regs?: Record<number, number>; cpsr?: number } = {}, steps = countT32(halfwords)): Harness {
  const h = makeHarness();
  poke16(h, RAM_BASE, ...halfwords);
  h.core.setCpsr(((init.cpsr ?? h.core.getCpsr()) | 0x20) >>> 0);
  for (const [r, v] of Object.entries(init.regs ?? {})) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(steps);
  return h;
}

/** A64 state of a harness: X0..X30, SP (current), PC and NZCV as bigints/numbers. */
export interface A64View { x: bigint[]; sp: bigint; pc: bigint; nzcv: number; pstate: number }

export function a64State(h: Harness): A64View {
  const c = h.core;
  const x64 = (n: number) => (BigInt(c.getXHi(n) >>> 0) << 32n) | BigInt(c.getXLo(n) >>> 0);
  const pstate = c.getCpsr() >>> 0;
  return {
    x: Array.from({ length: 31 }, (_, i) => x64(i)),
    sp: x64(31),
    pc: (BigInt(c.getPC64Hi() >>> 0) << 32n) | BigInt(c.getPC64Lo() >>> 0),
    nzcv: pstate >>> 28,
    pstate,
  };
}

/** Put the harness CPU in AArch64 EL1h (QEMU's reset PSTATE) at `pc`. */
export function enterA64(h: Harness, pc = RAM_BASE): void {
  h.core.cpuEnterAArch64();
  h.core.setPC64Parts(pc >>> 0, Math.floor(pc / 2 ** 32));
}

export function setX(h: Harness, n: number, v: bigint | number): void {
  const b = BigInt.asUintN(64, BigInt(v));
  h.core.setX(n, Number(b & 0xffffffffn), Number(b >> 32n));
}

/**
 * Run A64 words placed at RAM_BASE for exactly `steps` instructions (default: one per word),
 * in EL1h with the MMU off, after setting X registers (31 = SP) and NZCV (bits 31..28 of `nzcv`).
 * The CPU is the Cortex-A57 model.
 */
export function runA64(words: number[], init: { x?: Record<number, bigint | number>; nzcv?: number } = {}, steps = words.length): Harness & { a64: A64View } {
  const h = makeHarness(undefined, undefined, CPU_A57);
  h.poke32(RAM_BASE, ...words);
  enterA64(h);
  for (const [r, v] of Object.entries(init.x ?? {})) setX(h, Number(r), v);
  if (init.nzcv !== undefined) h.core.setCpsr(((init.nzcv & 0xf) << 28 | (h.core.getCpsr() & 0x0fffffff)) >>> 0);
  h.core.run(steps);
  return Object.assign(h, { a64: a64State(h) });
}
