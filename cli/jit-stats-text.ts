// --jit-stats: what the translator did during a run, for people (stderr at exit).
import type { JitStats } from "../jit/engine.js";

const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;

export function jitStatsText(s: JitStats, retired: number): string {
  const rows = [...s.fallbackRows].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const lines = [
    "JIT statistics",
    `  regions compiled      ${s.regionsCompiled} in ${s.modules} modules (${s.translatedInsns} guest instructions)`,
    `  translate time        ${s.translateMs.toFixed(1)} ms on the run loop` +
      (s.translatedInsns ? ` (${((s.translateMs * 1000) / s.translatedInsns).toFixed(2)} µs per instruction)` : ""),
    `  compile time          ${s.compileMs.toFixed(1)} ms in WebAssembly.compile (off the run loop)`,
    `  region executions     ${s.regionEntries}`,
    `  retired instructions  ${retired}` +
      (retired ? ` (${s.interpretedInsns} interpreted, ${((100 * s.interpretedInsns) / retired).toFixed(1)}%)` : ""),
    `  invalidated pages     ${s.invalidatedPages}; full flushes ${s.flushes}`,
    `  code cache            ${mib(s.codeBytes)} now, ${mib(s.peakCodeBytes)} at most`,
    `  fallback rows         ${rows.length ? rows.map(([n, c]) => `${n} ${c}`).join(", ") : "none"}`,
  ];
  return lines.join("\n") + "\n";
}
