// Debian's armmp kernel on -M virt --cpu cortex-a15 with no DTB given (the board writes its
// own, PSCI through HVC): boots under armlet to GUEST-DONE (workload checked against MANIFEST)
// and powers off through PSCI SYSTEM_OFF with exit 0; the device lines of its boot log match
// QEMU's (live when qemu-system-arm is installed, else the recorded fixture), except the GICv2m
// MSI frame armlet does not model. The deterministic run also saves a snapshot mid-boot; a new
// process resumes it to GUEST-DONE with the rest of the console byte for byte
// (snapshot/midboot.ts). --smp 4, reboot, CPU hotplug and virtio-blk are in virt.long.test.ts
// (ARMLET_LONG=1).
import { it, expect, beforeAll } from "vitest";
import { lacks } from "../helpers/requirements.js";
import { workloadProblems } from "./lab/guests.js";
import { describeWithGuestLab } from "./lab/describe-with-lab.js";
import { runArmlet, bootReport, poweredOff, type ArmletBootResult } from "./lab/armlet.js";
import { qemuAvailable, runQemu, type BootResult, type BootSpec } from "./lab/qemu.js";
import { deviceLines, diffLines } from "./lab/boot-log.js";
import { readFixture, refreshFixture, fixturePath } from "./lab/fixtures.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "./lab/settings.js";
import { expectMidBootResume, midBootSave, MID_BOOT_INSNS } from "../snapshot/midboot.js";

/** QEMU's device lines for hardware armlet's virt leaves out (VIRT_DTB_NOT_MODELLED). */
export const VIRT_NOT_MODELLED = [/^GICv2m:/];
export const withoutUnmodelled = (lines: string[]) => lines.filter((l) => !VIRT_NOT_MODELLED.some((re) => re.test(l)));

describeWithGuestLab("virt Linux boot (Debian armmp zImage, the board's own DTB)", (g) => {
  const spec: BootSpec = { machine: "virt", kernel: g.zImage, initrd: g.initrd, smp: 1, timeoutSec: ARMLET_BOOT_TIMEOUT };
  const haveQemu = !lacks("qemu-system-arm", qemuAvailable());
  let armlet: ArmletBootResult;
  let qemu: Promise<BootResult> | undefined;
  const mid = midBootSave(MID_BOOT_INSNS.virt);

  beforeAll(async () => {
    if (haveQemu) qemu = runQemu({ ...spec, timeoutSec: 120 });
    armlet = await runArmlet({ ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN, ...mid.hooks });
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);

  it("--smp 1, deterministic time: GUEST-DONE with the MANIFEST's workload output, PSCI SYSTEM_OFF exits 0", () => {
    const problems = workloadProblems(armlet.console, g.expect, 1);
    if (!poweredOff(armlet)) problems.push("did not power off with exit code 0");
    if (!/Machine model: linux,dummy-virt/.test(armlet.console)) problems.push("the kernel did not see virt's generated DTB");
    if (!/psci: PSCIv1\.1 detected in firmware/.test(armlet.console)) problems.push("the kernel did not find PSCI 1.1");
    if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(armlet, "armlet -M virt --smp 1 (deterministic)")}`);
  });

  it.runIf(haveQemu)("the recorded QEMU reference matches a live QEMU run", async () => {
    const q = await qemu!;
    const problems = workloadProblems(q.console, g.expect, 1);
    expect(problems, bootReport(q, "qemu-system-arm -M virt")).toEqual([]);
    if (refreshFixture(1, deviceLines(q.console), spec)) console.warn(`test/boot: refreshed ${fixturePath(1, "virt")} from QEMU`);
  }, 150_000);

  it("finds the same CPUs, GIC, timers, UART, RTC as QEMU (device lines; GICv2m not modelled)", async () => {
    let ref: string[] | undefined;
    let refName = "qemu (live)";
    if (qemu) {
      const q = await qemu;
      if (q.reason === "exit") ref = deviceLines(q.console);
    }
    if (!ref) { ref = readFixture(1, "virt"); refName = `qemu (${fixturePath(1, "virt")})`; }
    if (!ref) throw new Error(`no QEMU reference: qemu-system-arm is not installed and ${fixturePath(1, "virt")} is missing`);
    const mine = deviceLines(armlet.console);
    if (mine.length === 0) throw new Error(`armlet printed no device lines\n${bootReport(armlet, "armlet -M virt --smp 1")}`);
    const diff = diffLines(withoutUnmodelled(ref), mine, refName, "armlet");
    if (diff.length) throw new Error(`device lines differ:\n${diff.join("\n")}\n${bootReport(armlet, "armlet -M virt --smp 1")}`);
  }, 150_000);

  it(`a save at instruction ${MID_BOOT_INSNS.virt} (mid-boot) resumes in a new process to GUEST-DONE, console byte-identical`, async () => {
    await expectMidBootResume("virt", mid, armlet.console, g, 1, ARMLET_BOOT_TIMEOUT);
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
});
