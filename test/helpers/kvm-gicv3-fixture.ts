// The `arm_gicv3` section of one of our streams rewritten as QEMU 7.2 with KVM's in-kernel vGICv3
// writes it (kvm_arm_gicv3_get, ../shared/spec/gic-vmstate.md §2.1): distributor state only for
// interrupts 32 and up (KVM's GICD registers for 0..31 are RAZ with affinity routing), GICD_STATUSR
// and GICR_STATUSR in the Non-secure slot only, and the Secure-only state (the Secure slots,
// GRPMOD, NSACR, ICC_CTLR_EL3) as QEMU's reset leaves it, since KVM has no security extension.
// `pending` stays the latch and `level` the line (LEVEL_INFO), as KVM's ISPENDR read returns the
// latch alone. Used with kvm64-fixture.ts, which does the `cpu` sections. Note: armlet's GICv3 has
// no security and keeps 0..31 in the redistributors, so for its own streams this rewrite changes
// nothing so far (checked by hand for gicv3-resume.elf); it keeps the fixture honest if that changes.
import { ByteWriter } from "../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../machines/snapshot/codec.js";
import { findVmdesc, qemuJson, readStream } from "../../machines/snapshot/stream.js";
import { ARM_GICV3_DECL } from "../../machines/gic/gicv3/vmstate.js";
import { newGicV3State, resetGicV3State, BANK_S, G1, GIC_INTERNAL } from "../../machines/gic/gicv3/state.js";

/** Rewrite the `arm_gicv3` section of `bytes` (a stream with `numCpus` CPUs) as a KVM-backed QEMU's. */
export function kvmGicV3Stream(bytes: Uint8Array, numCpus: number): Uint8Array {
  const found = findVmdesc(bytes);
  if (!found) throw new Error("the stream has no JSON description");
  const parsed = readStream(bytes, (idstr) => (idstr === "arm_gicv3" ? { decl: ARM_GICV3_DECL, state: newGicV3State(numCpus) } : undefined));
  const s = parsed.sections.find((x) => x.idstr === "arm_gicv3");
  if (!s) throw new Error("the stream has no arm_gicv3 section");
  const st = s.state;
  const reset = newGicV3State(numCpus);
  resetGicV3State(reset, true);
  delete st.seen_shift_bug_fix;
  for (const k of ["group", "grpmod", "enabled", "pending", "active", "level", "edge_trigger"]) st[k][0] = 0;
  st.grpmod.set(reset.grpmod);
  for (let irq = 0; irq < GIC_INTERNAL; irq++) { st.gicd_ipriority[irq] = 0; st.gicd_irouter[irq] = 0n; }
  st.gicd_statusr[BANK_S] = reset.gicd_statusr[BANK_S];
  st.gicd_nsacr.set(reset.gicd_nsacr);
  st.cpu.forEach((c: any, i: number) => {
    const r = reset.cpu[i];
    delete c.seen_sre_el1;
    c.gicr_statusr[BANK_S] = r.gicr_statusr[BANK_S];
    c.gicr_igrpmodr0 = r.gicr_igrpmodr0;
    c.gicr_nsacr = r.gicr_nsacr;
    c.icc_ctlr_el1[BANK_S] = c.icc_ctlr_el1[1]; // QEMU's reset copies KVM's NS value
    c.icc_bpr[G1] = r.icc_bpr[G1];
    for (let n = 0; n < 4; n++) c.icc_apr[G1 * 4 + n] = r.icc_apr[G1 * 4 + n];
    c.icc_igrpen[G1] = r.icc_igrpen[G1];
    c.icc_ctlr_el3 = BigInt(r.icc_ctlr_el3);
  });
  const w = new ByteWriter();
  const json = encodeVmsd(w, ARM_GICV3_DECL, st);
  const devices = found.desc.devices.map((d) => (d.name === "arm_gicv3" && d.instance_id === s.instanceId ? { name: d.name, instance_id: d.instance_id, ...json } : d));
  const tail = Buffer.alloc(5);
  const desc = Buffer.from(qemuJson({ ...found.desc, devices }), "utf8");
  tail[0] = 0x06;
  tail.writeUInt32BE(desc.length, 1);
  return new Uint8Array(Buffer.concat([bytes.subarray(0, s.offset), Uint8Array.from(w.view()), bytes.subarray(s.end, found.start), tail, desc]));
}
