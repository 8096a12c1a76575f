// Random Thumb (T16/T32 with IT blocks), VFP and NEON test cases for the differential harness.
// Words come from the core's decoder rows (T16, T32 sets; the vfp/neon classes of A32/A32U)
// when they exist, and from the harness's own templates (ext-templates.ts), which also classify
// every word for the sanitizer (ext-sanitize.ts). Each instruction is labelled with the core
// row that decodes it (or its template's name while the core has no row for it).
import { DECODER_SETS } from "../../core/decode/patterns/index.js";
import { decodeRef, matches, setRows, type DecoderSet, type Row } from "../../core/decode/formats.js";
import { Rng } from "./rng.js";
import { movt, movw, put } from "./encoding.js";
import type { CaseInsn, TestCase } from "./program.js";
import { fromT32, NEON_TPL, T16_TPL, T32_TPL, toT32, VFP_TPL, type Tpl } from "./ext-templates.js";
import { Reject, sanitize, type XDraft } from "./ext-sanitize.js";
import { dRegs, fpscr } from "./fp-values.js";

/** thumb: T16/T32 integer code with IT blocks and some VFP; t32fp: VFP/NEON in their T32
 *  forms (Thumb state); a32fp: VFP/NEON in A32. */
export type CaseKind = "thumb" | "t32fp" | "a32fp";

export interface XGenOptions {
  insnsPerCase?: number;
  kinds: CaseKind[];
  /** Only templates/rows whose name matches. */
  only?: RegExp;
  /** Probability that a Thumb instruction slot holds an IT block. */
  itChance?: number;
}

const setByName = (n: string) => DECODER_SETS.find((s) => s.name === n) as DecoderSet;
const T16 = setByName("T16"), T32 = setByName("T32"), A32 = setByName("A32"), A32U = setByName("A32U");

/** Thumb MOVW/MOVT (T32). */
const tmovw = (rd: number, imm: number, top = false) =>
  ((((top ? 0xf2c0 : 0xf240) | (((imm >>> 11) & 1) << 10) | ((imm >>> 12) & 0xf)) << 16) | (((imm >>> 8) & 7) << 12) | (rd << 8) | (imm & 0xff)) >>> 0;
const MOV_SP_R12 = 0x46e5;
export const T_SVC_END = 0xdf00;

interface Pool { tpls: Tpl[]; core: { row: Row; set: DecoderSet }[]; total: number }

/** Which core row decodes a case word (Thumb 16/32 or A32), or undefined. */
export function coreRow(word: number, size: 2 | 4, thumb: boolean): { row: Row; set: DecoderSet } | undefined {
  const find = (set: DecoderSet, w: number) => { const r = decodeRef(set, w); return r ? { row: r, set } : undefined; };
  if (size === 2) return find(T16, word);
  if (thumb) {
    const a = fromT32(word);
    if (a >= 0) return find(a >>> 28 === 15 ? A32U : A32, a);
    return find(T32, word);
  }
  return find(word >>> 28 === 15 ? A32U : A32, word);
}

export class XGenerator {
  readonly counts = new Map<string, number>();
  readonly kindCounts = new Map<string, number>();
  /** Core rows that can be generated, and those that cannot (with why). */
  readonly coreTestable: string[] = [];
  /** Decoder set of each core row name. */
  readonly coreSet = new Map<string, string>();
  readonly coreExcluded = new Map<string, string>();
  private pools: Record<"int" | "fp", Pool>;

