// The register-list merge policy (machines/snapshot/cpu/merge.ts) on real machines saved and
// loaded in process: every decision the issue names, each shown by what the loaded CPU holds and
// by the report line that names it. Streams are our own with their `cpu` lists rewritten
// (test/helpers/kvm-fixture.ts), so everything else in them is valid.
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { ArmletError } from "../../../machines/errors.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { S_SYSREGS } from "../../../core/state/layout.js";
import { dispatchKey } from "../../../core/sysregs/defs/types.js";
import { SYSREGS } from "../../../core/sysregs/defs/index.js";
import { gicMmio, GICD, load, saveBytes, type BoardName } from "../gic/snapshot-helpers.js";
import { KVM_IDS, HOST_VALUES, kvmOriginStream, rewriteCpuLists, OUR_COUNTER_HZ } from "../../helpers/kvm-fixture.js";

const NS = 1n << 29n;
const ID = {
  SCTLR_S: 0x4020_0000_000f_0800n, SCTLR_NS: 0x4020_0000_200f_0800n, SCTLR_EL1: 0x6030_0000_0013_c080n,
  TTBR0_32: 0x4020_0000_200f_1000n, TTBR0_EL1: 0x6030_0000_0013_c100n,
  TPIDRURW: 0x4020_0000_200f_6802n, TPIDRURW_EL0: 0x6030_0000_0013_de82n,
  ID_PFR0: 0x4020_0000_200f_0080n, MIDR: 0x4020_0000_200f_0000n, ACTLR: 0x4020_0000_200f_0801n,
  L2CTLR: 0x4020_0000_200f_480an, CLIDR: 0x4020_0000_200f_0009n, ID_RAZ_C3_1: 0x4020_0000_200f_0181n,
  CNTV_CTL_EL0: 0x6030_0000_0013_df19n, CNTV_CVAL_EL0: 0x6030_0000_0013_df1an, CNTVCT_EL0: 0x6030_0000_0013_df02n,
  TCR2_EL1: 0x6030_0000_0013_c103n, PSCI_VERSION64: 0x6030_0000_0014_0000n,
};
const hex = (v: bigint) => `0x${v.toString(16)}`;

/** A machine that never runs (its kernel a two-instruction loop); policy options as the CLI gives them. */
function machine(board: BoardName, opts: { cpregPolicy?: "lenient" | "strict"; kvmCounterHz?: number } = {}): Machine {
  const loop = Buffer.alloc(8);
  loop.writeUInt32LE(0xe2811001, 0);
  loop.writeUInt32LE(0xeafffffd, 4);
  return new Machine({ machine: board, smp: 2, memory: "16M", kernel: new Uint8Array(loop), nsPerInsn: 1, maxInsns: 1000, icountSleep: false, ...opts });
}

/** A system register's storage (32 or 64 bits) on one CPU. */
function sr(m: Machine, cpu: number, name: string, bits: 32 | 64 = 32) {
  const at = () => { m.cpus.switchTo(cpu); return m.core.stateBase() + S_SYSREGS + SYSREG_STORAGE[name]; };
  const dv = () => new DataView(m.core.memory.buffer);
  return {
    get: (): bigint => { const a = at(); const v = bits === 64 ? dv().getBigUint64(a, true) : BigInt(dv().getUint32(a, true)); m.cpus.switchTo(0); return v; },
    set: (v: bigint) => { const a = at(); if (bits === 64) dv().setBigUint64(a, v, true); else dv().setUint32(a, Number(v), true); m.cpus.switchTo(0); },
  };
}

/** What the guest reads with MRC (a constant's value as the CPU holds it). */
function mrc(m: Machine, cpu: number, name: string): bigint {
  const d = SYSREGS.find((r) => r.name === name)!;
  m.cpus.switchTo(cpu);
  const v = BigInt(m.core.sysregRawReadLo(dispatchKey(d.aa32)) >>> 0);
  m.cpus.switchTo(0);
  return v;
}

