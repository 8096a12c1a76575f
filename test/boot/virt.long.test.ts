// -M virt acceptance that takes minutes (ARMLET_LONG=1, npm run test:long): the ready image
// with --smp 4 (nproc, device lines vs QEMU's), and one shell session on --smp 4 driven through the console that exercises PSCI and the devices: CPU 1 offline and
// online through sysfs (CPU_OFF / CPU_ON), virtio-blk on a raw image (the guest reads the host's
// bytes and writes its own, which the host reads back after exit), the power button
// (system_powerdown: the gpio-keys interrupt count goes from 1 to 2, as under QEMU), `reboot -f`
// (SYSTEM_RESET: the machine boots a second time) and `poweroff -f` (SYSTEM_OFF: exit 0).
// The armmp kernel has virtio-mmio and virtio-blk as modules: they come from the lab's kernel
// .deb (lab/modules.ts) and are loaded with insmod.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateGuests, workloadProblems, type GuestLab } from "./lab/guests.js";
import { runArmlet, bootReport, poweredOff } from "./lab/armlet.js";
import { qemuAvailable, runQemu, type BootSpec, type InputStep } from "./lab/qemu.js";
import { deviceLines, diffLines } from "./lab/boot-log.js";
import { readFixture, refreshFixture, fixturePath } from "./lab/fixtures.js";
import { haveDpkgDeb, initrdWithModules, kernelDeb } from "./lab/modules.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN, LONG } from "./lab/settings.js";
import type { Machine } from "../../machines/machine.js";

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

const TIMEOUT = Math.max(ARMLET_BOOT_TIMEOUT, 400);
/** Typed on the console, this presses the power button instead (see onMachine below). */
const PRESS = "\u0001power-button\n";
const QEMU_NOT_MODELLED = [/^GICv2m:/];

