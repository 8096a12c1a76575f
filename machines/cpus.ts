// The machine's CPUs in one wasm core: CPU i's state block is saved in CPU_SLOTS slot i and
// copied into STATE while it runs (core/smp.ts). Fields of a CPU that is not running are read
// and written in its slot; those of the running CPU in STATE.
import type { CoreExports } from "./core.js";
import { PowerState } from "./psci/psci.js";
import {
  STATE, S_CPU_INDEX, S_EVENT, S_HALTED, S_ICOUNT, S_IRQ_LINES, S_NS_PER_INSN, S_TIME_BASE_NS, S_TIMER_LINES,
  S_PMU_DUE_NS, S_PMU_DUE_INSNS, LINE_PMU, HALT_WFE,
} from "../core/state/layout.js";

export class CpuSet {
  /** The CPU whose state is in STATE (-1: none yet). */
  private loaded = -1;
  /** Per CPU: earliest future generic-timer compare or PMU overflow check in guest ns (-1 none),
   *  as of its last slice. */
  readonly timerDeadline: number[];
  /** Per CPU: timer and PMU output levels last pushed to the interrupt controller (S_TIMER_LINES bits). */
  private timerLines: number[];
  /** Per CPU: power state (PSCI). A CPU that is not On never runs. */
  private power: PowerState[];
  /** CPU_ON requests not yet applied: the target is reset and started between slices. */
  /** entryHi/contextIdHi: bits 63..32 from an AArch64 caller (snapshots keep the low words only). */
  readonly pendingOn: { cpu: number; entry: number; contextId: number; entryHi?: number; contextIdHi?: number }[] = [];

  constructor(private readonly core: CoreExports, readonly count: number, private readonly onSwitch: (cpu: number) => void = () => {},
    /** AArch64 CPUs (cortex-a57) reset into AArch64 EL1h; the others into AArch32 SVC. */
    private readonly aarch64 = false) {
    this.timerDeadline = new Array(count).fill(-1);
    this.timerLines = new Array(count).fill(0);
    this.power = new Array(count).fill(PowerState.On);
  }

  get running(): number { return this.loaded; }

