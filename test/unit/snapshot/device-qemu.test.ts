// The board devices' migration sections against QEMU 7.2's own: live streams of both boards
// (paused with -S, a kernel from roms/bin, the same virtio devices on virt) and armlet's stream
// of the same machine. Every device section armlet writes must be described exactly as QEMU
// describes it (name, instance, vmsd name, version, fields with types and sizes, subsections)
// and come in QEMU's order; every QEMU section armlet does not write is listed below with the
// reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine, type MachineOptions } from "../../../machines/machine.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { findVmdesc, readStream, writeStream, type DeviceJson } from "../../../machines/snapshot/stream.js";
import { VirtioRng } from "../../../machines/devices/virtio-rng.js";
import { parseDevice } from "../../../machines/devices/device-specs.js";
import { parseChardev } from "../../../machines/chardev/chardev.js";
import { QEMU_SYSTEM_ARM } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";

/** Sections of QEMU 7.2's boards that armlet does not write, and why. */
const NOT_WRITTEN: Record<string, string> = {
  pl041: "AACI audio: armlet answers its ID registers only (no sound)",
  pl181: "MMCI: ID registers only, no SD card is modelled",
  "sd-card": "no SD card",
  ps2kbd: "no PS/2 keyboard (KMI0 answers its ID registers only)",
  ps2mouse: "no PS/2 mouse",
  pl050: "KMI: ID registers only",
  i2c_bus: "no I2C bus (the DVI encoder's DDC is not modelled)",
  "i2c-ddc": "no DDC (no display)",
  sii9022: "no DVI encoder",
  pl110: "CLCD: ID registers only, no display",
  pflash_cfi01: "flash is unmodelled (vexpress) or plain RAM for --bios (virt): its contents travel as a RAM block",
  fw_cfg: "no fw_cfg device (armlet loads kernels itself)",
  "0000:00:00.0/gpex_root": "no PCIe host bridge",
  PCIHost: "no PCIe host bridge",
  PCIBUS: "no PCI bus",
  virt_acpi_build: "no ACPI tables (armlet boots with a device tree)",
};

/** Sections other parts of armlet write (machine, CPUs, GIC): compared by their own tests. */
const NOT_DEVICES = new Set(["timer", "cpu_common", "cpu", "arm_gic", "globalstate"]);

const guestRoot = mkdtempSync(join(tmpdir(), "armlet-devq-"));
const disk = join(guestRoot, "disk.img");
writeFileSync(disk, new Uint8Array(1 << 20));
afterAll(() => rmSync(guestRoot, { recursive: true, force: true }));

const BOARDS: { name: string; qemu: string[]; armlet: MachineOptions }[] = [
  {
    name: "vexpress-a15",
    qemu: ["-M", "vexpress-a15", "-cpu", "cortex-a15", "-m", "128M", "-kernel", "roms/bin/demo-vexpress-a15.elf"],
    armlet: { machine: "vexpress-a15", memory: 128, kernel: "roms/bin/demo-vexpress-a15.elf" },
  },
  {
    name: "virt",
    qemu: ["-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-kernel", "roms/bin/demo.elf",
      "-drive", `if=none,id=d0,file=${disk},format=raw`, "-device", "virtio-blk-device,drive=d0",
      "-device", "virtio-serial-device", "-chardev", "null,id=c0", "-device", "virtconsole,chardev=c0",
      "-device", "virtio-rng-device"],
    armlet: {
      machine: "virt", memory: 128, kernel: "roms/bin/demo.elf",
      drives: [{ file: disk, format: "raw", readonly: false, if: "virtio" }],
      devices: [parseDevice("virtio-serial-device"), parseDevice("virtconsole,chardev=c0")],
      chardevs: [parseChardev("null,id=c0")],
      virtioDevices: [new VirtioRng({ seed: 1 })],
    },
  },
];

function armletDescription(m: Machine): DeviceJson[] {
  const chunks: Uint8Array[] = [];
  writeStream(snapshotContent(m, { forQemu: true }), (c) => chunks.push(c));
  return findVmdesc(Buffer.concat(chunks))!.desc.devices;
}

const key = (d: DeviceJson) => `${d.name}#${d.instance_id}`;

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("device sections against QEMU 7.2", () => {
  for (const b of BOARDS) {
    describe(b.name, () => {
      let qemu: DeviceJson[] = [];
      let ours: DeviceJson[] = [];
      let bytes: Uint8Array;
      let m: Machine;
      beforeAll(async () => {
        bytes = await qemuStream(b.qemu);
        qemu = findVmdesc(bytes)!.desc.devices;
        m = new Machine(b.armlet);
        ours = armletDescription(m).filter((d) => !NOT_DEVICES.has(d.name));
      }, 60_000);

      it("every device section is described as QEMU describes it", () => {
        expect(ours.length).toBeGreaterThan(0);
        for (const d of ours) {
          const q = qemu.find((x) => key(x) === key(d));
          expect(q, `QEMU has no section ${key(d)}`).toBeDefined();
          expect(d, key(d)).toEqual(q);
        }
      });

      it("QEMU's bytes decode through armlet's declarations (the stream's JSON checked field by field)", () => {
        const staged = new Map<string, any>();
        const p = readStream(bytes, (idstr, inst) => {
          if (NOT_DEVICES.has(idstr)) return undefined;
          const s = m.snapshot.find(idstr, inst);
          if (!s) return undefined;
          const st = s.staging();
          staged.set(`${idstr}#${inst}`, st);
          return { decl: s.decl, state: st };
        });
        expect([...staged.keys()]).toEqual(ours.map(key));
        for (const [k, st] of staged) {
          const s = m.snapshot.find(k.split("#")[0], Number(k.split("#")[1]))!;
          expect(() => s.check?.(st, { decisions: [], notes: [] }), k).not.toThrow();
        }
        expect(p.sections.length).toBe(qemu.length);
      });

      it("in QEMU's order", () => {
        const written = new Set(ours.map(key));
        expect(ours.map(key)).toEqual(qemu.map(key).filter((k) => written.has(k)));
      });

      it("every QEMU section armlet does not write is listed with its reason", () => {
        const written = new Set(ours.map((d) => d.name));
        const missing = qemu.map((d) => d.name).filter((n) => !written.has(n) && !NOT_DEVICES.has(n) && !(n in NOT_WRITTEN));
        expect(missing).toEqual([]);
      });
    });
  }

  it("the list of sections not written names only sections QEMU writes", async () => {
    const all = new Set<string>();
    for (const b of BOARDS) for (const d of findVmdesc(await qemuStream(b.qemu))!.desc.devices) all.add(d.name);
    expect(Object.keys(NOT_WRITTEN).filter((n) => !all.has(n))).toEqual([]);
  }, 120_000);
});
