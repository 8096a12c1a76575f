// Shared body of the Thumb and VFP/NEON differential tests (t32-random.test.ts,
// vfp-neon-random.test.ts): QEMU sanity with a mutation check of the comparison, and the
// armlet-vs-QEMU run over several seeds.
import { expect } from "vitest";
import { makeXBoot, runXBoot, xInsnCount } from "./ext-diff.js";
import type { CaseKind } from "./ext-generator.js";
import { runQemu, VECTOR_NAMES, type RunOutput } from "./run.js";
import { compareRuns } from "./report.js";
import { insnSize } from "./program.js";

export async function qemuSanity(seed: number, kinds: CaseKind[], cases: number, insns: number) {
  const b = makeXBoot({ seed, cases, insnsPerCase: insns, kinds });
  const r = await runQemu(b.image.elf);
  expect(r.reason).toBe("exit");
  expect(r.finished).toBe(true);
  expect(r.results.size).toBe(cases);
  const ends = new Map<number, number>();
  for (const x of r.results.values()) ends.set(x.vector, (ends.get(x.vector) ?? 0) + 1);
  console.log(`QEMU [${kinds}]: ${[...ends].map(([v, n]) => `${VECTOR_NAMES[v]} ${n}`).join(", ")}`);
  expect(ends.get(2) ?? 0).toBeGreaterThan(cases * 0.25);
  for (const x of r.results.values()) {
    expect(x.d?.length).toBe(32);
    expect(x.fpscr).toBeTypeOf("number");
    expect(x.cpsr & 0x1f).toBe(0x10);
    // Thumb cases end in Thumb state (SPSR.T), A32 ones in ARM state.
    expect(x.cpsr & 0x20).toBe(b.cases[x.index].cpsr & 0x20);
  }
  const twin = (f: (x: RunOutput) => void): RunOutput => {
    const copy: RunOutput = { ...r, results: new Map([...r.results].map(([i, x]) => [i, { ...x, regs: [...x.regs], mem: new Map(x.mem), d: [...(x.d ?? [])] }])) };
    f(copy);
    return copy;
  };
  expect(compareRuns(b.cases, b.image, r, twin(() => {}), (i) => `case ${i}`).mismatches).toEqual([]);
  const k = [...r.results.values()].find((x) => x.vector === 2)!.index;
  for (const mutate of [
    (x: RunOutput) => { x.results.get(k)!.d![7] = "0123456789abcdef"; },
    (x: RunOutput) => { x.results.get(k)!.fpscr! ^= 0x10; },
    (x: RunOutput) => { x.results.get(k)!.regs[2] ^= 1; },
  ]) {
    const cmp = compareRuns(b.cases, b.image, r, twin(mutate), (i) => `case ${i}`);
    expect(cmp.mismatches.map((m) => m.index)).toEqual([k]);
    const text = cmp.mismatches[0].text;
    const ins = b.cases[k].insns.find((i) => i.set !== "")!;
    const enc = insnSize(ins) === 2 || !(b.cases[k].cpsr & 0x20) ? ins.word.toString(16).padStart(insnSize(ins) * 2, "0") : ins.word.toString(16).padStart(8, "0").slice(0, 4);
    expect(text).toContain(enc);
    expect(text).toContain(ins.row);
    expect(text).toMatch(/fpscr[\s\S]*d0=[\s\S]*QEMU:[\s\S]*armlet:/);
  }
}

export interface DiffRun { seed: number; kinds: CaseKind[] }

/** Run boots under both; returns the instruction count and prints the first mismatches. */
export async function armletVsQemu(runs: DiffRun[], cases: number, insns: number, show = 6) {
  let count = 0, executed = 0, compared = 0;
  const failures: string[] = [];
  const perRow = new Map<string, number>();
  for (const [k, { seed, kinds }] of runs.entries()) {
    const b = makeXBoot({ seed, cases, insnsPerCase: insns, kinds });
    count += xInsnCount(b);
    // Every other boot runs each case translated by the JIT (the interpreter's rows are its fallback).
    const r = await runXBoot(b, { armlet: true, jit: k % 2 === 1 ? "eager" : "off" });
    // Instructions that ran: those before the point where QEMU ended each case.
    for (const x of r.qemu.results.values()) {
      let off = 0;
      for (const i of b.cases[x.index].insns) { if (off >= x.pcOff - 1) break; if (i.set) executed++; off += insnSize(i); }
    }
    const cmp = r.cmp!;
    compared += cmp.compared;
    failures.push(...cmp.problems.map((p) => `seed 0x${seed.toString(16)} [${kinds}]: ${p}`));
    for (const m of cmp.mismatches) {
      for (const row of m.rows) perRow.set(row, (perRow.get(row) ?? 0) + 1);
      failures.push(m.text);
    }
  }
  console.log(`differential: ${count} instructions generated (${executed} reached) in ${compared} cases compared`);
  if (failures.length) {
    const rows = [...perRow].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}:${n}`).join(" ");
    console.log(failures.slice(0, show).join("\n"));
    console.log(`${failures.length} mismatching cases (first ${show} shown); rows in them: ${rows}`);
  }
  return { count, executed, failures };
}
