// The host programs the guest lab is made with (Debian's apt, dpkg, tar, gzip), run as child
// processes, and the one error type of `armlet guests`.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { ExitName } from "../exit-codes.js";

/** A failure of `armlet guests fetch`, with the exit code (cli/exit-codes.ts) it ends with. */
export class LabError extends Error {
  constructor(readonly exit: ExitName, message: string) {
    super(message);
    this.name = "LabError";
  }
}

export const unavailable = (msg: string) => new LabError("UNAVAILABLE", msg);

/** Whether `cmd` is an executable on PATH. */
export function onPath(cmd: string, env: NodeJS.ProcessEnv = process.env): boolean {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try { accessSync(join(dir, cmd), constants.X_OK); return true; } catch { /* next */ }
  }
  return false;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

export interface RunResult { code: number | null; stdout: Buffer; stderr: string }

export interface RunOptions {
  cwd?: string;
  input?: Uint8Array;
  /** Forward the child's stdout to our stderr (progress for people) instead of capturing it. */
  stdoutToStderr?: boolean;
  timeoutMs?: number;
}

/** Run a program to its end; a program that cannot be started is an UNAVAILABLE LabError. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      stdio: [opts.input ? "pipe" : "ignore", opts.stdoutToStderr ? 2 : "pipe", "pipe"],
      timeout: opts.timeoutMs,
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => { err += b.toString("utf8"); });
    child.on("error", (e) => reject(unavailable(`cannot run ${cmd}: ${e.message}`)));
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    // A child that exits before reading all its input fails on its own exit status, not on EPIPE.
    child.stdin?.on("error", () => {});
    if (opts.input) child.stdin?.end(opts.input);
  });
}

/** Run a program and return its stdout; a non-zero exit is an UNAVAILABLE LabError saying `what`. */
export async function output(cmd: string, args: readonly string[], what: string, opts: RunOptions = {}): Promise<Buffer> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw unavailable(`${what} failed${detail(r)}`);
  return r.stdout;
}

/** ": <the last line of stderr>" (or the exit status) for an error message. */
export function detail(r: RunResult): string {
  const last = r.stderr.trim().split("\n").filter(Boolean).pop();
  return last ? `: ${last.trim()}` : r.code === null ? " (killed or timed out)" : ` (exit ${r.code})`;
}

/** `gzip -<level> -n`: GNU gzip, whose bytes the lab's sha256s are of (zlib's deflate differs). */
export function gzip(data: Uint8Array, level: 6 | 9): Promise<Buffer> {
  return output("gzip", [`-${level}`, "-n"], `gzip -${level}`, { input: data });
}
