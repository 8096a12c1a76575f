// The host side of the JIT: takes the core's compile requests (hot block starts), translates
// them into regions, batches many regions into one wasm module, compiles it off the hot path
// (WebAssembly.compile is asynchronous; the interpreter keeps running meanwhile), installs the
// functions in the core's table and jump cache, and frees the regions of pages the guest or a
// device rewrote. The machine calls poll() after every slice.
import { JIT_QUEUE, JIT_DIRTY, JIT_LINKS, JIT_LINKS_MAX, J_NEXT } from "../core/state/layout.js";
import type { CoreExports } from "../machines/core.js";
import { ModuleBuilder } from "./wasm/module-builder.js";
import { ValType } from "./wasm/opcodes.js";
import { findRegion, findRegionA64, type GuestInsn } from "./region-finder.js";
import { beginRegionModule, emitRegion, type RegionModule } from "./emit-region.js";
import { emitRegionA64 } from "./emit-region-a64.js";

export interface JitOptions {
  /** Block starts before a block is translated. */
  threshold: number;
  /** Wasm bytes of live modules beyond which every translation is dropped (QEMU's tb_flush). */
  cacheBytes: number;
  /** Testing: translate each block the first time it starts (threshold 1), compiling on the
   *  spot, so every instruction of a short random program runs translated. */
  eager?: boolean;
  /** Testing: compile each batch on the spot at the end of the slice that asked for it, so a
   *  run with the usual thresholds is reproducible (for comparing runs slice by slice). */
  syncCompile?: boolean;
  /** Translate A64 code (default on; false leaves AArch64 to the interpreter). */
  a64?: boolean;
}

export const DEFAULT_JIT_THRESHOLD = 200;
/** The state key bit of A64 code (core/jit/dispatch.ts stateKey64). */
const A64_KEY = 0x100;
export const DEFAULT_JIT_CACHE_BYTES = 256 * 2 ** 20;
/** Regions per module: per-module costs dominate below ≈64 (bench/jit-compile.mjs). */
const MAX_REGIONS_PER_MODULE = 256;
/** A batch is compiled at once when no other is compiling, else once it holds this many regions
 *  or its oldest has waited BATCH_MS: fewer, fuller modules cost less memory and compile time
 *  than one per slice, and the first code of a run should not wait. */
const BATCH_REGIONS = 64;
const BATCH_MS = 10;

export interface JitStats {
  regionsCompiled: number;
  modules: number;
  translatedInsns: number;
  /** Host time spent reading guest code and emitting wasm (synchronous, on the run loop). */
  translateMs: number;
  /** Time from handing a module to WebAssembly.compile to installing it (off the hot path). */
  compileMs: number;
  regionEntries: number;
  /** Instructions the run loop interpreted (cold code, IT blocks, rows that end regions). */
  interpretedInsns: number;
  invalidatedPages: number;
  flushes: number;
  /** Live code: wasm bytes of modules with at least one installed region. */
  codeBytes: number;
  peakCodeBytes: number;
  /** Translated instructions per decode row left to the interpreter's handler (the fallback). */
  fallbackRows: Map<string, number>;
}

/** Bytes of guest code from a region's first instruction to the end of its last. */
const codeSpan = (insns: GuestInsn[]) => {
  const last = insns[insns.length - 1];
  return (last.pc - insns[0].pc + (last.set === "t16" ? 2 : 4)) >>> 0;
};

interface ModuleRec { bytes: number; live: number }
interface Region { idx: number; pc: number; host: number; key: number; module: ModuleRec; links: number[]; entryIds: string[] }
interface Pending {
  pc: number; host: number; key: number; id: string; page: number; epoch: number; insns: GuestInsn[]; fallbackRows: string[];
  links: number[]; entries: number[];
}

/** Freed table slots wait until this many have gathered, then every link is cleared and they
 *  are reused: a link may still name a freed slot (which then holds the stub), never a reused one. */
const QUARANTINE_SLOTS = 512;

/** What a freed table slot holds: a region that runs nothing and notes no exit site, so the
 *  dispatcher, sent here by a stale link, looks the target up and mends the link. */
