// Performance monitors (core/pmu.ts, core/sysregs/hooks-pmu.ts): the cycle counter and the event
// counters counting guest time and retired instructions as QEMU 7.2 does, enables, resets,
// PMCR.D/LC, filters by PL across mode changes, PMSWINC, overflow flags, the interrupt request,
// QEMU's overflow checks (S_PMU_DUE_*), host access to the values, and one PMU per CPU.
import { describe, it, expect } from "vitest";
import { instantiateCore, type CoreExports } from "../../../machines/core.js";
import {
  GUEST_RAM_HOST, S_NS_PER_INSN, S_TIME_BASE_NS, S_TIMER_LINES, S_SYSREGS, S_PMU_DUE_NS, S_PMU_DUE_INSNS,
  LINE_PMU, STOP_HOST,
} from "../../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { key, rd, wr } from "../sysregs/sysreg-helpers.js";

const PMCR = key(15, 9, 0, 12, 0), PMCNTENSET = key(15, 9, 0, 12, 1), PMCNTENCLR = key(15, 9, 0, 12, 2);
const PMOVSR = key(15, 9, 0, 12, 3), PMSWINC = key(15, 9, 0, 12, 4), PMSELR = key(15, 9, 0, 12, 5);
const PMCCNTR = key(15, 9, 0, 13, 0), PMXEVTYPER = key(15, 9, 0, 13, 1), PMXEVCNTR = key(15, 9, 0, 13, 2);
const PMINTENSET = key(15, 9, 0, 14, 1), PMINTENCLR = key(15, 9, 0, 14, 2), PMOVSSET = key(15, 9, 0, 14, 3);
const PMCCFILTR = key(15, 14, 0, 15, 7), VBAR = key(15, 12, 0, 0, 0);
const PMEVCNTR = (n: number) => key(15, 14, 0, 8, n);
const PMEVTYPER = (n: number) => key(15, 14, 0, 12, n);
const E = 1, P = 2, C = 4, D = 8, LC = 64;
const CYCLE = 0x8000_0000, FILTER_P = 0x8000_0000, FILTER_U = 0x4000_0000;
const SW_INCR = 0x00, INST_RETIRED = 0x08, CPU_CYCLES = 0x11;
const RAM = 0x4000_0000;
const NOP = 0xe320f000, CPS_USR = 0xf1020010, SVC0 = 0xef000000;
const MRC_PMEVCNTR0_R0 = 0xee1e0f18, MRC_PMEVCNTR0_R1 = 0xee1e1f18;
const MCR_PMCCNTR_R0 = 0xee090f1d, MCR_PMOVSSET_R0 = 0xee090f7e;

function makeCore(opts: { nsPerInsn?: number } = {}) {
  const clock = { now: 0 };
  const core = instantiateCore(1 << 20, {
    mmioRead: () => 0, mmioWrite: () => {}, semihosting: () => 0, trace: () => {},
    hostNowNs: () => clock.now,
  });
  core.cpuReset();
  core.mapRam(RAM, 0, 1 << 20, GUEST_RAM_HOST);
  const dv = () => new DataView(core.memory.buffer);
  const base = core.stateBase();
  const t = {
    core, clock,
    /** Deterministic time: guest ns = base + icount * nsPerInsn. */
    virtualTime(nsPerInsn: number, baseNs = 0) { dv().setFloat64(base + S_NS_PER_INSN, nsPerInsn, true); dv().setFloat64(base + S_TIME_BASE_NS, baseNs, true); },
    r: (k: number) => Number(rd(core, k).value & 0xffff_ffffn),
    w: (k: number, v: number) => { expect(wr(core, k, v >>> 0), `write ${k.toString(16)}`).toBe(false); },
    at: (insns: number) => core.setIcountF(insns),
    irq: () => (dv().getUint32(base + S_TIMER_LINES, true) & LINE_PMU) !== 0,
    dueNs: () => dv().getFloat64(base + S_PMU_DUE_NS, true),
    dueInsns: () => Number(dv().getBigUint64(base + S_PMU_DUE_INSNS, true)),
    /** The 64-bit SR_ slot of a register. */
    slot: (name: string) => dv().getBigUint64(base + S_SYSREGS + SYSREG_STORAGE[name], true),
    setSlot: (name: string, v: bigint) => dv().setBigUint64(base + S_SYSREGS + SYSREG_STORAGE[name], v, true),
    /** Place A32 words at RAM (+offset) and start there. */
    program(words: number[], offset = 0) {
      words.forEach((w, i) => dv().setUint32(GUEST_RAM_HOST + offset + 4 * i, w >>> 0, true));
    },
    start() { core.setReg(15, RAM); },
    /** Run until `n` instructions have executed (PMU events may end run() early). */
    runFor(n: number) { while (core.getIcount() < n) core.run(n - core.getIcount()); },
  };
  if (opts.nsPerInsn !== undefined) t.virtualTime(opts.nsPerInsn);
  return t;
}

