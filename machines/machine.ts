// A machine: one CPU core, RAM, the board's devices on the bus, and the run loop that
// interleaves CPU slices with device and time work.
import { readFileSync } from "node:fs";
import { instantiateCore, type CoreExports } from "./core.js";
import { GUEST_RAM_HOST, STATE, S_NS_PER_INSN, S_TIME_BASE_NS, STOP_WFI, STOP_CRASH, STOP_HOST } from "../core/state/layout.js";
import { AddressSpace } from "./bus/address-space.js";
import { Pl011 } from "./devices/pl011.js";
import { BOARDS } from "./boards/index.js";
import type { BoardInfo } from "./boards/virt.js";
import { isElf, parseElf } from "./boot/elf.js";
import { Semihosting, GuestFault } from "./semihosting.js";
import { imageError, usageError } from "./errors.js";
import { parseMemorySize } from "./options.js";

export interface MachineOptions {
  machine?: string;
  cpu?: string;
  /** QEMU -m syntax or a number of MiB. */
  memory?: string | number;
  /** Path of the kernel image, or its bytes. */
  kernel: string | Uint8Array;
  kernelName?: string;
  semihosting?: boolean;
  semihostingRoot?: string;
  append?: string;
  /** Wall-clock limit in seconds. */
  timeoutSec?: number;
  /** Stop after this many instructions (deterministic limit). */
  maxInsns?: number;
  /** Virtual time: nanoseconds per instruction (QEMU -icount shift=N gives 2^N); 0 = host time. */
  nsPerInsn?: number;
  /** Console output sink (default: collect only). */
  onConsole?: (bytes: Uint8Array) => void;
  onStderr?: (bytes: Uint8Array) => void;
  /** Debug log (unassigned accesses...). */
  log?: (msg: string) => void;
}

export type StopReason = "exit" | "timeout" | "insn-limit" | "crash";
export interface RunResult {
  reason: StopReason;
  /** Guest exit code for "exit". */
  exitCode: number;
  /** Human-readable explanation for anything but a clean exit. */
  message: string;
  instructions: number;
  seconds: number;
}

const SLICE = 200_000;
const RAW_LOAD_OFFSET = 0x10000; // QEMU's KERNEL_LOAD_ADDR for non-ELF images

export class Machine {
  readonly core: CoreExports;
  readonly board: BoardInfo;
  readonly ramBytes: number;
  readonly bus: AddressSpace;
  readonly uart: Pl011;
  private semihost?: Semihosting;
  private exitCode: number | undefined;
  private startNs = process.hrtime.bigint();
  private readonly log: (msg: string) => void;

  constructor(private readonly opts: MachineOptions) {
    const board = BOARDS[opts.machine ?? "virt"];
    if (!board) throw usageError(`unknown machine '${opts.machine}' (available: ${Object.keys(BOARDS).join(", ")})`);
    this.board = board;
    const cpu = opts.cpu ?? board.defaultCpu;
    if (!board.cpus.includes(cpu)) throw usageError(`unknown CPU '${cpu}' for machine ${board.name} (available: ${board.cpus.join(", ")})`);
    this.ramBytes = opts.memory === undefined ? board.defaultRamBytes : parseMemorySize(opts.memory);
    if (this.ramBytes > board.maxRamBytes) {
      throw usageError(`memory size ${this.ramBytes / 2 ** 20} MiB exceeds the ${board.maxRamBytes / 2 ** 20} MiB armlet supports for ${board.name}`);
    }
    this.log = opts.log ?? (() => {});
    this.bus = new AddressSpace(this.log);
    const consoleOut = opts.onConsole ?? (() => {});
    this.uart = new Pl011((b) => consoleOut(Uint8Array.of(b)));
    this.bus.map("pl011", board.uartBase, 0x1000, this.uart);

    let core: CoreExports | undefined = undefined;
    this.core = core = instantiateCore(this.ramBytes, {
      mmioRead: (lo, hi, size) => this.bus.read(lo, hi, size),
      mmioWrite: (lo, hi, size, v) => this.bus.write(lo, hi, size, v),
      semihosting: (op, param) => this.semihostingCall(op, param),
      hostNowNs: () => Number(process.hrtime.bigint() - this.startNs),
      trace: () => {},
    });
    core.cpuReset();
    if (core.mapRam(board.ramBase, 0, this.ramBytes, GUEST_RAM_HOST) !== 0) throw new Error("RAM region table full");
    const ns = opts.nsPerInsn ?? 0;
    const f64 = new Float64Array(core.memory.buffer, STATE, 0x200 / 8);
    f64[S_NS_PER_INSN / 8] = ns;
    f64[S_TIME_BASE_NS / 8] = 0;
    if (opts.semihosting) {
      core.enableSemihosting(1);
      this.semihost = new Semihosting({
        memory: {
          read8: (va) => this.ramByteAt(va)[0],
          write8: (va, v) => { const [,, off] = this.ramByteAt(va); new Uint8Array(this.core.memory.buffer)[off] = v; },
        },
        writeOut: consoleOut,
        writeErr: opts.onStderr ?? consoleOut,
        readIn: () => new Uint8Array(0),
        exit: (code) => { this.exitCode = code; this.core.requestStop(); },
        root: opts.semihostingRoot ?? process.cwd(),
        cmdline: opts.append ?? "",
        heapInfo: [board.ramBase + this.ramBytes / 2, board.ramBase + this.ramBytes, board.ramBase + this.ramBytes, board.ramBase],
        elapsedNs: () => this.guestNs(),
      });
    }
    this.loadKernel();
  }

