// GICv2 distributor registers (GICD_*), byte-granular as QEMU 7.2's arm_gic.c models them:
// wider accesses are composed of byte accesses, except the 32-bit GICD_SGIR write.
// `secure` is the security state of the access; without the security extensions every
// access behaves as Secure. Non-secure accesses to Group 0 interrupts read as zero and
// ignore writes.
import {
  type GicState, ALL_CPU_MASK, GIC_INTERNAL, GIC_NCPU, GIC_NR_SGIS, GICD_CTLR_EN_GRP0, GICD_CTLR_EN_GRP1,
} from "../gic-state.js";
import type { GicContext } from "./update.js";

/** Distributor register offsets (GIC architecture spec v2, table 4-1). */
export const GICD = {
  CTLR: 0x000, TYPER: 0x004, IIDR: 0x008, IGROUPR: 0x080, ISENABLER: 0x100, ICENABLER: 0x180,
  ISPENDR: 0x200, ICPENDR: 0x280, ISACTIVER: 0x300, ICACTIVER: 0x380, IPRIORITYR: 0x400,
  ITARGETSR: 0x800, ICFGR: 0xc00, SGIR: 0xf00, CPENDSGIR: 0xf10, SPENDSGIR: 0xf20,
  PIDR4: 0xfd0, PIDR0: 0xfe0, CIDR0: 0xff0,
} as const;

/** Identification registers 0xfd0..0xffc (one byte per word), as QEMU's GICv2. */
const GICV2_IDS = [0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
/** GICD_IIDR: ARM's JEP106 code 0x43b, revision/variant 0. */
const IIDR = 0x0000043b;

/** Non-secure access to a GIC with security extensions that must not see Group 0 irq. */
function nsHidden(s: GicState, secure: boolean, irq: number, cpu: number): boolean {
  return s.securityExtn && !secure && (s.group[irq] & (1 << cpu)) === 0;
}

function readPriority(s: GicState, irq: number, cpu: number, secure: boolean): number {
  let prio = s.getPriority(irq, cpu);
  if (s.securityExtn && !secure) {
    if (!s.testGroup(irq, cpu)) return 0;
    prio = (prio << 1) & 0xff; // Non-secure view of a Group 1 priority
  }
  return prio;
}

export function writePriority(s: GicState, irq: number, cpu: number, val: number, secure: boolean): void {
  if (s.securityExtn && !secure) {
    if (!s.testGroup(irq, cpu)) return;
    val = 0x80 | (val >> 1);
  }
  s.setPriority(irq, cpu, val & 0xff);
}

/** Eight per-interrupt bits starting at `irq` for this CPU (banked for irq < 32). */
function bits8(s: GicState, a: Uint8Array, irq: number, cpu: number, secure: boolean, allForSpi: boolean): number {
  const cm = 1 << cpu;
  const mask = allForSpi && irq >= GIC_INTERNAL ? ALL_CPU_MASK : cm;
  let res = 0;
  for (let i = 0; i < 8; i++) {
    if (nsHidden(s, secure, irq + i, cpu)) continue;
    if (a[irq + i] & mask) res |= 1 << i;
  }
  return res;
}

function readByte(s: GicState, off: number, cpu: number, secure: boolean): number {
  const cm = 1 << cpu;
  if (off < 0x100) {
    if (off === 0) return s.securityExtn && !secure ? (s.ctlr >> 1) & 1 : s.ctlr;
    if (off === 4) return ((s.numIrq / 32) - 1) | ((s.numCpu - 1) << 5);
    if (off === 5) return s.securityExtn ? 1 << 2 : 0;
    if (off >= 8 && off < 0x0c) return (IIDR >>> (8 * (off - 8))) & 0xff;
    if (off < 0x0c) return 0;
    if (off < 0x80) return 0; // reserved
    if (s.securityExtn && !secure) return 0; // IGROUPR: RAZ/WI for Non-secure
    const irq = (off - 0x80) * 8;
    if (irq >= s.numIrq) return 0;
    let res = 0;
    for (let i = 0; i < 8; i++) if (s.group[irq + i] & cm) res |= 1 << i;
    return res;
  }
  if (off < 0x200) {
    const irq = ((off - 0x100) & 0x7f) * 8;
    return irq < s.numIrq ? bits8(s, s.enabled, irq, cpu, secure, false) : 0;
  }
  if (off < 0x300) {
    const irq = ((off - 0x200) & 0x7f) * 8;
    if (irq >= s.numIrq) return 0;
    const mask = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
    let res = 0;
    for (let i = 0; i < 8; i++) {
      if (nsHidden(s, secure, irq + i, cpu)) continue;
      if (s.testPending(irq + i, mask)) res |= 1 << i;
    }
    return res;
  }
  if (off < 0x400) {
    const irq = ((off - 0x300) & 0x7f) * 8;
    return irq < s.numIrq ? bits8(s, s.active, irq, cpu, secure, true) : 0;
  }
  if (off < 0x800) {
    const irq = off - 0x400;
    return irq < s.numIrq ? readPriority(s, irq, cpu, secure) : 0;
  }
  if (off < 0xc00) {
    if (s.numCpu === 1) return 0; // uniprocessor GICs: RAZ/WI
    const irq = off - 0x800;
    if (irq >= s.numIrq) return 0;
    return irq < GIC_INTERNAL ? cm : s.irqTarget[irq];
  }
  if (off < 0xf00) {
    const irq = (off - 0xc00) * 4;
    if (irq >= s.numIrq) return 0;
    let res = 0;
    for (let i = 0; i < 4; i++) {
      if (nsHidden(s, secure, irq + i, cpu)) continue;
      if (s.model[irq + i]) res |= 1 << (i * 2);
      if (s.edgeTrigger[irq + i]) res |= 2 << (i * 2);
    }
    return res;
  }
  if (off < 0xf10) return 0;
  if (off < 0xf30) {
    const irq = (off - 0xf10) & 0xf;
    return nsHidden(s, secure, irq, cpu) ? 0 : s.sgiPending[irq * GIC_NCPU + cpu];
  }
  if (off < 0xfd0) return 0;
  return off & 3 ? 0 : GICV2_IDS[(off - 0xfd0) >> 2];
}

/** Returns true if the GIC outputs need recomputing. */
function writeByte(s: GicState, off: number, value: number, cpu: number, secure: boolean): boolean {
  const cm = 1 << cpu;
  if (off < 0x100) {
    if (off === 0) {
      if (s.securityExtn && !secure) s.ctlr = (s.ctlr & ~GICD_CTLR_EN_GRP1) | ((value & 1) << 1);
      else s.ctlr = value & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1); // GICv2 always has groups
      return true;
    }
    if (off < 0x80) return off < 4;
    if (s.securityExtn && !secure) return true;
    const irq = (off - 0x80) * 8;
    if (irq >= s.numIrq) return false;
    const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
    for (let i = 0; i < 8; i++) {
      if (value & (1 << i)) s.group[irq + i] |= bank;
      else s.group[irq + i] &= ~bank;
    }
    return true;
  }
  if (off < 0x400) {
    const base = off & ~0x7f; // ISENABLER, ICENABLER, ISPENDR, ICPENDR, ISACTIVER, ICACTIVER
    const irq = (off - base) * 8;
    if (irq >= s.numIrq) return false;
    if (irq < GIC_NR_SGIS && base <= 0x280) {
      // SGIs are always enabled and their pending state goes through SPENDSGIR/CPENDSGIR
      value = base === 0x100 ? 0xff : 0;
    }
    const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
    for (let i = 0; i < 8; i++) {
      if (!(value & (1 << i)) || nsHidden(s, secure, irq + i, cpu)) continue;
      const n = irq + i;
      switch (base) {
        case 0x100: s.enabled[n] |= bank; break;
        case 0x180: s.enabled[n] &= ~bank; break;
        case 0x200: s.pending[n] |= irq < GIC_INTERNAL ? cm : s.irqTarget[n]; break;
        case 0x280: s.pending[n] = 0; break; // QEMU clears every CPU's latch, even for PPIs
        case 0x300: s.active[n] |= bank; break;
        case 0x380: s.active[n] &= ~bank; break;
      }
    }
    return true;
  }
  if (off < 0x800) {
    const irq = off - 0x400;
    if (irq >= s.numIrq) return false;
    writePriority(s, irq, cpu, value, secure);
    return true;
  }
  if (off < 0xc00) {
    if (s.numCpu === 1) return true;
    const irq = off - 0x800;
    if (irq >= s.numIrq) return false;
    s.irqTarget[irq] = (irq < GIC_INTERNAL ? ALL_CPU_MASK : value) & ALL_CPU_MASK;
    return true;
  }
  if (off < 0xf00) {
    const irq = (off - 0xc00) * 4;
    if (irq >= s.numIrq) return false;
    if (irq < GIC_NR_SGIS) value |= 0xaa; // SGIs are edge-triggered
    for (let i = 0; i < 4; i++) {
      if (nsHidden(s, secure, irq + i, cpu)) continue;
      s.edgeTrigger[irq + i] = value & (2 << (i * 2)) ? 1 : 0;
    }
    return true;
  }
  if (off < 0xf10) return false; // GICD_SGIR only as a 32-bit write
  if (off < 0xf30) {
    const irq = (off - 0xf10) & 0xf;
    if (nsHidden(s, secure, irq, cpu)) return true;
    const k = irq * GIC_NCPU + cpu;
    if (off < 0xf20) {
      s.sgiPending[k] &= ~value;
      if (s.sgiPending[k] === 0) s.pending[irq] &= ~cm;
    } else {
      s.pending[irq] |= cm;
      s.sgiPending[k] |= value;
    }
    return true;
  }
  return false;
}

