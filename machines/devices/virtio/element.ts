// A virtqueue element popped from the ring but not yet returned, as QEMU 7.2 migrates it
// (qemu_put_virtqueue_element): the raw VirtQueueElementOld struct of a 64-bit little-endian
// host — index, out_num, in_num, 4 bytes of padding, then in_addr[1024], out_addr[1024],
// in_sg[1024] and out_sg[1024] (iovec: base, always 0 in the stream, and length). armlet
// completes requests at once, so it only reads these (a QEMU stream with blk requests in
// flight, a virtio-serial port holding a chain); writing is there for tests and symmetry.
import type { ByteReader, ByteWriter } from "../../snapshot/bytes.js";
import type { Buf, Chain } from "./queue.js";
import { VIRTQUEUE_MAX_SIZE } from "./queue.js";

/** sizeof(VirtQueueElementOld) on x86-64 and aarch64 hosts. */
export const ELEMENT_BYTES = 16 + 2 * 8 * VIRTQUEUE_MAX_SIZE + 2 * 16 * VIRTQUEUE_MAX_SIZE;

export interface ElementMig { index: number; in: Buf[]; out: Buf[] }

export function writeElement(w: ByteWriter, e: ElementMig): void {
  const b = new Uint8Array(ELEMENT_BYTES);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, e.index, true);
  dv.setUint32(4, e.out.length, true);
  dv.setUint32(8, e.in.length, true);
  const IN_ADDR = 16, OUT_ADDR = IN_ADDR + 8 * VIRTQUEUE_MAX_SIZE, IN_SG = OUT_ADDR + 8 * VIRTQUEUE_MAX_SIZE, OUT_SG = IN_SG + 16 * VIRTQUEUE_MAX_SIZE;
  e.in.forEach((x, i) => { dv.setBigUint64(IN_ADDR + 8 * i, BigInt(x.addr), true); dv.setBigUint64(IN_SG + 16 * i + 8, BigInt(x.len), true); });
  e.out.forEach((x, i) => { dv.setBigUint64(OUT_ADDR + 8 * i, BigInt(x.addr), true); dv.setBigUint64(OUT_SG + 16 * i + 8, BigInt(x.len), true); });
  w.bytes(b);
}

export function readElement(r: ByteReader, what: string): ElementMig {
  const at = r.pos;
  const raw = r.bytes(ELEMENT_BYTES, what);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const index = dv.getUint32(0, true), outNum = dv.getUint32(4, true), inNum = dv.getUint32(8, true);
  if (inNum > VIRTQUEUE_MAX_SIZE || outNum > VIRTQUEUE_MAX_SIZE || inNum + outNum > VIRTQUEUE_MAX_SIZE) {
    r.fail(`${what}: ${outNum} + ${inNum} buffers in one element (at most ${VIRTQUEUE_MAX_SIZE})`, at);
  }
  const IN_ADDR = 16, OUT_ADDR = IN_ADDR + 8 * VIRTQUEUE_MAX_SIZE, IN_SG = OUT_ADDR + 8 * VIRTQUEUE_MAX_SIZE, OUT_SG = IN_SG + 16 * VIRTQUEUE_MAX_SIZE;
  const buf = (addrAt: number, sgAt: number): Buf => {
    const addr = dv.getBigUint64(addrAt, true), len = dv.getBigUint64(sgAt + 8, true);
    if (addr > BigInt(Number.MAX_SAFE_INTEGER) || len > 0xffffffffn) r.fail(`${what}: buffer 0x${addr.toString(16)}+${len} is not a guest buffer`, at);
    return { addr: Number(addr), len: Number(len) };
  };
  return {
    index,
    in: Array.from({ length: inNum }, (_, i) => buf(IN_ADDR + 8 * i, IN_SG + 16 * i)),
    out: Array.from({ length: outNum }, (_, i) => buf(OUT_ADDR + 8 * i, OUT_SG + 16 * i)),
  };
}

/** The chain an element stands for (device-readable out buffers, then writable in buffers). */
export function elementChain(e: ElementMig): Chain {
  return { head: e.index, readable: e.out.map((b) => ({ ...b })), writable: e.in.map((b) => ({ ...b })) };
}
