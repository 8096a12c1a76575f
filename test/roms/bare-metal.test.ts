// The bare-metal programs in roms/bin, run under QEMU 7.2 (the reference) and under armlet:
// console output and exit code must match exactly. Also checks that the committed binaries match
// roms/MANIFEST.sha256 and that roms/build.sh reproduces them when the cross compiler is there.
import { describe, it, expect, beforeAll } from "vitest";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { hasCommand, lacks, lacksCommand } from "../helpers/requirements.js";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runGuest } from "../../machines/run-guest.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROMS = join(ROOT, "roms");
const BIN = join(ROMS, "bin");
const programs = readdirSync(BIN).filter((f) => f.endsWith(".elf")).sort();

/** Extra semihosting command line per program (the benchmarks: a short run). */
const APPEND: Record<string, string> = { "bench-crc.elf": "3", "bench-mixed.elf": "5" };

/** The -M each program runs on (default: virt); NAME-vexpress-a15.elf is built for vexpress-a15. */
const MACHINES: Record<string, string[]> = {
  "demo-vexpress-a15.elf": ["vexpress-a15"],
  // With secure=off,virtualization=off QEMU's CPU has neither EL3 nor EL2, as armlet's.
  "security-vexpress-a15.elf": ["vexpress-a15,secure=off,virtualization=off", "vexpress-a15,secure=off", "vexpress-a15"],
};
const machinesOf = (p: string) => MACHINES[p] ?? ["virt"];
/** Every run: a program on one machine. */
const runs = programs.flatMap((p) => machinesOf(p).map((m) => ({ p, m, key: `${p} on -M ${m}` })));

/**
 * Runs whose armlet result is known to differ from QEMU, with the reason. Their comparison runs
 * as an expected failure, so a fix shows up as an unexpected pass: then remove the entry.
 */
const KNOWN_ARMLET_DIFFERENCES: Record<string, string> = {
  "security-vexpress-a15.elf on -M vexpress-a15": "armlet's Cortex-A15 has no EL3 or EL2: ID_PFR1 0x00010001, ID_DFR0 0x02010505 (QEMU: 0x00011011, 0x02010555)",
  "security-vexpress-a15.elf on -M vexpress-a15,secure=off": "armlet's Cortex-A15 has no EL2: QEMU's resets into Hyp mode (CPSR.M 0x1a, ID_PFR1 0x00011001)",
};

const skipQemu = lacksCommand(QEMU_SYSTEM_ARM);
/** The committed binaries were built with Debian 12's toolchain; another version gives other bytes. */
const GCC_VERSION = "12.2.1";
const gccVersion = hasCommand("arm-none-eabi-gcc")
  ? spawnSync("arm-none-eabi-gcc", ["-dumpversion"], { encoding: "utf8" }).stdout.trim() : "";
const haveGcc = gccVersion === GCC_VERSION;

interface Outcome { exitCode: number; console: string; reason: string }

function runQemu(elf: string, append: string | undefined, machine = "virt", timeoutSec = 60): Promise<Outcome> {
  const args = ["-M", machine, "-cpu", "cortex-a15", "-m", "128M", "-nographic", "-semihosting",
    "-kernel", elf];
  if (append !== undefined) args.push("-append", append);
  return new Promise((res, rej) => {
    // vexpress-a15's PL041 would open the host's sound system (and complain on stderr).
    const env = { ...process.env, QEMU_AUDIO_DRV: "none" };
    const p = spawn(QEMU_SYSTEM_ARM, qemuArgv(args), { stdio: ["ignore", "pipe", "pipe"], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; p.kill("SIGKILL"); }, timeoutSec * 1000);
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", (e) => { clearTimeout(timer); rej(e); });
    p.on("close", (code) => {
      clearTimeout(timer);
      res({
        exitCode: code ?? -1,
        console: Buffer.concat(out).toString("latin1"),
        reason: timedOut ? "timeout" : quietQemu(Buffer.concat(err).toString("utf8")) || "exit",
      });
    });
  });
}