  private base(cpu: number): number { return cpu === this.loaded ? STATE : this.core.cpuSlotBase(cpu) >>> 0; }
  private view(): DataView { return new DataView(this.core.memory.buffer); }
  peek32(cpu: number, off: number): number { return this.view().getUint32(this.base(cpu) + off, true); }
  poke32(cpu: number, off: number, v: number): void { this.view().setUint32(this.base(cpu) + off, v >>> 0, true); }
  private pokeF64(cpu: number, off: number, v: number): void { this.view().setFloat64(this.base(cpu) + off, v, true); }
  private peekF64(cpu: number, off: number): number { return this.view().getFloat64(this.base(cpu) + off, true); }

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
      this.cpuReset();
      this.poke32(i, S_CPU_INDEX, i);
      this.pokeF64(i, S_NS_PER_INSN, nsPerInsn);
      this.pokeF64(i, S_TIME_BASE_NS, 0);
      this.timerDeadline[i] = -1;
      this.timerLines[i] = 0;
    }
  }

  private cpuReset(): void {
    this.core.cpuReset();
    if (this.aarch64) this.core.cpuEnterAArch64();
  }

  /** Architectural reset of one CPU (PSCI CPU_ON); its instruction count carries on. */
  private resetOne(cpu: number, nsPerInsn: number): void {
    this.switchTo(cpu);
    const ic = this.core.getIcount();
    this.cpuReset();
    this.core.setIcountF(ic);
    this.poke32(cpu, S_CPU_INDEX, cpu);
    this.pokeF64(cpu, S_NS_PER_INSN, nsPerInsn);
    this.pokeF64(cpu, S_TIME_BASE_NS, 0);
    this.timerDeadline[cpu] = -1;
    // timerLines stays: the next updateTimer() sees the reset timer's outputs change and lowers them.
  }

  // ---- power states (PSCI) ----

  powerState(cpu: number): PowerState { return this.power[cpu]; }

  /** At (re)boot: every CPU on, or (PSCI boards: secondaries start powered off) only CPU 0. */
  resetPower(secondariesOff: boolean): void {
    this.pendingOn.length = 0;
    for (let i = 0; i < this.count; i++) {
      const on = i === 0 || !secondariesOff;
      this.power[i] = on ? PowerState.On : PowerState.Off;
      if (!on) this.poke32(i, S_HALTED, 1);
    }
  }

  /** Set a CPU's power state as a snapshot records it (an Off CPU also stops waiting for anything). */
  setPowerState(cpu: number, state: PowerState): void {
    this.power[cpu] = state;
    if (state !== PowerState.On) this.poke32(cpu, S_HALTED, 1);
  }

  /** CPU_ON accepted: the target is on-pending until startPending() runs (between slices). */
  requestOn(cpu: number, entry: bigint | number, contextId: bigint | number): void {
    this.power[cpu] = PowerState.OnPending;
    const lo = (v: bigint | number) => Number(BigInt.asUintN(32, BigInt(v)));
    const hi = (v: bigint | number) => Number(BigInt.asUintN(32, BigInt(v) >> 32n));
    this.pendingOn.push({ cpu, entry: lo(entry), contextId: lo(contextId), entryHi: hi(entry), contextIdHi: hi(contextId) });
  }

  /** The CPU is powered off: it executes nothing more until a CPU_ON. */
  powerOff(cpu: number): void {
    this.power[cpu] = PowerState.Off;
    this.poke32(cpu, S_HALTED, 1);
  }

  /** The CPU waits for an interrupt as after WFI (PSCI CPU_SUSPEND standby). */
  standby(cpu: number): void { this.poke32(cpu, S_HALTED, 1); }

  /**
   * Start the CPUs CPU_ON asked for, as QEMU's arm_set_cpu_on does for a target at EL1: CPU
   * reset (AArch32: SVC mode, A/I/F masked, PC = entry with bit 0 selecting Thumb; AArch64:
   * EL1h, DAIF masked, PC = entry), MMU and caches off, r0/x0 = context id. Returns whether
   * any started; the running CPU may change.
   */
  startPending(nsPerInsn: number): boolean {
    if (this.pendingOn.length === 0) return false;
    const todo = this.pendingOn.splice(0);
    for (const { cpu, entry, contextId, entryHi = 0, contextIdHi = 0 } of todo) {
      if (this.power[cpu] !== PowerState.OnPending) continue;
      this.resetOne(cpu, nsPerInsn);
      if (this.aarch64) {
        // An AArch64 CPU starts at EL1h: X0 = context id, PC = entry (QEMU arm_set_cpu_on).
        this.core.setX(0, contextId, contextIdHi);
        this.core.setPC64Parts(entry, entryHi);
        this.power[cpu] = PowerState.On;
        continue;
      }
      this.core.setReg(0, contextId);
      this.core.setReg(15, entry & ~1);
      if (entry & 1) this.core.setCpsr(this.core.getCpsr() | 0x20);
      this.power[cpu] = PowerState.On;
    }
    return true;
  }

  /** Interrupt inputs of a CPU from the interrupt controller (bit 0 IRQ, bit 1 FIQ). */
  setIrqLines(cpu: number, irq: boolean, fiq: boolean): void {
    const old = this.peek32(cpu, S_IRQ_LINES);
    this.poke32(cpu, S_IRQ_LINES, (old & ~3) | (irq ? 1 : 0) | (fiq ? 2 : 0));
  }

  irqLines(cpu: number): number { return this.peek32(cpu, S_IRQ_LINES); }
  halted(cpu: number): boolean { return this.peek32(cpu, S_HALTED) !== 0; }

  /** SEV from `from`: set the event register of the others and wake those waiting in WFE (not WFI). */
  signalEvent(from: number): void {
    for (let i = 0; i < this.count; i++) {
      if (i === from) continue;
      this.poke32(i, S_EVENT, 1);
      if (this.peek32(i, S_HALTED) === HALT_WFE) this.poke32(i, S_HALTED, 0);
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
   * Running CPU: recompute its generic timer outputs, run a PMU overflow check that is due, and
   * note its next deadline; returns the output bits (bit 0 NS physical, bit 1 virtual, LINE_PMU)
   * and whether they changed since the last call.
   */
  updateTimer(): { lines: number; changed: boolean } {
    const cpu = this.loaded;
    this.core.timerUpdateLines();
    this.core.pmuPoll();
    const lines = this.peek32(cpu, S_TIMER_LINES) & (3 | LINE_PMU);
    const timer = this.core.timerNextDeadlineNs(), pmu = this.peekF64(cpu, S_PMU_DUE_NS);
    this.timerDeadline[cpu] = pmu > 0 && (timer < 0 || pmu < timer) ? pmu : timer;
    const changed = lines !== this.timerLines[cpu];
    this.timerLines[cpu] = lines;
    return { lines, changed };
  }

  /** Running CPU: instructions until its next INST_RETIRED overflow check (Infinity: none). */
  pmuInsnsLeft(): number {
    const v = this.view(), a = STATE + S_PMU_DUE_INSNS;
    const due = v.getUint32(a, true) + v.getUint32(a + 4, true) * 2 ** 32;
    return due === 0 ? Infinity : due - this.core.getIcount();
  }

  /** Whether a CPU has work: not sleeping, an interrupt line up, or its timer due by `nowNs`. */
  runnable(cpu: number, nowNs: number): boolean {
    if (this.power[cpu] !== PowerState.On) return false;
    if (!this.halted(cpu) || (this.irqLines(cpu) & 0xf) !== 0) return true;
    const d = this.timerDeadline[cpu];
    return d >= 0 && d <= nowNs;
  }
}
