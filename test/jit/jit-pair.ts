// A pair of cores for comparing the JIT with the interpreter (not the in-run lock-step mode the
// issue asks for): one program on both, one with the JIT translating every block before it first runs
// (eager mode) and one interpreting, for the same number of retired instructions, and returns
// the first difference in architectural state or RAM (undefined when they agree).
import { makeHarness, RAM_BASE, CPU_A15, type Harness } from "../helpers/core-harness.js";
import { JitEngine } from "../../jit/engine.js";
import { STATE_SIZE, S_NF, S_VF } from "../../core/state/layout.js";

export interface Pair { jit: Harness; interp: Harness; engine: JitEngine }

export function makePair(ramSize = 1 << 20, cacheBytes = 64 * 2 ** 20, cpuModel = CPU_A15): Pair {
  const jit = makeHarness(ramSize, undefined, cpuModel), interp = makeHarness(ramSize, undefined, cpuModel);
  const engine = new JitEngine(jit.core, { threshold: 1, cacheBytes, eager: true });
  return { jit, interp, engine };
}

/** Put both cores in reset state with `image` (address -> words) and the PC at `entry`. */
export function load(p: Pair, image: Map<number, number[]>, entry: number): void {
  for (const h of [p.jit, p.interp]) {
    h.core.cpuReset();
    h.ram.fill(0);
    for (const [addr, words] of image) h.poke32(addr, ...words);
    h.core.setReg(15, entry);
  }
  p.engine.flush();
}

/** Run a core to `target` retired instructions (it may stop early: eager translation, a crash). */
function runTo(h: Harness, target: number, poll?: () => void): void {
  for (let guard = 0; guard < 100_000; guard++) {
    const left = target - h.core.getIcount();
    if (left <= 0) return;
    const stop = h.core.run(left);
    poll?.();
    if (stop === 3 /* STOP_CRASH */) return;
  }
  throw new Error("no progress");
}

const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, "0")}`;

/** Run both for `insns` instructions; the first difference, or undefined. */
export function compareRun(p: Pair, insns: number): string | undefined {
  runTo(p.jit, insns, () => p.engine.poll());
  runTo(p.interp, insns);
  const a = p.jit.core, b = p.interp.core;
  if (a.getIcount() !== b.getIcount()) return `retired ${a.getIcount()} (jit) vs ${b.getIcount()} (interpreter)`;
  if ((a.getCpsr() >>> 0) !== (b.getCpsr() >>> 0)) return `CPSR ${hex(a.getCpsr())} vs ${hex(b.getCpsr())}`;
  // The state block byte for byte, except the flag words (their encodings may differ; CPSR above).
  const sa = new Uint8Array(a.memory.buffer, a.stateBase(), STATE_SIZE);
  const sb = new Uint8Array(b.memory.buffer, b.stateBase(), STATE_SIZE);
  for (let i = 0; i < STATE_SIZE; i += 4) {
    if (i >= S_NF && i <= S_VF) continue;
    const x = sa[i] | sa[i + 1] << 8 | sa[i + 2] << 16 | sa[i + 3] << 24, y = sb[i] | sb[i + 1] << 8 | sb[i + 2] << 16 | sb[i + 3] << 24;
    if (x !== y) return `state word at +0x${i.toString(16)}: ${hex(x)} vs ${hex(y)} (r0-r15 are +0x0..+0x3c)`;
  }
  const ra = p.jit.ram, rb = p.interp.ram;
  if (Buffer.compare(ra, rb) !== 0) {
    for (let i = 0; i < ra.length; i += 4) {
      if (p.jit.dv.getUint32(i, true) !== p.interp.dv.getUint32(i, true)) {
        return `RAM at ${hex(RAM_BASE + i)}: ${hex(p.jit.dv.getUint32(i, true))} vs ${hex(p.interp.dv.getUint32(i, true))}`;
      }
    }
  }
  return undefined;
}
