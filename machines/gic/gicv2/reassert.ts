// Input lines set between a load and the guest's next step are the devices restating their
// outputs (they re-assert after loading), not new events: a line that rises then sets its level
// bit but latches no edge, since any edge it made before the save is in the stream's latch.
//
// A stream that carries no line level at all (QEMU on a KVM host never fills `level`: KVM's
// ISPENDR for a level-triggered interrupt is the latch OR the line) may have a line folded into
// a pending latch. Such a latch is taken as the line when the device re-asserts that line high:
// it is cleared, and the interrupt pends by its level from then on, as it did at the save.
// Lines the devices leave low keep their latches (GICD_ISPENDR writes of the guest).
import { type GicState, ALL_CPU_MASK, GIC_INTERNAL, GIC_NR_SGIS } from "../gic-state.js";

export class ReassertWindow {
  /** Per interrupt: the CPUs whose latch may be the line folded in (null: the stream has levels). */
  private readonly folded: Uint8Array | null;

  constructor(s: GicState) {
    this.folded = hasLineLevels(s) ? null : levelLatches(s);
  }

  /** A device (re-)states a line: SPI `irq`, or the PPI `irq` of `cpu`. Returns true if the level changed. */
  setLine(s: GicState, irq: number, cpu: number, level: boolean): boolean {
    const cm = irq >= GIC_INTERNAL ? ALL_CPU_MASK : 1 << cpu;
    if (level === ((s.level[irq] & cm) !== 0)) return false;
    if (!level) {
      s.level[irq] &= ~cm;
      return true;
    }
    s.level[irq] |= cm;
    if (this.folded && !s.edgeTrigger[irq]) {
      s.pending[irq] &= ~(this.folded[irq] & cm);
      this.folded[irq] &= ~cm;
    }
    return true;
  }
}

function hasLineLevels(s: GicState): boolean {
  for (let irq = GIC_NR_SGIS; irq < s.numIrq; irq++) if (s.level[irq]) return true;
  return false;
}

function levelLatches(s: GicState): Uint8Array {
  const latches = new Uint8Array(s.numIrq);
  for (let irq = GIC_NR_SGIS; irq < s.numIrq; irq++) if (!s.edgeTrigger[irq]) latches[irq] = s.pending[irq];
  return latches;
}
