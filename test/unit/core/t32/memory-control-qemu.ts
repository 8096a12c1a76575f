// QEMU-checked programs for the 32-bit Thumb loads, stores, branches and system instructions,
// and helpers that run them (and single words) through the core.
// Each program was assembled with arm-none-eabi-gcc and run under qemu-system-arm 7.2 -M virt
// -cpu cortex-a15 -singlestep -d cpu: a prologue (in ARM) fills the 256 words at 0x40002000
// with i * 0x11111111, sets r0-r2 = 0, sp = 0x40008000, lr = 0x40000084, r12 = program | 1,
// leaves Z and C set, and BX-es to the program in SVC mode; regs/psr are QEMU's registers when
// the program reached `end`.
import { makeHarness, type Harness } from "../../../helpers/core-harness.js";

export interface QemuProgram { addr: number; end: number; code: number[]; regs: number[]; psr: number }

export const DATA = 0x4000_2000;
export const MODE_UND = 0x1b, MODE_USR = 0x10, MODE_SVC = 0x13, MODE_SYS = 0x1f, T_BIT = 0x20;

/** Halfword at a guest address in RAM. */
export const peek16 = (h: Harness, a: number) => h.dv.getUint16(a - 0x4000_0000, true);

/** A harness in QEMU's starting state for the programs below, with `code` at `addr`. */
export function qemuStart(p: { addr: number; code: number[] }): Harness {
  const h = makeHarness();
  for (let i = 0; i < 256; i++) h.poke32(DATA + 4 * i, Math.imul(i, 0x11111111) >>> 0);
  p.code.forEach((hw, i) => h.dv.setUint16(p.addr - 0x4000_0000 + 2 * i, hw, true));
  h.core.setCpsr(0x600001f3);
  for (let r = 0; r < 13; r++) h.core.setReg(r, 0);
  h.core.setReg(12, p.addr | 1);
  h.core.setReg(13, 0x4000_8000);
  h.core.setReg(14, 0x4000_0084);
  h.core.setReg(15, p.addr);
  return h;
}

/** Run a program to its end (at most `limit` instructions); returns the harness. */
export function runProgram(p: QemuProgram, limit = 500): Harness {
  const h = qemuStart(p);
  for (let n = 0; n < limit && (h.core.getReg(15) >>> 0) !== p.end; n++) h.core.run(1);
  return h;
}

/** Execute one T32 word placed at pc (default 0x40000100) in the given CPSR; true if it was UNDEFINED. */
export function execWord(h: Harness, insn: number, cpsr = 0x600001f3, pc = 0x4000_0100): boolean {
  h.dv.setUint16(pc - 0x4000_0000, insn >>> 16, true);
  h.dv.setUint16(pc - 0x4000_0000 + 2, insn & 0xffff, true);
  h.core.setCpsr(cpsr >>> 0);
  h.core.setReg(15, pc);
  h.core.run(1);
  return (h.core.getCpsr() & 0x1f) === MODE_UND && h.core.getReg(15) === 4;
}

