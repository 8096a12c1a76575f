// ELF little-endian executables: ELF32 for ARM (AArch32) and ELF64 for AArch64; the loadable
// segments and the entry point.
import { imageError } from "../errors.js";

export interface LoadSegment { paddr: number; data: Uint8Array; memsz: number }
export interface ElfImage { entry: number; segments: LoadSegment[]; thumbEntry: boolean; aarch64: boolean }

const PT_LOAD = 1;
const EM_ARM = 40;
const EM_AARCH64 = 183;

/** How a loaded segment is named in messages ("demo.elf segment 0"). */
export function elfSegmentName(file: string, index: number): string {
  return `${file} segment ${index}`;
}

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** Parse an ELF image; `name` is used in error messages. */
export function parseElf(bytes: Uint8Array, name: string): ElfImage {
  const bad = (why: string) => imageError(`${name}: not a usable ARM ELF image: ${why}`);
  if (!isElf(bytes)) throw bad("no ELF magic");
  if (bytes.length < 52) throw bad("truncated header");
  if (bytes[4] !== 1 && bytes[4] !== 2) throw bad("bad ELF class");
  if (bytes[5] !== 1) throw bad("big-endian ELF is not supported");
  if (bytes[4] === 2) return parseElf64(bytes, bad);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_ARM) throw bad(`machine type ${machine}, expected ARM (40)`);
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  if (phnum === 0) throw bad("no program headers");
  if (phentsize < 32 || phoff + phnum * phentsize > bytes.length) throw bad("program headers lie outside the file");
  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (dv.getUint32(o, true) !== PT_LOAD) continue;
    const offset = dv.getUint32(o + 4, true);
    const paddr = dv.getUint32(o + 12, true);
    const filesz = dv.getUint32(o + 16, true);
    const memsz = dv.getUint32(o + 20, true);
    if (offset + filesz > bytes.length) throw bad(`segment ${i} extends past the end of the file`);
    if (filesz > memsz) throw bad(`segment ${i} has filesz > memsz`);
    if (memsz === 0) continue;
    segments.push({ paddr, data: bytes.subarray(offset, offset + filesz), memsz });
  }
  if (segments.length === 0) throw bad("no loadable segments");
  return { entry: entry & ~1, thumbEntry: (entry & 1) === 1, segments, aarch64: false };
}

/** ELF64 for AArch64: the same, with 64-bit fields (addresses must fit a JavaScript number). */
function parseElf64(bytes: Uint8Array, bad: (why: string) => Error): ElfImage {
  if (bytes.length < 64) throw bad("truncated header");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_AARCH64) throw bad(`machine type ${machine}, expected AArch64 (183)`);
  const u64 = (o: number, what: string) => {
    const v = dv.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`${what} 0x${v.toString(16)} is out of range`);
    return Number(v);
  };
  const entry = u64(24, "entry point");
  const phoff = u64(32, "program header offset");
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  if (phnum === 0) throw bad("no program headers");
  if (phentsize < 56 || phoff + phnum * phentsize > bytes.length) throw bad("program headers lie outside the file");
  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (dv.getUint32(o, true) !== PT_LOAD) continue;
    const offset = u64(o + 8, `segment ${i} offset`);
    const paddr = u64(o + 24, `segment ${i} address`);
    const filesz = u64(o + 32, `segment ${i} size`);
    const memsz = u64(o + 40, `segment ${i} size`);
    if (offset + filesz > bytes.length) throw bad(`segment ${i} extends past the end of the file`);
    if (filesz > memsz) throw bad(`segment ${i} has filesz > memsz`);
    if (memsz === 0) continue;
    segments.push({ paddr, data: bytes.subarray(offset, offset + filesz), memsz });
  }
  if (segments.length === 0) throw bad("no loadable segments");
  return { entry, thumbEntry: false, segments, aarch64: true };
}
