// The virt board's generated device tree for -cpu cortex-a57 against QEMU 7.2's own
// (`qemu-system-aarch64 -M virt[,gic-version=3[,its=off]],dumpdtb=FILE -cpu cortex-a57`,
// dtb-randomness=off): GICv2 and GICv3 (ITS on and off), 1 to 16 CPUs, -smp topologies, RAM
// sizes, and /chosen with -append and -initrd. Both trees decompiled with dtc must be the same
// text once QEMU's nodes for devices armlet does not model (virtDtbNotModelled) are taken out.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../../helpers/qemu.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { findNode, getCells, getStrings, parseFdt, removeNode, serializeFdt, walk, type Fdt } from "../../../machines/boot/fdt.js";
import {
  VIRT_FDT_SIZE, buildVirtDtb, buildVirtFdt, virtDtbNotModelled, virtPhandles, type VirtDtbGic,
} from "../../../machines/boards/virt-dtb.js";
import { parseSmp } from "../../../machines/options.js";

const QEMU = QEMU_SYSTEM_AARCH64;
const DTC = "dtc";
const tmp = mkdtempSync(join(tmpdir(), "armlet-virt-a57-dtb-"));
let seq = 0;

function dts(bytes: Uint8Array): string {
  const f = join(tmp, `d${seq++}.dtb`);
  writeFileSync(f, bytes);
  return execFileSync(DTC, ["-q", "-I", "dtb", "-O", "dts", f], { encoding: "utf8" });
}

/** A minimal arm64 Image QEMU accepts: header with text_offset 0, image_size, "ARM\x64" magic. */
function fakeArm64Image(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 64; i < n; i++) b[i] = (i * 131) & 0xff;
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0x14000010, true); // b +0x40
  dv.setBigUint64(8, 0n, true); // text_offset
  dv.setBigUint64(16, BigInt(n), true); // image_size
  dv.setBigUint64(24, 0xan, true); // little-endian, 4K pages, anywhere
  dv.setUint32(56, 0x644d5241, true); // "ARM\x64"
  return b;
}

interface Run { smp: string; ramMiB: number; gic: VirtDtbGic; cmdline?: string; initrdBytes?: number }

const gicProps = (g: VirtDtbGic) => (g.version === 2 ? "" : `,gic-version=3${g.its ? "" : ",its=off"}`);

function qemuDtb(r: Run): Uint8Array {
  const out = join(tmp, `q${seq++}.dtb`);
  const args = ["-M", `virt${gicProps(r.gic)},dumpdtb=${out},dtb-randomness=off`, "-cpu", "cortex-a57",
    "-smp", r.smp, "-m", `${r.ramMiB}M`, "-nographic", "-nodefaults"];
  if (r.cmdline !== undefined || r.initrdBytes !== undefined) {
    const k = join(tmp, `k${seq++}`);
    writeFileSync(k, fakeArm64Image(2 * 2 ** 20 + 4096));
    args.push("-kernel", k);
  }
  if (r.initrdBytes !== undefined) {
    const i = join(tmp, `i${seq++}`);
    writeFileSync(i, new Uint8Array(r.initrdBytes).fill(0x5a));
    args.push("-initrd", i);
  }
  if (r.cmdline !== undefined) args.push("-append", r.cmdline);
  execFileSync(QEMU, qemuArgv(args), { stdio: "pipe" });
  return readFileSync(out);
}

/** QEMU's tree without the nodes of unmodelled devices (each must be there). */
function withoutUnmodelled(q: Fdt, gic: VirtDtbGic): Fdt {
  for (const path of virtDtbNotModelled(gic)) {
    const cut = path.lastIndexOf("/");
    const parent = findNode(q, cut === 0 ? "/" : path.slice(0, cut));
    const n = findNode(q, path);
    expect(n, `QEMU's tree has ${path}`).toBeDefined();
    removeNode(parent!, n!);
  }
  return q;
}

const paths = (f: Fdt) => [...walk(f)].map((w) => w.path);
const V2: VirtDtbGic = { version: 2 };
const V3: VirtDtbGic = { version: 3, its: true };
const V3_NO_ITS: VirtDtbGic = { version: 3, its: false };

