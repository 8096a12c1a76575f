// Debian's arm64 kernel (the lab's gzip-compressed Image.gz) on -M virt --cpu cortex-a57
// (GICv2, PSCI through HVC) with QEMU's own device tree (fixtures/qemu-virt-cortex-a57-smpN.dtb:
// qemu-system-aarch64's dumpdtb less the hardware armlet does not model, test/boot/lab/qemu-dtb.ts),
// so the boot does not depend on armlet's DTB generator. --smp 1 and 4 reach GUEST-DONE with
// the MANIFEST's workload output and power off through PSCI SYSTEM_OFF with exit 0; the device
// lines of the boot log match QEMU's (live when qemu-system-aarch64 is installed, else the
// recorded fixture), except the GICv2m MSI frame armlet does not model. The shell image with
// the lab's armhf busybox added answers typed commands, and that 32-bit busybox (AArch32 at
// EL0 under the arm64 kernel) computes the MANIFEST's workload.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect, beforeAll } from "vitest";
import { lacks } from "../helpers/requirements.js";
import { workloadProblems, type GuestLab } from "./lab/guests.js";
import { describeWithGuestLab } from "./lab/describe-with-lab.js";
import { runArmlet, bootReport, poweredOff, type ArmletBootResult } from "./lab/armlet.js";
import { qemuAvailable, runQemu, QEMU_SYSTEM_AARCH64, type BootResult, type BootSpec } from "./lab/qemu.js";
import { deviceLines, diffLines, normaliseLine } from "./lab/boot-log.js";
import { FIXTURES, readFixture, refreshFixture } from "./lab/fixtures.js";
import { armletReadyDtb, dumpQemuA57Dtb } from "./lab/qemu-dtb.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "./lab/settings.js";
import { compatShellInitrd } from "./lab/compat-initrd.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

/** QEMU's device lines for hardware armlet's virt leaves out (as virt.test.ts). */
const NOT_MODELLED = [/^GICv2m:/];
const withoutUnmodelled = (lines: string[]) => lines.filter((l) => !NOT_MODELLED.some((re) => re.test(l)));

const CPU = "cortex-a57";
const fixtureName = (smp: number) => `qemu-virt-${CPU}-smp${smp}`;
const dtbFixture = (smp: number) => join(FIXTURES, `${fixtureName(smp)}.dtb`);

/** arm64 lines worth comparing besides the shared ones (boot-log.ts is ARMv7-minded). */
const A64_DEVICE_LINE = [/^Root IRQ handler:/, /^CPU features: detected:/, /^Detected \S+ I-cache on CPU\d+/, /^psci: /, /^CPU\d+: Booted secondary/];
function a64DeviceLines(log: string): string[] {
  return log.split("\n").flatMap((raw) => {
    const shared = deviceLines(raw);
    if (shared.length) return shared;
    const line = normaliseLine(raw);
    return line && A64_DEVICE_LINE.some((re) => re.test(line)) ? [line] : [];
  });
}

function arm64Guests(g: GuestLab) {
  const dir = join(g.dir, "arm64");
  const files = { kernel: join(dir, "Image.gz"), initrd: join(dir, "initramfs.cpio.gz"), shellInitrd: join(dir, "initramfs-shell.cpio.gz") };
  for (const f of Object.values(files)) if (!existsSync(f)) throw new Error(`guest lab ${g.dir} has no ${f} (rerun 'node dist/cli/main.js guests fetch')`);
  return files;
}

