// Comparing QEMU's and armlet's per-case A64 results, and describing a mismatch: the case's
// inputs, every instruction (encoding, row, disassembly) and both results.
import { caseMode, caseWords, type A64Case } from "./a64-program.js";
import { disassemble, type Comparison } from "./report.js";
import type { Image } from "./program.js";
import { ecName, setsFar, vectorName, type A64Result, type A64RunOutput } from "./a64-run.js";

const hex32 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
const hex64 = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, "0");

/** NZCV and the PSTATE fields of an SPSR, spelled out. */
export function fmtSpsr(v: number): string {
  const f = "NZCV".split("").map((c, i) => ((v >>> (31 - i)) & 1 ? c : c.toLowerCase())).join("");
  const daif = "DAIF".split("").map((c, i) => ((v >>> (9 - i)) & 1 ? c : c.toLowerCase())).join("");
  return `${hex32(v)} (${f} ${daif} ${caseMode(v)}${v & (1 << 21) ? " SS" : ""}${v & (1 << 20) ? " IL" : ""})`;
}

/** Differences between two results of one case, as text lines ([] = equal). */
export function diffA64(a: A64Result | undefined, b: A64Result | undefined): string[] {
  if (!a || !b) return [!a ? "missing in QEMU output" : "missing in armlet output"];
  const out: string[] = [];
  if (a.vector !== b.vector || a.esr !== b.esr || a.elrOff !== b.elrOff) {
    const end = (r: A64Result) => `${vectorName(r.vector)} ESR ${hex32(r.esr)} (${ecName(r.esr)}) at +${r.elrOff}`;
    out.push(`end: QEMU ${end(a)}, armlet ${end(b)}`);
  }
  if ((setsFar(a.esr) || setsFar(b.esr)) && a.far !== b.far) out.push(`far: QEMU ${hex64(a.far)} armlet ${hex64(b.far)}`);
  if (a.spsr !== b.spsr) out.push(`spsr: QEMU ${fmtSpsr(a.spsr)} armlet ${fmtSpsr(b.spsr)}`);
  for (let r = 0; r < 31; r++) if (a.x[r] !== b.x[r]) out.push(`x${r}: QEMU ${hex64(a.x[r])} armlet ${hex64(b.x[r])}`);
  if (a.sp0 !== b.sp0) out.push(`sp_el0: QEMU ${hex64(a.sp0)} armlet ${hex64(b.sp0)}`);
  if (a.sp1 !== b.sp1) out.push(`sp_el1: QEMU ${hex64(a.sp1)} armlet ${hex64(b.sp1)}`);
  if (a.fpcr !== b.fpcr) out.push(`fpcr: QEMU ${hex32(a.fpcr)} armlet ${hex32(b.fpcr)}`);
  if (a.fpsr !== b.fpsr) out.push(`fpsr: QEMU ${fmtFpsr(a.fpsr)} armlet ${fmtFpsr(b.fpsr)}`);
  for (let r = 0; r < 32; r++) {
    const x = a.v?.get(r), y = b.v?.get(r);
    if (x !== y) out.push(`v${r}: QEMU ${x ?? "(unchanged)"} armlet ${y ?? "(unchanged)"}`);
  }
  for (const o of [...new Set([...a.mem.keys(), ...b.mem.keys()])].sort((x, y) => x - y)) {
    const x = a.mem.get(o), y = b.mem.get(o);
    if (x !== y) out.push(`mem[window+${hex32(o)}]: QEMU ${x === undefined ? "(pattern)" : hex32(x)} armlet ${y === undefined ? "(pattern)" : hex32(y)}`);
  }
  return out;
}

/** FPSR with its cumulative flags named. */
export function fmtFpsr(v: number): string {
  const ex = ["IOC", "DZC", "OFC", "UFC", "IXC", "", "", "IDC"].filter((n, i) => n && (v >>> i) & 1);
  if (v & (1 << 27)) ex.push("QC");
  return `${hex32(v)}${ex.length ? ` (${ex.join(",")})` : ""}`;
}

function fmtResult(r: A64Result | undefined): string[] {
  if (!r) return ["  (no result)"];
  const out = [`  end ${vectorName(r.vector)}, ESR ${hex32(r.esr)} (${ecName(r.esr)}) at +${r.elrOff}, FAR ${hex64(r.far)}, SPSR ${fmtSpsr(r.spsr)}`];
  for (let i = 0; i < 31; i += 4) out.push("  " + r.x.slice(i, i + 4).map((v, k) => `x${i + k}=${hex64(v)}`).join(" "));
  out.push(`  sp_el0=${hex64(r.sp0)} sp_el1=${hex64(r.sp1)} fpcr=${hex32(r.fpcr)} fpsr=${fmtFpsr(r.fpsr)}`);
  if (r.v?.size) out.push("  changed " + [...r.v].map(([n, v]) => `v${n}=${v}`).join(" "));
  if (r.mem.size) out.push("  mem " + [...r.mem].map(([o, v]) => `+${o.toString(16)}=${hex32(v)}`).join(" "));
  return out;
}