/** QEMU's stderr less Debian's notes about its optional GUI/audio modules (vexpress-a15's PL041 looks for them). */
function quietQemu(stderr: string): string {
  return stderr.split("\n").filter((l) => !/^qemu: module \S+ not found, do you want to install/.test(l)).join("\n").trim();
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function manifest(): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(join(ROMS, "MANIFEST.sha256"), "utf8").split("\n")) {
    const [hash, name] = line.trim().split(/\s+/);
    if (hash && name) m.set(name, hash);
  }
  return m;
}

describe("roms: committed binaries", () => {
  it("roms/bin holds the demo and the test programs", () => {
    for (const p of ["demo.elf", "demo-vexpress-a15.elf", "modes.elf", "exceptions.elf", "mmu-short.elf", "mmu-lpae.elf",
      "exclusives.elf", "timer.elf", "arith.elf", "bench-crc.elf", "security.elf", "security-vexpress-a15.elf"]) expect(programs).toContain(p);
  });

  it("MANIFEST.sha256 lists every binary with its hash", () => {
    const m = manifest();
    expect([...m.keys()].sort()).toEqual(programs);
    for (const p of programs) expect(sha256(join(BIN, p)), p).toBe(m.get(p));
  });

  it.skipIf(lacks(`arm-none-eabi-gcc ${GCC_VERSION}`, haveGcc, `found ${gccVersion || "none"}; Debian 12 gcc-arm-none-eabi, which .ci/run installs`))(`roms/build.sh reproduces the committed binaries (needs arm-none-eabi-gcc ${GCC_VERSION}${gccVersion && !haveGcc ? `, found ${gccVersion}` : ""})`, () => {
    const out = mkdtempSync(join(tmpdir(), "armlet-roms-"));
    try {
      const r = spawnSync("sh", [join(ROMS, "build.sh"), out], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const m = manifest();
      const built = readdirSync(out).filter((f) => f.endsWith(".elf")).sort();
      expect(built).toEqual(programs);
      for (const p of built) expect(sha256(join(out, p)), `${p} differs from MANIFEST`).toBe(m.get(p));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});

const qemuResults = new Map<string, Outcome>();

describe.skipIf(skipQemu)("roms under QEMU (reference)", () => {
  beforeAll(async () => {
    for (const { p, m, key } of runs) qemuResults.set(key, await runQemu(join(BIN, p), APPEND[p], m));
  }, 600_000);

  for (const { p, key } of runs) {
    it(`${key} passes its own checks and exits 0`, () => {
      const r = qemuResults.get(key)!;
      expect(r.reason, r.console).toBe("exit");
      expect(r.console).not.toMatch(/^FAIL /m);
      expect(r.exitCode, r.console).toBe(0);
      if (p.startsWith("demo")) expect(r.console).toMatch(/^armlet demo: ARMv7-A Cortex-A15/);
      else if (p === "bench-crc.elf") expect(r.console).toMatch(/^bench-crc: passes 3 x 64 KiB/);
      else if (p === "bench-mixed.elf") expect(r.console).toMatch(/^bench-mixed: rounds 5, checksum 0x[0-9a-f]{8}$/m);
      else expect(r.console).toMatch(/^RESULT: PASS \(0 failed\)$/m);
    });
  }
});

describe.skipIf(skipQemu)("roms under armlet match QEMU", () => {
  for (const { p, m, key } of runs) {
    const known = KNOWN_ARMLET_DIFFERENCES[key];
    const title = known ? `${key} (known difference: ${known})` : `${key}: same console and exit code`;
    (known ? it.fails : it)(title, async () => {
      const want = qemuResults.get(key) ?? await runQemu(join(BIN, p), APPEND[p], m);
      const got = await runGuest({
        machine: m, cpu: "cortex-a15", memory: "128M", kernel: join(BIN, p),
        semihosting: true, timeoutSec: 60, append: APPEND[p],
      });
      expect(got.console).toBe(want.console);
      expect({ reason: got.reason, exitCode: got.exitCode }).toEqual({ reason: "exit", exitCode: want.exitCode });
    }, 120_000);
  }
});
