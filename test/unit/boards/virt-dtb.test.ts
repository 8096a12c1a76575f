// The virt board's generated device tree against QEMU 7.2's own (`-M virt,dumpdtb=FILE
// -cpu cortex-a15`, dtb-randomness=off): both decompiled with dtc must be the same text once
// QEMU's nodes for devices armlet does not model (VIRT_DTB_NOT_MODELLED) are taken out.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../../helpers/qemu.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { findNode, getCells, getStrings, parseFdt, removeNode, serializeFdt, walk, type Fdt } from "../../../machines/boot/fdt.js";
import { editDtbForBoot, loadLinux } from "../../../machines/boot/linux-loader.js";
import { virtDef } from "../../../machines/boards/virt.js";
import {
  VIRT_DTB_NOT_MODELLED, VIRT_FDT_SIZE, addPsciNode, virtDtbNotModelled, type VirtDtbGic, buildVirtBaseFdt, buildVirtDtb, buildVirtFdt, virtLinuxDtb, virtPhandles,
} from "../../../machines/boards/virt-dtb.js";

const QEMU = QEMU_SYSTEM_ARM;
const DTC = "dtc";
const skipTools = lacksCommand(QEMU) || lacksCommand(DTC);
const tmp = mkdtempSync(join(tmpdir(), "armlet-virt-dtb-"));
let seq = 0;

function dts(bytes: Uint8Array): string {
  const f = join(tmp, `d${seq++}.dtb`);
  writeFileSync(f, bytes);
  return execFileSync(DTC, ["-q", "-I", "dtb", "-O", "dts", f], { encoding: "utf8" });
}

function filler(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; }
  return b;
}

/** A zImage QEMU and our loader accept (magic and size words are all they look at). */
function fakeZImage(n: number): Uint8Array {
  const b = filler(n, n);
  const dv = new DataView(b.buffer);
  dv.setUint32(0x24, 0x016f2818, true);
  dv.setUint32(0x28, 0, true);
  dv.setUint32(0x2c, n, true);
  return b;
}

interface QemuRun { smp: number; ramMiB: number; cmdline?: string; kernel?: Uint8Array; initrd?: Uint8Array; gic?: VirtDtbGic }

function qemuDtb(r: QemuRun): Uint8Array {
  const out = join(tmp, `q${seq++}.dtb`);
  const gic = r.gic?.version === 3 ? `,gic-version=3${r.gic.its ? "" : ",its=off"}` : "";
  const args = ["-M", `virt${gic},dumpdtb=${out},dtb-randomness=off`, "-cpu", "cortex-a15", "-smp", String(r.smp),
    "-m", `${r.ramMiB}M`, "-nographic", "-nodefaults"];
  if (r.kernel) { const k = join(tmp, `k${seq++}`); writeFileSync(k, r.kernel); args.push("-kernel", k); }
  if (r.initrd) { const i = join(tmp, `i${seq++}`); writeFileSync(i, r.initrd); args.push("-initrd", i); }
  if (r.cmdline !== undefined) args.push("-append", r.cmdline);
  execFileSync(QEMU, qemuArgv(args), { stdio: "pipe" });
  return readFileSync(out);
}

/** QEMU's tree without the nodes of unmodelled devices. */
function withoutUnmodelled(q: Fdt, gic?: VirtDtbGic): Fdt {
  for (const path of gic ? virtDtbNotModelled(gic) : VIRT_DTB_NOT_MODELLED) {
    const cut = path.lastIndexOf("/");
    const parent = findNode(q, cut === 0 ? "/" : path.slice(0, cut));
    const n = findNode(q, path);
    expect(n, `QEMU's tree has ${path}`).toBeDefined();
    removeNode(parent!, n!);
  }
  return q;
}

function paths(f: Fdt): string[] { return [...walk(f)].map((w) => w.path); }

const cases: (QemuRun & { name: string })[] = [
  { name: "smp 1, 128 MiB", smp: 1, ramMiB: 128 },
  { name: "smp 4, 1 GiB", smp: 4, ramMiB: 1024 },
  { name: "smp 2, 3 GiB", smp: 2, ramMiB: 3072 },
  { name: "smp 8, 256 MiB", smp: 8, ramMiB: 256 },
  // QEMU's virt takes gic-version=3 with the A15 too (PPIs without CPU mask, the ITS node).
  { name: "gic-version=3, smp 3, 256 MiB", smp: 3, ramMiB: 256, gic: { version: 3, its: true } },
  { name: "gic-version=3,its=off, smp 8, 1 GiB", smp: 8, ramMiB: 1024, gic: { version: 3, its: false } },
];

