// The decoder tables: no undeclared overlap or unreachable row, every row has a handler,
// every row is reachable, and the generated wasm decoder agrees with the reference decoder.
import { describe, it, expect } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { DECODER_SETS, A32, A32U, A64 } from "../../../../core/decode/patterns/index.js";
import { checkSet, setRows, decodeRef, matches, type DecoderSet } from "../../../../core/decode/formats.js";
import { makeHarness } from "../../../helpers/core-harness.js";

/** Deterministic PRNG (xorshift32). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; return (s >>>= 0); };
}
/** A random encoding of row r with cond forced into the set's space. */
function sample(set: DecoderSet, rowMask: number, rowValue: number, next: () => number): number {
  let w = ((next() & ~rowMask) | rowValue) >>> 0;
  if (set === A32 && (w >>> 28) === 0xf) w = (w & 0x0fffffff) | 0xe0000000;
  return w >>> 0;
}

/** Sources of an exec module and of the modules it re-exports (`export * from "./x"`), as the generator reads them. */
function handlerSource(execModule: string, seen = new Set<string>()): string[] {
  const file = join(__dirname, "../../../../core/exec", execModule + ".ts");
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const src = readFileSync(file, "utf8");
  const subs = [...src.matchAll(/export \* from "\.\/([\w\-/]+)"/g)].map((m) => join(dirname(execModule), m[1]));
  return [src, ...subs.flatMap((m) => handlerSource(m, seen))];
}

describe("decoder tables", () => {
  it("have no undeclared overlaps, unreachable rows or duplicate names", () => {
    for (const set of DECODER_SETS) expect(checkSet(set), set.name).toEqual([]);
  });

  it("have a handler for every row", () => {
    const missing: string[] = [];
    for (const set of DECODER_SETS) {
      for (const r of setRows(set)) {
        if (!handlerSource(r.exec!).some((src) => new RegExp(`export function ${r.name}\\s*\\(`).test(src))) missing.push(`${set.name}.${r.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("reach every row: random encodings of each row decode to it (or to an earlier row of its group)", () => {
    const next = rng(12345);
    for (const set of DECODER_SETS) {
      for (const r of setRows(set)) {
        let hits = 0;
        for (let i = 0; i < 200; i++) {
          const w = sample(set, r.mask, r.value, next);
          const got = decodeRef(set, w)!;
          expect(matches(got, w)).toBe(true);
          if (got.name === r.name) hits++;
          else expect(got.group && got.group === r.group, `${r.name} shadowed by ${got.name} (${w.toString(16)})`).toBe(true);
        }
        // A row can be mostly shadowed inside its group, but never entirely (checkSet proves it).
        expect(hits + (r.group ? 1 : 0), `${set.name}.${r.name} never decoded`).toBeGreaterThan(0);
      }
    }
  });

  it("agree with the wasm decoder on 200,000 random words", () => {
    const h = makeHarness();
    const next = rng(777);
    const rowsA32 = setRows(A32), rowsU = setRows(A32U);
    for (let i = 0; i < 200_000; i++) {
      const w = next() >>> 0;
      const set = (w >>> 28) === 0xf ? A32U : A32;
      const ref = decodeRef(set, w);
      const rows = set === A32 ? rowsA32 : rowsU;
      const want = ref ? rows.indexOf(ref) : -1;
      const got = set === A32 ? h.core.decodeRowA32(w) : h.core.decodeRowA32U(w);
      if (got !== want) throw new Error(`word ${w.toString(16)}: wasm row ${got} (${rows[got]?.name}), reference ${want} (${ref?.name})`);
    }
  });

  it("A64: agree with the wasm decoder on 200,000 random words", () => {
    const h = makeHarness();
    const next = rng(778);
    const rows = setRows(A64);
    for (let i = 0; i < 200_000; i++) {
      const w = next() >>> 0;
      const ref = decodeRef(A64, w);
      const want = ref ? rows.indexOf(ref) : -1;
      const got = h.core.decodeRowA64(w);
      if (got !== want) throw new Error(`word ${w.toString(16)}: wasm row ${got} (${rows[got]?.name}), reference ${want} (${ref?.name})`);
    }
  });
});
