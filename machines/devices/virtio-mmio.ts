// virtio-mmio transport as QEMU 7.2's hw/virtio/virtio-mmio.c: legacy (Version 1, QEMU 7.2's
// default: force-legacy=on) or modern (Version 2), register layout in shared/spec/machines.md §4.
// With no device attached it answers magic, version and vendor and reads 0 elsewhere, like
// QEMU's empty transports. A guest error on a ring (bad descriptor, loop...) marks the device
// broken (QEMU's virtio_error): with VERSION_1 negotiated, status gets DEVICE_NEEDS_RESET and a
// configuration-change interrupt; the device stays silent until the driver resets it.
import { type IrqLine, type MmioDevice, NO_IRQ } from "./device.js";
import type { GuestRam } from "./virtio/guest-ram.js";
import { type Chain, SplitQueue, VIRTQUEUE_MAX_SIZE, VirtqueueError } from "./virtio/queue.js";
import {
  type VirtioDevice, type VirtioHost, bit, VIRTIO_F_ANY_LAYOUT, VIRTIO_F_NOTIFY_ON_EMPTY,
  VIRTIO_F_VERSION_1, VIRTIO_RING_F_EVENT_IDX, VIRTIO_RING_F_INDIRECT_DESC,
} from "./virtio/device.js";
import { VIRTIO_QUEUE_MAX, type VirtioMig } from "./virtio/migration.js";

export const VIRTIO_MMIO_MAGIC = 0x74726976; // "virt"
export const VIRTIO_MMIO_VENDOR = 0x554d4551; // "QEMU"

export const R = {
  MAGIC: 0x000, VERSION: 0x004, DEVICE_ID: 0x008, VENDOR_ID: 0x00c,
  DEVICE_FEATURES: 0x010, DEVICE_FEATURES_SEL: 0x014, DRIVER_FEATURES: 0x020, DRIVER_FEATURES_SEL: 0x024,
  GUEST_PAGE_SIZE: 0x028, QUEUE_SEL: 0x030, QUEUE_NUM_MAX: 0x034, QUEUE_NUM: 0x038, QUEUE_ALIGN: 0x03c,
  QUEUE_PFN: 0x040, QUEUE_READY: 0x044, QUEUE_NOTIFY: 0x050, INTERRUPT_STATUS: 0x060, INTERRUPT_ACK: 0x064,
  STATUS: 0x070, QUEUE_DESC_LOW: 0x080, QUEUE_DESC_HIGH: 0x084, QUEUE_AVAIL_LOW: 0x090, QUEUE_AVAIL_HIGH: 0x094,
  QUEUE_USED_LOW: 0x0a0, QUEUE_USED_HIGH: 0x0a4, CONFIG_GENERATION: 0x0fc, CONFIG: 0x100,
} as const;

export const STATUS = { ACKNOWLEDGE: 1, DRIVER: 2, DRIVER_OK: 4, FEATURES_OK: 8, NEEDS_RESET: 0x40, FAILED: 0x80 } as const;
export const ISR_USED = 1;
export const ISR_CONFIG = 2;

export interface VirtioMmioOptions {
  /** false: Version 2 (modern); default true, QEMU 7.2's force-legacy default. */
  legacy?: boolean;
  log?: (msg: string) => void;
}

export class VirtioMmio implements MmioDevice, VirtioHost {
  readonly kind = "virtio-mmio";
  readonly legacy: boolean;
  private dev: VirtioDevice | null = null;
  private queues: SplitQueue[] = [];
  private status = 0;
  private isr = 0;
  private hostFeatures = 0n;
  private guestFeatures = 0n;
  private guestFeaturesWords = [0, 0];
  private hostSel = 0;
  private guestSel = 0;
  private queueSel = 0;
  private pageShift = 0;
  private generation = 0;
  private broken = false;
  /** QEMU's vdev->started (DRIVER_OK, or a legacy driver's first kick) and start_on_kick. */
  private started = false;
  private startOnKick = false;
  /** Modern: per-queue address halves written before QueueReady. */
  private pendingAddr: number[][] = [];
  private readonly log: (msg: string) => void;
  private readonly logged = new Set<string>();
  private _ram: GuestRam | null = null;

  constructor(private readonly irq: IrqLine = NO_IRQ, opts: VirtioMmioOptions = {}) {
    this.legacy = opts.legacy ?? true;
    this.log = opts.log ?? (() => {});
  }

