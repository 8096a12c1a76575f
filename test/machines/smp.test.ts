// The multi-CPU machine on a fake board (RAM, GICv2, a test device): SGIs between two CPUs,
// WFI skipping ahead to the generic timer and to a timed device, deterministic SMP runs,
// power off and reset. The programs are test/machines/programs/smp-tests.S, assembled
// (arm-none-eabi-as -march=armv7-a; objcopy -O binary) into the words below.
import { describe, it, expect } from "vitest";
import { Machine, type MachineOptions, type RunResult } from "../../machines/machine.js";
import type { BoardContext, BoardDef } from "../../machines/boards/board.js";
import type { IrqLine, MmioDevice, TimedDevice, Clock } from "../../machines/devices/device.js";
import { writeElf32 } from "../../machines/elf-writer.js";

const WORDS = [
  0xee100fb0, 0xe2000003, 0xe3a04302, 0xe59f51fc, 0xe59f61fc, 0xe3a0740a, 0xe3a01001, 0xe5851000,
  0xe3a010ff, 0xe5851004, 0xe3500000, 0x1a00000d, 0xe5841000, 0xe5961000, 0xe3510000, 0x0afffffc,
  0xe59f11d0, 0xe5841f00, 0xe5961008, 0xe3510000, 0x0afffffc, 0xe5961004, 0xeb000060, 0xe3a01001,
  0xe5871004, 0xeafffffe, 0xe3500001, 0x1a00000d, 0xe59f11a4, 0xe5841100, 0xe3a01001, 0xe5861000,
  0xe320f003, 0xe595100c, 0xe59f2190, 0xe0013002, 0xe1530002, 0x0afffff9, 0xe5861004, 0xe5851010,
  0xe3a01001, 0xe5861008, 0xe320f003, 0xeafffffd, 0xe3a04302, 0xe59f5154, 0xe3a0740a, 0xe3a01001,
  0xe5841000, 0xe5851000, 0xe3a010ff, 0xe5851004, 0xe3a01101, 0xe5841100, 0xec598f0e, 0xe59f1140,
  0xee0e1f12, 0xe3a01001, 0xee0e1f32, 0xe320f003, 0xe595100c, 0xe59f2124, 0xe0013002, 0xe1530002,
  0x0afffff9, 0xe1a0a001, 0xe3a01000, 0xee0e1f32, 0xe585a010, 0xec521f0e, 0xe041b008, 0xe1a0100a,
  0xeb00002e, 0xe1a0100b, 0xeb00002c, 0xe3a01001, 0xe5871004, 0xeafffffe, 0xe3a04302, 0xe59f50cc,
  0xe3a0740a, 0xe3a01001, 0xe5841000, 0xe5851000, 0xe3a010ff, 0xe5851004, 0xe3a01001, 0xe5841104,
  0xe5841820, 0xe5978018, 0xe59f10b8, 0xe5871010, 0xe320f003, 0xe595100c, 0xe59f20a0, 0xe0013002,
  0xe1530002, 0x0afffff9, 0xe1a0a001, 0xe5871014, 0xe585a010, 0xe5971018, 0xe041b008, 0xe1a0100a,
  0xeb00000e, 0xe1a0100b, 0xeb00000c, 0xe3a01001, 0xe5871004, 0xeafffffe, 0xe3a0740a, 0xe597100c,
  0xe3510000, 0x03a01041, 0x13a01042, 0xe5871000, 0x03a01001, 0x05871008, 0x15871004, 0xeafffffe,
  0xe3a0201c, 0xe1a03231, 0xe203300f, 0xe353000a, 0xb2833030, 0xa2833057, 0xe5873000, 0xe2522004,
  0xaafffff7, 0xe3a0300a, 0xe5873000, 0xe12fff1e, 0x08010000, 0x40001000, 0x00020005, 0x0000ffff,
  0x000003ff, 0x03b9aca0, 0x0007a120,
];
/** Entry offsets of the programs in WORDS (arm-none-eabi-nm). */
const ENTRY = { sgi: 0x000, gtimer: 0x0b0, devtimer: 0x138, reset: 0x1b8 } as const;
const RAM = 0x4000_0000;

