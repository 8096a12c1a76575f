// QEMU's `virt` board (7.2) for ARMv7, as data: the memory map and IRQ numbers from
// hw/arm/virt.c base_memmap / a15irqmap (see ../shared/spec/machines.md). The bare-metal issue
// models RAM and the PL011; the rest of the board arrives with its own issue.
import type { BoardContext, BoardDef } from "./board.js";
import { Pl011 } from "../devices/pl011.js";

export const virtMap = {
  flash: { base: 0x0000_0000, size: 0x0800_0000 },
  gicDist: { base: 0x0800_0000, size: 0x0001_0000 },
  gicCpu: { base: 0x0801_0000, size: 0x0001_0000 },
  uart: { base: 0x0900_0000, size: 0x0000_1000, spi: 1 },
  rtc: { base: 0x0901_0000, size: 0x0000_1000, spi: 2 },
  fwCfg: { base: 0x0902_0000, size: 0x0000_0018 },
  gpio: { base: 0x0903_0000, size: 0x0000_1000, spi: 7 },
  virtioMmio: { base: 0x0a00_0000, size: 0x0000_0200, count: 32, spi: 16 },
  ram: { base: 0x4000_0000 },
} as const;

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
  description: "QEMU 7.2 ARM Virtual Machine (RAM at 1 GiB, PL011 at 0x09000000)",
  ramBase: virtMap.ram.base,
  defaultRamBytes: 128 * 2 ** 20,
  maxRamBytes: 3 * 2 ** 30,
  cpus: ["cortex-a15"],
  defaultCpu: "cortex-a15",
  uartBase: virtMap.uart.base,
  maxCpus: 1,
};

/**
 * The bare-metal virt as a BoardDef: RAM and the PL011 (UART0, the console). No GIC yet, so
 * one CPU; programs (ELF or raw at RAM + 0x10000) are entered directly, without a boot stub.
 */
export const virtDef: BoardDef = {
  info: virtBoard,
  boot: {
    loaderStart: virtMap.ram.base,
    boardId: 0xffffffff,
    timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
  },
  build(ctx: BoardContext): void {
    const uart = new Pl011(ctx.uartOut(0), ctx.spi(virtMap.uart.spi));
    ctx.bus.map("pl011", virtMap.uart.base, virtMap.uart.size, uart);
    ctx.setConsoleInput(uart);
  },
};
