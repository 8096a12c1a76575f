// The media test cases, shared by media.test.ts and the QEMU vector generator
// (media-qemu-vectors.gen.ts): an encoder for the media rows and the deterministic case list.
import { a32Media, a32Parallel, a32Saturate } from "../../../../core/decode/patterns/a32-media.js";
import type { Row } from "../../../../core/decode/formats.js";

export const MEDIA_ROWS: Row[] = [...a32Media, ...a32Parallel, ...a32Saturate];

export function rowByName(name: string): Row {
  const r = MEDIA_ROWS.find((x) => x.name === name);
  if (!r) throw new Error(`no media row ${name}`);
  return r;
}

/** Encode row `name` with letter fields (e.g. { n: 0, m: 1, d: 4 }); unspecified fields are 0, c is AL. */
export function enc(name: string, fields: Record<string, number> = {}): number {
  const bits = rowByName(name).pattern.replace(/\s+/g, "");
  const f: Record<string, number> = { c: 0xe, ...fields };
  const width: Record<string, number> = {};
  for (const ch of bits) if (/[a-zA-Z]/.test(ch)) width[ch] = (width[ch] ?? 0) + 1;
  for (const k of Object.keys(fields)) if (!(k in width)) throw new Error(`${name} has no field ${k}`);
  const seen: Record<string, number> = {};
  let w = 0;
  for (const ch of bits) {
    let b = 0;
    if (ch === "1") b = 1;
    else if (/[a-zA-Z]/.test(ch)) {
      const i = (seen[ch] = (seen[ch] ?? 0) + 1);
      b = ((f[ch] ?? 0) >>> (width[ch] - i)) & 1;
    }
    w = ((w << 1) | b) >>> 0;
  }
  return w >>> 0;
}

/** The media row an encoding matches, if any (first match, honouring groups). */
export function mediaRowOf(insn: number): Row | undefined {
  return MEDIA_ROWS.find((r) => ((insn & r.mask) >>> 0) === r.value);
}

/** A case: instruction word and inputs r0..r4, APSR. */
export interface MediaCase { insn: number; in: number[] }

