// Comparing QEMU's and armlet's per-case results, and describing a mismatch: the case's
// inputs, every instruction (encoding, row, disassembly) and both results.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { VECTOR_NAMES, type CaseResult, type RunOutput } from "./run.js";
import { insnSize, type Image, type TestCase } from "./program.js";

const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

/** Differences between two results of one case, as text lines ([] = equal). */
export function diffResult(a: CaseResult | undefined, b: CaseResult | undefined): string[] {
  if (!a || !b) return [!a ? "missing in QEMU output" : "missing in armlet output"];
  const out: string[] = [];
  if (a.vector !== b.vector || a.pcOff !== b.pcOff) {
    out.push(`end: QEMU ${VECTOR_NAMES[a.vector] ?? a.vector} at +${a.pcOff}, armlet ${VECTOR_NAMES[b.vector] ?? b.vector} at +${b.pcOff}`);
  }
  for (let r = 0; r < 15; r++) if (a.regs[r] !== b.regs[r]) out.push(`r${r}: QEMU ${hex(a.regs[r])} armlet ${hex(b.regs[r])}`);
  if (a.cpsr !== b.cpsr) out.push(`cpsr: QEMU ${hex(a.cpsr)} armlet ${hex(b.cpsr)}`);
  if (a.fsr !== b.fsr || a.far !== b.far) out.push(`fsr/far: QEMU ${hex(a.fsr ?? 0)}/${hex(a.far ?? 0)} armlet ${hex(b.fsr ?? 0)}/${hex(b.far ?? 0)}`);
  if (a.fpscr !== b.fpscr) out.push(`fpscr: QEMU ${fmtFpscr(a.fpscr)} armlet ${fmtFpscr(b.fpscr)}`);
  for (let r = 0; r < 32; r++) {
    const x = a.d?.[r], y = b.d?.[r];
    if (x !== y) out.push(`d${r}: QEMU ${x ?? "-"} armlet ${y ?? "-"}`);
  }
  const offs = new Set([...a.mem.keys(), ...b.mem.keys()]);
  for (const o of [...offs].sort((x, y) => x - y)) {
    const x = a.mem.get(o), y = b.mem.get(o);
    if (x !== y) out.push(`mem[window+${hex(o)}]: QEMU ${x === undefined ? "(pattern)" : hex(x)} armlet ${y === undefined ? "(pattern)" : hex(y)}`);
  }
  return out;
}

/** Disassemble words placed at `addr` with arm-none-eabi-objdump, or aarch64-linux-gnu-objdump
 *  for `aarch64` (empty strings if missing). `sizes` (Thumb code): 2 or 4 bytes per word,
 *  32-bit Thumb words with the first halfword on top. */
