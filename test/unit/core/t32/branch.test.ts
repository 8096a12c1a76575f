// 32-bit Thumb branches: B<c>.W (T3), B.W (T4), BL, BLX (immediate) to ARM, TBB/TBH, BXJ.
// The program is compared with qemu-system-arm 7.2 (memory-control-qemu.ts); the far offsets
// were assembled by arm-none-eabi-as (the targets are the ones it encoded); the UNDEFINED
// cases were probed under the same QEMU.
import { describe, it, expect } from "vitest";
import { makeHarness } from "../../../helpers/core-harness.js";
import { BR, runProgram, execWord } from "./memory-control-qemu.js";

const hex = (v: number) => "0x" + (v >>> 0).toString(16);
const Z = 0x40000000;

describe("T32 branches", () => {
  it("program: conditional branches, BL, BLX to ARM and back, TBB, TBH, BXJ (QEMU)", () => {
    const h = runProgram(BR);
    expect(h.regs().map(hex)).toEqual(BR.regs.map(hex));
    expect(hex(h.core.getCpsr())).toBe(hex(BR.psr));
  });

  // [address, word, target, link?, cpsr flags]
  const FAR: [number, number, number, boolean, number][] = [
    [0x40000100, 0xf6dcbdd3, 0x3fedccaa, false, 0], // b.w -0x123456
    [0x40000104, 0xf3fff7fb, 0x408000fe, true, 0],  // bl +0x7ffffa (largest forward)
    [0x40000108, 0xf7ffdffa, 0x3f800100, true, 0],  // bl -0x800008
    [0x4000010c, 0xf43fa7f8, 0x3ff80100, false, Z], // beq.w -0x8000c, taken
    [0x40000110, 0xf33fa7f5, 0x400800fe, false, 0], // bgt.w +0x7ffea, taken (N = V, Z clear)
    [0x40000118, 0xf3ef97f3, 0x40ff0102, false, 0], // b.w +0xfeffe6
  ];
  it.each(FAR.map((c) => [hex(c[1]), ...c] as const))("%s: offsets with S, J1, J2", (_n, pc, insn, target, link, flags) => {
    const h = makeHarness();
    h.core.setReg(14, 0x1234);
    expect(execWord(h, insn, 0x1f3 | flags, pc)).toBe(false);
    expect(hex(h.core.getReg(15))).toBe(hex(target));
    expect(hex(h.core.getReg(14))).toBe(hex(link ? (pc + 4) | 1 : 0x1234));
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });

  it("B<c>.W not taken falls through", () => {
    const h = makeHarness();
    expect(execWord(h, 0xf43fa7f8, 0x1f3, 0x4000010c)).toBe(false); // beq.w with Z clear
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000110));
  });

  it("B<c>.W inside an IT block is UNDEFINED; B.W (T4) is allowed there (QEMU)", () => {
    // ITSTATE = EQ, one instruction (it eq): IT = 0x08 -> CPSR[15:10] = 0b000010
    const inIT = 0x600001f3 | (0x08 >>> 2) << 10;
    expect(execWord(makeHarness(), 0xf0008000, inIT)).toBe(true); // beq.w
    const h = makeHarness();
    expect(execWord(h, 0xf000b800, inIT)).toBe(false); // b.w +0
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000104));
  });

  it("BLX (immediate) with H = 1 is UNDEFINED (QEMU); with H = 0 goes to ARM at Align(PC,4) + imm", () => {
    expect(execWord(makeHarness(), 0xf000e801)).toBe(true);
    const h = makeHarness();
    expect(execWord(h, 0xf000e802, 0x600001f3, 0x40000102)).toBe(false); // blx from 2 mod 4
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000108));
    expect(hex(h.core.getReg(14))).toBe(hex(0x40000107));
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });

  it("TBH with Rn = PC reads the table at PC + 4 (unaligned)", () => {
    const h = makeHarness();
    h.dv.setUint16(0x106 + 2 * 1, 0x20, true); // entry 1 of the table right after the TBH at 0x102
    h.core.setReg(1, 1);
    expect(execWord(h, 0xe8dff011, 0x600001f3, 0x40000102)).toBe(false); // tbh [pc, r1, lsl #1]
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000106 + 0x40));
  });

  it("BXJ interworks like BX", () => {
    const h = makeHarness();
    h.core.setReg(3, 0x40000200);
    expect(execWord(h, 0xf3c38f00)).toBe(false); // bxj r3
    expect(hex(h.core.getReg(15))).toBe(hex(0x40000200));
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });
});
