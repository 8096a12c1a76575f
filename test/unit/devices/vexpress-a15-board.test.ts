import { describe, it, expect } from "vitest";
import { BOARD_DEFS, BOARDS } from "../../../machines/boards/index.js";
import { vexpressA15, vexpressA15Def, DETERMINISTIC_RTC_EPOCH } from "../../../machines/boards/vexpress-a15.js";
import { GuestClock } from "../../../machines/clock.js";
import { buildBoard } from "./helpers.js";

describe("vexpress-a15 board definition", () => {
  it("is registered next to virt", () => {
    expect(BOARD_DEFS["vexpress-a15"]).toBe(vexpressA15);
    expect(BOARD_DEFS.virt).toBeDefined();
    expect(BOARDS["vexpress-a15"].ramBase).toBe(0x80000000);
  });

  it("places the GIC and the boot protocol as QEMU's vexpress.c", () => {
    expect(vexpressA15.gic).toEqual({ version: 2, distBase: 0x2c001000, cpuBase: 0x2c002000, numIrqs: 160, securityExtensions: true, virtExtensions: true });
    expect(vexpressA15.boot).toEqual({
      loaderStart: 0x80000000, boardId: 0x8e0,
      smpPen: { penBase: 0x14000000, bootReg: 0x1c010030, gicCpuIf: 0x2c002000 },
      timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 },
    });
    expect(vexpressA15.info).toMatchObject({ defaultRamBytes: 128 * 2 ** 20, maxCpus: 4, uartBase: 0x1c090000, defaultCpu: "cortex-a15" });
  });

  it("backs SRAM, video RAM and the daughterboard SRAM with RAM", () => {
    const b = buildBoard(vexpressA15);
    expect(b.rams.map((r) => [r.base, r.size])).toEqual([[0x14000000, 32 << 20], [0x18000000, 8 << 20], [0x2e000000, 64 << 10]]);
  });

  it("maps the devices at QEMU's addresses", () => {
    const b = buildBoard(vexpressA15);
    const kinds = new Map(b.bus.devices().map((d) => [d.base, d.device.kind]));
    expect(kinds.get(0x1c010000)).toBe("realview_sysctl");
    for (const a of [0x1c090000, 0x1c0a0000, 0x1c0b0000, 0x1c0c0000]) expect(kinds.get(a)).toBe("pl011");
    expect(kinds.get(0x1c110000)).toBe("sp804");
    expect(kinds.get(0x1c120000)).toBe("sp804");
    expect(kinds.get(0x1c170000)).toBe("pl031");
    expect(kinds.get(0x1c020000)).toBeUndefined(); // SP810: not modelled by QEMU
    expect(kinds.get(0x08000000)).toBeUndefined(); // NOR flash: unassigned (reads zero)
    expect(b.r32(0x08000000)).toBe(0);
    expect(b.timed.length).toBe(3);
  });

  it("UART0 is the console (output and input); UARTs interrupt on SPIs 5..8", () => {
    const b = buildBoard(vexpressA15);
    b.w32(0x1c090000, 0x41);
    b.w32(0x1c0a0000, 0x42);
    expect(b.console).toEqual([0x41]);
    b.consoleInput!.receive([0x55]);
    expect(b.r32(0x1c090000)).toBe(0x55);
    b.w32(0x1c0b0000, 0x43);
    b.w32(0x1c0b0000 + 0x38, 0x20); // UART2 TX interrupt enabled: its TX has completed
    expect(b.spis.get(7)!.level).toBe(true);
    expect(b.spis.get(5)!.level).toBe(false);
  });

  it("the SP804s interrupt on SPIs 2 and 3, the RTC on SPI 4", () => {
    const b = buildBoard(vexpressA15Def({ rtcEpochSeconds: 1_000_000 }));
    b.w32(0x1c120000 + 0x20, 100);
    b.w32(0x1c120000 + 0x28, 0xa3); // timer 3: one-shot, IE
    b.w32(0x1c110000, 200);
    b.w32(0x1c110008, 0xe2); // timer 0: periodic, IE
    b.w32(0x1c170010, 1);
    b.w32(0x1c170004, 1_000_001);
    b.advance(100_000);
    expect([b.spis.get(2)!.level, b.spis.get(3)!.level]).toEqual([false, true]);
    b.advance(100_000);
    expect(b.spis.get(2)!.level).toBe(true);
    expect(b.spis.get(4)!.level).toBe(false);
    b.advance(1e9);
    expect(b.spis.get(4)!.level).toBe(true);
    expect(b.r32(0x1c170000)).toBe(1_000_001);
  });

  it("with a virtual (deterministic) clock the RTC starts at a fixed epoch", () => {
    const b = buildBoard(vexpressA15, new GuestClock(1));
    expect(b.r32(0x1c170000)).toBe(DETERMINISTIC_RTC_EPOCH);
    const h = buildBoard(vexpressA15, new GuestClock(0));
    expect(Math.abs(h.r32(0x1c170000) - Date.now() / 1000)).toBeLessThan(5);
  });

  it("poweroff and reboot through SYS_CFGCTRL reach the machine", () => {
    const b = buildBoard(vexpressA15);
    b.w32(0x1c0100a4, 0xc0800000);
    b.w32(0x1c0100a4, 0xc0900000);
    expect([b.shutdowns, b.resets]).toEqual([1, 1]);
  });
});
