// A64 crypto extension: AES, SHA1, SHA256 and PMULL. Single-instruction vectors were produced by
// qemu-aarch64 -cpu cortex-a57 on the operands A, B, C below; FIPS-197 (AES-128) and FIPS 180
// ("abc" under SHA-1 and SHA-256) are then run through the instructions end to end.
import { describe, it, expect } from "vitest";
import { runFp, undefined64 } from "./fp-harness.js";

const A: [bigint, bigint] = [0x0123456789abcdefn, 0xfedcba9876543210n];
const B: [bigint, bigint] = [0x0011223344556677n, 0x8899aabbccddeeffn];
const C: [bigint, bigint] = [0xdeadbeefcafef00dn, 0x0f1e2d3c4b5a6978n];

/** One instruction with V0 = A, V1 = B, V2 = C; returns V0. */
const one = (word: number) => runFp([word], { v: { 0: A, 1: B, 2: C } }).q(0);

describe("A64 crypto: single instructions against QEMU", () => {
  const cases: [string, number, [bigint, bigint]][] = [
    ["aese v0.16b, v1.16b", 0x4e284820, [0xbd6e862038a78546n, 0xf42362267cbbcadfn]],
    ["aesd v0.16b, v1.16b", 0x4e285820, [0xc0680efd09f27ce2n, 0x80a193320f0c0a61n]],
    ["aesmc v0.16b, v1.16b", 0x4e286820, [0x6633441122770055n, 0xeebbcc99aaff88ddn]],
    ["aesimc v0.16b, v1.16b", 0x4e287820, [0xeebbcc99aaff88ddn, 0x6633441122770055n]],
    ["sha1c q0, s1, v2.4s", 0x5e020020, [0xac433fea3a39afddn, 0x50eab3c3125053a2n]],
    ["sha1p q0, s1, v2.4s", 0x5e021020, [0x3dc8f4abc60f1320n, 0x339e7899bb1f7d31n]],
    ["sha1m q0, s1, v2.4s", 0x5e022020, [0xe79ce1c1254bca84n, 0x6ec891a1c08706e5n]],
    ["sha1su0 v0.4s, v1.4s, v2.4s", 0x5e023020, [0x2152411035010ff2n, 0xf1d3b597795b3d1fn]],
    ["sha1h s0, s1", 0x5e280820, [0xd115599dn, 0n]],
    ["sha1su1 v0.4s, v1.4s", 0x5e281820, [0x9bfd57311375dfb9n, 0xdb52ca43fd9b3157n]],
    ["sha256h q0, q1, v2.4s", 0x5e024020, [0xf82980aea7d59df1n, 0x38c16f84a411a4b5n]],
    ["sha256h2 q0, q1, v2.4s", 0x5e025020, [0xe9a204dd82f56eaan, 0xa01e3a6168b47963n]],
    ["sha256su0 v0.4s, v1.4s", 0x5e282820, [0x23c5791aa92bbc5dn, 0xbe7c91af76d443a1n]],
    ["sha256su1 v0.4s, v1.4s, v2.4s", 0x5e026020, [0xa13b764d033eea7en, 0x9fa2d50ca75deb0dn]],
    ["pmull v0.8h, v1.8b, v2.8b", 0x0e22e020, [0x31a8336620200213n, 0x00000a7d16bc1221n]],
    ["pmull2 v0.8h, v1.16b, v2.16b", 0x4e22e020, [0x34343dc221de2828n, 0x07f80e0e12121be4n]],
    ["pmull v0.1q, v1.1d, v2.1d", 0x0ee2e020, [0x9967c6d418fe1c13n, 0x000d2e09d4c1a19bn]],
    ["pmull2 v0.1q, v1.2d, v2.2d", 0x4ee2e020, [0x17e0f8f03038df28n, 0x07f0e8e02028cf38n]],
  ];
  for (const [asm, word, want] of cases) {
    it(asm, () => expect(one(word)).toEqual(want));
  }

  it("Rd may be a source: aese v1, v1 is SubBytes(ShiftRows(0)) = 0x63 everywhere", () => {
    const r = runFp([0x4e284821], { v: { 1: B } }); // aese v1.16b, v1.16b
    expect(r.q(1)).toEqual([0x6363636363636363n, 0x6363636363636363n]);
  });

  it("AESD with a zero key undoes AESE (leaving the key XOR); AESIMC undoes AESMC", () => {
    // aese v0.16b, v1.16b; aesd v0.16b, v3.16b (v3 = 0)
    expect(runFp([0x4e284820, 0x4e285860], { v: { 0: A, 1: B, 3: [0n, 0n] } }).q(0)).toEqual([A[0] ^ B[0], A[1] ^ B[1]]);
    // aesmc v0.16b, v1.16b; aesimc v0.16b, v0.16b
    expect(runFp([0x4e286820, 0x4e287800], { v: { 1: C } }).q(0)).toEqual(C);
  });

  it("unallocated sizes and PMULL sizes 01/10 are UNDEFINED; a disabled FPEN traps with EC 0x07", () => {
    expect(undefined64(runFp([0x4e684820]))).toBe(true); // AESE with size = 01
    expect(undefined64(runFp([0x5e420020]))).toBe(true); // SHA1C with size = 01
    expect(undefined64(runFp([0x0e62e020]))).toBe(true); // PMULL with size = 01
    expect(undefined64(runFp([0x0ea2e020]))).toBe(true); // PMULL with size = 10
    const r = runFp([0x4e284820], { fpen: 0 });
    expect(r.esr >>> 26).toBe(0x07);
    expect(r.pc).toBe(0x200n);
  });
});

