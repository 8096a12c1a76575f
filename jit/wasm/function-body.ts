// Emitter for one wasm function body: typed helpers that write opcodes straight into a reused
// byte buffer, local declarations, and a label-depth tracker so unbalanced block/end or a
// branch past the function's labels fails at emit time with the offending spot named,
// instead of as an opaque CompileError from V8 later. Operand types are left to the validator.

import { ByteWriter, u32Size } from "./bytes.js";
import { BlockType, type BlockTypeCode, Mem, type MemOp, NATURAL_ALIGN, type NumOp, Op, type ValType } from "./opcodes.js";

export class WasmEmitError extends Error {
  constructor(message: string) { super(message); this.name = "WasmEmitError"; }
}

// Kinds of open control frames, for error messages and else() checks.
const BLOCK = 1, LOOP = 2, IF = 3, ELSE = 4;
const KIND_NAMES = ["", "block", "loop", "if", "else"];

export class FunctionBody {
  /** The instructions (without local declarations and the final end), reused across functions. */
  readonly code = new ByteWriter(2048);
  private paramCount = 0;
  private localTypes: Uint8Array<ArrayBuffer> = new Uint8Array(32);
  private localCount = 0;
  private frames: Uint8Array<ArrayBuffer> = new Uint8Array(32);
  private open = 0;

  /** Start a new function whose type has `paramCount` parameters (they are locals 0..n-1). */
  begin(paramCount: number): this {
    this.code.reset();
    this.paramCount = paramCount;
    this.localCount = 0;
    this.open = 0;
    return this;
  }

  /**
   * Declare a local; returns its index. Declarations are written as runs of one type, so
   * declaring all locals of a type together (addLocals) gives the fewest entries.
   */
  addLocal(type: ValType): number {
    if (this.localCount === this.localTypes.length) this.localTypes = grow(this.localTypes);
    this.localTypes[this.localCount] = type;
    return this.paramCount + this.localCount++;
  }

  /** Declare `n` locals of one type; returns the index of the first. */
  addLocals(type: ValType, n: number): number {
    const first = this.paramCount + this.localCount;
    for (let i = 0; i < n; i++) this.addLocal(type);
    return first;
  }

  get localsDeclared(): number { return this.localCount; }

  /** Labels a branch may target right now: the open blocks plus the function itself. */
  get labelDepth(): number { return this.open; }

  // ---- control ------------------------------------------------------------------------------

  unreachable(): this { this.code.u8(Op.unreachable); return this; }
  nop(): this { this.code.u8(Op.nop); return this; }
  block(type: BlockTypeCode = BlockType.empty): this { return this.openFrame(BLOCK, Op.block, type); }
  loop(type: BlockTypeCode = BlockType.empty): this { return this.openFrame(LOOP, Op.loop, type); }
  if(type: BlockTypeCode = BlockType.empty): this { return this.openFrame(IF, Op.if, type); }

  else(): this {
    if (this.open === 0 || this.frames[this.open - 1] !== IF) {
      throw new WasmEmitError(`else without an open if (innermost: ${this.innermost()}) at code offset ${this.code.pos}`);
    }
    this.frames[this.open - 1] = ELSE;
    this.code.u8(Op.else);
    return this;
  }

  end(): this {
    if (this.open === 0) {
      throw new WasmEmitError(`end with no open block at code offset ${this.code.pos} (the function's own end is written by finish)`);
    }
    this.open--;
    this.code.u8(Op.end);
    return this;
  }

  br(depth: number): this { this.checkDepth("br", depth); this.code.u8(Op.br); this.code.u32(depth); return this; }
  brIf(depth: number): this { this.checkDepth("br_if", depth); this.code.u8(Op.br_if); this.code.u32(depth); return this; }

