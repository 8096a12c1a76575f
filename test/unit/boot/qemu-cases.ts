// Boot cases run under QEMU 7.2 (-M vexpress-a15) by gen-qemu-fixtures.ts and replayed by
// linux-loader.test.ts. Inputs are synthetic (sizes and headers only matter) except the DTB,
// the Debian vexpress-v2p-ca15-tc1.dtb from the guest lab, edited into variants below.
import { gzipSync } from "node:zlib";
import { guestFile } from "../../boot/lab/guests.js";
import { findNode, removeNode, setString, type Fdt } from "../../../machines/boot/fdt.js";
import { IH_COMP_GZIP, IH_TYPE_KERNEL, IH_TYPE_KERNEL_NOLOAD, IH_TYPE_RAMDISK, makeUImage } from "../../../machines/boot/uimage.js";

export const GUEST_DTB = guestFile("armhf/vexpress-v2p-ca15-tc1.dtb");

export interface QemuCase {
  name: string;
  ramMiB: number;
  smp: number;
  cmdline?: string;
  kernel: () => Uint8Array;
  initrd?: () => Uint8Array;
  /** Edit the guest DTB before use (a variant QEMU also got). */
  dtbVariant?: (f: Fdt) => void;
}

/** Deterministic filler so files are not all zeros (gzip still works on them). */
export function filler(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; }
  return b;
}

function fakeZImage(n: number): Uint8Array {
  const b = filler(n, n);
  const dv = new DataView(b.buffer);
  dv.setUint32(0x24, 0x016f2818, true);
  dv.setUint32(0x28, 0, true);
  dv.setUint32(0x2c, n, true);
  return b;
}

const memNode = (name: string) => {
  const n = { name, props: [], children: [] };
  setString(n, "device_type", "memory");
  return n;
};

export const QEMU_CASES: QemuCase[] = [
  { name: "zimage-256m", ramMiB: 256, smp: 2, cmdline: "console=ttyAMA0 root=/dev/ram", kernel: () => fakeZImage(5448192), initrd: () => filler(883932, 7) },
  // Kernel larger than RAM/2: the initrd moves above it, aligned to QEMU's 1 KiB target page.
  { name: "big-kernel-8m", ramMiB: 8, smp: 1, kernel: () => filler(0x500123, 3), initrd: () => filler(1000, 9) },
  { name: "no-chosen-1g", ramMiB: 1024, smp: 4, cmdline: "x", kernel: () => fakeZImage(4096), initrd: () => filler(4097, 5),
    dtbVariant: (f) => { removeNode(f.root, findNode(f, "/chosen")!); removeNode(f.root, findNode(f, "/memory")!); } },
  { name: "memory-nodes-64m", ramMiB: 64, smp: 1, kernel: () => fakeZImage(4096),
    dtbVariant: (f) => { f.root.children.push(memNode("memory@90000000"), memNode("memory"), memNode("memoryx")); findNode(f, "/cpus")!.children.push(memNode("memory@0")); } },
  { name: "uimage-gzip", ramMiB: 128, smp: 1, cmdline: "console=ttyAMA0",
    kernel: () => makeUImage(gzipSync(filler(300000, 11)), { type: IH_TYPE_KERNEL, comp: IH_COMP_GZIP, load: 0x80008000, entry: 0x80008040, name: "test kernel" }),
    initrd: () => makeUImage(filler(5000, 13), { type: IH_TYPE_RAMDISK, name: "test ramdisk" }) },
  { name: "uimage-noload", ramMiB: 64, smp: 1,
    kernel: () => makeUImage(filler(70000, 17), { type: IH_TYPE_KERNEL_NOLOAD, entry: 0x20, name: "noload" }), initrd: () => filler(100, 19) },
];
