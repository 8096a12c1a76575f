// The GICv2 state every GIC behaviour shares (the TCG-style register model in gicv2/, and later
// the snapshot section and the KVM import), laid out like QEMU 7.2's GICState so that the
// `arm_gic` vmstate (../shared/spec/gic-vmstate.md) maps field by field. Arrays have QEMU's
// maximum sizes whatever numIrqs/numCpus are; per-interrupt bytes are CPU bitmasks.

export const GIC_MAXIRQ = 1020;
export const GIC_INTERNAL = 32;
export const GIC_NR_SGIS = 16;
export const GIC_NCPU = 8;
/** CPU-interface slots: 0..7 physical, 8..15 the virtual CPU interfaces (virtualization ext.). */
export const GIC_NCPU_VCPU = 16;
export const GIC_NR_APRS = 4;
export const GIC_MAX_LR = 64;
export const ALL_CPU_MASK = 0xff;
/** Smallest BPR (Secure / no security); ABPR's minimum is one more. */
export const GIC_MIN_BPR = 0;
export const GIC_MIN_ABPR = 1;
export const GIC_VIRT_MIN_BPR = 2;
export const GIC_VIRT_MIN_ABPR = 3;
/** Running priority of an idle CPU interface. */
export const IDLE_PRIORITY = 0x100;
export const SPURIOUS = 1023;

// GICD_CTLR / GICC_CTLR bits (GICC_CTLR is kept in its Secure-banked layout).
export const GICD_CTLR_EN_GRP0 = 1 << 0;
export const GICD_CTLR_EN_GRP1 = 1 << 1;
export const GICC_CTLR_EN_GRP0 = 1 << 0;
export const GICC_CTLR_EN_GRP1 = 1 << 1;
export const GICC_CTLR_ACK_CTL = 1 << 2;
export const GICC_CTLR_FIQ_EN = 1 << 3;
export const GICC_CTLR_CBPR = 1 << 4;
export const GICC_CTLR_EOIMODE = 1 << 9;
export const GICC_CTLR_EOIMODE_NS = 1 << 10;
/** Writable GICC_CTLR bits of a GICv2 without / with the security extensions. */
export const GICC_CTLR_V2_MASK = 0x21f;
export const GICC_CTLR_V2_S_MASK = 0x61f;

export interface GicConfig {
  numCpus: number;
  numIrqs: number;
  securityExtensions: boolean;
  /** GICH/GICV state present (vexpress-a15's A15 has EL2); only stored, not modelled yet. */
  virtExtensions?: boolean;
}

export class GicState {
  readonly numCpu: number;
  readonly numIrq: number;
  /** Architecture revision as QEMU's "revision" property: always 2 here. */
  readonly revision = 2;
  readonly securityExtn: boolean;
  readonly virtExtn: boolean;

  // ---- fields in `arm_gic` vmstate order ----
  ctlr = 0;
  cpuCtlr = new Uint32Array(GIC_NCPU_VCPU);
  // irq_state[GIC_MAXIRQ] split into one array per struct member
  enabled = new Uint8Array(GIC_MAXIRQ);
  pending = new Uint8Array(GIC_MAXIRQ);
  active = new Uint8Array(GIC_MAXIRQ);
  level = new Uint8Array(GIC_MAXIRQ);
  model = new Uint8Array(GIC_MAXIRQ);
  edgeTrigger = new Uint8Array(GIC_MAXIRQ);
  group = new Uint8Array(GIC_MAXIRQ);
  irqTarget = new Uint8Array(GIC_MAXIRQ);
  /** priority1[irq][cpu] for irq < 32: index irq * 8 + cpu. */
  priority1 = new Uint8Array(GIC_INTERNAL * GIC_NCPU);
  /** priority2[irq - 32] for SPIs. */
  priority2 = new Uint8Array(GIC_MAXIRQ - GIC_INTERNAL);
  /** sgi_pending[sgi][targetCpu]: bitmask of source CPUs; index sgi * 8 + cpu. */
  sgiPending = new Uint8Array(GIC_NR_SGIS * GIC_NCPU);
  priorityMask = new Uint16Array(GIC_NCPU_VCPU);
  runningPriority = new Uint16Array(GIC_NCPU_VCPU);
  currentPending = new Uint16Array(GIC_NCPU_VCPU);
  bpr = new Uint8Array(GIC_NCPU_VCPU);
  abpr = new Uint8Array(GIC_NCPU_VCPU);
  /** apr[n][cpu]: index n * 8 + cpu. */
  apr = new Uint32Array(GIC_NR_APRS * GIC_NCPU);
  nsapr = new Uint32Array(GIC_NR_APRS * GIC_NCPU);
  // ---- subsection arm_gic_virt_state ----
  hHcr = new Uint32Array(GIC_NCPU);
  hMisr = new Uint32Array(GIC_NCPU);
  /** h_lr[lr][cpu]: index lr * 8 + cpu. */
  hLr = new Uint32Array(GIC_MAX_LR * GIC_NCPU);
  hApr = new Uint32Array(GIC_NCPU);