/** A source machine with recognisable state on both CPUs, saved. */
function source(board: BoardName): { bytes: Uint8Array; m: Machine } {
  const m = machine(board);
  for (const cpu of [0, 1]) {
    sr(m, cpu, "TPIDRURW").set(0x1234_0000n + BigInt(cpu));
    sr(m, cpu, "TPIDRURO").set(0xc0de_0000n + BigInt(cpu));
    sr(m, cpu, "DACR").set(0x5555_5555n);
    sr(m, cpu, "SCTLR").set(0x10c5_387dn);
    sr(m, cpu, "TTBR0", 64).set(0x0000_0000_8000_406an);
    sr(m, cpu, "CONTEXTIDR").set(0x42n + BigInt(cpu));
  }
  return { bytes: saveBytes(m), m };
}

/** Edit CPU 0's list (CPU 1's stays as saved). */
function editCpu0(bytes: Uint8Array, edit: (ids: bigint[], values: bigint[]) => void): Uint8Array {
  return rewriteCpuLists(bytes, (c) => { if (c.cpu === 0) edit(c.ids, c.values); });
}
const put = (ids: bigint[], values: bigint[], id: bigint, v: bigint) => {
  const i = ids.indexOf(id);
  if (i >= 0) { values[i] = v; return; }
  const at = ids.findIndex((x) => x > id);
  ids.splice(at < 0 ? ids.length : at, 0, id);
  values.splice(at < 0 ? values.length : at, 0, v);
};
const drop = (ids: bigint[], values: bigint[], id: bigint) => {
  const i = ids.indexOf(id);
  expect(i, hex(id)).toBeGreaterThanOrEqual(0);
  ids.splice(i, 1);
  values.splice(i, 1);
};

