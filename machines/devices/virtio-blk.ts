// virtio-blk on a raw image file (node:fs, synchronous): IN/OUT/FLUSH/GET_ID requests on one
// queue. readonly → VIRTIO_BLK_F_RO and IOERR on writes; snapshot → writes land in an
// in-memory overlay of 512-byte sectors and the file is never written.
//
// Migration: QEMU 7.2's "virtio-blk" v2 (the virtio blob; its device part lists requests in
// flight, which armlet never has at a step boundary but takes from QEMU's streams and completes
// after the load). The image itself is not in the stream: armlet's `armlet-drive` section names
// it (path, size, read-only) so a resume with another image is refused, and under --snapshot
// carries the overlay's written sectors.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import { type VirtioDevice, type VirtioHost, type VirtioMigration, VIRTIO_ID_BLOCK, bit, configReadBytes } from "./virtio/device.js";
import { type Chain, VirtqueueError, chainBytes, gather, scatter } from "./virtio/queue.js";
import { elementChain, readElement, writeElement, type ElementMig } from "./virtio/element.js";
import { driveVmstate, type DriveIdentity } from "./virtio/drive-vmstate.js";

export const VIRTIO_BLK_F_SEG_MAX = 2;
export const VIRTIO_BLK_F_RO = 5;
export const VIRTIO_BLK_F_BLK_SIZE = 6;
export const VIRTIO_BLK_F_FLUSH = 9;
export const BLK_T_IN = 0, BLK_T_OUT = 1, BLK_T_FLUSH = 4, BLK_T_GET_ID = 8;
export const BLK_S_OK = 0, BLK_S_IOERR = 1, BLK_S_UNSUPP = 2;
const SECTOR = 512;
const QUEUE_SIZE = 256;

/** The bytes behind the disk: a file or (tests) an array. */
export interface BlockBackend {
  readonly size: number;
  read(pos: number, out: Uint8Array): void;
  write(pos: number, data: Uint8Array): void;
  flush(): void;
  close?(): void;
}

export function fileBackend(path: string, writable: boolean): BlockBackend {
  const fd = openSync(path, writable ? "r+" : "r");
  const size = fstatSync(fd).size;
  return {
    size,
    read(pos, out) {
      out.fill(0);
      let done = 0;
      while (done < out.length) {
        const n = readSync(fd, out, done, out.length - done, pos + done);
        if (n <= 0) break;
        done += n;
      }
    },
    write(pos, data) { writeSync(fd, data, 0, data.length, pos); },
    flush() { fsyncSync(fd); },
    close() { closeSync(fd); },
  };
}

export function memoryBackend(bytes: Uint8Array): BlockBackend {
  return {
    size: bytes.length,
    read(pos, out) { out.set(bytes.subarray(pos, pos + out.length)); },
    write(pos, data) { bytes.set(data, pos); },
    flush() {},
  };
}

/** --snapshot's overlay: the sectors written so far (travels in a snapshot). */
export interface SnapshotOverlay extends BlockBackend {
  dirtySectors(): number;
  /** Written sectors by number, in ascending order (512 bytes each). */
  sectors(): [number, Uint8Array][];
  /** Make these the written sectors (a resumed snapshot's). */
  replace(sectors: Iterable<[number, Uint8Array]>): void;
}

/** Sector-granular copy-on-write overlay: the base is only read. */
export function snapshotOverlay(base: BlockBackend): SnapshotOverlay {
  const over = new Map<number, Uint8Array>();
  return {
    size: base.size,
    read(pos, out) {
      base.read(pos, out);
      for (let s = Math.floor(pos / SECTOR); s * SECTOR < pos + out.length; s++) {
        const d = over.get(s);
        if (!d) continue;
        const from = Math.max(pos, s * SECTOR), to = Math.min(pos + out.length, (s + 1) * SECTOR);
        out.set(d.subarray(from - s * SECTOR, to - s * SECTOR), from - pos);
      }
    },
    write(pos, data) {
      for (let s = Math.floor(pos / SECTOR); s * SECTOR < pos + data.length; s++) {
        let d = over.get(s);
        if (!d) { d = new Uint8Array(SECTOR); base.read(s * SECTOR, d); over.set(s, d); }
        const from = Math.max(pos, s * SECTOR), to = Math.min(pos + data.length, (s + 1) * SECTOR);
        d.set(data.subarray(from - pos, to - pos), from - s * SECTOR);
      }
    },
    flush() {},
    close() { base.close?.(); },
    dirtySectors: () => over.size,
    sectors: () => [...over.entries()].sort((a, b) => a[0] - b[0]),
    replace(sectors) {
      over.clear();
      for (const [n, d] of sectors) over.set(n, Uint8Array.from(d.subarray(0, SECTOR)));
    },
  };
}

/** QEMU 7.2's config_len for virtio-blk-device: its config struct up to write_zeroes_may_unmap. */
const QEMU_CONFIG_LEN = 57;

export interface VirtioBlkOptions {
  readonly?: boolean;
  /** Serial number returned by GET_ID (up to 20 bytes; QEMU's default is empty). */
  serial?: string;
  /** The image behind the backend, as --drive named it (for the snapshot's armlet-drive section). */
  drive?: DriveIdentity;
}

