// The stream codec (machines/snapshot): every field kind round-trips; the JSON description a
// declaration produces equals what QEMU 7.2 writes for the same layout; QEMU's own streams
// (made live) parse section by section through their JSON; malformed input is a StreamError
// naming an offset, never another exception.
import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter, StreamError } from "../../../machines/snapshot/bytes.js";
import { decodeVmsd, encodeVmsd } from "../../../machines/snapshot/codec.js";
import { findVmdesc, readStream, writeStream, type DeviceJson } from "../../../machines/snapshot/stream.js";
import {
  bool, buffer, custom, i32, i64, struct, subsection, timer, u16, u32, u64, u8, unused, vmsd, type CustomType,
} from "../../../machines/snapshot/vmstate.js";
import { QEMU_SYSTEM_ARM } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";

const ELEM = vmsd("test_el", 1, [u8("a"), bool("b")]);
const WITH_SUB_EL = vmsd("test_sub_el", 1, [u32("v")], [subsection(vmsd("test_sub_el/x", 1, [u8("x")]), (s) => s.x !== 0)]);
const hex: CustomType = {
  name: "hexword",
  write: (w, s) => { w.u32(parseInt(s.hexword, 16)); },
  read: (r, s) => { s.hexword = r.u32().toString(16); },
};

const DECL = vmsd("test", 3, [
  u32("scalar"), i32("neg"), u16("half", 3), u64("wide"), i64("signed_wide"), timer("deadline"),
  u32("n"), u32("list", { field: "n" }), u8("cfg", { config: (s) => s.cfgLen }),
  buffer("blob", 5), unused(4),
  struct("one", ELEM), struct("many", ELEM, 2), struct("cols", ELEM, 3, { layout: "columns" }),
  struct("subbed", WITH_SUB_EL, 2),
  custom("word", hex),
  u32("later", undefined, { since: 3 }), u32("cond", undefined, { exists: (s) => s.scalar === 7 }),
  u32("dup"), u32("dup"),
], [
  subsection(vmsd("test/on", 1, [u32("on")]), () => true),
  subsection(vmsd("test/off", 1, [u32("off")]), () => false),
], 1);

function sample(): any {
  return {
    scalar: 7, neg: -5, half: [1, 2, 0xffff], wide: 0xfedcba9876543210n, signed_wide: -2n, deadline: -1n,
    n: 2, list: [10, 20], cfgLen: 2, cfg: [3, 4], blob: Uint8Array.of(1, 2, 3, 4, 5),
    one: { a: 9, b: true }, many: [{ a: 1, b: false }, { a: 2, b: true }],
    a: Uint8Array.of(5, 6, 7), b: Uint8Array.of(0, 1, 0),
    subbed: [{ v: 1, x: 0 }, { v: 2, x: 8 }], hexword: "abcd", later: 11, cond: 12, dup: 13, on: 14, off: 15,
  };
}

