import { describe, it, expect } from "vitest";
import { Sp804, SP804_REGS } from "../../../machines/devices/sp804.js";
import { FakeClock, IrqProbe } from "./helpers.js";

const LOAD = 0x00, VALUE = 0x04, CTRL = 0x08, INTCLR = 0x0c, RIS = 0x10, MIS = 0x14, BGLOAD = 0x18;
const EN = 0x80, PERIODIC = 0x40, IE = 0x20, ONESHOT = 0x01, B32 = 0x02, DIV16 = 0x04, DIV256 = 0x08;

function make() {
  const clock = new FakeClock();
  const irq = new IrqProbe();
  const logs: string[] = [];
  const t = new Sp804(clock, irq, { log: (m) => logs.push(m) });
  const at = (ns: number) => { clock.t = ns; t.advanceTo(ns); };
  return { clock, irq, t, logs, at, r: (o: number) => t.read(o, 4), w: (o: number, v: number) => t.write(o, 4, v) };
}

describe("SP804 registers", () => {
  it("every register reads its reset value (register table)", () => {
    const { r } = make();
    for (const d of SP804_REGS) if (d.access !== "wo") expect(r(d.offset), d.name).toBe(d.reset ?? 0);
  });

  it("identifies as an SP804 (PeriphID 0x00141804, PrimeCell id)", () => {
    const { r } = make();
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map(r)).toEqual([0x04, 0x18, 0x14, 0, 0x0d, 0xf0, 0x05, 0xb1]);
  });

  it("read-only registers ignore writes", () => {
    const { r, w } = make();
    for (const d of SP804_REGS) {
      if (d.access !== "ro") continue;
      const before = r(d.offset);
      w(d.offset, 0xffffffff);
      expect(r(d.offset), d.name).toBe(before);
    }
  });

  it("Control keeps all 32 bits; Load and BGLoad read the same limit", () => {
    const { r, w } = make();
    w(CTRL, 0xffffff00 & ~EN);
    expect(r(CTRL)).toBe((0xffffff00 & ~EN) >>> 0);
    w(LOAD, 0x1234);
    expect(r(BGLOAD)).toBe(0x1234);
    w(BGLOAD, 0x99);
    expect(r(LOAD)).toBe(0x99);
  });

  it("unimplemented offsets read 0 and are logged once", () => {
    const { t, logs } = make();
    expect(t.read(0x1c, 4)).toBe(0);
    expect(t.read(0x1c, 4)).toBe(0);
    expect(t.read(0x800, 4)).toBe(0);
    t.write(0x800, 4, 1);
    expect(logs.length).toBe(3);
  });
});