function stubRegion(): Function {
  const mb = new ModuleBuilder();
  mb.reset();
  const t = mb.type([ValType.i32], [ValType.i32]);
  const b = mb.beginFunction(t);
  b.i32Const(J_NEXT);
  mb.exportFunction("stub", mb.endFunction());
  return new WebAssembly.Instance(new WebAssembly.Module(mb.finish())).exports.stub as Function;
}

const regionId = (pc: number, host: number, key: number) => `${host}:${key}:${pc}`;

export class JitEngine {
  readonly stats: JitStats = {
    regionsCompiled: 0, modules: 0, translatedInsns: 0, translateMs: 0, compileMs: 0, regionEntries: 0, interpretedInsns: 0,
    invalidatedPages: 0, flushes: 0, codeBytes: 0, peakCodeBytes: 0, fallbackRows: new Map(),
  };
  private readonly regions = new Map<string, Region>();
  /** Where installed regions may be entered (their first instructions and their labels). */
  private readonly entryIndex = new Map<string, Region>();
  private readonly byPage = new Map<number, Set<string>>();
  private readonly pending = new Set<string>();
  /** Bumped per page when its code is overwritten, and globally on a flush: a compile that
   *  finishes after either is thrown away. */
  private readonly pageEpoch = new Map<number, number>();
  private epoch = 0;
  private readonly freeSlots: number[] = [];
  private readonly quarantine: number[] = [];
  private readonly stub = stubRegion();
  /** Links: never used yet from `nextLink` on, and freed ones. */
  private nextLink = 0;
  private readonly freeLinks: number[] = [];
  private readonly mb = new ModuleBuilder();
  private readonly inFlight = new Set<Promise<void>>();
  /** Modules are being compiled (the machine then yields to the event loop often, to install them). */
  get compiling(): boolean { return this.inFlight.size > 0; }
  /** Regions translated but not yet compiled, and when the first of them was. */
  private batch: { m: RegionModule; items: Pending[]; since: number } | undefined;

  constructor(private readonly core: CoreExports, private readonly opts: JitOptions) {
    core.jitConfigure(1, opts.eager ? 1 : opts.threshold, opts.eager ? 1 : 0);
    core.table.set(0, this.stub); // an unfilled link names slot 0
  }

  /** A zeroed link for an exit site, 0 if all are taken. */
  private readonly allocLink = (): number => {
    let a = this.freeLinks.pop();
    if (a === undefined) {
      if (this.nextLink >= JIT_LINKS_MAX) return 0;
      a = JIT_LINKS + 16 * this.nextLink++;
    }
    new Uint32Array(this.core.memory.buffer, a, 2).fill(0);
    return a;
  };

