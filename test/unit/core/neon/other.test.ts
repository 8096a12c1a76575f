// Advanced SIMD two-register misc, permutes, VEXT/VTBL/VDUP, float SIMD, estimates and
// conversions: replayed against what qemu-arm 7.2 -cpu cortex-a15 computed for the same cases
// (other-qemu-vectors.json, made by other-qemu.gen.ts), plus UNDEFINED-or-not for random words.
import { describe, it, expect } from "vitest";
import { fixture, fixtureHash, cases, decode, neonHarness, runCase, compare, isLdst } from "./other-replay.js";

function replay(filter: (what: string) => boolean): string[] {
  const h = neonHarness();
  const base = h.core.getCpsr();
  const bad: string[] = [];
  let ran = 0;
  cases.forEach((c, i) => {
    if (isLdst(c) || !filter(c.what)) return;
    if (fixture.results[i].startsWith("0 ")) ran++;
    const msg = compare(c, fixture.results[i], runCase(h, c, base));
    if (msg) bad.push(msg);
  });
  if (ran < 4) bad.push(`only ${ran} cases of this group execute under QEMU`);
  return bad;
}

const groups: [string, RegExp][] = [
  ["reversals, pairwise adds, bit counts", /^(VREV|VPADDL|VPADAL|VCLS|VCLZ|VCNT|VMVN)/],
  ["saturating abs/neg, compares with zero, abs/neg (integer)", /^(VQABS|VQNEG|VC(GT|GE|EQ|LE|LT)0\.\d|VABS\.\d|VNEG\.\d)/],
  ["float compares with zero, VABS.F32, VNEG.F32", /^(VC(GT|GE|EQ|LE|LT)0\.F|VABS\.F|VNEG\.F)/],
  ["VSWP VTRN VUZP VZIP", /^(VSWP|VTRN|VUZP|VZIP)/],
  ["VMOVN VQMOVUN VQMOVN VSHLL", /^(VMOVN|VQMOVN|VSHLL)/],
  ["VCVT half precision", /^VCVT\.F(16|32)\.F/],
  ["VRECPE / VRSQRTE .U32", /^VR(ECPE|SQRTE)\.U32/],
  ["VRECPE / VRSQRTE .F32", /^VR(ECPE|SQRTE)\.F32/],
  ["VCVT float <-> integer", /^VCVT\.(F32\.[SU]32|[SU]32\.F32)/],
  ["VEXT", /^VEXT/],
  ["VTBL / VTBX", /^VTB[LX]/],
  ["VDUP (scalar)", /^VDUP/],
  ["float three-same arithmetic", /^(VADD|VSUB|VABD|VMUL|VMLA|VMLS|VFMA|VFMS|VPADD)\.F/],
  ["float three-same compares, min/max, steps", /^(VMAXNM|VMINNM|VCEQ|VCGE|VCGT|VACGE|VACGT|VMAX|VMIN|VPMAX|VPMIN|VRECPS|VRSQRTS)(\(v8\))?\.F/],
  ["float by scalar", /scalar/],
  ["VCVT fixed point", /^VCVT fixed/],
];

describe("NEON other: QEMU vectors", () => {
  it("fixture matches the case list", () => {
    expect(fixture.casesHash).toBe(fixtureHash);
    expect(fixture.results.length).toBe(cases.length);
  });
  it("every non-load/store case belongs to a group", () => {
    const orphans = cases.filter((c) => !isLdst(c) && !groups.some(([, re]) => re.test(c.what))).map((c) => c.what);
    expect(orphans).toEqual([]);
  });
  for (const [name, re] of groups) {
    it(name, () => { expect(replay((w) => re.test(w))).toEqual([]); });
  }
  it("UNDEFINED exactly where QEMU raises SIGILL (random words in these encoding spaces)", () => {
    const h = neonHarness();
    const base = h.core.getCpsr();
    const bad: string[] = [];
    decode.forEach((w, i) => {
      const c = { insn: w, d: Array(32).fill(0n), fpscr: 0, r: [64, 0, 0, 4], ptr: [true, false, false, false], mem: 1, what: "decode" };
      const got = runCase(h, c, base);
      const want = fixture.decode[i] === "U";
      if (want !== (got.sig === 4)) bad.push(`${(w >>> 0).toString(16)}: QEMU ${want ? "UNDEFINED" : "ran"}, armlet ${got.sig === 4 ? "UNDEFINED" : "ran"}`);
    });
    expect(bad).toEqual([]);
  });
});
