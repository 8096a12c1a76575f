// Accesses to physical addresses where the board has nothing, and to regions QEMU maps that
// armlet does not model: roms/probes/unassigned.c reads, writes and executes there (MMU off
// with both fault-status formats, MMU on, a table walk through an unassigned table) under
// QEMU 7.2 and armlet, on virt (external aborts) and vexpress-a15 (QEMU's
// ignore_memory_transaction_failures: reads zero, writes dropped, code reads as no-ops; walks
// still abort). The two consoles must agree line for line, except the named regions below.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runGuest } from "../../machines/run-guest.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "roms", "bin", "probes");

/** Regions QEMU models and armlet does not (VIRT_UNMODELLED): QEMU's values there are real
 *  registers (GICv2m, fw_cfg); armlet's read zero. Only "no abort" is shared. */
const UNMODELLED_LINES = [/^r 0x080200/, /^r 0x08020f/, /^r 0x090200/];

const BOARDS = [
  { machine: "virt", qemu: ["-M", "virt", "-cpu", "cortex-a15"] },
  { machine: "vexpress-a15", qemu: ["-M", "vexpress-a15"] },
] as const;

function qemuRun(qemu: readonly string[], image: string): { out: string; status: number | null } {
  const r = spawnSync(QEMU_SYSTEM_ARM, qemuArgv([...qemu, "-m", "128M", "-nographic", "-monitor", "none", "-semihosting",
    "-kernel", image]), { encoding: "latin1", timeout: 60_000, env: { ...process.env, QEMU_AUDIO_DRV: "none" } });
  return { out: r.stdout, status: r.status };
}

const lines = (s: string) => s.split("\n").filter((l) => l !== "");

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("unassigned physical addresses: armlet as QEMU 7.2", () => {
  for (const b of BOARDS) {
    it(`${b.machine}: the same aborts, fault status and values as QEMU`, async () => {
      const image = join(BIN, `unassigned-${b.machine}.bin`);
      const q = qemuRun(b.qemu, image);
      expect(q.status, q.out).toBe(0);
      const a = await runGuest({ machine: b.machine, memory: "128M", kernel: image, semihosting: true, timeoutSec: 60 });
      expect({ reason: a.reason, exitCode: a.exitCode }, a.message).toEqual({ reason: "exit", exitCode: 0 });
      const ql = lines(q.out), al = lines(a.console);
      expect(al.length, a.console).toBe(ql.length);
      for (let i = 0; i < ql.length; i++) {
        if (UNMODELLED_LINES.some((re) => re.test(ql[i]))) {
          expect(al[i], "an unmodelled region answers (no abort)").toMatch(/ ok 0x00000000$/);
          expect(ql[i]).toContain(al[i].slice(0, 12));
        } else {
          expect(al[i], `line ${i + 1}`).toBe(ql[i]);
        }
      }
    }, 120_000);
  }

  it("the recorded facts hold (so the comparison cannot pass with both wrong)", () => {
    const v = qemuRun(BOARDS[0].qemu, join(BIN, "unassigned-virt.bin")).out;
    expect(v).toContain("r 0x48000000 dabt fsr 0x00000008 far 0x48000000");       // read past RAM: external abort
    expect(v).toContain("w 0x48000000 dabt fsr 0x00000808 far 0x48000000");       // WnR
    expect(v).toContain("x 0x48000000 pabt fsr 0x00000008 far 0x48000000 lr-far 0x00000004");
    expect(v).toContain("r 0x48000000 dabt fsr 0x00000210 far 0x48000000");       // long-descriptor format
    expect(v).toContain("r 0x90000000 dabt fsr 0x0000000c far 0x90000000");       // walk: external abort on L1
    expect(v).toContain("r 0x10000000 ok 0xffffffff");                             // PCIe window: all ones
    const x = qemuRun(BOARDS[1].qemu, join(BIN, "unassigned-vexpress-a15.bin")).out;
    expect(x).toContain("r 0x88000000 ok 0x00000000");
    expect(x).toContain("x 0x7ffffff0 ran");
    expect(x).toContain("r 0x10000000 dabt fsr 0x0000000c far 0x10000000");
  }, 120_000);
});

describe.skipIf(lacksCommand("arm-none-eabi-gcc"))("roms/probes", () => {
  it("build.sh reproduces the committed probe images", () => {
    const out = mkdtempSync(join(tmpdir(), "armlet-probes-"));
    try {
      const r = spawnSync("sh", [join(ROOT, "roms", "probes", "build.sh"), out], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      for (const b of BOARDS) {
        const f = `unassigned-${b.machine}.bin`;
        expect(readFileSync(join(out, f)).equals(readFileSync(join(BIN, f))), f).toBe(true);
      }
    } finally { rmSync(out, { recursive: true, force: true }); }
  });
});
