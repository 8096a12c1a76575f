// The catalogue `armlet snapshot info` reads streams with (machines/snapshot/catalogue.ts) against
// what the boards really register: every section of virt (with a disk, virtio-serial and rng), of
// virt with a GICv3 and its ITS (cortex-a57), and of vexpress-a15 (--smp 2) is in it, armlet's own ones as "ours", with the same declaration
// where the catalogue gives one; and a machine's own stream decodes through the catalogue alone.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine, type MachineOptions } from "../../../machines/machine.js";
import { KNOWN_SECTIONS, knownSection } from "../../../machines/snapshot/catalogue.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { writeStream } from "../../../machines/snapshot/stream.js";
import { inspectSnapshot } from "../../../machines/snapshot/inspect.js";
import { VirtioRng } from "../../../machines/devices/virtio-rng.js";
import { parseDevice } from "../../../machines/devices/device-specs.js";
import { parseChardev } from "../../../machines/chardev/chardev.js";
import type { VmsdDecl } from "../../../machines/snapshot/vmstate.js";

const root = mkdtempSync(join(tmpdir(), "armlet-catalogue-"));
const disk = join(root, "disk.img");
writeFileSync(disk, new Uint8Array(1 << 20));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MACHINES: Record<string, MachineOptions> = {
  virt: {
    machine: "virt", memory: 128, smp: 2, kernel: "roms/bin/demo.elf",
    drives: [{ file: disk, format: "raw", readonly: false, if: "virtio" }],
    devices: [parseDevice("virtio-serial-device"), parseDevice("virtconsole,chardev=c0")],
    chardevs: [parseChardev("null,id=c0")],
    virtioDevices: [new VirtioRng({ seed: 1 })],
  },
  "vexpress-a15": { machine: "vexpress-a15", memory: 128, smp: 2, kernel: "roms/bin/demo-vexpress-a15.elf" },
  "virt,gic-version=3 (cortex-a57, ITS)": {
    machine: "virt", machineProps: { "gic-version": "3" }, cpu: "cortex-a57", memory: 128, smp: 2, kernel: "roms/bin/a64/timer.elf",
  },
};

/** A declaration's shape: names, versions, field names and kinds, subsections (no functions). */
function shape(d: VmsdDecl): unknown {
  return {
    name: d.name, version: d.version, min: d.minimumVersion,
    fields: d.fields.map((f) => [f.name, f.kind, f.type, typeof f.count === "object" ? "dyn" : f.count, f.struct && shape(f.struct)]),
    subs: (d.subsections ?? []).map((s) => shape(s.decl)),
  };
}

describe("the snapshot section catalogue", () => {
  const seen = new Set<(typeof KNOWN_SECTIONS)[number]>();
  for (const [name, opts] of Object.entries(MACHINES)) {
    it(`${name}: every registered section is catalogued, as ours or QEMU's, with its declaration`, () => {
      const m = new Machine(opts);
      const all = m.snapshot.all();
      expect(all.length).toBeGreaterThan(10);
      for (const s of all) {
        const k = knownSection(s.idstr);
        expect(k, s.idstr).toBeDefined();
        seen.add(k!);
        expect(k!.origin, s.idstr).toBe(s.armletOnly ? "ours" : "qemu");
        if (k!.decl) expect([k!.decl, ...(k!.variants ?? [])].map(shape), s.idstr).toContainEqual(shape(s.decl));
      }
    });

    it(`${name}: its own stream decodes through the catalogue, every section ours or QEMU's`, () => {
      const m = new Machine(opts);
      const chunks: Uint8Array[] = [];
      writeStream(snapshotContent(m), (c) => chunks.push(c));
      const info = inspectSnapshot("x.snap", Buffer.concat(chunks));
      expect(info.machine.board).toBe(opts.machine);
      // Every RAM block the machine has is one the board's migration names list.
      expect(info.machine.ram.map((b) => b.name)).toEqual(m.ramBlocks().map((b) => b.name));
      expect(info.machine.ram.filter((b) => !b.armlet)).toEqual([]);
      expect(info.sections.map((s) => s.idstr)).toEqual(["ram", ...m.snapshot.all().map((s) => s.idstr)]);
      expect(info.sections.filter((s) => s.armlet === "unknown")).toEqual([]);
      expect(info.cpus.map((c) => c.power)).toEqual(opts.machine === "virt" ? ["on", "off"] : ["on", "on"]);
      expect(info.gic?.cpuInterfaces).toHaveLength(2);
      expect(info.disks.map((d) => d.path)).toEqual(opts.drives ? [disk] : []);
    });
  }

  it("has no row that no board registers", () => {
    expect(KNOWN_SECTIONS.filter((k) => !seen.has(k)).map((k) => String(k.idstr))).toEqual([]);
  });
});
