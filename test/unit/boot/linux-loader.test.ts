import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { lacks } from "../../helpers/requirements.js";
import type { BootPlacement } from "../../../machines/boards/board.js";
import { parseFdt, serializeFdt } from "../../../machines/boot/fdt.js";
import { addVirtioMmioNodes, loadLinux, writeBlobs, type LoadLinuxOptions } from "../../../machines/boot/linux-loader.js";
import { IH_COMP_GZIP, IH_TYPE_KERNEL, IH_TYPE_RAMDISK, makeUImage, parseUImage } from "../../../machines/boot/uimage.js";
import { ArmletError } from "../../../machines/errors.js";
import { GUEST_DTB, QEMU_CASES, filler } from "./qemu-cases.js";
import { summarizeBootDtb } from "./summarize.js";

const VEXPRESS: BootPlacement = {
  loaderStart: 0x80000000, boardId: 0x8e0,
  smpPen: { penBase: 0x14000000, bootReg: 0x1c010030, gicCpuIf: 0x2c002000 },
  timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
};
const MiB = 1024 * 1024;
const vexpressVirtio = { base: 0x1c130000, count: 4, stride: 0x200, size: 0x200, firstSpi: 40 };
const fixtures = JSON.parse(readFileSync(new URL("./fixtures/qemu-boot.json", import.meta.url), "utf8"));
const le32 = (b: Uint8Array) => Array.from({ length: b.length / 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getUint32(i * 4, true));

function fails(f: () => unknown, kind: string, msg: RegExp) {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(ArmletError);
  expect((err as ArmletError).kind).toBe(kind);
  expect((err as Error).message).toMatch(msg);
}

describe.skipIf(lacks("the guest lab's vexpress DTB", existsSync(GUEST_DTB), "node dist/cli/main.js guests fetch"))("same placement, stub, pen and DTB edits as QEMU 7.2 -M vexpress-a15", () => {
  for (const c of QEMU_CASES) {
    it(c.name, () => {
      const q = fixtures[c.name];
      const fdt = parseFdt(readFileSync(GUEST_DTB));
      c.dtbVariant?.(fdt);
      const r = loadLinux({
        kernel: { name: "kernel", bytes: c.kernel() }, initrd: c.initrd && { name: "initrd", bytes: c.initrd() },
        dtb: { name: "dtb", bytes: serializeFdt(fdt) }, cmdline: c.cmdline, boot: VEXPRESS, ramBytes: c.ramMiB * MiB,
        numCpus: c.smp, modifyDtb: (t) => { addVirtioMmioNodes(t, vexpressVirtio); },
      });
      expect(r.isLinux).toBe(true);
      expect(r.pc).toBe(q.pc);
      const blob = (n: string) => r.blobs.find((b) => b.name === n)!;
      expect(le32(blob("bootloader").bytes)).toEqual(q.stub);
      expect(blob("bootloader").addr).toBe(0x80000000);
      if (c.smp > 1) {
        expect(le32(blob("smpboot").bytes)).toEqual(q.pen);
        expect(r.secondaryPc).toBe(0x14000000);
      } else {
        expect(r.blobs.some((b) => b.name === "smpboot")).toBe(false);
      }
      expect(r.regs.r2).toBe(q.stub[5]);
      expect(r.entry).toBe(q.stub[6]);
      expect(blob("dtb").addr).toBe(q.stub[5]);
      expect(blob("dtb").bytes.length).toBe(q.dtbSize);
      expect(summarizeBootDtb(parseFdt(blob("dtb").bytes))).toEqual(q.dtb);
    });
  }
});

describe("image formats and placement", () => {
  const kernel = (bytes: Uint8Array) => ({ name: "k.img", bytes });
  const base: Omit<LoadLinuxOptions, "kernel"> = { boot: VEXPRESS, ramBytes: 256 * MiB };

  it("raw image at loader_start + 0x10000; initrd at +128 MiB; ATAGS without a DTB", () => {
    const r = loadLinux({ ...base, kernel: kernel(filler(1000, 1)), initrd: { name: "rd", bytes: filler(10, 2) }, cmdline: "console=ttyAMA0" });
    expect(r.entry).toBe(0x80010000);
    expect(r.initrd).toEqual({ addr: 0x88000000, size: 10 });
    expect(r.regs).toEqual({ r0: 0, r1: 0x8e0, r2: 0x80000100 });
    const atags = r.blobs.find((b) => b.name === "atags")!;
    expect(atags.addr).toBe(0x80000100);
    const w = le32(atags.bytes);
    expect(w.slice(0, 17)).toEqual([5, 0x54410001, 1, 0x1000, 0, 4, 0x54410002, 256 * MiB, 0x80000000, 4, 0x54420005, 0x88000000, 10, 6, 0x54410009, 0x736e6f63, 0x3d656c6f]);
    expect(w.slice(-2)).toEqual([0, 0]);
    expect(new TextDecoder().decode(atags.bytes.subarray(15 * 4, 15 * 4 + 16))).toBe("console=ttyAMA0\0");
  });

  it("uImage kernel: load/entry from the header, gzip inflated; uImage ramdisk payload", () => {
    const payload = filler(5000, 4);
    const r = loadLinux({
      ...base,
      kernel: kernel(makeUImage(gzipSync(payload), { type: IH_TYPE_KERNEL, comp: IH_COMP_GZIP, load: 0x80008000, entry: 0x80008000 })),
      initrd: { name: "rd.uimg", bytes: makeUImage(filler(64, 5), { type: IH_TYPE_RAMDISK }) },
    });
    expect(r.kernel).toEqual({ addr: 0x80008000, size: 5000 });
    expect(Buffer.from(r.blobs[0].bytes).equals(Buffer.from(payload))).toBe(true);
    expect(r.initrd).toEqual({ addr: 0x88000000, size: 64 });
  });

  it("a non-Linux uImage is entered directly (no stub), like QEMU", () => {
    const r = loadLinux({ ...base, kernel: kernel(makeUImage(filler(100, 1), { type: IH_TYPE_KERNEL, os: 17, load: 0x80100000, entry: 0x80100001 })) });
    expect(r).toMatchObject({ isLinux: false, pc: 0x80100000, thumb: true });
    expect(r.blobs.map((b) => b.name)).toEqual(["k.img"]);
  });

  it("ELF: segments and entry, not Linux; a DTB goes at loader_start when it fits below the image", () => {
    const elf = makeElf(0x80100000, new Uint8Array([1, 2, 3, 4]), 16);
    const dtb = { name: "t.dtb", bytes: serializeFdt(miniTree()) };
    const r = loadLinux({ ...base, kernel: kernel(elf), dtb, cmdline: "hi" });
    expect(r).toMatchObject({ isLinux: false, pc: 0x80100000, entry: 0x80100000 });
    expect(r.blobs[0]).toMatchObject({ addr: 0x80100000 });
    expect(r.blobs[0].bytes.length).toBe(16);
    expect(r.dtb!.addr).toBe(0x80000000);
    expect(r.blobs.some((b) => b.name === "bootloader")).toBe(false);
  });

  it("writeBlobs writes into the regions that hold them (RAM and SRAM)", () => {
    const r = loadLinux({ ...base, ramBytes: 16 * MiB, kernel: kernel(filler(64, 1)), numCpus: 2, dtb: { name: "t.dtb", bytes: serializeFdt(miniTree()) } });
    const ram = new Uint8Array(16 * MiB), sram = new Uint8Array(0x10000);
    writeBlobs(r.blobs, [{ base: 0x80000000, bytes: ram }, { base: 0x14000000, bytes: sram }]);
    expect(le32(ram.subarray(0, 28))).toEqual([0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0x8e0, r.dtb!.addr, 0x80010000]);
    expect(le32(sram.subarray(0x30, 0x38))).toEqual([0x2c002000, 0x1c010030]);
    expect(parseFdt(ram.subarray(r.dtb!.addr - 0x80000000)).root.children.map((c) => c.name)).toEqual(["chosen", "memory@80000000", "cpus"]);
    fails(() => writeBlobs(r.blobs, [{ base: 0x80000000, bytes: ram }]), "image", /smpboot: 0x14000000\.\.0x14000037 \(56 bytes\) is not in RAM \(RAM is 0x80000000\.\./);
  });
});

describe("bad inputs", () => {
  const go = (o: Partial<LoadLinuxOptions>) => loadLinux({ boot: VEXPRESS, ramBytes: 64 * MiB, kernel: { name: "k.img", bytes: filler(100, 1) }, ...o });
  const uimg = (p: Uint8Array, h: Parameters<typeof makeUImage>[1]) => makeUImage(p, h);

  it("clearly-not-a-kernel files", () => {
    fails(() => go({ kernel: { name: "Image.gz", bytes: gzipSync(filler(100, 1)) } }), "image", /^Image\.gz: not a usable kernel image: a gzip-compressed file/);
    fails(() => go({ kernel: { name: "x.dtb", bytes: serializeFdt(miniTree()) } }), "image", /a device tree blob/);
    fails(() => go({ kernel: { name: "r.cpio", bytes: new TextEncoder().encode("070701000000") } }), "image", /cpio archive/);
    fails(() => go({ kernel: { name: "empty", bytes: new Uint8Array(0) } }), "image", /empty/);
    const arm64 = filler(100, 1); arm64.set([0x41, 0x52, 0x4d, 0x64], 56);
    fails(() => go({ kernel: { name: "Image", bytes: arm64 } }), "image", /arm64 Image/);
  });

  it("kernel or initrd too big for RAM", () => {
    fails(() => go({ ramBytes: 1 * MiB, kernel: { name: "big", bytes: filler(2 * MiB, 1) } }), "image", /^big: kernel too large to fit in RAM: raw image \(no zImage magic/);
    fails(() => go({ ramBytes: 1 * MiB, initrd: { name: "rd", bytes: filler(MiB, 1) } }), "image", /^rd: initrd too big to fit into RAM after the kernel/);
  });

  it("uImage: CRC, truncation, type, compression, arch, load address", () => {
    const good = uimg(filler(100, 1), { type: IH_TYPE_KERNEL, load: 0x80008000, entry: 0x80008000 });
    const hdrBad = good.slice(); hdrBad[40] ^= 1;
    fails(() => go({ kernel: { name: "u", bytes: hdrBad } }), "image", /^u: bad U-Boot image: header CRC mismatch/);
    const dataBad = good.slice(); dataBad[70] ^= 1;
    fails(() => go({ kernel: { name: "u", bytes: dataBad } }), "image", /data CRC mismatch/);
    fails(() => go({ kernel: { name: "u", bytes: good.subarray(0, 120) } }), "image", /payload of 100 bytes but only 56 follow the header \(truncated\?\)/);
    fails(() => go({ kernel: { name: "u", bytes: good.subarray(0, 30) } }), "image", /shorter than the 64-byte header/);
    fails(() => go({ kernel: { name: "u", bytes: uimg(filler(10, 1), { type: IH_TYPE_RAMDISK }) } }), "image", /image type 3 \(ramdisk\), expected kernel/);
    fails(() => go({ kernel: { name: "u", bytes: uimg(filler(10, 1), { type: IH_TYPE_KERNEL, comp: 2, load: 0x80008000 }) } }), "image", /compression type 2 is not supported/);
    fails(() => go({ kernel: { name: "u", bytes: uimg(filler(10, 1), { type: IH_TYPE_KERNEL, comp: IH_COMP_GZIP, load: 0x80008000 }) } }), "image", /gzip payload does not inflate/);
    fails(() => go({ kernel: { name: "u", bytes: uimg(filler(10, 1), { type: IH_TYPE_KERNEL, arch: 22 }) } }), "image", /architecture 22, expected ARM/);
    fails(() => go({ kernel: { name: "u", bytes: uimg(filler(10, 1), { type: IH_TYPE_KERNEL, load: 0x1000 }) } }), "image", /load address 0x00001000 .* outside RAM/);
    fails(() => go({ initrd: { name: "rd", bytes: uimg(filler(10, 1), { type: IH_TYPE_KERNEL }) } }), "image", /^rd: bad U-Boot image: image type 2 \(kernel\), expected ramdisk/);
    expect(parseUImage(good, "u", "kernel").header.load).toBe(0x80008000);
  });

  it("DTB problems are DtbErrors naming the file", () => {
    fails(() => go({ dtb: { name: "bad.dtb", bytes: filler(100, 1) } }), "dtb", /^bad\.dtb: corrupt device tree blob: bad magic/);
    const noCells = miniTree(); noCells.root.props = [];
    fails(() => go({ dtb: { name: "n.dtb", bytes: serializeFdt(noCells) } }), "dtb", /^n\.dtb: the root node has no #address-cells or #size-cells/);
    const zero = miniTree(); zero.root.props[0].value = new Uint8Array(4);
    fails(() => go({ dtb: { name: "z.dtb", bytes: serializeFdt(zero) } }), "dtb", /#address-cells or #size-cells is 0/);
  });
});

/** Root with #address-cells = #size-cells = 1 and a /cpus node. */
function miniTree() {
  const f = parseFdt(serializeFdt({ root: { name: "", props: [], children: [{ name: "cpus", props: [], children: [] }] }, reserve: [], bootCpuidPhys: 0 }));
  f.root.props.push({ name: "#address-cells", value: new Uint8Array([0, 0, 0, 1]) }, { name: "#size-cells", value: new Uint8Array([0, 0, 0, 1]) });
  return f;
}

/** A minimal ELF32 LE ARM executable with one PT_LOAD segment. */
function makeElf(addr: number, data: Uint8Array, memsz: number): Uint8Array {
  const b = new Uint8Array(52 + 32 + data.length);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  dv.setUint16(16, 2, true); dv.setUint16(18, 40, true); dv.setUint32(20, 1, true);
  dv.setUint32(24, addr, true); dv.setUint32(28, 52, true);
  dv.setUint16(40, 52, true); dv.setUint16(42, 32, true); dv.setUint16(44, 1, true);
  dv.setUint32(52, 1, true); dv.setUint32(56, 84, true); dv.setUint32(60, addr, true); dv.setUint32(64, addr, true);
  dv.setUint32(68, data.length, true); dv.setUint32(72, memsz, true); dv.setUint32(76, 5, true);
  b.set(data, 84);
  return b;
}
