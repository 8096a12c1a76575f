// A32 single loads and stores. Edge cases (UNPREDICTABLE writeback overlaps, LDRD ordering,
// alignment) were checked against qemu-system-arm 7.2 -M virt -cpu cortex-a15 with a bare-metal
// probe that ran each instruction and printed registers, memory and DFSR/DFAR.
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, C, type Harness } from "../../../helpers/core-harness.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";

const D = RAM_BASE + 0x1000; // data area: byte at D+k holds k & 0xff
const SVC = 0x1d3, UND = 0x1b, ABT = 0x17;
const DFSR = dispatchKey(cp15(5, 0, 0, 0));
const DFAR = dispatchKey(cp15(6, 0, 0, 0));
const SCTLR = dispatchKey(cp15(1, 0, 0, 0));

/** Byte pattern word at D + k. */
const w = (k: number) => ((k & 0xff) | ((k + 1) & 0xff) << 8 | ((k + 2) & 0xff) << 16 | ((k + 3) & 0xff) << 24) >>> 0;

function run(words: number[], regs: Record<number, number> = {}, opts: { cpsr?: number; steps?: number; sctlrA?: boolean } = {}): Harness {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  for (let k = 0; k < 0x400; k++) h.ram[0x1000 + k] = k & 0xff;
  if (opts.sctlrA) h.core.writeSysreg(SCTLR, h.core.readSysreg(SCTLR) | 2);
  if (opts.cpsr !== undefined) h.core.setCpsr(opts.cpsr);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(opts.steps ?? words.length);
  return h;
}
const mode = (h: Harness) => h.core.getCpsr() & 0x1f;
const undef = (h: Harness) => mode(h) === UND && h.regs()[15] === 4;
const dabort = (h: Harness) => mode(h) === ABT && h.regs()[15] === 0x10;

