// A machine: N CPUs in one wasm core, RAM, the interrupt controller, the board's devices on
// the bus, one guest clock, and the run loop that gives the CPUs round-robin slices between
// device and time work (cpus.ts holds the CPU set, clock.ts the time).
import { instantiateCore, type CoreExports } from "./core.js";
import { BUS_DECODE_ERROR, BUS_STATUS, CPU_SLOTS_MAX, GUEST_RAM_HOST, LINE_PMU, STOP_CRASH, TRACE_SEMIHOSTING_OFF } from "../core/state/layout.js";
import { AddressSpace } from "./bus/address-space.js";
import type { BoardContext, BoardDef, MachineProps, MachinePropValue } from "./boards/board.js";
import { chooseMachine } from "./machine-props.js";
import type { BoardInfo } from "./boards/virt.js";
import { NO_IRQ, type IrqLine, type TimedDevice } from "./devices/device.js";
import { GicV2 } from "./gic/gicv2.js";
import { GicV3 } from "./gic/gicv3/index.js";
import { GicV3Its, ITS_SIZE } from "./gic/gicv3/its.js";
import { UnmodelledDevice } from "./devices/unmodelled.js";
import { Semihosting, GuestFault } from "./semihosting.js";
import { usageError } from "./errors.js";
import { machineSize, type DriveSpec, type SmpTopology } from "./options.js";
import { openDrive } from "./devices/virtio/drives.js";
import type { VirtioDevice } from "./devices/virtio/device.js";
import { buildDevices, type DeviceSpec } from "./devices/device-specs.js";
import { createChardevs, type ChardevSpec } from "./chardev/chardev.js";
import type { GuestRam } from "./devices/virtio/guest-ram.js";
import { GuestClock } from "./clock.js";
import { CpuSet } from "./cpus.js";
import { loadImages, loadFirmware, bootCpus, FLASH_BANK_BYTES, type LoadedBoot, type CpuArch } from "./boot-images.js";
import { checkDirectory, readInputFile } from "./host-files.js";
import { writeBlobs } from "./boot/linux-loader.js";
import { psciCall, machinePsciHost, type PsciHost, type PowerState } from "./psci/psci.js";
import { HostEventRecorder, HostEventReplay, type HostEvent } from "./host-events.js";
import { SectionRegistry } from "./snapshot/section.js";
import { registerLoopSections, registerTimerSection, type RunLoopState } from "./snapshot/machine-sections.js";
import { registerCpuSections, type CpregPolicy } from "./snapshot/cpu/index.js";
import type { RamBlock } from "./snapshot/ram.js";
import type { MigrationNames } from "./boards/board.js";
import { JitEngine, DEFAULT_JIT_THRESHOLD, DEFAULT_JIT_CACHE_BYTES, type JitStats } from "../jit/engine.js";
import { SliceTrace } from "./slice-trace.js";

export interface MachineOptions {
  /** The board: a name, or QEMU's -M form with properties ("virt,highmem=off"). */
  machine?: string;
  /** A board definition to use instead of a named one (tests). */
  board?: BoardDef;
  /** -M properties (parsed, or QEMU's strings), over those in `machine` (machines/machine-props.ts). */
  machineProps?: Readonly<Record<string, MachinePropValue>>;
  cpu?: string;
  /** Number of CPUs, or -smp's topology (--smp, machines/options.ts parseSmp). */
  smp?: number | SmpTopology;
  /** QEMU -m syntax or a number of MiB. */
  memory?: string | number;
  /** Path of the kernel image, or its bytes (may be absent with bios). */
  kernel?: string | Uint8Array;
  /** --drive: raw images on virtio-blk (boards with virtio-mmio transports). */
  drives?: DriveSpec[];
  /** --snapshot: drive writes go to memory and are dropped at exit. */
  snapshot?: boolean;
  /** --device: QEMU -device specs (virtio-serial-device and its ports), after the drives. */
  devices?: DeviceSpec[];
  /** --chardev: the backends --device refers to by id (testdev, stdio, null). */
  chardevs?: ChardevSpec[];
  /** More virtio devices after those (virtio-rng, virtio-serial, test devices). */
  virtioDevices?: VirtioDevice[];
  /** Modern (Version 2) virtio-mmio transports instead of QEMU 7.2's legacy default. */
  virtioModern?: boolean;
  /** --bios: firmware for the board's flash (CPUs start at its base, the board's DTB at RAM start). */
  bios?: string | Uint8Array;
  kernelName?: string;
  /** Initial ramdisk and device tree blob (paths or bytes), for Linux boots. */
  initrd?: string | Uint8Array;
  dtb?: string | Uint8Array;
  semihosting?: boolean;
  semihostingRoot?: string;
  append?: string;
  /** A guest reboot ends the run (reason "reboot") instead of resetting the machine. */
  noReboot?: boolean;
  /** Loading a snapshot: register ids this CPU does not know are skipped ("lenient") or fatal ("strict"). */
  cpregPolicy?: CpregPolicy;
  /** Loading a KVM-origin snapshot: the host's counter frequency (its counter values are in those ticks). */
  kvmCounterHz?: number;
  /** Wall-clock limit in seconds. */
  timeoutSec?: number;
  /** Stop after this many instructions of all CPUs together (deterministic limit). */
  maxInsns?: number;
  /** Virtual time: nanoseconds per instruction (QEMU -icount shift=N gives 2^N); 0 = host time. */
  nsPerInsn?: number;
  /**
   * Virtual time: while every CPU waits for an interrupt, guest time follows host time up to the
   * next timer (QEMU's -icount sleep=on, the default), so an idle guest does not spin; false races
   * to the next event at once (sleep=off, for batch runs).
   */
  icountSleep?: boolean;
  /** Virtual time: log what comes from outside (input, power button, quit, idle periods) to this file (rr=record)... */
  record?: string;
  /** ...or take it from such a file instead (rr=replay): the run repeats the recorded one exactly. */
  replay?: string;
  /** Instructions per CPU slice (default: 100k with one CPU, 20k with several). */
  sliceInsns?: number;
  /** Console output sink (default: collect only). */
  onConsole?: (bytes: Uint8Array) => void;
  onStderr?: (bytes: Uint8Array) => void;
  /** Debug log (unassigned accesses...). */
  log?: (msg: string) => void;
  /** What the user should hear about even without -v (a semihosting call with semihosting off...). */
  warn?: (msg: string) => void;
  /**
   * The machine is built to load a snapshot (--loadvm, --incoming): --kernel and --bios may be
   * absent (RAM and CPUs come from the stream); a guest reset then ends the run (nothing to boot).
   */
  incoming?: boolean;
  /** Translate hot guest code to wasm (jit/); default on (env ARMLET_JIT=off turns it off). */
  jit?: boolean;
  /** Block starts before a block is translated (--jit-threshold; env ARMLET_JIT_THRESHOLD). */
  jitThreshold?: number;
  /** Testing: translate every block before it first runs (env ARMLET_JIT_EAGER=1). */
  jitEager?: boolean;
  /** Code-cache limit in wasm bytes (--jit-cache). */
  jitCacheBytes?: number;
  /** Write a digest of each CPU's state after every slice, and of RAM now and then, to this
   *  file (--trace-slices: two runs that must agree step for step are compared by it). */
  traceSlices?: string;
}