describe.runIf(LONG)("virt Linux boot, long (ARMLET_LONG=1)", () => {
  if (labError) { it("finds a complete guest lab", () => { throw labError; }); return; }
  if (!lab) { it.skip(`skipped: ${why}`, () => {}); return; }
  const g = lab;

  it("--smp 4, deterministic: GUEST-DONE (nproc=4), device lines as QEMU's, exit 0", async () => {
    const spec: BootSpec = { machine: "virt", kernel: g.zImage, initrd: g.initrd, smp: 4, timeoutSec: TIMEOUT };
    const qemu = qemuAvailable() ? runQemu({ ...spec, timeoutSec: 150 }) : undefined;
    const r = await runArmlet({ ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN });
    const problems = workloadProblems(r.console, g.expect, 4);
    if (!poweredOff(r)) problems.push("did not power off with exit code 0");
    if (!/smp: Brought up 1 node, 4 CPUs/.test(r.console)) problems.push("Linux did not bring up 4 CPUs");
    if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(r, "armlet -M virt --smp 4")}`);

    let ref: string[] | undefined;
    const q = qemu && await qemu;
    if (q && q.reason === "exit") {
      ref = deviceLines(q.console);
      refreshFixture(4, ref, spec);
    } else ref = readFixture(4, "virt");
    if (!ref) throw new Error(`no QEMU reference (${fixturePath(4, "virt")})`);
    ref = ref.filter((l) => !QEMU_NOT_MODELLED.some((re) => re.test(l)));
    // Secondary CPUs come up in a different order on different runs: compare them sorted.
    const diff = diffLines([...ref].sort(), deviceLines(r.console).sort());
    if (diff.length) throw new Error(`device lines differ (sorted):\n${diff.join("\n")}`);
  }, (TIMEOUT + 200) * 1000);

  const canModules = kernelDeb(g.dir) !== undefined && haveDpkgDeb();
  it.runIf(canModules)("--smp 4 shell: /proc/cpuinfo lists 4 CPUs, CPU offline/online, virtio-blk read+write, power button, reboot -f, poweroff -f", async () => {
    const initrd = initrdWithModules(g.shellInitrd, kernelDeb(g.dir)!, ["virtio_mmio.ko", "virtio_blk.ko"]);
    const img = join(mkdtempSync(join(tmpdir(), "armlet-virt-")), "disk.img");
    const disk = Buffer.alloc(1 << 20);
    disk.write("host-data-0123456789\n", 0, "latin1");
    writeFileSync(img, disk);
    const steps: InputStep[] = [
      { expect: "guest# ", send: "echo 0 > /sys/devices/system/cpu/cpu1/online; echo off=$(cat /sys/devices/system/cpu/online)\n" },
      { expect: /off=\S+\r?\n/, send: "echo 1 > /sys/devices/system/cpu/cpu1/online; echo on=$(cat /sys/devices/system/cpu/online) n=$(grep -c ^processor /proc/cpuinfo)\n" },
      { expect: /on=\S+ n=\d+\r?\n/, send: "insmod /modules/virtio_mmio.ko; insmod /modules/virtio_blk.ko; echo read=$(head -c 20 /dev/vda)\n" },
      { expect: /read=\S*\r?\n/, send: "echo guest-wrote-this > /dev/vda; sync; grep -i 'key' /proc/interrupts; echo pressing\n" },
      { expect: /pressing\r?\n/, send: PRESS },
      { expect: "guest# ", send: "sleep 1; grep -i 'key' /proc/interrupts; echo pressed\n" },
      { expect: /pressed\r?\n/, send: "reboot -f\n" },
      { expect: "GUEST-READY", send: "" },
      { expect: "guest# ", send: "echo second-boot; poweroff -f\n" },
    ];
    const r = await runArmlet({
      machine: "virt", kernel: g.zImage, initrd, smp: 4, timeoutSec: TIMEOUT, nsPerInsn: DETERMINISTIC_NS_PER_INSN,
      reboot: true, input: steps,
      extra: { drives: [{ file: img, format: "raw", readonly: false, if: "virtio" }] },
      onMachine: (m: Machine) => {
        const input = m.input.bind(m);
        m.input = (bytes) => { if (Buffer.from(bytes as Uint8Array).toString("latin1") === PRESS) m.powerButton(); else input(bytes); };
      },
    });
    const report = bootReport(r, "armlet -M virt --smp 4 shell", 40);
    const c = r.console;
    const problems: string[] = [];
    if (!/^off=0,2-3\r?$/m.test(c)) problems.push("CPU 1 did not go offline");
    if (!/CPU1 killed/.test(c)) problems.push("no 'CPU1 killed' (PSCI CPU_OFF + AFFINITY_INFO)");
    if (!/^on=0-3 n=4\r?$/m.test(c)) problems.push("CPU 1 did not come back online");
    if (!/\[vda\] 2048 512-byte logical blocks/.test(c)) problems.push("virtio-blk did not find the 1 MiB disk");
    if (!/^read=host-data-0123456789\r?$/m.test(c)) problems.push("the guest did not read the host's bytes from /dev/vda");
    const keyIrqs = [...c.matchAll(/^\s*\d+:\s+((?:\d+\s+)+)9030000\.pl061\s+3 Edge\s+GPIO Key Poweroff/gm)]
      .map((x) => x[1].trim().split(/\s+/).reduce((a, n) => a + Number(n), 0));
    if (keyIrqs.join(",") !== "1,2") problems.push(`gpio-keys interrupt counts before/after the power button: ${keyIrqs.join(",") || "none"} (QEMU: 1,2)`);
    if ((c.match(/GUEST-READY/g) ?? []).length !== 2) problems.push("the machine did not boot a second time after reboot -f");
    if (!/^second-boot\r?$/m.test(c)) problems.push("no shell after the reboot");
    if (!poweredOff(r)) problems.push("poweroff -f did not end the run with exit 0");
    if (problems.length) throw new Error(`${problems.join("; ")}\n${report}`);
    expect(readFileSync(img).subarray(0, 21).toString("latin1")).toBe("guest-wrote-this\n789\n");
  }, (TIMEOUT + 60) * 1000);
});
