// Big-endian byte writer and bounds-checked reader for QEMU's migration stream (every integer
// in it is big-endian). A read past the end, or any other malformation, throws StreamError
// with the byte offset, so a loader can name where a stream went wrong.

export class StreamError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
    this.name = "StreamError";
  }
}

/** Growable output buffer. */
export class ByteWriter {
  private buf: Uint8Array;
  private dv: DataView;
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.dv = new DataView(this.buf.buffer);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }

  u8(v: number): void { this.room(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void { this.room(2); this.dv.setUint16(this.length, v & 0xffff); this.length += 2; }
  u32(v: number): void { this.room(4); this.dv.setUint32(this.length, v >>> 0); this.length += 4; }
  u64(v: bigint): void { this.room(8); this.dv.setBigUint64(this.length, BigInt.asUintN(64, v)); this.length += 8; }
  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; }
  zeros(n: number): void { this.room(n); this.buf.fill(0, this.length, this.length + n); this.length += n; }
  /** u8 length + ASCII (section idstrs, RAM block names). */
  shortString(s: string): void {
    const b = Buffer.from(s, "latin1");
    if (b.length > 255) throw new Error(`name too long for the stream: ${s}`);
    this.u8(b.length);
    this.bytes(b);
  }

  /** The bytes written so far (a view: copy before writing more if it must be kept). */
  view(): Uint8Array { return this.buf.subarray(0, this.length); }
}

/** Reader over a stream held in memory. */
export class ByteReader {
  private readonly dv: DataView;
  pos: number;

  constructor(readonly buf: Uint8Array, start = 0, readonly end = buf.length) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
  }

  get remaining(): number { return this.end - this.pos; }

  /** Fail unless n more bytes are there (`what` names the field for the message). */
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new StreamError(this.pos, `${what}: needs ${n} bytes, ${Math.max(0, this.end - this.pos)} left`);
    }
  }

  u8(what = "byte"): number { this.need(1, what); return this.buf[this.pos++]; }
  peek(): number | undefined { return this.pos < this.end ? this.buf[this.pos] : undefined; }
  u16(what = "u16"): number { this.need(2, what); const v = this.dv.getUint16(this.pos); this.pos += 2; return v; }
  u32(what = "u32"): number { this.need(4, what); const v = this.dv.getUint32(this.pos); this.pos += 4; return v; }
  u64(what = "u64"): bigint { this.need(8, what); const v = this.dv.getBigUint64(this.pos); this.pos += 8; return v; }
  bytes(n: number, what = "bytes"): Uint8Array { this.need(n, what); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  skip(n: number, what = "bytes"): void { this.need(n, what); this.pos += n; }
  shortString(what = "name"): string { const n = this.u8(`${what} length`); return Buffer.from(this.bytes(n, what)).toString("latin1"); }

  fail(message: string, at = this.pos): never { throw new StreamError(at, message); }
}
