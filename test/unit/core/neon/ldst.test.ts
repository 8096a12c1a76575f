// Advanced SIMD element and structure loads/stores (VLD1-4/VST1-4: multiple structures, single
// lane, all lanes), every type/size/align combination with writeback (Rm = 13, 15, register),
// alignment faults: replayed against qemu-arm 7.2 -cpu cortex-a15 (other-qemu-vectors.json).
import { describe, it, expect } from "vitest";
import { fixture, cases, neonHarness, guardHarness, runCase, compare, isLdst } from "./other-replay.js";

function replay(re: RegExp): { bad: string[]; n: number } {
  const h = re.source.includes("guard") ? guardHarness() : neonHarness();
  const base = h.core.getCpsr();
  const bad: string[] = [];
  let n = 0;
  cases.forEach((c, i) => {
    if (!isLdst(c) || !re.test(c.what)) return;
    n++;
    const msg = compare(c, fixture.results[i], runCase(h, c, base));
    if (msg) bad.push(msg);
  });
  return { bad, n };
}

describe("NEON loads/stores: QEMU vectors", () => {
  for (const [name, re] of [
    ["VLDn multiple structures", /^VLD multiple/], ["VSTn multiple structures", /^VST multiple/],
    ["VLDn single lane", /^VLD\d single/], ["VSTn single lane", /^VST\d single/],
    ["VLDn to all lanes", /^VLD\d all lanes/],
    ["big-endian data (CPSR.E = 1)", /^BE /],
    ["register lists past D31", /past D31/],
    ["data aborts part-way (MMU translation fault on the next page)", /^guard /],
  ] as [string, RegExp][]) {
    it(name, () => {
      const { bad, n } = replay(re);
      expect(n).toBeGreaterThan(20);
      expect(bad).toEqual([]);
    });
  }
});
