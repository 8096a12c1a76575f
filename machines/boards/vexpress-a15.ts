// QEMU 7.2's vexpress-a15 (V2P-CA15 daughterboard on the "A-series" motherboard map), as data:
// hw/arm/vexpress.c and ../shared/spec/machines.md §1. IRQ numbers are GIC input lines k
// (interrupt ID 32 + k). Like QEMU's (ignore_memory_transaction_failures), this board's CPUs
// take no external abort for an unassigned address: it reads zero and writes are dropped
// (logged once by the bus); only a table walk there aborts. The AMBA devices Linux probes by
// PrimeCell ID answer their IDs like QEMU's models and the virtio-mmio transports answer like
// QEMU's idle ones (no backend), so drivers see the same devices as under QEMU.
//
// NOR flash (0x0000_0000 alias, 0x0800_0000 flash0, 0x0c00_0000 flash1): QEMU has CFI01 flash
// there; armlet maps it as an unmodelled region reading zeros (no -bios/pflash support, as
// QEMU's flash with no image reads): a CFI probe finds no chip, which Linux reports quietly
// (the armmp kernel has physmap as a module anyway).
import type { BoardContext, BoardDef, MachinePropDef } from "./board.js";
import type { BoardInfo } from "./virt.js";
import type { MmioDevice } from "../devices/device.js";
import { Pl011 } from "../devices/pl011.js";
import { Pl031 } from "../devices/pl031.js";
import { Sp804 } from "../devices/sp804.js";
import { VexpressSysreg } from "../devices/vexpress-sysreg.js";

export const vexpressA15Map = {
  flashAlias: { base: 0x0000_0000, size: 0x0400_0000 },
  flash0: { base: 0x0800_0000, size: 0x0400_0000 },
  flash1: { base: 0x0c00_0000, size: 0x0400_0000 },
  sram: { base: 0x1400_0000, size: 0x0200_0000 },
  vram: { base: 0x1800_0000, size: 0x0080_0000 },
  sysregs: { base: 0x1c01_0000, size: 0x1000 },
  // 0x1c02_0000 SP810 system controller: not modelled by QEMU either (unassigned)
  aaci: { base: 0x1c04_0000, size: 0x1000, irq: 11, ids: [0x41, 0x10, 0x04, 0x29] },
  mmci: { base: 0x1c05_0000, size: 0x1000, irq: 9, ids: [0x81, 0x11, 0x04, 0x00] },
  kmi0: { base: 0x1c06_0000, size: 0x1000, irq: 12, ids: [0x50, 0x10, 0x04, 0x00] },
  kmi1: { base: 0x1c07_0000, size: 0x1000, irq: 13, ids: [0x50, 0x10, 0x04, 0x00] },
  uart: { base: 0x1c09_0000, size: 0x1000, stride: 0x1_0000, count: 4, irq: 5 },
  timer01: { base: 0x1c11_0000, size: 0x1000, irq: 2 },
  timer23: { base: 0x1c12_0000, size: 0x1000, irq: 3 },
  virtio: { base: 0x1c13_0000, size: 0x200, count: 4, irq: 40 },
  rtc: { base: 0x1c17_0000, size: 0x1000, irq: 4 },
  clcd: { base: 0x1c1f_0000, size: 0x1000, irq: 14, ids: [0x11, 0x11, 0x24, 0x00] },
  privateRegion: { base: 0x2c00_0000, size: 0x8000 },
  gicDist: { base: 0x2c00_1000 },
  gicCpu: { base: 0x2c00_2000 },
  a15sram: { base: 0x2e00_0000, size: 0x1_0000 },
  ram: { base: 0x8000_0000 },
} as const;

export const vexpressA15Board: BoardInfo = {
  name: "vexpress-a15",
  description: "ARM Versatile Express for Cortex-A15",
  ramBase: vexpressA15Map.ram.base,
  defaultRamBytes: 128 * 2 ** 20,
  // QEMU accepts up to 30 GiB (LPAE); armlet's RAM is 32-bit addressed: 0x8000_0000..0xffff_ffff.
  maxRamBytes: 2 * 2 ** 30,
  cpus: ["cortex-a15"],
  defaultCpu: "cortex-a15",
  uartBase: vexpressA15Map.uart.base,
  maxCpus: 4,
};

