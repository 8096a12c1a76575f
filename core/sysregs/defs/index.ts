// The whole system-register table, in one list, and its invariants.
import type { SysregDef } from "./types.js";
import { dispatchKey, expandEnc, isWildcard } from "./types.js";
import { idRegisters } from "./id.js";
import { mmuRegisters } from "./mmu.js";
import { timerRegisters } from "./timer.js";
import { cacheOpsRegisters } from "./cache-ops.js";
import { miscRegisters } from "./misc.js";
import { debugRegisters } from "./debug.js";
import { pmuRegisters } from "./pmu.js";
import { el2el3Registers } from "./el2-el3.js";
export { aa64OnlyRegisters } from "./aa64-only.js";

export const SYSREGS: SysregDef[] = [
  ...idRegisters, ...mmuRegisters, ...timerRegisters, ...cacheOpsRegisters, ...miscRegisters, ...pmuRegisters, ...debugRegisters,
  ...el2el3Registers,
];

/** Invariants the generator and a test enforce: unique names and encodings, aliases name an owner. */
export function checkSysregs(defs: SysregDef[]): string[] {
  const problems: string[] = [];
  const names = new Map<string, SysregDef>();
  const keys = new Map<number, string>();     // exact rows
  const wildKeys = new Map<number, string>(); // keys covered by wildcard rows
  for (const d of defs) {
    if (names.has(d.name)) problems.push(`duplicate name ${d.name}`);
    names.set(d.name, d);
    if (isWildcard(d.aa32)) {
      for (const e of expandEnc(d.aa32)) {
        const k = dispatchKey(e);
        if (wildKeys.has(k)) problems.push(`wildcard ${d.name} overlaps wildcard ${wildKeys.get(k)}`);
        wildKeys.set(k, d.name);
      }
      if (d.migrate === "normal" || d.kind === "field") problems.push(`wildcard ${d.name} must be stateless`);
      continue;
    }
    const k = dispatchKey(d.aa32);
    if (keys.has(k)) problems.push(`${d.name} has the same encoding as ${keys.get(k)}`);
    keys.set(k, d.name);
  }
  for (const d of defs) {
    if (d.migrate === "alias" && !d.aliasOf) problems.push(`${d.name} is an alias without aliasOf`);
    if (d.aliasOf && !names.has(d.aliasOf)) problems.push(`${d.name} aliases unknown ${d.aliasOf}`);
    else if (d.aliasOf) {
      const owner = names.get(d.aliasOf)!;
      if (owner.kind !== "field" && owner.kind !== "const") problems.push(`${d.name} aliases ${d.aliasOf}, which has no state`);
      if (owner.kind === "const" && d.kind !== "const") problems.push(`${d.name} aliases constant ${d.aliasOf} but is not constant`);
      if (owner.aliasOf) problems.push(`${d.name} aliases ${d.aliasOf}, itself an alias`);
    }
    if (d.migrate === "normal" && d.kind !== "field" && !d.onRead) problems.push(`${d.name} migrates but has no storage`);
    if ((d.kind === "op" || d.kind === "nop") && d.migrate !== "none") problems.push(`${d.name} is an operation but migrates`);
    if (d.pl0Check && d.access.pl0 === "-") problems.push(`${d.name} has pl0Check but no PL0 access`);
  }
  return problems;
}
