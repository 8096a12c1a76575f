// The device tree QEMU 7.2's `virt` board generates for `-cpu cortex-a15` and `-cpu cortex-a57`,
// with gic-version=2 or 3 (hw/arm/virt.c create_fdt & co., then hw/arm/boot.c arm_load_dtb),
// built with our FDT writer from the board's memory map. Nodes and properties come out in the
// order QEMU's blob has them (libfdt puts a new property or subnode first, so QEMU's creation
// order appears reversed), with the phandles QEMU allocates (0x8000 upwards: clock, CPUs
// last-to-first, GIC, v2m or ITS, GPIO).
//
// Left out because armlet does not model the device (virtDtbNotModelled): the PCIe host
// bridge and the GICv2m MSI frame (its phandle stays reserved so the GPIO's matches QEMU's),
// fw_cfg unless the board asks for it. The GICv3 ITS is in (gic-version=3, its=on). /chosen's rng-seed and kaslr-seed (random in QEMU) are
// left out, as QEMU's `dtb-randomness=off` does, unless a seed source is given: runs must be
// reproducible with --icount.
import { serializeFdt, sizedCells, type Fdt, type FdtNode, type FdtProp } from "../boot/fdt.js";
import { editDtbForBoot, type LoadLinuxOptions } from "../boot/linux-loader.js";
import { GICV2_MAX_CPUS, GICV3_MAX_CPUS, virtMap } from "./virt.js";
import { flatTopology, type SmpTopology } from "../options.js";

/** QEMU's virt FDT buffer (create_fdt: 1 MiB); the blob it loads and dumps has this totalsize. */
export const VIRT_FDT_SIZE = 0x10_0000;

/** Regions of the virt map that only the DTB needs (hw/arm/virt.c base_memmap). */
const platformBus = { base: 0x0c00_0000, size: 0x0200_0000 };
const gicV2m = { base: 0x0802_0000, size: 0x0000_1000 };
const APB_PCLK_HZ = 24_000_000;
/** CPUs per MPIDR Aff1 cluster (virt_cpu_mp_affinity): GICv2's 8 targets, GICv3's 16 (target list). */
const GICV2_CLUSTER = 8;
const GICV3_CLUSTER = 16;
const KEY_POWER = 116;
const GPIO_POWER_PIN = 3;
// PSCI 0.2+ function ids: SMC32 for an AArch32 CPU; an AArch64 CPU gets the SMC64 ids of the
// calls that take addresses (CPU_OFF has no SMC64 form).
const PSCI_CPU_SUSPEND = 0x8400_0001;
const PSCI_CPU_OFF = 0x8400_0002;
const PSCI_CPU_ON = 0x8400_0003;
const PSCI_MIGRATE = 0x8400_0005;
const PSCI_SMC64 = 0x4000_0000;
/** CPU models that run AArch64 (QEMU: ARM_FEATURE_AARCH64): armv8 timer and PMU, SMC64 PSCI ids. */
export const VIRT_AARCH64_MODELS: ReadonlySet<string> = new Set(["cortex-a57"]);

/** Nodes QEMU's tree has that ours leaves out (unmodelled devices), by path: GICv2. */
export const VIRT_DTB_NOT_MODELLED: readonly string[] = ["/pcie@10000000", "/intc@8000000/v2m@8020000", "/fw-cfg@9020000"];

/** The nodes left out for a GIC version (GICv3: the PCIe host and fw_cfg; its ITS is in). */
export function virtDtbNotModelled(gic: VirtDtbGic = { version: 2 }): readonly string[] {
  return gic.version === 3 ? ["/pcie@10000000", "/fw-cfg@9020000"] : VIRT_DTB_NOT_MODELLED;
}

/** The board's interrupt controller as the tree shows it (virt.ts: gic-version, its). */
export type VirtDtbGic = { version: 2 } | { version: 3; its: boolean };