/** The deterministic case list: value cases (run and compared) and decode samples (UNDEFINED or not). */
export function mediaCases(): { cases: MediaCase[]; decode: number[] } {
  // ---- deterministic inputs ----
  let seed = 0x2545f491;
  function rnd(): number { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }
  const pick = <T>(a: T[]): T => a[rnd() % a.length];
  const EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xffff, 0x10000, 0x3fffffff,
    0x40000000, 0x7fffffff, 0x80000000, 0x80000001, 0xc0000000, 0xfffffffe, 0xffffffff, 0x00ff00ff,
    0xff00ff00, 0x7f7f7f7f, 0x80808080, 0x7fff8000, 0x80007fff, 0x7fff7fff, 0x80008000, 0xffff0000,
    0x0000ffff, 0x01010101, 0xfefefefe, 0x12345678, 0xfedcba98, 0x7f807f80, 0x807f807f];
  const val = () => (rnd() % 3 === 0 ? rnd() : pick(EDGE));
  /** APSR input: random NZCV and GE, Q set in a quarter of the cases (to see it stick). */
  const apsr = () => ((rnd() & 0xf00f0000) | (rnd() % 4 === 0 ? 1 << 27 : 0)) >>> 0;
  const regsIn = () => [val(), val(), val(), val(), val(), apsr()];

  const cases: MediaCase[] = [];
  const add = (insn: number, n = 40) => { for (let i = 0; i < n; i++) cases.push({ insn, in: regsIn()}); };
  const STD = { n: 0, m: 1, d: 4 };

  // parallel add/subtract, QADD..QDSUB, SEL, REV*, CLZ
  for (const r of MEDIA_ROWS) {
    if (/^(S|Q|SH|U|UQ|UH)(ADD16|ASX|SAX|SUB16|ADD8|SUB8)$/.test(r.name) || /^Q(D?)(ADD|SUB)$/.test(r.name)) add(enc(r.name, STD), 60);
  }
  for (let ge = 0; ge < 16; ge++) for (let i = 0; i < 3; i++) cases.push({ insn: enc("SEL", STD), in: [...regsIn().slice(0, 5), ge << 16]});
  for (const name of ["REV", "REV16", "REVSH", "RBIT", "CLZ"]) add(enc(name, { m: 1, d: 4 }), 30);
  for (let k = 0; k < 32; k++) cases.push({ insn: enc("CLZ", { m: 1, d: 4 }), in: [0, (1 << k) >>> 0 | (rnd() >>> (32 - k)), 0, 0, 0, 0]});
  // the same register as source and destination
  add(enc("QDADD", { n: 1, m: 1, d: 1 }), 10);
  add(enc("UADD8", { n: 0, m: 0, d: 0 }), 10);
  // saturation: every saturation width, shift kinds and amounts
  for (let s = 0; s < 32; s++) {
    for (const name of ["SSAT", "USAT"]) {
      for (let i = 0; i < 6; i++) add(enc(name, { n: 0, d: 4, s, h: rnd() & 1, i: i < 2 ? 0 : rnd() & 31 }), 1);
    }
  }
  for (let s = 0; s < 16; s++) for (const name of ["SSAT16", "USAT16"]) add(enc(name, { n: 0, d: 4, s }), 6);
  // packing and extension
  for (let i = 0; i < 32; i++) { add(enc("PKHBT", { ...STD, i }), 2); add(enc("PKHTB", { ...STD, i }), 2); }
  for (const name of ["SXTB16", "SXTB", "SXTH", "UXTB16", "UXTB", "UXTH"]) for (let r = 0; r < 4; r++) add(enc(name, { m: 1, d: 4, r }), 6);
  for (const name of ["SXTAB16", "SXTAB", "SXTAH", "UXTAB16", "UXTAB", "UXTAH"]) for (let r = 0; r < 4; r++) add(enc(name, { ...STD, r }), 6);
  // sum of absolute differences: Rd [19:16], Ra [15:12], Rm [11:8], Rn [3:0]
  add(enc("USAD8", { d: 4, m: 1, n: 0 }), 30);
  add(enc("USADA8", { d: 4, a: 2, m: 1, n: 0 }), 30);
  // bit fields: the limits of lsb and width, and the UNDEFINED lsb + width > 32 / msb < lsb
  for (const [l, w] of [[0, 0], [0, 31], [31, 0], [1, 30], [1, 31], [31, 1], [16, 15], [16, 16], [8, 7]]) {
    add(enc("SBFX", { n: 0, d: 4, l, w }), 3); add(enc("UBFX", { n: 0, d: 4, l, w }), 3);
  }
  for (let i = 0; i < 60; i++) {
    const l = rnd() & 31, w = rnd() & 31;
    add(enc("SBFX", { n: 0, d: 4, l, w }), 1); add(enc("UBFX", { n: 0, d: 4, l, w }), 1);
  }
  for (const [l, m] of [[0, 0], [0, 31], [31, 31], [1, 0], [31, 0], [5, 4], [16, 23], [4, 27]]) {
    add(enc("BFI", { n: 0, d: 4, l, m }), 3); add(enc("BFC", { d: 4, l, m }), 3);
  }
  for (let i = 0; i < 60; i++) {
    const l = rnd() & 31, m = rnd() & 31;
    add(enc("BFI", { n: 0, d: 4, l, m }), 1); add(enc("BFC", { d: 4, l, m }), 1);
  }

  // ---- decode samples: is an encoding UNDEFINED in QEMU? (outputs not recorded) ----
  const decode: number[] = [];
  // random words of the media space handled here: 0110 xxxx and 0111 1xxx with bit 4 set
  for (let i = 0; i < 1500; i++) {
    const w = (rnd() & 0x00ffffef) | 0x10 | (i & 1 ? 0x06000000 : 0x07800000);
    decode.push((0xe0000000 | (w & 0x0fffffff)) >>> 0);
  }
  // every row with one fixed bit flipped: must not be ours when QEMU says UNDEFINED. Bits 27:25
  // and (in the 011 space) bit 4 stay, so that no neighbour is a store that could hit the stub.
  for (const r of MEDIA_ROWS) {
    for (let b = 0; b < 25; b++) {
      if (!((r.mask >>> b) & 1) || (b === 4 && (r.value >>> 25) === 3)) continue;
      const base = ((r.value | (rnd() & ~r.mask)) & 0x0fffffff | 0xe0000000) >>> 0;
      decode.push((base ^ (1 << b)) >>> 0);
    }
  }


  return { cases, decode };
}

/** FNV-1a over the case words, so the test notices when cases and fixture drift apart. */
export function casesHash(cases: MediaCase[], decode: number[]): string {
  let h = 0x811c9dc5;
  const mix = (w: number) => { for (let k = 0; k < 4; k++) { h ^= (w >>> (8 * k)) & 0xff; h = Math.imul(h, 0x01000193) >>> 0; } };
  for (const c of cases) { mix(c.insn); c.in.forEach(mix); }
  decode.forEach(mix);
  return h.toString(16).padStart(8, "0");
}
