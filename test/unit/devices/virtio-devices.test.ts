import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { R, STATUS } from "../../../machines/devices/virtio-mmio.js";
import { VirtioBlk, memoryBackend, BLK_T_IN, BLK_T_OUT, BLK_T_FLUSH, BLK_T_GET_ID } from "../../../machines/devices/virtio-blk.js";
import { VirtioRng } from "../../../machines/devices/virtio-rng.js";
import { VirtioSerial } from "../../../machines/devices/virtio-serial.js";
import { openDrive } from "../../../machines/devices/virtio/drives.js";
import { parseDrive } from "../../../machines/options.js";
import { Driver, RAM_BASE, blkHeader } from "./virtio-driver.js";

const disk = (sectors = 64) => Uint8Array.from({ length: 512 * sectors }, (_, i) => (i * 7 + (i >> 9)) & 0xff);

function blkDriver(legacy: boolean, img = disk(), readonly = false, features = 0n) {
  const d = new Driver(legacy, new VirtioBlk(memoryBackend(img), { readonly }));
  d.init(features, 16);
  return d;
}

/** header / data / status as three descriptors. */
function request(d: Driver, type: number, sector: number, data: Uint8Array | number) {
  const hdr = d.alloc(blkHeader(type, sector));
  const buf = d.alloc(data);
  const st = d.alloc(1);
  d.mem[st - RAM_BASE] = 0xaa;
  const write = typeof data === "number";
  const len = typeof data === "number" ? data : data.length;
  return { hdr, buf, st, descs: [{ addr: hdr, len: 16 }, ...(len ? [{ addr: buf, len, write }] : []), { addr: st, len: 1, write: true }] };
}

