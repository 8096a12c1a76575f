// Every case of cases.ts against the registers QEMU 7.2 (qemu-arm -cpu cortex-a15) produced.
// Regenerate the expectations with: npx tsx test/unit/core/vfp/gen-fixtures.ts
import { describe, it, expect } from "vitest";
import { CASES, initialD, initialR } from "./cases";
import fixtures from "./qemu-fixtures.json";
import { runVfp } from "./vfp-helpers";

const hex = (v: number | bigint) => "0x" + v.toString(16);

describe("VFP against QEMU 7.2 (user mode)", () => {
  fixtures.forEach((f, k) => {
    it(f.name, () => {
      const c = CASES[k];
      expect(c.name).toBe(f.name);
      const d: Record<number, bigint> = {};
      initialD(k, c).forEach((v, i) => { d[i] = v; });
      const regs: Record<number, number> = {};
      initialR(k, c).forEach((v, i) => { regs[i] = v; });
      const h = runVfp(f.words, { d, regs, fpscr: c.fpscr ?? 0, cpsr: 0x10 });
      expect(h.core.getReg(15) >>> 0, "no exception").toBe(0x40000000 + 4 * f.words.length);
      const got = {
        r: h.regs().slice(0, 12).map(hex),
        fpscr: hex(h.fpscr()),
        nzcv: h.core.getCpsr() >>> 28,
        d: Array.from({ length: 32 }, (_, i) => h.d(i).toString(16)),
      };
      expect(got).toEqual({ r: f.r.map(hex), fpscr: hex(f.fpscr), nzcv: f.nzcv, d: f.d });
    });
  });
});
