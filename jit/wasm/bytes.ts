// A growable byte buffer for emitting wasm: one preallocated Uint8Array reused across modules
// (reset() keeps the storage), LEB128 with number fast paths, names, and size placeholders.
// The JIT emits many small modules at run time, so nothing here allocates per byte.

const textEncoder = new TextEncoder();

export class ByteWriter {
  buf: Uint8Array<ArrayBuffer>;
  pos = 0;
  private view: DataView;

  constructor(initialCapacity = 4096) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Empty the buffer; the storage (and its grown size) is kept for the next module. */
  reset(): void { this.pos = 0; }

  get length(): number { return this.pos; }

  /** Make room for `n` more bytes, doubling so the amortised cost stays O(1) per byte. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(b: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Two bytes at once: the common opcode + one-byte immediate case. */
  u8x2(a: number, b: number): void {
    if (this.pos + 2 > this.buf.length) this.ensure(2);
    this.buf[this.pos++] = a;
    this.buf[this.pos++] = b;
  }

  bytes(src: ArrayLike<number>): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** Unsigned LEB128 of a u32 (values are taken modulo 2^32). */
  u32(v: number): void {
    v >>>= 0;
    if (v < 0x80) { this.u8(v); return; }
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      b[p++] = byte;
    } while (v !== 0);
    this.pos = p;
  }

  /** Signed LEB128 of an i32 (values are taken modulo 2^32, as i32.const does). */
  s32(v: number): void {
    v |= 0;
    if (v >= -64 && v < 64) { this.u8(v & 0x7f); return; }
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) { b[p++] = byte; break; }
      b[p++] = byte | 0x80;
    }
    this.pos = p;
  }

  /**
   * Signed LEB128 of an i64. Safe-integer numbers take a float-arithmetic path (no BigInt);
   * a bigint is taken modulo 2^64 as a two's-complement value, so 2^64-1n encodes as -1.
   */
  s64(v: number | bigint): void {
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) throw new RangeError(`s64: ${v} is not a safe integer; pass a bigint`);
      if (v >= -0x8000_0000 && v <= 0x7fff_ffff) { this.s32(v); return; }
      this.ensure(10);
      for (;;) {
        const byte = ((v % 128) + 128) % 128;
        v = Math.floor(v / 128);
        if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) { this.buf[this.pos++] = byte; return; }
        this.buf[this.pos++] = byte | 0x80;
      }
    }
    let x = BigInt.asIntN(64, v);
    if (x >= -0x8000_0000n && x <= 0x7fff_ffffn) { this.s32(Number(x)); return; }
    this.ensure(10);
    for (;;) {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (byte & 0x40) === 0) || (x === -1n && (byte & 0x40) !== 0)) { this.buf[this.pos++] = byte; return; }
      this.buf[this.pos++] = byte | 0x80;
    }
  }

  /** Unsigned LEB128 of a u64 (safe-integer number or bigint taken modulo 2^64). */
  u64(v: number | bigint): void {
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`u64: ${v} is not a non-negative safe integer`);
      if (v <= 0xffff_ffff) { this.u32(v); return; }
      this.ensure(10);
      do {
        const byte = v % 128;
        v = Math.floor(v / 128);
        this.buf[this.pos++] = v !== 0 ? byte | 0x80 : byte;
      } while (v !== 0);
      return;
    }
    let x = BigInt.asUintN(64, v);
    this.ensure(10);
    do {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      this.buf[this.pos++] = x !== 0n ? byte | 0x80 : byte;
    } while (x !== 0n);
  }

  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** A wasm name: u32 byte length then UTF-8. ASCII (every name the JIT makes) skips the encoder. */
  name(s: string): void {
    const n = s.length;
    let ascii = true;
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 0x7f) { ascii = false; break; }
    if (!ascii) { const utf8 = textEncoder.encode(s); this.u32(utf8.length); this.bytes(utf8); return; }
    this.u32(n);
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** Reserve a 5-byte u32 LEB for a size known later; returns its position for patchU32/endSize. */
  reserveU32(): number {
    this.ensure(5);
    const at = this.pos;
    this.pos += 5;
    return at;
  }

  /** Fill a reserved slot with a padded 5-byte LEB (valid wasm, no bytes move). */
  patchU32(at: number, v: number): void {
    writePaddedU32(this.buf, at, v);
  }

  /**
   * Close a size slot opened by reserveU32: the size is everything written after the slot.
   * `compact` rewrites it minimally and moves the content down (in place), so the output is
   * canonical, byte-equal to wat2wasm's; otherwise the padded form is left.
   */
  endSize(at: number, compact = true): number {
    const size = this.pos - at - 5;
    if (!compact) { writePaddedU32(this.buf, at, size); return size; }
    const n = u32Size(size);
    if (n < 5) this.buf.copyWithin(at + n, at + 5, this.pos);
    let v = size;
    for (let i = 0; i < n; i++) { this.buf[at + i] = (v & 0x7f) | (i < n - 1 ? 0x80 : 0); v >>>= 7; }
    this.pos -= 5 - n;
    return size;
  }

  /** A view of the written bytes (valid until the next write or reset). */
  written(): Uint8Array<ArrayBuffer> { return this.buf.subarray(0, this.pos); }

  /** A copy of the written bytes, owned by the caller (what WebAssembly.compile keeps). */
  toBytes(): Uint8Array<ArrayBuffer> { return this.buf.slice(0, this.pos); }
}

/** Bytes a u32 takes as minimal unsigned LEB128. */
export function u32Size(v: number): number {
  v >>>= 0;
  return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
}

function writePaddedU32(buf: Uint8Array, at: number, v: number): void {
  v >>>= 0;
  buf[at] = (v & 0x7f) | 0x80;
  buf[at + 1] = ((v >>> 7) & 0x7f) | 0x80;
  buf[at + 2] = ((v >>> 14) & 0x7f) | 0x80;
  buf[at + 3] = ((v >>> 21) & 0x7f) | 0x80;
  buf[at + 4] = (v >>> 28) & 0x0f;
}
