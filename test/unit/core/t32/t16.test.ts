// 16-bit Thumb instructions that touch memory, branch, interwork or take exceptions (the
// data-processing forms and IT blocks are checked against QEMU in t16-qemu.test.ts).
// Encodings from arm-none-eabi-as -mthumb; behaviour from the ARM ARM and QEMU 7.2's
// t16.decode / translate.c (BKPT #0xab is not semihosting outside M profile; B<c> inside an
// IT block UNDEFs; LDM writes back unless the base is loaded).
import { describe, it, expect } from "vitest";
import { makeHarness, poke16, runT32, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { S_SPSR_UND, S_SPSR_SVC, S_SPSR_ABT } from "../../../../core/state/layout.js";

const VBAR_KEY = 0xf6000, IFSR_KEY = 0xf2801;
const VECTORS = RAM_BASE + 0x8000;
const BUF = RAM_BASE + 0x4000;
const st = (h: Harness, off: number) => new DataView(h.core.memory.buffer).getUint32(h.core.stateBase() + off, true) >>> 0;
const cpsr = (h: Harness) => h.core.getCpsr() >>> 0;

/** Thumb code at RAM_BASE with VBAR in RAM (A32 handlers there). */
function setup(hw: number[], regs: Record<number, number> = {}, psr = 0x1d3 | 0x20): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  poke16(h, RAM_BASE, ...hw);
  h.core.setCpsr(psr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}

describe("T16 loads and stores", () => {
  it("register offsets, sign extension, immediate offsets", () => {
    const h = setup([0x5888, 0x5688, 0x5e88, 0x8fe3, 0x77f5, 0x6063], // ldr r0,[r1,r2]; ldrsb; ldrsh; ldrh r3,[r4,#62]; strb r5,[r6,#31]; str r3,[r4,#4]
      { 1: BUF, 2: 4, 4: BUF + 0x100, 5: 0x1234abcd, 6: BUF + 0x200 });
    h.poke32(BUF + 4, 0x8000ff80);
    h.poke32(BUF + 0x13c, 0xbeef0000);
    h.core.run(1); expect(h.regs()[0]).toBe(0x8000ff80);
    h.core.run(1); expect(h.regs()[0]).toBe(0xffffff80);
    h.core.run(1); expect(h.regs()[0]).toBe(0xffffff80);
    h.core.run(1); expect(h.regs()[3]).toBe(0xbeef);
    h.core.run(1); expect(h.ram[0x4000 + 0x200 + 31]).toBe(0xcd);
    h.core.run(1); expect(h.peek32(BUF + 0x104)).toBe(0xbeef);
    expect(h.regs()[15]).toBe(RAM_BASE + 12);
  });
  it("SP-relative, literal (Align(PC,4)), ADR, ADD Rd, SP, #imm; ADD/SUB SP", () => {
    // at +0: str r0,[sp,#1020]; +2: ldr r1,[sp,#8]; +4: ldr r2,[pc,#8] (Align(+8)+8 = +16); +6: adr r3,#8 (Align(+10)+8 = +16)
    // +8: add r4, sp, #16; +10: add sp, #12; +12: sub sp, #508; +14: nop
    const h = setup([0x90ff, 0x9902, 0x4a02, 0xa302, 0xac04, 0xb003, 0xb0ff, 0xbf00, 0x5678, 0x1234], { 0: 0xcafef00d, 13: BUF });
    h.poke32(BUF + 8, 0x11223344);
    h.core.run(8);
    const r = h.regs();
    expect(h.peek32(BUF + 1020)).toBe(0xcafef00d);
    expect(r[1]).toBe(0x11223344);
    expect(r[2]).toBe(0x12345678);
    expect(r[3]).toBe(RAM_BASE + 16);
    expect(r[4]).toBe(BUF + 16);
    expect(r[13]).toBe(BUF + 12 - 508);
  });
  it("a data abort leaves the destination unwritten (LR = insn + 8, Thumb)", () => {
    const h = setup([0xbf00, 0xc901], { 0: 7, 1: BUF + 2 }); // nop; ldm r1!, {r0} from an unaligned address
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 0x10);
    expect(h.regs()[0]).toBe(7);
    expect(h.regs()[1]).toBe(BUF + 2);
    expect(h.regs()[14]).toBe(RAM_BASE + 2 + 8);
    expect(st(h, S_SPSR_ABT) & 0x20).toBe(0x20);
  });
});

