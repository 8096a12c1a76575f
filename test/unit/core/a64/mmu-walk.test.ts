// VMSAv8-64 stage 1 walk (core/mmu/walk-v8.ts) as QEMU 7.2 does it for a Cortex-A57 EL1&0
// regime: granules, levels, ranges, faults with their status codes, permissions.
import { describe, it, expect } from "vitest";
import { RAM_BASE } from "../../../helpers/core-harness.js";
import {
  Mmu, AF, PXN, UXN, AP_EL1_RW, AP_RW, AP_EL1_RO, AP_RO, SH_INNER, SH_OUTER, attrIndx, CONT, NG,
  PXN_TABLE, UXN_TABLE, AP_TABLE0, AP_TABLE1, READ, WRITE, EXEC,
  TG0_4K, TG0_64K, TG0_16K, TG1_4K, TG1_16K, TG1_64K, EPD0, EPD1, TBI0, TBI1, TBID0, HPD0, ips, t0sz, t1sz,
  SCTLR_M, SCTLR_WXN, SCTLR_EE,
} from "./mmu-setup.js";

const MAIR = 0x44_ff_04_00_bb_ee_0c_00n; // attr0 00, attr1 0c, attr2 ee, attr3 bb, attr4 00, attr5 04, attr6 ff, attr7 44
const RAM = BigInt(RAM_BASE);

/** 4 KiB granules in both ranges, 48-bit VAs, a fresh TTBR0 and TTBR1 root, MMU on. */
function setup4k(extraTcr = 0n): { m: Mmu; root0: number; root1: number } {
  const m = new Mmu();
  const root0 = m.alloc(), root1 = m.alloc();
  m.mair = MAIR;
  m.tcr = t0sz(16) | t1sz(16) | TG0_4K | TG1_4K | ips(5) | extraTcr;
  m.ttbr0 = root0;
  m.ttbr1 = root1;
  m.sctlr = SCTLR_M;
  return { m, root0, root1 };
}

describe("4 KiB granule", () => {
  it("a 4-level walk to a page: PA, size, MAIR attribute and SH", () => {
    const { m, root0 } = setup4k();
    m.map(root0, 0x12_3456_7000n, RAM + 0x5000n, AF | attrIndx(2) | SH_INNER, { leaf: 3, start: 0 });
    const w = m.walk(0x12_3456_7abcn);
    expect(w).toMatchObject({ ok: true, pa: RAM + 0x5abcn, bits: 12, attr: 0xee, sh: 3 });
  });
  it("blocks: 2 MiB at level 2, 1 GiB at level 1, and (as QEMU 7.2) 512 GiB at level 0", () => {
    const { m, root0 } = setup4k();
    m.map(root0, 0x8020_0000n, 0x4020_0000n, AF | attrIndx(6) | SH_OUTER, { leaf: 2, start: 0 });
    expect(m.walk(0x8023_4568n)).toMatchObject({ ok: true, pa: 0x4023_4568n, bits: 21, attr: 0xff, sh: 2 });
    m.map(root0, 0x1_0000_0000n, 0x4000_0000n, AF | attrIndx(7), { leaf: 1, start: 0 });
    expect(m.walk(0x1_3456_789an)).toMatchObject({ ok: true, pa: 0x7456_789an, bits: 30, attr: 0x44 });
    m.map(root0, 0x80_0000_0000n, 0n, AF, { leaf: 0, start: 0 });
    expect(m.walk(0x80_4000_1234n)).toMatchObject({ ok: true, pa: 0x4000_1234n, bits: 39 });
  });
  it("the starting level follows T0SZ: 39-bit VAs start at level 1, 30-bit ones at level 2", () => {
    const { m } = setup4k();
    const root = m.alloc();
    m.ttbr0 = root;
    m.tcr = t0sz(25) | TG0_4K | ips(5);
    m.map(root, 0x40_0000_0000n - 0x1000n, RAM + 0x3000n, AF, { leaf: 3, start: 1, inputBits: 39 });
    expect(m.walk(0x3f_ffff_f008n)).toMatchObject({ ok: true, pa: RAM + 0x3008n });
    const root2 = m.alloc();
    m.ttbr0 = root2;
    m.tcr = t0sz(34) | TG0_4K | ips(5);
    m.map(root2, 0x3fe0_0000n, RAM, AF, { leaf: 2, start: 2, inputBits: 30 });
    expect(m.walk(0x3fe0_0010n)).toMatchObject({ ok: true, pa: RAM + 0x10n, bits: 21 });
    expect(m.walk(0x4000_0000n)).toMatchObject({ ok: false, fsc: 0x04 }); // above 30 bits: the gap
  });
  it("TTBR1 translates the top of the address space (T1SZ, TG1 = 2 for 4 KiB)", () => {
    const { m, root0, root1 } = setup4k();
    m.map(root1, 0xffff_0000_0010_0000n, RAM + 0x7000n, AF | attrIndx(1), { leaf: 3, start: 0 });
    m.map(root0, 0x0000_0000_0010_0000n, RAM + 0x8000n, AF, { leaf: 3, start: 0 });
    expect(m.walk(0xffff_0000_0010_0ff8n)).toMatchObject({ ok: true, pa: RAM + 0x7ff8n, attr: 0x0c });
    expect(m.walk(0x0000_0000_0010_0ff8n)).toMatchObject({ ok: true, pa: RAM + 0x8ff8n });
  });
  it("TTBR low bits (CnP, alignment) and ASID are ignored; the contiguous hint and nG change nothing", () => {
    const { m, root0 } = setup4k();
    m.map(root0, 0x5000n, RAM + 0x9000n, AF | CONT | NG, { leaf: 3, start: 0 });
    m.ttbr0 = (0x1234n << 48n) | BigInt(root0) | 1n;
    expect(m.walk(0x5004n)).toMatchObject({ ok: true, pa: RAM + 0x9004n, bits: 12 });
  });
});