/** GICD_SGIR: TargetListFilter 0 = list, 1 = all but self, 2 = self; 3 (reserved) = all. */
function writeSgir(s: GicState, value: number, cpu: number): void {
  const irq = value & 0xf;
  let mask: number;
  switch ((value >>> 24) & 3) {
    case 0: mask = (value >>> 16) & ALL_CPU_MASK; break;
    case 1: mask = ALL_CPU_MASK ^ (1 << cpu); break;
    case 2: mask = 1 << cpu; break;
    default: mask = ALL_CPU_MASK; break;
  }
  s.pending[irq] |= mask;
  for (let t = 0; t < GIC_NCPU; t++) if (mask & (1 << t)) s.sgiPending[irq * GIC_NCPU + t] |= 1 << cpu;
}

export function distRead(g: GicContext, off: number, size: number, cpu: number, secure: boolean): number {
  off &= 0xfff;
  let v = 0;
  for (let i = 0; i < size; i++) v |= readByte(g.s, off + i, cpu, secure) << (8 * i);
  return v >>> 0;
}

export function distWrite(g: GicContext, off: number, size: number, value: number, cpu: number, secure: boolean): void {
  off &= 0xfff;
  if (size === 4 && off === GICD.SGIR) {
    writeSgir(g.s, value >>> 0, cpu);
    g.update();
    return;
  }
  for (let i = 0; i < size; i++) {
    if (writeByte(g.s, off + i, (value >>> (8 * i)) & 0xff, cpu, secure)) g.update();
  }
}
