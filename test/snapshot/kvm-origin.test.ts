// Resuming a snapshot a KVM host wrote: the shell guest's prompt snapshot (virt, --smp 2) rewritten
// as QEMU on a 32-bit KVM host with a Cortex-A15 writes it (test/helpers/kvm-fixture.ts: KVM's
// register list and ids, counter in the host's 24 MHz ticks, timer deadlines -1, no armlet
// sections), resumed by a new armlet process with --kvm-counter-hz. The report on stderr names
// every decision of the register policy, the shell answers what is typed and powers off; under
// --cpreg-policy strict the same file is refused (exit 65) naming the id it does not know.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { GuestLab } from "../boot/lab/guests.js";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { ARMLET_CLI } from "../boot/lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";
import { resumeAndAsk, shellMachineArgs, shellSnapshot, type ShellConfig } from "../helpers/shell-snapshot.js";
import { kvmOriginStream } from "../helpers/kvm-fixture.js";

const HOST_HZ = 24_000_000;
const dir = mkdtempSync(join(tmpdir(), "armlet-kvm-origin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `armlet ARGS` to its end, without blocking the worker (vitest's RPC times out on a blocked one). */
function armlet(args: string[], input = ""): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const p = spawn(process.execPath, [ARMLET_CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  p.stdout.on("data", (b: Buffer) => { stdout += b.toString("latin1"); });
  p.stderr.on("data", (b: Buffer) => { stderr += b.toString(); });
  p.stdin.end(input);
  return new Promise((r) => p.on("close", (status) => r({ status, stdout, stderr })));
}

/** The prompt snapshot of `c` as a KVM host's QEMU would have written it. */
async function kvmSnapshot(g: GuestLab, c: ShellConfig): Promise<string> {
  const { file } = await shellSnapshot(g, c, ARMLET_BOOT_TIMEOUT);
  const out = join(dir, `kvm-${c.machine}.snap`);
  writeFileSync(out, kvmOriginStream(readFileSync(file), { hostCounterHz: HOST_HZ, omit: ["AIFSR"] }).bytes);
  return out;
}

describeWithGuestLab("a 32-bit KVM host's snapshot resumed (--kvm-counter-hz)", (g) => {
  const c: ShellConfig = { machine: "virt", smp: 2, nsPerInsn: 1 };

  it("virt --smp 2: every policy decision is reported, the shell answers, poweroff -f exits 0", async () => {
    const file = await kvmSnapshot(g, c);
    const { out, err, code } = await resumeAndAsk(c, file, ["--kvm-counter-hz", String(HOST_HZ)]);
    expect(out, err).toContain("42-typed");
    expect(out).not.toContain("Booting Linux");
    expect(code, `${err}\n${out.slice(-1000)}`).toBe(0);

    expect(err).toMatch(/the register policy decided:/);
    for (const cpu of [0, 1]) {
      // ids we do not know: KVM's firmware pseudo-registers
      expect(err).toMatch(new RegExp(`cpu ${cpu}: 3 register id\\(s\\) unknown to this CPU skipped: 0x4030000000140000 \\(KVM_REG_ARM_PSCI_VERSION\\)`));
      // constants and ID registers that differ: ours kept, each named
      for (const name of ["MIDR", "ID_PFR0", "ID_PFR1", "ACTLR", "L2CTLR", "CLIDR", "CCSIDR \\(CSSELR 2\\)"]) {
        expect(err, name).toMatch(new RegExp(`cpu ${cpu}: ${name} \\(0x[0-9a-f]+\\): the stream has 0x[0-9a-f]+, this CPU 0x[0-9a-f]+: kept ours`));
      }
      // state our table keeps under another id (SCTLR_EL1, TTBR0's 64-bit view)
      expect(err).toMatch(new RegExp(`cpu ${cpu}: \\d+ id\\(s\\) for state another register owns applied through it: .*SCTLR \\(0x40200000200f0800\\) -> SCTLR`));
      // ours the stream lacks
      expect(err).toMatch(new RegExp(`cpu ${cpu}: \\d+ of this CPU's registers are not in the stream and keep their reset values: .*\\bAIFSR\\b`));
      // the virtual count
      expect(err).toContain(`cpu ${cpu}: the stream's virtual count becomes a counter offset (CNTVOFF)`);
    }
    // the ABI quirks, once for the stream
    expect(err).toContain("the register list is a 32-bit KVM host's (AArch32 ids without the non-secure bit): read as non-secure");
    expect(err).toContain(`rescaled from the host's ${HOST_HZ} Hz to this machine's 62500000 Hz`);
    expect(err).toContain("the timer deadlines a KVM-backed QEMU writes (-1) are ignored: timers re-armed from their control and compare registers");
  }, (ARMLET_BOOT_TIMEOUT + 360) * 1000);

  it("--cpreg-policy strict refuses the same file: exit 65, naming the unknown id", async () => {
    const file = await kvmSnapshot(g, c);
    const r = await armlet(["run", ...shellMachineArgs(c), "--loadvm", file, "--kvm-counter-hz", String(HOST_HZ), "--cpreg-policy", "strict", "--timeout", "60"]);
    expect(r.status, r.stderr).toBe(65);
    expect(r.stderr).toMatch(/cpu 0: .*does not know: 0x4030000000140000 \(KVM_REG_ARM_PSCI_VERSION\)/);
    expect(r.stderr).toMatch(/--cpreg-policy strict refuses them/);
    expect(r.stdout).toBe("");
  }, (ARMLET_BOOT_TIMEOUT + 180) * 1000);

  it("without --kvm-counter-hz the report says the counter values were taken as they are", async () => {
    const file = await kvmSnapshot(g, c);
    // only the load report matters here: the run ends at its time limit (exit 124)
    const r = await armlet(["run", ...shellMachineArgs(c), "--loadvm", file, "--timeout", "2"]);
    expect(r.status, r.stderr).toBe(124);
    expect(r.stderr).toMatch(/counter values are in the KVM host's ticks at a frequency the stream does not record: taken as they are .*--kvm-counter-hz/);
  }, (ARMLET_BOOT_TIMEOUT + 180) * 1000);
});