export type StopReason = "exit" | "poweroff" | "reboot" | "quit" | "timeout" | "insn-limit" | "crash";
export interface RunResult {
  reason: StopReason;
  /** Exit code: the guest's for "exit", 0 for poweroff/reboot/quit. */
  exitCode: number;
  /** Human-readable explanation for anything but a clean exit. */
  message: string;
  /** Instructions retired by all CPUs (since the machine was created, across reboots). */
  instructions: number;
  seconds: number;
}

/** Boards whose non-ELF images are bare-metal programs entered directly (no Linux boot stub yet). */
const BARE_METAL_BOARDS = new Set(["virt"]);
/** CPU models that reset into AArch64. */
const AARCH64_CPUS = new Set(["cortex-a57"]);
/** CPU state slots in the core (core/state/layout.ts CPU_SLOTS). */
const CORE_MAX_CPUS = CPU_SLOTS_MAX;
/** Wall time between returns to the event loop (stdin, timers of the host). */
const YIELD_MS = 20;
/** Longest host sleep while all CPUs wait, so timeouts and input are noticed. */
const MAX_IDLE_MS = 50;

type PowerRequest = "shutdown" | "reset" | "quit";

export class Machine {
  readonly core: CoreExports;
  readonly def: BoardDef;
  readonly board: BoardInfo;
  /** Every -M property of the board, as given or defaulted. */
  readonly props: MachineProps;
  readonly ramBytes: number;
  readonly numCpus: number;
  /** Whether the CPUs reset into AArch64 (--cpu cortex-a57) or AArch32. */
  readonly arch: CpuArch;
  readonly bus: AddressSpace;
  readonly clock: GuestClock;
  readonly cpus: CpuSet;
  readonly gic?: GicV2;
  /** The GICv3 when the board's gic placement is version 3 (then `gic` is undefined). */
  readonly gicv3?: GicV3;
  /** Whichever GIC takes the SPI and PPI lines. */
  private readonly intc?: { setSpi(id: number, level: boolean): void; setPpi(cpu: number, id: number, level: boolean): void };
  /** Every piece of state a snapshot carries, in QEMU's section order (machines/snapshot/). */
  readonly snapshot = new SectionRegistry();
  /** QEMU's names for this machine in a stream. */
  readonly migration: MigrationNames;
  private readonly timed: TimedDevice[] = [];
  private consoleDev?: { receive(bytes: Iterable<number>): void; rxSpace: number };
  private inputQueue: number[] = [];
  private wakeIdle?: () => void;
  /** Run loop iterations so far: where host events take effect (see host-events.ts). */
  private step = 0;
  /** Host events that arrived since the last step: stdin bytes, a power-button press, Ctrl-A x. */
  private arrived: number[] = [];
  private pendingButton = false;
  private pendingQuit = false;
  private readonly icountSleep: boolean;
  private recorder?: HostEventRecorder;
  private replayer?: HostEventReplay;
  private powerdownHandler?: () => void;
  private semihost?: Semihosting;
  /** The translator (jit/), when --jit is on. */
  private jit?: JitEngine;
  private exitCode: number | undefined;
  private power: PowerRequest | undefined;
  private retired = 0;
  private rr = 0;
  private hostTimeOrigin = true;
  private readonly sliceInsns: number;
  private readonly nsPerInsn: number;
  private readonly log: (msg: string) => void;
  /** Boot images (absent on a machine built only to resume a snapshot). */
  private images?: LoadedBoot;
  /** PSCI firmware of the board (def.psci), serving the core's conduit calls. */
  private psci?: PsciHost;
  /** Extra wasm-backed regions (addRam) are placed after guest RAM. */
  private extraTop: number;
  /** Guest-physical regions backed by wasm memory (RAM, then addRam ones). */
  private readonly ramRegions: { name: string; base: number; size: number; host: number }[] = [];
  /** No byte of RAM written yet (no images copied, no instruction run, no snapshot applied). */
  private ramUntouched = true;
  /** Stopped by the monitor (QEMU's `stop`): nothing runs, guest time stands still. */
  private paused = false;
  private pausedAtNs = 0;
  /** Work to do between two steps (save, load, monitor commands), in order. */
  private stepOps: (() => void)[] = [];

