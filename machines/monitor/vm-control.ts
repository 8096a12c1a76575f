// What the human monitor and QMP do to a running machine, in QEMU's terms: run states
// (running, paused, postmigrate), stop/cont, savevm/loadvm of a file and migrate to a URI at a
// step boundary, system_reset/system_powerdown/quit, and the events QMP reports (STOP, RESUME,
// RESET, POWERDOWN, SHUTDOWN). Both front ends share this one object, as QEMU's HMP commands
// call the QMP ones.
import type { Machine, RunResult } from "../machine.js";
import { saveSnapshot, snapshotContent } from "../snapshot/savevm.js";
import { loadSnapshot } from "../snapshot/loadvm.js";
import type { LoadReport } from "../snapshot/section.js";
import { PowerState } from "../psci/psci.js";
import { ArmletError } from "../errors.js";
import { parseMigrationUri, readIncoming, writeToCommand } from "./migration-uri.js";
import { streamChunks } from "./stream-chunks.js";

export interface VmEvent { event: "STOP" | "RESUME" | "RESET" | "POWERDOWN" | "SHUTDOWN"; data?: Record<string, unknown> }

/** QEMU's query-migrate answer (the fields armlet can fill). */
export interface MigrationInfo {
  status?: "setup" | "active" | "completed" | "failed";
  "total-time"?: number;
  downtime?: number;
  "setup-time"?: number;
  ram?: { total: number; transferred: number; remaining: number; duplicate: number; normal: number; "normal-bytes": number; mbps: number; "page-size": number; "dirty-sync-count": number };
  "error-desc"?: string;
}

export interface CpuInfo { cpu: number; pc: number; cpsr: number; mode: string; power: "on" | "off" | "pending"; halted: boolean }

const MODES: Record<number, string> = { 0x10: "usr", 0x11: "fiq", 0x12: "irq", 0x13: "svc", 0x16: "mon", 0x17: "abt", 0x1a: "hyp", 0x1b: "und", 0x1f: "sys" };
export const modeName = (cpsr: number): string => MODES[cpsr & 0x1f] ?? `0x${(cpsr & 0x1f).toString(16)}`;

export class VmControl {
  private postmigrate = false;
  /** Held by -S and not yet continued (QEMU's "prelaunch"). */
  private prelaunch = false;
  private migration: MigrationInfo = {};
  /** Why the run is ending, when a front end asked (QMP's SHUTDOWN reason). */
  private quitReason?: string;
  private readonly listeners: ((e: VmEvent) => void)[] = [];

  constructor(readonly m: Machine, private readonly note: (msg: string) => void = () => {}) {
    const prev = m.onReset;
    m.onReset = (guest) => {
      prev?.(guest);
      this.emit({ event: "RESET", data: { guest, reason: guest ? "guest-reset" : "host-qmp-system-reset" } });
    };
  }

  onEvent(fn: (e: VmEvent) => void): () => void {
    this.listeners.push(fn);
    return () => { const i = this.listeners.indexOf(fn); if (i >= 0) this.listeners.splice(i, 1); };
  }

  private emit(e: VmEvent): void { for (const l of [...this.listeners]) l(e); }

  /** QEMU's run state name (query-status "status", `info status`). */
  get runState(): "running" | "paused" | "postmigrate" | "prelaunch" {
    if (!this.m.isPaused) return "running";
    return this.postmigrate ? "postmigrate" : this.prelaunch ? "prelaunch" : "paused";
  }

  /** -S: the CPUs do not start until `cont` (no STOP event: they never ran). */
  holdAtStart(): void {
    this.m.pause();
    this.prelaunch = true;
  }

  stop(): void {
    if (this.m.isPaused) return;
    this.m.pause();
    this.emit({ event: "STOP" });
  }

  cont(): void {
    if (!this.m.isPaused) return;
    this.postmigrate = false;
    this.prelaunch = false;
    this.m.resume();
    this.emit({ event: "RESUME" });
  }

  systemReset(): void { this.m.systemReset(); }

  systemPowerdown(): void {
    this.m.systemPowerdown();
    this.emit({ event: "POWERDOWN" });
  }

  quit(reason = "host-qmp-quit"): void {
    this.quitReason = reason;
    this.m.quit();
  }

  /** QMP's SHUTDOWN event for the end of a run. */
  shutdownEvent(r: RunResult): VmEvent {
    const reason = r.reason === "quit" ? this.quitReason ?? "host-signal"
      : r.reason === "reboot" ? "guest-reset"
      : r.reason === "crash" ? "guest-panic"
      : r.reason === "timeout" || r.reason === "insn-limit" ? "host-signal"
      : "guest-shutdown";
    return { event: "SHUTDOWN", data: { guest: reason.startsWith("guest"), reason } };
  }