describe("vmstate codec", () => {
  it("round-trips every field kind, subsections included, and describes what it wrote", () => {
    const w = new ByteWriter();
    const s = sample();
    const desc = encodeVmsd(w, DECL, s);
    const back: any = { cfgLen: 2, a: new Uint8Array(3), b: new Uint8Array(3), one: {}, hexword: "" };
    decodeVmsd(new ByteReader(w.view()), DECL, back, 3, desc);
    for (const k of ["scalar", "neg", "wide", "signed_wide", "deadline", "n", "hexword", "later", "cond", "dup", "on"]) expect(back[k], k).toEqual(s[k]);
    expect(back.half).toEqual([1, 2, 0xffff]);
    expect(back.list).toEqual([10, 20]);
    expect([...back.blob]).toEqual([1, 2, 3, 4, 5]);
    expect(back.one).toEqual({ a: 9, b: 1 });
    expect([...back.a]).toEqual([5, 6, 7]); // columns filled in place
    expect(back.subbed[1]).toEqual({ v: 2, x: 8 });
    expect(back.off).toBeUndefined(); // not needed, not sent
    // The description: duplicate names numbered, arrays with array_len, a struct array whose
    // element has subsections described per element, as QEMU does.
    expect(desc.fields.map((f) => f.name)).toContain("dup[1]");
    expect(desc.fields.find((f) => f.name === "list")).toEqual({ name: "list", array_len: 2, type: "uint32", size: 4 });
    expect(desc.fields.filter((f) => f.name === "subbed").map((f) => f.index)).toEqual([0, 1]);
    expect(desc.fields.find((f) => f.name === "unused")).toEqual({ name: "unused", type: "unused_buffer", size: 4 });
    expect(desc.subsections?.map((x) => x.vmsd_name)).toEqual(["test/on"]);
  });

  it("an older section version omits later fields; a newer one than ours is refused", () => {
    const w = new ByteWriter();
    const d2 = { ...DECL, version: 2 };
    encodeVmsd(w, d2, sample());
    const back: any = { cfgLen: 2, a: new Uint8Array(3), b: new Uint8Array(3), later: 99 };
    decodeVmsd(new ByteReader(w.view()), DECL, back, 2);
    expect(back.later).toBe(99);
    expect(() => decodeVmsd(new ByteReader(w.view()), DECL, {}, 4)).toThrow(/version 4 is newer/);
  });

  it("an 'equal' field that differs, a layout the JSON contradicts, a truncation: StreamErrors", () => {
    const d = vmsd("eq", 1, [scalarEqual()]);
    const w = new ByteWriter();
    encodeVmsd(w, d, { n: 5 });
    expect(() => decodeVmsd(new ByteReader(w.view()), d, { n: 6 }, 1)).toThrow(/stream has 5, this machine 6/);
    const desc = encodeVmsd(new ByteWriter(), DECL, sample());
    const bad = structuredClone(desc);
    bad.fields[0].size = 8;
    const w2 = new ByteWriter();
    encodeVmsd(w2, DECL, sample());
    expect(() => decodeVmsd(new ByteReader(w2.view()), DECL, { cfgLen: 2 }, 3, bad)).toThrow(StreamError);
    // Cuts inside the fields (a stream that ends before its optional subsections is the
    // container's to catch: the section footer is missing then, see "whole streams").
    const fieldsOnly = new ByteWriter();
    encodeVmsd(fieldsOnly, { ...DECL, subsections: [] }, sample());
    for (let cut = 0; cut < fieldsOnly.length; cut += 3) {
      expect(() => decodeVmsd(new ByteReader(w2.view(), 0, cut), DECL, { cfgLen: 2, a: new Uint8Array(3), b: new Uint8Array(3) }, 3)).toThrow(StreamError);
    }
  });
});

function scalarEqual() { return { name: "n", kind: "scalar" as const, type: "uint32 equal" as const }; }

