// The GICv3's architectural state, shaped and named as QEMU 7.2's GICv3State / GICv3CPUState so
// the `arm_gicv3` section (vmstate.ts) is declared straight over it. Distributor bitmaps hold
// interrupt n at bit n%32 of word n/32 (bits 0..31 unused: SGI/PPI state is per redistributor).
// 64-bit QEMU fields that never use their top bits are kept as numbers (Float64Array for arrays);
// PROPBASER/PENDBASER keep all 64 bits as bigints.

export const GICV3_MAXIRQ = 1020;
export const GIC_INTERNAL = 32;
export const GIC_NR_SGIS = 16;
export const BMP_WORDS = 32;
export const LPI_INTID_START = 8192;
export const INTID_SPURIOUS = 1023;

/** Interrupt groups as QEMU indexes its banked CPU-interface arrays. */
export const G0 = 0, G1 = 1, G1NS = 2;
/** Security banks of icc_ctlr_el1, gicd_statusr, gicr_statusr. */
export const BANK_S = 0, BANK_NS = 1;

/** Priority bits of the Cortex-A57's CPU interface in QEMU 7.2 (ICC_CTLR_EL1.PRIbits = 4). */
export const PRIBITS = 5;
export const PREBITS = 5;
/** Lowest BPR for group 0 (7 - PREBITS) and for Non-secure group 1 (one more). */
export const MIN_BPR = 7 - PREBITS;
export const MIN_BPR_NS = MIN_BPR + 1;
/** Active-priority registers per group: one word of 32 preemption levels for 5 bits. */
export const NUM_APRS = 1 << (PREBITS - 5);

export const GICD_CTLR_EN_GRP0 = 1 << 0;
export const GICD_CTLR_EN_GRP1NS = 1 << 1;
export const GICD_CTLR_EN_GRP1S = 1 << 2;
export const GICD_CTLR_ARE = 1 << 4;
export const GICD_CTLR_DS = 1 << 6;

export const GICR_CTLR_ENABLE_LPIS = 1 << 0;
export const GICR_CTLR_CES = 1 << 1;
export const GICR_WAKER_PROCESSOR_SLEEP = 1 << 1;
export const GICR_WAKER_CHILDREN_ASLEEP = 1 << 2;

export const ICC_CTLR_CBPR = 1 << 0;
export const ICC_CTLR_EOIMODE = 1 << 1;
/** ICC_CTLR_EL1 after reset: A3V, IDbits 1 (24 bits), PRIbits. */
export const ICC_CTLR_EL1_RESET = (1 << 15) | (1 << 11) | ((PRIBITS - 1) << 8);
/** ICC_CTLR_EL3 after reset: nDS, A3V, IDbits, PRIbits. */
export const ICC_CTLR_EL3_RESET = (1 << 17) | ICC_CTLR_EL1_RESET;

export interface GicV3CpuState {
  /** Line levels of SGIs/PPIs 0..31. */
  level: number;
  gicr_ctlr: number;
  gicr_statusr: Uint32Array;
  gicr_waker: number;
  gicr_propbaser: bigint;
  gicr_pendbaser: bigint;
  gicr_igroupr0: number;
  gicr_ienabler0: number;
  /** Pending latch of SGIs/PPIs (not ORed with the line level). */
  gicr_ipendr0: number;
  gicr_iactiver0: number;
  edge_trigger: number;
  gicr_igrpmodr0: number;
  gicr_nsacr: number;
  gicr_ipriorityr: Uint8Array;
  icc_ctlr_el1: Float64Array;
  icc_pmr_el1: number;
  icc_bpr: Float64Array;
  /** icc_apr[group * 4 + n] */
  icc_apr: Float64Array;
  icc_igrpen: Float64Array;
  icc_ctlr_el3: number;
  icc_sre_el1: number;
}

export interface GicV3State {
  gicd_ctlr: number;
  gicd_statusr: Uint32Array;
  group: Uint32Array;
  grpmod: Uint32Array;
  enabled: Uint32Array;
  /** Pending latch of SPIs. */
  pending: Uint32Array;
  active: Uint32Array;
  /** Line levels of SPIs. */
  level: Uint32Array;
  edge_trigger: Uint32Array;
  gicd_ipriority: Uint8Array;
  /** GICD_IROUTER<n>, all 64 bits as written (QEMU 7.2 masks nothing; IRM is stored, not acted on). */
  gicd_irouter: BigUint64Array;
  gicd_nsacr: Uint32Array;
  cpu: GicV3CpuState[];
}

export function newCpuState(): GicV3CpuState {
  return {
    level: 0, gicr_ctlr: 0, gicr_statusr: new Uint32Array(2), gicr_waker: 0,
    gicr_propbaser: 0n, gicr_pendbaser: 0n,
    gicr_igroupr0: 0, gicr_ienabler0: 0, gicr_ipendr0: 0, gicr_iactiver0: 0, edge_trigger: 0,
    gicr_igrpmodr0: 0, gicr_nsacr: 0, gicr_ipriorityr: new Uint8Array(32),
    icc_ctlr_el1: new Float64Array(2), icc_pmr_el1: 0, icc_bpr: new Float64Array(3),
    icc_apr: new Float64Array(12), icc_igrpen: new Float64Array(3), icc_ctlr_el3: 0, icc_sre_el1: 0,
  };
}

export function newGicV3State(numCpus: number): GicV3State {
  const bmp = () => new Uint32Array(BMP_WORDS);
  return {
    gicd_ctlr: 0, gicd_statusr: new Uint32Array(2),
    group: bmp(), grpmod: bmp(), enabled: bmp(), pending: bmp(), active: bmp(), level: bmp(), edge_trigger: bmp(),
    gicd_ipriority: new Uint8Array(GICV3_MAXIRQ), gicd_irouter: new BigUint64Array(GICV3_MAXIRQ),
    gicd_nsacr: new Uint32Array(64),
    cpu: Array.from({ length: numCpus }, newCpuState),
  };
}

/** QEMU's arm_gicv3_common_reset plus the CPU interface's reset, for a GIC without security (DS=1). */
export function resetGicV3State(s: GicV3State, lpis: boolean): void {
  const fresh = newGicV3State(s.cpu.length);
  Object.assign(s, { ...fresh, cpu: s.cpu });
  s.gicd_ctlr = GICD_CTLR_ARE | GICD_CTLR_DS;
  for (let i = 0; i < s.cpu.length; i++) {
    const c = newCpuState();
    c.gicr_ctlr = lpis ? GICR_CTLR_CES : 0;
    c.gicr_waker = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;
    c.edge_trigger = 0xffff;
    c.icc_ctlr_el1.fill(ICC_CTLR_EL1_RESET);
    c.icc_bpr[G0] = MIN_BPR; c.icc_bpr[G1] = MIN_BPR; c.icc_bpr[G1NS] = MIN_BPR_NS;
    c.icc_ctlr_el3 = ICC_CTLR_EL3_RESET;
    // QEMU's TCG interface leaves the field 0 (a guest reads a constant 0x7), so its stream
    // always carries the sre_el1 subsection.
    c.icc_sre_el1 = 0;
    s.cpu[i] = c;
  }
}

export const bmpTest = (b: Uint32Array, n: number): boolean => ((b[n >>> 5] >>> (n & 31)) & 1) !== 0;
export function bmpSet(b: Uint32Array, n: number, v: boolean): void {
  if (v) b[n >>> 5] |= 1 << (n & 31); else b[n >>> 5] &= ~(1 << (n & 31));
}
