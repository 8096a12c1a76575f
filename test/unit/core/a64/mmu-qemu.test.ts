// The AArch64 MMU against values read on qemu-system-aarch64 7.2 (-M virt -cpu cortex-a57, a
// bare-metal program at EL1 that built these tables, ran AT S1E*, loads, stores and fetches, and
// printed PAR_EL1, ESR_EL1 and FAR_EL1). The same tables are built here in the same order.
import { describe, it, expect } from "vitest";
import { a64State } from "../../../helpers/core-harness.js";
import { STATE, S_ELR_EL1, S_SPSR_SVC } from "../../../../core/state/layout.js";
import { Mmu, AF, PXN, UXN, AP_TABLE0, AP_TABLE1, attrIndx, SCTLR_M, SCTLR_WXN } from "./mmu-setup.js";

const AP = (x: number) => BigInt(x) << 6n;
const SH = (x: number) => BigInt(x) << 8n;
const RAMT = 0x4080_0000n;
const TCR_BASE = 16n | (16n << 16n) | (2n << 30n) | (5n << 32n);
const MAIR = 0x44ff0400bbee0c00n;

/** The program's allocator and map(): tables from 0x41000000, zeroed, aligned to their size. */
class Prog {
  m = new Mmu(32);
  private next = 0x4100_0000;
  alloc(size: number): number {
    const a = Math.ceil(this.next / size) * size;
    this.next = a + size;
    this.m.h.ram.fill(0, a - 0x4000_0000, a - 0x4000_0000 + size);
    return a;
  }
  map(root: number, va: bigint, pa: bigint, attrs: bigint, leaf: number, start: number, grain = 12, table = 0n): number {
    const stride = grain - 3;
    let t = root;
    for (let level = start; ; level++) {
      const shift = stride * (4 - level) + 3;
      const width = level === start ? 48 - shift : stride;
      const e = t + Number((va >> BigInt(shift)) & ((1n << BigInt(width)) - 1n)) * 8;
      if (level === leaf) { this.m.put(e, pa | attrs | (level === 3 ? 3n : 1n)); this.m.h.core.flushTlb(); return e; }
      const cur = this.m.get(e);
      if ((cur & 3n) === 3n) { t = Number(cur & 0xfffffffff000n); continue; }
      const n = this.alloc(1 << grain);
      this.m.put(e, BigInt(n) | 3n | table);
      t = n;
    }
  }
  set(e: number, d: bigint): void { this.m.put(e, d); this.m.h.core.flushTlb(); }
  /** ESR and FAR after an access through memory64 (0, 0 when it did not abort). */
  access(kind: "ld" | "st", va: bigint): [number, bigint] {
    this.m.set64("DFSR", 0n);
    const ok = kind === "ld" ? this.m.read64(va) !== undefined : this.m.write64(va);
    return ok ? [0, 0n] : [this.m.esr, this.m.far];
  }
}

