// GICv2 CPU interface registers (GICC_*), banked by the accessing CPU, and the interrupt
// life cycle they drive: acknowledge (IAR) activates and raises the running priority to the
// interrupt's group priority, EOIR drops it again (and deactivates unless EOImode splits
// that into a GICC_DIR write). Behaviour and UNPREDICTABLE-case choices follow QEMU 7.2.
import {
  type GicState, GIC_MAXIRQ, GIC_NCPU, GIC_NR_APRS, GIC_NR_SGIS, GIC_INTERNAL, ALL_CPU_MASK, GIC_MIN_BPR,
  GIC_MIN_ABPR, GICC_CTLR_ACK_CTL, GICC_CTLR_CBPR, GICC_CTLR_EN_GRP1, GICC_CTLR_EOIMODE, GICC_CTLR_EOIMODE_NS,
  GICC_CTLR_V2_MASK, GICC_CTLR_V2_S_MASK, IDLE_PRIORITY, SPURIOUS,
} from "../gic-state.js";
import type { GicContext } from "./update.js";

export const GICC = {
  CTLR: 0x00, PMR: 0x04, BPR: 0x08, IAR: 0x0c, EOIR: 0x10, RPR: 0x14, HPPIR: 0x18, ABPR: 0x1c,
  AIAR: 0x20, AEOIR: 0x24, AHPPIR: 0x28, APR0: 0xd0, NSAPR0: 0xe0, IIDR: 0xfc, DIR: 0x1000,
} as const;

/** GICC_IIDR as QEMU reports it for its revision-2 "arm_gic": architecture 2, implementer ARM. */
export const GICC_IIDR_VALUE = (2 << 16) | 0x43b;

/** A Non-secure access to a GIC with the security extensions. */
function nsAccess(s: GicState, secure: boolean): boolean {
  return s.securityExtn && !secure;
}

/** IAR/HPPIR view of current_pending: 1023 for a hidden Group 0, 1022 for Group 1 without AckCtl. */
function currentPendingIrq(s: GicState, cpu: number, secure: boolean): number {
  const irq = s.currentPending[cpu];
  if (irq < GIC_MAXIRQ) {
    const group1 = s.testGroup(irq, cpu);
    const sec = !nsAccess(s, secure);
    if (!group1 && !sec) return 1023;
    if (group1 && sec && !(s.cpuCtlr[cpu] & GICC_CTLR_ACK_CTL)) return 1022;
  }
  return irq;
}

/** The priority bits that count for preemption (the binary point's group priority). */
function groupPriority(s: GicState, cpu: number, irq: number): number {
  const bpr = !(s.cpuCtlr[cpu] & GICC_CTLR_CBPR) && s.testGroup(irq, cpu) ? s.abpr[cpu] - 1 : s.bpr[cpu];
  return s.getPriority(irq, cpu) & (~0 << ((bpr & 7) + 1)) & 0xff;
}

function clearPending(s: GicState, irq: number, cpu: number): void {
  s.pending[irq] &= ~(s.model[irq] ? ALL_CPU_MASK : 1 << cpu);
}

function clearActive(s: GicState, irq: number, cpu: number): void {
  s.active[irq] &= ~(irq < GIC_INTERNAL ? 1 << cpu : ALL_CPU_MASK);
}

/** Running priority from the lowest set bit in the active-priority registers. */
export function prioFromApr(s: GicState, cpu: number): number {
  for (let i = 0; i < GIC_NR_APRS; i++) {
    const apr = (s.apr[i * GIC_NCPU + cpu] | s.nsapr[i * GIC_NCPU + cpu]) >>> 0;
    if (apr) return (i * 32 + ctz32(apr)) << (GIC_MIN_BPR + 1);
  }
  return IDLE_PRIORITY;
}

function ctz32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

