// QEMU 7.2's `virt` board for ARMv7 (-M virt -cpu cortex-a15), as data: the memory map and IRQ
// numbers from hw/arm/virt.c base_memmap / a15irqmap (../shared/spec/machines.md §2). GICv2
// without the Security Extensions (the guest runs Non-secure, no EL2/EL3), PSCI through HVC
// (secondaries start powered off, no holding pen), PL011 console, PL031 RTC, PL061 GPIO with
// the power button on line 3, 32 virtio-mmio transports, flash at 0 (RAM-backed, only with
// --bios). The board writes its own device tree (virt-dtb.ts) when no --dtb is given.
// Bare-metal ELF programs (semihosting tests) are still entered directly at their entry.
import type { BoardContext, BoardDef, MachinePropDef } from "./board.js";
import { VirtioMmio, attachVirtioDevices } from "../devices/virtio-mmio.js";
import { registerVirtioSections } from "../devices/virtio/sections.js";
import { Pl011 } from "../devices/pl011.js";
import { Pl031 } from "../devices/pl031.js";
import { GpioKey, Pl061 } from "../devices/pl061.js";
import { virtLinuxDtb } from "./virt-dtb.js";
import type { UnmodelledRegion } from "../devices/unmodelled.js";

export const virtMap = {
  flash: { base: 0x0000_0000, size: 0x0800_0000 },
  gicDist: { base: 0x0800_0000, size: 0x0001_0000 },
  gicCpu: { base: 0x0801_0000, size: 0x0001_0000 },
  uart: { base: 0x0900_0000, size: 0x0000_1000, spi: 1 },
  rtc: { base: 0x0901_0000, size: 0x0000_1000, spi: 2 },
  fwCfg: { base: 0x0902_0000, size: 0x0000_0018 },
  gpio: { base: 0x0903_0000, size: 0x0000_1000, spi: 7 },
  virtioMmio: { base: 0x0a00_0000, size: 0x0000_0200, count: 32, spi: 16 },
  gicV2m: { base: 0x0802_0000, size: 0x0000_1000 },
  pcieMmio: { base: 0x1000_0000, size: 0x2eff_0000 },
  pciePio: { base: 0x3eff_0000, size: 0x0001_0000 },
  ram: { base: 0x4000_0000 },
} as const;

/**
 * What QEMU 7.2's virt maps and armlet does not model. Everything else that is not a device or
 * RAM is unassigned, and the CPU takes a synchronous external abort there, as on QEMU's virt
 * (recorded by roms/probes/unassigned.c, compared in test/machines/unassigned.test.ts).
 * (The PCIe ECAM is not listed: with highmem it lies above 4 GiB, where armlet maps nothing.)
 */
export const VIRT_UNMODELLED: readonly UnmodelledRegion[] = [
  { name: "virt.flash", base: virtMap.flash.base, size: virtMap.flash.size },
  { name: "arm-gicv2m", base: virtMap.gicV2m.base, size: virtMap.gicV2m.size },
  { name: "fw_cfg", base: virtMap.fwCfg.base, size: virtMap.fwCfg.size },
  // gpex's windows read all ones where no PCI BAR is mapped (QEMU 7.2 allow-unmapped-accesses).
  { name: "gpex-mmio-window", base: virtMap.pcieMmio.base, size: virtMap.pcieMmio.size, reads: "ones" },
  { name: "gpex-ioport-window", base: virtMap.pciePio.base, size: virtMap.pciePio.size, reads: "ones" },
];

/** GPIO line of the power button (QEMU GPIO_PIN_POWER_BUTTON), Linux key code KEY_POWER. */
export const VIRT_POWER_BUTTON_PIN = 3;