export interface VirtDtbOptions {
  ramBytes: number;
  numCpus: number;
  /** -append: /chosen/bootargs (absent or empty: no property, as QEMU). */
  cmdline?: string;
  /** Where the loader put the initrd: /chosen/linux,initrd-start/-end. */
  initrd?: { start: number; end: number };
  /** CPU model: cpu@N compatible "arm,<cpu>" (default cortex-a15). */
  cpu?: string;
  /** GIC version (default 2) and, for GICv3, whether the ITS is there. */
  gic?: VirtDtbGic;
  /** -smp's topology for /cpus/cpu-map (default: numCpus cores in socket0/cluster0). */
  topology?: SmpTopology;
  /** Include /fw-cfg@9020000 (only when the board models fw_cfg). */
  fwCfg?: boolean;
  /** Include the GICv2m frame under /intc (only when the board models it). */
  v2m?: boolean;
  /** Bytes for /chosen rng-seed (32) and kaslr-seed (8), e.g. from a seeded PRNG; absent: no seeds. */
  seed?: (bytes: number) => Uint8Array;
  /** totalsize of the blob (default VIRT_FDT_SIZE, QEMU's; 0 = compact). */
  padTo?: number;
}

// ---- small builders: a node is written with its properties in final (blob) order ----

const enc = new TextEncoder();
function str(s: string): Uint8Array { return strs([s]); }
function strs(list: string[]): Uint8Array {
  const parts = list.map((s) => enc.encode(s));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length + 1; }
  return out;
}
function cells(...c: number[]): Uint8Array {
  const v = new Uint8Array(c.length * 4);
  const dv = new DataView(v.buffer);
  c.forEach((x, i) => dv.setUint32(i * 4, x >>> 0, false));
  return v;
}
const empty = () => new Uint8Array(0);
function node(name: string, props: [string, Uint8Array][], children: FdtNode[] = []): FdtNode {
  return { name, props: props.map(([n, value]): FdtProp => ({ name: n, value })), children };
}
/** reg of one or more (address, size) pairs in the root's 2+2 cells. */
function reg(...pairs: [number, number][]): Uint8Array {
  return cells(...pairs.flatMap(([a, s]) => [...sizedCells(2, a), ...sizedCells(2, s)]));
}
const hex = (n: number) => n.toString(16);

/**
 * Phandles as QEMU 7.2 allocates them for n CPUs. The MSI controller (GICv2m, or GICv3's ITS)
 * takes one after the GIC; GICv3 with its=off has none, so the GPIO's comes right after.
 */
export function virtPhandles(numCpus: number, msiController = true): { clock: number; cpu: (i: number) => number; gic: number; v2m: number; gpio: number } {
  const first = 0x8000;
  return {
    clock: first,
    cpu: (i) => first + numCpus - i, // allocated from the last CPU down
    gic: first + numCpus + 1,
    v2m: first + numCpus + 2,
    gpio: first + numCpus + (msiController ? 3 : 2),
  };
}

/** /cpus/cpu-map as fdt_add_cpu_nodes writes it: socketS/clusterC/coreK[/threadT] per CPU. */
function cpuMap(t: SmpTopology, cpuPhandle: (i: number) => number): FdtNode {
  const sockets: FdtNode[] = [];
  const child = (parent: FdtNode[], name: string): FdtNode[] => {
    let c = parent.find((x) => x.name === name);
    if (!c) parent.push(c = node(name, []));
    return c.children;
  };
  for (let i = 0; i < t.cpus; i++) {
    const socket = Math.floor(i / (t.clusters * t.cores * t.threads));
    const cluster = Math.floor(i / (t.cores * t.threads)) % t.clusters;
    const core = Math.floor(i / t.threads) % t.cores;
    let level = child(child(sockets, `socket${socket}`), `cluster${cluster}`);
    const leaf = t.threads > 1 ? `thread${i % t.threads}` : `core${core}`;
    if (t.threads > 1) level = child(level, `core${core}`);
    level.push(node(leaf, [["cpu", cells(cpuPhandle(i))]]));
  }
  return node("cpu-map", [], sockets);
}