export function acknowledge(g: GicContext, cpu: number, secure: boolean): number {
  const s = g.s;
  const irq = currentPendingIrq(s, cpu, secure);
  if (irq >= GIC_MAXIRQ) return irq;
  if (s.getPriority(irq, cpu) >= s.runningPriority[cpu]) return SPURIOUS;
  // activate: set the APR bit of the preemption level, raise the running priority
  const prio = groupPriority(s, cpu, irq);
  const level = prio >> (GIC_MIN_BPR + 1);
  const k = (level >> 5) * GIC_NCPU + cpu;
  if (s.testGroup(irq, cpu)) s.nsapr[k] |= 1 << (level & 31);
  else s.apr[k] |= 1 << (level & 31);
  s.runningPriority[cpu] = prio;
  s.active[irq] |= 1 << cpu;
  let ret = irq;
  if (irq < GIC_NR_SGIS) {
    // one source at a time, lowest-numbered CPU first; the SGI stays pending while others remain
    const k2 = irq * GIC_NCPU + cpu;
    const src = ctz32(s.sgiPending[k2]);
    if (src >= 0) {
      s.sgiPending[k2] &= ~(1 << src);
      ret = irq | ((src & 7) << 10);
    }
    if (s.sgiPending[k2] === 0) clearPending(s, irq, cpu);
  } else {
    clearPending(s, irq, cpu); // a level interrupt whose line is still high stays pending
  }
  g.update();
  return ret;
}

function eoiSplit(s: GicState, cpu: number, secure: boolean): boolean {
  return (s.cpuCtlr[cpu] & (nsAccess(s, secure) ? GICC_CTLR_EOIMODE_NS : GICC_CTLR_EOIMODE)) !== 0;
}

/** Priority drop of the highest active priority of the group (EOIR). */
function dropPriority(s: GicState, cpu: number, group1: boolean): void {
  const a = group1 ? s.nsapr : s.apr;
  for (let i = 0; i < GIC_NR_APRS; i++) {
    const k = i * GIC_NCPU + cpu;
    if (!a[k]) continue;
    a[k] &= a[k] - 1;
    break;
  }
  s.runningPriority[cpu] = prioFromApr(s, cpu);
}

export function endOfInterrupt(g: GicContext, cpu: number, irq: number, secure: boolean): void {
  const s = g.s;
  if (irq >= s.numIrq) return; // spurious IDs and non-existent interrupts are ignored
  if (s.runningPriority[cpu] === IDLE_PRIORITY) return;
  const group1 = s.testGroup(irq, cpu);
  if (nsAccess(s, secure) && !group1) return;
  // A Secure EOI of a Group 1 interrupt with AckCtl=0 is UNPREDICTABLE: completed anyway.
  dropPriority(s, cpu, group1);
  if (!eoiSplit(s, cpu, secure)) clearActive(s, irq, cpu);
  g.update();
}

function deactivate(s: GicState, cpu: number, irq: number, secure: boolean): void {
  if (irq >= s.numIrq) return;
  if (!eoiSplit(s, cpu, secure)) return; // UNPREDICTABLE without EOImode: ignored
  if (nsAccess(s, secure) && !s.testGroup(irq, cpu)) return;
  clearActive(s, irq, cpu);
}

/** Non-secure view of GICC_APRn: the upper half of the NSAPRs (GIC_MIN_BPR 0). */
function aprNsIndex(regno: number): number {
  return regno < 2 ? regno + 2 : -1;
}

