// Loading a register list under a policy, never a bare failure (QEMU 7.2 fails the load on an
// unknown id below its largest and on any constant that differs): the incoming list (already
// normalised, kvm-ids.ts) is merged with ours, and every decision is written down for the
// LoadReport. Rules, per incoming id:
//  - in our list: a state register takes the value; an ID/constant register that differs keeps ours;
//  - not in our list but state some table row owns (a child of a wildcard or an alias view, the
//    AArch32 view QEMU migrates through its AArch64 id, a row of another CPU configuration):
//    applied through the owning row (constants compared as above);
//  - a row with no state (an operation, a computed value): compared if it has a value, else skipped;
//  - an AArch64 view of a row (or an AArch64-only register) QEMU's A57 list lacks: the same;
//  - KVM's DEMUX CCSIDR ids: ID registers, compared with this CPU's cache geometry;
//  - unknown: skipped and reported (fatal under policy "strict").
// Our registers the stream does not mention keep their reset values and are reported.
import { SYSREGS } from "../../../core/sysregs/defs/index.js";
import { A15_CCSIDR, A57_CCSIDR } from "../../../core/sysregs/defs/id.js";
import { dispatchKey, expandEnc, isWildcard, type SysregDef } from "../../../core/sysregs/defs/types.js";
import { aa32FromKvmId } from "../../../core/sysregs/keys.js";
import { ArmletError } from "../../errors.js";
import type { CoreExports } from "../../core.js";
import { aa64ViewEntry, entryForId, isIdentityRow, sysregRows, type CpregEntry } from "./cpreg-list.js";
import { cpregName } from "./names.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { S_SYSREGS } from "../../../core/state/layout.js";

export type CpregPolicy = "lenient" | "strict";
export const CPREG_POLICIES: readonly CpregPolicy[] = ["lenient", "strict"];

export interface MergePlan {
  /** Raw writes to make, in id order (a later view of the same state wins, as in QEMU). */
  writes: { entry: CpregEntry; value: bigint }[];
  decisions: string[];
}

const hex = (v: bigint) => `0x${BigInt.asUintN(64, v).toString(16)}`;

/** Exact rows by dispatch key, then the keys wildcard rows cover. */
let rowsByKey: Map<number, SysregDef> | undefined;
function rowForKey(key: number): SysregDef | undefined {
  if (!rowsByKey) {
    rowsByKey = new Map();
    for (const d of SYSREGS) if (!isWildcard(d.aa32)) rowsByKey.set(dispatchKey(d.aa32), d);
    for (const d of SYSREGS) if (isWildcard(d.aa32)) for (const e of expandEnc(d.aa32)) {
      const k = dispatchKey(e);
      if (!rowsByKey.has(k)) rowsByKey.set(k, d);
    }
  }
  return rowsByKey.get(key);
}

/** An AArch32 id our list lacks, as a view of the row that holds its state; undefined if none. */
function aa32View(id: bigint): { entry?: CpregEntry; row: SysregDef } | undefined {
  const dec = aa32FromKvmId(id);
  if (!dec) return undefined;
  const row = rowForKey(dispatchKey(dec.enc));
  if (!row) return undefined;
  const owner = row.aliasOf ? SYSREGS.find((d) => d.name === row.aliasOf)! : row;
  const name = cpregName(id);
  if (row.kind === "op" || row.kind === "nop") return { row };
  if (row.kind === "const" || owner.kind === "const") {
    return { row, entry: { id, name, row: owner.name, constant: true, read: (c) => rawRead(c, row), write: () => {} } };
  }
  // A field: this view's width over the owner's storage (the Secure copy when bit 29 is clear);
  // an alias view (TTBR0's 32-bit view, REVIDR reading MIDR) has none of its own.
  const store = dec.secure ? `${owner.name}_S` : owner.name;
  if (SYSREG_STORAGE[store] === undefined) return { row };
  const wide = !!dec.enc.is64;
  const at = (c: CoreExports) => c.stateBase() + S_SYSREGS + SYSREG_STORAGE[store];
  return {
    row,
    entry: {
      id, name, row: owner.name, constant: isIdentityRow(owner),
      read: (c) => (wide ? new DataView(c.memory.buffer).getBigUint64(at(c), true) : BigInt(new DataView(c.memory.buffer).getUint32(at(c), true))),
      write: (c, v) => {
        const dv = new DataView(c.memory.buffer);
        if (wide) dv.setBigUint64(at(c), BigInt.asUintN(64, v), true);
        else dv.setUint32(at(c), Number(v & 0xffff_ffffn), true);
      },
    },
  };
}