describe("QEMU 7.2 cross-check", () => {
  it("PAR_EL1, data aborts, fetch aborts and EL0 accesses match QEMU's", () => {
    const p = new Prog();
    const { m } = p;
    const par = (v: bigint, w = false, user = false) => m.par(v, w, user);
    // MMU off.
    expect(par(0x1000n)).toBe(0x1a00n);
    expect(par(1n << 44n)).toBe(0x801n);
    expect(par(0x7700000040000000n)).toBe(0x801n);
    m.tcr = 1n << 37n;
    expect(par(0x7700000040000000n)).toBe(0x40000a00n);
    m.tcr = 0n;

    m.mair = MAIR;
    const root0 = p.alloc(4096), root1 = p.alloc(4096);
    p.map(root0, 0x40000000n, 0x40000000n, AF | attrIndx(6) | SH(3), 1, 0);
    m.ttbr0 = root0;
    m.ttbr1 = root1;
    m.tcr = TCR_BASE;
    m.sctlr = SCTLR_M;

    p.map(root0, 0x1234567000n, RAMT + 0x5000n, AF | attrIndx(2) | SH(3), 3, 0);
    expect(par(0x1234567abcn)).toBe(0xee00000040805b80n);
    p.map(root0, 0x80200000n, 0x40200000n, AF | attrIndx(6) | SH(2), 2, 0);
    expect(par(0x80234568n)).toBe(0xff00000040234b00n);
    p.map(root0, 0x100000000n, 0x40000000n, AF | attrIndx(7), 1, 0);
    expect(par(0x13456789an)).toBe(0x4400000074567a00n);
    p.map(root0, 0x8000000000n, 0n, AF, 0, 0);
    expect(par(0x8040001234n)).toBe(0x40001a00n); // a level 0 block: QEMU 7.2 accepts it
    expect(par(0x80400000n)).toBe(0x80dn);
    expect(par(0x140000000n)).toBe(0x80bn);
    expect(par(0x0001000000001000n)).toBe(0x809n);
    expect(par(0x0080000000001000n)).toBe(0x809n);
    const e = p.map(root0, 0x2000000n, RAMT, AF | AP(2), 3, 0);
    expect(par(0x2000010n)).toBe(0x40800a00n);
    expect(par(0x2000010n, true)).toBe(0x81fn);
    expect(par(0x2000010n, false, true)).toBe(0x81fn);
    p.set(e, RAMT | AP(2) | 3n);
    expect(par(0x2000010n, true)).toBe(0x817n);
    p.set(e, RAMT | 1n);
    expect(par(0x2000010n)).toBe(0x80fn);
    p.set(e, (1n << 44n) | AF | 3n);
    expect(par(0x2000010n)).toBe(0x807n);
    p.set(e, (1n << 40n) | AF | 3n);
    expect(par(0x2000010n)).toBe(0x0000010000000a00n);
    m.tcr = (TCR_BASE & ~(7n << 32n)) | (2n << 32n);
    expect(par(0x2000010n)).toBe(0x807n);
    m.tcr = TCR_BASE | (7n << 32n);
    expect(par(0x2000010n)).toBe(0x0000010000000a00n);
    m.tcr = TCR_BASE;
    p.set(e, RAMT | AF | AP(1) | 3n);
    expect(par(0x2000010n, true, true)).toBe(0x40800a00n);
    p.set(e, RAMT | AF | 3n | (1n << 52n) | (1n << 11n));
    expect(par(0x2000010n)).toBe(0x40800a00n);

    // Data aborts: ESR (EC 0x25, WnR, DFSC) and FAR.
    expect(p.access("ld", 0x80400008n)).toEqual([0x96000006, 0x80400008n]);
    p.set(e, RAMT | AF | AP(2) | 3n);
    expect(p.access("st", 0x2000018n)).toEqual([0x9600004f, 0x2000018n]);
    expect(p.access("ld", 0x2000018n)).toEqual([0, 0n]);
    p.set(e, RAMT | AP(2) | 3n);
    expect(p.access("ld", 0x2000018n)).toEqual([0x9600000b, 0x2000018n]);
    expect(p.access("st", 0x2000018n)).toEqual([0x9600004b, 0x2000018n]);

    // TBI: the tagged VA is translated as is and FAR keeps the tag.
    p.set(e, RAMT | AF | 3n);
    expect(p.access("ld", 0x5a00000002000018n)).toEqual([0x96000004, 0x5a00000002000018n]);
    m.tcr = TCR_BASE | (1n << 37n);
    expect(p.access("ld", 0x5a00000002000018n)).toEqual([0, 0n]);
    expect(p.access("ld", 0x5a00000080400008n)).toEqual([0x96000006, 0x5a00000080400008n]);
    expect(par(0x5a00000002000018n)).toBe(0x40800a00n);
    m.tcr = TCR_BASE;

    // TTBR1.
    p.map(root1, 0xffff000000100000n, RAMT + 0x7000n, AF | attrIndx(1), 3, 0);
    expect(par(0xffff000000100ff8n)).toBe(0x0c00000040807a00n);
    expect(par(0xfffeffffffff0000n)).toBe(0x809n);
    m.tcr = TCR_BASE | (1n << 23n);
    expect(par(0xffff000000100ff8n)).toBe(0x809n);
    m.tcr = (TCR_BASE & ~(0x3fn << 16n)) | (12n << 16n);
    expect(par(0xffff000000100ff8n)).toBe(0x809n);
    m.tcr = (TCR_BASE & ~(0x3fn << 16n)) | (40n << 16n);
    expect(par(0xffffffffffe00ff8n)).toBe(0x809n);
    m.tcr = TCR_BASE | (1n << 38n);
    expect(par(0x00ff000000100ff8n)).toBe(0x0c00000040807a00n);
    expect(par(0xa5ff000000100ff8n)).toBe(0x0c00000040807a00n);
    m.tcr = TCR_BASE;
    expect(par(0xa5ff000000100ff8n)).toBe(0x809n);

    // TG1 = 1 (16 KiB, absent on the A57) and 0 (reserved) walk 4 KiB tables; TG1 = 3 is 64 KiB.
    m.tcr = (TCR_BASE & ~(3n << 30n)) | (1n << 30n);
    expect(par(0xffff000000100ff8n)).toBe(0x0c00000040807a00n);
    m.tcr = TCR_BASE & ~(3n << 30n);
    expect(par(0xffff000000100ff8n)).toBe(0x0c00000040807a00n);
    const r64 = p.alloc(0x10000);
    m.ttbr1 = r64;
    m.tcr = (TCR_BASE & ~(3n << 30n)) | (3n << 30n);
    p.map(r64, 0xffff800000010000n, RAMT + 0x20000n, AF | attrIndx(3), 3, 1, 16);
    expect(par(0xffff80000001fffcn)).toBe(0xbb0000004082fa00n);
    p.map(r64, 0xffff800020000000n, 0x40000000n, AF, 2, 1, 16);
    expect(par(0xffff800023456789n)).toBe(0x43456a00n);
    p.map(r64, 0xffff840000000000n, 0n, AF, 1, 1, 16);
    expect(par(0xffff840012345678n)).toBe(0x12345a00n); // a 4 TiB level 1 block, as QEMU 7.2
    expect(par(0xffff800040000000n)).toBe(0x80dn);
    m.ttbr1 = root1;
    m.tcr = TCR_BASE;

    // Table attributes and HPD1.
    const r2 = p.alloc(4096);
    m.ttbr1 = r2;
    p.map(r2, 0xffff000000001000n, RAMT, AF | AP(1), 3, 0, 12, AP_TABLE1);
    expect(par(0xffff000000001000n, true)).toBe(0x81fn);
    expect(par(0xffff000000001000n, false, true)).toBe(0x40800a00n);
    m.tcr = TCR_BASE | (1n << 42n);
    expect(par(0xffff000000001000n, true)).toBe(0x40800a00n);
    m.tcr = TCR_BASE;
    const r3 = p.alloc(4096);
    m.ttbr1 = r3;
    p.map(r3, 0xffff000000001000n, RAMT, AF | AP(1), 3, 0, 12, AP_TABLE0);
    expect(par(0xffff000000001000n, false, true)).toBe(0x81fn);
    expect(par(0xffff000000001000n, true)).toBe(0x40800a00n);

    // External abort on the walk: AT reports it as an exception (see mmu-at), a load as DFSC 0x14.
    m.ttbr1 = 0x100000000n;
    expect(par(0xffff000000001000n)).toBe(0x829n); // PAR's value; the AT operation takes the abort instead
    expect(m.walk(0xffff000000001000n).walkAbort).toBe(true);
    expect(p.access("ld", 0xffff000000001000n)).toEqual([0x96000014, 0xffff000000001000n]);
    m.ttbr1 = root1;
    const saved = m.get(root1);
    m.put(root1, (1n << 44n) | 3n);
    m.h.core.flushTlb();
    expect(par(0xffff000000100ff8n)).toBe(0x801n);
    m.put(root1, saved);
    m.ttbr1 = BigInt(root1) | (1n << 44n);
    expect(par(0xffff000000100ff8n)).toBe(0x801n);
    m.ttbr1 = BigInt(root1) | (0x1234n << 48n) | 1n;
    expect(par(0xffff000000100ff8n)).toBe(0x0c00000040807a00n);
    m.ttbr1 = root1;

    // Instruction fetches at EL1 (EC 0x21).
    const fetch = (pc: bigint): [number, bigint] => {
      m.set64("DFSR", 0n);
      m.h.core.setPC64Parts(Number(pc & 0xffffffffn), Number(pc >> 32n));
      m.h.core.run(1);
      return [m.esr, m.far];
    };
    m.h.poke32(Number(RAMT) + 0x9000, 0xd503201f); // nop (QEMU's program had ret)
    const e9 = p.map(root0, 0x3000000n, RAMT + 0x9000n, AF | PXN, 3, 0);
    expect(fetch(0x3000000n)).toEqual([0x8600000f, 0x3000000n]);
    p.set(e9, (RAMT + 0x9000n) | AF | AP(1) | 3n);
    expect(fetch(0x3000000n)).toEqual([0x8600000f, 0x3000000n]);
    p.set(e9, (RAMT + 0x9000n) | AF | AP(3) | UXN | 3n);
    expect(fetch(0x3000000n)[0]).toBe(0);
    expect(a64State(m.h).pc).toBe(0x3000004n);
    expect(fetch(0x3001000n)).toEqual([0x86000007, 0x3001000n]);
    p.set(e9, (RAMT + 0x9000n) | 3n);
    expect(fetch(0x3000000n)).toEqual([0x8600000b, 0x3000000n]);

    // EL0 (entered by ERET from EL1): loads (EC 0x24) and fetches (EC 0x20).
    const ea = p.map(root0, 0x4000000n, RAMT + 0xa000n, AF | AP(1), 3, 0);
    p.map(root0, 0x4001000n, RAMT + 0xb000n, AF | AP(0), 3, 0);
    p.map(root0, 0x4002000n, RAMT + 0xb000n, AF | AP(1), 3, 0);
    const toEl0 = () => {
      m.h.core.cpuEnterAArch64(); // back to EL1h first (an access that did not abort stays at EL0)
      const dv = new DataView(m.h.core.memory.buffer);
      m.h.poke32(0x4020_0000, 0xd69f03e0); // eret (EL1 code in the identity block)
      dv.setBigUint64(STATE + S_ELR_EL1, 0x4000000n, true);
      dv.setUint32(STATE + S_SPSR_SVC, 0, true);
      m.h.core.setPC64Parts(0x4020_0000, 0);
      m.h.core.run(1);
      expect(a64State(m.h).pstate & 0xf).toBe(0);
    };
    toEl0();
    expect(p.access("ld", 0x4002008n)).toEqual([0, 0n]);
    toEl0();
    expect(p.access("ld", 0x4001008n)).toEqual([0x9200000f, 0x4001008n]);
    toEl0();
    expect(p.access("ld", 0x4003008n)).toEqual([0x92000007, 0x4003008n]);
    p.set(ea, (RAMT + 0xa000n) | AF | AP(1) | UXN | 3n);
    toEl0();
    expect(fetch(0x4000000n)).toEqual([0x8200000f, 0x4000000n]);
    p.set(ea, (RAMT + 0xa000n) | AF | AP(0) | PXN | 3n);
    toEl0();
    m.h.poke32(Number(RAMT) + 0xa000, 0xd503201f); // nop
    expect(fetch(0x4000000n)[0]).toBe(0); // EL0 executes EL1-only memory without UXN (QEMU ran ldr, svc)
    expect(par(0x4001008n, false, true)).toBe(0x81fn);
  });
  it("SCTLR_EL1.WXN fetches match QEMU's (EL1 and EL0, EL1-only or shared, writable or not)", () => {
    const p = new Prog();
    const { m } = p;
    m.mair = MAIR;
    const root0 = p.alloc(4096);
    p.map(root0, 0x40000000n, 0x40000000n, AF | attrIndx(6) | AP(2), 1, 0); // read-only code
    m.ttbr0 = root0;
    m.tcr = TCR_BASE;
    m.sctlr = SCTLR_M | SCTLR_WXN;
    m.h.poke32(Number(RAMT) + 0x9000, 0xd503201f); // nop
    const fetch = (pc: bigint, el0: boolean): number => {
      m.h.core.cpuEnterAArch64();
      m.set64("DFSR", 0n);
      if (el0) {
        const dv = new DataView(m.h.core.memory.buffer);
        m.h.poke32(0x4020_0000, 0xd69f03e0); // eret
        dv.setBigUint64(STATE + S_ELR_EL1, pc, true);
        dv.setUint32(STATE + S_SPSR_SVC, 0, true);
        m.h.core.setPC64Parts(0x4020_0000, 0);
        m.h.core.run(1);
      } else m.h.core.setPC64Parts(Number(pc), 0);
      m.h.core.run(1);
      return m.esr;
    };
    const e9 = p.map(root0, 0x3000000n, RAMT + 0x9000n, AF | AP(0), 3, 0);
    expect(fetch(0x3000000n, false)).toBe(0x8600000f);
    expect(fetch(0x3000000n, true)).toBe(0); // QEMU's EL0 ran the svc there
    p.set(e9, (RAMT + 0x9000n) | AF | AP(2) | 3n);
    expect(fetch(0x3000000n, false)).toBe(0);
    p.set(e9, (RAMT + 0x9000n) | AF | AP(3) | 3n);
    expect(fetch(0x3000000n, false)).toBe(0);
    expect(fetch(0x3000000n, true)).toBe(0);
    p.set(e9, (RAMT + 0x9000n) | AF | AP(1) | 3n);
    expect(fetch(0x3000000n, true)).toBe(0x8200000f);
  });
});

