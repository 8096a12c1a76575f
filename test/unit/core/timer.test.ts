// Generic timer: counter time base (virtual icount time / host time), CVAL/TVAL/ISTATUS, output
// lines, the next-deadline export and CNTKCTL's PL0 gates.
import { describe, it, expect } from "vitest";
import { instantiateCore, type CoreExports } from "../../../machines/core.js";
import { GUEST_RAM_HOST, S_NS_PER_INSN, S_TIME_BASE_NS, S_TIMER_LINES } from "../../../core/state/layout.js";
import { key, key64, rd, wr } from "../sysregs/sysreg-helpers.js";

const CNTFRQ = key(15, 14, 0, 0, 0), CNTKCTL = key(15, 14, 0, 1, 0);
const CNTP_TVAL = key(15, 14, 0, 2, 0), CNTP_CTL = key(15, 14, 0, 2, 1);
const CNTV_TVAL = key(15, 14, 0, 3, 0), CNTV_CTL = key(15, 14, 0, 3, 1);
const CNTPCT = key64(15, 0, 14), CNTVCT = key64(15, 1, 14), CNTP_CVAL = key64(15, 2, 14), CNTV_CVAL = key64(15, 3, 14);

function makeCore(clock = { now: 0 }) {
  const core = instantiateCore(1 << 20, {
    mmioRead: () => 0, mmioWrite: () => {}, semihosting: () => 0, trace: () => {},
    hostNowNs: () => clock.now,
  });
  core.cpuReset();
  core.mapRam(0x4000_0000, 0, 1 << 20, GUEST_RAM_HOST);
  const dv = new DataView(core.memory.buffer);
  const base = core.stateBase();
  return {
    core, clock,
    /** Deterministic time: ns = base + icount * nsPerInsn. */
    virtualTime(nsPerInsn: number, baseNs = 0) { dv.setFloat64(base + S_NS_PER_INSN, nsPerInsn, true); dv.setFloat64(base + S_TIME_BASE_NS, baseNs, true); },
    lines: () => dv.getUint32(base + S_TIMER_LINES, true),
  };
}
const v = (c: CoreExports, k: number, pl0 = false) => rd(c, k, pl0).value;

describe("system counter", () => {
  it("resets CNTFRQ to 62.5 MHz", () => {
    expect(v(makeCore().core, CNTFRQ)).toBe(62_500_000n);
  });

  it("counts guest ns / 16 with icount in deterministic mode", () => {
    const t = makeCore();
    t.virtualTime(10); // 10 ns per instruction
    t.core.setIcountF(0);
    expect(v(t.core, CNTPCT)).toBe(0n);
    t.core.setIcountF(1000);      // 10 us
    expect(v(t.core, CNTPCT)).toBe(625n);
    expect(v(t.core, CNTVCT)).toBe(625n); // CNTVOFF = 0
    t.virtualTime(10, 1e9);       // base 1 s
    expect(v(t.core, CNTPCT)).toBe(62_500_625n);
    t.virtualTime(16);
    t.core.setIcountF(2 ** 40);   // 64-bit count through MRRC
    expect(v(t.core, CNTPCT)).toBe(2n ** 40n);
  });

  it("advances with instructions the core executes", () => {
    const t = makeCore();
    t.virtualTime(32); // 2 ticks per instruction
    const dv = new DataView(t.core.memory.buffer, GUEST_RAM_HOST);
    for (let i = 0; i < 50; i++) dv.setUint32(4 * i, 0xe1a00000, true); // mov r0, r0
    t.core.setReg(15, 0x4000_0000);
    const before = v(t.core, CNTPCT);
    t.core.run(50);
    expect(v(t.core, CNTPCT) - before).toBe(100n);
  });

  it("follows the host clock from its first use when time is not virtual", () => {
    const t = makeCore({ now: 5e9 });
    expect(v(t.core, CNTPCT)).toBe(0n);
    t.clock.now += 1600;
    expect(v(t.core, CNTPCT)).toBe(100n);
  });
});

