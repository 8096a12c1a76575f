// In-process runner: boot a guest and collect its console, for tests and tools.
import { Machine, type MachineOptions, type RunResult } from "./machine.js";

import type { JitStats } from "../jit/engine.js";

export interface GuestRun extends RunResult {
  console: string;
  /** With the JIT on: what it did. */
  jit?: JitStats;
}

export async function runGuest(opts: Omit<MachineOptions, "onConsole">): Promise<GuestRun> {
  const chunks: Uint8Array[] = [];
  const m = new Machine({ ...opts, onConsole: (b) => chunks.push(b), onStderr: (b) => chunks.push(b) });
  try {
    const r = await m.run();
    return { ...r, console: Buffer.concat(chunks).toString("latin1"), jit: m.jitStats() };
  } finally {
    m.dispose();
  }
}
