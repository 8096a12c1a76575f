// The T32 data-processing test cases, shared by data.test.ts and the QEMU vector generator
// (data-qemu-vectors.gen.ts): an encoder for the t32Data rows and a deterministic case list.
import { t32Data } from "../../../../core/decode/patterns/t32-data.js";
import type { Row } from "../../../../core/decode/formats.js";

export const DATA_ROWS: Row[] = t32Data;

export function rowByName(name: string): Row {
  const r = DATA_ROWS.find((x) => x.name === name);
  if (!r) throw new Error(`no T32 data row ${name}`);
  return r;
}

/** Letter fields of a row and their widths. */
export function fieldsOf(r: Row): Record<string, number> {
  const width: Record<string, number> = {};
  for (const ch of r.pattern.replace(/\s+/g, "")) if (/[a-zA-Z]/.test(ch)) width[ch] = (width[ch] ?? 0) + 1;
  return width;
}

/** Encode row `name` with letter fields (e.g. { n: 0, m: 1, d: 4 }); unspecified fields are 0, '-' bits 0. */
export function enc(name: string, fields: Record<string, number> = {}): number {
  const r = rowByName(name);
  const bits = r.pattern.replace(/\s+/g, "");
  const width = fieldsOf(r);
  for (const k of Object.keys(fields)) if (!(k in width)) throw new Error(`${name} has no field ${k}`);
  const seen: Record<string, number> = {};
  let w = 0;
  for (const ch of bits) {
    let b = 0;
    if (ch === "1") b = 1;
    else if (/[a-zA-Z]/.test(ch)) {
      const i = (seen[ch] = (seen[ch] ?? 0) + 1);
      b = ((fields[ch] ?? 0) >>> (width[ch] - i)) & 1;
    }
    w = ((w << 1) | b) >>> 0;
  }
  return w >>> 0;
}

/** The row an encoding matches, if any (first match, honouring groups). */
export function dataRowOf(insn: number): Row | undefined {
  return DATA_ROWS.find((r) => ((insn & r.mask) >>> 0) === r.value);
}

/** A case: instruction word (hw1 << 16 | hw2) and inputs r0..r4, APSR. */
export interface DataCase { insn: number; in: number[] }

const REG_FIELDS = new Set(["d", "n", "m", "a"]);

/** Rows whose result depends on the instruction's address (the test rebases it). */
export const PC_RELATIVE = new Set(["T_ADR_add", "T_ADR_sub"]);

/** The deterministic case list: value cases (run and compared) and decode samples (UNDEFINED or not). */
export function dataCases(): { cases: DataCase[]; decode: number[] } {
  let seed = 0x1f2e3d4c;
  function rnd(): number { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }
  const pick = <T>(a: T[]): T => a[rnd() % a.length];
  const EDGE = [0, 1, 2, 31, 32, 33, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x3fffffff,
    0x40000000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x00ff00ff, 0xff00ff00,
    0x7f7f7f7f, 0x80808080, 0x7fff8000, 0x80007fff, 0x7fff7fff, 0x80008000, 0xffff0000, 0x12345678, 0xfedcba98];
  const val = () => (rnd() % 3 === 0 ? rnd() : pick(EDGE));
  /** APSR input: random NZCV and GE, Q set in a quarter of the cases. */
  const apsr = () => ((rnd() & 0xf00f0000) | (rnd() % 4 === 0 ? 1 << 27 : 0)) >>> 0;
  const regsIn = () => [val(), val(), val(), val(), val(), apsr()];

  const cases: DataCase[] = [];
  for (const r of DATA_ROWS) {
    const width = fieldsOf(r);
    const n = r.name.startsWith("T_MOV_rsr") || r.name.includes("_reg") || r.name.includes("_imm") ? 48 : 24;
    for (let k = 0; k < n; k++) {
      const f: Record<string, number> = {};
      for (const [ch, w] of Object.entries(width)) {
        // registers r0..r4 only (the program keeps its own state in the others)
        f[ch] = REG_FIELDS.has(ch) ? rnd() % 5 : rnd() & ((1 << w) - 1);
      }
      // some shifts by small amounts and some by 32 and more for the register-shifted forms
      const insn = enc(r.name, f);
      if (dataRowOf(insn) !== r) continue;
      const inp = regsIn();
      if (r.name === "T_MOV_rsr" && k % 2 === 0) inp[insn & 0xf] = pick([0, 1, 31, 32, 33, 255, 256, rnd() & 0x3f]);
      cases.push({ insn, in: inp });
    }
  }
  // modified immediates: every replication pattern and rotation, carry in set and clear
  for (const imm12 of [0x000, 0x0ab, 0x1ab, 0x2ab, 0x3ab, 0x100, 0x400, 0x47f, 0x4ff, 0x7ff, 0x800, 0xfff, 0xc00, 0x87f]) {
    for (const name of ["T_MOV_imm", "T_AND_imm", "T_EOR_imm", "T_ADD_imm", "T_SBC_imm"]) {
      for (const S of [0, 1]) {
        const i = imm12 >>> 11, ii = (imm12 >>> 8) & 7, b = imm12 & 0xff;
        const f: Record<string, number> = { i, S, d: 2, ...(name === "T_MOV_imm" ? {} : { n: 1 }) };
        let insn = enc(name, f);
        insn = (insn & ~0x70ff) | (ii << 12) | b;
        for (const c of [0, 0x20000000]) cases.push({ insn: insn >>> 0, in: [0x11, 0x80000001, 3, 4, 5, c | 0x10000000] });
      }
    }
  }

  // decode samples: random words of the data-processing spaces, any registers
  const decode: number[] = [];
  const spaces: [number, number][] = [
    [0xf0000000, 0xf8008000], // modified and plain immediate (bit 15 = 0)
    [0xea000000, 0xfe000000], // shifted register
    [0xfa000000, 0xff000000], // register-controlled shifts, extends, parallel, misc
    [0xfb000000, 0xff000000], // multiplies, divides
  ];
  for (let k = 0; k < 4000; k++) {
    const [value, mask] = spaces[k % spaces.length];
    let w = ((rnd() & ~mask) | value) >>> 0;
    if (value === 0xf0000000) w = (w & ~0x8000) >>> 0;
    // keep destinations away from SP and PC so a sample does not branch into the weeds
    w = (w & ~0x0f00) | ((rnd() % 13) << 8);
    if (value === 0xfb000000 && (rnd() & 1)) w = (w & ~0xf000) | ((rnd() % 13) << 12);
    // the register spaces want bits 15:12 = 1111 (fa) or small op2 values (fb) to reach their rows
    if (value === 0xfa000000 && rnd() % 4 !== 0) w |= 0xf000;
    if (value === 0xfb000000 && rnd() % 2 === 0) w = (w & ~0xe0) | ((rnd() & 1) << 7);
    decode.push(w >>> 0);
  }
  return { cases, decode };
}

/** A short hash of the case list, so the fixture is known to match it. */
export function casesHash(cases: DataCase[], decode: number[]): string {
  let h = 0x811c9dc5;
  const mix = (x: number) => { h = Math.imul(h ^ (x >>> 0), 0x01000193) >>> 0; };
  for (const c of cases) { mix(c.insn); c.in.forEach(mix); }
  decode.forEach(mix);
  return h.toString(16).padStart(8, "0");
}
