// GICv3 state across a save and a resume in a new process, at machine level: roms/bin/a64/
// gicv3-resume.elf on -M virt,gic-version=3 (its on) leaves three interrupts pending with PSTATE.I
// masked (the virtual timer's PPI 27 with its line high and latch clear, SPI 50 latched by a
// GICD_ISPENDR write with its line low, LPI 8192 pending through the ITS) and is saved during its
// delay loop. The loaded machine has each pending state as it was (latch and line apart), and the
// resumed program acknowledges the same three interrupts by priority as the uninterrupted run
// (and QEMU's, when qemu-system-aarch64 is installed). GICD_STATUSR/GICR_STATUSR values in the
// stream are set on load and a guest write to them is write-1-to-clear. The same stream rewritten
// as a KVM-backed QEMU on an arm64 host writes it (kvm64-fixture.ts for the CPU, kvm-gicv3-fixture.ts
// for the GIC) loads with the policy report and the program continues the same way.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { loadSnapshot } from "../../machines/snapshot/loadvm.js";
import { BANK_NS, bmpTest } from "../../machines/gic/gicv3/state.js";
import { ARMLET_CLI } from "../helpers/armlet-process.js";
import { kvm64OriginStream } from "../helpers/kvm64-fixture.js";
import { kvmGicV3Stream } from "../helpers/kvm-gicv3-fixture.js";
import { lacks } from "../helpers/requirements.js";
import { qemuAvailable } from "../boot/lab/qemu.js";
import { QEMU_SYSTEM_AARCH64 } from "../helpers/qemu.js";

const ELF = join(__dirname, "..", "..", "roms", "bin", "a64", "gicv3-resume.elf");
const dir = mkdtempSync(join(tmpdir(), "armlet-a64-gicv3-"));
const MACHINE = "virt,gic-version=3";
const OPTS = { machine: MACHINE, cpu: "cortex-a57", kernel: ELF, semihosting: true, nsPerInsn: 1, icountSleep: false };
const TIMER_PPI = 27, SPI = 50, LPI = 8192;
/** STATUSR values put in the stream (as a source that saw errors would): the guest reads them, then clears bit 0. */
const GICD_STATUSR = 0x3, GICR_STATUSR = 0x5;
const HOST_HZ = 25_000_000;
const hex8 = (v: number) => v.toString(16).padStart(8, "0");

function resume(file: string, extra: string[] = []) {
  return spawnSync(process.execPath, [ARMLET_CLI, "run", "-M", MACHINE, "--cpu", "cortex-a57", "--semihosting",
    "--icount", "shift=0,sleep=off", "--loadvm", file, "--timeout", "60", ...extra], { encoding: "latin1", timeout: 120_000 });
}