/** The options the board's devices take from the machine (deterministic runs fix the RTC). */
export interface VexpressA15Options {
  /**
   * PL031 value at guest time 0 (seconds since 1970). Default: the host's wall clock, or
   * DETERMINISTIC_RTC_EPOCH when the machine's clock is virtual (same input, same output).
   */
  rtcEpochSeconds?: number;
}

/**
 * `-M vexpress-a15,PROP=VALUE` (QEMU 7.2 hw/arm/vexpress.c). QEMU's secure=on (default) gives
 * the CPU EL3 and the GIC the Security Extensions, and Linux boots in Secure SVC; secure=off
 * removes both. armlet's Cortex-A15 has no EL3 and no EL2 on either setting (its ID_PFR1 says
 * so: 0x00010001), so secure changes the GIC only, and the CPU always starts in SVC. QEMU's
 * virtualization is on by default whatever `secure` says (the help text's "defaults to same as
 * 'secure'" does not hold in 7.2: with secure=off its CPU resets into Hyp mode); armlet has no
 * EL2, so with secure=off,virtualization=off the two agree exactly (roms/tests/security.c).
 */
export const vexpressA15Props: readonly MachinePropDef[] = [
  { name: "dumpdtb", type: "string", help: "Dump current dtb to a file and quit", note: "as --dump-dtb (needs --dtb)" },
  {
    name: "secure", type: "bool", help: "Set on/off to enable/disable the ARM Security Extensions (TrustZone)",
    default: true, note: "armlet: the GIC's Security Extensions; the CPU has no EL3 either way",
  },
  {
    name: "virtualization", type: "bool",
    help: "Set on/off to enable/disable the ARM Virtualization Extensions (defaults to same as 'secure')",
    default: false, supported: [false], unsupported: "is not supported (armlet's Cortex-A15 has no EL2)",
    note: "armlet: off (QEMU 7.2 defaults to on)",
  },
];

/** RTC start for virtual-time runs: 2024-01-01T00:00:00Z. */
export const DETERMINISTIC_RTC_EPOCH = 1_704_067_200;