  constructor(private rng: Rng, private opts: XGenOptions) {
    const only = (n: string) => !opts.only || opts.only.test(n);
    const intT = [...T16_TPL, ...T32_TPL].filter((t) => t.weight > 0 && only(t.name));
    const fpT = [...VFP_TPL, ...NEON_TPL].filter((t) => only(t.name));
    const core = (sets: DecoderSet[], cls?: RegExp) => sets.flatMap((set) => setRows(set)
      .filter((r) => (!cls || cls.test(r.exec ?? "")) && only(r.name) && !r.opts.doNotTest).map((row) => ({ row, set })));
    this.pools = {
      int: { tpls: intT, core: core([T16, T32]), total: 0 },
      fp: { tpls: fpT, core: [...core([A32], /^vfp\//), ...core([A32U], /^neon\//)], total: 0 },
    };
    for (const p of Object.values(this.pools)) p.total = p.tpls.reduce((n, t) => n + t.weight, 0);
    // Keep the core rows the generator can draw (64 tries with a fixed seed).
    const probe = new Rng(0x5eed);
    const used = opts.kinds.includes("thumb") ? ["int", "fp"] : ["fp"];
    for (const [name, p] of Object.entries(this.pools)) {
      if (!used.includes(name)) { p.core = []; continue; }
      p.core = p.core.filter((c) => {
        const why = new Map<string, number>();
        for (let i = 0; i < 64; i++) {
          for (const thumb of name === "int" ? [true] : [true, false]) {
            const r = this.fromCore(c, thumb, false, probe);
            if (typeof r !== "string") { this.coreTestable.push(c.row.name); this.coreSet.set(c.row.name, c.set.name); return true; }
            why.set(r, (why.get(r) ?? 0) + 1);
          }
        }
        this.coreExcluded.set(c.row.name, [...why].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "?");
        return false;
      });
    }
  }

  private draft(word: number, row: Row, thumb: boolean, rng: Rng): XDraft {
    return { word, row, rng, thumb, setup: [], itOk: true, mem: false };
  }

  /** Sanitize and check one draft; the instruction, or why not. */
  private finish(d: XDraft, tpl: Tpl, size: 2 | 4, inIt: boolean, first: boolean, coreRowWant?: Row): XDraft | string {
    try { sanitize(d, tpl.kind, false); } catch (e) { if (e instanceof Reject) return e.message; throw e; }
    if (inIt && (!d.itOk || d.filler || tpl.kind.startsWith("neon"))) return "not allowed in an IT block";
    if (inIt && d.mem && !first) return "memory access later in an IT block";
    if (!matches(tpl, d.word)) return "template no longer matches";
    if (coreRowWant) {
      const got = coreRow(d.thumb && tpl.kind.match(/^(vfp|neon)/) ? toT32(d.word) : d.word, size, d.thumb);
      if (got?.row.name !== coreRowWant.name) return `re-decodes as ${got?.row.name ?? "nothing"}`;
    }
    return d;
  }

  private condFor(d: XDraft, tpl: Tpl, rng: Rng) {
    if (!tpl.kind.startsWith("vfp") || (tpl.mask >>> 28) !== 0) return;
    d.word = put(d.word, 31, 28, d.thumb ? 14 : rng.chance(0.6) ? 14 : rng.int(14));
  }

  private fromCore(c: { row: Row; set: DecoderSet }, thumb: boolean, inIt: boolean, rng: Rng, first = true): { d: XDraft; tpl: Tpl } | string {
    const { row, set } = c;
    let word = ((rng.u32() & ~row.mask) | row.value) >>> 0;
    if (set.name === "A32") word = put(word, 31, 28, thumb ? 14 : rng.chance(0.6) ? 14 : rng.int(14));
    if (set.width === 16) word &= 0xffff;
    const tpls = set.name === "T16" ? T16_TPL : set.name === "T32" ? T32_TPL : set.name === "A32" ? VFP_TPL : NEON_TPL;
    const tpl = tpls.find((t) => matches(t, word));
    if (!tpl) return "no harness template covers it";
    if (set.name === "A32" && !thumb && (row.mask >>> 28) === 0) { /* condition drawn above */ }
    const d = this.draft(word, row, thumb, rng);
    const r = this.finish(d, tpl, set.width === 16 ? 2 : 4, inIt, first, row);
    return typeof r === "string" ? r : { d: r, tpl };
  }

  private fromTpl(p: Pool, thumb: boolean, inIt: boolean, first: boolean): { d: XDraft; tpl: Tpl } | string {
    let x = this.rng.u32() / 0x1_0000_0000 * p.total;
    let tpl = p.tpls[p.tpls.length - 1];
    for (const t of p.tpls) { if ((x -= t.weight) < 0) { tpl = t; break; } }
    const word = ((this.rng.u32() & ~tpl.mask) | tpl.value) >>> 0 & (tpl.width === 16 ? 0xffff : 0xffffffff);
    const d = this.draft(word >>> 0, tpl, thumb, this.rng);
    this.condFor(d, tpl, this.rng);
    const r = this.finish(d, tpl, tpl.width === 16 ? 2 : 4, inIt, first);
    return typeof r === "string" ? r : { d: r, tpl };
  }

  /** One instruction (with set-up) from a pool. */
  private one(pool: "int" | "fp", thumb: boolean, inIt = false, first = true): { pre: CaseInsn[]; ins: CaseInsn[] } {
    const p = this.pools[pool];
    for (let tries = 0; ; tries++) {
      if (tries > 10000) throw new Error("generator cannot draw an instruction");
      let r: { d: XDraft; tpl: Tpl } | string;
      if (p.core.length && this.rng.chance(0.6)) {
        const c = this.rng.pick(p.core);
        if (/UDF|HLT|BKPT/.test(c.row.name) && !this.rng.chance(0.1)) continue; // they end the case
        r = this.fromCore(c, thumb, inIt, this.rng, first);
      } else r = this.fromTpl(p, thumb, inIt, first);
      if (typeof r === "string") continue;
      const { d, tpl } = r;
      const fpSpace = /^(vfp|neon)/.test(tpl.kind);
      const size: 2 | 4 = tpl.width === 16 ? 2 : 4;
      const word = thumb && fpSpace ? toT32(d.word) : d.word;
      const cr = coreRow(word, size, thumb);
      const label = cr?.row.name ?? tpl.name;
      const pre: CaseInsn[] = [];
      const S = (w: number, s: 2 | 4): CaseInsn => ({ word: w, row: "setup", set: "", cls: "", size: thumb ? s : 4 });
      for (const [rg, v] of d.setup) {
        const r12 = rg === 13 ? 12 : rg;
        if (thumb) pre.push(S(tmovw(r12, v & 0xffff), 4), S(tmovw(r12, v >>> 16, true), 4));
        else pre.push(S(movw(r12, v & 0xffff), 4), S(movt(r12, v >>> 16), 4));
        if (rg === 13) pre.push(thumb ? S(MOV_SP_R12, 2) : S(0xe1a0d00c, 4));
      }
      const ins: CaseInsn[] = [{ word, row: label, set: cr?.set.name ?? "tpl", cls: cr?.row.exec ?? tpl.kind, size: thumb ? size : 4 }];
      if (d.filler) ins.push({ word: 0x3000 | (this.rng.int(8) << 8) | (1 + this.rng.int(255)), row: "filler", set: "", cls: "", size: 2 });
      this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
      this.kindCounts.set(tpl.kind, (this.kindCounts.get(tpl.kind) ?? 0) + 1);
      return { pre, ins };
    }
  }

  /** An IT instruction and 1-4 conditional instructions (set-up of the first goes before IT). */
  private itBlock(pool: "int" | "fp"): CaseInsn[] {
    const n = 1 + this.rng.int(4);
    const fc = this.rng.int(15);
    let mask = 1 << (4 - n);
    for (let i = 1; i < n; i++) {
      const then = fc === 14 || this.rng.chance(0.5);
      mask |= ((then ? fc & 1 : (fc & 1) ^ 1) << (4 - i));
    }
    const it = 0xbf00 | (fc << 4) | mask;
    const out: CaseInsn[] = [];
    const body: CaseInsn[] = [];
    for (let i = 0; i < n; i++) {
      const { pre, ins } = this.one(this.rng.chance(0.8) ? pool : "fp", true, true, i === 0);
      out.push(...pre);
      body.push(...ins);
    }
    const cr = coreRow(it, 2, true);
    this.counts.set(cr?.row.name ?? "t16_it", (this.counts.get(cr?.row.name ?? "t16_it") ?? 0) + 1);
    return [...out, { word: it, row: cr?.row.name ?? "t16_it", set: cr?.set.name ?? "tpl", cls: cr?.row.exec ?? "t16_it", size: 2 }, ...body];
  }

  testCase(): TestCase {
    const kind = this.rng.pick(this.opts.kinds);
    const thumb = kind !== "a32fp";
    const n = this.opts.insnsPerCase ?? 10;
    const regs = Array.from({ length: 15 }, () => this.rng.regValue());
    const cpsr = ((this.rng.u32() & 0xf8000000) | ((this.rng.u32() & 0xf) << 16) | 0x1c0 | 0x10 | (thumb ? 0x20 : 0)) >>> 0;
    const insns: CaseInsn[] = [];
    for (let i = 0; i < n; i++) {
      const pool = kind === "thumb" ? (this.rng.chance(0.12) ? "fp" : "int") : "fp";
      if (thumb && this.rng.chance(this.opts.itChance ?? (kind === "thumb" ? 0.2 : 0.1))) {
        insns.push(...this.itBlock(pool === "fp" ? "fp" : "int"));
      } else {
        const { pre, ins } = this.one(pool, thumb);
        insns.push(...pre, ...ins);
      }
    }
    insns.push(thumb ? { word: T_SVC_END, row: "end", set: "", cls: "", size: 2 } : { word: 0xef000000, row: "end", set: "", cls: "" });
    return { regs, cpsr, insns, fpscr: fpscr(this.rng), d: dRegs(this.rng) };
  }
}