describe("GICv3 pending state and STATUSR across a save and resume (gicv3-resume.elf)", () => {
  let full: { out: string; code: number | undefined; insns: number };
  let consoleAt = -1;
  const file = join(dir, "gicv3-resume.snap");

  beforeAll(async () => {
    let out = "";
    const first = new Machine({ ...OPTS, onConsole: (b) => { out += Buffer.from(b).toString("latin1"); } });
    const r = await first.run().finally(() => first.dispose());
    full = { out, code: r.exitCode, insns: r.instructions };
    let saved = "";
    const m = new Machine({ ...OPTS, onConsole: (b) => { saved += Buffer.from(b).toString("latin1"); } });
    void m.whenRetired(Math.floor(full.insns / 2), () => {
      const g = m.gicv3!;
      g.s.gicd_statusr[BANK_NS] = GICD_STATUSR;
      g.s.cpu[0].gicr_statusr[BANK_NS] = GICR_STATUSR;
      saveSnapshot(m, file);
      consoleAt = saved.length;
    });
    await m.run().finally(() => m.dispose());
  }, 120_000);

  /** The uninterrupted run's rest, with the STATUSR lines the stream's values make. */
  const expectedRest = () => full.out.slice(consoleAt)
    .replace("GICD_STATUSR 00000000 after writing 1: 00000000", `GICD_STATUSR ${hex8(GICD_STATUSR)} after writing 1: ${hex8(GICD_STATUSR & ~1)}`)
    .replace("GICR_STATUSR 00000000 after writing 1: 00000000", `GICR_STATUSR ${hex8(GICR_STATUSR)} after writing 1: ${hex8(GICR_STATUSR & ~1)}`);

  it("the uninterrupted run acknowledges PPI 27, SPI 50 and LPI 8192 by priority (as QEMU's)", () => {
    expect(full.out).toMatch(/IAR1 27\nIAR1 50\nIAR1 8192\nIAR1 1023\n/);
    expect(full.code).toBe(3);
    if (!lacks(QEMU_SYSTEM_AARCH64, qemuAvailable(QEMU_SYSTEM_AARCH64))) {
      const q = spawnSync(QEMU_SYSTEM_AARCH64, ["-nic", "none", "-M", MACHINE, "-cpu", "cortex-a57", "-nographic", "-semihosting", "-kernel", ELF],
        { encoding: "latin1", timeout: 60_000 });
      expect(q.stdout + q.stderr, "QEMU's console (semihosting output goes to its stderr)").toBe(full.out);
      expect(q.status).toBe(full.code);
    }
  });

  it("the save falls in the delay loop, with the three interrupts pending", () => {
    expect(consoleAt).toBeGreaterThan(0);
    expect(full.out.slice(0, consoleAt)).toContain("before delay");
    expect(full.out.slice(0, consoleAt)).not.toContain("after delay");
  });

  it("a new machine loads each pending state as it was: line and latch apart, STATUSR as saved", () => {
    const m = new Machine({ ...OPTS, onConsole: () => {} });
    try {
      loadSnapshot(m, file);
      const s = m.gicv3!.s, c = s.cpu[0];
      expect((c.level >>> TIMER_PPI) & 1, "PPI 27's line (the timer) is high").toBe(1);
      expect((c.gicr_ipendr0 >>> TIMER_PPI) & 1, "PPI 27's latch is clear").toBe(0);
      expect(bmpTest(s.pending, SPI), "SPI 50's latch is set").toBe(true);
      expect(bmpTest(s.level, SPI), "SPI 50's line is low").toBe(false);
      expect(s.gicd_statusr[BANK_NS]).toBe(GICD_STATUSR);
      expect(c.gicr_statusr[BANK_NS]).toBe(GICR_STATUSR);
      expect(m.gicv3!.lineState(0) & 1, "the CPU's IRQ output is driven after the load").toBe(1);
      expect(m.gicv3!.hppi[0].irq, "the highest-priority pending interrupt is the timer's").toBe(TIMER_PPI);
      expect(m.gicv3!.hpplpi[0].irq, "LPI 8192 is pending again (from the pending table in RAM)").toBe(LPI);
    } finally { m.dispose(); }
  });

  it("the resumed program acknowledges the same interrupts and clears STATUSR bit 0 (write-1-to-clear)", () => {
    const r = resume(file);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(expectedRest());
    expect(r.status).toBe(3);
  });

  it("the stream as a KVM-backed QEMU on an arm64 host writes it loads with the policy report and continues", () => {
    const kvm = kvmGicV3Stream(kvm64OriginStream(new Uint8Array(readFileSync(file)), { hostCounterHz: HOST_HZ }).bytes, 1);
    const kfile = join(dir, "gicv3-resume-kvm.snap");
    writeFileSync(kfile, kvm);
    const r = resume(kfile, ["--kvm-counter-hz", String(HOST_HZ)]);
    expect(r.stderr).toMatch(/the register policy decided:/);
    expect(r.stderr).toContain("the register list is an arm64 KVM host's");
    expect(r.stdout, r.stderr).toBe(expectedRest());
    expect(r.status).toBe(3);
  });
});