describe("merging an incoming register list", () => {
  it("our own stream: every register back, nothing decided", () => {
    for (const board of ["virt", "vexpress-a15"] as const) {
      const { bytes } = source(board);
      const m = machine(board);
      const r = load(m, bytes);
      expect(r.report.decisions, board).toEqual([]);
      expect(sr(m, 1, "TPIDRURW").get()).toBe(0x1234_0001n);
      expect(sr(m, 0, "TTBR0", 64).get()).toBe(0x8000_406an);
    }
  });

  it("ids this CPU does not know: skipped and named; under --cpreg-policy strict the load is refused and nothing changes", () => {
    const { bytes } = source("virt");
    const odd = editCpu0(bytes, (ids, values) => {
      put(ids, values, ID.TCR2_EL1, 0x5n); // a register of a newer kernel
      put(ids, values, ID.PSCI_VERSION64, 0x10001n); // a firmware pseudo-register
    });
    const m = machine("virt");
    const said = load(m, odd).report.decisions.join("\n");
    expect(said).toMatch(/cpu 0: 2 register id\(s\) unknown to this CPU skipped: 0x603000000013c103 \(S3_0_C2_C0_3\), 0x6030000000140000 \(KVM_REG_ARM_PSCI_VERSION\)/);
    expect(sr(m, 0, "TPIDRURW").get()).toBe(0x1234_0000n); // the rest applied

    const strict = machine("virt", { cpregPolicy: "strict" });
    sr(strict, 0, "TPIDRURW").set(0x77n);
    let err: unknown;
    try { load(strict, odd); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ArmletError);
    expect((err as ArmletError).kind).toBe("snapshot"); // exit 65
    expect((err as Error).message).toMatch(/cpu 0: .*2 id\(s\) this CPU does not know: 0x603000000013c103 .*--cpreg-policy strict/);
    expect(sr(strict, 0, "TPIDRURW").get()).toBe(0x77n);
    // strict takes a stream without unknown ids
    expect(load(machine("virt", { cpregPolicy: "strict" }), bytes).report.decisions).toEqual([]);
  });

  it("constant and ID registers that differ: ours stay, and the report names each", () => {
    const { bytes } = source("virt");
    const odd = editCpu0(bytes, (ids, values) => {
      put(ids, values, ID.ID_PFR0, 0x31n);
      put(ids, values, ID.MIDR, 0x412f_c0f2n);
      put(ids, values, ID.ACTLR, 0x40n);
      put(ids, values, ID.L2CTLR, 0x0100_0002n);
      put(ids, values, ID.CLIDR, 0x0920_0023n);
      put(ids, values, 0x4020_0000_0011_0002n, 0x73ff_e07an); // KVM's DEMUX CCSIDR of the L2
      put(ids, values, 0x4020_0000_0011_0000n, 0x701f_e00an); // the L1 D-cache's, equal to ours
    });
    const m = machine("virt");
    const said = load(m, odd).report.decisions.join("\n");
    for (const [name, id, theirs, ours] of [
      ["ID_PFR0", ID.ID_PFR0, 0x31n, 0x1131n], ["MIDR", ID.MIDR, 0x412fc0f2n, 0x414fc0f0n], ["ACTLR", ID.ACTLR, 0x40n, 0n],
      ["L2CTLR", ID.L2CTLR, 0x1000002n, 0x1800000n], ["CLIDR", ID.CLIDR, 0x0920_0023n, 0xa200023n],
      ["CCSIDR (CSSELR 2)", 0x4020_0000_0011_0002n, 0x73ffe07an, 0x711fe07an],
    ] as const) {
      expect(said).toContain(`cpu 0: ${name} (${hex(id)}): the stream has ${hex(theirs)}, this CPU ${hex(ours)}: kept ours`);
      if (!name.startsWith("CCSIDR")) expect(mrc(m, 0, name), name).toBe(ours);
    }
    expect(said).not.toMatch(/CSSELR 0/);
    expect(said).not.toMatch(/unknown/);
  });

  it("state another register owns (an alias view, a wildcard's child): applied through the owner", () => {
    const { bytes } = source("virt");
    const odd = editCpu0(bytes, (ids, values) => {
      drop(ids, values, ID.SCTLR_EL1); // SCTLR only as its AArch32 NS view, as KVM sends it
      put(ids, values, ID.SCTLR_NS, 0x10c5_1c7dn);
      drop(ids, values, ID.TTBR0_EL1); // TTBR0 only through its 32-bit view (low word)
      put(ids, values, ID.TTBR0_32, 0x8123_406an);
      put(ids, values, ID.ID_RAZ_C3_1, 0n); // a child of QEMU's opc2 wildcard: a RAZ ID register
    });
    const m = machine("virt");
    const said = load(m, odd).report.decisions.join("\n");
    expect(sr(m, 0, "SCTLR").get()).toBe(0x10c5_1c7dn);
    expect(sr(m, 0, "TTBR0", 64).get()).toBe(0x8123_406an);
    expect(said).toMatch(/cpu 0: 3 id\(s\) for state another register owns applied through it: ID_RAZ_C3_1 \(0x40200000200f0181\) -> ID_RAZ_C3, SCTLR \(0x40200000200f0800\) -> SCTLR, TTBR0_32 \(0x40200000200f1000\) -> TTBR0/);
    expect(said).not.toMatch(/keep their reset values: .*\bSCTLR\b/); // its state came, by another id
  });

  it("our registers the stream lacks keep their reset values, and are named", () => {
    const { bytes } = source("virt");
    const odd = editCpu0(bytes, (ids, values) => { drop(ids, values, ID.TPIDRURW); drop(ids, values, ID.TPIDRURW_EL0); });
    const m = machine("virt");
    const said = load(m, odd).report.decisions.join("\n");
    expect(sr(m, 0, "TPIDRURW").get()).toBe(0n);
    expect(sr(m, 1, "TPIDRURW").get()).toBe(0x1234_0001n);
    expect(said).toMatch(/cpu 0: 2 of this CPU's registers are not in the stream and keep their reset values: TPIDRURW, TPIDR_EL0/);
    expect(said).not.toMatch(/cpu 1:/);
  });
});

describe("a 32-bit KVM host's stream (test/helpers/kvm-fixture.ts)", () => {
  const HOST_HZ = 24_000_000;
  /** A source whose virtual timers are armed: CPU 0's already fired, CPU 1's far ahead. */
  function timedSource(board: BoardName) {
    const s = source(board);
    s.m.cpus.switchTo(0);
    const now = BigInt(Math.floor(s.m.guestNs() / 16));
    for (const cpu of [0, 1]) {
      sr(s.m, cpu, "CNTV_CTL").set(1n); // enabled, not masked
      sr(s.m, cpu, "CNTV_CVAL", 64).set(cpu === 0 ? 0n : now + 1_000_000_000n);
      sr(s.m, cpu, "CNTVOFF", 64).set(0n);
    }
    return { bytes: saveBytes(s.m), now };
  }

  for (const board of ["virt", "vexpress-a15"] as const) {
    it(`${board}: every register KVM sends comes back; ids without the NS bit, counter in host ticks, deadlines -1`, () => {
      const { bytes } = timedSource(board);
      const kvm = kvmOriginStream(bytes, { hostCounterHz: HOST_HZ, omit: ["AIFSR"] });
      const c0 = kvm.cpus[0];
      expect(c0.ids.every((id) => (id & NS) === 0n)).toBe(true);
      expect(c0.ids).toContain(KVM_IDS.TIMER_CNT);
      const m = machine(board, { kvmCounterHz: HOST_HZ });
      const { report, stream } = load(m, kvm.bytes);
      expect(stream.sections.some((s) => s.idstr.startsWith("armlet"))).toBe(false);
      const cpu = stream.sections.filter((s) => s.idstr === "cpu").map((s) => s.state);
      expect(cpu.map((s) => [s["gt_timer[0]"], s["gt_timer[1]"]])).toEqual([[-1n, -1n], [-1n, -1n]]);
      for (const c of [0, 1]) {
        expect(sr(m, c, "TPIDRURW").get()).toBe(0x1234_0000n + BigInt(c));
        expect(sr(m, c, "TPIDRURO").get()).toBe(0xc0de_0000n + BigInt(c));
        expect(sr(m, c, "CONTEXTIDR").get()).toBe(0x42n + BigInt(c));
        expect(sr(m, c, "DACR").get()).toBe(0x5555_5555n);
        expect(sr(m, c, "SCTLR").get()).toBe(0x10c5_387dn);
        expect(sr(m, c, "TTBR0", 64).get()).toBe(0x8000_406an);
      }
      const said = [...report.decisions, ...report.notes].join("\n");
      expect(said).toMatch(/32-bit KVM host's \(AArch32 ids without the non-secure bit\): read as non-secure/);
      expect(said).toMatch(/cpu 0: .*unknown to this CPU skipped: .*0x4030000000140000 \(KVM_REG_ARM_PSCI_VERSION\), 0x4030000000140001 \(KVM fw register 0x1\), 0x4030000000140002 \(KVM fw register 0x2\)/);
      for (const name of ["MIDR", "ID_PFR0", "ID_PFR1", "ID_DFR0", "ACTLR", "L2CTLR", "CLIDR", "CCSIDR (CSSELR 2)"]) {
        expect(said, name).toMatch(new RegExp(`cpu 0: ${name.replace(/[()]/g, "\\$&")} \\(0x[0-9a-f]+\\): the stream has .*: kept ours`));
      }
      expect(said).toMatch(/cpu 0: \d+ id\(s\) for state another register owns applied through it: .*SCTLR \(0x40200000200f0800\) -> SCTLR/);
      expect(said).toMatch(/cpu 0: \d+ of this CPU's registers are not in the stream and keep their reset values: .*\bAIFSR\b/);
      // views of state KVM sent under another id are not "missing" (PAR's 32-bit view, SCTLR_EL1)
      expect(said).not.toMatch(/keep their reset values: .*(\bPAR_32,|SCTLR_EL1|TPIDR_EL0)/);
      expect(said).toMatch(/rescaled from the host's 24000000 Hz to this machine's 62500000 Hz/);
      expect(said).toMatch(/cpu 0: the stream's virtual count becomes a counter offset \(CNTVOFF\)/);
      expect(said).toMatch(/timer deadlines .*\(-1\) are ignored: timers re-armed/);
      expect(HOST_VALUES.MIDR).not.toBe(0x414fc0f0n);
    });
  }

  it("the virtual count continues through CNTVOFF, compare values come back in our ticks, timers re-armed without deadlines", () => {
    const { bytes } = timedSource("virt");
    const kvm = kvmOriginStream(bytes, { hostCounterHz: HOST_HZ });
    const m = machine("virt", { kvmCounterHz: HOST_HZ });
    load(m, kvm.bytes);
    const phys = BigInt(Math.floor(m.guestNs() / 16));
    for (const c of [0, 1]) {
      const want = kvm.cpus[c];
      const virt = BigInt.asUintN(64, phys - sr(m, c, "CNTVOFF", 64).get());
      // one host tick is 2.6 of ours: the round trip through host ticks is that exact
      expect(Number(virt - want.virtualCountOurs)).toBeLessThanOrEqual(3);
      expect(Number(virt - want.virtualCountOurs)).toBeGreaterThanOrEqual(-3);
      const cval = sr(m, c, "CNTV_CVAL", 64).get();
      expect(Number(cval - want.cntvCvalOurs)).toBeLessThanOrEqual(3);
      expect(Number(cval - want.cntvCvalOurs)).toBeGreaterThanOrEqual(-3);
    }
    // CPU 0's timer had fired: its line is up again (the stream's deadline said "disarmed");
    // CPU 1's is pending in the future at its compare value.
    const g = gicMmio(m.gic!);
    expect((g.dr(GICD.ISPENDR, 0) >>> 27) & 1).toBe(1);
    expect((g.dr(GICD.ISPENDR, 1) >>> 27) & 1).toBe(0);
    const due = m.cpus.timerDeadline[1];
    const cval1 = sr(m, 1, "CNTV_CVAL", 64).get() + sr(m, 1, "CNTVOFF", 64).get();
    expect(due).toBeGreaterThan(m.guestNs());
    expect(Math.abs(due - Number(cval1) * 16)).toBeLessThanOrEqual(16);
  });

  it("without --kvm-counter-hz the counter values are taken as ours, and the report says so", () => {
    const { bytes } = timedSource("virt");
    const kvm = kvmOriginStream(bytes, { hostCounterHz: HOST_HZ });
    const m = machine("virt");
    const said = load(m, kvm.bytes).report.decisions.join("\n");
    expect(said).toMatch(/counter values are in the KVM host's ticks at a frequency the stream does not record: taken as they are .*--kvm-counter-hz/);
    const host = kvm.cpus[1].values[kvm.cpus[1].ids.indexOf(KVM_IDS.TIMER_CVAL)];
    expect(sr(m, 1, "CNTV_CVAL", 64).get()).toBe(host);
    expect(OUR_COUNTER_HZ).toBe(62_500_000);
  });

  it("--cpreg-policy strict refuses it, naming the firmware ids", () => {
    const { bytes } = timedSource("virt");
    const kvm = kvmOriginStream(bytes, { hostCounterHz: HOST_HZ });
    expect(() => load(machine("virt", { cpregPolicy: "strict", kvmCounterHz: HOST_HZ }), kvm.bytes))
      .toThrow(/cpu 0: .*does not know: .*0x4030000000140000 \(KVM_REG_ARM_PSCI_VERSION\)/);
  });
});

describe("an arm64 KVM host's swapped virtual-timer ids", () => {
  it("the count becomes a counter offset, the compare value lands in CNTV_CVAL", () => {
    const { bytes } = source("virt");
    const odd = rewriteCpuLists(bytes, (c) => {
      // AArch64 ids only, as an arm64 host lists them: SCTLR_EL1, the timer pair swapped, PSCI
      const ids = [ID.SCTLR_EL1, ID.CNTV_CTL_EL0, ID.CNTVCT_EL0, ID.CNTV_CVAL_EL0, ID.PSCI_VERSION64];
      const values = [0x10c5_1c7dn, 1n, 200_000_000n /* compare */, 100_000_000n /* count */, 0x10001n];
      void c;
      return { ids, values };
    });
    const m = machine("virt", { kvmCounterHz: 100_000_000 });
    const said = load(m, odd).report.decisions.join("\n");
    expect(said).toMatch(/arm64 KVM host's: its swapped virtual-timer ids \(count and compare\) are swapped back/);
    expect(sr(m, 0, "CNTV_CVAL", 64).get()).toBe(125_000_000n);
    expect(sr(m, 0, "SCTLR").get()).toBe(0x10c5_1c7dn);
    const virt = BigInt.asUintN(64, BigInt(Math.floor(m.guestNs() / 16)) - sr(m, 0, "CNTVOFF", 64).get());
    expect(virt).toBe(62_500_000n);
    expect(said).toMatch(/cpu 0: the stream's virtual count becomes a counter offset/);
    expect(said).not.toMatch(/0x603000000013df02/); // not reported as unknown: it was the compare value
  });
});
