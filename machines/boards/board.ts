// What a board is: a memory map and IRQ numbers (data), a function that creates and maps its
// devices, and what the boot loader needs to know. The machine (machines/machine.ts) owns
// the CPUs, RAM, the interrupt controller and time, and hands a BoardContext to build().
import type { AddressSpace } from "../bus/address-space.js";
import type { Clock, IrqLine, MmioDevice, TimedDevice } from "../devices/device.js";
import type { BoardInfo } from "./virt.js";
import type { LoadLinuxOptions } from "../boot/linux-loader.js";
import type { VirtioDevice } from "../devices/virtio/device.js";
import type { UnmodelledRegion } from "../devices/unmodelled.js";
import type { SectionRegistry } from "../snapshot/section.js";
import type { GuestRam } from "../devices/virtio/guest-ram.js";

export interface BoardContext {
  bus: AddressSpace;
  /** Where devices register their migration sections, in QEMU's order (build order). */
  snapshot: SectionRegistry;
  clock: Clock;
  numCpus: number;
  ramBytes: number;
  /** Back a region with wasm memory (SRAM, VRAM, flash): returns its bytes, mapped as RAM for the CPU. */
  addRam(name: string, base: number, size: number): Uint8Array;
  /** Interrupt controller input for SPI k (GIC interrupt ID 32 + k). */
  spi(k: number): IrqLine;
  /** Byte sink of UART n (0 is the console on stdio; others are discarded unless configured). */
  uartOut(n: number): (byte: number) => void;
  /** Register a device that keeps time (timers): the machine advances it and wakes CPUs for it. */
  addTimed(dev: TimedDevice): void;
  /** Register a UART that should receive console input (stdin). */
  setConsoleInput(dev: { receive(bytes: Iterable<number>): void; rxSpace: number }): void;
  /** The guest asked to power off or to reboot (system controller, PSCI...). */
  requestShutdown(): void;
  requestReset(): void;
  /** Virtio devices for the board's virtio-mmio transports (QEMU's order: the first goes to the
   *  highest transport), and whether transports are legacy (Version 1, QEMU 7.2's default). */
  virtio?: { devices: readonly VirtioDevice[]; legacy: boolean };
  /** Guest physical memory for device DMA (every RAM region). */
  guestRam?: GuestRam;
  /** What a host powerdown request (QEMU's system_powerdown) does on this board (virt: the GPIO power key). */
  setPowerdownHandler?(fn: () => void): void;
  log(msg: string): void;
}

/** Where the board's GIC is and what kind (GICv2, or GICv3: machines/gic/gicv3). */
export type GicPlacement = GicV2Placement | GicV3Placement;

export interface GicV3Placement {
  version: 3;
  distBase: number;
  /** The first CPU's redistributor (RD_base); each CPU's pair of frames takes 0x20000. */
  redistBase: number;
  /** The ITS's base when the board has one: LPIs are then supported. */
  itsBase?: number;
  /** Number of interrupt IDs, SGIs and PPIs included (virt: 288). */
  numIrqs: number;
}

export interface GicV2Placement {
  version: 2;
  distBase: number;
  cpuBase: number;
  /** Number of interrupt IDs, SGIs and PPIs included (vexpress-a15: 160, virt: 288). */
  numIrqs: number;
  /** Security Extensions present (vexpress-a15: yes, the CPU boots Secure). */
  securityExtensions: boolean;
  /** Virtualization Extensions as QEMU 7.2's GIC has them (vexpress-a15: yes): their state is kept for snapshots. */
  virtExtensions?: boolean;
}

export interface BootPlacement {
  /** Where RAM starts and the boot stub goes (QEMU loader_start). */
  loaderStart: number;
  /** r1 for Linux (the ARM machine number; virt: 0xffffffff). */
  boardId: number;
  /** Secondary CPUs wait in a holding pen here (vexpress: SRAM) until the boot register is set. */
  smpPen?: { penBase: number; bootReg: number; gicCpuIf: number };
  /** Generic timer interrupt IDs (PPIs): secure phys, non-secure phys, virtual, hyp. */
  timerPpis: { sec: number; phys: number; virt: number; hyp: number };
  /** Interrupt ID (PPI) of each CPU's PMU overflow request; absent: not wired. */
  pmuPpi?: number;
}

