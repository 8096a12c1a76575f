// ModuleBuilder: byte-exact output against modules assembled by hand the way wat2wasm encodes
// them (canonical LEBs), imports of memory/table/functions/globals, calls across modules,
// call_indirect and tail calls through an imported table, many functions in one module.
import { describe, it, expect } from "vitest";
import { ModuleBuilder } from "../../../jit/wasm/module-builder.js";
import { instantiateAsync, instantiateSync, compileAsync } from "../../../jit/wasm/instantiate.js";
import { BlockType, Num, ValType } from "../../../jit/wasm/opcodes.js";

const { i32, i64 } = ValType;
type Fn = (...args: any[]) => any;
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const clean = (s: string) => s.replace(/\s+|\/\/[^\n]*/g, "");

describe("byte-exact output (the bytes wat2wasm gives for the same text)", () => {
  it('(func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)', () => {
    const mb = new ModuleBuilder();
    const b = mb.beginFunction(mb.type([i32, i32], [i32]));
    b.localGet(0).localGet(1).op(Num.i32_add);
    mb.exportFunction("add", mb.endFunction());
    expect(hex(mb.finish())).toBe(clean(`
      0061736d 01000000
      01 07 01 60 02 7f7f 01 7f          // type section: (i32 i32) -> i32
      03 02 01 00                        // function section: func 0 has type 0
      07 07 01 03 616464 00 00           // export "add" func 0
      0a 09 01 07 00 2000 2001 6a 0b     // code: no locals, body`));
  });

  it("a loop over an imported memory with a local, memarg offset and local.tee", () => {
    // (import "env" "memory" (memory 1))
    // (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
    //   loop $l  local.get $acc local.get $p i32.load offset=4 i32.add local.set $acc
    //     local.get $p i32.const 4 i32.add local.set $p
    //     local.get $n i32.const -1 i32.add local.tee $n br_if $l  end  local.get $acc)
    const mb = new ModuleBuilder();
    mb.importMemory({ initial: 1 });
    const b = mb.beginFunction(mb.type([i32, i32], [i32]));
    const acc = b.addLocal(i32);
    b.loop();
    b.localGet(acc).localGet(0).i32Load(4).op(Num.i32_add).localSet(acc);
    b.localGet(0).i32Const(4).op(Num.i32_add).localSet(0);
    b.localGet(1).i32Const(-1).op(Num.i32_add).localTee(1).brIf(0);
    b.end();
    b.localGet(acc);
    mb.exportFunction("sum", mb.endFunction());
    const bytes = mb.finish();
    expect(hex(bytes)).toBe(clean(`
      0061736d 01000000
      01 07 01 60 02 7f7f 01 7f
      02 0f 01 03 656e76 06 6d656d6f7279 02 00 01   // import env.memory, limits min 1
      03 02 01 00
      07 07 01 03 73756d 00 00
      0a 25 01 23 01 01 7f                           // one body of 35 bytes, locals: 1 x i32
        03 40 2002 2000 28 02 04 6a 2102
        2000 41 04 6a 2100
        2001 41 7f 6a 2201 0d 00 0b
        2002 0b`));
    const memory = new WebAssembly.Memory({ initial: 1 });
    new Int32Array(memory.buffer, 0, 8).set([0, 10, 20, 30, -5, 0, 0, 0]);
    expect((instantiateSync(bytes, { env: { memory } }).exports.sum as Fn)(0, 4)).toBe(55);
  });

  it("imported function and table, if/else with a result, call and return_call_indirect", () => {
    // (type $t (func (param i32) (result i32)))
    // (import "env" "f" (func $f (type $t))) (import "env" "table" (table 2 funcref))
    // (func (type $t) local.get 0 if (result i32) local.get 0 call $f
    //   else local.get 0 i32.const 0 return_call_indirect (type $t) end)
    const mb = new ModuleBuilder();
    const t = mb.type([i32], [i32]);
    const f = mb.importFunction("env", "f", t);
    mb.importTable("env", "table", { initial: 2 });
    const b = mb.beginFunction(t);
    b.localGet(0).if(BlockType.i32).localGet(0).call(f).else().localGet(0).i32Const(0).returnCallIndirect(t).end();
    expect(mb.endFunction()).toBe(1);
    expect(hex(mb.finish())).toBe(clean(`
      0061736d 01000000
      01 06 01 60 01 7f 01 7f
      02 17 02 03 656e76 01 66 00 00  03 656e76 05 7461626c65 01 70 00 02
      03 02 01 00
      0a 15 01 13 00 2000 04 7f 2000 10 00 05 2000 41 00 13 00 00 0b 0b`));
  });

  it("shared memory and maximum limits, global imports, start section", () => {
    const mb = new ModuleBuilder();
    mb.importMemory({ initial: 1, maximum: 2, shared: true });
    const g = mb.importGlobal("env", "g", i32, true);
    const b = mb.beginFunction(mb.type([]));
    b.i32Const(7).globalSet(g);
    mb.setStart(mb.endFunction());
    const bytes = mb.finish();
    expect(hex(bytes)).toBe(clean(`
      0061736d 01000000
      01 04 01 60 00 00
      02 19 02 03 656e76 06 6d656d6f7279 02 03 01 02   03 656e76 01 67 03 7f 01
      03 02 01 00
      08 01 00
      0a 08 01 06 00 41 07 24 00 0b`));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const glob = new WebAssembly.Global({ value: "i32", mutable: true }, 0);
    instantiateSync(bytes, { env: { memory, g: glob } });
    expect(glob.value).toBe(7); // the start function ran
  });
});

