// GICv3 register tables (offset, access, value after reset on QEMU 7.2's virt with one CPU and
// an ITS) for tests and tools; behaviour is in distributor.ts, redistributor.ts and, for the
// CPU interface's system registers, cpu-interface.ts. Values were read from
// qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57.
import { type RegDef, reg } from "../../devices/regs.js";

export interface GicV3RegDef extends RegDef { count?: number; width?: 32 | 64 }

function r(name: string, offset: number, access: RegDef["access"], reset = 0, extra: Partial<GicV3RegDef> = {}): GicV3RegDef {
  return { ...reg(name, offset, access, { reset }), ...extra };
}

/** The identification registers at 0xffd0 (PIDR4..7, PIDR0..3, CIDR0..3) with this PIDR0. */
export function idRegs(prefix: string, pidr0: number): GicV3RegDef[] {
  return [0x44, 0, 0, 0, pidr0, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1].map((v, i) =>
    r(i < 4 ? `${prefix}_PIDR${4 + i}` : i < 8 ? `${prefix}_PIDR${i - 4}` : `${prefix}_CIDR${i - 8}`, 0xffd0 + 4 * i, "ro", v));
}

export const GICV3_IIDR = 0x43b;

/** GICD_TYPER as QEMU 7.2 computes it: No1N, A3V, IDbits 15, LPIS with an ITS, ITLinesNumber = SPIs / 32 - 1. */
export function gicdTyper(numIrqs: number, lpis: boolean): number {
  return ((1 << 25) | (1 << 24) | (0xf << 19) | (lpis ? 1 << 17 : 0) | ((numIrqs - 32) / 32 - 1)) >>> 0;
}

/** Distributor registers (DS = 1, affinity routing always on). */
export function gicdRegs(numIrqs: number, lpis: boolean): GicV3RegDef[] {
  const words = numIrqs / 32;
  return [
    r("GICD_CTLR", 0x0000, "rw", 0x50, { mask: 0x3 }),
    r("GICD_TYPER", 0x0004, "ro", gicdTyper(numIrqs, lpis)),
    r("GICD_IIDR", 0x0008, "ro", GICV3_IIDR),
    r("GICD_STATUSR", 0x0010, "rw"),
    r("GICD_IGROUPR", 0x0080, "rw", 0, { count: words }),
    r("GICD_ISENABLER", 0x0100, "rw", 0, { count: words }),
    r("GICD_ICENABLER", 0x0180, "rw", 0, { count: words }),
    r("GICD_ISPENDR", 0x0200, "rw", 0, { count: words }),
    r("GICD_ICPENDR", 0x0280, "rw", 0, { count: words }),
    r("GICD_ISACTIVER", 0x0300, "rw", 0, { count: words }),
    r("GICD_ICACTIVER", 0x0380, "rw", 0, { count: words }),
    r("GICD_IPRIORITYR", 0x0400, "rw", 0, { count: numIrqs / 4 }),
    r("GICD_ICFGR", 0x0c00, "rw", 0, { count: numIrqs / 16 }),
    r("GICD_IGRPMODR", 0x0d00, "ro", 0, { count: words }), // RAZ/WI with DS = 1
    r("GICD_NSACR", 0x0e00, "ro", 0, { count: numIrqs / 16 }),
    r("GICD_SGIR", 0x0f00, "wo"), // ignored with affinity routing
    r("GICD_IROUTER", 0x6000, "rw", 0, { count: numIrqs, width: 64 }),
    ...idRegs("GICD", 0x92),
  ];
}

/** One redistributor's RD_base frame (offsets from the frame) for CPU `cpu` of `numCpus`. */
export function gicrRdRegs(cpu: number, numCpus: number, lpis: boolean): GicV3RegDef[] {
  return [
    r("GICR_CTLR", 0x0000, "rw", lpis ? 2 : 0, { mask: lpis ? 1 : 0 }),
    r("GICR_IIDR", 0x0004, "ro", GICV3_IIDR),
    r("GICR_TYPER", 0x0008, "ro", ((1 << 24) | (cpu << 8) | (cpu === numCpus - 1 ? 1 << 4 : 0) | (lpis ? 1 : 0)) >>> 0, { width: 64 }),
    r("GICR_STATUSR", 0x0010, "rw"),
    r("GICR_WAKER", 0x0014, "rw", 0x6, { mask: 0x2 }),
    r("GICR_PROPBASER", 0x0070, "rw", 0, { width: 64 }),
    r("GICR_PENDBASER", 0x0078, "rw", 0, { width: 64 }),
    ...idRegs("GICR", 0x93),
  ];
}

/** The SGI_base frame (offsets from the frame, which follows RD_base at +0x10000). */
export function gicrSgiRegs(): GicV3RegDef[] {
  return [
    r("GICR_IGROUPR0", 0x0080, "rw"),
    r("GICR_ISENABLER0", 0x0100, "rw"),
    r("GICR_ICENABLER0", 0x0180, "rw"),
    r("GICR_ISPENDR0", 0x0200, "rw"),
    r("GICR_ICPENDR0", 0x0280, "rw"),
    r("GICR_ISACTIVER0", 0x0300, "rw"),
    r("GICR_ICACTIVER0", 0x0380, "rw"),
    r("GICR_IPRIORITYR", 0x0400, "rw", 0, { count: 8 }),
    r("GICR_ICFGR0", 0x0c00, "ro", 0xaaaaaaaa),
    r("GICR_ICFGR1", 0x0c04, "rw"),
    r("GICR_IGRPMODR0", 0x0d00, "ro"),
    r("GICR_NSACR", 0x0e00, "ro"),
  ];
}