/** A value of a machine property: booleans parsed from on/off (QEMU's forms), strings as given. */
export type MachinePropValue = boolean | string;
/** Properties of `-M NAME,PROP=VALUE,...` by name, after parsing (machines/machine-props.ts). */
export type MachineProps = Readonly<Record<string, MachinePropValue>>;

/** One property of `-M NAME,PROP=VALUE`: QEMU 7.2's name and meaning, and what armlet implements. */
export interface MachinePropDef {
  name: string;
  /** QEMU's type: bool (on/off, yes/no, true/false, y/n) or a string. */
  type: "bool" | "string";
  /** QEMU 7.2's description, as `-M NAME,help` prints it. */
  help: string;
  /** What armlet does with it, appended to the help line. */
  note?: string;
  /** The value armlet uses when the property is not given. */
  default?: MachinePropValue;
  /** A string property's valid values (QEMU's list); anything else is invalid. */
  values?: readonly string[];
  /** The values armlet implements (absent: every valid value); the others are refused. */
  supported?: readonly MachinePropValue[];
  /** Why the other values are refused: "is not supported yet (armlet models GICv2 only)". */
  unsupported?: string;
}

/** How QEMU 7.2 names the machine in a migration stream. */
export interface MigrationNames {
  /** The versioned machine type in the configuration record (virt-7.2, vexpress-a15). */
  machineType: string;
  /** Target page bits (virt 12, vexpress-a15 10: its RAM pages in the stream are 1 KiB). */
  pageBits: number;
  /** QEMU's RAM block name for main memory (mach-virt.ram, vexpress.highmem). */
  ramBlock: string;
  /** RAM block name of flash bank 0 when it holds --bios firmware (virt.flash0). */
  flash0Block?: string;
  /** The RAM blocks build() adds besides main memory (vexpress-a15's SRAMs and VRAM). */
  otherRamBlocks?: readonly string[];
}

export interface BoardDef {
  info: BoardInfo;
  /** Names in QEMU's migration stream (absent: a test board; snapshots call it "armlet-test"). */
  migration?: MigrationNames;
  /** The properties `-M NAME,PROP=VALUE` accepts (absent: none), in the order help lists them. */
  props?: readonly MachinePropDef[];
  /** `self` (this board, or a copy a test adjusted) as the properties make it (absent: unchanged). */
  withProps?(props: MachineProps, self: BoardDef): BoardDef;
  /** PERIPHBASE the CPU reports in CBAR (QEMU's reset-cbar: virt 0x08000000, vexpress-a15 0x2c000000). */
  periphBase?: number;
  gic?: GicPlacement;
  boot: BootPlacement;
  /** Flash where --bios firmware goes (backed by RAM; the CPUs start at its base). */
  flash?: { base: number; size: number };
  /** The board's own device tree (virt), used when no --dtb is given: the loader fills /chosen and
   *  /memory, then calls modifyDtb, and writes the blob with totalsize dtbPadTo. */
  linuxDtb?(p: { numCpus: number; ramBytes: number }): Pick<LoadLinuxOptions, "dtb" | "modifyDtb" | "dtbPadTo">;
  /**
   * PSCI as QEMU's built-in firmware on this conduit (virt: "hvc"): HVC/SMC calls are serviced
   * by machines/psci, and the secondary CPUs start powered off. Absent: no PSCI (UNDEFINED).
   */
  psci?: "hvc" | "smc";
  /**
   * The CPU ignores failed bus transactions: an access to an unassigned address reads zero and
   * drops writes instead of taking an external abort (QEMU's ignore_memory_transaction_failures,
   * set for boards older than that behaviour: vexpress-a15 yes, virt no). Table walks abort anyway.
   */
  ignoreMemoryTransactionFailures?: boolean;
  /** Regions QEMU maps but armlet does not model: they answer with a fill instead of aborting. */
  unmodelled?: readonly UnmodelledRegion[];
  /**
   * --drive disks go on the board's virtio-mmio transports (virt). Absent: --drive is refused,
   * as on vexpress-a15, whose transports armlet leaves idle (QEMU 7.2 itself refuses -drive
   * if=virtio there: it means virtio-blk-pci, and the board has no PCI bus).
   */
  virtioDrives?: boolean;
  /** virtio-mmio transports that take devices (ctx.virtio); absent: the board refuses virtio devices. */
  virtioTransports?: number;
  /** Create the board's devices and map them on ctx.bus. */
  build(ctx: BoardContext): void;
}

export type { MmioDevice };
