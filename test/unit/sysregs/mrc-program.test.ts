// The table through real MRC/MCR/MRRC instructions (core/exec/a32/coproc.ts), with QEMU 7.2's values.
import { describe, it, expect } from "vitest";
import { runA32, RAM_BASE } from "../../helpers/core-harness.js";
import { S_NS_PER_INSN } from "../../../core/state/layout.js";

const mrc = (cp: number, opc1: number, rt: number, crn: number, crm: number, opc2: number) =>
  (0xee100010 | (opc1 << 21) | (crn << 16) | (rt << 12) | (cp << 8) | (opc2 << 5) | crm) >>> 0;
const mcr = (cp: number, opc1: number, rt: number, crn: number, crm: number, opc2: number) =>
  (mrc(cp, opc1, rt, crn, crm, opc2) & ~(1 << 20)) >>> 0;
const mrrc = (cp: number, opc1: number, rt: number, rt2: number, crm: number) =>
  (0xec500000 | (rt2 << 16) | (rt << 12) | (cp << 8) | (opc1 << 4) | crm) >>> 0;
const MOV_R6_2 = 0xe3a06002, CPS_USR = 0xf1020010;

describe("ID registers through MRC (values from qemu-system-arm 7.2 -M virt -cpu cortex-a15)", () => {
  it("reads MIDR, CTR, ID_PFR1, ID_DFR0, CLIDR, MPIDR, CCSIDR[L2], DBGDIDR and the virtual count", () => {
    const words = [
      mrc(15, 0, 0, 0, 0, 0), mrc(15, 0, 1, 0, 0, 1), mrc(15, 0, 2, 0, 1, 1), mrc(15, 0, 3, 0, 1, 2),
      mrc(15, 1, 4, 0, 0, 1), mrc(15, 0, 5, 0, 0, 5), MOV_R6_2, mcr(15, 2, 6, 0, 0, 0), mrc(15, 1, 7, 0, 0, 0),
      mrc(14, 0, 8, 0, 0, 0), mrrc(15, 1, 9, 10, 14),
    ];
    const h = runA32([], {}, 0);
    h.poke32(RAM_BASE, ...words);
    new DataView(h.core.memory.buffer).setFloat64(h.core.stateBase() + S_NS_PER_INSN, 1600, true); // 100 ticks/insn
    h.core.setIcountF(0);
    h.core.setReg(15, RAM_BASE);
    h.core.run(words.length);
    const r = h.regs();
    expect(r.slice(0, 9)).toEqual([0x414fc0f0, 0x8444c004, 0x00010001, 0x02010505, 0x0a200023, 0x80000000, 2, 0x711fe07a, 0x3515f021]);
    expect(r[9]).toBe(1000); // 10 instructions retired before the MRRC
    expect(r[10]).toBe(0);
    expect(r[15]).toBe(RAM_BASE + 4 * words.length);
  });

  it("PL0: TPIDRURO reads, MIDR is UNDEFINED", () => {
    const h = runA32([mcr(15, 0, 0, 13, 0, 3), CPS_USR, mrc(15, 0, 1, 13, 0, 3), mrc(15, 0, 2, 0, 0, 0)], { regs: { 0: 0xcafe, 2: 7 } }, 4);
    expect(h.regs()[1]).toBe(0xcafe);
    expect(h.regs()[2]).toBe(7);                 // not written
    expect(h.core.getCpsr() & 0x1f).toBe(0x1b);  // took the undefined-instruction exception
    expect(h.regs()[15]).toBe(0x00000004);
  });

  it("a NOP register read leaves Rt alone (DBGVCR)", () => {
    const h = runA32([mrc(14, 0, 3, 0, 7, 0)], { regs: { 3: 0x12345678 } });
    expect(h.regs()[3]).toBe(0x12345678);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
});
