// The `ram` section of QEMU's stream (../shared/spec/stream-format.md §6): a block list in
// the START record, then page records (zero pages as one fill byte, other pages raw) ending
// with EOS. armlet writes every page once in a single END record; reading accepts any number
// of PART/END records, later records overwriting earlier ones, as QEMU's loader does.
import { ByteReader, type ByteWriter } from "./bytes.js";

export const RAM_SAVE_FLAG_ZERO = 0x02;
export const RAM_SAVE_FLAG_MEM_SIZE = 0x04;
export const RAM_SAVE_FLAG_PAGE = 0x08;
export const RAM_SAVE_FLAG_EOS = 0x10;
export const RAM_SAVE_FLAG_CONTINUE = 0x20;
/** idstr, instance and version of the section. */
export const RAM_SECTION = { idstr: "ram", instanceId: 0, version: 4 } as const;

export interface RamBlock {
  name: string;
  bytes: Uint8Array;
  /** Known to read all zero (a new machine's RAM nothing has written): zero pages need no writes. */
  zeroed?: boolean;
}

/** START payload: total size | MEM_SIZE, each block's name and length, EOS. */
export function writeRamSetup(w: ByteWriter, blocks: readonly RamBlock[], pageSize: number): void {
  for (const b of blocks) if (b.bytes.length % pageSize) throw new Error(`RAM block ${b.name} is not a whole number of ${pageSize}-byte pages`);
  const total = blocks.reduce((s, b) => s + b.bytes.length, 0);
  w.u64(BigInt(total) | BigInt(RAM_SAVE_FLAG_MEM_SIZE));
  for (const b of blocks) { w.shortString(b.name); w.u64(BigInt(b.bytes.length)); }
  w.u64(BigInt(RAM_SAVE_FLAG_EOS));
}

/** A page of all zeros (checked a word at a time). */
function isZero(page: Uint8Array): boolean {
  if (page.byteOffset % 4 === 0 && page.length % 4 === 0) {
    const w = new Uint32Array(page.buffer, page.byteOffset, page.length / 4);
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) return false;
    return true;
  }
  for (let i = 0; i < page.length; i++) if (page[i] !== 0) return false;
  return true;
}

/**
 * Page records for every page of every block, then EOS. `emit` receives each record's
 * header bytes and, for data pages, a view of guest memory (not copied).
 */
export function writeRamPages(blocks: readonly RamBlock[], pageSize: number,
  emit: (header: ByteWriter) => void, header: () => ByteWriter, page: (bytes: Uint8Array) => void): void {
  for (const b of blocks) {
    let first = true;
    // One word view per block, no BigInt per record: a 512 MiB block is 131,072 records.
    const words = b.bytes.byteOffset % 4 === 0 && pageSize % 4 === 0 && b.bytes.length % pageSize === 0
      ? new Int32Array(b.bytes.buffer, b.bytes.byteOffset, b.bytes.length >> 2) : undefined;
    for (let off = 0; off < b.bytes.length; off += pageSize) {
      const end = Math.min(off + pageSize, b.bytes.length);
      const zero = words ? wordsZero(words, off >> 2, end >> 2) : isZero(b.bytes.subarray(off, end));
      const h = header();
      const flags = (zero ? RAM_SAVE_FLAG_ZERO : RAM_SAVE_FLAG_PAGE) | (first ? 0 : RAM_SAVE_FLAG_CONTINUE);
      h.u32(Math.floor(off / 2 ** 32));
      h.u32(((off >>> 0) | flags) >>> 0);
      if (first) h.shortString(b.name);
      first = false;
      if (zero) { h.u8(0); emit(h); } else { emit(h); page(b.bytes.subarray(off, end)); }
    }
  }
  const h = header();
  h.u64(BigInt(RAM_SAVE_FLAG_EOS));
  emit(h);
}

function wordsZero(w: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (w[i] !== 0) return false;
  return true;
}

/** What a stream says about RAM: the block list and where each page's contents are. */
export interface RamImage {
  blocks: { name: string; length: number }[];
  /** Page records in stream order: data at `src` in the stream buffer, or a fill byte. */
  pages: { block: string; offset: number; src: number; fill: number }[];
}

