// A Linux guest's virtio console on the testdev chardev (ARMLET_LONG=1): Debian's armmp kernel on
// -M virt with kvm-unit-tests' device options loads virtio_mmio and virtio_console from the lab's
// kernel .deb; its driver negotiates MULTIPORT and opens port 0 through the control queues
// (DEVICE_READY, PORT_ADD, PORT_READY, CONSOLE_PORT, PORT_OPEN) before /dev/hvc0 appears.
// `echo 5q > /dev/hvc0` then ends the run with status (5 << 1) | 1 = 11, under QEMU 7.2 as under
// armlet.
import { describe, it, expect } from "vitest";
import { locateGuests, type GuestLab } from "./lab/guests.js";
import { runArmlet, bootReport } from "./lab/armlet.js";
import { qemuAvailable, runQemu, type BootSpec, type InputStep } from "./lab/qemu.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN, LONG } from "./lab/settings.js";
import { haveDpkgDeb, initrdWithModules, kernelDeb } from "./lab/modules.js";
import { lacks } from "../helpers/requirements.js";
import { parseDevice } from "../../machines/devices/device-specs.js";
import { parseChardev } from "../../machines/chardev/chardev.js";

let lab: GuestLab | undefined;
let why = "";
let labError: Error | undefined;
if (LONG) {
  try {
    const found = locateGuests();
    lab = found.lab;
    if (!found.lab) why = found.why;
  } catch (e) { labError = e as Error; }
}

const DEVICES = ["virtio-serial-device", "virtconsole,chardev=ctd"];
const CHARDEVS = ["testdev,id=ctd"];
const TIMEOUT = Math.max(ARMLET_BOOT_TIMEOUT, 400);

describe.runIf(LONG)("virt Linux guest writes its verdict to the testdev chardev (ARMLET_LONG=1)", () => {
  if (labError) { it("finds a complete guest lab", () => { throw labError; }); return; }
  if (!lab) { it.skip(`skipped: ${why}`, () => {}); return; }
  const g = lab;
  const canModules = kernelDeb(g.dir) !== undefined && haveDpkgDeb();

  it.runIf(canModules)("insmod virtio_console; echo 5q > /dev/hvc0: exit status 11 (QEMU's too)", async () => {
    const initrd = initrdWithModules(g.shellInitrd, kernelDeb(g.dir)!, ["virtio_mmio.ko", "virtio_console.ko"]);
    const steps: InputStep[] = [
      { expect: "guest# ", send: "insmod /modules/virtio_mmio.ko; insmod /modules/virtio_console.ko; sleep 1; ls /dev/hvc0 /sys/class/virtio-ports\n" },
      { expect: "vport", send: "echo 5q > /dev/hvc0; echo still-running\n" },
    ];
    const spec: BootSpec = { machine: "virt", kernel: g.zImage, initrd, smp: 1, timeoutSec: TIMEOUT, input: steps };
    const haveQemu = !lacks("qemu-system-arm", qemuAvailable());
    const qemu = haveQemu
      ? runQemu({ ...spec, timeoutSec: 150, qemuExtra: [...DEVICES.flatMap((d) => ["-device", d]), ...CHARDEVS.flatMap((c) => ["-chardev", c])] })
      : undefined;
    const r = await runArmlet({
      ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN,
      extra: { devices: DEVICES.map(parseDevice), chardevs: CHARDEVS.map(parseChardev) },
    });
    const report = bootReport(r, "armlet -M virt with virtconsole on testdev", 30);
    expect({ reason: r.reason, exitCode: r.exitCode }, report).toEqual({ reason: "exit", exitCode: 11 });
    expect(r.console, report).toMatch(/\/dev\/hvc0/);
    expect(r.console, report).not.toMatch(/^still-running\r?$/m); // (the echoed command line has it too)
    if (qemu) {
      const q = await qemu;
      expect({ reason: q.reason, exitCode: q.exitCode }, bootReport(q, "qemu-system-arm", 30)).toEqual({ reason: "exit", exitCode: 11 });
    }
  }, (TIMEOUT + 60) * 1000);
});