  get ram(): GuestRam {
    if (!this._ram) throw new Error("virtio-mmio: no guest RAM attached");
    return this._ram;
  }

  get device(): VirtioDevice | null { return this.dev; }
  get isBroken(): boolean { return this.broken; }
  get running(): boolean { return !this.broken && (this.status & STATUS.DRIVER_OK) !== 0; }

  /** Plug a device (and the RAM it will DMA to) into this transport. */
  plug(dev: VirtioDevice, ram: GuestRam): void {
    this.dev = dev;
    this._ram = ram;
    this.queues = dev.queueSizes.map((n) => new SplitQueue(n));
    this.pendingAddr = dev.queueSizes.map(() => [0, 0, 0, 0, 0, 0]);
    this.hostFeatures = dev.features | bit(VIRTIO_RING_F_INDIRECT_DESC) | bit(VIRTIO_RING_F_EVENT_IDX)
      | (this.legacy ? bit(VIRTIO_F_NOTIFY_ON_EMPTY) | bit(VIRTIO_F_ANY_LAYOUT) : bit(VIRTIO_F_VERSION_1));
    dev.attach(this);
    this.reset();
  }

  private once(msg: string): void {
    if (this.logged.has(msg)) return;
    this.logged.add(msg);
    this.log(`virtio-mmio: ${msg}`);
  }

  private updateIrq(): void { this.irq.set(this.isr !== 0); }

  // ---- VirtioHost ----
  hasFeature(n: bigint | number): boolean { return (this.guestFeatures & bit(n)) !== 0n; }

  private get eventIdx(): boolean { return this.hasFeature(VIRTIO_RING_F_EVENT_IDX); }

  pop(q: number): Chain | null {
    const vq = this.queues[q];
    if (!vq || this.broken) return null;
    try {
      return vq.pop(this.ram, this.eventIdx);
    } catch (e) {
      this.guard(e);
      return null;
    }
  }

  push(q: number, chain: Chain, len: number): void {
    const vq = this.queues[q];
    if (!vq || this.broken) return;
    try { vq.push(this.ram, chain.head, len); } catch (e) { this.guard(e); }
  }

  notify(q: number): void {
    const vq = this.queues[q];
    if (!vq || this.broken) return;
    try {
      if (!vq.shouldNotify(this.ram, this.eventIdx)) return;
    } catch (e) { this.guard(e); return; }
    this.isr |= ISR_USED;
    this.updateIrq();
  }

  fail(msg: string): void {
    this.once(`${this.dev?.name ?? "device"}: ${msg}`);
    this.broken = true;
    if (this.hasFeature(VIRTIO_F_VERSION_1)) {
      this.status |= STATUS.NEEDS_RESET;
      this.configChanged();
    }
  }

  /** Config space changed (or the device broke): bump the generation, raise ISR bit 1. */
  configChanged(): void {
    this.generation = (this.generation + 1) >>> 0;
    this.isr |= ISR_CONFIG;
    this.updateIrq();
  }

  private guard(e: unknown): void {
    if (e instanceof VirtqueueError) this.fail(e.message);
    else throw e;
  }

  // ---- MmioDevice ----
  reset(): void {
    this.status = 0;
    this.isr = 0;
    this.guestFeatures = 0n;
    this.guestFeaturesWords = [0, 0];
    this.hostSel = this.guestSel = this.queueSel = 0;
    this.broken = false;
    this.started = false;
    this.startOnKick = !this.legacy; // QEMU: host offers VERSION_1, the (reset) guest has not taken it
    for (const q of this.queues) q.reset();
    for (const a of this.pendingAddr) a.fill(0);
    this.legacyAlign = [];
    this.dev?.reset();
    this.updateIrq();
  }

