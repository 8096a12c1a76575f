// The virt board (QEMU 7.2 -M virt -cpu cortex-a15): its memory map and devices on the bus,
// the PL061 GPIO and the power button, raw images through the Linux loader (stub + generated
// DTB), and --bios (firmware in flash at 0, the DTB at the start of RAM, secondaries off).
import { describe, it, expect } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { Pl061, GpioKey } from "../../../machines/devices/pl061.js";
import { virtMap } from "../../../machines/boards/virt.js";
import { parseFdt, findNode, getStrings } from "../../../machines/boot/fdt.js";
import { PowerState } from "../../../machines/psci/psci.js";

const words = (ws: number[]) => { const b = Buffer.alloc(ws.length * 4); ws.forEach((w, i) => b.writeUInt32LE(w >>> 0, 4 * i)); return new Uint8Array(b); };
const LOOP = 0xeafffffe; // b .

/** Bytes of guest physical memory (MMU off: virtual = physical). */
function peek(m: Machine, pa: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  const mem = new Uint8Array(m.core.memory.buffer);
  for (let i = 0; i < len; i++) out[i] = mem[m.core.virtToHost((pa + i) >>> 0) >>> 0];
  return out;
}
const be32 = (b: Uint8Array, o = 0) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

describe("PL061 GPIO", () => {
  function gpio() {
    const irq = { level: false, set(l: boolean) { this.level = l; } };
    return { g: new Pl061(irq), irq };
  }

  it("answers its PrimeCell IDs and masks GPIODATA by address bits [9:2]", () => {
    const { g } = gpio();
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => g.read(o))).toEqual([0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
    g.write(0x400, 4, 0x0f, 0); // lines 0..3 outputs
    g.write(0x3fc, 4, 0xff, 0); // all-lines window: only outputs change
    expect(g.read(0x3fc)).toBe(0x0f);
    g.write(0x004, 4, 0x00, 0); // window of line 0 only: clears it
    expect(g.read(0x3fc)).toBe(0x0e);
    expect(g.read(0x3fc & ~(1 << 5))).toBe(0x06); // line 3's address bit clear: reads without it
    expect(g.read(0x20)).toBe(0x08); // window of line 3
  });

  it("edge interrupts: rising only by default, both edges with IBE; GPIOIC clears, GPIOIE masks", () => {
    const { g, irq } = gpio();
    g.write(0x410, 4, 0x08, 0); // IE line 3
    g.write(0x40c, 4, 0x08, 0); // IEV: rising
    g.setInput(3, true);
    expect(g.read(0x414)).toBe(0x08);
    expect(irq.level).toBe(true);
    g.write(0x41c, 4, 0x08, 0);
    expect(irq.level).toBe(false);
    g.setInput(3, false); // falling edge: not selected
    expect(g.read(0x414)).toBe(0);
    g.write(0x408, 4, 0x08, 0); // IBE: both edges
    g.setInput(3, true);
    g.write(0x41c, 4, 0x08, 0);
    g.setInput(3, false);
    expect(g.read(0x418)).toBe(0x08);
    g.write(0x410, 4, 0, 0);
    expect(g.read(0x418)).toBe(0);
    expect(g.read(0x414)).toBe(0x08);
    expect(irq.level).toBe(false);
  });

  it("level interrupts follow the line while it matches IEV", () => {
    const { g, irq } = gpio();
    g.write(0x404, 4, 0x04, 0); // IS line 2: level
    g.write(0x40c, 4, 0x04, 0); // high
    g.write(0x410, 4, 0x04, 0);
    g.setInput(2, true);
    expect(irq.level).toBe(true);
    g.write(0x41c, 4, 0x04, 0); // clearing a level source does not stick
    expect(irq.level).toBe(true);
    g.setInput(2, false);
    expect(irq.level).toBe(false);
  });

  it("the gpio-key pulses its line for 100 ms of guest time", () => {
    let now = 5_000;
    const levels: boolean[] = [];
    const key = new GpioKey({ nowNs: () => now }, (l) => levels.push(l));
    key.press();
    expect(levels).toEqual([true]);
    expect(key.nextEventNs()).toBe(5_000 + 100_000_000);
    now += 99_999_999; key.advanceTo(now);
    expect(levels).toEqual([true]);
    now += 1; key.advanceTo(now);
    expect(levels).toEqual([true, false]);
    expect(key.nextEventNs()).toBeNull();
  });
});

