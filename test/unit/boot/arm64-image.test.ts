// machines/boot/arm64-image.ts and the AArch64 path of loadLinux: the Image header rules,
// gzip, bad images, and (with qemu-system-aarch64 installed) the same stub words, kernel and
// initrd placement as QEMU 7.2 -M virt -cpu cortex-a57, read back from a paused QEMU's memory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { hasCommand, lacks } from "../../helpers/requirements.js";
import type { BootPlacement } from "../../../machines/boards/board.js";
import { aarch64Stub, parseArm64Image } from "../../../machines/boot/arm64-image.js";
import { serializeFdt, type Fdt } from "../../../machines/boot/fdt.js";
import { loadLinux } from "../../../machines/boot/linux-loader.js";
import { ArmletError } from "../../../machines/errors.js";

const MiB = 2 ** 20;
const VIRT: BootPlacement = { loaderStart: 0x4000_0000, boardId: -1, timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 } } as BootPlacement;

/** An arm64 Image: a branch, the header, then filler to `fileBytes`. */
function image(o: { textOffset?: number; imageSize?: number; magic?: string; fileBytes?: number }): Uint8Array {
  const b = new Uint8Array(o.fileBytes ?? 0x2000);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0x1400_0010, true); // b +0x40
  dv.setBigUint64(8, BigInt(o.textOffset ?? 0x8_0000), true);
  dv.setBigUint64(16, BigInt(o.imageSize ?? 0), true);
  const magic = o.magic ?? "ARM\x64";
  for (let i = 0; i < 4; i++) b[0x38 + i] = magic.charCodeAt(i);
  for (let i = 0x40; i < b.length; i += 4) dv.setUint32(i, 0xd503_201f ^ i, true); // recognisable filler
  return b;
}

function fails(f: () => unknown, msg: RegExp) {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(ArmletError);
  expect((err as ArmletError).kind).toBe("image");
  expect((err as Error).message).toMatch(msg);
}

describe("arm64 Image header", () => {
  it("text_offset is used when image_size is non-zero; below 4 KiB it moves up 2 MiB", () => {
    expect(parseArm64Image(image({ textOffset: 0x8_0000, imageSize: 0x30_0000 }), "k")).toMatchObject({ hasHeader: true, loadOffset: 0x8_0000, size: 0x30_0000 });
    expect(parseArm64Image(image({ textOffset: 0, imageSize: 0x30_0000 }), "k").loadOffset).toBe(2 * MiB);
    expect(parseArm64Image(image({ textOffset: 0xfff, imageSize: 0x30_0000 }), "k").loadOffset).toBe(2 * MiB + 0xfff);
    expect(parseArm64Image(image({ textOffset: 0x1000, imageSize: 0x30_0000 }), "k").loadOffset).toBe(0x1000);
  });

  it("image_size 0 (pre-3.17) or no magic: RAM + 0x80000, the file's size", () => {
    expect(parseArm64Image(image({ textOffset: 0x1000, imageSize: 0, fileBytes: 0x3000 }), "k")).toMatchObject({ hasHeader: true, loadOffset: 0x8_0000, size: 0x3000 });
    expect(parseArm64Image(image({ textOffset: 0x1000, imageSize: 0x30_0000, magic: "ARM\x65" }), "k")).toMatchObject({ hasHeader: false, loadOffset: 0x8_0000, size: 0x2000 });
    // The magic must end before the end of the file (QEMU: size > 56 + 4).
    const short = image({ imageSize: 0x30_0000 }).slice(0, 0x3c);
    expect(parseArm64Image(short, "k").hasHeader).toBe(false);
  });

  it("gzip: decompressed, then the same rules; the loaded bytes are the decompressed ones", () => {
    const raw = image({ textOffset: 0x10_0000, imageSize: 0x40_0000 });
    const r = parseArm64Image(gzipSync(raw), "k.gz");
    expect(r).toMatchObject({ gzipped: true, hasHeader: true, loadOffset: 0x10_0000, size: 0x40_0000 });
    expect(Buffer.from(r.data).equals(Buffer.from(raw))).toBe(true);
  });

  it("bad images: empty, corrupt gzip, zImage, DTB, cpio, gzip in gzip", () => {
    fails(() => parseArm64Image(new Uint8Array(0), "k"), /k: the file is empty/);
    const gz = gzipSync(image({ imageSize: 0x30_0000 }));
    fails(() => parseArm64Image(gz.subarray(0, gz.length >> 1), "k.gz"), /k\.gz: a gzip file that does not decompress/);
    const z = new Uint8Array(0x40);
    new DataView(z.buffer).setUint32(0x24, 0x016f2818, true);
    fails(() => parseArm64Image(z, "zImage"), /32-bit ARM zImage/);
    fails(() => parseArm64Image(gzipSync(z), "zImage.gz"), /32-bit ARM zImage.*after gunzip/);
    fails(() => parseArm64Image(Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 0), "x.dtb"), /device tree blob/);
    fails(() => parseArm64Image(new TextEncoder().encode("070701000000"), "x.cpio"), /cpio archive/);
    fails(() => parseArm64Image(gzipSync(gzipSync(image({}))), "k.gz.gz"), /gzip file inside a gzip file/);
  });
});

/** A minimal tree: root cells only (the loader adds /memory and /chosen). */
function tinyDtb(): Uint8Array {
  const fdt: Fdt = {
    root: { name: "", props: [
      { name: "#address-cells", value: Uint8Array.of(0, 0, 0, 2) },
      { name: "#size-cells", value: Uint8Array.of(0, 0, 0, 2) },
    ], children: [] },
    reserve: [], bootCpuidPhys: 0,
  };
  return serializeFdt(fdt);
}