/**
 * ldst.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   movw r0, #0x2010
 *   movt r0, #0x4000
 *   ldr.w r1, [r0, #8]
 *   ldrb.w r2, [r0, #5]
 *   ldrh.w r3, [r0, #6]
 *   ldrsb.w r4, [r0, #0x13]
 *   ldrsh.w r5, [r0, #0x22]
 *   mov.w r6, r0
 *   ldr r7, [r6, #-4]!
 *   ldr r8, [r6], #12
 *   ldrsb r9, [r6, #-3]
 *   mov.w r10, #2
 *   ldr.w r11, [r0, r10, lsl #2]
 *   ldrsh.w r12, [r0, r10, lsl #3]
 *   add.w r1, r1, r2
 *   add.w r1, r1, r3
 *   add.w r1, r1, r4
 *   add.w r1, r1, r5
 *   add.w r1, r1, r7
 *   add.w r1, r1, r8
 *   add.w r1, r1, r9
 *   add.w r1, r1, r11
 *   add.w r1, r1, r12
 *   movw r2, #0xbeef
 *   movt r2, #0xdead
 *   mov.w r3, r0
 *   str.w r2, [r3, #0x40]
 *   strb r2, [r3, #0x44]!
 *   strh r2, [r3], #-2
 *   strh.w r2, [r3, #0x7]
 *   str.w r2, [r0, r10, lsl #1]
 *   strb.w r2, [r0, r10]
 *   strh r2, [r3, #-0x10]
 *   strbt r2, [r0, #0x49]
 *   ldrt r4, [r0, #0x40]
 *   ldrsht r5, [r0, #0x42]
 *   ldrd r6, r7, [r0, #0x40]
 *   ldrd r8, r9, [r0, #-8]!
 *   ldrd r11, r12, [r0], #16
 *   strd r8, r11, [r0, #0x50]
 *   strd r2, r3, [r0, #-4]!
 *   ldr.w r4, [r0, #0x54]
 *   ldr.w r5, [r0, #0x58]
 *   ldr.w r6, [r0, #0x3c]
 *   ldr.w r7, [r0, #0x44]
 *   ldr.w r8, [r0, #0]
 *   ldr.w r9, [r0, #4]
 *   ldr.w r10, [r0, #8]
 *   ldrh.w r11, [r0, #0x46]
 *   ldrb.w r12, [r0, #0x49]
 */
export const LDST: QemuProgram = {
  addr: 0x400000a8, end: 0x40000170,
  code: [
    0xf242, 0x10, 0xf2c4, 0x0, 0xf8d0, 0x1008, 0xf890, 0x2005, 0xf8b0, 0x3006, 0xf990, 0x4013,
    0xf9b0, 0x5022, 0xea4f, 0x600, 0xf856, 0x7d04, 0xf856, 0x8b0c, 0xf916, 0x9c03, 0xf04f, 0xa02,
    0xf850, 0xb02a, 0xf930, 0xc03a, 0xeb01, 0x102, 0xeb01, 0x103, 0xeb01, 0x104, 0xeb01, 0x105,
    0xeb01, 0x107, 0xeb01, 0x108, 0xeb01, 0x109, 0xeb01, 0x10b, 0xeb01, 0x10c, 0xf64b, 0x62ef,
    0xf6cd, 0x62ad, 0xea4f, 0x300, 0xf8c3, 0x2040, 0xf803, 0x2f44, 0xf823, 0x2902, 0xf8a3, 0x2007,
    0xf840, 0x201a, 0xf800, 0x200a, 0xf823, 0x2c10, 0xf800, 0x2e49, 0xf850, 0x4e40, 0xf930, 0x5e42,
    0xe9d0, 0x6710, 0xe970, 0x8902, 0xe8f0, 0xbc04, 0xe9c0, 0x8b14, 0xe960, 0x2301, 0xf8d0, 0x4054,
    0xf8d0, 0x5058, 0xf8d0, 0x603c, 0xf8d0, 0x7044, 0xf8d0, 0x8000, 0xf8d0, 0x9004, 0xf8d0, 0xa008,
    0xf8b0, 0xb046, 0xf890, 0xc049,
  ],
  regs: [0x40002014, 0x3332de0d, 0xdeadbeef, 0x40002052, 0x22222222, 0x22222222, 0xdeadbeef, 0x77beef76, 0xdeadbeef, 0x40002052, 0x77777777, 0x77be, 0x88, 0x40008000, 0x40000084, 0x40000170],
  psr: 0x600001f3,
};

/**
 * block.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   movw r0, #0x2020
 *   movt r0, #0x4000
 *   ldm.w r0, {r1, r2, r4}
 *   ldmdb r0!, {r5, r6}
 *   ldmia r0!, {r7, r8, r9}
 *   mov.w r10, r0
 *   ldmia.w r10, {r3, r10}
 *   movw r1, #0x1111
 *   movw r2, #0x2222
 *   movw r3, #0x3333
 *   push.w {r1, r2, r3, lr}
 *   stmia.w r0!, {r1, r2}
 *   stmdb.w r0, {r2, r3, r4}
 *   pop.w {r4, r5, r6, r7}
 *   ldr.w r8, [r0, #-12]
 *   ldr.w r9, [r0, #-8]
 *   ldr.w r11, [r0, #-4]
 *   ldr.w r12, [r0, #0]
 *   ldr.w r1, [sp, #-4]
 *   ldr.w r2, [sp, #-16]
 */