const cases: (Run & { name: string })[] = [
  { name: "GICv2, smp 1, 128 MiB", smp: "1", ramMiB: 128, gic: V2 },
  { name: "GICv2, smp 2, 3 GiB", smp: "2", ramMiB: 3072, gic: V2 },
  { name: "GICv2, smp 4, 1 GiB", smp: "4", ramMiB: 1024, gic: V2 },
  { name: "GICv2, smp 8, 256 MiB", smp: "8", ramMiB: 256, gic: V2 },
  { name: "GICv3, smp 1, 128 MiB", smp: "1", ramMiB: 128, gic: V3 },
  { name: "GICv3, smp 2, 512 MiB", smp: "2", ramMiB: 512, gic: V3 },
  { name: "GICv3, smp 8, 2 GiB", smp: "8", ramMiB: 2048, gic: V3 },
  { name: "GICv3, smp 16, 1 GiB", smp: "16", ramMiB: 1024, gic: V3 },
  { name: "GICv3, smp 20 (a second MPIDR cluster), 256 MiB", smp: "20", ramMiB: 256, gic: V3 },
  { name: "GICv3 its=off, smp 1, 3 GiB", smp: "1", ramMiB: 3072, gic: V3_NO_ITS },
  { name: "GICv3 its=off, smp 4, 256 MiB", smp: "4", ramMiB: 256, gic: V3_NO_ITS },
  { name: "GICv3 its=off, smp 16, 128 MiB", smp: "16", ramMiB: 128, gic: V3_NO_ITS },
  // -smp topologies: /cpus/cpu-map follows sockets, clusters, cores and threads.
  { name: "GICv2, smp 4,cores=2,threads=2", smp: "4,cores=2,threads=2", ramMiB: 128, gic: V2 },
  { name: "GICv2, smp 4,clusters=2", smp: "4,clusters=2", ramMiB: 128, gic: V2 },
  { name: "GICv2, smp cpus=4,maxcpus=8", smp: "cpus=4,maxcpus=8", ramMiB: 128, gic: V2 },
  { name: "GICv3, smp sockets=2,cores=4", smp: "sockets=2,cores=4", ramMiB: 128, gic: V3 },
  { name: "GICv3, smp 12,sockets=2,clusters=3,threads=2", smp: "12,sockets=2,clusters=3,threads=2", ramMiB: 128, gic: V3 },
  // The loader's edits: bootargs, the initrd range (placed by QEMU; given to ours).
  { name: "GICv2, smp 2, -append", smp: "2", ramMiB: 256, gic: V2, cmdline: "console=ttyAMA0 root=/dev/vda rw" },
  { name: "GICv2, smp 1, -append and -initrd", smp: "1", ramMiB: 512, gic: V2, cmdline: "earlycon", initrdBytes: 700_001 },
  { name: "GICv3, smp 4, -initrd only", smp: "4", ramMiB: 1024, gic: V3, initrdBytes: 123_457 },
  { name: "GICv3 its=off, smp 2, -append and -initrd", smp: "2", ramMiB: 256, gic: V3_NO_ITS, cmdline: "a b c", initrdBytes: 4096 },
];

describe.skipIf(lacksCommand(QEMU) || lacksCommand(DTC))("virt DTB for cortex-a57 equals QEMU 7.2's for the modelled devices", () => {
  for (const c of cases) {
    it(c.name, () => {
      const q = parseFdt(qemuDtb(c));
      const chosen = findNode(q, "/chosen")!;
      const start = getCells(chosen, "linux,initrd-start"), end = getCells(chosen, "linux,initrd-end");
      expect(start === undefined).toBe(c.initrdBytes === undefined);
      const initrd = start && end ? { start: start[start.length - 1], end: end[end.length - 1] } : undefined;
      if (initrd) expect(initrd.end - initrd.start).toBe(c.initrdBytes);
      const topology = parseSmp(c.smp)!;
      const ours = buildVirtDtb({
        ramBytes: c.ramMiB * 2 ** 20, numCpus: topology.cpus, topology, cpu: "cortex-a57", gic: c.gic, cmdline: c.cmdline, initrd,
      });
      expect(ours.length).toBe(VIRT_FDT_SIZE);
      const o = parseFdt(ours);
      const notModelled = virtDtbNotModelled(c.gic);
      const qp = new Set(paths(q));
      expect(paths(o).filter((p) => !qp.has(p))).toEqual([]);
      const op = new Set(paths(o));
      expect(paths(q).filter((p) => !op.has(p) && !notModelled.some((n) => p === n || p.startsWith(n + "/")))).toEqual([]);
      expect(dts(ours)).toBe(dts(serializeFdt(withoutUnmodelled(q, c.gic))));
    });
  }
});

