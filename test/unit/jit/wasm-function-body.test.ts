// FunctionBody: every helper emits code that WebAssembly.validate accepts and that computes what
// the JS reference says; unbalanced nesting and out-of-scope branches fail at emit time.
import { describe, it, expect } from "vitest";
import { ModuleBuilder } from "../../../jit/wasm/module-builder.js";
import { FunctionBody, WasmEmitError } from "../../../jit/wasm/function-body.js";
import { ByteWriter } from "../../../jit/wasm/bytes.js";
import { instantiateSync } from "../../../jit/wasm/instantiate.js";
import { BlockType, blockTypeIndex, Num, type NumOp, ValType } from "../../../jit/wasm/opcodes.js";

const { i32, i64, f64 } = ValType;
type Fn = (...args: any[]) => any;

/** Build a module of exported functions `name → (params, results, emit)` and instantiate it. */
function run(funcs: Record<string, [ValType[], ValType[], (b: FunctionBody) => void]>, imports: WebAssembly.Imports = {},
  before?: (mb: ModuleBuilder) => void): Record<string, Fn> {
  const mb = new ModuleBuilder();
  before?.(mb);
  for (const [name, [params, results, emit]] of Object.entries(funcs)) {
    emit(mb.beginFunction(mb.type(params, results)));
    mb.exportFunction(name, mb.endFunction());
  }
  const bytes = mb.finish();
  expect(WebAssembly.validate(bytes)).toBe(true);
  return instantiateSync(bytes, imports).exports as Record<string, Fn>;
}

const binary = (op: NumOp, t: ValType, r: ValType = t): [ValType[], ValType[], (b: FunctionBody) => void] =>
  [[t, t], [r], b => { b.localGet(0).localGet(1).op(op); }];
const unary = (op: NumOp, t: ValType, r: ValType = t): [ValType[], ValType[], (b: FunctionBody) => void] =>
  [[t], [r], b => { b.localGet(0).op(op); }];

const I32_SAMPLES = [0, 1, -1, 7, -7, 31, 32, 33, 0x7fffffff, -0x80000000, 0x12345678, -0x3f00ff01];

describe("i32 numeric ops", () => {
  const ref: Record<string, (a: number, b: number) => number> = {
    i32_add: (a, b) => (a + b) | 0, i32_sub: (a, b) => (a - b) | 0, i32_mul: (a, b) => Math.imul(a, b),
    i32_and: (a, b) => a & b, i32_or: (a, b) => a | b, i32_xor: (a, b) => a ^ b,
    i32_shl: (a, b) => a << b, i32_shr_s: (a, b) => a >> b, i32_shr_u: (a, b) => (a >>> b) | 0,
    i32_rotl: (a, b) => ((a << (b & 31)) | (a >>> ((32 - (b & 31)) & 31))) | 0,
    i32_rotr: (a, b) => ((a >>> (b & 31)) | (a << ((32 - (b & 31)) & 31))) | 0,
    i32_eq: (a, b) => +(a === b), i32_ne: (a, b) => +(a !== b),
    i32_lt_s: (a, b) => +(a < b), i32_lt_u: (a, b) => +(a >>> 0 < b >>> 0),
    i32_gt_s: (a, b) => +(a > b), i32_gt_u: (a, b) => +(a >>> 0 > b >>> 0),
    i32_le_s: (a, b) => +(a <= b), i32_le_u: (a, b) => +(a >>> 0 <= b >>> 0),
    i32_ge_s: (a, b) => +(a >= b), i32_ge_u: (a, b) => +(a >>> 0 >= b >>> 0),
    i32_div_s: (a, b) => (a / b) | 0, i32_div_u: (a, b) => ((a >>> 0) / (b >>> 0)) | 0,
    i32_rem_s: (a, b) => (a % b) | 0, i32_rem_u: (a, b) => ((a >>> 0) % (b >>> 0)) | 0,
  };
  const un: Record<string, (a: number) => number> = {
    i32_eqz: a => +(a === 0), i32_clz: a => Math.clz32(a), i32_ctz: a => (a === 0 ? 32 : 31 - Math.clz32(a & -a)),
    i32_popcnt: a => { let n = 0; for (let x = a >>> 0; x; x &= x - 1) n++; return n; },
    i32_extend8_s: a => (a << 24) >> 24, i32_extend16_s: a => (a << 16) >> 16,
  };
  const exports = run({
    ...Object.fromEntries(Object.keys(ref).map(k => [k, binary(Num[k as keyof typeof Num], i32)])),
    ...Object.fromEntries(Object.keys(un).map(k => [k, unary(Num[k as keyof typeof Num], i32)])),
  });

  it.each(Object.keys(ref))("%s", name => {
    for (const a of I32_SAMPLES) for (const b of I32_SAMPLES) {
      const div = /div|rem/.test(name);
      if (div && (b === 0 || (name === "i32_div_s" && a === -0x80000000 && b === -1))) {
        expect(() => exports[name](a, b)).toThrow(WebAssembly.RuntimeError); // traps, as the spec says
        continue;
      }
      expect(exports[name](a, b), `${name}(${a}, ${b})`).toBe(ref[name](a, b));
    }
  });

  it.each(Object.keys(un))("%s", name => {
    for (const a of I32_SAMPLES) expect(exports[name](a), `${name}(${a})`).toBe(un[name](a));
  });
});

