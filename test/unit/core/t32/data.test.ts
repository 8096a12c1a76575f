// 32-bit Thumb data processing, multiply, divide and media: replayed against what qemu-arm 7.2
// -cpu cortex-a15 computed for the same cases (data-qemu-vectors.json, made by
// data-qemu-vectors.gen.ts), plus hand-checked cases QEMU user mode cannot show (Rd = PC,
// PC operands, exception returns, privileged modes).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeHarness, runT32, poke16, RAM_BASE, N, Z, C, V, type Harness } from "../../../helpers/core-harness.js";
import { dataCases, casesHash, enc, dataRowOf, DATA_ROWS, PC_RELATIVE } from "./data-cases.js";
import { T32 } from "../../../../core/decode/patterns/index.js";
import { setRows, decodeRef } from "../../../../core/decode/formats.js";
import { S_SPSR_SVC } from "../../../../core/state/layout.js";

const FLAG_BITS = 0xf80f0000; // N Z C V Q and GE[3:0]
const MODE_UND = 0x1b, MODE_USR = 0x10, MODE_SVC = 0x13, T_BIT = 0x20;
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("./data-qemu-vectors.json", import.meta.url)), "utf8")) as {
  slot: string; casesHash: string; results: string[]; decode: string;
};
const { cases, decode } = dataCases();
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
/** Where QEMU ran the word (2 mod 4); we run it at the same offset in our RAM. */
const QEMU_SLOT = parseInt(fixture.slot, 16);
const PC = RAM_BASE + QEMU_SLOT;

type Core = Harness["core"] & { decodeRowT32(insn: number): number };
let stepCount = 0;
/** Execute one T32 word at pc through the Thumb step (hw1 first in memory). */
function execAt(h: Harness, pc: number, insn: number): void {
  poke16(h, pc, insn >>> 16, insn & 0xffff);
  h.core.setReg(15, pc);
  // a fresh icount per step, so a run of UNDEFINED samples is no exception loop to the detector
  h.core.setIcountF(++stepCount * 2);
  h.core.run(1);
}
const coreOf = (h: Harness) => h.core as Core;

/** Runs one T32 word at pc with r0..r4 = regs (r5..r12 as the QEMU program sets them); true if UNDEFINED. */
function step(h: Harness, insn: number, regs: number[], apsr: number, mode = MODE_SVC, pc = PC): boolean {
  h.core.setCpsr(((mode | T_BIT | 0x1c0) | (apsr & FLAG_BITS)) >>> 0);
  regs.forEach((v, i) => h.core.setReg(i, v >>> 0));
  for (let r = 5; r <= 12; r++) h.core.setReg(r, 0x100 + 4 * r);
  execAt(h, pc, insn);
  return (h.core.getCpsr() & 0x1f) === MODE_UND && h.core.getReg(15) === 0x4;
}

