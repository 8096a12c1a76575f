// Recorded QEMU reference device lines (test/boot/fixtures/*.devices.txt): '#' lines are a
// header saying how the log was made; every other line is one normalised device line.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { qemuArgs, qemuFor, qemuVersion, type BootSpec } from "./qemu.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

export function fixturePath(smp: number, machine = "vexpress-a15"): string {
  return join(FIXTURES, `qemu-${machine}-smp${smp}.devices.txt`);
}

/**
 * The fixture name's machine part for a boot: virt with another CPU than the A15 has its own
 * fixtures (qemu-virt-cortex-a57-smpN), and -M virt,gic-version=3 its own again (qemu-virt-gicv3-cortex-a57-smpN).
 */
export function fixtureMachine(spec: Pick<BootSpec, "machine" | "cpu">): string {
  const [type, ...props] = (spec.machine ?? "vexpress-a15").split(",");
  const gic = props.find((p) => p.startsWith("gic-version="))?.slice("gic-version=".length);
  const machine = gic && gic !== "2" ? `${type}-gicv${gic}` : type;
  return spec.cpu && spec.cpu !== "cortex-a15" ? `${machine}-${spec.cpu}` : machine;
}

export function readFixture(smp: number, machine?: string): string[] | undefined {
  const p = fixturePath(smp, machine);
  if (!existsSync(p)) return undefined;
  return readFileSync(p, "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#"));
}

/**
 * Compare the fixture with a live QEMU run. A difference fails, unless ARMLET_UPDATE_FIXTURES=1
 * asks to rewrite the fixture (tests never change repo files on their own). True if rewritten.
 */
export function refreshFixture(smp: number, lines: string[], spec: BootSpec): boolean {
  const machine = fixtureMachine(spec);
  const bin = qemuFor(spec).replace(/^.*\//, "");
  const a64 = spec.cpu === "cortex-a57";
  const old = readFixture(smp, machine);
  if (old && old.length === lines.length && old.every((l, i) => l === lines[i])) return false;
  if (process.env.ARMLET_UPDATE_FIXTURES !== "1") {
    throw new Error(`${fixturePath(smp, machine)} differs from a live QEMU run (${qemuVersion()}); ` +
      "check the difference and rerun with ARMLET_UPDATE_FIXTURES=1 to record the new reference");
  }
  const args = qemuArgs(spec).map((a) => (a.includes("/") ? a.replace(/^.*\//, "") : a));
  const header = [
    `# Device lines of a Linux boot under QEMU (reference for test/boot/${a64 ? "virt-a57" : machine.startsWith("virt") ? "virt" : "vexpress"}.test.ts).`,
    `# ${bin} ${qemuVersion(qemuFor(spec))}: ${bin} ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`,
    `# Guests from armlet guests fetch (Debian ${a64 ? "arm64 Image" : "armmp zImage"}, ${spec.dtb ? "its DTB, " : ""}the ready initramfs).`,
    "# Made by test/boot/lab (deviceLines): timestamps, BogoMIPS and RTC dates normalised away.",
    `# Refresh: ARMLET_UPDATE_FIXTURES=1 npx vitest run test/boot (with ${bin} installed).`,
  ];
  writeFileSync(fixturePath(smp, machine), [...header, ...lines, ""].join("\n"));
  return true;
}
