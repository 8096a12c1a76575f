// WebAssembly opcode and type codes the JIT emits (core spec 2.0 binary format, §5.3–5.4),
// plus the tail-call proposal's return_call/return_call_indirect (on in Node 20).
// Keys are the text-format names with '.' → '_' so a grep for "i32.add" finds "i32_add".

/** Value types (§5.3.1). */
export const ValType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f } as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** Block types with no type index (§5.3.6): empty, or one result of a value type. */
export const BlockType = { empty: 0x40, i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c } as const;
/** A block type: one of BlockType, or blockTypeIndex(i) for a function type (params / multi-value). */
export type BlockTypeCode = number;
/** Block type naming function type `i`; negative so it can never be mistaken for a value type code. */
export function blockTypeIndex(i: number): BlockTypeCode { return -1 - i; }

/** Control, parametric, variable, memory-size and constant instructions (operands vary). */
export const Op = {
  unreachable: 0x00, nop: 0x01, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b,
  br: 0x0c, br_if: 0x0d, br_table: 0x0e, return: 0x0f,
  call: 0x10, call_indirect: 0x11, return_call: 0x12, return_call_indirect: 0x13,
  drop: 0x1a, select: 0x1b, select_t: 0x1c,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22, global_get: 0x23, global_set: 0x24,
  memory_size: 0x3f, memory_grow: 0x40,
  i32_const: 0x41, i64_const: 0x42, f32_const: 0x43, f64_const: 0x44,
} as const;

/** Loads and stores: each takes a memarg (align as log2, offset). */
export const Mem = {
  i32_load: 0x28, i64_load: 0x29, f32_load: 0x2a, f64_load: 0x2b,
  i32_load8_s: 0x2c, i32_load8_u: 0x2d, i32_load16_s: 0x2e, i32_load16_u: 0x2f,
  i64_load8_s: 0x30, i64_load8_u: 0x31, i64_load16_s: 0x32, i64_load16_u: 0x33,
  i64_load32_s: 0x34, i64_load32_u: 0x35,
  i32_store: 0x36, i64_store: 0x37, f32_store: 0x38, f64_store: 0x39,
  i32_store8: 0x3a, i32_store16: 0x3b, i64_store8: 0x3c, i64_store16: 0x3d, i64_store32: 0x3e,
} as const;
export type MemOp = (typeof Mem)[keyof typeof Mem];

/** Natural alignment (log2 of the access size) of each load/store, indexed by opcode - 0x28. */
export const NATURAL_ALIGN: readonly number[] = [
  2, 3, 2, 3, // i32.load i64.load f32.load f64.load
  0, 0, 1, 1, // i32.load8_s/u i32.load16_s/u
  0, 0, 1, 1, 2, 2, // i64.load8_s/u load16_s/u load32_s/u
  2, 3, 2, 3, // i32.store i64.store f32.store f64.store
  0, 1, 0, 1, 2, // i32.store8/16 i64.store8/16/32
];

/** Numeric instructions without immediates: comparisons, arithmetic, conversions. */
export const Num = {
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_s: 0x48, i32_lt_u: 0x49, i32_gt_s: 0x4a,
  i32_gt_u: 0x4b, i32_le_s: 0x4c, i32_le_u: 0x4d, i32_ge_s: 0x4e, i32_ge_u: 0x4f,
  i64_eqz: 0x50, i64_eq: 0x51, i64_ne: 0x52, i64_lt_s: 0x53, i64_lt_u: 0x54, i64_gt_s: 0x55,
  i64_gt_u: 0x56, i64_le_s: 0x57, i64_le_u: 0x58, i64_ge_s: 0x59, i64_ge_u: 0x5a,
  f64_eq: 0x61, f64_ne: 0x62, f64_lt: 0x63, f64_gt: 0x64, f64_le: 0x65, f64_ge: 0x66,

  i32_clz: 0x67, i32_ctz: 0x68, i32_popcnt: 0x69, i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c,
  i32_div_s: 0x6d, i32_div_u: 0x6e, i32_rem_s: 0x6f, i32_rem_u: 0x70, i32_and: 0x71, i32_or: 0x72,
  i32_xor: 0x73, i32_shl: 0x74, i32_shr_s: 0x75, i32_shr_u: 0x76, i32_rotl: 0x77, i32_rotr: 0x78,
  i64_clz: 0x79, i64_ctz: 0x7a, i64_popcnt: 0x7b, i64_add: 0x7c, i64_sub: 0x7d, i64_mul: 0x7e,
  i64_div_s: 0x7f, i64_div_u: 0x80, i64_rem_s: 0x81, i64_rem_u: 0x82, i64_and: 0x83, i64_or: 0x84,
  i64_xor: 0x85, i64_shl: 0x86, i64_shr_s: 0x87, i64_shr_u: 0x88, i64_rotl: 0x89, i64_rotr: 0x8a,

  f64_abs: 0x99, f64_neg: 0x9a, f64_sqrt: 0x9f, f64_add: 0xa0, f64_sub: 0xa1, f64_mul: 0xa2,
  f64_div: 0xa3, f64_min: 0xa4, f64_max: 0xa5,

  i32_wrap_i64: 0xa7, i64_extend_i32_s: 0xac, i64_extend_i32_u: 0xad,
  f64_convert_i32_s: 0xb7, f64_convert_i32_u: 0xb8, f64_convert_i64_s: 0xb9, f64_convert_i64_u: 0xba,
  f32_demote_f64: 0xb6, f64_promote_f32: 0xbb, i64_reinterpret_f64: 0xbd, f64_reinterpret_i64: 0xbf,
  i32_extend8_s: 0xc0, i32_extend16_s: 0xc1,
  i64_extend8_s: 0xc2, i64_extend16_s: 0xc3, i64_extend32_s: 0xc4,
} as const;
export type NumOp = (typeof Num)[keyof typeof Num];

/** The wasm module preamble: "\0asm" and version 1. */
export const MAGIC_VERSION: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Section ids (§5.5.2). */
export const Section = {
  custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6,
  export: 7, start: 8, element: 9, code: 10, data: 11, dataCount: 12,
} as const;

/** Import/export descriptor kinds (§5.5.5). */
export const ExternKind = { func: 0x00, table: 0x01, memory: 0x02, global: 0x03 } as const;

/** Function type marker in the type section. */
export const FUNC_TYPE = 0x60;
