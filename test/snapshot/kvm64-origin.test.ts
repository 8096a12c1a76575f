// Resuming an AArch64 snapshot an arm64 KVM host wrote: the timer program (roms/bin/a64/timer.elf,
// which polls and waits on the generic timers) saved half way on a Cortex-A57, rewritten as QEMU
// with KVM on an arm64 host at 25 MHz writes it (test/helpers/kvm64-fixture.ts), resumed by a new
// armlet process with --kvm-counter-hz. Every register-policy decision is reported per CPU and the
// program runs to its end with the uninterrupted run's exit code; --cpreg-policy strict refuses
// the same file, naming an id this CPU does not know.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { ARMLET_CLI } from "../helpers/armlet-process.js";
import { kvm64OriginStream, KVM64_IDS } from "../helpers/kvm64-fixture.js";

const HOST_HZ = 25_000_000;
const ELF = join(__dirname, "..", "..", "roms", "bin", "a64", "timer.elf");
const dir = mkdtempSync(join(tmpdir(), "armlet-kvm64-"));
const hex = (v: bigint) => `0x${v.toString(16)}`;

async function savedHalfWay(file: string) {
  let out = "", consoleAt = -1;
  const opts = { machine: "virt", cpu: "cortex-a57", kernel: ELF, semihosting: true, nsPerInsn: 1, icountSleep: false };
  const first = new Machine({ ...opts, onConsole: () => {} });
  const total = (await first.run().finally(() => first.dispose())).instructions;
  const m = new Machine({ ...opts, onConsole: (b) => { out += Buffer.from(b).toString("latin1"); } });
  void m.whenRetired(Math.floor(total / 2), () => { saveSnapshot(m, file); consoleAt = out.length; });
  const r = await m.run().finally(() => m.dispose());
  return { out, code: r.exitCode, consoleAt };
}

function resume(file: string, extra: string[]) {
  return spawnSync(process.execPath, [ARMLET_CLI, "run", "-M", "virt", "--cpu", "cortex-a57", "--semihosting",
    "--icount", "shift=0,sleep=off", "--loadvm", file, "--timeout", "60", ...extra], { encoding: "latin1", timeout: 120_000 });
}

describe("an arm64 KVM host's AArch64 snapshot resumed (--kvm-counter-hz)", () => {
  it("every policy decision is reported, the program runs to its end with the same exit code", async () => {
    const ours = join(dir, "timer.snap");
    const full = await savedHalfWay(ours);
    expect(full.consoleAt).toBeGreaterThan(0);
    const kvm = kvm64OriginStream(new Uint8Array(readFileSync(ours)), { hostCounterHz: HOST_HZ });
    expect(kvm.cpus[0].ids.every((id) => id >> 56n === 0x60n), "arm64 KVM lists no AArch32 ids").toBe(true);
    const file = join(dir, "kvm64.snap");
    writeFileSync(file, kvm.bytes);

    const r = resume(file, ["--kvm-counter-hz", String(HOST_HZ)]);
    expect(r.status, r.stderr).toBe(full.code);
    const rest = full.out.slice(full.consoleAt);
    expect(r.stdout.split("\n").at(-2), "the program's last line").toBe(rest.split("\n").at(-2));
    const err = r.stderr;
    expect(err).toMatch(/the register policy decided:/);
    expect(err).toContain("the register list is an arm64 KVM host's: its swapped virtual-timer ids (count and compare) are swapped back");
    expect(err).toContain(`rescaled from the host's ${HOST_HZ} Hz to this machine's 62500000 Hz`);
    expect(err).toContain("the timer deadlines a KVM-backed QEMU writes (-1) are ignored");
    expect(err).toContain("cpu 0: the stream's virtual count becomes a counter offset (CNTVOFF)");
    // unknown ids: the firmware pseudo-registers and a breakpoint slot the A57 lacks
    expect(err).toMatch(new RegExp(`cpu 0: \\d+ register id\\(s\\) unknown to this CPU skipped: .*${hex(KVM64_IDS.PSCI_VERSION)} \\(KVM_REG_ARM_PSCI_VERSION\\)`));
    expect(err).toMatch(new RegExp(`cpu 0: .*unknown to this CPU skipped: .*${hex(KVM64_IDS.DBGBVR15_EL1)}`));
    // host ID registers and cache geometry that differ: ours kept, each named
    for (const name of ["MIDR_EL1", "ID_AA64PFR0_EL1", "CCSIDR \\(CSSELR 0\\)", "CCSIDR \\(CSSELR 2\\)"]) {
      expect(err, name).toMatch(new RegExp(`cpu 0: ${name} \\(0x[0-9a-f]+\\): the stream has 0x[0-9a-f]+, this CPU 0x[0-9a-f]+: kept ours`));
    }
    // PAR_EL1 travels under its AArch64 id; QEMU's A57 list keeps it under the AArch32 64-bit one
    expect(err).toMatch(new RegExp(`cpu 0: \\d+ id\\(s\\) for state another register owns applied through it: .*${hex(KVM64_IDS.PAR_EL1)}`));
    // ours the stream lacks: the AArch32 registers, CNTFRQ
    expect(err).toMatch(/cpu 0: \d+ of this CPU's registers are not in the stream and keep their reset values: .*CNTFRQ/);
  }, 240_000);

  it("--cpreg-policy strict refuses the same file: exit 65, naming the unknown id", () => {
    const file = join(dir, "kvm64.snap");
    const r = resume(file, ["--kvm-counter-hz", String(HOST_HZ), "--cpreg-policy", "strict"]);
    expect(r.status, r.stderr).toBe(65);
    expect(r.stderr).toMatch(/cpu 0: .*does not know: .*0x6030000000140000 \(KVM_REG_ARM_PSCI_VERSION\)/);
    expect(r.stdout).toBe("");
  }, 120_000);
});