describe("virtio-blk", () => {
  for (const legacy of [true, false]) {
    it(`reads, writes, flushes and reports its id (${legacy ? "legacy" : "modern"})`, () => {
      const img = disk();
      const d = blkDriver(legacy, img);
      const rd = request(d, BLK_T_IN, 3, 1024);
      d.submit(rd.descs);
      expect(d.takeUsed()).toEqual([[0, 1025]]);
      expect(d.mem[rd.st - RAM_BASE]).toBe(0);
      expect(d.peek(rd.buf, 1024)).toEqual(img.slice(3 * 512, 5 * 512));
      const payload = Uint8Array.from({ length: 512 }, (_, i) => 255 - (i & 0xff));
      const wr = request(d, BLK_T_OUT, 10, payload);
      d.submit(wr.descs, 3);
      expect(d.takeUsed()).toEqual([[3, 1]]);
      expect(img.slice(5120, 5632)).toEqual(payload);
      const fl = request(d, BLK_T_FLUSH, 0, 0);
      d.submit(fl.descs, 6);
      expect(d.takeUsed()).toEqual([[6, 1]]);
      expect(d.mem[fl.st - RAM_BASE]).toBe(0);
      const id = request(d, BLK_T_GET_ID, 0, 20);
      d.submit(id.descs, 8);
      expect(d.takeUsed()).toEqual([[8, 21]]);
      expect(d.r(R.INTERRUPT_STATUS)).toBe(1);
    });
  }

  it("out-of-range or unaligned requests fail with IOERR; unknown types UNSUPP", () => {
    const d = blkDriver(true);
    const a = request(d, BLK_T_IN, 63, 1024);
    d.submit(a.descs);
    expect(d.mem[a.st - RAM_BASE]).toBe(1);
    const b = request(d, BLK_T_IN, 0, 100);
    d.submit(b.descs, 3);
    expect(d.mem[b.st - RAM_BASE]).toBe(1);
    const c = request(d, 99, 0, 0);
    d.submit(c.descs, 6);
    expect(d.mem[c.st - RAM_BASE]).toBe(2);
  });

  it("readonly=on offers VIRTIO_BLK_F_RO and fails writes with IOERR", () => {
    const img = disk();
    const d = blkDriver(true, img, true);
    d.w(R.DEVICE_FEATURES_SEL, 0);
    expect(d.r(R.DEVICE_FEATURES) & (1 << 5)).toBe(1 << 5);
    const wr = request(d, BLK_T_OUT, 0, new Uint8Array(512));
    d.submit(wr.descs);
    expect(d.mem[wr.st - RAM_BASE]).toBe(1);
    expect(img.slice(0, 512)).toEqual(disk().slice(0, 512));
  });

  it("indirect descriptors carry the whole request", () => {
    const img = disk();
    const d = blkDriver(false, img, false, 1n << 28n);
    const rd = request(d, BLK_T_IN, 1, 512);
    const table = d.alloc(48);
    rd.descs.forEach((x, k) => d.writeDesc(table, k, { ...x, next: k < 2 ? k + 1 : undefined }));
    d.submit([{ addr: table, len: 48, flags: 4 }]);
    expect(d.takeUsed()).toEqual([[0, 513]]);
    expect(d.peek(rd.buf, 512)).toEqual(img.slice(512, 1024));
  });

  it("event index: interrupts only when used_event is passed; avail_event tracks the device", () => {
    const d = blkDriver(false, disk(), false, 1n << 29n);
    const usedEvent = d.avail + 4 + 2 * d.num;
    const availEvent = d.used + 4 + 8 * d.num;
    d.set16(usedEvent, 1); // interrupt once used.idx passes 1 (i.e. after the 2nd buffer)
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs, 0);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(1); // the first notification always fires
    d.ack();
    d.set16(usedEvent, 2);
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs, 2);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(0); // used.idx 2 has not passed used_event 2
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs, 4);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(1);
    expect(d.u16(availEvent)).toBe(3);
  });

  it("VRING_AVAIL_F_NO_INTERRUPT suppresses the interrupt without event index", () => {
    const d = blkDriver(true);
    d.set16(d.avail, 1);
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs);
    expect(d.takeUsed().length).toBe(1);
    expect(d.r(R.INTERRUPT_STATUS)).toBe(0);
  });

  it("--snapshot: writes go to an overlay, the file is unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "armlet-vblk-"));
    const file = join(dir, "d.img");
    writeFileSync(file, disk(8));
    const blk = openDrive(parseDrive(`file=${file},format=raw`), true);
    const d = new Driver(true, blk);
    d.init(0n);
    const wr = request(d, BLK_T_OUT, 2, new Uint8Array(512).fill(0x5a));
    d.submit(wr.descs);
    const rd = request(d, BLK_T_IN, 2, 512);
    d.submit(rd.descs, 3);
    expect(d.peek(rd.buf, 512)).toEqual(new Uint8Array(512).fill(0x5a));
    expect(readFileSync(file)).toEqual(Buffer.from(disk(8)));
    // Without --snapshot the file itself changes.
    const d2 = new Driver(true, openDrive(parseDrive(`file=${file}`)));
    d2.init(0n);
    d2.submit(request(d2, BLK_T_OUT, 1, new Uint8Array(512).fill(0x33)).descs);
    expect(readFileSync(file).subarray(512, 1024)).toEqual(Buffer.alloc(512, 0x33));
  });
});

