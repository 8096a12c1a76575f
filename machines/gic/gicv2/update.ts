// Interrupt selection and the per-CPU IRQ/FIQ outputs of a GICv2 (QEMU 7.2 gic_update and
// gic_set_irq): for each CPU interface the highest-priority enabled, pending, inactive
// interrupt targeting it becomes current_pending if it beats the priority mask, and is
// signalled if it also beats the running priority and its group is enabled at both the
// distributor and the CPU interface.
import {
  type GicState, ALL_CPU_MASK, GIC_INTERNAL, GIC_NR_SGIS, GICC_CTLR_FIQ_EN, SPURIOUS, IDLE_PRIORITY,
} from "../gic-state.js";

/** What the register code needs from the GIC that owns the state. */
export interface GicContext {
  readonly s: GicState;
  /** Recompute current_pending and the outputs of every CPU interface. */
  update(): void;
}

export interface BestIrq { irq: number; prio: number; group: number }

export function bestIrq(s: GicState, cpu: number, out: BestIrq): BestIrq {
  const cm = 1 << cpu;
  let best = SPURIOUS, bestPrio = IDLE_PRIORITY;
  for (let irq = 0; irq < s.numIrq; irq++) {
    if ((s.enabled[irq] & cm) === 0 || (s.active[irq] & cm) !== 0) continue;
    if (!s.testPending(irq, cm)) continue;
    if (irq >= GIC_INTERNAL && (s.irqTarget[irq] & cm) === 0) continue;
    const p = s.getPriority(irq, cpu);
    if (p < bestPrio) { bestPrio = p; best = irq; }
  }
  out.irq = best;
  out.prio = bestPrio;
  out.group = best < SPURIOUS && s.testGroup(best, cpu) ? 1 : 0;
  return out;
}

/** Distributor and CPU interface both enable at least one group of `groupMask`. */
function signalling(s: GicState, cpu: number, groupMask: number): boolean {
  return (s.ctlr & groupMask) !== 0 && (s.cpuCtlr[cpu] & groupMask) !== 0;
}

const scratch: BestIrq = { irq: SPURIOUS, prio: IDLE_PRIORITY, group: 0 };

/** Recompute every CPU interface; `lines[cpu]` gets bit0 IRQ, bit1 FIQ. */
export function computeOutputs(s: GicState, lines: Uint8Array): void {
  for (let cpu = 0; cpu < s.numCpu; cpu++) {
    s.currentPending[cpu] = SPURIOUS;
    lines[cpu] = 0;
    if (!signalling(s, cpu, 3)) continue;
    const b = bestIrq(s, cpu, scratch);
    if (b.prio < s.priorityMask[cpu]) {
      s.currentPending[cpu] = b.irq;
      if (b.prio < s.runningPriority[cpu] && signalling(s, cpu, 1 << b.group)) {
        lines[cpu] = b.group === 0 && (s.cpuCtlr[cpu] & GICC_CTLR_FIQ_EN) ? 2 : 1;
      }
    }
  }
}

/**
 * An input line changes level: SPI `irq` (32..numIrq-1, cpu ignored) or the PPI `irq` (16..31)
 * of `cpu`. Returns false when nothing changed (the line already had that level).
 */
export function setInputLevel(s: GicState, irq: number, cpu: number, level: boolean): boolean {
  let cm: number, target: number;
  if (irq >= GIC_INTERNAL) {
    cm = ALL_CPU_MASK;
    target = s.irqTarget[irq];
  } else {
    if (irq < GIC_NR_SGIS) throw new RangeError(`GIC: interrupt ${irq} is an SGI, not an input line`);
    cm = 1 << cpu;
    target = cm;
  }
  if (level === ((s.level[irq] & cm) !== 0)) return false;
  if (level) {
    s.level[irq] |= cm;
    if (s.edgeTrigger[irq]) s.pending[irq] |= target;
  } else {
    s.level[irq] &= ~cm;
  }
  return true;
}
