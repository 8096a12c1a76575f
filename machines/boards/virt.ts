// QEMU 7.2's `virt` board for ARMv7 (-M virt -cpu cortex-a15), as data: the memory map and IRQ
// numbers from hw/arm/virt.c base_memmap / a15irqmap (../shared/spec/machines.md §2). GICv2
// without the Security Extensions (the guest runs Non-secure, no EL2/EL3), PSCI through HVC
// (secondaries start powered off, no holding pen), PL011 console, PL031 RTC, PL061 GPIO with
// the power button on line 3, 32 virtio-mmio transports, flash at 0 (RAM-backed, only with
// --bios). The board writes its own device tree (virt-dtb.ts) when no --dtb is given.
// Bare-metal ELF programs (semihosting tests) are still entered directly at their entry.
import type { BoardContext, BoardDef } from "./board.js";
import { VirtioMmio, attachVirtioDevices } from "../devices/virtio-mmio.js";
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
  description: string;
  ramBase: number;
  defaultRamBytes: number;
  /** Largest RAM QEMU accepts for the board (we may cap lower). */
  maxRamBytes: number;
  cpus: readonly string[];
  defaultCpu: string;
  uartBase: number;
  /** Most CPUs the board takes (--smp); default 1. */
  maxCpus?: number;
}

export const virtBoard: BoardInfo = {
  name: "virt",
  description: "QEMU 7.2 ARM Virtual Machine (RAM at 1 GiB, GICv2, PSCI, PL011 at 0x09000000, virtio-mmio)",
  ramBase: virtMap.ram.base,
  defaultRamBytes: 128 * 2 ** 20,
  // RAM is 32-bit addressed in armlet: 0x4000_0000..0xffff_ffff.
  maxRamBytes: 3 * 2 ** 30,
  cpus: ["cortex-a15"],
  defaultCpu: "cortex-a15",
  uartBase: virtMap.uart.base,
  // GICv2: 8 CPUs at most (QEMU virt's limit with gic-version=2).
  maxCpus: 8,
};

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
    periphBase: m.gicDist.base,
    gic: { version: 2, distBase: m.gicDist.base, cpuBase: m.gicCpu.base, numIrqs: 288, securityExtensions: false },
    boot: {
      loaderStart: m.ram.base,
      boardId: 0xffffffff,
      timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
    },
    psci: "hvc",
    flash: { base: m.flash.base, size: m.flash.size },
    unmodelled: VIRT_UNMODELLED,
    linuxDtb: ({ numCpus, ramBytes }) => virtLinuxDtb({ numCpus, ramBytes }),
    build(ctx: BoardContext): void {
      const uart = new Pl011(ctx.uartOut(0), ctx.spi(m.uart.spi));
      ctx.bus.map("pl011", m.uart.base, m.uart.size, uart);
      ctx.setConsoleInput(uart);

      const virtualTime = (ctx.clock as { virtual?: boolean }).virtual === true;
      const epochSeconds = opts.rtcEpochSeconds ?? (virtualTime ? DETERMINISTIC_RTC_EPOCH : undefined);
      const rtc = new Pl031(ctx.clock, ctx.spi(m.rtc.spi), { epochSeconds, log: ctx.log });
      ctx.bus.map("pl031", m.rtc.base, m.rtc.size, rtc);
      ctx.addTimed(rtc);

      const gpio = new Pl061(ctx.spi(m.gpio.spi), ctx.log);
      ctx.bus.map("pl061", m.gpio.base, m.gpio.size, gpio);
      const key = new GpioKey(ctx.clock, (level) => gpio.setInput(VIRT_POWER_BUTTON_PIN, level));
      ctx.addTimed(key);
      ctx.setPowerdownHandler?.(() => key.press());

      const transports: VirtioMmio[] = [];
      for (let i = 0; i < m.virtioMmio.count; i++) {
        const t = new VirtioMmio(ctx.spi(m.virtioMmio.spi + i), { legacy: ctx.virtio?.legacy ?? true, log: ctx.log });
        ctx.bus.map(`virtio-mmio.${i}`, m.virtioMmio.base + i * m.virtioMmio.size, m.virtioMmio.size, t);
        transports.push(t);
      }
      const devices = ctx.virtio?.devices ?? [];
      if (devices.length > 0) {
        if (!ctx.guestRam) throw new Error("virt: virtio devices need the machine's guest RAM");
        attachVirtioDevices(transports, devices, ctx.guestRam);
      }
    },
  };
}

/** The board with the RTC on the host's wall clock (or the fixed epoch in virtual time). */
export const virtDef: BoardDef = virtDefWith();
