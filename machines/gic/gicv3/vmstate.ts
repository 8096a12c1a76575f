// The GICv3's migration state: QEMU 7.2's `arm_gicv3` section (version 1, ../shared/spec/
// gic-vmstate.md §2), declared straight over GicV3State. The per-CPU array's length is not in
// the stream (it is the machine's CPU count). What is saved is QEMU's: `pending`/gicr_ipendr0
// are the pending latches and `level` the line levels, kept apart; a loaded GICD_STATUSR or
// GICR_STATUSR is set as saved (a guest write to them is write-1-to-clear instead).
import { type CustomType, custom, struct, subsection, u32, u64, u8, vmsd } from "../../snapshot/vmstate.js";
import type { LoadReport } from "../../snapshot/section.js";
import { BMP_WORDS, GICV3_MAXIRQ, type GicV3State } from "./state.js";

/**
 * Fields of the two subsections whose absence means something: they are read through these
 * codecs, which also mark the staged copy (`seen_sre_el1`, `seen_shift_bug_fix`), so a stream
 * without them is recognised (a plain field would keep the staged copy's current value).
 */
const SRE_EL1: CustomType = {
  name: "uint64",
  write: (w, c) => w.u64(BigInt(c.icc_sre_el1)),
  read: (r, c) => { c.icc_sre_el1 = Number(r.u64("icc_sre_el1") & 0xffffffffn); c.seen_sre_el1 = true; },
};
const SHIFT_BUG_FIXED: CustomType = {
  name: "bool",
  write: (w) => w.u8(1),
  read: (r, s) => { s.seen_shift_bug_fix = r.u8("gicd_no_migration_shift_bug") !== 0; },
};

export const ARM_GICV3_CPU_SRE_DECL = vmsd("arm_gicv3_cpu/sre_el1", 1, [custom("icc_sre_el1", SRE_EL1)]);

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

export const ARM_GICV3_SHIFT_BUG_DECL = vmsd("arm_gicv3/gicd_no_migration_shift_bug", 1, [custom("gicd_no_migration_shift_bug", SHIFT_BUG_FIXED)]);

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
const NUMBER_FIELDS = ["icc_pmr_el1", "icc_ctlr_el3"] as const;

/** Distributor bitmaps an old QEMU (KVM source, before 2.12) saved 32 bits too high; `level` was right. */
const SHIFTED_BITMAPS = ["group", "grpmod", "enabled", "pending", "active", "edge_trigger"] as const;

type Staged = GicV3State & { seen_shift_bug_fix?: boolean; cpu: (GicV3State["cpu"][number] & { seen_sre_el1?: boolean })[] };

/**
 * Bring a staged (decoded) copy to the live state's shapes before it is assigned: 64-bit scalars
 * decode as bigints, PROPBASER/PENDBASER stay bigints, the rest are numbers. An element without
 * the sre_el1 subsection has SRE 0x7 (QEMU's rule); a stream without gicd_no_migration_shift_bug
 * (an old KVM source) has its distributor bitmaps shifted down by 32 bits, as QEMU's post_load does.
 */
export function normaliseStaged(staged: Staged, report: LoadReport): void {
  for (const c of staged.cpu) {
    for (const k of NUMBER_FIELDS) c[k] = Number(c[k]);
    if (!c.seen_sre_el1) c.icc_sre_el1 = 7;
    delete c.seen_sre_el1;
    c.gicr_propbaser = BigInt(c.gicr_propbaser ?? 0);
    c.gicr_pendbaser = BigInt(c.gicr_pendbaser ?? 0);
  }
  if (!staged.seen_shift_bug_fix) {
    for (const k of SHIFTED_BITMAPS) {
      const b = staged[k];
      b.copyWithin(0, 1);
      b[b.length - 1] = 0;
    }
    report.notes.push("arm_gicv3: no gicd_no_migration_shift_bug subsection (a pre-2.12 KVM source): distributor bitmaps shifted down by 32 bits");
  }
  delete staged.seen_shift_bug_fix;
}
