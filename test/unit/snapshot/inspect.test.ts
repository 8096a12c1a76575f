// inspectSnapshot's GIC summary on a GIC with state in it (no roms/bin program enables the GIC):
// a virt machine's arm_gic view is given a distributor and CPU interface enable, enabled, pending
// (an SPI and an SGI held only in sgi_pending) and active interrupts, saved, and read back.
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { writeStream } from "../../../machines/snapshot/stream.js";
import { inspectSnapshot } from "../../../machines/snapshot/inspect.js";

function stream(m: Machine): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeStream(snapshotContent(m), (c) => chunks.push(c));
  return Buffer.concat(chunks);
}

describe("snapshot info: the GIC summary", () => {
  it("counts enabled interrupts and lists pending (SGIs from sgi_pending too) and active ones", () => {
    const m = new Machine({ machine: "virt", memory: 128, smp: 2, kernel: "roms/bin/demo.elf" });
    const before = inspectSnapshot("x", stream(m)).gic!;
    expect(before).toMatchObject({ enabled: false, pending: [], active: [] });

    const g = m.snapshot.find("arm_gic", 0)!.state();
    g.ctlr = 1;
    g.cpu_ctlr[1] = 1;
    g.enabled[33] = 1;
    g.enabled[40] = 1;
    g.pending[33] = 0xff;
    g.active[27] = 1;
    g.sgi_pending[5 * 8 + 1] = 0x1; // SGI 5 to CPU 1 from CPU 0
    const after = inspectSnapshot("x", stream(m)).gic!;
    expect(after).toEqual({
      enabled: true, ctlr: 1,
      cpuInterfaces: [{ cpu: 0, ctlr: 0, enabled: false }, { cpu: 1, ctlr: 1, enabled: true }],
      enabledIrqs: before.enabledIrqs + 2,
      pending: [5, 33], active: [27],
    });
  });
});