describe("module structure", () => {
  it("deduplicates function types and keeps indices stable", () => {
    const mb = new ModuleBuilder();
    const a = mb.type([i32, i32], [i32]);
    const b2 = mb.type([i64], []);
    expect(mb.type([i32, i32], [i32])).toBe(a);
    expect(mb.type([i32], [i32, i32])).not.toBe(a); // params/results boundary is part of the key
    expect(mb.type([i64])).toBe(b2);
    expect(mb.typeCount).toBe(3);
  });

  it("refuses imports after definitions and a shared memory without maximum", () => {
    const mb = new ModuleBuilder();
    expect(() => mb.importMemory({ initial: 1, shared: true })).toThrow(/shared memory needs a maximum/);
    const t = mb.type([]);
    mb.beginFunction(t);
    mb.endFunction();
    expect(() => mb.importFunction("env", "late", t)).toThrow(/import env.late after a definition/);
    expect(() => mb.beginFunction(5)).toThrow(/type index 5 is not defined/);
  });

  it("reset reuses the builder; earlier finish() copies are untouched", () => {
    const mb = new ModuleBuilder();
    const make = (k: number) => {
      mb.reset();
      mb.beginFunction(mb.type([], [i32])).i32Const(k);
      mb.exportFunction("k", mb.endFunction());
      return mb.finish();
    };
    const one = make(1), two = make(2);
    expect((instantiateSync(one).exports.k as Fn)()).toBe(1);
    expect((instantiateSync(two).exports.k as Fn)()).toBe(2);
    expect(hex(make(1))).toBe(hex(one));
  });
});

