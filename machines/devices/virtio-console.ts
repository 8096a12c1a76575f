// virtio-console with a single port and no MULTIPORT: queue 0 receives (host → guest), queue 1
// transmits (guest → host byte sink). Input waits in a FIFO until the driver posts buffers.
import { type VirtioDevice, type VirtioHost, VIRTIO_ID_CONSOLE, configReadBytes } from "./virtio/device.js";
import { gather, scatter, chainBytes } from "./virtio/queue.js";

export class VirtioConsole implements VirtioDevice {
  readonly deviceId = VIRTIO_ID_CONSOLE;
  readonly name = "virtio-serial-device";
  readonly features = 0n;
  readonly queueSizes = [128, 128];
  readonly configSize = 12;
  /** cols, rows (0: unknown), max_nr_ports 1, emerg_wr. */
  private readonly config = new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  private host!: VirtioHost;
  private pending: number[] = [];

  constructor(private readonly sink: (byte: number) => void) {}

  attach(host: VirtioHost): void { this.host = host; }
  reset(): void {}
  configRead(offset: number, size: number): number { return configReadBytes(this.config, offset, size); }
  configWrite(): void {}

  /** Host input for the guest (keyboard, pipe). */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) this.pending.push(b & 0xff);
    if (this.host?.running) this.deliver();
  }

  driverOk(): void { this.deliver(); }

  private deliver(): void {
    let any = false;
    while (this.pending.length) {
      const c = this.host.pop(0);
      if (!c) break;
      const n = Math.min(chainBytes(c.writable), this.pending.length);
      scatter(this.host.ram, c.writable, Uint8Array.from(this.pending.splice(0, n)));
      this.host.push(0, c, n);
      any = true;
    }
    if (any) this.host.notify(0);
  }

  queueNotify(q: number): void {
    if (q === 0) { this.deliver(); return; }
    if (q !== 1) return;
    let any = false;
    for (let c = this.host.pop(1); c; c = this.host.pop(1)) {
      for (const b of gather(this.host.ram, c.readable)) this.sink(b);
      this.host.push(1, c, 0);
      any = true;
    }
    if (any) this.host.notify(1);
  }
}