  /** [byte, hostAddress, offset-in-memory] for a guest virtual address; throws GuestFault. */
  private ramByteAt(va: number): [number, number, number] {
    const host = this.core.virtToHost(va >>> 0) >>> 0;
    if (host === 0) throw new GuestFault(`address 0x${(va >>> 0).toString(16)} is not mapped to RAM`);
    return [new Uint8Array(this.core.memory.buffer)[host], host, host];
  }

  private semihostingCall(op: number, param: number): number {
    if (!this.semihost) return -1;
    return this.semihost.call(op >>> 0, param >>> 0);
  }

  /** Guest time in ns (virtual: from the instruction count; else host time since start). */
  guestNs(): number {
    const ns = this.opts.nsPerInsn ?? 0;
    if (ns > 0) return this.core.getIcount() * ns;
    return Number(process.hrtime.bigint() - this.startNs);
  }

  private loadKernel(): void {
    const { kernel } = this.opts;
    const name = this.opts.kernelName ?? (typeof kernel === "string" ? kernel : "kernel image");
    let bytes: Uint8Array;
    if (typeof kernel === "string") {
      try { bytes = readFileSync(kernel); } catch (e) {
        throw imageError(`cannot read kernel '${kernel}': ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
      }
    } else bytes = kernel;
    if (bytes.length === 0) throw imageError(`${name}: the file is empty`);
    const ram = new Uint8Array(this.core.memory.buffer, GUEST_RAM_HOST, this.ramBytes);
    const ramBase = this.board.ramBase, ramEnd = ramBase + this.ramBytes;
    if (isElf(bytes)) {
      const elf = parseElf(bytes, name);
      for (const s of elf.segments) {
        if (s.paddr < ramBase || s.paddr + s.memsz > ramEnd) {
          throw imageError(`${name}: segment at 0x${s.paddr.toString(16)} (${s.memsz} bytes) lies outside RAM ` +
            `0x${ramBase.toString(16)}-0x${(ramEnd - 1).toString(16)}`);
        }
        ram.set(s.data, s.paddr - ramBase);
        ram.fill(0, s.paddr - ramBase + s.data.length, s.paddr - ramBase + s.memsz);
      }
      this.core.setReg(15, elf.entry);
      if (elf.thumbEntry) this.core.setCpsr(this.core.getCpsr() | 0x20);
    } else {
      if (RAW_LOAD_OFFSET + bytes.length > this.ramBytes) throw imageError(`${name}: ${bytes.length} bytes do not fit in RAM`);
      ram.set(bytes, RAW_LOAD_OFFSET);
      this.core.setReg(15, ramBase + RAW_LOAD_OFFSET);
    }
  }

  /** Run until the guest exits, crashes, or a limit is hit. */
  async run(): Promise<RunResult> {
    const t0 = process.hrtime.bigint();
    const deadline = this.opts.timeoutSec ? t0 + BigInt(Math.round(this.opts.timeoutSec * 1e9)) : undefined;
    const maxInsns = this.opts.maxInsns;
    const seconds = () => Number(process.hrtime.bigint() - t0) / 1e9;
    const done = (reason: StopReason, exitCode: number, message: string): RunResult =>
      ({ reason, exitCode, message, instructions: this.core.getIcount(), seconds: seconds() });
    let slices = 0;
    for (;;) {
      let budget = SLICE;
      if (maxInsns !== undefined) budget = Math.min(budget, Math.max(0, maxInsns - this.core.getIcount()));
      if (budget === 0) return done("insn-limit", 0, `instruction limit of ${maxInsns} reached`);
      const stop = this.core.run(budget);
      if (this.exitCode !== undefined) return done("exit", this.exitCode, "");
      if (stop === STOP_CRASH) {
        const kind = this.core.crashReason(), at = (this.core.crashAddress() >>> 0).toString(16).padStart(8, "0");
        const what = kind === 2 ? `execution left RAM at 0x${at}` : `exception loop at 0x${at} with no handler making progress`;
        return done("crash", 0, `guest crashed: ${what}`);
      }
      if (stop === STOP_WFI) {
        // Nothing can wake the CPU yet (no interrupt controller on this board): wait out the clock.
        await new Promise((r) => setTimeout(r, 5));
      }
      if (stop !== STOP_HOST && ++slices % 16 === 0) await new Promise((r) => setImmediate(r));
      if (deadline !== undefined && process.hrtime.bigint() > deadline) {
        return done("timeout", 0, `timed out after ${this.opts.timeoutSec} s`);
      }
    }
  }

  dispose(): void { this.semihost?.closeAll(); }
}
