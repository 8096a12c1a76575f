// Guest MIPS on CPU-bound bare-metal programs, armlet (JIT on, and the interpreter with
// --jit off) against qemu-system-arm on the same ELF, in one run. ELF64 programs run on
// -cpu cortex-a57 against qemu-system-aarch64.
// Usage: npm run bench [-- program.elf ...] (default roms/bin/bench-crc.elf, bench-mixed.elf and
// roms/bin/a64/bench-crc.elf).
// The instruction count comes from armlet's retired-instruction counter; QEMU runs the same
// program, so its MIPS is that count over QEMU's wall time (startup measured apart and taken off).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { runGuest } from "../dist/machines/run-guest.js";
import { writeElf64 } from "../dist/machines/elf-writer.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const elfs = process.argv.length > 2 ? process.argv.slice(2) : ["bench-crc.elf", "bench-mixed.elf", "a64/bench-crc.elf"].map((p) => join(root, "roms", "bin", p));
for (const elf of elfs) if (!existsSync(elf)) { console.error(`bench: ${elf} not found`); process.exit(1); }
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** The CPU and QEMU binary for an ELF: class 2 (ELF64) is AArch64. */
const target = (elf) => (readFileSync(elf)[4] === 2
  ? { cpu: "cortex-a57", qemu: "qemu-system-aarch64", a64: true }
  : { cpu: "cortex-a15", qemu: "qemu-system-arm", a64: false });

async function armlet(elf, jit) {
  const t0 = process.hrtime.bigint();
  const r = await runGuest({ machine: "virt", cpu: target(elf).cpu, memory: "128M", kernel: elf, semihosting: true, timeoutSec: 600, jit });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.reason !== "exit") throw new Error(`armlet: ${r.reason} ${r.message}`);
  return { seconds: s, insns: r.instructions, console: r.console.trim() };
}

function qemu(kernel, t = target(kernel)) {
  const t0 = process.hrtime.bigint();
  // -nic none: virt's default NIC needs efi-virtio.rom (ipxe-qemu), which CI does not install.
  const r = spawnSync(t.qemu, ["-nic", "none", "-M", "virt", "-cpu", t.cpu, "-m", "128M", "-nographic",
    "-semihosting", "-kernel", kernel], { encoding: "latin1", timeout: 600_000 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  // picolibc (the A64 programs) prints through SYS_WRITEC, which QEMU sends to stderr.
  return { seconds: s, console: (t.a64 ? r.stdout + r.stderr : r.stdout).trim(), status: r.status };
}

/** QEMU's fixed cost: a program that exits at once (semihosting SYS_EXIT), per QEMU binary. */
function qemuStartup(a64) {
  mkdirSync(join(root, ".cache"), { recursive: true });
  const p = join(root, ".cache", a64 ? "bench-exit64.elf" : "bench-exit.bin");
  // A32: mov r0, #0x18; ldr r1, =0x20026; svc 0x123456. A64: movz w0, #0x18; adr x1, block;
  // hlt #0xf000 with the block (ADP_Stopped_ApplicationExit, 0).
  const words = a64 ? [0x52800300, 0x10000061, 0xd45e0000, 0x14000000, 0x20026, 0, 0, 0]
    : [0xe3a00018, 0xe59f1004, 0xef123456, 0xeafffffe, 0x00020026];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, 4 * i));
  // A raw image on virt is booted like a Linux kernel (boot stub first): fine for timing startup.
  writeFileSync(p, a64 ? writeElf64(0x40000000, [{ addr: 0x40000000, data: b }]) : b);
  return qemu(p, a64 ? { cpu: "cortex-a57", qemu: "qemu-system-aarch64", a64 } : undefined).seconds;
}

const best = (xs) => xs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
const hasQemu = spawnSync("qemu-system-arm", ["--version"]).status === 0;
const startups = new Map();
for (const elf of elfs) {
  const t = target(elf);
  if (hasQemu && !startups.has(t.qemu)) {
    startups.set(t.qemu, Math.min(...Array.from({ length: runs }, () => qemuStartup(t.a64))));
    console.log(`${t.qemu} startup: ${startups.get(t.qemu).toFixed(3)} s (taken off its times)`);
  }
  const startup = startups.get(t.qemu) ?? 0;
  const on = [];
  for (let i = 0; i < runs; i++) on.push(await armlet(elf, true));
  const a = best(on);
  const off = await armlet(elf, false);
  const mips = (s) => a.insns / s / 1e6;
  console.log(`${basename(elf)}: ${a.insns} instructions`);
  console.log(`  armlet --jit on:  ${a.seconds.toFixed(3)} s, ${mips(a.seconds).toFixed(1)} MIPS (best of ${runs})`);
  console.log(`  armlet --jit off: ${off.seconds.toFixed(3)} s, ${mips(off.seconds).toFixed(1)} MIPS`);
  if (!hasQemu) { console.log("  qemu-system-arm not installed: no comparison"); continue; }
  const q = best(Array.from({ length: runs }, () => qemu(elf)));
  const qs = Math.max(q.seconds - startup, 1e-3);
  console.log(`  ${t.qemu}:  ${q.seconds.toFixed(3)} s, ${mips(qs).toFixed(1)} MIPS`);
  console.log(`  ratio armlet/qemu: JIT ${(qs / a.seconds).toFixed(3)}, interpreter ${(qs / off.seconds).toFixed(3)}`);
  if (q.console !== a.console || off.console !== a.console) {
    console.log(`  WARNING: outputs differ\n    jit on:  ${a.console}\n    jit off: ${off.console}\n    qemu:    ${q.console}`);
  }
}