describeWithGuestLab("virt --cpu cortex-a57 Linux boot (Debian arm64 Image.gz, QEMU's DTB)", (g) => {
  const a64 = arm64Guests(g);
  const haveQemu = !lacks(QEMU_SYSTEM_AARCH64, qemuAvailable(QEMU_SYSTEM_AARCH64));

  for (const smp of [1, 4]) describe(`--smp ${smp}`, () => {
    // nokaslr: QEMU's tree has a random kaslr-seed (armlet's has none), and KASLR changes the
    // CPU feature lines (KPTI is forced on with it).
    const spec: BootSpec = {
      machine: "virt", cpu: CPU, kernel: a64.kernel, initrd: a64.initrd, smp, timeoutSec: ARMLET_BOOT_TIMEOUT,
      append: "console=ttyAMA0 nokaslr",
    };
    let armlet: ArmletBootResult;
    let qemu: Promise<BootResult> | undefined;

    beforeAll(async () => {
      // QEMU with its own tree (PCIe, GICv2m and all); armlet with that tree less the unmodelled nodes.
      if (haveQemu) qemu = runQemu({ ...spec, timeoutSec: 120 });
      armlet = await runArmlet({ ...spec, dtb: dtbFixture(smp), nsPerInsn: DETERMINISTIC_NS_PER_INSN });
    }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);

    it(`--smp ${smp}: GUEST-DONE with the MANIFEST's workload output, PSCI SYSTEM_OFF exits 0`, () => {
      const problems = workloadProblems(armlet.console, g.expect, smp);
      if (!poweredOff(armlet)) problems.push("did not power off with exit code 0");
      if (!/Machine model: linux,dummy-virt/.test(armlet.console)) problems.push("the kernel did not see virt's DTB");
      if (!/psci: PSCIv1\.1 detected in firmware/.test(armlet.console)) problems.push("the kernel did not find PSCI 1.1");
      if (!/Root IRQ handler: gic_handle_irq/.test(armlet.console)) problems.push("the kernel did not take the GICv2 (gic_handle_irq)");
      console.log(`virt-a57 --smp ${smp}: armlet ${armlet.seconds.toFixed(1)} s (GUEST-READY at ${armlet.readySeconds?.toFixed(1)} s)`);
      if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(armlet, `armlet -M virt --cpu ${CPU} --smp ${smp} (deterministic)`)}`);
    });

    it.runIf(haveQemu)(`--smp ${smp}: the recorded DTB and device lines match a live qemu-system-aarch64`, async () => {
      const dump = dumpQemuA57Dtb(smp);
      expect(dump, "qemu-system-aarch64 -M virt,dumpdtb=").toBeDefined();
      expect(Buffer.from(armletReadyDtb(dump!)).equals(readFileSync(dtbFixture(smp))), `${dtbFixture(smp)} differs from QEMU's dump`).toBe(true);
      const q = await qemu!;
      console.log(`virt-a57 --smp ${smp}: qemu-system-aarch64 ${q.seconds.toFixed(1)} s`);
      expect(workloadProblems(q.console, g.expect, smp), bootReport(q, "qemu-system-aarch64 -M virt")).toEqual([]);
      if (refreshFixture(smp, a64DeviceLines(q.console), spec)) console.warn(`test/boot: refreshed ${fixtureName(smp)} from QEMU`);
    }, 150_000);

    it(`--smp ${smp}: finds the same CPUs, GIC, timers, UART, RTC, PSCI as QEMU (device lines; GICv2m not modelled)`, async () => {
      let ref: string[] | undefined;
      let refName = "qemu (live)";
      if (qemu) {
        const q = await qemu;
        if (q.reason === "exit") ref = a64DeviceLines(q.console);
      }
      if (!ref) { ref = readFixture(smp, `virt-${CPU}`); refName = `qemu (${fixtureName(smp)}.devices.txt)`; }
      if (!ref) throw new Error(`no QEMU reference: ${QEMU_SYSTEM_AARCH64} is not installed and ${fixtureName(smp)}.devices.txt is missing`);
      const mine = a64DeviceLines(armlet.console);
      if (mine.length === 0) throw new Error(`armlet printed no device lines\n${bootReport(armlet, `armlet --smp ${smp}`)}`);
      const diff = diffLines(withoutUnmodelled(ref), mine, refName, "armlet");
      if (diff.length) throw new Error(`device lines differ:\n${diff.join("\n")}\n${bootReport(armlet, `armlet --smp ${smp}`)}`);
    }, 150_000);
  });

  it("--smp 2 shell: answers, the armhf static busybox (AArch32 at EL0) runs the workload, CPU 1 goes offline and back", async () => {
    // The lab's arm64 images have only the arm64 busybox: add the armhf one (compat-initrd.ts).
    const initrd = join(mkdtempSync(join(tmpdir(), "armlet-compat-")), "compat.cpio.gz");
    writeFileSync(initrd, compatShellInitrd(a64.shellInitrd, g.initrd));
    const awk = `'BEGIN { s = 0; for (i = 0; i < 50000; i++) s = (s * 31 + i) % 1000003; print "awk-sum", s }'`;
    const spec: BootSpec = {
      machine: "virt", cpu: CPU, kernel: a64.kernel, initrd, smp: 2, timeoutSec: ARMLET_BOOT_TIMEOUT, append: "console=ttyAMA0 nokaslr",
      input: [
        { expect: "guest# ", send: "echo $((6*7))-typed\n" },
        { expect: "42-typed", send: `busybox32 sh -c 'echo arm32-$((6*7))'; busybox32 dd if=/dev/zero bs=1048576 count=4 2>/dev/null | busybox32 sha256sum; busybox32 awk ${awk}; echo compat-done\n` },
        // PSCI from AArch64 again after boot: CPU_OFF, AFFINITY_INFO (the kernel polls it), CPU_ON.
        { expect: /compat-done\r?\n/, send: "echo 0 > /sys/devices/system/cpu/cpu1/online; cat /sys/devices/system/cpu/online; echo 1 > /sys/devices/system/cpu/cpu1/online; echo online-$(cat /sys/devices/system/cpu/online)\n" },
        { expect: /online-\S+\r?\n/, send: "poweroff -f\n" },
      ],
    };
    const t0 = Date.now();
    const r = await runArmlet({ ...spec, dtb: dtbFixture(2), nsPerInsn: DETERMINISTIC_NS_PER_INSN });
    console.log(`virt-a57 shell + busybox32 --smp 2: armlet ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const report = bootReport(r, `armlet -M virt --cpu ${CPU} --smp 2, shell`);
    const after = r.console.slice(r.console.indexOf("42-typed"));
    expect(r.console, report).toMatch(/^42-typed/m);
    expect(after, report).toMatch(/^arm32-42\r?$/m);
    expect(after, report).toContain(`${g.expect["sha256-4MiB"]}  -`);
    expect(after, report).toMatch(new RegExp(`^awk-sum ${g.expect["awk-sum-50000"]}\\r?$`, "m"));
    expect(after, report).toMatch(/psci: CPU1 killed/);
    expect(after, report).toMatch(/CPU1: Booted secondary processor 0x0000000001/);
    expect(after, report).toMatch(/^online-0-1\r?$/m);
    expect(poweredOff(r), report).toBe(true);
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
});