  constructor(private readonly opts: MachineOptions) {
    const choice = chooseMachine(opts);
    const def = this.def = choice.def;
    this.props = choice.props;
    const board = this.board = def.info;
    const cpu = opts.cpu ?? board.defaultCpu;
    if (!board.cpus.includes(cpu)) throw usageError(`unknown CPU '${cpu}' for machine ${board.name} (available: ${board.cpus.join(", ")})`);
    this.arch = AARCH64_CPUS.has(cpu) ? "aarch64" : "aarch32";
    if (def.gic?.version === 3 && this.arch !== "aarch64") {
      // QEMU gives an AArch32 CPU the cp15 views of the ICC registers; armlet models the AArch64 ones only
      throw usageError(`machine ${board.name}: a GICv3 needs --cpu cortex-a57 here (the AArch32 GICv3 CPU interface is not modelled)`);
    }
    const size = machineSize(board, opts.memory, opts.smp, def.gic !== undefined);
    this.ramBytes = size.ramBytes;
    const smp = this.numCpus = size.numCpus;
    const topology = size.topology;
    // The board may take more (virt with GICv3: 123), the core keeps CPU_SLOTS_MAX state slots.
    if (smp > CORE_MAX_CPUS) throw usageError(`--smp ${smp}: armlet runs at most ${CORE_MAX_CPUS} CPUs for now`);
    if (!def.virtioDrives && opts.drives?.length) {
      throw usageError(`--drive: machine ${board.name} has no virtio backends ` +
        "(QEMU 7.2 refuses -drive if=virtio there too: it needs a PCI bus); use -M virt");
    }
    if (opts.semihostingRoot !== undefined) checkDirectory("semihosting root", opts.semihostingRoot);
    this.nsPerInsn = opts.nsPerInsn ?? 0;
    this.icountSleep = opts.icountSleep ?? true;
    if (opts.record !== undefined || opts.replay !== undefined) {
      if (this.nsPerInsn <= 0) throw usageError("record and replay need deterministic time (--icount shift=N,rr=...)");
      if (opts.record !== undefined && opts.replay !== undefined) throw usageError("record or replay, not both");
      if (opts.replay !== undefined) {
        const r = this.replayer = new HostEventReplay(opts.replay);
        if (r.header.nsPerInsn !== this.nsPerInsn) {
          throw usageError(`${opts.replay} was recorded with ${r.header.nsPerInsn} ns per instruction, not ${this.nsPerInsn}: give the same --icount shift`);
        }
        this.icountSleep = r.header.sleep;
      }
    }
    this.sliceInsns = opts.sliceInsns ?? (smp > 1 ? 20_000 : 100_000);
    this.log = opts.log ?? (() => {});
    this.clock = new GuestClock(this.nsPerInsn);
    this.bus = new AddressSpace(this.log);

    this.core = instantiateCore(this.ramBytes, {
      mmioRead: (lo, hi, size) => this.bus.read(lo, hi, size),
      mmioWrite: (lo, hi, size, v) => this.bus.write(lo, hi, size, v),
      semihosting: (op, param) => this.semihostingCall(op, param),
      // The first call (just below) fixes the core timer's time origin: make it exactly clock 0.
      hostNowNs: () => (this.hostTimeOrigin ? (this.hostTimeOrigin = false, 0) : this.clock.hostNs()),
      trace: (kind, a, b) => this.onTrace(kind, a, b),
      psci: (fn, a1, a2, a3, fnHi, a1Hi, a2Hi, a3Hi, a64) => a64
        ? this.psciCall(u64(fn, fnHi), u64(a1, a1Hi), u64(a2, a2Hi), u64(a3, a3Hi), true)
        : this.psciCall(fn, a1, a2, a3, false),
      gicSysreg: (reg, isWrite, lo, hi) => this.gicv3?.sysreg(this.bus.currentCpu, reg, isWrite !== 0, lo, hi) ?? 0,
    });
    const core = this.core;
    if (opts.jit ?? process.env.ARMLET_JIT !== "off") {
      const env = process.env;
      this.jit = new JitEngine(core, {
        threshold: opts.jitThreshold ?? (env.ARMLET_JIT_THRESHOLD ? Number(env.ARMLET_JIT_THRESHOLD) : DEFAULT_JIT_THRESHOLD),
        cacheBytes: opts.jitCacheBytes ?? DEFAULT_JIT_CACHE_BYTES,
        eager: opts.jitEager ?? env.ARMLET_JIT_EAGER === "1",
        syncCompile: env.ARMLET_JIT_SYNC === "1",
        a64: env.ARMLET_JIT_A64 !== "off", // AArch64 code interpreted with the JIT on (A32/T32 translated)
      });
    }
    // Nothing answered an access: flag it for the core (core/mmu/bus.ts), which aborts or not.
    this.bus.onDecodeError = () => { new Uint32Array(core.memory.buffer)[BUS_STATUS >>> 2] = BUS_DECODE_ERROR; };
    core.ignoreBusErrors(def.ignoreMemoryTransactionFailures ? 1 : 0);
    // Host mode: the core's timer takes its time origin at its first host-time read; make that 0.
    core.timerNextDeadlineNs();
    this.hostTimeOrigin = false;
    this.extraTop = GUEST_RAM_HOST + this.ramBytes;
    core.setNumCpus(smp);
    core.setMpidrClusterBits(this.mpidrClusterBits);
    core.setPeriphBase(this.def.periphBase ?? 0x08000000);
    core.setCpuModel(this.arch === "aarch64" ? 1 : 0); // ID registers and reset values (core/sysregs/model.ts)
    this.cpus = new CpuSet(core, smp, (c) => { this.bus.currentCpu = c; }, this.arch === "aarch64");
    this.cpus.resetAll(this.nsPerInsn);
    this.setupPsci();
    if (core.mapRam(board.ramBase, 0, this.ramBytes, GUEST_RAM_HOST) !== 0) throw new Error("RAM region table full");
    this.migration = def.migration ?? { machineType: `armlet-test-${board.name}`, pageBits: 12, ramBlock: "ram" };
    this.ramRegions.push({ name: this.migration.ramBlock, base: board.ramBase, size: this.ramBytes, host: GUEST_RAM_HOST });
    if (def.gic?.version === 3) {
      // QEMU saves the GICv3 (MIG_PRI_GICV3), then its ITS, before every default-priority
      // section: register it first.
      const g = def.gic;
      const gic = new GicV3({
        numCpus: smp, numIrqs: g.numIrqs, lpis: g.itsBase !== undefined, ram: this.dmaRam(),
        outputs: (c, irq, fiq) => this.cpus.setIrqLines(c, irq, fiq),
      });
      this.gicv3 = gic;
      this.intc = gic;
      this.bus.map("gicv3-dist", g.distBase, 0x10000, gic.distributor);
      this.bus.map("gicv3-redist", g.redistBase, gic.redistSize, gic.redistributors);
      core.setGicV3(1);
      this.snapshot.addDevice("arm_gicv3", gic.vmstate);
      if (g.itsBase !== undefined) {
        // The ITS drives the GIC's LPIs; QEMU saves it right after the GIC.
        const its = new GicV3Its({ target: gic, ram: this.dmaRam(), log: this.log });
        this.bus.map("gicv3-its", g.itsBase, ITS_SIZE, its);
        this.snapshot.addDevice("arm_gicv3_its", its.vmstate);
      }
    }
    registerTimerSection(this.snapshot, this.loopState());
    registerCpuSections(this.snapshot, {
      core, cpus: this.cpus, numCpus: smp, board: board.name, guestNs: () => this.clock.nowNs(),
      secondariesStartOff: def.psci !== undefined, nsPerInsn: this.nsPerInsn,
      // QEMU gives the CPU EL3 (and EL2) exactly when the a15mpcore GIC has the Security Extensions.
      el3: def.gic?.version === 2 && def.gic.securityExtensions, aarch64: this.arch === "aarch64",
      cpregPolicy: opts.cpregPolicy, kvmCounterHz: opts.kvmCounterHz,
    });

    if (def.gic?.version === 2) {
      const g = def.gic;
      this.gic = new GicV2({
        numCpus: smp, numIrqs: g.numIrqs, securityExtensions: g.securityExtensions, virtExtensions: g.virtExtensions,
        outputs: (c, irq, fiq) => this.cpus.setIrqLines(c, irq, fiq),
      });
      this.bus.map("gic-dist", g.distBase, 0x1000, this.gic.distributor);
      this.bus.map("gic-cpu", g.cpuBase, 0x2000, this.gic.cpuInterface);
      if (this.gic.vmstate) this.snapshot.addDevice("arm_gic", this.gic.vmstate);
      this.intc = this.gic;
    }
    for (const r of def.unmodelled ?? []) this.bus.map(r.name, r.base, r.size, new UnmodelledDevice(r, this.log));
    const consoleOut = opts.onConsole ?? (() => {});
    def.build(this.boardContext(consoleOut, this.virtioDevices(consoleOut)));

    if (opts.semihosting) {
      core.enableSemihosting(1);
      this.semihost = new Semihosting({
        memory: {
          read8: (va) => this.ramByteAt(va)[0],
          write8: (va, v) => {
            const [,, off] = this.ramByteAt(va);
            new Uint8Array(this.core.memory.buffer)[off] = v;
            this.jit?.hostWrote(off, 1);
          },
        },
        writeOut: consoleOut,
        writeErr: opts.onStderr ?? consoleOut,
        readIn: () => new Uint8Array(0),
        exit: (code) => this.guestExit(code),
        root: opts.semihostingRoot ?? process.cwd(),
        cmdline: opts.append ?? "",
        heapInfo: [board.ramBase + this.ramBytes / 2, board.ramBase + this.ramBytes, board.ramBase + this.ramBytes, board.ramBase],
        elapsedNs: () => this.guestNs(),
      });
    }
    if (opts.bios !== undefined && opts.kernel !== undefined) {
      throw usageError("--kernel with --bios needs fw_cfg to hand the kernel to the firmware, which armlet does not model");
    }
    if (opts.bios === undefined && opts.kernel === undefined && !opts.incoming) throw usageError("no --kernel or --bios given");
    if (opts.bios !== undefined && def.flash) {
      const size = Math.ceil(readInputFile("firmware", opts.bios).length / 2 ** 20) * 2 ** 20;
      this.addRam(this.migration.flash0Block ?? "flash0", def.flash.base, Math.min(size, FLASH_BANK_BYTES));
    }
    if (opts.bios === undefined && opts.kernel === undefined) { registerLoopSections(this.snapshot, this.loopState()); return; }
    this.images = opts.bios !== undefined
      ? loadFirmware({ bios: opts.bios, def, ramBytes: this.ramBytes, numCpus: smp, append: opts.append, cpu, topology })
      : loadImages({
      kernel: opts.kernel!, kernelName: opts.kernelName, initrd: opts.initrd, dtb: opts.dtb,
      append: opts.append, def, ramBytes: this.ramBytes, numCpus: smp, cpu, topology,
      bareMetal: BARE_METAL_BOARDS.has(board.name), arch: this.arch,
    });
    this.boot();
    registerLoopSections(this.snapshot, this.loopState());
  }

