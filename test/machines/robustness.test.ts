// Nothing a guest does may crash the host: random images run to a limit and end in a
// documented outcome. And with virtual time, the same image gives the same run.
import { describe, it, expect } from "vitest";
import { runGuest } from "../../machines/run-guest.js";

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; return (s >>>= 0); };
}
function randomImage(seed: number, words: number): Uint8Array {
  const next = rng(seed);
  const b = Buffer.alloc(words * 4);
  for (let i = 0; i < words; i++) b.writeUInt32LE(next(), i * 4);
  return b;
}

describe("guest robustness", () => {
  it("random instruction streams end as crash, limit or exit — never a host exception", async () => {
    const outcomes: Record<string, number> = {};
    for (let seed = 1; seed <= 40; seed++) {
      const r = await runGuest({ machine: "virt", memory: "16M", kernel: randomImage(seed, 4096), semihosting: true, maxInsns: 200_000, timeoutSec: 20 });
      expect(["crash", "insn-limit", "exit", "timeout"]).toContain(r.reason);
      outcomes[r.reason] = (outcomes[r.reason] ?? 0) + 1;
    }
    expect(Object.values(outcomes).reduce((a, b) => a + b)).toBe(40);
  });

  it("deterministic time: the same image runs the same way twice", async () => {
    const img = randomImage(99, 4096);
    const a = await runGuest({ machine: "virt", memory: "16M", kernel: img, maxInsns: 300_000, nsPerInsn: 1 });
    const b = await runGuest({ machine: "virt", memory: "16M", kernel: img, maxInsns: 300_000, nsPerInsn: 1 });
    expect(b.reason).toBe(a.reason);
    expect(b.instructions).toBe(a.instructions);
    expect(b.console).toBe(a.console);
  });
});