describe("granule encodings", () => {
  it("64 KiB (TG0 = 1): pages at level 3, 512 MiB blocks at level 2, the walk starts at level 1", () => {
    const m = new Mmu(8);
    const root = m.alloc(0x10000);
    m.mair = MAIR;
    m.tcr = t0sz(16) | TG0_64K | ips(5);
    m.ttbr0 = root;
    m.sctlr = SCTLR_M;
    const g = { start: 1, grain: 16 };
    m.map(root, 0x7_0001_0000n, RAM + 0x20000n, AF | attrIndx(3), { leaf: 3, ...g });
    expect(m.walk(0x7_0001_fffcn)).toMatchObject({ ok: true, pa: RAM + 0x2fffcn, bits: 16, attr: 0xbb });
    m.map(root, 0x2000_0000n, RAM, AF, { leaf: 2, ...g });
    expect(m.walk(0x2345_6789n)).toMatchObject({ ok: true, pa: 0x4345_6789n, bits: 29 });
  });
  it("64 KiB in TTBR1 (TG1 = 3); a table address's bits 15:12 are ignored", () => {
    const m = new Mmu(8);
    const root = m.alloc(0x10000);
    m.tcr = t0sz(16) | t1sz(16) | TG0_4K | TG1_64K | ips(5);
    m.ttbr1 = root;
    m.sctlr = SCTLR_M;
    const leaf = m.map(root, 0xffff_8000_0000_0000n, RAM + 0x30000n, AF, { leaf: 3, start: 1, grain: 16 });
    expect(m.walk(0xffff_8000_0000_1234n)).toMatchObject({ ok: true, pa: RAM + 0x31234n, bits: 16 });
    // Point the level 1 entry at the level 2 table + 0x3000: same table.
    const l1 = root + Number((0xffff_8000_0000_0000n >> 42n) & 0x3fn) * 8;
    m.put(l1, m.get(l1) | 0x3000n);
    m.h.core.flushTlb();
    expect(m.walk(0xffff_8000_0000_1234n)).toMatchObject({ ok: true, pa: RAM + 0x31234n });
    expect(leaf).toBeGreaterThan(0);
  });
  it("the A57 has no 16 KiB granule: TG0 = 2 and TG1 = 1 walk 4 KiB tables", () => {
    const { m, root0, root1 } = setup4k();
    m.tcr = t0sz(16) | t1sz(16) | TG0_16K | TG1_16K | ips(5);
    m.map(root0, 0x4000n, RAM + 0xa000n, AF, { leaf: 3, start: 0 });
    m.map(root1, 0xffff_ffff_ffff_c000n, RAM + 0xb000n, AF, { leaf: 3, start: 0 });
    expect(m.walk(0x4010n)).toMatchObject({ ok: true, pa: RAM + 0xa010n, bits: 12 });
    expect(m.walk(0xffff_ffff_ffff_c010n)).toMatchObject({ ok: true, pa: RAM + 0xb010n, bits: 12 });
    // TG1 = 0 is reserved: also 4 KiB.
    m.tcr = t0sz(16) | t1sz(16) | TG0_4K | ips(5);
    expect(m.walk(0xffff_ffff_ffff_c010n)).toMatchObject({ ok: true, pa: RAM + 0xb010n });
  });
});

