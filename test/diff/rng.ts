// Seeded PRNG for the differential tests (splitmix32-style mixer over a 32-bit counter):
// the same seed gives the same test cases on every host.
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  /** Uniform 32-bit unsigned. */
  u32(): number {
    this.s = (this.s + 0x9e3779b9) >>> 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number { return Math.floor((this.u32() / 0x1_0000_0000) * n); }
  /** True with probability p. */
  chance(p: number): boolean { return this.u32() / 0x1_0000_0000 < p; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  /** A register value biased toward edge cases. */
  regValue(): number {
    switch (this.int(8)) {
      case 0: return this.pick([0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x80000001, 0x8000, 0x7fff, 0xffff, 0x10000]);
      case 1: return this.int(64);
      case 2: return (0x1_0000_0000 - 1 - this.int(64)) >>> 0;
      case 3: return (this.u32() & 0x8080_8080) >>> 0 | (this.u32() & 0x0101_0101);
      default: return this.u32();
    }
  }
}