/** The test device: console, power, reset count, a one-shot timer on SPI 0, time in us. */
class TestDevice implements MmioDevice, TimedDevice {
  readonly kind = "testdev";
  resets = 0;
  private due: number | null = null;
  constructor(private readonly ctx: BoardContext, private readonly irq: IrqLine, private readonly clock: Clock) {}
  read(off: number): number {
    if (off === 0x0c) return this.resets;
    if (off === 0x18) return Math.floor(this.clock.nowNs() / 1000) >>> 0;
    return 0;
  }
  write(off: number, _size: number, v: number): void {
    switch (off) {
      case 0x00: this.ctx.uartOut(0)(v & 0xff); break;
      case 0x04: this.ctx.requestShutdown(); break;
      case 0x08: this.ctx.requestReset(); break;
      case 0x10: this.due = this.clock.nowNs() + v * 1000; break;
      case 0x14: this.irq.set(false); break;
    }
  }
  nextEventNs(): number | null { return this.due; }
  advanceTo(now: number): void {
    if (this.due !== null && now >= this.due) { this.due = null; this.irq.set(true); }
  }
  reset(): void { this.resets++; this.due = null; this.irq.set(false); }
  saveState(): Record<string, unknown> { return {}; }
  loadState(): void {}
}

let lastDevice: TestDevice | undefined;
const fakeBoard: BoardDef = {
  info: {
    name: "fake", description: "test board", ramBase: RAM, defaultRamBytes: 16 * 2 ** 20, maxRamBytes: 2 ** 30,
    cpus: ["cortex-a15"], defaultCpu: "cortex-a15", uartBase: 0x0a00_0000, maxCpus: 4,
  },
  gic: { version: 2, distBase: 0x0800_0000, cpuBase: 0x0801_0000, numIrqs: 64, securityExtensions: false },
  boot: { loaderStart: RAM, boardId: 0xffffffff, timerPpis: { sec: 29, phys: 30, virt: 27, hyp: 26 } },
  build(ctx) {
    const dev = lastDevice = new TestDevice(ctx, ctx.spi(0), ctx.clock);
    ctx.bus.map("testdev", 0x0a00_0000, 0x1000, dev);
    ctx.addTimed(dev);
  },
};

function image(entry: number): Uint8Array {
  const code = new Uint8Array(Uint32Array.from(WORDS).buffer);
  return writeElf32(RAM + entry, [{ addr: RAM, data: code, memsz: 0x2000 }]);
}

async function run(entry: number, opts: Partial<MachineOptions> = {}): Promise<RunResult & { console: string }> {
  let out = "";
  // Virtual time races through idle periods unless a test asks for sleep=on.
  const m = new Machine({ board: fakeBoard, kernel: image(entry), timeoutSec: 20, icountSleep: false,
    onConsole: (b) => { out += Buffer.from(b).toString("latin1"); }, ...opts });
  try {
    const r = await m.run();
    return { ...r, console: out };
  } finally { m.dispose(); }
}

