// The GICv3 CPU interface as QEMU 7.2's arm_gicv3_cpuif implements it for a CPU without EL2 and
// EL3 in Non-secure state with GICD_CTLR.DS = 1: the Non-secure banks of ICC_CTLR_EL1, BPR1,
// IGRPEN1 and AP1R, group 0 signalled as FIQ and Non-secure group 1 as IRQ. The core forwards
// each ICC register access here by its number (core/sysregs/defs/gicv3-cpuif.ts).
import { ICC } from "../../../core/sysregs/defs/gicv3-cpuif.js";
import {
  G0, G1, G1NS, BANK_NS, GIC_INTERNAL, INTID_SPURIOUS, LPI_INTID_START, MIN_BPR, MIN_BPR_NS, NUM_APRS, PREBITS,
  ICC_CTLR_CBPR, ICC_CTLR_EOIMODE, GICD_CTLR_DS, bmpSet,
} from "./state.js";
import { type GicV3Core, type Hppi, canPreempt, gprioMask, highestActivePrio, irqGroup } from "./update.js";

/** What the CPU interface needs of the GIC besides update.ts's core: LPI pending changes and SGIs. */
export interface CpuifContext extends GicV3Core {
  lpiPending(cpu: number, irq: number, level: boolean): void;
  sendSgi(cpu: number, grp: number, irq: number): void;
}

const PRIO_MASK = (~0 << (8 - 5)) >>> 0; // icc_fullprio_mask for 5 priority bits, as QEMU keeps 32 bits

function hppir0(h: Hppi): number {
  if (h.prio === 0xff || h.grp !== G0) return INTID_SPURIOUS;
  return h.irq;
}

function hppir1(h: Hppi): number {
  if (h.prio === 0xff || h.grp === G0) return INTID_SPURIOUS;
  return h.irq;
}

const isSpecial = (intid: number): boolean => intid >= 1020 && intid <= 1023;

/** Acknowledge: set the active priority bit, make the interrupt active and not pending (icc_activate_irq). */
function activate(g: CpuifContext, cpu: number, irq: number): void {
  const cs = g.s.cpu[cpu];
  const h = g.hppi[cpu];
  const prio = h.prio & gprioMask(cs, h.grp);
  const aprbit = prio >>> (8 - PREBITS);
  const i = h.grp * 4 + (aprbit >>> 5);
  cs.icc_apr[i] = (cs.icc_apr[i] | (1 << (aprbit & 31))) >>> 0;
  if (irq < GIC_INTERNAL) {
    cs.gicr_iactiver0 = (cs.gicr_iactiver0 | (1 << irq)) >>> 0;
    cs.gicr_ipendr0 = (cs.gicr_ipendr0 & ~(1 << irq)) >>> 0;
  } else if (irq < LPI_INTID_START) {
    bmpSet(g.s.active, irq, true);
    bmpSet(g.s.pending, irq, false);
  } else {
    g.lpiPending(cpu, irq, false);
  }
  g.update();
}

function acknowledge(g: CpuifContext, cpu: number, group0: boolean): number {
  const cs = g.s.cpu[cpu];
  const h = g.hppi[cpu];
  const intid = !canPreempt(cs, h) ? INTID_SPURIOUS : group0 ? hppir0(h) : hppir1(h);
  if (!isSpecial(intid)) activate(g, cpu, intid);
  return intid;
}

/** The group of the highest active priority (icc_highest_active_group), -1 when nothing is active. */
function highestActiveGroup(g: CpuifContext, cpu: number): number {
  const apr = g.s.cpu[cpu].icc_apr;
  const ctz = (v: number): number => (v === 0 ? 32 : 31 - Math.clz32(v & -v));
  for (let i = 0; i < 4; i++) {
    const g0 = ctz(apr[G0 * 4 + i]), g1 = ctz(apr[G1 * 4 + i]), g1ns = ctz(apr[G1NS * 4 + i]);
    if (g1ns < g0 && g1ns < g1) return G1NS;
    if (g1 < g0) return G1;
    if (g0 < 32) return G0;
  }
  return -1;
}

/** Clear the lowest set active-priority bit of a group (icc_drop_prio). */
function dropPriority(g: CpuifContext, cpu: number, grp: number): void {
  const apr = g.s.cpu[cpu].icc_apr;
  for (let i = 0; i < NUM_APRS; i++) {
    const v = apr[grp * 4 + i];
    if (!v) continue;
    apr[grp * 4 + i] = (v & (v - 1)) >>> 0;
    break;
  }
}

function deactivate(g: CpuifContext, cpu: number, irq: number): void {
  if (irq < GIC_INTERNAL) {
    const cs = g.s.cpu[cpu];
    cs.gicr_iactiver0 = (cs.gicr_iactiver0 & ~(1 << irq)) >>> 0;
  } else if (irq < g.numIrq) {
    bmpSet(g.s.active, irq, false);
  } // LPIs have no active state
}

const eoiSplit = (g: CpuifContext, cpu: number): boolean => (g.s.cpu[cpu].icc_ctlr_el1[BANK_NS] & ICC_CTLR_EOIMODE) !== 0;

function endOfInterrupt(g: CpuifContext, cpu: number, value: number, isEoir0: boolean): void {
  const irq = value & 0xffffff;
  if (irq >= g.numIrq && !(g.lpis && irq >= LPI_INTID_START)) return; // spurious or nonexistent: ignored
  const grp = highestActiveGroup(g, cpu);
  if (grp < 0 || (grp === G0) !== isEoir0) return;
  dropPriority(g, cpu, grp);
  if (!eoiSplit(g, cpu)) deactivate(g, cpu, irq);
  g.update();
}

