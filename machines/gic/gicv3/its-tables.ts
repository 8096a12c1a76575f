// The ITS's tables in guest RAM, in QEMU 7.2's formats (hw/intc/gicv3_internal.h): where each
// table is (from GITS_BASER<n> / GITS_CBASER), how an index finds its entry (flat, or through a
// level-1 table of 8-byte descriptors), and the entries themselves. QEMU's TCG ITS caches none
// of them, so neither do we: every lookup reads RAM, and RAM is all a snapshot needs to carry.

/** Guest RAM as the ITS sees it (machines' GuestRam fits): null / false for a failed access. */
export interface ItsMemory {
  read(pa: number, len: number): Uint8Array | null;
  write(pa: number, bytes: Uint8Array): boolean | void;
}

export const PAGE_4K = 0x1000;
export const PAGE_16K = 0x4000;
export const PAGE_64K = 0x10000;
/** Level-1 descriptors of a two-level table: bit 63 valid, bits [50:0] the level-2 page. */
export const L1_ENTRY_SIZE = 8;
export const DTE_SIZE = 8;
export const CTE_SIZE = 8;
/** 12 bytes: an 8-byte low word and a 4-byte high word (GITS_TYPER.ITT_entry_size = 11). */
export const ITE_SIZE = 12;
export const CMDQ_ENTRY_SIZE = 32;

export const BASER_TYPE_DEVICE = 1;
export const BASER_TYPE_VPE = 2;
export const BASER_TYPE_COLLECTION = 4;

/** A table as extract_table_params derives it; numEntries 0 when its BASER is not Valid. */
export interface TableDesc {
  indirect: boolean;
  entrySize: number;
  pageSize: number;
  numEntries: number;
  baseAddr: number;
}

export interface CmdQueueDesc { numEntries: number; baseAddr: number }

export const emptyTable = (): TableDesc => ({ indirect: false, entrySize: 0, pageSize: 0, numEntries: 0, baseAddr: 0 });

const bits = (v: bigint, lo: number, len: number): number => Number((v >> BigInt(lo)) & ((1n << BigInt(len)) - 1n));

function baserBaseAddr(v: bigint, pageSize: number): number {
  if (pageSize === PAGE_64K) return bits(v, 16, 32) * 2 ** 16 + bits(v, 12, 4) * 2 ** 48;
  return bits(v, 12, 36) * 2 ** 12;
}

/**
 * The device and collection tables from GITS_BASER0..7 (QEMU's extract_table_params). Entry
 * counts use QEMU's 32-bit arithmetic (a huge two-level table wraps, as there) and are capped
 * at 2^16: DeviceIDs are 16 bits (Devbits 15), and CIL is 1 with CIDbits 15.
 */
export function tableParams(baser: ArrayLike<bigint>): { dt: TableDesc; ct: TableDesc } {
  const out = { dt: emptyTable(), ct: emptyTable() };
  for (let i = 0; i < 8; i++) {
    const v = baser[i];
    if (!v) continue;
    const type = bits(v, 56, 3);
    const td = type === BASER_TYPE_DEVICE ? out.dt : type === BASER_TYPE_COLLECTION ? out.ct : null;
    if (!td) continue; // the vPE table exists only on a GICv4 ITS
    Object.assign(td, emptyTable());
    if (!bits(v, 63, 1)) continue;
    const pageSize = [PAGE_4K, PAGE_16K, PAGE_64K, PAGE_64K][bits(v, 8, 2)];
    const numPages = bits(v, 0, 8) + 1;
    td.pageSize = pageSize;
    td.indirect = bits(v, 62, 1) === 1;
    td.entrySize = bits(v, 48, 5) + 1;
    td.baseAddr = baserBaseAddr(v, pageSize);
    const n = td.indirect
      ? u32(u32(numPages * pageSize / L1_ENTRY_SIZE) * Math.floor(pageSize / td.entrySize))
      : Math.floor(numPages * pageSize / td.entrySize);
    td.numEntries = Math.min(n, 1 << 16);
  }
  return out;
}

const u32 = (x: number): number => Math.floor(x) % 2 ** 32;

/** The command queue from GITS_CBASER (extract_cmdq_params): 4 KiB pages of 32-byte commands. */
export function cmdqParams(cbaser: bigint): CmdQueueDesc {
  if (!bits(cbaser, 63, 1)) return { numEntries: 0, baseAddr: 0 };
  return { numEntries: (bits(cbaser, 0, 8) + 1) * PAGE_4K / CMDQ_ENTRY_SIZE, baseAddr: bits(cbaser, 12, 40) * 2 ** 12 };
}

// ---- little-endian loads and stores; null / false is a memory transaction error ----

export function ldq(mem: ItsMemory, pa: number): bigint | null {
  const b = mem.read(pa, 8);
  return b ? new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true) : null;
}

export function ldl(mem: ItsMemory, pa: number): number | null {
  const b = mem.read(pa, 4);
  return b ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : null;
}

export function stq(mem: ItsMemory, pa: number, v: bigint): boolean {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return mem.write(pa, b) !== false;
}

export function stl(mem: ItsMemory, pa: number, v: number): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return mem.write(pa, b) !== false;
}

/** Sentinel of entryAddr: the level-1 descriptor is not valid (no entry; not an error). */
export const NO_ENTRY = -1;

