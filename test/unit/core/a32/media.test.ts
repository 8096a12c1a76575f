// A32 media instructions, parallel add/subtract, saturation, CLZ: replayed against what
// qemu-arm 7.2 -cpu cortex-a15 computed for the same cases (media-qemu-vectors.json, made by
// media-qemu-vectors.gen.ts), plus hand-checked cases QEMU user mode cannot show (Rd = PC,
// PC as an operand, condition failed).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeHarness, runA32, RAM_BASE, Q, type Harness } from "../../../helpers/core-harness.js";
import { mediaCases, casesHash, enc, mediaRowOf, MEDIA_ROWS } from "./media-cases.js";

const FLAG_BITS = 0xf80f0000; // N Z C V Q and GE[3:0]
const MODE_UND = 0x1b;
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("./media-qemu-vectors.json", import.meta.url)), "utf8")) as {
  casesHash: string; results: string[]; decode: string;
};
const { cases, decode } = mediaCases();
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

/** Runs one instruction word on a reused harness; returns whether it was UNDEFINED. */
function step(h: Harness, baseCpsr: number, insn: number, regs: number[], apsr: number): boolean {
  h.core.setCpsr(((baseCpsr & ~FLAG_BITS) | (apsr & FLAG_BITS)) >>> 0);
  regs.forEach((v, i) => h.core.setReg(i, v >>> 0));
  h.poke32(RAM_BASE, insn);
  h.core.setReg(15, RAM_BASE);
  h.core.run(1);
  return (h.core.getCpsr() & 0x1f) === MODE_UND && h.core.getReg(15) === 0x4;
}

