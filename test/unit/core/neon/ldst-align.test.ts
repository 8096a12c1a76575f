// Loads/stores under SCTLR.A = 1 (alignment checking: QEMU 7.2 checks the first access against
// the element size, or the :align value when given; a 64-bit access that QEMU forms from one
// register's consecutive elements keeps only the element's alignment), and the FP/SIMD access
// control (CPACR.cp10, FPEXC.EN) that makes every Advanced SIMD instruction UNDEFINED.
// Expected values follow QEMU 7.2's translate-neon.c (qemu-arm cannot set SCTLR.A).
import { describe, it, expect } from "vitest";
import { RAM_BASE } from "../../../helpers/core-harness.js";
import { S_VFP, S_FPEXC } from "../../../../core/state/layout.js";
import { key } from "../mmu-harness.js";
import { neonHarness } from "./other-replay.js";

const BUF = RAM_BASE + 0x20000;
const MODE_UND = 0x1b, MODE_ABT = 0x17;

function run(insn: number, r0: number, opts: { alignCheck?: boolean; fpexc?: number; cpacr?: number } = {}) {
  const h = neonHarness();
  if (opts.alignCheck) h.core.writeSysreg(key("SCTLR"), (h.core.readSysreg(key("SCTLR")) | 2) >>> 0);
  const dv = new DataView(h.core.memory.buffer);
  if (opts.fpexc !== undefined) dv.setUint32(h.core.stateBase() + S_FPEXC, opts.fpexc, true);
  if (opts.cpacr !== undefined) h.core.writeSysreg(key("CPACR"), opts.cpacr);
  for (let i = 0; i < 64; i++) h.ram[BUF - RAM_BASE + i] = i + 1;
  for (let i = 0; i < 32; i++) dv.setBigUint64(h.core.stateBase() + S_VFP + 8 * i, 0xa0a0a0a0_00000000n | BigInt(i), true);
  h.poke32(RAM_BASE, insn);
  h.core.setReg(0, r0 >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(1);
  const mode = h.core.getCpsr() & 0x1f;
  return {
    undef: mode === MODE_UND,
    abort: mode === MODE_ABT,
    dfar: h.core.readSysreg(key("DFAR")) >>> 0,
    dfsr: h.core.readSysreg(key("DFSR")) >>> 0,
    d0: dv.getBigUint64(h.core.stateBase() + S_VFP, true),
    r0: h.core.getReg(0) >>> 0,
    mem: (i: number) => h.ram[BUF - RAM_BASE + i],
  };
}

// encodings, Rn = r0, Vd = d0
const VLD1_8 = 0xf420070f, VLD1_16 = 0xf420074f, VLD1_32x2 = 0xf4200a8f, VLD1_64 = 0xf42007cf;
const VLD2_16 = 0xf420084f, VLD4_8 = 0xf420000f, VST1_16 = 0xf400074f, VLD1_64_al64 = 0xf42007df;
const VLD1_32_lane1 = 0xf4a0088f, VLD1_8_all = 0xf4a00c0f, VLD1_16_all = 0xf4a00c4f;

describe("NEON loads/stores with SCTLR.A = 1", () => {
  it("VLD1.8 at an odd address: byte elements need no alignment", () => {
    const o = run(VLD1_8, BUF + 1, { alignCheck: true });
    expect(o.abort).toBe(false);
    expect(o.d0).toBe(0x0908070605040302n);
  });
  it("VLD1.16 at an odd address: alignment fault, DFAR = address, D0 unchanged", () => {
    const o = run(VLD1_16, BUF + 1, { alignCheck: true });
    expect(o.abort).toBe(true);
    expect(o.dfar).toBe((BUF + 1) >>> 0);
    expect(o.dfsr & 0x40f).toBe(1);
    expect(o.d0).toBe(0xa0a0a0a0_00000000n);
  });
  it("VLD1.16 at an odd address loads when SCTLR.A = 0", () => {
    const o = run(VLD1_16, BUF + 1);
    expect(o.abort).toBe(false);
    expect(o.d0).toBe(0x0908070605040302n);
  });
  it("VLD1.32 {d0,d1} 4-aligned but not 8-aligned: element alignment only", () => {
    const o = run(VLD1_32x2, BUF + 4, { alignCheck: true });
    expect(o.abort).toBe(false);
    expect(o.d0).toBe(0x0c0b0a0908070605n);
  });
  it("VLD1.64 4-aligned: fault (64-bit elements)", () => {
    expect(run(VLD1_64, BUF + 4, { alignCheck: true }).abort).toBe(true);
  });
  it("VLD1.64 :64 at 4 mod 8 faults even with SCTLR.A = 0", () => {
    const o = run(VLD1_64_al64, BUF + 4);
    expect(o.abort).toBe(true);
    expect(o.r0).toBe((BUF + 4) >>> 0); // no writeback
  });
  it("VLD2.16 at an odd address faults; VLD4.8 does not", () => {
    expect(run(VLD2_16, BUF + 1, { alignCheck: true }).abort).toBe(true);
    expect(run(VLD4_8, BUF + 1, { alignCheck: true }).abort).toBe(false);
  });
  it("single lane and all lanes check the element size", () => {
    expect(run(VLD1_32_lane1, BUF + 2, { alignCheck: true }).abort).toBe(true);
    expect(run(VLD1_32_lane1, BUF + 4, { alignCheck: true }).abort).toBe(false);
    expect(run(VLD1_8_all, BUF + 3, { alignCheck: true }).abort).toBe(false);
    expect(run(VLD1_16_all, BUF + 3, { alignCheck: true }).abort).toBe(true);
  });
  it("VST1.16 at an odd address: fault, memory untouched", () => {
    const o = run(VST1_16, BUF + 1, { alignCheck: true });
    expect(o.abort).toBe(true);
    expect([o.mem(1), o.mem(2)]).toEqual([2, 3]);
  });
});

describe("Advanced SIMD access control", () => {
  const words = [VLD1_8, 0xf2000d00 /* VADD.F32 d0,d0,d0 */, 0xf3b00000 /* VREV64.8 */, 0xf3b00800 /* VTBL */];
  it("FPEXC.EN = 0: UNDEFINED", () => {
    for (const w of words) expect(run(w, BUF, { fpexc: 0 }).undef).toBe(true);
  });
  it("CPACR.cp10 = 0: UNDEFINED", () => {
    for (const w of words) expect(run(w, BUF, { cpacr: 0 }).undef).toBe(true);
  });
  it("enabled: runs", () => {
    for (const w of words) expect(run(w, BUF).undef).toBe(false);
  });
});
