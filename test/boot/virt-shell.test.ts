// A Linux shell in deterministic time, driven the way a CI script drives it: `armlet run -M virt
// --icount 0` (sleep=on, the default), stdin piped, started from the shell guest's prompt
// snapshot (booted once per run for every test that needs a shell: test/helpers/shell-snapshot.ts).
// At the prompt the idle guest must sleep, not spin; typed commands must reach it and run; and
// the session, recorded with rr=record, must replay byte for byte with rr=replay and no input.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithGuestLab } from "./lab/describe-with-lab.js";
import { ARMLET_CLI } from "./lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT } from "./lab/settings.js";
import { cpuSeconds } from "../helpers/process-cpu.js";
import { shellMachineArgs, shellSnapshot, type ShellConfig } from "../helpers/shell-snapshot.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithGuestLab("virt: a Linux shell with --icount (sleep=on), input piped, recorded and replayed", (g) => {
  const rr = join(mkdtempSync(join(tmpdir(), "armlet-shell-")), "shell.rr");
  const c: ShellConfig = { machine: "virt", smp: 2, nsPerInsn: 1 };
  let snap = "";
  const args = (icount: string) => [ARMLET_CLI, "run", ...shellMachineArgs(c).slice(0, -2), "--loadvm", snap,
    "--icount", icount, "--timeout", String(ARMLET_BOOT_TIMEOUT)];
  let recorded = "";

  it("idles at the prompt without spinning, runs what is typed, powers off", async () => {
    snap = (await shellSnapshot(g, c, ARMLET_BOOT_TIMEOUT)).file;
    const p = spawn(process.execPath, args(`0,rr=record,rrfile=${rr}`), { stdio: ["pipe", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
    p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
    const closed = new Promise<number | null>((r) => p.on("close", r));
    const waitFor = async (text: string, from: number) => {
      for (let t = 0; t < ARMLET_BOOT_TIMEOUT * 10 && out.indexOf(text, from) < 0; t++) await sleep(100);
      expect(out.indexOf(text, from), `waiting for ${JSON.stringify(text)}:\n${out.slice(-2000)}\n${err}`).toBeGreaterThanOrEqual(0);
      return out.indexOf(text, from) + text.length;
    };
    p.stdin.write("\n");
    let at = await waitFor("guest# ", 0);
    // Three seconds at the prompt: the guest sleeps in WFI between its timer events.
    const c0 = cpuSeconds(p.pid!), t0 = Date.now();
    await sleep(3000);
    const cpu = cpuSeconds(p.pid!) - c0, wall = (Date.now() - t0) / 1000;
    p.stdin.write("echo $((6*7))-typed\n");
    at = await waitFor("42-typed", at);
    p.stdin.write("poweroff -f\n");
    expect(await closed, err).toBe(0);
    expect(cpu / wall, `${cpu} s of CPU in ${wall} s at the prompt`).toBeLessThan(0.5);
    recorded = out;
  }, (2 * ARMLET_BOOT_TIMEOUT + 30) * 1000);

  it("rr=replay repeats the recorded session byte for byte without any input", async () => {
    expect(recorded, "the recording test ran first").not.toBe("");
    // Asynchronously: a minutes-long spawnSync would starve the test worker's event loop.
    const p = spawn(process.execPath, args(`0,rr=replay,rrfile=${rr}`), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
    p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
    const code = await new Promise<number | null>((r) => p.on("close", r));
    expect(code, err).toBe(0);
    expect(out).toBe(recorded);
  }, (ARMLET_BOOT_TIMEOUT + 60) * 1000);
});