describe.skipIf(skipTools)("virt DTB equals QEMU 7.2's for the modelled devices", () => {
  for (const c of cases) {
    it(c.name, () => {
      const q = parseFdt(qemuDtb(c));
      const ours = buildVirtDtb({ ramBytes: c.ramMiB * 2 ** 20, numCpus: c.smp, gic: c.gic });
      expect(ours.length).toBe(VIRT_FDT_SIZE);
      const o = parseFdt(ours);
      // Nothing extra, nothing missing except the listed nodes.
      const qp = new Set(paths(q));
      const extra = paths(o).filter((p) => !qp.has(p));
      expect(extra).toEqual([]);
      const missing = paths(q).filter((p) => !paths(o).includes(p));
      const notModelled = c.gic ? virtDtbNotModelled(c.gic) : VIRT_DTB_NOT_MODELLED;
      expect(missing.filter((p) => !notModelled.some((n) => p === n || p.startsWith(n + "/")))).toEqual([]);
      expect(dts(ours)).toBe(dts(serializeFdt(withoutUnmodelled(q, c.gic))));
    });
  }

  it("with fw_cfg and the v2m frame modelled, only the PCIe host is left out", () => {
    const q = parseFdt(qemuDtb({ smp: 2, ramMiB: 512 }));
    removeNode(q.root, findNode(q, "/pcie@10000000")!);
    const ours = buildVirtDtb({ ramBytes: 512 * 2 ** 20, numCpus: 2, fwCfg: true, v2m: true });
    expect(dts(ours)).toBe(dts(serializeFdt(q)));
  });

  it("Linux boot through the loader: /memory, /psci, bootargs and initrd range placed as QEMU does", () => {
    const kernel = fakeZImage(3 * 2 ** 20 + 123);
    const initrd = filler(700_001, 7);
    const cmdline = "console=ttyAMA0 root=/dev/vda rw";
    for (const smp of [1, 4]) {
      const ramMiB = smp === 1 ? 256 : 512;
      const q = qemuDtb({ smp, ramMiB, cmdline, kernel, initrd });
      const ramBytes = ramMiB * 2 ** 20;
      const r = loadLinux({
        kernel: { name: "zImage", bytes: kernel }, initrd: { name: "initrd", bytes: initrd }, cmdline,
        boot: virtDef.boot, ramBytes, numCpus: smp, ...virtLinuxDtb({ ramBytes, numCpus: smp }),
      });
      const blob = r.blobs.find((b) => b.name === "dtb")!;
      expect(blob.bytes.length).toBe(VIRT_FDT_SIZE);
      expect(dts(blob.bytes)).toBe(dts(serializeFdt(withoutUnmodelled(parseFdt(q)))));
      // The standalone builder agrees when given the loader's initrd range.
      const chosen = findNode(parseFdt(q), "/chosen")!;
      const [start] = getCells(chosen, "linux,initrd-start")!, [end] = getCells(chosen, "linux,initrd-end")!;
      expect(end - start).toBe(initrd.length);
      expect(dts(buildVirtDtb({ ramBytes, numCpus: smp, cmdline, initrd: { start, end } }))).toBe(dts(blob.bytes));
    }
  });
});

