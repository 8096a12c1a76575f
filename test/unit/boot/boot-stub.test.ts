import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lacksCommand } from "../../helpers/requirements.js";
import { primaryStub, smpPen, wordsToBytes } from "../../../machines/boot/boot-stub.js";
import { S_HALTED } from "../../../core/state/layout.js";
import { RAM_BASE, runA32 } from "../../helpers/core-harness.js";

const OBJDUMP = "arm-none-eabi-objdump";

/** Disassemble A32 words with binutils: one "mnemonic operands" string per word. */
function disassemble(words: Uint32Array, vma: number): string[] {
  const f = join(mkdtempSync(join(tmpdir(), "armlet-stub-")), "stub.bin");
  writeFileSync(f, wordsToBytes(words));
  const out = execFileSync(OBJDUMP, ["-D", "-b", "binary", "-marm", `--adjust-vma=0x${vma.toString(16)}`, f], { encoding: "utf8" });
  return out.split("\n").filter((l) => /^\s*[0-9a-f]+:\t/.test(l))
    .map((l) => l.split("\t").slice(2).join(" ").replace(/\s*[;@].*$/, "").replace(/\s+/g, " ").trim());
}

describe("boot stub words", () => {
  it("primary stub is QEMU's: mov r0,#0; ldr r1/r2/pc from the literal words", () => {
    const w = primaryStub(0x8e0, 0x880d8000, 0x80010000);
    expect(Array.from(w)).toEqual([0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0x8e0, 0x880d8000, 0x80010000]);
  });

  it.skipIf(lacksCommand(OBJDUMP))("objdump reads the intended instructions", () => {
    const s = disassemble(primaryStub(0x8e0, 0x880d8000, 0x80010000).subarray(0, 4), 0x80000000);
    expect(s).toEqual(["mov r0, #0", "ldr r1, [pc, #4]", "ldr r2, [pc, #4]", "ldr pc, [pc, #4]"]);
    const p = disassemble(smpPen(0x2c002000, 0x1c010030).subarray(0, 12), 0x14000000);
    expect(p).toEqual([
      "ldr r2, [pc, #40]", "ldr r0, [pc, #40]", "mov r1, #1", "str r1, [r2]", "mov r1, #255", "str r1, [r2, #4]",
      "dsb sy", "wfi", "ldr r1, [r0]", "tst r1, r1", "beq 0x1400001c", "bx r1",
    ]);
  });

  it("primary stub run on the core sets r0/r1/r2 and jumps to the entry", () => {
    const entry = RAM_BASE + 0x10000;
    const h = runA32(Array.from(primaryStub(0x8e0, 0x880d8000, entry)), { regs: { 0: 7, 1: 7, 2: 7 } }, 4);
    const r = h.regs();
    expect([r[0], r[1], r[2], r[15]]).toEqual([0, 0x8e0, 0x880d8000, entry]);
  });

  it("pen run on the core: enables the CPU interface, then branches (BX, Thumb allowed) once the boot register is set", () => {
    const gicc = RAM_BASE + 0x1000, bootReg = RAM_BASE + 0x2000;
    // Boot register already non-zero with a Thumb address: the first poll after WFI takes it.
    const words = Array.from(smpPen(gicc, bootReg));
    const h = runA32(words, {}, 0);
    h.poke32(bootReg, (RAM_BASE + 0x3001) >>> 0);
    h.poke32(RAM_BASE + 0x3000, 0xe7fee7fe); // b . (T16) x2
    h.core.setReg(15, RAM_BASE);
    h.core.run(8); // up to and including WFI: the CPU sleeps
    expect(h.regs()[15]).toBe(RAM_BASE + 0x20);
    // An interrupt (here: the host) wakes it; it polls the boot register and leaves.
    new DataView(h.core.memory.buffer).setUint32(h.core.stateBase() + S_HALTED, 0, true);
    h.core.run(4);
    expect(h.peek32(gicc)).toBe(1);       // GICC_CTLR
    expect(h.peek32(gicc + 4)).toBe(0xff); // GICC_PMR
    expect(h.regs()[15]).toBe(RAM_BASE + 0x3000);
    expect((h.core.getCpsr() >>> 5) & 1).toBe(1); // T
  });
});
