// The migration sections of the virtio devices on a board's virtio-mmio transports, named as
// QEMU 7.2 names them ("virtio-mmio@000000000a003e00/virtio-blk": the transport's address and
// the device's vmsd) and registered in the order the devices were created. A device's own
// armlet section (drive identity, PRNG, pending input) goes just before it, so that it is in
// place when the device restarts its queues after the load.
import type { SectionRegistry } from "../../snapshot/section.js";
import { deviceSection } from "../../snapshot/section.js";
import type { VirtioMmio } from "../virtio-mmio.js";
import { refuseState } from "../vmstate-util.js";
import { emptyMig, virtioDeviceVmsd } from "./migration.js";
import { VirtqueueError } from "./queue.js";

/** QEMU's name for a transport: virtio-mmio@ and its base address in 16 hex digits. */
export const virtioMmioPath = (base: number) => `virtio-mmio@${base.toString(16).padStart(16, "0")}`;

/** Register the sections of every device plugged into `transports` (each with its base address). */
export function registerVirtioSections(reg: SectionRegistry, transports: readonly { transport: VirtioMmio; base: number }[]): void {
  for (const { transport: t, base } of transports) {
    const dev = t.device;
    const m = dev?.migration;
    if (!dev || !m) continue;
    const path = virtioMmioPath(base);
    if (m.armlet) reg.add({ ...deviceSection(`${path}/${m.armlet.decl.name}`, 0, m.armlet), armletOnly: true });
    const idstr = `${path}/${m.vmsdName}`;
    const mig = emptyMig();
    reg.addDevice(idstr, {
      decl: virtioDeviceVmsd(m.vmsdName, m.version, m.part),
      state: mig,
      preSave: () => { Object.assign(mig, t.captureMig()); },
      check: (st) => {
        const why = t.refuseMig(st);
        if (why) throw refuseState(idstr, why);
        m.part?.check?.(st.device);
      },
      postLoad: () => {
        t.applyMig(mig);
        // A guest ring that does not hold up breaks the device, as it would have at run time.
        try { m.afterLoad?.(); } catch (e) {
          if (e instanceof VirtqueueError) t.fail(e.message);
          else throw e;
        }
      },
    });
  }
}
