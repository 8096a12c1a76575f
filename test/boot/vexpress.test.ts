// Debian's armmp kernel on -M vexpress-a15: boots under armlet to GUEST-DONE (the ready
// initramfs's workload checked against MANIFEST) and powers off with exit 0; the device
// lines of its boot log match QEMU's (live when qemu-system-arm is installed, else the
// recorded fixture); its deterministic run saves mid-boot and a new process resumes that file to
// GUEST-DONE with the rest of the console byte for byte (snapshot/midboot.ts). Guests: `armlet
// guests fetch` (ARMLET_GUESTS). The --smp/time-mode matrix and the interactive shell are in
// vexpress-matrix.long.test.ts (ARMLET_LONG=1).
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

describeWithGuestLab("vexpress-a15 Linux boot (Debian armmp zImage)", (g) => {
  const spec: BootSpec = { kernel: g.zImage, dtb: g.dtb, initrd: g.initrd, smp: 1, timeoutSec: ARMLET_BOOT_TIMEOUT };
  const haveQemu = !lacks("qemu-system-arm", qemuAvailable());
  let armlet: ArmletBootResult;
  let qemu: Promise<BootResult> | undefined;
  const mid = midBootSave(MID_BOOT_INSNS["vexpress-a15"]);

  beforeAll(async () => {
    // QEMU runs in its own process while armlet boots in this one.
    if (haveQemu) qemu = runQemu({ ...spec, timeoutSec: 120 });
    armlet = await runArmlet({ ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN, ...mid.hooks });
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);

  it("--smp 1, deterministic time: reaches GUEST-DONE with the MANIFEST's workload output and exits 0", () => {
    const problems = workloadProblems(armlet.console, g.expect, 1);
    if (!poweredOff(armlet)) problems.push("did not power off with exit code 0");
    if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(armlet, "armlet --smp 1 (deterministic)")}`);
  });

  it.runIf(haveQemu)("the recorded QEMU reference matches a live QEMU run", async () => {
    const q = await qemu!;
    const problems = workloadProblems(q.console, g.expect, 1);
    expect(problems, bootReport(q, "qemu-system-arm")).toEqual([]);
    if (refreshFixture(1, deviceLines(q.console), spec)) console.warn(`test/boot: refreshed ${fixturePath(1)} from QEMU`);
  }, 150_000);

  it("finds the same CPUs, GIC, timers, UARTs and RTC as QEMU (device lines of the boot logs)", async () => {
    let ref: string[] | undefined;
    let refName = "qemu (live)";
    if (qemu) {
      const q = await qemu;
      if (q.reason === "exit") ref = deviceLines(q.console);
    }
    if (!ref) { ref = readFixture(1); refName = `qemu (${fixturePath(1)})`; }
    if (!ref) throw new Error(`no QEMU reference: qemu-system-arm is not installed and ${fixturePath(1)} is missing`);
    const mine = deviceLines(armlet.console);
    if (mine.length === 0) {
      throw new Error(`armlet printed none of the ${ref.length} device lines of ${refName}\n${bootReport(armlet, "armlet --smp 1 (deterministic)")}`);
    }
    const diff = diffLines(ref, mine, refName, "armlet");
    if (diff.length) {
      throw new Error(`device lines differ:\n${diff.join("\n")}\n${bootReport(armlet, "armlet --smp 1 (deterministic)")}`);
    }
  }, 150_000);

  it(`a save at instruction ${MID_BOOT_INSNS["vexpress-a15"]} (mid-boot) resumes in a new process to GUEST-DONE, console byte-identical`, async () => {
    await expectMidBootResume("vexpress-a15", mid, armlet.console, g, 0, ARMLET_BOOT_TIMEOUT);
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
});
