// Encoding and decoding of one VMStateDescription (vmstate.ts) over a state object, in QEMU
// 7.2's wire format (../shared/spec/stream-format.md §5), and the JSON description QEMU puts
// at the end of a stream (§8). Decoding checks the stream's own JSON when there is one, so a
// layout difference is an error naming the field, not a silent mis-read. Sections nobody
// declared can still be walked through their JSON (decodeByDescription).
import { ByteReader, ByteWriter, StreamError } from "./bytes.js";
import { keyOf, SCALAR_SIZE, WIDE, type Count, type FieldDecl, type ScalarType, type VmsdDecl } from "./vmstate.js";

/** The JSON description of a vmsd as QEMU writes it (vmdesc "struct" and subsection objects). */
export interface VmsdJson {
  vmsd_name: string;
  version: number;
  fields: FieldJson[];
  subsections?: VmsdJson[];
}
export interface FieldJson {
  name: string;
  array_len?: number;
  index?: number;
  type: string;
  struct?: VmsdJson;
  size: number;
}

const SUBSECTION = 0x05;

// ---- helpers ----

function countOf(c: Count | undefined, state: any, what: string, at: number): number {
  if (c === undefined) return 1;
  let n: number;
  if (typeof c === "number") n = c;
  else if ("field" in c) n = Number(state[c.field]);
  else n = c.config(state);
  if (!Number.isSafeInteger(n) || n < 0) throw new StreamError(at, `${what}: bad element count ${String(n)}`);
  return n;
}