describe("cycle counter", () => {
  it("counts guest ns at 1 GHz while PMCR.E and PMCNTENSET[31] are set", () => {
    const t = makeCore({ nsPerInsn: 4 });
    t.w(PMCNTENSET, CYCLE);
    t.at(50);
    expect(t.r(PMCCNTR)).toBe(0); // PMCR.E clear
    t.w(PMCR, E);
    t.at(150);
    expect(t.r(PMCCNTR)).toBe(400);
    t.w(PMCNTENCLR, CYCLE);
    t.at(1000);
    expect(t.r(PMCCNTR)).toBe(400);
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, 0);
    t.at(2000);
    expect(t.r(PMCCNTR)).toBe(400);
  });

  it("follows the host clock when time is not virtual", () => {
    const t = makeCore();
    t.clock.now = 1e9;
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E | C);
    t.clock.now += 12_345;
    expect(t.r(PMCCNTR)).toBe(12_345);
    t.clock.now += 5;
    expect(t.r(PMCCNTR)).toBe(12_350);
  });

  it("PMCR.C zeroes it, a write sets it, PMCR keeps neither P nor C", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E);
    t.at(100);
    t.w(PMCR, E | C);
    expect(t.r(PMCCNTR)).toBe(0);
    t.at(130);
    expect(t.r(PMCCNTR)).toBe(30);
    t.w(PMCCNTR, 0x1000);
    t.at(135);
    expect(t.r(PMCCNTR)).toBe(0x1005);
    expect(t.r(PMCR)).toBe(0x410f3001);
  });

  it("PMCR.D counts every 64th cycle of the clock, unless PMCR.LC", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E | D | C);
    t.at(640);
    expect(t.r(PMCCNTR)).toBe(10);
    t.at(703);
    expect(t.r(PMCCNTR)).toBe(10);
    t.at(704);
    expect(t.r(PMCCNTR)).toBe(11);
    t.w(PMCR, E | D | LC);
    t.at(804);
    expect(t.r(PMCCNTR)).toBe(111);
  });

  it("overflows at 32 bits into PMOVSR[31]; with PMCR.LC at 64 bits", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E);
    t.w(PMCCNTR, 0xffff_fff0);
    t.at(0x20);
    expect(t.r(PMCCNTR)).toBe(0x10);
    expect(t.r(PMOVSR)).toBe(CYCLE);
    t.w(PMOVSR, 0xffff_ffff);
    t.w(PMCR, E | LC);
    t.w(PMCCNTR, 0xffff_fff0);
    t.at(0x40);
    expect(t.r(PMCCNTR)).toBe(0x10);
    expect(t.r(PMOVSR)).toBe(0);
    expect(t.slot("PMCCNTR")).toBe(0x2_0000_0010n); // QEMU's 64-bit c15_ccnt: the high half carried on
  });

  it("like QEMU, sees an overflow only when a synchronisation saw bit 31 set before the wrap", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E);
    t.w(PMCCNTR, 0x7fff_fff0);
    t.at(0x8000_0020);
    expect(t.r(PMCCNTR)).toBe(0x10);
    expect(t.r(PMOVSR)).toBe(0);
  });
});

