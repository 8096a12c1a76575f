// What a virtio device model (blk, rng, console) sees of its transport, and what the
// transport asks of the device. Devices never touch MMIO registers; the transport never
// interprets requests.
import type { GuestRam } from "./guest-ram.js";
import type { Chain } from "./queue.js";
import type { DeviceVmstate } from "../../snapshot/section.js";
import type { VirtioDevicePart } from "./migration.js";

export const VIRTIO_ID_NET = 1;
export const VIRTIO_ID_BLOCK = 2;
export const VIRTIO_ID_CONSOLE = 3;
export const VIRTIO_ID_RNG = 4;

/** Transport-level feature bits (virtio 1.x §6). */
export const VIRTIO_F_NOTIFY_ON_EMPTY = 24n;
export const VIRTIO_F_ANY_LAYOUT = 27n;
export const VIRTIO_RING_F_INDIRECT_DESC = 28n;
export const VIRTIO_RING_F_EVENT_IDX = 29n;
export const VIRTIO_F_VERSION_1 = 32n;

export const bit = (n: bigint | number) => 1n << BigInt(n);

export interface VirtioHost {
  readonly ram: GuestRam;
  /** Whether the driver accepted feature bit n. */
  hasFeature(n: bigint | number): boolean;
  /** Next chain of queue q, or null when empty, not ready or the device is broken. */
  pop(q: number): Chain | null;
  /** Return a chain with `len` bytes written to its device-writable part. */
  push(q: number, chain: Chain, len: number): void;
  /** Raise the used-buffer interrupt if the driver wants one (flags / used_event). */
  notify(q: number): void;
  /** Report a driver error: the device is broken until reset (QEMU's virtio_error). */
  fail(msg: string): void;
  /** Whether the driver has set DRIVER_OK (and the device is not broken). */
  readonly running: boolean;
}

export interface VirtioDevice {
  readonly deviceId: number;
  /** QEMU's model name (virtio-blk-device, virtio-rng-device, virtio-serial-device). */
  readonly name: string;
  /** Device-specific feature bits (the transport adds the ring and version bits). */
  readonly features: bigint;
  /** Default ring size per queue (the array's length is the number of queues). */
  readonly queueSizes: readonly number[];
  readonly configSize: number;
  configRead(offset: number, size: number): number;
  configWrite(offset: number, size: number, value: number): void;
  attach(host: VirtioHost): void;
  /** The driver kicked queue q. May throw VirtqueueError (the transport catches it). */
  queueNotify(q: number): void;
  reset(): void;
  /** Called when the driver sets DRIVER_OK (e.g. deliver pending console input). */
  driverOk?(): void;
  /** How the device travels in a snapshot (virtio/sections.ts); absent (test devices): not saved. */
  readonly migration?: VirtioMigration;
}

/** A virtio device's migration: QEMU 7.2's identity for it, its part of the blob, armlet's extras. */
export interface VirtioMigration {
  /** QEMU 7.2's vmsd name and version (VMSTATE_VIRTIO_DEVICE): virtio-blk 2, virtio-rng 1, virtio-console 3. */
  readonly vmsdName: string;
  readonly version: number;
  /** config_len QEMU 7.2 writes (its config struct for its default features); default configSize. */
  readonly configLen?: number;
  /** The device's own part of the blob (QEMU's vdc->save/load) over plain data. */
  readonly part?: VirtioDevicePart & {
    capture(): any;
    /** Refuse a staged part this device cannot take (ports that differ...): throw an ArmletError. */
    check?(staged: any): void;
    /** Apply the loaded part (before queues are restarted). */
    restore(s: any): void;
  };
  /** State QEMU keeps outside the stream or not at all (drive identity and overlay, PRNG, pending input). */
  readonly armlet?: DeviceVmstate;
  /** After the whole machine is loaded (RAM included): complete what was in flight. */
  afterLoad?(): void;
}

/** Little-endian read of `size` bytes of a config byte array (QEMU: out of range reads all-ones). */
export function configReadBytes(cfg: Uint8Array, offset: number, size: number): number {
  if (offset < 0 || offset + size > cfg.length) return size === 4 ? 0xffffffff : (1 << (8 * size)) - 1;
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + cfg[offset + i];
  return v >>> 0;
}
