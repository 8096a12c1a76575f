// The virtio device state as QEMU 7.2 migrates it: one field of the custom type "virtio"
// (hw/virtio/virtio.c virtio_save/virtio_load) holding, in this order, the virtio-mmio
// transport's save_config words, the core state (status, ISR, queue_sel, the low guest
// features, the config bytes), every queue (num, align, descriptor address, last_avail_idx),
// the device's own part (vdc->save: in-flight requests, virtio-serial ports), and then the
// `virtio` vmsd's subsections (64-bit features, modern ring addresses, ring sizes, broken,
// virtio-mmio's extra state, started). Everything is read into plain data first; the
// transport applies it after the whole stream has been validated (virtio-mmio.ts).
import type { ByteReader, ByteWriter } from "../../snapshot/bytes.js";
import { decodeVmsd, encodeVmsd } from "../../snapshot/codec.js";
import { bool, custom, struct, subsection, u16, u32, u64, u8, vmsd, type CustomType, type VmsdDecl } from "../../snapshot/vmstate.js";

/** QEMU's VIRTIO_QUEUE_MAX: the modern-transport and ring-size subsections cover this many queues. */
export const VIRTIO_QUEUE_MAX = 1024;
/** QEMU's virtio_device_endian: what armlet's (little-endian) guests use. */
export const VIRTIO_DEVICE_ENDIAN_LITTLE = 1;

export interface QueueMig { num: number; align: number; desc: bigint; last_avail_idx: number }
export interface MmioQueueMig { num: number; enabled: boolean; desc: number[]; avail: number[]; used: number[] }

/** The plain data behind one "virtio" field. */
export interface VirtioMig {
  // virtio-mmio's save_config
  host_features_sel: number; guest_features_sel: number; guest_page_shift: number;
  // the core
  status: number; isr: number; queue_sel: number; guest_features_lo: number;
  config: Uint8Array;
  queues: QueueMig[];
  /** The device's part (vdc->save), in the device's own plain form. */
  device: any;
  // subsections of the `virtio` vmsd
  device_endian: number;
  guest_features: bigint;
  vq: { avail: bigint; used: bigint }[];
  rings: { num_default: number }[];
  broken: boolean; started: boolean; disabled: boolean;
  /** virtio-mmio's extra state (modern transports): the register values QEMU keeps per queue. */
  mmio: { guest_features: number[]; vqs: MmioQueueMig[] } | null;
}

/** How a device writes and reads its part of the blob (QEMU's vdc->save / vdc->load). */
export interface VirtioDevicePart {
  write(w: ByteWriter, s: any): void;
  read(r: ByteReader, s: any): any;
}

export function emptyMig(): VirtioMig {
  return {
    host_features_sel: 0, guest_features_sel: 0, guest_page_shift: 0, status: 0, isr: 0, queue_sel: 0,
    guest_features_lo: 0, config: new Uint8Array(0), queues: [], device: null,
    device_endian: VIRTIO_DEVICE_ENDIAN_LITTLE, guest_features: 0n, vq: [], rings: [],
    broken: false, started: false, disabled: false, mmio: null,
  };
}

// ---- the `virtio` vmsd's subsections (QEMU 7.2's order) ----

const VIRTQUEUE_STATE = vmsd("virtqueue_state", 1, [u64("avail"), u64("used")]);
const RINGSIZE_STATE = vmsd("ringsize_state", 1, [u32("num_default")]);
const MMIO_QUEUE_STATE = vmsd("virtio_mmio/queue_state", 1, [
  u16("num"), bool("enabled"), u32("desc", 2), u32("avail", 2), u32("used", 2),
]);
/** virtio-mmio's vmstate_virtio_mmio: no fields, one subsection with the per-queue registers. */
const VIRTIO_MMIO = vmsd("virtio_mmio", 1, [], [
  subsection(vmsd("virtio_mmio/state", 1, [u32("guest_features", 2), struct("vqs", MMIO_QUEUE_STATE, VIRTIO_QUEUE_MAX)]), () => true),
]);

/** The extra_state field: virtio-mmio's vmsd written inline (QEMU's virtqueue_extra_state). */
const EXTRA_STATE: CustomType<VirtioMig> = {
  name: "virtqueue_extra_state",
  write(w, s) { encodeVmsd(w, VIRTIO_MMIO, s.mmio ?? { guest_features: [0, 0], vqs: [] }); },
  read(r, s) {
    const m = { guest_features: [0, 0], vqs: [] as MmioQueueMig[] };
    decodeVmsd(r, VIRTIO_MMIO, m, 1);
    s.mmio = m;
  },
};

