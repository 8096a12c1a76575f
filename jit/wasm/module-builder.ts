// Builds one wasm module holding many functions (the JIT batches regions: ≈180 µs per module
// versus ≈21 µs per function, perf-notes §4.3). Sections are encoded into reused buffers as
// items are added and joined by finish(); sizes are minimal LEBs so the output is canonical
// (byte-equal to wat2wasm for the same module). Imports must all come before definitions,
// so the indices returned for imports and functions never shift.

import { ByteWriter, u32Size } from "./bytes.js";
import { FunctionBody, WasmEmitError } from "./function-body.js";
import { ExternKind, FUNC_TYPE, MAGIC_VERSION, Op, Section, ValType } from "./opcodes.js";

export interface Limits {
  /** Initial size: pages for a memory, entries for a table. */
  initial: number;
  maximum?: number;
  /** A shared memory (threads); requires `maximum`. */
  shared?: boolean;
}

export class ModuleBuilder {
  private readonly types = new ByteWriter(256);
  private readonly typeKeys = new Map<string, number>();
  private readonly typeParams: number[] = [];
  private readonly imports = new ByteWriter(256);
  private importCount = 0;
  private funcImports = 0;
  private tableImports = 0;
  private globalCount = 0;
  private readonly funcTypes: number[] = [];
  private readonly globals = new ByteWriter(64);
  private globalDefs = 0;
  private readonly exports = new ByteWriter(1024);
  private exportCount = 0;
  private startFunc = -1;
  private readonly code = new ByteWriter(64 * 1024);
  private readonly out = new ByteWriter(64 * 1024);
  private readonly body = new FunctionBody();
  private bodyType = -1;

  /** Forget everything for the next module; all buffers are kept. */
  reset(): this {
    this.types.reset(); this.typeKeys.clear(); this.typeParams.length = 0;
    this.imports.reset(); this.importCount = 0; this.funcImports = 0; this.tableImports = 0; this.globalCount = 0;
    this.funcTypes.length = 0; this.globals.reset(); this.globalDefs = 0;
    this.exports.reset(); this.exportCount = 0; this.startFunc = -1;
    this.code.reset(); this.bodyType = -1;
    return this;
  }

  /** Index of the function type params → results, added on first use. */
  type(params: readonly ValType[], results: readonly ValType[] = []): number {
    const key = params.join(",") + ">" + results.join(",");
    const known = this.typeKeys.get(key);
    if (known !== undefined) return known;
    const t = this.types;
    t.u8(FUNC_TYPE);
    t.u32(params.length);
    for (const p of params) t.u8(p);
    t.u32(results.length);
    for (const r of results) t.u8(r);
    const index = this.typeParams.length;
    this.typeParams.push(params.length);
    this.typeKeys.set(key, index);
    return index;
  }

  get typeCount(): number { return this.typeParams.length; }

  // ---- imports ----------------------------------------------------------------------------------

  /** Import a function; returns its function index. */
  importFunction(module: string, name: string, typeIndex: number): number {
    this.importHeader(module, name, ExternKind.func);
    this.checkType(typeIndex);
    this.imports.u32(typeIndex);
    return this.funcImports++;
  }

  /** Import a memory (the core's linear memory: "env"."memory" by default). */
  importMemory(limits: Limits, module = "env", name = "memory"): void {
    this.importHeader(module, name, ExternKind.memory);
    this.limits(limits);
  }

  /** Import a table of function references; returns its table index. */
  importTable(module: string, name: string, limits: Limits, elemType: ValType = ValType.funcref): number {
    this.importHeader(module, name, ExternKind.table);
    this.imports.u8(elemType);
    this.limits(limits);
    return this.tableImports++;
  }

  /** Import a global; returns its global index. */
  importGlobal(module: string, name: string, type: ValType, mutable: boolean): number {
    this.importHeader(module, name, ExternKind.global);
    this.imports.u8x2(type, mutable ? 1 : 0);
    return this.globalCount++;
  }

  // ---- definitions ------------------------------------------------------------------------------

  /** Define a global initialised to a constant; returns its global index. */
  addGlobal(type: ValType, mutable: boolean, init: number | bigint): number {
    const g = this.globals;
    g.u8x2(type, mutable ? 1 : 0);
    if (type === ValType.i32) { g.u8(Op.i32_const); g.s32(Number(init)); }
    else if (type === ValType.i64) { g.u8(Op.i64_const); g.s64(init); }
    else if (type === ValType.f64) { g.u8(Op.f64_const); g.f64(Number(init)); }
    else if (type === ValType.f32) { g.u8(Op.f32_const); g.f32(Number(init)); }
    else throw new WasmEmitError(`addGlobal: unsupported global type 0x${type.toString(16)}`);
    g.u8(Op.end);
    this.globalDefs++;
    return this.globalCount++;
  }