/**
 * The tree before arm_load_dtb's edits: no /memory, /chosen with stdout-path (and the seeds
 * when asked), /psci already in (complete for Linux whatever the loader does). Hand it to the
 * loader as `dtb` with `modifyDtb: addPsciNode` (virtLinuxDtb does both): the loader adds
 * /memory, bootargs and the initrd range, then /psci moves first, giving QEMU's exact order.
 */
export function buildVirtBaseFdt(opts: Omit<VirtDtbOptions, "cmdline" | "initrd" | "padTo">): Fdt {
  const n = opts.numCpus;
  const gic = opts.gic ?? { version: 2 };
  const v3 = gic.version === 3;
  const maxCpus = v3 ? GICV3_MAX_CPUS : GICV2_MAX_CPUS;
  if (!Number.isInteger(n) || n < 1 || n > maxCpus) throw new RangeError(`virt DTB: ${n} CPUs (GICv${gic.version}: 1..${maxCpus})`);
  const topology = opts.topology ?? flatTopology(n);
  if (topology.cpus !== n) throw new RangeError(`virt DTB: topology of ${topology.cpus} CPUs for ${n}`);
  const msiNode = v3 ? gic.its : true; // GICv2's v2m frame is always there (left out, phandle kept)
  const ph = virtPhandles(n, msiNode);
  const cpuModel = opts.cpu ?? "cortex-a15";
  const aarch64 = VIRT_AARCH64_MODELS.has(cpuModel);
  const cluster = v3 ? GICV3_CLUSTER : GICV2_CLUSTER;
  const intcRef = cells(ph.gic);
  const m = virtMap;

  const chosenProps: [string, Uint8Array][] = [["stdout-path", str(`/pl011@${hex(m.uart.base)}`)]];
  if (opts.seed) {
    chosenProps.push(["rng-seed", opts.seed(32)], ["kaslr-seed", opts.seed(8)]);
  }

  const virtio: FdtNode[] = [];
  for (let i = 0; i < m.virtioMmio.count; i++) {
    const base = m.virtioMmio.base + i * m.virtioMmio.size;
    virtio.push(node(`virtio_mmio@${hex(base)}`, [
      ["dma-coherent", empty()],
      ["interrupts", cells(0, m.virtioMmio.spi + i, 1)], // edge rising
      ["reg", reg([base, m.virtioMmio.size])],
      ["compatible", str("virtio,mmio")],
    ]));
  }

  // Level-high; GICv2's binding adds the mask of CPUs the PPI goes to, GICv3's has none.
  const ppiFlags = v3 ? 4 : 4 | ((((1 << n) - 1) & 0xff) << 8);
  const cpuNodes: FdtNode[] = [];
  for (let i = 0; i < n; i++) {
    const mpidrAff = ((Math.floor(i / cluster) << 8) | (i % cluster)) >>> 0;
    const props: [string, Uint8Array][] = [["phandle", cells(ph.cpu(i))], ["reg", cells(mpidrAff)]];
    if (n > 1) props.push(["enable-method", str("psci")]);
    props.push(["compatible", str(`arm,${cpuModel}`)], ["device_type", str("cpu")]);
    cpuNodes.push(node(`cpu@${i}`, props));
  }

  const intcChildren: FdtNode[] = [];
  if (v3 && gic.its) {
    intcChildren.push(node(`its@${hex(m.gicIts.base)}`, [
      ["phandle", cells(ph.v2m)],
      ["reg", reg([m.gicIts.base, m.gicIts.size])],
      ["#msi-cells", cells(1)],
      ["msi-controller", empty()],
      ["compatible", str("arm,gic-v3-its")],
    ]));
  } else if (!v3 && opts.v2m) {
    intcChildren.push(node(`v2m@${hex(gicV2m.base)}`, [
      ["phandle", cells(ph.v2m)],
      ["reg", reg([gicV2m.base, gicV2m.size])],
      ["msi-controller", empty()],
      ["compatible", str("arm,gic-v2m-frame")],
    ]));
  }

  const half = m.flash.size / 2;
  const children: FdtNode[] = [
    node(`platform-bus@${hex(platformBus.base)}`, [
      ["interrupt-parent", intcRef],
      ["ranges", cells(0, 0, platformBus.base, platformBus.size)],
      ["#address-cells", cells(1)],
      ["#size-cells", cells(1)],
      ["compatible", strs(["qemu,platform", "simple-bus"])],
    ]),
    ...(opts.fwCfg ? [node(`fw-cfg@${hex(m.fwCfg.base)}`, [
      ["dma-coherent", empty()],
      ["reg", reg([m.fwCfg.base, m.fwCfg.size])],
      ["compatible", str("qemu,fw-cfg-mmio")],
    ])] : []),
    ...virtio,
    node("gpio-keys", [["compatible", str("gpio-keys")]], [
      node("poweroff", [
        ["gpios", cells(ph.gpio, GPIO_POWER_PIN, 0)],
        ["linux,code", cells(KEY_POWER)],
        ["label", str("GPIO Key Poweroff")],
      ]),
    ]),
    node(`pl061@${hex(m.gpio.base)}`, [
      ["phandle", cells(ph.gpio)],
      ["clock-names", str("apb_pclk")],
      ["clocks", cells(ph.clock)],
      ["interrupts", cells(0, m.gpio.spi, 4)],
      ["gpio-controller", empty()],
      ["#gpio-cells", cells(2)],
      ["compatible", strs(["arm,pl061", "arm,primecell"])],
      ["reg", reg([m.gpio.base, m.gpio.size])],
    ]),
    node(`pl031@${hex(m.rtc.base)}`, [
      ["clock-names", str("apb_pclk")],
      ["clocks", cells(ph.clock)],
      ["interrupts", cells(0, m.rtc.spi, 4)],
      ["reg", reg([m.rtc.base, m.rtc.size])],
      ["compatible", strs(["arm,pl031", "arm,primecell"])],
    ]),
    node(`pl011@${hex(m.uart.base)}`, [
      ["clock-names", strs(["uartclk", "apb_pclk"])],
      ["clocks", cells(ph.clock, ph.clock)],
      ["interrupts", cells(0, m.uart.spi, 4)],
      ["reg", reg([m.uart.base, m.uart.size])],
      ["compatible", strs(["arm,pl011", "arm,primecell"])],
    ]),
    // The PMU's PPI 7 on an AArch64 CPU; for the A15 under TCG QEMU writes the node without properties.
    node("pmu", aarch64 ? [["interrupts", cells(1, 7, ppiFlags)], ["compatible", str("arm,armv8-pmuv3")]] : []),
    node(`intc@${hex(m.gicDist.base)}`, [
      ["phandle", cells(ph.gic)],
      ...(v3 ? [
        ["reg", reg([m.gicDist.base, m.gicDist.size], [m.gicRedist.base, m.gicRedist.size])],
        ["#redistributor-regions", cells(1)],
        ["compatible", str("arm,gic-v3")],
      ] as [string, Uint8Array][] : [
        ["reg", reg([m.gicDist.base, m.gicDist.size], [m.gicCpu.base, m.gicCpu.size])],
        ["compatible", str("arm,cortex-a15-gic")],
      ] as [string, Uint8Array][]),
      ["ranges", empty()],
      ["#size-cells", cells(2)],
      ["#address-cells", cells(2)],
      ["interrupt-controller", empty()],
      ["#interrupt-cells", cells(3)],
    ], intcChildren),
    node(`flash@${hex(m.flash.base)}`, [
      ["bank-width", cells(4)],
      ["reg", reg([m.flash.base, half], [m.flash.base + half, half])],
      ["compatible", str("cfi-flash")],
    ]),
    // #address-cells would be 2 only for an MPIDR with Aff3 set (more than 2^24 CPUs).
    node("cpus", [["#size-cells", cells(0)], ["#address-cells", cells(1)]], [cpuMap(topology, ph.cpu), ...cpuNodes]),
    node("timer", [
      // secure physical, non-secure physical, virtual, hypervisor PPIs
      ["interrupts", cells(1, 13, ppiFlags, 1, 14, ppiFlags, 1, 11, ppiFlags, 1, 10, ppiFlags)],
      ["always-on", empty()],
      ["compatible", aarch64 ? strs(["arm,armv8-timer", "arm,armv7-timer"]) : str("arm,armv7-timer")],
    ]),
    node("apb-pclk", [
      ["phandle", cells(ph.clock)],
      ["clock-output-names", str("clk24mhz")],
      ["clock-frequency", cells(APB_PCLK_HZ)],
      ["#clock-cells", cells(0)],
      ["compatible", str("fixed-clock")],
    ]),
    node("chosen", chosenProps),
  ];

  const root = node("", [
    ["interrupt-parent", intcRef],
    ["model", str("linux,dummy-virt")],
    ["#size-cells", cells(2)],
    ["#address-cells", cells(2)],
    ["compatible", str("linux,dummy-virt")],
  ], [psciNode(aarch64), ...children]);
  return { root, reserve: [], bootCpuidPhys: 0 };
}