describe("LDR/STR word and byte", () => {
  it("immediate offset, pre-indexed and post-indexed", () => {
    let h = run([0xe5910004], { 1: D }); // ldr r0, [r1, #4]
    expect(h.regs()[0]).toBe(w(4)); expect(h.regs()[1]).toBe(D);
    h = run([0xe5310004], { 1: D + 8 }); // ldr r0, [r1, #-4]!
    expect(h.regs()[0]).toBe(w(4)); expect(h.regs()[1]).toBe(D + 4);
    h = run([0xe4910008], { 1: D + 8 }); // ldr r0, [r1], #8
    expect(h.regs()[0]).toBe(w(8)); expect(h.regs()[1]).toBe(D + 16);
    h = run([0xe5d10003], { 1: D }); // ldrb r0, [r1, #3]
    expect(h.regs()[0]).toBe(3);
  });

  it("shifted register offsets (LSL, ASR with U=0 and writeback, ROR post-indexed, RRX)", () => {
    let h = run([0xe7910102], { 1: D, 2: 3 }); // ldr r0, [r1, r2, lsl #2]
    expect(h.regs()[0]).toBe(w(12));
    h = run([0xe73100c2], { 1: D + 32, 2: 16 }); // ldr r0, [r1, -r2, asr #1]!
    expect(h.regs()[0]).toBe(w(24)); expect(h.regs()[1]).toBe(D + 24);
    h = run([0xe6910262], { 1: D, 2: 0x10 }); // ldr r0, [r1], r2, ror #4
    expect(h.regs()[0]).toBe(w(0)); expect(h.regs()[1]).toBe(D + 1);
    // ldr r0, [r1, r2, rrx] with C=1: offset 0x80000000 | (r2 >> 1)
    h = run([0xe7910062], { 1: D - 0x80000000 + 0x100000000, 2: 8 }, { cpsr: SVC | C });
    expect(h.regs()[0]).toBe(w(4));
  });

  it("stores: STR post-indexed down, STR register, STRB pre-indexed, STRB shifted post-indexed", () => {
    let h = run([0xe4010004], { 0: 0xdeadbeef, 1: D + 8 }); // str r0, [r1], #-4
    expect(h.peek32(D + 8)).toBe(0xdeadbeef); expect(h.regs()[1]).toBe(D + 4);
    h = run([0xe7810002], { 0: 0x12345678, 1: D, 2: 0x20 }); // str r0, [r1, r2]
    expect(h.peek32(D + 0x20)).toBe(0x12345678);
    h = run([0xe5610001], { 0: 0x1ab, 1: D + 5 }); // strb r0, [r1, #-1]!
    expect(h.peek32(D + 4)).toBe(((w(4) & ~0xff) | 0xab) >>> 0); expect(h.regs()[1]).toBe(D + 4);
    h = run([0xe6c10082], { 0: 0xcd, 1: D + 2, 2: 3 }); // strb r0, [r1], r2, lsl #1
    expect(h.ram[0x1002]).toBe(0xcd); expect(h.regs()[1]).toBe(D + 8);
  });

  it("unaligned LDR without SCTLR.A reads the unaligned word (no rotation, as QEMU)", () => {
    const h = run([0xe5910000], { 1: D + 1 });
    expect(h.regs()[0]).toBe(w(1));
  });

  it("unaligned LDR/STR/LDRH with SCTLR.A=1 take an alignment fault and write nothing", () => {
    let h = run([0xe5910000], { 0: 0x55, 1: D + 1 }, { sctlrA: true });
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x001); expect(h.core.readSysreg(DFAR)).toBe(D + 1);
    expect(h.regs()[0]).toBe(0x55); expect(h.regs()[14]).toBe(RAM_BASE + 8);
    h = run([0xe5a11004], { 1: D + 2 }, { sctlrA: true }); // str r1, [r1, #4]!
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x801); // WnR
    expect(h.regs()[1]).toBe(D + 2); expect(h.peek32(D + 4)).toBe(w(4));
    h = run([0xe1d100b2], { 1: D + 1 }, { sctlrA: true }); // ldrh r0, [r1, #2]
    expect(dabort(h)).toBe(true);
  });

  it("Rn == Rt with writeback: a load wins over the writeback, a store stores the old base", () => {
    let h = run([0xe5b11004], { 1: D }); // ldr r1, [r1, #4]!
    expect(h.regs()[1]).toBe(w(4));
    h = run([0xe5a11004], { 1: D }); // str r1, [r1, #4]!
    expect(h.peek32(D + 4)).toBe(D); expect(h.regs()[1]).toBe(D + 4);
  });

  it("STR PC stores the instruction address + 8", () => {
    const h = run([0xe581f000], { 1: D });
    expect(h.peek32(D)).toBe(RAM_BASE + 8);
  });

  it("literal loads use PC + 8 (LDR and LDRD)", () => {
    let h = run([0xe59f0004, 0, 0, 0x11223344]); // ldr r0, [pc, #4] -> word 3
    expect(h.regs()[0]).toBe(0x11223344);
    h = run([0xe51f0008]); // ldr r0, [pc, #-8] loads itself
    expect(h.regs()[0]).toBe(0xe51f0008);
    h = run([0xe1cf20d8, 0, 0, 0, 0xaaaa0001, 0xaaaa0002]); // ldrd r2, r3, [pc, #8] -> words 4, 5
    expect(h.regs()[2]).toBe(0xaaaa0001); expect(h.regs()[3]).toBe(0xaaaa0002);
  });

  it("load to PC interworks: bit 0 set switches to Thumb", () => {
    const h = makeHarness();
    h.poke32(RAM_BASE, 0xe591f000); // ldr pc, [r1]
    h.poke32(D, RAM_BASE + 0x201);
    h.core.setReg(1, D); h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x200);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });

  it("load to PC with post-indexed writeback, ARM state kept for an even address", () => {
    const h = makeHarness();
    h.poke32(RAM_BASE, 0xe491f004); // ldr pc, [r1], #4
    h.poke32(D, RAM_BASE + 0x300);
    h.core.setReg(1, D); h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x300); expect(h.regs()[1]).toBe(D + 4);
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });

  it("condition failed: no access, no writeback", () => {
    const h = run([0x15b11004], { 1: D }); // ldrne r1, [r1, #4]! with Z set (the reset value)
    expect(h.regs()[1]).toBe(D);
  });

  it("accesses outside RAM go to MMIO with the right size", () => {
    const h = run([0xe5c10000, 0xe1d100b2, 0xe5910000], { 0: 0x1234, 1: 0x09000000 }); // strb; ldrh #2; ldr
    expect(h.mmio).toEqual([
      { write: true, addr: 0x09000000, size: 1, value: 0x34 },
      { write: false, addr: 0x09000002, size: 2, value: 0 },
      { write: false, addr: 0x09000000, size: 4, value: 0 },
    ]);
  });
});

