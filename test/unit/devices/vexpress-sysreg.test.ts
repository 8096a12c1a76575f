import { describe, it, expect } from "vitest";
import { VexpressSysreg, SYSREG_REGS, CA15_CLOCKS } from "../../../machines/devices/vexpress-sysreg.js";
import { FakeClock } from "./helpers.js";

const FLAGS = 0x30, FLAGSCLR = 0x34, NVFLAGS = 0x38, NVFLAGSCLR = 0x3c, C24MHZ = 0x5c;
const CFGDATA = 0xa0, CFGCTRL = 0xa4, CFGSTAT = 0xa8;

function make() {
  const clock = new FakeClock();
  const calls = { shutdown: 0, reset: 0 };
  const logs: string[] = [];
  const s = new VexpressSysreg({
    clock, requestShutdown: () => calls.shutdown++, requestReset: () => calls.reset++, log: (m) => logs.push(m),
  });
  return { clock, calls, logs, s, r: (o: number) => s.read(o, 4), w: (o: number, v: number) => s.write(o, 4, v) };
}

describe("vexpress system registers", () => {
  it("every register reads its reset value (register table)", () => {
    const { r } = make();
    for (const d of SYSREG_REGS) {
      if (d.access === "wo" || d.name === "SYS_24MHZ") continue;
      expect(r(d.offset), d.name).toBe(d.reset ?? 0);
    }
  });

  it("read-only registers ignore writes", () => {
    const { r, w } = make();
    for (const d of SYSREG_REGS) {
      if (d.access !== "ro" || d.name === "SYS_24MHZ") continue;
      w(d.offset, 0xffffffff);
      expect(r(d.offset), d.name).toBe(d.reset ?? 0);
    }
  });

  it("SYS_FLAGS: writes to 0x30 set bits, 0x34 clears them; reset clears FLAGS but not NVFLAGS", () => {
    const { r, w, s } = make();
    w(FLAGS, 0x8000_0000);
    w(FLAGS, 0x0000_1234);
    expect(r(FLAGS)).toBe(0x8000_1234);
    w(FLAGSCLR, 0x8000_0004);
    expect(r(FLAGS)).toBe(0x1230);
    expect(r(FLAGSCLR)).toBe(0);
    w(FLAGS, 0); // a zero write (QEMU's secondary reset hook) changes nothing
    expect(r(FLAGS)).toBe(0x1230);
    w(NVFLAGS, 0xff);
    w(NVFLAGSCLR, 0x0f);
    expect(r(NVFLAGS)).toBe(0xf0);
    s.reset();
    expect(r(FLAGS)).toBe(0);
    expect(r(NVFLAGS)).toBe(0xf0);
  });

  it("SYS_24MHZ counts the guest clock at 24 MHz and wraps at 32 bits", () => {
    const { r, clock } = make();
    expect(r(C24MHZ)).toBe(0);
    clock.t = 1e9;
    expect(r(C24MHZ)).toBe(24_000_000);
    clock.t = 124;
    expect(r(C24MHZ)).toBe(2); // 2.976 rounded down
    clock.t = 125;
    expect(r(C24MHZ)).toBe(3);
    clock.t = 3600e9; // 86.4e9 ticks, modulo 2^32
    expect(r(C24MHZ)).toBe(86_400_000_000 % 2 ** 32);
    const a = r(C24MHZ);
    clock.t += 1000;
    expect((r(C24MHZ) - a) >>> 0).toBe(24);
  });

  it("SYS_CFGCTRL shutdown (0xc0800000) and reboot (0xc0900000) call the machine", () => {
    const { r, w, calls } = make();
    w(CFGCTRL, 0xc0800000);
    expect(calls).toEqual({ shutdown: 1, reset: 0 });
    expect(r(CFGSTAT)).toBe(1);
    expect(r(CFGCTRL)).toBe(0x40800000); // START reads back 0
    w(CFGCTRL, 0xc0900000);
    expect(calls).toEqual({ shutdown: 1, reset: 1 });
    expect(r(CFGSTAT)).toBe(1);
  });

  it("shutdown/reboot for another site, device, position or DCC is an error and does nothing", () => {
    const { r, w, calls } = make();
    for (const v of [0xc0810000, 0xc0800001, 0xc0801000, 0xc4800000, 0xc0910000]) {
      w(CFGSTAT, 0);
      w(CFGCTRL, v);
      expect(r(CFGSTAT), v.toString(16)).toBe(3);
    }
    w(CFGCTRL, 0x40800000); // no START: nothing happens
    expect(calls).toEqual({ shutdown: 0, reset: 0 });
  });

  it("oscillator reads and writes, voltage reads, unknown functions flag an error", () => {
    const { r, w } = make();
    const cfg = (ctrl: number, data = 0) => { w(CFGDATA, data); w(CFGCTRL, ctrl); return [r(CFGDATA), r(CFGSTAT)]; };
    expect(cfg(0x80110000)).toEqual([CA15_CLOCKS[0], 1]);
    expect(cfg(0x80110008)).toEqual([CA15_CLOCKS[8], 1]);
    expect(cfg(0x80110009, 7)).toEqual([7, 3]);
    expect(cfg(0x80100001)).toEqual([23_750_000, 1]);
    expect(cfg(0x80210000)).toEqual([900_000, 1]);
    expect(cfg(0x80200000)).toEqual([3_300_000, 1]);
    expect(cfg(0xc0110005, 1234)).toEqual([1234, 1]);
    expect(cfg(0x80110005)).toEqual([1234, 1]);
    expect(cfg(0x80410000, 9)).toEqual([9, 3]); // TEMP
    expect(cfg(0xc0210000, 9)).toEqual([9, 3]); // VOLT write
  });

  it("reset restores the oscillators but keeps SYS_CFGDATA/CTRL/STAT (as QEMU)", () => {
    const { r, w, s } = make();
    w(CFGDATA, 5);
    w(CFGCTRL, 0xc0110000);
    w(0x08, 0xff);
    w(0x20, 0xa05f);
    s.reset();
    expect(r(0x08)).toBe(0);
    expect(r(0x20)).toBe(0);
    expect(r(CFGDATA)).toBe(5);
    expect(r(CFGCTRL)).toBe(0x40110000);
    expect(r(CFGSTAT)).toBe(1);
    w(CFGCTRL, 0x80110000);
    expect(r(CFGDATA)).toBe(CA15_CLOCKS[0]);
  });

  it("SYS_MCI follows the MMC card-detect and write-protect inputs", () => {
    const { r, s } = make();
    s.setMciLine(1, true);
    expect(r(0x48)).toBe(1);
    s.setMciLine(0, true);
    expect(r(0x48)).toBe(3);
    s.setMciLine(1, false);
    expect(r(0x48)).toBe(2);
  });

  it("bad offsets read 0 and are logged once", () => {
    const { s, logs } = make();
    expect(s.read(0x34, 4)).toBe(0);
    expect(s.read(0x34, 4)).toBe(0);
    expect(s.read(0x100, 4)).toBe(0);
    s.write(0x48, 4, 1);
    expect(logs.length).toBe(3);
  });
});
