// GICv2 (the GIC-400 as QEMU 7.2's "arm_gic" revision 2 models it for vexpress-a15 and virt):
// one GicState, the distributor and CPU-interface register windows on it, input lines for
// SPIs and per-CPU PPIs, per-CPU IRQ/FIQ outputs reported whenever they change, and the
// `arm_gic` migration section over the same state.
import type { MmioDevice } from "../devices/device.js";
import { GicState, GIC_INTERNAL, GIC_NR_SGIS } from "./gic-state.js";
import { computeOutputs, setInputLevel, type GicContext } from "./gicv2/update.js";
import { distRead, distWrite } from "./gicv2/distributor.js";
import { cpuRead, cpuWrite, prioFromApr } from "./gicv2/cpu-interface.js";
import { ReassertWindow } from "./gicv2/reassert.js";
import { ARM_GIC_DECL, armGicView } from "./gicv2-vmstate.js";
import { checkArmGicState } from "./gicv2-load-check.js";
import type { DeviceVmstate } from "../snapshot/section.js";

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
  /**
   * The GIC has the virtualization extensions as QEMU's does when its CPUs have EL2 (vexpress-a15):
   * GICH/GICV state is kept and travels in the snapshot, though not modelled.
   */
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
  /** The `arm_gic` section: QEMU's layout over this GIC's live state (gicv2-vmstate.ts). */
  readonly vmstate: DeviceVmstate;
  /** Lines set from the end of a load until endOfLoad restate the stream's levels (gicv2/reassert.ts). */
  private reasserting?: ReassertWindow;
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
    // a guest access means the load is over (if Machine did not say so: endOfLoad)
    this.distributor = {
      kind: "arm_gic.dist",
      read: (off, size, cpu) => (this.endOfLoad(), distRead(gic, off, size, this.cpuIndex(cpu), this.secure(cpu))),
      write: (off, size, v, cpu) => (this.endOfLoad(), distWrite(gic, off, size, v, this.cpuIndex(cpu), this.secure(cpu))),
      reset: () => gic.reset(),
    };
    this.cpuInterface = {
      kind: "arm_gic.cpu",
      read: (off, _size, cpu) => (this.endOfLoad(), cpuRead(gic, off & 0x1fff, this.cpuIndex(cpu), this.secure(cpu))),
      write: (off, _size, v, cpu) => (this.endOfLoad(), cpuWrite(gic, off & 0x1fff, v, this.cpuIndex(cpu), this.secure(cpu))),
      reset: () => gic.reset(),
    };
    this.vmstate = {
      decl: ARM_GIC_DECL,
      state: armGicView(this.s),
      check: (st, report) => checkArmGicState(st, this.s, report),
      postLoad: () => this.afterLoad(),
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
    if (this.setLine(id, 0, level)) this.update();
  }

  /** Private peripheral interrupt `id` (16..31) of one CPU changes level (timers). */
  setPpi(cpu: number, id: number, level: boolean): void {
    if (id < GIC_NR_SGIS || id >= GIC_INTERNAL) throw new RangeError(`GIC: PPI ${id} out of range 16..31`);
    if (cpu < 0 || cpu >= this.s.numCpu) throw new RangeError(`GIC: CPU ${cpu} out of range`);
    if (this.setLine(id, cpu, level)) this.update();
  }

  private setLine(id: number, cpu: number, level: boolean): boolean {
    return this.reasserting ? this.reasserting.setLine(this.s, id, cpu, level) : setInputLevel(this.s, id, cpu, level);
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
    this.reasserting = undefined;
    this.s.reset();
    computeOutputs(this.s, this.lines);
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) this.report(cpu);
  }

  /**
   * After a load nothing derived is trusted: the running priorities come from the active-priority
   * registers, current_pending from the interrupts' state, and every CPU's IRQ/FIQ is driven again.
   */
  afterLoad(): void {
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) this.s.runningPriority[cpu] = prioFromApr(this.s, cpu);
    computeOutputs(this.s, this.lines);
    for (let cpu = 0; cpu < this.s.numCpu; cpu++) this.report(cpu);
    this.reasserting = new ReassertWindow(this.s);
  }

  /** The devices have re-asserted their lines after a load: line changes are events again. */
  endOfLoad(): void {
    this.reasserting = undefined;
  }
}