describe("halfword, signed and dual", () => {
  it("LDRH/LDRSB/LDRSH/STRH in their addressing modes", () => {
    let h = run([0xe1d100b2], { 1: D + 0x80 }); // ldrh r0, [r1, #2]
    expect(h.regs()[0]).toBe(0x8382);
    h = run([0xe13100b2], { 1: D + 0x88, 2: 4 }); // ldrh r0, [r1, -r2]!
    expect(h.regs()[0]).toBe(0x8584); expect(h.regs()[1]).toBe(D + 0x84);
    h = run([0xe0d100d1], { 1: D + 0x90 }); // ldrsb r0, [r1], #1
    expect(h.regs()[0]).toBe(0xffffff90); expect(h.regs()[1]).toBe(D + 0x91);
    h = run([0xe19100f2], { 1: D, 2: 0xfe }); // ldrsh r0, [r1, r2]
    expect(h.regs()[0]).toBe(0xfffffffe); // bytes fe ff
    h = run([0xe19100f2], { 1: D, 2: 0x10 });
    expect(h.regs()[0]).toBe(0x1110);
    h = run([0xe16100b2], { 0: 0xabcd1234, 1: D + 6 }); // strh r0, [r1, #-2]!
    expect(h.peek32(D + 4)).toBe(0x07061234); expect(h.regs()[1]).toBe(D + 4);
  });

  it("LDRD/STRD immediate and register, with writeback", () => {
    let h = run([0xe1c120d8], { 1: D }); // ldrd r2, r3, [r1, #8]
    expect([h.regs()[2], h.regs()[3]]).toEqual([w(8), w(12)]);
    h = run([0xe12120d4], { 1: D + 0x20, 4: 0x10 }); // ldrd r2, r3, [r1, -r4]!
    expect([h.regs()[2], h.regs()[3], h.regs()[1]]).toEqual([w(0x10), w(0x14), D + 0x10]);
    h = run([0xe0c120f8], { 1: D, 2: 0xa, 3: 0xb }); // strd r2, r3, [r1], #8
    expect([h.peek32(D), h.peek32(D + 4), h.regs()[1]]).toEqual([0xa, 0xb, D + 8]);
    h = run([0xe18140f0], { 0: 0x40, 1: D, 4: 0xc, 5: 0xd }); // strd r4, r5, [r1, r0]
    expect([h.peek32(D + 0x40), h.peek32(D + 0x44)]).toEqual([0xc, 0xd]);
  });

  it("LDRD with Rn == Rt and writeback: the writeback wins (QEMU)", () => {
    const h = run([0xe1e220d8], { 2: D }); // ldrd r2, r3, [r2, #8]!
    expect(h.regs()[2]).toBe(D + 8); expect(h.regs()[3]).toBe(w(12));
  });

  it("LDRD/STRD need word alignment even with SCTLR.A=0; 4-aligned is fine", () => {
    let h = run([0xe1c120d8], { 1: D - 4 }); // 4-aligned, not 8
    expect(h.regs()[2]).toBe(w(4));
    h = run([0xe1c120d8], { 1: D - 6 }); // ldrd r2, r3, [r1, #8] at D+2
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x001); expect(h.core.readSysreg(DFAR)).toBe(D + 2);
    h = run([0xe18140f0], { 0: 2, 1: D, 4: 1, 5: 2 }); // strd r4, r5, [r1, r0] at D+2
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x801);
    expect(h.peek32(D)).toBe(w(0));
  });

  it("LDRD with odd Rt, and the P=0 W=1 encoding, are UNDEFINED", () => {
    expect(undef(run([0xe1c210d0], { 2: D }))).toBe(true); // ldrd r1, r2, [r2]
    expect(undef(run([0xe0e200d0], { 2: D }))).toBe(true); // P=0 W=1
    expect(undef(run([0xe1c210f0], { 2: D }))).toBe(true); // strd r1, r2, [r2]
  });

  it("unaligned LDRH/LDRSH without SCTLR.A succeed", () => {
    const h = run([0xe1d100f0], { 1: D + 0x7f }); // ldrsh r0, [r1]
    expect(h.regs()[0]).toBe(0xffff807f);
  });
});

