// The MRS/MSR/SYS dispatch of the AArch64 views (SysregDef.a64) and AArch64-only registers:
// sysregA64Read/sysregA64Write by key op0:op1:CRn:CRm:op2, reporting in sysregA64Status what the
// instruction must do (A64_OK, or UNDEFINED, a trap to EL1, an FP access trap), as QEMU 7.2 does:
// access bits first (UNDEFINED), then the view's access function (its result, usually a trap).
// Also the raw accessors of the AArch64-only registers, for the cpreg list.
import { type SysregDef, type Aa64OnlyDef, type Access, type CpuModel, type PerModel, a64Key, CPU_MODELS } from "../defs/types";
import { onModel } from "../defs/index";
import { valueExpr, groupByModels, caseBody, caseLabels, maskedStore } from "./gen-util";

/** One AArch64 encoding the guest reaches, normalised from a row's view or an AArch64-only row. */
interface Entry {
  name: string;
  key: number;
  model?: CpuModel;
  kind: SysregDef["kind"];
  access: Access;
  check?: string;
  pl0Check?: string;
  onRead?: string;
  onWrite?: string;
  hookArg?: number;
  /** Storage row (and high half) for fields; the value for constants. */
  store?: string;
  hi?: string;
  wide: boolean;
  value?: PerModel<number | bigint>;
  writeMask?: PerModel<number | bigint>;
}

function entries(rows: SysregDef[], only: Aa64OnlyDef[], byName: Map<string, SysregDef>): Entry[] {
  const out: Entry[] = [];
  for (const d of rows) {
    const v = d.a64;
    if (!v) continue;
    const owner = d.aliasOf ? byName.get(d.aliasOf)! : d;
    const wide = !!v.wide || !!d.aa32.is64;
    out.push({
      name: v.name ?? `${d.name} (AArch64)`, key: a64Key(v.enc), model: d.model, kind: d.kind,
      access: v.access ?? d.access, check: v.check, pl0Check: d.pl0Check,
      onRead: v.onRead === undefined ? d.onRead : v.onRead ?? undefined,
      onWrite: v.onWrite === undefined ? d.onWrite : v.onWrite ?? undefined,
      hookArg: v.hookArg ?? d.hookArg, store: d.name, hi: v.hi, wide,
      value: owner.reset, writeMask: v.writeMask ?? (wide ? undefined : d.writeMask),
    });
  }
  for (const d of only) {
    if (!d.access) continue;
    out.push({
      name: d.name, key: a64Key(d.aa64), model: d.model, kind: d.kind, access: d.access, check: d.check,
      onRead: d.onRead, onWrite: d.onWrite, hookArg: d.hookArg, store: d.name, wide: true, value: d.reset, writeMask: d.writeMask,
    });
  }
  return out.filter((e) => e.access.pl1 !== "-" || e.access.pl0 !== "-");
}

/** Access bits and access function of a read ("r") or write ("w"); null when no EL may do it. */
function accessCheck(e: Entry, dir: "r" | "w", fail: (s: string) => string): string | null {
  const el1 = e.access.pl1.includes(dir), el0 = e.access.pl0.includes(dir);
  if (!el1 && !el0) return null;
  let s = !el0 ? "if (el0) break; " : !el1 ? "if (!el0) break; " : "";
  if (e.check) s += `{ const s = ${e.check}(el0, ${dir === "r"}); if (s != A64_OK) ${fail("s")} } `;
  else if (e.pl0Check && el0) s += `if (el0 && !${e.pl0Check}()) ${fail("A64_TRAP")} `;
  return s;
}

function readValue(e: Entry): string {
  if (e.onRead) return `return ${e.onRead}(${e.hookArg ?? ""});`;
  if (e.kind === "const") return `return ${valueExpr(e.value)};`;
  if (e.kind === "field") {
    if (e.hi) return `return (<u64>load<u32>(SR_${e.hi}) << 32) | <u64>load<u32>(SR_${e.store});`;
    return `return ${e.wide ? "load<u64>" : "<u64>load<u32>"}(SR_${e.store});`;
  }
  // A NOP register (MDCCINT_EL1): QEMU leaves Xt unchanged (MRS checks A64_NOP).
  return "sysregA64Status = A64_NOP; return 0;";
}

function writeValue(e: Entry): string {
  const arg = e.hookArg === undefined ? "" : `, ${e.hookArg}`;
  if (e.onWrite) return `${e.onWrite}(v${arg}); return;`;
  if (e.kind !== "field") return "return;";
  if (e.hi) return `store<u32>(SR_${e.store}, <u32>v); store<u32>(SR_${e.hi}, <u32>(v >>> 32)); return;`;
  return `${maskedStore(e.store!, e.writeMask, e.wide)} return;`;
}