  /** br_table: `targets[i]` for index i, `defaultDepth` when out of range. */
  brTable(targets: ArrayLike<number>, defaultDepth: number): this {
    for (let i = 0; i < targets.length; i++) this.checkDepth("br_table", targets[i]);
    this.checkDepth("br_table default", defaultDepth);
    const c = this.code;
    c.u8(Op.br_table);
    c.u32(targets.length);
    for (let i = 0; i < targets.length; i++) c.u32(targets[i]);
    c.u32(defaultDepth);
    return this;
  }

  return(): this { this.code.u8(Op.return); return this; }
  call(funcIndex: number): this { this.code.u8(Op.call); this.code.u32(funcIndex); return this; }
  returnCall(funcIndex: number): this { this.code.u8(Op.return_call); this.code.u32(funcIndex); return this; }

  callIndirect(typeIndex: number, tableIndex = 0): this {
    this.code.u8(Op.call_indirect); this.code.u32(typeIndex); this.code.u32(tableIndex); return this;
  }

  returnCallIndirect(typeIndex: number, tableIndex = 0): this {
    this.code.u8(Op.return_call_indirect); this.code.u32(typeIndex); this.code.u32(tableIndex); return this;
  }

  // ---- parametric and variable ----------------------------------------------------------------

  drop(): this { this.code.u8(Op.drop); return this; }
  select(): this { this.code.u8(Op.select); return this; }

  localGet(i: number): this { return this.withIndex(Op.local_get, i); }
  localSet(i: number): this { return this.withIndex(Op.local_set, i); }
  localTee(i: number): this { return this.withIndex(Op.local_tee, i); }
  globalGet(i: number): this { return this.withIndex(Op.global_get, i); }
  globalSet(i: number): this { return this.withIndex(Op.global_set, i); }

  // ---- constants and numeric ------------------------------------------------------------------

  i32Const(v: number): this { this.code.u8(Op.i32_const); this.code.s32(v); return this; }
  /** A number must be a safe integer; a bigint is taken modulo 2^64. */
  i64Const(v: number | bigint): this { this.code.u8(Op.i64_const); this.code.s64(v); return this; }
  f32Const(v: number): this { this.code.u8(Op.f32_const); this.code.f32(v); return this; }
  f64Const(v: number): this { this.code.u8(Op.f64_const); this.code.f64(v); return this; }

  /** Any instruction without immediates (Num table): i32_add, i64_extend_i32_u, ... */
  op(code: NumOp): this { this.code.u8(code); return this; }

  // ---- memory ---------------------------------------------------------------------------------

  /** A load or store with its memarg; `alignLog2` defaults to the access's natural alignment. */
  mem(code: MemOp, offset = 0, alignLog2 = NATURAL_ALIGN[code - 0x28]): this {
    const c = this.code;
    c.u8(code);
    c.u32(alignLog2);
    c.u32(offset);
    return this;
  }

