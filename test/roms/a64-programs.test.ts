// The AArch64 bare-metal programs (roms/bin/a64, built from roms/a64 with picolibc) under
// qemu-system-aarch64 -M virt -cpu cortex-a57 -semihosting (the reference) and under armlet:
// console output and exit code must be identical. The binaries must also be what
// roms/a64/build.sh makes from the sources.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../helpers/qemu.js";
import { hasCommand, lacks, lacksCommand } from "../helpers/requirements.js";
import { runGuest } from "../../machines/run-guest.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "roms/bin/a64");
/** gicv3: the board's gic-version property (QEMU's -M virt,gic-version=3). */
/** smp: -smp / --smp; pending: why armlet cannot run it yet (only QEMU's side is checked until then).
 *  icountShift: run both in instruction-count time (QEMU -icount shift=N, armlet 2^N ns per
 *  instruction), for a program whose output depends on when a timer fires against what it runs. */
const PROGRAMS: Record<string, { exit: number; expect: RegExp; gicVersion?: "3"; elf?: string; smp?: number; pending?: string; icountShift?: number }> = {
  "float.elf": { exit: 3, expect: /sqrt\(2\) = 1\.4142135623730951/ },
  "exceptions.elf": { exit: 12, expect: /back at EL1: CurrentEL 4, 12 exceptions/ },
  // A32/T32 User code under the AArch64 EL1: SVC, UNDEFINED, BKPT, aborts, traps, an IRQ.
  // Its timer IRQ must find the User code in its spin loop: on a loaded host, 10 ms of host time
  // can pass before the loop starts.
  "aarch32-el0.elf": { exit: 21, icountShift: 0, expect: /irq 27, ELR in the spin loop: yes, r5 > 0: yes\n[^]*done: r0 3, 21 exceptions/ },
  "mmu.elf": { exit: 180, expect: /TLBI: after the change +5555555555555555[^]*EL0 call to an EL0 page +000000000000600d[^]*done: 180 exceptions/ },
  "timer.elf": { exit: 6, expect: /physical timer, IMASK clear, PSTATE.I set, WFI:\n[^]*INTID 30[^]*IRQs 1, INTID 30, from EL0 1[^]*\n6 IRQs\n/ },
  "neon-crypto.elf": { exit: 5, expect: /69c4e0d86a7b0430d8cdb78070b4c55a, decrypt back: plaintext\nAES [^]*\nSHA-256\("abc"\) ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n/ },
  "traps.elf": { exit: 36, expect: /exc 1: vector 4 esr 8a000000[^]*DC ZVA zeroed 64 bytes; DCZID_EL0 seen at EL0 04\n36 exceptions\n/ },
  "exclusives.elf": { exit: 6, expect: /LDXR, SVC\+ERET, STXR +1\n[^]*C11 atomics: a8 70 / },
  "gicv3.elf": { exit: 4, gicVersion: "3", expect: /ASGI1R 2 \(group 0 with DS\) +ISR 1 HPPIR0 +2 [^]*IAR1 8197 pending byte 40\n[^]*SGI 5 preempted by SGI 6 \(log: id, 100\|RPR\): 5 180 6\n  group 0 SGI 2 as FIQ \(1000\|id\): 1002\n  virtual timer: 1b\n4 interrupts taken\n/ },
  "gicv3-smp.elf": {
    exit: 4, gicVersion: "3", smp: 2,
    expect: /CPU 1 took 7, CPU 0 got 8 back\n[^]*CPU 1 took 9, CPU 0 got 10 back \(IRM from CPU 1\)\nSGI 11 to both: CPU 1 took 11, CPU 0 has 11\nSPI 45 routed to Aff0 1: CPU 1 took 45, CPU 0 HPPIR1 1023\n/,
  },
  "gicv3-its.elf": { exit: 3, gicVersion: "3", smp: 2, expect: /two-level commands +CREADR c0 CWRITER c0\n[^]*INT 8195\/0 +pending cpu0 00 cpu1 10\n3 LPIs acknowledged\n/ },
  // three kinds of pending state acknowledged by priority (test/snapshot/a64-gicv3-resume.test.ts saves it half way)
  "gicv3-resume.elf": { exit: 3, gicVersion: "3", expect: /after delay +GICR_ISPENDR0.27 1 GICD_ISPENDR1.18 1 LPI table byte 01\n[^]*IAR1 27\nIAR1 50\nIAR1 8192\nIAR1 1023\n/ },
  // the same program under the GICv2: the ICC registers are UNDEFINED
  "gicv3.elf with a GICv2": { elf: "gicv3.elf", exit: 6, expect: /ID_AA64PFR0 22 ID_PFR1 10001\n(  exception 4 ESR 02000000\n){6}6 exceptions\n/ },
};

