// The interface the GICv3 ITS drives the redistributors through (QEMU 7.2's
// gicv3_redist_process_lpi / gicv3_redist_mov_lpi / gicv3_redist_movall_lpis). The GICv3 model
// (index.ts) implements it; the ITS (its.ts) only sees this.
export interface GicV3LpiTarget {
  /** Set (level true) or clear the pending state of LPI `intid` on the redistributor of `cpu`. */
  processLpi(cpu: number, intid: number, level: boolean): void;
  /** MOVI: move LPI `intid`'s pending state from one redistributor to another. */
  moveLpi(fromCpu: number, toCpu: number, intid: number): void;
  /** MOVALL: move every pending LPI of one redistributor to another. */
  moveAllLpis(fromCpu: number, toCpu: number): void;
  /** Number of redistributors (one per CPU). */
  readonly redistributorCount: number;
  /**
   * The CPU whose redistributor an ITS RDbase names. With GITS_TYPER.PTA = 0 (QEMU) the RDbase
   * is the processor number, so this is the identity for valid numbers; undefined when out of range.
   */
  cpuForRdbase(rd: number): number | undefined;
  /** Re-read one redistributor's LPI tables (INV, INVALL, SYNC after a property change). */
  updateLpis(cpu: number): void;
}
