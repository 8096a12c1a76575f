// The `cpu` section's register list, built from the one system-register table
// (core/sysregs/defs, ids from keys.ts): every id QEMU 7.2 lists for this CPU configuration,
// sorted, constants included, aliases excluded, each bound to the storage that holds its state.
// Values are raw: fields are read and written in their storage without the guest's access checks
// or write side effects (QEMU's read_raw_cp_reg / raw_write), constants yield their value.
import { ALL_SYSREGS, aa64OnlyRegisters } from "../../../core/sysregs/defs/index.js";
import { dispatchKey, a64Key, forModel, type SysregDef } from "../../../core/sysregs/defs/types.js";
import { aa32KvmId, a64KvmId, aa64OnlyCpregIds, qemuCpregIds, type CpregConfig } from "../../../core/sysregs/keys.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { S_SYSREGS } from "../../../core/state/layout.js";
import type { CoreExports } from "../../core.js";
import { aa64ViewName } from "./a64-names.js";

export type { CpregConfig };

/** One id of the list: where its value lives. Reads and writes act on the CPU loaded in STATE. */
export interface CpregEntry {
  id: bigint;
  /** Register name for people: the row's, the AArch64 view's, or "NAME (Secure)". */
  name: string;
  /** The table row that owns the state. */
  row: string;
  /** An ID or constant register: an incoming value that differs keeps ours (merge.ts). */
  constant: boolean;
  read(core: CoreExports): bigint;
  /** Raw write (no effect for constants). */
  write(core: CoreExports, v: bigint): void;
}

const MASK32 = 0xffff_ffffn;
const byName = new Map(ALL_SYSREGS.map((d) => [d.name, d]));

function slot(core: CoreExports, name: string): number {
  const off = SYSREG_STORAGE[name];
  if (off === undefined) throw new Error(`no storage for ${name}`);
  return core.stateBase() + S_SYSREGS + off;
}
const dv = (core: CoreExports) => new DataView(core.memory.buffer);
const get64 = (core: CoreExports, name: string) => dv(core).getBigUint64(slot(core, name), true);
const set64 = (core: CoreExports, name: string, v: bigint) => dv(core).setBigUint64(slot(core, name), BigInt.asUintN(64, v), true);
const get32 = (core: CoreExports, name: string) => BigInt(dv(core).getUint32(slot(core, name), true));
const set32 = (core: CoreExports, name: string, v: bigint) => dv(core).setUint32(slot(core, name), Number(v & MASK32), true);

/** A constant row's value as the guest reads it (read hooks included: L2CTLR, CBAR, VMPIDR). */
function rawConst(core: CoreExports, d: SysregDef): bigint {
  const lo = core.sysregRawReadLo(dispatchKey(d.aa32)) >>> 0;
  return (BigInt(core.lastSysregHi() >>> 0) << 32n) | BigInt(lo);
}

/** ID and constant registers: what the merge keeps when the stream disagrees. */
export function isIdentityRow(d: SysregDef): boolean {
  // MIDR has storage (QEMU lets a raw write change it) but no guest write: an ID register all the same.
  return d.kind === "const" || (d.aa32.cp === 15 && d.aa32.crn === 0 && d.aa32.opc1 === 0 && d.access.pl1 === "r");
}

const constEntry = (id: bigint, name: string, d: SysregDef): CpregEntry =>
  ({ id, name, row: d.name, constant: true, read: (c) => rawConst(c, d), write: () => {} });

/** The entries of one row (its NS AArch32 id, AArch64 view, Secure copy), per qemuCpregIds. */
function rowEntries(d: SysregDef, cfg: CpregConfig): CpregEntry[] {
  const ids = qemuCpregIds(d, cfg);
  if (ids.length === 0) return [];
  const out: CpregEntry[] = [];
  const identity = isIdentityRow(d);
  const nsId = aa32KvmId(d.aa32);
  const aa64 = d.a64 ? a64KvmId(d.a64.enc) : undefined;
  const aa64Name = aa64ViewName(d);
  for (const id of ids) {
    const secure = id !== nsId && id !== aa64;
    if (d.kind === "const") {
      out.push(constEntry(id, id === aa64 ? aa64Name : d.name, d));
      continue;
    }
    const store = secure ? `${d.name}_S` : d.name;
    const wide64 = secure ? (d.qemu?.secureEnc ? false : !!d.aa32.is64) : id === aa64 || !!d.aa32.is64;
    const name = secure ? `${d.name} (Secure)` : id === aa64 ? aa64Name : d.name;
    const hi = id === aa64 ? d.a64?.hi : undefined;
    if (hi) {
      // A 64-bit view over two 32-bit rows (FAR_EL1 = IFAR:DFAR, MAIR_EL1 = NMRR:PRRR).
      out.push({
        id, name, row: d.name, constant: false,
        read: (c) => (get32(c, hi) << 32n) | get32(c, store),
        write: (c, v) => { set32(c, store, v); set32(c, hi, v >> 32n); },
      });
    } else if (wide64) {
      out.push({ id, name, row: d.name, constant: identity, read: (c) => get64(c, store), write: (c, v) => set64(c, store, v) });
    } else {
      out.push({ id, name, row: d.name, constant: identity, read: (c) => get32(c, store), write: (c, v) => set32(c, store, v) });
    }
  }
  return out;
}