describe("virt DTB contents", () => {
  it("CPUs: reg = MPIDR affinity, psci enable-method only with several CPUs, cpu-map phandles", () => {
    for (const n of [1, 3]) {
      const f = buildVirtFdt({ ramBytes: 2 ** 27, numCpus: n });
      const ph = virtPhandles(n);
      for (let i = 0; i < n; i++) {
        const cpu = findNode(f, `/cpus/cpu@${i}`)!;
        expect(getCells(cpu, "reg")).toEqual([i]);
        expect(getCells(cpu, "phandle")).toEqual([ph.cpu(i)]);
        expect(getStrings(cpu, "enable-method")).toEqual(n > 1 ? ["psci"] : undefined);
        expect(getCells(findNode(f, `/cpus/cpu-map/socket0/cluster0/core${i}`)!, "cpu")).toEqual([ph.cpu(i)]);
      }
      const flags = 4 | (((1 << n) - 1) << 8);
      expect(getCells(findNode(f, "/timer")!, "interrupts")).toEqual([1, 13, flags, 1, 14, flags, 1, 11, flags, 1, 10, flags]);
    }
    expect(() => buildVirtFdt({ ramBytes: 2 ** 27, numCpus: 9 })).toThrow(/GICv2/);
  });

  it("phandles: clock 0x8000, CPUs from the last down, GIC, (v2m), GPIO", () => {
    const f = buildVirtFdt({ ramBytes: 2 ** 27, numCpus: 4 });
    expect(getCells(findNode(f, "/apb-pclk")!, "phandle")).toEqual([0x8000]);
    expect(getCells(findNode(f, "/cpus/cpu@3")!, "phandle")).toEqual([0x8001]);
    expect(getCells(findNode(f, "/cpus/cpu@0")!, "phandle")).toEqual([0x8004]);
    expect(getCells(findNode(f, "/intc@8000000")!, "phandle")).toEqual([0x8005]);
    expect(getCells(f.root, "interrupt-parent")).toEqual([0x8005]);
    expect(getCells(findNode(f, "/pl061@9030000")!, "phandle")).toEqual([0x8007]);
    expect(getCells(findNode(f, "/gpio-keys/poweroff")!, "gpios")).toEqual([0x8007, 3, 0]);
  });

  it("/chosen: bootargs and initrd only when given; seeds only from a seed source", () => {
    const plain = findNode(buildVirtFdt({ ramBytes: 2 ** 27, numCpus: 1, cmdline: "" }), "/chosen")!;
    expect(plain.props.map((p) => p.name)).toEqual(["stdout-path"]);
    expect(getStrings(plain, "stdout-path")).toEqual(["/pl011@9000000"]);
    const seed = (n: number) => Uint8Array.from({ length: n }, (_, i) => i + n);
    const f = buildVirtFdt({ ramBytes: 2 ** 27, numCpus: 1, cmdline: "a b", initrd: { start: 0x48000000, end: 0x48001000 }, seed });
    const c = findNode(f, "/chosen")!;
    expect(c.props.map((p) => p.name)).toEqual(["linux,initrd-end", "linux,initrd-start", "bootargs", "stdout-path", "rng-seed", "kaslr-seed"]);
    expect(getCells(c, "linux,initrd-start")).toEqual([0x48000000]);
    expect(getCells(c, "linux,initrd-end")).toEqual([0x48001000]);
    expect(Array.from(c.props[4].value)).toEqual(Array.from(seed(32)));
    expect(c.props[5].value.length).toBe(8);
    // Deterministic: same options, same bytes.
    const a = buildVirtDtb({ ramBytes: 2 ** 27, numCpus: 2, cmdline: "x" }), b = buildVirtDtb({ ramBytes: 2 ** 27, numCpus: 2, cmdline: "x" });
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it("the base tree alone through the loader's edits still has /psci (only its place differs)", () => {
    const f = buildVirtBaseFdt({ ramBytes: 2 ** 27, numCpus: 2 });
    editDtbForBoot(f, { ramBase: 0x40000000, ramBytes: 2 ** 27 });
    expect(f.root.children.slice(0, 2).map((c) => c.name)).toEqual(["memory@40000000", "psci"]);
    addPsciNode(f);
    expect(f.root.children.slice(0, 2).map((c) => c.name)).toEqual(["psci", "memory@40000000"]);
    expect(f.root.children.filter((c) => c.name === "psci").length).toBe(1);
  });

  it("/memory and /psci come first, as arm_load_dtb adds them last", () => {
    const f = buildVirtFdt({ ramBytes: 3 * 2 ** 30, numCpus: 2 });
    expect(f.root.children.slice(0, 2).map((c) => c.name)).toEqual(["psci", "memory@40000000"]);
    expect(getCells(findNode(f, "/memory@40000000")!, "reg")).toEqual([0, 0x40000000, 0, 0xc0000000]);
    const psci = findNode(f, "/psci")!;
    expect(getStrings(psci, "compatible")).toEqual(["arm,psci-1.0", "arm,psci-0.2", "arm,psci"]);
    expect(getStrings(psci, "method")).toEqual(["hvc"]);
    expect([getCells(psci, "cpu_suspend"), getCells(psci, "cpu_off"), getCells(psci, "cpu_on"), getCells(psci, "migrate")])
      .toEqual([[0x84000001], [0x84000002], [0x84000003], [0x84000005]]);
    expect(f.root.children.filter((c) => c.name.startsWith("virtio_mmio@")).map((c) => c.name).slice(0, 2))
      .toEqual(["virtio_mmio@a000000", "virtio_mmio@a000200"]);
  });
});
