// GICv2 register tables (offsets, access, reset values for a given configuration) for tests
// and tools; the behaviour lives in distributor.ts and cpu-interface.ts. "banked" marks
// registers with one copy per CPU interface (SGI/PPI state, the whole CPU interface).
import { type RegDef, reg } from "../../devices/regs.js";
import { GICC_IIDR_VALUE } from "./cpu-interface.js";

export interface GicRegDef extends RegDef { banked?: boolean; count?: number }

function r(name: string, offset: number, access: RegDef["access"], reset = 0, extra: Partial<GicRegDef> = {}): GicRegDef {
  return { ...reg(name, offset, access, { reset }), ...extra };
}

/** Distributor registers of a GICv2 with `numCpus` CPUs and `numIrqs` IDs, after reset. */
export function gicdRegs(numCpus: number, numIrqs: number, securityExtensions: boolean): GicRegDef[] {
  const words = numIrqs / 32;
  const sgiTarget = numCpus === 1 ? 0 : 0x01010101; // as read by CPU 0
  return [
    r("GICD_CTLR", 0x000, "rw"),
    r("GICD_TYPER", 0x004, "ro", (words - 1) | ((numCpus - 1) << 5) | (securityExtensions ? 1 << 10 : 0)),
    r("GICD_IIDR", 0x008, "ro", 0x43b),
    r("GICD_IGROUPR0", 0x080, "rw", 0, { banked: true }),
    r("GICD_IGROUPR", 0x084, "rw", 0, { count: words - 1 }),
    r("GICD_ISENABLER0", 0x100, "rw", 0x0000ffff, { banked: true }), // SGIs always enabled
    r("GICD_ISENABLER", 0x104, "rw", 0, { count: words - 1 }),
    r("GICD_ICENABLER0", 0x180, "rw", 0x0000ffff, { banked: true }),
    r("GICD_ICENABLER", 0x184, "rw", 0, { count: words - 1 }),
    r("GICD_ISPENDR", 0x200, "rw", 0, { count: words, banked: true }),
    r("GICD_ICPENDR", 0x280, "rw", 0, { count: words, banked: true }),
    r("GICD_ISACTIVER", 0x300, "rw", 0, { count: words, banked: true }),
    r("GICD_ICACTIVER", 0x380, "rw", 0, { count: words, banked: true }),
    r("GICD_IPRIORITYR", 0x400, "rw", 0, { count: numIrqs / 4, banked: true }),
    r("GICD_ITARGETSR_SGI_PPI", 0x800, "ro", sgiTarget, { count: 8, banked: true }),
    r("GICD_ITARGETSR_SPI", 0x820, numCpus === 1 ? "ro" : "rw", 0, { count: numIrqs / 4 - 8 }),
    r("GICD_ICFGR_SGI", 0xc00, "ro", 0xaaaaaaaa),
    r("GICD_ICFGR", 0xc04, "rw", 0, { count: numIrqs / 16 - 1 }),
    r("GICD_SGIR", 0xf00, "wo"),
    r("GICD_CPENDSGIR", 0xf10, "rw", 0, { count: 4, banked: true }),
    r("GICD_SPENDSGIR", 0xf20, "rw", 0, { count: 4, banked: true }),
    ...[0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1].map((v, i) =>
      r(i < 4 ? `GICD_PIDR${4 + i}` : i < 8 ? `GICD_PIDR${i - 4}` : `GICD_CIDR${i - 8}`, 0xfd0 + 4 * i, "ro", v)),
  ];
}

/** CPU-interface registers after reset (every one banked per CPU). */
export function giccRegs(): GicRegDef[] {
  const b = { banked: true };
  return [
    r("GICC_CTLR", 0x00, "rw", 0, b),
    r("GICC_PMR", 0x04, "rw", 0, b),
    r("GICC_BPR", 0x08, "rw", 0, b),
    r("GICC_IAR", 0x0c, "ro", 0x3ff, b),
    r("GICC_EOIR", 0x10, "wo", 0, b),
    r("GICC_RPR", 0x14, "ro", 0xff, b),
    r("GICC_HPPIR", 0x18, "ro", 0x3ff, b),
    r("GICC_ABPR", 0x1c, "rw", 1, b),
    // QEMU 7.2 does not implement the aliased Group 1 registers: RAZ/WI
    r("GICC_AIAR", 0x20, "ro", 0, b),
    r("GICC_AEOIR", 0x24, "wo", 0, b),
    r("GICC_AHPPIR", 0x28, "ro", 0, b),
    r("GICC_APR", 0xd0, "rw", 0, { count: 4, banked: true }),
    r("GICC_NSAPR", 0xe0, "rw", 0, { count: 4, banked: true }),
    r("GICC_IIDR", 0xfc, "ro", GICC_IIDR_VALUE, b),
    r("GICC_DIR", 0x1000, "wo", 0, b),
  ];
}