export function disassemble(words: number[], addr: number, sizes?: number[], arch: "arm" | "aarch64" = "arm"): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "armlet-dis-"));
  try {
    const f = path.join(dir, "w.bin");
    const offs: number[] = [];
    let n = 0;
    for (let i = 0; i < words.length; i++) { offs.push(n); n += sizes?.[i] ?? 4; }
    const buf = Buffer.alloc(n);
    words.forEach((w, i) => {
      if (!sizes) buf.writeUInt32LE(w >>> 0, offs[i]);
      else if (sizes[i] === 2) buf.writeUInt16LE(w & 0xffff, offs[i]);
      else { buf.writeUInt16LE(w >>> 16, offs[i]); buf.writeUInt16LE(w & 0xffff, offs[i] + 2); }
    });
    fs.writeFileSync(f, buf);
    const tool = arch === "aarch64" ? "aarch64-linux-gnu-objdump" : "arm-none-eabi-objdump";
    const r = spawnSync(tool, ["-D", "-b", "binary", `-m${arch}`, ...(sizes ? ["-Mforce-thumb"] : []), `--adjust-vma=0x${hex(addr)}`, f], { encoding: "utf8", maxBuffer: 256 << 20 });
    const out = words.map(() => "");
    if (r.status !== 0) return out;
    const index = new Map(offs.map((o, i) => [o, i]));
    for (const line of r.stdout.split("\n")) {
      const m = /^\s*([0-9a-f]+):\s+(?:[0-9a-f]{8}|[0-9a-f]{4} [0-9a-f]{4}|[0-9a-f]{4})\s+(.*)$/.exec(line);
      if (!m) continue;
      const i = index.get(parseInt(m[1], 16) - addr) ?? -1;
      if (i >= 0 && i < words.length) out[i] = m[2].replace(/\s+/g, " ").trim();
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function fmtCpsr(v: number): string {
  const f = "NZCVQ".split("").map((c, i) => ((v >>> (31 - i)) & 1 ? c : c.toLowerCase())).join("");
  return `${hex(v)} (${f} GE=${((v >>> 16) & 0xf).toString(2).padStart(4, "0")} mode=${(v & 0x1f).toString(16)}${v & 0x200 ? " E" : ""})`;
}

/** FPSCR with its fields spelled out. */
export function fmtFpscr(v: number | undefined): string {
  if (v === undefined) return "-";
  const f = "NZCV".split("").map((c, i) => ((v >>> (31 - i)) & 1 ? c : c.toLowerCase())).join("");
  const rm = ["RN", "RP", "RM", "RZ"][(v >>> 22) & 3];
  const ex = ["IOC", "DZC", "OFC", "UFC", "IXC", "", "", "IDC"].filter((n, i) => n && (v >>> i) & 1).join(",");
  return `${hex(v)} (${f}${v & 0x08000000 ? " QC" : ""}${v & 0x04000000 ? " AHP" : ""}${v & 0x02000000 ? " DN" : ""}${v & 0x01000000 ? " FZ" : ""} ${rm}${ex ? " " + ex : ""})`;
}

function fmtResult(r: CaseResult | undefined): string[] {
  if (!r) return ["  (no result)"];
  const out = [`  end ${VECTOR_NAMES[r.vector] ?? r.vector} at +${r.pcOff}, cpsr ${fmtCpsr(r.cpsr)}`];
  if (r.fsr !== undefined) out.push(`  fsr ${hex(r.fsr)} far ${hex(r.far ?? 0)}`);
  for (let i = 0; i < 15; i += 5) out.push("  " + r.regs.slice(i, i + 5).map((v, k) => `r${i + k}=${hex(v)}`).join(" "));
  if (r.fpscr !== undefined) out.push(`  fpscr ${fmtFpscr(r.fpscr)}`);
  if (r.d) for (let i = 0; i < 32; i += 4) out.push("  " + r.d.slice(i, i + 4).map((v, k) => `d${i + k}=${v}`).join(" "));
  if (r.mem.size) out.push("  mem " + [...r.mem].map(([o, v]) => `+${o.toString(16)}=${hex(v)}`).join(" "));
  return out;
}

/** Full description of a mismatching case. */
export function describeCase(label: string, c: TestCase, codeAddr: number, q: CaseResult | undefined, a: CaseResult | undefined): string {
  const words = c.insns.map((i) => i.word);
  const thumb = (c.cpsr & 0x20) !== 0;
  const dis = disassemble(words, codeAddr, thumb ? c.insns.map(insnSize) : undefined);
  const lines = [`=== mismatch in ${label} (code at ${hex(codeAddr)}${thumb ? ", Thumb" : ""})`];
  for (const d of diffResult(q, a)) lines.push(`  ! ${d}`);
  lines.push(`  inputs: cpsr ${fmtCpsr(c.cpsr)}`);
  for (let i = 0; i < 15; i += 5) lines.push("  " + c.regs.slice(i, i + 5).map((v, k) => `r${i + k}=${hex(v)}`).join(" "));
  if (c.fpscr !== undefined) lines.push(`  fpscr ${fmtFpscr(c.fpscr)}`);
  if (c.d) {
    const dh = c.d.map(([lo, hi]) => hex(hi) + hex(lo));
    for (let i = 0; i < 32; i += 4) lines.push("  " + dh.slice(i, i + 4).map((v, k) => `d${i + k}=${v}`).join(" "));
  }
  lines.push("  code:");
  let off = 0;
  c.insns.forEach((ins, k) => {
    const enc = insnSize(ins) === 2 ? hex(ins.word).slice(4).padEnd(8) : thumb ? `${hex(ins.word).slice(0, 4)} ${hex(ins.word).slice(4)}` : hex(ins.word);
    lines.push(`   ${String(k).padStart(3)} +${off.toString().padStart(3)} ${enc}  ${ins.row.padEnd(14)} ${dis[k]}`);
    off += insnSize(ins);
  });
  lines.push(" QEMU:", ...fmtResult(q), " armlet:", ...fmtResult(a));
  return lines.join("\n");
}

export interface Comparison {
  compared: number;
  mismatches: { index: number; text: string; rows: string[] }[];
  problems: string[];
}

/** Compare every case of one image. `label(i)` names a case (seed and index). */
export function compareRuns(cases: TestCase[], image: Image, q: RunOutput, a: RunOutput, label: (i: number) => string): Comparison {
  const res: Comparison = { compared: 0, mismatches: [], problems: [] };
  if (!q.finished) res.problems.push(`QEMU did not finish (${q.reason}; ${q.results.size}/${cases.length} cases)`);
  if (!a.finished) res.problems.push(`armlet did not finish (${a.reason}; ${a.results.size}/${cases.length} cases)`);
  cases.forEach((c, i) => {
    const x = q.results.get(i), y = a.results.get(i);
    if (!x && !y) return;
    res.compared++;
    if (diffResult(x, y).length === 0) return;
    const rows = [...new Set(c.insns.filter((k) => k.set).map((k) => k.row))];
    res.mismatches.push({ index: i, text: describeCase(label(i), c, image.codeAddr[i], x, y), rows });
  });
  return res;
}
