// QMP over a listening socket (unix or tcp), as QEMU 7.2 speaks it: a greeting on connect,
// capabilities negotiation first, then one answer per command in order ({"return": ...} or
// {"error": {"class", "desc"}}, with the request's "id"), and events with QEMU's timestamps to
// every negotiated client. Lines end in CR LF as QEMU's do.
import type { Server, Socket } from "node:net";
import { qemuJson } from "../snapshot/stream.js";
import type { VmEvent } from "../monitor/vm-control.js";
import type { SocketSpec } from "./socket-spec.js";
import { listenOn, stopListening } from "./listen.js";
import { JsonSplitter } from "./json-splitter.js";
import { QmpError, commandNotFound, genericError } from "./qmp-errors.js";
import { QMP_COMMANDS, QMP_VERSION, asQmpError, checkArgs, type QmpContext } from "./qmp-commands.js";

/** QEMU's event timestamp: wall time as seconds and microseconds. */
export function qmpTimestamp(now = performance.timeOrigin + performance.now()): { seconds: number; microseconds: number } {
  const us = Math.floor(now * 1000);
  return { seconds: Math.floor(us / 1e6), microseconds: us % 1e6 };
}

class QmpSession {
  negotiated = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly splitter: JsonSplitter;

  constructor(private readonly sock: Socket, private readonly ctx: QmpContext) {
    this.splitter = new JsonSplitter((text) => { this.queue = this.queue.then(() => this.handle(text)); },
      () => this.send({ error: { class: "GenericError", desc: "JSON parse error, input too large" } }));
    sock.setEncoding("utf8");
    sock.on("data", (s: string) => this.splitter.push(s));
    sock.on("error", () => { /* a client that went away */ });
    this.send({ QMP: { version: QMP_VERSION, capabilities: [] } });
  }

  send(msg: unknown): void {
    if (!this.sock.destroyed && this.sock.writable) this.sock.write(`${qemuJson(msg)}\r\n`);
  }

  private async handle(text: string): Promise<void> {
    let id: unknown;
    try {
      let req: unknown;
      try { req = JSON.parse(text); } catch (e) { throw genericError(`JSON parse error, ${(e as Error).message}`); }
      if (req === null || typeof req !== "object" || Array.isArray(req)) throw genericError("QMP input must be a JSON object");
      const r = req as Record<string, unknown>;
      id = r.id;
      for (const k of Object.keys(r)) if (!["execute", "arguments", "id", "control"].includes(k)) throw genericError(`QMP input member '${k}' is unexpected`);
      if (!("execute" in r)) throw genericError("QMP input lacks member 'execute'");
      if (typeof r.execute !== "string") throw genericError("QMP input member 'execute' must be a string");
      const args = r.arguments ?? {};
      if (args === null || typeof args !== "object" || Array.isArray(args)) throw genericError("QMP input member 'arguments' must be an object");
      const result = await this.execute(r.execute, args as Record<string, unknown>);
      this.send(id === undefined ? { return: result } : { return: result, id });
    } catch (e) {
      const err = asQmpError(e);
      if (!(err instanceof QmpError)) throw err;
      const error = { class: err.errorClass, desc: err.message };
      this.send(id === undefined ? { error } : { error, id });
    }
  }

  private async execute(name: string, args: Record<string, unknown>): Promise<unknown> {
    if (name === "qmp_capabilities") {
      if (this.negotiated) throw new QmpError("CommandNotFound", "Capabilities negotiation is already complete, command ignored");
      for (const k of Object.keys(args)) if (k !== "enable") throw genericError(`Parameter '${k}' is unexpected`);
      const enable = args.enable ?? [];
      if (!Array.isArray(enable)) throw genericError("Invalid parameter type for 'enable', expected: array");
      for (const c of enable) throw genericError(`Capability '${String(c)}' not available`);
      this.negotiated = true;
      return {};
    }
    if (!this.negotiated) throw new QmpError("CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'");
    const cmd = QMP_COMMANDS.find((c) => c.name === name);
    if (!cmd) throw commandNotFound(name);
    checkArgs(cmd, args);
    return await cmd.run(this.ctx, args);
  }

  /** Answers still being written, then close. */
  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await new Promise<void>((resolve) => {
      if (this.sock.destroyed) return resolve();
      const t = setTimeout(() => { this.sock.destroy(); resolve(); }, 1000);
      this.sock.end(() => { clearTimeout(t); resolve(); });
    });
  }
}

export class QmpServer {
  private readonly sessions = new Set<QmpSession>();
  private firstClient?: () => void;
  private readonly connected: Promise<void>;

  private constructor(private readonly server: Server, readonly spec: SocketSpec, readonly address: string, ctx: QmpContext) {
    this.connected = new Promise((r) => { this.firstClient = r; });
    server.on("connection", (sock) => {
      const s = new QmpSession(sock, ctx);
      this.sessions.add(s);
      sock.on("close", () => this.sessions.delete(s));
      this.firstClient?.();
    });
  }

  /** Start listening (a stale unix socket at the path is replaced, as QEMU does). */
  static async listen(spec: SocketSpec, ctx: QmpContext): Promise<QmpServer> {
    const { server, address } = await listenOn(spec, "--qmp");
    return new QmpServer(server, spec, address, ctx);
  }

  /** Resolves when a client has connected (QEMU's `wait=on` holds the machine until then). */
  waitForClient(): Promise<void> { return this.connected; }

  /** An event to every client that has negotiated capabilities. */
  event(e: VmEvent): void {
    const msg = e.data ? { timestamp: qmpTimestamp(), event: e.event, data: e.data } : { timestamp: qmpTimestamp(), event: e.event };
    for (const s of this.sessions) if (s.negotiated) s.send(msg);
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.close()));
    await stopListening(this.server, this.spec);
  }
}
