// The snapshot side of `armlet run` around Machine.run(): resume from --loadvm/--incoming before
// the first instruction, --savevm-on-output saves when the console prints a matching line, the
// human monitor (--monitor) and QMP (--qmp) reach the machine while it runs, and the end of the
// run becomes QMP's SHUTDOWN event and, where a save did not happen, an exit code.
import type { Machine, RunResult } from "../machines/machine.js";
import { VmControl } from "../machines/monitor/vm-control.js";
import { readIncoming } from "../machines/monitor/migration-uri.js";
import { loadSnapshot, readSnapshotFile } from "../machines/snapshot/loadvm.js";
import { saveSnapshot } from "../machines/snapshot/savevm.js";
import { runStateOf } from "../machines/snapshot/machine-sections.js";
import { QmpServer } from "../machines/qmp/qmp-server.js";
import { monitorText, runHmpLine } from "../machines/monitor/hmp.js";
import { EXIT } from "./exit-codes.js";
import { errorLine, noteLine } from "./format.js";
import type { SaveTrigger, SnapshotPlan } from "./snapshot-options.js";
import { StdioMonitor } from "./monitor-stdio.js";
import { HmpSocketServer } from "./monitor-socket.js";

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/**
 * Watches the console for --savevm-on-output patterns: each complete line, and at a step
 * boundary the line being printed (a shell prompt has no newline; checking it byte by byte
 * would match a pattern such as "= .*" before the line is whole).
 */
class OutputWatcher {
  private line = "";
  private m?: Machine;
  private readonly waiting: SaveTrigger[];
  private partialCheck = false;
  failure?: string;

  constructor(private readonly plan: SnapshotPlan, private readonly note: (msg: string) => void) {
    this.waiting = [...plan.triggers];
  }

  get pending(): readonly SaveTrigger[] { return this.waiting; }

  attach(m: Machine): void { this.m = m; }

  feed(bytes: Uint8Array): void {
    if (!this.waiting.length) return;
    const text = Buffer.from(bytes).toString("latin1");
    let start = 0;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
      this.line += text.slice(start, i);
      this.check(this.line.replace(/\r$/, ""), false);
      this.line = "";
      start = i + 1;
    }
    this.line = (this.line + text.slice(start)).slice(-4096);
    if (this.line && !this.partialCheck && this.m) {
      this.partialCheck = true;
      void this.m.atStepBoundary(() => {
        this.partialCheck = false;
        if (this.line) this.check(this.line.replace(/\r$/, ""), true);
      });
    }
  }

  private check(line: string, atBoundary: boolean): void {
    for (let i = 0; i < this.waiting.length;) {
      const t = this.waiting[i];
      if (!t.regex.test(line)) { i++; continue; }
      this.waiting.splice(i, 1);
      const last = this.waiting.length === 0;
      if (atBoundary) this.save(t, line, last); else void this.m?.atStepBoundary(() => this.save(t, line, last));
    }
  }

  /** At a step boundary: save; after the last one, end the run if asked. */
  private save(t: SaveTrigger, line: string, last: boolean): void {
    const m = this.m!;
    if (this.failure) return;
    try {
      const size = saveSnapshot(m, t.file);
      this.note(`saved ${t.file} (${mib(size)}) after the console printed ${JSON.stringify(line.slice(0, 80))}`);
      const files = m.openHostFiles();
      if (files.length) this.note(`not in ${t.file}: host files the guest has open through semihosting (${files.join(", ")})`);
    } catch (e) {
      this.failure = (e as Error).message;
      m.quit();
      return;
    }
    if (last && this.plan.then === "exit") m.quit();
  }
}

export class SnapshotSession {
  readonly watcher: OutputWatcher;
  ctl?: VmControl;
  monitor?: StdioMonitor;
  private qmp?: QmpServer;
  private hmpSocket?: HmpSocketServer;

  constructor(private readonly plan: SnapshotPlan, private readonly verbose: boolean,
    private readonly out: { text(s: string): void; newLine(): void }) {
    this.watcher = new OutputWatcher(plan, (msg) => console.error(noteLine(msg)));
  }

