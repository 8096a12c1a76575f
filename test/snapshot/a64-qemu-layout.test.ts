// The `cpu_common` and `cpu` sections armlet writes for a Cortex-A57 on virt, against the ones
// qemu-system-aarch64 7.2 writes for `-M virt -cpu cortex-a57 -smp 2` (paused at reset, started
// with -nic none): the same fields and subsections (cpu/vfp and cpu/irq-line-state, no ThumbEE),
// the same register list (ids and order) per CPU, the AArch64 reset state QEMU has (EL1h with
// DAIF masked, the FP identification registers), and the secondary powered off as QEMU's.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { findVmdesc, readStream } from "../../machines/snapshot/stream.js";
import { CPU_DECL_A64, emptyCpuState } from "../../machines/snapshot/cpu/layout.js";
import { QEMU_SYSTEM_AARCH64 } from "../helpers/qemu.js";
import { qemuStream } from "../helpers/qemu-stream.js";
import { lacksCommand } from "../helpers/requirements.js";

const ELF = join(__dirname, "..", "..", "roms", "bin", "a64", "traps.elf");

function oursAtReset(): Uint8Array {
  const file = join(mkdtempSync(join(tmpdir(), "armlet-a64-layout-")), "reset.snap");
  const m = new Machine({ machine: "virt", cpu: "cortex-a57", smp: 2, memory: "128M", kernel: ELF, semihosting: true, nsPerInsn: 1 });
  try { saveSnapshot(m, file); } finally { m.dispose(); }
  return new Uint8Array(readFileSync(file));
}

const decode = (b: Uint8Array) => readStream(b, (id) => (id === "cpu" ? { decl: CPU_DECL_A64, state: emptyCpuState() } : undefined));
const u64 = (x: unknown) => BigInt.asUintN(64, BigInt(x as bigint));
/** A section's JSON description without what differs by design (the list's length is checked apart). */
const shape = (d: any) => JSON.stringify(d, (k, v) => (k === "instance_id" ? undefined : v));

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("armlet's Cortex-A57 CPU sections against qemu-system-aarch64 7.2's", () => {
  it("same layout, same register list, same reset state and power states", async () => {
    const qemu = await qemuStream(["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", "128M"], { binary: QEMU_SYSTEM_AARCH64 });
    const ours = oursAtReset();
    const qd = findVmdesc(qemu)!.desc.devices, od = findVmdesc(ours)!.desc.devices;
    for (const name of ["cpu_common", "cpu"]) {
      const q = qd.filter((d: any) => d.name === name), o = od.filter((d: any) => d.name === name);
      expect(o.length, name).toBe(2);
      expect(o.map(shape), name).toEqual(q.map(shape));
    }
    const cpu = od.find((d: any) => d.name === "cpu") as any;
    expect(cpu.subsections.map((s: any) => s.vmsd_name)).toEqual(["cpu/vfp", "cpu/irq-line-state"]);

    const qs = decode(qemu).sections, os = decode(ours).sections;
    for (const i of [0, 1]) {
      const q = qs.find((s) => s.idstr === "cpu" && s.instanceId === i)!.state;
      const o = os.find((s) => s.idstr === "cpu" && s.instanceId === i)!.state;
      expect(o.cpreg_vmstate_indexes.map(u64), `cpu ${i} list`).toEqual(q.cpreg_vmstate_indexes.map(u64));
      expect(o.cpreg_vmstate_indexes.length).toBe(258);
      // AArch64 EL1h, D A I F masked (QEMU's reset PSTATE; its NZCV is whatever reset left, Z here)
      expect((Number(o.cpsr) & 0x0fff_ffff) >>> 0, `cpu ${i} PSTATE`).toBe((Number(q.cpsr) & 0x0fff_ffff) >>> 0);
      expect(o["env.vfp.xregs[0]"]).toBe(q["env.vfp.xregs[0]"]);
      expect(o["env.vfp.xregs"].slice(3, 6)).toEqual(q["env.vfp.xregs"].slice(3, 6)); // MVFR2, MVFR1, MVFR0
      expect([o.fpscr, o["env.exclusive_addr"]].map(u64)).toEqual([q.fpscr, q["env.exclusive_addr"]].map(u64));
      expect(o.power_state, `cpu ${i} powered off`).toBe(q.power_state);
    }
    expect(os.find((s) => s.idstr === "cpu" && s.instanceId === 1)!.state.power_state).toBe(1);
  }, 90_000);
});