export function readRamSetup(r: ByteReader, image: RamImage): void {
  const at = r.pos;
  const word = r.u64("ram block list");
  if ((word & BigInt(RAM_SAVE_FLAG_MEM_SIZE)) === 0n) r.fail("ram: the setup record has no block list", at);
  let total = word & ~0x3ffn;
  for (;;) {
    const flags = r.peek();
    if (total === 0n) break;
    if (flags === undefined) r.fail("ram: the block list ends early");
    const name = r.shortString("ram block name");
    const len = r.u64(`ram block ${name} length`);
    if (len > total || len > BigInt(Number.MAX_SAFE_INTEGER)) r.fail(`ram: block ${name} of ${len} bytes exceeds the announced total`);
    if (image.blocks.some((b) => b.name === name)) r.fail(`ram: block ${name} listed twice`);
    image.blocks.push({ name, length: Number(len) });
    total -= len;
  }
  const eos = r.u64("ram EOS");
  if (eos !== BigInt(RAM_SAVE_FLAG_EOS)) r.fail(`ram: setup not ended by EOS (0x${eos.toString(16)})`, r.pos - 8);
}

/** One PART/END payload: page records until EOS. `last` is the CONTINUE block across records. */
export function readRamPages(r: ByteReader, image: RamImage, pageBits: number, state: { last?: string }): void {
  const pageSize = 1 << pageBits;
  const mask = pageSize - 1;
  for (;;) {
    const at = r.pos;
    // The record's 64-bit word as two numbers (no BigInt: a 512 MiB stream has 131,072 of them).
    const hi = r.u32("ram page record"), lo = r.u32("ram page record");
    const flags = lo & mask;
    const offset = hi * 2 ** 32 + ((lo & ~mask) >>> 0);
    if (flags === RAM_SAVE_FLAG_EOS) return;
    if (flags & ~(RAM_SAVE_FLAG_ZERO | RAM_SAVE_FLAG_PAGE | RAM_SAVE_FLAG_CONTINUE)) {
      r.fail(`ram: page record flags 0x${flags.toString(16)} (only zero and raw pages are supported)`, at);
    }
    let block: string | undefined;
    if (flags & RAM_SAVE_FLAG_CONTINUE) {
      block = state.last;
      if (block === undefined) r.fail("ram: a CONTINUE page record before any named block", at);
    } else {
      block = r.shortString("ram block name");
      state.last = block;
    }
    const b = image.blocks.find((x) => x.name === block);
    if (!b) r.fail(`ram: page of unknown block '${block}'`, at);
    if (offset >= b.length) r.fail(`ram: page at 0x${offset.toString(16)} is past the end of ${block} (${b.length} bytes)`, at);
    if (flags & RAM_SAVE_FLAG_ZERO) {
      image.pages.push({ block, offset, src: -1, fill: r.u8("zero page fill") });
    } else if (flags & RAM_SAVE_FLAG_PAGE) {
      const len = Math.min(pageSize, b.length - offset);
      image.pages.push({ block, offset, src: r.pos, fill: 0 });
      r.skip(len, `ram page of ${block} at 0x${offset.toString(16)}`);
    } else {
      r.fail(`ram: page record without ZERO or PAGE (flags 0x${flags.toString(16)})`, at);
    }
  }
}

/**
 * Copy a stream's pages into memory (after the whole stream was validated). Zero pages over a
 * block known to be zero are skipped, as QEMU skips them over memory that reads zero: writing,
 * or even reading, them would make the host commit every untouched page of a new machine's RAM
 * (1.6 s for 512 MiB).
 */
export function applyRamImage(image: RamImage, stream: Uint8Array, pageSize: number, target: (block: string) => RamBlock): void {
  const targets = new Map(image.blocks.map((b) => [b.name, target(b.name)]));
  for (const p of image.pages) {
    const { bytes: t, zeroed } = targets.get(p.block)!;
    const len = Math.min(pageSize, t.length - p.offset);
    if (p.src >= 0) t.set(stream.subarray(p.src, p.src + len), p.offset);
    else if (p.fill !== 0 || !zeroed) t.fill(p.fill, p.offset, p.offset + len);
  }
}
