// What the machine puts in memory at boot and where each CPU starts: bare-metal programs
// (ELF, or raw images on the bare-metal virt: every CPU starts at the entry, as QEMU does for
// non-Linux images) and Linux kernels through the direct-boot loader (boot/linux-loader.ts:
// CPU 0 at the boot stub, the others in the holding pen).
import type { CoreExports } from "./core.js";
import type { SmpTopology } from "./options.js";
import type { BoardDef } from "./boards/board.js";
import { elfSegmentName, isElf, parseElf } from "./boot/elf.js";
import { imageError, usageError } from "./errors.js";
import { readInputFile } from "./host-files.js";
import { editDtbForBoot, loadLinux } from "./boot/linux-loader.js";
import { serializeFdt } from "./boot/fdt.js";

export interface Blob { addr: number; bytes: Uint8Array; name: string }
export interface CpuEntry { pc: number; thumb?: boolean; regs?: Record<number, number> }
/** The CPU's architecture state at boot: AArch64 CPUs (cortex-a57) start in AArch64 EL1. */
export type CpuArch = "aarch32" | "aarch64";
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
  /** The CPU model and -smp topology the board's own device tree describes (default: cortex-a15, flat). */
  cpu?: string;
  topology?: SmpTopology;
  /** ELF images are programs entered directly with no boot stub or DTB (the bare-metal virt). */
  bareMetal: boolean;
  arch: CpuArch;
}

export function loadImages(a: ImageArgs): LoadedBoot {
  const name = a.kernelName ?? (typeof a.kernel === "string" ? a.kernel : "kernel image");
  const bytes = readInputFile("kernel", a.kernel);
  if (bytes.length === 0) throw imageError(`${name}: the file is empty`);
  if (a.bareMetal && isElf(bytes)) {
    // Segments outside RAM are reported when the blobs are written (boot/linux-loader.ts writeBlobs).
    const elf = parseElf(bytes, name);
    if (elf.aarch64 !== (a.arch === "aarch64")) {
      throw imageError(elf.aarch64
        ? `${name}: an AArch64 (ELF64) program needs an AArch64 CPU (--cpu cortex-a57)`
        : `${name}: a 32-bit ARM program cannot start on an AArch64 CPU (this Cortex-A57 has AArch32 at EL0 only)`);
    }
    const blobs = elf.segments.map((s, i): Blob => {
      const seg = new Uint8Array(s.memsz);
      seg.set(s.data);
      return { addr: s.paddr, bytes: seg, name: elfSegmentName(name, i) };
    });
    return { blobs, entries: [{ pc: elf.entry, thumb: elf.thumbEntry }], linux: false };
  }
  if (a.arch === "aarch64" && isElf(bytes) && !parseElf(bytes, name).aarch64) {
    throw imageError(`${name}: a 32-bit ARM ELF cannot start on an AArch64 CPU (this Cortex-A57 has AArch32 at EL0 only)`);
  }
  // Everything else goes through QEMU's Linux loader (raw images on virt too: stub, then
  // RAM+0x10000; on an AArch64 CPU raw images are arm64 Images, boot/arm64-image.ts).
  const initrd = a.initrd === undefined ? undefined : readInputFile("initrd", a.initrd);
  const dtb = a.dtb === undefined ? undefined : readInputFile("device tree", a.dtb);
  const r = loadLinux({
    kernel: { name, bytes },
    initrd: initrd && { name: typeof a.initrd === "string" ? a.initrd : "initrd", bytes: initrd },
    ...(dtb ? { dtb: { name: typeof a.dtb === "string" ? a.dtb : "device tree", bytes: dtb } }
      : a.def.linuxDtb?.({ numCpus: a.numCpus, ramBytes: a.ramBytes, cpu: a.cpu, topology: a.topology })),
    cmdline: a.append, boot: a.def.boot, ramBytes: a.ramBytes, numCpus: a.numCpus,
    aarch64: a.arch === "aarch64",
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
      if (core.isAArch64()) {
        for (const [r, v] of Object.entries(e.regs ?? {})) core.setX(Number(r), v >>> 0, Math.floor(v / 2 ** 32));
        core.setPC64Parts(e.pc >>> 0, Math.floor(e.pc / 2 ** 32));
        return;
      }
      for (const [r, v] of Object.entries(e.regs ?? {})) core.setReg(Number(r), v >>> 0);
      core.setReg(15, e.pc >>> 0);
      if (e.thumb) core.setCpsr(core.getCpsr() | 0x20);
    });
  }
}

/** Firmware runs from flash bank 0: at most 64 MiB (QEMU virt's pflash bank size). */
export const FLASH_BANK_BYTES = 64 * 2 ** 20;

/**
 * --bios: the firmware goes into flash at the board's flash base and every CPU resets there
 * (PSCI boards keep the secondaries off); the board's device tree goes at the start of RAM
 * (QEMU: no kernel, so the DTB is placed at loader_start), with --append as bootargs.
 */
export function loadFirmware(a: {
  bios: string | Uint8Array; def: BoardDef; ramBytes: number; numCpus: number; append?: string; cpu?: string; topology?: SmpTopology;
}): LoadedBoot {
  const name = typeof a.bios === "string" ? a.bios : "firmware";
  const flash = a.def.flash;
  if (!flash) throw usageError(`--bios: machine ${a.def.info.name} has no flash for firmware (QEMU's vexpress-a15 loads -bios into NOR flash, which armlet does not model)`);
  const bytes = readInputFile("firmware", a.bios);
  if (bytes.length === 0) throw imageError(`${name}: the file is empty`);
  if (bytes.length > Math.min(FLASH_BANK_BYTES, flash.size)) throw imageError(`${name}: firmware of ${bytes.length} bytes is larger than the 64 MiB flash bank`);
  const blobs: Blob[] = [{ addr: flash.base, bytes, name }];
  const d = a.def.linuxDtb?.({ numCpus: a.numCpus, ramBytes: a.ramBytes, cpu: a.cpu, topology: a.topology });
  if (d?.dtb && !("bytes" in d.dtb)) {
    const fdt = d.dtb;
    editDtbForBoot(fdt, { ramBase: a.def.boot.loaderStart, ramBytes: a.ramBytes, cmdline: a.append });
    d.modifyDtb?.(fdt);
    blobs.push({ addr: a.def.boot.loaderStart, bytes: serializeFdt(fdt, { padTo: d.dtbPadTo ?? 0 }), name: "dtb" });
  }
  return { blobs, entries: [{ pc: flash.base }], linux: false };
}
