// Minimal little-endian executable writers (ELF32 for ARM, ELF64 for AArch64): one PT_LOAD
// program header per segment, no sections. Enough for QEMU's -kernel loader and machines/boot/elf.ts.

export interface ElfSegment {
  /** Load address (virtual = physical). */
  addr: number;
  data: Uint8Array;
  /** Bytes in memory; the part beyond data is zero-filled. Defaults to data.length. */
  memsz?: number;
  /** PF_* flags; default read + write + execute. */
  flags?: number;
}

export const PF_X = 1, PF_W = 2, PF_R = 4;

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;

/** File offsets of the segments' data after the headers, and the file size. */
function layout(headerBytes: number, segments: ElfSegment[]): { offsets: number[]; size: number } {
  let offset = (headerBytes + 15) & ~15;
  const offsets: number[] = [];
  for (const s of segments) {
    offsets.push(offset);
    offset = (offset + s.data.length + 15) & ~15;
  }
  return { offsets, size: offset };
}

/** Build an executable ELF image (e_type EXEC, machine ARM, EABI version 5). */
export function writeElf32(entry: number, segments: ElfSegment[]): Uint8Array {
  const phoff = EHDR_SIZE;
  const { offsets, size } = layout(phoff + PHDR_SIZE * segments.length, segments);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1 /* 32-bit */, 1 /* LE */, 1 /* version */], 0);
  dv.setUint16(16, 2, true);                  // e_type = EXEC
  dv.setUint16(18, 40, true);                 // e_machine = ARM
  dv.setUint32(20, 1, true);                  // e_version
  dv.setUint32(24, entry >>> 0, true);        // e_entry
  dv.setUint32(28, phoff, true);              // e_phoff
  dv.setUint32(32, 0, true);                  // e_shoff
  dv.setUint32(36, 0x05000200, true);         // e_flags: EABI5, soft-float
  dv.setUint16(40, EHDR_SIZE, true);          // e_ehsize
  dv.setUint16(42, PHDR_SIZE, true);          // e_phentsize
  dv.setUint16(44, segments.length, true);    // e_phnum
  dv.setUint16(46, 40, true);                 // e_shentsize
  dv.setUint16(48, 0, true);                  // e_shnum
  dv.setUint16(50, 0, true);                  // e_shstrndx
  segments.forEach((s, i) => {
    const o = phoff + i * PHDR_SIZE;
    const memsz = s.memsz ?? s.data.length;
    if (memsz < s.data.length) throw new Error(`ELF segment ${i}: memsz < data length`);
    dv.setUint32(o + 0, 1, true);             // PT_LOAD
    dv.setUint32(o + 4, offsets[i], true);    // p_offset
    dv.setUint32(o + 8, s.addr >>> 0, true);  // p_vaddr
    dv.setUint32(o + 12, s.addr >>> 0, true); // p_paddr
    dv.setUint32(o + 16, s.data.length, true);
    dv.setUint32(o + 20, memsz, true);
    dv.setUint32(o + 24, s.flags ?? (PF_R | PF_W | PF_X), true);
    dv.setUint32(o + 28, 4, true);            // p_align
    out.set(s.data, offsets[i]);
  });
  return out;
}

const EHDR64_SIZE = 64;
const PHDR64_SIZE = 56;

/** Build an ELF64 executable for AArch64 (e_machine 183). Addresses below 2^53. */
export function writeElf64(entry: number, segments: ElfSegment[]): Uint8Array {
  const phoff = EHDR64_SIZE;
  const { offsets, size } = layout(phoff + PHDR64_SIZE * segments.length, segments);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  const u64 = (o: number, v: number) => dv.setBigUint64(o, BigInt(v), true);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2 /* 64-bit */, 1 /* LE */, 1 /* version */], 0);
  dv.setUint16(16, 2, true);                  // e_type = EXEC
  dv.setUint16(18, 183, true);                // e_machine = AArch64
  dv.setUint32(20, 1, true);                  // e_version
  u64(24, entry);                             // e_entry
  u64(32, phoff);                             // e_phoff
  u64(40, 0);                                 // e_shoff
  dv.setUint32(48, 0, true);                  // e_flags
  dv.setUint16(52, EHDR64_SIZE, true);        // e_ehsize
  dv.setUint16(54, PHDR64_SIZE, true);        // e_phentsize
  dv.setUint16(56, segments.length, true);    // e_phnum
  dv.setUint16(58, 64, true);                 // e_shentsize
  segments.forEach((s, i) => {
    const o = phoff + i * PHDR64_SIZE;
    const memsz = s.memsz ?? s.data.length;
    if (memsz < s.data.length) throw new Error(`ELF segment ${i}: memsz < data length`);
    dv.setUint32(o + 0, 1, true);             // PT_LOAD
    dv.setUint32(o + 4, s.flags ?? (PF_R | PF_W | PF_X), true);
    u64(o + 8, offsets[i]);                   // p_offset
    u64(o + 16, s.addr);                      // p_vaddr
    u64(o + 24, s.addr);                      // p_paddr
    u64(o + 32, s.data.length);               // p_filesz
    u64(o + 40, memsz);                       // p_memsz
    u64(o + 48, 4);                           // p_align
    out.set(s.data, offsets[i]);
  });
  return out;
}
