// Split virtqueues (virtio 1.x §2.7) living in guest RAM: descriptor chains (direct and
// indirect), the used ring and notification suppression (flags or VIRTIO_F_EVENT_IDX).
// Checks follow QEMU 7.2's virtqueue_split_pop; a malformed ring raises VirtqueueError,
// which the transport turns into a broken device (never an exception out of the MMIO path).
import type { GuestRam } from "./guest-ram.js";

export const VRING_DESC_F_NEXT = 1;
export const VRING_DESC_F_WRITE = 2;
export const VRING_DESC_F_INDIRECT = 4;
export const VRING_AVAIL_F_NO_INTERRUPT = 1;
/** QEMU's VIRTQUEUE_MAX_SIZE: what QueueNumMax reports. */
export const VIRTQUEUE_MAX_SIZE = 1024;

export class VirtqueueError extends Error {}

export interface Buf { addr: number; len: number }
export interface Chain { head: number; readable: Buf[]; writable: Buf[] }

const u16 = (b: Uint8Array, o = 0) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o = 0) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

export class SplitQueue {
  /** Ring size the driver chose (QueueNum); starts at the device's default. */
  num: number;
  /** Modern: QueueReady. Legacy: a non-zero PFN was written. */
  ready = false;
  desc = 0;
  avail = 0;
  used = 0;
  lastAvail = 0;
  usedIdx = 0;
  private signalledUsed = 0;
  private signalledValid = false;

  constructor(readonly defaultNum: number) { this.num = defaultNum; }

  reset(): void {
    this.num = this.defaultNum;
    this.ready = false;
    this.desc = this.avail = this.used = 0;
    this.lastAvail = this.usedIdx = this.signalledUsed = 0;
    this.signalledValid = false;
  }

  private rd(ram: GuestRam, pa: number, len: number, what: string): Uint8Array {
    const b = ram.read(pa, len);
    if (!b) throw new VirtqueueError(`${what} at 0x${pa.toString(16)} is outside RAM`);
    return b;
  }

  private wr(ram: GuestRam, pa: number, bytes: Uint8Array, what: string): void {
    if (!ram.write(pa, bytes)) throw new VirtqueueError(`${what} at 0x${pa.toString(16)} is outside RAM`);
  }

  /** The driver's avail.idx. */
  availIdx(ram: GuestRam): number { return u16(this.rd(ram, this.avail + 2, 2, "avail ring")); }

  isEmpty(ram: GuestRam): boolean { return !this.ready || this.num === 0 || this.availIdx(ram) === this.lastAvail; }

  /** The next available chain, or null if the ring is empty. Throws VirtqueueError. */
  pop(ram: GuestRam, eventIdx: boolean): Chain | null {
    if (!this.ready || this.num === 0) return null;
    const availIdx = this.availIdx(ram);
    const pending = (availIdx - this.lastAvail) & 0xffff;
    if (pending === 0) return null;
    if (pending > this.num) throw new VirtqueueError(`guest moved avail index from ${this.lastAvail} to ${availIdx}`);
    const slot = this.lastAvail % this.num;
    const head = u16(this.rd(ram, this.avail + 4 + 2 * slot, 2, "avail ring"));
    if (head >= this.num) throw new VirtqueueError(`guest says index ${head} is available`);
    const chain = this.walk(ram, head);
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    if (eventIdx) this.writeU16(ram, this.used + 4 + 8 * this.num, this.lastAvail, "avail_event");
    return chain;
  }