  i32Load(offset = 0, alignLog2 = 2): this { return this.mem(Mem.i32_load, offset, alignLog2); }
  i32Load8S(offset = 0): this { return this.mem(Mem.i32_load8_s, offset, 0); }
  i32Load8U(offset = 0): this { return this.mem(Mem.i32_load8_u, offset, 0); }
  i32Load16S(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i32_load16_s, offset, alignLog2); }
  i32Load16U(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i32_load16_u, offset, alignLog2); }
  i64Load(offset = 0, alignLog2 = 3): this { return this.mem(Mem.i64_load, offset, alignLog2); }
  i64Load8S(offset = 0): this { return this.mem(Mem.i64_load8_s, offset, 0); }
  i64Load8U(offset = 0): this { return this.mem(Mem.i64_load8_u, offset, 0); }
  i64Load16S(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i64_load16_s, offset, alignLog2); }
  i64Load16U(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i64_load16_u, offset, alignLog2); }
  i64Load32S(offset = 0, alignLog2 = 2): this { return this.mem(Mem.i64_load32_s, offset, alignLog2); }
  i64Load32U(offset = 0, alignLog2 = 2): this { return this.mem(Mem.i64_load32_u, offset, alignLog2); }
  f64Load(offset = 0, alignLog2 = 3): this { return this.mem(Mem.f64_load, offset, alignLog2); }
  i32Store(offset = 0, alignLog2 = 2): this { return this.mem(Mem.i32_store, offset, alignLog2); }
  i32Store8(offset = 0): this { return this.mem(Mem.i32_store8, offset, 0); }
  i32Store16(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i32_store16, offset, alignLog2); }
  i64Store(offset = 0, alignLog2 = 3): this { return this.mem(Mem.i64_store, offset, alignLog2); }
  i64Store8(offset = 0): this { return this.mem(Mem.i64_store8, offset, 0); }
  i64Store16(offset = 0, alignLog2 = 1): this { return this.mem(Mem.i64_store16, offset, alignLog2); }
  i64Store32(offset = 0, alignLog2 = 2): this { return this.mem(Mem.i64_store32, offset, alignLog2); }
  f64Store(offset = 0, alignLog2 = 3): this { return this.mem(Mem.f64_store, offset, alignLog2); }

  memorySize(): this { this.code.u8x2(Op.memory_size, 0x00); return this; }
  memoryGrow(): this { this.code.u8x2(Op.memory_grow, 0x00); return this; }

  // ---- output ---------------------------------------------------------------------------------

  /** Bytes finish() will write: size prefix + local declarations + code + end. */
  encodedSize(): number {
    const body = this.localDeclSize() + this.code.pos + 1;
    return u32Size(body) + body;
  }

  /** Append this body as a code-section entry (size, locals, code, end) to `out`. */
  finish(out: ByteWriter): void {
    if (this.open !== 0) {
      const names: string[] = [];
      for (let i = 0; i < this.open; i++) names.push(KIND_NAMES[this.frames[i]]);
      throw new WasmEmitError(`function body ends with ${this.open} open block(s) (outermost first: ${names.join(", ")})`);
    }
    out.u32(this.localDeclSize() + this.code.pos + 1);
    // Local declarations as runs: (count, type) per run of equal types.
    const t = this.localTypes, n = this.localCount;
    out.u32(this.localRuns());
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && t[j] === t[i]) j++;
      out.u32(j - i);
      out.u8(t[i]);
      i = j;
    }
    out.bytes(this.code.written());
    out.u8(Op.end);
  }

  // ---- internals ------------------------------------------------------------------------------

  private openFrame(kind: number, opcode: number, type: BlockTypeCode): this {
    if (this.open === this.frames.length) this.frames = grow(this.frames);
    this.frames[this.open++] = kind;
    this.code.u8(opcode);
    // Empty/value types are their one-byte code; a type index is a non-negative s33
    // (blockTypeIndex encodes it as -1 - i).
    if (type >= 0) this.code.u8(type);
    else this.code.s32(-1 - type);
    return this;
  }

  private withIndex(opcode: number, i: number): this {
    if (i < 0x80) this.code.u8x2(opcode, i);
    else { this.code.u8(opcode); this.code.u32(i); }
    return this;
  }

  private checkDepth(what: string, depth: number): void {
    if (!(depth >= 0 && depth <= this.open && Number.isInteger(depth))) {
      throw new WasmEmitError(`${what} ${depth}: only ${this.open + 1} label(s) in scope (innermost: ${this.innermost()}) at code offset ${this.code.pos}`);
    }
  }

  private innermost(): string { return this.open === 0 ? "function" : KIND_NAMES[this.frames[this.open - 1]]; }

  private localRuns(): number {
    let runs = 0;
    for (let i = 0; i < this.localCount; i++) if (i === 0 || this.localTypes[i] !== this.localTypes[i - 1]) runs++;
    return runs;
  }

  private localDeclSize(): number {
    const t = this.localTypes, n = this.localCount;
    let size = u32Size(this.localRuns());
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && t[j] === t[i]) j++;
      size += u32Size(j - i) + 1;
      i = j;
    }
    return size;
  }
}

function grow(a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}