/** QEMU 7.2's cpreg list for this configuration, ascending by id. */
export function buildCpregList(cfg: CpregConfig = {}): CpregEntry[] {
  const out: CpregEntry[] = [];
  for (const d of ALL_SYSREGS) out.push(...rowEntries(d, cfg));
  for (const d of aa64OnlyRegisters) {
    for (const id of aa64OnlyCpregIds(d, cfg)) {
      if (d.onRead) {
        // State computed by hooks (FPCR, FPSR over FPSCR): the core's raw accessors.
        const key = a64Key(d.aa64);
        out.push({
          id, name: d.name, row: d.name, constant: false,
          read: (c) => { const lo = c.sysregA64RawReadLo(key) >>> 0; return (BigInt(c.lastSysregHi() >>> 0) << 32n) | BigInt(lo); },
          write: (c, v) => c.sysregA64RawWriteParts(key, Number(v & MASK32), Number((v >> 32n) & MASK32)),
        });
      } else if (d.kind === "const") {
        const v = BigInt(forModel(d.reset ?? 0, cfg.model ?? "a15"));
        out.push({ id, name: d.name, row: d.name, constant: true, read: () => v, write: () => {} });
      } else {
        out.push({ id, name: d.name, row: d.name, constant: false, read: (c) => get64(c, d.name), write: (c, v) => set64(c, d.name, v) });
      }
    }
  }
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < out.length; i++) if (out[i].id === out[i - 1].id) throw new Error(`cpreg id ${out[i].id.toString(16)} listed twice (${out[i].name}, ${out[i - 1].name})`);
  return out;
}

/** Every entry a configuration of this CPU model lists (the A15's with its EL3 rows), by id: the
 *  owners of ids a stream may carry. */
const everyEntry = new Map<string, Map<bigint, CpregEntry>>();
export function entryForId(id: bigint, model: "a15" | "a57" = "a15"): CpregEntry | undefined {
  let m = everyEntry.get(model);
  if (!m) {
    m = new Map(buildCpregList(model === "a15" ? { el3: true } : { model }).map((e) => [e.id, e]));
    everyEntry.set(model, m);
  }
  return m.get(id);
}

export { byName as sysregRows };

/**
 * The state behind an AArch64 system-register id our list does not carry (arm64 KVM lists every
 * AArch64 view, QEMU's TCG list keeps some under their AArch32 id, or not at all: MIDR_EL1, PAR_EL1,
 * the ID_AA64 registers): an entry reading and writing it, or "stateless" (an operation, a register
 * without raw state), or undefined when the table has no register of that encoding.
 */
export function aa64ViewEntry(id: bigint): CpregEntry | "stateless" | undefined {
  if (id >> 52n !== 0x603n || ((id >> 16n) & 0xfffn) !== 0x13n) return undefined;
  const x = Number(id & 0xffffn);
  const enc: [number, number, number, number, number] = [x >> 14, (x >> 11) & 7, (x >> 7) & 15, (x >> 3) & 15, x & 7];
  const same = (e: readonly number[]) => e.every((v, i) => v === enc[i]);
  const d = ALL_SYSREGS.find((r) => r.a64 && same(r.a64.enc) && r.model !== "a15");
  if (d) {
    const name = aa64ViewName(d);
    if (d.kind === "const" || isIdentityRow(d)) return constEntry(id, name, d);
    if (d.kind !== "field" || SYSREG_STORAGE[d.name] === undefined || d.a64!.hi) return "stateless";
    // 64-bit storage where QEMU migrates the AArch64 view or the AArch32 register is 64-bit.
    const wide = !!d.aa32.is64 || (d.a64!.cpreg !== "none");
    return wide
      ? { id, name, row: d.name, constant: false, read: (c) => get64(c, d.name), write: (c, v) => set64(c, d.name, v) }
      : { id, name, row: d.name, constant: false, read: (c) => get32(c, d.name), write: (c, v) => set32(c, d.name, v) };
  }
  const o = aa64OnlyRegisters.find((r) => same(r.aa64) && r.model !== "a15");
  if (!o) return undefined;
  if (o.kind === "const") {
    const key = a64Key(o.aa64);
    const read = (c: CoreExports) => {
      const lo = c.sysregA64Access(key, 0, 0, 0, 0) >>> 0;
      return (BigInt(c.lastSysregHi() >>> 0) << 32n) | BigInt(lo);
    };
    return { id, name: o.name, row: o.name, constant: true, read, write: () => {} };
  }
  if (o.kind === "field" && SYSREG_STORAGE[o.name] !== undefined) {
    return { id, name: o.name, row: o.name, constant: false, read: (c) => get64(c, o.name), write: (c, v) => set64(c, o.name, v) };
  }
  return "stateless";
}