describe("multi-CPU machine", () => {
  it("CPU 0 wakes CPU 1 with an SGI through the GIC (host time and virtual time)", async () => {
    for (const nsPerInsn of [0, 1]) {
      const r = await run(ENTRY.sgi, { smp: 2, nsPerInsn });
      expect(r.reason, r.message).toBe("poweroff");
      expect(r.exitCode).toBe(0);
      expect(r.console).toBe("00000005\n"); // SGI 5 from CPU 0 (IAR[12:10] = 0)
    }
  });

  it("with four CPUs, the SGI still goes to CPU 1 only and the others stay parked", async () => {
    const r = await run(ENTRY.sgi, { smp: 4, nsPerInsn: 1 });
    expect(r.reason, r.message).toBe("poweroff");
    expect(r.console).toBe("00000005\n");
  });

  it("virtual time is deterministic with two CPUs: same console, same instruction count", async () => {
    const a = await run(ENTRY.sgi, { smp: 2, nsPerInsn: 4, sliceInsns: 1000 });
    const b = await run(ENTRY.sgi, { smp: 2, nsPerInsn: 4, sliceInsns: 1000 });
    expect(a.reason).toBe("poweroff");
    expect(b.instructions).toBe(a.instructions);
    expect(b.console).toBe(a.console);
    expect(a.instructions).toBeGreaterThan(0);
  });

  it("WFI with the generic timer armed skips ahead to its deadline (virtual time)", async () => {
    const t0 = Date.now();
    const r = await run(ENTRY.gtimer, { nsPerInsn: 1 });
    expect(r.reason, r.message).toBe("poweroff");
    const [iar, ticks] = r.console.trim().split("\n").map((h) => parseInt(h, 16));
    expect(iar).toBe(30); // the non-secure physical timer's PPI
    expect(ticks).toBeGreaterThanOrEqual(62_500_000); // 1 s of the 62.5 MHz counter...
    expect(ticks).toBeLessThan(62_500_000 + 100); // ...and hardly more: time jumped to the deadline
    expect(r.instructions).toBeLessThan(1000);
    expect(Date.now() - t0).toBeLessThan(5000);
    const again = await run(ENTRY.gtimer, { nsPerInsn: 1 });
    expect(again.console).toBe(r.console);
  });

  it("virtual time with sleep=on: the CPU sleeps through the wait in host time, and the guest sees the same as with sleep=off", async () => {
    const off = await run(ENTRY.gtimer, { nsPerInsn: 1 });
    const t0 = Date.now();
    const on = await run(ENTRY.gtimer, { nsPerInsn: 1, icountSleep: true });
    expect(on.reason, on.message).toBe("poweroff");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // 1 s of guest time waited for, not skipped
    expect(on.console).toBe(off.console); // the deadline is still met exactly: same ticks
    expect(on.instructions).toBe(off.instructions);
  });

  it("WFI with the generic timer armed sleeps in host time, then the PPI wakes the CPU", async () => {
    const t0 = Date.now();
    const r = await run(ENTRY.gtimer, {});
    const elapsed = Date.now() - t0;
    expect(r.reason, r.message).toBe("poweroff");
    const [iar, ticks] = r.console.trim().split("\n").map((h) => parseInt(h, 16));
    expect(iar).toBe(30);
    expect(ticks).toBeGreaterThanOrEqual(62_500_000);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(r.instructions).toBeLessThan(1000); // slept, did not spin
  });

  it("WFI skips ahead to a timed device's event, whose SPI wakes the CPU", async () => {
    const r = await run(ENTRY.devtimer, { nsPerInsn: 2 });
    expect(r.reason, r.message).toBe("poweroff");
    const [iar, us] = r.console.trim().split("\n").map((h) => parseInt(h, 16));
    expect(iar).toBe(32);
    expect(us).toBeGreaterThanOrEqual(500_000);
    expect(us).toBeLessThan(500_010);
  });

  it("a reset request resets the board and boots again; --no-reboot ends the run instead", async () => {
    const r = await run(ENTRY.reset, { smp: 2, nsPerInsn: 1 });
    expect(r.reason, r.message).toBe("poweroff");
    expect(r.console).toBe("AB");
    expect(lastDevice!.resets).toBe(1);
    const n = await run(ENTRY.reset, { nsPerInsn: 1, noReboot: true });
    expect(n.reason).toBe("reboot");
    expect(n.exitCode).toBe(0);
    expect(n.console).toBe("A");
  });

  it("rejects a CPU count above the board's maximum", () => {
    expect(() => new Machine({ board: fakeBoard, kernel: image(0), smp: 5 })).toThrow(/1\.\.4/);
    expect(() => new Machine({ machine: "virt", kernel: image(0), smp: 9 })).toThrow(/1\.\.8/);
  });
});
