// Linux boot time, armlet against QEMU in one run: the same Debian kernel and ready initramfs
// (`armlet guests fetch`), wall time to GUEST-READY and to the guest's poweroff (median of the
// runs), and the ratio armlet/QEMU. ARMv7: the armmp zImage on vexpress-a15 (with Debian's
// vexpress-v2p-ca15-tc1.dtb) or virt, against qemu-system-arm. ARMv8: --cpu cortex-a57 boots the
// arm64 Image.gz on virt (GICv2, or GICv3 with --gic 3), each with its own device tree, against
// qemu-system-aarch64 (QEMU 7.2 unpacks a gzip Image for AArch64 itself).
//
//   npm run bench:boot [-- --machine virt] [--smp 2] [--runs 3] [--deterministic] [--no-qemu]
//                      [--jit on|off|both]   (both: armlet with the JIT and with the interpreter)
//                      [--cpu cortex-a57 [--gic 2|3]]   (AArch64: virt only)
//                      [--armlet cli]   (armlet as its own process, `node dist/cli/main.js run`, as QEMU is;
//                                        default: in this process, which also counts instructions)
//   npm run bench:boot:a64 [-- --gic 3] [--smp 4] [--runs 2]
//
// Runs under tsx (it uses armlet's machine and the boot tests' lab from source). Guests come
// from $ARMLET_GUESTS (see test/boot/lab/guests.ts). Nothing here asserts timings.
import { parseArgs } from "node:util";
import { locateGuests, workloadProblems } from "../test/boot/lab/guests.ts";
import { join } from "node:path";
import { runProcess, qemuArgs, qemuFor, qemuAvailable, qemuVersion } from "../test/boot/lab/qemu.ts";
import { runArmlet, runArmletCli, bootReport, poweredOff } from "../test/boot/lab/armlet.ts";
import { DETERMINISTIC_NS_PER_INSN } from "../test/boot/lab/settings.ts";

const { values: opt } = parseArgs({
  options: {
    machine: { type: "string", default: "vexpress-a15" },
    smp: { type: "string", default: "1" },
    runs: { type: "string", default: "1" },
    deterministic: { type: "boolean", default: false },
    "no-qemu": { type: "boolean", default: false },
    timeout: { type: "string", default: "600" },
    jit: { type: "string", default: "on" },
    cpu: { type: "string", default: "cortex-a15" },
    gic: { type: "string" },
    armlet: { type: "string", default: "in-process" },
  },
});
const smp = Number(opt.smp), runs = Math.max(1, Number(opt.runs)), timeoutSec = Number(opt.timeout);

const found = locateGuests();
if (!found.lab) { console.error(`bench:boot: ${found.why}`); process.exit(1); }
const lab = found.lab;
const machine = opt.machine;
const a64 = opt.cpu === "cortex-a57";
if (a64 && machine !== "virt") { console.error("bench:boot: --cpu cortex-a57 runs on --machine virt only"); process.exit(2); }
if (opt.gic && machine !== "virt") { console.error("bench:boot: --gic is a property of --machine virt"); process.exit(2); }
// -M as both emulators take it: virt's GIC version is a machine property (virt,gic-version=3).
const machineArg = opt.gic ? `${machine},gic-version=${opt.gic}` : machine;
// vexpress-a15 boots with Debian's DTB; virt writes its own.
const kernel = a64 ? join(lab.dir, "arm64", "Image.gz") : lab.zImage;
const initrd = a64 ? join(lab.dir, "arm64", "initramfs.cpio.gz") : lab.initrd;
const spec = machine === "virt"
  ? { machine: machineArg, cpu: opt.cpu, kernel, initrd, smp, timeoutSec }
  : { machine, kernel, dtb: lab.dtb, initrd, smp, timeoutSec };
const qemuBin = qemuFor(spec);

/** QEMU's boot: the lab's command line, with the machine's properties kept on -M (qemuArgs only adds -cpu for plain "virt"). */
function runQemuBoot() {
  const args = qemuArgs({ ...spec, machine: machine === "virt" ? "virt" : spec.machine });
  args[args.indexOf("-M") + 1] = machineArg;
  return runProcess(qemuBin, args, spec, { QEMU_AUDIO_DRV: "none" });
}
/** armlet's boot, in this process or through its command line. */
function runArmletBoot(nsPerInsn, jit) {
  if (opt.armlet === "cli") return runArmletCli({ ...spec, nsPerInsn, cliArgs: jit ? [] : ["--jit", "off"] });
  return runArmlet({ ...spec, nsPerInsn, extra: { jit } });
}

