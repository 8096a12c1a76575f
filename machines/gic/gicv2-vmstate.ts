// The GICv2's migration state: QEMU 7.2's `arm_gic` section (version 12, ../shared/spec/
// gic-vmstate.md §1), declared once over a QEMU-shaped view of the live GicState. The view's
// arrays are the GicState's own typed arrays (or sub-arrays of them), so saving reads and
// loading writes the live state with no copying code; only the scalar GICD_CTLR goes through
// an accessor. Every array has QEMU's maximum size whatever num-irq and num-cpu are.
import { bool, struct, subsection, u16, u32, u8, vmsd } from "../snapshot/vmstate.js";
import {
  type GicState, GIC_INTERNAL, GIC_MAX_LR, GIC_MAXIRQ, GIC_NCPU, GIC_NR_APRS, GIC_NR_SGIS,
} from "./gic-state.js";

/** One interrupt's state, 7 bytes; kept here as one array per member (the "columns" layout). */
export const ARM_GIC_IRQ_STATE_DECL = vmsd("arm_gic_irq_state", 1, [
  u8("enabled"), u8("pending"), u8("active"), u8("level"), bool("model"), bool("edge_trigger"), u8("group"),
]);

/** GICH state and the virtual CPU interfaces (slots 8..15 of the per-CPU arrays). */
export const ARM_GIC_VIRT_STATE_DECL = vmsd("arm_gic_virt_state", 1, [
  u32("h_hcr", GIC_NCPU),
  u32("h_misr", GIC_NCPU),
  u32("h_lr", GIC_MAX_LR * GIC_NCPU),
  u32("h_apr", GIC_NCPU),
  u32("cpu_ctlr", GIC_NCPU, { key: "v_cpu_ctlr" }),
  u16("priority_mask", GIC_NCPU, { key: "v_priority_mask" }),
  u16("running_priority", GIC_NCPU, { key: "v_running_priority" }),
  u16("current_pending", GIC_NCPU, { key: "v_current_pending" }),
  u8("bpr", GIC_NCPU, { key: "v_bpr" }),
  u8("abpr", GIC_NCPU, { key: "v_abpr" }),
]);

export const ARM_GIC_DECL = vmsd("arm_gic", 12, [
  u32("ctlr"),
  u32("cpu_ctlr", GIC_NCPU),
  struct("irq_state", ARM_GIC_IRQ_STATE_DECL, GIC_MAXIRQ, { layout: "columns" }),
  u8("irq_target", GIC_MAXIRQ),
  u8("priority1", GIC_INTERNAL * GIC_NCPU),
  u8("priority2", GIC_MAXIRQ - GIC_INTERNAL),
  u8("sgi_pending", GIC_NR_SGIS * GIC_NCPU),
  u16("priority_mask", GIC_NCPU),
  u16("running_priority", GIC_NCPU),
  u16("current_pending", GIC_NCPU),
  u8("bpr", GIC_NCPU),
  u8("abpr", GIC_NCPU),
  u32("apr", GIC_NR_APRS * GIC_NCPU),
  u32("nsapr", GIC_NR_APRS * GIC_NCPU),
], [subsection(ARM_GIC_VIRT_STATE_DECL, (s: ArmGicView) => s.virt_extn)]);

/** The state ARM_GIC_DECL describes, named as QEMU's GICState fields. */
export interface ArmGicView {
  ctlr: number;
  cpu_ctlr: Uint32Array;
  enabled: Uint8Array; pending: Uint8Array; active: Uint8Array; level: Uint8Array;
  model: Uint8Array; edge_trigger: Uint8Array; group: Uint8Array;
  irq_target: Uint8Array;
  priority1: Uint8Array;
  priority2: Uint8Array;
  sgi_pending: Uint8Array;
  priority_mask: Uint16Array;
  running_priority: Uint16Array;
  current_pending: Uint16Array;
  bpr: Uint8Array;
  abpr: Uint8Array;
  apr: Uint32Array;
  nsapr: Uint32Array;
  h_hcr: Uint32Array; h_misr: Uint32Array; h_lr: Uint32Array; h_apr: Uint32Array;
  v_cpu_ctlr: Uint32Array;
  v_priority_mask: Uint16Array;
  v_running_priority: Uint16Array;
  v_current_pending: Uint16Array;
  v_bpr: Uint8Array;
  v_abpr: Uint8Array;
  /** QEMU's virt_extn, the subsection's `needed` rule: configuration, not sent (not enumerable). */
  readonly virt_extn: boolean;
}

const phys = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T): T => a.subarray(0, GIC_NCPU) as T;
const virt = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T): T => a.subarray(GIC_NCPU, 2 * GIC_NCPU) as T;

/**
 * The QEMU-shaped view of `s`. Its arrays share memory with `s` (a structured clone of the view,
 * the loader's staging copy, shares memory within itself the same way), so assigning a staged
 * copy back into the view fills the GicState in place.
 */
export function armGicView(s: GicState): ArmGicView {
  const v = {
    cpu_ctlr: phys(s.cpuCtlr),
    enabled: s.enabled, pending: s.pending, active: s.active, level: s.level,
    model: s.model, edge_trigger: s.edgeTrigger, group: s.group,
    irq_target: s.irqTarget,
    priority1: s.priority1,
    priority2: s.priority2,
    sgi_pending: s.sgiPending,
    priority_mask: phys(s.priorityMask),
    running_priority: phys(s.runningPriority),
    current_pending: phys(s.currentPending),
    bpr: phys(s.bpr),
    abpr: phys(s.abpr),
    apr: s.apr,
    nsapr: s.nsapr,
    h_hcr: s.hHcr, h_misr: s.hMisr, h_lr: s.hLr, h_apr: s.hApr,
    v_cpu_ctlr: virt(s.cpuCtlr),
    v_priority_mask: virt(s.priorityMask),
    v_running_priority: virt(s.runningPriority),
    v_current_pending: virt(s.currentPending),
    v_bpr: virt(s.bpr),
    v_abpr: virt(s.abpr),
  } as ArmGicView;
  Object.defineProperty(v, "ctlr", { get: () => s.ctlr, set: (x: number) => { s.ctlr = x >>> 0; }, enumerable: true });
  Object.defineProperty(v, "virt_extn", { value: s.virtExtn, enumerable: false });
  return v;
}
