// The device lines of a Linux boot log: what the kernel found (CPUs, interrupt controller,
// timers, UARTs, RTC, PMU, VFP...), with timestamps and timing-dependent numbers normalised
// away, so two emulators' logs of the same kernel/DTB/initrd can be diffed line by line.

/** Lines (after the printk timestamp) that describe hardware the kernel found. */
const DEVICE_LINE: RegExp[] = [
  /^Booting Linux on physical CPU/,
  /^CPU: ARMv7 Processor/,
  /^CPU: div instructions/,
  /^CPU: (PIPT|VIPT|PIPT \/ VIPT)/,
  /^OF: fdt: Machine model/,
  /^Memory policy:/,
  /^Reserved memory:/,
  /^cma: Reserved/,
  /^\s+node\s+\d+: \[mem/,
  /^NR_IRQS:/,
  /GIC/,
  /^sched_clock:/,
  /^clocksource: (arm,sp804|arch_sys_counter|Switched to)/,
  /^arch_timer:/,
  /^Switching to timer-based delay loop/,
  /^Calibrating delay loop/,
  /^CPU: Testing write buffer coherency/,
  /^CPU\d+: Spectre/,
  /^\/cpus\/cpu@\d+ /,
  /^CPU\d+: thread /,
  /^CPU\d+: failed to boot/,
  /^CPU\d+: (Booted|shutdown)/,
  /^smp: /,
  /^SMP: Total of/,
  /^CPU: All CPU\(s\) started in/,
  /^VFP support/,
  /^hw-breakpoint:/,
  /^Serial: AMBA PL011/,
  /ttyAMA\d+ at MMIO/,
  /^printk: console \[ttyAMA/,
  /^uart-pl011 /,
  /^rtc-pl031 /,
  // (CLCD, MMCI, keyboard...: not modelled by armlet yet, so not compared)
  /^armv7-pmu /,
  /^hw perfevents:/,
  /^ThumbEE CPU extension/,
  /^reboot: /,
  // The ready initramfs prints /proc/cpuinfo's head and nproc.
  /^(processor|model name|BogoMIPS|Features|CPU implementer|CPU architecture|CPU variant|CPU part|CPU revision|Hardware|Revision)\s*:/,
  /^guest: 6\*7=/,
];

const TIMESTAMP = /^\[\s*\d+\.\d+\]\s?/;

/** One line with its timing-dependent parts replaced by placeholders. */
export function normaliseLine(line: string): string {
  return line
    .replace(TIMESTAMP, "")
    .replace(/\r/g, "")
    .replace(/\d+\.\d+ BogoMIPS \(lpj=\d+\)/g, "<bogomips> BogoMIPS (lpj=<lpj>)")
    .replace(/\(\d+\.\d+ BogoMIPS\)/g, "(<bogomips> BogoMIPS)")
    .replace(/^(BogoMIPS\s*:\s*)\S+/, "$1<bogomips>")
    .replace(/setting system clock to \S+ UTC \(\d+\)/, "setting system clock to <date> UTC (<epoch>)")
    .replace(/\s+$/, "");
}

/** The normalised device lines of a boot log, in log order. */
export function deviceLines(log: string): string[] {
  const out: string[] = [];
  for (const raw of log.split("\n")) {
    const line = normaliseLine(raw);
    if (line && DEVICE_LINE.some((re) => re.test(line))) out.push(line);
  }
  return out;
}

/**
 * A line diff (longest common subsequence): "  same", "- only in a", "+ only in b".
 * Returns [] when equal.
 */
export function diffLines(a: string[], b: string[], nameA = "qemu", nameB = "armlet"): string[] {
  const n = a.length, m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0, j = 0, changed = false;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(`  ${a[i]}`); i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) { out.push(`+ ${b[j]}`); j++; changed = true; }
    else { out.push(`- ${a[i]}`); i++; changed = true; }
  }
  return changed ? [`--- ${nameA}`, `+++ ${nameB}`, ...out] : [];
}

/** The last `n` lines of a console log (for failure messages). */
export function tail(log: string, n = 30): string {
  return log.replace(/\r/g, "").split("\n").slice(-n).join("\n");
}