  /** Announce the end of the run to the listeners (QMP clients see SHUTDOWN). */
  ended(r: RunResult): void { this.emit(this.shutdownEvent(r)); }

  /** Each CPU's state, read at a step boundary. */
  cpus(): Promise<CpuInfo[]> {
    return this.m.atStepBoundary(() => this.m.cpuStates().map((c) => ({
      cpu: c.cpu, pc: c.pc, cpsr: c.cpsr, mode: modeName(c.cpsr), halted: c.halted,
      power: c.power === PowerState.On ? "on" as const : c.power === PowerState.Off ? "off" as const : "pending" as const,
    })));
  }

  /** Save to a file at the next step boundary (the machine keeps its run state); the file's size. */
  savevm(file: string): Promise<number> {
    return this.m.atStepBoundary(() => {
      const size = saveSnapshot(this.m, file);
      this.noteUnsaved();
      return size;
    });
  }

  /** Load a file at the next step boundary: validated whole first, so a bad one changes nothing. */
  loadvm(file: string): Promise<LoadReport> {
    return this.m.atStepBoundary(() => loadSnapshot(this.m, file).report);
  }

  /** Load a QEMU-style incoming URI (file:PATH, exec:CMD) before the machine runs. */
  async incoming(uri: string): Promise<LoadReport> {
    const { bytes, name } = await readIncoming(parseMigrationUri(uri, "incoming"));
    return loadSnapshot(this.m, name, bytes).report;
  }

  /** Say what a snapshot cannot carry (at save time, as the user can still act). */
  private noteUnsaved(): void {
    const files = this.m.openHostFiles();
    if (files.length) this.note(`not in the snapshot: host files the guest has open through semihosting (${files.join(", ")}); a resumed guest finds them closed`);
  }

  /**
   * QMP's migrate: returns at once; the stream is taken at the next step boundary, then the
   * machine stops (postmigrate, as QEMU's source after a completed migration) and the bytes go to
   * the URI. A failed migration resumes a machine that was running.
   */
  migrate(uri: string): void {
    if (this.migration.status === "setup" || this.migration.status === "active") throw new ArmletError("usage", "There's a migration process in progress");
    const target = parseMigrationUri(uri, "migrate");
    const t0 = Date.now();
    this.migration = { status: "setup" };
    const wasRunning = !this.m.isPaused;
    const ramTotal = () => this.m.ramBlocks().reduce((s, b) => s + b.bytes.length, 0);
    const fail = (e: unknown) => {
      this.migration = { status: "failed", "total-time": Date.now() - t0, "error-desc": (e as Error).message };
      if (wasRunning && this.m.isPaused) this.cont();
    };
    void this.m.atStepBoundary(() => {
      this.migration.status = "active";
      const t1 = Date.now();
      const pages = pageCounts(this.m);
      let bytes = 0;
      let pending: Promise<void> | undefined;
      if (target.kind === "file") {
        bytes = saveSnapshot(this.m, target.path);
      } else {
        const chunks = streamChunks(snapshotContent(this.m));
        bytes = chunks.reduce((s, c) => s + c.length, 0);
        pending = writeToCommand(target.command, chunks);
      }
      this.noteUnsaved();
      this.postmigrate = true;
      this.prelaunch = false;
      this.stop();
      const finish = () => {
        const total = Date.now() - t0;
        this.migration = {
          status: "completed", "total-time": total, downtime: Date.now() - t1, "setup-time": t1 - t0,
          ram: {
            total: ramTotal(), transferred: bytes, remaining: 0, duplicate: pages.zero, normal: pages.normal,
            "normal-bytes": pages.normal * pages.size, mbps: total > 0 ? Math.round((bytes * 8) / (total * 1000) * 1000) / 1000 : 0,
            "page-size": pages.size, "dirty-sync-count": 1,
          },
        };
      };
      if (pending) pending.then(finish, fail); else finish();
    }).catch(fail);
  }

  queryMigrate(): MigrationInfo { return this.migration; }
}

/** Zero and non-zero target pages of the machine's RAM (query-migrate's duplicate / normal). */
function pageCounts(m: Machine): { zero: number; normal: number; size: number } {
  const size = 1 << m.migration.pageBits;
  let zero = 0, normal = 0;
  for (const b of m.ramBlocks()) {
    const words = new Uint32Array(b.bytes.buffer, b.bytes.byteOffset, b.bytes.length >>> 2);
    const per = size >>> 2;
    for (let p = 0; p < words.length; p += per) {
      let z = true;
      for (let i = p; i < p + per; i++) if (words[i] !== 0) { z = false; break; }
      if (z) zero++; else normal++;
    }
  }
  return { zero, normal, size };
}