export function a64Dispatch(rows: SysregDef[], only: Aa64OnlyDef[], byName: Map<string, SysregDef>): string[] {
  const all = entries(rows, only, byName);
  const answers = new Map(CPU_MODELS.map((m) => {
    const map = new Map<number, Entry>();
    for (const e of all) if (onModel(e, m) && !map.has(e.key)) map.set(e.key, e);
    return [m, map] as const;
  }));
  const groups = groupByModels(answers, all.map((e) => e.key));
  const readFail = (s: string) => `return a64Fail(${s});`;
  const writeFail = (s: string) => `{ sysregA64Status = ${s}; return; }`;
  const read = (e: Entry) => { const c = accessCheck(e, "r", readFail); return c === null ? "break;" : c + readValue(e); };
  const write = (e: Entry) => { const c = accessCheck(e, "w", writeFail); return c === null ? "break;" : c + writeValue(e); };

  const out: string[] = [];
  out.push(`/** Outcome of the last sysregA64Read/Write: A64_OK, A64_UNDEF, A64_TRAP or A64_FP_TRAP. */`);
  out.push(`export let sysregA64Status: i32 = A64_OK;`);
  out.push(`function a64Fail(s: i32): u64 { sysregA64Status = s; return 0; }`);
  out.push(``);
  out.push(`/** MRS (and SYSL): the register with key op0:op1:CRn:CRm:op2, read at EL0 or EL1. */`);
  out.push(`export function sysregA64Read(key: u32, el0: bool): u64 {`);
  out.push(`  sysregA64Status = A64_OK;`);
  out.push(`  switch (key) {`);
  for (const g of groups) out.push(`    ${caseLabels(g.keys)} ${caseBody(g.by, read)}`);
  out.push(`  }`);
  out.push(`  sysregA64Status = A64_UNDEF;`);
  out.push(`  return 0;`);
  out.push(`}`);
  out.push(``);
  out.push(`/** MSR (register) and SYS: write v to the register or run the operation with key. */`);
  out.push(`export function sysregA64Write(key: u32, el0: bool, v: u64): void {`);
  out.push(`  sysregA64Status = A64_OK;`);
  out.push(`  switch (key) {`);
  for (const g of groups) out.push(`    ${caseLabels(g.keys)} ${caseBody(g.by, write)}`);
  out.push(`  }`);
  out.push(`  sysregA64Status = A64_UNDEF;`);
  out.push(`}`);
  out.push(``);

  // Raw access to the migrating AArch64-only registers (QEMU's read_raw_cp_reg / write_raw_cp_reg).
  const raw = only.filter((d) => (d.migrate ?? (d.kind === "field" ? "normal" : d.kind === "const" ? "constant" : "none")) !== "none");
  const rawEntries = new Map(CPU_MODELS.map((m) => [m, new Map(raw.filter((d) => onModel(d, m)).map((d) => [a64Key(d.aa64), d]))] as const));
  const rawGroups = groupByModels(rawEntries, raw.map((d) => a64Key(d.aa64)));
  const rawRead = (d: Aa64OnlyDef) => d.onRead ? `return ${d.onRead}(${d.hookArg ?? ""});`
    : d.kind === "field" ? `return load<u64>(SR_${d.name});` : `return ${valueExpr(d.reset)};`;
  const rawWrite = (d: Aa64OnlyDef) => d.onWrite ? `${d.onWrite}(v${d.hookArg === undefined ? "" : `, ${d.hookArg}`}); return;`
    : d.kind === "field" ? `store<u64>(SR_${d.name}, v); return;` : "return;";
  out.push(`/** Raw value of a migrating AArch64-only register (no access check), 0 if there is none. */`);
  out.push(`export function sysregA64RawRead(key: u32): u64 {`);
  out.push(`  switch (key) {`);
  for (const g of rawGroups) out.push(`    ${caseLabels(g.keys)} ${caseBody(g.by, rawRead)}`);
  out.push(`  }`);
  out.push(`  return 0;`);
  out.push(`}`);
  out.push(`/** Raw write of a migrating AArch64-only register (constants ignore it). */`);
  out.push(`export function sysregA64RawWrite(key: u32, v: u64): void {`);
  out.push(`  switch (key) {`);
  for (const g of rawGroups) out.push(`    ${caseLabels(g.keys)} ${caseBody(g.by, rawWrite)}`);
  out.push(`  }`);
  out.push(`}`);
  return out;
}
