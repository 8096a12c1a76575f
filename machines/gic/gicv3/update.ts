// Which interrupt each CPU interface sees as highest-priority pending (QEMU 7.2's hppi, from
// gicv3_update / gicv3_redist_update), and whether it may signal it as IRQ or FIQ
// (icc_hppi_can_preempt, gicv3_cpuif_update). Everything is recomputed from the state on each
// change: the lowest priority value wins, then the lowest INTID, as QEMU's irqbetter ends up.
import {
  type GicV3State, type GicV3CpuState, G0, G1, G1NS, BMP_WORDS, GIC_INTERNAL, INTID_SPURIOUS, NUM_APRS, MIN_BPR,
  GICD_CTLR_EN_GRP0, GICD_CTLR_EN_GRP1NS, GICD_CTLR_EN_GRP1S, GICD_CTLR_DS, GICR_CTLR_ENABLE_LPIS, ICC_CTLR_CBPR,
  BANK_NS, BANK_S, LPI_INTID_START, bmpTest,
} from "./state.js";

export interface Hppi { irq: number; prio: number; grp: number }

export const noHppi = (): Hppi => ({ irq: INTID_SPURIOUS, prio: 0xff, grp: G1NS });

/** What update needs besides the state: the configuration and the derived caches. */
export interface GicV3Core {
  readonly s: GicV3State;
  readonly numIrq: number;
  readonly lpis: boolean;
  /** Per CPU: the highest-priority pending interrupt. */
  readonly hppi: Hppi[];
  /** Per CPU: the highest-priority pending LPI (cached from the tables in RAM, lpi.ts). */
  readonly hpplpi: Hppi[];
  /** CPU index each SPI is routed to by its IROUTER affinity, -1 for none. */
  readonly spiTarget: Int16Array;
  /** Affinity of each CPU as GICR_TYPER[63:32] shows it (Aff3.Aff2.Aff1.Aff0). */
  readonly affinity: number[];
  /** Recompute every CPU's hppi and drive IRQ/FIQ. */
  update(): void;
}

/** Group of an interrupt (gicv3_irq_group); with DS=1 IGRPMODR is ignored: G1NS or G0. */
export function irqGroup(g: GicV3Core, cpu: number, irq: number): number {
  if (irq >= LPI_INTID_START) return G1NS;
  const s = g.s;
  let grp: boolean, mod: boolean;
  if (irq < GIC_INTERNAL) {
    const cs = s.cpu[cpu];
    grp = ((cs.gicr_igroupr0 >>> irq) & 1) !== 0;
    mod = ((cs.gicr_igrpmodr0 >>> irq) & 1) !== 0;
  } else {
    grp = bmpTest(s.group, irq);
    mod = bmpTest(s.grpmod, irq);
  }
  if (grp) return G1NS;
  if (s.gicd_ctlr & GICD_CTLR_DS) return G0;
  return mod ? G1 : G0;
}

/** Interrupts of a 32-bit group that the distributor's group enables let through (gicd_int_pending). */
function groupMask(ctlr: number, group: number, grpmod: number): number {
  if (ctlr & GICD_CTLR_DS) grpmod = 0;
  let m = 0;
  if (ctlr & GICD_CTLR_EN_GRP1NS) m |= group;
  if (ctlr & GICD_CTLR_EN_GRP1S) m |= ~group & grpmod;
  if (ctlr & GICD_CTLR_EN_GRP0) m |= ~group & ~grpmod;
  return m;
}

/** SGIs/PPIs pending for the CPU interface: latch or level (level-triggered), enabled, not active. */
export function redistPending(cs: GicV3CpuState): number {
  return (cs.gicr_ipendr0 | (~cs.edge_trigger & cs.level)) & cs.gicr_ienabler0 & ~cs.gicr_iactiver0;
}

export function computeHppi(g: GicV3Core, cpu: number, out: Hppi): void {
  out.irq = INTID_SPURIOUS; out.prio = 0xff; out.grp = G1NS;
  const s = g.s;
  const ctlr = s.gicd_ctlr;
  if (!(ctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1NS | GICD_CTLR_EN_GRP1S))) return;
  const cs = s.cpu[cpu];
  const take = (irq: number, prio: number): void => {
    if (prio < out.prio || (prio === out.prio && irq < out.irq)) { out.irq = irq; out.prio = prio; }
  };
  let pend = redistPending(cs) & groupMask(ctlr, cs.gicr_igroupr0, cs.gicr_igrpmodr0);
  while (pend) {
    const i = 31 - Math.clz32(pend & -pend);
    pend &= pend - 1;
    take(i, cs.gicr_ipriorityr[i]);
  }
  const words = Math.min(BMP_WORDS, g.numIrq >>> 5);
  for (let w = 1; w < words; w++) {
    let p = (s.pending[w] | (~s.edge_trigger[w] & s.level[w])) & s.enabled[w] & ~s.active[w];
    if (!p) continue;
    p &= groupMask(ctlr, s.group[w], s.grpmod[w]);
    while (p) {
      const b = 31 - Math.clz32(p & -p);
      p &= p - 1;
      const irq = w * 32 + b;
      if (g.spiTarget[irq] === cpu) take(irq, s.gicd_ipriority[irq]);
    }
  }
  const lpi = g.hpplpi[cpu];
  if (g.lpis && (cs.gicr_ctlr & GICR_CTLR_ENABLE_LPIS) && (ctlr & GICD_CTLR_EN_GRP1NS) && lpi.prio !== 0xff) take(lpi.irq, lpi.prio);
  if (out.prio !== 0xff) out.grp = irqGroup(g, cpu, out.irq);
}

/** Highest active priority from the active-priority registers, 0xff when idle (icc_highest_active_prio). */
export function highestActivePrio(cs: GicV3CpuState): number {
  for (let i = 0; i < NUM_APRS; i++) {
    const apr = (cs.icc_apr[G0 * 4 + i] | cs.icc_apr[G1 * 4 + i] | cs.icc_apr[G1NS * 4 + i]) >>> 0;
    if (!apr) continue;
    return (i * 32 + (31 - Math.clz32(apr & -apr))) << (MIN_BPR + 1);
  }
  return 0xff;
}

/** Group priority mask for preemption (icc_gprio_mask). */
export function gprioMask(cs: GicV3CpuState, group: number): number {
  if ((group === G1 && (cs.icc_ctlr_el1[BANK_S] & ICC_CTLR_CBPR)) || (group === G1NS && (cs.icc_ctlr_el1[BANK_NS] & ICC_CTLR_CBPR))) group = G0;
  let bpr = cs.icc_bpr[group] & 7;
  if (group === G1NS) bpr--;
  return (~0 << (bpr + 1)) >>> 0;
}

/** The hppi is enabled, unmasked and of a group priority that preempts the running one. */
export function canPreempt(cs: GicV3CpuState, h: Hppi): boolean {
  if (h.prio === 0xff || cs.icc_igrpen[h.grp] === 0) return false;
  if (h.prio >= cs.icc_pmr_el1) return false;
  const rprio = highestActivePrio(cs);
  if (rprio === 0xff) return true;
  const mask = gprioMask(cs, h.grp);
  return ((h.prio & mask) >>> 0) < ((rprio & mask) >>> 0);
}

/** IRQ (bit 0) / FIQ (bit 1) for a CPU in Non-secure state (no EL3): group 0 is FIQ, group 1 IRQ. */
export function outputLines(cs: GicV3CpuState, h: Hppi): number {
  if (!canPreempt(cs, h)) return 0;
  return h.grp === G0 ? 2 : 1;
}