  /** The console sink, seen by the watcher too. */
  consoleSink(out: (bytes: Uint8Array) => void): (bytes: Uint8Array) => void {
    if (!this.plan.triggers.length) return out;
    return (b) => { out(b); this.watcher.feed(b); };
  }

  get resuming(): boolean { return this.plan.resume !== undefined; }

  /** Before run(): load the snapshot, open the monitor and QMP (waiting for a client if asked). */
  async start(m: Machine): Promise<void> {
    this.watcher.attach(m);
    const ctl = this.ctl = new VmControl(m, (msg) => console.error(noteLine(msg)));
    const front = this.plan.monitor !== undefined || this.plan.qmp !== undefined;
    if (this.plan.resume) {
      const r = this.plan.resume;
      const { bytes, name } = r.kind === "loadvm" ? { bytes: readSnapshotFile(r.file), name: r.file } : await readIncoming(r.target);
      const { report, stream } = loadSnapshot(m, name, bytes);
      if (this.verbose || report.decisions.length) {
        console.error(noteLine(`loaded ${name}${report.decisions.length ? `; the register policy decided:` : ""}`));
        for (const d of report.decisions) console.error(`  ${d}`);
        if (this.verbose) for (const n of report.notes) console.error(`  ${n}`);
      }
      // QEMU's -incoming keeps a machine that was saved stopped, stopped.
      const g = stream.sections.find((s) => s.idstr === "globalstate")?.state;
      const state = g ? runStateOf(g) : "running";
      if (r.kind === "incoming" && state !== "running") {
        if (front) m.pause();
        else console.error(noteLine(`${name} was saved with the machine ${state}; with no --monitor or --qmp to continue it, it runs`));
      }
    }
    if (this.plan.startPaused) ctl.holdAtStart();
    if (this.plan.monitor === "stdio") this.monitor = new StdioMonitor(ctl, this.out.text, this.out.newLine);
    else if (this.plan.monitor) this.hmpSocket = await HmpSocketServer.listen(this.plan.monitor, ctl);
    if (this.plan.qmp) {
      const q = this.qmp = await QmpServer.listen(this.plan.qmp, {
        ctl,
        hmp: async (line) => { let out = ""; await runHmpLine(ctl, line, (s) => { out += s; }); return monitorText(out); },
      });
      ctl.onEvent((e) => q.event(e));
      if (this.plan.qmp.kind === "tcp" && this.plan.qmp.port === 0) console.error(noteLine(`QMP listening on ${q.address}`));
      if (this.plan.qmp.wait) {
        console.error(noteLine(`waiting for a QMP connection on ${q.address} (add ,wait=off to start at once)`));
        await q.waitForClient();
      }
    }
    if (this.hmpSocket && this.plan.monitor !== "stdio" && this.plan.monitor?.wait) {
      console.error(noteLine(`waiting for a monitor connection on ${this.hmpSocket.address}`));
      await this.hmpSocket.waitForClient();
    }
  }

  /** After run(): SHUTDOWN to QMP clients, close the sockets; an exit code when the plan failed. */
  async finish(r: RunResult | undefined): Promise<number | undefined> {
    if (r && this.ctl) this.ctl.ended(r);
    await this.qmp?.close();
    await this.hmpSocket?.close();
    if (this.watcher.failure) {
      console.error(errorLine(this.watcher.failure));
      return EXIT.OUTPUT.code;
    }
    const missed = this.watcher.pending;
    if (r && missed.length && (r.reason === "exit" || r.reason === "poweroff" || r.reason === "reboot" || r.reason === "quit")) {
      for (const t of missed) console.error(errorLine(`--savevm-on-output: no console line matched /${t.source}/ before the run ended: ${t.file} was not written`));
      return EXIT.NOT_SAVED.code;
    }
    return undefined;
  }

  /** Close sockets when the run could not start. */
  async abort(): Promise<void> {
    await this.qmp?.close().catch(() => {});
    await this.hmpSocket?.close().catch(() => {});
  }
}
