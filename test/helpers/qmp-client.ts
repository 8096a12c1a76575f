// A plain QMP client, as libvirt-style tools speak it: connect to a unix or tcp socket (retrying
// while the server starts), read the greeting, send one command at a time and match answers in
// order; events are collected apart and can be waited for. It knows nothing of armlet.
import { connect, type Socket } from "node:net";

export interface QmpMessage {
  QMP?: { version: { qemu: { major: number; minor: number; micro: number }; package: string }; capabilities: string[] };
  return?: unknown;
  error?: { class: string; desc: string };
  event?: string;
  data?: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
  id?: unknown;
}

export type QmpAddress = string | { host: string; port: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class QmpClient {
  /** Every line the server sent, as received (to check the CR LF framing). */
  readonly raw: string[] = [];
  readonly events: QmpMessage[] = [];
  private readonly answers: ((m: QmpMessage) => void)[] = [];
  private buf = "";
  private eventWaiters: (() => void)[] = [];
  closed = false;
  readonly greeting: Promise<QmpMessage>;
  private gotGreeting!: (m: QmpMessage) => void;

  private constructor(private readonly sock: Socket) {
    this.greeting = new Promise((r) => { this.gotGreeting = r; });
    sock.setEncoding("utf8");
    sock.on("data", (s: string) => this.receive(s));
    sock.on("close", () => { this.closed = true; for (const w of this.eventWaiters) w(); });
    sock.on("error", () => {});
  }

  /** Connect, retrying for up to `timeoutMs` while the socket does not exist or refuses. */
  static async connect(addr: QmpAddress, timeoutMs = 30_000): Promise<QmpClient> {
    const t0 = Date.now();
    for (;;) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = typeof addr === "string" ? connect(addr) : connect(addr.port, addr.host);
          s.once("connect", () => { s.off("error", reject); resolve(s); });
          s.once("error", reject);
        });
        return new QmpClient(sock);
      } catch (e) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`could not connect to ${JSON.stringify(addr)}: ${(e as Error).message}`);
        await sleep(50);
      }
    }
  }

  private receive(s: string): void {
    this.buf += s;
    for (let i = this.buf.indexOf("\n"); i >= 0; i = this.buf.indexOf("\n")) {
      const line = this.buf.slice(0, i + 1);
      this.buf = this.buf.slice(i + 1);
      this.raw.push(line);
      const m = JSON.parse(line) as QmpMessage;
      if (m.QMP) this.gotGreeting(m);
      else if (m.event) { this.events.push(m); for (const w of this.eventWaiters) w(); }
      else this.answers.shift()?.(m);
    }
  }

  /** Send a command; resolves with the whole answer ({"return"} or {"error"}). */
  execute(name: string, args?: Record<string, unknown>, id?: unknown): Promise<QmpMessage> {
    return this.sendRaw(JSON.stringify({ execute: name, ...(args ? { arguments: args } : {}), ...(id !== undefined ? { id } : {}) }));
  }

  /** Send any text (which must be one JSON value) and wait for its answer. */
  sendRaw(text: string): Promise<QmpMessage> {
    return new Promise((resolve, reject) => {
      if (this.closed) { reject(new Error(`connection closed before ${text}`)); return; }
      this.answers.push(resolve);
      this.sock.write(`${text}\n`);
    });
  }

  /** The first event named `name` at or after index `from` of `events`. */
  async waitEvent(name: string, from = 0, timeoutMs = 30_000): Promise<QmpMessage> {
    const t0 = Date.now();
    for (;;) {
      const e = this.events.slice(from).find((x) => x.event === name);
      if (e) return e;
      if (this.closed) throw new Error(`connection closed without a ${name} event (got ${this.events.map((x) => x.event).join(", ")})`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`no ${name} event after ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 100);
        this.eventWaiters.push(() => { clearTimeout(t); r(); });
      });
      this.eventWaiters = [];
    }
  }

  /** Resolves when the server has closed the connection. */
  async waitClosed(timeoutMs = 30_000): Promise<void> {
    const t0 = Date.now();
    while (!this.closed) {
      if (Date.now() - t0 > timeoutMs) throw new Error("the server did not close the connection");
      await sleep(50);
    }
  }

  close(): void { this.sock.destroy(); }
}