describe("AArch64 accesses across into an invalid page (roms/a64/mmu.elf under QEMU 7.2)", () => {
  // A page at 0x5000, nothing at 0x6000. QEMU probes the second page at its first byte
  // (store_helper_unaligned, load_helper's aligned halves), so FAR_EL1 is 0x6000 for both, and
  // the store writes nothing.
  const setup = (): Mmu => {
    const m = new Mmu(8);
    const root = m.alloc();
    m.tcr = 16n | (5n << 32n);
    m.ttbr0 = root;
    m.sctlr = SCTLR_M;
    m.map(root, 0x5000n, 0x4000_1000n, AF, { leaf: 3, start: 0 });
    m.h.dv.setBigUint64(0x1ff8, 0x0123456789abcdefn, true);
    return m;
  };
  it("an unaligned store: FAR is the start of the second page, the first page is untouched", () => {
    const m = setup();
    expect(m.write64(0x5ffcn)).toBe(false);
    expect([m.esr, m.far]).toEqual([0x96000047, 0x6000n]);
    expect(m.h.dv.getBigUint64(0x1ff8, true)).toBe(0x0123456789abcdefn);
  });
  it("an unaligned load: FAR is the start of the second page too", () => {
    const m = setup();
    expect(m.read64(0x5ffen)).toBeUndefined();
    expect([m.esr, m.far]).toEqual([0x96000007, 0x6000n]);
  });
});
