// Debian's arm64 kernel (the lab's gzip-compressed Image.gz) on -M virt --cpu cortex-a57 with
// armlet's own generated DTB (PSCI through HVC), GICv2 and GICv3 with its ITS
// (-M virt,gic-version=3): GICv2 --smp 1 and GICv3 --smp 4 reach GUEST-DONE with the MANIFEST's
// workload output and power off through PSCI SYSTEM_OFF with exit 0, and the device lines of
// the boot log match QEMU's for the same -M (live when qemu-system-aarch64 is installed, else
// the recorded fixture), except the GICv2m MSI frame armlet does not model (lab/virt-a57.ts;
// the rest of the --smp x GIC matrix is virt-a57.long.test.ts). The shell image with the lab's
// armhf busybox added answers typed commands (GICv2 --smp 2), and that 32-bit busybox (AArch32
// at EL0 under the arm64 kernel) computes the MANIFEST's workload.
import { join } from "node:path";
import { it, expect } from "vitest";
import { describeWithGuestLab } from "./lab/describe-with-lab.js";
import { runArmlet, bootReport, poweredOff } from "./lab/armlet.js";
import { type BootSpec } from "./lab/qemu.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "./lab/settings.js";
import { compatShellInitrd } from "./lab/compat-initrd.js";
import { A57 as CPU, arm64Guests, describeA57Boot, type A57Case } from "./lab/virt-a57.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

/** The CI cases; virt-a57.long.test.ts boots the others. */
const CI_CASES: A57Case[] = [{ gic: 2, smp: 1 }, { gic: 3, smp: 4 }];

describeWithGuestLab("virt --cpu cortex-a57 Linux boot (Debian arm64 Image.gz, armlet's DTB)", (g) => {
  const a64 = arm64Guests(g);
  for (const c of CI_CASES) describeA57Boot(g, c);

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
    const r = await runArmlet({ ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN });
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
