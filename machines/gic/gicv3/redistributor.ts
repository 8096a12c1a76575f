// The redistributors' register windows (one 128 KiB pair of frames per CPU: RD_base, then
// SGI_base at +64 KiB) as QEMU 7.2's arm_gicv3_redist implements them without security:
// IGRPMODR0 and NSACR RAZ/WI, GICR_CTLR.EnableLPIs the only writable control bit (CES reads 1
// when LPIs are supported), WAKER.ChildrenAsleep following ProcessorSleep at once,
// PROPBASER/PENDBASER stored as written, SETLPIR/CLRLPIR/INVLPIR/INVALLR/SYNCR RAZ/WI
// (DirectLPI = 0). IPRIORITYR takes byte and word accesses, the rest word ones; other sizes are RAZ/WI.
import {
  BANK_NS, GICR_CTLR_ENABLE_LPIS, GICR_WAKER_CHILDREN_ASLEEP, GICR_WAKER_PROCESSOR_SLEEP,
} from "./state.js";
import { type GicV3Core } from "./update.js";
import { GICV3_IIDR, idRegs } from "./registers.js";
import { halfShuffle, halfUnshuffle, half64, deposit64 } from "./bits.js";

export const REDIST_STRIDE = 0x20000;
const SGI_FRAME = 0x10000;

export interface RedistContext extends GicV3Core {
  /** GICR_TYPER of a CPU's redistributor (affinity, processor number, Last, PLPIS). */
  gicrTyper(cpu: number): bigint;
  /** EnableLPIs went from 0 to 1: scan the pending table (lpi.ts). */
  lpisEnabled(cpu: number): void;
}

const ID_VALUES = new Map(idRegs("GICR", 0x93).map((d) => [d.offset, d.reset!]));

function rdRead(g: RedistContext, cpu: number, off: number): number {
  const cs = g.s.cpu[cpu];
  switch (off) {
    case 0x0000: return cs.gicr_ctlr;
    case 0x0004: return GICV3_IIDR;
    case 0x0008: case 0x000c: return half64(g.gicrTyper(cpu), off & 4);
    case 0x0010: return cs.gicr_statusr[BANK_NS];
    case 0x0014: return cs.gicr_waker;
    case 0x0070: case 0x0074: return half64(cs.gicr_propbaser, off & 4);
    case 0x0078: case 0x007c: return half64(cs.gicr_pendbaser, off & 4);
    default: return ID_VALUES.get(off) ?? 0;
  }
}

function rdWrite(g: RedistContext, cpu: number, off: number, v: number): void {
  const cs = g.s.cpu[cpu];
  switch (off) {
    case 0x0000:
      if (!g.lpis) return;
      if (v & GICR_CTLR_ENABLE_LPIS) {
        cs.gicr_ctlr |= GICR_CTLR_ENABLE_LPIS;
        g.lpisEnabled(cpu);
      } else {
        cs.gicr_ctlr &= ~GICR_CTLR_ENABLE_LPIS;
      }
      break;
    case 0x0010: cs.gicr_statusr[BANK_NS] &= ~v; return; // a guest write clears the bits written as 1
    case 0x0014:
      cs.gicr_waker = v & GICR_WAKER_PROCESSOR_SLEEP ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
      return;
    case 0x0070: case 0x0074: cs.gicr_propbaser = deposit64(cs.gicr_propbaser, off & 4, v); return;
    case 0x0078: case 0x007c: cs.gicr_pendbaser = deposit64(cs.gicr_pendbaser, off & 4, v); return;
    default: return;
  }
  g.update();
}

function sgiRead(g: RedistContext, cpu: number, off: number, size: number): number {
  const cs = g.s.cpu[cpu];
  if (off >= 0x400 && off < 0x420) {
    if (size === 2) return 0; // QEMU: byte and word accesses only
    let v = 0;
    for (let i = 0; i < size && off - 0x400 + i < 32; i++) v |= cs.gicr_ipriorityr[off - 0x400 + i] << (8 * i);
    return v >>> 0;
  }
  if (size !== 4) return 0;
  switch (off) {
    case 0x080: return cs.gicr_igroupr0;
    case 0x100: case 0x180: return cs.gicr_ienabler0;
    case 0x200: case 0x280: return (cs.gicr_ipendr0 | (~cs.edge_trigger & cs.level)) >>> 0;
    case 0x300: case 0x380: return cs.gicr_iactiver0;
    case 0xc00: return (halfShuffle(cs.edge_trigger & 0xffff) << 1) >>> 0;
    case 0xc04: return (halfShuffle(cs.edge_trigger >>> 16) << 1) >>> 0;
    default: return 0;
  }
}

function sgiWrite(g: RedistContext, cpu: number, off: number, size: number, v: number): void {
  const cs = g.s.cpu[cpu];
  if (off >= 0x400 && off < 0x420) {
    if (size === 2) return;
    for (let i = 0; i < size && off - 0x400 + i < 32; i++) cs.gicr_ipriorityr[off - 0x400 + i] = (v >>> (8 * i)) & 0xff;
    g.update();
    return;
  }
  if (size !== 4) return;
  switch (off) {
    case 0x080: cs.gicr_igroupr0 = v; break;
    case 0x100: cs.gicr_ienabler0 = (cs.gicr_ienabler0 | v) >>> 0; break;
    case 0x180: cs.gicr_ienabler0 = (cs.gicr_ienabler0 & ~v) >>> 0; break;
    case 0x200: cs.gicr_ipendr0 = (cs.gicr_ipendr0 | v) >>> 0; break;
    case 0x280: cs.gicr_ipendr0 = (cs.gicr_ipendr0 & ~v) >>> 0; break;
    case 0x300: cs.gicr_iactiver0 = (cs.gicr_iactiver0 | v) >>> 0; break;
    case 0x380: cs.gicr_iactiver0 = (cs.gicr_iactiver0 & ~v) >>> 0; break;
    case 0xc04: cs.edge_trigger = ((cs.edge_trigger & 0xffff) | (halfUnshuffle(v >>> 1) << 16)) >>> 0; break;
    default: return; // ICFGR0 read-only; IGRPMODR0, NSACR RAZ/WI
  }
  g.update();
}

/** Read at `off` from the start of the redistributor region. */
export function redistRead(g: RedistContext, off: number, size: number): number {
  const cpu = Math.floor(off / REDIST_STRIDE);
  if (cpu >= g.s.cpu.length) return 0;
  const f = off % REDIST_STRIDE;
  if (f >= SGI_FRAME) return sgiRead(g, cpu, f - SGI_FRAME, size);
  return size === 4 ? rdRead(g, cpu, f) : 0;
}

export function redistWrite(g: RedistContext, off: number, size: number, v: number): void {
  const cpu = Math.floor(off / REDIST_STRIDE);
  if (cpu >= g.s.cpu.length) return;
  const f = off % REDIST_STRIDE;
  if (f >= SGI_FRAME) sgiWrite(g, cpu, f - SGI_FRAME, size, v >>> 0);
  else if (size === 4) rdWrite(g, cpu, f, v >>> 0);
}
