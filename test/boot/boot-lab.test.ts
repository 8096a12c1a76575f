// The boot lab's own pieces (no guests needed): log normalisation, device-line extraction,
// the diff, MANIFEST checks, the console dialogue, and the recorded QEMU references.
import { describe, it, expect } from "vitest";
import { deviceLines, diffLines, normaliseLine, tail } from "./lab/boot-log.js";
import { parseManifest, workloadProblems, guestDirCandidates, computeWorkload, expectedWorkload, workloadAppend } from "./lab/guests.js";
import { ConsoleWatch, qemuArgs } from "./lab/qemu.js";
import { readFixture } from "./lab/fixtures.js";

const LOG = [
  "[    0.000000] Booting Linux on physical CPU 0x0",
  "[    0.000000] Kernel command line: console=ttyAMA0",
  "[    0.011198] Calibrating delay loop (skipped), value calculated using timer frequency.. 125.00 BogoMIPS (lpj=250000)",
  "[    0.004876] arch_timer: cp15 timer(s) running at 62.50MHz (virt).",
  "[    1.123456] SMP: Total of 1 processors activated (125.00 BogoMIPS).",
  "[    1.123527] CPU: All CPU(s) started in SVC mode.",
  "[    1.487848] clocksource: Switched to clocksource arch_sys_counter",
  "[    1.598779] VFS: Disk quotas dquot_6.6.0",
  "[    1.961827] rtc-pl031 1c170000.rtc: setting system clock to 2026-11-21T06:31:27 UTC (1795242687)",
  "[    3.201336] 1c090000.serial: ttyAMA0 at MMIO 0x1c090000 (irq = 33, base_baud = 0) is a PL011 rev1\r",
  "GUEST-READY",
  "BogoMIPS\t: 125.00",
  "guest: 6*7=42 nproc=1",
  "bb9f8df61474d25e71fa00722318cd387396ca1736605e1248821cc0de3d3af8  -",
  "awk-sum 496409",
  "GUEST-DONE",
  "[    4.281026] reboot: Power down",
].join("\n");
const EXPECT = { "sha256-4MiB": "bb9f8df61474d25e71fa00722318cd387396ca1736605e1248821cc0de3d3af8", "awk-sum-50000": "496409" };

describe("boot log device lines", () => {
  it("normalises timestamps, BogoMIPS and the RTC date, keeps device facts", () => {
    expect(normaliseLine("[   12.345678] CPU: All CPU(s) started in SVC mode.")).toBe("CPU: All CPU(s) started in SVC mode.");
    expect(normaliseLine("[ 0.1] x 99.99 BogoMIPS (lpj=199990)")).toBe("x <bogomips> BogoMIPS (lpj=<lpj>)");
    expect(normaliseLine("rtc-pl031 1c170000.rtc: setting system clock to 2000-01-01T00:00:00 UTC (946684800)"))
      .toBe("rtc-pl031 1c170000.rtc: setting system clock to <date> UTC (<epoch>)");
    expect(normaliseLine("arch_timer: cp15 timer(s) running at 62.50MHz (virt).")).toContain("62.50MHz");
  });

  it("picks the device lines in log order and drops the rest", () => {
    expect(deviceLines(LOG)).toEqual([
      "Booting Linux on physical CPU 0x0",
      "Calibrating delay loop (skipped), value calculated using timer frequency.. <bogomips> BogoMIPS (lpj=<lpj>)",
      "arch_timer: cp15 timer(s) running at 62.50MHz (virt).",
      "SMP: Total of 1 processors activated (<bogomips> BogoMIPS).",
      "CPU: All CPU(s) started in SVC mode.",
      "clocksource: Switched to clocksource arch_sys_counter",
      "rtc-pl031 1c170000.rtc: setting system clock to <date> UTC (<epoch>)",
      "1c090000.serial: ttyAMA0 at MMIO 0x1c090000 (irq = 33, base_baud = 0) is a PL011 rev1",
      "BogoMIPS\t: <bogomips>",
      "guest: 6*7=42 nproc=1",
      "reboot: Power down",
    ]);
  });

  it("diffs line lists: nothing when equal, -/+ for what differs", () => {
    expect(diffLines(["a", "b", "c"], ["a", "b", "c"])).toEqual([]);
    expect(diffLines(["a", "b", "c"], ["a", "x", "c", "d"], "q", "a")).toEqual(["--- q", "+++ a", "  a", "+ x", "- b", "  c", "+ d"]);
    expect(tail("1\n2\n3\n4", 2)).toBe("3\n4");
  });
});

