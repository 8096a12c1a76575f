// LPIs as QEMU 7.2's arm_gicv3_redist keeps them: the pending state is the pending table in guest
// RAM (GICR_PENDBASER, one bit per INTID), priority and enable come from the property table
// (GICR_PROPBASER, one byte per LPI from INTID 8192), and each redistributor caches its
// highest-priority pending LPI (hpplpi), rescanning the whole pending table when EnableLPIs is
// set, when the cached LPI stops being pending, and on demand (the ITS's INV/INVALL).
import type { GuestRam } from "../../devices/virtio/guest-ram.js";
import { type GicV3State, type GicV3CpuState, GICD_CTLR_DS, GICR_CTLR_ENABLE_LPIS, G1NS, LPI_INTID_START } from "./state.js";
import type { Hppi } from "./update.js";

/** GICD_TYPER.IDbits: LPI INTIDs have at most 16 bits. */
const GICD_TYPER_IDBITS = 0xf;
const PROPBASER_PA = 0x000ffffffffff000n; // bits 51:12
const PENDBASER_PA = 0x000fffffffff0000n; // bits 51:16
const LPI_ENABLED = 1;
const LPI_PRIORITY_MASK = 0xfc;

export interface LpiContext {
  readonly s: GicV3State;
  readonly ram: GuestRam | undefined;
  readonly hpplpi: Hppi[];
  /** The cpu's hppi may have changed: recompute and drive the outputs. */
  update(): void;
}

const idBits = (cs: GicV3CpuState): number => Math.min(Number(cs.gicr_propbaser & 0x1fn), GICD_TYPER_IDBITS);

/** LPIs work on this redistributor: EnableLPIs set and both tables configured. */
function lpisUsable(cs: GicV3CpuState): boolean {
  return (cs.gicr_ctlr & GICR_CTLR_ENABLE_LPIS) !== 0 && cs.gicr_propbaser !== 0n && cs.gicr_pendbaser !== 0n;
}

const pendBase = (cs: GicV3CpuState): number => Number(cs.gicr_pendbaser & PENDBASER_PA);

function readByte(ram: GuestRam | undefined, pa: number): number {
  return ram?.read(pa, 1)?.[0] ?? 0;
}

/** Set or clear a pending-table bit; true when it changed (set_pending_table_bit). */
function setPendingBit(ram: GuestRam | undefined, base: number, irq: number, level: boolean): boolean {
  const pa = base + (irq >>> 3);
  const old = readByte(ram, pa);
  const bit = 1 << (irq & 7);
  const nv = level ? old | bit : old & ~bit;
  if (nv === old) return false;
  ram?.write(pa, Uint8Array.of(nv));
  return true;
}

/** Consider one pending LPI for the cached best (update_for_one_lpi). */
function considerLpi(ctx: LpiContext, cs: GicV3CpuState, irq: number, best: Hppi): void {
  const entry = readByte(ctx.ram, Number(cs.gicr_propbaser & PROPBASER_PA) + (irq - LPI_INTID_START));
  if (!(entry & LPI_ENABLED)) return;
  const prio = ctx.s.gicd_ctlr & GICD_CTLR_DS ? entry & LPI_PRIORITY_MASK : ((entry & LPI_PRIORITY_MASK) >>> 1) | 0x80;
  if (prio < best.prio || (prio === best.prio && irq <= best.irq)) {
    best.irq = irq; best.prio = prio; best.grp = G1NS;
  }
}

/** Rescan the pending table for the best pending LPI (gicv3_redist_update_lpi_only). */
export function rescanLpis(ctx: LpiContext, cpu: number): void {
  const cs = ctx.s.cpu[cpu];
  if (!lpisUsable(cs)) return;
  const best = ctx.hpplpi[cpu];
  best.prio = 0xff; best.irq = 1023; best.grp = G1NS;
  const size = 2 ** (idBits(cs) + 1);
  const base = pendBase(cs);
  const table = ctx.ram?.read(base + LPI_INTID_START / 8, Math.max(0, size / 8 - LPI_INTID_START / 8));
  if (!table) return;
  for (let i = 0; i < table.length; i++) {
    let pend = table[i];
    while (pend) {
      const bit = 31 - Math.clz32(pend & -pend);
      pend &= pend - 1;
      considerLpi(ctx, cs, LPI_INTID_START + i * 8 + bit, best);
    }
  }
}

/** An LPI becomes pending or not on a redistributor (gicv3_redist_lpi_pending). */
export function lpiPending(ctx: LpiContext, cpu: number, irq: number, level: boolean): void {
  const cs = ctx.s.cpu[cpu];
  if (!setPendingBit(ctx.ram, pendBase(cs), irq, level)) return;
  if (level) considerLpi(ctx, cs, irq, ctx.hpplpi[cpu]);
  else if (irq === ctx.hpplpi[cpu].irq) rescanLpis(ctx, cpu);
  ctx.update();
}

/** The ITS sets or clears an LPI (gicv3_redist_process_lpi): ignored unless LPIs work and the ID fits. */
export function processLpi(ctx: LpiContext, cpu: number, irq: number, level: boolean): void {
  const cs = ctx.s.cpu[cpu];
  if (!lpisUsable(cs) || irq >= 2 ** (idBits(cs) + 1)) return;
  lpiPending(ctx, cpu, irq, level);
}

/** MOVI: the LPI's pending state leaves `from` for `to` (gicv3_redist_mov_lpi). */
export function moveLpi(ctx: LpiContext, from: number, to: number, irq: number): void {
  const src = ctx.s.cpu[from];
  if (!lpisUsable(src) || irq >= 2 ** (idBits(src) + 1)) return;
  if (!setPendingBit(ctx.ram, pendBase(src), irq, false)) return;
  if (irq === ctx.hpplpi[from].irq) rescanLpis(ctx, from);
  lpiPending(ctx, to, irq, true);
  ctx.update();
}

/** MOVALL: every pending LPI of `from` becomes pending on `to` (gicv3_redist_movall_lpis). */
export function moveAllLpis(ctx: LpiContext, from: number, to: number): void {
  const src = ctx.s.cpu[from], dst = ctx.s.cpu[to];
  if (!lpisUsable(src) || !lpisUsable(dst)) return;
  const size = 2 ** (idBits(src) + 1);
  const first = LPI_INTID_START / 8, n = Math.max(0, size / 8 - first);
  const sb = ctx.ram?.read(pendBase(src) + first, n), db = ctx.ram?.read(pendBase(dst) + first, n);
  if (!sb || !db) return;
  for (let i = 0; i < n; i++) { db[i] |= sb[i]; sb[i] = 0; }
  ctx.ram?.write(pendBase(src) + first, sb);
  ctx.ram?.write(pendBase(dst) + first, db);
  rescanLpis(ctx, from);
  rescanLpis(ctx, to);
  ctx.update();
}