describe("translation and address size faults", () => {
  it("an invalid descriptor faults at its level (0x04 + level); 0b01 at level 3 is invalid too", () => {
    const { m, root0 } = setup4k();
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x04, walkAbort: false });
    const leaf = m.map(root0, 0x1000n, RAM, AF, { leaf: 3, start: 0 });
    m.put(leaf, 0n);
    expect(m.walk(0x1000n).fsc).toBe(0x07);
    m.put(leaf, RAM | AF | 1n); // block encoding at level 3
    expect(m.walk(0x1000n).fsc).toBe(0x07);
    expect(m.walk(0x20_0000n).fsc).toBe(0x06); // next level 2 entry: empty
    expect(m.walk(0x4000_0000n).fsc).toBe(0x05);
  });
  it("VAs in the gap, EPD0/EPD1 and TxSZ outside 16..39 are level 0 translation faults", () => {
    const { m, root0, root1 } = setup4k();
    m.map(root0, 0x1000n, RAM, AF, { leaf: 3, start: 0 });
    m.map(root1, 0xffff_0000_0000_1000n, RAM, AF, { leaf: 3, start: 0 });
    expect(m.walk(0x0001_0000_0000_1000n)).toMatchObject({ ok: false, fsc: 0x04 });
    expect(m.walk(0xfffe_ffff_ffff_f000n)).toMatchObject({ ok: false, fsc: 0x04 });
    expect(m.walk(0x0080_0000_0000_1000n)).toMatchObject({ ok: false, fsc: 0x04 }); // bit 55 set: TTBR1, gap
    m.tcr = t0sz(16) | t1sz(16) | TG1_4K | ips(5) | EPD0;
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x04 });
    expect(m.walk(0xffff_0000_0000_1000n).ok).toBe(true);
    m.tcr = t0sz(16) | t1sz(16) | TG1_4K | ips(5) | EPD1;
    expect(m.walk(0xffff_0000_0000_1000n)).toMatchObject({ ok: false, fsc: 0x04 });
    m.tcr = t0sz(15) | TG1_4K | ips(5);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x04 });
    m.tcr = t0sz(40) | TG1_4K | ips(5);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x04 });
  });
  it("address size faults: TTBR beyond the output size (level 0), descriptors beyond it (their level)", () => {
    const { m, root0 } = setup4k();
    m.map(root0, 0x1000n, 0x100_0000_0000n, AF, { leaf: 3, start: 0 }); // 2^40: fine with 44 bits
    expect(m.walk(0x1000n)).toMatchObject({ ok: true, pa: 0x100_0000_0000n });
    m.map(root0, 0x2000n, 0x1000_0000_0000n, AF, { leaf: 3, start: 0 }); // 2^44: beyond the A57's PA
    expect(m.walk(0x2000n)).toMatchObject({ ok: false, fsc: 0x03 });
    // IPS = 2 (40 bits): the first mapping now faults too; IPS 6 and 7 are bounded to 44 bits.
    m.tcr = t0sz(16) | ips(2);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x03 });
    m.tcr = t0sz(16) | ips(7);
    expect(m.walk(0x1000n).ok).toBe(true);
    expect(m.walk(0x2000n).fsc).toBe(0x03);
    // A table address beyond the output size faults at the table's level.
    const l0 = root0;
    const saved = m.get(l0);
    m.put(l0, 0x1000_0000_0000n | 3n);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x00 });
    m.put(l0, saved);
    m.ttbr0 = 0x1000_0000_0000n | BigInt(root0);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x00 });
    m.ttbr0 = 0xf000_0000_0000n | BigInt(root0); // bits 47:44 of BADDR count, 63:48 are the ASID
    expect(m.walk(0x1000n).fsc).toBe(0x00);
  });
  it("a walk that reaches nothing is an external abort on the walk (0x14 + level)", () => {
    const { m, root0 } = setup4k();
    m.ttbr0 = 0x1_0000_0000n; // unassigned in the harness
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x14, walkAbort: true });
    m.ttbr0 = root0;
    m.put(root0, 0x2_0000_0000n | 3n);
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x15, walkAbort: true });
    // A table in a device that answers (reads 0): two word reads, then an invalid descriptor.
    m.put(root0, 0x0900_0000n | 3n);
    m.h.mmio.length = 0;
    expect(m.walk(0x1000n)).toMatchObject({ ok: false, fsc: 0x05, walkAbort: false });
    expect(m.h.mmio).toEqual([
      { write: false, addr: 0x0900_0000, size: 4, value: 0 },
      { write: false, addr: 0x0900_0004, size: 4, value: 0 },
    ]);
  });
  it("SCTLR_EL1.EE: descriptors are read big-endian", () => {
    const { m, root0 } = setup4k();
    const leaf = m.map(root0, 0x3000n, RAM + 0x6000n, AF, { leaf: 3, start: 0 });
    m.sctlr = SCTLR_M | SCTLR_EE;
    expect(m.walk(0x3000n)).toMatchObject({ ok: false, fsc: 0x04 });
    // Byte-swap the three descriptors on the path.
    const swap = (a: number) => m.h.dv.setBigUint64(a - RAM_BASE, m.h.dv.getBigUint64(a - RAM_BASE, true), false);
    let t = root0;
    for (let lvl = 0; lvl < 3; lvl++) { const d = m.get(t); swap(t); t = Number(d & 0xfffffffff000n); }
    swap(leaf);
    m.h.core.flushTlb();
    expect(m.walk(0x3008n)).toMatchObject({ ok: true, pa: RAM + 0x6008n });
  });
});

