// What the machine puts in memory at boot and where each CPU starts: bare-metal programs
// (ELF, or raw images on the bare-metal virt: every CPU starts at the entry, as QEMU does for
// non-Linux images) and Linux kernels through the direct-boot loader (boot/linux-loader.ts:
// CPU 0 at the boot stub, the others in the holding pen).
import { readFileSync } from "node:fs";
import type { CoreExports } from "./core.js";
import type { BoardDef } from "./boards/board.js";
import { isElf, parseElf } from "./boot/elf.js";
import { imageError } from "./errors.js";
import { KERNEL_LOAD_OFFSET } from "./boot/zimage.js";
import { loadLinux } from "./boot/linux-loader.js";

export interface Blob { addr: number; bytes: Uint8Array; name: string }
export interface CpuEntry { pc: number; thumb?: boolean; regs?: Record<number, number> }
export interface LoadedBoot {
  blobs: Blob[];
  /** Entry state of CPU i (the last entry applies to any further CPU). */
  entries: CpuEntry[];
  linux: boolean;
}

export interface ImageArgs {
  kernel: string | Uint8Array;
  kernelName?: string;
  initrd?: string | Uint8Array;
  dtb?: string | Uint8Array;
  append?: string;
  def: BoardDef;
  ramBytes: number;
  numCpus: number;
  /** Non-ELF images are programs entered directly (the bare-metal virt), not Linux kernels. */
  bareMetal: boolean;
}

/** Read an input file (missing or unreadable: an error the CLI maps to exit code 66). */
export function readInput(what: string, src: string | Uint8Array): Uint8Array {
  if (typeof src !== "string") return src;
  try { return readFileSync(src); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw imageError(`cannot read ${what} '${src}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  }
}

export function loadImages(a: ImageArgs): LoadedBoot {
  const name = a.kernelName ?? (typeof a.kernel === "string" ? a.kernel : "kernel image");
  const bytes = readInput("kernel", a.kernel);
  if (bytes.length === 0) throw imageError(`${name}: the file is empty`);
  const ramBase = a.def.info.ramBase, ramEnd = ramBase + a.ramBytes;
  if (a.bareMetal && isElf(bytes)) {
    const elf = parseElf(bytes, name);
    const blobs: Blob[] = [];
    for (const s of elf.segments) {
      if (s.paddr < ramBase || s.paddr + s.memsz > ramEnd) {
        throw imageError(`${name}: segment at 0x${s.paddr.toString(16)} (${s.memsz} bytes) lies outside RAM ` +
          `0x${ramBase.toString(16)}-0x${(ramEnd - 1).toString(16)}`);
      }
      const seg = new Uint8Array(s.memsz);
      seg.set(s.data);
      blobs.push({ addr: s.paddr, bytes: seg, name });
    }
    return { blobs, entries: [{ pc: elf.entry, thumb: elf.thumbEntry }], linux: false };
  }
  if (a.bareMetal) {
    if (KERNEL_LOAD_OFFSET + bytes.length > a.ramBytes) throw imageError(`${name}: ${bytes.length} bytes do not fit in RAM`);
    const pc = ramBase + KERNEL_LOAD_OFFSET;
    return { blobs: [{ addr: pc, bytes, name }], entries: [{ pc }], linux: false };
  }
  const initrd = a.initrd === undefined ? undefined : readInput("initrd", a.initrd);
  const dtb = a.dtb === undefined ? undefined : readInput("device tree", a.dtb);
  const r = loadLinux({
    kernel: { name, bytes },
    initrd: initrd && { name: typeof a.initrd === "string" ? a.initrd : "initrd", bytes: initrd },
    dtb: dtb && { name: typeof a.dtb === "string" ? a.dtb : "device tree", bytes: dtb },
    cmdline: a.append, boot: a.def.boot, ramBytes: a.ramBytes, numCpus: a.numCpus,
  });
  const first: CpuEntry = { pc: r.pc, thumb: r.thumb };
  // Linux: CPU 0 runs the stub, the others wait in the pen. Other images: every CPU at the entry.
  const entries = r.isLinux && r.secondaryPc !== undefined ? [first, { pc: r.secondaryPc }] : [first];
  return { blobs: r.blobs, entries, linux: r.isLinux };
}

/** Write the blobs (through `write`, which knows every RAM region) and set up each CPU. */
export function bootCpus(
  boot: LoadedBoot, numCpus: number,
  write: (addr: number, bytes: Uint8Array, name: string) => void,
  onCpu: (cpu: number, setup: (core: CoreExports) => void) => void,
): void {
  for (const b of boot.blobs) write(b.addr, b.bytes, b.name);
  for (let i = 0; i < numCpus; i++) {
    const e = boot.entries[Math.min(i, boot.entries.length - 1)];
    onCpu(i, (core) => {
      for (const [r, v] of Object.entries(e.regs ?? {})) core.setReg(Number(r), v >>> 0);
      core.setReg(15, e.pc >>> 0);
      if (e.thumb) core.setCpsr(core.getCpsr() | 0x20);
    });
  }
}