/** KVM's DEMUX CCSIDR ids (one per cache level, selected by CSSELR): ID registers compared with ours. */
const DEMUX_CCSIDR = 0x0011_0000n;
function ccsidrView(id: bigint, aarch64: boolean): CpregEntry | undefined {
  const arch = id >> 56n;
  if ((arch !== 0x40n && arch !== 0x60n) || (id & 0xffff_ff00n) !== DEMUX_CCSIDR) return undefined;
  const sel = Number(id & 0xffn);
  const ours = BigInt((aarch64 ? A57_CCSIDR : A15_CCSIDR)[sel] ?? 0);
  return { id, name: `CCSIDR (CSSELR ${sel})`, row: "CCSIDR", constant: true, read: () => ours, write: () => {} };
}

function rawRead(core: CoreExports, d: SysregDef): bigint {
  const lo = core.sysregRawReadLo(dispatchKey(d.aa32)) >>> 0;
  return (BigInt(core.lastSysregHi() >>> 0) << 32n) | BigInt(lo);
}

/** The state key an entry writes (for "which of ours did the stream not mention"): views of one
 *  storage (PAR's 32-bit view, an alias row) share their owner's key. */
const stateKey = (e: CpregEntry) => {
  const owner = sysregRows.get(e.row)?.aliasOf ?? e.row;
  return e.name.endsWith("(Secure)") ? `${owner}_S` : owner;
};

/**
 * Merge `ids`/`values` (normalised, ascending) into a plan against `ours`. Our constants are read
 * from the core, which must have this CPU loaded. Throws a snapshot error for unknown ids under "strict".
 */
export function mergeCpregs(cpu: number, core: CoreExports, ours: readonly CpregEntry[], ids: readonly bigint[], values: readonly bigint[],
  policy: CpregPolicy, opts: { aarch64?: boolean } = {}): MergePlan {
  const plan: MergePlan = { writes: [], decisions: [] };
  const say = (msg: string) => plan.decisions.push(`cpu ${cpu}: ${msg}`);
  const byId = new Map(ours.map((e) => [e.id, e]));
  const touched = new Set<string>();
  const unknown: string[] = [];
  const throughOwner: string[] = [];
  const stateless: string[] = [];
  const apply = (e: CpregEntry, v: bigint) => {
    touched.add(stateKey(e));
    if (e.constant) {
      const mine = BigInt.asUintN(64, e.read(core));
      if (mine !== v) say(`${e.name} (${hex(e.id)}): the stream has ${hex(v)}, this CPU ${hex(mine)}: kept ours`);
      return;
    }
    plan.writes.push({ entry: e, value: v });
  };
  ids.forEach((id, i) => {
    const v = BigInt.asUintN(64, values[i]);
    const mine = byId.get(id);
    if (mine) { apply(mine, v); return; }
    const ccsidr = ccsidrView(id, opts.aarch64 === true);
    if (ccsidr) { apply(ccsidr, v); return; }
    const other = entryForId(id, opts.aarch64 ? "a57" : "a15"); // listed by another configuration of this CPU (EL2/EL3 rows)
    const view = other ? { entry: other, row: undefined } : aa32View(id);
    if (view?.entry) {
      throughOwner.push(`${view.entry.name} (${hex(id)}) -> ${view.entry.row}`);
      apply(view.entry, v);
      return;
    }
    if (view?.row) { stateless.push(`${view.row.name} (${hex(id)})`); return; }
    // An AArch64 view QEMU's A57 list does not carry (MIDR_EL1, PAR_EL1, ID_AA64*: arm64 KVM lists them).
    const a64 = opts.aarch64 ? aa64ViewEntry(id) : undefined;
    if (a64 === "stateless") { stateless.push(`${cpregName(id)} (${hex(id)})`); return; }
    if (a64) {
      throughOwner.push(`${a64.name} (${hex(id)}) -> ${a64.row}`);
      apply(a64, v);
      return;
    }
    unknown.push(`${hex(id)} (${cpregName(id)})`);
  });
  if (unknown.length && policy === "strict") {
    // The snapshot is refused (a bad input, exit 65), not the command line.
    throw new ArmletError("snapshot", `cpu ${cpu}: the snapshot's register list has ${unknown.length} id(s) this CPU does not know: ` +
      `${unknown.join(", ")} (--cpreg-policy strict refuses them; the default policy skips them)`);
  }
  if (unknown.length) say(`${unknown.length} register id(s) unknown to this CPU skipped: ${unknown.join(", ")}`);
  if (throughOwner.length) say(`${throughOwner.length} id(s) for state another register owns applied through it: ${throughOwner.join(", ")}`);
  if (stateless.length) say(`${stateless.length} id(s) of registers without state here skipped: ${stateless.join(", ")}`);
  const missing = ours.filter((e) => !touched.has(stateKey(e)));
  if (missing.length) say(`${missing.length} of this CPU's registers are not in the stream and keep their reset values: ${missing.map((e) => e.name).join(", ")}`);
  return plan;
}
