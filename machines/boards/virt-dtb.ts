// The device tree QEMU 7.2's `virt` board generates for `-cpu cortex-a15` (hw/arm/virt.c
// create_fdt & co., then hw/arm/boot.c arm_load_dtb), built with our FDT writer from the
// board's memory map. Nodes and properties come out in the order QEMU's blob has them (libfdt
// puts a new property or subnode first, so QEMU's creation order appears reversed), with the
// phandles QEMU allocates (0x8000 upwards: clock, CPUs last-to-first, GIC, v2m, GPIO).
//
// Left out because armlet does not model the device (VIRT_DTB_NOT_MODELLED): the PCIe host
// bridge and the GICv2m MSI frame (its phandle stays reserved so the GPIO's matches QEMU's),
// fw_cfg unless the board asks for it. /chosen's rng-seed and kaslr-seed (random in QEMU) are
// left out, as QEMU's `dtb-randomness=off` does, unless a seed source is given: runs must be
// reproducible with --icount.
import { serializeFdt, sizedCells, type Fdt, type FdtNode, type FdtProp } from "../boot/fdt.js";
import { editDtbForBoot, type LoadLinuxOptions } from "../boot/linux-loader.js";
import { virtMap } from "./virt.js";

/** QEMU's virt FDT buffer (create_fdt: 1 MiB); the blob it loads and dumps has this totalsize. */
export const VIRT_FDT_SIZE = 0x10_0000;

/** Regions of the virt map that only the DTB needs (hw/arm/virt.c base_memmap). */
const platformBus = { base: 0x0c00_0000, size: 0x0200_0000 };
const gicV2m = { base: 0x0802_0000, size: 0x0000_1000 };
const APB_PCLK_HZ = 24_000_000;
/** GICv2 supports 8 CPUs: the cluster size QEMU uses for MPIDR affinity with GICv2. */
const GICV2_CLUSTER = 8;
const KEY_POWER = 116;
const GPIO_POWER_PIN = 3;
// PSCI 0.2+ function ids for an AArch32 CPU (SMC32 calling convention).
const PSCI_CPU_SUSPEND = 0x8400_0001;
const PSCI_CPU_OFF = 0x8400_0002;
const PSCI_CPU_ON = 0x8400_0003;
const PSCI_MIGRATE = 0x8400_0005;

/** Nodes QEMU's tree has that ours leaves out (unmodelled devices), by path. */
export const VIRT_DTB_NOT_MODELLED: readonly string[] = ["/pcie@10000000", "/intc@8000000/v2m@8020000", "/fw-cfg@9020000"];

export interface VirtDtbOptions {
  ramBytes: number;
  numCpus: number;
  /** -append: /chosen/bootargs (absent or empty: no property, as QEMU). */
  cmdline?: string;
  /** Where the loader put the initrd: /chosen/linux,initrd-start/-end. */
  initrd?: { start: number; end: number };
  /** CPU model: cpu@N compatible "arm,<cpu>" (default cortex-a15). */
  cpu?: string;
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

/** Phandles as QEMU 7.2 allocates them for n CPUs. */
export function virtPhandles(numCpus: number): { clock: number; cpu: (i: number) => number; gic: number; v2m: number; gpio: number } {
  const first = 0x8000;
  return {
    clock: first,
    cpu: (i) => first + numCpus - i, // allocated from the last CPU down
    gic: first + numCpus + 1,
    v2m: first + numCpus + 2,
    gpio: first + numCpus + 3,
  };
}

/**
 * The tree before arm_load_dtb's edits: no /memory, /chosen with stdout-path (and the seeds
 * when asked), /psci already in (complete for Linux whatever the loader does). Hand it to the
 * loader as `dtb` with `modifyDtb: addPsciNode` (virtLinuxDtb does both): the loader adds
 * /memory, bootargs and the initrd range, then /psci moves first, giving QEMU's exact order.
 */
export function buildVirtBaseFdt(opts: Omit<VirtDtbOptions, "cmdline" | "initrd" | "padTo">): Fdt {
  const n = opts.numCpus;
  if (!Number.isInteger(n) || n < 1 || n > GICV2_CLUSTER) throw new RangeError(`virt DTB: ${n} CPUs (GICv2: 1..8)`);
  const ph = virtPhandles(n);
  const cpuModel = opts.cpu ?? "cortex-a15";
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

  const ppiFlags = 4 | ((((1 << n) - 1) & 0xff) << 8); // level-high, CPU mask (GICv2 binding)
  const cpuNodes: FdtNode[] = [];
  const cores: FdtNode[] = [];
  for (let i = 0; i < n; i++) {
    const mpidrAff = ((Math.floor(i / GICV2_CLUSTER) << 8) | (i % GICV2_CLUSTER)) >>> 0;
    const props: [string, Uint8Array][] = [["phandle", cells(ph.cpu(i))], ["reg", cells(mpidrAff)]];
    if (n > 1) props.push(["enable-method", str("psci")]);
    props.push(["compatible", str(`arm,${cpuModel}`)], ["device_type", str("cpu")]);
    cpuNodes.push(node(`cpu@${i}`, props));
    cores.push(node(`core${i}`, [["cpu", cells(ph.cpu(i))]]));
  }

  const intcChildren: FdtNode[] = [];
  if (opts.v2m) {
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
    node("pmu", []), // the A15 under TCG: QEMU writes the node without properties
    node(`intc@${hex(m.gicDist.base)}`, [
      ["phandle", cells(ph.gic)],
      ["reg", reg([m.gicDist.base, m.gicDist.size], [m.gicCpu.base, m.gicCpu.size])],
      ["compatible", str("arm,cortex-a15-gic")],
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
    node("cpus", [["#size-cells", cells(0)], ["#address-cells", cells(1)]], [
      node("cpu-map", [], [node("socket0", [], [node("cluster0", [], cores)])]),
      ...cpuNodes,
    ]),
    node("timer", [
      // secure physical, non-secure physical, virtual, hypervisor PPIs
      ["interrupts", cells(1, 13, ppiFlags, 1, 14, ppiFlags, 1, 11, ppiFlags, 1, 10, ppiFlags)],
      ["always-on", empty()],
      ["compatible", str("arm,armv7-timer")],
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
  ], [psciNode(), ...children]);
  return { root, reserve: [], bootCpuidPhys: 0 };
}

/** /psci as boot.c's fdt_add_psci_node writes it for a PSCI 1.0 CPU on the HVC conduit. */
function psciNode(): FdtNode {
  return node("psci", [
    ["migrate", cells(PSCI_MIGRATE)],
    ["cpu_on", cells(PSCI_CPU_ON)],
    ["cpu_off", cells(PSCI_CPU_OFF)],
    ["cpu_suspend", cells(PSCI_CPU_SUSPEND)],
    ["method", str("hvc")],
    ["compatible", strs(["arm,psci-1.0", "arm,psci-0.2", "arm,psci"])],
  ]);
}

/**
 * QEMU adds /psci in arm_load_dtb after /memory and /chosen, so it ends up the root's first
 * child: the loader's modifyDtb step. Creates the node if missing, moves it first otherwise.
 */
export function addPsciNode(fdt: Fdt): void {
  const i = fdt.root.children.findIndex((c) => c.name === "psci");
  const psci = i >= 0 ? fdt.root.children.splice(i, 1)[0] : psciNode();
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
  return { dtb: buildVirtBaseFdt(opts), modifyDtb: addPsciNode, dtbPadTo: opts.padTo ?? VIRT_FDT_SIZE };
}