const modern = (s: VirtioMig) => s.mmio !== null;

export const VIRTIO_SUBSECTIONS: VmsdDecl = vmsd("virtio", 1, [], [
  subsection(vmsd("virtio/device_endian", 1, [u8("device_endian")]), (s: VirtioMig) => s.device_endian !== VIRTIO_DEVICE_ENDIAN_LITTLE),
  // QEMU 7.2 offers feature bits above 31 on every device (VIRTIO_F_RING_RESET), so it always sends these.
  subsection(vmsd("virtio/64bit_features", 1, [u64("guest_features")]), () => true),
  subsection(vmsd("virtio/virtqueues", 1, [struct("vq", VIRTQUEUE_STATE, VIRTIO_QUEUE_MAX)]), modern),
  subsection(vmsd("virtio/ringsize", 1, [struct("vq", RINGSIZE_STATE, VIRTIO_QUEUE_MAX, { key: "rings" })]),
    (s: VirtioMig) => s.queues.some((q, i) => q.num !== s.rings[i]?.num_default)),
  subsection(vmsd("virtio/broken", 1, [bool("broken")]), (s: VirtioMig) => s.broken),
  subsection(vmsd("virtio/extra_state", 1, [custom("extra_state", EXTRA_STATE)]), modern),
  subsection(vmsd("virtio/started", 1, [bool("started")]), (s: VirtioMig) => s.started),
  subsection(vmsd("virtio/disabled", 1, [bool("disabled")]), (s: VirtioMig) => s.disabled),
]);

/** The "virtio" field of a device's section; `device` is its vdc->save part (absent: none). */
export function virtioType(device?: VirtioDevicePart): CustomType<VirtioMig> {
  return {
    name: "virtio",
    write(w, s) {
      w.u32(s.host_features_sel); w.u32(s.guest_features_sel); w.u32(s.guest_page_shift);
      w.u8(s.status); w.u8(s.isr); w.u16(s.queue_sel);
      w.u32(Number(s.guest_features & 0xffffffffn));
      w.u32(s.config.length); w.bytes(s.config);
      w.u32(s.queues.length);
      for (const q of s.queues) { w.u32(q.num); w.u32(q.align); w.u64(q.desc); w.u16(q.last_avail_idx); }
      device?.write(w, s.device);
      encodeVmsd(w, VIRTIO_SUBSECTIONS, s);
    },
    read(r, s) {
      s.host_features_sel = r.u32("virtio host_features_sel");
      s.guest_features_sel = r.u32("virtio guest_features_sel");
      s.guest_page_shift = r.u32("virtio guest_page_shift");
      s.status = r.u8("virtio status");
      s.isr = r.u8("virtio isr");
      const selAt = r.pos;
      s.queue_sel = r.u16("virtio queue_sel");
      if (s.queue_sel >= VIRTIO_QUEUE_MAX) r.fail(`virtio: queue_sel ${s.queue_sel} is not below ${VIRTIO_QUEUE_MAX}`, selAt);
      s.guest_features_lo = r.u32("virtio guest features");
      const cfgAt = r.pos;
      const len = r.u32("virtio config_len");
      if (len > 4096) r.fail(`virtio: config of ${len} bytes`, cfgAt);
      s.config = new Uint8Array(r.bytes(len, "virtio config"));
      const nAt = r.pos;
      const n = r.u32("virtio queue count");
      if (n > VIRTIO_QUEUE_MAX) r.fail(`virtio: ${n} virtqueues (at most ${VIRTIO_QUEUE_MAX})`, nAt);
      r.need(n * 18, "virtio queues");
      s.queues = [];
      for (let i = 0; i < n; i++) {
        s.queues.push({ num: r.u32(), align: r.u32(), desc: r.u64(), last_avail_idx: r.u16() });
      }
      s.device = device ? device.read(r, s.device) : null;
      // Defaults for what the subsections leave out (QEMU: the low word alone, little-endian, legacy).
      s.guest_features = BigInt(s.guest_features_lo);
      s.device_endian = VIRTIO_DEVICE_ENDIAN_LITTLE;
      s.vq = []; s.rings = []; s.broken = false; s.started = false; s.disabled = false; s.mmio = null;
      decodeVmsd(r, VIRTIO_SUBSECTIONS, s, 1);
    },
  };
}

/** The section's declaration: QEMU's VMSTATE_VIRTIO_DEVICE (one "virtio" field) for the device. */
export function virtioDeviceVmsd(name: string, version: number, device?: VirtioDevicePart): VmsdDecl {
  return vmsd(name, version, [custom("virtio", virtioType(device))]);
}