// ---- end to end ----
const bytesToQ = (b: number[]): [bigint, bigint] => {
  let lo = 0n, hi = 0n;
  for (let i = 7; i >= 0; i--) { lo = (lo << 8n) | BigInt(b[i]); hi = (hi << 8n) | BigInt(b[i + 8]); }
  return [lo, hi];
};
const wordsToQ = (w: number[]): [bigint, bigint] =>
  [BigInt(w[0] >>> 0) | (BigInt(w[1] >>> 0) << 32n), BigInt(w[2] >>> 0) | (BigInt(w[3] >>> 0) << 32n)];
const qToWords = (q: [bigint, bigint]) => [q[0] & 0xffffffffn, q[0] >> 32n, q[1] & 0xffffffffn, q[1] >> 32n].map(Number);

/** FIPS-197 key expansion for AES-128, from the S-box computed independently of the core. */
function aes128Keys(key: number[]): number[][] {
  const sbox: number[] = [];
  const mul = (a: number, b: number) => { let r = 0; for (; b; b >>= 1, a = ((a << 1) ^ (a & 0x80 ? 0x11b : 0)) & 0xff) if (b & 1) r ^= a; return r; };
  for (let x = 0; x < 256; x++) {
    let inv = 0;
    for (let y = 1; x && y < 256; y++) if (mul(x, y) === 1) { inv = y; break; }
    let s = inv;
    for (let k = 1; k <= 4; k++) s ^= ((inv << k) | (inv >> (8 - k))) & 0xff;
    sbox.push(s ^ 0x63);
  }
  const keys = [key.slice()];
  let rcon = 1;
  for (let r = 1; r <= 10; r++) {
    const p = keys[r - 1], k: number[] = [];
    const t = [sbox[p[13]] ^ rcon, sbox[p[14]], sbox[p[15]], sbox[p[12]]];
    for (let i = 0; i < 16; i++) k.push(p[i] ^ (i < 4 ? t[i] : k[i - 4]));
    keys.push(k);
    rcon = mul(rcon, 2);
  }
  return keys;
}

