// Differential test from the command line:
//   npx tsx test/diff/cli.ts [--seed N] [--boots K] [--cases N] [--insns N] [--only REGEX]
//                            [--qemu-only] [--show N] [--rows] [--sys] [--align]
// Prints per-boot summaries, the first --show mismatches in full, and mismatch counts per row.
import { makeBoot, runBoot, testInsnCount } from "./diff.js";
import { VECTOR_NAMES } from "./run.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const flag = (name: string) => args.includes(name);
const seed0 = Number(opt("--seed", "1"));
const boots = Number(opt("--boots", "1"));
const cases = Number(opt("--cases", "500"));
const insns = Number(opt("--insns", "20"));
const show = Number(opt("--show", "3"));
const only = args.includes("--only") ? new RegExp(opt("--only", "")) : undefined;
const armlet = !flag("--qemu-only");

const perRow = new Map<string, number>();
let shown = 0, total = 0, bad = 0;
for (let k = 0; k < boots; k++) {
  const seed = seed0 + k;
  const b = makeBoot({ seed, cases, insnsPerCase: insns, only, mode: flag("--sys") ? "sys" : "usr", alignCheck: flag("--align") });
  const t0 = Date.now();
  const r = await runBoot(b, { armlet });
  const ends = new Map<string, number>();
  for (const x of r.qemu.results.values()) { const n = VECTOR_NAMES[x.vector] ?? String(x.vector); ends.set(n, (ends.get(n) ?? 0) + 1); }
  console.log(`seed ${seed}: ${b.cases.length} cases, ${testInsnCount(b)} insns, QEMU ${r.qemu.results.size} results (${[...ends].map(([n, c]) => `${n} ${c}`).join(", ")}) ${r.qemu.reason} ${Date.now() - t0} ms`);
  if (flag("--rows") && k === 0) {
    console.log("excluded rows:"); for (const [n, why] of b.gen.excluded) console.log(`  ${n}: ${why}`);
  }
  if (!r.cmp) continue;
  total += r.cmp.compared; bad += r.cmp.mismatches.length;
  console.log(`  armlet: ${r.armlet!.results.size} results, ${r.armlet!.reason}; ${r.cmp.mismatches.length} mismatching cases of ${r.cmp.compared}`);
  for (const p of r.cmp.problems) console.log(`  problem: ${p}`);
  for (const m of r.cmp.mismatches) {
    for (const row of m.rows) perRow.set(row, (perRow.get(row) ?? 0) + 1);
    if (shown++ < show) console.log(m.text);
  }
}
if (armlet) {
  console.log(`total: ${bad} mismatching cases of ${total}`);
  console.log("rows in mismatching cases:", [...perRow].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}:${n}`).join(" "));
}
