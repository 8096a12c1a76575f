// Shared pieces of the system-register generators: literals, per-model values, and the
// resolution of each dispatch key to the row that answers it on each CPU model.
import { type CpuModel, type PerModel, CPU_MODELS, forModel, differsByModel } from "../defs/types";

export const hex = (n: number | bigint) => "0x" + BigInt.asUintN(64, BigInt(n)).toString(16);

/** An AssemblyScript expression for a value that may differ between the models. */
export function valueExpr(v: PerModel<number | bigint> | undefined): string {
  if (!differsByModel(v)) return hex((v as number | bigint | undefined) ?? 0);
  return `(cpuModel == CPU_A57 ? ${hex(forModel(v!, "a57"))} : ${hex(forModel(v!, "a15"))})`;
}

/**
 * Keys grouped by the rows that answer them on each model, in first-seen order: one switch case
 * (with all its labels) per group. `answers` gives, per model, key -> entry.
 */
export function groupByModels<T extends { name: string }>(answers: Map<CpuModel, Map<number, T>>, order: number[]):
    { keys: number[]; by: Partial<Record<CpuModel, T>> }[] {
  const groups = new Map<string, { keys: number[]; by: Partial<Record<CpuModel, T>> }>();
  const seen = new Set<number>();
  for (const k of order) {
    if (seen.has(k)) continue;
    seen.add(k);
    const by: Partial<Record<CpuModel, T>> = {};
    for (const m of CPU_MODELS) { const e = answers.get(m)!.get(k); if (e) by[m] = e; }
    const id = CPU_MODELS.map((m) => by[m]?.name ?? "-").join("|");
    if (!groups.has(id)) groups.set(id, { keys: [], by });
    groups.get(id)!.keys.push(k);
  }
  return [...groups.values()];
}

/**
 * One case of a switch: the body of the model's entry, or `if (cpuModel == CPU_A57)` between two
 * bodies when the models differ (a missing entry is "break;": UNDEFINED).
 */
export function caseBody<T extends { name: string }>(by: Partial<Record<CpuModel, T>>, body: (e: T) => string): string {
  const a15 = by.a15, a57 = by.a57;
  if (a15 && a57 && a15 === a57) return `{ ${body(a15)} } // ${a15.name}`;
  const b15 = a15 ? body(a15) : "break;";
  const b57 = a57 ? body(a57) : "break;";
  return `{ if (cpuModel == CPU_A57) { ${b57} } else { ${b15} } } // ${a15?.name ?? "-"} / ${a57?.name ?? "-"}`;
}

export const caseLabels = (keys: number[]) => keys.map((k) => `case ${hex(k)}:`).join(" ");

/** The write of `v` into a row's storage under a write mask (whole 64-bit slot or its low word). */
export function maskedStore(name: string, mask: PerModel<number | bigint> | undefined, wide: boolean): string {
  const width = wide ? 64n : 32n;
  const full = (1n << width) - 1n;
  const all = (m: number | bigint) => (BigInt.asUintN(64, BigInt(m)) & full) === full;
  let val = "v";
  if (mask !== undefined && (differsByModel(mask) || !all(mask as number | bigint))) {
    const keep = (m: number | bigint) => ~BigInt.asUintN(64, BigInt(m)) & full;
    const keepMask = differsByModel(mask) ? { a15: keep(forModel(mask, "a15")), a57: keep(forModel(mask, "a57")) } : keep(mask as number | bigint);
    val = `(v & ${valueExpr(mask)}) | (load<u64>(SR_${name}) & ${valueExpr(keepMask)})`;
  }
  return wide ? `store<u64>(SR_${name}, ${val});` : `store<u32>(SR_${name}, <u32>(${val}));`;
}