interface Case { name: string; kernel: Uint8Array; initrdBytes?: number; ramMiB?: number }
const CASES: Case[] = [
  { name: "text_offset 0x100 (moved up 2 MiB), small initrd", kernel: image({ textOffset: 0x100, imageSize: 0x30_0000 }), initrdBytes: 5000 },
  { name: "image_size past 128 MiB bumps the initrd and DTB", kernel: image({ textOffset: 0x8_0000, imageSize: 0x900_0000 }), initrdBytes: 0x1_2345 },
  { name: "image_size 0: 0x80000, file size", kernel: image({ textOffset: 0x20_0000, imageSize: 0, fileBytes: 0x5000 }), initrdBytes: 64 },
  { name: "no magic, no initrd", kernel: image({ textOffset: 0x20_0000, imageSize: 0x30_0000, magic: "RISC" }) },
  { name: "gzip, 128 MiB RAM (initrd at half of RAM)", kernel: gzipSync(image({ textOffset: 0x1000, imageSize: 0x10_0000 })), initrdBytes: 3 * MiB + 1, ramMiB: 128 },
];

function ours(c: Case) {
  return loadLinux({
    kernel: { name: "k", bytes: c.kernel }, initrd: c.initrdBytes ? { name: "rd", bytes: new Uint8Array(c.initrdBytes).fill(0x52) } : undefined,
    dtb: { name: "dtb", bytes: tinyDtb() }, boot: VIRT, ramBytes: (c.ramMiB ?? 256) * MiB, numCpus: 1, aarch64: true,
  });
}

describe("AArch64 direct boot placement", () => {
  it("stub: x0 = DTB (2 MiB aligned after the initrd), x1..x3 = 0, branch to the entry; no pen", () => {
    const r = ours(CASES[0]);
    expect(r.entry).toBe(0x4020_0100);
    expect(r.initrd).toEqual({ addr: 0x4800_0000, size: 5000 });
    expect(r.dtb!.addr).toBe(0x4820_0000);
    expect(r.secondaryPc).toBeUndefined();
    const stub = r.blobs.find((b) => b.name === "bootloader")!;
    expect(stub.addr).toBe(0x4000_0000);
    expect(Array.from(new Uint32Array(stub.bytes.buffer.slice(stub.bytes.byteOffset, stub.bytes.byteOffset + 40)))).toEqual(Array.from(aarch64Stub(0x4820_0000, 0x4020_0100)));
  });

  it("the kernel claims image_size: the initrd goes after it, page aligned", () => {
    const r = ours(CASES[1]);
    expect(r.initrd!.addr).toBe(0x4908_0000);
    expect(r.dtb!.addr).toBe(0x4920_0000);
  });

  it("a kernel that does not fit, or no device tree, is refused", () => {
    fails(() => loadLinux({ kernel: { name: "big", bytes: image({ imageSize: 300 * MiB }) }, boot: VIRT, ramBytes: 256 * MiB, aarch64: true, dtb: { name: "d", bytes: tinyDtb() } }), /big: kernel too large to fit in RAM/);
    expect(() => loadLinux({ kernel: { name: "k", bytes: image({}) }, boot: VIRT, ramBytes: 256 * MiB, aarch64: true })).toThrow(/needs a device tree/);
  });

  const noQemu = lacks("qemu-system-aarch64", hasCommand("qemu-system-aarch64"));
  describe.skipIf(noQemu)("matches a paused qemu-system-aarch64 7.2 (-M virt -cpu cortex-a57)", () => {
    for (const c of CASES) {
      it(c.name, () => {
        const r = ours(c);
        const dir = mkdtempSync(join(tmpdir(), "armlet-a64img-"));
        try {
          writeFileSync(join(dir, "k"), c.kernel);
          const args = ["-nic", "none", "-M", "virt", "-cpu", "cortex-a57", "-m", `${c.ramMiB ?? 256}M`, "-kernel", join(dir, "k"),
            "-S", "-monitor", "stdio", "-display", "none", "-serial", "none"];
          const cmds = ["xp /10wx 0x40000000", `xp /4wx 0x${r.entry.toString(16)}`];
          if (c.initrdBytes) {
            writeFileSync(join(dir, "rd"), new Uint8Array(c.initrdBytes).fill(0x52));
            args.push("-initrd", join(dir, "rd"));
            cmds.push(`xp /1wx 0x${r.initrd!.addr.toString(16)}`, `xp /1wx 0x${(r.initrd!.addr - 4).toString(16)}`);
          }
          const q = spawnSync("qemu-system-aarch64", args, { input: [...cmds, "quit", ""].join("\n"), encoding: "utf8", timeout: 30_000 });
          const words = [...q.stdout.matchAll(/^[0-9a-f]{16}: ((?:0x[0-9a-f]{8} ?)+)/gm)].flatMap((m) => m[1].trim().split(" ").map(Number));
          const mem = new Map(r.blobs.map((b) => [b.addr, b.bytes]));
          const w = (addr: number) => {
            for (const [base, bytes] of mem) if (addr >= base && addr + 4 <= base + bytes.length) return new DataView(bytes.buffer, bytes.byteOffset).getUint32(addr - base, true);
            return 0;
          };
          const want = [...Array.from({ length: 10 }, (_, i) => w(0x4000_0000 + 4 * i)), ...[0, 4, 8, 12].map((o) => w(r.entry + o))];
          if (c.initrdBytes) want.push(w(r.initrd!.addr), w(r.initrd!.addr - 4));
          expect(words, q.stderr).toEqual(want);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, 40_000);
    }
  });
});