/** Generate SGIs from an ICC_SGI*R write (icc_generate_sgi): by affinity and target list, or IRM = all but self. */
function generateSgi(g: CpuifContext, cpu: number, lo: number, hi: number, grp: number): void {
  const aff = (((hi >>> 16) & 0xff) << 16) | ((hi & 0xff) << 8) | ((lo >>> 16) & 0xff);
  const targets = lo & 0xffff;
  const irq = (lo >>> 24) & 0xf;
  const irm = ((hi >>> 8) & 1) !== 0;
  if (grp === G1 && (g.s.gicd_ctlr & GICD_CTLR_DS)) grp = G0;
  for (let i = 0; i < g.s.cpu.length; i++) {
    if (irm) {
      if (i === cpu) continue;
    } else {
      const a = g.affinity[i];
      if (a >>> 8 !== aff) continue;
      const aff0 = a & 0xff;
      if (aff0 > 15 || ((targets >>> aff0) & 1) === 0) continue;
    }
    g.sendSgi(i, grp, irq);
  }
}

/** A BPR write: raised to the minimum, then bits [2:0] kept (QEMU compares the whole 64-bit value). */
const bprValue = (lo: number, hi: number, min: number): number => (hi !== 0 || lo >>> 0 >= min ? lo & 7 : min);

export function cpuifRead(g: CpuifContext, cpu: number, reg: number): number {
  const cs = g.s.cpu[cpu];
  const h = g.hppi[cpu];
  switch (reg) {
    case ICC.ICC_PMR_EL1: return cs.icc_pmr_el1;
    case ICC.ICC_IAR0_EL1: return acknowledge(g, cpu, true);
    case ICC.ICC_IAR1_EL1: return acknowledge(g, cpu, false);
    case ICC.ICC_HPPIR0_EL1: return hppir0(h);
    case ICC.ICC_HPPIR1_EL1: return hppir1(h);
    case ICC.ICC_BPR0_EL1: return cs.icc_bpr[G0];
    case ICC.ICC_BPR1_EL1:
      // CBPR: BPR1 reads BPR0 + 1 (saturated)
      return cs.icc_ctlr_el1[BANK_NS] & ICC_CTLR_CBPR ? Math.min(cs.icc_bpr[G0] + 1, 7) : cs.icc_bpr[G1NS];
    case ICC.ICC_AP0R0_EL1: return cs.icc_apr[G0 * 4];
    case ICC.ICC_AP1R0_EL1: return cs.icc_apr[G1NS * 4];
    case ICC.ICC_RPR_EL1: return highestActivePrio(cs);
    case ICC.ICC_CTLR_EL1: return cs.icc_ctlr_el1[BANK_NS];
    case ICC.ICC_SRE_EL1: return 0x7; // SRE, DFB, DIB: RAO/WI (QEMU does not read its icc_sre_el1 field)
    case ICC.ICC_IGRPEN0_EL1: return cs.icc_igrpen[G0];
    case ICC.ICC_IGRPEN1_EL1: return cs.icc_igrpen[G1NS];
    default: return 0;
  }
}

export function cpuifWrite(g: CpuifContext, cpu: number, reg: number, lo: number, hi: number): void {
  const cs = g.s.cpu[cpu];
  switch (reg) {
    case ICC.ICC_PMR_EL1: cs.icc_pmr_el1 = (lo & PRIO_MASK) >>> 0; break;
    case ICC.ICC_EOIR0_EL1: endOfInterrupt(g, cpu, lo, true); return;
    case ICC.ICC_EOIR1_EL1: endOfInterrupt(g, cpu, lo, false); return;
    case ICC.ICC_DIR_EL1: {
      if (!eoiSplit(g, cpu)) return;
      deactivate(g, cpu, lo & 0xffffff);
      break;
    }
    case ICC.ICC_BPR0_EL1: cs.icc_bpr[G0] = bprValue(lo, hi, MIN_BPR); break;
    case ICC.ICC_BPR1_EL1:
      if (cs.icc_ctlr_el1[BANK_NS] & ICC_CTLR_CBPR) return; // WI
      cs.icc_bpr[G1NS] = bprValue(lo, hi, MIN_BPR_NS);
      break;
    case ICC.ICC_AP0R0_EL1: cs.icc_apr[G0 * 4] = lo >>> 0; break;
    case ICC.ICC_AP1R0_EL1: cs.icc_apr[G1NS * 4] = lo >>> 0; break;
    case ICC.ICC_CTLR_EL1: {
      const mask = ICC_CTLR_CBPR | ICC_CTLR_EOIMODE;
      cs.icc_ctlr_el1[BANK_NS] = ((cs.icc_ctlr_el1[BANK_NS] & ~mask) | (lo & mask)) >>> 0;
      break;
    }
    case ICC.ICC_SRE_EL1: return; // SRE, DFB, DIB are RAO/WI
    case ICC.ICC_IGRPEN0_EL1: cs.icc_igrpen[G0] = lo & 1; break;
    case ICC.ICC_IGRPEN1_EL1: cs.icc_igrpen[G1NS] = lo & 1; break;
    case ICC.ICC_SGI0R_EL1: generateSgi(g, cpu, lo, hi, G0); break;
    case ICC.ICC_SGI1R_EL1: generateSgi(g, cpu, lo, hi, G1NS); break;
    case ICC.ICC_ASGI1R_EL1: generateSgi(g, cpu, lo, hi, G1); break;
    default: return;
  }
  g.update();
}

/** QEMU's gicv3_redist_send_sgi for a GIC without security: the SGI's group must match. */
export function acceptSgi(g: GicV3Core, cpu: number, grp: number, irq: number): boolean {
  const irqgrp = irqGroup(g, cpu, irq);
  if (grp === G1 && irqgrp === G0) grp = G0;
  return grp === irqgrp;
}
