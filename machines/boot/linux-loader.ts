// Direct kernel boot, as QEMU 7.2's hw/arm/boot.c does it (../shared/spec/machines.md §3.1 for
// 32-bit ARM, §3.2 for AArch64 CPUs, whose raw images are arm64 Images: boot/arm64-image.ts):
// place the kernel, initrd and DTB (or ATAGS) in RAM, write the boot stub at loader_start and,
// for SMP boards without PSCI, the secondary holding pen. The result lists
// what to write where; the machine writes it at power-on and again on every reset (QEMU keeps
// these as ROM blobs that are copied back on reset), and sets the reset PCs.
import type { BootPlacement } from "../boards/board.js";
import { dtbError, imageError } from "../errors.js";
import { elfSegmentName, isElf, parseElf } from "./elf.js";
import {
  addSubnode, findCompatible, findNode, getU32, parseFdt, phandleOf, serializeFdt,
  setCells, setEmpty, setString, sizedCells, type Fdt,
} from "./fdt.js";
import { primaryStub, smpPen, wordsToBytes } from "./boot-stub.js";
import { IH_OS_LINUX, IH_TYPE_KERNEL_NOLOAD, UIMAGE_HEADER_SIZE, isUImage, parseUImage } from "./uimage.js";
import { placeRawKernel } from "./zimage.js";
import { aarch64Stub, parseArm64Image } from "./arm64-image.js";

const MiB = 1024 * 1024;
/** A uImage of type kernel_noload goes here, past the header (QEMU KERNEL_NOLOAD_ADDR). */
const KERNEL_NOLOAD_OFFSET = 0x02000000;
/** ATAGS live at loader_start + 0x100 when there is no DTB. */
const ATAGS_OFFSET = 0x100;
const DTB_ALIGN = 4096;
/** AArch64 kernels may map the DTB's whole 2 MiB block early: QEMU aligns it to 2 MiB. */
const DTB_ALIGN_AARCH64 = 2 * 1024 * 1024;
/** QEMU aligns the initrd to the target page: 1 KiB for qemu-system-arm, 4 KiB for
 *  qemu-system-aarch64's virt (minimum_page_bits 12). */
const TARGET_PAGE = 1024;
const TARGET_PAGE_AARCH64 = 4096;

export interface BootFile { name: string; bytes: Uint8Array }

export interface LoadLinuxOptions {
  kernel: BootFile;
  initrd?: BootFile;
  /** A DTB file (vexpress --dtb) or a tree the board built (virt); edited, then placed. */
  dtb?: BootFile | Fdt;
  /** --append; empty or absent leaves /chosen/bootargs as it is. */
  cmdline?: string;
  boot: BootPlacement;
  /** RAM size; RAM starts at boot.loaderStart. */
  ramBytes: number;
  numCpus?: number;
  /** The CPU is AArch64 (cortex-a57): raw images are arm64 Images, the stub is A64. */
  aarch64?: boolean;
  /** Board edits after the standard ones (QEMU's modify_dtb), e.g. addVirtioMmioNodes. */
  modifyDtb?: (fdt: Fdt) => void;
  /** totalsize of the DTB written: default for a file is QEMU's buffer size, (file + 10000) * 2,
   *  so the kernel reserves the same amount of memory for it; a built tree is written compact. */
  dtbPadTo?: number;
}

export interface BootBlob { name: string; addr: number; bytes: Uint8Array }

export interface LinuxBootResult {
  /** False for ELF images and non-Linux uImages: no stub, PC = entry, registers untouched. */
  isLinux: boolean;
  /** CPU 0's PC at every reset (loader_start for Linux), and whether it starts in Thumb. */
  pc: number;
  thumb: boolean;
  /** The kernel entry the stub jumps to (or the ELF/uImage entry). */
  entry: number;
  /** Reset PC of CPUs 1..n-1 (the pen), when there is one. */
  secondaryPc?: number;
  /** The boot register the pen polls; QEMU writes 0 to it on each secondary reset (on vexpress
   *  that is a SYS_FLAGSSET write, a no-op: the sysctl's own reset clears the flags). */
  bootReg?: number;
  /** Everything to write, in QEMU's order; rewrite all of them on every reset. */
  blobs: BootBlob[];
  kernel: { addr: number; size: number };
  initrd?: { addr: number; size: number };
  dtb?: { addr: number; size: number; fdt: Fdt };
  /** What the stub puts in r0..r2 (informational; the stub itself sets them). */
  regs: { r0: number; r1: number; r2: number };
}