/** JSON names: a field name that occurs more than once in a vmsd gets "[k]" (k-th occurrence). */
function jsonNames(decl: VmsdDecl): string[] {
  const total = new Map<string, number>();
  for (const f of decl.fields) total.set(f.name, (total.get(f.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return decl.fields.map((f) => {
    if ((total.get(f.name) ?? 0) < 2) return f.name;
    const k = seen.get(f.name) ?? 0;
    seen.set(f.name, k + 1);
    return `${f.name}[${k}]`;
  });
}

function present(f: FieldDecl, state: any, version: number): boolean {
  if (f.exists) return f.exists(state, version);
  return (f.since ?? 0) <= version;
}

/** A struct element description is "compressible" (described once with array_len) as in QEMU. */
function compressible(decl: VmsdDecl): boolean {
  if (decl.subsections && decl.subsections.length > 0) return false;
  return decl.fields.every((f) => !f.exists && (f.kind !== "struct" || compressible(f.struct!)));
}

function writeScalar(w: ByteWriter, type: ScalarType, v: unknown): void {
  switch (SCALAR_SIZE[type]) {
    case 1: w.u8(typeof v === "boolean" ? (v ? 1 : 0) : Number(v)); return;
    case 2: w.u16(Number(v)); return;
    case 4: w.u32(Number(v)); return;
    default: w.u64(typeof v === "bigint" ? v : BigInt(Number(v ?? 0))); return;
  }
}

function readScalar(r: ByteReader, type: ScalarType, what: string): number | bigint {
  switch (type) {
    case "int8": { const v = r.u8(what); return v >= 0x80 ? v - 0x100 : v; }
    case "int16": { const v = r.u16(what); return v >= 0x8000 ? v - 0x10000 : v; }
    case "int32": case "int32 le": case "int32 equal": return r.u32(what) | 0;
    case "int64": case "int64 equal": case "timer": return BigInt.asIntN(64, r.u64(what));
    case "uint64": return r.u64(what);
  }
  switch (SCALAR_SIZE[type]) {
    case 1: return r.u8(what);
    case 2: return r.u16(what);
    default: return r.u32(what);
  }
}

function isArrayLike(v: unknown): v is { length: number; [i: number]: any } {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/** The array a decoded field goes into: the state's own (typed) array when the length fits. */
function targetArray(state: any, key: string, n: number, wide: boolean): any {
  const cur = state[key];
  if (isArrayLike(cur) && cur.length === n && !(cur instanceof DataView)) return cur;
  const fresh = wide ? new Array<bigint>(n).fill(0n) : new Array<number>(n).fill(0);
  state[key] = fresh;
  return fresh;
}

function storeScalar(state: any, key: string, v: number | bigint): void {
  state[key] = typeof state[key] === "boolean" ? v !== 0 : v;
}

// ---- encode ----

/** Write `decl`'s fields and needed subsections from `state`; returns the JSON description. */
export function encodeVmsd(w: ByteWriter, decl: VmsdDecl, state: any): VmsdJson {
  const names = jsonNames(decl);
  const fields: FieldJson[] = [];
  decl.fields.forEach((f, i) => {
    if (!present(f, state, decl.version)) return;
    fields.push(...encodeField(w, f, names[i], state, decl));
  });
  const json: VmsdJson = { vmsd_name: decl.name, version: decl.version, fields };
  const subs: VmsdJson[] = [];
  for (const s of decl.subsections ?? []) {
    if (!s.needed(state)) continue;
    w.u8(SUBSECTION);
    w.shortString(s.decl.name);
    w.u32(s.decl.version);
    subs.push(encodeVmsd(w, s.decl, state));
  }
  if (subs.length) json.subsections = subs;
  return json;
}

function encodeField(w: ByteWriter, f: FieldDecl, name: string, state: any, parent: VmsdDecl): FieldJson[] {
  const key = keyOf(f);
  const at = w.length;
  const where = `${parent.name}.${f.name}`;
  switch (f.kind) {
    case "scalar": {
      const type = f.type!;
      if (f.count === undefined) {
        writeScalar(w, type, state[key]);
        return [{ name, type, size: SCALAR_SIZE[type] }];
      }
      const n = countOf(f.count, state, where, at);
      const arr = state[key];
      if (!isArrayLike(arr) || arr.length < n) throw new Error(`${where}: state has no array of ${n} elements`);
      for (let k = 0; k < n; k++) writeScalar(w, type, arr[k]);
      return [{ name, array_len: n, type, size: SCALAR_SIZE[type] }];
    }
    case "buffer": {
      const n = countOf(f.bytes, state, where, at);
      const b: Uint8Array = state[key];
      if (!(b instanceof Uint8Array) || b.length < n) throw new Error(`${where}: state has no buffer of ${n} bytes`);
      w.bytes(b.subarray(0, n));
      return [{ name, type: "buffer", size: n }];
    }
    case "unused": {
      const n = countOf(f.bytes, state, where, at);
      w.zeros(n);
      return [{ name, type: "unused_buffer", size: n }];
    }
    case "custom": {
      const start = w.length;
      f.custom!.write(w, state);
      return [{ name, type: f.custom!.name, size: w.length - start }];
    }
    case "struct": {
      const el = f.struct!;
      const single = f.count === undefined;
      const n = single ? 1 : countOf(f.count, state, where, at);
      const elements = single ? [state[key]] : structElements(f, state, key, n);
      const out: FieldJson[] = [];
      const packed = !single && compressible(el);
      for (let k = 0; k < n; k++) {
        const start = w.length;
        const desc = encodeVmsd(w, el, elements[k]);
        const size = w.length - start;
        if (single) return [{ name, type: "struct", struct: desc, size }];
        if (packed) {
          if (k === 0) out.push({ name, array_len: n, type: "struct", struct: desc, size });
        } else {
          // QEMU names the index only of an array of more than one element (vmsd_desc_field_start)
          out.push({ name, ...(n > 1 ? { index: k } : {}), type: "struct", struct: desc, size });
        }
      }
      if (packed && n === 0) out.push({ name, array_len: 0, type: "struct", struct: { vmsd_name: el.name, version: el.version, fields: [] }, size: 0 });
      return out;
    }
  }
}

/** Element views of a struct array: the objects themselves, or column views into the parent. */
function structElements(f: FieldDecl, state: any, key: string, n: number): any[] {
  if (f.layout === "columns") return Array.from({ length: n }, (_, i) => columnView(f.struct!, state, i));
  const arr = state[key];
  if (!Array.isArray(arr) || arr.length < n) throw new Error(`${f.name}: state has no array of ${n} structs`);
  return arr;
}

/**
 * Element i of a struct array kept as parent columns: field f reads/writes parent[f.key][i].
 * The accessors live on one prototype per declaration (the GIC's 1,020-element array made
 * 7,000 closures per save or load otherwise); only the codec reads these views, by key.
 */
const columnProtos = new WeakMap<VmsdDecl, object>();
const PARENT = Symbol("parent"), INDEX = Symbol("index"); // never a field's key
function columnView(decl: VmsdDecl, parent: any, i: number): any {
  let proto = columnProtos.get(decl);
  if (!proto) {
    proto = {};
    for (const f of decl.fields) {
      const k = keyOf(f);
      Object.defineProperty(proto, k, {
        get(this: any) { return this[PARENT][k][this[INDEX]]; },
        set(this: any, v: unknown) { this[PARENT][k][this[INDEX]] = typeof v === "boolean" ? (v ? 1 : 0) : v; },
      });
    }
    columnProtos.set(decl, proto);
  }
  const view = Object.create(proto);
  view[PARENT] = parent;
  view[INDEX] = i;
  return view;
}

// ---- decode ----

/**
 * Read `decl`'s fields and subsections, as written at `version`, into `state` (fields absent
 * from the stream keep what state holds). With `desc` (the stream's JSON for this vmsd) every
 * field's name, type and size is checked first.
 */
export function decodeVmsd(r: ByteReader, decl: VmsdDecl, state: any, version: number, desc?: VmsdJson): void {
  if (version > decl.version) r.fail(`${decl.name}: version ${version} is newer than this armlet's ${decl.version}`);
  if (version < (decl.minimumVersion ?? decl.version)) {
    r.fail(`${decl.name}: version ${version} is older than this armlet accepts (${decl.minimumVersion ?? decl.version})`);
  }
  const names = jsonNames(decl);
  let d = 0; // position in desc.fields
  decl.fields.forEach((f, i) => {
    if (!present(f, state, version)) return;
    d = decodeField(r, f, names[i], state, decl, desc, d);
  });
  if (desc && d !== desc.fields.length) r.fail(`${decl.name}: the stream describes ${desc.fields.length} fields, this armlet ${d}`);
  decodeSubsections(r, decl, state, desc);
}

function decodeSubsections(r: ByteReader, decl: VmsdDecl, state: any, desc?: VmsdJson): void {
  const described = desc?.subsections ?? [];
  let k = 0;
  while (r.peek() === SUBSECTION) {
    const at = r.pos;
    // A 0x05 byte is ours only if the name that follows starts with the parent's name (QEMU).
    const save = r.pos;
    r.u8();
    const len = r.peek();
    if (len === undefined || r.remaining < 1 + len) { r.pos = save; break; }
    const name = r.shortString(`${decl.name} subsection name`);
    if (!name.startsWith(decl.name)) { r.pos = save; break; }
    const version = r.u32(`${name} version`);
    const sub = decl.subsections?.find((s) => s.decl.name === name);
    if (!sub) r.fail(`${decl.name}: unknown subsection '${name}'`, at);
    let sdesc: VmsdJson | undefined;
    if (desc) {
      sdesc = described[k++];
      if (!sdesc || sdesc.vmsd_name !== name) r.fail(`${decl.name}: subsection '${name}' is not where the stream's description says`, at);
      if (sdesc.version !== version) r.fail(`${name}: version ${version}, described as ${sdesc.version}`, at);
    }
    decodeVmsd(r, sub.decl, state, version, sdesc);
  }
  if (desc && k !== described.length) r.fail(`${decl.name}: the description lists ${described.length} subsections, the stream has ${k}`);
}

function expectDesc(r: ByteReader, desc: VmsdJson | undefined, d: number, name: string, type: string, size: number | undefined,
  extra: { array_len?: number; index?: number }, where: string): FieldJson | undefined {
  if (!desc) return undefined;
  const j = desc.fields[d];
  if (!j) r.fail(`${where}: missing from the stream's description`);
  if (j.name !== name || j.type !== type) r.fail(`${where}: the stream describes '${j.name}' (${j.type}) here, expected '${name}' (${type})`);
  if (size !== undefined && j.size !== size) r.fail(`${where}: ${j.size} bytes per element in the stream, ${size} here`);
  if (extra.array_len !== undefined && j.array_len !== extra.array_len) r.fail(`${where}: ${j.array_len ?? 1} elements in the stream's description, ${extra.array_len} here`);
  if (extra.index !== undefined && j.index !== extra.index) r.fail(`${where}: element ${j.index} described, ${extra.index} expected`);
  return j;
}

function decodeField(r: ByteReader, f: FieldDecl, name: string, state: any, parent: VmsdDecl, desc: VmsdJson | undefined, d: number): number {
  const key = keyOf(f);
  const where = `${parent.name}.${f.name}`;
  switch (f.kind) {
    case "scalar": {
      const type = f.type!;
      if (f.count === undefined) {
        expectDesc(r, desc, d, name, type, SCALAR_SIZE[type], {}, where);
        const at = r.pos;
        const v = readScalar(r, type, where);
        if (type.endsWith(" equal")) {
          const mine = state[key];
          if (BigInt(mine ?? 0) !== BigInt(v)) r.fail(`${where}: the stream has ${v}, this machine ${mine}`, at);
        } else {
          storeScalar(state, key, v);
        }
        return d + 1;
      }
      const n = countOf(f.count, state, where, r.pos);
      expectDesc(r, desc, d, name, type, SCALAR_SIZE[type], { array_len: n }, where);
      r.need(n * SCALAR_SIZE[type], where);
      const arr = targetArray(state, key, n, WIDE.has(type));
      for (let k = 0; k < n; k++) {
        const v = readScalar(r, type, where);
        arr[k] = ArrayBuffer.isView(arr) && !(arr instanceof BigUint64Array || arr instanceof BigInt64Array) ? Number(v) : v;
      }
      return d + 1;
    }
    case "buffer": {
      const n = countOf(f.bytes, state, where, r.pos);
      expectDesc(r, desc, d, name, "buffer", n, {}, where);
      const b = r.bytes(n, where);
      const cur = state[key];
      if (cur instanceof Uint8Array && cur.length === n) cur.set(b);
      else state[key] = new Uint8Array(b);
      return d + 1;
    }
    case "unused": {
      const n = countOf(f.bytes, state, where, r.pos);
      expectDesc(r, desc, d, name, "unused_buffer", n, {}, where);
      r.skip(n, where);
      return d + 1;
    }
    case "custom": {
      const j = expectDesc(r, desc, d, name, f.custom!.name, undefined, {}, where);
      const start = r.pos;
      f.custom!.read(r, state, j?.size);
      if (j && r.pos - start !== j.size) r.fail(`${where}: read ${r.pos - start} bytes, the stream describes ${j.size}`, start);
      return d + 1;
    }
    case "struct": {
      const el = f.struct!;
      if (f.count === undefined) {
        const j = expectDesc(r, desc, d, name, "struct", undefined, {}, where);
        if (state[key] === undefined || state[key] === null) state[key] = {};
        const start = r.pos;
        decodeVmsd(r, el, state[key], j?.struct?.version ?? el.version, j?.struct);
        if (j && r.pos - start !== j.size) r.fail(`${where}: ${r.pos - start} bytes read, ${j.size} described`, start);
        return d + 1;
      }
      const n = countOf(f.count, state, where, r.pos);
      // Every element takes at least one byte: a count beyond the stream is malformed (and must
      // not allocate first).
      if (n > r.remaining) r.fail(`${where}: ${n} elements, ${r.remaining} bytes left`);
      let elements: any[];
      if (f.layout === "columns") elements = Array.from({ length: n }, (_, i) => columnView(el, state, i));
      else {
        if (!Array.isArray(state[key]) || state[key].length !== n) state[key] = Array.from({ length: n }, (_, i) => state[key]?.[i] ?? {});
        elements = state[key];
      }
      const packed = compressible(el);
      let first: FieldJson | undefined;
      if (packed) first = expectDesc(r, desc, d, name, "struct", undefined, { array_len: n }, where);
      for (let k = 0; k < n; k++) {
        const j = packed ? first : expectDesc(r, desc, d + k, name, "struct", undefined, n > 1 ? { index: k } : {}, `${where}[${k}]`);
        const start = r.pos;
        decodeVmsd(r, el, elements[k], j?.struct?.version ?? el.version, j?.struct);
        if (j && r.pos - start !== j.size) r.fail(`${where}[${k}]: ${r.pos - start} bytes read, ${j.size} described`, start);
      }
      return d + (packed ? 1 : n);
    }
  }
}

// ---- sections nobody declared: walked through the stream's JSON alone ----

/** Values of a section read by its JSON description: numbers/bigints, arrays, raw bytes for custom types. */
export function decodeByDescription(r: ByteReader, desc: VmsdJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of desc.fields) {
    const n = f.array_len ?? 1;
    const read = (): unknown => {
      if (f.type === "struct" && f.struct) {
        const start = r.pos;
        const v = decodeByDescription(r, f.struct);
        if (r.pos - start !== f.size) r.fail(`${desc.vmsd_name}.${f.name}: ${r.pos - start} bytes read, ${f.size} described`, start);
        return v;
      }
      if (f.type in SCALAR_SIZE && SCALAR_SIZE[f.type as ScalarType] === f.size) return readScalar(r, f.type as ScalarType, `${desc.vmsd_name}.${f.name}`);
      return r.bytes(f.size, `${desc.vmsd_name}.${f.name}`);
    };
    if (!Number.isSafeInteger(n) || n < 0) r.fail(`${desc.vmsd_name}.${f.name}: bad array length ${n}`);
    r.need(n * Math.max(1, f.size), `${desc.vmsd_name}.${f.name}`);
    const key = f.index !== undefined ? `${f.name}[${f.index}]` : f.name;
    out[key] = f.array_len !== undefined ? Array.from({ length: n }, read) : read();
  }
  for (const s of desc.subsections ?? []) {
    const at = r.pos;
    if (r.u8("subsection marker") !== SUBSECTION) r.fail(`${desc.vmsd_name}: subsection '${s.vmsd_name}' expected`, at);
    const name = r.shortString("subsection name");
    if (name !== s.vmsd_name) r.fail(`${desc.vmsd_name}: subsection '${name}' where the description says '${s.vmsd_name}'`, at);
    r.u32("subsection version");
    out[name] = decodeByDescription(r, s);
  }
  return out;
}
