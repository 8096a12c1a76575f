import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lacks, lacksCommand } from "../../helpers/requirements.js";
import { ArmletError } from "../../../machines/errors.js";
import {
  addSubnode, findByPhandle, findCompatible, findNode, getCells, getStrings, getU32, nextFreePhandle, parseFdt,
  serializeFdt, setCells, setString, type Fdt, type FdtNode,
} from "../../../machines/boot/fdt.js";
import { GUEST_DTB } from "./qemu-cases.js";

const DTC = "dtc";
const skipGuest = lacks("the guest lab's vexpress DTB", existsSync(GUEST_DTB), "node dist/cli/main.js guests fetch");
const tmp = mkdtempSync(join(tmpdir(), "armlet-fdt-"));

function dtc(bytes: Uint8Array): string {
  const f = join(tmp, `x${Math.random().toString(36).slice(2)}.dtb`);
  writeFileSync(f, bytes);
  return execFileSync(DTC, ["-q", "-I", "dtb", "-O", "dts", f], { encoding: "utf8" });
}

/** A small tree built here (no guest files needed): root, /cpus/cpu@0, /intc with a phandle. */
function tiny(): Fdt {
  const root: FdtNode = { name: "", props: [], children: [] };
  const f: Fdt = { root, reserve: [{ address: 0x80000000n, size: 0x1000n }], bootCpuidPhys: 0 };
  setCells(root, "#size-cells", [1]);
  setCells(root, "#address-cells", [1]);
  setString(root, "model", "tiny");
  const intc: FdtNode = { name: "intc@1000", props: [], children: [] };
  root.children.push({ name: "cpus", props: [], children: [{ name: "cpu@0", props: [], children: [] }] }, intc);
  setCells(intc, "phandle", [5]);
  setString(intc, "compatible", "arm,cortex-a9-gic");
  return f;
}

