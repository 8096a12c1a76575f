// Advanced SIMD integer data processing (A32 encodings): every neon-int row replayed against
// what qemu-arm 7.2 -cpu cortex-a15 computed for the same cases (int-qemu-vectors.json, made by
// int-qemu-vectors.gen.ts): destination registers, FPSCR (QC), a hash of the whole register
// file, and UNDEFINED where QEMU raises SIGILL. Plus a few hand-written checks.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { STATE, S_VFP, S_FPSCR, S_FPEXC } from "../../../../core/state/layout.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";
import { A32U } from "../../../../core/decode/patterns/index.js";
import { setRows, matches } from "../../../../core/decode/formats.js";
import {
  neonIntCases, neonDecodeSamples, casesHash, intRowOf, vdOf, hashWords, INT_ROWS, QC,
} from "./int-cases.js";

const MODE_UND = 0x1b;
const CPACR_KEY = dispatchKey(cp15(1, 0, 0, 2));
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("./int-qemu-vectors.json", import.meta.url)), "utf8")) as {
  casesHash: string; results: string[]; decode: string;
};
const cases = neonIntCases();
const decode = neonDecodeSamples();
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

/** Harness with CPACR and FPEXC granting FP/SIMD access. */
function neonHarness(): Harness {
  const h = makeHarness();
  h.core.writeSysreg(CPACR_KEY, 0x00f00000);
  return h;
}
const words = (h: Harness) => new Uint32Array(h.core.memory.buffer, STATE + S_VFP, 64);

/** Run one word with the given register file and FPSCR; returns whether it was UNDEFINED. */
function step(h: Harness, base: number, insn: number, d: number[], fpscr: number): boolean {
  const dv = new DataView(h.core.memory.buffer);
  words(h).set(d.map((x) => x >>> 0));
  dv.setUint32(STATE + S_FPSCR, fpscr >>> 0, true);
  dv.setUint32(STATE + S_FPEXC, 0x40000000, true);
  h.core.setCpsr(base);
  h.poke32(RAM_BASE, insn);
  h.core.setReg(15, RAM_BASE);
  h.core.run(1);
  return (h.core.getCpsr() & 0x1f) === MODE_UND && h.core.getReg(15) === 0x4;
}
const fpscrOf = (h: Harness) => new DataView(h.core.memory.buffer).getUint32(STATE + S_FPSCR, true);

