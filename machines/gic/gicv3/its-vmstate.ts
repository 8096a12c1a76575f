// The ITS's migration state: QEMU 7.2's `arm_gicv3_its` section (hw/intc/arm_gicv3_its_common.c,
// version 0), the registers only. The device, collection and translation tables are guest RAM
// and travel with it; QEMU's TCG ITS caches nothing from them, so there is nothing to flush
// before saving. QEMU saves this section after the GICv3's (MIG_PRI_GICV3 > MIG_PRI_GICV3_ITS)
// and before the other devices; its post_load re-derives the table and queue geometry from
// the registers when the ITS is enabled.
import { u32, u64, vmsd } from "../../snapshot/vmstate.js";

export const ARM_GICV3_ITS_DECL = vmsd("arm_gicv3_its", 0, [
  u32("ctlr"),
  u32("iidr"),
  u64("cbaser"),
  u64("cwriter"),
  u64("creadr"),
  u64("baser", 8),
]);

/** QEMU's GICv3ITSState registers as the section names them (typer is configuration, not sent). */
export interface ItsRegs {
  ctlr: number;
  /** Always 0: QEMU's reset clears it and GITS_IIDR reads a constant instead. */
  iidr: number;
  cbaser: bigint;
  cwriter: bigint;
  creadr: bigint;
  baser: BigUint64Array;
}

export const newItsRegs = (): ItsRegs => ({ ctlr: 0, iidr: 0, cbaser: 0n, cwriter: 0n, creadr: 0n, baser: new BigUint64Array(8) });
