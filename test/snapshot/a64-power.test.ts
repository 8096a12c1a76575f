// PSCI power state of AArch64 vCPUs in a snapshot (virt --cpu cortex-a57 --smp 2), as for the
// A15: a secondary still off at the save stays off after loading; one started by PSCI CPU_ON
// (HVC from AArch64) runs on from its saved registers; a stream without armlet's sections (as
// QEMU writes) is read through QEMU's powered_off field, and a CPU the stream has on where the
// board starts it off is reported.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { loadSnapshot } from "../../machines/snapshot/loadvm.js";
import { writeElf64 } from "../../machines/elf-writer.js";
import { S_X } from "../../core/state/layout.js";
import { rewriteCpuLists } from "../helpers/kvm-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "armlet-a64-power-"));

/** cpu0: PSCI CPU_ON (the SMC32 id 0x84000003, which AArch64 callers may use) of MPIDR 1 at `sec`
 *  by HVC, then spins; `sec`: x5 = 0x1234, spins. */
function cpuOnElf(withCpuOn: boolean): string {
  const words = [
    0xd2800060, 0xf2b08000, // x0 = 0x84000003
    0xd2800021, // x1 = 1
    0x10000082, // adr x2, sec
    0xd2800003, // x3 = 0
    withCpuOn ? 0xd4000002 : 0xd503201f, // hvc #0, or nop
    0x14000000, // b .
    0xd2824685, // sec: movz x5, #0x1234
    0x14000000, // b .
  ];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  const p = join(dir, withCpuOn ? "cpu-on.elf" : "no-cpu-on.elf");
  writeFileSync(p, writeElf64(0x4000_0000, [{ addr: 0x4000_0000, data: b }]));
  return p;
}

const opts = (kernel: string) => ({ machine: "virt", cpu: "cortex-a57", smp: 2, memory: "128M", kernel, nsPerInsn: 1, icountSleep: false, onConsole: () => {} });
const NAMES = ["On", "Off", "OnPending"];
const powers = (m: Machine) => [0, 1].map((c) => NAMES[m.cpus.powerState(c)]);
/** A CPU's X0..X30, SP and PC (32-bit halves). */
const regs = (m: Machine, cpu: number) => Array.from({ length: 66 }, (_, i) => m.cpus.peek32(cpu, S_X + 4 * i));

async function savedAfter(kernel: string, file: string): Promise<{ powers: string[]; cpu1: number[] }> {
  const m = new Machine(opts(kernel));
  let seen = { powers: [] as string[], cpu1: [] as number[] };
  void m.whenRetired(20_000, () => { saveSnapshot(m, file); seen = { powers: powers(m), cpu1: regs(m, 1) }; m.quit(); });
  await m.run().finally(() => m.dispose());
  return seen;
}

function loaded(kernel: string, file: string) {
  const m = new Machine(opts(kernel));
  const r = loadSnapshot(m, file);
  return { m, r };
}

describe("AArch64 vCPU power state in a snapshot (virt, cortex-a57, --smp 2)", () => {
  it("a secondary started by CPU_ON runs on after loading, with its registers", async () => {
    const elf = cpuOnElf(true), file = join(dir, "on.snap");
    const saved = await savedAfter(elf, file);
    expect(saved.powers).toEqual(["On", "On"]);
    const { m, r } = loaded(elf, file);
    try {
      expect(powers(m)).toEqual(["On", "On"]);
      expect(regs(m, 1)).toEqual(saved.cpu1);
      expect(saved.cpu1[10], "the secondary ran its entry (x5)").toBe(0x1234);
      expect(r.report.notes.join("\n")).toMatch(/cpu 1: powered on in the snapshot \(the board starts it off\)/);
    } finally { m.dispose(); }
  }, 60_000);

  it("a secondary never started stays off; QEMU's powered_off field alone says the same", async () => {
    const elf = cpuOnElf(false), file = join(dir, "off.snap");
    expect((await savedAfter(elf, file)).powers).toEqual(["On", "Off"]);
    let { m } = loaded(elf, file);
    expect(powers(m)).toEqual(["On", "Off"]);
    m.dispose();
    // as QEMU writes it: no armlet sections, power from `powered_off`
    const qemuLike = join(dir, "off-qemu.snap");
    writeFileSync(qemuLike, rewriteCpuLists(new Uint8Array(readFileSync(file)), () => undefined, { dropArmletSections: true, aarch64: true }));
    ({ m } = loaded(elf, qemuLike));
    expect(powers(m)).toEqual(["On", "Off"]);
    m.dispose();
    // the field set to "on" for cpu 1: it runs, and the load says so
    const onByField = join(dir, "on-by-field.snap");
    writeFileSync(onByField, rewriteCpuLists(new Uint8Array(readFileSync(file)), (c) => { if (c.cpu === 1) c.state.power_state = 0; },
      { dropArmletSections: true, aarch64: true }));
    const l = loaded(elf, onByField);
    expect(powers(l.m)).toEqual(["On", "On"]);
    expect(l.r.report.notes.join("\n")).toMatch(/cpu 1: powered on in the snapshot/);
    l.m.dispose();
  }, 60_000);
});