export class VirtioBlk implements VirtioDevice {
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly name = "virtio-blk-device";
  readonly features: bigint;
  readonly queueSizes = [QUEUE_SIZE];
  readonly configSize = 24;
  private readonly config = new Uint8Array(24);
  private host!: VirtioHost;
  readonly readonly: boolean;
  private readonly serial: Uint8Array;
  readonly migration: VirtioMigration;
  /** Requests a QEMU stream had in flight, completed once the machine is loaded. */
  private inFlight: ElementMig[] = [];

  constructor(readonly backend: BlockBackend, opts: VirtioBlkOptions = {}) {
    this.readonly = opts.readonly ?? false;
    this.serial = new TextEncoder().encode((opts.serial ?? "").slice(0, 20));
    this.features = bit(VIRTIO_BLK_F_SEG_MAX) | bit(VIRTIO_BLK_F_BLK_SIZE) | bit(VIRTIO_BLK_F_FLUSH)
      | (this.readonly ? bit(VIRTIO_BLK_F_RO) : 0n);
    const dv = new DataView(this.config.buffer);
    dv.setBigUint64(0, BigInt(Math.floor(backend.size / SECTOR)), true); // capacity
    dv.setUint32(12, QUEUE_SIZE - 2, true); // seg_max, as QEMU
    dv.setUint32(20, SECTOR, true); // blk_size
    this.migration = {
      vmsdName: "virtio-blk", version: 2, configLen: QEMU_CONFIG_LEN,
      part: {
        // virtio_blk_save_device: (1, element)* then 0; one queue, so no queue index.
        capture: () => ({ requests: [] as ElementMig[] }),
        write: (w, st: { requests: ElementMig[] }) => {
          for (const e of st.requests) { w.u8(1); writeElement(w, e); }
          w.u8(0);
        },
        read: (r) => {
          const requests: ElementMig[] = [];
          for (;;) {
            const at = r.pos;
            const more = r.u8("virtio-blk request marker");
            if (more === 0) break;
            if (more !== 1) r.fail(`virtio-blk: request marker ${more} (0 or 1)`, at);
            requests.push(readElement(r, "virtio-blk request"));
          }
          return { requests };
        },
        restore: (st: { requests: ElementMig[] }) => { this.inFlight = st.requests; },
      },
      armlet: driveVmstate(this, opts.drive),
      afterLoad: () => this.completeInFlight(),
    };
  }

  /** Serve the requests a stream had in flight (QEMU restarts them when the VM runs). */
  private completeInFlight(): void {
    const list = this.inFlight;
    this.inFlight = [];
    if (!list.length) return;
    for (const e of list) {
      const c = elementChain(e);
      let len: number;
      try { len = this.handle(c); } catch (err) {
        if (err instanceof VirtqueueError) { this.host.fail(err.message); return; }
        throw err;
      }
      if (len < 0) return;
      this.host.push(0, c, len);
    }
    this.host.notify(0);
  }

  get capacitySectors(): number { return Math.floor(this.backend.size / SECTOR); }

  attach(host: VirtioHost): void { this.host = host; }
  reset(): void {}
  configRead(offset: number, size: number): number { return configReadBytes(this.config, offset, size); }
  configWrite(): void {} // nothing writable without CONFIG_WCE

  queueNotify(q: number): void {
    if (q !== 0) return;
    let any = false;
    for (let c = this.host.pop(0); c; c = this.host.pop(0)) {
      const len = this.handle(c);
      if (len < 0) return; // device broken
      this.host.push(0, c, len);
      any = true;
    }
    if (any) this.host.notify(0);
  }

  /** Serve one request; returns the used length, or -1 after failing the device. */
  private handle(c: Chain): number {
    const ram = this.host.ram;
    const out = gather(ram, c.readable);
    const inLen = chainBytes(c.writable);
    if (out.length < 16 || inLen < 1) { this.host.fail("virtio-blk missing headers"); return -1; }
    const dv = new DataView(out.buffer, out.byteOffset, out.length);
    const type = dv.getUint32(0, true);
    const sector = Number(dv.getBigUint64(8, true));
    const dataIn = inLen - 1; // the last writable byte is the status
    let status = BLK_S_OK, written = 0;
    switch (type & ~0x80000000) { // bit 31 is the legacy BARRIER flag
      case BLK_T_IN: {
        if (!this.inRange(sector, dataIn)) { status = BLK_S_IOERR; break; }
        const buf = new Uint8Array(dataIn);
        this.backend.read(sector * SECTOR, buf);
        written = scatter(ram, c.writable, buf);
        break;
      }
      case BLK_T_OUT: {
        const data = out.subarray(16);
        if (this.readonly || !this.inRange(sector, data.length)) { status = BLK_S_IOERR; break; }
        this.backend.write(sector * SECTOR, data);
        break;
      }
      case BLK_T_FLUSH:
        this.backend.flush();
        break;
      case BLK_T_GET_ID: {
        const id = new Uint8Array(Math.min(20, dataIn));
        id.set(this.serial.subarray(0, id.length));
        written = scatter(ram, c.writable, id);
        break;
      }
      default: status = BLK_S_UNSUPP;
    }
    if (scatter(ram, c.writable, new Uint8Array([status]), inLen - 1) !== 1) throw new VirtqueueError("status byte");
    return written + 1;
  }

  private inRange(sector: number, bytes: number): boolean {
    return bytes % SECTOR === 0 && sector + bytes / SECTOR <= this.capacitySectors;
  }
}
