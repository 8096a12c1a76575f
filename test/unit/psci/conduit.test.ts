// The core's PSCI conduit hook (core/exec/psci.ts): with the conduit set, HVC (or SMC) in A32
// and T32 passes r0..r3 to the host's psci import, puts the answer in r0 and continues at the
// next instruction (QEMU: serviced before the architectural checks, #imm ignored); otherwise,
// and always in User mode, the instruction stays UNDEFINED.
import { describe, it, expect } from "vitest";
import { instantiateCore, type CoreExports } from "../../../machines/core.js";
import { GUEST_RAM_HOST, STOP_HOST, STOP_BUDGET } from "../../../core/state/layout.js";

const RAM = 0x4000_0000;
const HVC = 0xe140_0070, SMC = 0xe160_0070, NOP = 0xe320_f000;
const MOV_R5_1 = 0xe3a0_5001;
const T_HVC = [0xf7e0, 0x8000], T_SMC = [0xf7f0, 0x8000];
const MODE_UND = 0x1b, MODE_SVC = 0x13, MODE_USR = 0x10;

interface Rig { core: CoreExports; calls: number[][]; }

function rig(conduit: number, answer: (args: number[], core: CoreExports) => number = () => 0x1234_5678): Rig {
  const calls: number[][] = [];
  const core: CoreExports = instantiateCore(1 << 16, {
    mmioRead: () => 0, mmioWrite: () => {}, semihosting: () => 0, hostNowNs: () => 0, trace: () => {},
    psci: (fn, a1, a2, a3) => { const args = [fn >>> 0, a1 >>> 0, a2 >>> 0, a3 >>> 0]; calls.push(args); return answer(args, core); },
  });
  core.cpuReset();
  core.mapRam(RAM, 0, 1 << 16, GUEST_RAM_HOST);
  core.setPsciConduit(conduit);
  for (let i = 0; i < 4; i++) core.setReg(i, [0x8400_0003, 0xffff_fff1, 0x4000_0101, 0xdead_beef][i]);
  return { core, calls };
}

function words(core: CoreExports, ws: number[]): void {
  const dv = new DataView(core.memory.buffer, GUEST_RAM_HOST);
  ws.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  core.setReg(15, RAM);
}

function halfwords(core: CoreExports, hs: number[]): void {
  const dv = new DataView(core.memory.buffer, GUEST_RAM_HOST);
  hs.forEach((h, i) => dv.setUint16(2 * i, h, true));
  core.setReg(15, RAM);
  core.setCpsr(core.getCpsr() | 0x20);
}

const mode = (core: CoreExports) => core.getCpsr() & 0x1f;

describe("PSCI conduit in the core", () => {
  it("HVC on the HVC conduit: host gets r0..r3, r0 = answer, next instruction, no exception", () => {
    const { core, calls } = rig(1, () => -2);
    words(core, [HVC, MOV_R5_1]);
    const cpsr = core.getCpsr();
    expect(core.run(2)).toBe(STOP_BUDGET);
    expect(calls).toEqual([[0x8400_0003, 0xffff_fff1, 0x4000_0101, 0xdead_beef]]);
    expect(core.getReg(0) >>> 0).toBe(0xffff_fffe);
    expect([core.getReg(1) >>> 0, core.getReg(2) >>> 0, core.getReg(3) >>> 0]).toEqual([0xffff_fff1, 0x4000_0101, 0xdead_beef]);
    expect(core.getReg(5)).toBe(1); // the instruction after HVC ran
    expect(core.getReg(15) >>> 0).toBe(RAM + 8);
    expect(core.getCpsr() >>> 0).toBe(cpsr >>> 0);
    expect(core.getReg(14)).toBe(0); // no exception entry wrote LR
  });

  it("ignores the immediate of HVC", () => {
    const { core, calls } = rig(1);
    words(core, [0xe14b_ee7f]); // HVC #0xbeef
    core.run(1);
    expect(calls.length).toBe(1);
    expect(core.getReg(0) >>> 0).toBe(0x1234_5678);
  });

  it("without a conduit HVC and SMC stay UNDEFINED", () => {
    for (const insn of [HVC, SMC]) {
      const { core, calls } = rig(0);
      words(core, [insn]);
      core.run(1);
      expect(calls).toEqual([]);
      expect(mode(core)).toBe(MODE_UND);
      expect(core.getReg(14) >>> 0).toBe(RAM + 4);
      expect(core.getReg(0) >>> 0).toBe(0x8400_0003);
    }
  });

  it("only the conduit's instruction is serviced: HVC conduit leaves SMC UNDEFINED and vice versa", () => {
    const h = rig(1);
    words(h.core, [SMC]);
    h.core.run(1);
    expect(h.calls).toEqual([]);
    expect(mode(h.core)).toBe(MODE_UND);

    const s = rig(2);
    words(s.core, [SMC]);
    s.core.run(1);
    expect(s.calls.length).toBe(1);
    expect(mode(s.core)).toBe(MODE_SVC);
    expect(s.core.getReg(15) >>> 0).toBe(RAM + 4);

    const s2 = rig(2);
    words(s2.core, [HVC]);
    s2.core.run(1);
    expect(s2.calls).toEqual([]);
    expect(mode(s2.core)).toBe(MODE_UND);
  });

  it("User mode: HVC is UNDEFINED even on the conduit (QEMU checks the privilege first)", () => {
    const { core, calls } = rig(1);
    words(core, [HVC]);
    core.setCpsr((core.getCpsr() & ~0x1f) | MODE_USR);
    core.run(1);
    expect(calls).toEqual([]);
    expect(mode(core)).toBe(MODE_UND);
  });

  it("a failed condition does not call PSCI", () => {
    const { core, calls } = rig(1);
    words(core, [0x0140_0070]); // HVCEQ with Z clear (reset CPSR has Z set: clear it)
    core.setCpsr(core.getCpsr() & ~0x4000_0000);
    core.run(1);
    expect(calls).toEqual([]);
    expect(core.getReg(15) >>> 0).toBe(RAM + 4);
  });

  it("T32 HVC and SMC on their conduits: serviced, PC + 4, still Thumb", () => {
    for (const [conduit, insn] of [[1, T_HVC], [2, T_SMC]] as const) {
      const { core, calls } = rig(conduit, () => 0x10001);
      halfwords(core, [...insn, 0x2501]); // ...; MOVS r5, #1
      core.run(2);
      expect(calls.length).toBe(1);
      expect(core.getReg(0)).toBe(0x10001);
      expect(core.getReg(5)).toBe(1);
      expect(core.getReg(15) >>> 0).toBe(RAM + 6);
      expect(core.getCpsr() & 0x3f).toBe(0x20 | MODE_SVC);
    }
    const { core, calls } = rig(0);
    halfwords(core, T_HVC);
    core.run(1);
    expect(calls).toEqual([]);
    expect(mode(core)).toBe(MODE_UND);
  });

  it("a stop requested by the host during the call ends the run right after the instruction", () => {
    const { core } = rig(1, (_a, c) => { c.requestStop(); return 0; });
    words(core, [HVC, MOV_R5_1, NOP]);
    expect(core.run(3)).toBe(STOP_HOST);
    expect(core.getReg(15) >>> 0).toBe(RAM + 4);
    expect(core.getReg(5)).toBe(0);
  });
});
