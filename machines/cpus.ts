// The machine's CPUs in one wasm core: CPU i's state block is saved in CPU_SLOTS slot i and
// copied into STATE while it runs (core/smp.ts). Fields of a CPU that is not running are read
// and written in its slot; those of the running CPU in STATE.
import type { CoreExports } from "./core.js";
import { STATE, S_CPU_INDEX, S_EVENT, S_HALTED, S_ICOUNT, S_IRQ_LINES, S_NS_PER_INSN, S_TIME_BASE_NS, S_TIMER_LINES } from "../core/state/layout.js";

export class CpuSet {
  /** The CPU whose state is in STATE (-1: none yet). */
  private loaded = -1;
  /** Per CPU: earliest future generic-timer compare in guest ns (-1 none), as of its last slice. */
  readonly timerDeadline: number[];
  /** Per CPU: timer output levels last pushed to the interrupt controller (S_TIMER_LINES bits). */
  private timerLines: number[];

  constructor(private readonly core: CoreExports, readonly count: number, private readonly onSwitch: (cpu: number) => void = () => {}) {
    this.timerDeadline = new Array(count).fill(-1);
    this.timerLines = new Array(count).fill(0);
  }

  get running(): number { return this.loaded; }

  private base(cpu: number): number { return cpu === this.loaded ? STATE : this.core.cpuSlotBase(cpu) >>> 0; }
  private view(): DataView { return new DataView(this.core.memory.buffer); }
  peek32(cpu: number, off: number): number { return this.view().getUint32(this.base(cpu) + off, true); }
  poke32(cpu: number, off: number, v: number): void { this.view().setUint32(this.base(cpu) + off, v >>> 0, true); }
  private pokeF64(cpu: number, off: number, v: number): void { this.view().setFloat64(this.base(cpu) + off, v, true); }

  /** Make `cpu` the running CPU (saving the one in STATE). */
  switchTo(cpu: number): void {
    if (cpu === this.loaded) return;
    if (this.loaded >= 0) this.core.cpuSave(this.loaded);
    this.core.cpuLoad(cpu);
    this.loaded = cpu;
    this.onSwitch(cpu);
  }

  /** Architectural reset of every CPU; CPU 0 is left running. */
  resetAll(nsPerInsn: number): void {
    for (let i = this.count - 1; i >= 0; i--) {
      this.switchTo(i);
      this.core.cpuReset();
      this.poke32(i, S_CPU_INDEX, i);
      this.pokeF64(i, S_NS_PER_INSN, nsPerInsn);
      this.pokeF64(i, S_TIME_BASE_NS, 0);
      this.timerDeadline[i] = -1;
      this.timerLines[i] = 0;
    }
  }

  /** Interrupt inputs of a CPU from the interrupt controller (bit 0 IRQ, bit 1 FIQ). */
  setIrqLines(cpu: number, irq: boolean, fiq: boolean): void {
    const old = this.peek32(cpu, S_IRQ_LINES);
    this.poke32(cpu, S_IRQ_LINES, (old & ~3) | (irq ? 1 : 0) | (fiq ? 2 : 0));
  }

  irqLines(cpu: number): number { return this.peek32(cpu, S_IRQ_LINES); }
  halted(cpu: number): boolean { return this.peek32(cpu, S_HALTED) !== 0; }

  /** SEV from `from`: set the event register of the others and wake those sleeping. */
  signalEvent(from: number): void {
    for (let i = 0; i < this.count; i++) {
      if (i === from) continue;
      this.poke32(i, S_EVENT, 1);
      this.poke32(i, S_HALTED, 0);
    }
  }

  /** Retired instructions of a CPU. */
  icount(cpu: number): number {
    if (cpu === this.loaded) return this.core.getIcount();
    const v = this.view(), a = this.base(cpu) + S_ICOUNT;
    return v.getUint32(a, true) + v.getUint32(a + 4, true) * 2 ** 32;
  }

  totalIcount(): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) n += this.icount(i);
    return n;
  }

  /** Running CPU: guest time `nowNs` at its current icount (virtual mode). */
  setTimeBase(nowNs: number, nsPerInsn: number): void {
    const cpu = this.loaded;
    if (nsPerInsn > 0) this.pokeF64(cpu, S_TIME_BASE_NS, nowNs - this.core.getIcount() * nsPerInsn);
  }

  /**
   * Running CPU: recompute its generic timer outputs and next deadline; returns the output bits
   * (bit 0 NS physical, bit 1 virtual) and whether they changed since the last call.
   */
  updateTimer(): { lines: number; changed: boolean } {
    const cpu = this.loaded;
    this.core.timerUpdateLines();
    const lines = this.peek32(cpu, S_TIMER_LINES) & 3;
    this.timerDeadline[cpu] = this.core.timerNextDeadlineNs();
    const changed = lines !== this.timerLines[cpu];
    this.timerLines[cpu] = lines;
    return { lines, changed };
  }

  /** Whether a CPU has work: not sleeping, an interrupt line up, or its timer due by `nowNs`. */
  runnable(cpu: number, nowNs: number): boolean {
    if (!this.halted(cpu) || (this.irqLines(cpu) & 0xf) !== 0) return true;
    const d = this.timerDeadline[cpu];
    return d >= 0 && d <= nowNs;
  }
}
