// Random A64 test cases for the differential harness (roms/src/diff-harness-a64.S). Words are
// drawn from the rows of the core's A64 decode table (core/decode/patterns), so coverage grows
// as rows land; a64-sanitize.ts constrains each word by its encoding class, and the word must
// still decode to the same row. With `space`, the rows are the encoding classes themselves
// (a64-space.ts): that checks the harness and the constraints against QEMU before the core
// decodes a class. Words binutils cannot decode are mostly drawn again (see testCases), so the
// cases of a seed depend on aarch64-linux-gnu-objdump; its version can change them.
import { A64 } from "../../core/decode/patterns/index.js";
import { decodeRef, setRows, type DecoderSet, type Row } from "../../core/decode/formats.js";
import { Rng } from "./rng.js";
import { dRegs } from "./fp-values.js";
import { disassemble } from "./report.js";
import { A64_SPACE, allocatedWords } from "./a64-space.js";
import { a64Class, isFpWord, movImm32, SVC_END } from "./a64-encoding.js";
import { Reject, sanitize, type BranchField, type Draft } from "./a64-sanitize.js";
import { WINDOW_ADDR, WINDOW_BYTES, type A64Case, type A64Insn } from "./a64-program.js";

/** Rows never generated, by name, with the reason. */
export const DO_NOT_TEST: Record<string, string> = {
  ERET: "exception return would leave the case",
  DRPS: "exception return would leave the case",
  HVC: "HVC/SMC are PSCI calls on virt (QEMU handles them itself)",
  SMC: "HVC/SMC are PSCI calls on virt (QEMU handles them itself)",
  HLT: "HLT #0xf000 is the semihosting call the harness exits with",
  WFI: "waits for an interrupt",
  WFE: "waits for an event",
};

/** Acceptance probability of words that end the case (SVC, BRK, UDF, SYSL...): keep them rare. */
const RARE: Record<string, number> = { exception: 0.15, reserved: 0.2, unallocated: 0.2, sve: 0.2, sysl: 0.1 };
const rareKey = (w: number) => { const c = a64Class(w); return c === "sys" && (w >>> 21) & 1 ? "sysl" : c; };

export type A64Mode = "EL1h" | "EL1t" | "EL0t";
const MODE_BITS: Record<A64Mode, number> = { EL1h: 5, EL1t: 4, EL0t: 0 };

export interface A64GenOptions {
  /** Test instruction groups per case (set-up instructions not counted). */
  insnsPerCase?: number;
  /** Only rows whose name matches. */
  only?: RegExp;
  /** FP boot: cases carry V0..V31 and draw FP/SIMD rows most of the time. */
  fp?: boolean;
  /** Boot with SCTLR_EL1.A set: more misaligned addresses. */
  alignCheck?: boolean;
  /** Where cases run, drawn per case (default: EL1h 70 %, EL0t 20 %, EL1t 10 %). */
  modes?: A64Mode[];
  /** Draw from the encoding classes (a64-space.ts) instead of the core's table. */
  space?: boolean;
}

interface RowInfo { row: Row; set: DecoderSet; fp: boolean }

/** One drawn instruction with its set-up; the branch fields are resolved by testCase(). */
interface Group { insns: A64Insn[]; branch?: BranchField; target?: boolean }

/** A 64-bit register value biased toward edge cases. */
export function regValue64(rng: Rng): bigint {
  switch (rng.int(10)) {
    case 0: case 1: return BigInt(rng.regValue());
    case 2: return BigInt.asUintN(64, BigInt(rng.regValue() | 0));
    case 3: return rng.pick([0n, 1n, 2n, (1n << 64n) - 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, 1n << 32n,
      0xffff_ffff_0000_0000n, 0x0000_0000_ffff_ffffn, 0x8000_0000n, 0x7fff_ffffn, 0xffff_ffff_ffff_fffen]);
    default: return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
  }
}

export class A64Generator {
  readonly set: DecoderSet;
  readonly testable: RowInfo[] = [];
  readonly excluded = new Map<string, string>();
  /** Test instructions drawn, per row, per exec module (class) and per encoding class. */
  readonly counts = new Map<string, number>();
  readonly classCounts = new Map<string, number>();
  readonly encCounts = new Map<string, number>();
  fpInsns = 0;
  intInsns = 0;
  /** With `space`: the words each row draws from (those binutils decodes). */
  private pool?: Map<string, number[]>;

