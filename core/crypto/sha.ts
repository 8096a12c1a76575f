// The SHA-1 and SHA-256 step functions of the Armv8 crypto extension, on 4-word states held as
// little-endian 32-bit words (word 0 = register bits 31..0). Shared by any ISA front end.

@inline function rol(x: u32, n: u32): u32 { return rotl<u32>(x, n); }
@inline function ror(x: u32, n: u32): u32 { return rotr<u32>(x, n); }
@inline function choose(x: u32, y: u32, z: u32): u32 { return ((y ^ z) & x) ^ z; }
@inline function parity(x: u32, y: u32, z: u32): u32 { return x ^ y ^ z; }
@inline function majority(x: u32, y: u32, z: u32): u32 { return (x & y) | ((x | y) & z); }
@inline function w(p: usize, i: i32): u32 { return load<u32>(p + (<usize>i << 2)); }
@inline function setW(p: usize, i: i32, v: u32): void { store<u32>(p + (<usize>i << 2), v); }

export const SHA1_C = 0, SHA1_P = 1, SHA1_M = 2;

/** SHA1C/P/M: four rounds on abcd (at d, updated in place) with e and four schedule words. */
export function sha1Rounds(d: usize, e: u32, m: usize, op: i32): void {
  for (let i = 0; i < 4; i++) {
    const b = w(d, 1), c = w(d, 2), dd = w(d, 3);
    let t = op == SHA1_C ? choose(b, c, dd) : op == SHA1_P ? parity(b, c, dd) : majority(b, c, dd);
    t += rol(w(d, 0), 5) + e + w(m, i);
    e = dd;
    setW(d, 3, c);
    setW(d, 2, ror(b, 2));
    setW(d, 1, w(d, 0));
    setW(d, 0, t);
  }
}

/** SHA1SU1: second half of the schedule update, in place on d. */
export function sha1Su1(d: usize, n: usize): void {
  setW(d, 0, rol(w(d, 0) ^ w(n, 1), 1));
  setW(d, 1, rol(w(d, 1) ^ w(n, 2), 1));
  setW(d, 2, rol(w(d, 2) ^ w(n, 3), 1));
  setW(d, 3, rol(w(d, 3) ^ w(d, 0), 1));
}

@inline function bigS0(x: u32): u32 { return ror(x, 2) ^ ror(x, 13) ^ ror(x, 22); }
@inline function bigS1(x: u32): u32 { return ror(x, 6) ^ ror(x, 11) ^ ror(x, 25); }
@inline function smallS0(x: u32): u32 { return ror(x, 7) ^ ror(x, 18) ^ (x >>> 3); }
@inline function smallS1(x: u32): u32 { return ror(x, 17) ^ ror(x, 19) ^ (x >>> 10); }

/**
 * Four SHA-256 rounds on the state halves abcd and efgh (both updated in place) with schedule
 * words m. SHA256H keeps the new abcd, SHA256H2 the new efgh.
 */
export function sha256Rounds(abcd: usize, efgh: usize, m: usize): void {
  for (let i = 0; i < 4; i++) {
    const t1 = choose(w(efgh, 0), w(efgh, 1), w(efgh, 2)) + w(efgh, 3) + bigS1(w(efgh, 0)) + w(m, i);
    const t2 = majority(w(abcd, 0), w(abcd, 1), w(abcd, 2)) + bigS0(w(abcd, 0));
    const newE = w(abcd, 3) + t1;
    setW(efgh, 3, w(efgh, 2)); setW(efgh, 2, w(efgh, 1)); setW(efgh, 1, w(efgh, 0)); setW(efgh, 0, newE);
    setW(abcd, 3, w(abcd, 2)); setW(abcd, 2, w(abcd, 1)); setW(abcd, 1, w(abcd, 0)); setW(abcd, 0, t1 + t2);
  }
}

/** SHA256SU0, in place on d. */
export function sha256Su0(d: usize, n: usize): void {
  setW(d, 0, w(d, 0) + smallS0(w(d, 1)));
  setW(d, 1, w(d, 1) + smallS0(w(d, 2)));
  setW(d, 2, w(d, 2) + smallS0(w(d, 3)));
  setW(d, 3, w(d, 3) + smallS0(w(n, 0)));
}

/** SHA256SU1, in place on d. */
export function sha256Su1(d: usize, n: usize, m: usize): void {
  setW(d, 0, w(d, 0) + smallS1(w(m, 2)) + w(n, 1));
  setW(d, 1, w(d, 1) + smallS1(w(m, 3)) + w(n, 2));
  setW(d, 2, w(d, 2) + smallS1(w(d, 0)) + w(n, 3));
  setW(d, 3, w(d, 3) + smallS1(w(d, 1)) + w(m, 0));
}
