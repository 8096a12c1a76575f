// `--monitor unix:PATH,server` / `tcp:HOST:PORT,server`: the human monitor on a socket, as
// QEMU's -monitor with a socket chardev: a banner and "(qemu) " prompt per client, one command
// per line, answers in QEMU's words (no echo: the client's terminal echoes).
import type { Server, Socket } from "node:net";
import type { VmControl } from "../machines/monitor/vm-control.js";
import { LineEditor } from "../machines/monitor/line-editor.js";
import { monitorText, runHmpLine } from "../machines/monitor/hmp.js";
import type { SocketSpec } from "../machines/qmp/socket-spec.js";
import { listenOn, stopListening } from "../machines/qmp/listen.js";
import { MONITOR_BANNER, PROMPT } from "./monitor-stdio.js";

export class HmpSocketServer {
  private readonly clients = new Set<Socket>();
  private connected!: () => void;
  private readonly first = new Promise<void>((r) => { this.connected = r; });

  private constructor(private readonly server: Server, private readonly spec: SocketSpec, readonly address: string, ctl: VmControl) {
    server.on("connection", (sock) => {
      this.clients.add(sock);
      sock.on("close", () => this.clients.delete(sock));
      sock.on("error", () => {});
      const write = (s: string) => { if (sock.writable) sock.write(monitorText(s)); };
      const editor = new LineEditor();
      let queue = Promise.resolve();
      write(`${MONITOR_BANNER}\n${PROMPT}`);
      sock.on("data", (b: Buffer) => editor.feed(b, () => {}, (line) => {
        queue = queue.then(async () => { await runHmpLine(ctl, line, write); write(PROMPT); });
      }));
      this.connected();
    });
  }

  static async listen(spec: SocketSpec, ctl: VmControl): Promise<HmpSocketServer> {
    const { server, address } = await listenOn(spec, "--monitor");
    return new HmpSocketServer(server, spec, address, ctl);
  }

  waitForClient(): Promise<void> { return this.first; }

  async close(): Promise<void> {
    for (const c of this.clients) c.end();
    await stopListening(this.server, this.spec);
  }
}