/** /psci as boot.c's fdt_add_psci_node writes it for a PSCI 1.0 CPU on the HVC conduit. */
function psciNode(aarch64: boolean): FdtNode {
  const smc64 = aarch64 ? PSCI_SMC64 : 0;
  return node("psci", [
    ["migrate", cells(PSCI_MIGRATE | smc64)],
    ["cpu_on", cells(PSCI_CPU_ON | smc64)],
    ["cpu_off", cells(PSCI_CPU_OFF)],
    ["cpu_suspend", cells(PSCI_CPU_SUSPEND | smc64)],
    ["method", str("hvc")],
    ["compatible", strs(["arm,psci-1.0", "arm,psci-0.2", "arm,psci"])],
  ]);
}

/**
 * QEMU adds /psci in arm_load_dtb after /memory and /chosen, so it ends up the root's first
 * child: the loader's modifyDtb step. Creates the node if missing, moves it first otherwise.
 */
export function addPsciNode(fdt: Fdt, aarch64 = false): void {
  const i = fdt.root.children.findIndex((c) => c.name === "psci");
  const psci = i >= 0 ? fdt.root.children.splice(i, 1)[0] : psciNode(aarch64);
  fdt.root.children.unshift(psci);
}

/** The complete tree the guest gets: the base tree with arm_load_dtb's edits (/memory,
 *  bootargs, initrd range) and /psci. */