  /** The run loop's own state, for the snapshot sections (machines/snapshot/machine-sections.ts). */
  private loopState(): RunLoopState {
    const m = this;
    return {
      guestNs: () => (m.paused ? m.pausedAtNs : m.clock.nowNs()),
      restoreGuestNs: (ns) => { m.clock.restore(ns); m.pausedAtNs = ns; },
      nsPerInsn: m.nsPerInsn,
      get retired() { return m.retired; }, set retired(v) { m.retired = v; },
      get step() { return m.step; }, set step(v) { m.step = v; },
      get roundRobin() { return m.rr; }, set roundRobin(v) { m.rr = v; },
      inputQueue: m.inputQueue,
      pendingOn: m.cpus.pendingOn,
      running: () => !m.paused,
    };
  }

  /** RAM blocks by QEMU's names, as live views of guest memory. */
  ramBlocks(): RamBlock[] {
    const buf = this.core.memory.buffer;
    return this.ramRegions.map((r) => ({ name: r.name, bytes: new Uint8Array(buf, r.host, r.size), zeroed: this.ramUntouched }));
  }

  /** Before a snapshot is applied: CPUs, power states and devices as after a reset (no boot). */
  resetForLoad(): void {
    this.jit?.flush(); // snapshots carry no translations
    this.cpus.resetAll(this.nsPerInsn);
    this.cpus.resetPower(this.def.psci !== undefined);
    const seen = new Set<unknown>();
    for (const m of this.bus.devices()) {
      if (seen.has(m.device)) continue;
      seen.add(m.device);
      m.device.reset();
    }
    this.power = undefined;
    this.exitCode = undefined;
  }

