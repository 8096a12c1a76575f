// Every cp15/cp14 MRC and MRRC encoding, read at PL1 and PL0 after reset, against what
// qemu-system-arm 7.2 (-M virt -cpu cortex-a15) gives (qemu/a15-mrc-probe.txt, see qemu/README.md).
import { describe, it, expect } from "vitest";
import { mmuRegisters } from "../../../core/sysregs/defs/mmu.js";
import { expandEnc } from "../../../core/sysregs/defs/types.js";
import { makeHarness } from "../../helpers/core-harness.js";
import { readQemuFile, key, key64, keyOf, rd } from "./sysreg-helpers.js";

type Seen = { pl1?: bigint; pl0?: bigint }; // undefined = UNDEFINED
const qemu = new Map<number, Seen>();
for (const line of readQemuFile("a15-mrc-probe.txt").split("\n")) {
  const f = line.trim().split(/\s+/);
  const val = (s: string) => (s === "-" ? undefined : BigInt("0x" + s));
  if (f[0] === "R") {
    const [cp, crn, opc1, crm, opc2] = f.slice(1, 6).map((x) => parseInt(x, 16));
    qemu.set(key(cp as 14 | 15, crn, opc1, crm, opc2), { pl1: val(f[6]), pl0: val(f[7]) });
  } else if (f[0] === "Q") {
    const [cp, opc1, crm] = f.slice(1, 4).map((x) => parseInt(x, 16));
    qemu.set(key64(cp as 14 | 15, opc1, crm), { pl1: val(f[4]), pl0: val(f[5]) });
  }
}

// The MMU registers belong to another table file (and QEMU's DACR is a crn=3 wildcard there).
const mmuKeys = new Set(mmuRegisters.flatMap((d) => expandEnc(d.aa32)).map(keyOf));
const isMmu = (k: number, crn: number, cp: number, is64: boolean) => mmuKeys.has(k) || (cp === 15 && !is64 && crn === 3);
// Values that change with time (the counters, TVAL = CVAL - count).
const timeVarying = new Set([key(15, 14, 0, 2, 0), key(15, 14, 0, 3, 0), key64(15, 0, 14), key64(15, 1, 14)]);

function* allEncodings(): Generator<{ k: number; name: string; crn: number; cp: 14 | 15; is64: boolean }> {
  for (const cp of [15, 14] as const) {
    for (let crn = 0; crn < 16; crn++) for (let opc1 = 0; opc1 < 8; opc1++)
      for (let crm = 0; crm < 16; crm++) for (let opc2 = 0; opc2 < 8; opc2++)
        yield { k: key(cp, crn, opc1, crm, opc2), name: `p${cp} ${opc1} c${crn} c${crm} ${opc2}`, crn, cp, is64: false };
    for (let opc1 = 0; opc1 < 16; opc1++) for (let crm = 0; crm < 16; crm++)
      yield { k: key64(cp, opc1, crm), name: `p${cp} ${opc1} c${crm} (64)`, crn: 0, cp, is64: true };
  }
}

describe("MRC/MRRC of every encoding vs QEMU 7.2", () => {
  const h = makeHarness();
  for (const level of ["PL1", "PL0"] as const) {
    it(`readability and values at ${level}`, () => {
      const bad: string[] = [];
      let checked = 0;
      for (const { k, name, crn, cp, is64 } of allEncodings()) {
        if (isMmu(k, crn, cp, is64)) continue;
        const q = qemu.get(k);
        const want = level === "PL1" ? q?.pl1 : q?.pl0;
        const got = rd(h.core, k, level === "PL0");
        checked++;
        if ((want === undefined) !== got.undef) { bad.push(`${name}: QEMU ${want === undefined ? "UNDEF" : "reads"}, we ${got.undef ? "UNDEF" : "read"}`); continue; }
        if (want === undefined || got.nop || timeVarying.has(k)) continue; // a NOP read keeps Rt: QEMU's value is stale
        if (got.value !== want) bad.push(`${name}: QEMU 0x${want.toString(16)}, we 0x${got.value.toString(16)}`);
      }
      expect(bad).toEqual([]);
      expect(checked).toBeGreaterThan(32000);
    });
  }

  it("the ID registers read QEMU 7.2's values", () => {
    const id = (crn: number, opc1: number, crm: number, opc2: number) => rd(h.core, key(15, crn, opc1, crm, opc2)).value;
    expect(id(0, 0, 0, 0)).toBe(0x414fc0f0n);  // MIDR: r4p0
    expect(id(0, 0, 0, 5)).toBe(0x80000000n);  // MPIDR of CPU 0
    expect(id(0, 0, 1, 1)).toBe(0x00010001n);  // ID_PFR1 without Security/Virtualization
    expect(id(0, 0, 1, 2)).toBe(0x02010505n);  // ID_DFR0 without CopSDbg
    expect(id(0, 1, 0, 0)).toBe(0x701fe00an);  // CCSIDR (CSSELR = 0)
    expect(id(9, 1, 0, 2)).toBe(0x00800000n);  // L2CTLR, 1 CPU
    expect(rd(h.core, key(14, 0, 0, 0, 0), true).value).toBe(0x3515f021n); // DBGDIDR from PL0
  });

  it("NOP registers: readable, and the read leaves Rt alone", () => {
    for (const k of [key(14, 0, 0, 7, 0) /* DBGVCR */, key(14, 0, 0, 2, 0) /* DBGDCCINT */, key(15, 10, 3, 8, 5) /* TLB lockdown */]) {
      const a = rd(h.core, k);
      expect(a.undef).toBe(false);
      expect(a.nop).toBe(true);
    }
    expect(rd(h.core, key(15, 0, 0, 0, 0)).nop).toBe(false);
  });
});

describe("MPIDR and L2CTLR follow the CPU index and count", () => {
  it("virt's 8-CPU clusters", () => {
    const h = makeHarness();
    const dv = new DataView(h.core.memory.buffer);
    dv.setUint32(h.core.stateBase() + 0x14c /* S_CPU_INDEX */, 3, true);
    expect(rd(h.core, key(15, 0, 0, 0, 5)).value).toBe(0x80000003n);
    dv.setUint32(h.core.stateBase() + 0x14c, 9, true);
    expect(rd(h.core, key(15, 0, 0, 0, 5)).value).toBe(0x80000101n);
    h.core.setNumCpus(4);
    expect(rd(h.core, key(15, 9, 1, 0, 2)).value).toBe(0x03800000n);
    h.core.setNumCpus(1);
  });
});