export const BLOCK: QemuProgram = {
  addr: 0x400000a8, end: 0x400000f8,
  code: [
    0xf242, 0x20, 0xf2c4, 0x0, 0xe890, 0x16, 0xe930, 0x60, 0xe8b0, 0x380, 0xea4f, 0xa00,
    0xe89a, 0x408, 0xf241, 0x1111, 0xf242, 0x2222, 0xf243, 0x3333, 0xe92d, 0x400e, 0xe8a0, 0x6,
    0xe900, 0x1c, 0xe8bd, 0xf0, 0xf850, 0x8c0c, 0xf850, 0x9c08, 0xf850, 0xbc04, 0xf8d0, 0xc000,
    0xf85d, 0x1c04, 0xf85d, 0x2c10,
  ],
  regs: [0x4000202c, 0x40000084, 0x1111, 0x3333, 0x1111, 0x2222, 0x3333, 0x40000084, 0x2222, 0x3333, 0xaaaaaaaa, 0xaaaaaaaa, 0xbbbbbbbb, 0x40008000, 0x40000084, 0x400000f8],
  psr: 0x600001f3,
};

/**
 * lit.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   ldr.w r1, [pc, #12]
 *   nop
 *   ldr.w r2, [pc, #12]
 *   ldrd r4, r5, [pc, #16]
 *   ldrb.w r6, [pc, #-3]
 *   b.w 1f
 *   .word 0x11223344
 *   .word 0x55667788
 *   .word 0x99aabbcc
 *   .word 0xddeeff00
 *   1:
 *   ldrsh.w r7, [pc, #-10]
 *   ldrh.w r8, [pc, #-12]
 *   ldrsb.w r9, [pc, #-9]
 *   nop
 *   ldr.w r10, [pc, #-22]
 *   pld [pc, #8]
 *   pld [r0, #4]
 *   pld [r0, #-4]
 *   pld [r0, r1, lsl #2]
 *   pldw [r0, #4]
 *   pli [r0, #4]
 *   pli [pc, #-20]
 *   pli [r0, r2]
 */
export const LIT: QemuProgram = {
  addr: 0x400000a8, end: 0x40000100,
  code: [
    0xf8df, 0x100c, 0xbf00, 0xf8df, 0x200c, 0xe9df, 0x4504, 0xf81f, 0x6003, 0xf000, 0xb808, 0x3344,
    0x1122, 0x7788, 0x5566, 0xbbcc, 0x99aa, 0xff00, 0xddee, 0xf93f, 0x700a, 0xf83f, 0x800c, 0xf91f,
    0x9009, 0xbf00, 0xf85f, 0xa016, 0xf89f, 0xf008, 0xf890, 0xf004, 0xf810, 0xfc04, 0xf810, 0xf021,
    0xf8b0, 0xf004, 0xf990, 0xf004, 0xf91f, 0xf014, 0xf910, 0xf002,
  ],
  regs: [0x0, 0xf0006003, 0x3344b808, 0x0, 0xbbcc5566, 0xff0099aa, 0x45, 0xffffbbcc, 0x99aa, 0xfffffff9, 0xddeeff00, 0x0, 0x400000a9, 0x40008000, 0x40000084, 0x40000100],
  psr: 0x600001f3,
};

/**
 * excl.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   movw r0, #0x2040
 *   movt r0, #0x4000
 *   movw r3, #0x5555
 *   ldrex r1, [r0, #4]
 *   add.w r0, r0, #4
 *   strex r2, r3, [r0]
 *   ldr.w r4, [r0]
 *   ldrex r1, [r0]
 *   clrex
 *   strex r5, r3, [r0]
 *   ldrexb r6, [r0]
 *   strexb r7, r0, [r0]
 *   ldrexh r8, [r0]
 *   strexh r9, r3, [r0]
 *   add.w r0, r0, #4
 *   ldrexd r10, r11, [r0]
 *   movw r12, #0x1234
 *   strexd r1, r12, r3, [r0]
 *   ldrd r10, r11, [r0]
 *   ldrh.w r12, [r0, #-4]
 *   ldrex r3, [r0, #8]
 *   strex r4, r3, [r0, #4]
 */
