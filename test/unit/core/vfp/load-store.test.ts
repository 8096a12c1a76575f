// VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP: addressing, literal Align(PC, 4) in A32 and T32, writeback,
// FLDMX/FSTMX, alignment (word accesses always checked, doublewords need 4 bytes, as QEMU 7.2's
// MO_ALIGN / MO_ALIGN_4; probed: an unaligned VLDR S takes an alignment fault, DFSR 0x1),
// big-endian data, the UNDEFINED register lists, and a fault part-way through a VLDM.
import { describe, it, expect } from "vitest";
import { runVfp, vfpHarness, RAM_BASE } from "./vfp-helpers";

const BUF = RAM_BASE + 0x1000;
const DFAR_KEY = 0xf3000, DFSR_KEY = 0xf2800, TTBR0_KEY = 0xf1000, DACR_KEY = 0xf1800, SCTLR_KEY = 0xf0800;
const ABT = 0x17, DABT_VECTOR = 0x10, UNDEF_VECTOR = 0x4;

function fill(h: ReturnType<typeof runVfp>, addr: number, n: number) {
  for (let i = 0; i < n; i++) h.poke32(addr + 4 * i, (0xa0000000 + i * 0x01010101) >>> 0);
}
/** Run words with BUF.. filled with a pattern before the run. */
function run(words: number[], init: Parameters<typeof runVfp>[1] = {}, pre?: (h: ReturnType<typeof vfpHarness>) => void) {
  const h = vfpHarness(init);
  fill(h, BUF - 0x40, 64);
  pre?.(h);
  h.poke32(RAM_BASE, ...words);
  h.core.setReg(15, RAM_BASE);
  h.core.run(words.length);
  return h;
}
const w = (i: number) => (0xa0000000 + i * 0x01010101) >>> 0; // word at BUF - 0x40 + 4*i
const at = (addr: number) => w((addr - (BUF - 0x40)) / 4);
const dw = (addr: number) => (BigInt(at(addr + 4)) << 32n) | BigInt(at(addr));