  private walk(ram: GuestRam, head: number): Chain {
    const chain: Chain = { head, readable: [], writable: [] };
    let table = this.desc;
    let max = this.num;
    let i = head;
    let d = this.readDesc(ram, table, i);
    if (d.flags & VRING_DESC_F_INDIRECT) {
      if (d.len === 0 || d.len % 16 !== 0) throw new VirtqueueError(`invalid size ${d.len} for an indirect table`);
      table = d.addr;
      max = d.len / 16;
      i = 0;
      d = this.readDesc(ram, table, 0);
    }
    for (let count = 1; ; count++) {
      if (count > max) throw new VirtqueueError("looped descriptor chain");
      if (d.flags & VRING_DESC_F_INDIRECT) throw new VirtqueueError("indirect descriptor inside a chain");
      if (d.len === 0) throw new VirtqueueError("zero-sized buffers are not allowed");
      if (!ram.valid(d.addr, d.len)) throw new VirtqueueError(`buffer 0x${d.addr.toString(16)}+${d.len} is outside RAM`);
      if (d.flags & VRING_DESC_F_WRITE) chain.writable.push({ addr: d.addr, len: d.len });
      else if (chain.writable.length) throw new VirtqueueError("device-readable descriptor after a writable one");
      else chain.readable.push({ addr: d.addr, len: d.len });
      if (!(d.flags & VRING_DESC_F_NEXT)) return chain;
      i = d.next;
      if (i >= max) throw new VirtqueueError(`descriptor next ${i} is beyond the table`);
      d = this.readDesc(ram, table, i);
    }
  }

  private readDesc(ram: GuestRam, table: number, i: number) {
    const b = this.rd(ram, table + 16 * i, 16, "descriptor");
    return { addr: u32(b, 0) + u32(b, 4) * 2 ** 32, len: u32(b, 8), flags: u16(b, 12), next: u16(b, 14) };
  }

  private writeU16(ram: GuestRam, pa: number, v: number, what: string): void {
    this.wr(ram, pa, new Uint8Array([v & 0xff, (v >> 8) & 0xff]), what);
  }

  /** Return a chain to the driver with `len` bytes written into its writable buffers. */
  push(ram: GuestRam, head: number, len: number): void {
    const e = new Uint8Array(8);
    const dv = new DataView(e.buffer);
    dv.setUint32(0, head, true);
    dv.setUint32(4, len >>> 0, true);
    this.wr(ram, this.used + 4 + 8 * (this.usedIdx % this.num), e, "used ring");
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    this.writeU16(ram, this.used + 2, this.usedIdx, "used ring");
  }

  /** Whether the driver wants an interrupt for the buffers pushed since the last one. */
  shouldNotify(ram: GuestRam, eventIdx: boolean): boolean {
    if (!eventIdx) return !(u16(this.rd(ram, this.avail, 2, "avail ring")) & VRING_AVAIL_F_NO_INTERRUPT);
    const valid = this.signalledValid;
    const old = this.signalledUsed;
    this.signalledValid = true;
    this.signalledUsed = this.usedIdx;
    const usedEvent = u16(this.rd(ram, this.avail + 4 + 2 * this.num, 2, "used_event"));
    // vring_need_event: the driver asked for an interrupt when used.idx passes used_event.
    return !valid || ((this.usedIdx - usedEvent - 1) & 0xffff) < ((this.usedIdx - old) & 0xffff);
  }

  save(): Record<string, number | boolean> {
    return { num: this.num, ready: this.ready, desc: this.desc, avail: this.avail, used: this.used,
      lastAvail: this.lastAvail, usedIdx: this.usedIdx, signalledUsed: this.signalledUsed, signalledValid: this.signalledValid };
  }

  load(s: Record<string, unknown>): void {
    Object.assign(this, s);
  }
}

/** The device-readable bytes of a chain, concatenated. */
export function gather(ram: GuestRam, bufs: readonly Buf[]): Uint8Array {
  const total = bufs.reduce((n, b) => n + b.len, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of bufs) {
    const part = ram.read(b.addr, b.len);
    if (!part) throw new VirtqueueError("buffer outside RAM");
    out.set(part, o);
    o += b.len;
  }
  return out;
}

/** Write `data` across the writable buffers starting `skip` bytes in; returns bytes written. */
export function scatter(ram: GuestRam, bufs: readonly Buf[], data: Uint8Array, skip = 0): number {
  let o = 0;
  for (const b of bufs) {
    if (o >= data.length) break;
    if (skip >= b.len) { skip -= b.len; continue; }
    const n = Math.min(b.len - skip, data.length - o);
    if (!ram.write(b.addr + skip, data.subarray(o, o + n))) throw new VirtqueueError("buffer outside RAM");
    o += n;
    skip = 0;
  }
  return o;
}

export const chainBytes = (bufs: readonly Buf[]) => bufs.reduce((n, b) => n + b.len, 0);