export function loadLinux(opts: LoadLinuxOptions): LinuxBootResult {
  const { kernel, boot, ramBytes } = opts;
  const base = boot.loaderStart;
  const ramEnd = base + ramBytes;
  const numCpus = opts.numCpus ?? 1;
  const blobs: BootBlob[] = [];
  const k = kernel.bytes;

  // 1. ELF: not Linux. The DTB, if any, goes at the start of RAM when it fits below the image.
  if (isElf(k)) {
    const elf = parseElf(k, kernel.name);
    let low = Infinity, high = 0;
    for (const [i, s] of elf.segments.entries()) {
      const bytes = new Uint8Array(s.memsz);
      bytes.set(s.data);
      blobs.push({ name: elfSegmentName(kernel.name, i), addr: s.paddr, bytes });
      low = Math.min(low, s.paddr);
      high = Math.max(high, s.paddr + s.memsz);
    }
    const res: LinuxBootResult = {
      isLinux: false, pc: elf.entry >>> 0, thumb: elf.thumbEntry, entry: elf.entry >>> 0, blobs,
      kernel: { addr: low, size: high - low }, regs: { r0: 0, r1: 0, r2: 0 },
    };
    if (opts.dtb && (low > base || high < base)) {
      const limit = low < base ? 0 : low;
      const d = buildDtb(opts, 0, 0);
      if (!(limit > base && d.bytes.length > limit - base)) {
        blobs.push({ name: "dtb", addr: base, bytes: d.bytes });
        res.dtb = { addr: base, size: d.bytes.length, fdt: d.fdt };
      }
    }
    return res;
  }

  // 2. uImage, else 3. raw zImage/Image.
  let entry: number, kAddr: number, kData: Uint8Array, isLinux = true;
  let claimed: number | undefined;
  if (isUImage(k)) {
    const u = parseUImage(k, kernel.name, "kernel");
    kData = u.data;
    if (u.header.type === IH_TYPE_KERNEL_NOLOAD) {
      kAddr = base + KERNEL_NOLOAD_OFFSET + UIMAGE_HEADER_SIZE;
      entry = (u.header.entry + kAddr) >>> 0;
    } else {
      kAddr = u.header.load;
      entry = u.header.entry;
    }
    isLinux = u.header.os === IH_OS_LINUX;
    if (kAddr < base || kAddr + kData.length > ramEnd)
      throw imageError(`${kernel.name}: uImage load address 0x${hex(kAddr)} + ${kData.length} bytes lies outside RAM (0x${hex(base)}..0x${hex(ramEnd)})`);
  } else if (opts.aarch64) {
    const img = parseArm64Image(k, kernel.name);
    kData = img.data;
    kAddr = entry = base + img.loadOffset;
    claimed = img.size;
    if (img.loadOffset + Math.max(img.size, kData.length) > ramBytes)
      throw imageError(`${kernel.name}: kernel too large to fit in RAM (arm64 Image of ${Math.max(img.size, kData.length)} bytes at 0x${hex(kAddr)}, RAM size ${ramBytes})`);
  } else {
    kData = k;
    kAddr = entry = placeRawKernel(k, kernel.name, base, ramBytes);
  }
  if (kData.length > ramBytes)
    throw imageError(`${kernel.name}: kernel too large to fit in RAM (kernel size ${kData.length}, RAM size ${ramBytes})`);
  blobs.push({ name: kernel.name, addr: kAddr, bytes: kData });
  // An arm64 Image claims image_size bytes (its BSS follows the file's data).
  const kernelEnd = kAddr + (claimed ?? kData.length);

  if (!isLinux) {
    return {
      isLinux: false, pc: (entry & ~1) >>> 0, thumb: (entry & 1) === 1, entry, blobs,
      kernel: { addr: kAddr, size: kData.length }, regs: { r0: 0, r1: 0, r2: 0 },
    };
  }

  // initrd: halfway into small RAMs, 128 MiB in for larger ones; never over the kernel.
  let initrdStart = base + Math.min(Math.floor(ramBytes / 2), 128 * MiB);
  initrdStart = alignUp(Math.max(initrdStart, kernelEnd), opts.aarch64 ? TARGET_PAGE_AARCH64 : TARGET_PAGE);
  let initrd: { addr: number; size: number } | undefined;
  if (opts.initrd) {
    const f = opts.initrd;
    const data = isUImage(f.bytes) ? parseUImage(f.bytes, f.name, "ramdisk").data : f.bytes;
    if (initrdStart + data.length > ramEnd)
      throw imageError(`${f.name}: initrd too big to fit into RAM after the kernel (${data.length} bytes at 0x${hex(initrdStart)}, RAM ends at 0x${hex(ramEnd)})`);
    blobs.push({ name: f.name, addr: initrdStart, bytes: data });
    initrd = { addr: initrdStart, size: data.length };
  }
  const initrdSize = initrd?.size ?? 0;

  let argPtr: number;
  let dtb: LinuxBootResult["dtb"];
  if (opts.dtb) {
    const dtbStart = alignUp(initrdStart + initrdSize, opts.aarch64 ? DTB_ALIGN_AARCH64 : DTB_ALIGN);
    if (dtbStart >= ramEnd) throw dtbError("not enough space for the device tree after the kernel and initrd");
    const d = buildDtb(opts, initrd ? initrdStart : 0, initrdSize);
    if (dtbStart + d.bytes.length > ramEnd)
      throw dtbError(`${dtbName(opts.dtb)}: no room for the device tree (${d.bytes.length} bytes at 0x${hex(dtbStart)}, RAM ends at 0x${hex(ramEnd)})`);
    blobs.push({ name: "dtb", addr: dtbStart, bytes: d.bytes });
    dtb = { addr: dtbStart, size: d.bytes.length, fdt: d.fdt };
    argPtr = dtbStart;
  } else if (opts.aarch64) {
    throw dtbError("an AArch64 Linux kernel needs a device tree (arm64 has no ATAGS)");
  } else {
    if (ramBytes >= 2 ** 32) throw imageError("RAM must be smaller than 4 GiB to boot Linux with ATAGS (pass a device tree with --dtb)");
    argPtr = base + ATAGS_OFFSET;
    blobs.push({ name: "atags", addr: argPtr, bytes: buildAtags(base, ramBytes, initrd, opts.cmdline) });
  }

  if (opts.aarch64) {
    // x0 = DTB, x1..x3 = 0; the secondaries stay powered off until PSCI CPU_ON (no pen).
    blobs.push({ name: "bootloader", addr: base, bytes: wordsToBytes(aarch64Stub(argPtr, entry)) });
    return {
      isLinux: true, pc: base, thumb: false, entry, blobs,
      kernel: { addr: kAddr, size: kData.length }, initrd, dtb, regs: { r0: argPtr, r1: 0, r2: 0 },
    };
  }
  blobs.push({ name: "bootloader", addr: base, bytes: wordsToBytes(primaryStub(boot.boardId, argPtr, entry)) });
  let secondaryPc: number | undefined, bootReg: number | undefined;
  if (numCpus > 1 && boot.smpPen) {
    const pen = boot.smpPen;
    blobs.push({ name: "smpboot", addr: pen.penBase, bytes: wordsToBytes(smpPen(pen.gicCpuIf, pen.bootReg)) });
    secondaryPc = pen.penBase;
    bootReg = pen.bootReg;
  }
  return {
    isLinux: true, pc: base, thumb: false, entry, secondaryPc, bootReg, blobs,
    kernel: { addr: kAddr, size: kData.length }, initrd, dtb,
    regs: { r0: 0, r1: boot.boardId >>> 0, r2: argPtr },
  };
}

