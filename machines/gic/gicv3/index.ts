// GICv3 as QEMU 7.2's arm_gicv3 (TCG) models it on the virt board without security: the
// distributor (64 KiB), one redistributor per CPU (RD_base + SGI_base), the CPU interfaces as
// system registers (reached through the core's gicSysreg import), LPIs from the property and
// pending tables in guest RAM, SPI and per-CPU PPI input lines, per-CPU IRQ/FIQ outputs, and the
// `arm_gicv3` migration section. It is the target the ITS (its.ts) drives (GicV3LpiTarget).
import type { MmioDevice } from "../../devices/device.js";
import type { GuestRam } from "../../devices/virtio/guest-ram.js";
import type { DeviceVmstate } from "../../snapshot/section.js";
import type { GicV3LpiTarget } from "./lpi-target.js";
import {
  type GicV3State, GIC_INTERNAL, GIC_NR_SGIS, GICV3_MAXIRQ, GICD_CTLR_DS, newGicV3State, resetGicV3State, bmpSet, bmpTest,
} from "./state.js";
import { type Hppi, computeHppi, noHppi, outputLines } from "./update.js";
import { distRead, distWrite, type DistContext } from "./distributor.js";
import { redistRead, redistWrite, REDIST_STRIDE, type RedistContext } from "./redistributor.js";
import { cpuifRead, cpuifWrite, acceptSgi, type CpuifContext } from "./cpu-interface.js";
import { lpiPending, moveAllLpis, moveLpi, processLpi, rescanLpis, type LpiContext } from "./lpi.js";
import { ARM_GICV3_DECL, normaliseStaged } from "./vmstate.js";

export { REDIST_STRIDE } from "./redistributor.js";
export type { GicV3LpiTarget } from "./lpi-target.js";

export interface GicV3Options {
  numCpus: number;
  /** Interrupt IDs including the 32 SGIs/PPIs (virt: 288). */
  numIrqs: number;
  /** LPIs are supported (virt with an ITS): GICD_TYPER.LPIS, GICR_TYPER.PLPIS, GICR_CTLR.CES. */
  lpis: boolean;
  /** Guest RAM for the LPI tables. */
  ram?: GuestRam;
  /** Affinity (Aff3.Aff2.Aff1.Aff0 as 32 bits) of each CPU; default QEMU virt's: Aff0 = n % 16, Aff1 = n / 16. */
  affinity?: (cpu: number) => number;
  /** Called for a CPU whenever its IRQ or FIQ output changes (and for every CPU on reset). */
  outputs: (cpu: number, irq: boolean, fiq: boolean) => void;
}

export class GicV3 implements CpuifContext, DistContext, RedistContext, LpiContext, GicV3LpiTarget {
  readonly s: GicV3State;
  readonly numIrq: number;
  readonly lpis: boolean;
  readonly ram: GuestRam | undefined;
  readonly hppi: Hppi[];
  readonly hpplpi: Hppi[];
  readonly spiTarget = new Int16Array(GICV3_MAXIRQ).fill(-1);
  readonly affinity: number[];
  readonly distributor: MmioDevice;
  readonly redistributors: MmioDevice;
  readonly vmstate: DeviceVmstate;
  private readonly lines: Uint8Array;
  private readonly reported: Uint8Array;
  private readonly outputs: GicV3Options["outputs"];

  constructor(opts: GicV3Options) {
    if (opts.numIrqs % 32 !== 0 || opts.numIrqs < 64 || opts.numIrqs > GICV3_MAXIRQ + 4) throw new RangeError(`GICv3: ${opts.numIrqs} interrupts`);
    this.numIrq = opts.numIrqs;
    this.lpis = opts.lpis;
    this.ram = opts.ram;
    this.outputs = opts.outputs;
    this.s = newGicV3State(opts.numCpus);
    const aff = opts.affinity ?? ((n: number) => (Math.floor(n / 16) << 8) | (n % 16));
    this.affinity = Array.from({ length: opts.numCpus }, (_, i) => aff(i) >>> 0);
    this.hppi = Array.from({ length: opts.numCpus }, noHppi);
    this.hpplpi = Array.from({ length: opts.numCpus }, noHppi);
    this.lines = new Uint8Array(opts.numCpus);
    this.reported = new Uint8Array(opts.numCpus);
    this.distributor = {
      kind: "arm_gicv3.dist",
      read: (off, size) => distRead(this, off, size),
      write: (off, size, v) => distWrite(this, off, size, v),
      reset: () => this.reset(),
    };
    this.redistributors = {
      kind: "arm_gicv3.redist",
      read: (off, size) => redistRead(this, off, size),
      write: (off, size, v) => redistWrite(this, off, size, v),
      reset: () => this.reset(),
    };
    this.vmstate = {
      decl: ARM_GICV3_DECL,
      state: this.s,
      check: (staged, report) => normaliseStaged(staged, report),
      postLoad: () => this.afterLoad(),
    };
    this.reset();
  }

  get redistributorCount(): number { return this.s.cpu.length; }
  /** Bytes of the redistributor region (one RD_base + SGI_base pair per CPU). */
  get redistSize(): number { return this.s.cpu.length * REDIST_STRIDE; }

  reset(): void {
    resetGicV3State(this.s, this.lpis);
    for (const h of this.hpplpi) Object.assign(h, noHppi());
    this.routeAll();
    this.update(true);
  }

