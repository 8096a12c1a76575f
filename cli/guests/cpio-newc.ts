// A cpio archive in the "newc" format (the one the Linux kernel unpacks as initramfs), written
// the way GNU cpio writes it with `-o -H newc -R 0:0 --reproducible`: inode numbers counted
// from 0 in archive order, device numbers 0, a TRAILER!!! entry, the whole padded with zeros to
// a multiple of 512 bytes (cpio's block), header fields in upper-case hex. Same entries in,
// same bytes out as GNU cpio.

export interface CpioEntry {
  /** Path inside the archive, without a leading "./" or "/". */
  name: string;
  /** st_mode: type and permission bits, e.g. 0o40755 (directory), 0o100755 (executable file). */
  mode: number;
  data?: Uint8Array;
  /** Link count as cpio reads it from stat: 2 + subdirectories for a directory, 1 for a file. */
  nlink?: number;
  mtime?: number;
  uid?: number;
  gid?: number;
}

const MAGIC = "070701";
const BLOCK = 512;

export function newcArchive(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  const push = (b: Buffer) => { parts.push(b); length += b.length; };
  const align4 = () => { if (length % 4) push(Buffer.alloc(4 - (length % 4))); };
  const put = (e: CpioEntry, ino: number) => {
    const name = Buffer.from(`${e.name}\0`, "utf8");
    const data = e.data ?? new Uint8Array(0);
    const fields = [ino, e.mode, e.uid ?? 0, e.gid ?? 0, e.nlink ?? 1, e.mtime ?? 0, data.length,
      0, 0, 0, 0, name.length, 0]; // dev major/minor, rdev major/minor, namesize, check
    push(Buffer.from(MAGIC + fields.map(hex8).join(""), "latin1"));
    push(name);
    align4();
    push(Buffer.from(data.buffer, data.byteOffset, data.length));
    align4();
  };
  entries.forEach((e, i) => put(e, i));
  put({ name: "TRAILER!!!", mode: 0 }, 0);
  if (length % BLOCK) push(Buffer.alloc(BLOCK - (length % BLOCK)));
  return Buffer.concat(parts, length);
}

function hex8(v: number): string {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`cpio newc field out of range: ${v}`);
  return v.toString(16).toUpperCase().padStart(8, "0");
}