function expectDtbError(bytes: Uint8Array, msg: RegExp) {
  let err: unknown;
  try { parseFdt(bytes, "bad.dtb"); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(ArmletError);
  expect((err as ArmletError).kind).toBe("dtb");
  expect((err as Error).message).toMatch(/^bad\.dtb: corrupt device tree blob: /);
  expect((err as Error).message).toMatch(msg);
}

describe.skipIf(skipGuest)("the Debian vexpress-v2p-ca15-tc1.dtb", () => {
  const orig = existsSync(GUEST_DTB) ? new Uint8Array(readFileSync(GUEST_DTB)) : new Uint8Array();

  it("parses: model, cell sizes, GIC phandle, cpus", () => {
    const f = parseFdt(orig);
    expect(getStrings(f.root, "model")).toEqual(["V2P-CA15"]);
    expect(getU32(f.root, "#address-cells")).toBe(2);
    const gic = findCompatible(f, "arm,cortex-a9-gic")!;
    expect(gic.name).toBe("interrupt-controller@2c001000");
    expect(findByPhandle(f, getU32(f.root, "interrupt-parent")!)).toBe(gic);
    expect(findNode(f, "/cpus")!.children.map((c) => c.name)).toEqual(["cpu@0", "cpu@1"]);
    expect(findNode(f, "/memory")!.name).toBe("memory@80000000"); // unit address optional, as libfdt
    expect(getCells(findNode(f, "/memory@80000000")!, "reg")).toEqual([0, 0x80000000, 0, 0x40000000]);
  });

  it("round-trips byte for byte (same layout and string table as dtc)", () => {
    expect(Buffer.from(serializeFdt(parseFdt(orig))).equals(Buffer.from(orig))).toBe(true);
  });

  it.skipIf(lacksCommand(DTC))("round-trip decompiles identically with dtc, and edits show up in dtc", () => {
    const f = parseFdt(orig);
    expect(dtc(serializeFdt(f))).toBe(dtc(orig));
    setString(findNode(f, "/chosen")!, "bootargs", "console=ttyAMA0 quiet");
    setCells(findNode(f, "/memory")!, "reg", [0, 0x80000000, 0, 0x10000000]);
    const out = dtc(serializeFdt(f, { padTo: 65536 }));
    expect(out).toMatch(/chosen \{\n\t\tbootargs = "console=ttyAMA0 quiet";/);
    expect(out).toMatch(/reg = <0x00 0x80000000 0x00 0x10000000>;/);
  });
});

describe("FDT writer and editing", () => {
  it.skipIf(lacksCommand(DTC))("dtc reads what we write: reserve map, boot cpu, libfdt property/node order", () => {
    const f = tiny();
    f.bootCpuidPhys = 1;
    const chosen = addSubnode(f.root, "chosen");
    setString(chosen, "bootargs", "a");
    setCells(chosen, "linux,initrd-start", [0x100]);
    const out = dtc(serializeFdt(f));
    expect(out).toMatch(/\/memreserve\/\s+0x0000000080000000 0x0000000000001000;/);
    expect(out).toContain("model = \"tiny\";\n\t#address-cells = <0x01>;\n\t#size-cells = <0x01>;");
    expect(out).toMatch(/\/ \{[^]*?\n\n\tchosen \{\n\t\tlinux,initrd-start = <0x100>;\n\t\tbootargs = "a";/);
    expect(parseFdt(serializeFdt(f)).bootCpuidPhys).toBe(1);
  });

  it("padTo grows totalsize with free space; the tree reads back the same", () => {
    const f = tiny();
    const b = serializeFdt(f, { padTo: 4096 });
    expect(b.length).toBe(4096);
    expect(new DataView(b.buffer).getUint32(4, false)).toBe(4096);
    expect(parseFdt(b)).toEqual(f);
  });

  it("skips NOP tokens (what libfdt leaves for deleted nodes)", () => {
    const f = tiny();
    const b = serializeFdt(f);
    const dv = new DataView(b.buffer);
    const offStruct = dv.getUint32(8, false);
    // NOP out the "cpus" subtree: BEGIN "cpus" BEGIN "cpu@0" END END = 8 words.
    const at = Buffer.from(b).indexOf("cpus\0") - 4;
    expect(dv.getUint32(at, false)).toBe(1);
    for (let i = 0; i < 8; i++) dv.setUint32(at + 4 * i, 4, false);
    expect(offStruct).toBeLessThan(at);
    expect(parseFdt(b).root.children.map((c) => c.name)).toEqual(["intc@1000"]);
  });

  it("phandles: lookup and the next free one", () => {
    const f = tiny();
    expect(findByPhandle(f, 5)!.name).toBe("intc@1000");
    expect(nextFreePhandle(f)).toBe(6);
  });
});

describe("corrupt DTBs give a DtbError naming the file and the fault", () => {
  const good = serializeFdt(tiny());
  const hdr = (i: number, v: number) => { const b = good.slice(); new DataView(b.buffer).setUint32(i * 4, v, false); return b; };
  const off = (i: number) => new DataView(good.buffer).getUint32(i * 4, false);

  it("short file", () => expectDtbError(good.subarray(0, 20), /shorter than the 40-byte header/));
  it("bad magic", () => expectDtbError(hdr(0, 0x12345678), /bad magic 0x12345678/));
  it("truncated file (totalsize past the end)", () => expectDtbError(good.subarray(0, good.length - 8), /exceeds the file size.*truncated/));
  it("old version", () => expectDtbError(hdr(5, 3), /version 3 is too old/));
  it("struct block outside the blob", () => expectDtbError(hdr(2, 0x10000), /structure block .* lies outside/));
  it("strings block outside the blob", () => expectDtbError(hdr(8, 0x10000), /strings block .* lies outside/));
  it("misaligned struct block", () => expectDtbError(hdr(2, off(2) + 2), /not 4-byte aligned/));
  it("property name offset outside the strings block", () => expectDtbError(hdr(8, 3), /outside the strings block|unterminated string/));
  it("unterminated string in the strings block", () => {
    const b = good.slice();
    b[off(3) + off(8) - 1] = 0x41; // last NUL of the strings block
    expectDtbError(b, /unterminated string/);
  });
  it("unknown token", () => {
    const b = good.slice();
    new DataView(b.buffer).setUint32(off(2), 7, false);
    expectDtbError(b, /unknown token 0x00000007 at structure offset 0/);
  });
  it("struct block too short for its tokens", () => expectDtbError(hdr(9, 8), /without an FDT_END|runs past|unterminated node name/));
  it("missing END_NODE before FDT_END", () => {
    const b = good.slice();
    const dv = new DataView(b.buffer);
    const end = off(2) + off(9) - 8; // the root's END_NODE, just before FDT_END
    expect(dv.getUint32(end, false)).toBe(2);
    dv.setUint32(end, 4, false); // NOP it out
    expectDtbError(b, /FDT_END inside node/);
  });
  it("reservation map without its terminator", () => expectDtbError(hdr(4, Math.floor((off(1) - 8) / 8) * 8), /not terminated/));
});