describe("whole streams", () => {
  const content = () => ({
    machineType: "virt-7.2", pageBits: 12,
    ram: [{ name: "mach-virt.ram", bytes: ramBytes() }, { name: "small", bytes: new Uint8Array(8192) }],
    sections: [{ idstr: "test", instanceId: 0, decl: DECL, state: sample() }, { idstr: "test", instanceId: 1, decl: DECL, state: { ...sample(), scalar: 8 } }],
  });
  function ramBytes(): Uint8Array { const b = new Uint8Array(5 * 4096); b[4096 + 3] = 0x5a; b.fill(0x11, 3 * 4096, 4 * 4096); return b; }
  function bytesOf(c = content()): Uint8Array {
    const chunks: Uint8Array[] = [];
    writeStream(c, (b) => chunks.push(b));
    return Buffer.concat(chunks);
  }

  it("writes QEMU's container (magic, configuration with page bits, ram, sections, EOF, JSON) and reads it back", () => {
    const buf = bytesOf();
    expect(Buffer.from(buf.subarray(0, 8)).toString("hex")).toBe("5145564d00000003");
    const staged: any[] = [];
    const p = readStream(buf, (idstr, inst) => {
      const st = { cfgLen: 2, a: new Uint8Array(3), b: new Uint8Array(3) };
      staged[inst] = st;
      return idstr === "test" ? { decl: DECL, state: st } : undefined;
    });
    expect(p.machineType).toBe("virt-7.2");
    expect(p.pageBits).toBe(12);
    expect(p.ram.blocks).toEqual([{ name: "mach-virt.ram", length: 5 * 4096 }, { name: "small", length: 8192 }]);
    expect(p.ram.pages.filter((x) => x.src < 0).length).toBe(5); // zero pages: 0, 2, 4 and the small block's two
    expect(staged[1].scalar).toBe(8);
    expect(p.vmdesc?.page_size).toBe(4096);
    expect(p.vmdesc?.devices.map((d) => `${d.name}#${d.instance_id}`)).toEqual(["test#0", "test#1"]);
  });

  it("malformed streams: one StreamError each, never another exception (every truncation, magic, version, footer)", () => {
    const buf = bytesOf();
    const resolve = (idstr: string) => (idstr === "test" ? { decl: DECL, state: { cfgLen: 2, a: new Uint8Array(3), b: new Uint8Array(3) } } : undefined);
    for (let cut = 0; cut < buf.length; cut += Math.max(1, Math.floor(buf.length / 400))) {
      expect(() => readStream(buf.subarray(0, cut), resolve), `cut at ${cut}`).toThrow(StreamError);
    }
    const magic = Uint8Array.from(buf); magic[0] = 0;
    expect(() => readStream(magic, resolve)).toThrow(/not a QEMU migration stream/);
    const ver = Uint8Array.from(buf); ver[7] = 2;
    expect(() => readStream(ver, resolve)).toThrow(/stream version 2/);
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("QEMU 7.2's own streams", () => {
  for (const [board, args, cpregs] of [
    ["virt", ["-M", "virt", "-cpu", "cortex-a15", "-smp", "2", "-m", "128M"], 197],
    ["vexpress-a15", ["-M", "vexpress-a15", "-smp", "2", "-m", "128M"], 260],
  ] as const) {
    it(`${board}: every section parses through the stream's JSON; the RAM record covers every page`, async () => {
      const buf = await qemuStream(args);
      const p = readStream(buf, () => undefined);
      expect(p.vmdesc).toBeDefined();
      expect(p.sections.length).toBe(p.vmdesc!.devices.length);
      const pages = p.ram.blocks.reduce((n, b) => n + Math.ceil(b.length / (1 << p.pageBits)), 0);
      expect(p.ram.pages.length).toBe(pages);
      const cpu = p.sections.find((s) => s.idstr === "cpu")!.values as any;
      expect(cpu.cpreg_vmstate_indexes.length).toBe(cpregs);
      expect(p.pageBits).toBe(board === "virt" ? 12 : 10);
    }, 60_000);
  }

  it("a declaration's JSON equals QEMU's for the same layout (pl011)", async () => {
    const buf = await qemuStream(["-M", "virt", "-cpu", "cortex-a15", "-m", "128M"]);
    const qemu = findVmdesc(buf)!.desc.devices.find((d: DeviceJson) => d.name === "pl011")!;
    const PL011 = vmsd("pl011", 2, [
      ...["readbuff", "flags", "lcr", "rsr", "cr", "dmacr", "int_enabled", "int_level"].map((n) => u32(n)),
      u32("read_fifo", 16), u32("ilpr"), u32("ibrd"), u32("fbrd"), u32("ifl"), i32("read_pos"), i32("read_count"), i32("read_trigger"),
    ], [subsection(vmsd("pl011/clock", 1, [struct("clk", vmsd("clock", 0, [u64("period")]))]), () => true)]);
    const st: any = { read_fifo: new Array(16).fill(0), clk: { period: 0n } };
    const desc = encodeVmsd(new ByteWriter(), PL011, st);
    const { name, instance_id, ...rest } = qemu;
    void name; void instance_id;
    expect(desc).toEqual(rest);
  }, 60_000);
});
