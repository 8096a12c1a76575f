// A64 EXT, UZP/TRN/ZIP, TBL/TBX and the bitwise three-same forms; expected values from qemu-aarch64 7.2.
import { describe, it, expect } from "vitest";
import { simdRows, type SimdRow } from "./simd-harness.js";
import { runFp, undefined64 } from "./fp-harness.js";

const ROWS: SimdRow[] = [
  // V1 = bytes 0x10..0x1f, V2 = 0x20..0x2f; the 4-register TBL wraps V31, V0, V1, V2.
  ["ext16 #3", 0x6e021820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x1a19181716151413n, 0x2221201f1e1d1c1bn], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["ext8 #7", 0x2e023820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x2625242322212017n, 0x0000000000000000n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["uzp1 8h", 0x4e421820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x1d1c191815141110n, 0x2d2c292825242120n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["uzp2 4s", 0x4e825820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x1f1e1d1c17161514n, 0x2f2e2d2c27262524n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["trn1 16b", 0x4e022820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x2616241422122010n, 0x2e1e2c1c2a1a2818n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["trn2 4h", 0x0e426820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x2726171623221312n, 0x0000000000000000n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["zip1 8b", 0x0e023820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x2313221221112010n, 0x0000000000000000n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["zip2 2d", 0x4ec27820, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n] } }, [0x1f1e1d1c1b1a1918n, 0x2f2e2d2c2b2a2928n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["zip1 v1 4s alias", 0x4e813821, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n] } }, [0xa5a5a5a5a5a5a5a5n, 0xa5a5a5a5a5a5a5a5n], [0x1312111013121110n, 0x1716151417161514n], 0x0000000000000000n, 0x0],
  ["tbl 1reg", 0x4e030020, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 3: [0x10ff0f0001020304n, 0x808070605040302n] } }, [0x00001f1011121314n, 0x1818171615141312n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["tbx 2reg", 0x0e033020, { v: { 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n], 3: [0x201f1e11100f0100n, 0x102030405060708n] } }, [0xa52f2e21201f1110n, 0x0000000000000000n], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["tbl 4reg wrap", 0x4e0363e0, { v: { 31: [0xf7f6f5f4f3f2f1f0n, 0xfffefdfcfbfaf9f8n], 0: [0x706050403020100n, 0xf0e0d0c0b0a0908n], 1: [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 2: [0x2726252423222120n, 0x2f2e2d2c2b2a2928n], 3: [0x3f403020100f0001n, 0x11ff2131410e1f2fn] } }, [0x2f00201000fff0f1n, 0x0100112100fe0f1fn], [0x1716151413121110n, 0x1f1e1d1c1b1a1918n], 0x0000000000000000n, 0x0],
  ["and", 0x4e221c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0x0f000f00a0a04444n, 0x123400009abc0000n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["bic 8b", 0x0e621c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xf000f00050508888n, 0x0000000000000000n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["orr", 0x4ea21c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xfff0fff0fafaddddn, 0xffff5678ffffdef0n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["orn", 0x4ee21c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xff0fff0ff5f5eeeen, 0x1234ffff9abcffffn], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["eor 8b", 0x2e221c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xf0f0f0f05a5a9999n, 0x0000000000000000n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["bsl", 0x6e621c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xff00ff00a0a05c5cn, 0xff340078ffbc00f0n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["bit", 0x6ea21c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xff00ff00a5a54e4en, 0x123400ff9abc00ffn], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
  ["bif", 0x6ee21c20, { v: { 1: [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 2: [0xff00ff0aaaa5555n, 0xffff0000ffff0000n], 0: [0xf0f0f0f00f0f0f0fn, 0xff00ff00ff00ffn] } }, [0xf0f0f0f05a5a8d8dn, 0x00ff567800ffdef0n], [0xff00ff00f0f0ccccn, 0x123456789abcdef0n], 0x0000000000000000n, 0x0],
];

describe("A64 AdvSIMD permute and bitwise (QEMU values)", () => simdRows(ROWS));

describe("A64 AdvSIMD permute UNDEF forms", () => {
  it("EXT 8B with pos >= 8, ZIP/UZP/TRN opcode 000 or 1D, TBL with op2 != 0", () => {
    expect(undefined64(runFp([0x2e024020]))).toBe(true); // ext v0.8b, v1.8b, v2.8b, #8
    expect(undefined64(runFp([0x4e020820]))).toBe(true); // opcode 000
    expect(undefined64(runFp([0x4e024820]))).toBe(true); // opcode 100
    expect(undefined64(runFp([0x0ec23820]))).toBe(true); // zip1 .1d
    expect(undefined64(runFp([0x4e430020]))).toBe(true); // tbl with op2 = 01
  });
});
