import { describe, it, expect } from "vitest";
import { Pl031, PL031_REGS } from "../../../machines/devices/pl031.js";
import { FakeClock, IrqProbe } from "./helpers.js";

const DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18, ICR = 0x1c;
const S = 1e9;

function make(epochSeconds = 1_700_000_000) {
  const clock = new FakeClock();
  const irq = new IrqProbe();
  const logs: string[] = [];
  const rtc = new Pl031(clock, irq, { epochSeconds, log: (m) => logs.push(m) });
  const at = (ns: number) => { clock.t = ns; rtc.advanceTo(ns); };
  return { clock, irq, rtc, logs, at, r: (o: number) => rtc.read(o, 4), w: (o: number, v: number) => rtc.write(o, 4, v) };
}

describe("PL031", () => {
  it("every register reads its reset value (register table; RTCDR is the epoch)", () => {
    const { r } = make();
    for (const d of PL031_REGS) {
      if (d.access === "wo" || d.name === "RTCDR") continue;
      expect(r(d.offset), d.name).toBe(d.reset ?? 0);
    }
    expect(r(DR)).toBe(1_700_000_000);
  });

  it("identifies as a PL031 (PeriphID 0x00141031)", () => {
    const { r } = make();
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map(r)).toEqual([0x31, 0x10, 0x14, 0, 0x0d, 0xf0, 0x05, 0xb1]);
  });

  it("RTCDR follows the guest clock in whole seconds", () => {
    const { at, r } = make(1000);
    at(999_999_999);
    expect(r(DR)).toBe(1000);
    at(S);
    expect(r(DR)).toBe(1001);
    at(2.5 * S);
    expect(r(DR)).toBe(1002);
  });

  it("without a fixed epoch it starts at the host's wall clock", () => {
    const before = Math.floor(Date.now() / 1000);
    const rtc = new Pl031(new FakeClock());
    const dr = rtc.read(DR, 4);
    expect(dr).toBeGreaterThanOrEqual(before);
    expect(dr).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("RTCLR loads the counter, which keeps ticking on the clock's second boundaries", () => {
    const { at, r, w } = make(1000);
    at(2.5 * S);
    w(LR, 5000);
    expect(r(DR)).toBe(5000);
    expect(r(LR)).toBe(5000);
    at(3 * S);
    expect(r(DR)).toBe(5001);
    w(LR, 0xffffffff); // the counter wraps at 32 bits
    at(4 * S);
    expect(r(DR)).toBe(0);
  });

  it("match: the interrupt rises when RTCDR reaches RTCMR (after the seconds between them)", () => {
    const { at, r, w, irq, rtc } = make(1000);
    at(2.5 * S);
    w(IMSC, 1);
    w(MR, 1005); // DR is 1002
    expect(rtc.nextEventNs()).toBe(5.5 * S);
    at(5.5 * S - 1);
    expect(r(RIS)).toBe(0);
    at(5.5 * S);
    expect(r(RIS)).toBe(1);
    expect(r(MIS)).toBe(1);
    expect(irq.level).toBe(true);
    expect(rtc.nextEventNs()).toBe(null);
    w(ICR, 1);
    expect(r(RIS)).toBe(0);
    expect(irq.level).toBe(false);
  });

  it("a match equal to the current count interrupts at once; IMSC masks the output", () => {
    const { r, w, irq } = make(1000);
    w(MR, 1000);
    expect(r(RIS)).toBe(1);
    expect(r(MIS)).toBe(0);
    expect(irq.level).toBe(false);
    w(IMSC, 0xff);
    expect(r(IMSC)).toBe(1);
    expect(irq.level).toBe(true);
  });

  it("RTCCR reads 1 and ignores writes; RTCDR ignores writes (logged once)", () => {
    const { r, w, logs } = make(1000);
    w(CR, 0);
    expect(r(CR)).toBe(1);
    w(DR, 5);
    w(DR, 5);
    expect(r(DR)).toBe(1000);
    expect(logs.length).toBe(1);
    expect(r(ICR)).toBe(0);
    expect(r(0x100)).toBe(0);
    expect(logs.length).toBe(3);
  });

  it("reset keeps time and registers (QEMU has no PL031 reset)", () => {
    const b = make(1000);
    b.at(1.5 * S);
    b.w(LR, 7000);
    b.w(MR, 7010);
    b.w(IMSC, 1);
    const alarm = b.rtc.nextEventNs();
    b.rtc.reset();
    expect(b.rtc.nextEventNs()).toBe(alarm);
    expect(b.r(DR)).toBe(7000);
    expect(b.r(MR)).toBe(7010);
  });
});