describe("T32 data processing: QEMU vectors", () => {
  it("fixture matches the case list", () => {
    expect(fixture.casesHash).toBe(casesHash(cases, decode));
    expect(fixture.results.length).toBe(cases.length);
    expect(fixture.decode.length).toBe(decode.length);
  });

  it("every row has QEMU value cases", () => {
    const covered = new Set(cases.map((c) => dataRowOf(c.insn)?.name));
    expect(DATA_ROWS.map((r) => r.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it("results and N Z C V Q GE equal QEMU's, and UNDEFINED where QEMU raises SIGILL", () => {
    const h = makeHarness();
    const bad: string[] = [];
    cases.forEach((c, i) => {
      const [sig, ...out] = fixture.results[i].split(" ");
      const undef = step(h, c.insn, c.in.slice(0, 5), c.in[5]);
      const row = dataRowOf(c.insn)!;
      if (sig === "4") {
        if (!undef) bad.push(`${row.name} ${hex(c.insn)}: QEMU UNDEFINED, armlet ran it`);
        return;
      }
      if (sig !== "0") { bad.push(`${row.name} ${hex(c.insn)}: QEMU signal ${sig}`); return; }
      if (undef) { bad.push(`${row.name} ${hex(c.insn)}: armlet UNDEFINED, QEMU ran it`); return; }
      const want = out.map((x) => parseInt(x, 16) >>> 0);
      want[5] = (want[5] & FLAG_BITS) >>> 0;
      if (PC_RELATIVE.has(row.name)) { const d = (c.insn >>> 8) & 0xf; want[d] = (want[d] + RAM_BASE) >>> 0; }
      const got = [...h.regs().slice(0, 5), (h.core.getCpsr() & FLAG_BITS) >>> 0];
      if (got.some((g, k) => g >>> 0 !== want[k]) || h.core.getReg(15) !== PC + 4) {
        bad.push(`${row.name} ${hex(c.insn)} in [${c.in.map(hex).join(" ")}]: want [${want.map(hex).join(" ")}] got [${got.map(hex).join(" ")}] pc ${hex(h.core.getReg(15))}`);
      }
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("decode samples: UNDEFINED exactly where QEMU raises SIGILL (User mode)", () => {
    const h = makeHarness();
    const bad: string[] = [];
    decode.forEach((w, i) => {
      const undef = step(h, w, [0x100, 0x104, 0x108, 0x10c, 0x110], 0, MODE_USR);
      if (undef !== (fixture.decode[i] === "U")) bad.push(`${hex(w)} (${dataRowOf(w)?.name ?? "no row"}): QEMU ${fixture.decode[i]}, armlet ${undef ? "U" : "-"}`);
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("the wasm T32 decoder agrees with the reference decoder on the data-processing spaces", () => {
    const h = makeHarness();
    const rows = setRows(T32);
    let s = 99;
    const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; return (s >>>= 0); };
    for (let i = 0; i < 50_000; i++) {
      const w = (next() & 0x07ffffff | (i & 1 ? 0xf0000000 : 0xe8000000)) >>> 0;
      const ref = decodeRef(T32, w);
      const want = ref ? rows.indexOf(ref) : -1;
      const got = coreOf(h).decodeRowT32(w);
      if (got !== want) throw new Error(`word ${hex(w)}: wasm row ${got} (${rows[got]?.name}), reference ${want} (${ref?.name})`);
    }
  });
});

describe("T32 data processing: cases QEMU user mode cannot show", () => {
  /** Run with registers set after the defaults (so r13/r14 can be given). */
  function exec(insn: number, regs: Record<number, number>, apsr = 0, mode = MODE_SVC, pc = PC): Harness {
    const h = makeHarness();
    h.core.setCpsr((mode | T_BIT | 0x1c0 | apsr) >>> 0);
    for (let r = 0; r <= 14; r++) h.core.setReg(r, 0);
    for (const [k, v] of Object.entries(regs)) h.core.setReg(Number(k), v >>> 0);
    execAt(h, pc, insn);
    return h;
  }

  it("PC as an operand reads as the address + 4 (ADD.W r0, pc, r1); ADR uses Align(PC, 4)", () => {
    const pc = RAM_BASE + 0x102; // 2 mod 4
    let h = exec(enc("T_ADD_reg", { n: 15, m: 1, d: 0 }), { 1: 0x10 }, 0, MODE_SVC, pc);
    expect(h.core.getReg(0) >>> 0).toBe(pc + 4 + 0x10);
    h = exec(enc("T_ADR_add", { d: 3, i: 0, ...{} }) | 0x21, {}, 0, MODE_SVC, pc); // ADR r3, #0x21
    expect(h.core.getReg(3) >>> 0).toBe(((pc + 4) & ~3) + 0x21);
    h = exec(enc("T_ADR_sub", { d: 3 }) | 0x10, {}, 0, MODE_SVC, pc);
    expect(h.core.getReg(3) >>> 0).toBe(((pc + 4) & ~3) - 0x10);
  });

  it("Rd = PC branches without interworking (bit 0 cleared, stays Thumb); ADR to PC interworks", () => {
    let h = exec(enc("T_ADD_reg", { n: 1, m: 2, d: 15 }), { 1: RAM_BASE + 0x200, 2: 0 });
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 0x200);
    expect(h.core.getCpsr() & T_BIT).toBe(T_BIT);
    h = exec(enc("T_ORR_imm", { n: 1, d: 15 }) | 0x01, { 1: RAM_BASE + 0x300 }); // ORR pc, r1, #1
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 0x300);
    expect(h.core.getCpsr() & T_BIT).toBe(T_BIT);
    h = exec(enc("T_MOVW", { d: 15 }) | 0x81, {}); // MOVW pc, #0x81
    expect(h.core.getReg(15) >>> 0).toBe(0x80);
    // ADR pc, #0 with Align(PC, 4) = ...4: bit 0 clear, so ARM state
    h = exec(enc("T_ADR_add", { d: 15 }), {}, 0, MODE_SVC, RAM_BASE + 0x100);
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 0x104);
    expect(h.core.getCpsr() & T_BIT).toBe(0);
  });

  it("MOVS PC, LR and LSLS PC, LR, r0 (T32 with S) are exception returns in SVC mode, UNDEFINED in User mode", () => {
    for (const insn of [enc("T_MOV_reg", { S: 1, d: 15, m: 14 }), enc("T_MOV_rsr", { S: 1, d: 15, n: 14, m: 0 })]) {
      const h = makeHarness();
      h.core.setCpsr(MODE_SVC | 0x1c0 | T_BIT);
      // SPSR_svc: User mode, Thumb, Z set
      new DataView(h.core.memory.buffer).setUint32(h.core.stateBase() + S_SPSR_SVC, 0x40000030, true);
      h.core.setReg(0, 0);
      h.core.setReg(14, RAM_BASE + 0x401);
      execAt(h, PC, insn);
      expect(h.core.getCpsr() >>> 0).toBe(0x40000030);
      expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 0x400);
      const u = exec(insn, { 14: RAM_BASE + 0x400 }, 0, MODE_USR);
      expect(u.core.getCpsr() & 0x1f).toBe(MODE_UND);
    }
  });

  it("flag setting follows S only; compares set flags and write nothing", () => {
    // ADDS.W r0, r1, #1 on 0xffffffff: Z and C
    let h = exec(enc("T_ADD_imm", { S: 1, n: 1, d: 0 }) | 1, { 1: 0xffffffff });
    expect(h.core.getReg(0) >>> 0).toBe(0);
    expect((h.core.getCpsr() & (N | Z | C | V)) >>> 0).toBe((Z | C) >>> 0);
    // ADD.W without S leaves the flags
    h = exec(enc("T_ADD_imm", { S: 0, n: 1, d: 0 }) | 1, { 1: 0xffffffff }, N | V);
    expect((h.core.getCpsr() & (N | Z | C | V)) >>> 0).toBe((N | V) >>> 0);
    // CMP.W r1, #1 with r0 untouched
    h = exec(enc("T_CMP_imm", { n: 1 }) | 1, { 0: 0x55, 1: 1 });
    expect(h.core.getReg(0)).toBe(0x55);
    expect((h.core.getCpsr() & (N | Z | C | V)) >>> 0).toBe((Z | C) >>> 0);
  });

  it("every T32 data row decodes through the wasm decoder to itself", () => {
    const h = makeHarness();
    const rows = setRows(T32);
    for (const r of DATA_ROWS) {
      const w = enc(r.name, {});
      const ref = decodeRef(T32, w)!;
      expect(coreOf(h).decodeRowT32(w), r.name).toBe(rows.indexOf(ref));
    }
  });

  it("through the Thumb step: IT blocks, S forms inside them, register shifts and long multiplies (qemu-arm 7.2 values)", () => {
    // movs r0,#0; cmp r0,#0; ite eq; addeq.w r1,r1,#1; addsne.w r2,r2,#1; it eq; addseq.w r3,r3,#255;
    // lsls.w r4,r5,r6; smull r7,r8,r5,r5 -- run under qemu-arm -cpu cortex-a15 from NZCV = 1111
    const h = runT32([0x2000, 0x2800, 0xbf0c, 0xf101, 0x0101, 0xf112, 0x0201, 0xbf08, 0xf113, 0x03ff,
      0xfa15, 0xf406, 0xfb85, 0x7805], { regs: { 1: 10, 2: 20, 3: 0xffffff01, 5: 0x80000003, 6: 1 }, cpsr: 0xf00001d3 });
    expect(h.regs().slice(0, 9)).toEqual([0, 0xb, 0x14, 0, 6, 0x80000003, 1, 9, 0x3ffffffd]);
    expect((h.core.getCpsr() & 0xf8000000) >>> 0).toBe(0x20000000);
    expect(h.core.getReg(15) >>> 0).toBe(RAM_BASE + 28);
  });
});
