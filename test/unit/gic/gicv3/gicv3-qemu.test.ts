// The arm_gicv3 section against QEMU 7.2's own (a live stream of virt,gic-version=3 with
// Cortex-A57s, made with -S): our JSON description equals QEMU's, QEMU's section loads with
// nothing to report and saves back byte for byte, our reset state is QEMU's, and the section
// comes before every other device's, as QEMU's MIG_PRI_GICV3 puts it.
import { beforeAll, describe, expect, it } from "vitest";
import { ByteWriter } from "../../../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../../../machines/snapshot/codec.js";
import { findVmdesc, type DeviceJson } from "../../../../machines/snapshot/stream.js";
import { QEMU_SYSTEM_AARCH64 } from "../../../helpers/qemu.js";
import { qemuStream } from "../../../helpers/qemu-stream.js";
import { lacksCommand } from "../../../helpers/requirements.js";
import { ICC, gicv3SectionBytes, idleGicV3Machine, loadGicV3SectionOnly } from "./helpers.js";

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("arm_gicv3 against QEMU 7.2's stream", () => {
  for (const smp of [1, 2]) {
    describe(`virt,gic-version=3 --smp ${smp}`, () => {
      let stream: Uint8Array;
      let qemuDesc: DeviceJson;
      let order: string[];
      beforeAll(async () => {
        stream = await qemuStream(["-M", "virt,gic-version=3", "-cpu", "cortex-a57", "-smp", String(smp), "-m", "128M", "-nic", "none"],
          { binary: QEMU_SYSTEM_AARCH64 });
        const devices = findVmdesc(stream)!.desc.devices;
        qemuDesc = devices.find((d) => d.name === "arm_gicv3")!;
        order = devices.map((d) => d.name);
      }, 60_000);

      it("our JSON description equals QEMU's", () => {
        const m = idleGicV3Machine(smp);
        const ours = encodeVmsd(new ByteWriter(), m.gicv3!.vmstate.decl, m.gicv3!.vmstate.state);
        const { name, instance_id, ...theirs } = qemuDesc;
        expect([name, instance_id]).toEqual(["arm_gicv3", 0]);
        expect(ours).toEqual(theirs);
      });

      it("QEMU saves it before the CPUs and the other devices", () => {
        expect(order.indexOf("arm_gicv3")).toBeLessThan(order.indexOf("cpu"));
        const m = idleGicV3Machine(smp);
        const ours = m.snapshot.all().map((s) => s.idstr);
        expect(ours.indexOf("arm_gicv3")).toBeLessThan(ours.indexOf("cpu"));
        expect(ours.indexOf("arm_gicv3")).toBeLessThan(ours.indexOf("timer"));
      });

      it("QEMU's section loads with nothing to report, equals our reset state and saves back byte for byte", () => {
        const m = idleGicV3Machine(smp);
        const gic = m.gicv3!;
        const fresh = gicv3SectionBytes(gic);
        // make the state differ first
        gic.distributor.write(0, 4, 3, 0);
        gic.distributor.write(0x104, 4, 0xffff, 0);
        gic.sysreg(0, ICC.ICC_PMR_EL1, true, 0xf0, 0);
        gic.sysreg(0, ICC.ICC_SGI1R_EL1, true, (3 << 24) | 1, 0);
        const { report, payload } = loadGicV3SectionOnly(m, stream);
        expect(report.decisions).toEqual([]);
        expect(Buffer.from(gicv3SectionBytes(gic)).equals(Buffer.from(payload))).toBe(true);
        expect(Buffer.from(fresh).equals(Buffer.from(payload))).toBe(true);
        expect(gic.distributor.read(0, 4, 0)).toBe(0x50);
        expect(gic.sysreg(0, ICC.ICC_PMR_EL1, false, 0, 0)).toBe(0);
      });
    });
  }
});
