// GICv2 (the GIC-400 as QEMU 7.2's "arm_gic" revision 2 models it for vexpress-a15 and virt):
// one GicState, the distributor and CPU-interface register windows on it, input lines for
// SPIs and per-CPU PPIs, and per-CPU IRQ/FIQ outputs reported whenever they change.
import type { MmioDevice } from "../devices/device.js";
import { GicState, GIC_INTERNAL, GIC_NR_SGIS } from "./gic-state.js";
import { computeOutputs, setInputLevel, type GicContext } from "./gicv2/update.js";
import { distRead, distWrite } from "./gicv2/distributor.js";
import { cpuRead, cpuWrite } from "./gicv2/cpu-interface.js";

export interface GicV2Options {
  numCpus: number;
  numIrqs: number;
  securityExtensions: boolean;
  /** Called for a CPU whenever its IRQ or FIQ output changes (and for every CPU on reset). */
  outputs: (cpu: number, irq: boolean, fiq: boolean) => void;
  /**
   * Security state of an access by `cpu` (only consulted with the security extensions).
   * Default: Secure, as for the vexpress-a15 kernel, which never leaves Secure state.
   */
  isSecure?: (cpu: number) => boolean;
  /** Keep GICH/GICV state (for snapshots of a GIC with virtualization extensions). */
  virtExtensions?: boolean;
}

const ALWAYS_SECURE = (): boolean => true;

export class GicV2 implements GicContext {
  readonly s: GicState;
  readonly distributor: MmioDevice;
  readonly cpuInterface: MmioDevice;
  private readonly lines: Uint8Array;
  private readonly reported: Uint8Array;
  private readonly outputs: GicV2Options["outputs"];
  private readonly isSecure: (cpu: number) => boolean;

  constructor(opts: GicV2Options) {
    this.s = new GicState({
      numCpus: opts.numCpus, numIrqs: opts.numIrqs, securityExtensions: opts.securityExtensions,
      virtExtensions: opts.virtExtensions,
    });
    this.outputs = opts.outputs;
    this.isSecure = opts.isSecure ?? ALWAYS_SECURE;
    this.lines = new Uint8Array(this.s.numCpu);
    this.reported = new Uint8Array(this.s.numCpu);
    const gic = this;
    this.distributor = {
      kind: "arm_gic.dist",
      read: (off, size, cpu) => distRead(gic, off, size, this.cpuIndex(cpu), this.secure(cpu)),
      write: (off, size, v, cpu) => distWrite(gic, off, size, v, this.cpuIndex(cpu), this.secure(cpu)),
      reset: () => gic.reset(),
      saveState: () => gic.saveState(),
      loadState: (st) => gic.loadState(st),
    };
    this.cpuInterface = {
      kind: "arm_gic.cpu",
      read: (off, _size, cpu) => cpuRead(gic, off & 0x1fff, this.cpuIndex(cpu), this.secure(cpu)),
      write: (off, _size, v, cpu) => cpuWrite(gic, off & 0x1fff, v, this.cpuIndex(cpu), this.secure(cpu)),
      reset: () => gic.reset(),
      saveState: () => gic.saveState(),
      loadState: (st) => gic.loadState(st),
    };
    this.reset();
  }

  /** Uniprocessor GICs treat every access as CPU 0's (QEMU gic_get_current_cpu). */
  private cpuIndex(cpu: number): number {
    return this.s.numCpu > 1 ? cpu : 0;
  }

  private secure(cpu: number): boolean {
    return !this.s.securityExtn || this.isSecure(cpu);
  }

  /** Input line `id` (SPI: 32..numIrqs-1) changes level. */
  setSpi(id: number, level: boolean): void {
    if (id < GIC_INTERNAL || id >= this.s.numIrq) throw new RangeError(`GIC: SPI ${id} out of range 32..${this.s.numIrq - 1}`);
    if (setInputLevel(this.s, id, 0, level)) this.update();
  }

  /** Private peripheral interrupt `id` (16..31) of one CPU changes level (timers). */
  setPpi(cpu: number, id: number, level: boolean): void {
    if (id < GIC_NR_SGIS || id >= GIC_INTERNAL) throw new RangeError(`GIC: PPI ${id} out of range 16..31`);
    if (cpu < 0 || cpu >= this.s.numCpu) throw new RangeError(`GIC: CPU ${cpu} out of range`);
    if (setInputLevel(this.s, id, cpu, level)) this.update();
  }

  update(): void {
    computeOutputs(this.s, this.lines);
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) {
      if (this.lines[cpu] !== this.reported[cpu]) this.report(cpu);
    }
  }

  private report(cpu: number): void {
    const l = this.lines[cpu];
    this.reported[cpu] = l;
    this.outputs(cpu, (l & 1) !== 0, (l & 2) !== 0);
  }

  /** Current output levels of one CPU (bit0 IRQ, bit1 FIQ). */
  lineState(cpu: number): number {
    return this.lines[cpu];
  }

  reset(): void {
    this.s.reset();
    computeOutputs(this.s, this.lines);
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) this.report(cpu);
  }

  /** The `arm_gic` section (set once the GIC's declaration exists). */
  vmstate?: import("../snapshot/section.js").DeviceVmstate;

  saveState(): Record<string, unknown> {
    return this.s.save();
  }

  loadState(st: Record<string, unknown>): void {
    this.s.load(st);
    // current_pending and the output lines are derived state: recompute them
    computeOutputs(this.s, this.lines);
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) this.report(cpu);
  }
}