describe("filters by privilege level (PMCCFILTR, PMEVTYPER<n> P and U)", () => {
  // 5 NOPs at PL1, CPS to User, 10 NOPs, SVC, 3 NOPs at the SVC vector: 20 instructions.
  function run(filter: number, evtyper: number) {
    const t = makeCore({ nsPerInsn: 1 });
    t.program([NOP, NOP, NOP, NOP, NOP, CPS_USR, ...Array(10).fill(NOP), SVC0]);
    t.program([NOP, NOP, NOP], 0x108);
    t.w(VBAR, RAM + 0x100);
    t.w(PMCCFILTR, filter);
    t.w(PMEVTYPER(0), evtyper);
    t.w(PMCNTENSET, CYCLE | 1);
    t.w(PMCR, E);
    t.start();
    t.runFor(20);
    expect(t.core.getReg(15) >>> 0).toBe(RAM + 0x114);
    return { cycles: t.r(PMCCNTR), insns: t.r(PMEVCNTR(0)) };
  }

  it("U: PL1 only (the NOPs and the CPS, not User mode's NOPs and SVC)", () => {
    expect(run(FILTER_U, FILTER_U | INST_RETIRED)).toEqual({ cycles: 9, insns: 9 });
  });
  it("P: PL0 only (User mode's NOPs and its SVC)", () => {
    expect(run(FILTER_P, FILTER_P | INST_RETIRED)).toEqual({ cycles: 11, insns: 11 });
  });
  it("neither: everything; both: nothing", () => {
    expect(run(0, INST_RETIRED)).toEqual({ cycles: 20, insns: 20 });
    expect(run(FILTER_P | FILTER_U, FILTER_P | FILTER_U | INST_RETIRED)).toEqual({ cycles: 0, insns: 0 });
  });

  it("PMXEVTYPER with PMSELR = 31 is the cycle counter's filter (and M); PMCCFILTR shows P..NSH", () => {
    const t = makeCore();
    t.w(PMSELR, 31);
    t.w(PMXEVTYPER, 0xffff_ffff);
    expect(t.r(PMXEVTYPER)).toBe(0xfc00_0000);
    expect(t.r(PMCCFILTR)).toBe(0xf800_0000);
    t.w(PMCCFILTR, 0);
    expect(t.r(PMXEVTYPER)).toBe(0x0400_0000); // M stays: the AArch32 view cannot write it
  });
});

