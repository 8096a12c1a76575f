// Loads the AssemblyScript CPU core (build/core.wasm) into a wasm memory shared with the host.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GUEST_RAM_HOST, MAX_RAM_BYTES } from "../core/state/layout.js";

/** The core's exports (core/index.ts). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  /** The function table the run loop calls translated regions through (jit/ fills it). */
  table: WebAssembly.Table;
  cpuReset(): void;
  run(budget: number): number;
  getReg(n: number): number;
  setReg(n: number, v: number): void;
  getCpsr(): number;
  setCpsr(v: number): void;
  getIcount(): number;
  setIcountF(v: number): void;
  requestStop(): void;
  crashReason(): number;
  crashAddress(): number;
  mapRam(baseLo: number, baseHi: number, size: number, host: number): number;
  unmapAllRam(): void;
  flushTlb(): void;
  enableSemihosting(on: number): void;
  /** 1: failed device accesses read zero and drop writes instead of aborting (board property). */
  ignoreBusErrors(on: number): void;
  virtToHost(va: number): number;
  readSysreg(key: number): number;
  writeSysreg(key: number, v: number): void;
  lastSysregUndef(): number;
  sysregAccess(key: number, pl0: number, write: number, lo: number, hi: number): number;
  lastSysregHi(): number;
  /** Raw value of a system-register row for migration (no access check): low word, high in lastSysregHi. */
  sysregRawReadLo(key: number): number;
  lastSysregNop(): number;
  /** CPU model: 0 Cortex-A15, 1 Cortex-A57 (before cpuReset). */
  setCpuModel(m: number): void;
  /** MRS/MSR/SYS by key op0:op1:CRn:CRm:op2 at EL1 (el0 = 0) or EL0; outcome in lastSysregA64Status. */
  sysregA64Access(key: number, el0: number, write: number, lo: number, hi: number): number;
  /** 0 ok, 1 UNDEFINED, 2 trap (EC 0x18), 3 FP access trap (EC 0x07). */
  lastSysregA64Status(): number;
  /** Raw value of a migrating AArch64-only register: low word, high in lastSysregHi. */
  sysregA64RawReadLo(key: number): number;
  sysregA64RawWriteParts(key: number, lo: number, hi: number): void;
  /** Generic timer: earliest future compare of the active CPU in guest ns (-1: none); recompute S_TIMER_LINES. */
  timerNextDeadlineNs(): number;
  timerUpdateLines(): void;
  /** PMU (core/pmu.ts): run the overflow check whose time (S_PMU_DUE_NS/S_PMU_DUE_INSNS) has come;
   *  bracket host reads and writes of the counters' SR_ slots with pmuHostBegin/pmuHostEnd. */
  pmuPoll(): void;
  pmuHostBegin(): void;
  pmuHostEnd(): void;
  /** Number of CPUs the machine has (L2CTLR reports it). */
  setNumCpus(n: number): void;
  /** log2 of CPUs per MPIDR cluster (3 with GICv2, 4 with GICv3, as QEMU virt). */
  setMpidrClusterBits(bits: number): void;
  /** Several CPUs (core/smp.ts): save STATE into CPU slot n / load slot n into STATE; slot address. */
  cpuSave(slot: number): void;
  cpuLoad(slot: number): void;
  cpuSlotBase(slot: number): number;
  stateBase(): number;
  guestRamHost(): number;
  scratchBase(): number;
  decodeRowA32(insn: number): number;
  setPeriphBase(v: number): void;
  decodeRowA32U(insn: number): number;
  /** MRS/MSR (banked): 1 enables them (Virtualization Extensions; off on QEMU's virt A15). */
  enableBankedRegs(on: number): void;
  /** 1 if SEV ran since the last call (the host signals the event to the other CPUs). */
  takeSevPending(): number;
  /** PSCI conduit (core/exec/psci.ts): 0 none, 1 HVC, 2 SMC; the calls go to the host's psci import. */
  setPsciConduit(conduit: number): void;
  /** FP library test entry (core/fp/testing.ts): result low word; fpTestHi/fpTestFlags after it. */
  fpTest(op: number, aLo: number, aHi: number, bLo: number, bHi: number, cLo: number, cHi: number, ctl: number): number;
  fpTestHi(): number;
  fpTestFlags(): number;
  /** AArch64 MMU test entry (core/mmu/testing64.ts): translate, AT, TLB flush by VA or probe. */
  mmu64Test(op: number, vaLo: number, vaHi: number, arg: number): number;
  mmu64TestOut(i: number): number;
  // ---- JIT (core/jit) ----
  /** 1 turns the JIT on; `hot` block starts make a block hot; eager = 1 leaves run() as soon as
   *  a block is queued (testing). Forgets every translation. */
  jitConfigure(on: number, hot: number, eager: number): void;
  /** Make table index idx the region entered at (pc, code host address, state key). */
  jitInstall(pc: number, host: number, key: number, idx: number): void;
  jitClearAll(): void;
  /** Regions entered since the last call. */
  jitTakeRegionCalls(): number;
  jitTakeInterpreted(): number;
  /** Fallbacks for translated code: one instruction the interpreter's way (core/jit/fallback.ts). */
  jitA32(pc: number, insn: number, row: number): number;
  jitThumb(pc: number, insn: number, wide: number): number;
  /** pc is a u64 (a BigInt from the host; regions pass an i64). */
  jitA64(pc: bigint, insn: number, row: number): number;
  /** Watch writes to [host, host + len) (one page): it was just translated. */
  jitMarkCode(host: number, len: number): void;
  /** The host wrote [host, host + len) of wasm memory (DMA, loaders): drop translations there. */
  jitHostWrote(host: number, len: number): void;
  decodeRowT32(insn: number): number;
  decodeRowT16(hw: number): number;
  decodeRowA64(insn: number): number;
  // ---- AArch64 (Cortex-A57) ----
  /** Put a freshly reset CPU in AArch64 EL1h with D, A, I, F masked. */
  cpuEnterAArch64(): void;
  /** 1: the board has a GICv3 (ICC registers and the ID registers' GIC field). */
  setGicV3(on: number): void;
  isAArch64(): number;
  /** X0..X30 and 31 = the current SP, as 32-bit halves. */
  getXLo(n: number): number;
  getXHi(n: number): number;
  setX(n: number, lo: number, hi: number): void;
  getPC64Lo(): number;
  getPC64Hi(): number;
  setPC64Parts(lo: number, hi: number): void;
  /** Store the live SP into its bank so both stack pointers can be read from the state block. */
  syncStackPointers(): void;
  /** Host address of a 64-bit guest virtual address (EL1 view), or 0. */
  virtToHost64(lo: number, hi: number): number;
}

