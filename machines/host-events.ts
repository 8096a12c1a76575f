// What reaches a deterministic run from outside: console input, the power button, Ctrl-A x,
// and how far guest time moved while every CPU slept (with sleep=on it follows host time).
// Everything else in a `--icount` run is a function of its inputs, so logging these events at
// the run loop's step where they took effect lets a later run replay it exactly (QEMU's
// `-icount ...,rr=record|replay,rrfile=FILE`, for the events armlet has).
//
// The log is JSON lines: a header, then one event per line. `step` is the run loop's iteration
// (deterministic given the events), `at` the instructions retired by then (a divergence check).
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { ArmletError, usageError } from "./errors.js";
import { fileMessage, ioReason } from "./host-files.js";

export type HostEvent =
  | { step: number; at: number; kind: "input"; bytes: string /* base64 */ }
  | { step: number; at: number; kind: "idle"; ns: number }
  | { step: number; at: number; kind: "power-button" }
  | { step: number; at: number; kind: "quit" };

/** What a log records about the run it came from: a replay must run the same way. */
export interface LogHeader { format: "armlet-rr"; version: 1; nsPerInsn: number; sleep: boolean }

export class HostEventRecorder {
  private readonly fd: number;

  constructor(readonly file: string, header: Omit<LogHeader, "format" | "version">) {
    try { this.fd = openSync(file, "w"); } catch (e) {
      throw usageError(fileMessage("write", "the record file", file, ioReason(e)));
    }
    this.line({ format: "armlet-rr", version: 1, ...header });
  }

  record(ev: HostEvent): void { this.line(ev); }

  close(): void { closeSync(this.fd); }

  private line(v: object): void { writeSync(this.fd, `${JSON.stringify(v)}\n`); }
}

export class HostEventReplay {
  readonly header: LogHeader;
  private readonly events: HostEvent[];
  private next = 0;

  constructor(readonly file: string) {
    let text: string;
    try { text = readFileSync(file, "utf8"); } catch (e) {
      throw new ArmletError("input", fileMessage("read", "the replay file", file, ioReason(e)));
    }
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const parsed = lines.map((l, i) => {
      try { return JSON.parse(l) as Record<string, unknown>; } catch {
        throw new ArmletError("image", `${file}: line ${i + 1} is not an event record`);
      }
    });
    const h = parsed[0];
    if (!h || h.format !== "armlet-rr" || h.version !== 1 || typeof h.nsPerInsn !== "number" || typeof h.sleep !== "boolean") {
      throw new ArmletError("image", `${file}: not an armlet record file (rr=record writes them)`);
    }
    this.header = h as unknown as LogHeader;
    this.events = parsed.slice(1).map((e, i) => checkEvent(e, `${file}: line ${i + 2}`));
  }

  /** All events are used up: the run goes on live. */
  get done(): boolean { return this.next >= this.events.length; }

  /** The events that took effect at loop step `step` (input, power button, quit), in order. */
  takeAt(step: number, retired: number): HostEvent[] {
    const out: HostEvent[] = [];
    while (!this.done && this.events[this.next].step === step && this.events[this.next].kind !== "idle") {
      out.push(this.checked(this.events[this.next++], retired));
    }
    return out;
  }

  /** The idle period of step `step`: guest ns when the CPUs woke. */
  idleAt(step: number, retired: number): number {
    const ev = this.done ? undefined : this.events[this.next];
    if (!ev || ev.step !== step || ev.kind !== "idle") {
      throw new ArmletError("image", `${this.file}: replay diverged at step ${step} (${retired} instructions): ` +
        `the recorded run ${ev ? `had ${ev.kind} at step ${ev.step}` : "ended"} where this one waits for an interrupt`);
    }
    this.next++;
    return this.checked(ev, retired).ns;
  }

  private checked<E extends HostEvent>(ev: E, retired: number): E {
    if (ev.at !== retired) {
      throw new ArmletError("image", `${this.file}: replay diverged at step ${ev.step}: ${retired} instructions ` +
        `retired where the recorded run had ${ev.at}`);
    }
    return ev;
  }
}

function checkEvent(e: Record<string, unknown>, where: string): HostEvent {
  const ok = Number.isSafeInteger(e.step) && Number.isSafeInteger(e.at) && (
    (e.kind === "input" && typeof e.bytes === "string") ||
    (e.kind === "idle" && typeof e.ns === "number" && Number.isFinite(e.ns)) ||
    e.kind === "power-button" || e.kind === "quit");
  if (!ok) throw new ArmletError("image", `${where}: not a valid event (${JSON.stringify(e).slice(0, 80)})`);
  return e as unknown as HostEvent;
}