export function cpuRead(g: GicContext, off: number, cpu: number, secure: boolean): number {
  const s = g.s;
  const ns = nsAccess(s, secure);
  switch (off) {
    case GICC.CTLR: {
      const v = s.cpuCtlr[cpu];
      return ns ? (v & (GICC_CTLR_EN_GRP1 | GICC_CTLR_EOIMODE_NS)) >>> 1 : v;
    }
    case GICC.PMR: {
      const p = s.priorityMask[cpu];
      if (!ns) return p;
      return p & 0x80 ? (p << 1) & 0xff : 0;
    }
    case GICC.BPR:
      if (!ns) return s.bpr[cpu];
      return s.cpuCtlr[cpu] & GICC_CTLR_CBPR ? Math.min(s.bpr[cpu] + 1, 7) : s.abpr[cpu];
    case GICC.IAR: return acknowledge(g, cpu, secure);
    case GICC.RPR: {
      const rp = s.runningPriority[cpu];
      if (rp > 0xff) return 0xff;
      if (!ns) return rp;
      return rp & 0x80 ? (rp << 1) & 0xff : 0;
    }
    case GICC.HPPIR: return currentPendingIrq(s, cpu, secure);
    case GICC.ABPR: return ns ? 0 : s.abpr[cpu];
    case 0xd0: case 0xd4: case 0xd8: case 0xdc: {
      const regno = (off - 0xd0) >> 2;
      if (!ns) return s.apr[regno * GIC_NCPU + cpu] >>> 0;
      const n = aprNsIndex(regno);
      return n < 0 ? 0 : s.nsapr[n * GIC_NCPU + cpu] >>> 0;
    }
    case 0xe0: case 0xe4: case 0xe8: case 0xec:
      return ns ? 0 : s.nsapr[((off - 0xe0) >> 2) * GIC_NCPU + cpu] >>> 0;
    case GICC.IIDR: return GICC_IIDR_VALUE;
    default: return 0; // includes AIAR/AEOIR/AHPPIR, which QEMU 7.2 does not implement
  }
}

export function cpuWrite(g: GicContext, off: number, value: number, cpu: number, secure: boolean): void {
  const s = g.s;
  const ns = nsAccess(s, secure);
  value >>>= 0;
  switch (off) {
    case GICC.CTLR:
      if (ns) {
        const mask = GICC_CTLR_EN_GRP1 | GICC_CTLR_EOIMODE_NS;
        s.cpuCtlr[cpu] = (s.cpuCtlr[cpu] & ~mask) | ((value << 1) & mask);
      } else {
        s.cpuCtlr[cpu] = value & (s.securityExtn ? GICC_CTLR_V2_S_MASK : GICC_CTLR_V2_MASK);
      }
      break;
    case GICC.PMR: {
      let pmask = value & 0xff;
      if (ns) {
        if (!(s.priorityMask[cpu] & 0x80)) return; // NS write ignored while the mask is in the lower half
        pmask = 0x80 | (pmask >> 1);
      }
      s.priorityMask[cpu] = pmask;
      break;
    }
    case GICC.BPR:
      if (ns) {
        if (s.cpuCtlr[cpu] & GICC_CTLR_CBPR) return;
        s.abpr[cpu] = Math.max(value & 7, GIC_MIN_ABPR);
      } else {
        s.bpr[cpu] = Math.max(value & 7, GIC_MIN_BPR);
      }
      break;
    case GICC.EOIR:
      endOfInterrupt(g, cpu, value & 0x3ff, secure);
      return;
    case GICC.ABPR:
      if (ns) return;
      s.abpr[cpu] = Math.max(value & 7, GIC_MIN_ABPR);
      break;
    case 0xd0: case 0xd4: case 0xd8: case 0xdc: {
      const regno = (off - 0xd0) >> 2;
      if (ns) {
        const n = aprNsIndex(regno);
        if (n >= 0) s.nsapr[n * GIC_NCPU + cpu] = value;
      } else {
        s.apr[regno * GIC_NCPU + cpu] = value;
      }
      s.runningPriority[cpu] = prioFromApr(s, cpu);
      break;
    }
    case 0xe0: case 0xe4: case 0xe8: case 0xec:
      if (ns) return;
      s.nsapr[((off - 0xe0) >> 2) * GIC_NCPU + cpu] = value;
      s.runningPriority[cpu] = prioFromApr(s, cpu);
      break;
    case GICC.DIR:
      deactivate(s, cpu, value & 0x3ff, secure);
      break;
    default:
      return; // read-only or unimplemented: ignored, no update
  }
  g.update();
}
