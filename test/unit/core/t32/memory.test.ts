// 32-bit Thumb loads and stores: single (imm12, imm8 pre/post/negative, register, literal,
// unprivileged), dual, exclusive, LDM/STM/PUSH/POP, preload hints. Whole programs are compared
// with qemu-system-arm 7.2 (memory-control-qemu.ts); the UNDEFINED list was probed one word at a
// time under the same QEMU (an exception 1 in -d int, or not).
import { describe, it, expect } from "vitest";
import { makeHarness } from "../../../helpers/core-harness.js";
import { LDST, BLOCK, LIT, EXCL, runProgram, execWord, DATA, type QemuProgram } from "./memory-control-qemu.js";
import { T32 } from "../../../../core/decode/patterns/index.js";
import { decodeRef } from "../../../../core/decode/formats.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";

const DFSR = dispatchKey(cp15(5, 0, 0, 0));

const hex = (v: number) => "0x" + (v >>> 0).toString(16);
function expectQemu(p: QemuProgram) {
  const h = runProgram(p);
  expect(h.regs().map(hex)).toEqual(p.regs.map(hex));
  expect(hex(h.core.getCpsr())).toBe(hex(p.psr));
}

describe("T32 loads and stores: programs checked against QEMU", () => {
  it("single loads and stores, every size and addressing form, LDRD/STRD, T forms", () => expectQemu(LDST));
  it("LDM/STM IA and DB, writeback, base in the list, PUSH.W/POP.W", () => expectQemu(BLOCK));
  it("literal loads (Align(PC,4), negative offsets, LDRD literal) and preload hints", () => expectQemu(LIT));
  it("LDREX/STREX (imm8 offset), B/H/D forms, CLREX making STREX fail", () => expectQemu(EXCL));
});

// [word, UNDEFINED under QEMU 7.2] (run with r0 = sp = 0x40002010)
const UNDEF_CASES: [number, boolean, string][] = [
  [0xe8900002, true, "LDM.W with one register"],
  [0xe8800002, true, "STM.W with one register"],
  [0xe8bd8000, true, "POP.W {pc} alone"],
  [0xe8bd0000, true, "LDM empty list"],
  [0xe93d0000, true, "LDMDB empty list"],
  [0xe8b00003, true, "LDM.W r0!, {r0, r1}"],
  [0xe8a00003, true, "STM.W r0!, {r0, r1}"],
  [0xe8900003, false, "LDM.W r0, {r0, r1}"],
  [0xe8800003, false, "STM.W r0, {r0, r1}"],
  [0xf8cf0004, true, "STR.W r0, [pc, #4]"],
  [0xf8001800, true, "STRB P=0 W=0"],
  [0xf8500800, true, "LDR P=0 W=0"],
  [0xf810f800, true, "LDRB Rt=PC P=0 W=0"],
  [0xf8600000, true, "unallocated store size"],
  [0xf890f000, false, "PLD [r0]"],
  [0xf8df0000, false, "LDR.W literal"],
  [0xe9d0dd00, false, "LDRD sp, sp, [r0]"],
  [0xe850df00, true, "LDREX sp"],
  [0xe840d100, true, "STREX r1, sp"],
  [0xe8401d00, true, "STREX sp, r1"],
  [0xe8400000, true, "STREX r0, r0, [r0]"],
  [0xe8c0004f, true, "STREXB Rd=PC"],
  [0xe8d01f7f, true, "LDREXD r1, pc"],
  [0xe8d0107f, false, "LDREXD r1, r0"],
  [0xe8d00faf, true, "LDA (v8)"],
];

describe("T32 loads and stores: UNDEFINED encodings as QEMU", () => {
  it.each(UNDEF_CASES.map(([i, u, n]) => [`${n} (${hex(i)}): ${u ? "UNDEFINED" : "runs"}`, i, u] as const))("%s", (_n, insn, undef) => {
    const h = makeHarness();
    h.core.setReg(0, DATA + 0x10);
    h.core.setReg(13, DATA + 0x10);
    expect(execWord(h, insn)).toBe(undef);
  });

  it("no row claims the coprocessor space or the NEON load/store space", () => {
    for (const hw1 of [0xec00, 0xed9f, 0xee10, 0xef00, 0xfc00, 0xfd00, 0xfe00, 0xff00, 0xf900, 0xf920]) {
      for (const hw2 of [0x0000, 0x0a00, 0x0b10, 0x8f00]) {
        const r = decodeRef(T32, ((hw1 << 16) | hw2) >>> 0);
        expect(r?.exec ?? "").not.toContain("memory-control");
      }
    }
  });
});

describe("T32 loads and stores: behaviour QEMU's programs cannot show", () => {
  it("LDR.W pc, [r0] interworks: bit 0 clear switches to ARM", () => {
    const h = makeHarness();
    h.poke32(DATA, 0x40000200);
    h.core.setReg(0, DATA);
    expect(execWord(h, 0xf8d0f000)).toBe(false); // ldr.w pc, [r0]
    expect(h.core.getReg(15) >>> 0).toBe(0x40000200);
    expect(h.core.getCpsr() & 0x20).toBe(0);
  });

  it("POP.W {r0, pc} to a Thumb address stays in Thumb and clears bit 0", () => {
    const h = makeHarness();
    h.poke32(DATA, 7, 0x40000301);
    h.core.setReg(13, DATA);
    expect(execWord(h, 0xe8bd8001)).toBe(false);
    expect([h.core.getReg(0), h.core.getReg(15) >>> 0, h.core.getReg(13) >>> 0]).toEqual([7, 0x40000300, DATA + 8]);
    expect(h.core.getCpsr() & 0x20).toBe(0x20);
  });

  it("LDM with the PC inside an IT block but not last still loads and branches (QEMU)", () => {
    const h = makeHarness();
    h.poke32(DATA, 9, 0x40000401);
    h.core.setReg(13, DATA);
    // ITSTATE = EQ with two instructions left (itt eq, first one executing): IT = 0x04
    expect(execWord(h, 0xe8bd8001, 0x600001f3 | (0x04 >>> 2) << 10)).toBe(false);
    expect(h.core.getReg(15) >>> 0).toBe(0x40000400);
  });

  it("preload hints make no access (unmapped address, no fault)", () => {
    const h = makeHarness();
    h.core.setReg(0, 0x10);
    for (const insn of [0xf890f000, 0xf810fc04, 0xf8b0f004, 0xf990f004, 0xf9b0f004, 0xf810f000]) {
      expect(execWord(h, insn)).toBe(false);
      expect(h.core.getCpsr() & 0x1f).toBe(0x13);
    }
    expect(h.mmio).toEqual([]);
  });

  it("LDRD.W/STRD.W/LDM.W need word alignment: the fault writes no register and no base", () => {
    for (const insn of [0xe9f03401, 0xe9e03401, 0xe8b00018]) { // ldrd r3, r4, [r0, #4]! / strd / ldm r0!, {r3, r4}
      const h = makeHarness();
      h.core.setReg(0, DATA + 2);
      h.core.setReg(3, 0x33);
      h.core.setReg(4, 0x44);
      execWord(h, insn);
      expect(h.core.getCpsr() & 0x1f).toBe(0x17); // Abort mode
      expect(h.core.getReg(15)).toBe(0x10);
      expect([h.core.getReg(3), h.core.getReg(4), h.core.getReg(0) >>> 0]).toEqual([0x33, 0x44, DATA + 2]);
      expect(h.core.readSysreg(DFSR) & 0x40f).toBe(0x001);
    }
  });
});
