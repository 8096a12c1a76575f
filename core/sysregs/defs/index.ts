// The whole system-register table, in one list, and its invariants.
import type { SysregDef } from "./types";
import { dispatchKey } from "./types";
import { idRegisters } from "./id";
import { mmuRegisters } from "./mmu";

export const SYSREGS: SysregDef[] = [...idRegisters, ...mmuRegisters];

/** Invariants the generator and a test enforce: unique names and encodings, aliases name an owner. */
export function checkSysregs(defs: SysregDef[]): string[] {
  const problems: string[] = [];
  const names = new Map<string, SysregDef>();
  const keys = new Map<number, string>();
  for (const d of defs) {
    if (names.has(d.name)) problems.push(`duplicate name ${d.name}`);
    names.set(d.name, d);
    const k = dispatchKey(d.aa32);
    if (keys.has(k)) problems.push(`${d.name} has the same encoding as ${keys.get(k)}`);
    keys.set(k, d.name);
  }
  for (const d of defs) {
    if (d.migrate === "alias" && !d.aliasOf) problems.push(`${d.name} is an alias without aliasOf`);
    if (d.aliasOf && !names.has(d.aliasOf)) problems.push(`${d.name} aliases unknown ${d.aliasOf}`);
    if (d.aliasOf && names.get(d.aliasOf)!.kind !== "field") problems.push(`${d.name} aliases ${d.aliasOf}, which has no storage`);
    if (d.migrate === "normal" && d.kind !== "field" && !d.onRead) problems.push(`${d.name} migrates but has no storage`);
    if (d.kind === "op" && d.migrate !== "none") problems.push(`${d.name} is an operation but migrates`);
  }
  return problems;
}
