// Every board device's migration section, round-tripped through a whole stream and the
// machine's loader with the device busy: registers written through its register table as a
// guest would, FIFO contents, pending interrupts, running timers. After the load the device
// reads the same, drives its interrupt line to the same level (whatever the interrupt
// controller's restored state said), and its next interrupt comes at the same guest time.
import { describe, expect, it } from "vitest";
import { Pl011, PL011_REGS } from "../../../machines/devices/pl011.js";
import { Pl031 } from "../../../machines/devices/pl031.js";
import { Sp804, SP804_REGS } from "../../../machines/devices/sp804.js";
import { VexpressSysreg, SYSREG_REGS } from "../../../machines/devices/vexpress-sysreg.js";
import { GpioKey, Pl061, PL061_REGS } from "../../../machines/devices/pl061.js";
import { SectionRegistry, cloneState } from "../../../machines/snapshot/section.js";
import { u8, vmsd } from "../../../machines/snapshot/vmstate.js";
import type { RegDef } from "../../../machines/devices/regs.js";
import { FakeClock, IrqProbe } from "../devices/helpers.js";
import { describe as describeStream, loadInto, streamOf, transfer, type TestMachine } from "../devices/snapshot-helpers.js";

/**
 * A stand-in for the interrupt controller's section, loaded before the devices: it leaves every
 * line at the opposite of `expected` (stale levels), so only a device's postLoad can fix them.
 */
function staleLines(reg: SectionRegistry, probes: () => IrqProbe[], expected: () => boolean[]): void {
  const st = { x: 0 };
  reg.add({
    idstr: "stale-lines", decl: vmsd("stale-lines", 1, [u8("x")]), armletOnly: true,
    state: () => st, staging: () => cloneState(st),
    load: () => { const e = expected(); probes().forEach((p, i) => { p.level = !e[i]; }); },
  });
}

/** Write a guest-like value to every writable register of a table (`skip`: registers with side effects). */
function writeTable(table: readonly RegDef[], w: (o: number, v: number) => void, skip: string[] = []): void {
  table.forEach((d, i) => {
    if (d.access === "rw" && !skip.includes(d.name)) w(d.offset, (0x5a5a5a5a ^ (i * 0x01010101)) >>> 0);
  });
}

/** Every readable register of a table, by name (`skip`: reads with side effects). */
function readTable(table: readonly RegDef[], r: (o: number) => number, skip: string[] = []): Record<string, number> {
  return Object.fromEntries(table.filter((d) => d.access !== "wo" && !skip.includes(d.name)).map((d) => [d.name, r(d.offset)]));
}

