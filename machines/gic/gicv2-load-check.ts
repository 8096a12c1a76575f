// Incoming `arm_gic` state checked against this GIC before it is applied: values our model's
// invariants rely on are masked into range, and each change is a decision in the load report
// (never an exception: a stream from another QEMU, a KVM host or a corrupted file must load or
// be refused with a message, not crash the model later). Derived state (current_pending,
// running_priority) is not checked here: the GIC recomputes it after loading.
import type { LoadReport } from "../snapshot/section.js";
import {
  GIC_INTERNAL, GIC_MAXIRQ, GIC_MIN_ABPR, GIC_MIN_BPR, GIC_NCPU, GIC_NR_SGIS, GICC_CTLR_V2_MASK,
  GICC_CTLR_V2_S_MASK, GICD_CTLR_EN_GRP0, GICD_CTLR_EN_GRP1,
} from "./gic-state.js";
import type { ArmGicView } from "./gicv2-vmstate.js";

export interface GicShape { numCpu: number; numIrq: number; securityExtn: boolean }

/** Mask `st` (a staged copy) into what a GIC of `shape` can hold; report what changed. */
export function checkArmGicState(st: ArmGicView, shape: GicShape, report: LoadReport): void {
  const say = (what: string) => report.decisions.push(`arm_gic: ${what}`);
  const cpus = (1 << shape.numCpu) - 1;

  const ctlr = st.ctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1);
  if (ctlr !== st.ctlr) say(`GICD_CTLR 0x${hex(st.ctlr)} has bits a GICv2 lacks: kept 0x${hex(ctlr)}`);
  st.ctlr = ctlr;

  // CPU interfaces this GIC lacks keep whatever the stream says: nothing reads them
  const ctlrMask = shape.securityExtn ? GICC_CTLR_V2_S_MASK : GICC_CTLR_V2_MASK;
  for (let cpu = 0; cpu < shape.numCpu; cpu++) {
    const c = st.cpu_ctlr[cpu] & ctlrMask;
    if (c !== st.cpu_ctlr[cpu]) say(`GICC_CTLR of CPU ${cpu} 0x${hex(st.cpu_ctlr[cpu])} masked to 0x${hex(c)}`);
    st.cpu_ctlr[cpu] = c;
    if (st.priority_mask[cpu] > 0xff) {
      say(`GICC_PMR of CPU ${cpu} 0x${hex(st.priority_mask[cpu])} is not a priority: kept 0xff`);
      st.priority_mask[cpu] = 0xff;
    }
    st.bpr[cpu] = clampReg(st.bpr[cpu], GIC_MIN_BPR, `GICC_BPR of CPU ${cpu}`, say);
    st.abpr[cpu] = clampReg(st.abpr[cpu], GIC_MIN_ABPR, `GICC_ABPR of CPU ${cpu}`, say);
  }

  const beyond: number[] = [];
  for (let irq = 0; irq < GIC_MAXIRQ; irq++) {
    // bools in the stream: any non-zero byte is true (QEMU's get_bool)
    st.model[irq] = st.model[irq] ? 1 : 0;
    st.edge_trigger[irq] = st.edge_trigger[irq] ? 1 : 0;
    if (irq >= shape.numIrq) {
      if (st.enabled[irq] | st.pending[irq] | st.active[irq] | st.level[irq]) beyond.push(irq);
      st.enabled[irq] = st.pending[irq] = st.active[irq] = st.level[irq] = 0;
    }
  }
  if (beyond.length) say(`state of interrupts ${ranges(beyond)} dropped: this GIC has ${shape.numIrq} interrupt IDs`);

  const sgiLevel: number[] = [];
  for (let irq = 0; irq < GIC_NR_SGIS; irq++) {
    if (!st.edge_trigger[irq] || st.level[irq]) sgiLevel.push(irq);
    st.edge_trigger[irq] = 1; // SGIs are edge-triggered, and have no input line
    st.level[irq] = 0;
  }
  if (sgiLevel.length) say(`SGIs ${ranges(sgiLevel)} were level-triggered or had a line level: made edge-triggered`);

  const retarget: number[] = [];
  for (let irq = GIC_INTERNAL; irq < shape.numIrq; irq++) {
    // a uniprocessor GIC routes everything to its CPU; otherwise absent CPUs are RAZ/WI
    const t = shape.numCpu === 1 ? 1 : st.irq_target[irq] & cpus;
    if (t !== st.irq_target[irq]) retarget.push(irq);
    st.irq_target[irq] = t;
  }
  // An SPI's latch is kept (as by QEMU) on the CPUs it targets, and an acknowledge clears the
  // acknowledging CPU's bit: bits on CPUs it does not target (KVM's streams spread them to all
  // eight) would leave it pending after it was taken. Latches on no target CPU at all (the SPI
  // was retargeted since) stay as QEMU keeps them.
  let spread = 0;
  for (let irq = GIC_INTERNAL; irq < shape.numIrq; irq++) {
    const kept = st.pending[irq] & st.irq_target[irq];
    if (!kept || kept === st.pending[irq]) continue;
    st.pending[irq] = kept;
    spread++;
  }
  if (spread) report.notes.push(`arm_gic: the pending bits of ${spread} SPIs put on their target CPUs`);
  if (retarget.length) {
    say(`targets of SPIs ${ranges(retarget)} name CPUs beyond the ${shape.numCpu} of this machine: ` +
      (shape.numCpu === 1 ? "routed to CPU 0" : "those CPUs dropped"));
  }

  let straySources = false;
  for (let irq = 0; irq < GIC_NR_SGIS; irq++) {
    for (let cpu = 0; cpu < GIC_NCPU; cpu++) {
      const k = irq * GIC_NCPU + cpu;
      const src = cpu < shape.numCpu ? st.sgi_pending[k] & cpus : 0;
      if (src !== st.sgi_pending[k]) straySources = true;
      st.sgi_pending[k] = src;
      // the per-source record is the detail of the SGI's pending bit: keep them in step
      if (src) st.pending[irq] |= 1 << cpu;
    }
  }
  if (straySources) say(`pending SGIs from or to CPUs beyond the ${shape.numCpu} of this machine dropped`);
}

function clampReg(v: number, min: number, what: string, say: (s: string) => void): number {
  const c = Math.min(7, Math.max(min, v));
  if (c !== v) say(`${what} ${v} out of range ${min}..7: kept ${c}`);
  return c;
}

function hex(v: number): string { return (v >>> 0).toString(16); }

/** "3, 40-47, 200" */
function ranges(ids: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    out.push(j === i ? `${ids[i]}` : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}