export interface BoardInfo {
  name: string;
  /** QEMU 7.2's description, as `-M help` prints it. */
  description: string;
  /** QEMU 7.2's machine type, as `-M NAME,help` names it (default: "NAME-machine"). */
  qemuType?: string;
  ramBase: number;
  defaultRamBytes: number;
  /** Largest RAM QEMU accepts for the board (we may cap lower). */
  maxRamBytes: number;
  /** Why RAM stops at maxRamBytes, completing "exceeds the N MiB ..." (default: armlet's own limit). */
  maxRamWhy?: string;
  cpus: readonly string[];
  defaultCpu: string;
  uartBase: number;
  /** Most CPUs the board takes (--smp); default 1. */
  maxCpus?: number;
}

export const virtBoard: BoardInfo = {
  name: "virt",
  description: "QEMU 7.2 ARM Virtual Machine",
  qemuType: "virt-7.2-machine",
  ramBase: virtMap.ram.base,
  defaultRamBytes: 128 * 2 ** 20,
  // RAM is 32-bit addressed in armlet: 0x4000_0000..0xffff_ffff.
  maxRamBytes: 3 * 2 ** 30,
  cpus: ["cortex-a15", "cortex-a57"],
  defaultCpu: "cortex-a15",
  uartBase: virtMap.uart.base,
  // GICv2: 8 CPUs at most (QEMU virt's limit with gic-version=2).
  maxCpus: 8,
};

/**
 * `-M virt,PROP=VALUE`: the properties of QEMU 7.2's virt whose meaning armlet implements, for
 * a 32-bit CPU (the others are refused by machines/machine-props.ts). highmem=off changes only
 * the RAM limit here: QEMU moves its high PCIe ECAM and MMIO windows below 4 GiB, and armlet
 * models no PCIe (checked: QEMU's DTBs differ only in /pcie).
 */
export const virtProps: readonly MachinePropDef[] = [
  { name: "dumpdtb", type: "string", help: "Dump current dtb to a file and quit", note: "as --dump-dtb" },
  {
    name: "dtb-randomness", type: "bool", help: "Set off to disable passing random or non-deterministic dtb nodes to guest",
    default: false, supported: [false], unsupported: "is not supported (armlet writes no rng-seed or kaslr-seed: runs are reproducible)",
    note: "armlet: off",
  },
  {
    name: "gic-version", type: "string", help: "Set GIC version. Valid values are 2, 3, 4, host and max",
    default: "2", values: ["2", "3", "4", "host", "max"], supported: ["2", "3"],
    unsupported: "is not supported yet (armlet models GICv2 and GICv3)", note: "armlet: 2 or 3",
  },
  {
    name: "highmem", type: "bool", help: "Set on/off to enable/disable using physical address space above 32 bits",
    default: true, note: "armlet: RAM ends below 4 GiB either way (3 GiB at most)",
  },
  {
    name: "its", type: "bool", help: "Set on/off to enable/disable ITS instantiation",
    default: true, note: "GICv2 has no ITS: ignored, as by QEMU",
  },
  {
    name: "secure", type: "bool", help: "Set on/off to enable/disable the ARM Security Extensions (TrustZone)",
    default: false, supported: [false], unsupported: "is not supported (armlet's virt has no EL3)", note: "armlet: off",
  },
  {
    name: "virtualization", type: "bool",
    help: "Set on/off to enable/disable emulating a guest CPU which implements the ARM Virtualization Extensions",
    default: false, supported: [false], unsupported: "is not supported (armlet's Cortex-A15 has no EL2)", note: "armlet: off",
  },
];

/** RTC start for virtual-time runs: 2024-01-01T00:00:00Z (as vexpress-a15). */
const DETERMINISTIC_RTC_EPOCH = 1_704_067_200;

export interface VirtOptions {
  /** PL031 value at guest time 0 (s since 1970); default host time, or a fixed epoch with virtual time. */
  rtcEpochSeconds?: number;
}

