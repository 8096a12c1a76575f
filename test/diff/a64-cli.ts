// A64 differential test from the command line:
//   npx tsx test/diff/a64-cli.ts [--seed N] [--boots K] [--cases N] [--insns N] [--fp] [--align]
//       [--space] [--modes EL1h,EL0t,EL1t] [--only REGEX] [--qemu-only] [--show N] [--rows]
//       [--check] [--dump INDEX]
// --space draws from the encoding classes (a64-space.ts) instead of the core's A64 table;
// --check makes the harness verify after every case that nothing outside the window was
// written; --dump prints one case's code and QEMU's result. Prints per-boot summaries (how cases ended,
// instructions per class), the first --show mismatches in full, and mismatch counts per row.
import { bootLabel, makeA64Boot, runA64Boot } from "./a64-diff.js";
import { ecName } from "./a64-run.js";
import { describeA64Case, kindTable, reachedInsns } from "./a64-report.js";
import { isFpWord } from "./a64-encoding.js";
import type { A64Mode } from "./a64-generator.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const flag = (name: string) => args.includes(name);
const seed0 = Number(opt("--seed", "1"));
const boots = Number(opt("--boots", "1"));
const show = Number(opt("--show", "3"));
const only = flag("--only") ? new RegExp(opt("--only", "")) : undefined;
const modes = flag("--modes") ? (opt("--modes", "").split(",") as A64Mode[]) : undefined;
const armlet = !flag("--qemu-only");
const tally = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");

const perRow = new Map<string, number>();
let shown = 0, total = 0, bad = 0, failed = false;
const texts: string[] = [];
for (let k = 0; k < boots; k++) {
  const b = makeA64Boot({
    seed: seed0 + k, cases: Number(opt("--cases", "500")), insnsPerCase: Number(opt("--insns", "20")),
    fp: flag("--fp"), alignCheck: flag("--align"), space: flag("--space"), check: flag("--check"), only, modes,
  });
  const t0 = Date.now();
  const r = await runA64Boot(b, { armlet });
  const ends = new Map<string, number>();
  for (const x of r.qemu.results.values()) { const n = ecName(x.esr); ends.set(n, (ends.get(n) ?? 0) + 1); }
  console.log(`${bootLabel(b.plan)}: ${b.cases.length} cases, ${b.gen.intInsns} int + ${b.gen.fpInsns} FP/SIMD insns; ` +
    `QEMU ${r.qemu.results.size} results (${tally(ends)}) ${r.qemu.reason} ${Date.now() - t0} ms`);
  const reached = reachedInsns(b.cases, r.qemu, isFpWord);
  console.log(`  reached under QEMU: ${reached.int} int + ${reached.fp} FP/SIMD; per class: ${tally(b.gen.encCounts)}`);
  if (r.qemu.fault) console.log(`  QEMU: ${r.qemu.fault}`);
  if (!r.qemu.finished || r.qemu.results.size !== b.cases.length) failed = true;
  if (flag("--rows") && k === 0) {
    console.log(`testable rows (${b.gen.testable.length}): ${b.gen.testable.map((t) => t.row.name).join(" ")}`);
    console.log("excluded rows:"); for (const [n, why] of b.gen.excluded) console.log(`  ${n}: ${why}`);
  }
  if (flag("--dump") && k === 0) {
    const i = Number(opt("--dump", "0"));
    console.log(describeA64Case(`case ${i}`, b.cases[i], b.image.codeAddr[i], r.qemu.results.get(i), r.armlet?.results.get(i)));
  }
  if (!r.qemu.finished) console.log(r.qemu.raw.split("\n").slice(-3).join("\n"));
  if (!r.cmp) continue;
  total += r.cmp.compared; bad += r.cmp.mismatches.length;
  console.log(`  armlet: ${r.armlet!.results.size} results, ${r.armlet!.reason}; ${r.cmp.mismatches.length} mismatching cases of ${r.cmp.compared}`);
  for (const p of r.cmp.problems) console.log(`  problem: ${p}`);
  for (const m of r.cmp.mismatches) {
    for (const row of m.rows) perRow.set(row, (perRow.get(row) ?? 0) + 1);
    texts.push(m.text);
    if (shown++ < show) console.log(m.text);
  }
}
if (armlet) {
  console.log(`total: ${bad} mismatching cases of ${total}`);
  console.log("rows in mismatching cases:", tally(perRow));
  if (texts.length) console.log(["mismatches by what differs:", ...kindTable(texts)].join("\n"));
}
process.exitCode = failed || bad ? 1 : 0;
