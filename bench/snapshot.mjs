// Snapshot cost, armlet against QEMU in one run, on the same guest: Debian's armmp kernel and
// the shell initramfs (`armlet guests fetch`) on -M virt -cpu cortex-a15 with 512 MiB against
// qemu-system-arm, or with --cpu cortex-a57 the arm64 Image.gz and its shell initramfs on
// -M virt (GICv2, or GICv3 with --gic 3) against qemu-system-aarch64,
// driven through QMP on a unix socket, the same client for both:
//   save     migrate to "exec:cat > FILE" with the guest at its shell prompt, until query-migrate
//            says completed (QEMU: live migration of the running guest; armlet: at a step boundary)
//   size     the file's bytes
//   resume   a new process with -incoming "exec:cat FILE": wall time from its start until the
//            prompt answers a typed newline
// and the ratios armlet/QEMU (medians of the runs). Nothing here asserts timings.
//
//   npm run bench:snapshot [-- --machine virt|vexpress-a15] [--memory 512M] [--runs 3] [--no-qemu]
//   npm run bench:snapshot:a64 [-- --gic 3] [--runs 3]   (--cpu cortex-a57, virt only)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: opt } = parseArgs({
  options: {
    machine: { type: "string", default: "virt" },
    memory: { type: "string", default: "512M" },
    runs: { type: "string", default: "3" },
    "no-qemu": { type: "boolean", default: false },
    guests: { type: "string" },
    cpu: { type: "string", default: "cortex-a15" },
    gic: { type: "string" },
  },
});
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(repo, "dist", "cli", "main.js");
const guests = opt.guests ?? process.env.ARMLET_GUESTS ?? join(process.env.HOME ?? "", ".cache", "armlet", "guests");
const a64 = opt.cpu === "cortex-a57";
if (a64 && opt.machine !== "virt") throw new Error("--cpu cortex-a57 runs on --machine virt only");
if (opt.gic && opt.machine !== "virt") throw new Error("--gic is a property of --machine virt");
const arch = a64 ? "arm64" : "armhf";
const zImage = join(guests, arch, a64 ? "Image.gz" : "zImage"), initrd = join(guests, arch, "initramfs-shell.cpio.gz");
const dtb = join(guests, "armhf", "vexpress-v2p-ca15-tc1.dtb");
const qemuBin = a64 ? "qemu-system-aarch64" : "qemu-system-arm";
// virt's GIC version is a machine property, as QEMU spells it.
const virt = opt.gic ? `virt,gic-version=${opt.gic}` : "virt";
const work = mkdtempSync(join(tmpdir(), "armlet-bench-snapshot-"));
const runs = Math.max(1, Number(opt.runs));

const boards = {
  virt: { qemu: ["-M", virt, "-cpu", opt.cpu], armlet: ["-M", virt, "--cpu", opt.cpu] },
  "vexpress-a15": { qemu: ["-M", "vexpress-a15", "-dtb", dtb], armlet: ["-M", "vexpress-a15", "--dtb", dtb] },
};
const board = boards[opt.machine];
if (!board) throw new Error(`--machine virt or vexpress-a15, not ${opt.machine}`);

const impls = {
  armlet: {
    argv: (sock, extra) => [process.execPath, cli, "run", ...board.armlet, "-m", opt.memory, "--qmp", `unix:${sock},server,wait=off`, ...extra],
    boot: ["--kernel", zImage, "--initrd", initrd, "--append", "console=ttyAMA0"],
    resume: (file) => ["--incoming", `exec:cat ${file}`],
  },
  qemu: {
    argv: (sock, extra) => [qemuBin, ...board.qemu, "-m", opt.memory, "-nic", "none", "-display", "none", "-monitor", "none",
      "-serial", "stdio", "-qmp", `unix:${sock},server,wait=off`, ...extra],
    boot: ["-kernel", zImage, "-initrd", initrd, "-append", "console=ttyAMA0"],
    resume: (file) => ["-incoming", `exec:cat ${file}`],
  },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function start(argv) {
  const p = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, QEMU_AUDIO_DRV: "none" } });
  const st = { p, out: "", err: "" };
  p.stdout.on("data", (b) => { st.out += b.toString("latin1"); });
  p.stderr.on("data", (b) => { st.err += b.toString(); });
  st.closed = new Promise((r) => p.on("close", r));
  return st;
}

