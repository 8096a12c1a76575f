// QEMU's migration URIs for armlet's files: `file:PATH` (QEMU 8.2's spelling; armlet writes it
// atomically) and `exec:COMMAND` (QEMU 7.2's: the stream goes to, or comes from, `/bin/sh -c
// COMMAND`, e.g. "exec:cat > FILE" and -incoming "exec:cat FILE"). Other transports are refused.
import { spawn } from "node:child_process";
import { ArmletError, usageError } from "../errors.js";
import { readSnapshotFile } from "../snapshot/loadvm.js";

export type MigrationTarget = { kind: "file"; path: string } | { kind: "exec"; command: string };

export function parseMigrationUri(uri: string, what: "migrate" | "incoming"): MigrationTarget {
  const colon = uri.indexOf(":");
  const scheme = colon < 0 ? uri : uri.slice(0, colon);
  const rest = colon < 0 ? "" : uri.slice(colon + 1);
  if (scheme === "file" && rest) return { kind: "file", path: rest };
  if (scheme === "exec" && rest.trim()) return { kind: "exec", command: rest };
  if (scheme === "file" || scheme === "exec") throw usageError(`${what} '${uri}': ${scheme}: needs a ${scheme === "file" ? "path" : "command"}`);
  if (["tcp", "unix", "fd", "rdma", "defer"].includes(scheme)) {
    throw usageError(`${what} '${uri}': armlet migrates through files only (file:PATH or exec:COMMAND)`);
  }
  throw usageError(`unknown migration protocol: ${uri}`);
}

/** Run `/bin/sh -c command`; resolves with its stdout; rejects naming its status and stderr. */
function runShell(command: string, input?: Uint8Array[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = spawn("/bin/sh", ["-c", command], { stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    p.stdout!.on("data", (b: Buffer) => out.push(b));
    p.stderr!.on("data", (b: Buffer) => { err += b.toString(); });
    p.on("error", (e) => reject(new Error(`could not run '${command}': ${e.message}`)));
    p.on("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`'${command}' ${signal ? `was killed by ${signal}` : `exited with status ${code}`}${err.trim() ? `: ${err.trim().split("\n")[0]}` : ""}`));
    });
    if (input) {
      const stdin = p.stdin!;
      stdin.on("error", () => { /* the command ended early: its status says why */ });
      let i = 0;
      const pump = () => {
        while (i < input.length) if (!stdin.write(input[i++])) { stdin.once("drain", pump); return; }
        stdin.end();
      };
      pump();
    }
  });
}

/** Send a stream's chunks to `command`'s stdin. */
export async function writeToCommand(command: string, chunks: Uint8Array[]): Promise<void> {
  await runShell(command, chunks);
}

/** The bytes of an incoming stream and a name for messages. */
export async function readIncoming(t: MigrationTarget): Promise<{ bytes: Uint8Array; name: string }> {
  if (t.kind === "file") return { bytes: readSnapshotFile(t.path), name: t.path };
  try {
    const bytes = await runShell(t.command);
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), name: `exec:${t.command}` };
  } catch (e) {
    throw new ArmletError("input", `incoming: ${(e as Error).message}`);
  }
}