export const EXCL: QemuProgram = {
  addr: 0x400000a8, end: 0x40000100,
  code: [
    0xf242, 0x40, 0xf2c4, 0x0, 0xf245, 0x5355, 0xe850, 0x1f01, 0xf100, 0x4, 0xe840, 0x3200,
    0xf8d0, 0x4000, 0xe850, 0x1f00, 0xf3bf, 0x8f2f, 0xe840, 0x3500, 0xe8d0, 0x6f4f, 0xe8c0, 0xf47,
    0xe8d0, 0x8f5f, 0xe8c0, 0x3f59, 0xf100, 0x4, 0xe8d0, 0xab7f, 0xf241, 0x2c34, 0xe8c0, 0xc371,
    0xe9d0, 0xab00, 0xf830, 0xcc04, 0xe850, 0x3f02, 0xe840, 0x3401,
  ],
  regs: [0x40002048, 0x0, 0x0, 0x55555554, 0x1, 0x1, 0x55, 0x0, 0x5544, 0x0, 0x1234, 0x5555, 0x5555, 0x40008000, 0x40000084, 0x40000100],
  psr: 0x600001f3,
};

/**
 * br.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   mov.w r0, #0
 *   cmp.w r0, #1
 *   beq.w 1f
 *   add.w r0, r0, #1
 *   bne.w 1f
 *   add.w r0, r0, #0x10
 *   1:
 *   bl.w 2f
 *   add.w r0, r0, #0x100
 *   b.w 3f
 *   2:
 *   mov.w r1, lr
 *   add.w r0, r0, #0x1000
 *   bxj lr
 *   3:
 *   blx 4f
 *   add.w r0, r0, #0x20000
 *   mov.w r4, #0
 *   mov.w r5, #3
 *   tbb [pc, r4]
 *   5:
 *   .byte (6f-5b)/2, (7f-5b)/2, (8f-5b)/2, (9f-5b)/2
 *   6: add.w r0, r0, #0x300000
 *   b.w 10f
 *   7: add.w r0, r0, #0x400000
 *   b.w 10f
 *   8: add.w r0, r0, #0x500000
 *   b.w 10f
 *   9: add.w r0, r0, #0x600000
 *   10:
 *   movw r6, #:lower16:tab
 *   movt r6, #:upper16:tab
 *   tbh [r6, r5, lsl #1]
 *   11:
 *   add.w r0, r0, #0x7000000
 *   12:
 *   b.w tend
 *   .arm
 *   .align 2
 *   4:
 *   mov r2, lr
 *   add r0, r0, #0x10000
 *   bxj lr
 *   .thumb
 *   .align 2
 *   tab:
 *   .hword (11b-11b)/2, (12b-11b)/2, (11b-11b)/2, (12b-11b)/2
 *   nop
 */
export const BR: QemuProgram = {
  addr: 0x400000a8, end: 0x40000136,
  code: [
    0xf04f, 0x0, 0xf1b0, 0xf01, 0xf000, 0x8006, 0xf100, 0x1, 0xf040, 0x8002, 0xf100, 0x10,
    0xf000, 0xf804, 0xf500, 0x7080, 0xf000, 0xb806, 0xea4f, 0x10e, 0xf500, 0x5080, 0xf3ce, 0x8f00,
    0xf000, 0xe822, 0xf500, 0x3000, 0xf04f, 0x400, 0xf04f, 0x503, 0xe8df, 0xf004, 0x602, 0xe0a,
    0xf500, 0x1040, 0xf000, 0xb80a, 0xf500, 0x80, 0xf000, 0xb806, 0xf500, 0xa0, 0xf000, 0xb802,
    0xf500, 0xc0, 0xf240, 0x162c, 0xf2c4, 0x600, 0xe8d6, 0xf015, 0xf100, 0x60e0, 0xf000, 0xb80b,
    0x200e, 0xe1a0, 0x801, 0xe280, 0xff2e, 0xe12f, 0x0, 0x2, 0x0, 0x2, 0xbf00,
  ],
  regs: [0x331101, 0x400000c5, 0x400000dd, 0x0, 0x0, 0x3, 0x4000012c, 0x0, 0x0, 0x0, 0x0, 0x0, 0x400000a9, 0x40008000, 0x400000dd, 0x40000136],
  psr: 0x800001f3,
};

