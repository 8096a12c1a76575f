// A minimal virtio driver for the tests: fake guest RAM, transport register helpers and split
// virtqueues built in that RAM (legacy PFN layout or modern separate addresses).
import { ramFromRegions, type GuestRam } from "../../../machines/devices/virtio/guest-ram.js";
import { R, STATUS, VirtioMmio } from "../../../machines/devices/virtio-mmio.js";
import type { VirtioDevice } from "../../../machines/devices/virtio/device.js";
import { IrqProbe } from "./helpers.js";

export const RAM_BASE = 0x4000_0000;
export const RAM_SIZE = 1 << 20;

export interface Desc { addr: number; len: number; write?: boolean; next?: number; flags?: number }

export class Driver {
  readonly mem = new Uint8Array(RAM_SIZE);
  readonly dv = new DataView(this.mem.buffer);
  readonly ram: GuestRam = ramFromRegions([{ base: RAM_BASE, bytes: this.mem }]);
  readonly irq = new IrqProbe();
  readonly t: VirtioMmio;
  desc = 0; avail = 0; used = 0; num = 0;
  availIdx = 0;
  lastUsed = 0;
  private heap = RAM_BASE + 0x80000;

  constructor(readonly legacy: boolean, dev?: VirtioDevice, readonly logs: string[] = []) {
    this.t = new VirtioMmio(this.irq, { legacy, log: (m) => logs.push(m) });
    if (dev) this.t.plug(dev, this.ram);
  }

  r(off: number): number { return this.t.read(off, 4, 0); }
  w(off: number, v: number): void { this.t.write(off, 4, v, 0); }

  /** Bytes in guest RAM (bump allocator above 0x40080000). */
  alloc(bytes: Uint8Array | number): number {
    const n = typeof bytes === "number" ? bytes : bytes.length;
    const pa = this.heap;
    this.heap += (n + 15) & ~15;
    if (typeof bytes !== "number") this.mem.set(bytes, pa - RAM_BASE);
    return pa;
  }
  peek(pa: number, n: number): Uint8Array { return this.mem.slice(pa - RAM_BASE, pa - RAM_BASE + n); }
  u16(pa: number): number { return this.dv.getUint16(pa - RAM_BASE, true); }
  set16(pa: number, v: number): void { this.dv.setUint16(pa - RAM_BASE, v, true); }

  /** Negotiate `features` (and VERSION_1 on modern) and set queue q up with `num` entries. */
  init(features: bigint, num = 16, q = 0): void {
    this.w(R.STATUS, 0);
    this.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
    if (this.legacy) {
      this.w(R.DRIVER_FEATURES_SEL, 0);
      this.w(R.DRIVER_FEATURES, Number(features & 0xffffffffn));
      this.w(R.GUEST_PAGE_SIZE, 4096);
    } else {
      const f = features | (1n << 32n);
      this.w(R.DRIVER_FEATURES_SEL, 0);
      this.w(R.DRIVER_FEATURES, Number(f & 0xffffffffn));
      this.w(R.DRIVER_FEATURES_SEL, 1);
      this.w(R.DRIVER_FEATURES, Number(f >> 32n));
      this.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK);
    }
    this.setupQueue(q, num);
    this.w(R.STATUS, this.r(R.STATUS) | STATUS.DRIVER_OK);
  }

  /** Ring state of the queues set up, so a test can switch between them (on()). */
  private readonly rings = new Map<number, { desc: number; avail: number; used: number; num: number; availIdx: number; lastUsed: number }>();
  private current = -1;

  private saveRing(): void {
    if (this.current >= 0) {
      this.rings.set(this.current, { desc: this.desc, avail: this.avail, used: this.used, num: this.num, availIdx: this.availIdx, lastUsed: this.lastUsed });
    }
  }

  /** Make queue q (set up before) the one submit/offer/takeUsed work on. */
  on(q: number): this {
    this.saveRing();
    const r = this.rings.get(q);
    if (!r) throw new Error(`queue ${q} was not set up`);
    Object.assign(this, r);
    this.current = q;
    return this;
  }

  setupQueue(q: number, num: number): void {
    this.saveRing();
    this.current = q;
    this.num = num;
    this.availIdx = this.lastUsed = 0;
    this.w(R.QUEUE_SEL, q);
    this.w(R.QUEUE_NUM, num);
    if (this.legacy) {
      const base = RAM_BASE + 0x10000 * (q + 1);
      this.desc = base;
      this.avail = base + 16 * num;
      this.used = Math.ceil((this.avail + 4 + 2 * num) / 4096) * 4096;
      this.w(R.QUEUE_ALIGN, 4096);
      this.w(R.QUEUE_PFN, base / 4096);
    } else {
      this.desc = RAM_BASE + 0x10000 * (q + 1) + 0x100;
      this.avail = this.desc + 0x4000 + 6;
      this.used = this.desc + 0x8000 + 4;
      this.w(R.QUEUE_DESC_LOW, this.desc); this.w(R.QUEUE_DESC_HIGH, 0);
      this.w(R.QUEUE_AVAIL_LOW, this.avail); this.w(R.QUEUE_AVAIL_HIGH, 0);
      this.w(R.QUEUE_USED_LOW, this.used); this.w(R.QUEUE_USED_HIGH, 0);
      this.w(R.QUEUE_READY, 1);
    }
  }

  writeDesc(table: number, i: number, d: Desc): void {
    const o = table - RAM_BASE + 16 * i;
    this.dv.setBigUint64(o, BigInt(d.addr), true);
    this.dv.setUint32(o + 8, d.len, true);
    const flags = d.flags ?? ((d.next !== undefined ? 1 : 0) | (d.write ? 2 : 0));
    this.dv.setUint16(o + 12, flags, true);
    this.dv.setUint16(o + 14, d.next ?? 0, true);
  }

  /** Put a chain (descriptor i → i+1 …) at `first` in the table and make its head available. */
  submit(descs: Desc[], first = 0, kick = true, q = 0): number {
    descs.forEach((d, k) => this.writeDesc(this.desc, first + k, { ...d, next: d.next ?? (k + 1 < descs.length ? first + k + 1 : undefined) }));
    this.offer(first, kick, q);
    return first;
  }

  offer(head: number, kick = true, q = 0): void {
    this.set16(this.avail + 4 + 2 * (this.availIdx % this.num), head);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    this.set16(this.avail + 2, this.availIdx);
    if (kick) this.w(R.QUEUE_NOTIFY, q);
  }

  usedIdx(): number { return this.u16(this.used + 2); }
  /** Used elements since the last call: [id, len]. */
  takeUsed(): [number, number][] {
    const out: [number, number][] = [];
    while (this.lastUsed !== this.usedIdx()) {
      const o = this.used - RAM_BASE + 4 + 8 * (this.lastUsed % this.num);
      out.push([this.dv.getUint32(o, true), this.dv.getUint32(o + 4, true)]);
      this.lastUsed = (this.lastUsed + 1) & 0xffff;
    }
    return out;
  }
  ack(): void { this.w(R.INTERRUPT_ACK, this.r(R.INTERRUPT_STATUS)); }
}

export function blkHeader(type: number, sector: number): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, type, true);
  dv.setBigUint64(8, BigInt(sector), true);
  return b;
}