describe("access flag and permissions", () => {
  it("AF = 0 is an access flag fault at the leaf's level (no hardware update; checked before permissions)", () => {
    const { m, root0 } = setup4k();
    const leaf = m.map(root0, 0x1000n, RAM, AP_EL1_RO, { leaf: 3, start: 0 });
    expect(m.walk(0x1000n, WRITE)).toMatchObject({ ok: false, fsc: 0x0b });
    expect(m.get(leaf) & AF).toBe(0n);
    m.map(root0, 0x40_0000n, RAM, 0n, { leaf: 2, start: 0 });
    expect(m.walk(0x40_0000n).fsc).toBe(0x0a);
  });
  it("AP[2:1]: EL1-only, read/write at both ELs, EL1 read-only, read-only at both", () => {
    const { m, root0 } = setup4k();
    const cases: [bigint, string, string][] = [
      // AP, EL1 rights, EL0 rights
      [AP_EL1_RW, "rw", "--"],
      [AP_RW, "rw", "rw"],
      [AP_EL1_RO, "r-", "--"],
      [AP_RO, "r-", "r-"],
    ];
    for (const [ap, el1, el0] of cases) {
      m.map(root0, 0x1000n, RAM, AF | ap, { leaf: 3, start: 0 });
      const rights = (user: boolean) =>
        (m.walk(0x1000n, READ, user).ok ? "r" : "-") + (m.walk(0x1000n, WRITE, user).ok ? "w" : "-");
      expect(rights(false), `AP ${ap >> 6n} EL1`).toBe(el1);
      expect(rights(true), `AP ${ap >> 6n} EL0`).toBe(el0);
      const f = m.walk(0x1000n, WRITE, true);
      if (!f.ok) expect(f.fsc).toBe(0x0f);
    }
  });
  it("execute: UXN stops EL0 only, PXN EL1 only; EL1 never executes EL0-writable memory", () => {
    const { m, root0 } = setup4k();
    const x = (attrs: bigint) => {
      m.map(root0, 0x1000n, RAM, AF | attrs, { leaf: 3, start: 0 });
      return (m.walk(0x1000n, EXEC, false).ok ? "1" : "-") + (m.walk(0x1000n, EXEC, true).ok ? "0" : "-");
    };
    expect(x(AP_EL1_RW)).toBe("10"); // EL0 may execute what it cannot read (AArch64 rule, as QEMU)
    expect(x(AP_RW)).toBe("-0");
    expect(x(AP_RO)).toBe("10");
    expect(x(AP_RO | UXN)).toBe("1-");
    expect(x(AP_RO | PXN)).toBe("-0");
    expect(x(AP_RO | PXN | UXN)).toBe("--");
    m.map(root0, 0x1000n, RAM, AF | AP_RW, { leaf: 3, start: 0 });
    expect(m.walk(0x1000n, EXEC, false)).toMatchObject({ ok: false, fsc: 0x0f });
  });
  it("SCTLR_EL1.WXN: writable memory is not executable at the EL that can write it", () => {
    const { m, root0 } = setup4k();
    m.sctlr = SCTLR_M | SCTLR_WXN;
    const x = (attrs: bigint) => {
      m.map(root0, 0x1000n, RAM, AF | attrs, { leaf: 3, start: 0 });
      return (m.walk(0x1000n, EXEC, false).ok ? "1" : "-") + (m.walk(0x1000n, EXEC, true).ok ? "0" : "-");
    };
    expect(x(AP_EL1_RW)).toBe("-0");
    expect(x(AP_EL1_RO)).toBe("10");
    expect(x(AP_RW)).toBe("--");
    expect(x(AP_RO)).toBe("10");
  });
  it("table attributes: APTable, UXNTable, PXNTable apply below; TCR_EL1.HPD0 turns them off", () => {
    const { m } = setup4k();
    const check = (table: bigint, hpd: boolean) => {
      const root = m.alloc();
      m.ttbr0 = root;
      m.tcr = t0sz(16) | ips(5) | (hpd ? HPD0 : 0n);
      m.map(root, 0x1000n, RAM, AF | AP_RW, { leaf: 3, start: 0, table });
      const r = (type: number, user: boolean) => (m.walk(0x1000n, type, user).ok ? 1 : 0);
      return [r(READ, true), r(WRITE, true), r(WRITE, false), r(EXEC, true), r(EXEC, false)].join("");
    };
    expect(check(0n, false)).toBe("11110");
    expect(check(AP_TABLE0, false)).toBe("00111"); // no EL0 data access; EL0 still executes, and EL1 too (no longer EL0-writable)
    expect(check(AP_TABLE1, false)).toBe("10011"); // read-only: EL1 can execute read-only memory
    expect(check(UXN_TABLE, false)).toBe("11100");
    expect(check(PXN_TABLE | AP_TABLE1, false)).toBe("10010");
    expect(check(AP_TABLE0 | AP_TABLE1 | UXN_TABLE | PXN_TABLE, true)).toBe("11110");
  });
});

