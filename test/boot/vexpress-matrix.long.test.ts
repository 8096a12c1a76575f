// The long boot matrix (npm run test:long, ARMLET_LONG=1): the ready initramfs with --smp 1/2
// in host and deterministic time, deterministic boots repeated byte for byte, the device
// lines with --smp 2 against QEMU's, and the shell initramfs driven through the console.
import { describe, it, expect } from "vitest";
import { existsSync } from "node:fs";
import { locateGuests, workloadProblems, type GuestLab } from "./lab/guests.js";
import { runArmlet, runArmletCli, ARMLET_CLI, bootReport, poweredOff, type ArmletBootResult } from "./lab/armlet.js";
import { qemuAvailable, runQemu, type BootSpec, type InputStep } from "./lab/qemu.js";
import { deviceLines, diffLines } from "./lab/boot-log.js";
import { readFixture, refreshFixture, fixturePath } from "./lab/fixtures.js";
import { ARMLET_BOOT_TIMEOUT, DETERMINISTIC_NS_PER_INSN, LONG } from "./lab/settings.js";

let lab: GuestLab | undefined;
let why = "the long boot matrix runs with ARMLET_LONG=1 (npm run test:long)";
let labError: Error | undefined;
if (LONG) {
  try {
    const found = locateGuests();
    lab = found.lab;
    if (!found.lab) why = found.why;
  } catch (e) { labError = e as Error; }
}

const TIMEOUT = Math.max(ARMLET_BOOT_TIMEOUT, 400);
const MODES = [["host", 0], ["deterministic", DETERMINISTIC_NS_PER_INSN]] as const;

/** Type two commands into the shell, check their output, then `exit` (init powers off). */
function shellDialogue(smp: number): { steps: InputStep[]; wanted: RegExp[] } {
  return {
    steps: [
      { expect: "guest# ", send: "echo hello-$((6*7))\n" },
      { expect: /hello-42\r?\n/, send: "echo cpus=$(grep -c ^processor /proc/cpuinfo)\n" },
      { expect: /cpus=\d+\r?\n/, send: "exit\n" },
    ],
    wanted: [/^hello-42\r?$/m, new RegExp(`^cpus=${smp}\\r?$`, "m")],
  };
}

describe.runIf(LONG)("vexpress-a15 boot matrix (ARMLET_LONG=1)", () => {
  if (labError) { it("finds a complete guest lab", () => { throw labError; }); return; }
  if (!lab) { it.skip(`skipped: ${why}`, () => {}); return; }
  const g = lab;
  const ready = (smp: number): BootSpec => ({ kernel: g.zImage, dtb: g.dtb, initrd: g.initrd, smp, timeoutSec: TIMEOUT });
  const det: Record<number, ArmletBootResult> = {};

  for (const smp of [1, 2]) {
    for (const [mode, ns] of MODES) {
      it(`--smp ${smp}, ${mode} time: GUEST-DONE with the MANIFEST's output, exit 0`, async () => {
        const r = await runArmlet({ ...ready(smp), nsPerInsn: ns });
        if (ns) det[smp] = r;
        const problems = workloadProblems(r.console, g.expect, smp);
        if (!poweredOff(r)) problems.push("did not power off with exit code 0");
        if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(r, `armlet --smp ${smp} (${mode})`)}`);
      }, (TIMEOUT + 30) * 1000);
    }

    it(`--smp ${smp}, deterministic time: a second boot prints the same console, byte for byte`, async () => {
      const first = det[smp];
      if (!first || !poweredOff(first)) throw new Error("the first deterministic boot did not complete");
      const again = await runArmlet({ ...ready(smp), nsPerInsn: DETERMINISTIC_NS_PER_INSN });
      expect(again.instructions).toBe(first.instructions);
      if (again.console !== first.console) {
        const a = first.console.split("\n"), b = again.console.split("\n");
        const at = a.findIndex((l, i) => l !== b[i]);
        throw new Error(`consoles differ from line ${at + 1}:\n  first:  ${a[at]}\n  second: ${b[at]}`);
      }
    }, (TIMEOUT + 30) * 1000);

    it(`--smp ${smp}: the shell initramfs answers typed commands and 'exit' powers off`, async () => {
      const { steps, wanted } = shellDialogue(smp);
      const r = await runArmlet({ ...ready(smp), initrd: g.shellInitrd, input: steps });
      const problems = wanted.filter((re) => !re.test(r.console)).map((re) => `no output matching ${re}`);
      if (!poweredOff(r)) problems.push("did not power off with exit code 0");
      if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(r, `armlet shell --smp ${smp}`)}`);
    }, (TIMEOUT + 30) * 1000);
  }

  it("--smp 2: the same device lines as QEMU", async () => {
    let ref = readFixture(2), refName = `qemu (${fixturePath(2)})`;
    if (qemuAvailable()) {
      const q = await runQemu({ ...ready(2), timeoutSec: 120 });
      expect(workloadProblems(q.console, g.expect, 2), bootReport(q, "qemu-system-arm --smp 2")).toEqual([]);
      ref = deviceLines(q.console); refName = "qemu (live)";
      if (refreshFixture(2, ref, ready(2))) console.warn(`test/boot: refreshed ${fixturePath(2)} from QEMU`);
    }
    if (!ref) throw new Error(`no QEMU reference: qemu-system-arm is not installed and ${fixturePath(2)} is missing`);
    const r = det[2] ?? await runArmlet({ ...ready(2), nsPerInsn: DETERMINISTIC_NS_PER_INSN });
    const diff = diffLines(ref, deviceLines(r.console), refName, "armlet");
    if (diff.length) throw new Error(`device lines differ:\n${diff.join("\n")}\n${bootReport(r, "armlet --smp 2")}`);
  }, (TIMEOUT + 150) * 1000);

  it("the command line: `armlet run -M vexpress-a15 ...` with the shell on piped stdin, exit code 0", async () => {
    if (!existsSync(ARMLET_CLI)) throw new Error(`${ARMLET_CLI} missing: run npm run build`);
    const { steps, wanted } = shellDialogue(1);
    const r = await runArmletCli({ ...ready(1), initrd: g.shellInitrd, input: steps });
    const problems = wanted.filter((re) => !re.test(r.console)).map((re) => `no output matching ${re}`);
    if (!poweredOff(r)) problems.push(`exit code ${r.exitCode}, not 0`);
    if (problems.length) throw new Error(`${problems.join("; ")}\n${bootReport(r, "armlet run (CLI) shell")}`);
  }, (TIMEOUT + 60) * 1000);

  it.runIf(qemuAvailable())("QEMU runs the same shell dialogue (checks the dialogue itself)", async () => {
    const { steps, wanted } = shellDialogue(1);
    const q = await runQemu({ ...ready(1), initrd: g.shellInitrd, input: steps, timeoutSec: 120 });
    expect(wanted.filter((re) => !re.test(q.console)), bootReport(q, "qemu shell")).toEqual([]);
    expect(poweredOff(q), bootReport(q, "qemu shell")).toBe(true);
  }, 150_000);
});
