// The GICv3's migration state: QEMU 7.2's `arm_gicv3` section (version 1, ../shared/spec/
// gic-vmstate.md §2), declared straight over GicV3State. The per-CPU array's length is not in
// the stream (it is the machine's CPU count). What is saved is QEMU's: `pending`/gicr_ipendr0
// are the pending latches and `level` the line levels, kept apart; a loaded GICD_STATUSR or
// GICR_STATUSR is set as saved (a guest write to them is write-1-to-clear instead).
import { bool, struct, subsection, u32, u64, u8, vmsd } from "../../snapshot/vmstate.js";
import type { LoadReport } from "../../snapshot/section.js";
import { BMP_WORDS, GICV3_MAXIRQ, type GicV3State } from "./state.js";

export const ARM_GICV3_CPU_SRE_DECL = vmsd("arm_gicv3_cpu/sre_el1", 1, [u64("icc_sre_el1")]);

export const ARM_GICV3_CPU_DECL = vmsd("arm_gicv3_cpu", 1, [
  u32("level"),
  u32("gicr_ctlr"),
  u32("gicr_statusr", 2),
  u32("gicr_waker"),
  u64("gicr_propbaser"),
  u64("gicr_pendbaser"),
  u32("gicr_igroupr0"),
  u32("gicr_ienabler0"),
  u32("gicr_ipendr0"),
  u32("gicr_iactiver0"),
  u32("edge_trigger"),
  u32("gicr_igrpmodr0"),
  u32("gicr_nsacr"),
  u8("gicr_ipriorityr", 32),
  u64("icc_ctlr_el1", 2),
  u64("icc_pmr_el1"),
  u64("icc_bpr", 3),
  u64("icc_apr", 12),
  u64("icc_igrpen", 3),
  u64("icc_ctlr_el3"),
], [subsection(ARM_GICV3_CPU_SRE_DECL, (c) => Number(c.icc_sre_el1) !== 7)]);

export const ARM_GICV3_SHIFT_BUG_DECL = vmsd("arm_gicv3/gicd_no_migration_shift_bug", 1, [bool("gicd_no_migration_shift_bug")]);

export const ARM_GICV3_DECL = vmsd("arm_gicv3", 1, [
  u32("gicd_ctlr"),
  u32("gicd_statusr", 2),
  u32("group", BMP_WORDS),
  u32("grpmod", BMP_WORDS),
  u32("enabled", BMP_WORDS),
  u32("pending", BMP_WORDS),
  u32("active", BMP_WORDS),
  u32("level", BMP_WORDS),
  u32("edge_trigger", BMP_WORDS),
  u8("gicd_ipriority", GICV3_MAXIRQ),
  u64("gicd_irouter", GICV3_MAXIRQ),
  u32("gicd_nsacr", 64),
  struct("cpu", ARM_GICV3_CPU_DECL, { config: (s: GicV3State) => s.cpu.length }),
], [subsection(ARM_GICV3_SHIFT_BUG_DECL, () => true)]);

/** 64-bit scalars of the per-CPU struct that this model keeps as numbers (they never use bits 53+). */
const NUMBER_FIELDS = ["icc_pmr_el1", "icc_ctlr_el3", "icc_sre_el1"] as const;

/**
 * Bring a staged (decoded) copy to the live state's shapes before it is assigned: 64-bit scalars
 * decode as bigints, PROPBASER/PENDBASER must stay bigints, the rest are numbers; an element
 * without the sre_el1 subsection has QEMU's default SRE 0x7; a stream without the shift-bug
 * subsection (a pre-2.12 KVM source) is reported, its bitmaps are taken as they are.
 */
export function normaliseStaged(staged: GicV3State, report: LoadReport): void {
  for (const c of staged.cpu) {
    for (const k of NUMBER_FIELDS) (c as unknown as Record<string, number>)[k] = c[k] === undefined ? 7 : Number(c[k]);
    c.gicr_propbaser = BigInt(c.gicr_propbaser ?? 0);
    c.gicr_pendbaser = BigInt(c.gicr_pendbaser ?? 0);
  }
  if (!staged.gicd_no_migration_shift_bug) {
    report.notes.push("arm_gicv3: stream without gicd_no_migration_shift_bug (old KVM source); bitmaps not shifted");
    staged.gicd_no_migration_shift_bug = true;
  }
}
