// Flattened device tree (DTB, devicetree specification v0.4 chapter 5): parse a blob into a
// tree of nodes with raw property values, edit it, and write it back out. Edits follow libfdt's
// placement rules (a new property goes first in its node, a new subnode goes before the
// existing subnodes) so a tree edited here decompiles like the one QEMU hands the guest.
import { dtbError } from "../errors.js";

export const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;

export interface FdtProp { name: string; value: Uint8Array }
export interface FdtNode { name: string; props: FdtProp[]; children: FdtNode[] }
export interface FdtReserve { address: bigint; size: bigint }
export interface Fdt {
  root: FdtNode;
  reserve: FdtReserve[];
  bootCpuidPhys: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });
const enc = new TextEncoder();

/** Parse a DTB; every structural problem is a DtbError naming `name` (the file) and the fault. */
export function parseFdt(bytes: Uint8Array, name = "device tree"): Fdt {
  const bad = (why: string) => dtbError(`${name}: corrupt device tree blob: ${why}`);
  if (bytes.length < HEADER_SIZE) throw bad(`${bytes.length} bytes is shorter than the 40-byte header`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = (i: number) => dv.getUint32(i * 4, false);
  const magic = h(0);
  if (magic !== FDT_MAGIC) throw bad(`bad magic 0x${hex(magic)} (expected 0xd00dfeed)`);
  const totalsize = h(1), offStruct = h(2), offStrings = h(3), offRsv = h(4);
  const version = h(5), lastComp = h(6), bootCpuidPhys = h(7);
  if (totalsize > bytes.length) throw bad(`header totalsize ${totalsize} exceeds the file size ${bytes.length} (truncated?)`);
  if (totalsize < HEADER_SIZE) throw bad(`header totalsize ${totalsize} is smaller than the header`);
  if (version < 16) throw bad(`version ${version} is too old (need 16 or later)`);
  if (lastComp > 17) throw bad(`incompatible version (last compatible version ${lastComp})`);
  const sizeStrings = h(8);
  const sizeStruct = version >= 17 ? h(9) : totalsize - offStruct;
  const within = (what: string, off: number, size: number) => {
    if (off < HEADER_SIZE || off > totalsize || size > totalsize - off)
      throw bad(`${what} (offset ${off}, size ${size}) lies outside the blob (${totalsize} bytes)`);
  };
  within("structure block", offStruct, sizeStruct);
  within("strings block", offStrings, sizeStrings);
  within("memory reservation map", offRsv, 0);
  if (offStruct % 4 !== 0) throw bad(`structure block offset ${offStruct} is not 4-byte aligned`);
  if (offRsv % 8 !== 0) throw bad(`memory reservation map offset ${offRsv} is not 8-byte aligned`);

  // Memory reservation map: (address, size) pairs of u64 ending with a zero pair.
  const reserve: FdtReserve[] = [];
  for (let o = offRsv; ; o += 16) {
    if (o + 16 > totalsize) throw bad("memory reservation map is not terminated");
    const address = dv.getBigUint64(o, false), size = dv.getBigUint64(o + 8, false);
    if (address === 0n && size === 0n) break;
    reserve.push({ address, size });
  }

  const stringAt = (nameoff: number): string => {
    if (nameoff >= sizeStrings) throw bad(`property name offset ${nameoff} is outside the strings block (${sizeStrings} bytes)`);
    const start = offStrings + nameoff, end = offStrings + sizeStrings;
    let i = start;
    while (i < end && bytes[i] !== 0) i++;
    if (i >= end) throw bad(`unterminated string at strings block offset ${nameoff}`);
    return utf8.decode(bytes.subarray(start, i));
  };

  const end = offStruct + sizeStruct;
  let p = offStruct;
  const token = (): number => {
    if (p + 4 > end) throw bad("structure block ends without an FDT_END token (truncated?)");
    const t = dv.getUint32(p, false);
    p += 4;
    return t;
  };
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  for (;;) {
    const at = p - offStruct;
    const t = token();
    if (t === FDT_NOP) continue;
    if (t === FDT_BEGIN_NODE) {
      let i = p;
      while (i < end && bytes[i] !== 0) i++;
      if (i >= end) throw bad(`unterminated node name at structure offset ${at}`);
      const node: FdtNode = { name: utf8.decode(bytes.subarray(p, i)), props: [], children: [] };
      p = align4(i + 1);
      if (stack.length === 0) {
        if (root) throw bad(`second root node at structure offset ${at}`);
        root = node;
      } else {
        stack[stack.length - 1].children.push(node);
      }
      stack.push(node);
    } else if (t === FDT_END_NODE) {
      if (stack.length === 0) throw bad(`unbalanced FDT_END_NODE at structure offset ${at}`);
      stack.pop();
    } else if (t === FDT_PROP) {
      if (stack.length === 0) throw bad(`property outside any node at structure offset ${at}`);
      const len = token(), nameoff = token();
      if (len > end - p) throw bad(`property at structure offset ${at} (length ${len}) runs past the structure block`);
      const pname = stringAt(nameoff);
      stack[stack.length - 1].props.push({ name: pname, value: bytes.slice(p, p + len) });
      p = align4(p + len);
    } else if (t === FDT_END) {
      if (stack.length !== 0) throw bad(`FDT_END inside node '${stack[stack.length - 1].name}' (missing FDT_END_NODE)`);
      break;
    } else {
      throw bad(`unknown token 0x${hex(t)} at structure offset ${at}`);
    }
  }
  if (!root) throw bad("no root node");
  return { root, reserve, bootCpuidPhys };
}

export interface SerializeOptions {
  /** Make the blob at least this many bytes (totalsize), zero-filled free space at the end. */
  padTo?: number;
}

/** Write a version 17 DTB laid out like dtc: header, reservation map, structure, strings. */
export function serializeFdt(fdt: Fdt, opts: SerializeOptions = {}): Uint8Array {
  // Strings block: dtc reuses any existing string (also a tail of a longer one).
  let strings = "";
  const nameOff = new Map<string, number>();
  const strOff = (s: string): number => {
    let o = nameOff.get(s);
    if (o !== undefined) return o;
    const needle = s + "\0";
    o = strings.indexOf(needle);
    if (o < 0) { o = strings.length; strings += needle; }
    nameOff.set(s, o);
    return o;
  };
  const words: (number | Uint8Array)[] = [];
  let structLen = 0;
  const w32 = (v: number) => { words.push(v); structLen += 4; };
  const wbytes = (b: Uint8Array) => { words.push(b); structLen += align4(b.length); };
  const emit = (n: FdtNode) => {
    w32(FDT_BEGIN_NODE);
    const nb = enc.encode(n.name);
    const z = new Uint8Array(nb.length + 1);
    z.set(nb);
    wbytes(z);
    for (const pr of n.props) {
      w32(FDT_PROP);
      w32(pr.value.length);
      w32(strOff(pr.name));
      wbytes(pr.value);
    }
    for (const c of n.children) emit(c);
    w32(FDT_END_NODE);
  };
  emit(fdt.root);
  w32(FDT_END);
  const stringBytes = enc.encode(strings);
  const offRsv = HEADER_SIZE; // already 8-aligned
  const offStruct = offRsv + (fdt.reserve.length + 1) * 16;
  const offStrings = offStruct + structLen;
  const used = offStrings + stringBytes.length;
  const total = Math.max(used, opts.padTo ?? 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const hdr = [FDT_MAGIC, total, offStruct, offStrings, offRsv, 17, 16, fdt.bootCpuidPhys >>> 0, stringBytes.length, structLen];
  hdr.forEach((v, i) => dv.setUint32(i * 4, v, false));
  let o = offRsv;
  for (const r of fdt.reserve) {
    dv.setBigUint64(o, r.address, false);
    dv.setBigUint64(o + 8, r.size, false);
    o += 16;
  }
  o = offStruct;
  for (const w of words) {
    if (typeof w === "number") { dv.setUint32(o, w >>> 0, false); o += 4; }
    else { out.set(w, o); o += align4(w.length); }
  }
  out.set(stringBytes, offStrings);
  return out;
}

// ---- Navigation ----

/** Node at an absolute path ("/", "/chosen", "/cpus/cpu@0"); a component without '@' also
 *  matches "name@unit" when unambiguous, as libfdt's fdt_path_offset does. */
export function findNode(fdt: Fdt, path: string): FdtNode | undefined {
  if (!path.startsWith("/")) return undefined;
  let node = fdt.root;
  for (const comp of path.split("/").filter((c) => c.length > 0)) {
    const next = node.children.find((c) => c.name === comp)
      ?? (comp.includes("@") ? undefined : node.children.find((c) => c.name.split("@")[0] === comp));
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** Every node with its path, depth-first in blob order (root first). */
export function* walk(fdt: Fdt): Generator<{ node: FdtNode; path: string; parent?: FdtNode }> {
  function* rec(node: FdtNode, path: string, parent?: FdtNode): Generator<{ node: FdtNode; path: string; parent?: FdtNode }> {
    yield { node, path, parent };
    for (const c of node.children) yield* rec(c, path === "/" ? `/${c.name}` : `${path}/${c.name}`, node);
  }
  yield* rec(fdt.root, "/");
}

export function getProp(node: FdtNode, name: string): Uint8Array | undefined {
  return node.props.find((p) => p.name === name)?.value;
}

/** A property's value as big-endian u32 cells (undefined if absent or not a multiple of 4). */
export function getCells(node: FdtNode, name: string): number[] | undefined {
  const v = getProp(node, name);
  if (!v || v.length % 4 !== 0) return undefined;
  const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
  return Array.from({ length: v.length / 4 }, (_, i) => dv.getUint32(i * 4, false));
}

export function getU32(node: FdtNode, name: string): number | undefined {
  const c = getCells(node, name);
  return c && c.length === 1 ? c[0] : undefined;
}

/** The strings of a string-list property (e.g. compatible). */
export function getStrings(node: FdtNode, name: string): string[] | undefined {
  const v = getProp(node, name);
  if (!v) return undefined;
  const parts = utf8.decode(v).split("\0");
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

export function phandleOf(node: FdtNode): number | undefined {
  return getU32(node, "phandle") ?? getU32(node, "linux,phandle");
}

export function findByPhandle(fdt: Fdt, ph: number): FdtNode | undefined {
  for (const { node } of walk(fdt)) if (phandleOf(node) === ph) return node;
  return undefined;
}

/** First node (blob order) whose compatible list contains `compat` (fdt_node_offset_by_compatible). */
export function findCompatible(fdt: Fdt, compat: string): FdtNode | undefined {
  for (const { node } of walk(fdt)) if (getStrings(node, "compatible")?.includes(compat)) return node;
  return undefined;
}

/** A phandle value not used in the tree yet (one more than the largest). */
export function nextFreePhandle(fdt: Fdt): number {
  let max = 0;
  for (const { node } of walk(fdt)) max = Math.max(max, phandleOf(node) ?? 0);
  return max + 1;
}

// ---- Editing (libfdt order) ----

/** Set a property: replaced in place if present, otherwise added first in the node. */
export function setProp(node: FdtNode, name: string, value: Uint8Array): void {
  const p = node.props.find((x) => x.name === name);
  if (p) p.value = value;
  else node.props.unshift({ name, value });
}

export function setString(node: FdtNode, name: string, s: string): void {
  const b = enc.encode(s);
  const v = new Uint8Array(b.length + 1);
  v.set(b);
  setProp(node, name, v);
}

export function setCells(node: FdtNode, name: string, cells: number[]): void {
  setProp(node, name, cellBytes(cells));
}

export function setEmpty(node: FdtNode, name: string): void {
  setProp(node, name, new Uint8Array(0));
}

export function deleteProp(node: FdtNode, name: string): boolean {
  const i = node.props.findIndex((x) => x.name === name);
  if (i >= 0) node.props.splice(i, 1);
  return i >= 0;
}

/** Add a child node before the existing children (fdt_add_subnode); error if it exists. */
export function addSubnode(parent: FdtNode, name: string): FdtNode {
  if (parent.children.some((c) => c.name === name)) throw dtbError(`device tree: node '${name}' already exists`);
  const n: FdtNode = { name, props: [], children: [] };
  parent.children.unshift(n);
  return n;
}

/** Remove a node (and its subtree); returns false if it was not a child of `parent`. */
export function removeNode(parent: FdtNode, node: FdtNode): boolean {
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  return i >= 0;
}

/** Encode a number as `n` big-endian cells (n = 1 or 2; values up to 2^53). */
export function sizedCells(n: number, value: number): number[] {
  if (n === 1) {
    if (value > 0xffffffff) throw dtbError(`device tree: value 0x${value.toString(16)} does not fit in one cell`);
    return [value >>> 0];
  }
  if (n === 2) return [Math.floor(value / 0x100000000) >>> 0, value >>> 0];
  throw dtbError(`device tree: unsupported cell count ${n}`);
}

export function cellBytes(cells: number[]): Uint8Array {
  const v = new Uint8Array(cells.length * 4);
  const dv = new DataView(v.buffer);
  cells.forEach((c, i) => dv.setUint32(i * 4, c >>> 0, false));
  return v;
}

function align4(n: number): number { return (n + 3) & ~3; }
function hex(n: number): string { return (n >>> 0).toString(16).padStart(8, "0"); }
