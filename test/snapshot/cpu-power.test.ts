// Seed 000's scenario on -M virt --smp 4 with the shell guest: the guest takes CPU 2 offline
// (PSCI CPU_OFF), the machine is saved; a new machine resumes the file: CPU 2 is still off and
// the others run; CPU_ON after the resume brings CPU 2 back; `reboot -f` (PSCI SYSTEM_RESET)
// returns every vCPU to the board's reset configuration (only CPU 0 on) and Linux boots again.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";
import { PowerState } from "../../machines/psci/psci.js";
import { startSession } from "./session.js";

const powers = (m: { numCpus: number; cpus: { powerState(c: number): PowerState } }) =>
  Array.from({ length: m.numCpus }, (_, c) => (m.cpus.powerState(c) === PowerState.On ? "on" : m.cpus.powerState(c) === PowerState.Off ? "off" : "pending"));

describeWithGuestLab("vCPU power state travels in the snapshot (seed 000), virt --smp 4", (g) => {
  const file = join(mkdtempSync(join(tmpdir(), "armlet-power-")), "cpu2-off.snap");
  const opts = {
    machine: "virt", memory: "256M", smp: 4, kernel: g.zImage, initrd: g.shellInitrd, append: "console=ttyAMA0",
    nsPerInsn: 1, icountSleep: false,
  };
  const online = /\n(\d[-,\d]*)\r?\n/;

  it("CPU 2 taken offline by the guest, saved: the stream says so", async () => {
    const s = startSession(opts);
    let at = await s.waitFor("guest# ", 0, ARMLET_BOOT_TIMEOUT);
    s.type("cat /sys/devices/system/cpu/online\n");
    at = await s.waitFor("guest# ", at);
    expect(s.out().slice(at - 200)).toContain("0-3");
    s.type("echo 0 > /sys/devices/system/cpu/cpu2/online; cat /sys/devices/system/cpu/online\n");
    at = await s.waitFor("guest# ", at);
    expect(online.exec(s.out().slice(at - 100))?.[1]).toBe("0-1,3");
    await s.save(file);
    expect(powers(s.m)).toEqual(["on", "on", "off", "on"]);
    await s.quit();
  }, (ARMLET_BOOT_TIMEOUT + 120) * 1000);

  it("resumed: CPU 2 still off, the others run; CPU_ON brings it back; reboot -f resets power to the board's", async () => {
    const resets: string[][] = [];
    const s = startSession({ ...opts, log: (msg: string) => {
      // Right after the reset, before any CPU runs: the board's configuration.
      if (/guest reboot/.test(msg)) void s.m.whenRetired(0, () => resets.push(powers(s.m)));
    } }, file);
    expect(powers(s.m)).toEqual(["on", "on", "off", "on"]);
    s.type("cat /sys/devices/system/cpu/online\n");
    let at = await s.waitFor("guest# ", 0, 120);
    expect(online.exec(s.out())?.[1]).toBe("0-1,3");
    s.type("echo 1 > /sys/devices/system/cpu/cpu2/online; cat /sys/devices/system/cpu/online\n");
    at = await s.waitFor("guest# ", at, 120);
    expect(online.exec(s.out().slice(at - 100))?.[1]).toBe("0-3");
    expect(powers(s.m)).toEqual(["on", "on", "on", "on"]);
    s.type("reboot -f\n");
    at = await s.waitFor("guest# ", at, ARMLET_BOOT_TIMEOUT);
    expect(resets).toEqual([["on", "off", "off", "off"]]);
    expect(s.out().slice(0, at)).toMatch(/Booting Linux[\s\S]*smp: Brought up 1 node, 4 CPUs/);
    s.type("cat /sys/devices/system/cpu/online\n");
    at = await s.waitFor("guest# ", at, 120);
    expect(online.exec(s.out().slice(at - 100))?.[1]).toBe("0-3");
    await s.quit();
  }, (ARMLET_BOOT_TIMEOUT + 300) * 1000);
});