/** QEMU writes SYS_WRITEC/SYS_WRITE0 output (picolibc's stdout) to its stderr, SYS_WRITE to
 *  :tt on stdout; armlet puts both on the console. Nothing else reaches either here. */
function runQemu(elf: string, gicVersion?: string, smp = 1, icountShift?: number): { out: string; code: number } {
  const machine = gicVersion ? `virt,gic-version=${gicVersion}` : "virt";
  const icount = icountShift === undefined ? [] : ["-icount", `shift=${icountShift}`];
  const r = spawnSync(QEMU_SYSTEM_AARCH64, qemuArgv(["-M", machine, "-smp", String(smp), "-cpu", "cortex-a57", "-m", "128M", "-nographic",
    "-monitor", "none", "-semihosting", ...icount, "-kernel", elf]), { encoding: "latin1", timeout: 60_000 });
  return { out: r.stdout + r.stderr, code: r.status ?? -1 };
}

describe.skipIf(lacks(QEMU_SYSTEM_AARCH64, hasCommand(QEMU_SYSTEM_AARCH64)))("AArch64 bare-metal programs", () => {
  for (const [name, want] of Object.entries(PROGRAMS)) {
    const title = want.pending ? `${name}: QEMU prints what is expected (armlet waits for ${want.pending})` : `${name}: armlet prints what QEMU prints and exits the same`;
    it(title, async () => {
      const elf = path.join(BIN, want.elf ?? name);
      const q = runQemu(elf, want.gicVersion, want.smp, want.icountShift);
      expect(q.code).toBe(want.exit);
      expect(q.out).toMatch(want.expect);
      if (want.pending) return;
      const a = await runGuest({
        machine: "virt", cpu: "cortex-a57", memory: "128M", kernel: fs.readFileSync(elf), semihosting: true, timeoutSec: 60, smp: want.smp,
        ...(want.icountShift !== undefined ? { nsPerInsn: 2 ** want.icountShift } : {}),
        ...(want.gicVersion ? { machineProps: { "gic-version": want.gicVersion } } : {}),
      });
      if (a.console !== q.out) {
        const ql = q.out.split("\n"), al = a.console.split("\n");
        const i = ql.findIndex((l, k) => l !== al[k]);
        console.log(`first difference at line ${i + 1}:\n  QEMU:   ${ql[i]}\n  armlet: ${al[i]}\n(armlet ended: ${a.reason})`);
      }
      expect(a.console).toBe(q.out);
      expect(a.exitCode).toBe(q.code);
    }, 90_000);
  }
});

describe.skipIf(lacksCommand("aarch64-linux-gnu-gcc"))("AArch64 program binaries", () => {
  it("roms/bin/a64 is what roms/a64/build.sh builds", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-a64-"));
    try {
      const r = spawnSync("sh", [path.join(ROOT, "roms/a64/build.sh"), dir], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const names = fs.readdirSync(BIN).filter((f) => f.endsWith(".elf")).sort();
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".elf")).sort()).toEqual(names);
      for (const name of names) {
        expect(fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(path.join(BIN, name))), name).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
