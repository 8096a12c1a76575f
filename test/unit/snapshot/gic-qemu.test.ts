// The arm_gic section against QEMU 7.2's own (live streams of virt and vexpress-a15 made with
// -S): the JSON description our declaration writes equals QEMU's (names, types, sizes, array
// lengths, the virtualization subsection on vexpress-a15 only); QEMU's section loads into our
// GIC with no decision to report and saves back byte for byte; our reset state is QEMU's.
import { beforeAll, describe, expect, it } from "vitest";
import { ByteWriter } from "../../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../../machines/snapshot/codec.js";
import { findVmdesc, type DeviceJson } from "../../../machines/snapshot/stream.js";
import { QEMU_SYSTEM_ARM } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";
import {
  GICC, GICD, gicMmio, gicSectionBytes, idleMachine, loadGicSectionOnly, type BoardName,
} from "../gic/snapshot-helpers.js";

const CASES: { board: BoardName; smp: number; args: string[]; numIrq: number; virt: boolean }[] = [
  { board: "virt", smp: 2, args: ["-M", "virt", "-cpu", "cortex-a15", "-smp", "2", "-m", "128M"], numIrq: 288, virt: false },
  { board: "vexpress-a15", smp: 2, args: ["-M", "vexpress-a15", "-smp", "2", "-m", "128M"], numIrq: 160, virt: true },
  { board: "vexpress-a15", smp: 1, args: ["-M", "vexpress-a15", "-smp", "1", "-m", "128M"], numIrq: 160, virt: true },
];

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("arm_gic against QEMU 7.2's streams", () => {
  for (const c of CASES) {
    describe(`${c.board} --smp ${c.smp}`, () => {
      let stream: Uint8Array;
      let qemuDesc: DeviceJson;
      beforeAll(async () => {
        stream = await qemuStream(c.args);
        qemuDesc = findVmdesc(stream)!.desc.devices.find((d) => d.name === "arm_gic")!;
      }, 60_000);

      it("our JSON description equals QEMU's (fields, types, sizes, subsections)", () => {
        const m = idleMachine(c.board, c.smp);
        const ours = encodeVmsd(new ByteWriter(), m.gic!.vmstate.decl, m.gic!.vmstate.state);
        const { name, instance_id, ...theirs } = qemuDesc;
        expect([name, instance_id]).toEqual(["arm_gic", 0]);
        expect(ours).toEqual(theirs);
        expect(ours.subsections?.map((s) => s.vmsd_name)).toEqual(c.virt ? ["arm_gic_virt_state"] : undefined);
      });

      it("QEMU's section loads with nothing to report, reads as QEMU's reset state, and saves back byte for byte", () => {
        const m = idleMachine(c.board, c.smp);
        const fresh = gicSectionBytes(m.gic!);
        // make the state differ first, so the load has to bring every byte
        const g = gicMmio(m.gic!);
        g.dw(GICD.CTLR, 1);
        g.dw(GICD.ISENABLER + 4, 0xffffffff);
        g.cw(GICC.PMR, 0x80);
        g.dw(GICD.SGIR, (2 << 24) | 3);
        const { report, payload } = loadGicSectionOnly(m, stream);
        expect(report.decisions).toEqual([]);
        // 9,888 bytes of fields; the subsection: marker, name, version (24) and 2,240 bytes
        expect(payload.length).toBe(c.virt ? 9888 + 24 + 2240 : 9888);
        expect(Buffer.from(gicSectionBytes(m.gic!)).equals(Buffer.from(payload))).toBe(true);
        expect(Buffer.from(fresh).equals(Buffer.from(payload))).toBe(true); // our reset is QEMU's

        // what a guest reads now: QEMU's reset values for this num-irq / num-cpu
        expect(g.dr(GICD.TYPER) & 0x1f).toBe(c.numIrq / 32 - 1);
        expect(g.dr(GICD.CTLR)).toBe(0);
        for (let cpu = 0; cpu < c.smp; cpu++) {
          expect(g.dr(GICD.ISENABLER, cpu)).toBe(0x0000ffff); // SGIs always enabled
          expect(g.dr(GICD.ISPENDR, cpu)).toBe(0);
          expect(g.dr(GICD.ICFGR, cpu)).toBe(0xaaaaaaaa);
          expect(g.cr(GICC.PMR, cpu)).toBe(0);
          expect(g.cr(GICC.ABPR, cpu)).toBe(1);
          expect(g.cr(GICC.HPPIR, cpu)).toBe(1023);
          expect(g.cr(GICC.RPR, cpu)).toBe(0xff);
        }
        const lastSpi = c.numIrq - 4;
        expect(g.dr(GICD.ISENABLER + (lastSpi >> 3) - ((lastSpi >> 3) & 3))).toBe(0);
        expect(g.dr(GICD.ITARGETSR + lastSpi)).toBe(0); // SPIs target no CPU (RAZ on a uniprocessor GIC)
        expect(m.gic!.s.irqTarget[lastSpi]).toBe(c.smp === 1 ? 1 : 0);
        expect(m.gic!.s.abpr[c.smp] ?? 0).toBe(0); // CPU interfaces beyond num-cpu stay zero
        for (let cpu = 0; cpu < c.smp; cpu++) expect(m.cpus.irqLines(cpu) & 3).toBe(0);
      });
    });
  }
});
