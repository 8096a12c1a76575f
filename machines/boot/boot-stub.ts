// The A32 code QEMU's direct kernel boot puts in guest memory (hw/arm/boot.c), word for word
// the same so memory dumps and traces match: the primary CPU's stub at loader_start and the
// holding pen the secondary CPUs spin in until Linux gives them an entry point.

/** DSB SY (ARMv7 encoding; QEMU uses the CP15 barrier only on pre-v7 cores). */
export const DSB_SY = 0xf57ff04f;

/**
 * Primary boot stub (7 words). Linux's boot protocol: r0 = 0, r1 = machine type,
 * r2 = DTB (or ATAGS) address, MMU off, then jump to the kernel.
 *   +0x00  mov r0, #0
 *   +0x04  ldr r1, [pc, #4]   ; r1 = word at +0x10 (pc reads as +0x0c)
 *   +0x08  ldr r2, [pc, #4]   ; r2 = word at +0x14
 *   +0x0c  ldr pc, [pc, #4]   ; jump to the word at +0x18 (an A32 entry; LDR to PC interworks)
 *   +0x10  board id
 *   +0x14  DTB / ATAGS address
 *   +0x18  kernel entry
 */
export function primaryStub(boardId: number, argPtr: number, entry: number): Uint32Array {
  return Uint32Array.of(
    0xe3a00000, // mov r0, #0
    0xe59f1004, // ldr r1, [pc, #4]
    0xe59f2004, // ldr r2, [pc, #4]
    0xe59ff004, // ldr pc, [pc, #4]
    boardId >>> 0,
    argPtr >>> 0,
    entry >>> 0,
  );
}

/**
 * Secondary holding pen (14 words), the realview/vexpress protocol: enable this CPU's GIC CPU
 * interface so an SGI can wake it, then sleep in WFI and poll the boot register (SYS_FLAGS
 * on vexpress) until it holds the address to start at. BX so a Thumb entry also works.
 *   +0x00  ldr r2, [pc, #40]    ; r2 = GIC CPU interface base (word at +0x30)
 *   +0x04  ldr r0, [pc, #40]    ; r0 = boot register address (word at +0x34)
 *   +0x08  mov r1, #1
 *   +0x0c  str r1, [r2]         ; GICC_CTLR = 1: enable signalling
 *   +0x10  mov r1, #0xff
 *   +0x14  str r1, [r2, #4]     ; GICC_PMR = 0xff: let every priority through
 *   +0x18  dsb sy
 *   +0x1c  wfi                  ; <- loop
 *   +0x20  ldr r1, [r0]
 *   +0x24  tst r1, r1
 *   +0x28  beq +0x1c            ; nothing yet: sleep again
 *   +0x2c  bx r1
 *   +0x30  GIC CPU interface address
 *   +0x34  boot register address
 */
export function smpPen(gicCpuIf: number, bootReg: number): Uint32Array {
  return Uint32Array.of(
    0xe59f2028, // ldr r2, [pc, #40]
    0xe59f0028, // ldr r0, [pc, #40]
    0xe3a01001, // mov r1, #1
    0xe5821000, // str r1, [r2]
    0xe3a010ff, // mov r1, #255
    0xe5821004, // str r1, [r2, #4]
    DSB_SY,     // dsb sy
    0xe320f003, // wfi
    0xe5901000, // ldr r1, [r0]
    0xe1110001, // tst r1, r1
    0x0afffffb, // beq <wfi> (offset -5 words from pc = +0x30)
    0xe12fff11, // bx r1
    gicCpuIf >>> 0,
    bootReg >>> 0,
  );
}

/** Little-endian bytes of a word array (guest memory order). */
export function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w, true));
  return out;
}
