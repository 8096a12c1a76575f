// virtio devices on virtio-mmio through a whole stream (guest RAM included) and the machine's
// loader: the transport and queue state, a request the guest made available but the device has
// not taken yet, a request QEMU had in flight (its element format), the disk's --snapshot
// overlay, the rng's position and virtio-serial's ports continue exactly; a resume with another
// image, other ports or another transport mode is refused before anything is applied.
import { describe, expect, it } from "vitest";
import { VirtioBlk, memoryBackend, snapshotOverlay, BLK_T_IN, BLK_T_OUT } from "../../../machines/devices/virtio-blk.js";
import { VirtioRng } from "../../../machines/devices/virtio-rng.js";
import { VirtioSerial } from "../../../machines/devices/virtio-serial.js";
import type { VirtioDevice } from "../../../machines/devices/virtio/device.js";
import { R, STATUS } from "../../../machines/devices/virtio-mmio.js";
import { registerVirtioSections } from "../../../machines/devices/virtio/sections.js";
import { SectionRegistry } from "../../../machines/snapshot/section.js";
import { Driver, blkHeader, type Desc } from "../devices/virtio-driver.js";
import { describe as describeStream, loadInto, streamOf, type TestMachine } from "../devices/snapshot-helpers.js";

const BASE = 0x0a00_3e00;
const pristine = () => Uint8Array.from({ length: 512 * 64 }, (_, i) => (i * 7 + (i >> 9)) & 0xff);

function machine(legacy: boolean, dev: VirtioDevice): { d: Driver; m: TestMachine } {
  const d = new Driver(legacy, dev);
  const snapshot = new SectionRegistry();
  registerVirtioSections(snapshot, [{ transport: d.t, base: BASE }]);
  return { d, m: { snapshot, reset: () => d.t.reset(), ram: [{ name: "ram", bytes: d.mem }] } };
}

/** The driver's own bookkeeping (in a real guest it lives in the RAM that was restored). */
function adoptDriver(to: Driver, from: Driver): void {
  const { desc, avail, used, num, availIdx, lastUsed } = from;
  Object.assign(to, { desc, avail, used, num, availIdx, lastUsed });
  for (const k of ["heap", "current"]) (to as any)[k] = (from as any)[k];
  (to as any).rings = new Map((from as any).rings);
}

/** Guest RAM of two machines is byte for byte the same. */
const sameRam = (x: Driver, y: Driver) => expect(Buffer.compare(x.mem, y.mem)).toBe(0);

const REGS = [R.STATUS, R.INTERRUPT_STATUS, R.DEVICE_FEATURES, R.QUEUE_NUM_MAX];

function blkRequest(d: Driver, type: number, sector: number, data: Uint8Array | number) {
  const hdr = d.alloc(blkHeader(type, sector));
  const len = typeof data === "number" ? data : data.length;
  const buf = d.alloc(data);
  const st = d.alloc(1);
  const descs: Desc[] = [{ addr: hdr, len: 16 }, { addr: buf, len, write: typeof data === "number" }, { addr: st, len: 1, write: true }];
  return { hdr, buf, st, len, descs };
}

const blk = (img = pristine(), opts: { snapshot?: boolean; path?: string; readonly?: boolean } = {}) =>
  new VirtioBlk(opts.snapshot === false ? memoryBackend(img) : snapshotOverlay(memoryBackend(img)),
    { readonly: opts.readonly, drive: { path: opts.path ?? "disk.img", snapshot: opts.snapshot !== false } });