  /** Set by the direct-boot code when a kernel starts Non-secure on a GIC with security ext. */
  irqResetNonsecure = false;

  constructor(cfg: GicConfig) {
    if (cfg.numCpus < 1 || cfg.numCpus > GIC_NCPU) throw new RangeError(`GIC: ${cfg.numCpus} CPUs (1..8)`);
    if (cfg.numIrqs < 32 || cfg.numIrqs > GIC_MAXIRQ || cfg.numIrqs % 32) {
      throw new RangeError(`GIC: ${cfg.numIrqs} interrupts (a multiple of 32, 32..1020)`);
    }
    this.numCpu = cfg.numCpus;
    this.numIrq = cfg.numIrqs;
    this.securityExtn = cfg.securityExtensions;
    this.virtExtn = cfg.virtExtensions ?? false;
    this.reset();
  }

  getPriority(irq: number, cpu: number): number {
    return irq < GIC_INTERNAL ? this.priority1[irq * GIC_NCPU + cpu] : this.priority2[irq - GIC_INTERNAL];
  }

  setPriority(irq: number, cpu: number, v: number): void {
    if (irq < GIC_INTERNAL) this.priority1[irq * GIC_NCPU + cpu] = v;
    else this.priority2[irq - GIC_INTERNAL] = v;
  }

  /** Pending as the CPU interface sees it: the latch, or a level-triggered line that is high. */
  testPending(irq: number, cm: number): boolean {
    return (this.pending[irq] & cm) !== 0 || (!this.edgeTrigger[irq] && (this.level[irq] & cm) !== 0);
  }

  /** Group 1 for this CPU (GICv2 always has interrupt groups). */
  testGroup(irq: number, cpu: number): boolean {
    return (this.group[irq] & (1 << cpu)) !== 0;
  }

  /**
   * Reset as QEMU's arm_gic_common reset: everything Group 0, disabled except SGIs, SGIs
   * edge-triggered, priorities 0 (0x80 when resetting for a Non-secure kernel), CPU
   * interfaces off. Like QEMU, the active-priority registers keep their contents.
   */
  reset(): void {
    const resetprio = this.securityExtn && this.irqResetNonsecure ? 0x80 : 0;
    for (const a of [this.enabled, this.pending, this.active, this.level, this.model, this.edgeTrigger, this.group]) a.fill(0);
    this.resetCpuInterfaces(0, resetprio);
    if (this.virtExtn) this.resetCpuInterfaces(GIC_NCPU, 0);
    for (let i = 0; i < GIC_NR_SGIS; i++) {
      this.enabled[i] = ALL_CPU_MASK;
      this.edgeTrigger[i] = 1;
    }
    this.priority2.fill(resetprio);
    this.irqTarget.fill(this.numCpu === 1 ? 1 : 0);
    if (this.securityExtn && this.irqResetNonsecure) this.group.fill(ALL_CPU_MASK);
    if (this.virtExtn) {
      this.hLr.fill(0);
      this.hHcr.fill(0);
      this.hMisr.fill(0);
    }
    this.ctlr = 0;
  }

  private resetCpuInterfaces(first: number, resetprio: number): void {
    for (let i = first; i < first + this.numCpu; i++) {
      const vcpu = i >= GIC_NCPU;
      this.priorityMask[i] = resetprio;
      this.currentPending[i] = SPURIOUS;
      this.runningPriority[i] = IDLE_PRIORITY;
      this.cpuCtlr[i] = 0;
      this.bpr[i] = vcpu ? GIC_VIRT_MIN_BPR : GIC_MIN_BPR;
      this.abpr[i] = vcpu ? GIC_VIRT_MIN_ABPR : GIC_MIN_ABPR;
      if (!vcpu) {
        for (let j = 0; j < GIC_INTERNAL; j++) this.priority1[j * GIC_NCPU + i] = resetprio;
        for (let j = 0; j < GIC_NR_SGIS; j++) this.sgiPending[j * GIC_NCPU + i] = 0;
      }
    }
  }
}
