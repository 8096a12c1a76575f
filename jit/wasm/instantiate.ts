// Compile and instantiate emitted modules. Sync for tests and small modules; async so a JIT
// batch compiles while the interpreter keeps running (perf-notes §7.2). Both copy the bytes,
// so a ModuleBuilder.finishView() result may be passed and the builder reused at once.

export type Imports = WebAssembly.Imports;

export function compileSync(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  return new WebAssembly.Module(bytes);
}

export function instantiateSync(bytes: Uint8Array<ArrayBuffer> | WebAssembly.Module, imports: Imports = {}): WebAssembly.Instance {
  const module = bytes instanceof WebAssembly.Module ? bytes : new WebAssembly.Module(bytes);
  return new WebAssembly.Instance(module, imports);
}

export function compileAsync(bytes: Uint8Array<ArrayBuffer>): Promise<WebAssembly.Module> {
  return WebAssembly.compile(bytes);
}

export async function instantiateAsync(bytes: Uint8Array<ArrayBuffer> | WebAssembly.Module, imports: Imports = {}): Promise<WebAssembly.Instance> {
  const module = bytes instanceof WebAssembly.Module ? bytes : await WebAssembly.compile(bytes);
  return WebAssembly.instantiate(module, imports);
}