/** What the core imports from the host (core/host.ts). */
export interface CoreImports {
  mmioRead(paLo: number, paHi: number, size: number): number;
  mmioWrite(paLo: number, paHi: number, size: number, value: number): void;
  semihosting(op: number, param: number): number;
  hostNowNs(): number;
  trace(kind: number, a: number, b: number): void;
  /** PSCI call through the conduit: function id, r1..r3 (low words), then the high words of
   *  x0..x3 and 1 when the caller is in AArch64 (0 and 0 from AArch32); returns r0/x0
   *  (sign-extended in AArch64). Only called when a conduit is set. */
  psci?(fn: number, a1: number, a2: number, a3: number, fnHi: number, a1Hi: number, a2Hi: number, a3Hi: number, aarch64: number): number;
  /** GICv3 CPU-interface register access of the running CPU (only called after setGicV3(1)). */
  gicSysreg?(reg: number, isWrite: number, lo: number, hi: number): number;
}

let cachedModule: WebAssembly.Module | undefined;

function coreWasmPath(): string {
  // Works from the sources (machines/) and from the compiled tree (dist/machines/).
  const here = dirname(fileURLToPath(import.meta.url));
  for (const rel of ["../build/core.wasm", "../../build/core.wasm"]) {
    const p = join(here, rel);
    try { readFileSync(p, { flag: "r" }).length; return p; } catch { /* next */ }
  }
  throw new Error("build/core.wasm not found: run `npm run build` first");
}

export function coreModule(): WebAssembly.Module {
  if (!cachedModule) cachedModule = new WebAssembly.Module(readFileSync(coreWasmPath()));
  return cachedModule;
}

/** Instantiate a core whose memory has room for `ramBytes` of guest RAM after GUEST_RAM_HOST. */
export function instantiateCore(ramBytes: number, imports: CoreImports): CoreExports {
  if (ramBytes > MAX_RAM_BYTES) throw new RangeError(`RAM size ${ramBytes} exceeds the ${MAX_RAM_BYTES / 2 ** 20} MiB limit`);
  const pages = Math.ceil((GUEST_RAM_HOST + ramBytes) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: 65536 });
  // Index 0 stays empty (the jump cache's "no region"); jit/ grows the table as it installs.
  const table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
  const instance = new WebAssembly.Instance(coreModule(), {
    env: {
      memory,
      table,
      abort: (_msg: number, _file: number, line: number, col: number) => {
        throw new Error(`core abort at ${line}:${col}`);
      },
    },
    host: { psci: () => -1 /* NOT_SUPPORTED */, gicSysreg: () => 0, ...imports },
  });
  return { ...(instance.exports as unknown as CoreExports), table };
}