describe("top byte ignore and the MMU off", () => {
  it("TBI0/TBI1: a tagged VA translates like its untagged form for data; fetches too unless TBIDx", () => {
    const { m, root0, root1 } = setup4k();
    m.map(root0, 0x1000n, RAM + 0x2000n, AF, { leaf: 3, start: 0 });
    m.map(root1, 0xffff_0000_0000_1000n, RAM + 0x3000n, AF, { leaf: 3, start: 0 });
    expect(m.walk(0x5a00_0000_0000_1010n)).toMatchObject({ ok: false, fsc: 0x04 });
    m.tcr = t0sz(16) | t1sz(16) | TG1_4K | ips(5) | TBI0;
    expect(m.walk(0x5a00_0000_0000_1010n)).toMatchObject({ ok: true, pa: RAM + 0x2010n });
    expect(m.walk(0x5aff_0000_0000_1010n).ok).toBe(false); // bits 55:48 still count
    expect(m.walk(0x5aff_0000_0000_1010n, EXEC).ok).toBe(false);
    expect(m.walk(0x5a00_0000_0000_1010n, EXEC).ok).toBe(true);
    expect(m.walk(0x00ff_0000_0000_1010n).ok).toBe(false); // TBI1 off: TTBR1 half keeps its top byte
    m.tcr = t0sz(16) | t1sz(16) | TG1_4K | ips(5) | TBI0 | TBI1 | TBID0;
    expect(m.walk(0x5a00_0000_0000_1010n, EXEC)).toMatchObject({ ok: false, fsc: 0x04 });
    expect(m.walk(0x5a00_0000_0000_1010n, READ).ok).toBe(true);
    expect(m.walk(0x00ff_0000_0000_1010n)).toMatchObject({ ok: true, pa: RAM + 0x3010n });
  });
  it("MMU off: flat below 2^44, a level 0 address size fault above (bit 55 and below with TBI)", () => {
    const m = new Mmu();
    expect(m.walk(0xfff_ffff_f123n)).toMatchObject({ ok: true, pa: 0xfff_ffff_f123n, attr: 0, sh: 0 });
    expect(m.walk(0x1000_0000_0000n)).toMatchObject({ ok: false, fsc: 0x00 });
    expect(m.walk(0x7700_0000_4000_0000n).ok).toBe(false);
    m.tcr = TBI0;
    expect(m.walk(0x7700_0000_4000_0000n)).toMatchObject({ ok: true, pa: 0x4000_0000n });
    expect(m.walk(0x0080_0000_4000_0000n).ok).toBe(false);
    m.tcr = TBI0 | TBID0;
    expect(m.walk(0x7700_0000_4000_0000n, EXEC).ok).toBe(false);
  });
});