/**
 * sys.S (Thumb, only 32-bit instructions and NOPs), at 0x400000a8:
 *   movw r1, #0
 *   movt r1, #0xa800
 *   msr apsr_nzcvq, r1
 *   mrs r0, apsr
 *   cpsid.w if
 *   mrs r2, cpsr
 *   cps.w #0x1f
 *   mrs r3, cpsr
 *   mov.w r12, sp
 *   cps.w #0x13
 *   cpsie.w f
 *   mrs r4, cpsr
 *   movw r5, #0x1f3
 *   movt r5, #0x4000
 *   msr spsr_fsxc, r5
 *   mrs r6, spsr
 *   movw lr, #:lower16:1f+1
 *   movt lr, #:upper16:1f+1
 *   subs pc, lr, #4
 *   nop.w
 *   nop.w
 *   1:
 *   mrs r7, cpsr
 *   movw r8, #0x1d3
 *   movt r8, #0x2000
 *   msr spsr_fsxc, r8
 *   srsdb sp!, #0x13
 *   ldmia.w sp!, {r8, r9}
 *   movw r10, #:lower16:2f+1
 *   movt r10, #:upper16:2f+1
 *   movw r11, #0x01f3
 *   movt r11, #0x9000
 *   stmdb sp!, {r10, r11}
 *   rfeia sp!
 *   nop.w
 *   2:
 *   mrs r1, cpsr
 *   nop.w
 *   yield.w
 *   dsb sy
 *   dmb ish
 *   isb sy
 *   sev.w
 *   clrex
 */
export const SYS: QemuProgram = {
  addr: 0x400000a8, end: 0x40000150,
  code: [
    0xf240, 0x100, 0xf6ca, 0x100, 0xf381, 0x8800, 0xf3ef, 0x8000, 0xf3af, 0x8660, 0xf3ef, 0x8200,
    0xf3af, 0x811f, 0xf3ef, 0x8300, 0xea4f, 0xc0d, 0xf3af, 0x8113, 0xf3af, 0x8420, 0xf3ef, 0x8400,
    0xf240, 0x15f3, 0xf2c4, 0x500, 0xf395, 0x8f00, 0xf3ff, 0x8600, 0xf240, 0xefd, 0xf2c4, 0xe00,
    0xf3de, 0x8f04, 0xf3af, 0x8000, 0xf3af, 0x8000, 0xf3ef, 0x8700, 0xf240, 0x18d3, 0xf2c2, 0x800,
    0xf398, 0x8f00, 0xe82d, 0xc013, 0xe8bd, 0x300, 0xf240, 0x1a31, 0xf2c4, 0xa00, 0xf240, 0x1bf3,
    0xf2c9, 0xb00, 0xe92d, 0xc00, 0xe9bd, 0xc000, 0xf3af, 0x8000, 0xf3ef, 0x8100, 0xf3af, 0x8000,
    0xf3af, 0x8001, 0xf3bf, 0x8f4f, 0xf3bf, 0x8f5b, 0xf3bf, 0x8f6f, 0xf3af, 0x8004, 0xf3bf, 0x8f2f,
  ],
  regs: [0xa80001d3, 0x900001d3, 0xa80001d3, 0xa80001df, 0xa8000193, 0x400001f3, 0x400001f3, 0x400001d3, 0x400000fd, 0x200001d3, 0x40000131, 0x900001f3, 0x0, 0x40008000, 0x400000fd, 0x40000150],
  psr: 0x900001f3,
};
