// The GICv3 distributor's register window (64 KiB) as QEMU 7.2's arm_gicv3_dist implements it
// for a GIC without security (GICD_CTLR.DS = 1) and with affinity routing always on: the
// registers for interrupts 0..31 are RAZ/WI (the redistributors hold them), GICD_SGIR is ignored,
// IGRPMODR and NSACR are RAZ/WI, reserved and unimplemented registers (SETSPI/CLRSPI: GICD_TYPER
// .MBIS = 0) are RAZ/WI. IPRIORITYR takes byte and word accesses, everything else word ones (64-bit
// IROUTER as two halves); other sizes are RAZ/WI.
import {
  GIC_INTERNAL, GICD_CTLR_EN_GRP0, GICD_CTLR_EN_GRP1NS, BANK_NS, bmpSet,
} from "./state.js";
import { type GicV3Core } from "./update.js";
import { GICV3_IIDR, gicdTyper, idRegs } from "./registers.js";
import { halfShuffle, halfUnshuffle, half64, deposit64 } from "./bits.js";

export interface DistContext extends GicV3Core {
  /** Recompute where one SPI is routed after its IROUTER changed. */
  routeSpi(irq: number): void;
}

const ID_VALUES = new Map(idRegs("GICD", 0x92).map((d) => [d.offset, d.reset!]));

/** 32 interrupts of a bitmap register at offset `off` from its base: the first ID, or -1 outside the implemented ones. */
function bitmapIrq(g: GicV3Core, off: number): number {
  const irq = (off >>> 2) * 32;
  return irq < GIC_INTERNAL || irq >= g.numIrq ? -1 : irq;
}

function pendingWord(g: GicV3Core, w: number): number {
  const s = g.s;
  return (s.pending[w] | (s.level[w] & ~s.edge_trigger[w])) >>> 0;
}

export function distRead(g: DistContext, off: number, size: number): number {
  const s = g.s;
  if (off >= 0x400 && off < 0x800) {
    if (size === 2) return 0; // QEMU: byte and word accesses only
    const irq = off - 0x400;
    let v = 0;
    for (let i = 0; i < size; i++) {
      const n = irq + i;
      if (n >= GIC_INTERNAL && n < g.numIrq) v |= s.gicd_ipriority[n] << (8 * i);
    }
    return v >>> 0;
  }
  if (size !== 4) return 0;
  if (off >= 0x6000 && off < 0x8000) {
    const irq = (off - 0x6000) >>> 3;
    if (irq < GIC_INTERNAL || irq >= g.numIrq) return 0;
    return half64(s.gicd_irouter[irq], off & 4);
  }
  const bank = off & 0x7f;
  switch (off & ~0x7f) {
    case 0x000:
      switch (off) {
        case 0x000: return s.gicd_ctlr;
        case 0x004: return gicdTyper(g.numIrq, g.lpis);
        case 0x008: return GICV3_IIDR;
        case 0x010: return s.gicd_statusr[BANK_NS];
        default: return 0;
      }
    case 0x080: case 0x100: case 0x180: case 0x200: case 0x280: case 0x300: case 0x380: {
      const irq = bitmapIrq(g, bank);
      if (irq < 0) return 0;
      const w = irq >>> 5;
      switch (off & ~0x7f) {
        case 0x080: return s.group[w];
        case 0x100: case 0x180: return s.enabled[w];
        case 0x200: case 0x280: return pendingWord(g, w);
        default: return s.active[w];
      }
    }
    case 0xc00: case 0xc80: {
      const irq = ((off - 0xc00) >>> 2) * 16;
      if (irq < GIC_INTERNAL || irq >= g.numIrq) return 0;
      return (halfShuffle(s.edge_trigger[irq >>> 5] >>> (irq & 16)) << 1) >>> 0;
    }
    default:
      return ID_VALUES.get(off) ?? 0;
  }
}

export function distWrite(g: DistContext, off: number, size: number, v: number): void {
  const s = g.s;
  v >>>= 0;
  if (off >= 0x400 && off < 0x800) {
    if (size === 2) return;
    for (let i = 0; i < size; i++) {
      const n = off - 0x400 + i;
      if (n >= GIC_INTERNAL && n < g.numIrq) s.gicd_ipriority[n] = (v >>> (8 * i)) & 0xff;
    }
    g.update();
    return;
  }
  if (size !== 4) return;
  if (off >= 0x6000 && off < 0x8000) {
    const irq = (off - 0x6000) >>> 3;
    if (irq < GIC_INTERNAL || irq >= g.numIrq) return;
    s.gicd_irouter[irq] = deposit64(s.gicd_irouter[irq], off & 4, v);
    g.routeSpi(irq);
    g.update();
    return;
  }
  const kind = off & ~0x7f;
  switch (kind) {
    case 0x000:
      if (off === 0x000) {
        const mask = GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1NS; // DS = 1: ARE and DS RAO/WI
        s.gicd_ctlr = ((s.gicd_ctlr & ~mask) | (v & mask)) >>> 0;
      } else if (off === 0x010) {
        s.gicd_statusr[BANK_NS] &= ~v; // a guest write clears the bits written as 1
        return;
      } else {
        return;
      }
      break;
    case 0x080: case 0x100: case 0x180: case 0x200: case 0x280: case 0x300: case 0x380: {
      const irq = bitmapIrq(g, off & 0x7f);
      if (irq < 0) return;
      const w = irq >>> 5;
      const arr = kind === 0x080 ? s.group : kind <= 0x180 ? s.enabled : kind <= 0x280 ? s.pending : s.active;
      if (kind === 0x080) arr[w] = v;
      else if (kind === 0x100 || kind === 0x200 || kind === 0x300) arr[w] |= v;
      else arr[w] &= ~v;
      break;
    }
    case 0xc00: case 0xc80: {
      const irq = ((off - 0xc00) >>> 2) * 16;
      if (irq < GIC_INTERNAL || irq >= g.numIrq) return;
      const edges = halfUnshuffle(v >>> 1);
      for (let i = 0; i < 16; i++) bmpSet(s.edge_trigger, irq + i, ((edges >>> i) & 1) !== 0);
      break;
    }
    default:
      return;
  }
  g.update();
}