describe("MANIFEST and workload checks", () => {
  it("reads the expect lines", () => {
    expect(parseManifest("lab-format 1\nexpect sha256-4MiB abc\nexpect awk-sum-50000 42\nsha256 x  y\n"))
      .toEqual({ "sha256-4MiB": "abc", "awk-sum-50000": "42" });
  });

  it("accepts the ready image's output and names what is missing or wrong", () => {
    expect(workloadProblems(LOG, EXPECT, 1)).toEqual([]);
    expect(workloadProblems(LOG, EXPECT, 2)).toEqual(["missing (in order) 'nproc=2'"]);
    expect(workloadProblems(LOG.replace("awk-sum 496409", "awk-sum 1"), EXPECT, 1)).toEqual(["missing (in order) 'awk-sum 496409'"]);
    expect(workloadProblems(LOG.replace("GUEST-DONE", ""), EXPECT, 1)).toEqual(["missing (in order) 'GUEST-DONE'"]);
  });

  it("computes the workload's output as the fetch script's MANIFEST has it", () => {
    expect(computeWorkload({ mb: 4, awk: 50000 })).toEqual({ sha256: EXPECT["sha256-4MiB"], awkSum: EXPECT["awk-sum-50000"] });
    expect(expectedWorkload(EXPECT).awkSum).toBe("496409");
    const small = { mb: 1, awk: 5000 };
    expect(expectedWorkload(EXPECT, small)).toEqual(computeWorkload(small));
    expect(workloadAppend(small)).toBe(" GUEST_MB=1 GUEST_AWK=5000");
    expect(workloadAppend({ mb: 4, awk: 50000 })).toBe("");
    const out = LOG.replace(EXPECT["sha256-4MiB"], computeWorkload(small).sha256).replace("496409", computeWorkload(small).awkSum);
    expect(workloadProblems(out, EXPECT, 1, small)).toEqual([]);
    expect(workloadProblems(out, EXPECT, 1)).toHaveLength(2);
  });

  it("looks for guests in $ARMLET_GUESTS alone when it is set", () => {
    expect(guestDirCandidates({ ARMLET_GUESTS: "/x/g" })).toEqual(["/x/g"]);
    expect(guestDirCandidates({ XDG_CACHE_HOME: "/c" })[0]).toBe("/c/armlet/guests");
  });
});

describe("console dialogue", () => {
  it("sends each answer once its prompt has appeared, even when output arrives a byte at a time", () => {
    const sent: string[] = [];
    const w = new ConsoleWatch(process.hrtime.bigint(), [
      { expect: "guest# ", send: "echo hi\n" },
      { expect: /hi\r?\n/, send: "exit\n" },
    ], (s) => sent.push(s));
    const out = "boot...\nGUEST-READY\nguest# echo hi\r\nhi\r\nguest# ";
    for (let i = 0; i < out.length; i++) {
      w.feed(out[i]);
      if (out.startsWith("guest#", i)) expect(sent.length).toBe(i < 25 ? 0 : 2);
      if (out.startsWith("echo hi", i)) expect(sent).toEqual(["echo hi\n"]);
    }
    expect(sent).toEqual(["echo hi\n", "exit\n"]);
    expect(w.readySeconds).toBeGreaterThanOrEqual(0);
  });

  it("runs QEMU with the reference board and command line", () => {
    const a = qemuArgs({ kernel: "k", dtb: "d", initrd: "i", smp: 2, timeoutSec: 1 });
    expect(a.join(" ")).toBe("-nic none -M vexpress-a15 -smp 2 -m 256M -kernel k -dtb d -initrd i -append console=ttyAMA0 -nographic -no-reboot");
  });
});

describe("recorded QEMU references", () => {
  for (const smp of [1, 2]) {
    it(`--smp ${smp}: holds the CPUs, GIC, timers, UARTs and RTC`, () => {
      const lines = readFixture(smp);
      expect(lines, `fixture for --smp ${smp}`).toBeDefined();
      const text = lines!.join("\n");
      for (const want of [
        /^CPU: ARMv7 Processor \[414fc0f0\]/m, /^arch_timer: cp15 timer\(s\) running at 62\.50MHz/m,
        /^clocksource: arm,sp804/m, /^sched_clock: 32 bits at 24MHz/m, /ttyAMA0 at MMIO 0x1c090000 \(irq = 33/m,
        /ttyAMA3 at MMIO 0x1c0c0000 \(irq = 36/m, /^rtc-pl031 1c170000\.rtc: registered as rtc0/m,
        /^CPU: All CPU\(s\) started in SVC mode\.$/m, new RegExp(`^smp: Brought up 1 node, ${smp} CPUs?$`, "m"),
        new RegExp(`^guest: 6\\*7=42 nproc=${smp}$`, "m"), /^reboot: Power down$/m,
      ]) expect(text).toMatch(want);
      expect(lines!.some((l) => /\d+\.\d{6}\]|\d+\.\d\d BogoMIPS/.test(l))).toBe(false);
    });
  }
});
