// PSCI on the HVC conduit, end to end: test/machines/programs/psci.S (built into psci.elf)
// calls every PSCI function and error path from CPU 0, starts and stops CPU 1 (ARM and Thumb
// entries), suspends, resets the machine through SYSTEM_RESET and ends with SYSTEM_OFF from
// CPU 1 after CPU 0's CPU_OFF. psci.qemu.txt is its console under
//   qemu-system-arm -M virt -cpu cortex-a15 -smp 2 -nographic -semihosting -kernel psci.elf
// (QEMU 7.2); armlet must print the same. The board is virt's layout (RAM, PL011, GICv2) with
// psci: "hvc", as QEMU's virt has it.
import { describe, it, expect } from "vitest";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Machine, type MachineOptions, type RunResult } from "../../machines/machine.js";
import type { BoardDef } from "../../machines/boards/board.js";
import { virtDef } from "../../machines/boards/virt.js";
import { BOARD_DEFS } from "../../machines/boards/index.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "programs");
const ELF = join(DIR, "psci.elf");
const QEMU_CONSOLE = readFileSync(join(DIR, "psci.qemu.txt"), "latin1");


function board(psci: BoardDef["psci"]): BoardDef {
  return {
    ...virtDef,
    info: { ...virtDef.info, maxCpus: 8 },
    gic: { version: 2, distBase: 0x0800_0000, cpuBase: 0x0801_0000, numIrqs: 288, securityExtensions: false },
    psci,
  };
}

async function run(opts: Partial<MachineOptions> & { psci?: BoardDef["psci"] } = {}): Promise<RunResult & { console: string }> {
  let out = "";
  const { psci, ...rest } = opts;
  const m = new Machine({
    board: board("psci" in opts ? psci : "hvc"), kernel: readFileSync(ELF), smp: 2, timeoutSec: 30,
    onConsole: (b) => { out += Buffer.from(b).toString("latin1"); }, ...rest,
  });
  try {
    return { ...(await m.run()), console: out };
  } finally { m.dispose(); }
}

/** "name value" lines as a map. */
const lines = (s: string) => new Map(s.trim().split("\n").map((l) => l.split(" ") as [string, string]));

describe("PSCI on the HVC conduit (bare metal, against QEMU 7.2)", () => {
  it("the recorded QEMU console covers every case", () => {
    const q = lines(QEMU_CONSOLE);
    expect(q.get("version")).toBe("00010001");
    expect(q.get("on-self")).toBe("fffffffc"); // ALREADY_ON
    expect(q.get("on-2")).toBe("fffffffe"); // INVALID_PARAMETERS
    expect(q.get("affinity-1-after-off")).toBe("00000001");
    expect(q.get("cpu1-sees-cpu0-off")).toBe("00000001");
    expect(q.size).toBe(91);
  });

  it("armlet prints what QEMU prints and powers off (host time)", async () => {
    const r = await run();
    expect(r.reason, r.message).toBe("poweroff");
    expect(r.exitCode).toBe(0);
    expect(r.console).toBe(QEMU_CONSOLE);
  });

  it("the same in virtual time, deterministically", async () => {
    const a = await run({ nsPerInsn: 1, sliceInsns: 5000 });
    const b = await run({ nsPerInsn: 1, sliceInsns: 5000 });
    expect(a.reason, a.message).toBe("poweroff");
    expect(a.console).toBe(QEMU_CONSOLE);
    expect(b.console).toBe(a.console);
    expect(b.instructions).toBe(a.instructions);
  });

  it("--no-reboot: SYSTEM_RESET ends the run with reason reboot", async () => {
    const r = await run({ noReboot: true, nsPerInsn: 1 });
    expect(r.reason, r.message).toBe("reboot");
    expect(r.exitCode).toBe(0);
    const upToReset = QEMU_CONSOLE.slice(0, QEMU_CONSOLE.indexOf("second-boot"));
    expect(r.console).toBe(upToReset);
  });

  it("with four CPUs, CPUs 2 and 3 start off too and CPU 2 can be started", async () => {
    const r = await run({ smp: 4, nsPerInsn: 1 });
    expect(r.reason, r.message).toBe("poweroff");
    const got = lines(r.console);
    expect(got.get("affinity-2")).toBe("00000001"); // OFF (QEMU -smp 4 says the same)
    expect(got.get("on-2")).toBe("00000000");
    expect(got.get("affinity-1-after-reset")).toBe("00000001");
  });

  it("without PSCI on the board, HVC stays UNDEFINED", async () => {
    const r = await run({ psci: undefined, smp: 1, maxInsns: 20_000 });
    const got = lines(r.console);
    expect(got.get("version")).toBe("84000000"); // r0 untouched: the UND handler stepped over HVC
    expect(got.get("features-version")).toBe("8400000a");
  });

  it("on the SMC conduit, HVC is UNDEFINED (SMC on that conduit: test/unit/psci/conduit.test.ts)", async () => {
    const r = await run({ psci: "smc", smp: 1, maxInsns: 20_000 });
    const got = lines(r.console);
    expect(got.get("version")).toBe("84000000"); // the program's calls are HVC: UNDEFINED here
    expect(got.get("features-version")).toBe("8400000a");
    expect(got.get("on-1")).toBe("84000003"); // so CPU 1 never starts and the program waits
  });

  it("the same on -M virt (its BoardDef has psci: \"hvc\")", async () => {
    expect(BOARD_DEFS.virt.psci).toBe("hvc");
    let out = "";
    const m = new Machine({ machine: "virt", kernel: readFileSync(ELF), smp: 2, timeoutSec: 30, nsPerInsn: 1,
      onConsole: (b) => { out += Buffer.from(b).toString("latin1"); } });
    try {
      const r = await m.run();
      expect(r.reason, r.message).toBe("poweroff");
      expect(out).toBe(QEMU_CONSOLE);
    } finally { m.dispose(); }
  });

  it.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("QEMU 7.2 still prints the recorded console", async () => {
    const out = await new Promise<string>((res, rej) => {
      const p = spawn(QEMU_SYSTEM_ARM, qemuArgv(["-M", "virt", "-cpu", "cortex-a15", "-smp", "2", "-nographic", "-semihosting", "-kernel", ELF]),
        { stdio: ["ignore", "pipe", "pipe"] });
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
      p.stdout.on("data", (b: Buffer) => chunks.push(b));
      p.on("error", rej);
      p.on("close", () => { clearTimeout(timer); res(Buffer.concat(chunks).toString("latin1")); });
    });
    expect(out).toBe(QEMU_CONSOLE);
  }, 40_000);

  it.skipIf(lacksCommand("arm-none-eabi-gcc"))("psci.elf is built from psci.S", () => {
    const tmp = mkdtempSync(join(tmpdir(), "psci-"));
    try {
      const out = join(tmp, "psci.elf");
      const r = spawnSync("arm-none-eabi-gcc", ["-nostdlib", "-Ttext=0x40010000", "-Wl,--build-id=none",
        "-Wl,-z,max-page-size=0x1000", "-s", "-o", out, join(DIR, "psci.S")], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(Buffer.compare(readFileSync(out), readFileSync(ELF))).toBe(0);
    } finally { rmSync(tmp, { recursive: true, force: true }); }
  });
});
