import { describe, it, expect } from "vitest";
import { runA32, RAM_BASE, flagsOf } from "../../../helpers/core-harness.js";

describe("core smoke", () => {
  it("MOV immediate and branch", () => {
    // mov r0,#0x12 ; movs r1,#0 ; b .+8 ; mov r2,#1 (skipped) ; mov r3,#0xff000000
    const h = runA32([0xe3a00012, 0xe3b01000, 0xea000000, 0xe3a02001, 0xe3a034ff], {}, 4);
    const r = h.regs();
    expect(r[0]).toBe(0x12);
    expect(r[1]).toBe(0);
    expect(r[2]).toBe(0);
    expect(r[3]).toBe(0xff000000);
    expect(flagsOf(h.core.getCpsr()) & 0b0100).toBe(0b0100); // Z set by MOVS #0
    expect(r[15]).toBe(RAM_BASE + 20);
  });
});

describe("reset state", () => {
  it("matches QEMU's Cortex-A15: SVC mode, A I F masked, Z set (CPSR 0x400001d3)", async () => {
    const { makeHarness } = await import("../../../helpers/core-harness.js");
    expect(makeHarness().core.getCpsr() >>> 0).toBe(0x400001d3);
  });
});
