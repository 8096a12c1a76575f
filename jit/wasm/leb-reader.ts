// LEB128 decoding: the inverse of ByteWriter's encoders, for tests and for reading back
// emitted code (golden .wat dumps, debugging). Not on the JIT's hot path.

export interface Decoded<T> { value: T; next: number }

export function readU32(b: Uint8Array, at: number): Decoded<number> {
  let v = 0, shift = 0, p = at;
  for (;;) {
    if (p >= b.length || shift > 28) throw new RangeError(`u32 LEB at ${at}: truncated or too long`);
    const byte = b[p++];
    v |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: v >>> 0, next: p };
    shift += 7;
  }
}

export function readS32(b: Uint8Array, at: number): Decoded<number> {
  let v = 0, shift = 0, p = at, byte: number;
  do {
    if (p >= b.length || shift > 28) throw new RangeError(`s32 LEB at ${at}: truncated or too long`);
    byte = b[p++];
    v |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (shift < 32 && (byte & 0x40)) v |= -1 << shift;
  return { value: v | 0, next: p };
}

export function readS64(b: Uint8Array, at: number): Decoded<bigint> {
  let v = 0n, shift = 0n, p = at, byte: number;
  do {
    if (p >= b.length || shift > 63n) throw new RangeError(`s64 LEB at ${at}: truncated or too long`);
    byte = b[p++];
    v |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (shift < 64n && (byte & 0x40)) v |= -1n << shift;
  return { value: BigInt.asIntN(64, v), next: p };
}

export function readU64(b: Uint8Array, at: number): Decoded<bigint> {
  let v = 0n, shift = 0n, p = at, byte: number;
  do {
    if (p >= b.length || shift > 63n) throw new RangeError(`u64 LEB at ${at}: truncated or too long`);
    byte = b[p++];
    v |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  return { value: BigInt.asUintN(64, v), next: p };
}
