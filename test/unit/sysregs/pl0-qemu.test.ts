// PL0 accessibility of timer, PMU, barrier, thread-ID, debug and ThumbEE accesses under several
// CNTKCTL / PMUSERENR / TEECR settings, against qemu-system-arm 7.2 (qemu/a15-pl0-probe.txt).
import { describe, it, expect } from "vitest";
import { makeHarness } from "../../helpers/core-harness.js";
import { readQemuFile, key, key64, rd, wr } from "./sysreg-helpers.js";

type Op = [string, 14 | 15, number, number, number?, number?];
const { ops, configs } = JSON.parse(readQemuFile("pl0-ops.json")) as { ops: Op[]; configs: [number, number, number][] };
const qemuRows = readQemuFile("a15-pl0-probe.txt").split("\n").map((l) => l.trim()).filter((l) => l.length);

describe("PL0 access vs QEMU 7.2", () => {
  it("has one QEMU line per configuration", () => {
    expect(qemuRows.length).toBe(configs.length);
    for (const r of qemuRows) expect(r.length).toBe(ops.length);
  });

  configs.forEach(([cntkctl, pmuserenr, teecr], ci) => {
    it(`CNTKCTL=${cntkctl.toString(16)} PMUSERENR=${pmuserenr} TEECR=${teecr}`, () => {
      const h = makeHarness();
      const c = h.core;
      wr(c, key(15, 14, 0, 1, 0), cntkctl);
      wr(c, key(15, 9, 0, 14, 0), pmuserenr);
      wr(c, key(14, 0, 6, 0, 0), teecr);
      let ours = "";
      for (const [kind, cp, opc1, a, b, d] of ops) {
        let undef: boolean;
        if (kind === "r") undef = rd(c, key(cp, a, opc1, b!, d!), true).undef;
        else if (kind === "w") undef = wr(c, key(cp, a, opc1, b!, d!), 0, true);
        else if (kind === "rr") undef = rd(c, key64(cp, opc1, a), true).undef;
        else undef = wr(c, key64(cp, opc1, a), 0, true);
        ours += undef ? "U" : ".";
      }
      const diffs = [...ours].map((ch, i) => (ch === qemuRows[ci][i] ? "" : `${JSON.stringify(ops[i])}: QEMU ${qemuRows[ci][i]}, we ${ch}`)).filter(Boolean);
      expect(diffs).toEqual([]);
    });
  });
});
