// U-Boot legacy images ("uImage"): a 64-byte big-endian header in front of the payload.
// Kernel images are loaded at the header's load address (compression none or gzip); ramdisk
// images at the initrd address. Unlike QEMU (which ignores them) we check both CRCs, so a
// damaged file is reported instead of booted.
import { crc32, gunzipSync } from "node:zlib";
import { imageError } from "../errors.js";

export const UIMAGE_MAGIC = 0x27051956;
export const UIMAGE_HEADER_SIZE = 64;
export const IH_OS_LINUX = 5;
export const IH_ARCH_ARM = 2;
export const IH_TYPE_KERNEL = 2;
export const IH_TYPE_RAMDISK = 3;
export const IH_TYPE_KERNEL_NOLOAD = 14;
export const IH_COMP_NONE = 0;
export const IH_COMP_GZIP = 1;
/** QEMU refuses to inflate more than this (hw/core/loader.c UBOOT_MAX_GUNZIP_BYTES). */
export const UIMAGE_MAX_GUNZIP = 64 << 20;

export interface UImageHeader {
  headerCrc: number;
  time: number;
  size: number;
  load: number;
  entry: number;
  dataCrc: number;
  os: number;
  arch: number;
  type: number;
  comp: number;
  name: string;
}

export interface UImage {
  header: UImageHeader;
  /** The payload, inflated when the header says gzip (kernel types only, as QEMU). */
  data: Uint8Array;
}

export function isUImage(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readBE(bytes, 0) === UIMAGE_MAGIC;
}

export function parseUImageHeader(bytes: Uint8Array): UImageHeader {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, UIMAGE_HEADER_SIZE);
  const u = (o: number) => dv.getUint32(o, false);
  let name = "";
  for (let i = 32; i < 64 && bytes[i] !== 0; i++) name += String.fromCharCode(bytes[i]);
  return {
    headerCrc: u(4), time: u(8), size: u(12), load: u(16), entry: u(20), dataCrc: u(24),
    os: bytes[28], arch: bytes[29], type: bytes[30], comp: bytes[31], name,
  };
}

/**
 * Parse and check a uImage. `want` is the image type the caller can use (kernel also
 * accepts kernel_noload). Every problem is an ImageError naming the file.
 */
export function parseUImage(bytes: Uint8Array, fileName: string, want: "kernel" | "ramdisk"): UImage {
  const bad = (why: string) => imageError(`${fileName}: bad U-Boot image: ${why}`);
  if (bytes.length < UIMAGE_HEADER_SIZE) throw bad(`${bytes.length} bytes is shorter than the 64-byte header`);
  if (!isUImage(bytes)) throw bad("no uImage magic 0x27051956");
  const header = parseUImageHeader(bytes);
  const hdr = bytes.slice(0, UIMAGE_HEADER_SIZE);
  hdr.fill(0, 4, 8); // the header CRC is computed with its own field zeroed
  const hcrc = crc32(hdr) >>> 0;
  if (hcrc !== header.headerCrc)
    throw bad(`header CRC mismatch (header says 0x${hex(header.headerCrc)}, computed 0x${hex(hcrc)})`);
  if (header.size > bytes.length - UIMAGE_HEADER_SIZE)
    throw bad(`payload of ${header.size} bytes but only ${bytes.length - UIMAGE_HEADER_SIZE} follow the header (truncated?)`);
  const payload = bytes.subarray(UIMAGE_HEADER_SIZE, UIMAGE_HEADER_SIZE + header.size);
  const dcrc = crc32(payload) >>> 0;
  if (dcrc !== header.dataCrc)
    throw bad(`data CRC mismatch (header says 0x${hex(header.dataCrc)}, computed 0x${hex(dcrc)})`);
  const okType = want === "kernel"
    ? header.type === IH_TYPE_KERNEL || header.type === IH_TYPE_KERNEL_NOLOAD
    : header.type === IH_TYPE_RAMDISK;
  if (!okType) throw bad(`image type ${typeName(header.type)}, expected ${want}`);
  if (header.arch !== IH_ARCH_ARM) throw bad(`architecture ${header.arch}, expected ARM (2)`);
  let data: Uint8Array = payload;
  if (want === "kernel") {
    if (header.comp === IH_COMP_GZIP) {
      try {
        data = gunzipSync(payload, { maxOutputLength: UIMAGE_MAX_GUNZIP });
      } catch (e) {
        throw bad(`gzip payload does not inflate (${(e as Error).message}; limit ${UIMAGE_MAX_GUNZIP} bytes)`);
      }
    } else if (header.comp !== IH_COMP_NONE) {
      throw bad(`compression type ${header.comp} is not supported (only none and gzip)`);
    }
  }
  return { header, data };
}

/** Build a uImage (used by tests and tools): CRCs filled in, payload stored as given. */
export function makeUImage(payload: Uint8Array, h: Partial<UImageHeader> & { type: number }): Uint8Array {
  const out = new Uint8Array(UIMAGE_HEADER_SIZE + payload.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, UIMAGE_MAGIC, false);
  dv.setUint32(8, h.time ?? 0, false);
  dv.setUint32(12, payload.length, false);
  dv.setUint32(16, h.load ?? 0, false);
  dv.setUint32(20, h.entry ?? 0, false);
  dv.setUint32(24, crc32(payload) >>> 0, false);
  out[28] = h.os ?? IH_OS_LINUX;
  out[29] = h.arch ?? IH_ARCH_ARM;
  out[30] = h.type;
  out[31] = h.comp ?? IH_COMP_NONE;
  const name = h.name ?? "";
  for (let i = 0; i < Math.min(name.length, 31); i++) out[32 + i] = name.charCodeAt(i) & 0xff;
  out.set(payload, UIMAGE_HEADER_SIZE);
  dv.setUint32(4, crc32(out.subarray(0, UIMAGE_HEADER_SIZE)) >>> 0, false);
  return out;
}

function typeName(t: number): string {
  const names: Record<number, string> = { 1: "standalone", 2: "kernel", 3: "ramdisk", 4: "multi", 5: "firmware", 6: "script", 7: "filesystem", 8: "flat_dt", 14: "kernel_noload" };
  return names[t] ? `${t} (${names[t]})` : String(t);
}

function readBE(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function hex(n: number): string { return (n >>> 0).toString(16).padStart(8, "0"); }