/** Full description of a mismatching case. */
export function describeA64Case(label: string, c: A64Case, codeAddr: number, q: A64Result | undefined, a: A64Result | undefined): string {
  const words = caseWords(c, codeAddr);
  const dis = disassemble(words, codeAddr, undefined, "aarch64");
  const lines = [`=== mismatch in ${label} (code at ${hex32(codeAddr)})`];
  for (const d of diffA64(q, a)) lines.push(`  ! ${d}`);
  lines.push(`  inputs: spsr ${fmtSpsr(c.spsr)} fpcr ${hex32(c.fpcr)} fpsr ${fmtFpsr(c.fpsr)}`);
  for (let i = 0; i < 31; i += 4) lines.push("  " + c.x.slice(i, i + 4).map((v, k) => `x${i + k}=${hex64(v)}`).join(" "));
  lines.push(`  sp_el0=${hex64(c.sp0)} sp_el1=${hex64(c.sp1)}`);
  if (c.v) {
    const vh = c.v.map((v) => v.toString(16).padStart(32, "0"));
    for (let i = 0; i < 32; i += 4) lines.push("  " + vh.slice(i, i + 4).map((v, k) => `v${i + k}=${v}`).join(" "));
  }
  lines.push("  code:");
  c.insns.forEach((ins, k) => {
    lines.push(`   ${String(k).padStart(3)} +${(4 * k).toString().padStart(3)} ${hex32(words[k])}  ${ins.row.padEnd(14)} ${dis[k]}`);
  });
  lines.push(" QEMU:", ...fmtResult(q), " armlet:", ...fmtResult(a));
  return lines.join("\n");
}

/** Compare every case of one image. `label(i)` names a case (seed and index). */
export function compareA64Runs(cases: A64Case[], image: Image, q: A64RunOutput, a: A64RunOutput, label: (i: number) => string): Comparison {
  const res: Comparison = { compared: 0, mismatches: [], problems: [] };
  for (const [who, r] of [["QEMU", q], ["armlet", a]] as const) {
    if (r.announced < 0) res.problems.push(`${who}: the harness never printed its start line (${r.reason})`);
    if (r.fault) res.problems.push(`${who}: ${r.fault}`);
    if (!r.finished) res.problems.push(`${who} did not finish (${r.reason}; ${r.results.size}/${cases.length} cases)`);
  }
  // When a run stopped early, the case it stopped in is described; the ones after it are only
  // counted in the problem above.
  const stopped = (r: A64RunOutput) => (r.finished ? Infinity : cases.findIndex((_, i) => !r.results.has(i)));
  const last = Math.min(stopped(q), stopped(a));
  cases.forEach((c, i) => {
    const x = q.results.get(i), y = a.results.get(i);
    if ((!x && !y) || i > last) return;
    res.compared++;
    if (diffA64(x, y).length === 0) return;
    const rows = [...new Set(c.insns.filter((k) => k.set).map((k) => k.row))];
    res.mismatches.push({ index: i, text: describeA64Case(label(i), c, image.codeAddr[i], x, y), rows });
  });
  return res;
}

/** Test instructions that came before the end of their case (by the ELR offset) in a run: what
 *  the run really executed, less those that forward branches skipped. Split integer/FP. */
export function reachedInsns(cases: A64Case[], run: A64RunOutput, isFp: (w: number) => boolean): { int: number; fp: number } {
  const out = { int: 0, fp: 0 };
  for (const r of run.results.values()) {
    const stop = Number(r.elrOff / 4n);
    cases[r.index]?.insns.forEach((ins, k) => {
      if (k < stop && ins.set !== "") { if (isFp(ins.word)) out.fp++; else out.int++; }
    });
  }
  return out;
}

/** What differs in a described mismatch (its "!" lines), e.g. "end", "far", "x+mem": mismatches
 *  with the same kind usually share a cause, so reports group them. */
export function mismatchKind(text: string): string {
  const fields = text.split("\n").filter((l) => l.startsWith("  ! ")).map((l) => l.slice(4).split(":")[0].replace(/^([xv])\d+$/, "$1").replace(/^mem\[.*/, "mem"));
  return [...new Set(fields)].join("+");
}

/** Mismatches grouped by kind: count and the first case of each (label line). */
export function kindTable(texts: string[]): string[] {
  const kinds = new Map<string, { n: number; first: string }>();
  for (const t of texts) {
    const k = mismatchKind(t), e = kinds.get(k);
    if (e) e.n++; else kinds.set(k, { n: 1, first: t.split("\n")[0].replace(/^=== mismatch in /, "") });
  }
  return [...kinds].sort((a, b) => b[1].n - a[1].n).map(([k, { n, first }]) => `  ${k}: ${n} (first: ${first})`);
}
