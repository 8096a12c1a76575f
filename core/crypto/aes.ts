// AES round primitives on a 16-byte state (FIPS-197 column-major byte order, byte 0 = bits 7..0
// of the register), as the Armv8 crypto extension applies them: AESE/AESD are AddRoundKey then
// (Inv)ShiftRows and (Inv)SubBytes; AESMC/AESIMC are (Inv)MixColumns. Shared by any ISA front end.

const SBOX = memory.data(256);
const INV_SBOX = memory.data(256);
let ready = false;

/** Multiply by x in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
@inline function xtime(b: u32): u32 { return ((b << 1) ^ ((b & 0x80) != 0 ? 0x1b : 0)) & 0xff; }

function gmul(a: u32, b: u32): u32 {
  let r: u32 = 0;
  for (let i = 0; i < 8; i++) {
    if ((b & 1) != 0) r ^= a;
    a = xtime(a);
    b >>>= 1;
  }
  return r;
}

/** Builds the S-box from its definition (multiplicative inverse, then the affine map). */
function init(): void {
  for (let x: u32 = 0; x < 256; x++) {
    let inv: u32 = 0;
    if (x != 0) for (let y: u32 = 1; y < 256; y++) if (gmul(x, y) == 1) { inv = y; break; }
    let s = inv;
    for (let k = 1; k <= 4; k++) s ^= ((inv << k) | (inv >>> (8 - k))) & 0xff;
    s ^= 0x63;
    store<u8>(SBOX + x, <u8>s);
    store<u8>(INV_SBOX + s, <u8>x);
  }
  ready = true;
}

// ShiftRows as a gather: output byte i comes from input byte SHIFT[i] (and INV_SHIFT for decrypt).
const SHIFT: StaticArray<u8> = [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11];
const INV_SHIFT: StaticArray<u8> = [0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3];

/** st ^= key, then (Inv)ShiftRows and (Inv)SubBytes; 16 bytes at dst (may equal st or key). */
export function aesRound(dst: usize, st: usize, key: usize, decrypt: bool): void {
  if (!ready) init();
  const tmp = memory.data(16);
  for (let i = 0; i < 16; i++) store<u8>(tmp + i, load<u8>(st + i) ^ load<u8>(key + i));
  const box = decrypt ? INV_SBOX : SBOX;
  for (let i = 0; i < 16; i++) {
    const from = decrypt ? unchecked(INV_SHIFT[i]) : unchecked(SHIFT[i]);
    store<u8>(dst + i, load<u8>(box + <usize>load<u8>(tmp + <usize>from)));
  }
}

/** (Inv)MixColumns of 16 bytes at src into dst (may be the same). */
export function aesMixColumns(dst: usize, src: usize, inverse: bool): void {
  for (let c = 0; c < 16; c += 4) {
    const a0 = <u32>load<u8>(src + c), a1 = <u32>load<u8>(src + c + 1);
    const a2 = <u32>load<u8>(src + c + 2), a3 = <u32>load<u8>(src + c + 3);
    // Coefficients rotate along the row: forward (2 3 1 1), inverse (14 11 13 9).
    const k0: u32 = inverse ? 14 : 2, k1: u32 = inverse ? 11 : 3, k2: u32 = inverse ? 13 : 1, k3: u32 = inverse ? 9 : 1;
    store<u8>(dst + c, <u8>(gmul(a0, k0) ^ gmul(a1, k1) ^ gmul(a2, k2) ^ gmul(a3, k3)));
    store<u8>(dst + c + 1, <u8>(gmul(a0, k3) ^ gmul(a1, k0) ^ gmul(a2, k1) ^ gmul(a3, k2)));
    store<u8>(dst + c + 2, <u8>(gmul(a0, k2) ^ gmul(a1, k3) ^ gmul(a2, k0) ^ gmul(a3, k1)));
    store<u8>(dst + c + 3, <u8>(gmul(a0, k1) ^ gmul(a1, k2) ^ gmul(a2, k3) ^ gmul(a3, k0)));
  }
}