describe("virt board", () => {
  const rawLoop = () => words([LOOP]);

  it("maps QEMU's devices: GIC with 288 IRQs, PL011, PL031, PL061, 32 legacy virtio-mmio transports", () => {
    const m = new Machine({ machine: "virt", kernel: rawLoop(), maxInsns: 10 });
    const rd = (pa: number) => m.bus.read(pa, 0, 4);
    expect(rd(virtMap.gicDist.base + 4) & 0x1f).toBe(288 / 32 - 1); // GICD_TYPER.ITLinesNumber
    expect((rd(virtMap.gicDist.base + 4) >> 10) & 1).toBe(0); // no Security Extensions
    expect(rd(virtMap.uart.base + 0xfe0)).toBe(0x11); // PL011
    expect(rd(virtMap.rtc.base + 0xfe0)).toBe(0x31); // PL031
    expect(rd(virtMap.gpio.base + 0xfe0)).toBe(0x61); // PL061
    for (const i of [0, 31]) {
      const base = virtMap.virtioMmio.base + i * 0x200;
      expect([rd(base), rd(base + 4), rd(base + 8), rd(base + 0xc)]).toEqual([0x74726976, 1, 0, 0x554d4551]);
    }
    expect(rd(0x0a00_4000)).toBe(0); // past the last transport: unassigned
    m.dispose();
  });

  it("a raw image goes through the Linux loader: stub at RAM, r1 = 0xffffffff, r2 = the generated DTB", async () => {
    const m = new Machine({ machine: "virt", kernel: rawLoop(), memory: "64M", maxInsns: 50, append: "hello=1" });
    await m.run();
    expect(m.core.getReg(15) >>> 0).toBe(0x4001_0000);
    expect(m.core.getReg(0) >>> 0).toBe(0);
    expect(m.core.getReg(1) >>> 0).toBe(0xffffffff);
    const dtbAddr = m.core.getReg(2) >>> 0;
    const head = peek(m, dtbAddr, 8);
    expect(be32(head)).toBe(0xd00dfeed);
    const fdt = parseFdt(peek(m, dtbAddr, be32(head, 4)));
    expect(getStrings(fdt.root, "compatible")).toEqual(["linux,dummy-virt"]);
    expect(getStrings(findNode(fdt, "/chosen")!, "bootargs")).toEqual(["hello=1"]);
    expect(getStrings(findNode(fdt, "/psci")!, "method")).toEqual(["hvc"]);
    m.dispose();
  });

  it("the power button (system_powerdown) pulses PL061 line 3 into GIC SPI 7 (ID 39)", async () => {
    const m = new Machine({ machine: "virt", kernel: rawLoop(), maxInsns: 10, nsPerInsn: 1 });
    const gpio = virtMap.gpio.base, ispendr1 = virtMap.gicDist.base + 0x204;
    m.bus.write(gpio + 0x408, 0, 4, 0x08); // both edges
    m.bus.write(gpio + 0x410, 0, 4, 0x08); // unmask line 3
    expect(m.bus.read(ispendr1, 0, 4) & (1 << 7)).toBe(0);
    expect(m.powerButton()).toBe(true);
    expect(m.bus.read(gpio + 0x3fc, 0, 4)).toBe(0); // pressed at the run's next step (a deterministic point)
    await m.run(); // 10 ns: the key is down and still held
    expect(m.bus.read(gpio + 0x3fc, 0, 4)).toBe(0x08);
    expect(m.bus.read(gpio + 0x418, 0, 4)).toBe(0x08);
    expect(m.bus.read(ispendr1, 0, 4) & (1 << 7)).not.toBe(0);
    m.dispose();
  });

  it("vexpress-a15 has no power button", () => {
    const m = new Machine({ machine: "vexpress-a15", kernel: rawLoop(), maxInsns: 10 });
    expect(m.powerButton()).toBe(false);
    m.dispose();
  });

  it("--bios: firmware runs from flash at 0 with the board's DTB at the start of RAM; secondaries start off", async () => {
    // ldr r0, [r1] with r1 = 0x40000000 (mov r1, #0x40000000), then b .
    const fw = words([0xe3a01101, 0xe5910000, LOOP]);
    const m = new Machine({ machine: "virt", bios: fw, smp: 2, memory: "64M", maxInsns: 20, append: "fw=1" });
    await m.run();
    m.cpus.switchTo(0);
    expect(m.core.getReg(15) >>> 0).toBe(8);
    expect(m.core.getReg(0) >>> 0).toBe(0xedfe0dd0); // FDT magic, read little-endian
    expect(m.cpus.powerState(1)).toBe(PowerState.Off);
    const head = peek(m, 0x4000_0000, 8);
    const fdt = parseFdt(peek(m, 0x4000_0000, be32(head, 4)));
    expect(getStrings(findNode(fdt, "/chosen")!, "bootargs")).toEqual(["fw=1"]);
    expect(findNode(fdt, "/memory@40000000")).toBeDefined();
    m.dispose();
  });

  it("--bios rejects a kernel (no fw_cfg) and boards without flash", () => {
    const fw = words([LOOP]);
    expect(() => new Machine({ machine: "virt", bios: fw, kernel: fw })).toThrow(/fw_cfg/);
    expect(() => new Machine({ machine: "vexpress-a15", bios: fw })).toThrow(/no flash/);
  });

  it("without --bios the flash reads zeros, as QEMU's empty flash: code at 0 runs as ANDEQ no-ops", async () => {
    // QEMU's boot stub (4 instructions), then bx r3 with r3 = 0 (mov r3, #0), then 94 zero words
    const m = new Machine({ machine: "virt", kernel: words([0xe3a03000, 0xe12fff13]), maxInsns: 100 });
    const r = await m.run();
    expect(r.reason).toBe("insn-limit");
    expect(m.core.getReg(15) >>> 0).toBe(4 * 94);
    m.dispose();
  });
});