describe("T16 LDM/STM, PUSH/POP", () => {
  it("STMIA writes back; LDMIA writes back unless the base is in the list", () => {
    const h = setup([0xc006, 0xc806, 0xc803], { 0: BUF, 1: 0x11, 2: 0x22 }); // stm r0!,{r1,r2}; ldm r0!,{r1,r2}; ldm r0,{r0,r1}
    h.poke32(BUF + 8, 0x33, 0x44);
    h.core.run(1);
    expect([h.peek32(BUF), h.peek32(BUF + 4), h.regs()[0]]).toEqual([0x11, 0x22, BUF + 8]);
    h.core.run(1);
    expect([h.regs()[1], h.regs()[2], h.regs()[0]]).toEqual([0x33, 0x44, BUF + 16]);
    h.core.setReg(0, BUF);
    h.core.run(1);
    expect([h.regs()[0], h.regs()[1]]).toEqual([0x11, 0x22]);
  });
  it("PUSH {r1, lr} / POP {r1, pc} returns to Thumb; POP to an even address switches to ARM", () => {
    const h = setup([0xb502, 0xbd02], { 1: 5, 13: BUF + 0x100, 14: RAM_BASE + 0x41 });
    h.core.run(1);
    expect([h.peek32(BUF + 0xf8), h.peek32(BUF + 0xfc), h.regs()[13]]).toEqual([5, RAM_BASE + 0x41, BUF + 0xf8]);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x40);
    expect(cpsr(h) & 0x20).toBe(0x20);
    expect(h.regs()[13]).toBe(BUF + 0x100);
    const a = setup([0xbd02], { 13: BUF });
    a.poke32(BUF, 9, RAM_BASE + 0x100);
    a.poke32(RAM_BASE + 0x100, 0xe3a00007); // mov r0, #7 (A32)
    a.core.run(2);
    expect(cpsr(a) & 0x20).toBe(0);
    expect(a.regs()[0]).toBe(7);
  });
  it("PUSH with an empty list is UNDEFINED (QEMU)", () => {
    const h = setup([0xb400], { 13: BUF });
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(h.regs()[14]).toBe(RAM_BASE + 2);
  });
});

describe("T16 branches and interworking", () => {
  it("BX to ARM and BLX back to Thumb", () => {
    const h = setup([0x4700], { 0: RAM_BASE + 0x100 }); // bx r0
    h.poke32(RAM_BASE + 0x100, 0xe12fff31); // blx r1 (A32)
    h.core.setReg(1, RAM_BASE + 0x201);
    poke16(h, RAM_BASE + 0x200, 0x2009); // movs r0, #9
    h.core.run(3);
    expect(h.regs()[0]).toBe(9);
    expect(cpsr(h) & 0x20).toBe(0x20);
    expect(h.regs()[14]).toBe(RAM_BASE + 0x104);
  });
  it("BLX Rm sets LR = next | 1 (Rm = LR is read first)", () => {
    const h = setup([0xbf00, 0x47f0], { 14: RAM_BASE + 0x101 }); // nop; blx lr
    h.core.run(2);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.regs()[14]).toBe(RAM_BASE + 5);
    expect(cpsr(h) & 0x20).toBe(0x20);
  });
  it("MOV pc, Rm and ADD pc, Rm branch without interworking", () => {
    const h = setup([0x4687], { 0: RAM_BASE + 0x21 }); // mov pc, r0
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x20);
    expect(cpsr(h) & 0x20).toBe(0x20);
    const a = setup([0x4487], { 0: 0x10 }); // add pc, r0 -> pc + 4 + 0x10
    a.core.run(1);
    expect(a.regs()[15]).toBe(RAM_BASE + 0x14);
  });
  it("B and B<c> reach backwards; CBNZ forwards", () => {
    const h = setup([0xbf00, 0xe7fd]); // nop; b . - 2
    h.core.run(2);
    expect(h.regs()[15]).toBe(RAM_BASE);
    const c = setup([0xbf00, 0xd0fd], {}, 0x400001f3); // nop; beq . - 2 (Z set)
    c.core.run(2);
    expect(c.regs()[15]).toBe(RAM_BASE);
    const z = setup([0xb9ff], { 7: 1 }); // cbnz r7, . + 4 + 62
    z.core.run(1);
    expect(z.regs()[15]).toBe(RAM_BASE + 66);
  });
  it("B<c> inside an IT block is UNDEFINED (QEMU)", () => {
    const h = setup([0xbf08, 0xd000], {}, 0x400001f3); // it eq; beq
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 4);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
  });
});

