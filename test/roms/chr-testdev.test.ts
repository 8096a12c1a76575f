// kvm-unit-tests' verdict path end to end: roms/bin/chr-testdev.elf binds the virtio console as
// kvm-unit-tests' lib/chr-testdev.c does and writes "3q" to the testdev chardev. With
// kvm-unit-tests' device options, QEMU 7.2 exits with status (3 << 1) | 1 = 7; the `armlet`
// command must too, printing the same console (the features, config space and queue sizes
// it read on the way).
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";
import { runGuest } from "../../machines/run-guest.js";
import { parseDevice } from "../../machines/devices/device-specs.js";
import { parseChardev } from "../../machines/chardev/chardev.js";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const ELF = join(ROOT, "roms", "bin", "chr-testdev.elf");
/** kvm-unit-tests' chr-testdev options (scripts/arch-run.bash / arm/run). */
const KUT_DEVICES = ["virtio-serial-device", "virtconsole,chardev=ctd"];
const KUT_CHARDEVS = ["testdev,id=ctd"];
const deviceArgs = (dash: string) => [...KUT_DEVICES.flatMap((d) => [`${dash}device`, d]), ...KUT_CHARDEVS.flatMap((c) => [`${dash}chardev`, c])];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

function armletCli(extra: string[] = []) {
  const r = spawnSync(process.execPath, [CLI, "run", "-M", "virt", "--cpu", "cortex-a15", "--semihosting", ...extra,
    "--kernel", ELF, "--timeout", "60"], { encoding: "latin1", timeout: 90_000, input: "" });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("chr-testdev: the guest's verdict through the testdev chardev", () => {
  it("in-process: the run ends with reason exit and code 7 right after '3q'", async () => {
    const r = await runGuest({
      machine: "virt", cpu: "cortex-a15", kernel: ELF, semihosting: true, timeoutSec: 60,
      devices: KUT_DEVICES.map(parseDevice), chardevs: KUT_CHARDEVS.map(parseChardev),
    });
    expect({ reason: r.reason, exitCode: r.exitCode }).toEqual({ reason: "exit", exitCode: 7 });
    expect(r.console).toMatch(/INFO console transport = 0x0000001f/);
    expect(r.console).toMatch(/writing 3q\n$/);
    expect(r.console).not.toMatch(/^FAIL/m);
  });

  it("`armlet run` exits with status 7", () => {
    const r = armletCli(deviceArgs("--"));
    expect(r.status, r.err).toBe(7);
    expect(r.err).toBe("");
  });

  it("without the devices the program finds no console and passes (exit 0)", () => {
    const r = armletCli();
    expect(r.status, r.err).toBe(0);
    expect(r.out).toMatch(/no virtio console/);
  });

  it.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("QEMU 7.2 with the same options: same console, same status 7", () => {
    const q = spawnSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", "virt", "-cpu", "cortex-a15", "-nodefaults", "-display", "none",
      "-serial", "stdio", "-semihosting", ...deviceArgs("-"), "-kernel", ELF]), { encoding: "latin1", timeout: 60_000 });
    expect(q.status, q.stderr).toBe(7);
    const a = armletCli(deviceArgs("--"));
    expect(a.out).toBe(q.stdout);
    expect(a.status).toBe(q.status);
  });
});
