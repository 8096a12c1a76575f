// The Thumb step: 16/32-bit fetch (a fault on the second halfword reports IFAR = its address,
// LR = insn + 4, as QEMU), routing of 32-bit words (coprocessor space to the A32 decoder, NEON
// rewritten for the A32U decoder), the decode caches under self-modifying code, CPSR.IL.
import { describe, it, expect } from "vitest";
import { poke16, RAM_BASE } from "../../../helpers/core-harness.js";
import { mmuHarness } from "../mmu-harness.js";
import { S_FPEXC, S_VFP } from "../../../../core/state/layout.js";

const VECTORS = RAM_BASE + 0x8000;

function thumb(hw: number[], regs: Record<number, number> = {}, psr = 0x1d3 | 0x20) {
  const h = mmuHarness();
  h.wr("VBAR", VECTORS);
  poke16(h, RAM_BASE, ...hw);
  h.core.setCpsr(psr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}

describe("Thumb fetch", () => {
  it("a 32-bit instruction whose second halfword is on an unmapped page: prefetch abort at that halfword", () => {
    const h = thumb([]);
    // Short-descriptor tables: L1 at +0x10000, a coarse table at +0x14000 for 0x40000000..0x400fffff
    // mapping only page 0 and page 8 (vectors) flat; manager domains.
    const L1 = RAM_BASE + 0x10000, L2 = RAM_BASE + 0x14000;
    h.poke32(L1 + (RAM_BASE >>> 20) * 4, L2 | 1);
    h.poke32(L2, RAM_BASE | 0x32);
    h.poke32(L2 + 8 * 4, VECTORS | 0x32);
    poke16(h, RAM_BASE + 0xffc, 0xbf00, 0xf3af); // nop ; first half of nop.w
    h.wr("TTBR0", L1);
    h.wr("DACR", 0xffffffff);
    h.wr("SCTLR", 0x00c50078 | 1);
    h.core.setReg(15, RAM_BASE + 0xffc);
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0xc);
    expect(h.regs()[14]).toBe(RAM_BASE + 0xffe + 4);
    expect(h.rd("IFAR")).toBe(RAM_BASE + 0x1000);
    expect(h.rd("IFSR") & 0x40f).toBe(0x7); // translation fault, page
  });
  it("CPSR.IL makes every instruction UNDEFINED", () => {
    const h = thumb([0x2001], {}, 0x1d3 | 0x20 | 0x00100000);
    h.core.run(1);
    expect(h.regs()[0]).toBe(0);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(h.regs()[14]).toBe(RAM_BASE + 2);
  });
  it("decode caches follow self-modifying code (16 and 32-bit)", () => {
    const h = thumb([0x2001, 0xee10, 0x0f10]); // movs r0, #1 ; mrc p15, 0, r0, c0, c0, 0 (MIDR)
    h.core.run(2);
    expect(h.regs()[0]).toBe(h.rd("MIDR"));
    poke16(h, RAM_BASE, 0x2102, 0xee11, 0x0f10); // movs r1, #2 ; mrc p15, 0, r0, c1, c0, 0 (SCTLR)
    h.core.setReg(15, RAM_BASE);
    h.core.run(2);
    expect(h.regs()[1]).toBe(2);
    expect(h.regs()[0]).toBe(h.rd("SCTLR"));
    expect(h.regs()[15]).toBe(RAM_BASE + 6);
  });
});

describe("T32 routing", () => {
  it("MRC in T32 form runs the A32 coprocessor handler (same word, cond 1110)", () => {
    const h = thumb([0xee10, 0x0f10]);
    h.core.run(1);
    expect(h.regs()[0]).toBe(h.rd("MIDR"));
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
  it("MRC from User mode is UNDEFINED with LR = insn + 2", () => {
    const h = thumb([0xee10, 0x0f10], {}, 0x10 | 0x20);
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(h.regs()[14]).toBe(RAM_BASE + 2);
  });
  it("NEON data processing and element loads are rewritten to A32 (when the NEON rows exist)", () => {
    const h = thumb([0xef21, 0x0111, 0xf921, 0x078f], { 1: RAM_BASE + 0x4000 }); // vorr d0, d1, d1 ; vld1.32 {d0}, [r1]
    if (h.core.decodeRowA32U(0xf2210111) < 0) return; // the NEON helper's rows
    h.wr("CPACR", 0x00f00000);
    const dv = new DataView(h.core.memory.buffer);
    dv.setUint32(h.core.stateBase() + S_FPEXC, 0x40000000, true);
    dv.setBigUint64(h.core.stateBase() + S_VFP + 8, 0x1122334455667788n, true);
    h.core.run(1);
    expect(dv.getBigUint64(h.core.stateBase() + S_VFP, true)).toBe(0x1122334455667788n);
    if (h.core.decodeRowA32U(0xf421078f) < 0) return;
    h.poke32(RAM_BASE + 0x4000, 0xaabbccdd, 0x01020304);
    h.core.run(1);
    expect(dv.getBigUint64(h.core.stateBase() + S_VFP, true)).toBe(0x01020304aabbccddn);
    expect(h.regs()[15]).toBe(RAM_BASE + 8);
  });
  it("NEON with CPACR disabled is UNDEFINED (when the NEON rows exist)", () => {
    const h = thumb([0xef21, 0x0111]);
    if (h.core.decodeRowA32U(0xf2210111) < 0) return;
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 4);
  });
});