describe("NEON integer: QEMU vectors", () => {
  it("fixture matches the case list", () => {
    expect(fixture.casesHash).toBe(casesHash(cases, decode));
    expect(fixture.results.length).toBe(cases.length);
  });

  it("every neon-int row has cases QEMU ran (not only UNDEFINED ones)", () => {
    const ran = new Set(cases.filter((_, i) => fixture.results[i].startsWith("0 ")).map((c) => intRowOf(c.insn)?.name));
    // VMULL.P64 needs the Crypto extension: always UNDEFINED on the A15
    const alwaysUndef = new Set(["VMULL_poly_sz2"]);
    expect(INT_ROWS.map((r) => r.name).filter((n) => !ran.has(n) && !alwaysUndef.has(n))).toEqual([]);
  });

  it("results, FPSCR.QC and the register file equal QEMU's; UNDEFINED where QEMU raises SIGILL", () => {
    const h = neonHarness();
    const base = h.core.getCpsr();
    const bad: string[] = [];
    let ran = 0, undefs = 0;
    cases.forEach((c, i) => {
      const [sig, ...out] = fixture.results[i].split(" ");
      const undef = step(h, base, c.insn, c.d, c.fpscr);
      const name = intRowOf(c.insn)?.name;
      if (sig === "4") {
        undefs++;
        if (!undef) bad.push(`${name} ${hex(c.insn)}: QEMU UNDEFINED, armlet ran it`);
        return;
      }
      if (sig !== "0") { bad.push(`${name} ${hex(c.insn)}: QEMU signal ${sig}`); return; }
      if (undef) { bad.push(`${name} ${hex(c.insn)}: armlet UNDEFINED, QEMU ran it`); return; }
      ran++;
      const d = vdOf(c.insn), d1 = (d + 1) & 31;
      const w = Array.from(words(h));
      const got = [w[2 * d], w[2 * d + 1], w[2 * d1], w[2 * d1 + 1], fpscrOf(h), hashWords(w)];
      const want = out.map((x) => parseInt(x, 16) >>> 0);
      if (got.some((g, k) => g >>> 0 !== want[k])) {
        const n = ((c.insn >>> 16) & 0xf) | ((c.insn >>> 3) & 0x10), m = (c.insn & 0xf) | ((c.insn >>> 1) & 0x10);
        const reg = (r: number) => `${hex(c.d[2 * r + 1])}${hex(c.d[2 * r])}`;
        bad.push(`${name} ${hex(c.insn)} fpscr ${hex(c.fpscr)} n=${reg(n)}:${reg((n + 1) & 31)} m=${reg(m)}:${reg((m + 1) & 31)} ` +
          `d=${reg(d)}:${reg(d1)}: want [${want.map(hex).join(" ")}] got [${got.map(hex).join(" ")}]`);
      }
    });
    expect(bad.slice(0, 20)).toEqual([]);
    expect(ran).toBeGreaterThan(3000);
    expect(undefs).toBeGreaterThan(300);
  });

  it("decodes the 1111 001x space like QEMU where a neon-int row matches, and leaves no gap there", () => {
    const h = neonHarness();
    const base = h.core.getCpsr();
    const allRows = setRows(A32U);
    const bad: string[] = [];
    decode.forEach((insn, k) => {
      const qemuUndef = fixture.decode[k] === "U";
      const mine = intRowOf(insn);
      if (mine) {
        const undef = step(h, base, insn, new Array(64).fill(0), 0);
        if (undef !== qemuUndef) bad.push(`${mine.name} ${hex(insn)}: armlet ${undef ? "UNDEFINED" : "ran it"}, QEMU ${qemuUndef ? "UNDEFINED" : "ran it"}`);
      } else if (!qemuUndef && !allRows.some((r) => matches(r, insn)) && inIntSpace(insn)) {
        bad.push(`${hex(insn)}: QEMU runs it, no row`);
      }
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });
});

describe("NEON integer: T32 encodings (111U 1111 ...) give the same results", () => {
  it("every QEMU case, re-encoded for Thumb, matches (same handlers via the A32 rewrite)", () => {
    const h = neonHarness();
    const base = (h.core.getCpsr() | 0x20) >>> 0;
    const bad: string[] = [];
    cases.forEach((c, i) => {
      const [sig, ...out] = fixture.results[i].split(" ");
      const t32 = ((0xef000000 | ((c.insn >>> 24) & 1) << 28 | (c.insn & 0x00ffffff)) >>> 0);
      const dv = new DataView(h.core.memory.buffer);
      words(h).set(c.d.map((x) => x >>> 0));
      dv.setUint32(STATE + S_FPSCR, c.fpscr >>> 0, true);
      dv.setUint32(STATE + S_FPEXC, 0x40000000, true);
      h.core.setCpsr(base);
      h.dv.setUint16(0, t32 >>> 16, true);
      h.dv.setUint16(2, t32 & 0xffff, true);
      h.core.setReg(15, RAM_BASE);
      h.core.run(1);
      const undef = (h.core.getCpsr() & 0x1f) === MODE_UND;
      if ((sig === "4") !== undef) { bad.push(`${hex(t32)}: UNDEFINED ${undef}, QEMU (A32) ${sig === "4"}`); return; }
      if (undef) return;
      const d = vdOf(c.insn), d1 = (d + 1) & 31;
      const w = Array.from(words(h));
      const got = [w[2 * d], w[2 * d + 1], w[2 * d1], w[2 * d1 + 1], fpscrOf(h), hashWords(w)];
      const want = out.map((x) => parseInt(x, 16) >>> 0);
      if (got.some((g, k) => g >>> 0 !== want[k])) bad.push(`${hex(t32)}: want [${want.map(hex).join(" ")}] got [${got.map(hex).join(" ")}]`);
      if (h.core.getReg(15) !== RAM_BASE + 4) bad.push(`${hex(t32)}: PC ${hex(h.core.getReg(15))}`);
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });
});

/** Encodings this class is responsible for (the float, misc, VEXT/VTBL/VDUP spaces excluded). */
function inIntSpace(insn: number): boolean {
  const op = (insn >>> 8) & 0xf, b4 = (insn >>> 4) & 1, b6 = (insn >>> 6) & 1, sz = (insn >>> 20) & 3;
  if (((insn >>> 23) & 1) === 0) return op < 12; // 3 same, integer
  if (b4) return op <= 10 || (((insn >>> 19) & 7) === 0 && ((insn >>> 7) & 1) === 0); // shifts, imm
  if (sz === 3) return false;
  if (!b6) return true; // 3 different
  return op !== 1 && op !== 5 && op !== 9; // by scalar, not .F32
}

describe("NEON integer: hand-checked", () => {
  const run1 = (insn: number, init: Record<number, bigint>, fpscr = 0) => {
    const h = neonHarness();
    const d = new Array(64).fill(0);
    for (const [r, v] of Object.entries(init)) { d[2 * +r] = Number(v & 0xffffffffn); d[2 * +r + 1] = Number(v >> 32n); }
    const undef = step(h, h.core.getCpsr(), insn, d, fpscr);
    const w = words(h);
    return { undef, D: (r: number) => (BigInt(w[2 * r + 1]) << 32n) | BigInt(w[2 * r]), fpscr: fpscrOf(h) };
  };

  it("VQADD.S8 d0, d1, d2 saturates and sets QC", () => {
    // f2010012: VQADD.S8 d0, d1, d2
    const r = run1(0xf2010012, { 1: 0x7f80_0102_0304_0506n, 2: 0x0180_0101_0101_0101n });
    expect(r.D(0)).toBe(0x7f80_0203_0405_0607n);
    expect(r.fpscr & QC).toBe(QC);
  });

  it("VADD.I64 q0, q1, q2 wraps without QC", () => {
    // f2320844: VADD.I64 q0, q1, q2
    const r = run1(0xf2320844, { 2: 0xffff_ffff_ffff_ffffn, 3: 5n, 4: 1n, 5: 7n });
    expect([r.D(0), r.D(1), r.fpscr & QC]).toEqual([0n, 12n, 0]);
  });

  it("Q form with an odd register is UNDEFINED; disabled FPEXC.EN is UNDEFINED", () => {
    expect(run1(0xf2320846, {}).undef).toBe(false); // VADD.I64 q0, q1, q3
    expect(run1(0xf2330844, {}).undef).toBe(true); // Vn = d3 with Q = 1
    const h = neonHarness();
    new DataView(h.core.memory.buffer).setUint32(STATE + S_FPEXC, 0, true);
    h.poke32(RAM_BASE, 0xf2320844);
    h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.core.getCpsr() & 0x1f).toBe(MODE_UND);
  });

  it("VMOV.I64 d0, #imm expands each imm8 bit to a byte (AdvSIMDExpandImm, op = 1, cmode = 1110)", () => {
    const r = run1(0xf3870e3f, {}); // VMOV.I64 d0, #0xffffffffffffffff (imm8 = 0xff)
    expect(r.undef).toBe(false);
    const imm8 = 0x80 | (7 << 4) | 0xf; // i:imm3:imm4 = 1:111:1111
    let want = 0n;
    for (let k = 0; k < 8; k++) if ((imm8 >> k) & 1) want |= 0xffn << BigInt(8 * k);
    expect(r.D(0)).toBe(want);
  });
});