  /**
   * Start a function of type `typeIndex`: returns the shared body emitter (params are locals
   * 0..n-1). Call endFunction() before starting another.
   */
  beginFunction(typeIndex: number): FunctionBody {
    if (this.bodyType >= 0) throw new WasmEmitError("beginFunction: the previous function was not ended");
    this.checkType(typeIndex);
    this.bodyType = typeIndex;
    return this.body.begin(this.typeParams[typeIndex]);
  }

  /** Finish the function begun last; returns its function index (imports come first). */
  endFunction(): number {
    if (this.bodyType < 0) throw new WasmEmitError("endFunction without beginFunction");
    this.body.finish(this.code);
    this.funcTypes.push(this.bodyType);
    this.bodyType = -1;
    return this.funcImports + this.funcTypes.length - 1;
  }

  get functionCount(): number { return this.funcImports + this.funcTypes.length; }

  exportFunction(name: string, funcIndex: number): void {
    this.exports.name(name);
    this.exports.u8(ExternKind.func);
    this.exports.u32(funcIndex);
    this.exportCount++;
  }

  /** Run `funcIndex` (type [] → []) when the module is instantiated. */
  setStart(funcIndex: number): void { this.startFunc = funcIndex; }

  // ---- output -----------------------------------------------------------------------------------

  /**
   * The module's bytes as a view into the builder's buffer: valid until the next finish or
   * reset. WebAssembly.compile and new WebAssembly.Module copy their input, so this is enough
   * for them and saves a copy.
   */
  finishView(): Uint8Array<ArrayBuffer> {
    if (this.bodyType >= 0) throw new WasmEmitError("finish: a function was begun and not ended");
    const o = this.out;
    o.reset();
    o.bytes(MAGIC_VERSION);
    this.section(Section.type, this.typeParams.length, this.types);
    this.section(Section.import, this.importCount, this.imports);
    if (this.funcTypes.length > 0) {
      let size = u32Size(this.funcTypes.length);
      for (const t of this.funcTypes) size += u32Size(t);
      o.u8(Section.function); o.u32(size); o.u32(this.funcTypes.length);
      for (const t of this.funcTypes) o.u32(t);
    }
    this.section(Section.global, this.globalDefs, this.globals);
    this.section(Section.export, this.exportCount, this.exports);
    if (this.startFunc >= 0) { o.u8(Section.start); o.u32(u32Size(this.startFunc)); o.u32(this.startFunc); }
    this.section(Section.code, this.funcTypes.length, this.code);
    return o.written();
  }

  /** The module's bytes, as a copy owned by the caller. */
  finish(): Uint8Array<ArrayBuffer> { return this.finishView().slice(); }

  // ---- internals --------------------------------------------------------------------------------

  private section(id: number, count: number, content: ByteWriter): void {
    if (count === 0) return;
    const o = this.out;
    o.u8(id);
    o.u32(u32Size(count) + content.pos);
    o.u32(count);
    o.bytes(content.written());
  }

  private importHeader(module: string, name: string, kind: number): void {
    if (this.funcTypes.length > 0 || this.globalDefs > 0 || this.bodyType >= 0) {
      throw new WasmEmitError(`import ${module}.${name} after a definition: imports must come first so indices do not shift`);
    }
    this.imports.name(module);
    this.imports.name(name);
    this.imports.u8(kind);
    this.importCount++;
  }

  private limits(l: Limits): void {
    const im = this.imports;
    if (l.shared) {
      if (l.maximum === undefined) throw new WasmEmitError("a shared memory needs a maximum");
      im.u8(0x03); im.u32(l.initial); im.u32(l.maximum);
    } else if (l.maximum !== undefined) {
      im.u8(0x01); im.u32(l.initial); im.u32(l.maximum);
    } else {
      im.u8(0x00); im.u32(l.initial);
    }
  }

  private checkType(typeIndex: number): void {
    if (!(typeIndex >= 0 && typeIndex < this.typeParams.length)) {
      throw new WasmEmitError(`type index ${typeIndex} is not defined (${this.typeParams.length} types)`);
    }
  }
}