/**
 * Write the blobs into the memory regions that hold them (the first region is the machine's
 * RAM); a blob no region holds is a bad image, the one check for every image format and board.
 */
export function writeBlobs(blobs: BootBlob[], regions: { base: number; bytes: Uint8Array }[]): void {
  for (const b of blobs) {
    const r = regions.find((x) => b.addr >= x.base && b.addr + b.bytes.length <= x.base + x.bytes.length);
    if (!r) {
      const ram = regions[0];
      const where = ram ? ` (RAM is 0x${hex(ram.base)}..0x${hex(ram.base + ram.bytes.length - 1)})` : "";
      throw imageError(`${b.name}: 0x${hex(b.addr)}..0x${hex(b.addr + b.bytes.length - 1)} (${b.bytes.length} bytes) is not in RAM${where}`);
    }
    r.bytes.set(b.bytes, b.addr - r.base);
  }
}

export interface BootDtbEdits {
  ramBase: number;
  ramBytes: number;
  cmdline?: string;
  initrdStart?: number;
  initrdSize?: number;
}

/**
 * The edits QEMU's arm_load_dtb makes: the root's memory nodes are replaced by one
 * /memory@<base> with RAM's base and size in the root's cell sizes; /chosen is created if
 * missing and gets bootargs (non-empty command line) and linux,initrd-start/-end (one cell
 * each, as 7.2 writes them) when there is an initrd.
 */
