// A32 exclusives and SWP. The monitor semantics (compare-and-swap on the value read, the
// STREXB-after-LDREX quirk, alignment, no access without a monitor) were checked against
// qemu-system-arm 7.2 -M virt -cpu cortex-a15 with a bare-metal probe.
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { dispatchKey, cp15 } from "../../../../core/sysregs/defs/types.js";
import { S_EXCL_ADDR, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL_HI } from "../../../../core/state/layout.js";

const D = RAM_BASE + 0x1000;
const UND = 0x1b, ABT = 0x17;
const DFSR = dispatchKey(cp15(5, 0, 0, 0));
const DFAR = dispatchKey(cp15(6, 0, 0, 0));

const LDREX = 0xe1920f9f, LDREXB = 0xe1d20f9f, LDREXH = 0xe1f20f9f, LDREXD = 0xe1b20f9f; // rt=r0, rn=r2
const STREX = 0xe1823f91, STREXB = 0xe1c23f91, STREXH = 0xe1e23f91, STREXD = 0xe1a23f90; // rd=r3, rt=r1 (r0,r1 for D), rn=r2

function run(words: number[], regs: Record<number, number> = {}, mem: Record<number, number> = {}): Harness {
  const h = makeHarness();
  h.poke32(RAM_BASE, ...words);
  for (let i = 0; i < 16; i++) h.poke32(D + 4 * i, 0x11111111 * (i + 1));
  for (const [a, v] of Object.entries(mem)) h.poke32(Number(a), v);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  h.core.run(words.length);
  return h;
}
const mode = (h: Harness) => h.core.getCpsr() & 0x1f;
const undef = (h: Harness) => mode(h) === UND && h.regs()[15] === 4;
const dabort = (h: Harness) => mode(h) === ABT && h.regs()[15] === 0x10;
const st = (h: Harness) => new DataView(h.core.memory.buffer, h.core.stateBase());