describe("i64 numeric ops", () => {
  const S = [0n, 1n, -1n, 63n, 64n, 0x7fff_ffff_ffff_ffffn, -0x8000_0000_0000_0000n, 0x1234_5678_9abc_def0n, -0x100_0000_0001n];
  const w = (x: bigint) => BigInt.asIntN(64, x);
  const u = (x: bigint) => BigInt.asUintN(64, x);
  const ref: Record<string, (a: bigint, b: bigint) => bigint> = {
    i64_add: (a, b) => w(a + b), i64_sub: (a, b) => w(a - b), i64_mul: (a, b) => w(a * b),
    i64_and: (a, b) => a & b, i64_or: (a, b) => a | b, i64_xor: (a, b) => a ^ b,
    i64_shl: (a, b) => w(a << (b & 63n)), i64_shr_s: (a, b) => a >> (b & 63n), i64_shr_u: (a, b) => w(u(a) >> (b & 63n)),
    i64_rotl: (a, b) => w((u(a) << (b & 63n)) | (u(a) >> ((64n - (b & 63n)) & 63n))),
    i64_rotr: (a, b) => w((u(a) >> (b & 63n)) | (u(a) << ((64n - (b & 63n)) & 63n))),
  };
  const cmp: Record<string, (a: bigint, b: bigint) => boolean> = {
    i64_eq: (a, b) => a === b, i64_ne: (a, b) => a !== b, i64_lt_s: (a, b) => a < b, i64_lt_u: (a, b) => u(a) < u(b),
    i64_gt_s: (a, b) => a > b, i64_gt_u: (a, b) => u(a) > u(b), i64_le_s: (a, b) => a <= b, i64_le_u: (a, b) => u(a) <= u(b),
    i64_ge_s: (a, b) => a >= b, i64_ge_u: (a, b) => u(a) >= u(b),
  };
  const un: Record<string, (a: bigint) => bigint> = {
    i64_clz: a => { let n = 0n; for (let x = u(a); n < 64n && !(x & (1n << 63n)); x <<= 1n) n++; return n; },
    i64_ctz: a => { let n = 0n; for (let x = u(a); n < 64n && !(x & 1n); x >>= 1n) n++; return n; },
    i64_popcnt: a => { let n = 0n; for (let x = u(a); x; x &= x - 1n) n++; return n; },
    i64_extend8_s: a => BigInt.asIntN(8, a), i64_extend16_s: a => BigInt.asIntN(16, a), i64_extend32_s: a => BigInt.asIntN(32, a),
  };
  const exports = run({
    ...Object.fromEntries(Object.keys(ref).map(k => [k, binary(Num[k as keyof typeof Num], i64)])),
    ...Object.fromEntries(Object.keys(cmp).map(k => [k, binary(Num[k as keyof typeof Num], i64, i32)])),
    ...Object.fromEntries(Object.keys(un).map(k => [k, unary(Num[k as keyof typeof Num], i64)])),
    i64_eqz: unary(Num.i64_eqz, i64, i32),
    i64_div_u: binary(Num.i64_div_u, i64), i64_rem_s: binary(Num.i64_rem_s, i64),
    i32_wrap_i64: unary(Num.i32_wrap_i64, i64, i32),
    i64_extend_i32_s: unary(Num.i64_extend_i32_s, i32, i64), i64_extend_i32_u: unary(Num.i64_extend_i32_u, i32, i64),
  });

  it("binary, comparison and unary ops match BigInt arithmetic", () => {
    for (const a of S) {
      for (const b of S) {
        for (const k of Object.keys(ref)) expect(exports[k](a, b), `${k}(${a}, ${b})`).toBe(ref[k](a, b));
        for (const k of Object.keys(cmp)) expect(exports[k](a, b), `${k}(${a}, ${b})`).toBe(+cmp[k](a, b));
        if (b !== 0n) {
          expect(exports.i64_div_u(a, b)).toBe(w(u(a) / u(b)));
          if (!(a === -(2n ** 63n) && b === -1n)) expect(exports.i64_rem_s(a, b)).toBe(a % b);
        }
      }
      for (const k of Object.keys(un)) expect(exports[k](a), `${k}(${a})`).toBe(un[k](a));
      expect(exports.i64_eqz(a)).toBe(+(a === 0n));
      expect(exports.i32_wrap_i64(a)).toBe(Number(BigInt.asIntN(32, a)));
    }
    expect(exports.i64_extend_i32_s(-2)).toBe(-2n);
    expect(exports.i64_extend_i32_u(-2)).toBe(0xffff_fffen);
  });
});