describe("event counters", () => {
  it("INST_RETIRED counts retired instructions, in host time too (QEMU: only under -icount)", () => {
    const t = makeCore();
    t.program(Array(10).fill(NOP));
    t.w(PMEVTYPER(2), INST_RETIRED);
    t.w(PMCNTENSET, 1 << 2);
    t.w(PMCR, E);
    t.start();
    t.core.run(10);
    expect(t.r(PMEVCNTR(2))).toBe(10);
  });

  it("an MRC that reads a counter counts itself, as QEMU's instruction count does", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.program([MRC_PMEVCNTR0_R0, NOP, NOP, NOP, MRC_PMEVCNTR0_R1]);
    t.w(PMEVTYPER(0), INST_RETIRED);
    t.w(PMCNTENSET, 1);
    t.w(PMCR, E);
    t.start();
    t.core.run(5);
    expect([t.core.getReg(0), t.core.getReg(1)]).toEqual([1, 5]);
  });

  it("CPU_CYCLES counts guest ns; other event numbers count nothing", () => {
    const t = makeCore({ nsPerInsn: 2 });
    t.w(PMEVTYPER(0), CPU_CYCLES);
    t.w(PMEVTYPER(1), 0x13); // MEM_ACCESS: not counted by QEMU's A15
    t.w(PMEVCNTR(1), 7);
    t.w(PMCNTENSET, 3);
    t.w(PMCR, E);
    t.at(100);
    expect(t.r(PMEVCNTR(0))).toBe(200);
    expect(t.r(PMEVCNTR(1))).toBe(7);
  });

  it("a new event number keeps the value and counts the new event from there", () => {
    const t = makeCore({ nsPerInsn: 2 });
    t.w(PMEVTYPER(0), INST_RETIRED);
    t.w(PMCNTENSET, 1);
    t.w(PMCR, E);
    t.at(100);
    t.w(PMEVTYPER(0), CPU_CYCLES);
    expect(t.r(PMEVCNTR(0))).toBe(100);
    t.at(110);
    expect(t.r(PMEVCNTR(0))).toBe(120);
  });

  it("PMSWINC adds 1 to enabled, unfiltered SW_INCR counters; a wrap sets PMOVSR", () => {
    const t = makeCore();
    t.w(PMEVTYPER(0), SW_INCR);
    t.w(PMEVTYPER(1), INST_RETIRED);
    t.w(PMEVTYPER(2), FILTER_P | SW_INCR);
    t.w(PMEVTYPER(3), SW_INCR);
    t.w(PMCNTENSET, 0b0111);
    t.w(PMCR, E);
    t.w(PMSWINC, 0b1111);
    t.w(PMSWINC, 0b0001);
    expect([0, 1, 2, 3].map((n) => t.r(PMEVCNTR(n)))).toEqual([2, 0, 0, 0]);
    t.w(PMEVCNTR(0), 0xffff_ffff);
    t.w(PMSWINC, 1);
    expect(t.r(PMEVCNTR(0))).toBe(0);
    expect(t.r(PMOVSR)).toBe(1);
  });

  it("PMCR.P zeroes the event counters, not the cycle counter; PMXEVCNTR is PMSELR's counter", () => {
    const t = makeCore();
    t.w(PMSELR, 4);
    t.w(PMXEVCNTR, 0x1234);
    expect(t.r(PMEVCNTR(4))).toBe(0x1234);
    t.w(PMCCNTR, 99);
    t.w(PMCR, P);
    expect(t.r(PMEVCNTR(4))).toBe(0);
    expect(t.r(PMCCNTR)).toBe(99);
    t.w(PMSELR, 6); // no counter 6: reads 0, writes ignored
    t.w(PMXEVCNTR, 5);
    expect(t.r(PMXEVCNTR)).toBe(0);
  });
});

describe("overflow interrupt request", () => {
  it("is PMCR.E && (PMINTENSET & PMOVSR), recomputed where QEMU does (not on PMCR writes)", () => {
    const t = makeCore();
    t.w(PMINTENSET, 1);
    t.w(PMOVSSET, 1);
    expect(t.irq()).toBe(false); // PMCR.E clear
    t.w(PMCR, E);
    expect(t.irq()).toBe(false); // QEMU's pmcr_write leaves the line alone
    t.w(PMINTENSET, 0);
    expect(t.irq()).toBe(true);
    t.w(PMINTENCLR, 1);
    expect(t.irq()).toBe(false);
    t.w(PMINTENSET, 1);
    t.w(PMOVSR, 1);
    expect(t.irq()).toBe(false);
  });

  it("a change ends run() after that instruction, so the machine delivers it at once", () => {
    const t = makeCore();
    t.program([MCR_PMOVSSET_R0, NOP, NOP, NOP]);
    t.w(PMCR, E);
    t.w(PMINTENSET, CYCLE);
    t.start();
    t.core.setReg(0, CYCLE);
    expect(t.core.run(4)).toBe(STOP_HOST);
    expect(t.core.getIcount()).toBe(1);
    expect(t.irq()).toBe(true);
  });
});