describe("SP804 counting", () => {
  it("periodic: counts down at 1 MHz, interrupts and reloads every Load periods", () => {
    const { at, r, w, irq, t } = make();
    at(1000);
    w(LOAD, 1000);
    w(CTRL, EN | PERIODIC | IE | B32);
    expect(r(VALUE)).toBe(1000);
    at(1000 + 1);
    expect(r(VALUE)).toBe(999); // rounded down, as ptimer
    at(1000 + 500_500);
    expect(r(VALUE)).toBe(499);
    expect(t.nextEventNs()).toBe(1000 + 1_000_000);
    at(1000 + 999_999);
    expect(irq.level).toBe(false);
    at(1000 + 1_000_000);
    expect(irq.level).toBe(true);
    expect(r(RIS)).toBe(1);
    expect(r(MIS)).toBe(1);
    expect(r(VALUE)).toBe(1000);
    at(1000 + 1_001_500);
    expect(r(VALUE)).toBe(998);
    w(INTCLR, 0);
    expect(irq.level).toBe(false);
    expect(t.nextEventNs()).toBe(1000 + 2_000_000);
    at(1000 + 2_000_000);
    expect(irq.level).toBe(true);
  });

  it("reads between events are exact without advanceTo (computed from the clock)", () => {
    const { clock, r, w } = make();
    w(LOAD, 50_000);
    w(CTRL, EN | PERIODIC | B32);
    clock.t = 112_345_678; // 2 periods and 12345.678 us later: the read catches up itself
    expect(r(VALUE)).toBe(37_654); // floor(50000 - 12345.678)
  });

  it("one-shot: interrupts once at zero, then stops at 0", () => {
    const { at, r, w, irq, t } = make();
    w(LOAD, 100);
    w(CTRL, EN | ONESHOT | IE | B32);
    expect(t.nextEventNs()).toBe(100_000);
    at(100_000);
    expect(irq.level).toBe(true);
    expect(r(VALUE)).toBe(0);
    expect(t.nextEventNs()).toBe(null);
    expect(r(CTRL)).toBe(EN | ONESHOT | IE | B32); // the enable bit stays as written
    at(10_000_000);
    expect(r(VALUE)).toBe(0);
  });

  it("free-running 16-bit: Load sets the counter to 0xffff (QEMU), wraps with an interrupt", () => {
    const { at, r, w, irq } = make();
    w(CTRL, IE);
    w(LOAD, 0x1234);
    expect(r(VALUE)).toBe(0xffff);
    expect(r(LOAD)).toBe(0x1234);
    w(CTRL, EN | IE);
    at(0x10 * 1000);
    expect(r(VALUE)).toBe(0xffff - 0x10);
    at(0xffff * 1000);
    expect(irq.level).toBe(true);
    expect(r(VALUE)).toBe(0xffff);
  });

  it("free-running 32-bit counts down from 0xffffffff", () => {
    const { at, r, w } = make();
    w(CTRL, EN | B32);
    at(3_000_000_000);
    expect(r(VALUE)).toBe(0xffffffff - 3_000_000);
  });

  it("prescale /16 and /256 (3906 Hz with ptimer's fixed-point period)", () => {
    const a = make();
    a.w(LOAD, 100);
    a.w(CTRL, EN | PERIODIC | DIV16 | B32);
    expect(a.t.nextEventNs()).toBe(1_600_000);
    a.at(800_000);
    expect(a.r(VALUE)).toBe(50);
    const b = make();
    b.w(LOAD, 10);
    b.w(CTRL, EN | PERIODIC | DIV256 | B32);
    // period 1e9/3906 = 256016.385... ns: 10 periods end at 2560163 ns
    expect(b.t.nextEventNs()).toBe(2_560_163);
    b.at(1_000_000);
    expect(b.r(VALUE)).toBe(6);
    b.at(2_560_163);
    expect(b.r(RIS)).toBe(1);
  });

  it("BGLoad changes the next period only; Load restarts the count", () => {
    const { at, r, w, t } = make();
    w(LOAD, 1000);
    w(CTRL, EN | PERIODIC | B32);
    at(400_000);
    w(BGLOAD, 300);
    expect(r(VALUE)).toBe(600);
    at(1_000_000);
    expect(r(VALUE)).toBe(300);
    expect(t.nextEventNs()).toBe(1_300_000);
    w(LOAD, 5000);
    expect(r(VALUE)).toBe(5000);
    expect(t.nextEventNs()).toBe(6_000_000);
  });

  it("a Control write while running reloads from the limit (QEMU stops and restarts)", () => {
    const { at, r, w } = make();
    w(LOAD, 1000);
    w(CTRL, EN | PERIODIC | B32);
    at(250_000);
    w(CTRL, EN | PERIODIC | IE | B32);
    expect(r(VALUE)).toBe(1000);
    w(CTRL, PERIODIC | B32); // disabling keeps the count
    at(900_000);
    expect(r(VALUE)).toBe(1000);
  });

  it("periodic timers faster than 10 us are slowed to 10 us, as QEMU without icount", () => {
    const { w, t } = make();
    w(LOAD, 5);
    w(CTRL, EN | PERIODIC | B32);
    expect(t.nextEventNs()).toBe(10_000);
  });

  it("Load 0 periodic: one immediate interrupt, then the timer stops", () => {
    const { w, r, t, irq } = make();
    w(CTRL, 0);
    w(LOAD, 0);
    w(CTRL, EN | PERIODIC | IE | B32);
    expect(irq.level).toBe(true);
    expect(r(VALUE)).toBe(0);
    expect(t.nextEventNs()).toBe(null);
  });

  it("interrupt output: masked by IE, combined over both timers", () => {
    const { at, r, w, irq } = make();
    w(LOAD, 10);
    w(CTRL, EN | ONESHOT | B32); // IE clear
    w(0x20 + LOAD, 20);
    w(0x20 + CTRL, EN | ONESHOT | IE | B32);
    at(10_000);
    expect(r(RIS)).toBe(1);
    expect(r(MIS)).toBe(0);
    expect(irq.level).toBe(false);
    at(20_000);
    expect(r(0x20 + MIS)).toBe(1);
    expect(irq.level).toBe(true);
    w(CTRL, EN | ONESHOT | IE | B32); // timer 1's pending interrupt now unmasked too (and restarted)
    w(0x20 + INTCLR, 1);
    expect(irq.level).toBe(true);
    w(INTCLR, 1);
    expect(irq.level).toBe(false);
  });

  it("skipping far ahead fires periodic timers in closed form", () => {
    const { at, r, w, t } = make();
    w(LOAD, 1000);
    w(CTRL, EN | PERIODIC | B32);
    at(3600e9 + 250_000); // an hour of 1 ms periods
    expect(r(VALUE)).toBe(750);
    expect(t.nextEventNs()).toBe(3600e9 + 1_000_000);
  });

  it("reset stops the timers and lowers the line (migration: test/unit/snapshot/device-roundtrip.test.ts)", () => {
    const b = make();
    b.w(LOAD, 1000);
    b.w(CTRL, EN | PERIODIC | IE | B32);
    b.at(1_300_000);
    expect(b.irq.level).toBe(true);
    b.t.reset();
    expect(b.r(CTRL)).toBe(IE);
    expect(b.irq.level).toBe(false);
    expect(b.t.nextEventNs()).toBeNull();
  });
});