async function waitFor(st, text, from, limitSec) {
  const t0 = Date.now();
  for (;;) {
    const i = st.out.indexOf(text, from);
    if (i >= 0) return i + text.length;
    if (Date.now() - t0 > limitSec * 1000) throw new Error(`no '${text}' after ${limitSec} s:\n${st.out.slice(-800)}\n${st.err}`);
    await sleep(20);
  }
}

/** A minimal QMP client: one command at a time, events kept aside. */
async function qmp(sock) {
  let c;
  for (let i = 0; ; i++) {
    try { c = await new Promise((res, rej) => { const s = createConnection(sock, () => res(s)); s.on("error", rej); }); break; } catch (e) {
      if (i > 500) throw e;
      await sleep(20);
    }
  }
  let buf = "";
  const waiting = [];
  const lines = [];
  c.on("data", (b) => {
    buf += b.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const msg = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      if (msg.event) continue;
      if (waiting.length) waiting.shift()(msg); else lines.push(msg);
    }
  });
  const next = () => (lines.length ? Promise.resolve(lines.shift()) : new Promise((r) => waiting.push(r)));
  await next(); // greeting
  const cmd = async (execute, args) => {
    c.write(JSON.stringify(args ? { execute, arguments: args } : { execute }) + "\n");
    const r = await next();
    if (r.error) throw new Error(`${execute}: ${r.error.desc}`);
    return r.return;
  };
  await cmd("qmp_capabilities");
  return { cmd, close: () => c.destroy() };
}

async function measure(name, impl) {
  const sock = join(work, `${name}.sock`), file = join(work, `${name}.snap`);
  rmSync(sock, { force: true });
  const src = start(impl.argv(sock, impl.boot));
  const t0 = Date.now();
  await waitFor(src, "guest# ", 0, 900);
  const boot = (Date.now() - t0) / 1000;
  const q = await qmp(sock);
  const s0 = process.hrtime.bigint();
  await q.cmd("migrate", { uri: `exec:cat > ${file}` });
  let status;
  for (;;) {
    status = (await q.cmd("query-migrate")).status;
    if (status === "completed" || status === "failed") break;
    await sleep(5);
  }
  const save = Number(process.hrtime.bigint() - s0) / 1e9;
  if (status !== "completed") throw new Error(`${name}: migrate ${status}`);
  await q.cmd("quit").catch(() => {});
  q.close();
  await src.closed;
  const size = statSync(file).size;

  rmSync(sock, { force: true });
  const r0 = Date.now();
  const dst = start(impl.argv(sock, impl.resume(file)));
  const from = dst.out.length;
  // Type newlines until the prompt answers (the first may arrive before the guest runs).
  let at;
  for (let i = 0; at === undefined; i++) {
    dst.p.stdin.write("\n");
    at = await waitFor(dst, "guest# ", from, 0.2).catch((e) => { if (i > 3000) throw e; return undefined; });
  }
  const resume = (Date.now() - r0) / 1000;
  dst.p.kill("SIGKILL");
  await dst.closed;
  rmSync(file, { force: true });
  return { boot, save, size, resume };
}

function median(list) {
  const mid = (k) => {
    const v = list.map((r) => r[k]).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  return { boot: mid("boot"), save: mid("save"), size: list[0].size, resume: mid("resume") };
}

const rows = {};
for (const name of opt["no-qemu"] ? ["armlet"] : ["qemu", "armlet"]) {
  const list = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(name, impls[name]);
    list.push(r);
    console.error(`${name} run ${i + 1}: boot ${r.boot.toFixed(2)} s, save ${r.save.toFixed(3)} s, ${r.size} bytes, resume ${r.resume.toFixed(2)} s`);
  }
  rows[name] = median(list);
}
rmSync(work, { recursive: true, force: true });

const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
console.log(`\n${opt.machine === "virt" ? virt : opt.machine} --cpu ${opt.machine === "virt" ? opt.cpu : "cortex-a15"}, ${opt.memory}, shell guest at its prompt (median of ${runs})\n`);
console.log("| | boot to prompt | save | file size | resume to prompt |");
console.log("|---|---|---|---|---|");
for (const [name, r] of Object.entries(rows)) {
  console.log(`| ${name} | ${r.boot.toFixed(2)} s | ${r.save.toFixed(3)} s | ${mib(r.size)} | ${r.resume.toFixed(2)} s |`);
}
if (rows.qemu && rows.armlet) {
  const a = rows.armlet, q = rows.qemu;
  console.log(`| armlet/QEMU | ${(a.boot / q.boot).toFixed(2)} | ${(a.save / q.save).toFixed(2)} | ${(a.size / q.size).toFixed(3)} | ${(a.resume / q.resume).toFixed(2)} |`);
}