describe("A32 media: QEMU vectors", () => {
  it("fixture matches the case list", () => {
    expect(fixture.casesHash).toBe(casesHash(cases, decode));
    expect(fixture.results.length).toBe(cases.length);
    expect(fixture.decode.length).toBe(decode.length);
  });

  it("every media row has QEMU value cases", () => {
    const covered = new Set(cases.map((c) => mediaRowOf(c.insn)?.name));
    expect(MEDIA_ROWS.map((r) => r.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it("results, Q and GE flags equal QEMU's, and UNDEFINED where QEMU raises SIGILL", () => {
    const h = makeHarness();
    const base = h.core.getCpsr();
    const bad: string[] = [];
    cases.forEach((c, i) => {
      const [sig, ...out] = fixture.results[i].split(" ");
      const undef = step(h, base, c.insn, c.in.slice(0, 5), c.in[5]);
      const name = mediaRowOf(c.insn)?.name;
      if (sig === "4") {
        if (!undef) bad.push(`${name} ${hex(c.insn)}: QEMU UNDEFINED, armlet ran it`);
        return;
      }
      if (sig !== "0") { bad.push(`${name} ${hex(c.insn)}: QEMU signal ${sig}`); return; }
      if (undef) { bad.push(`${name} ${hex(c.insn)}: armlet UNDEFINED, QEMU ran it`); return; }
      const want = out.map((x) => parseInt(x, 16) >>> 0);
      const got = [...h.regs().slice(0, 5), h.core.getCpsr() & FLAG_BITS];
      want[5] = (want[5] & FLAG_BITS) >>> 0;
      if (got.some((g, k) => g >>> 0 !== want[k])) {
        bad.push(`${name} ${hex(c.insn)} in [${c.in.map(hex).join(" ")}]: want [${want.map(hex).join(" ")}] got [${got.map(hex).join(" ")}]`);
      }
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("decodes the 0110 / 0111 1xxx media space exactly as QEMU (UNDEFINED or not)", () => {
    const h = makeHarness();
    const base = h.core.getCpsr();
    const bad: string[] = [];
    decode.forEach((insn, k) => {
      const qemuUndef = fixture.decode[k] === "U";
      const ours = mediaRowOf(insn);
      const inMediaSpace = ((insn >>> 24) & 0xf) === 0x6 || ((insn >>> 23) & 0x1f) === 0xf;
      // single-bit neighbours outside the space belong to other classes, unless a media row matches
      if (!inMediaSpace && !ours) return;
      if (!qemuUndef && !ours) bad.push(`${hex(insn)}: QEMU runs it, no media row`);
      const undef = step(h, base, insn, [0x100, 0x104, 0x108, 0x10c, 0x110], 0);
      if (undef !== qemuUndef) bad.push(`${hex(insn)}: armlet ${undef ? "UNDEFINED" : "ran it"}, QEMU ${qemuUndef ? "UNDEFINED" : "ran it"}`);
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });
});

describe("A32 media: cases QEMU user mode cannot show", () => {
  const STD = { n: 0, m: 1, d: 4 };

  it("SADD16 sets GE per halfword; a failed condition changes nothing", () => {
    // GE looks at the exact sums: hi -32768 + -1 = -32769 (GE[3:2] clear, wraps to 0x7fff),
    // lo 3 + -2 = 1 (GE[1:0] set); and 0x7fff + 1 = +32768 sets GE although it wraps to 0x8000
    let h = runA32([enc("SADD16", STD)], { regs: { 0: 0x80000003, 1: 0xfffffffe } });
    expect(h.regs()[4]).toBe(0x7fff0001);
    expect((h.core.getCpsr() >>> 16) & 0xf).toBe(0b0011);
    h = runA32([enc("SADD16", STD)], { regs: { 0: 0x00007fff, 1: 0x00000001 } });
    expect(h.regs()[4]).toBe(0x00008000);
    expect((h.core.getCpsr() >>> 16) & 0xf).toBe(0b1111);
    // NE with Z set: not executed, GE kept at its old value
    h = runA32([enc("SADD16", { ...STD, c: 1 })], { regs: { 0: 0x7fffffff, 1: 0x00010002, 4: 7 }, cpsr: 0x400f01d3 });
    expect(h.regs()[4]).toBe(7);
    expect((h.core.getCpsr() >>> 16) & 0xf).toBe(0xf);
  });

  it("Q is sticky: a non-saturating QADD leaves it set, a saturating one sets it", () => {
    let h = runA32([enc("QADD", STD)], { regs: { 0: 1, 1: 2 }, cpsr: Q | 0x1d3 });
    expect(h.regs()[4]).toBe(3);
    expect(h.core.getCpsr() & Q).toBe(Q);
    h = runA32([enc("QADD", STD)], { regs: { 0: 0x7fffffff, 1: 1 }, cpsr: 0x1d3 });
    expect(h.regs()[4]).toBe(0x7fffffff);
    expect(h.core.getCpsr() & Q).toBe(Q);
    // QDADD: doubling saturates on its own (Q set) even though the final sum is in range
    h = runA32([enc("QDADD", STD)], { regs: { 0: 0x40000000, 1: 0x80000000 }, cpsr: 0x1d3 });
    expect(h.regs()[4]).toBe(0xffffffff);
    expect(h.core.getCpsr() & Q).toBe(Q);
  });

  it("PC as an operand reads the instruction address + 8", () => {
    let h = runA32([enc("PKHBT", { n: 15, m: 1, d: 4, i: 16 })], { regs: { 1: 0x1234 } });
    expect(h.regs()[4]).toBe(0x12340000 | ((RAM_BASE + 8) & 0xffff));
    h = runA32([enc("SEL", { n: 15, m: 1, d: 4 })], { regs: { 1: 0x11223344 }, cpsr: 0x00030000 | 0x1d3 });
    expect(h.regs()[4]).toBe(0x11220000 | ((RAM_BASE + 8) & 0xffff));
    h = runA32([enc("QADD", { n: 15, m: 1, d: 4 })], { regs: { 1: 4 } });
    expect(h.regs()[4]).toBe(RAM_BASE + 12);
    h = runA32([enc("BFI", { n: 0, d: 15, l: 4, m: 7 }), 0, 0, 0, 0, 0], { regs: { 0: 0 } }, 1);
    // Rd = PC: BFI reads PC + 8, clears bits [7:4] and branches there (bits [1:0] cleared)
    expect(h.regs()[15]).toBe((RAM_BASE + 8) & ~0xf0);
  });

  it("Rd = PC branches with bits [1:0] cleared and no interworking (QEMU store_reg)", () => {
    const h = runA32([enc("UADD8", { n: 0, m: 1, d: 15 })], { regs: { 0: RAM_BASE + 0x100, 1: 3 } });
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.core.getCpsr() & 0x20).toBe(0); // still ARM state
    const h2 = runA32([enc("REV", { m: 1, d: 15 })], { regs: { 1: 0x21000040 } });
    expect(h2.regs()[15]).toBe(0x40000020);
    expect(h2.core.getCpsr() & 0x20).toBe(0);
  });

  it("bit-field limits: full-width fields work, lsb + width > 32 and msb < lsb are UNDEFINED", () => {
    expect(runA32([enc("UBFX", { n: 0, d: 4, l: 0, w: 31 })], { regs: { 0: 0xdeadbeef } }).regs()[4]).toBe(0xdeadbeef);
    expect(runA32([enc("SBFX", { n: 0, d: 4, l: 31, w: 0 })], { regs: { 0: 0x80000000 } }).regs()[4]).toBe(0xffffffff);
    expect(runA32([enc("BFI", { n: 0, d: 4, l: 0, m: 31 })], { regs: { 0: 0x12345678, 4: 1 } }).regs()[4]).toBe(0x12345678);
    expect(runA32([enc("BFC", { d: 4, l: 31, m: 31 })], { regs: { 4: 0xffffffff } }).regs()[4]).toBe(0x7fffffff);
    for (const insn of [enc("UBFX", { n: 0, d: 4, l: 1, w: 31 }), enc("SBFX", { n: 0, d: 4, l: 31, w: 1 }),
      enc("BFI", { n: 0, d: 4, l: 5, m: 4 }), enc("BFC", { d: 4, l: 31, m: 0 })]) {
      const h = runA32([insn], { regs: { 4: 0x55 }, cpsr: 0x1d3 });
      expect(h.core.getCpsr() & 0x1f).toBe(MODE_UND);
      expect(h.regs()[4]).toBe(0x55);
      expect(h.regs()[14]).toBe(RAM_BASE + 4);
    }
  });

  it("SSAT / USAT at the width limits", () => {
    // SSAT #32 (sat_imm 31) never saturates; USAT #0 clamps everything to 0, setting Q for positives
    let h = runA32([enc("SSAT", { n: 0, d: 4, s: 31 })], { regs: { 0: 0x80000000 }, cpsr: 0x1d3 });
    expect(h.regs()[4]).toBe(0x80000000);
    expect(h.core.getCpsr() & Q).toBe(0);
    h = runA32([enc("USAT", { n: 0, d: 4, s: 0 })], { regs: { 0: 1 }, cpsr: 0x1d3 });
    expect(h.regs()[4]).toBe(0);
    expect(h.core.getCpsr() & Q).toBe(Q);
    // SSAT #1 with ASR #32 (imm 0, sh 1): -1 fits, no Q
    h = runA32([enc("SSAT", { n: 0, d: 4, s: 0, h: 1, i: 0 })], { regs: { 0: 0x80000000 }, cpsr: 0x1d3 });
    expect(h.regs()[4]).toBe(0xffffffff);
    expect(h.core.getCpsr() & Q).toBe(0);
  });
});
