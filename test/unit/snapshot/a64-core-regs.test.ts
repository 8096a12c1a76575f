// The Cortex-A57's own registers through a save and a load (machines/snapshot/cpu/core-regs-a64.ts):
// every slot of the core's AArch64 state given a distinct value, in AArch64 EL1h, EL1t and EL0t
// and in AArch32 User mode under AArch64 EL1; a new machine that loads the stream has the same
// bytes in each slot. The same stream through QEMU's fields only (armlet-cpu dropped) keeps
// everything but what armlet-cpu adds (the monitor's access size). Bad PSTATEs are refused.
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { writeStream } from "../../../machines/snapshot/stream.js";
import { loadSnapshot } from "../../../machines/snapshot/loadvm.js";
import {
  S_REGS, S_NF, S_ZF, S_CF, S_VF, S_QF, S_GE, S_CPSR_REST, S_X, S_PC64, S_SP_EL0, S_SP_EL1, S_ELR_EL1, S_SPSR_SVC,
  S_EXCL_ADDR, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL2, S_VFP, S_FPSCR, STATE,
} from "../../../core/state/layout.js";
import { rewriteCpuLists } from "../../helpers/kvm-fixture.js";

const KERNEL = "roms/bin/a64/traps.elf";
const machine = () => new Machine({ machine: "virt", cpu: "cortex-a57", memory: 128, kernel: KERNEL, onConsole: () => {} });
function stream(m: Machine): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeStream(snapshotContent(m), (c) => chunks.push(c));
  return Buffer.concat(chunks);
}
const dv = (m: Machine) => new DataView(m.core.memory.buffer);

/** Byte ranges of the state a load must restore (flags as the core stores them). */
const SLOTS: [string, number, number][] = [
  ["X0-X30, SP", S_X, 256], ["PC", S_PC64, 8], ["SP_EL0, SP_EL1, ELR_EL1", S_SP_EL0, 24], ["SPSR_EL1", S_SPSR_SVC, 4],
  ["NZCV", S_NF, 16], ["PSTATE rest", S_CPSR_REST, 4], ["V0-V31", S_VFP, 512], ["FPSCR", S_FPSCR, 4],
  ["monitor", S_EXCL_ADDR, 8], ["monitor valid", S_EXCL_VALID, 4], ["monitor value", S_EXCL_VAL, 8], ["LDXP high", S_EXCL_VAL2, 8],
];

/** Fill the slots with distinct bytes, then the PSTATE and flags of `pstate`. */
function fill(m: Machine, pstate: number, aarch32 = false) {
  const v = dv(m);
  let k = 1;
  for (const [, off, len] of SLOTS) for (let i = 0; i < len; i++) v.setUint8(STATE + off + i, (k++ * 37) & 0xff);
  if (aarch32) for (let i = 0; i < 16; i++) v.setUint32(STATE + S_REGS + 4 * i, 0x1000_0000 + i * 0x111, true);
  v.setUint32(STATE + S_REGS + 60, 0x4000_2000, true);
  v.setUint32(STATE + S_NF, pstate & 0x8000_0000, true);
  v.setUint32(STATE + S_ZF, pstate & 0x4000_0000 ? 0 : 1, true);
  v.setUint32(STATE + S_CF, (pstate >>> 29) & 1, true);
  v.setUint32(STATE + S_VF, (pstate << 3) & 0x8000_0000, true);
  v.setUint32(STATE + S_QF, aarch32 ? (pstate >>> 27) & 1 : 0, true);
  v.setUint32(STATE + S_GE, aarch32 ? (pstate >>> 16) & 0xf : 0, true);
  v.setUint32(STATE + S_CPSR_REST, aarch32 ? pstate & ~0xf80f_0000 : pstate & 0x0fff_ffff, true);
  v.setUint32(STATE + S_EXCL_VALID, 1, true);
  v.setUint32(STATE + S_SPSR_SVC, 0x6000_03c5, true);
  v.setUint32(STATE + S_FPSCR, 0x0340_009f, true);
  if (aarch32) for (let i = 15; i < 31; i++) v.setUint32(STATE + S_X + 8 * i + 4, 0, true); // 32-bit values there
}
const snapshotOf = (m: Machine) => SLOTS.map(([name, off, len]) => [name, Buffer.from(new Uint8Array(m.core.memory.buffer, STATE + off, len)).toString("hex")]);

describe("the A57's registers through a save and a load", () => {
  for (const [what, pstate, aarch32] of [
    ["AArch64 EL1h", 0x9000_03c5, false], ["AArch64 EL1t", 0x6000_0344, false], ["AArch64 EL0t", 0x2000_0000, false],
    ["AArch32 User under EL1", 0xa80f_0030, true],
  ] as const) {
    it(what, () => {
      const a = machine();
      fill(a, pstate, aarch32);
      const regs = aarch32 ? Array.from({ length: 16 }, (_, i) => dv(a).getUint32(STATE + S_REGS + 4 * i, true)) : [];
      const before = snapshotOf(a);
      const bytes = stream(a);
      // Saving stores the live SP in its bank (the selected bank's old value is stale, not state).
      const want = snapshotOf(a);
      expect(want.filter(([n]) => !n.startsWith("SP_EL0")), "only the selected SP bank changes").toEqual(before.filter(([n]) => !n.startsWith("SP_EL0")));
      a.dispose();
      const b = machine();
      loadSnapshot(b, "x", bytes);
      b.cpus.switchTo(0);
      expect(snapshotOf(b)).toEqual(want);
      if (aarch32) expect(Array.from({ length: 16 }, (_, i) => dv(b).getUint32(STATE + S_REGS + 4 * i, true))).toEqual(regs);
      b.dispose();
      // QEMU's fields alone (no armlet-cpu): the same registers
      const c = machine();
      loadSnapshot(c, "x", rewriteCpuLists(bytes, () => undefined, { dropArmletSections: true, aarch64: true }));
      c.cpus.switchTo(0);
      expect(snapshotOf(c)).toEqual(want);
      c.dispose();
    });
  }

  it("refuses a PSTATE at EL2, and an AArch32 mode other than User, naming it", () => {
    const a = machine();
    const bytes = stream(a);
    a.dispose();
    for (const [cpsr, msg] of [[0x3c9, /EL2, which this Cortex-A57 \(EL0 and EL1 only\) lacks/], [0x1d3, /AArch32 is only at EL0/]] as const) {
      const bad = rewriteCpuLists(bytes, (c) => { c.state.cpsr = cpsr; }, { aarch64: true });
      const b = machine();
      expect(() => loadSnapshot(b, "x", bad)).toThrow(msg);
      b.dispose();
    }
  });
});
