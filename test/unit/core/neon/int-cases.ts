// Deterministic test cases for the Advanced SIMD integer rows (a32-neon-int.ts): shared by
// int-qemu-vectors.gen.ts (records what qemu-arm 7.2 -cpu cortex-a15 computes) and
// int.test.ts (replays them on armlet). Change anything here and the JSON must be regenerated.
import { createHash } from "node:crypto";
import { a32NeonInt } from "../../../../core/decode/patterns/a32-neon-int.js";
import { matches, type Row } from "../../../../core/decode/formats.js";

export interface NeonCase {
  insn: number;
  /** D0..D31 as 64 little-endian words (D n = words 2n, 2n+1). */
  d: number[];
  fpscr: number;
}

export const INT_ROWS: Row[] = a32NeonInt;
export const QC = 1 << 27;

/** The first neon-int row matching insn (group order), if any. */
export function intRowOf(insn: number): Row | undefined {
  return INT_ROWS.find((r) => matches(r, insn >>> 0));
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

const SPECIAL_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40, 0xc0];

/** A word biased toward saturation edges: per byte, special values or random. */
function edgeWord(rnd: () => number): number {
  const k = rnd() % 10;
  if (k === 0) return rnd();
  if (k === 1) return [0, 0xffffffff, 0x80000000, 0x7fffffff, 0x80008000, 0x7fff7fff, 0x00010001][rnd() % 7];
  let w = 0;
  for (let b = 0; b < 4; b++) {
    const byte = rnd() % 3 === 0 ? rnd() & 0xff : SPECIAL_BYTES[rnd() % SPECIAL_BYTES.length];
    w |= byte << (8 * b);
  }
  return w >>> 0;
}

/** Fill a row pattern's free bits at random, biased toward valid encodings. */
function fillPattern(r: Row, rnd: () => number): number {
  let insn = (r.value | (rnd() & ~r.mask)) >>> 0;
  const free = ~r.mask >>> 0;
  // mostly even register numbers (Q forms need them): clear Vd<0>, Vn<0>, Vm<0> where free
  if (rnd() % 8 !== 0) insn = (insn & ~(free & ((1 << 12) | (1 << 16) | 1))) >>> 0;
  // sometimes make registers alias
  const k = rnd() % 8;
  const vd = ((insn >>> 12) & 0xf) | ((insn >>> 18) & 0x10);
  const setN = (v: number) => { insn = ((insn & ~0x000f0080) | ((v & 0xf) << 16) | ((v >> 4) << 7)) >>> 0; };
  const setM = (v: number) => { insn = ((insn & ~0x0000002f) | (v & 0xf) | ((v >> 4) << 5)) >>> 0; };
  if (k === 0 && (free & 0x000f0000) === 0x000f0000) setN(vd);
  if (k === 1 && (free & 0xf) === 0xf) setM(vd);
  return (insn & r.mask) === r.value ? insn >>> 0 : (r.value | (insn & ~r.mask)) >>> 0;
}

const SHIFT_REG_ROWS = new Set(["VSHL_reg", "VQSHL_reg", "VRSHL", "VQRSHL"]);
const PER_ROW = 40;

export function neonIntCases(): NeonCase[] {
  const rnd = prng(0x5eed1234);
  const cases: NeonCase[] = [];
  for (const r of INT_ROWS) {
    for (let k = 0; k < PER_ROW; k++) {
      const insn = fillPattern(r, rnd);
      const d = Array.from({ length: 64 }, () => edgeWord(rnd));
      if (SHIFT_REG_ROWS.has(r.name)) {
        // the shift amounts (low byte of each Vn element) mostly near the element size
        const size = (insn >>> 20) & 3, bits = 8 << size;
        const vn = ((insn >>> 16) & 0xf) | ((insn >>> 3) & 0x10);
        for (let reg = vn; reg < Math.min(vn + 2, 32); reg++) {
          for (let e = 0; e < 8 >> size; e++) {
            const sh = (rnd() % (2 * bits + 7)) - bits - 3;
            const byteIdx = e << size; // low byte of element e
            const w = 2 * reg + (byteIdx >> 2), sb = 8 * (byteIdx & 3);
            d[w] = ((d[w] & ~(0xff << sb)) | ((sh & 0xff) << sb)) >>> 0;
          }
        }
      }
      if (/^VQR?D/.test(r.name) && k % 3 === 0) {
        // the doubling multiplies saturate only for most-negative x most-negative
        for (let w = 0; w < 64; w++) if (rnd() % 2) d[w] = rnd() % 2 ? 0x80008000 : 0x80000000;
      }
      cases.push({ insn, d, fpscr: k % 5 === 4 ? QC : 0 });
    }
  }
  return cases;
}

/** Random words of the whole 1111 001x space, for the decode comparison. */
export function neonDecodeSamples(n = 3000): number[] {
  const rnd = prng(0xdec0de01);
  return Array.from({ length: n }, () => ((0xf2000000 | (rnd() & 0x01ffffff)) >>> 0));
}

/** Destination D register of an instruction word (D:Vd). */
export const vdOf = (insn: number) => ((insn >>> 12) & 0xf) | ((insn >>> 18) & 0x10);

/** FNV-1a over 64 words: detects writes outside the recorded destination. */
export function hashWords(w: number[]): number {
  let h = 0x811c9dc5;
  for (const x of w) h = Math.imul(h ^ (x >>> 0), 0x01000193) >>> 0;
  return h >>> 0;
}

export function casesHash(cases: NeonCase[], decode: number[]): string {
  const h = createHash("sha256");
  for (const c of cases) h.update([c.insn, c.fpscr, ...c.d].join(",") + ";");
  h.update(decode.join(","));
  return h.digest("hex").slice(0, 16);
}