  read(offset: number, size: number): number {
    if (!this.dev) {
      switch (offset) {
        case R.MAGIC: return VIRTIO_MMIO_MAGIC;
        case R.VERSION: return this.legacy ? 1 : 2;
        case R.VENDOR_ID: return VIRTIO_MMIO_VENDOR;
        default: return 0;
      }
    }
    if (offset >= R.CONFIG) return this.dev.configRead(offset - R.CONFIG, size);
    if (size !== 4) { this.once(`wrong size access (${size}) to register 0x${offset.toString(16)}`); return 0; }
    const vq = this.queues[this.queueSel];
    switch (offset) {
      case R.MAGIC: return VIRTIO_MMIO_MAGIC;
      case R.VERSION: return this.legacy ? 1 : 2;
      case R.DEVICE_ID: return this.dev.deviceId;
      case R.VENDOR_ID: return VIRTIO_MMIO_VENDOR;
      case R.DEVICE_FEATURES:
        if (this.legacy) return this.hostSel ? 0 : Number(this.hostFeatures & 0xffffffffn);
        return this.hostSel > 1 ? 0 : Number((this.hostFeatures >> BigInt(32 * this.hostSel)) & 0xffffffffn);
      case R.QUEUE_NUM_MAX: return vq && vq.num ? VIRTQUEUE_MAX_SIZE : 0;
      case R.QUEUE_PFN:
        if (!this.legacy) break;
        return vq ? Math.floor(vq.desc / 2 ** this.pageShift) >>> 0 : 0;
      case R.QUEUE_READY:
        if (this.legacy) break;
        return vq && vq.ready ? 1 : 0;
      case R.INTERRUPT_STATUS: return this.isr;
      case R.STATUS: return this.status;
      case R.CONFIG_GENERATION:
        if (this.legacy) break;
        return this.generation;
      default: break;
    }
    this.once(`read of unknown or write-only register 0x${offset.toString(16)}`);
    return 0;
  }

  write(offset: number, size: number, value: number): void {
    if (!this.dev) return;
    if (offset >= R.CONFIG) { this.dev.configWrite(offset - R.CONFIG, size, value); return; }
    if (size !== 4) { this.once(`wrong size access (${size}) to register 0x${offset.toString(16)}`); return; }
    value >>>= 0;
    const vq = this.queues[this.queueSel];
    const addr = this.pendingAddr[this.queueSel];
    switch (offset) {
      case R.DEVICE_FEATURES_SEL: this.hostSel = value; return;
      case R.DRIVER_FEATURES:
        if (this.legacy) {
          if (this.guestSel) this.once("guest features with DriverFeaturesSel > 0 in legacy mode");
          else this.setFeatures(BigInt(value));
        } else if (this.guestSel <= 1) this.guestFeaturesWords[this.guestSel] = value;
        return;
      case R.DRIVER_FEATURES_SEL: this.guestSel = value; return;
      case R.GUEST_PAGE_SIZE:
        if (!this.legacy) break;
        this.pageShift = value ? 31 - Math.clz32(value & -value) : 0;
        return;
      case R.QUEUE_SEL: if (value < VIRTQUEUE_MAX_SIZE) this.queueSel = value; return;
      case R.QUEUE_NUM:
        if (!vq) return;
        vq.num = Math.min(value, VIRTQUEUE_MAX_SIZE);
        if (this.legacy) this.updateLegacyRings(vq);
        return;
      case R.QUEUE_ALIGN:
        if (!this.legacy || !vq) break;
        this.legacyAlign[this.queueSel] = value;
        this.updateLegacyRings(vq);
        return;
      case R.QUEUE_PFN:
        if (!this.legacy) break;
        if (value === 0) { this.reset(); return; } // QEMU: PFN 0 resets the whole device
        if (!vq) return;
        vq.desc = value * 2 ** this.pageShift;
        vq.ready = true;
        this.updateLegacyRings(vq);
        return;
      case R.QUEUE_READY:
        if (this.legacy || !vq) break;
        if (value & 1) {
          vq.desc = addr[0] + addr[1] * 2 ** 32;
          vq.avail = addr[2] + addr[3] * 2 ** 32;
          vq.used = addr[4] + addr[5] * 2 ** 32;
          vq.ready = true;
        } else vq.ready = false;
        return;
      case R.QUEUE_DESC_LOW: case R.QUEUE_DESC_HIGH: case R.QUEUE_AVAIL_LOW: case R.QUEUE_AVAIL_HIGH:
      case R.QUEUE_USED_LOW: case R.QUEUE_USED_HIGH: {
        if (this.legacy) break;
        if (!addr) return;
        const k = ((offset - R.QUEUE_DESC_LOW) >> 4) * 2 + ((offset >> 2) & 1);
        addr[k] = value;
        return;
      }
      case R.QUEUE_NOTIFY:
        if (value < this.queues.length) this.kick(value);
        return;
      case R.INTERRUPT_ACK:
        this.isr &= ~value;
        this.updateIrq();
        return;
      case R.STATUS: this.writeStatus(value & 0xff); return;
      default: break;
    }
    this.once(`write to unknown or read-only register 0x${offset.toString(16)}`);
  }