describe("A64 crypto: standard vectors through the instructions", () => {
  it("FIPS-197 C.1: AES-128 encrypts 00112233..ff to 69c4e0d8..c55a with AESE/AESMC", () => {
    const keys = aes128Keys([...Array(16).keys()]);
    const v: Record<number, [bigint, bigint]> = { 0: bytesToQ([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]) };
    keys.forEach((k, i) => { v[i + 1] = bytesToQ(k); });
    const words: number[] = [];
    for (let r = 1; r <= 9; r++) words.push(0x4e284800 | (r << 5), 0x4e286800); // aese v0, vR; aesmc v0, v0
    words.push(0x4e284800 | (10 << 5)); // aese v0, v10
    const q = runFp(words, { v }).q(0);
    const want = bytesToQ([0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a]);
    expect([q[0] ^ v[11][0], q[1] ^ v[11][1]]).toEqual(want); // the last AddRoundKey is an EOR
  });

  const abcBlock = () => { const w = new Array(16).fill(0); w[0] = 0x61626380; w[15] = 24; return w; };
  const add = (a: number[], b: number[]) => a.map((x, i) => (x + b[i]) >>> 0);

  it("FIPS 180 SHA-256(\"abc\") through SHA256H/H2/SU0/SU1 (the EOR/ADD glue done by the test)", () => {
    const K = [
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
      0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
      0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
      0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    const m = abcBlock();
    let sched = [0, 4, 8, 12].map((i) => m.slice(i, i + 4));
    let abcd = H.slice(0, 4), efgh = H.slice(4);
    for (let g = 0; g < 16; g++) {
      // sha256h q0, q1, v16.4s; sha256h2 q1, q2, v16.4s; sha256su0 v4.4s, v5.4s; sha256su1 v4.4s, v6.4s, v7.4s
      const r = runFp([0x5e104020, 0x5e105041, 0x5e2828a4, 0x5e0760c4], {
        v: { 0: wordsToQ(abcd), 1: wordsToQ(efgh), 2: wordsToQ(abcd), 16: wordsToQ(add(sched[0], K.slice(4 * g, 4 * g + 4))),
          4: wordsToQ(sched[0]), 5: wordsToQ(sched[1]), 6: wordsToQ(sched[2]), 7: wordsToQ(sched[3]) },
      });
      abcd = qToWords(r.q(0)); efgh = qToWords(r.q(1));
      sched = [sched[1], sched[2], sched[3], qToWords(r.q(4))];
    }
    const digest = [...add(abcd, H.slice(0, 4)), ...add(efgh, H.slice(4))];
    expect(digest.map((x) => x.toString(16).padStart(8, "0")).join("")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("FIPS 180 SHA-1(\"abc\") through SHA1C/P/M, SHA1H, SHA1SU0/SU1", () => {
    const K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];
    const H = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const m = abcBlock();
    let sched = [0, 4, 8, 12].map((i) => m.slice(i, i + 4));
    let abcd = H.slice(0, 4), e = H[4];
    for (let g = 0; g < 20; g++) {
      const op = g < 5 ? 0x0000 : g < 10 || g >= 15 ? 0x1000 : 0x2000; // C, P, M, P
      // sha1h s3, s0; sha1{c,p,m} q0, s1, v16.4s; sha1su0 v4.4s, v5.4s, v6.4s; sha1su1 v4.4s, v7.4s
      const r = runFp([0x5e280803, 0x5e100020 | op, 0x5e0630a4, 0x5e2818e4], {
        v: { 0: wordsToQ(abcd), 1: [BigInt(e), 0n], 16: wordsToQ(add(sched[0], new Array(4).fill(K[g / 5 | 0]))),
          4: wordsToQ(sched[0]), 5: wordsToQ(sched[1]), 6: wordsToQ(sched[2]), 7: wordsToQ(sched[3]) },
      });
      abcd = qToWords(r.q(0)); e = Number(r.d(3));
      expect(r.q(3)[1]).toBe(0n);
      sched = [sched[1], sched[2], sched[3], qToWords(r.q(4))];
    }
    const digest = [...add(abcd, H.slice(0, 4)), (e + H[4]) >>> 0];
    expect(digest.map((x) => x.toString(16).padStart(8, "0")).join("")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });
});
