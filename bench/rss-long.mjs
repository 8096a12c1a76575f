// Memory over a long run: boots -M virt with the guest lab's shell initramfs, types a loop that
// forks and execs busybox applets for ever (new processes, page-cache code, kernel paths), and
// samples armlet's resident set size every --every seconds for --minutes. A JIT that leaks
// (modules, table slots, links) shows as RSS that keeps growing; a bounded cache as RSS that
// levels off. armlet's --timeout ends the run (exit 124), then it prints --jit-stats. --jit-cache makes the cache small enough to overflow and flush during the run.
//
//   node bench/rss-long.mjs [--minutes 30] [--every 30] [--jit-cache 256M] [--jit on|off]
//
// Needs `npm run build` and the guest lab (`armlet guests fetch`). Nothing here asserts.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { homedir } from "node:os";
import { parseArgs } from "node:util";

const { values: opt } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    every: { type: "string", default: "30" },
    "jit-cache": { type: "string", default: "256M" },
    jit: { type: "string", default: "on" },
  },
});
const minutes = Number(opt.minutes), every = Number(opt.every);
const guests = join(process.env.ARMLET_GUESTS ?? join(homedir(), ".cache", "armlet", "guests"), "armhf");
const main = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "main.js");

// Each round: a few hundred short processes, then one line the bench counts.
const LOOP = "n=0; while true; do for i in 1 2 3 4 5 6 7 8; do echo $i$n | sha256sum >/dev/null; " +
  "ls -R /bin /proc/self >/dev/null 2>&1; seq 1 300 | awk '{s+=$1} END {print s}' >/dev/null; done; " +
  "n=$((n+1)); echo ROUND $n; done\n";

const child = spawn(process.execPath, [main, "run", "-M", "virt", "-m", "256M", "--kernel", join(guests, "zImage"),
  "--initrd", join(guests, "initramfs-shell.cpio.gz"), "--append", "console=ttyAMA0", "--no-reboot",
  "--jit", opt.jit, "--jit-cache", opt["jit-cache"], "--jit-stats", "--timeout", String(Math.round(minutes * 60))],
  { stdio: ["pipe", "pipe", "pipe"] });
let out = "", err = "", typed = false;
child.stdout.setEncoding("latin1").on("data", (d) => {
  out += d;
  if (!typed && /GUEST-READY[\s\S]*# /.test(out)) { typed = true; child.stdin.write(LOOP); }
});
child.stderr.setEncoding("utf8").on("data", (d) => { err += d; });

const rssMiB = () => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "latin1"))[1]) / 1024; }
  catch { return NaN; }
};
const rounds = () => (out.match(/^ROUND \d+/gm) ?? []).length;
const samples = [];
const t0 = Date.now();
console.log(`rss-long: ${minutes} min, --jit ${opt.jit} --jit-cache ${opt["jit-cache"]}; minute, RSS MiB, rounds`);
await new Promise((resolve) => {
  const timer = setInterval(() => {
    const min = (Date.now() - t0) / 60000, rss = rssMiB();
    samples.push({ min, rss, rounds: rounds() });
    console.log(`${min.toFixed(1).padStart(6)}  ${rss.toFixed(1).padStart(7)}  ${rounds()}`);
  }, every * 1000);
  child.on("exit", () => { clearInterval(timer); resolve(); });
});
const warm = samples.filter((s) => s.min >= 5 && s.min < 10), last = samples.filter((s) => s.min >= minutes - 5);
const avg = (a) => (a.length ? a.reduce((n, s) => n + s.rss, 0) / a.length : NaN);
console.log(`RSS: peak ${Math.max(...samples.map((s) => s.rss)).toFixed(1)} MiB; minutes 5-10 average ${avg(warm).toFixed(1)} MiB, ` +
  `last 5 minutes ${avg(last).toFixed(1)} MiB; ${rounds()} rounds of the loop`);
console.log(`armlet exited with code ${child.exitCode}`);
if (!typed) console.log("the shell prompt never came:\n" + out.slice(-2000));
console.log(err.trim().split("\n").slice(-10).join("\n"));