describe("constants, f64, locals and globals", () => {
  it("i32Const and i64Const round-trip edge values (number and bigint)", () => {
    const i32s = [0, 63, 64, -64, -65, 2 ** 31 - 1, -(2 ** 31), 0xffff_ffff];
    const i64s: (number | bigint)[] = [0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n];
    const ex = run({
      ...Object.fromEntries(i32s.map((v, i) => [`a${i}`, [[], [i32], (b: FunctionBody) => { b.i32Const(v); }]])),
      ...Object.fromEntries(i64s.map((v, i) => [`b${i}`, [[], [i64], (b: FunctionBody) => { b.i64Const(v); }]])),
    } as any);
    i32s.forEach((v, i) => expect(ex[`a${i}`]()).toBe(v | 0));
    i64s.forEach((v, i) => expect(ex[`b${i}`]()).toBe(BigInt.asIntN(64, BigInt(v))));
  });

  it("f64 arithmetic, f32Const through promote, conversions and reinterpretation", () => {
    const ex = run({
      hyp: [[f64, f64], [f64], b => { b.localGet(0).localGet(0).op(Num.f64_mul).localGet(1).localGet(1).op(Num.f64_mul).op(Num.f64_add).op(Num.f64_sqrt); }],
      k: [[], [f64], b => { b.f64Const(-0.1).f32Const(1.5).op(Num.f64_promote_f32).op(Num.f64_sub); }],
      cvt: [[i32], [f64], b => { b.localGet(0).op(Num.f64_convert_i32_u); }],
      bits: [[f64], [i64], b => { b.localGet(0).op(Num.i64_reinterpret_f64); }],
    });
    expect(ex.hyp(3, 4)).toBe(5);
    expect(ex.k()).toBe(-0.1 - 1.5);
    expect(ex.cvt(-1)).toBe(4294967295);
    expect(ex.bits(1)).toBe(0x3ff0_0000_0000_0000n);
  });

  it("locals of mixed types, tee, indices past 127, and globals", () => {
    let g = -1, h = -1;
    const ex = run({
      mix: [[i32], [i64], b => {
        const x = b.addLocal(i32), y = b.addLocal(i64), z = b.addLocal(i32); // three runs
        const many = b.addLocals(i32, 200); // index past 127: a 2-byte LEB
        b.localGet(0).i32Const(3).op(Num.i32_mul).localTee(x).localSet(many + 199);
        b.localGet(many + 199).op(Num.i64_extend_i32_s).localSet(y);
        b.localGet(x).localSet(z);
        b.localGet(y).localGet(z).op(Num.i64_extend_i32_s).op(Num.i64_add);
      }],
      bump: [[], [i32], b => { b.globalGet(h).globalGet(g).i32Const(1).op(Num.i32_add).globalSet(g).globalGet(g).op(Num.i32_add); }],
    }, {}, mb => { g = mb.addGlobal(i32, true, 41); h = mb.addGlobal(i32, false, 1000); });
    expect(ex.mix(5)).toBe(30n);
    expect(ex.mix(-7)).toBe(-42n);
    expect(ex.bump()).toBe(1042);
    expect(ex.bump()).toBe(1043);
  });
});

