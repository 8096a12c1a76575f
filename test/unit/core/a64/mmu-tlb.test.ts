// The AArch64 software TLB with the MMU on (core/mmu/tlb64.ts): pages are entered 4 KiB at a time
// after a walk; a flush by VA drops the page, and the whole mapping when it is bigger than 4 KiB.
import { describe, it, expect } from "vitest";
import { RAM_BASE } from "../../../helpers/core-harness.js";
import { Mmu, AF, AP_RO, t0sz, ips, TG0_64K, TBI0, SCTLR_M } from "./mmu-setup.js";

const RAM = BigInt(RAM_BASE);
const EL1_READ = 0, EL1_WRITE = 1; // TLB tables: user * 3 + access type

function setup(grain = 12): { m: Mmu; root: number } {
  const m = new Mmu(8);
  const root = m.alloc(1 << grain);
  m.tcr = t0sz(16) | ips(5) | (grain === 16 ? TG0_64K : 0n);
  m.ttbr0 = root;
  m.sctlr = SCTLR_M;
  return { m, root };
}

describe("AArch64 TLB", () => {
  it("a load enters its page; a stale entry survives a table change until tlb64FlushPage", () => {
    const { m, root } = setup();
    m.h.dv.setBigUint64(0x1000, 0xaaaan, true);
    m.h.dv.setBigUint64(0x2000, 0xbbbbn, true);
    const leaf = m.map(root, 0x5000n, RAM + 0x1000n, AF, { leaf: 3, start: 0 });
    expect(m.read64(0x5000n)).toBe(0xaaaan);
    expect(m.inTlb(0x5000n, EL1_READ)).toBe(true);
    expect(m.inTlb(0x5000n, EL1_WRITE)).toBe(false);
    m.put(leaf, (RAM + 0x2000n) | AF | 3n); // no flush: the TLB still has the old page
    expect(m.read64(0x5000n)).toBe(0xaaaan);
    m.flushPage(0x5abcn);
    expect(m.inTlb(0x5000n, EL1_READ)).toBe(false);
    expect(m.read64(0x5000n)).toBe(0xbbbbn);
  });
  it("a write is checked by the walk (read-only: permission fault, no write entry)", () => {
    const { m, root } = setup();
    m.map(root, 0x5000n, RAM + 0x1000n, AF | AP_RO, { leaf: 3, start: 0 });
    expect(m.read64(0x5000n)).toBe(0n);
    expect(m.write64(0x5000n)).toBe(false);
    expect(m.esr).toBe(0x9600004f);
    expect(m.inTlb(0x5000n, EL1_WRITE)).toBe(false);
  });
  it("a flush by VA anywhere inside a 2 MiB block drops every page entered from it", () => {
    const { m, root } = setup();
    m.map(root, 0x20_0000n, RAM + 0x20_0000n, AF, { leaf: 2, start: 0 });
    m.map(root, 0x1000_0000n, RAM + 0x1000n, AF, { leaf: 3, start: 0 });
    for (const va of [0x20_0000n, 0x23_4000n, 0x1000_0000n]) m.read64(va);
    expect(m.inTlb(0x23_4000n, EL1_READ)).toBe(true);
    m.flushPage(0x3f_f000n); // a page of the block never entered
    expect(m.inTlb(0x20_0000n, EL1_READ)).toBe(false);
    expect(m.inTlb(0x23_4000n, EL1_READ)).toBe(false);
  });
  it("a flush outside every large mapping drops only its own page", () => {
    const { m, root } = setup();
    m.map(root, 0x20_0000n, RAM + 0x20_0000n, AF, { leaf: 2, start: 0 });
    m.map(root, 0x1000_0000n, RAM + 0x1000n, AF, { leaf: 3, start: 0 });
    m.map(root, 0x1000_1000n, RAM + 0x2000n, AF, { leaf: 3, start: 0 });
    for (const va of [0x20_0000n, 0x1000_0000n, 0x1000_1000n]) m.read64(va);
    m.flushPage(0x1000_0000n);
    expect(m.inTlb(0x1000_0000n, EL1_READ)).toBe(false);
    expect(m.inTlb(0x1000_1000n, EL1_READ)).toBe(true);
    expect(m.inTlb(0x20_0000n, EL1_READ)).toBe(true);
  });
  it("64 KiB pages count as large: a flush of another 4 KiB of the page drops it", () => {
    const { m, root } = setup(16);
    m.map(root, 0x1_0000n, RAM + 0x40_0000n, AF, { leaf: 3, start: 1, grain: 16 });
    m.read64(0x1_0000n);
    expect(m.inTlb(0x1_0000n, EL1_READ)).toBe(true);
    m.flushPage(0x1_f000n);
    expect(m.inTlb(0x1_0000n, EL1_READ)).toBe(false);
  });
  it("with TBI a tagged VA is entered under its tag; a flush of the untagged VA drops it", () => {
    const { m, root } = setup();
    m.tcr = t0sz(16) | ips(5) | TBI0;
    m.map(root, 0x5000n, RAM + 0x1000n, AF, { leaf: 3, start: 0 });
    const tagged = 0x3c00_0000_0000_5000n;
    m.h.dv.setBigUint64(0x1008, 0x7777n, true);
    expect(m.read64(tagged + 8n)).toBe(0x7777n);
    expect(m.inTlb(tagged, EL1_READ)).toBe(true);
    expect(m.inTlb(0x5000n, EL1_READ)).toBe(false); // one slot per index: the tagged page holds it
    m.flushPage(0x5000n);
    expect(m.inTlb(tagged, EL1_READ)).toBe(false);
  });
});
