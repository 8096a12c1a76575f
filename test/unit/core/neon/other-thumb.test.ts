// The same QEMU cases run as T32 words (the Thumb step rewrites 111U 1111 ... and 1111 1001 ...
// into the A32 encodings): results and UNDEFINED decisions must be those QEMU gave.
import { describe, it, expect } from "vitest";
import { fixture, cases, neonHarness, guardHarness, runCase, compare } from "./other-replay.js";

describe("NEON other and loads/stores in Thumb state", () => {
  for (const [name, guard] of [["all cases but the guard-page ones", false], ["guard-page cases", true]] as [string, boolean][]) {
    it(name, () => {
      const h = guard ? guardHarness() : neonHarness();
      const base = h.core.getCpsr();
      const bad: string[] = [];
      let n = 0;
      cases.forEach((c, i) => {
        if (!!c.guard !== guard || i % 3 !== 0) return;
        n++;
        const msg = compare(c, fixture.results[i], runCase(h, c, base, true));
        if (msg) bad.push("T32 " + msg);
      });
      expect(n).toBeGreaterThan(40);
      expect(bad).toEqual([]);
    });
  }
});
