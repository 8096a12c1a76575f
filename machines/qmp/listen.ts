// Listen on a SocketSpec (QMP, the monitor): a stale unix socket at the path is replaced, as
// QEMU does, but never a file that is not a socket; failures are one-line errors.
import { createServer, type Server } from "node:net";
import { lstatSync, rmSync } from "node:fs";
import { outputError, usageError } from "../errors.js";
import { ioReason } from "../host-files.js";
import type { SocketSpec } from "./socket-spec.js";

/** The listening server and its address as users write it (tcp:HOST:PORT with the real port). */
export async function listenOn(spec: SocketSpec, opt: string): Promise<{ server: Server; address: string }> {
  const server = createServer();
  if (spec.kind === "unix") {
    let st;
    try { st = lstatSync(spec.path); } catch { /* free */ }
    if (st && !st.isSocket()) throw usageError(`${opt} ${spec.text}: ${spec.path} exists and is not a socket`);
    if (st) rmSync(spec.path, { force: true });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(outputError(`${opt} ${spec.text}: could not listen: ${ioReason(e)}`)));
    if (spec.kind === "unix") server.listen(spec.path, resolve); else server.listen(spec.port, spec.host, resolve);
  });
  const a = server.address();
  const address = spec.kind === "unix" ? `unix:${spec.path}` : `tcp:${spec.host}:${typeof a === "object" && a ? a.port : spec.port}`;
  return { server, address };
}

/** Stop listening and remove a unix socket's file. */
export async function stopListening(server: Server, spec: SocketSpec): Promise<void> {
  await new Promise<void>((r) => server.close(() => r()));
  if (spec.kind === "unix") rmSync(spec.path, { force: true });
}