  private legacyAlign: number[] = [];

  private updateLegacyRings(vq: SplitQueue): void {
    const align = this.legacyAlign[this.queues.indexOf(vq)] || 4096;
    vq.avail = vq.desc + 16 * vq.num;
    const end = vq.avail + 4 + 2 * vq.num; // QEMU: offsetof(VRingAvail, ring[num])
    vq.used = Math.ceil(end / align) * align;
  }

  private setFeatures(v: bigint): boolean {
    if (this.status & STATUS.FEATURES_OK) return false;
    const bad = (v & ~this.hostFeatures) !== 0n;
    this.guestFeatures = v & this.hostFeatures;
    if (!this.started && !this.hasFeature(VIRTIO_F_VERSION_1)) this.startOnKick = true;
    return !bad;
  }

  private writeStatus(value: number): void {
    if (!this.legacy && (value & STATUS.FEATURES_OK) && !(this.status & STATUS.FEATURES_OK)) {
      this.setFeatures(BigInt(this.guestFeaturesWords[0]) | (BigInt(this.guestFeaturesWords[1]) << 32n));
      // A modern device refuses FEATURES_OK without VERSION_1 (QEMU's virtio_validate_features).
      if (!this.hasFeature(VIRTIO_F_VERSION_1)) return;
    }
    if (value === 0) { this.reset(); return; }
    const wasOk = this.status & STATUS.DRIVER_OK;
    this.status = value | (this.status & STATUS.NEEDS_RESET);
    if ((wasOk !== 0) !== ((value & STATUS.DRIVER_OK) !== 0)) {
      this.started = (value & STATUS.DRIVER_OK) !== 0;
      if (this.started) this.startOnKick = false;
    }
    if (!wasOk && (value & STATUS.DRIVER_OK) && !this.broken) this.dev?.driverOk?.();
  }

  private kick(q: number): void {
    if (this.broken || !this.dev) return;
    try { this.dev.queueNotify(q); } catch (e) { this.guard(e); }
    if (this.startOnKick) { this.started = true; this.startOnKick = false; }
  }

  // ---- migration (QEMU 7.2's virtio blob, virtio/migration.ts) ----

  /** The transport, core and queue state as QEMU's virtio_save writes it. */
  captureMig(): VirtioMig {
    const dev = this.dev!;
    const m = dev.migration!;
    const configLen = m.configLen ?? dev.configSize;
    const config = new Uint8Array(configLen);
    for (let i = 0; i < Math.min(configLen, dev.configSize); i++) config[i] = dev.configRead(i, 1) & 0xff;
    const perQueue = <T>(f: (i: number) => T, zero: T): T[] =>
      Array.from({ length: VIRTIO_QUEUE_MAX }, (_, i) => (i < this.queues.length ? f(i) : zero));
    return {
      host_features_sel: this.hostSel >>> 0, guest_features_sel: this.guestSel >>> 0, guest_page_shift: this.pageShift,
      status: this.status, isr: this.isr, queue_sel: this.queueSel,
      guest_features_lo: Number(this.guestFeatures & 0xffffffffn), config,
      queues: this.queues.map((q, i) => ({ num: q.num, align: this.legacyAlign[i] || 4096, desc: BigInt(q.desc), last_avail_idx: q.lastAvail })),
      device: m.part ? m.part.capture() : null,
      device_endian: 1, guest_features: this.guestFeatures,
      vq: this.legacy ? [] : perQueue((i) => ({ avail: BigInt(this.queues[i].avail), used: BigInt(this.queues[i].used) }), { avail: 0n, used: 0n }),
      rings: perQueue((i) => ({ num_default: this.queues[i].defaultNum }), { num_default: 0 }),
      broken: this.broken, started: this.started, disabled: false,
      mmio: this.legacy ? null : {
        guest_features: [...this.guestFeaturesWords],
        vqs: perQueue((i) => {
          const a = this.pendingAddr[i];
          return { num: this.queues[i].num, enabled: this.queues[i].ready, desc: [a[0], a[1]], avail: [a[2], a[3]], used: [a[4], a[5]] };
        }, { num: 0, enabled: false, desc: [0, 0], avail: [0, 0], used: [0, 0] }),
      },
    };
  }