describe("VLDR/VSTR", () => {
  it("VLDR S with positive offset, D with negative offset (D17)", () => {
    const h = run([0xed910a02, 0xed511b02], { regs: { 1: BUF } }); // vldr s0,[r1,#8]; vldr d17,[r1,#-8]
    expect(h.s(0)).toBe(at(BUF + 8));
    expect(h.d(17)).toBe(dw(BUF - 8));
    expect(h.core.getReg(1) >>> 0).toBe(BUF);
  });
  it("VSTR S3 with an offset", () => {
    const h = run([0xedc11a01], { regs: { 1: BUF }, s: { 3: 0x11223344 } }); // vstr s3, [r1, #4]
    expect([h.peek32(BUF), h.peek32(BUF + 4)]).toEqual([at(BUF), 0x11223344]);
  });
  it("VSTR D stores the low word first (little-endian)", () => {
    const h = run([0xedc1fb00], { regs: { 1: BUF }, d: { 31: 0x0102030405060708n } });
    expect([h.peek32(BUF), h.peek32(BUF + 4)]).toEqual([0x05060708, 0x01020304]);
  });
  it("literal VLDR uses Align(PC, 4) in A32", () => {
    // vldr s5, [pc, #4] at RAM_BASE reads RAM_BASE + 8 + 4; vldr d5, [pc, #-4] at + 4 reads RAM_BASE + 8
    const h = vfpHarness({});
    h.poke32(RAM_BASE, 0xeddf2a01, 0xed1f5b01, 0x11111111, 0x22222222, 0x33333333);
    h.core.setReg(15, RAM_BASE);
    h.core.run(2);
    expect(h.s(5)).toBe(0x22222222);
    expect(h.d(5)).toBe(0x2222222211111111n);
  });
  it("literal VLDR in Thumb: Align(PC, 4) from a halfword-aligned instruction", () => {
    // T32 vldr s5, [pc, #4] at RAM_BASE + 2: PC = RAM_BASE + 6, aligned to RAM_BASE + 4, + 4
    const h = vfpHarness({ cpsr: 0x1d3 | 0x20 });
    h.poke32(RAM_BASE, 0xeddfbf00, 0x55552a01, 0x66666666);
    // halfwords: 0xbf00 (NOP) at +0, 0xeddf at +2, 0x2a01 at +4, 0x5555 at +6, 0x6666 6666 at +8
    h.core.setReg(15, RAM_BASE);
    h.core.run(2);
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 6);
    expect(h.s(5)).toBe(0x66666666);
  });
  it("VLDR.16/VSTR.16 (accepted by QEMU on the A15): zero-extended load, halfword store", () => {
    const h = run([0xed910901, 0xed410901], { regs: { 1: BUF }, s: { 1: 0xffffbeef } }); // vldr.16 s0,[r1,#2]; vstr.16 s1,[r1,#-2]
    expect(h.s(0)).toBe(at(BUF) >>> 16);
    expect(h.peek32(BUF - 4)).toBe(((0xbeef << 16) | (at(BUF - 4) & 0xffff)) >>> 0);
  });
  it("unaligned word access takes an alignment fault even with SCTLR.A = 0", () => {
    const h = run([0xed910a00], { regs: { 1: BUF + 2 }, s: { 0: 0x5a5a5a5a } });
    expect(h.core.getReg(15) >>> 0).toBe(DABT_VECTOR);
    expect(h.core.getCpsr() & 0x1f).toBe(ABT);
    expect(h.core.readSysreg(DFSR_KEY) & 0x40f).toBe(0x1);
    expect(h.core.readSysreg(DFAR_KEY) >>> 0).toBe(BUF + 2);
    expect(h.s(0)).toBe(0x5a5a5a5a);
  });
  it("a doubleword only needs 4-byte alignment", () => {
    const h = run([0xed910b00], { regs: { 1: BUF + 4 } }); // vldr d0, [r1]
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 4);
    expect(h.d(0)).toBe(dw(BUF + 4));
  });
  it("big-endian data: the word at the lower address is the high half of D", () => {
    const h = run([0xed910b00, 0xed810b02], { regs: { 1: BUF }, cpsr: 0x1d3 | 0x200 }); // vldr d0,[r1]; vstr d0,[r1,#8]
    const bs = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
    expect(h.d(0)).toBe((BigInt(bs(at(BUF))) << 32n) | BigInt(bs(at(BUF + 4))));
    expect([h.peek32(BUF + 8), h.peek32(BUF + 12)]).toEqual([at(BUF), at(BUF + 4)]);
  });
});

