// Raw 32-bit ARM Linux images: a self-decompressing zImage or an uncompressed Image. QEMU
// loads any file that is neither ELF nor uImage as raw bytes at loader_start + 0x10000 and
// jumps there; we do the same, but refuse files that are clearly something else (a gzip or
// cpio archive, a DTB, an arm64 Image) so the mistake is reported instead of crashing the guest.
import { imageError } from "../errors.js";

/** Offset of a raw kernel from the start of RAM (QEMU KERNEL_LOAD_ADDR). */
export const KERNEL_LOAD_OFFSET = 0x10000;
export const ZIMAGE_MAGIC = 0x016f2818;

export interface ZImageInfo {
  /** The zImage header (magic at 0x24) was found. */
  isZImage: boolean;
  /** From the header: the image's own start/end link addresses (0 for a relocatable zImage). */
  start: number;
  end: number;
  /** Magic found byte-swapped: a big-endian kernel. */
  bigEndian: boolean;
}

export function zImageInfo(bytes: Uint8Array): ZImageInfo {
  if (bytes.length < 0x30) return { isZImage: false, start: 0, end: 0, bigEndian: false };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dv.getUint32(0x24, true);
  if (le === ZIMAGE_MAGIC) return { isZImage: true, start: dv.getUint32(0x28, true), end: dv.getUint32(0x2c, true), bigEndian: false };
  if (dv.getUint32(0x24, false) === ZIMAGE_MAGIC) return { isZImage: true, start: dv.getUint32(0x28, false), end: dv.getUint32(0x2c, false), bigEndian: true };
  return { isZImage: false, start: 0, end: 0, bigEndian: false };
}

/** Why `bytes` is clearly not a 32-bit ARM kernel, or undefined if it may be one. */
export function notAKernel(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return "the file is empty";
  const z = zImageInfo(bytes);
  if (z.isZImage) {
    if (z.bigEndian) return "a big-endian zImage (this machine is little-endian)";
    // The header's start/end (0x28/0x2c) give the image's size; a shorter file is cut off, and
    // its decompressor would read past the end (QEMU 7.2 loads it anyway: the guest hangs).
    const size = (z.end - z.start) >>> 0;
    if (z.end > z.start && bytes.length < size) return `a truncated zImage: its header (end - start at 0x2c/0x28) says ${size} bytes, the file has ${bytes.length}`;
    return undefined;
  }
  const b = bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return "a gzip-compressed file, not a zImage (32-bit ARM kernels decompress themselves: use the zImage, or gunzip it first)";
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0x0d && b[2] === 0xfe && b[3] === 0xed) return "a device tree blob, not a kernel (pass it with --dtb)";
  if (b.length >= 6 && ascii(b, 0, 6) === "070701") return "a cpio archive, not a kernel (pass it with --initrd)";
  if (b.length >= 60 && ascii(b, 56, 4) === "ARM\x64") return "an arm64 Image (this machine runs 32-bit kernels)";
  return undefined;
}

/** Check a raw kernel image and return its load address (= entry). */
export function placeRawKernel(bytes: Uint8Array, fileName: string, ramBase: number, ramBytes: number): number {
  const why = notAKernel(bytes);
  if (why) throw imageError(`${fileName}: not a usable kernel image: ${why}`);
  const addr = ramBase + KERNEL_LOAD_OFFSET;
  if (KERNEL_LOAD_OFFSET + bytes.length > ramBytes) {
    const what = zImageInfo(bytes).isZImage ? "zImage" : "raw image (no zImage magic 0x016f2818 at offset 0x24)";
    throw imageError(`${fileName}: kernel too large to fit in RAM: ${what} of ${bytes.length} bytes at 0x${addr.toString(16)}, RAM is ${ramBytes} bytes`);
  }
  return addr;
}

function ascii(b: Uint8Array, o: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[o + i]);
  return s;
}
