// Thumb/VFP/NEON differential test from the command line:
//   npx tsx test/diff/ext-cli.ts [--seed N] [--boots K] [--cases N] [--insns N] [--kinds thumb,t32fp,a32fp]
//                                [--only REGEX] [--qemu-only] [--show N] [--ends]
// Prints per-boot summaries, the first --show mismatches in full, and mismatch counts per row.
import { makeXBoot, runXBoot, xInsnCount } from "./ext-diff.js";
import type { CaseKind } from "./ext-generator.js";
import { VECTOR_NAMES } from "./run.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const flag = (name: string) => args.includes(name);
const seed0 = Number(opt("--seed", "1"));
const boots = Number(opt("--boots", "1"));
const cases = Number(opt("--cases", "400"));
const insns = Number(opt("--insns", "10"));
const show = Number(opt("--show", "3"));
const kinds = opt("--kinds", "thumb,t32fp,a32fp").split(",") as CaseKind[];
const only = args.includes("--only") ? new RegExp(opt("--only", "")) : undefined;
const armlet = !flag("--qemu-only");

const perRow = new Map<string, number>();
let shown = 0, total = 0, bad = 0;
for (let k = 0; k < boots; k++) {
  const seed = seed0 + k;
  const b = makeXBoot({ seed, cases, insnsPerCase: insns, kinds, only });
  const t0 = Date.now();
  const r = await runXBoot(b, { armlet });
  const ends = new Map<string, number>();
  const undefRows = new Map<string, number>();
  for (const x of r.qemu.results.values()) {
    const n = VECTOR_NAMES[x.vector] ?? String(x.vector);
    ends.set(n, (ends.get(n) ?? 0) + 1);
    if (x.vector === 1 || x.vector === 3 || x.vector === 4) {
      // the instruction that ended the case
      const c = b.cases[x.index];
      const back = x.vector === 4 ? 8 : (c.cpsr & 0x20) ? 2 : 4;
      let off = 0;
      for (const i of c.insns) {
        const sz = i.size ?? 4;
        if (off <= x.pcOff - back && x.pcOff - back < off + sz) { const key = `${n}:${i.row}`; undefRows.set(key, (undefRows.get(key) ?? 0) + 1); }
        off += sz;
      }
    }
  }
  console.log(`seed ${seed}: ${b.cases.length} cases, ${xInsnCount(b)} insns, QEMU ${r.qemu.results.size} results (${[...ends].map(([n, c]) => `${n} ${c}`).join(", ")}) ${r.qemu.reason} ${Date.now() - t0} ms`);
  if (flag("--ends")) console.log("  ended by:", [...undefRows].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}:${n}`).join(" "));
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
