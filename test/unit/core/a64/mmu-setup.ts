// Page tables and MMU registers for the AArch64 MMU tests: tables are built in the harness RAM,
// the EL1 registers are written straight into their storage slots (SCTLR_EL1 in SCTLR, TCR_EL1 in
// TTBCR's 8 bytes, MAIR_EL1 in PRRR/NMRR, TTBRn_EL1 in TTBRn), then the TLB is flushed.
import { makeHarness, enterA64, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { STATE, S_SYSREGS } from "../../../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../../../core/generated/sysreg-storage.js";

// Descriptor bits.
export const VALID = 1n, TABLE = 3n, BLOCK = 1n, PAGE = 3n;
export const AF = 1n << 10n, NG = 1n << 11n, CONT = 1n << 52n, PXN = 1n << 53n, UXN = 1n << 54n;
export const AP_EL1_RW = 0n << 6n, AP_RW = 1n << 6n, AP_EL1_RO = 2n << 6n, AP_RO = 3n << 6n;
export const SH_OUTER = 2n << 8n, SH_INNER = 3n << 8n;
export const PXN_TABLE = 1n << 59n, UXN_TABLE = 1n << 60n, AP_TABLE0 = 1n << 61n, AP_TABLE1 = 1n << 62n;
export const attrIndx = (i: number) => BigInt(i) << 2n;

// Access types (core/mmu/tlb.ts).
export const READ = 0, WRITE = 1, EXEC = 2;

// TCR_EL1 fields.
export const TG0_4K = 0n << 14n, TG0_64K = 1n << 14n, TG0_16K = 2n << 14n;
export const TG1_16K = 1n << 30n, TG1_4K = 2n << 30n, TG1_64K = 3n << 30n;
export const EPD0 = 1n << 7n, EPD1 = 1n << 23n, A1 = 1n << 22n;
export const TBI0 = 1n << 37n, TBI1 = 1n << 38n, HPD0 = 1n << 41n, HPD1 = 1n << 42n;
export const TBID0 = 1n << 51n, TBID1 = 1n << 52n;
export const ips = (v: number) => BigInt(v) << 32n;
export const t0sz = (v: number) => BigInt(v);
export const t1sz = (v: number) => BigInt(v) << 16n;

// SCTLR_EL1 bits.
export const SCTLR_M = 1, SCTLR_WXN = 1 << 19, SCTLR_EE = 1 << 25;

export interface Walk { ok: boolean; pa: bigint; bits: number; attr: number; sh: number; fsc: number; walkAbort: boolean }

export class Mmu {
  readonly h: Harness;
  private dv: DataView;
  private next: number;

  /** A harness in AArch64 EL1h with `ramMiB` of RAM; tables are allocated from RAM + 1 MiB up. */
  constructor(ramMiB = 4) {
    this.h = makeHarness(ramMiB << 20);
    enterA64(this.h);
    this.dv = new DataView(this.h.core.memory.buffer);
    this.next = RAM_BASE + 0x10_0000;
  }

  slot(name: string): number { return STATE + S_SYSREGS + SYSREG_STORAGE[name]; }
  set64(name: string, v: bigint): void { this.dv.setBigUint64(this.slot(name), v, true); this.h.core.flushTlb(); }
  get64(name: string): bigint { return this.dv.getBigUint64(this.slot(name), true); }
  get32(name: string): number { return this.dv.getUint32(this.slot(name), true); }

  set sctlr(v: number) { this.dv.setUint32(this.slot("SCTLR"), v >>> 0, true); this.h.core.flushTlb(); }
  set tcr(v: bigint) { this.set64("TTBCR", v); }
  set ttbr0(v: bigint | number) { this.set64("TTBR0", BigInt(v)); }
  set ttbr1(v: bigint | number) { this.set64("TTBR1", BigInt(v)); }
  set mair(v: bigint) {
    this.dv.setUint32(this.slot("PRRR"), Number(v & 0xffffffffn), true);
    this.dv.setUint32(this.slot("NMRR"), Number(v >> 32n), true);
  }
  /** ESR_EL1 (DFSR slot) and FAR_EL1 (DFAR low, IFAR high). */
  get esr(): number { return this.get32("DFSR"); }
  get far(): bigint { return (BigInt(this.get32("IFAR")) << 32n) | BigInt(this.get32("DFAR")); }

  /** A zeroed table of `bytes` aligned to its size (at least 4 KiB), in RAM. */
  alloc(bytes = 0x1000): number {
    const align = Math.max(bytes, 0x1000);
    this.next = Math.ceil(this.next / align) * align;
    const a = this.next;
    this.next += bytes;
    this.h.ram.fill(0, a - RAM_BASE, a - RAM_BASE + bytes);
    return a;
  }
  put(pa: number, desc: bigint): void { this.h.dv.setBigUint64(pa - RAM_BASE, desc, true); }
  get(pa: number): bigint { return this.h.dv.getBigUint64(pa - RAM_BASE, true); }

  /**
   * Map va to pa with a leaf at `leaf` level, creating tables from `root` (start level `start`,
   * granule 2^grain, `inputBits` of VA). `table` adds attributes to the table descriptors made.
   * Returns the address of the leaf descriptor.
   */
  map(root: number, va: bigint, pa: bigint, attrs: bigint,
      o: { leaf: number; start: number; grain?: number; inputBits?: number; table?: bigint }): number {
    const grain = o.grain ?? 12, stride = grain - 3, inputBits = o.inputBits ?? 48;
    let t = root;
    for (let level = o.start; ; level++) {
      const shift = stride * (4 - level) + 3;
      const width = level === o.start ? inputBits - shift : stride;
      const idx = Number((va >> BigInt(shift)) & ((1n << BigInt(width)) - 1n));
      const at = t + idx * 8;
      if (level === o.leaf) { this.put(at, pa | attrs | (level === 3 ? PAGE : BLOCK)); this.h.core.flushTlb(); return at; }
      const cur = this.get(at);
      if ((cur & 3n) === 3n) { t = Number(cur & 0xfffffffff000n); continue; }
      const n = this.alloc(1 << grain);
      this.put(at, BigInt(n) | TABLE | (o.table ?? 0n));
      t = n;
    }
  }

  /** One translation through core/mmu/translate64 (no TLB). */
  walk(va: bigint, type = READ, user = false): Walk {
    const c = this.h.core;
    const ok = c.mmu64Test(0, Number(va & 0xffffffffn), Number(va >> 32n), type | (user ? 4 : 0)) === 1;
    const o = (i: number) => c.mmu64TestOut(i) >>> 0;
    return { ok, pa: (BigInt(o(1)) << 32n) | BigInt(o(0)), bits: o(2), attr: o(3), sh: o(4), fsc: o(5), walkAbort: o(6) === 1 };
  }
  /** PAR_EL1 value an AT would write. */
  par(va: bigint, write = false, user = false): bigint {
    const c = this.h.core;
    const lo = c.mmu64Test(1, Number(va & 0xffffffffn), Number(va >> 32n), (write ? 1 : 0) | (user ? 2 : 0)) >>> 0;
    return (BigInt(c.mmu64TestOut(7) >>> 0) << 32n) | BigInt(lo);
  }
  /** A 64-bit load through memory64 (TLB, walk, abort); undefined if it aborted. */
  read64(va: bigint, flags = 0): bigint | undefined {
    const c = this.h.core;
    const lo = c.mmu64Test(4, Number(va & 0xffffffffn), Number(va >> 32n), flags) >>> 0;
    if (lo === 0xdead0001) return undefined;
    return (BigInt(c.mmu64TestOut(8) >>> 0) << 32n) | BigInt(lo);
  }
  /** A 64-bit store of 0x1122334455667788; false if it aborted. */
  write64(va: bigint, flags = 0): boolean {
    return (this.h.core.mmu64Test(5, Number(va & 0xffffffffn), Number(va >> 32n), flags) >>> 0) !== 0xdead0001;
  }
  /** The AT operation (PAR_EL1 or a Data Abort); false if it took an abort. */
  at(va: bigint, write = false, user = false): boolean {
    return (this.h.core.mmu64Test(6, Number(va & 0xffffffffn), Number(va >> 32n), (write ? 1 : 0) | (user ? 2 : 0)) >>> 0) !== 0xdead0001;
  }
  flushPage(va: bigint): void { this.h.core.mmu64Test(2, Number(va & 0xffffffffn), Number(va >> 32n), 0); }
  /** TLB table = user * 3 + type holds va's page. */
  inTlb(va: bigint, table: number): boolean {
    return this.h.core.mmu64Test(3, Number(va & 0xffffffffn), Number(va >> 32n), table) === 1;
  }
}

/** ESR fields. */
export const ec = (esr: number) => esr >>> 26;
export const iss = (esr: number) => esr & 0x1ffffff;
