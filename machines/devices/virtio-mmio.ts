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
    if (!wasOk && (value & STATUS.DRIVER_OK) && !this.broken) this.dev?.driverOk?.();
  }

  private kick(q: number): void {
    if (this.broken || !this.dev) return;
    try { this.dev.queueNotify(q); } catch (e) { this.guard(e); }
  }

  saveState(): Record<string, unknown> {
    return {
      legacy: this.legacy, status: this.status, isr: this.isr, hostSel: this.hostSel, guestSel: this.guestSel,
      guestFeatures: this.guestFeatures.toString(), guestFeaturesWords: [...this.guestFeaturesWords],
      queueSel: this.queueSel, pageShift: this.pageShift, generation: this.generation, broken: this.broken,
      legacyAlign: [...this.legacyAlign], pendingAddr: this.pendingAddr.map((a) => [...a]),
      queues: this.queues.map((q) => q.save()), device: this.dev?.saveState?.() ?? null,
    };
  }

  loadState(s: Record<string, unknown>): void {
    this.status = s.status as number;
    this.isr = s.isr as number;
    this.hostSel = s.hostSel as number;
    this.guestSel = s.guestSel as number;
    this.guestFeatures = BigInt(s.guestFeatures as string);
    this.guestFeaturesWords = [...(s.guestFeaturesWords as number[])];
    this.queueSel = s.queueSel as number;
    this.pageShift = s.pageShift as number;
    this.generation = s.generation as number;
    this.broken = s.broken as boolean;
    this.legacyAlign = [...(s.legacyAlign as number[])];
    this.pendingAddr = (s.pendingAddr as number[][]).map((a) => [...a]);
    (s.queues as Record<string, unknown>[]).forEach((q, i) => this.queues[i]?.load(q));
    if (s.device && this.dev?.loadState) this.dev.loadState(s.device as Record<string, unknown>);
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
