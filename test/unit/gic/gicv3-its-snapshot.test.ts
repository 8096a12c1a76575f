// The ITS's `arm_gicv3_its` section: our declaration against QEMU 7.2's (a live stream of
// virt,gic-version=3,its=on), QEMU's reset state byte for byte, and a save/load round trip of
// a working ITS (the tables travel as RAM; the loaded ITS derives its geometry in post_load).
import { beforeAll, describe, expect, it } from "vitest";
import { ByteWriter } from "../../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../../machines/snapshot/codec.js";
import { SectionRegistry } from "../../../machines/snapshot/section.js";
import { findVmdesc, readStream, type DeviceJson } from "../../../machines/snapshot/stream.js";
import { GITS } from "../../../machines/gic/gicv3/its.js";
import type { GicV3Its } from "../../../machines/gic/gicv3/its.js";
import { QEMU_SYSTEM_AARCH64 } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { describe as describeStream, loadInto, streamOf } from "../devices/snapshot-helpers.js";
import { INT, ITT, MAPC, MAPD, MAPTI, enabledRig, itsRig } from "./its-harness.js";

const sectionBytes = (its: GicV3Its): Uint8Array => {
  const w = new ByteWriter();
  encodeVmsd(w, its.vmstate.decl, its.vmstate.state);
  return Uint8Array.from(w.view());
};

function machineOf(its: GicV3Its) {
  const snapshot = new SectionRegistry();
  snapshot.addDevice("arm_gicv3_its", its.vmstate);
  return { snapshot, reset: () => its.reset() };
}

describe("arm_gicv3_its round trip", () => {
  it("a working ITS saves and loads: registers, then translation from the RAM tables at once", () => {
    const a = enabledRig();
    a.cmd(MAPD(0, 4, ITT), MAPC(1, 1), MAPTI(0, 5, 8200, 1));
    const bytes = streamOf(machineOf(a.its));
    const desc = describeStream(bytes).find((d) => d.name === "arm_gicv3_its")!;
    expect([desc.version, desc.fields.map((f) => f.name)]).toEqual([0, ["ctlr", "iidr", "cbaser", "cwriter", "creadr", "baser"]]);

    const b = itsRig();
    b.ram.set(a.ram); // RAM travels in its own section
    loadInto(machineOf(b.its), bytes);
    expect(Buffer.from(sectionBytes(b.its)).equals(Buffer.from(sectionBytes(a.its)))).toBe(true);
    expect(b.r64(GITS.CREADR)).toBe(96n);
    b.w32(GITS.TRANSLATER, 5);
    b.cmd(INT(0, 5));
    expect(b.target.take()).toEqual([["processLpi", 1, 8200, true], ["processLpi", 1, 8200, true]]);
  });

  it("a stream with a BASER of a table type a GICv3 ITS lacks is refused", () => {
    const a = itsRig();
    a.its.regs.baser[2] = 2n << 56n; // a vPE table: GICv4 only
    const bytes = streamOf(machineOf(a.its));
    const b = itsRig();
    expect(() => loadInto(machineOf(b.its), bytes)).toThrow(/GITS_BASER2 has table type 2/);
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("arm_gicv3_its against QEMU 7.2's stream", () => {
  let stream: Uint8Array;
  let qemuDesc: DeviceJson;
  beforeAll(async () => {
    stream = await qemuStream(["-M", "virt,gic-version=3,its=on", "-cpu", "cortex-a57", "-m", "128M"], { binary: QEMU_SYSTEM_AARCH64 });
    qemuDesc = findVmdesc(stream)!.desc.devices.find((d) => d.name === "arm_gicv3_its")!;
  }, 60_000);

  it("our JSON description equals QEMU's, and the section follows arm_gicv3", () => {
    const ours = encodeVmsd(new ByteWriter(), itsRig().its.vmstate.decl, itsRig().its.vmstate.state);
    const { name, instance_id, ...theirs } = qemuDesc;
    expect([name, instance_id]).toEqual(["arm_gicv3_its", 0]);
    expect(ours).toEqual(theirs);
    const names = findVmdesc(stream)!.desc.devices.map((d) => d.name);
    expect(names.indexOf("arm_gicv3_its")).toBe(names.indexOf("arm_gicv3") + 1);
  });

  it("QEMU's reset state is ours byte for byte, and loads", () => {
    const rig = itsRig();
    const staged = structuredClone(rig.its.vmstate.state);
    const parsed = readStream(stream, (idstr) => (idstr === "arm_gicv3_its" ? { decl: rig.its.vmstate.decl, state: staged } : undefined));
    const p = parsed.sections.find((s) => s.idstr === "arm_gicv3_its")!;
    const payload = stream.subarray(p.offset, p.end);
    expect(payload.length).toBe(4 + 4 + 3 * 8 + 8 * 8);
    expect(Buffer.from(sectionBytes(rig.its)).equals(Buffer.from(payload))).toBe(true);
  });
});