describe("virtio-blk", () => {
  for (const legacy of [true, false]) {
    it(`${legacy ? "legacy" : "modern"}: queues, the overlay and a request made available before the save continue exactly`, () => {
      const a = machine(legacy, blk()), b = machine(legacy, blk());
      a.d.init(0n, 16);
      const payload = Uint8Array.from({ length: 1024 }, (_, i) => (i * 13) & 0xff);
      a.d.submit(blkRequest(a.d, BLK_T_OUT, 10, payload).descs, 0);
      expect(a.d.takeUsed()).toEqual([[0, 1]]);
      const rd = blkRequest(a.d, BLK_T_IN, 10, 1024);
      a.d.submit(rd.descs, 3, false); // available, not yet kicked
      const bytes = streamOf(a.m);
      loadInto(b.m, bytes);
      adoptDriver(b.d, a.d);
      expect(REGS.map((o) => b.d.r(o))).toEqual(REGS.map((o) => a.d.r(o)));
      expect(b.d.irq.level).toBe(a.d.irq.level);
      for (const x of [a, b]) x.d.w(R.QUEUE_NOTIFY, 0);
      expect(b.d.takeUsed()).toEqual([[3, 1025]]);
      expect(a.d.takeUsed()).toEqual([[3, 1025]]);
      expect(b.d.peek(rd.buf, 1024)).toEqual(payload); // from the overlay that travelled
      sameRam(b.d, a.d);
      const names = describeStream(bytes).map((d) => d.name);
      expect(names).toEqual(["virtio-mmio@000000000a003e00/armlet-drive", "virtio-mmio@000000000a003e00/virtio-blk"]);
      const subs = (describeStream(bytes)[1].fields[0].size);
      expect(subs).toBeGreaterThan(legacy ? 100 : 16 * 1024); // modern: the 1024 queues' ring addresses
    });
  }

  it("a request QEMU had in flight (its element in the stream) is completed after the load", () => {
    const a = machine(true, blk()), b = machine(true, blk());
    a.d.init(0n, 16);
    const rd = blkRequest(a.d, BLK_T_IN, 2, 512);
    a.d.submit(rd.descs, 5, false);
    // As QEMU would have it: popped from the ring (last_avail_idx moved) and listed by virtio-blk.
    const sec = a.m.snapshot.find("virtio-mmio@000000000a003e00/virtio-blk", 0)!;
    const pre = sec.preSave!;
    sec.preSave = () => {
      pre();
      const st = sec.state();
      st.queues[0].last_avail_idx += 1;
      st.device.requests = [{ index: 5, out: [{ addr: rd.hdr, len: 16 }], in: [{ addr: rd.buf, len: 512 }, { addr: rd.st, len: 1 }] }];
    };
    const bytes = streamOf(a.m);
    expect(describeStream(bytes)[1].fields[0].size).toBeGreaterThan(49168);
    b.d.w(R.INTERRUPT_ACK, 3);
    loadInto(b.m, bytes);
    adoptDriver(b.d, a.d);
    expect(b.d.takeUsed()).toEqual([[5, 513]]);
    expect(b.d.peek(rd.buf, 512)).toEqual(pristine().subarray(1024, 1536));
    expect(b.d.peek(rd.st, 1)[0]).toBe(0);
    expect(b.d.irq.level).toBe(true);
  });

  it("another image, another size, or a --snapshot overlay into a plain drive: usage errors, nothing applied", () => {
    const a = machine(true, blk());
    a.d.init(0n, 16);
    a.d.submit(blkRequest(a.d, BLK_T_OUT, 1, new Uint8Array(512).fill(9)).descs, 0);
    const bytes = streamOf(a.m);
    const other = machine(true, blk(pristine(), { path: "other.img" }));
    expect(() => loadInto(other.m, bytes)).toThrow(/snapshot's disk is \/.*disk\.img \(32768 bytes\), this machine's is \/.*other\.img \(32768 bytes\)/);
    expect(other.d.r(R.STATUS)).toBe(0);
    const smaller = machine(true, blk(pristine().subarray(0, 512 * 32)));
    expect(() => loadInto(smaller.m, bytes)).toThrow(/32768 bytes.*16384 bytes/);
    const plain = machine(true, blk(pristine(), { snapshot: false }));
    expect(() => loadInto(plain.m, bytes)).toThrow(expect.objectContaining({ kind: "usage", message: expect.stringMatching(/taken with --snapshot.*1 written sectors.*resume with --snapshot/) }));
  });

  it("a legacy transport's state into a modern one is refused (snapshot error naming the section)", () => {
    const a = machine(true, blk());
    a.d.init(0n, 16);
    const b = machine(false, blk());
    expect(() => loadInto(b.m, streamOf(a.m))).toThrow(/section 'virtio-mmio@000000000a003e00\/virtio-blk': the snapshot's transport is legacy/);
  });
});

describe("virtio-rng", () => {
  it("a seeded generator continues where it was: the bytes after the load are the uninterrupted run's", () => {
    const a = machine(true, new VirtioRng({ seed: 7 })), b = machine(true, new VirtioRng({ seed: 7 }));
    a.d.init(0n, 8);
    const first = a.d.alloc(64);
    a.d.submit([{ addr: first, len: 64, write: true }], 0);
    loadInto(b.m, streamOf(a.m));
    adoptDriver(b.d, a.d);
    const next = a.d.alloc(32);
    for (const x of [a, b]) x.d.submit([{ addr: next, len: 32, write: true }], 1);
    expect(b.d.takeUsed()).toEqual(a.d.takeUsed());
    expect(b.d.peek(next, 32)).toEqual(a.d.peek(next, 32));
    expect(b.d.peek(next, 32)).not.toEqual(b.d.peek(first, 32));
  });
});

describe("virtio-serial", () => {
  const text = (s: string) => [...new TextEncoder().encode(s)];
  function serial(ports = 1) {
    const dev = new VirtioSerial({ maxPorts: 4 });
    for (let i = 0; i < ports; i++) dev.addPort({ console: true, backend: { write: () => {} } });
    return dev;
  }
  function start(d: Driver): void {
    d.w(R.STATUS, 0);
    d.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
    d.w(R.DRIVER_FEATURES, 0);
    d.w(R.GUEST_PAGE_SIZE, 4096);
    d.setupQueue(0, 16);
    d.setupQueue(1, 16);
    d.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.DRIVER_OK);
  }

  it("port 0 open on the guest side and host input still waiting for buffers come back", () => {
    const da = serial(), db = serial();
    const a = machine(true, da), b = machine(true, db);
    start(a.d);
    da.receive(text("xyz"));
    const bytes = streamOf(a.m);
    expect(describeStream(bytes).map((x) => x.name)).toEqual(["virtio-mmio@000000000a003e00/armlet-virtio-serial", "virtio-mmio@000000000a003e00/virtio-console"]);
    loadInto(b.m, bytes);
    adoptDriver(b.d, a.d);
    expect(db.port(0)).toMatchObject({ guestConnected: true, input: text("xyz") });
    for (const x of [a, b]) {
      x.d.on(0);
      const buf = 0x4000_9000;
      x.d.submit([{ addr: buf, len: 16, write: true }], 0);
    }
    expect(b.d.takeUsed()).toEqual([[0, 3]]);
    expect(a.d.takeUsed()).toEqual([[0, 3]]);
    sameRam(b.d, a.d);
  });

  it("other ports than the snapshot's: a usage error naming both", () => {
    const a = machine(true, serial(2)), b = machine(true, serial(1));
    start(a.d);
    expect(() => loadInto(b.m, streamOf(a.m))).toThrow(/port ids are \[0, 1\] of max_ports 4, this machine's \[0\] of 4/);
  });
});


describe("hostile virtio sections", () => {
  it("1,000 mutations of a stream with a blk request in flight and open serial ports: an ArmletError or a clean load", async () => {
    const { ArmletError } = await import("../../../machines/errors.js");
    const { findVmdesc } = await import("../../../machines/snapshot/stream.js");
    const two = () => {
      const d = new Driver(true, blk());
      const sdev = new VirtioSerial({ maxPorts: 4 });
      sdev.addPort({ console: true, backend: { write: () => {} } });
      const d2 = new Driver(true, sdev);
      const snapshot = new SectionRegistry();
      registerVirtioSections(snapshot, [{ transport: d.t, base: BASE }, { transport: d2.t, base: BASE - 0x200 }]);
      return { d, d2, m: { snapshot, reset: () => { d.t.reset(); d2.t.reset(); }, ram: [{ name: "ram", bytes: d.mem }] } as TestMachine };
    };
    const { d, d2, m } = two();
    d.init(0n, 16);
    d2.init(0n, 16);
    d.submit(blkRequest(d, BLK_T_IN, 3, 512).descs, 0, false);
    const good = streamOf(m);
    let x = 12345;
    const rnd = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
    // Mutate the device sections (after the RAM pages, before the JSON description).
    const ramEnd = Buffer.from(good).indexOf(Buffer.from("virtio-mmio@"));
    const end = findVmdesc(good)!.start;
    let loaded = 0;
    for (let i = 0; i < 1000; i++) {
      const b = Uint8Array.from(good);
      const n = 1 + (rnd() % 4);
      for (let k = 0; k < n; k++) {
        const at = ramEnd + (rnd() % (end - ramEnd));
        b[at] = rnd() & 0xff;
      }
      try { loadInto(two().m, b); loaded++; } catch (e) {
        if (!(e instanceof ArmletError)) throw new Error(`mutation ${i}: ${(e as Error).stack}`);
      }
    }
    expect(loaded).toBeGreaterThan(0);
  });
});
