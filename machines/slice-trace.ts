// --trace-slices FILE: after every CPU slice, one line with a digest of that CPU's state block
// (registers, banks, flags, system and VFP registers, instruction count; its pc and CPSR
// without flags in plain), and now and then one
// of guest RAM. Two deterministic runs that should agree step for step (--jit on and --jit off
// under --icount) must write the same file; the first differing line says where they parted:
// the step, the CPU and its instruction count (test/jit/boot-determinism compares them).
import { closeSync, openSync, writeSync } from "node:fs";
import { STATE, S_FPINST2, S_CPSR_REST } from "../core/state/layout.js";

/** Bytes of the state block that hold architectural state (up to and including FPINST2). */
const STATE_BYTES = S_FPINST2 + 4;
/** RAM is hashed when the total retired count crosses a multiple of this (hashing 256 MiB costs ≈0.1 s). */
const RAM_EVERY_INSNS = 2 ** 28;

/** FNV-1a over 32-bit words. */
function hashWords(w: Uint32Array, h = 0x811c9dc5): number {
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i], 0x01000193);
  return h >>> 0;
}

export class SliceTrace {
  private readonly fd: number;
  private lines: string[] = [];
  private nextRam = RAM_EVERY_INSNS;

  constructor(path: string) { this.fd = openSync(path, "w"); }

  /** After a slice of `cpu` (its state block is the active one); `ram` views guest RAM. */
  slice(step: number, cpu: number, retired: number, memory: WebAssembly.Memory, ram: () => Uint8Array[]): void {
    const state = new Uint32Array(memory.buffer, STATE, STATE_BYTES / 4);
    const pc = state[15] >>> 0, cpsr = state[S_CPSR_REST / 4] >>> 0;
    let line = `${step} cpu${cpu} retired=${retired} pc=${pc.toString(16)} rest=${cpsr.toString(16)} state=${hashWords(state).toString(16)}`;
    if (retired >= this.nextRam) {
      while (this.nextRam <= retired) this.nextRam += RAM_EVERY_INSNS;
      line += ` ram=${this.ramHash(ram()).toString(16)}`;
    }
    this.lines.push(line);
    if (this.lines.length >= 4096) this.flush();
  }

  /** At the end of the run: RAM once more, and close. */
  close(ram: () => Uint8Array[]): void {
    this.lines.push(`end ram=${this.ramHash(ram()).toString(16)}`);
    this.flush();
    closeSync(this.fd);
  }

  private ramHash(blocks: Uint8Array[]): number {
    let h = 0x811c9dc5;
    for (const b of blocks) h = hashWords(new Uint32Array(b.buffer, b.byteOffset, b.byteLength >>> 2), h);
    return h;
  }

  private flush(): void {
    if (this.lines.length) writeSync(this.fd, this.lines.join("\n") + "\n");
    this.lines = [];
  }
}
