import { describe, it, expect } from "vitest";
import { parseElf, isElf } from "../../../machines/boot/elf.js";
import { writeElf64 } from "../../../machines/elf-writer.js";
import { parseMemorySize } from "../../../machines/options.js";

/** A minimal ELF32 ARM executable with one PT_LOAD segment. */
function elf(opts: { entry?: number; machine?: number; paddr?: number; data?: number[]; memsz?: number; cls?: number } = {}) {
  const data = opts.data ?? [1, 2, 3, 4];
  const b = new Uint8Array(52 + 32 + data.length);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, opts.cls ?? 1, 1, 1]);
  dv.setUint16(16, 2, true);
  dv.setUint16(18, opts.machine ?? 40, true);
  dv.setUint32(24, opts.entry ?? 0x40000000, true);
  dv.setUint32(28, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, 1, true);
  dv.setUint32(52, 1, true);
  dv.setUint32(56, 84, true);
  dv.setUint32(64, opts.paddr ?? 0x40000000, true);
  dv.setUint32(68, data.length, true);
  dv.setUint32(72, opts.memsz ?? data.length + 16, true);
  b.set(data, 84);
  return b;
}

describe("ELF loader", () => {
  it("reads entry and segments; bit 0 of the entry selects Thumb", () => {
    const img = parseElf(elf({ entry: 0x40000101 }), "t.elf");
    expect(img.entry).toBe(0x40000100);
    expect(img.thumbEntry).toBe(true);
    expect(img.segments).toHaveLength(1);
    expect(img.segments[0].paddr).toBe(0x40000000);
    expect([...img.segments[0].data]).toEqual([1, 2, 3, 4]);
    expect(img.segments[0].memsz).toBe(20);
  });
  it("names what is wrong with a broken image", () => {
    expect(() => parseElf(Uint8Array.of(1, 2, 3), "x")).toThrow(/no ELF magic/);
    expect(() => parseElf(elf({ machine: 183 }), "x")).toThrow(/machine type 183/);
    expect(() => parseElf(elf({ cls: 2 }), "x")).toThrow(/machine type 40, expected AArch64/);
    expect(() => parseElf(elf({ cls: 3 }), "x")).toThrow(/bad ELF class/);
    expect(() => parseElf(elf().subarray(0, 86), "x")).toThrow(/past the end/);
    expect(isElf(elf())).toBe(true);
  });
});

describe("ELF64 (AArch64) loader", () => {
  it("reads the 64-bit entry and segments of an AArch64 executable", () => {
    const img = parseElf(writeElf64(0x40000080, [{ addr: 0x40000000, data: Uint8Array.of(9, 8, 7), memsz: 64 }, { addr: 0x48000000, data: Uint8Array.of(1) }]), "a.elf");
    expect(img.aarch64).toBe(true);
    expect(img.entry).toBe(0x40000080);
    expect(img.segments.map((s) => [s.paddr, s.data.length, s.memsz])).toEqual([[0x40000000, 3, 64], [0x48000000, 1, 1]]);
  });
  it("refuses an ELF64 for another machine or with headers outside the file", () => {
    const good = writeElf64(0x40000000, [{ addr: 0x40000000, data: Uint8Array.of(1, 2, 3, 4) }]);
    const other = good.slice(); new DataView(other.buffer).setUint16(18, 62, true);
    expect(() => parseElf(other, "x")).toThrow(/machine type 62, expected AArch64/);
    expect(() => parseElf(good.subarray(0, 80), "x")).toThrow(/program headers lie outside/);
  });
});

describe("memory sizes (QEMU -m forms)", () => {
  it("accepts plain MiB and suffixes", () => {
    expect(parseMemorySize("256")).toBe(256 * 2 ** 20);
    expect(parseMemorySize("256M")).toBe(256 * 2 ** 20);
    expect(parseMemorySize("1G")).toBe(2 ** 30);
    expect(parseMemorySize("1g")).toBe(2 ** 30);
    expect(parseMemorySize("2048K")).toBe(2 * 2 ** 20);
    expect(parseMemorySize("512MiB")).toBe(512 * 2 ** 20);
  });
  it("rejects nonsense with a message naming it", () => {
    expect(() => parseMemorySize("lots")).toThrow(/invalid memory size 'lots'/);
    expect(() => parseMemorySize("12X")).toThrow(/invalid/);
    expect(() => parseMemorySize("512K")).toThrow(/minimum/);
  });
});