export function virtDefWith(opts: VirtOptions = {}): BoardDef {
  const m = virtMap;
  return {
    info: virtBoard,
    props: virtProps,
    // highmem=off: QEMU refuses RAM that crosses 4 GiB ("Addressing limited to 32 bits").
    withProps: (p, self) => {
      let def = p.highmem === false
        ? { ...self, info: { ...self.info, maxRamWhy: "virt has below 4 GiB with highmem=off (RAM starts at 1 GiB)" } } : self;
      // GICv3 (gicv3 branch, minimal: the DTB and the ITS come from their own branches).
      if (p["gic-version"] === "3") {
        def = { ...def, gic: { version: 3, distBase: m.gicDist.base, redistBase: 0x080a_0000, itsBase: p.its === false ? undefined : 0x0808_0000, numIrqs: 288 } };
      }
      return def;
    },
    periphBase: m.gicDist.base,
    gic: { version: 2, distBase: m.gicDist.base, cpuBase: m.gicCpu.base, numIrqs: 288, securityExtensions: false },
    boot: {
      loaderStart: m.ram.base,
      boardId: 0xffffffff,
      timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
      pmuPpi: 23, // QEMU virt: VIRTUAL_PMU_IRQ, PPI 7
    },
    psci: "hvc",
    migration: { machineType: "virt-7.2", pageBits: 12, ramBlock: "mach-virt.ram", flash0Block: "virt.flash0" },
    virtioDrives: true,
    virtioTransports: m.virtioMmio.count,
    flash: { base: m.flash.base, size: m.flash.size },
    unmodelled: VIRT_UNMODELLED,
    linuxDtb: ({ numCpus, ramBytes }) => virtLinuxDtb({ numCpus, ramBytes }),
    build(ctx: BoardContext): void {
      const uart = new Pl011(ctx.uartOut(0), ctx.spi(m.uart.spi));
      ctx.bus.map("pl011", m.uart.base, m.uart.size, uart);
      ctx.setConsoleInput(uart);
      // Migration sections in QEMU 7.2's order: pl011, pl031, pl061, gpio-key, the virtio devices.
      ctx.snapshot.addDevice("pl011", uart.vmstate);

      const virtualTime = (ctx.clock as { virtual?: boolean }).virtual === true;
      const epochSeconds = opts.rtcEpochSeconds ?? (virtualTime ? DETERMINISTIC_RTC_EPOCH : undefined);
      const rtc = new Pl031(ctx.clock, ctx.spi(m.rtc.spi), { epochSeconds, log: ctx.log });
      ctx.bus.map("pl031", m.rtc.base, m.rtc.size, rtc);
      ctx.addTimed(rtc);
      ctx.snapshot.addDevice("pl031", rtc.vmstate);
      ctx.snapshot.add(rtc.alarmSection());

      const gpio = new Pl061(ctx.spi(m.gpio.spi), ctx.log);
      ctx.bus.map("pl061", m.gpio.base, m.gpio.size, gpio);
      const key = new GpioKey(ctx.clock, (level) => gpio.setInput(VIRT_POWER_BUTTON_PIN, level));
      ctx.addTimed(key);
      ctx.setPowerdownHandler?.(() => key.press());
      ctx.snapshot.addDevice("pl061", gpio.vmstate);
      ctx.snapshot.addDevice("gpio-key", key.vmstate);

      const transports: VirtioMmio[] = [];
      for (let i = 0; i < m.virtioMmio.count; i++) {
        const t = new VirtioMmio(ctx.spi(m.virtioMmio.spi + i), { legacy: ctx.virtio?.legacy ?? true, log: ctx.log });
        ctx.bus.map(`virtio-mmio.${i}`, m.virtioMmio.base + i * m.virtioMmio.size, m.virtioMmio.size, t);
        transports.push(t);
      }
      const devices = ctx.virtio?.devices ?? [];
      if (devices.length > 0) {
        if (!ctx.guestRam) throw new Error("virt: virtio devices need the machine's guest RAM");
        const used = attachVirtioDevices(transports, devices, ctx.guestRam);
        registerVirtioSections(ctx.snapshot, used.map((t) => ({ transport: t, base: m.virtioMmio.base + transports.indexOf(t) * m.virtioMmio.size })));
      }
    },
  };
}

/** The board with the RTC on the host's wall clock (or the fixed epoch in virtual time). */
export const virtDef: BoardDef = virtDefWith();