export function editDtbForBoot(fdt: Fdt, e: BootDtbEdits, name = "device tree"): void {
  const root = fdt.root;
  const acells = getU32(root, "#address-cells");
  const scells = getU32(root, "#size-cells");
  if (acells === undefined || scells === undefined)
    throw dtbError(`${name}: the root node has no #address-cells or #size-cells`);
  if (acells === 0 || scells === 0) throw dtbError(`${name}: invalid device tree (#address-cells or #size-cells is 0)`);
  if (acells > 2 || scells > 2) throw dtbError(`${name}: unsupported root cell sizes (#address-cells ${acells}, #size-cells ${scells})`);
  if (scells < 2 && e.ramBytes >= 2 ** 32) throw dtbError(`${name}: device tree not compatible with RAM size >= 4 GiB (#size-cells is 1)`);

  // QEMU 7.2 drops the root's memory nodes only (a nested "memory@0" survives: checked).
  root.children = root.children.filter((c) => c.name !== "memory" && !c.name.startsWith("memory@"));
  const mem = addSubnode(root, `memory@${e.ramBase.toString(16)}`);
  setString(mem, "device_type", "memory");
  setCells(mem, "reg", [...sizedCells(acells, e.ramBase), ...sizedCells(scells, e.ramBytes)]);

  const chosen = findNode(fdt, "/chosen") ?? addSubnode(root, "chosen");
  if (e.cmdline) setString(chosen, "bootargs", e.cmdline);
  if (e.initrdSize) {
    const start = e.initrdStart ?? 0;
    setCells(chosen, "linux,initrd-start", sizedCells(1, start));
    setCells(chosen, "linux,initrd-end", sizedCells(1, start + e.initrdSize));
  }
}

export interface VirtioMmioNodes {
  base: number;
  count: number;
  /** Distance between transports and the size of each (vexpress: 0x200 both). */
  stride: number;
  size: number;
  /** SPI number (ID - 32) of transport 0; transport i uses firstSpi + i, edge triggered. */
  firstSpi: number;
}

/**
 * vexpress's modify_dtb: one virtio_mmio@<addr> node per transport, lowest address first,
 * wired to the first GIC node (compatible "arm,cortex-a9-gic"). Not used until virtio-mmio is
 * modelled. Returns false (tree unchanged) when the DTB has no such interrupt controller.
 */
export function addVirtioMmioNodes(fdt: Fdt, v: VirtioMmioNodes): boolean {
  const gic = findCompatible(fdt, "arm,cortex-a9-gic");
  const ph = gic && phandleOf(gic);
  if (ph === undefined) return false;
  const acells = getU32(fdt.root, "#address-cells") ?? 2;
  const scells = getU32(fdt.root, "#size-cells") ?? 1;
  for (let i = v.count - 1; i >= 0; i--) {
    const addr = v.base + i * v.stride;
    const n = addSubnode(fdt.root, `virtio_mmio@${addr.toString(16)}`);
    setString(n, "compatible", "virtio,mmio");
    setCells(n, "reg", [...sizedCells(acells, addr), ...sizedCells(scells, v.size)]);
    setCells(n, "interrupt-parent", [ph]);
    setCells(n, "interrupts", [0, v.firstSpi + i, 1]);
    setEmpty(n, "dma-coherent");
  }
  return true;
}

function buildDtb(opts: LoadLinuxOptions, initrdStart: number, initrdSize: number): { fdt: Fdt; bytes: Uint8Array } {
  const src = opts.dtb!;
  const isFile = "bytes" in src;
  const name = dtbName(src);
  const fdt = isFile ? parseFdt(src.bytes, name) : src;
  editDtbForBoot(fdt, { ramBase: opts.boot.loaderStart, ramBytes: opts.ramBytes, cmdline: opts.cmdline, initrdStart, initrdSize }, name);
  opts.modifyDtb?.(fdt);
  const padTo = opts.dtbPadTo ?? (isFile ? (src.bytes.length + 10000) * 2 : 0);
  return { fdt, bytes: serializeFdt(fdt, { padTo }) };
}

function dtbName(d: BootFile | Fdt): string {
  return "bytes" in d ? d.name : "device tree";
}

/** ATAG list (Documentation/arm/booting): CORE, MEM, INITRD2, CMDLINE, END. */
function buildAtags(base: number, ramBytes: number, initrd: { addr: number; size: number } | undefined, cmdline?: string): Uint8Array {
  const words: number[] = [5, 0x54410001, 1, 0x1000, 0, 4, 0x54410002, ramBytes >>> 0, base >>> 0];
  if (initrd && initrd.size) words.push(4, 0x54420005, initrd.addr >>> 0, initrd.size >>> 0);
  let cmd: Uint8Array | undefined;
  let cmdAt = 0;
  if (cmdline) {
    cmd = new TextEncoder().encode(cmdline);
    const n = (cmd.length >> 2) + 1;
    words.push(n + 2, 0x54410009);
    cmdAt = words.length * 4;
    for (let i = 0; i < n; i++) words.push(0);
  }
  words.push(0, 0);
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  if (cmd) out.set(cmd, cmdAt);
  return out;
}

function alignUp(v: number, a: number): number { return Math.ceil(v / a) * a; }
function hex(n: number): string { return n.toString(16).padStart(8, "0"); }
