import { describe, it, expect } from "vitest";
import { R, STATUS, VirtioMmio, attachVirtioDevices } from "../../../machines/devices/virtio-mmio.js";
import { VirtioRng } from "../../../machines/devices/virtio-rng.js";
import { VirtioBlk, memoryBackend } from "../../../machines/devices/virtio-blk.js";
import { Driver, RAM_BASE } from "./virtio-driver.js";

const rng = () => new VirtioRng({ seed: 1 });

describe("virtio-mmio transport", () => {
  it("an empty transport reads magic, version, vendor and 0 elsewhere, ignores writes", () => {
    for (const legacy of [true, false]) {
      const t = new VirtioMmio(undefined, { legacy });
      t.write(R.STATUS, 4, 7, 0);
      expect([R.MAGIC, R.VERSION, R.DEVICE_ID, R.VENDOR_ID, R.DEVICE_FEATURES, R.QUEUE_NUM_MAX, R.STATUS, 0x100].map((o) => t.read(o, 4, 0)))
        .toEqual([0x74726976, legacy ? 1 : 2, 0, 0x554d4551, 0, 0, 0, 0]);
    }
  });

  it("identifies the attached device", () => {
    const d = new Driver(true, rng());
    expect(d.r(R.DEVICE_ID)).toBe(4);
    expect(d.r(R.VERSION)).toBe(1);
    expect(new Driver(false, rng()).r(R.VERSION)).toBe(2);
  });

  it("legacy features: ring bits in word 0, word 1 reads 0, driver features masked", () => {
    const d = new Driver(true, rng());
    d.w(R.DEVICE_FEATURES_SEL, 0);
    const f0 = d.r(R.DEVICE_FEATURES);
    expect(f0 & (1 << 28)).not.toBe(0); // INDIRECT_DESC
    expect(f0 & (1 << 29)).not.toBe(0); // EVENT_IDX
    expect(f0 & (1 << 24)).not.toBe(0); // NOTIFY_ON_EMPTY (legacy only)
    d.w(R.DEVICE_FEATURES_SEL, 1);
    expect(d.r(R.DEVICE_FEATURES)).toBe(0);
    d.w(R.DRIVER_FEATURES, (1 << 29) | (1 << 3)); // bit 3 not offered
    expect(d.t.hasFeature(29)).toBe(true);
    expect(d.t.hasFeature(3)).toBe(false);
  });

  it("modern features: VERSION_1 in word 1; FEATURES_OK only with VERSION_1", () => {
    const d = new Driver(false, rng());
    d.w(R.DEVICE_FEATURES_SEL, 1);
    expect(d.r(R.DEVICE_FEATURES) & 1).toBe(1);
    d.w(R.DEVICE_FEATURES_SEL, 0);
    expect(d.r(R.DEVICE_FEATURES) & (1 << 24)).toBe(0);
    d.w(R.STATUS, 3);
    d.w(R.DRIVER_FEATURES_SEL, 0); d.w(R.DRIVER_FEATURES, 1 << 28);
    d.w(R.STATUS, 3 | STATUS.FEATURES_OK);
    expect(d.r(R.STATUS) & STATUS.FEATURES_OK).toBe(0);
    d.w(R.DRIVER_FEATURES_SEL, 1); d.w(R.DRIVER_FEATURES, 1);
    d.w(R.STATUS, 3 | STATUS.FEATURES_OK);
    expect(d.r(R.STATUS)).toBe(3 | STATUS.FEATURES_OK);
    expect(d.t.hasFeature(28) && d.t.hasFeature(32)).toBe(true);
  });

  it("legacy queue setup: QueueNumMax, PFN × page size, align places the used ring", () => {
    const d = new Driver(true, rng());
    d.w(R.QUEUE_SEL, 0);
    expect(d.r(R.QUEUE_NUM_MAX)).toBe(1024);
    d.w(R.QUEUE_SEL, 1);
    expect(d.r(R.QUEUE_NUM_MAX)).toBe(0); // no second queue
    d.init(0n, 8);
    expect(d.r(R.QUEUE_PFN)).toBe((RAM_BASE + 0x10000) / 4096);
    // 8 entries: desc 128 bytes, avail 4 + 16, used aligned to the next 4 KiB.
    const buf = d.alloc(16);
    d.submit([{ addr: buf, len: 16, write: true }]);
    expect(d.u16(RAM_BASE + 0x11000 + 2)).toBe(1);
    d.w(R.QUEUE_PFN, 0); // QEMU: PFN 0 resets the device
    expect(d.r(R.STATUS)).toBe(0);
    expect(d.r(R.QUEUE_PFN)).toBe(0);
  });

  it("legacy guest page size scales the PFN", () => {
    const d = new Driver(true, rng());
    d.w(R.GUEST_PAGE_SIZE, 0x10000);
    d.w(R.QUEUE_NUM, 8);
    d.w(R.QUEUE_PFN, (RAM_BASE + 0x20000) / 0x10000);
    expect(d.r(R.QUEUE_PFN)).toBe((RAM_BASE + 0x20000) / 0x10000);
  });

  it("modern queue setup: desc/driver/device addresses, QueueReady reads back", () => {
    const d = new Driver(false, rng());
    d.init(0n, 8);
    expect(d.r(R.QUEUE_READY)).toBe(1);
    const buf = d.alloc(8);
    d.submit([{ addr: buf, len: 8, write: true }]);
    expect(d.takeUsed()).toEqual([[0, 8]]);
    d.w(R.QUEUE_READY, 0);
    expect(d.r(R.QUEUE_READY)).toBe(0);
  });

  it("notify → used ring, interrupt status bit 0, ACK lowers the line", () => {
    for (const legacy of [true, false]) {
      const d = new Driver(legacy, rng());
      d.init(0n, 8);
      expect(d.irq.level).toBe(false);
      d.submit([{ addr: d.alloc(4), len: 4, write: true }]);
      expect(d.r(R.INTERRUPT_STATUS)).toBe(1);
      expect(d.irq.level).toBe(true);
      d.w(R.INTERRUPT_ACK, 1);
      expect(d.r(R.INTERRUPT_STATUS)).toBe(0);
      expect(d.irq.level).toBe(false);
    }
  });

  it("writing status 0 resets features, queues and interrupts", () => {
    const d = new Driver(false, rng());
    d.init(1n << 29n, 8);
    d.submit([{ addr: d.alloc(4), len: 4, write: true }]);
    expect(d.irq.level).toBe(true);
    d.w(R.STATUS, 0);
    expect([d.r(R.STATUS), d.r(R.INTERRUPT_STATUS), d.r(R.QUEUE_READY)]).toEqual([0, 0, 0]);
    expect(d.irq.level).toBe(false);
    expect(d.t.hasFeature(29)).toBe(false);
  });

  it("non-32-bit register accesses are ignored; config space takes any width", () => {
    const blk = new VirtioBlk(memoryBackend(new Uint8Array(512 * 40)));
    const d = new Driver(true, blk);
    expect(d.t.read(R.MAGIC, 2, 0)).toBe(0);
    expect(d.t.read(0x100, 4, 0)).toBe(40); // capacity low word
    expect(d.t.read(0x100, 1, 0)).toBe(40);
    expect(d.t.read(0x114, 4, 0)).toBe(512); // blk_size
    expect(d.t.read(0x100 + 24, 4, 0)).toBe(0xffffffff); // beyond the config: all ones
  });

  it("attachVirtioDevices fills transports from the highest down", () => {
    const ts = Array.from({ length: 32 }, () => new VirtioMmio());
    const d = new Driver(true);
    const a = new VirtioBlk(memoryBackend(new Uint8Array(1024))), b = rng();
    const used = attachVirtioDevices(ts, [a, b], d.ram);
    expect(used).toEqual([ts[31], ts[30]]);
    expect(ts[31].read(R.DEVICE_ID, 4, 0)).toBe(2);
    expect(ts[30].read(R.DEVICE_ID, 4, 0)).toBe(4);
    expect(ts[29].read(R.DEVICE_ID, 4, 0)).toBe(0);
  });
});
