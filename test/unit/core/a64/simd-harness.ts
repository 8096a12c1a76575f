// Table-driven AdvSIMD tests: each row runs one instruction and compares V0, V1, X0 and FPSR.QC
// with what qemu-aarch64 7.2 (-cpu cortex-a57) left.
import { it, expect } from "vitest";
import { runFp, type FpInit } from "./fp-harness.js";

export const QC = 0x08000000;

/** [label, instruction word(s), initial state, V0 [lo, hi], V1 [lo, hi], X0, FPSR.QC]. */
export type SimdRow = [string, number | number[], FpInit, [bigint, bigint], [bigint, bigint], bigint, number];

export function simdRows(rows: SimdRow[]): void {
  for (const [label, w, init, q0, q1, x0, qc] of rows) {
    it(label, () => {
      const r = runFp(typeof w === "number" ? [w] : w, init);
      expect(r.q(0)).toEqual(q0);
      expect(r.q(1)).toEqual(q1);
      expect(r.x[0]).toBe(x0);
      expect(r.qc).toBe(qc);
    });
  }
}
