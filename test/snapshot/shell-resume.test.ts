// The first acceptance case: the shell guest on vexpress-a15 and virt with --smp 2,
// saved at its prompt (once per run, test/helpers/shell-snapshot.ts), resumed by a new armlet
// process from the file alone (no kernel, initrd or append on its command line): the shell
// answers what is typed and the guest powers off cleanly.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { ARMLET_CLI } from "../boot/lab/armlet.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";
import { shellMachineArgs, shellSnapshot, type ShellConfig } from "../helpers/shell-snapshot.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `armlet run ... --loadvm FILE`, a line typed at the prompt, then poweroff. */
async function resumeAndAsk(c: ShellConfig, file: string): Promise<{ out: string; err: string; code: number | null; seconds: number }> {
  const t0 = Date.now();
  const p = spawn(process.execPath, [ARMLET_CLI, "run", ...shellMachineArgs(c), "--loadvm", file, "--timeout", "300"],
    { stdio: ["pipe", "pipe", "pipe"] });
  let out = "", err = "";
  p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
  p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
  const closed = new Promise<number | null>((r) => p.on("close", r));
  p.stdin.write("echo $((6*7))-typed\n");
  for (let t = 0; t < 1200 && !out.includes("42-typed"); t++) await sleep(100);
  const seconds = (Date.now() - t0) / 1000;
  p.stdin.write("poweroff -f\n");
  const code = await closed;
  return { out, err, code, seconds };
}

describeWithGuestLab("save at the shell prompt, resume in a new process (--smp 2)", (g) => {
  for (const machine of ["vexpress-a15", "virt"] as const) {
    it(`${machine}: the resumed shell answers and powers off`, async () => {
      const c: ShellConfig = { machine, smp: 2, nsPerInsn: 1 };
      const { file } = await shellSnapshot(g, c, ARMLET_BOOT_TIMEOUT);
      const r = await resumeAndAsk(c, file);
      expect(r.out, r.err).toContain("42-typed");
      expect(r.out).not.toContain("Booting Linux");
      expect(r.code, `${r.err}\n${r.out.slice(-1000)}`).toBe(0);
    }, (ARMLET_BOOT_TIMEOUT + 360) * 1000);
  }
});