  // ---- input lines ----

  /**
   * SPI `id` (32..numIrqs-1) changes level; a rising edge latches an edge-triggered one. Only a
   * change of the recorded level is an edge, so a device restating its line after a load (the
   * level came in the stream) latches nothing.
   */
  setSpi(id: number, level: boolean): void {
    if (id < GIC_INTERNAL || id >= this.numIrq) throw new RangeError(`GICv3: SPI ${id} out of range 32..${this.numIrq - 1}`);
    const rising = level && !bmpTest(this.s.level, id);
    bmpSet(this.s.level, id, level);
    if (rising && bmpTest(this.s.edge_trigger, id)) bmpSet(this.s.pending, id, true);
    this.update();
  }

  /** PPI `id` (16..31) of one CPU changes level (timers, PMU). */
  setPpi(cpu: number, id: number, level: boolean): void {
    if (id < GIC_NR_SGIS || id >= GIC_INTERNAL) throw new RangeError(`GICv3: PPI ${id} out of range 16..31`);
    const cs = this.s.cpu[cpu];
    if (!cs) throw new RangeError(`GICv3: CPU ${cpu} out of range`);
    const bit = 1 << id;
    const rising = level && (cs.level & bit) === 0;
    cs.level = (level ? cs.level | bit : cs.level & ~bit) >>> 0;
    if (rising && (cs.edge_trigger & bit)) cs.gicr_ipendr0 = (cs.gicr_ipendr0 | bit) >>> 0;
    this.update();
  }

  // ---- CPU interface (the core's gicSysreg import) ----

  sysreg(cpu: number, reg: number, isWrite: boolean, lo: number, hi: number): number {
    if (isWrite) { cpuifWrite(this, cpu, reg, lo, hi); return 0; }
    return cpuifRead(this, cpu, reg) >>> 0;
  }

  sendSgi(cpu: number, grp: number, irq: number): void {
    if (!acceptSgi(this, cpu, grp, irq)) return;
    const cs = this.s.cpu[cpu];
    cs.gicr_ipendr0 = (cs.gicr_ipendr0 | (1 << irq)) >>> 0;
  }

  // ---- LPIs (GicV3LpiTarget) ----

  processLpi(cpu: number, intid: number, level: boolean): void { processLpi(this, cpu, intid, level); }
  moveLpi(fromCpu: number, toCpu: number, intid: number): void { moveLpi(this, fromCpu, toCpu, intid); }
  moveAllLpis(fromCpu: number, toCpu: number): void { moveAllLpis(this, fromCpu, toCpu); }
  /** Re-read the tables of one redistributor (the ITS's INV/INVALL, gicv3_redist_update_lpi). */
  updateLpis(cpu: number): void { rescanLpis(this, cpu); this.update(); }
  cpuForRdbase(rd: number): number | undefined { return Number.isInteger(rd) && rd >= 0 && rd < this.s.cpu.length ? rd : undefined; }
  lpiPending(cpu: number, irq: number, level: boolean): void { lpiPending(this, cpu, irq, level); }
  lpisEnabled(cpu: number): void { rescanLpis(this, cpu); }

  // ---- derived state ----

  gicrTyper(cpu: number): bigint {
    const last = cpu === this.s.cpu.length - 1 ? 1 << 4 : 0;
    return (BigInt(this.affinity[cpu]) << 32n) | BigInt(((1 << 24) | (cpu << 8) | last | (this.lpis ? 1 : 0)) >>> 0);
  }

  /** SPI routing by IROUTER affinity (gicv3_cache_target_cpustate): IRM is stored but, as in QEMU, not used. */
  routeSpi(irq: number): void {
    const r = this.s.gicd_irouter[irq];
    const aff = (Number(r & 0xffffffn) | (Number((r >> 32n) & 0xffn) << 24)) >>> 0;
    this.spiTarget[irq] = this.affinity.indexOf(aff);
  }

  private routeAll(): void {
    for (let irq = GIC_INTERNAL; irq < this.numIrq; irq++) this.routeSpi(irq);
  }

  /** Recompute every CPU's highest-priority pending interrupt and drive the changed outputs. */
  update(force = false): void {
    for (let cpu = 0; cpu < this.s.cpu.length; cpu++) {
      computeHppi(this, cpu, this.hppi[cpu]);
      const l = outputLines(this.s.cpu[cpu], this.hppi[cpu]);
      this.lines[cpu] = l;
      if (force || l !== this.reported[cpu]) {
        this.reported[cpu] = l;
        this.outputs(cpu, (l & 1) !== 0, (l & 2) !== 0);
      }
    }
  }

  /** Output levels of one CPU (bit 0 IRQ, bit 1 FIQ). */
  lineState(cpu: number): number { return this.lines[cpu]; }

  /** After a load: routes, cached LPIs and outputs come from the loaded state. */
  afterLoad(): void {
    this.s.gicd_ctlr |= GICD_CTLR_DS; // this model has no security: DS stays RAO
    this.routeAll();
    for (let cpu = 0; cpu < this.s.cpu.length; cpu++) {
      Object.assign(this.hpplpi[cpu], noHppi());
      rescanLpis(this, cpu);
    }
    this.update(true);
  }
}