export function buildVirtFdt(opts: VirtDtbOptions): Fdt {
  const fdt = buildVirtBaseFdt(opts);
  editDtbForBoot(fdt, {
    ramBase: virtMap.ram.base, ramBytes: opts.ramBytes, cmdline: opts.cmdline,
    initrdStart: opts.initrd?.start, initrdSize: opts.initrd ? opts.initrd.end - opts.initrd.start : undefined,
  }, "virt device tree");
  addPsciNode(fdt);
  return fdt;
}

/** The DTB blob (what `--dump-dtb` writes and firmware boots find at the start of RAM). */
export function buildVirtDtb(opts: VirtDtbOptions): Uint8Array {
  return serializeFdt(buildVirtFdt(opts), { padTo: opts.padTo ?? VIRT_FDT_SIZE });
}

/**
 * What a Linux boot on virt hands the loader (spread into loadLinux's options): the base tree,
 * /psci added after the loader's own edits, and QEMU's blob size.
 */
export function virtLinuxDtb(opts: Omit<VirtDtbOptions, "cmdline" | "initrd">): Pick<LoadLinuxOptions, "dtb" | "modifyDtb" | "dtbPadTo"> {
  const aarch64 = VIRT_AARCH64_MODELS.has(opts.cpu ?? "cortex-a15");
  return { dtb: buildVirtBaseFdt(opts), modifyDtb: (fdt) => addPsciNode(fdt, aarch64), dtbPadTo: opts.padTo ?? VIRT_FDT_SIZE };
}
