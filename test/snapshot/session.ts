// A guest driven in process, as the snapshot acceptance tests need it: the console collected,
// waits for text (from an offset, with a time limit), typed input, and saves and loads at step
// boundaries while the machine runs.
import { Machine, type MachineOptions, type RunResult } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { loadSnapshot, type LoadResult } from "../../machines/snapshot/loadvm.js";

export interface Session {
  m: Machine;
  /** Everything the console printed so far. */
  out(): string;
  /** Resolves with the offset just past `text` once it appears at or after `from`. */
  waitFor(text: string | RegExp, from?: number, timeoutSec?: number): Promise<number>;
  type(s: string): void;
  /** Save at the next step boundary; resolves with the file size. */
  save(file: string): Promise<number>;
  /** Ends with the run. */
  done: Promise<RunResult>;
  /** Quit (Ctrl-A x) and wait for the run to end. */
  quit(): Promise<RunResult>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a machine (optionally loading `loadvm` before it runs). */
export function startSession(opts: Omit<MachineOptions, "onConsole">, loadvm?: string): Session & { load?: LoadResult } {
  let text = "";
  const m = new Machine({ ...opts, onConsole: (b) => { text += Buffer.from(b).toString("latin1"); } });
  const load = loadvm !== undefined ? loadSnapshot(m, loadvm) : undefined;
  let ended: RunResult | undefined;
  const done = m.run().then((r) => { ended = r; return r; }).finally(() => m.dispose());
  const waitFor = async (want: string | RegExp, from = 0, timeoutSec = 600): Promise<number> => {
    const t0 = Date.now();
    for (;;) {
      const rest = text.slice(from);
      const hit = typeof want === "string" ? (() => { const i = rest.indexOf(want); return i < 0 ? undefined : i + want.length; })()
        : (() => { const r = want.exec(rest); return r ? r.index + r[0].length : undefined; })();
      if (hit !== undefined) return from + hit;
      if (ended) throw new Error(`the run ended (${ended.reason}: ${ended.message}) before ${want} appeared:\n${text.slice(-1500)}`);
      if (Date.now() - t0 > timeoutSec * 1000) throw new Error(`no ${want} after ${timeoutSec} s:\n${text.slice(-1500)}`);
      await sleep(50);
    }
  };
  return {
    m, load, done, waitFor,
    out: () => text,
    type: (s) => m.input(Buffer.from(s, "latin1")),
    save: (file) => m.atStepBoundary(() => saveSnapshot(m, file)),
    quit: () => { m.quit(); return done; },
  };
}
