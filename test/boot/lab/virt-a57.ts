// One Debian arm64 boot on -M virt --cpu cortex-a57 with armlet's own generated DTB, as a
// describe block: GUEST-DONE with the MANIFEST's workload output and PSCI SYSTEM_OFF (exit 0),
// and the boot log's device lines equal to QEMU's for the same -M (live when
// qemu-system-aarch64 is installed, else the recorded fixture). Shared by virt-a57.test.ts (the
// CI cases) and virt-a57.long.test.ts (the rest of the --smp x GIC matrix, ARMLET_LONG=1).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it, beforeAll } from "vitest";
import { lacks } from "../../helpers/requirements.js";
import { workloadProblems, type GuestLab } from "./guests.js";
import { runArmlet, bootReport, poweredOff, type ArmletBootResult } from "./armlet.js";
import { qemuAvailable, runQemu, type BootResult, type BootSpec } from "./qemu.js";
import { QEMU_SYSTEM_AARCH64 } from "../../helpers/qemu.js";
import { deviceLines, diffLines, normaliseLine } from "./boot-log.js";
import { fixtureMachine, fixturePath, readFixture, refreshFixture } from "./fixtures.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN } from "./settings.js";

export const A57 = "cortex-a57";

/** A boot of the matrix: GICv2 (-M virt) or GICv3 with its ITS (-M virt,gic-version=3). */
export interface A57Case { gic: 2 | 3; smp: number }

export const a57Machine = (c: Pick<A57Case, "gic">) => (c.gic === 3 ? "virt,gic-version=3" : "virt");

/** QEMU's device lines for hardware armlet's virt leaves out: the GICv2m MSI frame. */
const NOT_MODELLED = [/^GICv2m:/];
const withoutUnmodelled = (lines: string[]) => lines.filter((l) => !NOT_MODELLED.some((re) => re.test(l)));

/** arm64 lines worth comparing besides the shared ones (boot-log.ts is ARMv7-minded), GICv3 and ITS included. */
const A64_DEVICE_LINE = [
  /^Root IRQ handler:/, /^CPU features: detected:/, /^Detected \S+ I-cache on CPU\d+/, /^psci: /, /^CPU\d+: Booted secondary/,
  /^GICv3: /, /^ITS[ @]/, /^(Platform MSI|PCI\/MSI|fsl-mc MSI): \S*its/,
];
export function a64DeviceLines(log: string): string[] {
  return log.split("\n").flatMap((raw) => {
    const shared = deviceLines(raw);
    if (shared.length) return shared;
    const line = normaliseLine(raw);
    return line && A64_DEVICE_LINE.some((re) => re.test(line)) ? [line] : [];
  });
}

export function arm64Guests(g: GuestLab) {
  const dir = join(g.dir, "arm64");
  const files = { kernel: join(dir, "Image.gz"), initrd: join(dir, "initramfs.cpio.gz"), shellInitrd: join(dir, "initramfs-shell.cpio.gz") };
  for (const f of Object.values(files)) if (!existsSync(f)) throw new Error(`guest lab ${g.dir} has no ${f} (rerun 'node dist/cli/main.js guests fetch')`);
  return files;
}

/** The boot of `c`, with its checks, as a describe block. */
export function describeA57Boot(g: GuestLab, c: A57Case): void {
  const a64 = arm64Guests(g);
  const haveQemu = !lacks(QEMU_SYSTEM_AARCH64, qemuAvailable(QEMU_SYSTEM_AARCH64));
  const name = `GICv${c.gic} --smp ${c.smp}`;
  describe(name, () => {
    // nokaslr: QEMU's tree has a random kaslr-seed (armlet's has none), and KASLR changes the
    // CPU feature lines (KPTI is forced on with it).
    const spec: BootSpec = {
      machine: a57Machine(c), cpu: A57, kernel: a64.kernel, initrd: a64.initrd, smp: c.smp, timeoutSec: ARMLET_BOOT_TIMEOUT,
      append: "console=ttyAMA0 nokaslr",
    };
    const fixture = fixturePath(c.smp, fixtureMachine(spec));
    let armlet: ArmletBootResult;
    let qemu: Promise<BootResult> | undefined;

    beforeAll(async () => {
      if (haveQemu) qemu = runQemu({ ...spec, timeoutSec: 120 });
      armlet = await runArmlet({ ...spec, nsPerInsn: DETERMINISTIC_NS_PER_INSN });
    }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);

    it(`${name}: GUEST-DONE with the MANIFEST's workload output, PSCI SYSTEM_OFF exits 0`, () => {
      const problems = workloadProblems(armlet.console, g.expect, c.smp);
      if (!poweredOff(armlet)) problems.push("did not power off with exit code 0");
      if (!/Machine model: linux,dummy-virt/.test(armlet.console)) problems.push("the kernel did not see virt's DTB");
      if (!/psci: PSCIv1\.1 detected in firmware/.test(armlet.console)) problems.push("the kernel did not find PSCI 1.1");
      if (!/Root IRQ handler: gic_handle_irq/.test(armlet.console)) problems.push("the kernel did not take the GIC (gic_handle_irq)");
      if (c.gic === 3 && !/ITS@0x0*8080000: allocated/.test(armlet.console)) problems.push("the kernel did not set up the GICv3 ITS");
      if (c.gic === 2 && /GICv3/.test(armlet.console)) problems.push("GICv2 machine, but the kernel found a GICv3");
      console.log(`virt-a57 ${name}: armlet ${armlet.seconds.toFixed(1)} s (GUEST-READY at ${armlet.readySeconds?.toFixed(1)} s)`);
      if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(armlet, `armlet -M ${spec.machine} --cpu ${A57} --smp ${c.smp} (deterministic)`)}`);
    });

    it.runIf(haveQemu)(`${name}: the recorded device lines match a live qemu-system-aarch64`, async () => {
      const q = await qemu!;
      console.log(`virt-a57 ${name}: qemu-system-aarch64 ${q.seconds.toFixed(1)} s`);
      const problems = workloadProblems(q.console, g.expect, c.smp);
      if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(q, `qemu-system-aarch64 -M ${spec.machine}`)}`);
      if (refreshFixture(c.smp, a64DeviceLines(q.console), spec)) console.warn(`test/boot: refreshed ${fixture} from QEMU`);
    }, 150_000);

    it(`${name}: finds the same CPUs, GIC, timers, UART, RTC, PSCI as QEMU (device lines${c.gic === 2 ? "; GICv2m not modelled" : ""})`, async () => {
      let ref: string[] | undefined;
      let refName = "qemu (live)";
      if (qemu) {
        const q = await qemu;
        if (q.reason === "exit") ref = a64DeviceLines(q.console);
      }
      if (!ref) { ref = readFixture(c.smp, fixtureMachine(spec)); refName = `qemu (${fixture})`; }
      if (!ref) throw new Error(`no QEMU reference: ${QEMU_SYSTEM_AARCH64} is not installed and ${fixture} is missing`);
      const mine = a64DeviceLines(armlet.console);
      if (mine.length === 0) throw new Error(`armlet printed no device lines\n${bootReport(armlet, `armlet ${name}`)}`);
      const diff = diffLines(withoutUnmodelled(ref), mine, refName, "armlet");
      if (diff.length) throw new Error(`device lines differ:\n${diff.join("\n")}\n${bootReport(armlet, `armlet ${name}`)}`);
    }, 150_000);
  });
}