describe("T16 exception-generating and system instructions", () => {
  it("SVC: LR = next instruction, SPSR has T, handler in ARM", () => {
    const h = setup([0xbf00, 0xdf05], {}, 0x60000030);
    h.core.run(2);
    expect(h.regs()[15]).toBe(VECTORS + 8);
    expect(h.regs()[14]).toBe(RAM_BASE + 4);
    expect(st(h, S_SPSR_SVC)).toBe(0x60000030);
    expect(cpsr(h)).toBe(0x60000093); // I set, A unchanged, ARM
  });
  it("UDF: LR = insn + 2; BKPT #0xab is a breakpoint (prefetch abort), not semihosting", () => {
    const h = setup([0xde00]);
    h.core.enableSemihosting(1);
    h.core.run(1);
    expect([h.regs()[15], h.regs()[14]]).toEqual([VECTORS + 4, RAM_BASE + 2]);
    expect(st(h, S_SPSR_UND) & 0x20).toBe(0x20);
    const b = setup([0xbeab]);
    b.core.enableSemihosting(1);
    b.core.run(1);
    expect([b.regs()[15], b.regs()[14]]).toEqual([VECTORS + 0xc, RAM_BASE + 4]);
    expect(b.core.readSysreg(IFSR_KEY)).toBe(2);
    expect(b.semihostCalls.length).toBe(0);
  });
  it("SVC #0xab and HLT #0x3c are semihosting calls when enabled", () => {
    const h = setup([0xdfab, 0xbabc, 0xbf00], { 0: 0x18, 1: 0x20026 });
    h.core.enableSemihosting(1);
    for (let i = 0; i < 3; i++) h.core.run(1); // the harness stops the run at each call
    expect(h.semihostCalls.map((c) => c.op)).toEqual([0x18, 0]); // the first call's result (0) is in r0
    expect(h.regs()[15]).toBe(RAM_BASE + 6);
    const u = setup([0xbabc]); // without semihosting: UNDEFINED
    u.core.run(1);
    expect(u.regs()[15]).toBe(VECTORS + 4);
  });
  it("SETEND BE, CPSID i / CPSIE af, WFI halts", () => {
    const h = setup([0xb658, 0xb672, 0xb665, 0xbf30], {}, 0x153 | 0x20); // A, F masked
    h.core.run(1); expect(cpsr(h) & 0x200).toBe(0x200);
    h.core.run(1); expect(cpsr(h) & 0x1c0).toBe(0x1c0);
    h.core.run(1); expect(cpsr(h) & 0x1c0).toBe(0x80);
    expect(h.core.run(5)).toBe(1); // STOP_WFI
  });
  it("unallocated 16-bit encodings are UNDEFINED", () => {
    for (const hw of [0xb640, 0xb800, 0xb700, 0x4701, 0xb660 | 8, 0xde12]) {
      const h = setup([hw]);
      h.core.run(1);
      expect(h.regs()[15], hw.toString(16)).toBe(VECTORS + 4);
    }
  });
});

describe("runT32 harness", () => {
  it("sets the T bit and counts instructions", () => {
    const h = runT32([0x2001, 0x3001]); // movs r0, #1; adds r0, #1
    expect(h.regs()[0]).toBe(2);
    expect(h.regs()[15]).toBe(RAM_BASE + 4);
  });
});