describe("overflow checks (QEMU's PMU timer)", () => {
  it("the cycle counter is checked when it wraps, and an armed check ends run()", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.program([MCR_PMCCNTR_R0, NOP, NOP]);
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E);
    t.start();
    t.core.setReg(0, 0xffff_ff00);
    expect(t.core.run(3)).toBe(STOP_HOST);
    // The MCR is instruction 0; QEMU's clock includes it: 1 ns, then 0x100 cycles to the wrap.
    expect(t.dueNs()).toBe(1 + 0x100);
    t.at(0x100);
    t.core.pmuPoll();
    expect(t.r(PMOVSR)).toBe(0);
    t.at(0x101);
    t.core.pmuPoll();
    expect(t.r(PMOVSR)).toBe(CYCLE);
    // The value is exactly 2^32 now: QEMU arms nothing (0 cycles to go) until the next access.
    expect(t.dueNs()).toBe(0);
  });

  it("an INST_RETIRED counter is checked one instruction before its wrap (QEMU 7.2), so the wrap waits for the next synchronisation", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMEVTYPER(0), INST_RETIRED);
    t.w(PMCNTENSET, 1);
    t.w(PMCR, E);
    t.w(PMEVCNTR(0), 0xffff_ff00);
    expect(t.dueInsns()).toBe(0xff);
    t.at(0xff);
    t.core.pmuPoll();
    expect([t.dueInsns(), t.r(PMOVSR)]).toEqual([0, 0]); // value 0xffffffff: no overflow, no new check
    t.at(0x105);
    t.core.pmuPoll();
    expect(t.r(PMOVSR)).toBe(0);
    expect(t.r(PMEVCNTR(0))).toBe(5); // this read synchronises: the wrap shows now
    expect(t.r(PMOVSR)).toBe(1);
  });
});

describe("state", () => {
  it("the host reads and rewrites architectural values between pmuHostBegin and pmuHostEnd", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.w(PMEVTYPER(0), INST_RETIRED);
    t.w(PMCNTENSET, CYCLE | 1);
    t.w(PMCR, E);
    t.at(1000);
    t.core.pmuHostBegin();
    expect([t.slot("PMCCNTR"), t.slot("PMEVCNTR0")]).toEqual([1000n, 1000n]);
    t.setSlot("PMCCNTR", 5n);
    t.setSlot("PMEVCNTR0", 7n);
    t.core.pmuHostEnd();
    t.at(1010);
    expect([t.r(PMCCNTR), t.r(PMEVCNTR(0))]).toEqual([15, 17]);
  });

  it("each CPU's state block has its own PMU", () => {
    const t = makeCore({ nsPerInsn: 1 });
    t.core.cpuSave(1); // CPU 1: reset state, PMU off
    t.w(PMCNTENSET, CYCLE);
    t.w(PMCR, E);
    t.at(100);
    t.core.cpuSave(0);
    t.core.cpuLoad(1);
    t.virtualTime(1);
    t.at(500);
    expect(t.r(PMCCNTR)).toBe(0);
    t.core.cpuSave(1);
    t.core.cpuLoad(0);
    t.at(300);
    expect(t.r(PMCCNTR)).toBe(300);
  });
});

describe("instruction count at exceptions (QEMU's icount)", () => {
  const UDF = 0xe7f000f0, BKPT = 0xe1200070, LDREX_R0_R1 = 0xe1910f9f;
  for (const [name, word, counted] of [["SVC", SVC0, 1], ["UDF", UDF, 1], ["BKPT", BKPT, 1], ["an aborting LDREX", LDREX_R0_R1, 0]] as const) {
    it(`${name} ${counted ? "counts" : "does not count"} as executed`, () => {
      const t = makeCore();
      t.program([word]);
      t.program(Array(8).fill(NOP), 0x100);
      t.w(VBAR, RAM + 0x100);
      t.start();
      t.core.setReg(1, RAM + 1); // unaligned: LDREX takes an alignment fault
      t.core.run(1);
      expect(t.core.getIcount()).toBe(counted);
      expect(t.core.getReg(15) >>> 0).toBeGreaterThanOrEqual(RAM + 0x104);
    });
  }

  it("an UNDEFINED vector still ends in the exception-loop crash", () => {
    const t = makeCore();
    t.program([UDF]);
    t.program([NOP, UDF], 0x100);
    t.w(VBAR, RAM + 0x100);
    t.start();
    expect(t.core.run(1000)).toBe(3); // STOP_CRASH
    expect(t.core.crashReason()).toBe(1);
  });
});