  /** After a snapshot was applied: no stale translations; timers and lines recomputed per CPU. */
  afterLoad(): void {
    this.ramUntouched = false;
    this.core.flushTlb();
    for (let c = 0; c < this.numCpus; c++) {
      this.cpus.switchTo(c);
      this.core.flushTlb();
      this.pushTimer(c);
    }
    this.cpus.switchTo(0);
    this.gic?.endOfLoad(); // lines re-asserted so far restated the stream; from now on they are events
  }

  // ---- stopping and step-boundary work (monitor, QMP, savevm) ----

  get isPaused(): boolean { return this.paused; }

  /** QEMU's `stop`: no CPU runs and guest time stands still until resume(). */
  pause(): void {
    if (this.paused) return;
    this.pausedAtNs = this.clock.nowNs();
    this.paused = true;
    this.wakeIdle?.();
  }

  /** QEMU's `cont`. */
  resume(): void {
    if (!this.paused) return;
    this.clock.restore(this.pausedAtNs);
    this.paused = false;
    this.wakeIdle?.();
  }

  /**
   * Run `fn` between two steps of the run loop (every CPU at an instruction boundary, devices
   * quiet): where a snapshot is saved or loaded. Resolves with its result once run() reaches it.
   */
  atStepBoundary<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.stepOps.push(() => { try { resolve(fn()); } catch (e) { reject(e); } });
      this.wakeIdle?.();
    });
  }

  /**
   * Run `fn` at the first step boundary once `insns` instructions have retired, without cutting
   * a slice short: a run that does this and one that does not execute the same slices, so a
   * snapshot taken there resumes into exactly the uninterrupted run (also with several CPUs).
   */
  whenRetired<T>(insns: number, fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.retiredOps.push({ insns, run: () => { try { resolve(fn()); } catch (e) { reject(e); } } });
    });
  }
  private retiredOps: { insns: number; run: () => void }[] = [];
  private sliceTrace: SliceTrace | undefined;

  /** Run what waits for a step boundary; while paused, wait for more work or resume(). */
  private async serviceHost(): Promise<void> {
    for (;;) {
      for (let i = 0; i < this.retiredOps.length;) {
        if (this.retired >= this.retiredOps[i].insns) this.retiredOps.splice(i, 1)[0].run();
        else i++;
      }
      while (this.stepOps.length) this.stepOps.shift()!();
      if (!this.paused || this.power !== undefined || this.pendingQuit) return;
      await new Promise<void>((resolve) => { this.wakeIdle = () => { this.wakeIdle = undefined; resolve(); }; });
    }
  }

  /** The virtio devices in transport order: --drive, --device, then the programmatic ones. */
  private virtioDevices(consoleOut: (bytes: Uint8Array) => void): VirtioDevice[] {
    const chardevs = createChardevs(this.opts.chardevs ?? [], { exit: (s) => this.guestExit(s), consoleOut, log: this.log });
    const devices = [
      ...(this.opts.drives ?? []).map((d) => openDrive(d, this.opts.snapshot)),
      ...buildDevices(this.opts.devices ?? [], chardevs, this.log),
      ...(this.opts.virtioDevices ?? []),
    ];
    const room = this.def.virtioTransports ?? 0;
    if (devices.length > room) {
      const dev = devices[room].name;
      throw usageError(room === 0
        ? `machine ${this.board.name} has no virtio-mmio transport armlet can plug ${dev} into (use -M virt)`
        : `no free virtio-mmio transport for ${dev}: machine ${this.board.name} has ${room}`);
    }
    return devices;
  }

  /** The guest ended the run with an exit status (semihosting, the testdev chardev). */
  private guestExit(status: number): void {
    this.exitCode = status;
    this.core.requestStop();
  }

  private boardContext(consoleOut: (bytes: Uint8Array) => void, virtioDevices: VirtioDevice[]): BoardContext {
    return {
      bus: this.bus,
      snapshot: this.snapshot,
      clock: this.clock,
      numCpus: this.numCpus,
      ramBytes: this.ramBytes,
      addRam: (name, base, size) => this.addRam(name, base, size),
      spi: (k) => this.spiLine(k),
      uartOut: (n) => (n === 0 ? (b: number) => consoleOut(Uint8Array.of(b)) : () => {}),
      addTimed: (dev) => { this.timed.push(dev); },
      setConsoleInput: (dev) => { this.consoleDev = dev; },
      requestShutdown: () => this.requestPower("shutdown"),
      requestReset: () => this.requestPower("reset"),
      setPowerdownHandler: (fn) => { this.powerdownHandler = fn; },
      virtio: { devices: virtioDevices, legacy: !this.opts.virtioModern },
      guestRam: this.dmaRam(),
      log: this.log,
    };
  }

  private spiLine(k: number): IrqLine {
    const gic = this.intc;
    if (!gic) return NO_IRQ;
    return { set: (level) => gic.setSpi(32 + k, level) };
  }

  /** Guest RAM for device DMA: views are made per access (adding RAM may grow the wasm memory). */
  private dmaRam(): GuestRam {
    const find = (pa: number, len: number): number => {
      if (!Number.isSafeInteger(pa) || pa < 0 || len < 0) return -1;
      for (const r of this.ramRegions) if (pa >= r.base && pa + len <= r.base + r.size) return r.host + (pa - r.base);
      return -1;
    };
    return {
      read: (pa, len) => { const h = find(pa, len); return h < 0 ? null : new Uint8Array(this.core.memory.buffer, h, len).slice(); },
      write: (pa, bytes) => {
        const h = find(pa, bytes.length);
        if (h < 0) return false;
        new Uint8Array(this.core.memory.buffer, h, bytes.length).set(bytes);
        this.jit?.hostWrote(h, bytes.length);
        return true;
      },
      valid: (pa, len) => find(pa, len) >= 0,
    };
  }

  /** Back a guest-physical region with wasm memory after guest RAM (grows the memory). */
  private addRam(name: string, base: number, size: number): Uint8Array {
    const host = this.extraTop;
    const end = host + size;
    const mem = this.core.memory;
    if (end > mem.buffer.byteLength) mem.grow(Math.ceil((end - mem.buffer.byteLength) / 65536));
    this.extraTop = Math.ceil(end / 4096) * 4096;
    if (this.core.mapRam(base >>> 0, Math.floor(base / 2 ** 32), size, host) !== 0) throw new Error(`RAM region table full (${name})`);
    this.ramRegions.push({ name, base, size, host });
    this.log(`${name}: ${size} bytes of RAM at 0x${base.toString(16)}`);
    return new Uint8Array(mem.buffer, host, size);
  }

  private requestPower(what: PowerRequest): void {
    if (this.power === undefined || what === "quit") this.power = what;
    this.core.requestStop();
  }

  /**
   * Bytes typed on the console (stdin): they enter the run at its next step (the point a record
   * file notes), then go to the console UART as it has room.
   */
  input(bytes: Iterable<number>): void {
    for (const b of bytes) this.arrived.push(b & 0xff);
    this.wakeIdle?.();
  }

  /**
   * Press the board's power button (QEMU's system_powerdown) at the next step: the guest is asked
   * to shut down cleanly. Returns false when the board has no power button.
   */
  powerButton(): boolean {
    if (!this.powerdownHandler) return false;
    this.pendingButton = true;
    this.wakeIdle?.();
    return true;
  }

  /** End the run from the host side (Ctrl-A x) at the next step: run() returns reason "quit". */
  quit(): void { this.pendingQuit = true; this.wakeIdle?.(); }

  /** QEMU's system_reset: reset the machine at the next step (with --no-reboot the run ends, as QEMU's). */
  systemReset(): void {
    this.hostReset = true;
    this.requestPower("reset");
    this.wakeIdle?.();
  }
  /** Whether the pending reset came from the host (system_reset), for the RESET event's "guest". */
  private hostReset = false;
  /** Called after each machine reset; `guest`: the guest asked for it (PSCI, a board register). */
  onReset?: (guest: boolean) => void;

  /** QEMU's system_powerdown: the power button; false when the board has none (then nothing happens). */
  systemPowerdown(): boolean { return this.powerButton(); }

  /** QEMU's run state: "paused" after stop (pause()), else "running". */
  get status(): "running" | "paused" { return this.paused ? "paused" : "running"; }

  /** Each CPU's PC, CPSR and power state (at a step boundary they are exact). */
  cpuStates(): { cpu: number; pc: number; cpsr: number; power: PowerState; halted: boolean }[] {
    const was = this.cpus.running;
    const list = [];
    for (let c = 0; c < this.numCpus; c++) {
      this.cpus.switchTo(c);
      list.push({ cpu: c, pc: this.core.getReg(15) >>> 0, cpsr: this.core.getCpsr() >>> 0, power: this.cpus.powerState(c), halted: this.cpus.halted(c) });
    }
    if (was >= 0) this.cpus.switchTo(was);
    return list;
  }

  /** Start of a step: the host events that take effect now, live (and recorded) or replayed. */
  private takeHostEvents(): void {
    const replay = this.replayer && !this.replayer.done ? this.replayer : undefined;
    if (this.pendingQuit && replay) { this.pendingQuit = false; this.requestPower("quit"); } // Ctrl-A x still ends a replay
    const events: HostEvent[] = [];
    if (replay) {
      events.push(...replay.takeAt(this.step, this.retired));
      this.arrived = []; // typing during a replay is dropped
      this.pendingButton = false;
    } else {
      const where = { step: this.step, at: this.retired };
      if (this.arrived.length > 0) events.push({ ...where, kind: "input", bytes: Buffer.from(this.arrived).toString("base64") });
      if (this.pendingButton) events.push({ ...where, kind: "power-button" });
      if (this.pendingQuit) events.push({ ...where, kind: "quit" });
      this.arrived = [];
      this.pendingButton = this.pendingQuit = false;
      for (const ev of events) this.recorder?.record(ev);
    }
    for (const ev of events) {
      if (ev.kind === "input") this.inputQueue.push(...Buffer.from(ev.bytes, "base64"));
      else if (ev.kind === "power-button") this.powerdownHandler?.();
      else if (ev.kind === "quit") this.requestPower("quit");
    }
  }

  private feedInput(): void {
    const dev = this.consoleDev;
    if (!dev || this.inputQueue.length === 0) return;
    const n = Math.min(dev.rxSpace, this.inputQueue.length);
    if (n > 0) dev.receive(this.inputQueue.splice(0, n));
  }

  /** [byte, hostAddress, offset-in-memory] for a guest virtual address; throws GuestFault. */
  private ramByteAt(va: number): [number, number, number] {
    const c = this.core;
    const host = (c.isAArch64() ? c.virtToHost64(va >>> 0, Math.floor(va / 2 ** 32)) : c.virtToHost(va >>> 0)) >>> 0;
    if (host === 0) throw new GuestFault(`address 0x${va.toString(16)} is not mapped to RAM`);
    return [new Uint8Array(this.core.memory.buffer)[host], host, host];
  }

  private semihostingHinted = false;

  /** Events the core reports (core/state/layout.ts TRACE_*). */
  private onTrace(kind: number, a: number, b: number): void {
    if (kind === TRACE_SEMIHOSTING_OFF && !this.semihostingHinted) {
      this.semihostingHinted = true;
      const insn = (b >>> 0).toString(16);
      (this.opts.warn ?? this.log)(`the guest made a semihosting call (instruction 0x${insn} at 0x${(a >>> 0).toString(16)}) ` +
        "but semihosting is off: it takes an exception instead (run with --semihosting)");
    }
  }

  private semihostingCall(op: number, param: number): number {
    if (!this.semihost) return -1;
    const c = this.core;
    // AArch64: the parameter is all of X1, and parameter blocks hold 64-bit fields.
    if (c.isAArch64()) return this.semihost.call(op >>> 0, (c.getXLo(1) >>> 0) + (c.getXHi(1) >>> 0) * 2 ** 32, true);
    return this.semihost.call(op >>> 0, param >>> 0);
  }

  /** Guest time in ns (virtual: from the instructions retired; else host time since start). */
  guestNs(): number { return this.clock.nowNs(); }

  /** Copy the images into RAM and set every CPU's entry state (at creation and on each reset). */
  private boot(): void {
    if (!this.images) return;
    this.ramUntouched = false;
    this.jit?.flush();
    const mem = this.core.memory.buffer;
    const regions = this.ramRegions.map((r) => ({ base: r.base, bytes: new Uint8Array(mem, r.host, r.size) }));
    bootCpus(this.images!, this.numCpus, (addr, bytes, name) => writeBlobs([{ addr, bytes, name }], regions), (cpu, setup) => {
      this.cpus.switchTo(cpu);
      setup(this.core);
    });
    this.cpus.switchTo(0);
  }

  /** log2 of CPUs per MPIDR cluster: QEMU's virt uses the GIC's target-list width (8 or 16). */
  private get mpidrClusterBits(): number { return this.def.gic?.version === 3 ? 4 : 3; }

  // ---- PSCI (board option def.psci) ----

  /** Enable the board's PSCI conduit: secondaries start powered off (also after each reset). */
  private setupPsci(): void {
    const conduit = this.def.psci;
    if (conduit) {
      this.core.setPsciConduit(conduit === "smc" ? 2 : 1);
      this.psci = machinePsciHost(this.cpus, () => this.core.requestStop(), {
        off: () => this.requestPower("shutdown"),
        reset: () => this.requestPower("reset"),
      }, this.mpidrClusterBits);
    }
    this.cpus.resetPower(conduit !== undefined);
  }

  /** A conduit call from the running CPU (debug log: one line per call). */
  private psciCall(fn: number | bigint, a1: number | bigint, a2: number | bigint, a3: number | bigint, aarch64: boolean): number {
    if (!this.psci) return -1;
    const r = psciCall(this.psci, fn, a1, a2, a3, { aarch64 });
    const hex = (v: number | bigint) => `0x${(typeof v === "bigint" ? v : v >>> 0).toString(16)}`;
    const cpu = this.cpus.running;
    this.log(`psci: CPU ${cpu} ${hex(fn)}(${hex(a1)}, ${hex(a2)}, ${hex(a3)}) -> ${this.cpus.powerState(cpu) === 0 ? r : "CPU off"}`);
    return r;
  }

  /** System reset: CPUs, interrupt controller, devices, then boot again (QEMU reloads its ROM blobs). */
  private resetMachine(): void {
    this.cpus.resetAll(this.nsPerInsn);
    this.cpus.resetPower(this.def.psci !== undefined);
    const seen = new Set<unknown>();
    for (const m of this.bus.devices()) {
      if (seen.has(m.device)) continue;
      seen.add(m.device);
      m.device.reset();
    }
    this.exitCode = undefined;
    this.boot();
  }

  /** Earliest future event in guest ns: CPU timers and timed devices (Infinity if none). */
  private nextEventNs(): number {
    let t = Infinity;
    for (const d of this.cpus.timerDeadline) if (d >= 0 && d < t) t = d;
    for (const dev of this.timed) {
      const e = dev.nextEventNs();
      if (e !== null && e < t) t = e;
    }
    return t;
  }

  private advanceDevices(now: number): void {
    for (const dev of this.timed) dev.advanceTo(now);
  }

  /** Send the running CPU's generic timer and PMU outputs to its PPIs. */
  private pushTimer(cpu: number): void {
    const { lines, changed } = this.cpus.updateTimer();
    const gic = this.intc;
    if (!changed || !gic) return;
    const ppis = this.def.boot.timerPpis, pmuPpi = this.def.boot.pmuPpi;
    gic.setPpi(cpu, ppis.phys, (lines & 1) !== 0);
    gic.setPpi(cpu, ppis.virt, (lines & 2) !== 0);
    if (pmuPpi !== undefined) gic.setPpi(cpu, pmuPpi, (lines & LINE_PMU) !== 0);
  }

  /** Next CPU with work, round robin from the one after the last to run; -1 if all wait. */
  private pickCpu(now: number): number {
    const n = this.numCpus;
    for (let k = 0; k < n; k++) {
      const c = (this.rr + k) % n;
      if (this.cpus.runnable(c, now)) return c;
    }
    return -1;
  }

  /** Run until the guest exits, powers off, crashes, or a limit is hit. */
  async run(): Promise<RunResult> {
    this.ramUntouched = false;
    const t0 = process.hrtime.bigint();
    const deadline = this.opts.timeoutSec ? t0 + BigInt(Math.round(this.opts.timeoutSec * 1e9)) : undefined;
    const maxInsns = this.opts.maxInsns;
    const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
    const done = (reason: StopReason, exitCode: number, message: string): RunResult =>
      ({ reason, exitCode, message, instructions: this.retired, seconds: seconds() });
    let lastYield = process.hrtime.bigint();
    if (this.opts.record !== undefined && !this.recorder) {
      this.recorder = new HostEventRecorder(this.opts.record, { nsPerInsn: this.nsPerInsn, sleep: this.icountSleep });
    }
    if (this.opts.traceSlices !== undefined && !this.sliceTrace) this.sliceTrace = new SliceTrace(this.opts.traceSlices);
    try {
      return await this.loop(done, deadline, maxInsns, lastYield);
    } finally {
      this.recorder?.close();
      this.recorder = undefined;
      this.sliceTrace?.close(() => this.ramBlocks().map((b) => b.bytes));
      this.sliceTrace = undefined;
    }
  }

  private async loop(done: (reason: StopReason, exitCode: number, message: string) => RunResult,
    deadline: bigint | undefined, maxInsns: number | undefined, lastYield: bigint): Promise<RunResult> {
    for (;;) {
      // Let the event loop run (stdin, signals, timers) at least every YIELD_MS, whatever the path;
      // every millisecond while the JIT compiles, so that finished code is installed at once.
      if (process.hrtime.bigint() - lastYield > BigInt((this.jit?.compiling ? 1 : YIELD_MS) * 1e6)) {
        await new Promise((r) => setImmediate(r));
        lastYield = process.hrtime.bigint();
      }
      await this.serviceHost();
      this.step++;
      this.takeHostEvents();
      if (this.exitCode !== undefined) return done("exit", this.exitCode, "");
      if (this.power !== undefined) {
        const p = this.power;
        this.power = undefined;
        if (p === "quit") return done("quit", 0, "terminated from the console");
        if (p === "shutdown") return done("poweroff", 0, "the guest powered off");
        const guest = !this.hostReset;
        this.hostReset = false;
        if (this.opts.noReboot) return done("reboot", 0, "the guest rebooted (--no-reboot)");
        if (!this.images) return done("reboot", 0, "the guest rebooted, and this machine was resumed without --kernel or --bios: nothing to boot");
        this.log("guest reboot: resetting the machine");
        this.resetMachine();
        this.onReset?.(guest);
        continue;
      }
      if (deadline !== undefined && process.hrtime.bigint() > deadline) {
        return done("timeout", 0, `timed out after ${this.opts.timeoutSec} s`);
      }
      if (maxInsns !== undefined && this.retired >= maxInsns) return done("insn-limit", 0, `instruction limit of ${maxInsns} reached`);
      const now = this.clock.nowNs();
      this.advanceDevices(now);
      this.feedInput();
      if (this.power !== undefined) continue;
      const cpu = this.pickCpu(now);
      if (cpu < 0) {
        if (await this.idle(now, deadline)) lastYield = process.hrtime.bigint();
        continue;
      }
      const stop = this.runSlice(cpu, maxInsns);
      this.cpus.startPending(this.nsPerInsn); // PSCI CPU_ON requests of that slice
      if (stop === STOP_CRASH) {
        const at = (this.core.crashAddress() >>> 0).toString(16).padStart(8, "0");
        const what = `exception loop at 0x${at} with no handler making progress`;
        const hint = this.semihostingHinted ? " (after a semihosting call with semihosting off: try --semihosting)" : "";
        return done("crash", 0, `guest crashed: ${what}${this.numCpus > 1 ? ` (CPU ${cpu})` : ""}${hint}`);
      }
    }
  }

  /** One slice of `cpu`; returns the core's stop reason. */
  private runSlice(cpu: number, maxInsns: number | undefined): number {
    const core = this.core, ns = this.nsPerInsn;
    this.cpus.switchTo(cpu);
    const now = this.clock.nowNs();
    this.cpus.setTimeBase(now, ns);
    this.pushTimer(cpu);
    let budget = this.sliceInsns;
    if (maxInsns !== undefined) budget = Math.min(budget, maxInsns - this.retired);
    budget = Math.min(budget, Math.max(1, this.cpus.pmuInsnsLeft())); // an INST_RETIRED overflow check
    if (ns > 0) {
      // Stop at the next timer or device event so it is delivered on time (and deterministically).
      const next = this.nextEventNs();
      if (next !== Infinity) budget = Math.min(budget, Math.max(1, Math.ceil((next - now) / ns)));
    }
    const ic0 = core.getIcount();
    this.clock.beginSlice(ic0, () => core.getIcount());
    const stop = core.run(budget);
    const executed = core.getIcount() - ic0;
    this.clock.endSlice(executed);
    this.retired += executed;
    this.sliceTrace?.slice(this.step, cpu, this.retired, core.memory, () => this.ramBlocks().map((b) => b.bytes));
    this.pushTimer(cpu);
    if (core.takeSevPending()) this.cpus.signalEvent(cpu);
    this.rr = (cpu + 1) % this.numCpus;
    this.jit?.poll();
    return stop;
  }

  /**
   * All CPUs wait. Host time: sleep until the next event or input. Virtual time: with sleep=on
   * guest time follows host time while we sleep (up to the next event, or until input arrives);
   * with sleep=off it jumps to the next event at once; in a replay it moves as recorded. Every
   * virtual idle period is logged when recording. Returns whether it yielded to the event loop.
   */
  private async idle(now: number, deadline: bigint | undefined): Promise<boolean> {
    let next = this.nextEventNs();
    if (next <= now) next = now + 1e6; // a stale event must not spin the loop: look again in 1 ms
    if (!this.clock.virtual) return this.hostWait(Math.min(MAX_IDLE_MS, (next - now) / 1e6), deadline);
    if (this.replayer && !this.replayer.done) {
      this.clock.skipTo(this.replayer.idleAt(this.step, this.retired));
      return false;
    }
    let yielded = false;
    if (this.icountSleep || next === Infinity) {
      // Only input can wake a guest with nothing scheduled; with sleep=on time passes meanwhile.
      const t0 = this.clock.hostNs();
      yielded = await this.hostWait(next === Infinity || !this.icountSleep ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, (next - now) / 1e6), deadline);
      if (this.icountSleep) this.clock.skipTo(Math.min(now + (this.clock.hostNs() - t0), next));
    } else {
      this.clock.skipTo(next);
    }
    this.recorder?.record({ step: this.step, at: this.retired, kind: "idle", ns: this.clock.nowNs() });
    return yielded;
  }

  /** Sleep up to `ms` of host time (less if the deadline is nearer), or until input or a host request. */
  private async hostWait(ms: number, deadline: bigint | undefined): Promise<boolean> {
    if (deadline !== undefined) ms = Math.min(ms, Math.max(0, Number(deadline - process.hrtime.bigint()) / 1e6));
    if (this.arrived.length > 0 || this.pendingButton || this.pendingQuit) return false; // taken at the next step
    if (ms <= 0) { await new Promise((r) => setImmediate(r)); return true; }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.wakeIdle = undefined; resolve(); }, Math.max(1, Math.round(ms)));
      this.wakeIdle = () => { clearTimeout(timer); this.wakeIdle = undefined; resolve(); };
    });
    return true;
  }

  /** Host files the guest opened through semihosting: not in a snapshot (saving reports them). */
  openHostFiles(): string[] { return this.semihost?.openHostFiles() ?? []; }

  /** JIT statistics (undefined with the JIT off). */
  jitStats(): JitStats | undefined { return this.jit?.stats; }

  dispose(): void { this.semihost?.closeAll(); }
}

/** A 64-bit register value from its low and high words (PSCI arguments from AArch64). */
function u64(lo: number, hi: number): bigint { return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0); }
