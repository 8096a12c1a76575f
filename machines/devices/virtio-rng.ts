// virtio-rng (entropy device): fills every writable buffer it is given. With virtual time the
// bytes come from a seeded PRNG (same seed, same bytes, a deterministic run); otherwise from
// the host's crypto random source. Migration: QEMU 7.2's "virtio-rng" (the virtio blob, no
// device part); the generator's position travels in armlet's own `armlet-virtio-rng`, so a
// seeded run resumed from a snapshot hands the guest the same bytes as the uninterrupted run.
import { randomFillSync } from "node:crypto";
import { type VirtioDevice, type VirtioHost, type VirtioMigration, VIRTIO_ID_RNG } from "./virtio/device.js";
import { chainBytes, scatter } from "./virtio/queue.js";
import { u32, u8, vmsd } from "../snapshot/vmstate.js";

/** armlet's section beside QEMU's: the seeded generator's position (--icount runs repeat exactly). */
export const ARMLET_RNG_VMSD = vmsd("armlet-virtio-rng", 1, [u8("seeded"), u32("prng")]);

export interface VirtioRngOptions {
  /** Seed for deterministic bytes; omitted: host crypto randomness. */
  seed?: number;
}

export class VirtioRng implements VirtioDevice {
  readonly deviceId = VIRTIO_ID_RNG;
  readonly name = "virtio-rng-device";
  readonly features = 0n;
  readonly queueSizes = [8];
  readonly configSize = 0;
  private host!: VirtioHost;
  private state: number;
  private readonly seeded: boolean;
  private readonly view = { seeded: 0, prng: 0 };
  readonly migration: VirtioMigration;

  constructor(opts: VirtioRngOptions = {}) {
    this.seeded = opts.seed !== undefined;
    this.state = (opts.seed ?? 0) >>> 0;
    this.migration = {
      vmsdName: "virtio-rng", version: 1,
      armlet: {
        decl: ARMLET_RNG_VMSD, state: this.view,
        preSave: () => { this.view.seeded = this.seeded ? 1 : 0; this.view.prng = this.state; },
        // Host randomness has no position to restore; a seeded generator continues where it was.
        postLoad: () => { if (this.seeded && this.view.seeded) this.state = this.view.prng >>> 0; },
      },
    };
  }

  /** splitmix32-style generator: cheap, full period, deterministic. */
  private next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  fill(buf: Uint8Array): void {
    if (!this.seeded) { randomFillSync(buf); return; }
    for (let i = 0; i < buf.length; i += 4) {
      const v = this.next();
      for (let k = 0; k < 4 && i + k < buf.length; k++) buf[i + k] = (v >>> (8 * k)) & 0xff;
    }
  }

  attach(host: VirtioHost): void { this.host = host; }
  reset(): void {}
  configRead(): number { return 0xffffffff; }
  configWrite(): void {}

  queueNotify(q: number): void {
    if (q !== 0) return;
    let any = false;
    for (let c = this.host.pop(0); c; c = this.host.pop(0)) {
      const buf = new Uint8Array(chainBytes(c.writable));
      this.fill(buf);
      this.host.push(0, c, scatter(this.host.ram, c.writable, buf));
      any = true;
    }
    if (any) this.host.notify(0);
  }
}
