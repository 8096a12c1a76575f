// Cost of turning generated functions into callable wasm, per function, for modules of 1, 16,
// 64 and 256 functions (perf-notes §4.3 measured ≈220 µs for one per module, ≈21 µs batched).
// Phases: building the bytes with jit/wasm (the TypeScript side), WebAssembly.compile,
// new WebAssembly.Instance, and the first call of every function (V8 compiles wasm lazily,
// so Liftoff runs there). Usage: npm run build:ts && node bench/jit-compile.mjs
import { performance } from "node:perf_hooks";
import { ModuleBuilder } from "../dist/jit/wasm/module-builder.js";
import { Num, ValType } from "../dist/jit/wasm/opcodes.js";

const SIZES = [1, 16, 64, 256];
const FUNCS_PER_SIZE = Number(process.env.BENCH_FUNCS ?? 2048); // functions measured per row
const { i32 } = ValType;
const OPS = [Num.i32_add, Num.i32_sub, Num.i32_xor, Num.i32_and, Num.i32_or, Num.i32_mul, Num.i32_shl, Num.i32_rotl];

/**
 * A guest-block-shaped function (base, n) -> i32, ≈600 bytes: a loop of i32 arithmetic on 8
 * locals with loads from the imported memory, varied by `seed` so no two bodies are equal.
 */
function emitFunction(mb, type, seed) {
  const b = mb.beginFunction(type);
  const r = b.addLocals(i32, 8);
  let s = seed * 2654435761 >>> 0;
  const next = () => (s = (s ^ (s << 13)) >>> 0, s = (s ^ (s >>> 17)) >>> 0, s = (s ^ (s << 5)) >>> 0);
  b.block().loop();
  for (let k = 0; k < 32; k++) {
    const x = next();
    b.localGet(r + (x & 7)).localGet(0).i32Load((x >>> 3) & 0xffc).op(OPS[(x >>> 16) & 7]);
    b.localGet(r + ((x >>> 20) & 7)).i32Const((x >>> 8) & 0x3fff).op(OPS[(x >>> 24) & 7]).localSet(r + ((x >>> 28) & 7));
  }
  b.localGet(1).i32Const(1).op(Num.i32_sub).localTee(1).op(Num.i32_eqz).brIf(1).br(0);
  b.end().end();
  b.localGet(r).localGet(r + 7).op(Num.i32_add);
  return mb.endFunction();
}

function buildModule(mb, n, seed) {
  mb.reset();
  mb.importMemory({ initial: 1 });
  const type = mb.type([i32, i32], [i32]);
  for (let i = 0; i < n; i++) mb.exportFunction(`f${i}`, emitFunction(mb, type, seed + i));
  return mb.finishView();
}

const memory = new WebAssembly.Memory({ initial: 1 });
const imports = { env: { memory } };
const mb = new ModuleBuilder();

async function measure(n) {
  const modules = Math.max(4, Math.ceil(FUNCS_PER_SIZE / n));
  let build = 0, compile = 0, instantiate = 0, firstCall = 0, bytes = 0, seed = n * 1_000_003;
  for (let m = 0; m < modules; m++) {
    let t = performance.now();
    const view = buildModule(mb, n, seed += n);
    build += performance.now() - t;
    bytes += view.length;
    t = performance.now();
    const module = await WebAssembly.compile(view);
    compile += performance.now() - t;
    t = performance.now();
    const instance = new WebAssembly.Instance(module, imports);
    instantiate += performance.now() - t;
    t = performance.now();
    const ex = instance.exports;
    for (let i = 0; i < n; i++) ex[`f${i}`](0, 1);
    firstCall += performance.now() - t;
  }
  const per = ms => (ms * 1000) / (modules * n);
  return { n, modules, bytesPerFn: bytes / (modules * n), build: per(build), compile: per(compile), instantiate: per(instantiate), firstCall: per(firstCall) };
}

// Warm up the builder's own JS (TurboFan) and V8's wasm pipeline before measuring.
for (const n of SIZES) await measure(n);

const rows = [];
for (const n of SIZES) rows.push(await measure(n));
const f = x => x.toFixed(1).padStart(9);
console.log(`Node ${process.version}, ${FUNCS_PER_SIZE}+ functions per row, µs per function`);
console.log("fns/module  modules  bytes/fn      build    compile  instantiate  first call      total");
for (const r of rows) {
  const total = r.build + r.compile + r.instantiate + r.firstCall;
  console.log(`${String(r.n).padStart(10)} ${String(r.modules).padStart(8)} ${r.bytesPerFn.toFixed(0).padStart(9)} ${f(r.build)}  ${f(r.compile)}    ${f(r.instantiate)}   ${f(r.firstCall)}  ${f(total)}`);
}