  constructor(private rng: Rng, private opts: A64GenOptions = {}) {
    this.set = opts.space ? A64_SPACE : A64;
    if (opts.space) this.pool = spacePool();
    const probe = new Rng(0x5eed);
    for (const row of setRows(this.set)) {
      if (opts.only && !opts.only.test(row.name)) continue;
      const named = row.opts.doNotTest ?? DO_NOT_TEST[row.name];
      if (named) { this.excluded.set(row.name, named); continue; }
      // Rows whose every encoding the sanitizer refuses are out too, with its reason.
      const why = new Map<string, number>();
      let fp: boolean | undefined;
      for (let i = 0; i < 64 && fp === undefined; i++) {
        const r = this.tryRow({ row, set: this.set, fp: false }, probe);
        if (typeof r === "string") why.set(r, (why.get(r) ?? 0) + 1);
        else fp = isFpWord(r.insns[r.insns.length - 1].word);
      }
      if (fp !== undefined) { this.testable.push({ row, set: this.set, fp }); continue; }
      this.excluded.set(row.name, [...why.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "?");
    }
  }

  /** One attempt at an instruction for a row: the group, or why not. */
  private tryRow(info: RowInfo, rng: Rng): Group | string {
    const { row, set } = info;
    const pool = this.pool?.get(row.name);
    const word = pool?.length ? rng.pick(pool) : ((rng.u32() & ~row.mask) | row.value) >>> 0;
    const d: Draft = { word, row, rng, cls: a64Class(word), setup: [], before: [], alignCheck: !!this.opts.alignCheck };
    try { sanitize(d); } catch (e) { if (e instanceof Reject) return e.message; throw e; }
    const got = decodeRef(set, d.word);
    if (got?.name !== row.name) return `re-decodes as ${got?.name ?? "nothing"}`;
    const insns: A64Insn[] = d.setup.map((w) => ({ word: w, row: "setup", set: "", cls: "" }));
    if (d.target !== undefined) {
      // Placeholder MOVZ/MOVK of the target's address, patched by the image builder.
      for (const w of movImm32(d.target, 0)) insns.push({ word: w, row: "setup", set: "", cls: "" });
    }
    for (const b of d.before) {
      const br = decodeRef(set, b);
      insns.push({ word: b, row: br?.name ?? "?", set: set.name, cls: br?.exec ?? "" });
    }
    const fix = d.literalAlign ? { kind: "lit" as const, to: d.literalAlign } : undefined;
    insns.push({ word: d.word, row: row.name, set: set.name, cls: row.exec ?? "", fix });
    return { insns, branch: d.branch, target: d.target !== undefined };
  }

  /** A random test instruction with its set-up. */
  group(): Group {
    if (this.testable.length === 0) throw new Error("no testable rows");
    const fpRows = this.testable.filter((r) => r.fp), intRows = this.testable.filter((r) => !r.fp);
    for (;;) {
      const pool = this.opts.fp && fpRows.length && (this.rng.chance(0.85) || !intRows.length) ? fpRows : intRows.length ? intRows : fpRows;
      const info = this.rng.pick(pool);
      const r = this.tryRow(info, this.rng);
      if (typeof r === "string") continue;
      const rare = RARE[rareKey(r.insns[r.insns.length - 1].word)];
      if (rare !== undefined && !this.rng.chance(rare)) continue;
      return r;
    }
  }

  /**
   * `n` whole test cases: random registers, flags and FP state, instructions, the final SVC.
   * A word binutils cannot decode is UNDEFINED on the A57 too and would end its case at once:
   * most of them (rows whose fields reach unallocated encodings) are drawn again.
   */
  testCases(n: number): A64Case[] {
    const drafts = Array.from({ length: n }, () => this.caseState());
    const groups = drafts.map(() => Array.from({ length: this.opts.insnsPerCase ?? 20 }, () => this.group()));
    let redraw = groups.flatMap((gs, c) => gs.map((g, k) => [c, k]));
    for (let round = 0; round < 4 && redraw.length; round++) {
      const words = redraw.map(([c, k]) => groups[c][k].insns[groups[c][k].insns.length - 1].word);
      const undef = undecodable(words);
      redraw = redraw.filter((_, i) => undef[i] && !this.rng.chance(KEEP_UNDEFINED));
      for (const [c, k] of redraw) groups[c][k] = this.group();
    }
    return drafts.map((d, c) => this.layout(d, groups[c]));
  }

  /** One test case (see testCases). */
  testCase(): A64Case { return this.testCases(1)[0]; }

  /** A case's state on entry. */
  private caseState(): Omit<A64Case, "insns"> {
    const rng = this.rng;
    const mode: A64Mode = this.opts.modes ? rng.pick(this.opts.modes) : rng.chance(0.7) ? "EL1h" : rng.chance(2 / 3) ? "EL0t" : "EL1t";
    const x = Array.from({ length: 31 }, () => regValue64(rng));
    const stack = BigInt(WINDOW_ADDR + WINDOW_BYTES / 2 + (rng.int(129) - 64) * 16);
    const other = regValue64(rng);
    const spsr = ((rng.u32() & 0xf0000000) | ((rng.u32() & 0xf) << 6) | MODE_BITS[mode]) >>> 0;
    let fpcr = rng.u32() & 0x07c00000; // AHP, DN, FZ, RMode
    if (rng.chance(0.05)) fpcr |= rng.u32() & 0x0037df00; // trap enables, FZ16, Len, Stride
    let fpsr = rng.chance(0.5) ? 0 : rng.u32() & 0x0800009f;
    if (rng.chance(0.05)) fpsr |= rng.u32() & 0xf0000000;
    const v = this.opts.fp ? vRegs(rng) : undefined;
    const el1h = mode === "EL1h";
    return { x, sp0: el1h ? other : stack, sp1: el1h ? stack : other, spsr, fpcr: fpcr >>> 0, fpsr: fpsr >>> 0, v };
  }

  /** The case's code: its groups in order, branch targets resolved, the final SVC; counted. */
  private layout(state: Omit<A64Case, "insns">, groups: Group[]): A64Case {
    const starts: number[] = [];
    let total = 0;
    for (const g of groups) { starts.push(total); total += g.insns.length; }
    starts.push(total); // the final SVC
    const insns: A64Insn[] = [];
    groups.forEach((g, k) => {
      // Branches go forward to the start of one of the next few groups, or to the final SVC.
      const to = starts[Math.min(groups.length, k + 1 + this.rng.int(4))];
      const last = g.insns.length - 1;
      g.insns.forEach((ins, i) => {
        if (i === last && g.branch) ins = { ...ins, fix: { kind: g.branch, to } };
        if (g.target && i === last - 2) ins = { ...ins, fix: { kind: "lo16", to } };
        if (g.target && i === last - 1) ins = { ...ins, fix: { kind: "hi16", to } };
        insns.push(ins);
        if (ins.row !== "setup") this.count(ins);
      });
    });
    insns.push({ word: SVC_END, row: "end", set: "", cls: "" });
    return { ...state, insns };
  }

  private count(i: A64Insn) {
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    bump(this.counts, i.row);
    bump(this.classCounts, i.cls);
    bump(this.encCounts, a64Class(i.word));
    if (isFpWord(i.word)) this.fpInsns++; else this.intInsns++;
  }
}

export const OBJDUMP64 = "aarch64-linux-gnu-objdump";

/** Share of undecodable words kept: UNDEFINED encodings are tested, but rarely. */
const KEEP_UNDEFINED = 0.15;

/** Which words binutils cannot decode. The cases of a seed depend on it, so it is required. */
function undecodable(words: number[]): boolean[] {
  const dis = disassemble(words, 0, undefined, "aarch64");
  if (words.length && dis.every((d) => d === "")) throw new Error(`${OBJDUMP64} (Debian binutils-aarch64-linux-gnu) is needed to generate A64 cases`);
  return dis.map((d) => /undefined|^\.inst/.test(d));
}

let spaceCache: Map<string, number[]> | undefined;
const spacePool = () => (spaceCache ??= allocatedWords());

/** V0..V31 from the FP operand pools: each half a double, two singles, lanes or random bits. */
function vRegs(rng: Rng): bigint[] {
  const lo = dRegs(rng), hi = dRegs(rng);
  const d = ([l, h]: [number, number]) => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
  return lo.map((p, i) => (d(hi[i]) << 64n) | d(p));
}
