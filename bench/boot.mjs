// Linux boot time, armlet against qemu-system-arm -M vexpress-a15, in one run: the same
// Debian armmp zImage, vexpress-v2p-ca15-tc1.dtb and ready initramfs (`armlet guests fetch`),
// wall time to GUEST-READY and to the guest's poweroff, and the ratio armlet/QEMU.
//
//   npm run bench:boot [-- --machine virt] [--smp 2] [--runs 3] [--deterministic] [--no-qemu]
//                      [--jit on|off|both]   (both: armlet with the JIT and with the interpreter)
//
// Runs under tsx (it uses armlet's machine and the boot tests' lab from source). Guests come
// from $ARMLET_GUESTS (see test/boot/lab/guests.ts). Nothing here asserts timings.
import { parseArgs } from "node:util";
import { locateGuests, workloadProblems } from "../test/boot/lab/guests.ts";
import { runQemu, qemuAvailable, qemuVersion } from "../test/boot/lab/qemu.ts";
import { runArmlet, bootReport, poweredOff } from "../test/boot/lab/armlet.ts";
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
  },
});
const smp = Number(opt.smp), runs = Math.max(1, Number(opt.runs)), timeoutSec = Number(opt.timeout);

const found = locateGuests();
if (!found.lab) { console.error(`bench:boot: ${found.why}`); process.exit(1); }
const lab = found.lab;
const machine = opt.machine;
// vexpress-a15 boots with Debian's DTB; virt writes its own.
const spec = machine === "virt"
  ? { machine, kernel: lab.zImage, initrd: lab.initrd, smp, timeoutSec }
  : { machine, kernel: lab.zImage, dtb: lab.dtb, initrd: lab.initrd, smp, timeoutSec };

const rows = [];
const fmt = (s) => (s === undefined ? "-" : `${s.toFixed(2)} s`);
function timing(r) {
  const m = /GUEST-TIMING (.*)/.exec(r.console);
  return m ? m[1].trim() : "-";
}
function best(results) {
  const ok = results.filter(poweredOff);
  return ok.length ? ok.reduce((a, b) => (a.seconds < b.seconds ? a : b)) : results[results.length - 1];
}

async function measure(name, once) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const r = best(results);
  // Debian's vexpress-v2p-ca15-tc1.dtb lists two CPUs: the guest sees at most two (QEMU's too)
  const problems = workloadProblems(r.console, lab.expect, machine === "vexpress-a15" ? Math.min(smp, 2) : smp);
  const ok = poweredOff(r) && problems.length === 0;
  if (!ok) console.error(`${problems.join("; ")}\n${bootReport(r, name)}\n`);
  rows.push({ name, ok, ready: r.readySeconds, total: r.seconds, insns: r.instructions, guest: timing(r) });
  return r;
}

const haveQemu = !opt["no-qemu"] && qemuAvailable();
const modes = opt.deterministic ? [["deterministic", DETERMINISTIC_NS_PER_INSN]] : [["host time", 0]];
const jits = opt.jit === "both" ? [true, false] : [opt.jit !== "off"];
for (const [mode, ns] of modes) {
  for (const jit of jits) {
    await measure(`armlet (${mode}, --jit ${jit ? "on" : "off"})`, () => runArmlet({ ...spec, nsPerInsn: ns, extra: { jit } }));
  }
}
if (haveQemu) await measure(`qemu-system-arm ${qemuVersion()}`, () => runQemu(spec));

console.log(`${machine} --smp ${smp} -m 256M, ${lab.zImage}, best of ${runs}`);
const head = ["", "status", "to GUEST-READY", "to exit", "instructions", "guest GUEST-TIMING"];
const body = rows.map((r) => [r.name, r.ok ? "ok" : "FAILED", fmt(r.ready), fmt(r.total),
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
  console.log("qemu-system-arm not run: no ratio");
}