describe("VLDM/VSTM", () => {
  it("VLDMIA r0!, {d16-d19} loads four D registers and writes back +32", () => {
    const h = run([0xecf00b08], { regs: { 0: BUF } });
    for (let i = 0; i < 4; i++) expect(h.d(16 + i)).toBe(dw(BUF + 8 * i));
    expect(h.core.getReg(0) >>> 0).toBe(BUF + 32);
  });
  it("VLDMIA r0, {s0-s3} without writeback", () => {
    const h = run([0xec900a04], { regs: { 0: BUF } });
    for (let i = 0; i < 4; i++) expect(h.s(i)).toBe(at(BUF + 4 * i));
    expect(h.core.getReg(0) >>> 0).toBe(BUF);
  });
  it("VSTMDB r1!, {s2-s5} stores below the base and writes back -16", () => {
    const h = run([0xed211a04], { regs: { 1: BUF }, s: { 2: 2, 3: 3, 4: 4, 5: 5 } });
    expect([0, 1, 2, 3].map((i) => h.peek32(BUF - 16 + 4 * i))).toEqual([2, 3, 4, 5]);
    expect(h.core.getReg(1) >>> 0).toBe(BUF - 16);
  });
  it("VSTMIA r0!, {d30-d31}", () => {
    const h = run([0xece0eb04], { regs: { 0: BUF }, d: { 30: 0x1111111122222222n, 31: 0x3333333344444444n } });
    expect([0, 1, 2, 3].map((i) => h.peek32(BUF + 4 * i))).toEqual([0x22222222, 0x11111111, 0x44444444, 0x33333333]);
    expect(h.core.getReg(0) >>> 0).toBe(BUF + 16);
  });
  it("VPUSH then VPOP round-trips through the stack", () => {
    const h = run([0xed2d8b04, 0xeeb78b00, 0xecbd8b04], { // vpush {d8-d9}; vmov.f64 d8, #1.0; vpop {d8-d9}
      regs: { 13: BUF }, d: { 8: 0x0123456789abcdefn, 9: 0xfedcba9876543210n } });
    expect(h.core.getReg(13) >>> 0).toBe(BUF);
    expect(h.peek32(BUF - 16)).toBe(0x89abcdef);
    expect(h.peek32(BUF - 4)).toBe(0xfedcba98);
    expect(h.d(8)).toBe(0x0123456789abcdefn);
  });
  it("FLDMIAX/FSTMDBX (odd count): IA writes back 8n + 4, DB writes back imm*4 below", () => {
    const h = run([0xecb20b05, 0xed230b05], { regs: { 2: BUF, 3: BUF + 0x20 } });
    expect(h.core.getReg(2) >>> 0).toBe(BUF + 20);
    expect(h.d(0)).toBe(dw(BUF));
    expect(h.d(1)).toBe(dw(BUF + 8));
    expect(h.core.getReg(3) >>> 0).toBe(BUF + 0x20 - 20);
    expect(h.peek32(BUF + 0x20 - 20)).toBe(at(BUF));
  });
  it("UNDEFINED lists: empty, past D31, more than 16 D registers, PC writeback", () => {
    for (const x of [0xec900a00, 0xecd0eb08, 0xec900b22, 0xecbf0a01, 0xecdffa02]) {
      const h = run([x], { regs: { 0: BUF } });
      expect(h.core.getReg(15) >>> 0, x.toString(16)).toBe(UNDEF_VECTOR);
    }
  });
  it("a fault part-way keeps the registers already loaded and does not write back", () => {
    // MMU on: one 1 MB section maps RAM_BASE (the RAM), the next megabyte faults.
    const h = vfpHarness({ regs: { 0: RAM_BASE + 0xffff0 }, d: { 18: 0x77n, 19: 0x88n } });
    const L1 = RAM_BASE + 0x80000;
    h.poke32(L1 + 4 * (RAM_BASE >>> 20), (RAM_BASE | 0xc02) >>> 0);
    h.poke32(RAM_BASE + 0xffff0, 1, 2, 3, 4);
    h.poke32(RAM_BASE, 0xecf00b08); // vldmia r0!, {d16-d19}
    h.core.writeSysreg(TTBR0_KEY, L1);
    h.core.writeSysreg(DACR_KEY, 0x55555555);
    h.core.writeSysreg(SCTLR_KEY, h.core.readSysreg(SCTLR_KEY) | 1);
    h.core.flushTlb();
    h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.core.getReg(15) >>> 0).toBe(DABT_VECTOR);
    expect(h.core.readSysreg(DFAR_KEY) >>> 0).toBe(RAM_BASE + 0x100000);
    expect(h.core.readSysreg(DFSR_KEY) & 0x40f).toBe(0x5); // translation fault, section
    expect(h.d(16)).toBe(0x0000000200000001n);
    expect(h.d(17)).toBe(0x0000000400000003n);
    expect(h.d(18)).toBe(0x77n);
    expect(h.core.getReg(0) >>> 0).toBe(RAM_BASE + 0xffff0);
  });
});
