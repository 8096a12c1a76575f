// `armlet run ...` as a child process that a test talks to while it runs: its stdout and
// stderr collected, stdin open (a pipe), waits for text, and its exit.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

export const ARMLET_CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");

export interface ArmletProcess {
  p: ChildProcessWithoutNullStreams;
  out(): string;
  err(): string;
  /** Resolves with the offset just past `want` in stdout (or stderr) once it appears after `from`. */
  waitFor(want: string | RegExp, opts?: { from?: number; stream?: "out" | "err"; timeoutMs?: number }): Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill it (a test that failed half way must not leave it running). */
  kill(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startArmlet(args: string[]): ArmletProcess {
  const p = spawn(process.execPath, [ARMLET_CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "", err = "";
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
  p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
  p.stdin.on("error", () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on("close", (code, signal) => { ended = { code, signal }; r(ended); }));
  const waitFor: ArmletProcess["waitFor"] = async (want, { from = 0, stream = "out", timeoutMs = 60_000 } = {}) => {
    const t0 = Date.now();
    for (;;) {
      const text = (stream === "out" ? out : err).slice(from);
      const hit = typeof want === "string" ? (text.includes(want) ? text.indexOf(want) + want.length : -1)
        : (() => { const m = want.exec(text); return m ? m.index + m[0].length : -1; })();
      if (hit >= 0) return from + hit;
      if (ended) throw new Error(`armlet ended (${ended.code ?? ended.signal}) before ${want} appeared\nstdout: ${out.slice(-800)}\nstderr: ${err.slice(-800)}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`no ${want} after ${timeoutMs} ms\nstdout: ${out.slice(-800)}\nstderr: ${err.slice(-800)}`);
      await sleep(20);
    }
  };
  return { p, out: () => out, err: () => err, waitFor, exited, kill: () => { if (!ended) p.kill("SIGKILL"); } };
}