export function vexpressA15Def(opts: VexpressA15Options = {}): BoardDef {
  const m = vexpressA15Map;
  return {
    info: vexpressA15Board,
    props: vexpressA15Props,
    // QEMU's a15mpcore gives the GIC the Security Extensions when the CPU has EL3 (secure=on).
    withProps: (p, self) => (p.secure === false && self.gic?.version === 2 ? { ...self, gic: { ...self.gic, securityExtensions: false } } : self),
    periphBase: 0x2c00_0000, // the A15MPCore private region (QEMU vexpress: reset-cbar)
    ignoreMemoryTransactionFailures: true,
    migration: {
      machineType: "vexpress-a15", pageBits: 10, ramBlock: "vexpress.highmem",
      otherRamBlocks: ["vexpress.sram", "vexpress.vram", "vexpress.a15sram"],
    },
    unmodelled: [
      { name: "vexpress.flashalias", base: m.flashAlias.base, size: m.flashAlias.size },
      { name: "vexpress.flash0", base: m.flash0.base, size: m.flash0.size },
      { name: "vexpress.flash1", base: m.flash1.base, size: m.flash1.size },
    ],
    gic: { version: 2, distBase: m.gicDist.base, cpuBase: m.gicCpu.base, numIrqs: 160, securityExtensions: true, virtExtensions: true },
    boot: {
      loaderStart: m.ram.base,
      boardId: 0x8e0,
      // Secondaries wait in SRAM; Linux writes their entry to SYS_FLAGSSET (sysregs + 0x30).
      smpPen: { penBase: m.sram.base, bootReg: m.sysregs.base + 0x30, gicCpuIf: m.gicCpu.base },
      timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
      // No pmuPpi: QEMU's a15mpcore wires only the timers, the PMU's request goes nowhere.
    },
    build(ctx: BoardContext): void {
      ctx.addRam("vexpress.sram", m.sram.base, m.sram.size);
      ctx.addRam("vexpress.vram", m.vram.base, m.vram.size);
      ctx.addRam("vexpress.a15sram", m.a15sram.base, m.a15sram.size);

      const sysreg = new VexpressSysreg({
        clock: ctx.clock, log: ctx.log,
        requestShutdown: () => ctx.requestShutdown(), requestReset: () => ctx.requestReset(),
      });
      ctx.bus.map("vexpress-sysreg", m.sysregs.base, m.sysregs.size, sysreg);
      // Migration sections in QEMU 7.2's order: realview_sysctl, pl011 ×4, (arm_timer ×2, sp804) ×2, pl031.
      ctx.snapshot.addDevice("realview_sysctl", sysreg.vmstate);

      for (const [name, d] of [["pl041", m.aaci], ["pl181", m.mmci], ["pl050_keyboard", m.kmi0],
        ["pl050_mouse", m.kmi1], ["pl111", m.clcd]] as const) {
        ctx.bus.map(name, d.base, d.size, new PrimecellIdOnly(name, d.ids, ctx.log));
      }

      for (let i = 0; i < m.uart.count; i++) {
        const uart = new Pl011(ctx.uartOut(i), ctx.spi(m.uart.irq + i));
        ctx.bus.map(`pl011.${i}`, m.uart.base + i * m.uart.stride, m.uart.size, uart);
        ctx.snapshot.addDevice("pl011", uart.vmstate);
        if (i === 0) ctx.setConsoleInput(uart);
      }

      for (const [name, d] of [["sp804.0", m.timer01], ["sp804.1", m.timer23]] as const) {
        const timer = new Sp804(ctx.clock, ctx.spi(d.irq), { log: ctx.log });
        ctx.bus.map(name, d.base, d.size, timer);
        ctx.addTimed(timer);
        for (const sec of timer.sections()) ctx.snapshot.addDevice(sec.idstr, sec.vmstate);
      }

      for (let i = 0; i < m.virtio.count; i++) {
        ctx.bus.map(`virtio-mmio.${i}`, m.virtio.base + i * m.virtio.size, m.virtio.size, new IdleVirtioMmio());
      }

      const virtualTime = (ctx.clock as { virtual?: boolean }).virtual === true;
      const epochSeconds = opts.rtcEpochSeconds ?? (virtualTime ? DETERMINISTIC_RTC_EPOCH : undefined);
      const rtc = new Pl031(ctx.clock, ctx.spi(m.rtc.irq), { epochSeconds, log: ctx.log });
      ctx.bus.map("pl031", m.rtc.base, m.rtc.size, rtc);
      ctx.addTimed(rtc);
      ctx.snapshot.addDevice("pl031", rtc.vmstate);
      ctx.snapshot.add(rtc.alarmSection());
    },
  };
}

/** The board with the RTC on the host's wall clock. */
export const vexpressA15: BoardDef = vexpressA15Def();

/**
 * A PrimeCell that is not modelled: its ID registers read as QEMU's model of it, everything
 * else reads zero and ignores writes (logged once).
 */
class PrimecellIdOnly implements MmioDevice {
  private warned = false;
  constructor(readonly kind: string, private readonly periphIds: readonly number[],
    private readonly log: (msg: string) => void) {}
  read(offset: number): number {
    if (offset >= 0xfe0 && offset <= 0xfff) {
      const i = (offset - 0xfe0) >> 2;
      return i < 4 ? this.periphIds[i] : [0x0d, 0xf0, 0x05, 0xb1][i - 4];
    }
    this.warn(offset);
    return 0;
  }
  write(offset: number): void { this.warn(offset); }
  private warn(offset: number): void {
    if (this.warned) return;
    this.warned = true;
    this.log(`${this.kind}: not modelled, access at offset 0x${offset.toString(16)} ignored`);
  }
  reset(): void {}
}

/** A virtio-mmio transport with no backend, as QEMU 7.2's (legacy, version 1, device ID 0). */
class IdleVirtioMmio implements MmioDevice {
  readonly kind = "virtio-mmio";
  read(offset: number): number {
    switch (offset) {
      case 0x000: return 0x74726976; // "virt"
      case 0x004: return 1; // legacy transport (QEMU 7.2's force-legacy default)
      case 0x00c: return 0x554d4551; // vendor "QEMU"
    }
    return 0;
  }
  write(): void {}
  reset(): void {}
}
