// Machine-wide sections: QEMU's `timer` (the guest's virtual clock: cpu_clock_offset is the
// QEMU_CLOCK_VIRTUAL time every timer deadline in the stream is measured on) and `globalstate`
// (the run state), and armlet's own `armlet-machine` (what the run loop needs to continue
// exactly: instructions retired, the step and round-robin position, console input not yet
// taken by the UART, CPU_ON requests not yet applied).
import { buffer, i64, struct, u32, u64, u8, unused, vmsd } from "./vmstate.js";
import { cloneState, type SectionRegistry } from "./section.js";
import { usageError } from "../errors.js";

export const TIMER_DECL = vmsd("timer", 2, [i64("cpu_ticks_offset"), unused(8), i64("cpu_clock_offset")]);

export const GLOBALSTATE_DECL = vmsd("globalstate", 1, [u32("size"), buffer("runstate", 100)]);

const PENDING_ON_DECL = vmsd("armlet-machine/cpu-on", 1, [u32("cpu"), u32("entry"), u32("context_id")]);

export const ARMLET_MACHINE_DECL = vmsd("armlet-machine", 1, [
  u64("ns_per_insn"),
  u64("retired"),
  u64("step"),
  u32("round_robin"),
  u32("input_len"),
  u8("input", { field: "input_len" }),
  u32("cpu_on_len"),
  struct("cpu_on", PENDING_ON_DECL, { field: "cpu_on_len" }),
]);

/** What the run loop exposes to its sections. */
export interface RunLoopState {
  guestNs(): number;
  restoreGuestNs(ns: number): void;
  nsPerInsn: number;
  retired: number;
  step: number;
  roundRobin: number;
  /** Console bytes queued for the UART. */
  inputQueue: number[];
  /** CPU_ON requests not yet applied. */
  pendingOn: { cpu: number; entry: number; contextId: number }[];
  /** Whether the guest is running (not stopped by the monitor): QEMU's run state. */
  running(): boolean;
}

/** Register `timer` (first, as in QEMU) — call before the CPUs and devices. */
export function registerTimerSection(reg: SectionRegistry, loop: RunLoopState): void {
  const s = { cpu_ticks_offset: 0n, cpu_clock_offset: 0n };
  reg.add({
    idstr: "timer", decl: TIMER_DECL,
    state: () => s,
    preSave: () => { s.cpu_clock_offset = BigInt(Math.round(loop.guestNs())); },
    staging: () => cloneState(s),
    load: (st) => { loop.restoreGuestNs(Number(st.cpu_clock_offset)); },
  });
}

/** Register armlet-machine and then globalstate (last, as in QEMU) — call after every device. */
export function registerLoopSections(reg: SectionRegistry, loop: RunLoopState): void {
  const m = {
    ns_per_insn: 0n, retired: 0n, step: 0n, round_robin: 0, input_len: 0, input: [] as number[],
    cpu_on_len: 0, cpu_on: [] as { cpu: number; entry: number; context_id: number }[],
  };
  reg.add({
    idstr: "armlet-machine", decl: ARMLET_MACHINE_DECL, armletOnly: true,
    state: () => m,
    preSave: () => {
      m.ns_per_insn = BigInt(loop.nsPerInsn);
      m.retired = BigInt(loop.retired);
      m.step = BigInt(loop.step);
      m.round_robin = loop.roundRobin;
      m.input = [...loop.inputQueue];
      m.input_len = m.input.length;
      m.cpu_on = loop.pendingOn.map((p) => ({ cpu: p.cpu, entry: p.entry, context_id: p.contextId }));
      m.cpu_on_len = m.cpu_on.length;
    },
    staging: () => cloneState(m),
    check: (st) => {
      const ns = Number(st.ns_per_insn);
      if (ns !== loop.nsPerInsn) {
        const mode = (n: number) => (n > 0 ? `--icount shift=${Math.log2(n)}` : "host time (no --icount)");
        throw usageError(`the snapshot was taken with ${mode(ns)}; resume with the same, not ${mode(loop.nsPerInsn)}`);
      }
    },
    load: (st) => {
      loop.retired = Number(st.retired);
      loop.step = Number(st.step);
      loop.roundRobin = st.round_robin;
      loop.inputQueue.splice(0, loop.inputQueue.length, ...st.input.slice(0, st.input_len));
      loop.pendingOn.splice(0, loop.pendingOn.length, ...st.cpu_on.map((p: any) => ({ cpu: p.cpu, entry: p.entry >>> 0, contextId: p.context_id >>> 0 })));
    },
  });
  const g = { size: 0, runstate: new Uint8Array(100) };
  reg.add({
    idstr: "globalstate", decl: GLOBALSTATE_DECL,
    state: () => g,
    preSave: () => {
      const name = Buffer.from(loop.running() ? "running" : "paused", "latin1");
      g.runstate = new Uint8Array(100);
      g.runstate.set(name);
      g.size = name.length + 1;
    },
    staging: () => cloneState(g),
    load: () => {},
  });
}

/** The run state name a stream's globalstate carries ("running", "paused"...). */
export function runStateOf(g: { size: number; runstate: Uint8Array }): string {
  const n = Math.min(g.size, 100);
  return Buffer.from(g.runstate.subarray(0, n)).toString("latin1").replace(/\0.*$/s, "");
}
