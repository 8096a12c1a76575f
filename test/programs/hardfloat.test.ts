// A Thumb-2 hard-float program (roms/programs/hardfloat.c: printf("%.17g") of double and
// float math, sqrt/div/fma, conversions, NEON intrinsics kernels with checksums, integer work;
// newlib + rdimon semihosting, arm-none-eabi-gcc -mthumb -march=armv7-a+simd -mfpu=neon-vfpv4
// -mfloat-abi=hard -O2) must print the same and exit with the same code under armlet as under
// qemu-system-arm -M virt -cpu cortex-a15 -semihosting.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { haveQemu, loadRunGuest } from "../diff/run.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacks, lacksCommand } from "../helpers/requirements.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ELF = path.join(ROOT, "roms/bin/programs/hardfloat.elf");
const qemu = haveQemu();
const runGuest = await loadRunGuest();


function runQemu(): { out: string; code: number } {
  const r = spawnSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-nographic", "-monitor", "none",
    "-semihosting", "-kernel", ELF]), { encoding: "latin1", timeout: 60_000 });
  return { out: r.stdout, code: r.status ?? -1 };
}

describe.skipIf(lacks("qemu-system-arm", qemu))("hard-float Thumb-2 program", () => {
  it("runs under QEMU: FP, NEON and integer results, exit code 3", () => {
    const { out, code } = runQemu();
    expect(code).toBe(3);
    expect(out).toContain("sqrt(2) = 1.4142135623730951");
    expect(out).toMatch(/matmul checksum [0-9a-f]{8}/);
    expect(out).toMatch(/fpscr [0-9a-f]{8}/);
  });

  it("prints the same and exits the same under armlet", async () => {
    const q = runQemu();
    const a = await runGuest!({ machine: "virt", cpu: "cortex-a15", memory: "128M", kernel: fs.readFileSync(ELF), semihosting: true, timeoutSec: 60 });
    if (a.console !== q.out) {
      const ql = q.out.split("\n"), al = a.console.split("\n");
      const i = ql.findIndex((l, k) => l !== al[k]);
      console.log(`first difference at line ${i + 1}:\n  QEMU:   ${ql[i]}\n  armlet: ${al[i]}\n(armlet ended: ${a.reason})`);
    }
    expect(a.console).toBe(q.out);
    expect(a.exitCode).toBe(q.code);
  }, 90_000);
});

describe.skipIf(lacksCommand("arm-none-eabi-gcc"))("hard-float program binary", () => {
  it("roms/bin/programs/hardfloat.elf is built from roms/programs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-hf-"));
    try {
      const out = path.join(dir, "h.elf");
      const r = spawnSync("sh", [path.join(ROOT, "roms/programs/build.sh"), out], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(ELF))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