describe("calls", () => {
  it("calls an imported JS function and a function defined earlier in the module", () => {
    const seen: number[] = [];
    const mb = new ModuleBuilder();
    const t = mb.type([i32], [i32]);
    const log = mb.importFunction("host", "log", t);
    const dbl = mb.beginFunction(t);
    dbl.localGet(0).i32Const(1).op(Num.i32_shl);
    const double = mb.endFunction();
    mb.beginFunction(t).localGet(0).call(double).call(log);
    mb.exportFunction("run", mb.endFunction());
    const ex = instantiateSync(mb.finish(), { host: { log: (x: number) => { seen.push(x); return x + 1; } } }).exports;
    expect((ex.run as Fn)(20)).toBe(41);
    expect(seen).toEqual([40]);
  });

  it("calls another module's exported wasm function imported by name", async () => {
    const a = new ModuleBuilder();
    const ta = a.type([i32, i32], [i32]);
    a.beginFunction(ta).localGet(0).localGet(1).op(Num.i32_mul);
    a.exportFunction("mul", a.endFunction());
    const core = await instantiateAsync(a.finish());

    const b = new ModuleBuilder();
    const mul = b.importFunction("core", "mul", b.type([i32, i32], [i32]));
    b.beginFunction(b.type([i32], [i32])).localGet(0).localGet(0).call(mul);
    b.exportFunction("square", b.endFunction());
    const mod = await compileAsync(b.finish());
    const ex = (await instantiateAsync(mod, { core: core.exports })).exports;
    expect((ex.square as Fn)(-12)).toBe(144);
  });

  it("call_indirect and return_call_indirect through an imported table", () => {
    const table = new WebAssembly.Table({ element: "anyfunc", initial: 4 });
    // Module A: two i32 -> i32 functions put in the table by JS, as the JIT's table.set does.
    const a = new ModuleBuilder();
    const ta = a.type([i32], [i32]);
    a.beginFunction(ta).localGet(0).i32Const(100).op(Num.i32_add);
    a.exportFunction("plus100", a.endFunction());
    a.beginFunction(ta).localGet(0).i32Const(-1).op(Num.i32_xor);
    a.exportFunction("not", a.endFunction());
    const ea = instantiateSync(a.finish()).exports;
    table.set(0, ea.plus100 as Fn);
    table.set(1, ea.not as Fn);

    const b = new ModuleBuilder();
    const t = b.type([i32], [i32]);
    const tSlot = b.type([i32, i32], [i32]);
    b.importTable("env", "table", { initial: 4 });
    b.beginFunction(tSlot).localGet(1).localGet(0).callIndirect(t, 0);
    b.exportFunction("viaCall", b.endFunction());
    b.beginFunction(tSlot).localGet(1).localGet(0).returnCallIndirect(t);
    b.exportFunction("viaTail", b.endFunction());
    const eb = instantiateSync(b.finish(), { env: { table } }).exports as Record<string, Fn>;
    expect(eb.viaCall(0, 5)).toBe(105);
    expect(eb.viaCall(1, 5)).toBe(~5);
    expect(eb.viaTail(0, 5)).toBe(105);
    expect(eb.viaTail(1, 0)).toBe(-1);
    expect(() => eb.viaCall(2, 5)).toThrow(WebAssembly.RuntimeError); // null slot traps
  });

  it("return_call and return_call_indirect run a million-deep chain without growing the stack", () => {
    // Chaining regions by tail call (perf-notes §7.3) relies on this: an ordinary call
    // chain of 1e6 frames overflows V8's stack.
    const table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
    const mb = new ModuleBuilder();
    const t = mb.type([i32, i32], [i32]);
    mb.importTable("env", "table", { initial: 1 });
    // countdown(n, acc): n == 0 ? acc : countdown(n - 1, acc + 1) by return_call
    const down = mb.beginFunction(t);
    down.localGet(0).op(Num.i32_eqz).if().localGet(1).return().end();
    down.localGet(0).i32Const(1).op(Num.i32_sub).localGet(1).i32Const(1).op(Num.i32_add).returnCall(0);
    mb.exportFunction("down", mb.endFunction());
    // viaTable(n, acc): the same, through table slot 0 by return_call_indirect
    const vt = mb.beginFunction(t);
    vt.localGet(0).op(Num.i32_eqz).if().localGet(1).return().end();
    vt.localGet(0).i32Const(1).op(Num.i32_sub).localGet(1).i32Const(2).op(Num.i32_add).i32Const(0).returnCallIndirect(t);
    mb.exportFunction("viaTable", mb.endFunction());
    const ex = instantiateSync(mb.finish(), { env: { table } }).exports as Record<string, Fn>;
    table.set(0, ex.viaTable);
    expect(ex.down(1_000_000, 0)).toBe(1_000_000);
    expect(ex.viaTable(1_000_000, 0)).toBe(2_000_000);

    // The control: the same chain with an ordinary call does overflow.
    const c = new ModuleBuilder();
    const tc = c.type([i32, i32], [i32]);
    const plain = c.beginFunction(tc);
    plain.localGet(0).op(Num.i32_eqz).if().localGet(1).return().end();
    plain.localGet(0).i32Const(1).op(Num.i32_sub).localGet(1).i32Const(1).op(Num.i32_add).call(0);
    c.exportFunction("down", c.endFunction());
    const plainDown = instantiateSync(c.finish()).exports.down as Fn;
    expect(plainDown(1000, 0)).toBe(1000);
    expect(() => plainDown(1_000_000, 0)).toThrow(RangeError);
  });
});

describe("many functions in one module", () => {
  it("300 functions, each calling the previous one, all exported", async () => {
    const N = 300;
    const mb = new ModuleBuilder();
    const memory = new WebAssembly.Memory({ initial: 1 });
    mb.importMemory({ initial: 1 });
    const t = mb.type([i32], [i32]);
    for (let i = 0; i < N; i++) {
      const b = mb.beginFunction(t);
      const tmp = b.addLocal(i32);
      // f_i(x) = f_{i-1}(x) + mem[4*i]  with f_0(x) = x
      b.localGet(0);
      if (i > 0) b.call(i - 1);
      b.i32Const(4 * i).i32Load().localTee(tmp).op(Num.i32_add);
      expect(mb.endFunction()).toBe(i);
      mb.exportFunction(`f${i}`, i);
    }
    expect(mb.functionCount).toBe(N);
    expect(mb.typeCount).toBe(1);
    const bytes = mb.finish();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const words = new Int32Array(memory.buffer, 0, N);
    for (let i = 0; i < N; i++) words[i] = i + 1;
    const ex = (await instantiateAsync(bytes, { env: { memory } })).exports as Record<string, Fn>;
    expect(ex.f0(7)).toBe(8);
    expect(ex.f99(0)).toBe((100 * 101) / 2);
    expect(ex[`f${N - 1}`](-1)).toBe((N * (N + 1)) / 2 - 1);
  });
});
