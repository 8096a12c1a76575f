// In-process runner: boot a guest and collect its console, for tests and tools.
import { Machine, type MachineOptions, type RunResult } from "./machine.js";

export interface GuestRun extends RunResult { console: string }

export async function runGuest(opts: Omit<MachineOptions, "onConsole">): Promise<GuestRun> {
  const chunks: Uint8Array[] = [];
  const m = new Machine({ ...opts, onConsole: (b) => chunks.push(b), onStderr: (b) => chunks.push(b) });
  try {
    const r = await m.run();
    return { ...r, console: Buffer.concat(chunks).toString("latin1") };
  } finally {
    m.dispose();
  }
}