const rows = [];
const fmt = (s) => (s === undefined ? "-" : `${s.toFixed(2)} s`);
function timing(r) {
  const m = /GUEST-TIMING (.*)/.exec(r.console);
  return m ? m[1].trim() : "-";
}
/** The median of the numbers present (undefined when none). */
function median(xs) {
  const v = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (!v.length) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
/** The runs that powered off, summarised by their median times (the last run when none did). */
function summary(results) {
  const ok = results.filter(poweredOff);
  if (!ok.length) return results[results.length - 1];
  const seconds = median(ok.map((r) => r.seconds));
  // Console and instruction count from the run nearest the median.
  const near = ok.reduce((a, b) => (Math.abs(a.seconds - seconds) <= Math.abs(b.seconds - seconds) ? a : b));
  return { ...near, seconds, readySeconds: median(ok.map((r) => r.readySeconds)) };
}

async function measure(name, once) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await once();
    results.push(r);
    console.error(`${name} run ${i + 1}: ${poweredOff(r) ? "ok" : `stopped (${r.reason})`}, GUEST-READY ${fmt(r.readySeconds)}, exit ${fmt(r.seconds)}`);
  }
  const r = summary(results);
  // Debian's vexpress-v2p-ca15-tc1.dtb lists two CPUs: the guest sees at most two (QEMU's too)
  const problems = workloadProblems(r.console, lab.expect, machine === "vexpress-a15" ? Math.min(smp, 2) : smp);
  // The guest took the GIC asked for (Linux names it at boot: "GICv3: ..." / "GIC: Using split EOI/Deactivate mode").
  if (opt.gic === "3" && !/GICv3: /.test(r.console)) problems.push("the kernel did not report a GICv3");
  const ok = poweredOff(r) && problems.length === 0;
  if (!ok) console.error(`${problems.join("; ")}\n${bootReport(r, name)}\n`);
  const span = (k) => { const v = results.filter(poweredOff).map((x) => x[k]).filter((x) => x !== undefined); return v.length > 1 ? ` (${Math.min(...v).toFixed(2)}-${Math.max(...v).toFixed(2)})` : ""; };
  rows.push({ name, ok, ready: r.readySeconds, total: r.seconds, insns: r.instructions, guest: timing(r), readySpan: span("readySeconds"), totalSpan: span("seconds") });
  return r;
}

const haveQemu = !opt["no-qemu"] && qemuAvailable();
const modes = opt.deterministic ? [["deterministic", DETERMINISTIC_NS_PER_INSN]] : [["host time", 0]];
const jits = opt.jit === "both" ? [true, false] : [opt.jit !== "off"];
for (const [mode, ns] of modes) {
  for (const jit of jits) {
    await measure(`armlet (${mode}, --jit ${jit ? "on" : "off"}${opt.armlet === "cli" ? ", cli" : ""})`, () => runArmletBoot(ns, jit));
  }
}
const haveQemuBin = haveQemu && qemuAvailable(qemuBin);
if (haveQemuBin) await measure(`qemu ${qemuBin} ${qemuVersion(qemuBin)}`, runQemuBoot);

console.log(`${machineArg}${a64 ? ` --cpu ${opt.cpu}` : ""} --smp ${smp} -m 256M, ${kernel}, median of ${runs} (min-max)`);
const head = ["", "status", "to GUEST-READY", "to exit", "instructions", "guest GUEST-TIMING"];
const body = rows.map((r) => [r.name, r.ok ? "ok" : "FAILED", fmt(r.ready) + (r.readySpan ?? ""), fmt(r.total) + (r.totalSpan ?? ""),
  r.insns ? String(r.insns) : "-", r.guest]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
for (const line of [head, ...body]) console.log(line.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
const q = rows.find((r) => r.name.startsWith("qemu"));
if (q) {
  for (const a of rows.filter((r) => r !== q)) {
    const ratio = (x, y) => (x !== undefined && y !== undefined && y > 0 ? `${(x / y).toFixed(1)}x` : "-");
    console.log(`ratio ${a.name}/qemu: to GUEST-READY ${ratio(a.ready, q.ready)}, to exit ${a.ok && q.ok ? ratio(a.total, q.total) : "-"}`);
  }
} else {
  console.log(`${qemuBin} not run: no ratio`);
}
