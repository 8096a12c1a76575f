// Migration state declared once per device, in QEMU's VMStateDescription terms: a named,
// versioned list of typed fields over a plain state object, then subsections that are sent
// when their `needed` rule holds. One declaration drives saving, loading, the stream's JSON
// description and `armlet snapshot info` (codec.ts); devices write no save/load code.
//
// State values: 8/16/32-bit integers and bools as numbers (bools 0/1 or true/false),
// 64-bit integers (and `timer` deadlines, -1 = not armed) as bigints, arrays as arrays or
// typed arrays of those, buffers as Uint8Array, structs as objects.

/** Scalar wire types, named as QEMU's VMStateInfo (what the stream's JSON says in "type"). */
export type ScalarType =
  | "bool" | "uint8" | "int8" | "uint16" | "int16" | "uint32" | "int32" | "uint64" | "int64"
  | "int32 le" | "int32 equal" | "uint32 equal" | "uint16 equal" | "uint8 equal" | "int64 equal"
  | "timer" | "cpsr" | "fpscr" | "powered_off";

/** Bytes of one element of each scalar type. */
export const SCALAR_SIZE: Readonly<Record<ScalarType, number>> = {
  bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, uint64: 8, int64: 8,
  "int32 le": 4, "int32 equal": 4, "uint32 equal": 4, "uint16 equal": 2, "uint8 equal": 1, "int64 equal": 8,
  timer: 8, cpsr: 4, fpscr: 4, powered_off: 1,
};

/** 64-bit types: their values are bigints. */
export const WIDE: ReadonlySet<string> = new Set(["uint64", "int64", "int64 equal", "timer"]);

/**
 * A type QEMU serialises with its own put/get (the virtio core's state, PCI config...): the
 * device provides the codec; the stream's JSON gives the size actually written.
 */
export interface CustomType<S = any> {
  /** The "type" name in the JSON description. */
  name: string;
  write(w: import("./bytes.js").ByteWriter, state: S): void;
  /** Read into `state`; `size` is the JSON's byte count when the stream has one. */
  read(r: import("./bytes.js").ByteReader, state: S, size: number | undefined): void;
}

/** How many elements an array field has. */
export type Count =
  | number
  /** Taken from another field of the same state, sent earlier (e.g. the cpreg list length). */
  | { field: string }
  /** Not in the stream: the receiver's configuration (the GICv3 per-CPU array, sysctl clocks). */
  | { config: (state: any) => number };

export interface FieldDecl {
  /** QEMU's field name as the JSON shows it ("env.regs", "cpu_ctlr"). */
  name: string;
  /** Property in the state object (default: name). */
  key?: string;
  kind: "scalar" | "buffer" | "unused" | "struct" | "custom";
  type?: ScalarType;
  /** Array fields: the element count. */
  count?: Count;
  /** Buffers and unused bytes: byte length (fixed, or from another field). */
  bytes?: Count;
  /** Structs: the element's description. */
  struct?: VmsdDecl;
  /**
   * Struct arrays kept as one array per member in the parent ("columns": element i's field f
   * is parent[f.key][i]), as QEMU's GIC irq_state is laid out as separate arrays here.
   */
  layout?: "objects" | "columns";
  custom?: CustomType;
  /** Written from this section version on (QEMU's field version_id). */
  since?: number;
  /** QEMU's field_exists test: the field is in the stream only when this holds. */
  exists?: (state: any, version: number) => boolean;
}

export interface SubsectionDecl {
  decl: VmsdDecl;
  /** Sent when this returns true for the state being saved. */
  needed: (state: any) => boolean;
}

export interface VmsdDecl {
  name: string;
  version: number;
  minimumVersion?: number;
  fields: FieldDecl[];
  subsections?: SubsectionDecl[];
}

// ---- builders (one line per field in the declarations) ----

type Opts = Pick<FieldDecl, "key" | "since" | "exists">;

export function scalar(type: ScalarType, name: string, count?: Count, opts: Opts = {}): FieldDecl {
  return { name, kind: "scalar", type, ...(count !== undefined ? { count } : {}), ...opts };
}
export const bool = (name: string, count?: Count, o?: Opts) => scalar("bool", name, count, o);
export const u8 = (name: string, count?: Count, o?: Opts) => scalar("uint8", name, count, o);
export const i8 = (name: string, count?: Count, o?: Opts) => scalar("int8", name, count, o);
export const u16 = (name: string, count?: Count, o?: Opts) => scalar("uint16", name, count, o);
export const i16 = (name: string, count?: Count, o?: Opts) => scalar("int16", name, count, o);
export const u32 = (name: string, count?: Count, o?: Opts) => scalar("uint32", name, count, o);
export const i32 = (name: string, count?: Count, o?: Opts) => scalar("int32", name, count, o);
export const u64 = (name: string, count?: Count, o?: Opts) => scalar("uint64", name, count, o);
export const i64 = (name: string, count?: Count, o?: Opts) => scalar("int64", name, count, o);
/** A QEMU timer: its expiry in QEMU_CLOCK_VIRTUAL ns (bigint), -1n when not armed. */
export const timer = (name: string, count?: Count, o?: Opts) => scalar("timer", name, count, o);
export function buffer(name: string, bytes: Count, o: Opts = {}): FieldDecl { return { name, kind: "buffer", bytes, ...o }; }
/** VMSTATE_UNUSED: zeros on save, skipped on load (QEMU names it "unused"). */
export function unused(bytes: number, o: Opts = {}): FieldDecl { return { name: "unused", kind: "unused", bytes, ...o }; }
export function struct(name: string, decl: VmsdDecl, count?: Count, o: Opts & { layout?: "objects" | "columns" } = {}): FieldDecl {
  return { name, kind: "struct", struct: decl, ...(count !== undefined ? { count } : {}), ...o };
}
export function custom(name: string, type: CustomType, o: Opts = {}): FieldDecl { return { name, kind: "custom", custom: type, ...o }; }

export function vmsd(name: string, version: number, fields: FieldDecl[], subsections: SubsectionDecl[] = [], minimumVersion = version): VmsdDecl {
  return { name, version, minimumVersion, fields, subsections };
}

export function subsection(decl: VmsdDecl, needed: (state: any) => boolean): SubsectionDecl {
  return { decl, needed };
}

/** The state property a field reads and writes. */
export const keyOf = (f: FieldDecl): string => f.key ?? f.name;