/**
 * Where entry `idx` of a table lives (QEMU's table_entry_addr): null when reading the level-1
 * descriptor failed, NO_ENTRY when that descriptor is not valid.
 */
export function entryAddr(mem: ItsMemory, td: TableDesc, idx: number): number | null {
  if (!td.indirect) return td.baseAddr + idx * td.entrySize;
  const l1 = ldq(mem, td.baseAddr + Math.floor(idx / (td.pageSize / L1_ENTRY_SIZE)) * L1_ENTRY_SIZE);
  if (l1 === null) return null;
  if (!(l1 >> 63n)) return NO_ENTRY;
  const perPage = Math.floor(td.pageSize / td.entrySize);
  return Number(l1 & ((1n << 51n) - 1n)) + (idx % perPage) * td.entrySize;
}

// ---- entries: QEMU's layouts, bit for bit ----

/** Device table entry: bit 0 valid, [5:1] Size (EventID bits - 1), [49:6] ITT address >> 8. */
export interface DTEntry { valid: boolean; size: number; ittAddr: number }
/** Collection table entry: bit 0 valid, [16:1] RDbase (processor number). */
export interface CTEntry { valid: boolean; rdbase: number }
/**
 * Interrupt translation entry. Low word: bit 0 valid, bit 1 type (1 physical), [25:2] INTID,
 * [47:32] ICID, [63:48] vPEID; high word: [23:0] doorbell (1023 for physical ones).
 */
export interface ITEntry { valid: boolean; physical: boolean; intid: number; icid: number; vpeid: number; doorbell: number }

export const ITE_INVALID: ITEntry = { valid: false, physical: false, intid: 0, icid: 0, vpeid: 0, doorbell: 0 };

export function encodeDte(e: DTEntry): bigint {
  if (!e.valid) return 0n;
  return 1n | (BigInt(e.size & 0x1f) << 1n) | ((BigInt(Math.floor(e.ittAddr / 256)) & ((1n << 44n) - 1n)) << 6n);
}

export function decodeDte(v: bigint): DTEntry {
  return { valid: bits(v, 0, 1) === 1, size: bits(v, 1, 5), ittAddr: bits(v, 6, 44) * 256 };
}

export function encodeCte(e: CTEntry): bigint {
  return e.valid ? 1n | (BigInt(e.rdbase & 0xffff) << 1n) : 0n;
}

export function decodeCte(v: bigint): CTEntry {
  return { valid: bits(v, 0, 1) === 1, rdbase: bits(v, 1, 16) };
}

export function encodeIte(e: ITEntry): { lo: bigint; hi: number } {
  if (!e.valid) return { lo: 0n, hi: 0 };
  const lo = 1n | (BigInt(e.physical ? 1 : 0) << 1n) | (BigInt(e.intid & 0xffffff) << 2n)
    | (BigInt(e.icid & 0xffff) << 32n) | (BigInt(e.vpeid & 0xffff) << 48n);
  return { lo, hi: e.doorbell & 0xffffff };
}

export function decodeIte(lo: bigint, hi: number): ITEntry {
  return {
    valid: bits(lo, 0, 1) === 1, physical: bits(lo, 1, 1) === 1, intid: bits(lo, 2, 24),
    icid: bits(lo, 32, 16), vpeid: bits(lo, 48, 16), doorbell: hi & 0xffffff,
  };
}

// ---- table reads and writes (get_dte / update_dte ...): null / false on a memory error ----

/** A DTE; a missing level-2 page reads as an invalid entry. */
export function readDte(mem: ItsMemory, dt: TableDesc, devid: number): DTEntry | null {
  const a = entryAddr(mem, dt, devid);
  if (a === null) return null;
  if (a === NO_ENTRY) return { valid: false, size: 0, ittAddr: 0 };
  const v = ldq(mem, a);
  return v === null ? null : decodeDte(v);
}

/** Store a DTE; a missing level-2 page discards the write (success, as QEMU). */
export function writeDte(mem: ItsMemory, dt: TableDesc, devid: number, e: DTEntry): boolean {
  const a = entryAddr(mem, dt, devid);
  if (a === null) return false;
  return a === NO_ENTRY || stq(mem, a, encodeDte(e));
}

export function readCte(mem: ItsMemory, ct: TableDesc, icid: number): CTEntry | null {
  const a = entryAddr(mem, ct, icid);
  if (a === null) return null;
  if (a === NO_ENTRY) return { valid: false, rdbase: 0 };
  const v = ldq(mem, a);
  return v === null ? null : decodeCte(v);
}

export function writeCte(mem: ItsMemory, ct: TableDesc, icid: number, e: CTEntry): boolean {
  const a = entryAddr(mem, ct, icid);
  if (a === null) return false;
  return a === NO_ENTRY || stq(mem, a, encodeCte(e));
}

export function readIte(mem: ItsMemory, dte: DTEntry, eventid: number): ITEntry | null {
  const a = dte.ittAddr + eventid * ITE_SIZE;
  const lo = ldq(mem, a);
  if (lo === null) return null;
  const hi = ldl(mem, a + 8);
  return hi === null ? null : decodeIte(lo, hi);
}

export function writeIte(mem: ItsMemory, dte: DTEntry, eventid: number, e: ITEntry): boolean {
  const a = dte.ittAddr + eventid * ITE_SIZE;
  const { lo, hi } = encodeIte(e);
  return stq(mem, a, lo) && stl(mem, a + 8, hi);
}