describe("bad descriptors break the device, never the host", () => {
  function broken(legacy: boolean, setup: (d: Driver) => void) {
    const img = disk();
    const d = blkDriver(legacy, img, false, 1n << 28n);
    expect(() => setup(d)).not.toThrow();
    return d;
  }
  const expectBroken = (d: Driver) => {
    expect(d.t.isBroken).toBe(true);
    expect(d.r(R.STATUS) & STATUS.NEEDS_RESET).toBe(STATUS.NEEDS_RESET);
    expect(d.r(R.INTERRUPT_STATUS) & 2).toBe(2);
    expect(d.irq.level).toBe(true);
    expect(d.takeUsed()).toEqual([]);
    expect(d.logs.length).toBeGreaterThan(0);
  };
  const cases: [string, (d: Driver) => void][] = [
    ["buffer address outside RAM", (d) => d.submit([{ addr: 0x1000, len: 16 }, { addr: d.alloc(1), len: 1, write: true }])],
    ["descriptor loop", (d) => { d.writeDesc(d.desc, 0, { addr: d.alloc(16), len: 16, next: 1 }); d.writeDesc(d.desc, 1, { addr: d.alloc(16), len: 16, next: 0 }); d.offer(0); }],
    ["chain longer than the queue (next beyond the table)", (d) => d.submit([{ addr: d.alloc(16), len: 16, next: 40 }])],
    ["head index beyond the queue", (d) => d.offer(99)],
    ["avail index moved too far", (d) => { d.set16(d.avail + 2, 100); d.w(R.QUEUE_NOTIFY, 0); }],
    ["readable after writable", (d) => d.submit([{ addr: d.alloc(16), len: 16, write: true }, { addr: d.alloc(16), len: 16 }])],
    ["zero-length buffer", (d) => d.submit([{ addr: d.alloc(16), len: 0 }])],
    ["indirect table of a bad size", (d) => d.submit([{ addr: d.alloc(40), len: 40, flags: 4 }])],
    ["indirect table outside RAM", (d) => d.submit([{ addr: 0x2000_0000, len: 32, flags: 4 }])],
    ["request without a status byte", (d) => d.submit([{ addr: d.alloc(blkHeader(0, 0)), len: 16 }])],
  ];
  for (const [name, setup] of cases) it(name, () => expectBroken(broken(false, setup)));

  it("legacy (no VERSION_1): broken without NEEDS_RESET, as QEMU", () => {
    const d = broken(true, (x) => x.offer(99));
    expect(d.t.isBroken).toBe(true);
    expect(d.r(R.STATUS) & STATUS.NEEDS_RESET).toBe(0);
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs); // ignored while broken
    expect(d.takeUsed()).toEqual([]);
  });

  it("a reset (status 0) repairs the device", () => {
    const d = broken(false, (x) => x.offer(99));
    d.init(0n, 16);
    expect(d.t.isBroken).toBe(false);
    d.submit(request(d, BLK_T_FLUSH, 0, 0).descs);
    expect(d.takeUsed()).toEqual([[0, 1]]);
  });
});

describe("virtio-rng and virtio-serial", () => {
  it("rng: seeded bytes are deterministic and fill the buffer", () => {
    const run = () => {
      const d = new Driver(true, new VirtioRng({ seed: 42 }));
      d.init(0n, 8);
      const b = d.alloc(64);
      d.submit([{ addr: b, len: 64, write: true }]);
      expect(d.takeUsed()).toEqual([[0, 64]]);
      return d.peek(b, 64);
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(20);
  });

  it("serial port 0: transmit goes to the backend, input waits for receive buffers", () => {
    const out: number[] = [];
    const con = new VirtioSerial({ maxPorts: 1 });
    con.addPort({ console: true, backend: { write: (b) => out.push(...b) } });
    const d = new Driver(false, con);
    d.init(0n, 8, 1);
    d.submit([{ addr: d.alloc(new TextEncoder().encode("hi\n")), len: 3 }], 0, true, 1);
    expect(String.fromCharCode(...out)).toBe("hi\n");
    con.receive([0x61, 0x62]); // no rx buffers yet
    const txUsed = d.takeUsed();
    expect(txUsed).toEqual([[0, 0]]);
    d.setupQueue(0, 8);
    const rx = d.alloc(16);
    d.submit([{ addr: rx, len: 16, write: true }]);
    expect(d.takeUsed()).toEqual([[0, 2]]);
    expect([...d.peek(rx, 2)]).toEqual([0x61, 0x62]);
  });
});

describe("--drive parsing", () => {
  it("accepts QEMU's forms", () => {
    expect(parseDrive("file=a.img,format=raw,readonly=on,if=virtio")).toEqual({ file: "a.img", format: "raw", readonly: true, if: "virtio" });
    expect(parseDrive("file=a.img")).toMatchObject({ readonly: false });
  });
  it("rejects bad values as usage errors (exit 64)", () => {
    for (const s of ["format=raw", "file=a,format=qcow2", "file=a,if=ide", "file=a,readonly=maybe", "file=a,cache=none", "file"]) {
      expect(() => parseDrive(s), s).toThrow(expect.objectContaining({ kind: "usage" }));
    }
  });
  it("a missing image is an input error (exit 66)", () => {
    // A file armlet cannot read is an input error (exit 66), as for every input file.
    expect(() => openDrive(parseDrive("file=/nonexistent/x.img"))).toThrow(expect.objectContaining({ kind: "input" }));
  });
});