describe("memory", () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const dv = new DataView(memory.buffer);
  const ex = run({
    l32: [[i32], [i32], b => { b.localGet(0).i32Load(4); }],
    l8s: [[i32], [i32], b => { b.localGet(0).i32Load8S(); }],
    l8u: [[i32], [i32], b => { b.localGet(0).i32Load8U(); }],
    l16s: [[i32], [i32], b => { b.localGet(0).i32Load16S(2); }],
    l16u: [[i32], [i32], b => { b.localGet(0).i32Load16U(2, 0); }],
    l64: [[i32], [i64], b => { b.localGet(0).i64Load(); }],
    l64_8s: [[i32], [i64], b => { b.localGet(0).i64Load8S(); }],
    l64_8u: [[i32], [i64], b => { b.localGet(0).i64Load8U(); }],
    l64_16s: [[i32], [i64], b => { b.localGet(0).i64Load16S(); }],
    l64_16u: [[i32], [i64], b => { b.localGet(0).i64Load16U(); }],
    l64_32s: [[i32], [i64], b => { b.localGet(0).i64Load32S(); }],
    l64_32u: [[i32], [i64], b => { b.localGet(0).i64Load32U(); }],
    lf64: [[i32], [f64], b => { b.localGet(0).f64Load(8); }],
    s32: [[i32, i32], [], b => { b.localGet(0).localGet(1).i32Store(4); }],
    s8: [[i32, i32], [], b => { b.localGet(0).localGet(1).i32Store8(); }],
    s16: [[i32, i32], [], b => { b.localGet(0).localGet(1).i32Store16(); }],
    s64: [[i32, i64], [], b => { b.localGet(0).localGet(1).i64Store(); }],
    s64_8: [[i32, i64], [], b => { b.localGet(0).localGet(1).i64Store8(); }],
    s64_16: [[i32, i64], [], b => { b.localGet(0).localGet(1).i64Store16(); }],
    s64_32: [[i32, i64], [], b => { b.localGet(0).localGet(1).i64Store32(); }],
    sf64: [[i32, f64], [], b => { b.localGet(0).localGet(1).f64Store(); }],
    size: [[], [i32], b => { b.memorySize(); }],
    grow: [[i32], [i32], b => { b.localGet(0).memoryGrow(); }],
  }, { env: { memory } }, mb => mb.importMemory({ initial: 1, maximum: 4 }));

  it("loads sign/zero-extend and honour the offset", () => {
    dv.setUint32(0x104, 0x89abcdef, true);
    dv.setBigUint64(0x200, 0xfedc_ba98_8765_4321n, true);
    dv.setFloat64(0x308, Math.PI, true);
    expect(ex.l32(0x100)).toBe(0x89abcdef | 0);
    expect(ex.l8s(0x104)).toBe(-17);
    expect(ex.l8u(0x104)).toBe(0xef);
    expect(ex.l16s(0x104)).toBe(0x89ab - 0x10000);
    expect(ex.l16u(0x104)).toBe(0x89ab);
    expect(ex.l64(0x200)).toBe(BigInt.asIntN(64, 0xfedc_ba98_8765_4321n));
    expect(ex.l64_8s(0x200)).toBe(0x21n);
    expect(ex.l64_8u(0x207)).toBe(0xfen);
    expect(ex.l64_8s(0x207)).toBe(-2n);
    expect(ex.l64_16s(0x206)).toBe(-0x124n);
    expect(ex.l64_16u(0x206)).toBe(0xfedcn);
    expect(ex.l64_32s(0x204)).toBe(BigInt.asIntN(32, 0xfedc_ba98n));
    expect(ex.l64_32u(0x204)).toBe(0xfedc_ba98n);
    expect(ex.lf64(0x300)).toBe(Math.PI);
  });

  it("stores write the right width at the right place", () => {
    new Uint8Array(memory.buffer, 0x400, 64).fill(0xaa);
    ex.s32(0x400, 0x11223344);
    expect(dv.getUint32(0x404, true)).toBe(0x11223344);
    ex.s8(0x410, 0x1ff); expect(dv.getUint16(0x410, true)).toBe(0xaaff);
    ex.s16(0x412, 0x12345); expect(dv.getUint32(0x412, true)).toBe(0xaaaa2345);
    ex.s64(0x418, -2n); expect(dv.getBigInt64(0x418, true)).toBe(-2n);
    ex.s64_8(0x420, 0x1234n); expect(dv.getUint16(0x420, true)).toBe(0xaa34);
    ex.s64_16(0x422, 0x12345n); expect(dv.getUint32(0x422, true)).toBe(0xaaaa2345);
    ex.s64_32(0x428, 0x1_2345_6789n); expect(dv.getBigUint64(0x428, true)).toBe(0xaaaa_aaaa_2345_6789n);
    ex.sf64(0x430, -0.5); expect(dv.getFloat64(0x430, true)).toBe(-0.5);
  });

  it("memory.size and memory.grow see the imported memory", () => {
    expect(ex.size()).toBe(1);
    expect(ex.grow(2)).toBe(1);
    expect(memory.buffer.byteLength).toBe(3 * 65536);
    expect(ex.grow(5)).toBe(-1); // past the maximum
    expect(() => ex.l32(4 * 65536)).toThrow(WebAssembly.RuntimeError); // out of bounds traps
  });
});

