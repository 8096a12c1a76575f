// Bit-pattern rows for the instruction decoders (decodetree/dynarmic style).
// Read at build time by core/decode/gen/gen-decoders.ts, and by the tests and the fuzzer.
//
// A pattern is 32 (or 16) characters once spaces are removed, most significant bit first:
//   '0' / '1'  fixed bit
//   a letter   a field (named for readers; fields are extracted by the handler)
//   '-'        ignored bit
// Rows must not overlap unless they sit in the same group(), where the first match wins.

export interface Row {
  name: string;          // handler name = row name (Arm ARM encoding name, e.g. ADD_reg)
  pattern: string;       // as written
  mask: number;          // fixed bits
  value: number;         // their values
  width: 16 | 32;
  group?: string;        // overlap group, if any
  exec?: string;         // exec module that holds the handler (set by the set definition)
  opts: RowOpts;
}

export interface RowOpts {
  /** Architecture version or feature that introduced it (for CPU-model filtering later). */
  since?: string;
  /** Fuzzer: never generate this row (with the reason). */
  doNotTest?: string;
}

export function parsePattern(pattern: string): { mask: number; value: number; width: 16 | 32 } {
  const bits = pattern.replace(/\s+/g, "");
  if (bits.length !== 32 && bits.length !== 16) {
    throw new Error(`pattern "${pattern}" has ${bits.length} bits, want 16 or 32`);
  }
  let mask = 0, value = 0;
  for (const ch of bits) {
    mask = (mask << 1) >>> 0;
    value = (value << 1) >>> 0;
    if (ch === "0") mask |= 1;
    else if (ch === "1") { mask |= 1; value |= 1; }
    else if (!/[a-zA-Z\-.]/.test(ch)) throw new Error(`pattern "${pattern}": bad character '${ch}'`);
  }
  return { mask: mask >>> 0, value: value >>> 0, width: bits.length as 16 | 32 };
}

export function row(name: string, pattern: string, opts: RowOpts = {}): Row {
  return { name, pattern, ...parsePattern(pattern), opts };
}

/** Rows that may overlap one another; the first matching row wins. */
export function group(name: string, rows: Row[]): Row[] {
  return rows.map((r) => ({ ...r, group: name }));
}

/** A class of instructions: its rows and the exec module (under core/exec/) with their handlers. */
export interface RowClass { exec: string; rows: Row[] }

/** One decoder: a set of classes, and the instruction bits used to bucket the search. */
export interface DecoderSet {
  name: string;          // decoder function becomes decode<Name>, dispatcher exec<Name>
  width: 16 | 32;
  bucketBits: number[];  // instruction bit numbers forming the bucket index (≤ 12)
  classes: RowClass[];
}

/** Does instruction word `insn` match the row? */
export function matches(r: Row, insn: number): boolean {
  return ((insn & r.mask) >>> 0) === r.value;
}

/** Do two rows accept a common encoding? */
export function overlaps(a: Row, b: Row): boolean {
  return ((a.value ^ b.value) & a.mask & b.mask) === 0;
}

/** Does row a accept every encoding row b accepts? */
export function covers(a: Row, b: Row): boolean {
  return ((a.mask & ~b.mask) >>> 0) === 0 && ((a.value ^ b.value) & a.mask) === 0;
}

const rowCache = new WeakMap<DecoderSet, Row[]>();

/** All rows of a set, in table order, each tagged with its exec module (computed once per set). */
export function setRows(set: DecoderSet): Row[] {
  let rows = rowCache.get(set);
  if (!rows) {
    rows = set.classes.flatMap((c) => c.rows.map((r) => ({ ...r, exec: c.exec })));
    rowCache.set(set, rows);
  }
  return rows;
}

/** Problems in a set: undeclared overlaps, unreachable rows, duplicate names. */
export function checkSet(set: DecoderSet): string[] {
  const rows = setRows(set);
  const problems: string[] = [];
  const names = new Set<string>();
  for (const r of rows) {
    if (r.width !== set.width) problems.push(`${set.name}: ${r.name} is ${r.width}-bit in a ${set.width}-bit set`);
    if (names.has(r.name)) problems.push(`${set.name}: duplicate row name ${r.name}`);
    names.add(r.name);
  }
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i], b = rows[j];
      if (!overlaps(a, b)) continue;
      if (a.group && a.group === b.group) {
        if (covers(a, b)) problems.push(`${set.name}: ${b.name} is unreachable behind ${a.name} in group ${a.group}`);
        continue;
      }
      problems.push(`${set.name}: ${a.name} and ${b.name} overlap outside a group`);
    }
  }
  return problems;
}

/** Bucket index of an instruction word. */
export function bucketOf(set: DecoderSet, insn: number): number {
  let idx = 0;
  for (const bit of set.bucketBits) idx = (idx << 1) | ((insn >>> bit) & 1);
  return idx;
}

/** Rows that can match some instruction in bucket `b`, in table order. */
export function bucketCandidates(set: DecoderSet, rows: Row[], b: number): number[] {
  const out: number[] = [];
  const n = set.bucketBits.length;
  rows.forEach((r, i) => {
    for (let k = 0; k < n; k++) {
      const bit = set.bucketBits[k];
      const want = (b >>> (n - 1 - k)) & 1;
      if ((r.mask >>> bit) & 1 && ((r.value >>> bit) & 1) !== want) return;
    }
    out.push(i);
  });
  return out;
}

/** Reference decoder in TypeScript (tests, fuzzer): first matching row, honouring groups. */
export function decodeRef(set: DecoderSet, insn: number): Row | undefined {
  return setRows(set).find((r) => matches(r, insn >>> 0));
}