describe("pl011", () => {
  function make() {
    const irq = new IrqProbe();
    const out: number[] = [];
    const u = new Pl011((b) => out.push(b), irq);
    const snapshot = new SectionRegistry();
    const m: TestMachine = { snapshot, reset: () => u.reset() };
    return { u, irq, out, m, r: (o: number) => u.read(o, 4), w: (o: number, v: number) => u.write(o, 4, v) };
  }

  it("registers, the receive FIFO (wrapped) and a pending RX interrupt come back; the line is re-driven", () => {
    const a = make(), b = make();
    for (const x of [a, b]) {
      staleLines(x.m.snapshot, () => [x.irq], () => [a.irq.level]);
      x.m.snapshot.addDevice("pl011", x.u.vmstate);
    }
    writeTable(PL011_REGS, a.w, ["DR", "RSR_ECR"]);
    a.w(0x038, 0x10); // IMSC: RX
    a.u.receive([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let i = 0; i < 10; i++) a.r(0);
    a.u.receive([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]); // wraps the 16-entry ring
    expect(a.irq.level).toBe(true);
    const before = readTable(PL011_REGS, a.r, ["DR"]);
    transfer(a.m, b.m);
    expect(b.irq.level).toBe(true);
    expect(readTable(PL011_REGS, b.r, ["DR"])).toEqual(before);
    expect(b.u.rxSpace).toBe(a.u.rxSpace);
    const rest = (x: typeof a) => Array.from({ length: 14 }, () => x.r(0));
    expect(rest(b)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(b.irq.level).toBe(false);
    expect(b.r(0x018) & 0x10).toBe(0x10); // FR.RXFE
  });

  it("the section is QEMU's pl011 v2 with its clock subsection; an impossible FIFO position is refused", () => {
    const a = make();
    a.m.snapshot.addDevice("pl011", a.u.vmstate);
    const bytes = streamOf(a.m);
    const [d] = describeStream(bytes);
    expect([d.vmsd_name, d.version, d.subsections?.map((x) => x.vmsd_name)]).toEqual(["pl011", 2, ["pl011/clock"]]);
    const b = make();
    b.m.snapshot.addDevice("pl011", b.u.vmstate);
    (a.u.vmstate.state as { read_pos: number }).read_pos = 0x77; // a stream from elsewhere
    const bad = streamOf({ snapshot: a.m.snapshot, reset: () => {} });
    expect(() => loadInto(b.m, bad)).toThrow(/section 'pl011': receive FIFO position 119/);
  });
});

describe("pl031", () => {
  const S = 1e9;
  function make(epoch: number, withAlarm = true) {
    const clock = new FakeClock();
    const irq = new IrqProbe();
    const rtc = new Pl031(clock, irq, { epochSeconds: epoch });
    const snapshot = new SectionRegistry();
    const m: TestMachine = { snapshot, reset: () => rtc.reset() };
    staleLines(snapshot, () => [irq], () => [false]);
    snapshot.addDevice("pl031", rtc.vmstate);
    if (withAlarm) snapshot.add(rtc.alarmSection());
    const at = (ns: number) => { clock.t = ns; rtc.advanceTo(ns); };
    return { clock, irq, rtc, m, at, r: (o: number) => rtc.read(o, 4), w: (o: number, v: number) => rtc.write(o, 4, v) };
  }

  it("the time keeps counting from guest time, the match register, mask and a pending alarm come back", () => {
    const a = make(1_000_000), b = make(5);
    a.at(1.3 * S);
    a.w(0x08, 7000); // RTCLR
    a.w(0x04, 7005); // RTCMR: the alarm is due 5 s after this write
    a.w(0x10, 1);
    a.at(2.5 * S);
    b.clock.t = a.clock.t; // the machine's timer section restores guest time
    transfer(a.m, b.m);
    expect(b.r(0x00)).toBe(a.r(0x00));
    expect([b.r(0x04), b.r(0x08), b.r(0x10), b.r(0x14)]).toEqual([7005, 7000, 1, 0]);
    expect(b.rtc.nextEventNs()).toBe(6.3 * S);
    expect(b.irq.level).toBe(false);
    b.at(6.3 * S - 1);
    expect(b.irq.level).toBe(false);
    b.at(6.3 * S);
    expect(b.irq.level).toBe(true);
    expect(b.r(0x00)).toBe(7005); // the match: counting resumed at 7001 (2.5 s), whole seconds at 1.3 + k
    a.at(6.3 * S);
    expect(a.irq.level).toBe(true); // the uninterrupted RTC: the same
  });

  it("a pending match interrupt is re-asserted after the load", () => {
    const a = make(100), b = make(5);
    a.w(0x10, 1);
    a.w(0x04, 102);
    a.at(2 * S);
    expect(a.irq.level).toBe(true);
    b.clock.t = a.clock.t;
    const bytes = streamOf(a.m);
    b.irq.level = false;
    loadInto(b.m, bytes);
    expect(b.irq.level).toBe(true);
  });

  it("QEMU's sections alone (no alarm deadline): the alarm is re-armed from the load time, as QEMU's post_load", () => {
    const a = make(1000, false), b = make(5, false);
    a.w(0x04, 1010);
    a.at(3.5 * S);
    b.clock.t = 3.5 * S;
    const bytes = transfer(a.m, b.m);
    expect(describeStream(bytes).map((d) => d.name)).toEqual(["stale-lines", "pl031"]);
    expect(b.rtc.nextEventNs()).toBe(3.5 * S + 7 * S);
    const [d] = describeStream(bytes).filter((x) => x.name === "pl031");
    expect(d.subsections?.map((x) => x.vmsd_name)).toEqual(["pl031/tick-offset"]);
  });
});

describe("sp804 and its arm_timers", () => {
  const LOAD = 0x00, VALUE = 0x04, CTRL = 0x08, INTCLR = 0x0c;
  const EN = 0x80, PERIODIC = 0x40, IE = 0x20, ONESHOT = 0x01, B32 = 0x02, DIV16 = 0x04;
  function make() {
    const clock = new FakeClock();
    const irq = new IrqProbe();
    const t = new Sp804(clock, irq);
    const snapshot = new SectionRegistry();
    const m: TestMachine = { snapshot, reset: () => t.reset() };
    staleLines(snapshot, () => [irq], () => [true]);
    for (const s of t.sections()) snapshot.addDevice(s.idstr, s.vmstate);
    const at = (ns: number) => { clock.t = ns; t.advanceTo(ns); };
    return { clock, irq, t, m, at, r: (o: number) => t.read(o, 4), w: (o: number, v: number) => t.write(o, 4, v) };
  }

  it("sections in QEMU's order; running timers continue exactly: same values, same interrupt times", () => {
    const a = make(), b = make();
    writeTable(SP804_REGS, a.w, ["Timer1Control", "Timer2Control"]);
    a.w(LOAD, 1000);
    a.w(CTRL, EN | PERIODIC | IE | B32); // 1 ms periods
    a.w(0x20 + LOAD, 3_000);
    a.w(0x20 + CTRL, EN | ONESHOT | IE | B32 | DIV16); // one shot, 48 ms at 62.5 kHz
    a.at(1_300_000);
    expect(a.irq.level).toBe(true); // timer 1 fired at 1 ms, not cleared
    b.clock.t = a.clock.t;
    const bytes = transfer(a.m, b.m);
    expect(describeStream(bytes).map((d) => `${d.name}#${d.instance_id}`)).toEqual(["stale-lines#0", "arm_timer#0", "arm_timer#1", "sp804#0"]);
    expect(b.irq.level).toBe(true);
    expect(readTable(SP804_REGS, b.r)).toEqual(readTable(SP804_REGS, a.r));
    b.w(INTCLR, 1); a.w(INTCLR, 1);
    // The next events, one after another, at the same guest times.
    for (let k = 0; k < 60; k++) {
      const next = a.t.nextEventNs();
      expect(b.t.nextEventNs()).toBe(next);
      if (next === null) break;
      a.at(next); b.at(next);
      expect(b.irq.level).toBe(a.irq.level);
      expect(b.r(VALUE)).toBe(a.r(VALUE));
      expect(b.r(0x20 + VALUE)).toBe(a.r(0x20 + VALUE));
      a.w(INTCLR, 1); b.w(INTCLR, 1);
    }
    expect(b.r(0x20 + 0x10)).toBe(1); // the one-shot fired once after the load
  });

  it("the ptimer is written in QEMU's layout: enabled, limit, delta, period_frac, period, last/next event, timer", () => {
    const a = make();
    a.w(LOAD, 500);
    a.w(CTRL, EN | PERIODIC | B32);
    a.at(200_000);
    const [, t0] = describeStream(streamOf(a.m));
    expect(t0.fields.map((f) => f.name)).toEqual(["control", "limit", "int_level", "timer"]);
    expect(t0.fields[3].struct!.fields.map((f) => `${f.name}:${f.type}:${f.size}`)).toEqual([
      "enabled:uint8:1", "limit:uint64:8", "delta:uint64:8", "period_frac:uint32:4", "period:int64:8",
      "last_event:int64:8", "next_event:int64:8", "timer:timer:8",
    ]);
    const state = a.t.sections()[0].vmstate.state as any;
    expect(state.timer).toMatchObject({ enabled: 1, limit: 500n, delta: 500n, period: 1000n, next_event: 500_000n, timer: 500_000n });
  });

  it("a ptimer no SP804 can be in is refused before anything is applied", () => {
    const a = make(), b = make();
    a.w(LOAD, 500);
    a.w(CTRL, EN | PERIODIC | B32);
    const bytes = streamOf({ snapshot: a.m.snapshot });
    // Corrupt `enabled` (the first ptimer byte, after control/limit/int_level) of arm_timer 0.
    const i = Buffer.from(bytes).indexOf(Buffer.from("arm_timer")) + 9 + 4 + 4 + 12;
    const bad = Uint8Array.from(bytes);
    expect(bad[i]).toBe(1);
    bad[i] = 7;
    b.w(LOAD, 42);
    expect(() => loadInto(b.m, bad)).toThrow(/section 'arm_timer': ptimer enabled is 7/);
    expect(b.r(LOAD)).toBe(42);
  });
});

describe("realview_sysctl", () => {
  function make() {
    const s = new VexpressSysreg({ clock: new FakeClock() });
    const snapshot = new SectionRegistry();
    snapshot.addDevice("realview_sysctl", s.vmstate);
    return { s, m: { snapshot, reset: () => s.reset() } as TestMachine, r: (o: number) => s.read(o, 4), w: (o: number, v: number) => s.write(o, 4, v) };
  }

  it("registers, the SYS_CFG registers and the oscillators the guest set come back (QEMU v4 layout)", () => {
    const a = make(), b = make();
    writeTable(SYSREG_REGS, a.w, ["SYS_CFGCTRL"]);
    a.w(0xa0, 33_000_000); // SYS_CFGDATA
    a.w(0xa4, 0xc0110003); // start, write, OSC, site DB1, device 3
    a.w(0xa0, 0x1234);
    expect(a.r(0xa8)).toBe(1);
    const bytes = transfer(a.m, b.m);
    expect(readTable(SYSREG_REGS, b.r, ["SYS_24MHZ"])).toEqual(readTable(SYSREG_REGS, a.r, ["SYS_24MHZ"]));
    b.w(0xa4, 0x80110003); // read back DB1 oscillator 3
    expect(b.r(0xa0)).toBe(33_000_000);
    const [d] = describeStream(bytes);
    expect([d.vmsd_name, d.version, d.fields.at(-1)]).toEqual(["realview_sysctl", 4, { name: "db_clock", array_len: 9, type: "uint32", size: 4 }]);
  });
});

describe("pl061 and gpio-key", () => {
  function make() {
    const clock = new FakeClock();
    const irq = new IrqProbe();
    const gpio = new Pl061(irq);
    const key = new GpioKey(clock, (l) => gpio.setInput(3, l));
    const snapshot = new SectionRegistry();
    staleLines(snapshot, () => [irq], () => [true]);
    snapshot.addDevice("pl061", gpio.vmstate);
    snapshot.addDevice("gpio-key", key.vmstate);
    const m: TestMachine = { snapshot, reset: () => { gpio.reset(); key.reset(); } };
    const at = (ns: number) => { clock.t = ns; key.advanceTo(ns); };
    return { clock, irq, gpio, key, m, at, r: (o: number) => gpio.read(o), w: (o: number, v: number) => gpio.write(o, 4, v) };
  }

  it("a pressed power key: the latched edge interrupt, the line level and the release time come back", () => {
    const a = make(), b = make();
    writeTable(PL061_REGS, a.w, ["GPIODATA"]);
    a.w(0x400, 0xf0); // lines 0-3 inputs, 4-7 outputs
    a.w(0x404, 0); a.w(0x408, 0); a.w(0x40c, 0xff); a.w(0x41c, 0xff); // rising edges; clear
    a.w(0x410, 0x08);
    a.w(0x3fc, 0xa0); // outputs 5 and 7 high
    a.at(5_000);
    a.key.press(); // releases 100 ms later
    expect(a.irq.level).toBe(true);
    b.clock.t = a.clock.t;
    transfer(a.m, b.m);
    expect(b.irq.level).toBe(true);
    expect(readTable(PL061_REGS, b.r)).toEqual(readTable(PL061_REGS, a.r));
    expect(b.key.nextEventNs()).toBe(100_005_000);
    expect(b.r(0x020)).toBe(0x08); // line 3 still held by the key
    b.w(0x41c, 0x08); a.w(0x41c, 0x08);
    b.at(100_005_000); a.at(100_005_000);
    expect(b.r(0x020)).toBe(0);
    expect(b.r(0x3fc)).toBe(a.r(0x3fc));
    expect(b.irq.level).toBe(false);
  });

  it("sections are QEMU's pl061 v4 (21 words) and gpio-key v1 (its timer)", () => {
    const a = make();
    const [, p, k] = describeStream(streamOf(a.m));
    expect([p.vmsd_name, p.version, p.fields.length, k.vmsd_name, k.fields]).toEqual(
      ["pl061", 4, 21, "gpio-key", [{ name: "timer", type: "timer", size: 8 }]]);
  });
});
