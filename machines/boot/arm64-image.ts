// arm64 Linux kernels for QEMU 7.2's direct boot (hw/arm/boot.c load_aarch64_image,
// ../shared/spec/machines.md §3.2): an Image, optionally gzip-compressed (the loader
// decompresses: arm64 kernels do not decompress themselves). The header's text_offset and
// image_size say where the image goes and how much memory it claims; without the header
// (pre-3.17 kernels, raw binaries) it goes at RAM + 0x80000 and claims its file size.
// Like zimage.ts we refuse files that are clearly something else.
import { gunzipSync } from "node:zlib";
import { imageError } from "../errors.js";
import { ZIMAGE_MAGIC } from "./zimage.js";

/** Header fields (Documentation/arch/arm64/booting.rst): little-endian u64s. */
export const ARM64_TEXT_OFFSET_AT = 8;
export const ARM64_IMAGE_SIZE_AT = 16;
export const ARM64_MAGIC_AT = 0x38;
export const ARM64_MAGIC = "ARM\x64";
/** Load offset of an image without a usable header (QEMU KERNEL64_LOAD_ADDR). */
export const KERNEL64_LOAD_OFFSET = 0x80000;
/** QEMU's stub occupies the bottom 4 KiB of RAM; an image asking for less moves up 2 MiB. */
export const BOOTLOADER_MAX_SIZE = 4096;
/** QEMU gunzips at most this much (LOAD_IMAGE_MAX_GUNZIP_BYTES). */
export const MAX_GUNZIP_BYTES = 256 * 2 ** 20;

export interface Arm64Image {
  /** The bytes to load (decompressed when the file was gzip). */
  data: Uint8Array;
  gzipped: boolean;
  /** The "ARM\x64" magic was found. */
  hasHeader: boolean;
  /** Offset of the load address from the start of RAM (= entry offset). */
  loadOffset: number;
  /** Memory the kernel claims from its load address: image_size, else the data size. */
  size: number;
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Decode an arm64 kernel file (not ELF, not uImage: those are handled before). */
export function parseArm64Image(file: Uint8Array, name: string): Arm64Image {
  if (file.length === 0) throw imageError(`${name}: the file is empty`);
  let data = file;
  const gzipped = isGzip(file);
  if (gzipped) {
    try {
      data = new Uint8Array(gunzipSync(file, { maxOutputLength: MAX_GUNZIP_BYTES }));
    } catch (e) {
      // QEMU would load the undecodable bytes raw and the guest would crash; say why instead.
      throw imageError(`${name}: a gzip file that does not decompress (${(e as Error).message})`);
    }
    if (data.length === 0) throw imageError(`${name}: the gzip file decompresses to nothing`);
  }
  const why = notAnArm64Kernel(data);
  if (why) throw imageError(`${name}: not a usable arm64 kernel image: ${why}${gzipped ? " (after gunzip)" : ""}`);

  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // QEMU wants the file longer than the magic's end (size > 56 + 4).
  const hasHeader = data.length > ARM64_MAGIC_AT + 4 && ascii(data, ARM64_MAGIC_AT, 4) === ARM64_MAGIC;
  let loadOffset = KERNEL64_LOAD_OFFSET, size = 0;
  if (hasHeader) {
    size = u64(dv, ARM64_IMAGE_SIZE_AT);
    if (size !== 0) {
      // text_offset is only meaningful with a non-zero image_size (kernels from 3.17 on).
      loadOffset = u64(dv, ARM64_TEXT_OFFSET_AT);
      if (loadOffset < BOOTLOADER_MAX_SIZE) loadOffset += 2 * 2 ** 20;
    }
  }
  if (size === 0) size = data.length;
  return { data, gzipped, hasHeader, loadOffset, size };
}

/** Why `b` is clearly not an arm64 kernel, or undefined if it may be one. */
export function notAnArm64Kernel(b: Uint8Array): string | undefined {
  if (b.length >= 0x28 && new DataView(b.buffer, b.byteOffset).getUint32(0x24, true) === ZIMAGE_MAGIC)
    return "a 32-bit ARM zImage (the Cortex-A57 boots 64-bit kernels: use an arm64 Image)";
  if (isGzip(b)) return "a gzip file inside a gzip file";
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0x0d && b[2] === 0xfe && b[3] === 0xed) return "a device tree blob, not a kernel (pass it with --dtb)";
  if (b.length >= 6 && ascii(b, 0, 6) === "070701") return "a cpio archive, not a kernel (pass it with --initrd)";
  return undefined;
}

/** A u64 header field as a number; values past 2^53 cannot be a load offset in any RAM. */
function u64(dv: DataView, at: number): number {
  const v = dv.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw imageError(`arm64 Image header field at ${at} is 0x${v.toString(16)}: too large for any RAM`);
  return Number(v);
}

function ascii(b: Uint8Array, o: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[o + i]);
  return s;
}

/**
 * The stub QEMU writes at loader_start for AArch64 (bootloader_aarch64, 10 words):
 *   +0x00  ldr x0, +0x18   ; DTB address
 *   +0x04  mov x1, xzr
 *   +0x08  mov x2, xzr
 *   +0x0c  mov x3, xzr
 *   +0x10  ldr x4, +0x20   ; kernel entry
 *   +0x14  br x4
 *   +0x18  DTB address (lo, hi)
 *   +0x20  kernel entry (lo, hi)
 */
export function aarch64Stub(dtbAddr: number, entry: number): Uint32Array {
  const hi = (v: number) => Math.floor(v / 2 ** 32) >>> 0;
  return Uint32Array.of(
    0x580000c0, // ldr x0, arg
    0xaa1f03e1, // mov x1, xzr
    0xaa1f03e2, // mov x2, xzr
    0xaa1f03e3, // mov x3, xzr
    0x58000084, // ldr x4, entry
    0xd61f0080, // br x4
    dtbAddr >>> 0, hi(dtbAddr),
    entry >>> 0, hi(entry),
  );
}
