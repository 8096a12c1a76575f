// The whole system-register table and its invariants. SYSREGS: the rows with an AArch32 encoding
// of the Cortex-A15 (some of them the A15's only: `model`) and the rows both CPUs share, with the
// AArch64 views the Cortex-A57 reaches; A57_ONLY_SYSREGS: AArch32-encoded rows of the A57 alone;
// aa64OnlyRegisters: AArch64 registers without an AArch32 encoding.
import type { SysregDef, Aa64OnlyDef, CpuModel } from "./types.js";
import { dispatchKey, expandEnc, isWildcard, a64Key, CPU_MODELS } from "./types.js";
import { idRegisters } from "./id.js";
import { mmuRegisters } from "./mmu.js";
import { timerRegisters } from "./timer.js";
import { cacheOpsRegisters } from "./cache-ops.js";
import { miscRegisters } from "./misc.js";
import { debugRegisters } from "./debug.js";
import { pmuRegisters } from "./pmu.js";
import { el2el3Registers } from "./el2-el3.js";
import { a57OnlyRegisters } from "./a57-only.js";
import { aa64HiddenRegisters } from "./aa64-only.js";
import { a64IdRegisters } from "./a64-id.js";
import { a64SpecialRegisters } from "./a64-special.js";
import { a64OpRegisters } from "./a64-ops.js";
import { gicv3CpuifRegisters } from "./gicv3-cpuif.js";

export const SYSREGS: SysregDef[] = [
  ...idRegisters, ...mmuRegisters, ...timerRegisters, ...cacheOpsRegisters, ...miscRegisters, ...pmuRegisters, ...debugRegisters,
  ...el2el3Registers,
];
export const A57_ONLY_SYSREGS: SysregDef[] = a57OnlyRegisters;
/** Every row with an AArch32 encoding, of either CPU. */
export const ALL_SYSREGS: SysregDef[] = [...SYSREGS, ...A57_ONLY_SYSREGS];
export const aa64OnlyRegisters: Aa64OnlyDef[] = [...aa64HiddenRegisters, ...a64IdRegisters, ...a64SpecialRegisters, ...a64OpRegisters,
  ...gicv3CpuifRegisters];

/** The row exists on this CPU model. */
export const onModel = (d: { model?: CpuModel }, m: CpuModel): boolean => !d.model || d.model === m;

/** Invariants the generator and a test enforce: unique names, encodings unique on each CPU model
 *  (a row of one model may take an encoding another model gives a different row), aliases name an owner. */
export function checkSysregs(defs: SysregDef[], aa64Only: Aa64OnlyDef[] = []): string[] {
  const problems: string[] = [];
  const names = new Map<string, SysregDef>();
  for (const d of defs) {
    if (names.has(d.name)) problems.push(`duplicate name ${d.name}`);
    names.set(d.name, d);
  }
  for (const m of CPU_MODELS) {
    const keys = new Map<number, string>();     // exact rows
    const wildKeys = new Map<number, string>(); // keys covered by wildcard rows
    const a64Keys = new Map<number, string>();
    const claim = (k: number, name: string) => {
      if (a64Keys.has(k)) problems.push(`${name} has the same AArch64 encoding as ${a64Keys.get(k)}`);
      a64Keys.set(k, name);
    };
    for (const d of defs.filter((r) => onModel(r, m))) {
      if (d.a64) claim(a64Key(d.a64.enc), d.name);
      if (isWildcard(d.aa32)) {
        for (const e of expandEnc(d.aa32)) {
          const k = dispatchKey(e);
          if (wildKeys.has(k)) problems.push(`wildcard ${d.name} overlaps wildcard ${wildKeys.get(k)}`);
          wildKeys.set(k, d.name);
        }
        continue;
      }
      const k = dispatchKey(d.aa32);
      if (keys.has(k)) problems.push(`${d.name} has the same encoding as ${keys.get(k)}`);
      keys.set(k, d.name);
    }
    for (const d of aa64Only.filter((r) => onModel(r, m))) claim(a64Key(d.aa64), d.name);
  }
  for (const d of defs) {
    if (isWildcard(d.aa32) && (d.migrate === "normal" || d.kind === "field")) problems.push(`wildcard ${d.name} must be stateless`);
    if (d.migrate === "alias" && !d.aliasOf) problems.push(`${d.name} is an alias without aliasOf`);
    if (d.aliasOf && !names.has(d.aliasOf)) problems.push(`${d.name} aliases unknown ${d.aliasOf}`);
    else if (d.aliasOf) {
      const owner = names.get(d.aliasOf)!;
      if (owner.kind !== "field" && owner.kind !== "const") problems.push(`${d.name} aliases ${d.aliasOf}, which has no state`);
      if (owner.kind === "const" && d.kind !== "const") problems.push(`${d.name} aliases constant ${d.aliasOf} but is not constant`);
      if (owner.aliasOf) problems.push(`${d.name} aliases ${d.aliasOf}, itself an alias`);
      if (owner.model && owner.model !== d.model) problems.push(`${d.name} aliases ${d.aliasOf}, which its CPU may lack`);
    }
    if (d.migrate === "normal" && d.kind !== "field" && !d.onRead) problems.push(`${d.name} migrates but has no storage`);
    if ((d.kind === "op" || d.kind === "nop") && d.migrate !== "none") problems.push(`${d.name} is an operation but migrates`);
    if (d.pl0Check && d.access.pl0 === "-") problems.push(`${d.name} has pl0Check but no PL0 access`);
    if (d.a64?.hi && !names.has(d.a64.hi)) problems.push(`${d.name}'s AArch64 view names unknown ${d.a64.hi}`);
    // A write hook receives the value as written: a mask would be silently ignored.
    if (d.onWrite && d.writeMask !== undefined) problems.push(`${d.name}: writeMask with a write hook`);
    const viewHook = d.a64 && (d.a64.onWrite === undefined ? d.onWrite : d.a64.onWrite);
    if (viewHook && d.a64!.writeMask !== undefined) problems.push(`${d.name}'s AArch64 view: writeMask with a write hook`);
  }
  for (const d of aa64Only) {
    if (names.has(d.name)) problems.push(`duplicate name ${d.name}`);
    if (d.migrate !== "none" && (d.kind === "op" || d.kind === "nop")) problems.push(`${d.name} is an operation but migrates`);
    if (d.kind === "field" && (d.onRead || d.onWrite)) problems.push(`${d.name}: a hidden field has no hooks`);
  }
  return problems;
}
