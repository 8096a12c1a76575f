// ELF32 little-endian ARM executables: the loadable segments and the entry point.
import { imageError } from "../errors.js";

export interface LoadSegment { paddr: number; data: Uint8Array; memsz: number }
export interface ElfImage { entry: number; segments: LoadSegment[]; thumbEntry: boolean }

const PT_LOAD = 1;
const EM_ARM = 40;

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
  if (bytes[4] !== 1) throw bad(bytes[4] === 2 ? "64-bit ELF (this CPU runs 32-bit images)" : "bad ELF class");
  if (bytes[5] !== 1) throw bad("big-endian ELF is not supported");
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
  return { entry: entry & ~1, thumbEntry: (entry & 1) === 1, segments };
}