describe("control flow", () => {
  it("block/br, if/else with a result, select and drop", () => {
    const ex = run({
      abs: [[i32], [i32], b => {
        b.localGet(0).i32Const(0).op(Num.i32_lt_s);
        b.if(BlockType.i32).i32Const(0).localGet(0).op(Num.i32_sub).else().localGet(0).end();
      }],
      firstNonZero: [[i32, i32], [i32], b => {
        b.block(BlockType.i32).localGet(0).localGet(0).brIf(0).drop().localGet(1).end();
      }],
      max: [[i32, i32], [i32], b => { b.localGet(0).localGet(1).localGet(0).localGet(1).op(Num.i32_gt_s).select(); }],
      nested: [[i32], [i32], b => {
        // Three nested blocks; br 2 leaves all of them from the innermost.
        b.block().block().block();
        b.localGet(0).op(Num.i32_eqz).brIf(2);
        b.i32Const(1).return();
        b.end().end().end();
        b.i32Const(99);
      }],
    });
    expect([ex.abs(-5), ex.abs(7), ex.abs(0)]).toEqual([5, 7, 0]);
    expect([ex.firstNonZero(3, 9), ex.firstNonZero(0, 9)]).toEqual([3, 9]);
    expect([ex.max(3, 9), ex.max(-3, -9)]).toEqual([9, -3]);
    expect([ex.nested(0), ex.nested(5)]).toEqual([99, 1]);
  });

  it("a loop summing 1..n", () => {
    const ex = run({
      sum: [[i32], [i32], b => {
        const acc = b.addLocal(i32);
        b.block().loop();
        b.localGet(0).op(Num.i32_eqz).brIf(1);
        b.localGet(acc).localGet(0).op(Num.i32_add).localSet(acc);
        b.localGet(0).i32Const(1).op(Num.i32_sub).localSet(0);
        b.br(0);
        b.end().end();
        b.localGet(acc);
      }],
    });
    expect(ex.sum(100)).toBe(5050);
    expect(ex.sum(0)).toBe(0);
  });

  it("br_table picks the target by index and falls back to the default", () => {
    // switch (x) { case 0: 10; case 1: 20; case 2: 10; default: 30 } with the depths the
    // region dispatcher uses: a block per case, br_table in the innermost.
    const ex = run({
      sw: [[i32], [i32], b => {
        b.block().block().block();
        b.localGet(0).brTable([0, 1, 0], 2);
        b.end().i32Const(10).return();
        b.end().i32Const(20).return();
        b.end().i32Const(30);
      }],
    });
    expect([0, 1, 2, 3, -1, 1000].map(x => ex.sw(x))).toEqual([10, 20, 10, 30, 30, 30]);
  });

  it("a block with a function type (params in, result out) via blockTypeIndex", () => {
    const mb = new ModuleBuilder();
    const unaryT = mb.type([i32], [i32]);
    const fb = mb.beginFunction(mb.type([i32], [i32]));
    expect(unaryT).toBe(0);
    fb.localGet(0).block(blockTypeIndex(unaryT)).i32Const(1).op(Num.i32_add).end();
    mb.exportFunction("inc", mb.endFunction());
    const ex = instantiateSync(mb.finish()).exports as Record<string, Fn>;
    expect(ex.inc(41)).toBe(42);
  });
});