describe("timers", () => {
  for (const [name, CTL, CVAL, TVAL, line] of [
    ["physical", CNTP_CTL, CNTP_CVAL, CNTP_TVAL, 1], ["virtual", CNTV_CTL, CNTV_CVAL, CNTV_TVAL, 2],
  ] as const) {
    describe(name, () => {
      it("TVAL reads CVAL - count and writes CVAL = count + signed TVAL", () => {
        const t = makeCore(); t.virtualTime(16); t.core.setIcountF(1000);
        wr(t.core, CVAL, 1500);
        expect(v(t.core, TVAL)).toBe(500n);
        wr(t.core, CVAL, 400);
        expect(v(t.core, TVAL)).toBe(BigInt((400 - 1000) >>> 0));
        wr(t.core, TVAL, 0x100);
        expect(v(t.core, CVAL)).toBe(1256n);
        wr(t.core, TVAL, 0xffffff00); // -256
        expect(v(t.core, CVAL)).toBe(744n);
        wr(t.core, CVAL, 0x1_0000_0005n);
        expect(v(t.core, CVAL)).toBe(0x1_0000_0005n);
        expect(v(t.core, TVAL)).toBe(BigInt.asUintN(32, 0x1_0000_0005n - 1000n));
      });

      it("ISTATUS is computed on read and needs ENABLE; only ENABLE and IMASK are stored", () => {
        const t = makeCore(); t.virtualTime(16); t.core.setIcountF(100);
        wr(t.core, CVAL, 200);
        wr(t.core, CTL, 0xffffffff);
        expect(v(t.core, CTL)).toBe(3n);          // enabled, masked, not yet
        t.core.setIcountF(200);
        expect(v(t.core, CTL)).toBe(7n);          // count >= CVAL
        wr(t.core, CTL, 0);
        expect(v(t.core, CTL)).toBe(0n);          // disabled: ISTATUS 0
      });

      it("drives its output line: enabled, unmasked and firing", () => {
        const t = makeCore(); t.virtualTime(16); t.core.setIcountF(100);
        wr(t.core, CVAL, 150);
        wr(t.core, CTL, 1);
        expect(t.lines() & line).toBe(0);
        t.core.setIcountF(150);
        expect(t.lines() & line).toBe(0);         // levels change only when recomputed
        t.core.timerUpdateLines();
        expect(t.lines()).toBe(line);
        wr(t.core, CTL, 3);                        // IMASK drops the line at once
        expect(t.lines()).toBe(0);
        wr(t.core, CTL, 1);
        expect(t.lines()).toBe(line);
        wr(t.core, CVAL, 1000);                    // moving the compare ahead drops it
        expect(t.lines()).toBe(0);
        wr(t.core, TVAL, 0);                       // TVAL = 0: fires now
        expect(t.lines()).toBe(line);
      });

      it("a CTL read that sees an unmasked timer firing raises its line at once (kvm-unit-tests' timer polls ISTATUS)", () => {
        const t = makeCore(); t.virtualTime(16); t.core.setIcountF(100);
        wr(t.core, CVAL, 150);
        wr(t.core, CTL, 3);                        // enabled, masked
        t.core.setIcountF(150);
        expect(v(t.core, CTL)).toBe(7n);
        expect(t.lines() & line).toBe(0);          // masked: no line
        wr(t.core, CTL, 1);
        wr(t.core, CVAL, 1000); t.core.setIcountF(1000);
        expect(t.lines() & line).toBe(0);          // the deadline passed without a recompute
        expect(v(t.core, CTL)).toBe(5n);
        expect(t.lines()).toBe(line);              // the read raised it
      });
    });
  }

  it("timerNextDeadlineNs: earliest future compare of enabled, unmasked timers", () => {
    const t = makeCore(); t.virtualTime(16); t.core.setIcountF(100);
    expect(t.core.timerNextDeadlineNs()).toBe(-1);
    wr(t.core, CNTP_CVAL, 300); wr(t.core, CNTP_CTL, 1);
    expect(t.core.timerNextDeadlineNs()).toBe(300 * 16);
    wr(t.core, CNTV_CVAL, 200); wr(t.core, CNTV_CTL, 1);
    expect(t.core.timerNextDeadlineNs()).toBe(200 * 16);
    wr(t.core, CNTV_CTL, 3); // masked
    expect(t.core.timerNextDeadlineNs()).toBe(300 * 16);
    t.core.setIcountF(300);  // physical fires: its level is in S_TIMER_LINES, no deadline left
    expect(t.core.timerNextDeadlineNs()).toBe(-1);
    t.core.timerUpdateLines();
    expect(t.lines()).toBe(1);
  });
});

describe("PL0 access through CNTKCTL", () => {
  it("each CNTKCTL bit opens its registers", () => {
    const t = makeCore(); t.virtualTime(16);
    const undef = (k: number) => rd(t.core, k, true).undef;
    const wundef = (k: number) => wr(t.core, k, 0, true);
    expect([CNTFRQ, CNTPCT, CNTVCT, CNTP_CTL, CNTP_CVAL, CNTP_TVAL, CNTV_CTL, CNTV_CVAL, CNTV_TVAL].map(undef)).toEqual(Array(9).fill(true));
    expect(wr(t.core, CNTKCTL, 0, true)).toBe(true); // CNTKCTL itself is PL1 only
    wr(t.core, CNTKCTL, 1);                          // PL0PCTEN
    expect([CNTFRQ, CNTPCT, CNTVCT, CNTP_CTL, CNTV_CTL].map(undef)).toEqual([false, false, true, true, true]);
    wr(t.core, CNTKCTL, 2);                          // PL0VCTEN
    expect([CNTFRQ, CNTPCT, CNTVCT].map(undef)).toEqual([false, true, false]);
    expect(wundef(CNTFRQ)).toBe(true);               // CNTFRQ is never PL0 writable
    wr(t.core, CNTKCTL, 1 << 9);                     // PL0PTEN
    expect([CNTP_CTL, CNTP_CVAL, CNTP_TVAL, CNTV_CTL, CNTFRQ].map(undef)).toEqual([false, false, false, true, true]);
    expect(wundef(CNTP_TVAL)).toBe(false);
    wr(t.core, CNTKCTL, 1 << 8);                     // PL0VTEN
    expect([CNTV_CTL, CNTV_CVAL, CNTV_TVAL, CNTP_CTL].map(undef)).toEqual([false, false, false, true]);
    expect(wundef(CNTV_CVAL)).toBe(false);
  });
});