describe("virt DTB contents for cortex-a57", () => {
  const a57 = (numCpus: number, gic: VirtDtbGic) => buildVirtFdt({ ramBytes: 2 ** 27, numCpus, cpu: "cortex-a57", gic });

  it("AArch64 CPU: armv8 timer and PMU, SMC64 PSCI ids (CPU_OFF stays SMC32)", () => {
    const f = a57(2, V2);
    expect(getStrings(findNode(f, "/timer")!, "compatible")).toEqual(["arm,armv8-timer", "arm,armv7-timer"]);
    expect(getStrings(findNode(f, "/pmu")!, "compatible")).toEqual(["arm,armv8-pmuv3"]);
    expect(getCells(findNode(f, "/pmu")!, "interrupts")).toEqual([1, 7, 0x304]);
    const psci = findNode(f, "/psci")!;
    expect([getCells(psci, "cpu_suspend"), getCells(psci, "cpu_off"), getCells(psci, "cpu_on"), getCells(psci, "migrate")])
      .toEqual([[0xc4000001], [0x84000002], [0xc4000003], [0xc4000005]]);
    expect(getStrings(findNode(f, "/cpus/cpu@1")!, "compatible")).toEqual(["arm,cortex-a57"]);
  });

  it("GICv3: gic-v3 node with one redistributor region, PPIs without a CPU mask, ITS phandle", () => {
    const f = a57(4, V3);
    const intc = findNode(f, "/intc@8000000")!;
    expect(getStrings(intc, "compatible")).toEqual(["arm,gic-v3"]);
    expect(getCells(intc, "#redistributor-regions")).toEqual([1]);
    expect(getCells(intc, "reg")).toEqual([0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0, 0xf60000]);
    const its = findNode(f, "/intc@8000000/its@8080000")!;
    expect(getStrings(its, "compatible")).toEqual(["arm,gic-v3-its"]);
    expect(its.props.some((p) => p.name === "msi-controller")).toBe(true);
    const ph = virtPhandles(4, true);
    expect(getCells(its, "phandle")).toEqual([ph.v2m]);
    expect(getCells(findNode(f, "/pl061@9030000")!, "phandle")).toEqual([ph.gpio]);
    expect(getCells(findNode(f, "/timer")!, "interrupts")).toEqual([1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4]);
    // its=off: no ITS node and no reserved phandle (the GPIO's follows the GIC's).
    const g = a57(4, V3_NO_ITS);
    expect(findNode(g, "/intc@8000000/its@8080000")).toBeUndefined();
    expect(getCells(findNode(g, "/pl061@9030000")!, "phandle")).toEqual([getCells(findNode(g, "/intc@8000000")!, "phandle")![0] + 1]);
  });

  it("MPIDR clusters: 8 CPUs each with GICv2, 16 with GICv3; CPU limits per GIC", () => {
    const f = a57(20, V3);
    expect(getCells(findNode(f, "/cpus/cpu@15")!, "reg")).toEqual([15]);
    expect(getCells(findNode(f, "/cpus/cpu@16")!, "reg")).toEqual([0x100]);
    expect(getCells(findNode(a57(8, V2), "/cpus/cpu@7")!, "reg")).toEqual([7]);
    expect(() => a57(9, V2)).toThrow(/GICv2: 1..8/);
    expect(() => a57(124, V3)).toThrow(/GICv3: 1..123/);
  });
});