describe("local declarations", () => {
  it("are written as runs of one type, after the parameters' indices", () => {
    const b = new FunctionBody().begin(2);
    expect(b.addLocals(i32, 2)).toBe(2);
    expect(b.addLocal(i64)).toBe(4);
    expect(b.addLocal(i32)).toBe(5);
    b.localGet(5);
    const out = new ByteWriter();
    const size = b.encodedSize();
    b.finish(out);
    // size 10 | 3 runs: 2 x i32, 1 x i64, 1 x i32 | local.get 5 | end
    expect(Buffer.from(out.written()).toString("hex")).toBe("0a" + "03" + "027f" + "017e" + "017f" + "2005" + "0b");
    expect(size).toBe(out.pos);
  });

  it("begin() starts afresh: no locals, no code, no open blocks", () => {
    const b = new FunctionBody().begin(0);
    b.addLocal(i64);
    b.block().i32Const(5);
    b.begin(1);
    const out = new ByteWriter();
    b.finish(out);
    expect(Buffer.from(out.written()).toString("hex")).toBe("02000b");
  });
});

describe("nesting errors are caught at emit time", () => {
  const body = () => new FunctionBody().begin(0);

  it("end without an open block", () => {
    expect(() => body().block().end().end()).toThrow(/end with no open block/);
  });

  it("finish with blocks still open names them", () => {
    const b = body().block().loop().if();
    expect(() => b.finish(new ByteWriter())).toThrow(/3 open block\(s\) \(outermost first: block, loop, if\)/);
    expect(() => b.finish(new ByteWriter())).toThrow(WasmEmitError);
  });

  it("else without if, and a second else", () => {
    expect(() => body().block().else()).toThrow(/else without an open if \(innermost: block\)/);
    expect(() => body().i32Const(1).if().else().else()).toThrow(/else without an open if \(innermost: else\)/);
  });

  it("branches past the function's labels", () => {
    expect(() => body().br(1)).toThrow(/br 1: only 1 label\(s\) in scope \(innermost: function\)/);
    expect(() => body().block().loop().brIf(3)).toThrow(/br_if 3: only 3 label/);
    expect(() => body().block().brTable([0, 1, 2], 0)).toThrow(/br_table 2/);
    expect(() => body().block().brTable([0], 5)).toThrow(/br_table default 5/);
    expect(() => body().br(-1)).toThrow(WasmEmitError);
  });

  it("the builder refuses a function begun twice or never ended", () => {
    const mb = new ModuleBuilder();
    const t = mb.type([]);
    mb.beginFunction(t);
    expect(() => mb.beginFunction(t)).toThrow(/previous function was not ended/);
    expect(() => mb.finish()).toThrow(/begun and not ended/);
    mb.endFunction();
    expect(() => mb.endFunction()).toThrow(/without beginFunction/);
  });
});
