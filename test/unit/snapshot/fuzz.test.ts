// The loader against hostile streams: 10,000 mutations of a real armlet snapshot (bit flips,
// truncations, length and count fields set to extremes, records swapped or duplicated) each
// end in a clean ArmletError or a successful validation — never another exception, a hang, or
// memory growth beyond the stream's own RAM size. Deterministic (seeded) so a failure repeats.
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { ArmletError } from "../../../machines/errors.js";
import { loadSnapshot, stageSnapshot } from "../../../machines/snapshot/loadvm.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { writeStream } from "../../../machines/snapshot/stream.js";

const MUTATIONS = Number(process.env.ARMLET_FUZZ_MUTATIONS ?? 10_000);

/** xorshift32: the same mutations every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

function machine(): Machine {
  // A few instructions of a loop on a 16 MiB virt: every section registered, RAM mostly zero.
  const loop = Buffer.alloc(8);
  loop.writeUInt32LE(0xe2811001, 0); // add r1, r1, #1
  loop.writeUInt32LE(0xeafffffd, 4); // b .-4
  return new Machine({ machine: "virt", memory: "16M", kernel: new Uint8Array(loop), nsPerInsn: 1, maxInsns: 5000, icountSleep: false });
}

function streamOf(m: Machine): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeStream(snapshotContent(m), (c) => chunks.push(c));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Offsets of be32 values that look like lengths or counts (small, non-zero). */
function lengthLikeOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) {
    const v = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
    if (v > 0 && v < 4096) out.push(i);
  }
  return out;
}

const EXTREMES = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000];

function mutate(base: Uint8Array, next: () => number, lengths: number[]): Uint8Array {
  const b = Uint8Array.from(base);
  switch (next() % 6) {
    case 0: { // flip 1..8 bits
      const n = 1 + (next() % 8);
      for (let i = 0; i < n; i++) { const at = next() % b.length; b[at] ^= 1 << (next() % 8); }
      return b;
    }
    case 1: return b.subarray(0, next() % b.length); // truncate
    case 2: { // a length/count field to an extreme
      const at = lengths[next() % lengths.length];
      new DataView(b.buffer).setUint32(at, EXTREMES[next() % EXTREMES.length]);
      return b;
    }
    case 3: { // swap two regions
      const len = 1 + (next() % 64);
      const a = next() % (b.length - len), c = next() % (b.length - len);
      const tmp = b.slice(a, a + len);
      b.copyWithin(a, c, c + len);
      b.set(tmp, c);
      return b;
    }
    case 4: { // duplicate a region (a record repeated)
      const len = 1 + (next() % 256), at = next() % (b.length - len);
      return Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
    }
    default: { // random bytes over a range
      const len = 1 + (next() % 16), at = next() % (b.length - len);
      for (let i = 0; i < len; i++) b[at + i] = next() & 0xff;
      return b;
    }
  }
}

describe("snapshot loader fuzz", () => {
  it(`${MUTATIONS} mutated streams: each a clean ArmletError or a clean load, nothing else`, async () => {
    const m = machine();
    await m.run();
    const base = streamOf(m);
    const ramBytes = m.ramBlocks().reduce((n, b) => n + b.bytes.length, 0);
    expect(() => stageSnapshot(m, "base", base)).not.toThrow();
    const next = rng(0xa11e7);
    const lengths = lengthLikeOffsets(base);
    const heap0 = process.memoryUsage().heapUsed;
    const kinds = new Map<string, number>();
    let ok = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const bad = mutate(base, next, lengths);
      const t0 = Date.now();
      try {
        stageSnapshot(m, "fuzz", bad);
        // Valid enough to stage: applying it must not throw either (the machine's state is then
        // whatever the stream said; the next mutation is staged against the same machine).
        loadSnapshot(m, "fuzz", bad);
        ok++;
      } catch (e) {
        if (!(e instanceof ArmletError)) {
          throw new Error(`mutation ${i}: ${(e as Error).stack ?? e}`);
        }
        kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      }
      expect(Date.now() - t0, `mutation ${i} took too long`).toBeLessThan(5000);
      if (i % 1000 === 999) expect(process.memoryUsage().heapUsed - heap0, `heap after ${i + 1}`).toBeLessThan(ramBytes + (256 << 20));
      // Let the worker's event loop breathe: a minute of synchronous work times out vitest's RPC.
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    }
    // Most mutations are caught; some (a flipped bit in a RAM page) are valid streams.
    expect((kinds.get("snapshot") ?? 0) + (kinds.get("usage") ?? 0)).toBeGreaterThan(MUTATIONS / 2);
    expect(ok).toBeGreaterThan(0);
    m.dispose();
  }, 300_000);
});