  /** Why a staged blob cannot go into this transport (null: it can). */
  refuseMig(s: VirtioMig): string | null {
    const dev = this.dev!;
    if (s.queues.length !== this.queues.length) return `${s.queues.length} virtqueues in the snapshot, ${dev.name} has ${this.queues.length} here`;
    const bad = s.guest_features & ~this.hostFeatures;
    if (bad) return `guest features 0x${s.guest_features.toString(16)} include 0x${bad.toString(16)}, which this ${dev.name} does not offer`;
    if ((s.mmio !== null) === this.legacy) return `the snapshot's transport is ${s.mmio ? "modern (virtio-mmio version 2)" : "legacy (version 1, QEMU 7.2's default)"}, this one ${this.legacy ? "legacy" : "modern"}`;
    if (s.device_endian !== 1) return "a big-endian virtio device (armlet's guests are little-endian)";
    if (s.disabled) return "a disabled virtio device";
    for (const [i, q] of s.queues.entries()) {
      if (q.num > VIRTQUEUE_MAX_SIZE) return `queue ${i} has ${q.num} entries (at most ${VIRTQUEUE_MAX_SIZE})`;
      if (q.desc === 0n && q.last_avail_idx !== 0) return `queue ${i} has no ring but last_avail_idx ${q.last_avail_idx}`;
      if (q.desc > BigInt(Number.MAX_SAFE_INTEGER)) return `queue ${i} ring at 0x${q.desc.toString(16)}`;
    }
    return null;
  }

  /**
   * Make a loaded blob the live state, after RAM: queues point at their rings again, the used
   * index comes from guest memory (QEMU's virtio_load), notification tracking starts over, and
   * a ring the guest left inconsistent breaks the device instead of the load.
   */
  applyMig(s: VirtioMig): void {
    const dev = this.dev!;
    this.hostSel = s.host_features_sel;
    this.guestSel = s.guest_features_sel;
    this.pageShift = s.guest_page_shift & 63;
    this.status = s.status;
    this.isr = s.isr;
    this.queueSel = s.queue_sel;
    this.guestFeatures = s.guest_features;
    this.broken = s.broken;
    this.started = s.started;
    this.startOnKick = !this.started && !(this.status & STATUS.DRIVER_OK) && !this.hasFeature(VIRTIO_F_VERSION_1);
    if (s.mmio) this.guestFeaturesWords = [s.mmio.guest_features[0] >>> 0, s.mmio.guest_features[1] >>> 0];
    this.legacyAlign = s.queues.map((q) => q.align);
    const problems: string[] = [];
    s.queues.forEach((m, i) => {
      const q = this.queues[i];
      q.reset();
      q.num = m.num;
      q.desc = Number(m.desc);
      q.lastAvail = m.last_avail_idx;
      const mq = s.mmio?.vqs[i];
      if (this.legacy) {
        this.updateLegacyRings(q);
        q.ready = q.desc !== 0;
      } else {
        q.avail = Number(s.vq[i]?.avail ?? 0n);
        q.used = Number(s.vq[i]?.used ?? 0n);
        q.ready = mq ? mq.enabled : q.desc !== 0;
        if (mq) this.pendingAddr[i] = [...mq.desc, ...mq.avail, ...mq.used].map((v) => v >>> 0);
      }
      if (!q.ready || q.desc === 0) return;
      const idx = this.ram.read(q.used + 2, 2), avail = this.ram.read(q.avail + 2, 2);
      if (!idx || !avail) { problems.push(`queue ${i}'s rings lie outside RAM`); return; }
      q.usedIdx = idx[0] | (idx[1] << 8);
      const heads = ((avail[0] | (avail[1] << 8)) - q.lastAvail) & 0xffff;
      const inUse = (q.lastAvail - q.usedIdx) & 0xffff;
      if (heads > q.num || inUse > q.num) problems.push(`queue ${i}: the guest's indexes (avail ${avail[0] | (avail[1] << 8)}, used ${q.usedIdx}) disagree with last_avail_idx ${q.lastAvail}`);
    });
    dev.migration?.part?.restore(s.device);
    if (problems.length) this.fail(problems.join("; "));
    this.updateIrq();
  }
}

/** QEMU's order: the first device goes to the highest transport, then downwards. */
export function attachVirtioDevices(transports: readonly VirtioMmio[], devices: readonly VirtioDevice[], ram: GuestRam): VirtioMmio[] {
  if (devices.length > transports.length) throw new Error(`${devices.length} virtio devices but only ${transports.length} transports`);
  return devices.map((d, i) => {
    const t = transports[transports.length - 1 - i];
    t.plug(d, ram);
    return t;
  });
}