describe("LDREX/STREX", () => {
  it("LDREX sets the monitor (address, value); STREX then succeeds and clears it", () => {
    const h = run([LDREX, STREX], { 1: 0xcafe, 2: D });
    expect(h.regs()[0]).toBe(0x11111111);
    expect(h.regs()[3]).toBe(0);
    expect(h.peek32(D)).toBe(0xcafe);
    expect(st(h).getUint32(S_EXCL_VALID, true)).toBe(0);
    const h1 = run([LDREX], { 2: D + 4 });
    expect(st(h1).getUint32(S_EXCL_VALID, true)).toBe(1);
    expect(st(h1).getUint32(S_EXCL_ADDR, true)).toBe(D + 4);
    expect(st(h1).getUint32(S_EXCL_VAL, true)).toBe(0x22222222);
  });

  it("STREX without a monitor fails with no access at all (even misaligned or outside RAM)", () => {
    let h = run([STREX], { 1: 0xcafe, 2: D, 3: 7 });
    expect(h.regs()[3]).toBe(1); expect(h.peek32(D)).toBe(0x11111111);
    h = run([STREX], { 1: 0xcafe, 2: D + 1 });
    expect(h.regs()[3]).toBe(1); expect(mode(h)).toBe(0x13);
    h = run([STREX], { 1: 0xcafe, 2: 0x09000000 });
    expect(h.regs()[3]).toBe(1); expect(h.mmio).toEqual([]);
  });

  it("STREX to another address fails and clears the monitor", () => {
    // ldrex r0, [r2]; strex r3, r1, [r4]; strex r5, r1, [r2]
    const h = run([LDREX, 0xe1843f91, 0xe1825f91], { 1: 0xcafe, 2: D, 4: D + 4 });
    expect([h.regs()[3], h.regs()[5]]).toEqual([1, 1]);
    expect(h.peek32(D)).toBe(0x11111111); expect(h.peek32(D + 4)).toBe(0x22222222);
  });

  it("STREX fails when memory no longer holds the value read (compare-and-swap, as QEMU)", () => {
    // ldrex r0, [r2]; str r4, [r2]; strex r3, r1, [r2]
    const h = run([LDREX, 0xe5824000, STREX], { 1: 0xcafe, 2: D, 4: 0x4444 });
    expect(h.regs()[3]).toBe(1); expect(h.peek32(D)).toBe(0x4444);
    // ... but an intervening store of the same value does not break it
    const h2 = run([LDREX, 0xe5820000 /* str r0, [r2] */, STREX], { 1: 0xcafe, 2: D });
    expect(h2.regs()[3]).toBe(0); expect(h2.peek32(D)).toBe(0xcafe);
  });

  it("a second STREX fails: every STREX clears the monitor", () => {
    const h = run([LDREX, STREX, 0xe1824f91 /* strex r4, r1, [r2] */], { 1: 0xcafe, 2: D });
    expect([h.regs()[3], h.regs()[4]]).toEqual([0, 1]);
  });

  it("byte and halfword forms", () => {
    let h = run([LDREXB, STREXB], { 1: 0x1ab, 2: D + 1 }, { [D]: 0x44332211 });
    expect([h.regs()[0], h.regs()[3], h.peek32(D)]).toEqual([0x22, 0, 0x4433ab11]);
    h = run([LDREXH, STREXH], { 1: 0x1abcd, 2: D + 2 }, { [D]: 0x44332211 });
    expect([h.regs()[0], h.regs()[3], h.peek32(D)]).toEqual([0x4433, 0, 0xabcd2211]);
  });

  it("STREXB after a word LDREX stores when the low byte matches but reports failure (QEMU 7.2)", () => {
    let h = run([LDREX, STREXB], { 1: 0xab, 2: D }, { [D]: 0x12345678 });
    expect([h.regs()[3], h.peek32(D)]).toEqual([1, 0x123456ab]);
    h = run([LDREX, STREXB], { 1: 0xab, 2: D }, { [D]: 0x78 });
    expect([h.regs()[3], h.peek32(D)]).toEqual([0, 0xab]);
  });

  it("LDREXD/STREXD", () => {
    const h = run([LDREXD, STREXD], { 2: D });
    expect([h.regs()[0], h.regs()[1]]).toEqual([0x11111111, 0x22222222]);
    expect(h.regs()[3]).toBe(0);
    expect([h.peek32(D), h.peek32(D + 4)]).toEqual([0x11111111, 0x22222222]);
    const h2 = run([LDREXD], { 2: D + 8 });
    expect(st(h2).getUint32(S_EXCL_VAL, true)).toBe(0x33333333);
    expect(st(h2).getUint32(S_EXCL_VAL_HI, true)).toBe(0x44444444);
    // ldrexd r4, r5, [r2]; strexd r6, r4, r5 with new values via r0/r1: strexd r3, r0, r1
    const h3 = run([0xe1b24f9f, STREXD], { 0: 0xaaaa, 1: 0xbbbb, 2: D });
    expect([h3.regs()[3], h3.peek32(D), h3.peek32(D + 4)]).toEqual([0, 0xaaaa, 0xbbbb]);
  });

  it("a changed high word makes STREXD fail", () => {
    // ldrexd r4, r5, [r2]; str r6, [r2, #4]; strexd r3, r0, r1, [r2]
    const h = run([0xe1b24f9f, 0xe5826004, STREXD], { 0: 0xaaaa, 1: 0xbbbb, 2: D, 6: 0x66 });
    expect([h.regs()[3], h.peek32(D), h.peek32(D + 4)]).toEqual([1, 0x11111111, 0x66]);
  });

  it("alignment: exclusives fault when not naturally aligned; LDREXD needs 8", () => {
    let h = run([LDREX], { 0: 5, 2: D + 2 });
    expect(dabort(h)).toBe(true);
    expect(h.core.readSysreg(DFSR)).toBe(0x001); expect(h.core.readSysreg(DFAR)).toBe(D + 2);
    expect(h.regs()[0]).toBe(5);
    h = run([LDREXH], { 2: D + 1 });
    expect(dabort(h)).toBe(true);
    h = run([LDREXB], { 2: D + 1 });
    expect(dabort(h)).toBe(false);
    h = run([LDREXD], { 2: D + 4 });
    expect(dabort(h)).toBe(true); expect(h.core.readSysreg(DFAR)).toBe(D + 4);
    // a monitor on a byte address then STREX (word) there: alignment fault, monitor kept
    h = run([LDREXB, STREX], { 1: 0xab, 2: D + 1 });
    expect(dabort(h)).toBe(true); expect(h.core.readSysreg(DFSR)).toBe(0x001);
    expect(st(h).getUint32(S_EXCL_VALID, true)).toBe(1);
  });

  it("UNDEFINED register choices (as QEMU)", () => {
    expect(undef(run([0xe1820f90], { 2: D }))).toBe(true); // strex r0, r0, [r2]: Rd == Rt
    expect(undef(run([0xe1822f91], { 2: D }))).toBe(true); // strex r2, r1, [r2]: Rd == Rn
    expect(undef(run([0xe18f3f91]))).toBe(true); // strex r3, r1, [pc]
    expect(undef(run([0xe192ff9f], { 2: D }))).toBe(true); // ldrex pc, [r2]
    expect(undef(run([0xe1b21f9f], { 2: D }))).toBe(true); // ldrexd r1, r2: odd Rt
    expect(undef(run([0xe1b2ef9f], { 2: D }))).toBe(true); // ldrexd r14, pc
    expect(undef(run([0xe1a23f91], { 2: D }))).toBe(true); // strexd r3, r1, r2: odd Rt
    expect(undef(run([0xe1a21f90], { 2: D }))).toBe(true); // strexd r1, r0, r1: Rd == Rt2
  });
});

describe("SWP/SWPB (still executed by QEMU 7.2 on Cortex-A15)", () => {
  it("SWP exchanges a word, SWPB a byte", () => {
    let h = run([0xe1020091], { 1: 0xaaaa5555, 2: D });
    expect([h.regs()[0], h.peek32(D)]).toEqual([0x11111111, 0xaaaa5555]);
    h = run([0xe1420091], { 1: 0xaaaa5555, 2: D });
    expect([h.regs()[0], h.peek32(D)]).toEqual([0x11, 0x11111155]);
  });

  it("SWP with Rt == Rt2 swaps the register with memory", () => {
    const h = run([0xe1021091 /* swp r1, r1, [r2] */], { 1: 0x99, 2: D });
    expect([h.regs()[1], h.peek32(D)]).toEqual([0x11111111, 0x99]);
  });

  it("SWP needs word alignment", () => {
    const h = run([0xe1020091], { 1: 1, 2: D + 2 });
    expect(dabort(h)).toBe(true);
    expect(h.peek32(D)).toBe(0x11111111);
  });
});
