import { describe, it, expect } from "vitest";
import { Pl011, PL011_REGS } from "../../../machines/devices/pl011.js";

function make() {
  const out: number[] = [];
  const irq: boolean[] = [];
  const u = new Pl011((b) => out.push(b), { set: (l) => irq.push(l) });
  return { u, out, irq };
}

describe("PL011", () => {
  it("every register reads its reset value (driven by the register table)", () => {
    const { u } = make();
    for (const r of PL011_REGS) {
      if (r.access === "wo" || r.name === "DR") continue;
      expect(u.read(r.offset, 4), r.name).toBe(r.reset ?? 0);
    }
  });

  it("identifies as a PL011 (PeriphID 0x00141011, PrimeCell id)", () => {
    const { u } = make();
    const id = [0xfe0, 0xfe4, 0xfe8, 0xfec].map((o, i) => u.read(o, 4) << (8 * i)).reduce((a, b) => a | b);
    expect(id >>> 0).toBe(0x00141011);
    expect([0xff0, 0xff4, 0xff8, 0xffc].map((o) => u.read(o, 4))).toEqual([0x0d, 0xf0, 0x05, 0xb1]);
  });

  it("read-only registers ignore writes; rw registers keep only their mask", () => {
    const { u } = make();
    for (const r of PL011_REGS) {
      if (r.access !== "ro") continue;
      const before = u.read(r.offset, 4);
      u.write(r.offset, 4, 0xffffffff);
      expect(u.read(r.offset, 4), r.name).toBe(before);
    }
    u.write(0x024, 4, 0xffffffff);
    expect(u.read(0x024, 4)).toBe(0xffff);
    u.write(0x028, 4, 0xffffffff);
    expect(u.read(0x028, 4)).toBe(0x3f);
  });

  it("transmits DR writes and raises TX interrupt only when unmasked, ICR clears it", () => {
    const { u, out, irq } = make();
    u.write(0, 1, 0x41);
    expect(out).toEqual([0x41]);
    expect(u.read(0x03c, 4) & 0x20).toBe(0x20);
    expect(u.read(0x040, 4)).toBe(0);
    expect(irq.at(-1)).toBe(false);
    u.write(0x038, 4, 0x20);
    expect(irq.at(-1)).toBe(true);
    expect(u.read(0x040, 4)).toBe(0x20);
    u.write(0x044, 4, 0x20);
    expect(irq.at(-1)).toBe(false);
  });

  it("receives into a FIFO: FR.RXFE, DR pops, RX interrupt", () => {
    const { u, irq } = make();
    u.write(0x038, 4, 0x10);
    u.receive([0x61, 0x62]);
    expect(u.read(0x018, 4) & 0x10).toBe(0);
    expect(irq.at(-1)).toBe(true);
    expect(u.read(0, 4)).toBe(0x61);
    expect(u.read(0, 4)).toBe(0x62);
    expect(u.read(0x018, 4) & 0x10).toBe(0x10);
    expect(irq.at(-1)).toBe(false);
  });
});