describe("unprivileged T forms", () => {
  it("LDRT/STRBT/LDRBT/STRT are post-indexed with writeback", () => {
    let h = run([0xe4b10004], { 1: D + 8 }); // ldrt r0, [r1], #4
    expect([h.regs()[0], h.regs()[1]]).toEqual([w(8), D + 12]);
    h = run([0xe4610001], { 0: 0x99, 1: D + 3 }); // strbt r0, [r1], #-1
    expect(h.ram[0x1003]).toBe(0x99); expect(h.regs()[1]).toBe(D + 2);
    h = run([0xe6f10002], { 1: D + 5, 2: 7 }); // ldrbt r0, [r1], r2
    expect([h.regs()[0], h.regs()[1]]).toEqual([5, D + 12]);
    h = run([0xe6210102], { 0: 0x31415926, 1: D + 0x10, 2: 2 }); // strt r0, [r1], -r2, lsl #2
    expect(h.peek32(D + 0x10)).toBe(0x31415926); expect(h.regs()[1]).toBe(D + 8);
  });

  it("LDRHT/LDRSBT/LDRSHT/STRHT", () => {
    let h = run([0xe0f100b2], { 1: D + 0x40 }); // ldrht r0, [r1], #2
    expect([h.regs()[0], h.regs()[1]]).toEqual([0x4140, D + 0x42]);
    h = run([0xe07100d1], { 1: D + 0xf0 }); // ldrsbt r0, [r1], #-1
    expect([h.regs()[0], h.regs()[1]]).toEqual([0xfffffff0, D + 0xef]);
    h = run([0xe0b100f2], { 1: D + 0x80, 2: 0x10 }); // ldrsht r0, [r1], r2
    expect([h.regs()[0], h.regs()[1]]).toEqual([0xffff8180, D + 0x90]);
    h = run([0xe02100b2], { 0: 0xbeef, 1: D + 0x20, 2: 4 }); // strht r0, [r1], -r2
    expect(h.peek32(D + 0x20) & 0xffff).toBe(0xbeef); expect(h.regs()[1]).toBe(D + 0x1c);
  });

  it("work from User mode too", () => {
    const h = run([0xe4b10004], { 1: D }, { cpsr: 0x10 });
    expect(h.regs()[0]).toBe(w(0)); expect(h.core.getCpsr() & 0x1f).toBe(0x10);
  });
});

describe("preload hints (cond = 1111)", () => {
  it("PLD/PLDW/PLI and the unallocated memory hints are NOPs: no access, no writeback, no fault", () => {
    // pld [r1]; pldw [r1, #-4]; pli [r1, r2]; pld [r1, -r2, lsl #3]; hint 0xf410f000; hint 0xf6100000
    const h = run([0xf5d1f000, 0xf511f004, 0xf6d1f002, 0xf751f182, 0xf410f000, 0xf6100000, 0xe3a00007], { 1: 0x09000001, 2: 3 });
    expect(h.mmio).toEqual([]);
    expect(h.regs()[1]).toBe(0x09000001);
    expect(h.regs()[0]).toBe(7);
    expect(mode(h)).toBe(0x13);
  });
});
