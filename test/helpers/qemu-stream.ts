// A QEMU 7.2 migration stream of a given machine, made live: QEMU starts (paused with -S, or
// after running `runSeconds`), its monitor migrates to a file, and the bytes come back. The
// reference for the snapshot code's layouts (tests compare our declarations with QEMU's JSON).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QEMU_SYSTEM_ARM, qemuArgv } from "./qemu.js";

export async function qemuStream(args: readonly string[], opts: { runSeconds?: number; timeoutSec?: number; binary?: string } = {}): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "armlet-qemu-stream-"));
  const file = join(dir, "stream.bin");
  try {
    const paused = opts.runSeconds === undefined;
    const p = spawn(opts.binary ?? QEMU_SYSTEM_ARM, qemuArgv([...args, ...(paused ? ["-S"] : []), "-display", "none", "-serial", "null", "-monitor", "stdio"]),
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, QEMU_AUDIO_DRV: "none" } });
    let out = "", err = "";
    p.stdout.on("data", (b: Buffer) => { out += b.toString(); });
    p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
    const closed = new Promise<number | null>((r) => p.on("close", r));
    const timer = setTimeout(() => p.kill("SIGKILL"), (opts.timeoutSec ?? 60) * 1000);
    if (!paused) await new Promise((r) => setTimeout(r, opts.runSeconds! * 1000));
    p.stdin.write(`stop\nmigrate "exec:cat > ${file}"\ninfo migrate\nquit\n`);
    const code = await closed;
    clearTimeout(timer);
    if (code !== 0) throw new Error(`QEMU exited with ${code}: ${err.trim()}\n${out.slice(-500)}`);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