  /** After a slice: forget rewritten code, translate what became hot. */
  poll(): void {
    this.drainDirty();
    this.stats.regionEntries += this.core.jitTakeRegionCalls();
    this.stats.interpretedInsns += this.core.jitTakeInterpreted();
    const words = new Uint32Array(this.core.memory.buffer, JIT_QUEUE, 1 + 3 * 256);
    const n = words[0];
    words[0] = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const pc = words[1 + 3 * i], host = words[2 + 3 * i], key = words[3 + 3 * i];
      const id = regionId(pc, host, key);
      const known = this.entryIndex.get(id); // a region that starts here or has a label here
      if (known) { this.core.jitInstall(pc, host, key, known.idx); continue; }
      if (this.pending.has(id)) continue;
      const page = host >>> 12;
      const mem = new Uint8Array(this.core.memory.buffer);
      const a64 = (key & A64_KEY) !== 0;
      if (a64 && this.opts.a64 === false) continue;
      const insns = a64 ? findRegionA64(mem, pc, host, this.core) : findRegion(mem, pc, host, (key & 0x20) !== 0, this.core);
      if (insns.length === 0) continue;
      // Watched from now on (nothing runs between reading and marking): a later store there
      // drops the region, a store elsewhere in the page does not.
      this.core.jitMarkCode(host, codeSpan(insns));
      const batch = this.batch ??= { m: beginRegionModule(this.mb), items: [], since: t0 };
      const { fn, fallbackRows, links, entries } = (a64 ? emitRegionA64 : emitRegion)(batch.m, insns, key, this.allocLink);
      batch.m.mb.exportFunction(`r${batch.items.length}`, fn);
      batch.items.push({ pc, host, key, id, page, epoch: this.pageEpoch.get(page) ?? 0, insns, fallbackRows, links, entries });
      this.pending.add(id);
      if (batch.items.length === MAX_REGIONS_PER_MODULE) this.compileBatch();
    }
    const b = this.batch;
    // nothing compiling: compile now (the next batch fills up meanwhile)
    if (b && (this.opts.eager || this.opts.syncCompile || !this.compiling || b.items.length >= BATCH_REGIONS ||
      performance.now() - b.since >= BATCH_MS)) this.compileBatch();
    this.stats.translateMs += performance.now() - t0;
  }

  private compileBatch(): void {
    const b = this.batch!;
    this.batch = undefined;
    this.compile(b.m.mb.finish(), b.items);
  }

  /** The host wrote guest RAM at [host, host + len) (DMA, loaders): drop code there. */
  hostWrote(host: number, len: number): void { this.core.jitHostWrote(host, len); }

  /** Bookkeeping faults (for tests): a table slot owned twice or both owned and free, code bytes
   *  that are not the sum of the modules with live regions. */
  selfCheck(): string[] {
    const problems: string[] = [];
    const owner = new Map<number, string>();
    const modules = new Set<ModuleRec>();
    for (const [id, r] of this.regions) {
      if (owner.has(r.idx)) problems.push(`slot ${r.idx} holds ${owner.get(r.idx)} and ${id}`);
      owner.set(r.idx, id);
      modules.add(r.module);
    }
    const free = new Set<number>();
    for (const i of [...this.freeSlots, ...this.quarantine]) {
      if (free.has(i)) problems.push(`slot ${i} is free twice`);
      if (owner.has(i)) problems.push(`slot ${i} is free and holds ${owner.get(i)}`);
      free.add(i);
    }
    const bytes = [...modules].reduce((n, m) => n + m.bytes, 0);
    if (bytes !== this.stats.codeBytes) problems.push(`code bytes ${this.stats.codeBytes}, live modules hold ${bytes}`);
    return problems;
  }

  /** Drop every translation (reset, snapshot load, full code cache). */
  flush(): void {
    this.epoch++;
    this.stats.flushes++;
    this.core.jitClearAll();
    // jitClearAll zeroed every link, so every slot is free again at once (no quarantine)
    for (const r of this.regions.values()) { this.core.table.set(r.idx, this.stub); this.freeSlots.push(r.idx); }
    this.stats.codeBytes = 0;
    this.regions.clear();
    this.entryIndex.clear();
    this.byPage.clear();
    this.pending.clear();
    this.pageEpoch.clear();
    this.batch = undefined;
    this.freeSlots.push(...this.quarantine);
    this.quarantine.length = 0;
    this.nextLink = 0;
    this.freeLinks.length = 0;
  }

  /** Flush, then take back what `keep` (translated, not installed yet) holds: its links and its
   *  watched code. */
  private flushKeeping(keep: Pending[]): void {
    this.flush();
    const links = new Set(keep.flatMap((p) => p.links).map((a) => (a - JIT_LINKS) / 16));
    this.nextLink = links.size > 0 ? Math.max(...links) + 1 : 0;
    for (let i = 0; i < this.nextLink; i++) if (!links.has(i)) this.freeLinks.push(JIT_LINKS + 16 * i);
    for (const p of keep) this.core.jitMarkCode(p.host, codeSpan(p.insns));
  }

  private compile(bytes: Uint8Array<ArrayBuffer>, items: Pending[]): void {
    const epoch = this.epoch, t0 = performance.now();
    const imports = { env: { memory: this.core.memory }, core: { a32: this.core.jitA32, thumb: this.core.jitThumb, a64: this.core.jitA64 } };
    const installAll = (instance: WebAssembly.Instance) => {
      this.stats.compileMs += performance.now() - t0;
      this.drainDirty(); // may flush (dirty list overflowed): check the epoch after it
      if (epoch !== this.epoch) return; // flushed meanwhile
      const mod: ModuleRec = { bytes: bytes.length, live: 0 };
      this.stats.modules++;
      const fresh: [Pending, string][] = [];
      items.forEach((p, i) => {
        this.pending.delete(p.id);
        // the code changed since it was read: drop it
        if ((this.pageEpoch.get(p.page) ?? 0) !== p.epoch) this.freeLinks.push(...p.links);
        else fresh.push([p, `r${i}`]);
      });
      if (fresh.length === 0) return;
      // A full cache drops everything else (QEMU's tb_flush) but keeps this module: its code is
      // what runs now.
      if (this.stats.codeBytes > 0 && this.stats.codeBytes + mod.bytes > this.opts.cacheBytes) this.flushKeeping(fresh.map(([p]) => p));
      for (const [p, name] of fresh) this.install(p, instance.exports[name] as Function, mod);
      this.addCodeBytes(mod.bytes);
    };
    if (this.opts.eager || this.opts.syncCompile) { installAll(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports)); return; }
    const job = WebAssembly.instantiate(bytes, imports).then(({ instance }) => installAll(instance))
      .finally(() => { this.inFlight.delete(job); });
    this.inFlight.add(job);
  }

  private install(p: Pending, fn: Function, module: ModuleRec): void {
    const table = this.core.table;
    if (this.freeSlots.length === 0) {
      const from = table.length;
      table.grow(256);
      for (let i = table.length - 1; i >= from; i--) this.freeSlots.push(i);
    }
    const idx = this.freeSlots.pop()!;
    table.set(idx, fn);
    module.live++;
    // entries keep the region's own VA-to-host offset (its code's PC values are built in)
    const entryIds = p.entries.map((pc) => regionId(pc, p.host + (pc - p.pc), p.key));
    const r: Region = { idx, pc: p.pc, host: p.host, key: p.key, module, links: p.links, entryIds };
    this.regions.set(p.id, r);
    // a label another region already serves keeps it, unless this region starts there
    entryIds.forEach((e, i) => { if (i === 0 || !this.entryIndex.has(e)) this.entryIndex.set(e, r); });
    let set = this.byPage.get(p.page);
    if (!set) this.byPage.set(p.page, (set = new Set()));
    set.add(p.id);
    this.core.jitInstall(p.pc, p.host, p.key, idx);
    this.stats.regionsCompiled++;
    this.stats.translatedInsns += p.insns.length;
    for (const name of p.fallbackRows) this.stats.fallbackRows.set(name, (this.stats.fallbackRows.get(name) ?? 0) + 1);
  }

  private freeRegion(r: Region): void {
    for (const e of r.entryIds) if (this.entryIndex.get(e) === r) this.entryIndex.delete(e);
    this.core.table.set(r.idx, this.stub);
    this.quarantine.push(r.idx);
    this.freeLinks.push(...r.links);
    if (this.quarantine.length >= QUARANTINE_SLOTS) this.releaseQuarantine();
    if (--r.module.live === 0) this.addCodeBytes(-r.module.bytes);
  }

  /** Clear every link, so that no link names a quarantined slot, and reuse those slots. */
  private releaseQuarantine(): void {
    if (this.nextLink > 0) new Uint32Array(this.core.memory.buffer, JIT_LINKS, 4 * this.nextLink).fill(0);
    this.freeSlots.push(...this.quarantine);
    this.quarantine.length = 0;
  }

  private addCodeBytes(n: number): void {
    const s = this.stats;
    s.codeBytes += n;
    if (s.codeBytes > s.peakCodeBytes) s.peakCodeBytes = s.codeBytes;
  }

  /** Pages the core saw written since the last look: free their regions. */
  private drainDirty(): void {
    const w = new Uint32Array(this.core.memory.buffer, JIT_DIRTY, 2);
    const n = w[0], overflow = w[1];
    if (n === 0 && overflow === 0) return;
    if (overflow) { w[0] = 0; w[1] = 0; this.flush(); return; }
    const pages = new Uint32Array(this.core.memory.buffer, JIT_DIRTY + 8, n);
    for (const page of pages) {
      this.stats.invalidatedPages++;
      this.pageEpoch.set(page, (this.pageEpoch.get(page) ?? 0) + 1);
      const ids = this.byPage.get(page);
      if (!ids) continue;
      for (const id of ids) { const r = this.regions.get(id); if (r) { this.freeRegion(r); this.regions.delete(id); } }
      this.byPage.delete(page);
    }
    w[0] = 0;
  }
}
