// Guest MIPS on a CPU-bound bare-metal program, armlet against qemu-system-arm on the same ELF,
// in one run. Usage: npm run bench [-- path/to/program.elf] (default roms/bin/bench-crc.elf).
// The instruction count comes from armlet's retired-instruction counter; QEMU runs the same
// program, so its MIPS is that count over QEMU's wall time (startup included, measured apart).
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runGuest } from "../dist/machines/run-guest.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const elf = process.argv[2] ?? join(root, "roms", "bin", "bench-crc.elf");
if (!existsSync(elf)) { console.error(`bench: ${elf} not found`); process.exit(1); }
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function armlet() {
  const t0 = process.hrtime.bigint();
  const r = await runGuest({ machine: "virt", cpu: "cortex-a15", memory: "128M", kernel: elf, semihosting: true, timeoutSec: 600 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.reason !== "exit") throw new Error(`armlet: ${r.reason} ${r.message}`);
  return { seconds: s, insns: r.instructions, console: r.console.trim() };
}

function qemu(kernel) {
  const t0 = process.hrtime.bigint();
  // -nic none: virt's default NIC needs efi-virtio.rom (ipxe-qemu), which CI does not install.
  const r = spawnSync("qemu-system-arm", ["-nic", "none", "-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-nographic",
    "-semihosting", "-kernel", kernel], { encoding: "latin1", timeout: 600_000 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  return { seconds: s, console: r.stdout.trim(), status: r.status };
}

/** QEMU's fixed cost: a program that exits at once (semihosting SYS_EXIT). */
function qemuStartup() {
  const words = [0xe3a00018, 0xe59f1004, 0xef123456, 0xeafffffe, 0x00020026];
  const p = join(root, ".cache", "bench-exit.bin");
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, 4 * i));
  writeFileSync(p, b);
  // A raw image on virt is booted like a Linux kernel (boot stub first): fine for timing startup.
  return qemu(p).seconds;
}

const best = (xs) => xs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
const a = best(await Promise.all(Array.from({ length: 1 }, armlet)).then(async (first) => {
  const all = [...first]; for (let i = 1; i < runs; i++) all.push(await armlet()); return all;
}));
const hasQemu = spawnSync("qemu-system-arm", ["--version"]).status === 0;
const armletMips = a.insns / a.seconds / 1e6;
console.log(`program: ${elf}`);
console.log(`instructions: ${a.insns}`);
console.log(`armlet: ${a.seconds.toFixed(3)} s, ${armletMips.toFixed(1)} MIPS (best of ${runs})`);
if (hasQemu) {
  const q = best(Array.from({ length: runs }, () => qemu(elf)));
  const startup = Math.min(...Array.from({ length: runs }, qemuStartup));
  const qs = Math.max(q.seconds - startup, 1e-3);
  const qemuMips = a.insns / qs / 1e6;
  console.log(`qemu-system-arm: ${q.seconds.toFixed(3)} s (${startup.toFixed(3)} s startup), ${qemuMips.toFixed(1)} MIPS`);
  console.log(`ratio armlet/qemu: ${(armletMips / qemuMips).toFixed(3)}`);
  if (q.console !== a.console) console.log(`WARNING: outputs differ\n  armlet: ${a.console}\n  qemu:   ${q.console}`);
} else {
  console.log("qemu-system-arm not installed: no comparison");
}
